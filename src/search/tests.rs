//! Index builder tests on the starter site's content (body text taken from the Markdown,
//! which is close enough to the rendered text for the index's purposes).

use super::*;
use crate::config::{self, Date};
use crate::content;
use std::collections::HashMap;
use std::path::Path;

fn starter() -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("starter-site");
    let (config, _) = config::load(&root).unwrap();
    content::load(config, Date::parse("2026-11-27").unwrap()).unwrap()
}

fn docs_of(site: &Site) -> Vec<Doc> {
    (0..site.items.len())
        .map(|i| doc(site, i, &site.items[i].url, &site.items[i].body, None))
        .collect()
}

fn built(site: &Site) -> HashMap<String, Vec<u8>> {
    files(site, docs_of(site), None, None)
        .unwrap()
        .files
        .into_iter()
        .collect()
}

fn manifest_of(files: &HashMap<String, Vec<u8>>) -> Value {
    serde_json::from_slice(&files["search/manifest.json"]).unwrap()
}

/// The documents (title list, rest list) holding `term`, looked up as search.js does.
fn lookup(files: &HashMap<String, Vec<u8>>, term: &str) -> Option<(Vec<u32>, Vec<u32>)> {
    let shards = manifest_of(files)["shards"].as_u64().unwrap() as usize;
    let path = format!("search/s/{}.bin", shard_of(term, shards));
    postings::read_shard(&files[&path])?
        .into_iter()
        .find(|e| e.term == term)
        .map(|e| (e.title, e.rest))
}

fn line(files: &HashMap<String, Vec<u8>>, n: u32) -> Value {
    let chunk = format!("search/d/{}.json", n as usize / CHUNK);
    let lines: Value = serde_json::from_slice(&files[&chunk]).unwrap();
    lines[n as usize % CHUNK].clone()
}

#[test]
fn base64_matches_the_standard() {
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
}

#[test]
fn shard_count_grows_with_the_site() {
    assert_eq!(shard_count(0), 4);
    assert_eq!(shard_count(40), 4);
    assert_eq!(shard_count(10_000), 128);
    assert_eq!(shard_count(50_000), 1024);
    assert_eq!(shard_count(1_000_000), 1024);
}

#[test]
fn every_file_named_for_gov004_is_written() {
    let site = starter();
    let mut written: Vec<String> = built(&site).into_keys().collect();
    let mut named = file_names(&site);
    written.sort();
    named.sort();
    assert_eq!(written, named);
}

#[test]
fn title_terms_land_in_the_title_list_of_their_shard() {
    let site = starter();
    let files = built(&site);
    let (title, _) = lookup(&files, "营商").expect("营商 is indexed");
    assert!(!title.is_empty());
    for n in title {
        let t = line(&files, n)[0].as_str().unwrap().to_string();
        assert!(t.contains("营商"), "{t}");
    }
}

#[test]
fn a_document_number_resolves_to_its_item() {
    let site = starter();
    let files = built(&site);
    let mut found: Option<Vec<u32>> = None;
    for term in tokens::terms("示政办发〔2026〕58号") {
        let (title, rest) = lookup(&files, &term).unwrap_or_default();
        let mut all: Vec<u32> = title.into_iter().chain(rest).collect();
        all.sort_unstable();
        found = Some(match found {
            None => all,
            Some(prev) => prev.into_iter().filter(|d| all.contains(d)).collect(),
        });
    }
    let found = found.unwrap();
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .any(|&n| line(&files, n)[3] == "示政办发〔2026〕58号"));
}

#[test]
fn documents_are_numbered_newest_first_and_years_are_ranges() {
    let site = starter();
    let files = built(&site);
    let manifest = manifest_of(&files);
    let docs = manifest["docs"].as_u64().unwrap() as u32;
    let dates: Vec<String> = (0..docs)
        .map(|n| line(&files, n)[2].as_str().unwrap().to_string())
        .collect();
    let dated: Vec<&String> = dates.iter().filter(|d| !d.is_empty()).collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    for year in manifest["years"].as_array().unwrap() {
        let (y, from, to) = (
            year[0].as_i64().unwrap(),
            year[1].as_u64().unwrap(),
            year[2].as_u64().unwrap(),
        );
        for n in from..to {
            assert!(dates[n as usize].starts_with(&y.to_string()));
        }
    }
}

