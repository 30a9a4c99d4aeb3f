//! What a pass over a page found in the theme's landmarks, kept per thread. Most of a
//! page's elements are its header, navigation and footer (`html::Landmark`), the same bytes
//! page after page. A pass that judges each element by the element and its descendants
//! alone finds the same there on every page: it splits the page at its landmarks
//! ([`PageView::parts`]) and asks its memo for each landmark's findings. The facts
//! gathering (`facts::gather`), GOV401 and GOV505 do.
//!
//! Only findings that are a function of the landmark's bytes may be kept (not, say, an
//! accessible name taken from an `aria-labelledby` elsewhere on the page, or a link relative
//! to the page); the pass says which by what it puts in, and findings that depend on the run
//! too are kept for one run ([`LandmarkMemo::in_run`]). Debug builds (every test that builds
//! a site) check each pass's answer against its plain pass over all the page's elements.

use super::html::{Element, Landmark};
use super::PageView;
use rustc_hash::FxHashMap;

/// A stretch of a page's elements, in document order.
pub enum Part<'v, 'a> {
    /// Elements outside the landmarks.
    Page(&'v [Element<'a>]),
    /// One landmark: its source and its elements (the landmark and its descendants).
    Landmark(&'v str, &'v [Element<'a>]),
}

/// The page's elements split at `landmarks` (see [`html::landmarks`](super::html::landmarks)).
pub fn parts<'v, 'a>(
    html: &'v str,
    elements: &'v [Element<'a>],
    landmarks: &[Landmark],
) -> Vec<Part<'v, 'a>> {
    let mut parts = Vec::with_capacity(2 * landmarks.len() + 1);
    let mut rest = elements;
    for landmark in landmarks {
        let (before, from) =
            rest.split_at(rest.partition_point(|e| e.index < *landmark.nodes.start()));
        let (inside, after) =
            from.split_at(from.partition_point(|e| e.index <= *landmark.nodes.end()));
        parts.push(Part::Page(before));
        parts.push(match html.get(landmark.span.clone()) {
            Some(source) => Part::Landmark(source, inside),
            None => Part::Page(inside),
        });
        rest = after;
    }
    parts.push(Part::Page(rest));
    parts
}

impl<'a> PageView<'a> {
    /// The page's elements split at its landmarks, in document order.
    pub fn parts(&self) -> Vec<Part<'_, 'a>> {
        parts(self.html, self.elements, self.landmarks)
    }
}

/// What one pass found in the landmarks one thread has seen, by the landmark's source. A
/// site has a few variants of each (the navigation marks the current column); past
/// its limit (512 landmarks) the memo is emptied, so that a theme whose header differs on
/// every page, or a long `govsite serve` session, costs only the copies.
pub struct LandmarkMemo<T> {
    found: FxHashMap<Box<str>, T>,
    /// The run the findings are of, for findings that hold only within one
    /// ([`LandmarkMemo::in_run`]).
    run: u64,
}

impl<T> Default for LandmarkMemo<T> {
    fn default() -> Self {
        LandmarkMemo {
            found: FxHashMap::default(),
            run: 0,
        }
    }
}

impl<T: Clone> LandmarkMemo<T> {
    const LIMIT: usize = 512;

    /// The findings in the landmark `source`, found by `find` on its first sight.
    pub fn get(&mut self, source: &str, find: impl FnOnce() -> T) -> T {
        if let Some(known) = self.found.get(source) {
            return known.clone();
        }
        if self.found.len() >= Self::LIMIT {
            self.found.clear();
        }
        let found = find();
        self.found.insert(source.into(), found.clone());
        found
    }

    /// What is known of the landmark `source`, without finding it.
    #[cfg(test)]
    pub fn known(&self, source: &str) -> Option<&T> {
        self.found.get(source)
    }

    /// The memo, emptied first if it holds another run's findings: for findings that
    /// depend on the run too (links resolved against the site's hosts, which a `govsite
    /// serve` session may change).
    pub fn in_run(&mut self, run: u64) -> &mut Self {
        if self.run != run {
            self.found.clear();
            self.run = run;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::html;

    #[test]
    fn parts_cover_every_element_once_in_order() {
        let page =
            "<html><body><a href=\"#m\">s</a><header><p>h</p></header><div><nav>n</nav></div>\
                    <main id=\"m\"><p>x</p></main><footer><p>f<b>b</b></p></footer></body></html>";
        let dom = tl::parse(page, tl::ParserOptions::default()).unwrap();
        let elements = html::elements(&dom);
        let landmarks = html::landmarks(page, &dom, &elements);
        let mut names = Vec::new();
        let mut shape = Vec::new();
        for part in parts(page, &elements, &landmarks) {
            let (kind, elements) = match part {
                Part::Page(e) => ("page", e),
                Part::Landmark(source, e) => {
                    assert!(source.starts_with(&format!("<{}", e[0].name)));
                    ("landmark", e)
                }
            };
            shape.push((kind, elements.len()));
            names.extend(elements.iter().map(|e| e.name.to_string()));
        }
        let all: Vec<String> = elements.iter().map(|e| e.name.to_string()).collect();
        assert_eq!(names, all);
        // The <nav> inside a <div> is not a child of <body>: not a landmark.
        let expected = [
            ("page", 3),
            ("landmark", 2),
            ("page", 4),
            ("landmark", 3),
            ("page", 0),
        ];
        assert_eq!(shape, expected);
    }

    #[test]
    fn the_memo_finds_once_and_forgets_past_its_limit() {
        let mut memo = LandmarkMemo::default();
        let mut calls = 0;
        for _ in 0..3 {
            assert_eq!(
                memo.get("<nav>a</nav>", || {
                    calls += 1;
                    7
                }),
                7
            );
        }
        assert_eq!(calls, 1);
        for i in 0..LandmarkMemo::<u8>::LIMIT + 1 {
            memo.get(&format!("<nav>{i}</nav>"), || 0);
        }
        assert!(memo.found.len() <= LandmarkMemo::<u8>::LIMIT);
        assert_eq!(memo.in_run(1).get("<nav>a</nav>", || 8), 8);
    }
}
