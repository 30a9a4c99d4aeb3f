//! Word processing attachments (DOCX, ODT): paragraphs, and the properties that give away
//! who wrote them — author, last editor, comments, tracked changes.

use super::{is_ole, Extracted, Part};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::{Cursor, Read};
use zip::ZipArchive;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Open an Office zip, telling an encrypted file from a corrupt one.
pub(super) fn open(bytes: &[u8]) -> Result<Archive<'_>, String> {
    if is_ole(bytes) {
        return Err("文件已加密（或为旧版二进制格式），无法检查其内容".to_string());
    }
    ZipArchive::new(Cursor::new(bytes)).map_err(|_| "文件已损坏，无法读取".to_string())
}

/// The text of one zip member, or `None` when it is absent.
fn member(zip: &mut Archive, name: &str) -> Result<Option<String>, String> {
    let Ok(mut file) = zip.by_name(name) else {
        return Ok(None);
    };
    let mut text = String::new();
    file.read_to_string(&mut text)
        .map_err(|_| "文件已损坏，无法读取".to_string())?;
    Ok(Some(text))
}

/// Text runs and element boundaries of an XML document, in order.
enum Token {
    Open(String),
    Close(String),
    Text(String),
}

fn tokens(xml: &str) -> Result<Vec<Token>, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let name = |n: &str| n.to_string();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => out.push(Token::Open(name(e.name().as_ref()))),
            Ok(Event::Empty(e)) => {
                out.push(Token::Open(name(e.name().as_ref())));
                out.push(Token::Close(name(e.name().as_ref())));
            }
            Ok(Event::End(e)) => out.push(Token::Close(name(e.name().as_ref()))),
            Ok(Event::Text(t)) => out.push(Token::Text(t.xml10_content().into_owned())),
            Ok(Event::CData(t)) => out.push(Token::Text(t.to_string())),
            Ok(Event::GeneralRef(r)) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => entity(&r).to_string(),
                };
                out.push(Token::Text(c));
            }
            Ok(Event::Eof) => return Ok(out),
            Ok(_) => {}
            Err(_) => return Err("文件已损坏（XML 格式错误），无法读取".to_string()),
        }
    }
}

fn entity(name: &str) -> &'static str {
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
}

/// Paragraphs (`para` elements) as `第N段`, plus the text inside `changes` elements
/// (tracked insertions/deletions) reported as metadata.
fn paragraphs(
    xml: &str,
    para: &[&str],
    changes: &[(&str, &str)],
    found: &mut Extracted,
) -> Result<(), String> {
    let mut current = String::new();
    let mut change: Option<(&str, String)> = None;
    let mut n = 0;
    for token in tokens(xml)? {
        match token {
            Token::Text(t) => {
                current.push_str(&t);
                if let Some((_, c)) = change.as_mut() {
                    c.push_str(&t);
                }
            }
            Token::Open(name) => {
                if let Some((_, label)) = changes.iter().find(|(tag, _)| *tag == name) {
                    change = Some((label, String::new()));
                }
            }
            Token::Close(name) if para.contains(&name.as_str()) => {
                n += 1;
                if !current.trim().is_empty() {
                    found.parts.push(Part {
                        locator: format!("第{n}段"),
                        text: std::mem::take(&mut current),
                    });
                }
                current.clear();
            }
            Token::Close(name) if changes.iter().any(|(tag, _)| *tag == name) => {
                if let Some((label, text)) = change.take() {
                    found.metadata.push((label.to_string(), text));
                }
            }
            Token::Close(_) => {}
        }
    }
    Ok(())
}

/// The text of each `element` as a (label, value) property.
fn properties(
    xml: &str,
    fields: &[(&str, &str)],
    out: &mut Vec<(String, String)>,
) -> Result<(), String> {
    let mut open: Option<(&str, String)> = None;
    for token in tokens(xml)? {
        match token {
            Token::Open(name) => {
                if let Some((_, label)) = fields.iter().find(|(tag, _)| *tag == name) {
                    open = Some((label, String::new()));
                }
            }
            Token::Text(t) => {
                if let Some((_, v)) = open.as_mut() {
                    v.push_str(&t);
                }
            }
            Token::Close(name) if fields.iter().any(|(tag, _)| *tag == name) => {
                if let Some((label, v)) = open.take().filter(|(_, v)| !v.trim().is_empty()) {
                    out.push((label.to_string(), v.trim().to_string()));
                }
            }
            Token::Close(_) => {}
        }
    }
    Ok(())
}

const CORE: &[(&str, &str)] = &[("dc:creator", "作者"), ("cp:lastModifiedBy", "最后修改者")];

/// `docProps/core.xml` of any OOXML file (DOCX, XLSX): author and last editor.
pub(super) fn core_properties(zip: &mut Archive) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    if let Some(xml) = member(zip, "docProps/core.xml")? {
        properties(&xml, CORE, &mut out)?;
    }
    Ok(out)
}

pub fn docx(bytes: &[u8]) -> Result<Extracted, String> {
    let mut zip = open(bytes)?;
    let body = member(&mut zip, "word/document.xml")?
        .ok_or_else(|| "文件已损坏（缺少正文 word/document.xml），无法读取".to_string())?;
    let mut found = Extracted::default();
    let changes = [("w:ins", "修订（插入）"), ("w:del", "修订（删除）")];
    paragraphs(&body, &["w:p"], &changes, &mut found)?;
    found.metadata.extend(core_properties(&mut zip)?);
    if let Some(xml) = member(&mut zip, "word/comments.xml")? {
        let mut comments = Extracted::default();
        paragraphs(&xml, &["w:comment"], &[], &mut comments)?;
        let listed = comments
            .parts
            .into_iter()
            .map(|p| ("批注".to_string(), p.text));
        found.metadata.extend(listed);
    }
    Ok(found)
}

pub fn odt(bytes: &[u8]) -> Result<Extracted, String> {
    let mut zip = open(bytes)?;
    let body = member(&mut zip, "content.xml")?
        .ok_or_else(|| "文件已损坏（缺少 content.xml），无法读取".to_string())?;
    let mut found = Extracted::default();
    let changes = [
        ("office:annotation", "批注"),
        ("text:deletion", "修订（删除）"),
    ];
    paragraphs(&body, &["text:p", "text:h"], &changes, &mut found)?;
    if let Some(xml) = member(&mut zip, "meta.xml")? {
        let fields = [
            ("meta:initial-creator", "作者"),
            ("dc:creator", "最后修改者"),
        ];
        properties(&xml, &fields, &mut found.metadata)?;
    }
    Ok(found)
}
