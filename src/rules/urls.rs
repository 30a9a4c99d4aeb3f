//! URL helpers shared by the GOV4xx and GOV6xx rules: where a reference points (this site,
//! another host, or no host at all), path resolution against the page, percent-decoding,
//! the output file a path is served from, and the `url()`/`@import` references of CSS.

use crate::config::Config;
use std::borrow::Cow;
use std::collections::HashSet;

/// Hosts that every government site must load from: the 党政机关网站标识 (conac) script
/// and the 我为政府网站找错 (jiucuo) script.
pub const MANDATED_HOSTS: &[&str] = &["dcs.conac.cn", "zfwzgl.www.gov.cn"];

/// Hosts of the links that every footer must carry (ICP and 公安 filing sites).
pub const MANDATED_LINK_HOSTS: &[&str] = &["beian.miit.gov.cn", "beian.mps.gov.cn"];

/// Where a reference points.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Target {
    /// This site: an absolute, dot-free, percent-decoded path, and the decoded fragment.
    Internal {
        path: String,
        fragment: Option<String>,
    },
    /// Another host; `scheme` is `None` for a protocol-relative `//host/x`.
    External {
        host: String,
        scheme: Option<String>,
    },
    /// `mailto:`, `tel:`, `data:`, `javascript:` …: no host to load from.
    Other { scheme: String },
}

/// The site's own hosts, lowercase: `domain` and the host of `base_url`.
pub fn own_hosts(config: &Config) -> Vec<String> {
    let mut hosts = vec![config.domain().to_ascii_lowercase(), config.base_host()];
    hosts.retain(|h| !h.is_empty());
    hosts.dedup();
    hosts
}

/// Hosts page resources may come from: the site, the mandated hosts (and the host of the
/// configured conac script), and `allow_hosts`.
pub fn allowed_hosts(config: &Config) -> HashSet<String> {
    let mut hosts: HashSet<String> = own_hosts(config).into_iter().collect();
    hosts.extend(MANDATED_HOSTS.iter().map(|h| h.to_string()));
    if let Some(conac) = config.yaml.conac.as_ref() {
        hosts.extend(crate::config::host_of(Config::str_of(&conac.script)));
    }
    for entry in &config.yaml.allow_hosts {
        hosts.insert(normalize_host(entry.as_str()));
    }
    hosts
}

/// An `allow_hosts` entry as a bare lowercase host: scheme, path and port dropped.
pub fn normalize_host(entry: &str) -> String {
    let entry = entry.trim();
    if entry.contains("//") {
        return crate::config::host_of(entry).unwrap_or_default();
    }
    crate::config::host_of(&format!("//{entry}")).unwrap_or_default()
}

/// The scheme of a URL (`https`, `mailto` …), lowercase, if it has one.
pub fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let name = &url[..colon];
    let mut chars = name.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| name.to_ascii_lowercase())
}

/// Resolves `url` as written on the page at `page_url` (e.g. `/zwdt/a/`).
pub fn resolve(url: &str, page_url: &str, own: &[String]) -> Target {
    // Browsers drop leading/trailing whitespace and tabs/newlines inside URLs.
    let url = url.trim();
    let url: Cow<str> = if url.contains(['\t', '\n', '\r']) {
        Cow::Owned(url.replace(['\t', '\n', '\r'], ""))
    } else {
        Cow::Borrowed(url)
    };
    let scheme = scheme(&url);
    let rest = match scheme.as_deref() {
        Some("http") | Some("https") => url.split_once(':').map_or("", |(_, r)| r),
        Some(other) => {
            return Target::Other {
                scheme: other.to_string(),
            }
        }
        None => &url,
    };
    if let Some(after) = rest.strip_prefix("//") {
        let host = crate::config::host_of(rest).unwrap_or_default();
        if !own.contains(&host) {
            return Target::External { host, scheme };
        }
        let path_start = after.find(['/', '?', '#']).unwrap_or(after.len());
        let local = &after[path_start..];
        let local = if local.starts_with('/') {
            local.to_string()
        } else {
            format!("/{local}")
        };
        return internal(&local, "/");
    }
    internal(rest, page_url)
}

fn internal(reference: &str, page_url: &str) -> Target {
    let (before_fragment, fragment) = match reference.split_once('#') {
        Some((b, f)) => (b, Some(decode(f))),
        None => (reference, None),
    };
    let path = before_fragment.split('?').next().unwrap_or("");
    let joined = if path.is_empty() {
        page_url.to_string()
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = &page_url[..page_url.rfind('/').map_or(0, |i| i + 1)];
        format!("{}{path}", if dir.is_empty() { "/" } else { dir })
    };
    Target::Internal {
        path: decode(&remove_dots(&joined)),
        fragment,
    }
}

/// Removes `.` and `..` segments (RFC 3986 5.2.4); `..` above the root stays at the root.
fn remove_dots(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." | ".." => {
                if *segment == ".." {
                    out.pop();
                }
                // `/a/..` names the folder, so it keeps its trailing slash.
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

/// Percent-decodes a path or fragment as UTF-8 (invalid sequences are kept replaced).
pub fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The output files that can serve `path`: `/a/` → `a/index.html`; `/a/b.pdf` → itself;
/// `/a/b` → `a/b` or, as web servers redirect a folder, `a/b/index.html`.
pub fn output_candidates(path: &str) -> Vec<String> {
    let rel = path.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        return vec![format!("{rel}index.html")];
    }
    vec![rel.to_string(), format!("{rel}/index.html")]
}

