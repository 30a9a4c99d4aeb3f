//! Server redirect maps of the notice site, all with 301s: `_redirects` (Netlify and
//! compatible hosts), `nginx-redirects.conf` (an nginx `map` to include) and `.htaccess`
//! (Apache `Redirect 301`). They move every old URL, including files a redirect page cannot
//! stand in for (a PDF or a feed URL can only be moved by the server). Each map can be read
//! back by [`read`], which GOV704 uses to verify the maps it is given.

use super::plan::OldUrl;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// The map files, as written to the output root.
pub const FILES: [&str; 3] = ["_redirects", "nginx-redirects.conf", ".htaccess"];

/// Characters encoded in a Location header (non-ASCII is always encoded). `%` stays, so
/// already-encoded addresses pass through; `$` is encoded for nginx, where it starts a
/// variable.
const LOCATION: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'^')
    .add(b'$');

/// An address as sent in a 301 Location header.
pub fn location(url: &str) -> String {
    utf8_percent_encode(url, LOCATION).to_string()
}

/// The three map files for the old URLs, as (file name, text).
pub fn render(moves: &[OldUrl]) -> Vec<(&'static str, String)> {
    vec![
        (FILES[0], netlify(moves)),
        (FILES[1], nginx(moves)),
        (FILES[2], apache(moves)),
    ]
}

fn netlify(moves: &[OldUrl]) -> String {
    let mut out = String::from(
        "# govsite：迁移后的旧网址一律 301 跳转到新地址（Netlify 等静态托管的 _redirects 格式）\n",
    );
    for m in moves {
        // `301!` also applies where the notice site has a redirect page at the same path.
        out.push_str(&format!("{} {} 301!\n", location(&m.url), location(&m.new)));
    }
    out
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn nginx(moves: &[OldUrl]) -> String {
    let mut out = String::from(
        "# govsite：迁移后的旧网址 301 跳转表。在 http {} 中 include 本文件，并在 server {} 中加入：\n#     if ($govsite_redirect) { return 301 $govsite_redirect; }\nmap $uri $govsite_redirect {\n    default \"\";\n",
    );
    for m in moves {
        // $uri is the decoded path, so the key is the decoded path too.
        out.push_str(&format!(
            "    {} {};\n",
            quoted(&m.url),
            quoted(&location(&m.new))
        ));
    }
    out.push_str("}\n");
    out
}

fn apache(moves: &[OldUrl]) -> String {
    let mut out = String::from(
        "# govsite：迁移后的旧网址 301 跳转表（Apache mod_alias）。\n# Redirect 按路径前缀匹配、先写先用，所以较长的路径写在前面。\n",
    );
    let mut sorted: Vec<&OldUrl> = moves.iter().collect();
    sorted.sort_by(|a, b| {
        b.url
            .len()
            .cmp(&a.url.len())
            .then_with(|| a.url.cmp(&b.url))
    });
    for m in sorted {
        out.push_str(&format!(
            "Redirect 301 {} {}\n",
            quoted(&m.url),
            quoted(&location(&m.new))
        ));
    }
    out
}

/// Reads a map file back into (old path, Location) pairs; `None` for an unknown file.
pub fn read(file: &str, text: &str) -> Option<Vec<(String, String)>> {
    let lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let pairs = match file {
        "_redirects" => lines
            .filter_map(|l| {
                let mut parts = l.split_whitespace();
                let (from, to, code) = (parts.next()?, parts.next()?, parts.next()?);
                code.starts_with("301").then(|| {
                    let from = percent_encoding::percent_decode_str(from).decode_utf8_lossy();
                    (from.into_owned(), to.to_string())
                })
            })
            .collect(),
        "nginx-redirects.conf" => lines
            .filter_map(|l| pair(l.strip_suffix(';')?))
            .filter(|(from, _)| from != "default")
            .collect(),
        ".htaccess" => lines
            .filter_map(|l| pair(l.strip_prefix("Redirect 301 ")?))
            .collect(),
        _ => return None,
    };
    Some(pairs)
}

/// Two double-quoted strings with backslash escapes.
fn pair(text: &str) -> Option<(String, String)> {
    let (first, rest) = unquote(text.trim())?;
    let (second, rest) = unquote(rest.trim())?;
    rest.trim().is_empty().then_some((first, second))
}

fn unquote(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?.1),
            '"' => return Some((out, &body[i + 1..])),
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moves() -> Vec<OldUrl> {
        let m = |url: &str, new: &str| OldUrl {
            url: url.to_string(),
            new: new.to_string(),
            title: String::new(),
            page: false,
        };
        vec![
            m("/zwdt/", "https://www.example.gov.cn/sjj/zwdt/"),
            m("/zwdt/冬季 安全/", "https://www.example.gov.cn/sjj/冬季/"),
            m("/files/a\"b.pdf", "https://www.example.gov.cn/$x"),
        ]
    }

    #[test]
    fn every_map_reads_back_to_the_same_moves() {
        for (file, text) in render(&moves()) {
            let mut pairs = read(file, &text).unwrap();
            pairs.sort();
            let mut expected: Vec<(String, String)> = moves()
                .iter()
                .map(|m| (m.url.clone(), location(&m.new)))
                .collect();
            expected.sort();
            assert_eq!(pairs, expected, "{file}:\n{text}");
        }
    }

    #[test]
    fn locations_are_ascii_and_apache_puts_longer_paths_first() {
        assert_eq!(
            location("https://a.gov.cn/冬季/"),
            "https://a.gov.cn/%E5%86%AC%E5%AD%A3/"
        );
        let text = apache(&moves());
        let zwdt = text.find("\"/zwdt/\"").unwrap();
        let item = text.find("\"/zwdt/冬季 安全/\"").unwrap();
        assert!(item < zwdt);
        assert!(nginx(&moves()).contains("map $uri $govsite_redirect"));
    }
}
