//! Plain text attachments (CSV, TXT): UTF-8, or GBK/GB18030 as older office software writes.

use super::{Extracted, Part};

/// Lines of the file, numbered `第N行`; the encoding is guessed when it is not UTF-8.
pub fn read(bytes: &[u8]) -> Extracted {
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    };
    let parts = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| Part {
            locator: format!("第{}行", n + 1),
            text: l.to_string(),
        })
        .collect();
    Extracted {
        parts,
        metadata: Vec::new(),
    }
}
