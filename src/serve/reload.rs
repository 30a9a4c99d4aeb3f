//! Live reload: a tiny self-hosted script, injected into pages only in serve mode, listens
//! to a Server-Sent Events stream and reloads the page when a newer build is published
//! (a good one, or a failed one whose overlay should appear).

use super::state::State;
use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

/// The path of the script.
pub const SCRIPT_PATH: &str = "__govsite/live.js";
/// The path of the event stream.
pub const EVENTS_PATH: &str = "__govsite/events";
/// What the build injects before `</body>` of every page.
pub const SCRIPT_TAG: &str = r#"<script src="/__govsite/live.js" defer></script>"#;

/// The script. The server marks each HTML response with the build it came from
/// (`#govsite-build`), so a build that finished between the page load and the stream's
/// connection still triggers a reload.
pub const LIVE_JS: &str = r#"(function () {
  "use strict";
  var mark = document.getElementById("govsite-build");
  var shown = mark ? mark.getAttribute("data-build") : null;
  var close = document.getElementById("govsite-overlay-close");
  if (close) {
    close.addEventListener("click", function () {
      var overlay = document.getElementById("govsite-overlay");
      if (overlay) overlay.remove();
    });
  }
  if (!window.EventSource) return;
  var source = new EventSource("/__govsite/events");
  source.addEventListener("build", function (event) {
    if (shown === null) { shown = event.data; return; }
    if (event.data !== shown) { source.close(); location.reload(); }
  });
})();
"#;

/// At most this many open streams (one thread each); more get 503.
const MAX_STREAMS: usize = 64;
/// A comment line this often finds closed connections and keeps proxies from timing out.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// Answers an event-stream request on its own thread, which lives as long as the client
/// stays connected.
pub fn stream(request: tiny_http::Request, state: &Arc<State>) {
    if state.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        state.streams.fetch_sub(1, Ordering::SeqCst);
        let response =
            tiny_http::Response::from_string("too many live-reload streams").with_status_code(503);
        let _ = request.respond(response);
        return;
    }
    let shared = Arc::clone(state);
    let spawned = std::thread::Builder::new()
        .name("govsite-sse".into())
        .spawn(move || {
            // tiny_http buffers chunked bodies, so the stream writes its own plain
            // HTTP/1.1 response, delimited by closing the connection.
            let mut writer = request.into_writer();
            let _ = run_stream(&mut writer, &shared);
            shared.streams.fetch_sub(1, Ordering::SeqCst);
        });
    if spawned.is_err() {
        // The request went down with the closure that failed to start; undo the count.
        state.streams.fetch_sub(1, Ordering::SeqCst);
    }
}

fn run_stream(writer: &mut dyn Write, state: &State) -> std::io::Result<()> {
    writer.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
          Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n",
    )?;
    let mut seen = state.current().build;
    write!(writer, "event: build\ndata: {seen}\n\n")?;
    writer.flush()?;
    while !state.stopping.load(Ordering::Relaxed) {
        let latest = state.wait_after(seen, KEEPALIVE);
        if latest > seen {
            seen = latest;
            write!(writer, "event: build\ndata: {seen}\n\n")?;
        } else {
            writer.write_all(b": keep-alive\n\n")?;
        }
        writer.flush()?;
    }
    Ok(())
}
