//! Resolving the links of a rendered page to site paths, for the whole-site rules that ask
//! "does page A link to page B" (GOV307 policy ↔ interpretation, GOV311 sitemap).

use super::facts::{PageFacts, PerLink};
use crate::config::Config;
use percent_encoding::percent_decode_str;
use std::borrow::Cow;
use std::collections::HashSet;

/// The site path a link on the page at `page_url` points to (`/zcwj/a/`), or `None` for a
/// link to another site or a non-HTTP scheme. Query and fragment are dropped, percent
/// escapes decoded, `index.html` folded into its folder.
pub fn resolve(config: &Config, page_url: &str, href: &str) -> Option<String> {
    resolve_with(&own_prefixes(config), page_url, href)
}

/// How links to this site may start: its base URL, its domain by either scheme or none.
fn own_prefixes(config: &Config) -> [String; 4] {
    [
        config.base_url.trim_end_matches('/').to_string(),
        format!("https://{}", config.domain()),
        format!("http://{}", config.domain()),
        format!("//{}", config.domain()),
    ]
}

fn resolve_with(own: &[String; 4], page_url: &str, href: &str) -> Option<String> {
    let href = href.trim();
    let href = href.split(['#', '?']).next().unwrap_or("");
    let mut path = None;
    for prefix in own {
        if let Some(rest) = href.strip_prefix(prefix.as_str()) {
            if rest.is_empty() || rest.starts_with('/') {
                path = Some(if rest.is_empty() { "/" } else { rest }.to_string());
            }
        }
    }
    let path = match path {
        Some(p) => p,
        None if href.starts_with("//") || has_scheme(href) => return None,
        None if href.starts_with('/') => href.to_string(),
        None if href.is_empty() => page_url.to_string(),
        None => {
            let dir = &page_url[..page_url.rfind('/').map_or(0, |i| i + 1)];
            format!("{dir}{href}")
        }
    };
    Some(normalize(&path))
}

fn has_scheme(href: &str) -> bool {
    match href.find(':') {
        Some(i) => href[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)),
        None => false,
    }
}

/// Folds `.`/`..` segments, decodes percent escapes and maps `x/index.html` to `x/`.
fn normalize(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<&str> = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    if parts.last() == Some(&"index.html") {
        parts.pop();
        return folder(&parts);
    }
    if decoded.ends_with('/') || parts.is_empty() {
        return folder(&parts);
    }
    format!("/{}", parts.join("/"))
}

fn folder(parts: &[&str]) -> String {
    if parts.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", parts.join("/"))
    }
}

/// The site paths that a page links to with `<a href>`.
pub fn anchors(config: &Config, page: &PageFacts) -> HashSet<String> {
    Anchors::new(config).of(page)
}

/// The site paths pages link to with `<a href>`, for a rule that asks of many pages. Most
/// of a page's links are the theme's, shared with every other page (`LinkInterner`), and
/// written as absolute paths: such a link is resolved once, not once a page.
pub struct Anchors {
    own: [String; 4],
    shared: PerLink<Option<String>>,
}

impl Anchors {
    pub fn new(config: &Config) -> Anchors {
        Anchors {
            own: own_prefixes(config),
            shared: PerLink::default(),
        }
    }

    /// The site paths that `page` links to with `<a href>`.
    pub fn of(&mut self, page: &PageFacts) -> HashSet<String> {
        let mut paths = HashSet::new();
        for link in page.links.iter().filter(|l| l.tag == "a") {
            let path = if resolves_alike_everywhere(&link.url) {
                let own = &self.own;
                (self.shared)
                    .get(link, || resolve_with(own, "/", &link.url))
                    .clone()
            } else {
                resolve_with(&self.own, &page.url, &link.url)
            };
            paths.extend(path);
        }
        paths
    }
}

/// Whether a link resolves the same on any page: an absolute path, or a URL with a host or
/// a scheme.
fn resolves_alike_everywhere(href: &str) -> bool {
    let href = href.trim();
    href.starts_with('/') || has_scheme(href)
}

