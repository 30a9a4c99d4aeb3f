//! PDF attachments: the text layer page by page, and the document's /Author.

use super::{Extracted, Part};
use lopdf::{Document, Object};

pub fn read(bytes: &[u8]) -> Result<Extracted, String> {
    let doc = Document::load_mem(bytes).map_err(|e| {
        if e.to_string().to_lowercase().contains("decrypt") {
            "文件已加密，无法检查其内容".to_string()
        } else {
            "文件已损坏或不是有效的 PDF，无法读取".to_string()
        }
    })?;
    if doc.is_encrypted() {
        return Err("文件已加密，无法检查其内容".to_string());
    }
    let mut found = Extracted::default();
    for number in doc.get_pages().keys() {
        // A run in a font that cannot be decoded (an odd encoding) is skipped, not fatal:
        // the rest of the page is still checked.
        let text: String = doc
            .extract_text_chunks(&[*number])
            .into_iter()
            .filter_map(Result::ok)
            .collect();
        if !text.trim().is_empty() {
            found.parts.push(Part {
                locator: format!("第{number}页"),
                text,
            });
        }
    }
    found.metadata = info(&doc);
    Ok(found)
}

/// /Author, /Creator-like fields of the document information dictionary.
fn info(doc: &Document) -> Vec<(String, String)> {
    let Some(dict) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, label) in [(&b"Author"[..], "作者")] {
        if let Ok(Object::String(raw, _)) = dict.get(key) {
            let value = text_string(raw);
            if !value.trim().is_empty() {
                out.push((label.to_string(), value));
            }
        }
    }
    out
}

/// A PDF text string: UTF-16BE with a byte-order mark, else (near enough) Latin-1/UTF-8.
fn text_string(raw: &[u8]) -> String {
    if let Some(rest) = raw.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    String::from_utf8(raw.to_vec()).unwrap_or_else(|_| raw.iter().map(|&b| b as char).collect())
}
