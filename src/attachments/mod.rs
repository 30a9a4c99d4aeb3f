//! The text inside published attachments (DOCX, XLSX/XLS/ODS, PDF, CSV/TXT), for the rules
//! that look for personal data and markings. Knows nothing of rules: it reads files.

mod office;
mod pdf;
mod sheet;
mod text;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// Files larger than this are not opened: a huge attachment is reported, not parsed.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;
/// A parser that takes longer than this is abandoned (its thread is left to finish).
pub const TIME_LIMIT: Duration = Duration::from_secs(20);

/// One located piece of an attachment's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Where in the file: `第3页`, `工作表“名单”!C5`, `第12段`.
    pub locator: String,
    pub text: String,
}

/// What was read from one attachment.
#[derive(Debug, Clone, Default)]
pub struct AttachmentText {
    /// Output path (`files/a.pdf`).
    pub output: String,
    /// Source path for messages (`static/files/a.pdf`).
    pub source: String,
    pub parts: Vec<Part>,
    /// Document properties worth a warning: (what, value), e.g. ("作者", "张三").
    pub metadata: Vec<(String, String)>,
    /// Why the file could not be read (in Chinese), if it could not.
    pub problem: Option<String>,
}

/// What `read` returns before the paths are filled in.
#[derive(Debug, Default)]
pub struct Extracted {
    pub parts: Vec<Part>,
    pub metadata: Vec<(String, String)>,
}

/// The kinds of file whose text is read, by lower-case extension.
fn kind(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "docx" | "docm" => "docx",
        "odt" => "odt",
        "xlsx" | "xlsm" | "xls" | "ods" => "sheet",
        "pdf" => "pdf",
        "csv" | "txt" => "text",
        _ => return None,
    })
}

/// Whether govsite reads the text of this file.
pub fn is_attachment(path: &Path) -> bool {
    kind(path).is_some()
}

/// Read one attachment with the size, panic and time limits applied.
pub fn extract(path: &Path, output: &str, source: &str) -> AttachmentText {
    let mut found = AttachmentText {
        output: output.to_string(),
        source: source.to_string(),
        ..Default::default()
    };
    match guarded(path) {
        Ok(x) => {
            found.parts = x.parts;
            found.metadata = x.metadata;
        }
        Err(problem) => found.problem = Some(problem),
    }
    found
}

fn guarded(path: &Path) -> Result<Extracted, String> {
    let Some(kind) = kind(path) else {
        return Ok(Extracted::default());
    };
    let size = std::fs::metadata(path)
        .map_err(|e| format!("无法读取文件：{e}"))?
        .len();
    if size > MAX_BYTES {
        return Err(format!(
            "文件过大（{} MB，超过 {} MB），未检查其内容",
            size / 1024 / 1024,
            MAX_BYTES / 1024 / 1024
        ));
    }
    let (tx, rx) = mpsc::channel();
    let owned = path.to_path_buf();
    std::thread::spawn(move || {
        // A parser panicking on a hostile file is a finding, not a crash.
        let result = std::panic::catch_unwind(|| read(kind, &owned))
            .unwrap_or_else(|_| Err("文件已损坏，解析时出错".to_string()));
        let _ = tx.send(result);
    });
    rx.recv_timeout(TIME_LIMIT).unwrap_or_else(|_| {
        Err(format!(
            "读取超时（超过 {} 秒），未检查其内容",
            TIME_LIMIT.as_secs()
        ))
    })
}

fn read(kind: &str, path: &Path) -> Result<Extracted, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取文件：{e}"))?;
    match kind {
        "docx" => office::docx(&bytes),
        "odt" => office::odt(&bytes),
        "sheet" => sheet::read(path, &bytes),
        "pdf" => pdf::read(&bytes),
        _ => Ok(text::read(&bytes)),
    }
}

/// An OLE compound file where a zip was expected: an encrypted Office file (or an old
/// binary one renamed).
pub(crate) fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

#[cfg(test)]
mod tests;
