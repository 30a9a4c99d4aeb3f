//! The HTTP side: turns a request into a file of the current snapshot, never touching the
//! disk. Anything that could name a file outside the output (dot segments, encoded or
//! not, backslashes, NUL) is refused before the lookup, and the lookup itself only knows
//! the in-memory map.

use super::overlay;
use super::reload;
use super::state::{Body, Snapshot, State};
use percent_encoding::percent_decode_str;
use std::io::Cursor;
use std::sync::Arc;
use tiny_http::{Header, Method, Request, Response};

/// Longest request target, and most header bytes, accepted.
const MAX_REQUEST: usize = 8 * 1024;

type Reply = Response<Cursor<Body>>;

/// Answers requests until the server is unblocked.
pub fn work(server: &tiny_http::Server, state: &Arc<State>) {
    while let Ok(request) = server.recv() {
        if state.stopping.load(std::sync::atomic::Ordering::Relaxed) {
            break;
        }
        if request.url().trim_start_matches('/').split('?').next() == Some(reload::EVENTS_PATH)
            && *request.method() == Method::Get
        {
            reload::stream(request, state);
            continue;
        }
        let reply = answer(&request, &state.current());
        let _ = request.respond(reply);
    }
}

/// The response to one request.
fn answer(request: &Request, snapshot: &Snapshot) -> Reply {
    if request.url().len() > MAX_REQUEST {
        return plain(414, "request target too long");
    }
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|h| h.field.as_str().as_str().len() + h.value.as_str().len() + 4)
        .sum();
    if header_bytes > MAX_REQUEST {
        return plain(431, "request headers too large");
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return plain(405, "only GET and HEAD").with_header(header("Allow", "GET, HEAD"));
    }
    if request.body_length().unwrap_or(0) > 0 {
        return plain(413, "a request body is not accepted");
    }
    match request_path(request.url()) {
        Some(rel) => serve(&rel, request.url(), snapshot),
        None => plain(400, "bad request path"),
    }
}

/// The output path a request target names (`""` for the homepage), or `None` when it is
/// not a plain path inside the output.
pub fn request_path(url: &str) -> Option<String> {
    let raw = url.split(['?', '#']).next()?;
    let rel = raw.strip_prefix('/')?;
    if rel.contains('\\') {
        return None;
    }
    let decoded = percent_decode_str(rel).decode_utf8().ok()?;
    if decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let empty_inside = segment.is_empty() && i != last;
        if empty_inside || *segment == "." || *segment == ".." {
            return None;
        }
    }
    Some(decoded.into_owned())
}

/// Looks `rel` up in the snapshot: the file, a folder's index.html, or the site's 404.
fn serve(rel: &str, url: &str, snapshot: &Snapshot) -> Reply {
    if rel == reload::SCRIPT_PATH {
        return file(200, "js", Body::new(reload::LIVE_JS.as_bytes()));
    }
    if snapshot.files.is_empty() {
        // No good build yet: every page is the error list (the overlay is always set then).
        let panel = snapshot.overlay.as_deref().unwrap_or("");
        let page = overlay::error_page(panel, reload::SCRIPT_TAG);
        return file(503, "html", mark(page.as_bytes(), snapshot));
    }
    let key = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if let Some(body) = snapshot.files.get(&key) {
        return page_or_file(200, &key, body, snapshot);
    }
    if !rel.is_empty()
        && !rel.ends_with('/')
        && snapshot.files.contains_key(&format!("{rel}/index.html"))
    {
        // A folder without its slash: relative links on the page need the slash.
        let path = url.split(['?', '#']).next().unwrap_or("/");
        let location = format!("{path}/");
        if let Ok(location) = Header::from_bytes(&b"Location"[..], location.as_bytes()) {
            return plain(302, "").with_header(location);
        }
    }
    match snapshot.files.get("404.html") {
        Some(body) => page_or_file(404, "404.html", body, snapshot),
        None => plain(404, "404 not found"),
    }
}

fn page_or_file(status: u16, key: &str, body: &Body, snapshot: &Snapshot) -> Reply {
    let extension = key.rsplit_once('.').map_or("", |(_, e)| e);
    if extension == "html" {
        file(status, extension, mark(body.as_ref(), snapshot))
    } else {
        file(status, extension, body.clone())
    }
}

/// Adds the build mark and, after a failed build, the overlay before `</body>`.
fn mark(html: &[u8], snapshot: &Snapshot) -> Body {
    let extra = format!(
        r#"<div hidden id="govsite-build" data-build="{}"></div>{}"#,
        snapshot.build,
        snapshot.overlay.as_deref().unwrap_or("")
    );
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    Body::new(out)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn file(status: u16, extension: &str, body: Body) -> Reply {
    let length = body.0.len();
    Response::new(
        status.into(),
        vec![
            header("Content-Type", content_type(extension)),
            header("Cache-Control", "no-store"),
            header("X-Content-Type-Options", "nosniff"),
        ],
        Cursor::new(body),
        Some(length),
        None,
    )
}

fn plain(status: u16, text: &str) -> Reply {
    file(status, "txt", Body::new(text.as_bytes()))
}

/// A header from constant ASCII text (never from the request).
fn header(name: &'static str, value: &'static str) -> Header {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => header,
        Err(()) => unreachable!("constant header {name}: {value}"),
    }
}

/// The Content-Type of a file by its extension; text types carry `charset=utf-8`.
pub fn content_type(extension: &str) -> &'static str {
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        "ofd" => "application/ofd",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_are_accepted() {
        assert_eq!(request_path("/").as_deref(), Some(""));
        assert_eq!(request_path("/zwdt/").as_deref(), Some("zwdt/"));
        assert_eq!(request_path("/a/b.css?v=1#x").as_deref(), Some("a/b.css"));
        assert_eq!(
            request_path("/%E6%94%BF%E5%8A%A1/").as_deref(),
            Some("政务/")
        );
    }

    #[test]
    fn traversal_and_odd_paths_are_refused() {
        for bad in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/..%2fsite.yaml",
            "/a/..%2f..%2fsite.yaml",
            "/..\\site.yaml",
            "/%5c..%5csite.yaml",
            "/a%00.html",
            "/./index.html",
            "//etc/passwd",
            "/a//b",
            "/%ff",
            "relative",
            "*",
        ] {
            assert_eq!(request_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_types_carry_the_charset() {
        assert_eq!(content_type("html"), "text/html; charset=utf-8");
        assert_eq!(content_type("XML"), "application/xml; charset=utf-8");
        assert_eq!(content_type("woff2"), "font/woff2");
        assert_eq!(content_type("exe"), "application/octet-stream");
    }

    #[test]
    fn the_mark_goes_before_the_last_body_end() {
        let snapshot = Snapshot {
            build: 7,
            overlay: Some(Arc::from("<p>bad</p>")),
            ..Default::default()
        };
        let out = mark(b"<body>x</body></html>", &snapshot);
        let text = String::from_utf8(out.0.to_vec()).unwrap();
        assert_eq!(
            text,
            r#"<body>x<div hidden id="govsite-build" data-build="7"></div><p>bad</p></body></html>"#
        );
    }
}
