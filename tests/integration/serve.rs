//! `govsite serve`: the real binary on an ephemeral port, spoken to with plain HTTP over
//! TcpStream — pages, 404, MIME types, refused paths, edits, the error overlay, live reload.

use crate::common::{self, AS_OF};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `govsite serve`; killed when dropped, even when the test panics.
struct Server {
    child: Child,
    addr: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(site: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_govsite"))
            .args([
                "serve",
                site.to_str().unwrap(),
                "--port",
                "0",
                "--as-of",
                AS_OF,
            ])
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (sender, receiver) = std::sync::mpsc::channel();
        let sink = Arc::clone(&log);
        // Keeps draining stderr so that the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let url = line[at + 7..].split_whitespace().next().unwrap_or("");
                    let _ = sender.send(url.trim_end_matches('/').to_string());
                }
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let mut server = Server {
            child,
            addr: String::new(),
            log,
        };
        match receiver.recv_timeout(Duration::from_secs(30)) {
            Ok(addr) => server.addr = addr,
            Err(_) => panic!("no URL printed:\n{}", server.log.lock().unwrap()),
        }
        server
    }

    /// Sends one raw request target (not normalised) and reads the whole response.
    fn request(&self, method: &str, target: &str) -> Reply {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Reply::parse(&raw)
    }

    fn get(&self, target: &str) -> Reply {
        self.request("GET", target)
    }

    /// Polls `target` until `done` holds, for up to 10 seconds (the machine may be busy).
    fn wait_for(&self, target: &str, what: &str, done: impl Fn(&Reply) -> bool) -> Reply {
        let started = Instant::now();
        loop {
            let reply = self.get(target);
            if done(&reply) {
                return reply;
            }
            if started.elapsed() > Duration::from_secs(10) {
                panic!(
                    "{target}: {what} not seen within 10 s\n{}",
                    self.log.lock().unwrap()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Server {
    /// Sends Ctrl-C (SIGINT) and waits for the process to end.
    fn interrupt(&mut self) -> std::process::ExitStatus {
        let pid = libc::pid_t::try_from(self.child.id()).unwrap();
        // SAFETY: plain kill(2) on our own child.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "still running after Ctrl-C"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response head");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let body = String::from_utf8_lossy(&raw[split + 4..]).into_owned();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        Reply { status, head, body }
    }

    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    }

    fn content_type(&self) -> String {
        self.header("Content-Type").unwrap_or_default()
    }

    fn has_overlay(&self) -> bool {
        self.body.contains("id=\"govsite-overlay\"")
    }
}

const ITEM: &str = "content/zwdt/2026-11-25-executive-meeting.md";
const ITEM_URL: &str = "/zwdt/2026-11-25-executive-meeting/";
const TITLE: &str = "市人民政府召开第42次常务会议";

#[test]
fn serve_pages_404_and_mime_types() {
    let site = common::starter_copy();
    let server = Server::start(site.path());

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.content_type(), "text/html; charset=utf-8");
    assert!(
        home.body.contains("/__govsite/live.js"),
        "live reload injected"
    );
    assert!(!home.has_overlay());
    let item = server.get(ITEM_URL);
    assert_eq!(item.status, 200);
    assert!(item.body.contains(TITLE));
    assert_eq!(
        server.get("/zwdt").status,
        302,
        "a folder without its slash"
    );

    let missing = server.get("/no-such-page/");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.content_type(), "text/html; charset=utf-8");
    assert!(missing.body.contains("页面未找到"), "the site's 404.html");

    for (path, mime) in [
        ("/assets/site.css", "text/css; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/rss.xml", "application/xml; charset=utf-8"),
        ("/search/manifest.json", "application/json; charset=utf-8"),
        (
            "/images/elderly-care-network.svg",
            "image/svg+xml; charset=utf-8",
        ),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/__govsite/live.js", "text/javascript; charset=utf-8"),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.content_type(), mime, "{path}");
    }
    assert_eq!(server.request("POST", "/").status, 405);
    assert_eq!(server.request("HEAD", "/").status, 200);
    assert!(
        !site.path().join("public").exists(),
        "serve never writes into the site folder"
    );
    let mut server = server;
    let status = server.interrupt();
    assert_eq!(status.code(), Some(0), "Ctrl-C is a clean exit");
    assert!(
        TcpStream::connect(&server.addr).is_err(),
        "the port is closed"
    );
}

#[test]
fn serve_refuses_paths_outside_the_output() {
    let site = common::starter_copy();
    let server = Server::start(site.path());
    for target in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsite.yaml",
        "/..\\site.yaml",
        "/%5c..%5csite.yaml",
        "/index.html%00.css",
        "//etc/passwd",
    ] {
        let reply = server.get(target);
        assert_eq!(reply.status, 400, "{target}");
        assert!(!reply.body.contains("id_code"), "{target} leaked site.yaml");
    }
    // Not refused, but never the file: only the built output is served.
    assert_eq!(server.get("/site.yaml").status, 404);
    assert_eq!(server.get("/content/_index.md").status, 404);
    let long = format!("/{}", "a".repeat(9 * 1024));
    assert_eq!(server.get(&long).status, 414);
}

