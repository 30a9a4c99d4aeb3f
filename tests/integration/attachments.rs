//! Attachments (issue 18): real DOCX, XLSX, PDF and broken files written by the test into a
//! copy of the starter site, checked by the real binary.

use crate::common::{check_json, edit, starter_copy, write, Run};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream, StringFormat};
use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io::{Cursor, Write};
use std::path::Path;
use std::sync::OnceLock;
use zip::write::SimpleFileOptions;

const ITEM: &str = "content/zcwj/2026-11-12-business-environment.md";

/// A DOCX whose paragraphs are `paragraphs`; `author` goes into docProps/core.xml.
fn docx(paragraphs: &[&str], author: Option<&str>) -> Vec<u8> {
    let mut xml = Writer::new(Vec::new());
    let open = |w: &mut Writer<Vec<u8>>, tag: &str| {
        w.write_event(Event::Start(BytesStart::new(tag))).unwrap()
    };
    let close = |w: &mut Writer<Vec<u8>>, tag: &str| {
        w.write_event(Event::End(BytesStart::new(tag).to_end()))
            .unwrap()
    };
    open(&mut xml, "w:document");
    open(&mut xml, "w:body");
    for p in paragraphs {
        for tag in ["w:p", "w:r", "w:t"] {
            open(&mut xml, tag);
        }
        xml.write_event(Event::Text(BytesText::new(p))).unwrap();
        for tag in ["w:t", "w:r", "w:p"] {
            close(&mut xml, tag);
        }
    }
    close(&mut xml, "w:body");
    close(&mut xml, "w:document");
    let mut files = vec![("word/document.xml", xml.into_inner())];
    if let Some(author) = author {
        let core = format!("<cp:coreProperties><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy></cp:coreProperties>");
        files.push(("docProps/core.xml", core.into_bytes()));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An XLSX with a visible sheet and a hidden sheet “名单” holding a mobile number at B2.
fn xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "公示").unwrap();
    let hidden = book.add_worksheet();
    hidden.set_name("名单").unwrap().set_hidden(true);
    hidden.write_string(1, 1, "13812345678").unwrap();
    book.save(path).unwrap();
}

/// A one-page PDF whose text layer is `text` (a CJK font with UCS-2 codes).
fn pdf(text: &str) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light",
        "Encoding" => "UniGB-UCS2-H",
    });
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 12.into()]),
        Operation::new("Td", vec![100.into(), 600.into()]),
        Operation::new("Tj", vec![Object::String(utf16, StringFormat::Hexadecimal)]),
        Operation::new("ET", vec![]),
    ];
    let content = Content { operations: ops }.encode().unwrap();
    let contents = doc.add_object(Stream::new(dictionary! {}, content));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => contents,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    let kids = dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 };
    doc.objects.insert(pages, Object::Dictionary(kids));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Diagnostics of `code` located at `file`, as messages.