/// A site URL (as the model stores it) in the form [`resolve`] returns. Whole-site rules
/// ask this of every page's URL, and nearly every one is already in that form (a folder of
/// plain segments, `/zcwj/a/`): such a URL is returned as it is, without a copy.
pub fn site_path(url: &str) -> Cow<'_, str> {
    if is_normal(url) {
        Cow::Borrowed(url)
    } else {
        Cow::Owned(normalize(url))
    }
}

/// Whether [`normalize`] gives `path` back unchanged: an absolute folder path with no
/// percent escape, empty segment, `.`, `..` or `index.html`.
fn is_normal(path: &str) -> bool {
    let Some(inner) = path.strip_prefix('/').and_then(|p| p.strip_suffix('/')) else {
        return path == "/";
    };
    !path.contains('%')
        && inner
            .split('/')
            .all(|s| !matches!(s, "" | "." | ".." | "index.html"))
}

#[cfg(test)]
mod tests {
    use super::{normalize, resolve, site_path, Anchors};
    use crate::rules::facts::{PageFacts, PageLink};
    use crate::rules::urls::Target;
    use std::path::Path;
    use std::sync::Arc;

    fn starter_config() -> crate::config::Config {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("starter-site");
        crate::config::load(&root)
            .expect("starter site.yaml loads")
            .0
    }

    #[test]
    fn a_shared_link_is_resolved_once_but_a_relative_one_on_each_page() {
        let link = |url: &str| {
            Arc::new(PageLink {
                tag: "a",
                url: url.into(),
                target: Target::Other { scheme: "x".into() },
                resource: false,
                source_span: None,
            })
        };
        // The same copies on both pages, as the interner would share a theme's links.
        let links = vec![
            link("/zcwj/"),
            link("b/"),
            link("https://www.example.gov.cn/x/"),
        ];
        let page = |url: &str| PageFacts {
            url: url.into(),
            links: links.clone(),
            ..PageFacts::default()
        };
        let mut anchors = Anchors::new(&starter_config());
        let sorted = |paths: std::collections::HashSet<String>| {
            let mut paths: Vec<String> = paths.into_iter().collect();
            paths.sort();
            paths
        };
        assert_eq!(sorted(anchors.of(&page("/a/"))), ["/a/b/", "/x/", "/zcwj/"]);
        assert_eq!(sorted(anchors.of(&page("/c/"))), ["/c/b/", "/x/", "/zcwj/"]);
    }

    #[test]
    fn a_site_path_taken_as_written_is_the_normalized_one() {
        let urls = [
            "/",
            "/zcwj/",
            "/zcwj/a/",
            "//",
            "/a//b/",
            "/a/./",
            "/a/../b/",
            "/a/index.html/",
            "/index.html",
            "/a/%E6%94%BF/",
            "/a/b",
            "",
            "a/",
            "/政务/公开/",
            "/a/.b/",
        ];
        for url in urls {
            assert_eq!(site_path(url), normalize(url), "{url:?}");
        }
        assert!(matches!(
            site_path("/zcwj/a/"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn resolves_links_to_site_paths() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("starter-site");
        let (config, _) = crate::config::load(&root).expect("starter site.yaml loads");
        let page = "/zcjd/a/";
        let r = |href: &str| resolve(&config, page, href);
        assert_eq!(r("/zcwj/b/#top").as_deref(), Some("/zcwj/b/"));
        assert_eq!(r("../../zcwj/b/").as_deref(), Some("/zcwj/b/"));
        assert_eq!(
            r("https://www.example.gov.cn/zcwj/b/index.html").as_deref(),
            Some("/zcwj/b/")
        );
        assert_eq!(r("c/?q=1").as_deref(), Some("/zcjd/a/c/"));
        assert_eq!(r("https://other.gov.cn/zcwj/b/"), None);
        assert_eq!(r("mailto:web@example.gov.cn"), None);
        assert_eq!(r("//cdn.example.com/x"), None);
    }

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize("/zcwj/a/"), "/zcwj/a/");
        assert_eq!(normalize("/zcwj/a/index.html"), "/zcwj/a/");
        assert_eq!(normalize("/zcjd/../zcwj/a/"), "/zcwj/a/");
        assert_eq!(normalize("/%E6%94%BF%E7%AD%96/"), "/政策/");
        assert_eq!(normalize("/"), "/");
        assert_eq!(normalize("/a.pdf"), "/a.pdf");
    }
}
