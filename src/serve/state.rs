//! What the server shows: the last good build's files and, when the latest build failed,
//! the overlay listing its diagnostics. A build is swapped in whole (one `Arc`), so a
//! request holds either the old snapshot or the new one, never a mix of both.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

/// The bytes of one served file, shared between the snapshot and the responses reading it
/// (an `Arc<Vec>` rather than `Arc<[u8]>` so that a build's buffers are not copied).
#[derive(Clone)]
pub struct Body(pub Arc<Vec<u8>>);

impl Body {
    pub fn new(bytes: impl Into<Vec<u8>>) -> Body {
        Body(Arc::new(bytes.into()))
    }
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// One consistent view of the site.
#[derive(Default)]
pub struct Snapshot {
    /// The last good build: output path (`zwdt/index.html`) → bytes. Empty before the first.
    pub files: Arc<HashMap<String, Body>>,
    /// HTML listing the diagnostics when the latest build had errors.
    pub overlay: Option<Arc<str>>,
    /// Number of the latest finished build (good or not); the live-reload script compares it.
    pub build: u64,
}

/// Shared by the HTTP workers, the live-reload streams and the rebuild loop.
#[derive(Default)]
pub struct State {
    snapshot: RwLock<Arc<Snapshot>>,
    /// The latest build number again, under a mutex the streams can wait on.
    latest: Mutex<u64>,
    changed: Condvar,
    /// Open live-reload streams, to cap the threads they hold.
    pub streams: AtomicUsize,
    /// Set on shutdown so that waiting streams end.
    pub stopping: AtomicBool,
}

impl State {
    /// The snapshot to answer one request from.
    pub fn current(&self) -> Arc<Snapshot> {
        match self.snapshot.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Publishes a finished build: `files` for a good build (replacing the previous
    /// files), `None` to keep the last good files; `overlay` when it had errors.
    pub fn publish(&self, files: Option<HashMap<String, Body>>, overlay: Option<String>) -> u64 {
        let previous = self.current();
        let next = Snapshot {
            files: files.map_or_else(|| Arc::clone(&previous.files), Arc::new),
            overlay: overlay.map(Arc::from),
            build: previous.build + 1,
        };
        let build = next.build;
        match self.snapshot.write() {
            Ok(mut guard) => *guard = Arc::new(next),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(next),
        }
        if let Ok(mut latest) = self.latest.lock() {
            *latest = build;
        }
        self.changed.notify_all();
        build
    }

    /// Publishes a good build's files under the current build number, without telling the
    /// browsers: for a build whose pages are the ones already shown (the fast path showed
    /// them, or nothing a page shows changed), whose other files — the search index, feeds
    /// — are not reloaded anyway. Falls back to [`State::publish`] when the site shows
    /// the error overlay or any page differs.
    pub fn publish_quietly(&self, files: HashMap<String, Body>) -> u64 {
        let previous = self.current();
        if previous.overlay.is_some() || previous.build == 0 || !same_pages(&previous.files, &files)
        {
            return self.publish(Some(files), None);
        }
        let next = Snapshot {
            files: Arc::new(files),
            overlay: None,
            build: previous.build,
        };
        match self.snapshot.write() {
            Ok(mut guard) => *guard = Arc::new(next),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(next),
        }
        previous.build
    }

    /// Waits until a build newer than `seen` is published, the timeout passes or the
    /// server stops; returns the latest build number.
    pub fn wait_after(&self, seen: u64, timeout: Duration) -> u64 {
        let Ok(latest) = self.latest.lock() else {
            return seen;
        };
        let waited = self.changed.wait_timeout_while(latest, timeout, |latest| {
            *latest <= seen && !self.stopping.load(Ordering::Relaxed)
        });
        match waited {
            Ok((latest, _)) => *latest,
            Err(_) => seen,
        }
    }

    /// Wakes every waiting stream so that it can end.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::Relaxed);
        self.changed.notify_all();
    }
}

/// Whether both hold the same HTML pages with the same bytes (most share their buffers).
fn same_pages(a: &HashMap<String, Body>, b: &HashMap<String, Body>) -> bool {
    let pages = |files: &HashMap<String, Body>| files.keys().filter(|p| is_page(p)).count();
    pages(a) == pages(b)
        && a.iter().filter(|(p, _)| is_page(p)).all(|(path, body)| {
            b.get(path)
                .is_some_and(|other| Arc::ptr_eq(&body.0, &other.0) || body.0 == other.0)
        })
}

fn is_page(path: &str) -> bool {
    path.ends_with(".html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(text: &str) -> HashMap<String, Body> {
        HashMap::from([("index.html".to_string(), Body::new(text))])
    }

    #[test]
    fn a_failed_build_keeps_the_last_good_files() {
        let state = State::default();
        assert_eq!(state.publish(Some(files("one")), None), 1);
        let held = state.current();
        assert_eq!(state.publish(None, Some("overlay".into())), 2);
        let now = state.current();
        assert_eq!(now.files["index.html"].as_ref(), b"one");
        assert_eq!(now.overlay.as_deref(), Some("overlay"));
        state.publish(Some(files("two")), None);
        assert!(state.current().overlay.is_none());
        assert_eq!(state.current().files["index.html"].as_ref(), b"two");
        // A request that started before the swap still sees its whole snapshot.
        assert_eq!(held.files["index.html"].as_ref(), b"one");
    }

    #[test]
    fn a_build_with_the_pages_shown_is_published_quietly() {
        let state = State::default();
        let with = |page: &str, index: &str| {
            HashMap::from([
                ("a/index.html".to_string(), Body::new(page)),
                ("search/index.json".to_string(), Body::new(index)),
            ])
        };
        assert_eq!(
            state.publish_quietly(with("one", "1")),
            1,
            "the first build is told"
        );
        assert_eq!(
            state.publish_quietly(with("one", "2")),
            1,
            "same pages: quiet"
        );
        assert_eq!(state.current().files["search/index.json"].as_ref(), b"2");
        assert_eq!(state.publish_quietly(with("two", "2")), 2, "a page changed");
        let mut more = with("two", "2");
        more.insert("b/index.html".into(), Body::new("new"));
        assert_eq!(state.publish_quietly(more), 3, "a page was added");
        state.publish(None, Some("overlay".into()));
        assert_eq!(
            state.publish_quietly(with("two", "2")),
            5,
            "the overlay clears"
        );
        assert!(state.current().overlay.is_none());
    }

    #[test]
    fn waiting_returns_on_a_new_build() {
        let state = Arc::new(State::default());
        let waiter = {
            let state = Arc::clone(&state);
            std::thread::spawn(move || state.wait_after(0, Duration::from_secs(10)))
        };
        std::thread::sleep(Duration::from_millis(20));
        state.publish(None, None);
        assert_eq!(waiter.join().unwrap(), 1);
        assert_eq!(state.wait_after(1, Duration::from_millis(1)), 1);
    }
}