fn messages(run: &Run, code: &str, file: &str) -> Vec<String> {
    run.diagnostics()
        .iter()
        .filter(|d| d["code"] == code && d["file"] == file)
        .map(|d| d["message"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn site_with_attachments() -> tempfile::TempDir {
    let site = starter_copy();
    let files = site.path().join("static/files");
    let id = "身份证号码：11010519491231002X";
    std::fs::write(
        files.join("roster.docx"),
        docx(&["获奖名单", id], Some("张三")),
    )
    .unwrap();
    std::fs::write(
        files.join("clean.docx"),
        docx(&["关于开展评选的通知"], None),
    )
    .unwrap();
    xlsx(&files.join("hidden.xlsx"));
    std::fs::write(files.join("notice.pdf"), pdf("内部资料 注意保存")).unwrap();
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(files.join("corrupt.docx"), random).unwrap();
    let mut cut = docx(&["正文"], Some("张三"));
    cut.truncate(cut.len() / 2);
    std::fs::write(files.join("truncated.xlsx"), cut).unwrap();
    write(site.path(), "static/files/stray.txt", "无人链接的文件\n");
    let links: String = [
        "roster.docx",
        "clean.docx",
        "hidden.xlsx",
        "notice.pdf",
        "corrupt.docx",
        "truncated.xlsx",
    ]
    .iter()
    .map(|f| format!("\n\n[附件 {f}](/files/{f})"))
    .collect();
    let from = "**附件**：";
    edit(
        site.path(),
        ITEM,
        from,
        &format!("秘密★1年{links}\n\n{from}"),
    );
    site
}

/// One check of the site with attachments, shared by the tests below (each asserts its rule).
fn checked() -> &'static Run {
    static RUN: OnceLock<(tempfile::TempDir, Run)> = OnceLock::new();
    let (_, run) = RUN.get_or_init(|| {
        let site = site_with_attachments();
        let run = check_json(site.path());
        (site, run)
    });
    run
}

fn at(name: &str) -> String {
    format!("static/files/{name}")
}

#[test]
fn gov804_fires_on_an_id_number_in_a_docx_and_a_mobile_in_a_hidden_sheet() {
    let run = checked();
    let ids = messages(run, "GOV804", &at("roster.docx"));
    assert!(
        ids.iter()
            .any(|m| m.contains("第2段") && m.contains("身份证")),
        "{ids:?}\n{}",
        run.stdout
    );
    let mobile = messages(run, "GOV804", &at("hidden.xlsx"));
    assert!(
        mobile.iter().any(|m| m.contains("工作表“名单”!B2")),
        "{mobile:?}\n{}",
        run.stdout
    );
}

#[test]
fn gov805_fires_on_internal_markings_in_a_pdf_and_a_body() {
    let run = checked();
    let marking = messages(run, "GOV805", &at("notice.pdf"));
    assert!(
        marking
            .iter()
            .any(|m| m.contains("第1页") && m.contains("内部资料")),
        "{marking:?}"
    );
    assert!(
        !messages(run, "GOV805", ITEM).is_empty(),
        "秘密★1年 in the body"
    );
}

#[test]
fn gov806_fires_on_the_author_of_a_docx() {
    let meta = messages(checked(), "GOV806", &at("roster.docx"));
    assert!(meta.iter().any(|m| m.contains("张三")), "{meta:?}");
}

#[test]
fn gov807_fires_on_corrupt_and_truncated_attachments() {
    let run = checked();
    for broken in ["corrupt.docx", "truncated.xlsx"] {
        let found = messages(run, "GOV807", &at(broken));
        assert_eq!(found.len(), 1, "{broken}: {}", run.stdout);
    }
}

#[test]
fn gov808_fires_on_an_attachment_nothing_links_to() {
    let run = checked();
    assert_eq!(
        messages(run, "GOV808", &at("stray.txt")).len(),
        1,
        "{}",
        run.stdout
    );
    assert!(messages(run, "GOV808", &at("roster.docx")).is_empty());
}

#[test]
fn a_clean_docx_has_no_findings() {
    let clean: Vec<_> = checked()
        .diagnostics()
        .into_iter()
        .filter(|d| d["file"] == at("clean.docx"))
        .collect();
    assert!(clean.is_empty(), "clean.docx: {clean:?}");
}

#[test]
fn starter_site_attachments_are_quiet() {
    let site = starter_copy();
    let run = check_json(site.path());
    for code in ["GOV805", "GOV806", "GOV807", "GOV808"] {
        assert!(
            !run.codes().contains(&code.to_string()),
            "{code}: {}",
            run.stdout
        );
    }
}

/// A second site: 错敏词 and placeholders in a DOCX, a published 保密 law waived by file
/// for GOV805 while another marked file still fails, and attachments beside the Markdown in
/// content/ (one linked, one not).
fn second_checked() -> &'static Run {
    static RUN: OnceLock<(tempfile::TempDir, Run)> = OnceLock::new();
    let (_, run) = RUN.get_or_init(|| {
        let site = starter_copy();
        let files = site.path().join("static/files");
        let words = docx(&["各单位要再接再励", "联系人：此处填写"], None);
        std::fs::write(files.join("words.docx"), words).unwrap();
        // DOCX rather than PDF: reading a CJK PDF is slow in a debug build.
        let law = docx(&["秘密★10年 的标志由……"], None);
        std::fs::write(files.join("law.docx"), law).unwrap();
        std::fs::write(files.join("memo.docx"), docx(&["机密★5年"], None)).unwrap();
        // More PDFs than cores: reading them must not starve the worker threads that wait
        // on the time limit (lopdf once fanned out to the same pool: GOV807 timeouts).
        let mut links: Vec<String> = Vec::new();
        for n in 0..6 {
            std::fs::write(files.join(format!("p{n}.pdf")), pdf("内部资料")).unwrap();
            links.push(format!("/files/p{n}.pdf"));
        }
        let column = Path::new(ITEM).parent().unwrap();
        std::fs::write(site.path().join(column).join("beside.txt"), "附件正文").unwrap();
        std::fs::write(site.path().join(column).join("lonely.txt"), "附件正文").unwrap();
        let beside = format!(
            "/{}/beside.txt",
            column.strip_prefix("content").unwrap().display()
        );
        links.extend(["/files/words.docx", "/files/law.docx", "/files/memo.docx", &beside].map(String::from));
        let links: String = links
            .iter()
            .map(|f| format!("\n\n[附件]({f})"))
            .collect();
        let from = "**附件**：";
        edit(site.path(), ITEM, from, &format!("{links}\n\n{from}"));
        let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
        let waiver = "waivers:\n  - rule: GOV805\n    reason: 转载已公开的《保密法实施条例》，文中的密级标志是条文内容\n    files: [static/files/law*.docx]\n";
        std::fs::write(site.path().join("site.yaml"), format!("{yaml}\n{waiver}")).unwrap();
        let run = check_json(site.path());
        (site, run)
    });
    run
}

#[test]
fn gov801_and_gov802_fire_on_the_text_of_a_docx() {
    let run = second_checked();
    let wrong = messages(run, "GOV801", &at("words.docx"));
    assert_eq!(wrong.len(), 1, "{}", run.stdout);
    assert!(
        wrong[0].contains("第1段") && wrong[0].contains("再接再厉"),
        "{wrong:?}"
    );
    let placeholder: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d["code"] == "GOV802" && d["file"] == at("words.docx"))
        .collect();
    assert_eq!(placeholder.len(), 1, "{}", run.stdout);
    assert_eq!(placeholder[0]["severity"], "warning");
    assert!(placeholder[0]["message"]
        .as_str()
        .unwrap()
        .contains("此处填写"));
}

