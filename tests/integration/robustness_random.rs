//! A bounded, stable-toolchain stand-in for the fuzz targets in `fuzz/`: a few thousand
//! pseudo-random inputs built from the pieces that matter (fences, YAML punctuation,
//! entities, Chinese text, CSV quotes) through the same functions. Deterministic (fixed
//! seed) so a failure reproduces; the real fuzzing is `scripts/fuzz-smoke.sh`.

use govsite::config::yaml;
use govsite::content::{front, ItemFront};
use govsite::rules::html;

const PIECES: &[&str] = &[
    "---\n",
    "...\n",
    "\r\n",
    "\n",
    "\t",
    " ",
    ":",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "&",
    ";",
    "&amp;",
    "&#",
    "&#x",
    "#",
    "*a",
    "&a ",
    "<",
    ">",
    "</a>",
    "<a href=\"",
    "title",
    "date",
    "slug",
    "aliases",
    "2026-02-30",
    "中文",
    "政务公开",
    "\u{F90A}",
    "\u{301}",
    "\u{feff}",
    "é",
    "1",
    "x",
    "/",
    "../",
    "https://www.example.gov.cn/",
    "old_path,new_url",
    "\"\"",
    "`",
    "|",
    "\\",
    "\u{0}",
];

/// xorshift64*: enough randomness for building inputs, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn input(&mut self) -> String {
        let len = (self.next() % 40) as usize;
        (0..len)
            .map(|_| PIECES[(self.next() % PIECES.len() as u64) as usize])
            .collect()
    }
}

#[test]
fn random_inputs_never_panic_the_parsers_and_scanners() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let hosts = vec!["www.example.gov.cn".to_string()];
    for _ in 0..20_000 {
        let text = rng.input();
        if let Ok(split) = front::split(&text, "r.md") {
            let _ = yaml::parse::<ItemFront>("r.md", split.yaml, split.yaml_offset);
        }
        let _ = html::decode_entities(&text);
        let _ = govsite::notices::redirects::parse(&text, "r.csv", &hosts);
        let rendered = govsite::markdown::render(&text);
        if let Ok(dom) = tl::parse(&rendered.html, tl::ParserOptions::default()) {
            for tag in html::tags(&dom) {
                let _ = html::text(tag, &dom);
            }
        };
    }
}
