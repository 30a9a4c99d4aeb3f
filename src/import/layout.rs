//! Old addresses and new places: a page's old URL, pages the new site generates itself
//! (skipped), the column folder a URL's directory stands for, an item's new file name,
//! and links resolved against the page they are on.

use percent_encoding::percent_decode_str;

/// The site-absolute URL a file of the old site was served at. `a/index.html` is `/a/`
/// (govsite's pretty URLs and most servers' directory index).
pub fn old_url(rel: &str) -> String {
    match rel.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
        _ => format!("/{rel}"),
    }
}

/// Why a page is not imported because the new site writes its own, or `None`.
pub fn generated(rel: &str) -> Option<&'static str> {
    let lower = rel.to_ascii_lowercase();
    let first = lower.split('/').next().unwrap_or("");
    if first == "sitemap" {
        return Some("网站地图页，由 govsite 生成");
    }
    if first == "search" {
        return Some("站内搜索页，由 govsite 生成");
    }
    if lower == "404.html" || lower == "404.htm" {
        return Some("404 页面，由 govsite 生成");
    }
    let parts: Vec<&str> = lower.split('/').collect();
    if parts
        .windows(2)
        .any(|w| w[0] == "page" && w[1].parse::<u32>().is_ok())
    {
        return Some("栏目分页列表页，由 govsite 按栏目生成");
    }
    let stem = parts.last().and_then(|f| f.split('.').next()).unwrap_or("");
    for prefix in ["index_", "list_", "index-", "list-", "default_"] {
        if stem
            .strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            return Some("栏目分页列表页，由 govsite 按栏目生成");
        }
    }
    None
}

/// Whether the file name is a directory index (a column or the homepage).
pub fn is_index_name(rel: &str) -> bool {
    let file = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    let stem = file.split('.').next().unwrap_or("");
    matches!(stem, "index" | "default" | "list" | "main")
}

/// The directory of a page's old URL with date folders removed: the column it was in.
/// `xxgk/zcwj/202204/t2022…shtml` → `xxgk/zcwj`; `zwdt/2026-11-20-x/index.html` → `zwdt`.
pub fn column_dir(rel: &str) -> String {
    let url = old_url(rel);
    let trimmed = url.trim_matches('/');
    let dir = match trimmed.rsplit_once('/') {
        Some((dir, _)) => dir,
        None => "",
    };
    dir.split('/')
        .filter(|s| !s.is_empty() && !is_date_part(s))
        .collect::<Vec<_>>()
        .join("/")
}

fn is_date_part(segment: &str) -> bool {
    let digits = segment.bytes().all(|b| b.is_ascii_digit());
    (digits && matches!(segment.len(), 1 | 2 | 4 | 6 | 8))
        || (segment.len() == 7 && super::text::normalize_date(&format!("{segment}-01")).is_some())
}

/// The 大汉 column number in `art_1229_974894.html`.
pub fn dahan_column(rel: &str) -> Option<String> {
    let file = rel.rsplit('/').next()?;
    let mut parts = file.split('.').next()?.split('_');
    (parts.next()? == "art").then_some(())?;
    let col = parts.next()?;
    (parts.next().is_some() && col.bytes().all(|b| b.is_ascii_digit())).then(|| col.to_string())
}

/// The new file stem of an item: kept when it already starts with its date (govsite's own
/// output), else `{date}-{id}` from the CMS name (`t20220417_974894` → `2022-04-17-974894`).
pub fn item_stem(rel: &str, date: &str) -> String {
    let url = old_url(rel);
    let last = url.trim_matches('/').rsplit('/').next().unwrap_or("");
    let stem = last.split('.').next().unwrap_or(last);
    let day = date.get(..10).unwrap_or(date);
    if stem.starts_with(day) && stem.len() > day.len() {
        return slugify(stem);
    }
    let id = stem.rsplit('_').next().unwrap_or(stem);
    let id = slugify(id);
    if id.is_empty() {
        day.to_string()
    } else {
        format!("{day}-{id}")
    }
}

