//! Watches the site's inputs and reports settled batches of changes. Only the inputs are
//! watched (site.yaml and the input folders), never `public/`, which on a large portal
//! would cost one inotify watch per page folder.

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// The input folders, watched recursively when they exist.
const FOLDERS: [&str; 5] = ["content", "static", "templates", "themes", "wordlists"];
/// The input files at the top of the site folder.
const FILES: [&str; 1] = [crate::config::SITE_FILE];
/// Quiet time that ends a batch. An editor's save (write, or write-and-rename) is a few
/// events well within a millisecond or two; 10 ms gathers them while keeping save → page
/// fast. Events that come later (a slow writer, a save during a rebuild) make the next
/// batch: nothing is lost, the page is only rebuilt once more.
const DEBOUNCE: Duration = Duration::from_millis(10);
/// The quiet time once a writer has closed the file it wrote: its save is complete, and
/// what may still follow (the rename of a write-and-rename save) comes at once.
const SETTLED: Duration = Duration::from_millis(2);
/// A batch never waits longer than this, even when events keep coming.
const MAX_BATCH: Duration = Duration::from_secs(1);

/// A running watcher.
pub struct Watch {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<Change>,
}

/// One changed path; `closed` when a writer closed it (the write is complete), `created`
/// when the event made it.
struct Change {
    path: PathBuf,
    closed: bool,
    created: bool,
}

impl Watch {
    /// Starts watching the site in `root` (an absolute, canonical path).
    pub fn start(root: &Path) -> notify::Result<Watch> {
        let (sender, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
            let Ok(event) = result else { return };
            let closed = matches!(
                event.kind,
                EventKind::Access(AccessKind::Close(AccessMode::Write))
            );
            // Reads (open, close without writing) change nothing.
            if matches!(event.kind, EventKind::Access(_)) && !closed {
                return;
            }
            let created = matches!(event.kind, EventKind::Create(_));
            for path in event.paths {
                let _ = sender.send(Change {
                    path,
                    closed,
                    created,
                });
            }
        })?;
        // The top level non-recursively: site.yaml, and input folders created later.
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut watch = Watch {
            root: root.to_path_buf(),
            watcher,
            events,
        };
        for folder in FOLDERS {
            watch.watch_folder(&root.join(folder));
        }
        Ok(watch)
    }

    fn watch_folder(&mut self, path: &Path) {
        if path.is_dir() {
            // Watching a folder twice is harmless; a folder that vanished meanwhile is not
            // an error either, its re-creation is seen at the top level.
            let _ = self.watcher.watch(path, RecursiveMode::Recursive);
        }
    }

    /// Blocks until a batch of changes to the inputs has settled; returns the changed
    /// paths relative to the site folder, or `None` when the watcher is gone.
    pub fn next_batch(&mut self) -> Option<Vec<String>> {
        loop {
            let first = self.events.recv().ok()?;
            let started = Instant::now();
            let mut quiet = if first.closed { SETTLED } else { DEBOUNCE };
            let mut changes = vec![first];
            while started.elapsed() < MAX_BATCH {
                match self.events.recv_timeout(quiet) {
                    Ok(change) => {
                        quiet = if change.closed { SETTLED } else { DEBOUNCE };
                        changes.push(change);
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            let changed = self.settle(changes);
            if !changed.is_empty() {
                return Some(changed);
            }
        }
    }
}

impl Watch {
    /// The inputs a batch changed, each once, in the order first seen. A file that the
    /// batch both created and removed is left out: it is a writer's scratch file, such as
    /// the `sedXXXXXX` that `sed -i` writes and renames over the real file, or an editor's
    /// write-and-rename copy, whatever its name. A file that existed before and is gone
    /// now was deleted, and is reported.
    fn settle(&mut self, changes: Vec<Change>) -> Vec<String> {
        let created: Vec<&Path> = changes
            .iter()
            .filter(|c| c.created)
            .map(|c| c.path.as_path())
            .collect();
        let scratch = |path: &Path| created.contains(&path) && !path.exists();
        let mut changed: Vec<String> = Vec::new();
        for change in &changes {
            let Some(rel) = relevant(&self.root, &change.path) else {
                continue;
            };
            if scratch(&change.path) {
                continue;
            }
            if FOLDERS.contains(&rel.as_str()) {
                self.watch_folder(&change.path);
            }
            if !changed.contains(&rel) {
                changed.push(rel);
            }
        }
        changed
    }
}

/// The path relative to the site folder when it is an input and not an editor's scratch
/// file.
fn relevant(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let top = rel.components().next()?.as_os_str().to_str()?;
    if !FOLDERS.contains(&top) && !FILES.contains(&top) {
        return None;
    }
    let name = rel.file_name()?.to_str()?;
    let scratch = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
        || name.starts_with(".#");
    if scratch {
        return None;
    }
    Some(rel.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inputs_count() {
        let root = Path::new("/site");
        let rel = |p: &str| relevant(root, Path::new(p));
        assert_eq!(rel("/site/site.yaml").as_deref(), Some("site.yaml"));
        assert_eq!(
            rel("/site/content/zwdt/a.md").as_deref(),
            Some("content/zwdt/a.md")
        );
        assert_eq!(rel("/site/content").as_deref(), Some("content"));
        assert_eq!(rel("/site/public/index.html"), None);
        assert_eq!(rel("/site/notes.txt"), None);
        assert_eq!(rel("/site/content/zwdt/.a.md.swp"), None);
        assert_eq!(rel("/site/content/zwdt/a.md~"), None);
        assert_eq!(rel("/elsewhere/site.yaml"), None);
    }

    #[test]
    fn a_write_is_reported_once_settled() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        let mut watch = Watch::start(&root).unwrap();
        std::fs::write(root.join("content/a.md"), "x").unwrap();
        std::fs::write(root.join("site.yaml"), "x").unwrap();
        std::fs::write(root.join("other.txt"), "x").unwrap();
        // A busy machine may split the writes over two batches.
        let mut batch = watch.next_batch().unwrap();
        if batch.len() < 2 {
            batch.extend(watch.next_batch().unwrap());
        }
        assert!(batch.contains(&"content/a.md".to_string()), "{batch:?}");
        assert!(batch.contains(&"site.yaml".to_string()), "{batch:?}");
        assert!(!batch.iter().any(|p| p == "other.txt"));
    }

    #[test]
    fn a_scratch_file_renamed_over_the_input_is_not_reported() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "x").unwrap();
        std::fs::write(root.join("content/old.md"), "x").unwrap();
        let mut watch = Watch::start(&root).unwrap();
        // What `sed -i` does: write a scratch file beside the input, rename it over it.
        // The file is closed after the rename, so that a loaded machine cannot end the
        // batch between the two (a close settles a batch after 2 ms).
        let mut scratch = std::fs::File::create(root.join("content/sedutvoPN")).unwrap();
        std::io::Write::write_all(&mut scratch, b"y").unwrap();
        std::fs::rename(root.join("content/sedutvoPN"), root.join("content/a.md")).unwrap();
        drop(scratch);
        std::fs::remove_file(root.join("content/old.md")).unwrap();
        let mut seen = Vec::new();
        while !(seen.contains(&"content/a.md".to_string())
            && seen.contains(&"content/old.md".to_string()))
        {
            seen.extend(watch.next_batch().unwrap());
        }
        assert!(!seen.iter().any(|p| p.contains("sedutvoPN")), "{seen:?}");
    }
}
