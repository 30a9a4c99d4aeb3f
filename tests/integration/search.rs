//! 站内搜索 index, sitemap files, the 信息公开目录 CSV and the RSS feeds of a built starter
//! site, read back the way browsers and feed readers read them.

use crate::common::{self, AS_OF};
use govsite::search::{postings, shard_of, tokens, CHUNK};
use serde_json::Value;
use std::path::Path;

/// Builds the starter site into a fresh folder.
fn built() -> (tempfile::TempDir, tempfile::TempDir) {
    let site = common::starter_copy();
    let out = build(&site);
    (site, out)
}

/// Builds `site` into a fresh folder; the output is its `public/`.
fn build(site: &tempfile::TempDir) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("public");
    let run = common::govsite(&[
        "build",
        site.path().to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    out
}

fn public(out: &tempfile::TempDir) -> std::path::PathBuf {
    out.path().join("public")
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// The result lines of the documents holding every term of `query`, as search.js finds them.
fn search(dir: &Path, query: &str) -> Vec<Value> {
    let manifest: Value = serde_json::from_str(&read(dir, "search/manifest.json")).unwrap();
    let shards = manifest["shards"].as_u64().unwrap() as usize;
    let mut hits: Option<Vec<u32>> = None;
    for term in tokens::query_terms(query) {
        let bytes = std::fs::read(dir.join(format!("search/s/{}.bin", shard_of(&term, shards))));
        let entries = postings::read_shard(&bytes.unwrap()).expect("a well-formed shard");
        let docs: Vec<u32> = entries
            .into_iter()
            .find(|e| e.term == term)
            .map(|e| e.title.into_iter().chain(e.rest).collect())
            .unwrap_or_default();
        hits = Some(match hits {
            None => docs,
            Some(prev) => prev.into_iter().filter(|d| docs.contains(d)).collect(),
        });
    }
    hits.unwrap_or_default()
        .into_iter()
        .map(|n| {
            let chunk = read(dir, &format!("search/d/{}.json", n as usize / CHUNK));
            let lines: Value = serde_json::from_str(&chunk).unwrap();
            lines[n as usize % CHUNK].clone()
        })
        .collect()
}

#[test]
fn search_index_files_are_written() {
    let (_site, out) = built();
    let dir = public(&out);
    let manifest: Value = serde_json::from_str(&read(&dir, "search/manifest.json")).unwrap();
    let docs = manifest["docs"].as_u64().unwrap() as usize;
    assert!(docs > 30, "{manifest}");
    for s in 0..manifest["shards"].as_u64().unwrap() {
        assert!(dir.join(format!("search/s/{s}.bin")).is_file(), "shard {s}");
    }
    for c in 0..docs.div_ceil(CHUNK) {
        assert!(
            dir.join(format!("search/d/{c}.json")).is_file(),
            "chunk {c}"
        );
    }
    assert!(!dir.join("search/index.json").exists());
    let page = read(&dir, "search/index.html");
    assert!(has_tag(&page, "script", &[("src", "/assets/search.js")]));
    assert!(
        has_tag(&page, "a", &[("href", "/sitemap/")]),
        "no-JS help points at the 网站地图"
    );
}

#[test]
fn queries_resolve_to_shards_holding_the_right_items() {
    let (_site, out) = built();
    let dir = public(&out);
    let titles = |q: &str| -> Vec<String> {
        search(&dir, q)
            .iter()
            .map(|l| l[0].as_str().unwrap().to_string())
            .collect()
    };
    let hits = titles("营商环境");
    assert!(
        hits.iter().any(|t| t.contains("优化营商环境若干措施")),
        "{hits:?}"
    );
    let hits = search(&dir, "示政办发〔2026〕58号");
    assert!(
        hits.iter().any(|l| l[3] == "示政办发〔2026〕58号"),
        "{hits:?}"
    );
    let hits = titles("186");
    assert!(hits.iter().any(|t| t.contains("总投资186亿元")), "{hits:?}");
    assert!(search(&dir, "量子纠缠钢琴").is_empty());
}

#[test]
fn catalogue_is_a_sortable_table_with_a_csv_download() {
    let (_site, out) = built();
    let dir = public(&out);
    let page = read(&dir, "xxgkml/index.html");
    assert!(has_tag(&page, "table", &[("data-sortable", "")]));
    assert!(has_tag(&page, "th", &[("aria-sort", "descending")]));
    assert!(has_tag(&page, "a", &[("href", "/xxgkml/catalogue.csv")]));
    assert!(has_tag(
        &page,
        "script",
        &[("src", "/assets/table-sort.js")]
    ));
    for header in [
        "索引号",
        "标题",
        "发文字号",
        "发布机构",
        "成文日期",
        "发布日期",
    ] {
        // Minified: a header cell's optional `</th>` is left out.
        assert!(page.contains(&format!(">{header}<")), "{header}");
    }
    let csv = std::fs::read(dir.join("xxgkml/catalogue.csv")).unwrap();
    assert!(csv.starts_with(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel");
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert!(lines[0].ends_with("索引号,标题,发文字号,发布机构,成文日期,发布日期,链接"));
    let rows = page.matches("<tr><td>").count();
    assert_eq!(lines.len() - 1, rows);
    assert!(csv.contains("示政办发〔2026〕58号"));
}

#[test]
fn long_listings_stay_linear_catalogue_on_the_first_page_and_a_window_of_page_links() {
    let site = common::starter_copy();
    let catalogue_item = "content/xxgkml/2026-07-01-disclosure-catalogue.md";
    let text = std::fs::read_to_string(site.path().join(catalogue_item)).unwrap();
    common::write(site.path(), "content/xxgkml/2026-07-02-second.md", &text);
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    common::write(site.path(), "site.yaml", &format!("{yaml}\npaginate: 1\n"));
    let out = build(&site);
    let dir = public(&out);
    // Every policy document is listed once, on the catalogue column's first page.
    assert!(read(&dir, "xxgkml/index.html").contains("政策文件目录"));
    assert!(!read(&dir, "xxgkml/page/2/index.html").contains("政策文件目录"));
    // Eight items a page each: page 1 links pages 1–3 and the last, with a gap between.
    let first = read(&dir, "zwdt/index.html");
    assert!(dir.join("zwdt/page/8/index.html").exists());
    assert!(has_tag(&first, "a", &[("href", "/zwdt/page/3/")]));
    assert!(!has_tag(&first, "a", &[("href", "/zwdt/page/5/")]));
    assert!(has_tag(&first, "a", &[("href", "/zwdt/page/8/")]));
    assert!(first.contains("pagination-gap"));
}

#[test]
fn sitemap_has_lastmod_and_robots_points_to_it() {
    let (_site, out) = built();
    let dir = public(&out);
    let xml = read(&dir, "sitemap.xml");
    let urls = elements(&xml, "url");
    let lastmods = elements(&xml, "lastmod");
    assert!(
        urls > 40 && lastmods >= urls - 3,
        "{urls} urls, {lastmods} lastmod"
    );
    assert!(!dir.join("sitemap-1.xml").exists());
    assert!(read(&dir, "robots.txt").contains("Sitemap: https://www.example.gov.cn/sitemap.xml"));
}

#[test]
fn feeds_are_well_formed_rss_2() {
    let (_site, out) = built();
    let dir = public(&out);
    let mut feeds = vec!["rss.xml".to_string()];
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        if entry.path().join("rss.xml").is_file() {
            feeds.push(format!("{}/rss.xml", entry.file_name().to_string_lossy()));
        }
    }
    assert!(feeds.len() > 5, "{feeds:?}");
    for feed in &feeds {
        let xml = read(&dir, feed);
        assert_eq!(elements(&xml, "rss"), 1, "{feed}");
        assert_eq!(elements(&xml, "channel"), 1, "{feed}");
        let items = elements(&xml, "item");
        // channel title/link/description, then one of each per item
        assert_eq!(elements(&xml, "title"), items + 1, "{feed}");
        assert_eq!(elements(&xml, "link"), items + 1, "{feed}");
        assert_eq!(elements(&xml, "description"), items + 1, "{feed}");
        assert_eq!(elements(&xml, "guid"), items, "{feed}");
        assert_eq!(elements(&xml, "pubDate"), items, "{feed}");
    }
    assert!(elements(&read(&dir, "rss.xml"), "item") > 0);
    let column = read(&dir, "zwdt/index.html");
    let alternate = [
        ("rel", "alternate"),
        ("type", "application/rss+xml"),
        ("href", "/zwdt/rss.xml"),
    ];
    assert!(
        has_tag(&column, "link", &alternate),
        "column pages announce their feed"
    );
}

/// Whether `html` has a `<name>` with these attribute values ("" for any value). A small
/// reader of its own: the output is minified (unquoted values such as `href=/a/`), which tl
/// does not read back.
fn has_tag(html: &str, name: &str, want: &[(&str, &str)]) -> bool {
    let open = format!("<{name}");
    html.match_indices(&open).any(|(at, _)| {
        let rest = &html[at + open.len()..];
        if !rest.starts_with([' ', '>']) {
            return false;
        }
        let attrs = attributes(&rest[..rest.find('>').unwrap_or(rest.len())]);
        want.iter().all(|(k, v)| {
            attrs
                .iter()
                .any(|(ak, av)| ak == k && (v.is_empty() || av == v))
        })
    })
}

fn attributes(mut text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        text = text.trim_start();
        let key_end = text.find(['=', ' ', '>']).unwrap_or(text.len());
        if key_end == 0 {
            return out;
        }
        let key = text[..key_end].to_string();
        text = &text[key_end..];
        let mut value = String::new();
        if let Some(after) = text.strip_prefix('=') {
            let (v, rest) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).map_or(after.len(), |e| e + 1);
                    (&after[1..end], after.get(end + 1..).unwrap_or(""))
                }
                _ => after.split_at(after.find(' ').unwrap_or(after.len())),
            };
            value = v.to_string();
            text = rest;
        }
        out.push((key, value));
    }
}

