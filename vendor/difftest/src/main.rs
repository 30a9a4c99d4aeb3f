//! Minifies random markup with the crates.io release of minify-html-onepass and with the
//! patched copy in vendor/, and fails if they ever give different results, or if the patched
//! one panics. The markup is strung together from pieces that exercise the patched paths:
//! entities, quotes, whitespace, `<` and `>` in text and attribute values, raw-text elements.

use std::panic::{catch_unwind, AssertUnwindSafe};

const PIECES: &[&str] = &[
    "<p>", "</p>", "<a href=", "<a title='", "<img alt=\"", "<input value=", "<div class=",
    "</div>", "<li>", "</li>", "<ul>", "</ul>", "<span>", "</span>", "<b>", "</b>", "<br>",
    "<td>", "<table>", "<pre>", "</pre>", "<textarea>", "</textarea>", "<title>", "</title>",
    "<!-- c -->", "<?x?>", "<!x>", "/>", "\"", "'", "`", "=", ">", "<", "< ", "/", ";", "1",
    "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&nbsp;", "&", "&am", "&lt", "&LT", "&#109;",
    "&#x3c;", "&#0;", "&#", "&x", " ", "  ", "\n", "\t", "x", "ab", "中文",
];

fn main() {
    let cases: u64 = std::env::args()
        .nth(1)
        .map_or(1_000_000, |n| n.parse().expect("the number of cases"));
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut random = move || {
        // xorshift64: repeatable, no dependency.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    std::panic::set_hook(Box::new(|_| {}));
    let (mut differ, mut upstream_panics) = (0u64, 0u64);
    for _ in 0..cases {
        let len = random() % 40;
        let markup: String = (0..len)
            .map(|_| PIECES[(random() % PIECES.len() as u64) as usize])
            .collect();
        let old = catch_unwind(AssertUnwindSafe(|| {
            let cfg = upstream::Cfg { minify_js: false, minify_css: false };
            upstream::copy(markup.as_bytes(), &cfg).map_err(|e| format!("{:?}", e.error_type))
        }));
        let new = catch_unwind(AssertUnwindSafe(|| {
            let cfg = patched::Cfg { minify_js: false, minify_css: false };
            patched::copy(markup.as_bytes(), &cfg).map_err(|e| format!("{:?}", e.error_type))
        }));
        match (old, new) {
            (Ok(old), Ok(new)) if old == new => {}
            (Err(_), Ok(_)) => upstream_panics += 1,
            (old, new) => {
                differ += 1;
                if differ <= 5 {
                    eprintln!("{markup:?}\n  upstream: {old:?}\n  patched:  {new:?}");
                }
            }
        }
    }
    println!(
        "{cases} cases: {differ} differ; upstream panicked on {upstream_panics} the patch fixes"
    );
    std::process::exit(i32::from(differ > 0));
}
