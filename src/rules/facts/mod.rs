//! Facts gathered from each rendered page in the one pass over it, for checks that need
//! every page at once (links and fragments between pages, duplicate titles), and the
//! whole-site facts built once from them: every output file of the build and the
//! references in its stylesheets. How a page's facts are found in its HTML: [`gather`].

use super::urls;
use rustc_hash::FxHashMap;
use rustc_hash::{FxHashSet, FxHasher};
use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// A link or resource reference on a page.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct PageLink {
    /// The tag it came from (`a`, `img`, `script`, `link` …; `style` for CSS `url()`),
    /// or `element` for another tag with a `style` or `srcset` attribute. Static: every
    /// page keeps its links until the whole-site checks.
    pub tag: &'static str,
    /// The URL as written, entities decoded.
    pub url: String,
    /// Where it points, resolved once against the page for every rule that asks.
    pub target: urls::Target,
    /// Whether the page loads it (image, script, stylesheet, media, CSS `url()`) rather
    /// than links to it.
    pub resource: bool,
    /// Where it is in the page's source file, when it came from the Markdown body.
    pub source_span: Option<Range<usize>>,
}

/// What cross-page rules need to know of one page.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    pub url: String,
    pub output: String,
    pub kind: &'static str,
    pub title: String,
    pub ids: Ids,
    /// Shared between pages through [`LinkInterner`].
    pub links: Vec<Arc<PageLink>>,
    /// The source file of the page's content, for pointing at the line a link came from.
    pub source: Option<String>,
}

/// A page's element ids and anchor names (what a `#fragment` link can point at), sorted and
/// distinct. A page has a few and keeps them until the whole-site checks: a sorted list
/// takes half the memory of a hash set, and a page is looked up in a few times at most.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ids(Box<[Box<str>]>);

impl Ids {
    pub fn contains(&self, id: &str) -> bool {
        self.0.binary_search_by(|i| (**i).cmp(id)).is_ok()
    }

    /// In byte order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|i| &**i)
    }
}

impl FromIterator<String> for Ids {
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> Ids {
        let mut ids: Vec<String> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        Ids(ids.into_iter().map(String::into_boxed_str).collect())
    }
}

/// Link facts shared between the pages of a run. Most links on a page are the theme's
/// (navigation, header, footer) and the same on every page, and every page keeps its links
/// until the whole-site checks: each distinct link is stored once.
pub struct LinkInterner {
    shards: [Mutex<FxHashSet<Arc<PageLink>>>; 16],
    /// Tells this run's entries in each thread's [`SAME_ON_EVERY_PAGE`] from another's.
    run: u64,
}

impl Default for LinkInterner {
    fn default() -> Self {
        static RUNS: AtomicU64 = AtomicU64::new(0);
        LinkInterner {
            shards: Default::default(),
            run: RUNS.fetch_add(1, Ordering::Relaxed),
        }
    }
}