/// A deterministic site-like text: phrases of a small government vocabulary and numbers,
/// the way real portals repeat themselves.
fn synthetic(seed: &mut u64, phrases: usize) -> String {
    const WORDS: [&str; 24] = [
        "优化营商环境",
        "政务服务",
        "一网通办",
        "全市",
        "各区县",
        "推进",
        "落实",
        "工作责任制",
        "安全生产",
        "防汛抗旱",
        "乡村振兴",
        "高质量发展",
        "政策解读",
        "信息公开",
        "人民群众",
        "获得感",
        "基层治理",
        "数据共享",
        "同比增长",
        "累计完成",
        "项目",
        "市财政局",
        "通知",
        "实施意见",
    ];
    let mut out = String::new();
    for _ in 0..phrases {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (*seed >> 33) as usize;
        out.push_str(WORDS[r % WORDS.len()]);
        if r % 7 == 0 {
            out.push_str(&format!("{}个，", r % 1000));
        } else if r % 3 == 0 {
            out.push('，');
        }
    }
    out
}

#[test]
fn shards_stay_a_small_fraction_of_the_text_they_index() {
    let mut seed = 7;
    let docs: Vec<Doc> = (0..2000)
        .map(|i| {
            let title = synthetic(&mut seed, 4);
            let body = synthetic(&mut seed, 300);
            Doc::from_texts(i, &[&title], &[&body, "2026-11-20", "政务动态"], None)
        })
        .collect();
    let text: usize = docs.iter().map(|d| d.text_bytes).sum();
    let terms: Vec<&Terms> = docs.iter().map(|d| d.terms.as_ref().unwrap()).collect();
    let shards = shard_files(&terms, shard_count(docs.len()));
    assert_eq!(shards.len(), 32);
    let size: usize = shards.iter().map(Vec::len).sum();
    assert!(
        size * 10 < text,
        "shards {size} bytes for {text} bytes of text"
    );
    // Terms spread over the shards: none holds more than a few times its share.
    let largest = shards.iter().map(Vec::len).max().unwrap();
    assert!(largest < size / 32 * 4, "largest shard {largest} of {size}");
}

/// The previous build as [`Previous`] sees it: its index files and their layout.
struct Built {
    files: HashMap<String, Vec<u8>>,
    layout: u128,
}

impl Built {
    fn of(site: &Site, docs: Vec<Doc>) -> Built {
        let index = files(site, docs, None, None).unwrap_or_else(|_| panic!("all terms given"));
        Built {
            files: index.files.into_iter().collect(),
            layout: index.layout,
        }
    }
}

impl Previous for Built {
    fn file(&self, path: &str, layout: u128) -> Option<Vec<u8>> {
        (layout == self.layout).then(|| self.files.get(path).cloned())?
    }
}

/// The docs of `site` as a build that reused every page but those of `changed` hands them
/// over, with the bodies of those as `body`.
fn kept_but(site: &Site, changed: &[usize], body: &str) -> Vec<Doc> {
    let mut docs = docs_of(site);
    for (i, d) in docs.iter_mut().enumerate() {
        if changed.contains(&i) {
            *d = doc(site, i, &site.items[i].url, body, None);
        } else {
            d.terms = None;
        }
    }
    docs
}

/// What a clean build writes with the bodies of `changed` as `body`.
fn clean_with(site: &Site, changed: &[usize], body: &str) -> Index {
    let mut docs = docs_of(site);
    for &i in changed {
        docs[i] = doc(site, i, &site.items[i].url, body, None);
    }
    files(site, docs, None, None).unwrap_or_else(|_| panic!("all terms given"))
}

fn patched(site: &Site, changed: &[usize], body: &str, previous: &Built) -> Index {
    files(site, kept_but(site, changed, body), Some(previous), None)
        .unwrap_or_else(|_| panic!("the index is patched"))
}

#[test]
fn an_index_patched_for_changed_documents_is_the_index_built_from_all() {
    let site = starter();
    let previous = Built::of(&site, docs_of(&site));
    let one = [site.items.len() / 2];
    let body = format!(
        "{}\n新增的段落：营商环境优化提升行动。",
        site.items[one[0]].body
    );
    let index = patched(&site, &one, &body, &previous);
    let clean = clean_with(&site, &one, &body);
    assert_eq!(index.layout, clean.layout);
    assert_eq!(index.files, clean.files);
    // The new words are found.
    let written: HashMap<_, _> = index.files.into_iter().collect();
    let (_, rest) = lookup(&written, "营商").expect("a new term is indexed");
    assert!(!rest.is_empty());
    // Terms a document lost leave its lists: an emptied body loses all but its title's.
    assert_eq!(
        patched(&site, &one, "", &previous).files,
        clean_with(&site, &one, "").files
    );
    // Many documents changed at once (half of them, the same new body).
    let half: Vec<usize> = (0..site.items.len()).step_by(2).collect();
    assert_eq!(
        patched(&site, &half, "全新的正文内容", &previous).files,
        clean_with(&site, &half, "全新的正文内容").files
    );
    // No document changed: the previous shards as they were.
    assert_eq!(
        patched(&site, &[], "", &previous).files,
        clean_with(&site, &[], "").files
    );
}