#[test]
fn a_waiver_limited_to_files_waives_only_those() {
    let run = second_checked();
    assert!(
        messages(run, "GOV805", &at("law.docx")).is_empty(),
        "{}",
        run.stdout
    );
    assert_eq!(
        messages(run, "GOV805", &at("memo.docx")).len(),
        1,
        "{}",
        run.stdout
    );
    let waivers = run.json()["waivers"].clone();
    assert_eq!(waivers[0]["rule"], "GOV805");
    assert_eq!(waivers[0]["files"][0], "static/files/law*.docx");
    assert!(
        !run.codes().contains(&"GOV003".to_string()),
        "{}",
        run.stdout
    );
}

#[test]
fn a_bad_waiver_glob_is_gov003_in_site_yaml() {
    let site = starter_copy();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let waiver = "waivers:\n  - rule: GOV805\n    reason: 转载\n    files: [\"static/[a.pdf\"]\n";
    std::fs::write(site.path().join("site.yaml"), format!("{yaml}\n{waiver}")).unwrap();
    let run = check_json(site.path());
    let bad: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d["code"] == "GOV003" && d["file"] == "site.yaml")
        .collect();
    assert_eq!(bad.len(), 1, "{}", run.stdout);
    assert!(bad[0]["message"]
        .as_str()
        .unwrap()
        .contains("static/[a.pdf"));
    assert!(bad[0]["line"].as_u64().is_some());
}

#[test]
fn gov808_judges_attachments_beside_the_markdown_too() {
    let run = second_checked();
    let column = Path::new(ITEM).parent().unwrap().display().to_string();
    assert!(
        messages(run, "GOV808", &format!("{column}/beside.txt")).is_empty(),
        "{}",
        run.stdout
    );
    assert_eq!(
        messages(run, "GOV808", &format!("{column}/lonely.txt")).len(),
        1,
        "{}",
        run.stdout
    );
}

#[test]
fn several_pdfs_are_read_in_parallel_within_the_time_limit() {
    let run = second_checked();
    for n in 0..6 {
        let file = at(&format!("p{n}.pdf"));
        assert!(messages(run, "GOV807", &file).is_empty(), "{}", run.stdout);
        assert_eq!(messages(run, "GOV805", &file).len(), 1, "{}", run.stdout);
    }
}
