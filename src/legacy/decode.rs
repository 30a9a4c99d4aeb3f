//! Legacy pages come in GBK, GB2312, GB18030 and UTF-8, often mislabelled. The order is
//! the HTML standard's: a byte-order mark, then a `<meta charset>` or `http-equiv` in the
//! first 1024 bytes, then a guess (chardetng); encoding_rs decodes.

use encoding_rs::{Encoding, UTF_8};

/// How far the `<meta charset>` prescan looks (the HTML standard's 1024 bytes).
const PRESCAN: usize = 1024;
/// How much of a page the guesser reads: enough for any real page's text, bounded for a
/// huge one.
const GUESS_BYTES: usize = 256 * 1024;

/// Decodes a page to UTF-8 and names the encoding it was read in ("GBK", "UTF-8", …).
/// Bytes that do not decode become U+FFFD; it never fails.
pub fn decode(raw: &[u8]) -> (String, &'static str) {
    let encoding = detect(raw);
    let (text, used, _) = encoding.decode(raw);
    (text.into_owned(), used.name())
}

/// The encoding [`decode`] uses for these bytes.
pub fn detect(raw: &[u8]) -> &'static Encoding {
    if let Some((bom, _)) = Encoding::for_bom(raw) {
        return bom;
    }
    let valid_utf8 = simdutf8::basic::from_utf8(raw).is_ok();
    if let Some(declared) = declared(&raw[..raw.len().min(PRESCAN)]) {
        // A CMS template saying utf-8 over GBK text is common: trust the bytes then.
        if declared != UTF_8 || valid_utf8 {
            return declared;
        }
    }
    if valid_utf8 {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &raw[..raw.len().min(GUESS_BYTES)];
    detector.feed(sample, sample.len() == raw.len());
    detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow)
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` names.
/// UTF-16 labels mean UTF-8 here, as in the HTML standard (the bytes are ASCII-compatible).
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset") {
        let mut i = from + at + b"charset".len();
        from = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/'))
            .map_or(lower.len(), |n| i + n);
        if let Some(encoding) = Encoding::for_label(&lower[i..end]) {
            return Some(encoding.output_encoding());
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// Whether a file without a page ending is HTML: its first non-blank text is a doctype,
/// `<html`, `<head` or a comment followed by one of those.
pub fn sniffs_as_html(raw: &[u8]) -> bool {
    let head = &raw[..raw.len().min(PRESCAN)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let lower = head.to_ascii_lowercase();
    let text = lower.trim_ascii_start();
    let starts = [&b"<!doctype html"[..], b"<html", b"<head", b"<!--"]
        .iter()
        .any(|start| text.starts_with(start));
    let has_html = text.starts_with(b"<!doctype html") || find(&lower, b"<html").is_some();
    starts && has_html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        encoding_rs::GBK.encode(text).0.into_owned()
    }

    #[test]
    fn declared_gb2312_is_read_as_gbk() {
        let mut raw = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>".to_vec();
        raw.extend(gbk("政府信息公开"));
        let (text, name) = decode(&raw);
        assert_eq!(name, "GBK");
        assert!(text.contains("政府信息公开"));
    }

    #[test]
    fn undeclared_gbk_is_guessed() {
        let mut raw = b"<html><body><p>".to_vec();
        raw.extend(gbk(
            "关于印发《某某市政府网站管理办法》的通知，各区县人民政府，市政府各部门",
        ));
        let (text, name) = decode(&raw);
        assert_eq!(name, "GBK", "{text}");
        assert!(text.contains("人民政府"));
    }

    #[test]
    fn utf8_label_over_gbk_bytes_trusts_the_bytes() {
        let mut raw = b"<meta charset=\"utf-8\"><p>".to_vec();
        raw.extend(gbk("关于印发某某市政府网站管理办法的通知"));
        assert_eq!(decode(&raw).1, "GBK");
    }

    #[test]
    fn bom_wins_over_meta() {
        let mut raw = b"\xEF\xBB\xBF<meta charset=gbk>".to_vec();
        raw.extend("首页".as_bytes());
        let (text, name) = decode(&raw);
        assert_eq!(name, "UTF-8");
        assert!(text.ends_with("首页"));
    }

    #[test]
    fn plain_utf8() {
        assert_eq!(decode("<p>首页</p>".as_bytes()).1, "UTF-8");
    }

    #[test]
    fn sniffing() {
        assert!(sniffs_as_html(b"  <!DOCTYPE html><html>"));
        assert!(sniffs_as_html(b"<!-- cms --><html lang=zh>"));
        assert!(!sniffs_as_html(b"\x89PNG\r\n"));
        assert!(!sniffs_as_html(b"<!-- just a comment -->"));
    }
}
