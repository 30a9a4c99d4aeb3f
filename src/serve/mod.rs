//! `govsite serve`: a local preview. The site is built into memory (never into the site
//! folder or `public/`), served by a few tiny_http workers, rebuilt when an input changes,
//! and the browser reloads itself over Server-Sent Events. A build with errors keeps the
//! last good pages and lays the diagnostics over every page.
//!
//! Every rebuild runs the whole pipeline into memory, but pages whose inputs did not change
//! are taken from the previous run (`crate::incremental`), so saving an item re-renders
//! that item, not the site.

mod http;
mod overlay;
mod reload;
mod signal;
mod state;
mod watch;

use crate::config::Date;
use crate::incremental::PageMemo;
use crate::output::Memory;
use crate::pipeline::{self, RunOptions};
use crate::terminal;
use state::{Body, State};
use std::collections::HashMap;
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
    let builder = Builder {
        root,
        as_of: options.as_of,
        memo: PageMemo::default(),
    };
    builder.rebuild(&state, &[]);
    // Requests that arrived during the first build waited in tiny_http's queue.
    for _ in 0..WORKERS {
        let server = Arc::clone(&server);
        let state = Arc::clone(&state);
        std::thread::spawn(move || http::work(&server, &state));
    }
    terminal::print_serving(&url(&server, options), !options.bind.is_loopback());

    while let Some(changed) = watch.next_batch() {
        builder.rebuild(&state, &changed);
    }
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

/// Builds the site into memory, again and again, remembering unchanged pages.
struct Builder {
    root: PathBuf,
    as_of: Option<Date>,
    memo: PageMemo,
}

impl Builder {
    /// One build, published as the new snapshot — its files when it is good, else only
    /// the overlay over the last good files — and reported on the terminal.
    fn rebuild(&self, state: &State, changed: &[String]) {
        let sink = Memory::default();
        let options = RunOptions {
            as_of: self.as_of,
            inject: Some(reload::SCRIPT_TAG.to_string()),
            memo: Some(&self.memo),
            ..Default::default()
        };
        self.memo.start_run();
        let outcome = pipeline::run(&self.root, &sink, &options);
        if outcome.exit_code() == 0 {
            let files = sink.files.into_inner().unwrap_or_default();
            state.publish(Some(shared(files)), None);
        } else {
            state.publish(None, Some(overlay::panel(&outcome)));
        }
        let (_, rendered) = self.memo.stats();
        terminal::print_serve_build(&outcome, changed, rendered);
    }
}

fn shared(files: HashMap<String, Arc<Vec<u8>>>) -> HashMap<String, Body> {
    files
        .into_iter()
        .map(|(path, bytes)| (path, Body(bytes)))
        .collect()
}
