//! Benchmark (not a test): time from saving an item to `govsite serve` serving the rebuilt
//! page, and the server's memory over successive edits.
//!
//! ```sh
//! python3 gen_corpus.py --n 10000 --format govsite --out /tmp/corpus   # a throwaway copy
//! cargo run --example serve_edit -- /tmp/corpus [EDITS] [path/to/govsite]
//! ```
//! The corpus is edited in place (one item gets a marker line, restored at the end).
//! With `CLIENTS=50` in the environment, that many clients fetch pages without pause
//! during the edits, and every response is checked to be a whole page (no errors, no torn
//! pages).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let site = PathBuf::from(
        args.get(1)
            .expect("usage: serve_edit SITE [EDITS] [GOVSITE]"),
    );
    let edits: usize = args
        .get(2)
        .map_or(10, |n| n.parse().expect("EDITS is a number"));
    let binary = args.get(3).map_or_else(default_binary, PathBuf::from);
    let (file, url) = first_item(&site);
    let original = std::fs::read_to_string(&file).expect("readable item");

    let started = Instant::now();
    let mut child = Command::new(&binary)
        .args(["serve", site.to_str().expect("UTF-8 path"), "--port", "0"])
        .args(["--as-of", "2026-11-27"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("govsite runs");
    let stderr = child.stderr.take().expect("piped stderr");
    let server = Killed(child);
    let addr = wait_for_url(stderr);
    println!(
        "initial build and start: {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let load = Load::start(&addr, &url);
    let mut times = Vec::new();
    for i in 0..edits {
        let marker = format!("bench-edit-{i}-{}", std::process::id());
        let saved = Instant::now();
        std::fs::write(&file, format!("{original}\n\n编辑标记 {marker}\n")).expect("writable");
        while !get(&addr, &url).contains(&marker) {
            std::thread::sleep(Duration::from_millis(1));
        }
        let elapsed = saved.elapsed();
        times.push(elapsed);
        println!(
            "edit {i:3}: {:8.1} ms  rss {:7} KiB",
            elapsed.as_secs_f64() * 1000.0,
            rss_kib(server.0.id())
        );
    }
    std::fs::write(&file, original).expect("restored");
    load.finish();
    times.sort();
    if let (Some(min), Some(max)) = (times.first(), times.last()) {
        let median = times[times.len() / 2];
        let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
        println!(
            "save → served: median {:.1} ms, min {:.1} ms, max {:.1} ms over {edits} edits",
            ms(&median),
            ms(min),
            ms(max)
        );
    }
}

/// Clients fetching pages during the edits (`CLIENTS=N`).
struct Load {
    stop: Arc<AtomicBool>,
    clients: Vec<std::thread::JoinHandle<(u64, u64)>>,
}

impl Load {
    fn start(addr: &str, url: &str) -> Load {
        let count: usize = std::env::var("CLIENTS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let stop = Arc::new(AtomicBool::new(false));
        let clients = (0..count)
            .map(|i| {
                let (addr, stop) = (addr.to_string(), Arc::clone(&stop));
                let target = if i % 2 == 0 {
                    url.to_string()
                } else {
                    "/".to_string()
                };
                std::thread::spawn(move || {
                    let (mut ok, mut bad) = (0, 0);
                    while !stop.load(Ordering::Relaxed) {
                        if whole_page(&get(&addr, &target)) {
                            ok += 1;
                        } else {
                            bad += 1;
                        }
                    }
                    (ok, bad)
                })
            })
            .collect();
        Load { stop, clients }
    }

    fn finish(self) {
        if self.clients.is_empty() {
            return;
        }
        self.stop.store(true, Ordering::Relaxed);
        let n = self.clients.len();
        let (mut ok, mut bad) = (0, 0);
        for client in self.clients {
            let (o, b) = client.join().unwrap_or((0, 1));
            ok += o;
            bad += b;
        }
        println!("{n} clients: {ok} whole pages, {bad} errors or torn pages");
    }
}

/// A 200 response whose body has its announced length and ends the document. Minified
/// pages leave out `</body></html>`; in serve mode a page ends with the live-reload script
/// and the build mark after it.
fn whole_page(response: &str) -> bool {
    let Some((head, body)) = response.split_once("\r\n\r\n") else {
        return false;
    };
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .and_then(|n| n.trim().parse::<usize>().ok());
    let ends = body
        .rsplit_once("/__govsite/live.js")
        .is_some_and(|(_, tail)| {
            tail.starts_with(" defer></script>")
                && tail.contains("id=\"govsite-build\"")
                && tail.ends_with("></div>")
        });
    head.starts_with("HTTP/1.1 200") && length == Some(body.len()) && ends
}

fn default_binary() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let release = root.join("target/release/govsite");
    if release.is_file() {
        release
    } else {
        root.join("target/debug/govsite")
    }
}

/// The first item of the generated corpus (`content/<section>/p000000.md`) and its URL.
fn first_item(site: &Path) -> (PathBuf, String) {
    let content = site.join("content");
    for entry in std::fs::read_dir(&content)
        .expect("a content folder")
        .flatten()
    {
        let file = entry.path().join("p000000.md");
        if file.is_file() {
            let section = entry.file_name().to_string_lossy().into_owned();
            return (file, format!("/{section}/p000000/"));
        }
    }
    panic!("no content/*/p000000.md: generate the corpus with gen_corpus.py --format govsite");
}

fn wait_for_url(stderr: std::process::ChildStderr) -> String {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.find("http://") {
                let url = line[at + 7..].split_whitespace().next().unwrap_or("");
                let _ = sender.send(url.trim_end_matches('/').to_string());
            }
        }
    });
    receiver.recv().expect("govsite serve printed its URL")
}

fn get(addr: &str, path: &str) -> String {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return String::new();
    };
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let mut body = Vec::new();
    if stream.write_all(request.as_bytes()).is_ok() {
        let _ = stream.read_to_end(&mut body);
    }
    String::from_utf8_lossy(&body).into_owned()
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
