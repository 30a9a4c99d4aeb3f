//! Reading site files as text: UTF-8 only (GOV006 otherwise), a byte-order mark dropped.

use crate::diagnostics::Diagnostic;
use std::io::Read;
use std::path::Path;

/// Reads `path` as UTF-8 text, without a leading BOM. `rel` names the file in messages.
pub fn read_text(path: &Path, rel: &str) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(&e, rel))?;
    decode(bytes, rel)
}

/// Reads `path` as [`read_text`] does and lends its text to `with`, in a buffer this thread
/// keeps for the next file: loading a site reads every content file once and copies out
/// only its parts, and a new buffer per file was fresh memory the kernel had to fault in
/// (about a tenth of an incremental build's samples were page faults).
pub fn with_text<R>(path: &Path, rel: &str, with: impl FnOnce(&str) -> R) -> Result<R, Diagnostic> {
    thread_local! {
        static BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
    }
    let mut bytes = BUFFER.take();
    bytes.clear();
    std::fs::File::open(path)
        .and_then(|mut file| file.read_to_end(&mut bytes))
        .map_err(|e| unreadable(&e, rel))?;
    let text = decode(bytes, rel)?;
    let result = with(&text);
    BUFFER.set(text.into_bytes());
    Ok(result)
}

/// What a content file's stat says of it: a file whose stat is the one an earlier build
/// recorded (and that had settled before that build began) has the same bytes, as git's
/// index assumes. The change time is in it too: it moves on every write and cannot be set
/// back, so a tool that restores the modification time (`tar`, `rsync -t`) is still seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceStat {
    pub len: u64,
    /// Nanoseconds since 1970.
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub ino: u64,
}

impl SourceStat {
    /// The stat of the regular file at `path` (following links, as reading it does);
    /// `None` for anything else, and where the system has no inode numbers.
    pub fn of(path: &Path) -> Option<SourceStat> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
            let ns = |s: i64, n: i64| s.saturating_mul(1_000_000_000).saturating_add(n);
            Some(SourceStat {
                len: meta.len(),
                mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
                ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
                ino: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }

    /// Whether the file had last changed more than `margin_ns` before `ns`: a change
    /// after that moment gives it another time, while one within the same clock tick as
    /// the stat might not.
    pub fn settled_before(&self, ns: i64, margin_ns: i64) -> bool {
        self.mtime_ns.max(self.ctime_ns).saturating_add(margin_ns) < ns
    }
}

/// Now, in nanoseconds since 1970 (the time files are stamped in).
pub fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64)
}

/// Decodes file bytes as UTF-8 text, reporting the line of the first NUL or invalid byte
/// (the span is in the file as it is on disk, BOM included, so it maps to that line).
pub fn decode(mut bytes: Vec<u8>, rel: &str) -> Result<String, Diagnostic> {
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        3
    } else {
        0
    };
    let line_of = |bytes: &[u8], at: usize| bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    // memchr: a byte-at-a-time search was 3 % of an incremental build's time.
    if let Some(at) = memchr::memchr(0, &bytes) {
        let line = line_of(&bytes, at);
        return Err(Diagnostic::error(
            "GOV006",
            format!("文件不是文本文件（第 {line} 行含有 NUL 字节）"),
        )
        .at(rel, Some(bom + at..bom + at + 1))
        .with_help("content/ 下只放 UTF-8 编码的 Markdown 文件；图片和附件放到 static/"));
    }
    crate::utf8::string_from(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = line_of(e.as_bytes(), valid);
        Diagnostic::error("GOV006", format!("文件不是 UTF-8 编码（第 {line} 行起）"))
            .at(rel, Some(bom + valid..bom + valid + 1))
            .with_help("用编辑器将文件另存为 UTF-8 编码（GBK/GB2312 编码需要转换）")
    })
}

/// GOV006 for a file that could not be read.
fn unreadable(error: &std::io::Error, rel: &str) -> Diagnostic {
    Diagnostic::error("GOV006", format!("无法读取文件：{}", io_reason(error)))
        .at(rel, None)
        .with_help("检查文件是否存在、权限是否允许读取")
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_the_bom_and_rejects_invalid_utf8() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFtitle".to_vec(), "a.md").unwrap(),
            "title"
        );
        let err = decode(b"a\nb\xFF".to_vec(), "a.md").unwrap_err();
        assert_eq!(err.code, "GOV006");
        assert!(err.message.contains("第 2 行"));
        assert_eq!(decode(b"a\0b".to_vec(), "a.md").unwrap_err().code, "GOV006");
    }
}