#[test]
fn an_index_that_cannot_be_patched_hands_the_documents_back() {
    let site = starter();
    let mut previous = Built::of(&site, docs_of(&site));
    let docs = || kept_but(&site, &[0], "全新的正文内容");
    let back = |previous: &Built| match files(&site, docs(), Some(previous), None) {
        Ok(_) => panic!("patched without the previous files"),
        Err(docs) => docs,
    };
    // Another layout (a document more, fewer, or numbered otherwise).
    previous.layout ^= 1;
    let returned = back(&previous);
    assert_eq!(returned.len(), site.items.len());
    assert_eq!(returned.iter().filter(|d| d.terms.is_some()).count(), 1);
    previous.layout ^= 1;
    // A shard the previous output no longer holds as it was written (removed or edited by
    // hand: the cache's `Previous` checks the bytes against their hash).
    previous.files.remove(&shard_path(0));
    back(&previous);
    // Without a previous index at all.
    assert!(files(&site, docs(), None, None).is_err());
}

#[test]
fn chunks_of_kept_documents_are_the_previous_builds() {
    let site = starter();
    let mut previous = Built::of(&site, docs_of(&site));
    let chunks = site.items.len().div_ceil(CHUNK);
    // Marked, to tell a chunk read back from one made again.
    for c in 0..chunks {
        previous
            .files
            .insert(chunk_path(c), format!("chunk {c}").into_bytes());
    }
    let kept = patched(&site, &[], "", &previous);
    let files: HashMap<_, _> = kept.files.into_iter().collect();
    for c in 0..chunks {
        assert_eq!(files[&chunk_path(c)], format!("chunk {c}").into_bytes());
    }
    // The chunk of a changed document is made again; a clean build makes every chunk.
    let docs = kept_but(&site, &[0], "全新的正文内容");
    let first = docs
        .iter()
        .position(|d| d.terms.is_some())
        .expect("one document changed");
    let index = files_of(files_or_panic(&site, docs, &previous));
    let clean: HashMap<_, _> = clean_with(&site, &[0], "全新的正文内容")
        .files
        .into_iter()
        .collect();
    let changed_chunk = chunk_path(first / CHUNK);
    assert_eq!(index[&changed_chunk], clean[&changed_chunk]);
    assert_ne!(index[&changed_chunk], previous.files[&changed_chunk]);
}

#[test]
fn a_shard_cut_short_is_not_patched() {
    let site = starter();
    let mut previous = Built::of(&site, docs_of(&site));
    for s in 0..shard_count(site.items.len()) {
        let shard = previous.files.get_mut(&shard_path(s)).unwrap();
        shard.truncate(shard.len() - 1);
    }
    assert!(files(
        &site,
        kept_but(&site, &[0], "全新的正文内容"),
        Some(&previous),
        None
    )
    .is_err());
}

fn files_or_panic(site: &Site, docs: Vec<Doc>, previous: &Built) -> Index {
    files(site, docs, Some(previous), None).unwrap_or_else(|_| panic!("the index is patched"))
}

fn files_of(index: Index) -> HashMap<String, Vec<u8>> {
    index.files.into_iter().collect()
}

#[test]
fn an_index_gathered_while_pages_render_is_the_index_built_from_every_documents_terms() {
    let site = starter();
    let gatherer = Gatherer::default();
    // Documents come in any order and from several threads, as pages do.
    let mut order: Vec<usize> = (0..site.items.len()).collect();
    order.reverse();
    let docs: Vec<Doc> = order
        .par_iter()
        .map(|&i| {
            doc(
                &site,
                i,
                &site.items[i].url,
                &site.items[i].body,
                Some(&gatherer),
            )
        })
        .collect();
    assert!(docs.iter().all(|d| d.terms.is_none()));
    let gathered = files(&site, docs, None, Some(gatherer)).unwrap_or_else(|_| panic!("gathered"));
    let gathered: HashMap<String, Vec<u8>> = gathered.files.into_iter().collect();
    let from_terms = built(&site);
    assert_eq!(gathered.len(), from_terms.len());
    for (path, bytes) in &from_terms {
        assert!(gathered[path] == *bytes, "{path} differs");
    }
}

#[test]
fn a_document_that_was_not_gathered_is_not_left_out_of_the_index() {
    let site = starter();
    let gatherer = Gatherer::default();
    let mut docs = docs_of(&site);
    // The first document's page went elsewhere (no terms, none gathered): the documents
    // come back, as for an index that cannot be patched.
    docs[0].terms = None;
    assert!(files(&site, docs, None, Some(gatherer)).is_err());
}
