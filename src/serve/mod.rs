//! `govsite serve`: a local preview. The site is built into memory (never into the site
//! folder or `public/`), served by a few tiny_http workers, rebuilt when an input changes,
//! and the browser reloads itself over Server-Sent Events. A build with errors keeps the
//! last good pages and lays the diagnostics over every page.
//!
//! A save that changed only item bodies is shown at once from the kept model
//! (`fast`); every batch of changes is then also rebuilt in full, in the background
//! (`rebuild`), where pages whose inputs did not change are taken from the previous run
//! (`crate::incremental`).

mod fast;
mod http;
mod overlay;
mod rebuild;
mod reload;
mod signal;
mod state;
mod watch;

use crate::config::Date;
use crate::terminal;
use state::State;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Threads answering plain requests (live-reload streams get their own).
const WORKERS: usize = 4;

/// What `govsite serve` was asked for.
pub struct ServeOptions {
    pub site: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// A fixed "today"; `None` is today in Beijing at each rebuild.
    pub as_of: Option<Date>,
}

/// Builds, serves and rebuilds until the process is stopped. `Err` only when the server
/// cannot start (the site folder is missing, the port is taken).
pub fn run(options: &ServeOptions) -> Result<(), String> {
    let root = options
        .site
        .canonicalize()
        .map_err(|e| format!("无法打开网站文件夹 {}：{e}", options.site.display()))?;
    // Nothing to clean up on Ctrl-C (no files are written), so stopping is just exiting.
    signal::on_stop(|| {
        terminal::say("已停止预览");
        std::process::exit(0);
    });
    // Bind first: a taken port is reported at once, not after a long first build.
    let server = tiny_http::Server::http((options.bind, options.port)).map_err(|e| {
        format!(
            "无法在 {}:{} 上启动预览服务：{e}",
            options.bind, options.port
        )
    })?;
    let server = Arc::new(server);
    let state = Arc::new(State::default());
    // Watch before the first build, so that a save during it is not lost.
    let mut watch = watch::Watch::start(&root)
        .map_err(|e| format!("无法监视网站文件夹 {}：{e}", root.display()))?;
    let builder = Arc::new(rebuild::Builder::new(
        root,
        options.as_of,
        Arc::clone(&state),
    ));
    builder.first();
    // Requests that arrived during the first build waited in tiny_http's queue.
    for _ in 0..WORKERS {
        let server = Arc::clone(&server);
        let state = Arc::clone(&state);
        std::thread::spawn(move || http::work(&server, &state));
    }
    terminal::print_serving(&url(&server, options), !options.bind.is_loopback());

    let background = {
        let builder = Arc::clone(&builder);
        std::thread::spawn(move || builder.run_full())
    };
    while let Some(changed) = watch.next_batch() {
        builder.changed(changed);
    }
    builder.stop();
    let _ = background.join();
    state.stop();
    server.unblock();
    Ok(())
}

/// The address to open, with the port the system picked for `--port 0`.
fn url(server: &tiny_http::Server, options: &ServeOptions) -> String {
    match server.server_addr().to_ip() {
        Some(addr) => format!("http://{addr}/"),
        None => format!("http://{}:{}/", options.bind, options.port),
    }
}