/// A link whose target does not depend on the page it is on (outside the Markdown body,
/// written as an absolute path or with a scheme), by tag, whether it loads and URL.
type LinkKey = (&'static str, bool, String);

thread_local! {
    /// Each page thread's links that are the same on every page, for the run that found
    /// them: the theme's navigation, header and footer are on every page, and this spares
    /// resolving and interning them again.
    static SAME_ON_EVERY_PAGE: RefCell<(u64, FxHashMap<LinkKey, Arc<PageLink>>)> =
        RefCell::new((u64::MAX, FxHashMap::default()));
}

impl LinkInterner {
    /// The shared copy of a link that is the same on every page (see [`LinkKey`]), made by
    /// `make` unless this thread has seen it in this run.
    fn same_on_every_page(
        &self,
        key: LinkKey,
        make: impl FnOnce(LinkKey) -> PageLink,
    ) -> Arc<PageLink> {
        SAME_ON_EVERY_PAGE.with_borrow_mut(|(run, seen)| {
            if *run != self.run {
                seen.clear();
                *run = self.run;
            }
            if let Some(link) = seen.get(&key) {
                return Arc::clone(link);
            }
            let link = self.intern(make(key.clone()));
            seen.insert(key, Arc::clone(&link));
            link
        })
    }

    /// The shared copy of `link`.
    pub fn intern(&self, link: PageLink) -> Arc<PageLink> {
        let mut hasher = FxHasher::default();
        link.hash(&mut hasher);
        // Sharded, so that the page threads seldom wait for each other.
        let shard = &self.shards[hasher.finish() as usize % 16];
        let mut set = shard.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(shared) = set.get(&link) {
            return Arc::clone(shared);
        }
        let shared = Arc::new(link);
        set.insert(Arc::clone(&shared));
        shared
    }
}

/// What a whole-site rule worked out for each link, by the shared copy: most links are on
/// many pages ([`LinkInterner`]; 362,000 links on the 10,000-page benchmark portal, 51,000
/// of them distinct), and a link's target is in it, so the answer holds on every page.
/// Only for links of one run's pages, all alive while it is asked: a copy is known by its
/// address.
pub struct PerLink<T>(FxHashMap<*const PageLink, T>);

impl<T> Default for PerLink<T> {
    fn default() -> Self {
        PerLink(FxHashMap::default())
    }
}

impl<T> PerLink<T> {
    /// The answer for `link`, worked out by `find` on its first sight.
    pub fn get(&mut self, link: &Arc<PageLink>, find: impl FnOnce() -> T) -> &T {
        self.0.entry(Arc::as_ptr(link)).or_insert_with(find)
    }
}

/// A stylesheet the build writes, with the `url()`/`@import` references in it.
#[derive(Debug, Clone, Default)]
pub struct StylesheetFacts {
    /// Output path, e.g. `assets/site.css`.
    pub output: String,
    pub urls: Vec<String>,
}

/// Everything the whole-site checks see: the facts of every page, every file the build
/// writes (pages, static files, theme assets, feeds), and the stylesheets.
#[derive(Debug, Default)]
pub struct SiteFacts {
    pub pages: Vec<PageFacts>,
    /// Output paths relative to the output folder (`zwdt/index.html`, `files/通知.txt`).
    pub outputs: HashSet<String>,
    /// Every absolute path the outputs answer to (see [`SiteFacts::produces`]).
    served: rustc_hash::FxHashSet<String>,
    pub stylesheets: Vec<StylesheetFacts>,
    /// [`SiteFacts::referenced`], made once: GOV808 and the shared-file writer both ask.
    referenced: OnceLock<HashSet<String>>,
}

/// Every file a build writes, pages included, and the paths they answer to: known from
/// the plan, so made while the pages are rendered.
#[derive(Debug, Default)]
pub struct SiteFiles {
    outputs: HashSet<String>,
    served: rustc_hash::FxHashSet<String>,
}

impl SiteFiles {
    /// The files of a build, by output path (`zwdt/index.html`).
    pub fn new(files: impl IntoIterator<Item = String>) -> SiteFiles {
        let outputs: HashSet<String> = files.into_iter().collect();
        let served = outputs.iter().flat_map(|o| served_paths(o)).collect();
        SiteFiles { outputs, served }
    }
}

impl SiteFacts {
    /// Whole-site facts from the pages and every file the build writes.
    pub fn new(
        pages: Vec<PageFacts>,
        files: SiteFiles,
        stylesheets: Vec<StylesheetFacts>,
    ) -> SiteFacts {
        SiteFacts {
            pages,
            outputs: files.outputs,
            served: files.served,
            stylesheets,
            referenced: OnceLock::new(),
        }
    }

    /// Whether the build writes a file that serves `path` (absolute, decoded): one of its
    /// [`urls::output_candidates`]. Link checks ask this for every link of every page, so
    /// it is one lookup in a set made once rather than a search per link.
    pub fn produces(&self, path: &str) -> bool {
        self.served.contains(path)
    }

    /// The output paths that some page or stylesheet refers to (links and resources of
    /// this site, decoded, without the leading `/`). `own` are the site's hosts
    /// (`urls::own_hosts`); the set goes over every link, so it is made on the first call
    /// and shared by later ones.
    pub fn referenced(&self, own: &[String]) -> &HashSet<String> {
        self.referenced.get_or_init(|| self.find_referenced(own))
    }

    fn find_referenced(&self, own: &[String]) -> HashSet<String> {
        let from_pages =
            self.pages
                .iter()
                .flat_map(|p| &p.links)
                .filter_map(|link| match &link.target {
                    urls::Target::Internal { path, .. } => Some(path.clone()),
                    _ => None,
                });
        let from_sheets = self.stylesheets.iter().flat_map(|sheet| {
            let base = format!("/{}", sheet.output);
            sheet
                .urls
                .iter()
                .filter_map(move |url| match urls::resolve(url, &base, own) {
                    urls::Target::Internal { path, .. } => Some(path),
                    _ => None,
                })
        });
        from_pages
            .chain(from_sheets)
            .flat_map(|path| urls::output_candidates(&path))
            .collect()
    }
}

/// The absolute paths whose [`urls::output_candidates`] include `output`: the file's own
/// path, and for a folder's `index.html` the folder with and without its slash.
fn served_paths(output: &str) -> Vec<String> {
    let mut paths = vec![format!("/{output}")];
    if let Some(folder) = output.strip_suffix("index.html") {
        if folder.is_empty() || folder.ends_with('/') {
            paths.push(format!("/{folder}"));
            if let Some(bare) = folder.strip_suffix('/') {
                paths.push(format!("/{bare}"));
            }
        }
    }
    paths
}

mod gather;
mod locate;
pub use gather::gather;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn produced_paths_are_exactly_the_output_candidates() {
        let outputs = [
            "index.html",
            "zwdt/index.html",
            "files/通知.pdf",
            "a/b",
            "404.html",
        ];
        let files = SiteFiles::new(outputs.map(String::from));
        let facts = SiteFacts::new(Vec::new(), files, Vec::new());
        for path in [
            "/",
            "/zwdt/",
            "/zwdt",
            "/zwdt/index.html",
            "/files/通知.pdf",
            "/files/",
            "/a/b",
            "/a/b/",
            "/a/",
            "/404.html",
            "/404",
            "/index.html",
            "/x/",
            "/zwdt/index",
        ] {
            let expected = urls::output_candidates(path)
                .iter()
                .any(|c| outputs.contains(&c.as_str()));
            assert_eq!(facts.produces(path), expected, "{path}");
        }
    }
}
