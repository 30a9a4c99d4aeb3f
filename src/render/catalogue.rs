//! The 信息公开目录: every policy document (政策文件) as a row, shown as a sortable table on
//! each column of type 信息公开目录 and written beside it as `catalogue.csv`.

use crate::config::Text;
use crate::content::Site;
use serde_json::{json, Value};

/// The CSV file's name inside the column's folder.
pub const CSV_NAME: &str = "catalogue.csv";

/// The table's columns, in order: the official names used in 政务公开 catalogues.
pub const HEADERS: [&str; 6] = [
    "索引号",
    "标题",
    "发文字号",
    "发布机构",
    "成文日期",
    "发布日期",
];

/// One policy document.
pub struct Row {
    pub index_no: String,
    pub title: String,
    pub url: String,
    pub doc_number: String,
    pub issuer: String,
    pub written: String,
    pub date: String,
}

/// Columns that show the catalogue.
pub fn columns(site: &Site) -> Vec<usize> {
    (0..site.columns.len())
        .filter(|&c| site.column_type_of(c) == Some("信息公开目录"))
        .collect()
}

/// Whether listing page `page` (from 1) of `column` shows the catalogue. It lists every
/// policy document, so only the column's first page does: on every page of a long listing
/// it would grow with the square of the documents.
pub fn shown_on(site: &Site, column: usize, page: usize) -> bool {
    page == 1 && site.column_type_of(column) == Some("信息公开目录")
}

/// The CSV output path of every catalogue column (for GOV004 and the writer).
pub fn csv_paths(site: &Site) -> Vec<String> {
    columns(site)
        .into_iter()
        .map(|c| format!("{}{CSV_NAME}", site.columns[c].url.trim_start_matches('/')))
        .collect()
}

/// Every policy document, newest first.
pub fn rows(site: &Site) -> Vec<Row> {
    let mut ids: Vec<usize> = (0..site.items.len())
        .filter(|&i| site.item_type(i) == Some("政策文件"))
        .collect();
    site.sort_newest_first(&mut ids);
    let s = |t: &Option<Text>| t.as_ref().map_or(String::new(), |t| t.0.clone());
    ids.into_iter()
        .map(|i| {
            let item = &site.items[i];
            Row {
                index_no: s(&item.front.index_no),
                title: item.title().to_string(),
                url: item.url.clone(),
                doc_number: s(&item.front.doc_number),
                issuer: s(&item.front.issuer),
                written: item.written.map(|d| d.ymd()).unwrap_or_default(),
                date: item.date.map(|d| d.ymd()).unwrap_or_default(),
            }
        })
        .collect()
}

/// The rows as the template sees them (`catalogue`).
pub fn value(rows: &[Row]) -> Value {
    Value::Array(
        rows.iter()
            .map(|r| {
                json!({
                    "index_no": r.index_no, "title": r.title, "url": r.url,
                    "doc_number": r.doc_number, "issuer": r.issuer,
                    "written": r.written, "date": r.date,
                })
            })
            .collect(),
    )
}

/// RFC 4180 CSV with a UTF-8 byte-order mark (so Excel reads the Chinese correctly), CRLF
/// line ends, and the absolute link of each document in a last column.
pub fn csv(site: &Site, rows: &[Row]) -> String {
    let base = site.config.base_url.trim_end_matches('/');
    let mut out = String::from("\u{feff}");
    let header: Vec<&str> = HEADERS.iter().copied().chain(["链接"]).collect();
    out.push_str(
        &header
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for r in rows {
        let link = format!("{base}{}", r.url);
        let cells = [
            &r.index_no,
            &r.title,
            &r.doc_number,
            &r.issuer,
            &r.written,
            &r.date,
            &link,
        ];
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// One CSV field: quoted when it holds a comma, quote or line break. A leading `=`, `+`,
/// `-` or `@` gets a `'` so a spreadsheet does not run it as a formula.
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("示政办发〔2026〕58号"), "示政办发〔2026〕58号");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("说\"明\""), "\"说\"\"明\"\"\"");
        assert_eq!(field("=1+1"), "'=1+1");
    }
}
