//! Ctrl-C (SIGINT) and SIGTERM end the preview cleanly: a note on the terminal and exit
//! code 0. Nothing needs undoing — serve writes no files — so the handler only sets a
//! flag and a watcher thread exits the process.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

static STOP: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
extern "C" fn on_signal(_: libc::c_int) {
    // Only an atomic store: the one kind of work that is safe inside a signal handler.
    STOP.store(true, Ordering::SeqCst);
}

/// Installs the handlers and calls `on_stop` (on another thread) when a signal arrives.
pub fn on_stop(on_stop: impl FnOnce() + Send + 'static) {
    #[cfg(unix)]
    {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            libc::signal(libc::SIGINT, handler);
            libc::signal(libc::SIGTERM, handler);
        }
    }
    let spawned = std::thread::Builder::new()
        .name("govsite-signal".into())
        .spawn(move || {
            while !STOP.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(50));
            }
            on_stop();
        });
    // Without the thread the default handling stays in force, which also ends the process.
    drop(spawned);
}
