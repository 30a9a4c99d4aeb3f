//! Phase timings for benchmarks: `GOVSITE_TIMINGS=1 govsite build …` prints on stderr how
//! long each phase of the build took, so that docs/benchmarks.md can say where a build's
//! time goes without a profiler (release builds have no frame pointers). Off by default;
//! then a phase costs one load of a cached flag.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("GOVSITE_TIMINGS").is_some_and(|v| v == "1"))
}

/// A phase being timed; its time is printed when it is dropped.
pub struct Phase {
    name: &'static str,
    start: Option<Instant>,
}

/// Starts timing the phase `name` (a no-op unless `GOVSITE_TIMINGS=1`).
pub fn phase(name: &'static str) -> Phase {
    Phase {
        name,
        start: enabled().then(Instant::now),
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if let Some(start) = self.start {
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            eprintln!("timing: {:<28} {ms:>8.1} ms", self.name);
        }
    }
}