/// Counts start tags named `name` with a real XML parser (which fails on malformed XML).
fn elements(xml: &str, name: &str) -> usize {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut count = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.name().0 == name => count += 1,
            Ok(Event::Eof) => return count,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML at {}: {e}", reader.buffer_position()),
        }
    }
}

#[test]
fn site_map_lists_every_column_and_every_page_has_breadcrumbs() {
    let (site, out) = built();
    let dir = public(&out);
    let (config, _) = govsite::config::load(site.path()).unwrap();
    let model =
        govsite::content::load(config, govsite::config::Date::parse(AS_OF).unwrap()).unwrap();
    let map = read(&dir, "sitemap/index.html");
    for column in &model.columns {
        assert!(
            has_tag(&map, "a", &[("href", &column.url)]),
            "网站地图 lacks {}",
            column.url
        );
    }
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&dir) {
        let path = entry.unwrap().into_path();
        let rel = path
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.ends_with(".html") || rel == "index.html" {
            continue;
        }
        let html = std::fs::read_to_string(&path).unwrap();
        assert!(
            has_tag(&html, "nav", &[("class", "breadcrumbs")]),
            "{rel} has no breadcrumbs"
        );
        pages += 1;
    }
    assert!(pages > 40);
}

#[test]
fn static_files_may_not_overwrite_the_generated_index_or_catalogue() {
    for file in ["static/search/manifest.json", "static/xxgkml/catalogue.csv"] {
        let site = common::starter_copy();
        common::write(site.path(), file, "x");
        let run = common::check_json(site.path());
        assert!(
            run.codes().contains(&"GOV004".to_string()),
            "{file}: {:?}",
            run.codes()
        );
    }
    let site = common::starter_copy();
    common::write(site.path(), "static/search/other.json", "x");
    assert!(!common::check_json(site.path())
        .codes()
        .contains(&"GOV004".to_string()));
}
