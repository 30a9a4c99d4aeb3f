//! The rebuild loop. Each batch of changes is first offered to the fast path (`fast`),
//! which publishes at once when only item bodies changed, and then rebuilt in full on a
//! background thread. A full rebuild that a newer batch overtook is thrown away rather
//! than published: it read the files before that batch, and would show an older page than
//! the fast path already did. The next full rebuild, which includes the batch, follows.

use super::overlay;
use super::reload;
use super::state::{Body, State};
use crate::config::Date;
use crate::incremental::{Model, PageMemo};
use crate::output::Memory;
use crate::pipeline::{self, Outcome, RunOptions};
use crate::terminal;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Instant;

/// Builds the site into memory, again and again, remembering unchanged pages.
pub(super) struct Builder {
    root: PathBuf,
    as_of: Option<Date>,
    state: Arc<State>,
    memo: PageMemo,
    /// The model of the latest published full build, with the fast path's edits applied.
    /// Held while publishing, so that fast and full publications come in order.
    model: Mutex<Option<Model>>,
    /// Counts batches of changes; a full rebuild publishes only if none came during it.
    generation: AtomicU64,
    /// Changed paths not yet rebuilt in full.
    pending: Mutex<Vec<String>>,
    wake: Condvar,
    stopping: AtomicBool,
}

impl Builder {
    pub(super) fn new(root: PathBuf, as_of: Option<Date>, state: Arc<State>) -> Builder {
        Builder {
            root,
            as_of,
            state,
            memo: PageMemo::default(),
            model: Mutex::new(None),
            generation: AtomicU64::new(0),
            pending: Mutex::new(Vec::new()),
            wake: Condvar::new(),
            stopping: AtomicBool::new(false),
        }
    }

    /// The first build, before the server answers.
    pub(super) fn first(&self) {
        self.full(&[]);
    }

    /// A settled batch of changes from the watcher: shown at once when the fast path can,
    /// and queued for the full rebuild in any case. Returns the pages shown at once.
    pub(super) fn changed(&self, changed: Vec<String>) -> Option<usize> {
        self.generation.fetch_add(1, Ordering::SeqCst);
        let started = Instant::now();
        let shown = match lock(&self.model).as_mut() {
            Some(model) => {
                super::fast::publish(&self.root, model, &changed, &self.state, reload::SCRIPT_TAG)
            }
            None => None,
        };
        if let Some(pages) = shown.filter(|&pages| pages > 0) {
            terminal::print_serve_preview(&changed, pages, started.elapsed());
        }
        let mut pending = lock(&self.pending);
        for path in changed {
            if !pending.contains(&path) {
                pending.push(path);
            }
        }
        self.wake.notify_all();
        shown
    }

    /// The background loop of full rebuilds; returns after [`Builder::stop`].
    pub(super) fn run_full(&self) {
        let pool = background_pool();
        loop {
            let mut pending = lock(&self.pending);
            while pending.is_empty() && !self.stopping.load(Ordering::SeqCst) {
                pending = match self.wake.wait(pending) {
                    Ok(guard) => guard,
                    Err(poisoned) => poisoned.into_inner(),
                };
            }
            if self.stopping.load(Ordering::SeqCst) {
                return;
            }
            let changed = std::mem::take(&mut *pending);
            drop(pending);
            let build = || match &pool {
                Some(pool) => pool.install(|| self.full(&changed)),
                None => self.full(&changed),
            };
            // A bug in a rebuild must not end the rebuilds for the rest of the session.
            let published = std::panic::catch_unwind(std::panic::AssertUnwindSafe(build))
                .unwrap_or_else(|_| {
                    terminal::say("内部错误：这次重新构建中断了，保存后会再次构建");
                    true
                });
            if !published {
                // Overtaken: rebuild again with these paths and the newer ones.
                let mut pending = lock(&self.pending);
                for path in changed {
                    if !pending.contains(&path) {
                        pending.push(path);
                    }
                }
            }
        }
    }

    /// Ends [`Builder::run_full`] (after the rebuild under way, if any).
    pub(super) fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _pending = lock(&self.pending);
        self.wake.notify_all();
    }

    /// One full build, published as the new snapshot — its files when it is good, else
    /// only the overlay over the last good files — and reported on the terminal. `false`
    /// when a newer batch of changes arrived meanwhile and nothing was published.
    fn full(&self, changed: &[String]) -> bool {
        let generation = self.generation.load(Ordering::SeqCst);
        let built = self.build();
        self.publish(generation, built, changed)
    }

    /// Runs the pipeline into memory.
    fn build(&self) -> Built {
        let sink = Memory::default();
        let options = RunOptions {
            as_of: self.as_of,
            inject: Some(reload::SCRIPT_TAG.to_string()),
            memo: Some(&self.memo),
            ..Default::default()
        };
        self.memo.start_run();
        let outcome = pipeline::run(&self.root, &sink, &options);
        let files = sink.files.into_inner().unwrap_or_default();
        let model = self.memo.take_model();
        Built {
            outcome,
            files,
            model,
        }
    }

    /// Publishes a build that started at `generation`, unless a batch came since.
    fn publish(&self, generation: u64, built: Built, changed: &[String]) -> bool {
        let mut model = lock(&self.model);
        if self.generation.load(Ordering::SeqCst) != generation {
            return false;
        }
        let good = built.outcome.exit_code() == 0;
        if good {
            // After the fast path, usually no page differs: no second reload then.
            self.state.publish_quietly(shared(built.files));
        } else {
            self.state
                .publish(None, Some(overlay::panel(&built.outcome)));
        }
        // The fast path works only from a good build's model.
        *model = built.model.filter(|_| good);
        drop(model);
        report(&self.memo, &built.outcome, changed);
        true
    }
}

/// A finished full build, not yet published.
struct Built {
    outcome: Outcome,
    files: HashMap<String, Arc<Vec<u8>>>,
    model: Option<Model>,
}

/// The threads of the background rebuilds, at a lower priority (nice 10), so that the
/// fast path and the HTTP workers get the cores first while a rebuild runs. `None` (the
/// global pool) if the threads cannot be started.
fn background_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("govsite-rebuild-{i}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok()
}

#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: neither call takes a pointer. On Linux the nice value belongs to the thread
    // (see setpriority(2)), so this lowers the calling pool thread only.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 10);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

fn report(memo: &PageMemo, outcome: &Outcome, changed: &[String]) {
    let (_, rendered) = memo.stats();
    terminal::print_serve_build(outcome, changed, rendered);
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    match mutex.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

fn shared(files: HashMap<String, Arc<Vec<u8>>>) -> HashMap<String, Body> {
    files
        .into_iter()
        .map(|(path, bytes)| (path, Body(bytes)))
        .collect()
}

#[cfg(test)]
#[path = "rebuild_tests.rs"]
mod tests;