/// Lower-case ASCII letters, digits and `-`; everything else dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if matches!(c, '-' | '_' | ' ') && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A link on the page at `page_url`, as a site-absolute path without query or fragment,
/// with the fragment apart; `None` for other sites, `mailto:` and the like.
/// `own_hosts` are the old site's host names (absolute links to them count as internal).
pub fn resolve(page_url: &str, href: &str, own_hosts: &[String]) -> Option<(String, String)> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let (href, fragment) = match href.split_once('#') {
        Some((h, f)) => (h, format!("#{f}")),
        None => (href, String::new()),
    };
    let href = href.split('?').next().unwrap_or(href);
    let path = if let Some(rest) = href
        .strip_prefix("http://")
        .or_else(|| href.strip_prefix("https://"))
        .or_else(|| href.strip_prefix("//"))
    {
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if !own_hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return None;
        }
        format!("/{path}")
    } else if href.contains(':') && !href.starts_with('/') && !href.starts_with('.') {
        return None;
    } else if href.starts_with('/') {
        href.to_string()
    } else {
        let dir = page_url.rsplit_once('/').map_or("", |(d, _)| d);
        format!("{dir}/{href}")
    };
    Some((normalize_path(&path)?, fragment))
}

/// `.` and `..` removed, percent-decoded; `None` when it climbs above the root.
fn normalize_path(path: &str) -> Option<String> {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<&str> = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let trailing = decoded.ends_with('/') && !parts.is_empty();
    let mut out = format!("/{}", parts.join("/"));
    if trailing {
        out.push('/');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_urls_of_files() {
        assert_eq!(old_url("index.html"), "/");
        assert_eq!(old_url("zwdt/a/index.html"), "/zwdt/a/");
        assert_eq!(old_url("xxgk/t1.shtml"), "/xxgk/t1.shtml");
        assert_eq!(old_url("xxgk/index.shtml"), "/xxgk/index.shtml");
    }

    #[test]
    fn generated_pages_are_skipped() {
        assert!(generated("sitemap/index.html").is_some());
        assert!(generated("search/index.html").is_some());
        assert!(generated("404.html").is_some());
        assert!(generated("zwdt/page/2/index.html").is_some());
        assert!(generated("xxgk/zcwj/index_3.shtml").is_some());
        assert!(generated("xxgk/zcwj/index.shtml").is_none());
        assert!(generated("zwdt/2026-11-20-x/index.html").is_none());
    }

    #[test]
    fn columns_from_directories() {
        assert_eq!(
            column_dir("xxgk/zcwj/202204/t20220417_974894.shtml"),
            "xxgk/zcwj"
        );
        assert_eq!(column_dir("zwdt/2026-11-20-x/index.html"), "zwdt");
        assert_eq!(column_dir("art/2022/4/17/art_1229_974894.html"), "art");
        assert_eq!(column_dir("lxwm/index.html"), "");
        assert_eq!(
            dahan_column("art/2022/4/17/art_1229_974894.html").as_deref(),
            Some("1229")
        );
    }

    #[test]
    fn item_stems() {
        assert_eq!(
            item_stem("xxgk/zcwj/202204/t20220417_974894.shtml", "2022-04-17"),
            "2022-04-17-974894"
        );
        assert_eq!(
            item_stem(
                "zwdt/2026-11-20-winter-safety/index.html",
                "2026-11-20 09:00"
            ),
            "2026-11-20-winter-safety"
        );
        assert_eq!(item_stem("a/新闻.html", "2022-01-02"), "2022-01-02");
    }

    #[test]
    fn links_resolve_against_their_page() {
        let own = vec!["www.example.gov.cn".to_string()];
        let page = "/xxgk/zcwj/202204/t1.shtml";
        assert_eq!(
            resolve(page, "./W020.jpg", &own),
            Some(("/xxgk/zcwj/202204/W020.jpg".into(), String::new()))
        );
        assert_eq!(
            resolve(page, "../../index.shtml?x=1#top", &own),
            Some(("/xxgk/index.shtml".into(), "#top".into()))
        );
        assert_eq!(
            resolve(page, "https://www.example.gov.cn/a/b/", &own),
            Some(("/a/b/".into(), String::new()))
        );
        assert_eq!(resolve(page, "https://other.cn/x", &own), None);
        assert_eq!(resolve(page, "mailto:a@b.cn", &own), None);
        assert_eq!(resolve(page, "/../../etc", &own), None);
        assert_eq!(
            resolve("/zwdt/a/", "%E9%99%84%E4%BB%B6.pdf", &own),
            Some(("/zwdt/a/附件.pdf".into(), String::new()))
        );
    }
}