#[test]
fn serve_reports_a_taken_port() {
    let site = common::starter_copy();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = common::govsite(&["serve", site.path().to_str().unwrap(), "--port", &port]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(&format!("127.0.0.1:{port}")),
        "{}",
        run.stderr
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn serve_shows_an_edit_and_announces_the_build() {
    let site = common::starter_copy();
    let server = Server::start(site.path());
    let mut events = EventStream::open(&server.addr);
    let first = events.next_build();

    common::edit(site.path(), ITEM, TITLE, "市人民政府召开第43次常务会议");
    server.wait_for(ITEM_URL, "the edited title", |r| {
        r.body.contains("第43次常务会议")
    });
    // The column and the homepage list it too (the whole site was rebuilt).
    assert!(server.get("/zwdt/").body.contains("第43次常务会议"));
    assert!(server.get("/").body.contains("第43次常务会议"));
    assert!(events.next_build() > first, "live reload told of the build");
}

/// A save that changes only an item's body is shown at once (the fast path), and the whole
/// site is still rebuilt after it (checks, feeds, search index).
#[test]
fn serve_shows_a_body_edit_at_once_then_rebuilds_the_site() {
    const ADDED: &str = "会议还研究了其他事项，编辑标记甲。";
    let site = common::starter_copy();
    let server = Server::start(site.path());
    let mut events = EventStream::open(&server.addr);
    let first = events.next_build();
    let path = site.path().join(ITEM);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n{ADDED}\n")).unwrap();
    server.wait_for(ITEM_URL, "the edited body", |r| r.body.contains(ADDED));
    assert!(events.next_build() > first, "live reload told of it");
    let started = Instant::now();
    let rebuilt = format!("已构建（{ITEM} 已修改）");
    while !server.log.lock().unwrap().contains(&rebuilt) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no full rebuild"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = server.log.lock().unwrap().clone();
    let shown = log.find(&format!("已先行显示（{ITEM} 已修改）"));
    assert!(
        shown.is_some_and(|at| at < log.find(&rebuilt).unwrap()),
        "{log}"
    );
    let page = server.get(ITEM_URL);
    assert!(page.body.contains(ADDED) && !page.has_overlay());
}

#[test]
fn serve_overlays_errors_and_clears_them() {
    let site = common::starter_copy();
    let server = Server::start(site.path());
    common::edit(
        site.path(),
        "site.yaml",
        "id_code: \"5301000001\"",
        "id_code: \"53010000011\"",
    );
    let page = server.wait_for("/zwdt/", "the overlay", Reply::has_overlay);
    assert_eq!(page.status, 200, "the last good page stays browsable");
    assert!(
        page.body.contains("政务动态"),
        "old page content is still there"
    );
    assert!(page.body.contains("error[GOV101]"));
    assert!(page.body.contains("site.yaml:10:10"), "file:line:column");
    assert!(page.body.contains("修改建议"));
    assert!(server.get("/").has_overlay(), "every HTML page shows it");
    assert!(!server.get("/assets/site.css").has_overlay());

    common::edit(
        site.path(),
        "site.yaml",
        "id_code: \"53010000011\"",
        "id_code: \"5301000001\"",
    );
    server.wait_for("/zwdt/", "the overlay cleared", |r| !r.has_overlay());
    assert!(!server.get("/").has_overlay());
}

#[test]
fn serve_never_serves_a_torn_page() {
    const NEW: &str = "市人民政府召开第43次常务会议";
    let site = common::starter_copy();
    let server = Arc::new(Server::start(site.path()));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clients: Vec<_> = (0..6)
        .map(|i| {
            let (server, done) = (Arc::clone(&server), Arc::clone(&done));
            std::thread::spawn(move || {
                let target = if i % 2 == 0 { ITEM_URL } else { "/" };
                let mut seen = 0;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    let reply = server.get(target);
                    assert_eq!(reply.status, 200);
                    let length: usize = reply.header("Content-Length").unwrap().parse().unwrap();
                    assert_eq!(length, reply.body.len(), "whole body");
                    // Minified pages omit the optional `</body></html>`: in serve mode a
                    // page ends with the live-reload script and the build mark after it.
                    let tail = reply.body.rsplit("/__govsite/live.js").next().unwrap();
                    let complete = tail.starts_with(" defer></script>")
                        && tail.contains("id=\"govsite-build\"")
                        && tail.ends_with("></div>");
                    assert!(complete, "complete page, ends with {tail}");
                    let (old, new) = (
                        reply.body.matches(TITLE).count(),
                        reply.body.matches(NEW).count(),
                    );
                    assert!(
                        (old == 0) != (new == 0),
                        "one build per page: {old} old, {new} new"
                    );
                    seen += 1;
                }
                seen
            })
        })
        .collect();
    for round in 0..4 {
        let (from, to) = if round % 2 == 0 {
            (TITLE, NEW)
        } else {
            (NEW, TITLE)
        };
        common::edit(site.path(), ITEM, from, to);
        server.wait_for(ITEM_URL, "the edit", |r| {
            r.body.contains(to) && !r.body.contains(from)
        });
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    for client in clients {
        assert!(client.join().expect("a client saw a bad page") > 0);
    }
}

#[test]
fn serve_starts_on_a_broken_site_and_recovers() {
    let site = common::starter_copy();
    common::edit(
        site.path(),
        "site.yaml",
        "id_code: \"5301000001\"",
        "id_code: \"x\"",
    );
    let server = Server::start(site.path());
    let page = server.get("/zwdt/");
    assert_eq!(page.status, 503, "no good build yet");
    assert!(page.has_overlay() && page.body.contains("error[GOV101]"));
    assert!(
        page.body.contains("/__govsite/live.js"),
        "it reloads once fixed"
    );
    common::edit(
        site.path(),
        "site.yaml",
        "id_code: \"x\"",
        "id_code: \"5301000001\"",
    );
    let page = server.wait_for("/zwdt/", "the first good build", |r| r.status == 200);
    assert!(!page.has_overlay());
}

/// A raw Server-Sent Events connection to the live-reload stream.
struct EventStream {
    reader: BufReader<TcpStream>,
}

impl EventStream {
    fn open(addr: &str) -> EventStream {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET /__govsite/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        EventStream { reader }
    }

    /// The number of the next `build` event.
    fn next_build(&mut self) -> u64 {
        let mut in_build = false;
        loop {
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).unwrap();
            assert!(read > 0, "event stream closed");
            let line = line.trim_end();
            if line == "event: build" {
                in_build = true;
            } else if let Some(data) = line.strip_prefix("data: ").filter(|_| in_build) {
                return data.parse().unwrap();
            } else if line.starts_with("content-type") || line.starts_with("Content-Type") {
                assert!(line.contains("text/event-stream"));
            }
        }
    }
}