/// Whether the last segment of `path` names a file other than a page (`.pdf`, `.png` …).
pub fn is_file_path(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    match last.rsplit_once('.') {
        // Asked for every link of every page: compared without a lowercase copy.
        Some((stem, ext)) if !stem.is_empty() => !["html", "htm", "shtml"]
            .iter()
            .any(|page| ext.eq_ignore_ascii_case(page)),
        _ => false,
    }
}

/// Every `url(…)` and `@import "…"` reference in a piece of CSS, quotes removed.
pub fn css_urls(css: &str) -> Vec<String> {
    let lower = css.to_ascii_lowercase();
    let mut urls = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("url(") {
        let start = from + i + 4;
        let (url, end) = read_css_value(css, start, ')');
        if !url.is_empty() {
            urls.push(url);
        }
        from = end.max(start);
    }
    from = 0;
    while let Some(i) = lower[from..].find("@import") {
        let start = from + i + 7;
        let trimmed = css[start..].trim_start();
        let at = css.len() - trimmed.len();
        if trimmed.starts_with(['"', '\'']) {
            let (url, _) = read_css_value(css, at, ';');
            if !url.is_empty() {
                urls.push(url);
            }
        }
        from = start;
    }
    urls
}

/// Reads a possibly quoted CSS value starting at `start`, up to `close` when unquoted.
fn read_css_value(css: &str, start: usize, close: char) -> (String, usize) {
    let text = &css[start..];
    let trimmed = text.trim_start();
    let skip = text.len() - trimmed.len();
    match trimmed.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let body = &trimmed[1..];
            let end = body.find(q).unwrap_or(body.len());
            (body[..end].to_string(), start + skip + 1 + end)
        }
        _ => {
            let end = trimmed.find(close).unwrap_or(trimmed.len());
            (trimmed[..end].trim().to_string(), start + skip + end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own() -> Vec<String> {
        vec!["www.example.gov.cn".to_string()]
    }

    fn path(url: &str, page: &str) -> (String, Option<String>) {
        match resolve(url, page, &own()) {
            Target::Internal { path, fragment } => (path, fragment),
            other => panic!("{url}: {other:?}"),
        }
    }

    #[test]
    fn resolves_relative_absolute_and_own_host_links() {
        assert_eq!(path("../b/", "/zwdt/a/").0, "/zwdt/b/");
        assert_eq!(path("../../../x/", "/zwdt/a/").0, "/x/");
        assert_eq!(path("c.html", "/zwdt/a/").0, "/zwdt/a/c.html");
        assert_eq!(path("./", "/404.html").0, "/");
        assert_eq!(path("/zwdt/..", "/").0, "/");
        assert_eq!(path("", "/zwdt/a/"), ("/zwdt/a/".into(), None));
        assert_eq!(path("#x", "/a/"), ("/a/".into(), Some("x".into())));
        assert_eq!(
            path("/files/%E9%80%9A%E7%9F%A5.txt?v=1#p", "/"),
            ("/files/通知.txt".into(), Some("p".into()))
        );
        assert_eq!(path("HTTPS://WWW.Example.gov.cn:443/a/?q", "/").0, "/a/");
        assert_eq!(path("//www.example.gov.cn", "/x/").0, "/");
    }

    #[test]
    fn classifies_other_hosts_and_schemes() {
        assert_eq!(
            resolve("//CDN.Example.com/x.js", "/", &own()),
            Target::External {
                host: "cdn.example.com".into(),
                scheme: None
            }
        );
        assert!(
            matches!(resolve("http://a.cn", "/", &own()), Target::External { scheme: Some(s), .. } if s == "http")
        );
        assert_eq!(
            resolve(" JavaScript:void(0)", "/", &own()),
            Target::Other {
                scheme: "javascript".into()
            }
        );
        assert!(matches!(
            resolve("mailto:a@b.cn", "/", &own()),
            Target::Other { .. }
        ));
    }

    #[test]
    fn maps_paths_to_outputs() {
        assert_eq!(output_candidates("/"), vec!["index.html"]);
        assert_eq!(output_candidates("/zwdt/"), vec!["zwdt/index.html"]);
        assert_eq!(output_candidates("/zwdt/index.html")[0], "zwdt/index.html");
        assert_eq!(output_candidates("/lxwm")[1], "lxwm/index.html");
        assert!(is_file_path("/files/通知.txt"));
        assert!(!is_file_path("/zwdt/index.html"));
        assert!(!is_file_path("/zwdt/"));
        assert!(!is_file_path("/.well-known"));
    }

    #[test]
    fn finds_css_urls_with_and_without_quotes() {
        let css = r#"@import "a.css"; @import url('b.css'); .x{background:URL( "../img/c.png" )} .y{background:url(d.svg)} .z{src:url()}"#;
        assert_eq!(
            css_urls(css),
            vec!["b.css", "../img/c.png", "d.svg", "a.css"]
        );
    }

    #[test]
    fn normalizes_allow_host_entries() {
        assert_eq!(
            normalize_host("CDN.Example.gov.cn:8443"),
            "cdn.example.gov.cn"
        );
        assert_eq!(normalize_host("https://a.gov.cn/x"), "a.gov.cn");
    }
}
