//! Attachments read from files the tests write themselves.

use super::*;
use std::io::Write;
use zip::write::SimpleFileOptions;

/// A minimal DOCX with `paragraphs`, an author, and a tracked deletion.
pub fn docx(paragraphs: &[&str], author: &str) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    let document = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>{body}<w:p><w:del w:author="李四"><w:r><w:delText>删去的字</w:delText></w:r></w:del></w:p></w:body></w:document>"#
    );
    let core = format!(
        r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:creator>{author}</dc:creator></cp:coreProperties>"#
    );
    for (name, text) in [("word/document.xml", document), ("docProps/core.xml", core)] {
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    buf.into_inner()
}

use std::io::Cursor;

fn write(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

#[test]
fn reads_docx_paragraphs_and_metadata() {
    let (_d, path) = write(
        "a.docx",
        &docx(&["第一段", "身份证 11010519491231002X"], "张三"),
    );
    let found = extract(&path, "a.docx", "static/a.docx");
    assert_eq!(found.problem, None);
    assert_eq!(found.parts[1].locator, "第2段");
    assert!(found.parts[1].text.contains("11010519491231002X"));
    assert!(found.metadata.contains(&("作者".into(), "张三".into())));
    assert!(found
        .metadata
        .iter()
        .any(|(k, v)| k == "修订（删除）" && v == "删去的字"));
}

#[test]
fn corrupt_and_encrypted_files_are_problems_not_panics() {
    let (_d, path) = write("bad.docx", b"not a zip at all");
    assert!(extract(&path, "bad.docx", "bad.docx").problem.is_some());
    let mut truncated = docx(&["正文"], "张三");
    truncated.truncate(truncated.len() / 2);
    let (_d2, path) = write("cut.xlsx", &truncated);
    assert!(extract(&path, "cut.xlsx", "cut.xlsx").problem.is_some());
    let (_d3, path) = write("enc.docx", &[0xD0, 0xCF, 0x11, 0xE0, 0, 0]);
    let problem = extract(&path, "enc.docx", "enc.docx").problem.unwrap();
    assert!(problem.contains("加密"), "{problem}");
    let (_d4, path) = write("bad.pdf", b"%PDF-1.4 garbage");
    assert!(extract(&path, "bad.pdf", "bad.pdf").problem.is_some());
}

#[test]
fn decodes_gbk_text() {
    let (gbk, _, _) = encoding_rs::GBK.encode("姓名,电话\n张三,13812345678\n");
    let (_d, path) = write("a.csv", &gbk);
    let found = extract(&path, "a.csv", "a.csv");
    assert_eq!(found.parts[0].text, "姓名,电话");
    assert_eq!(found.parts[1].locator, "第2行");
}
