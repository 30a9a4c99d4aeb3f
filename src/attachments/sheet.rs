//! Spreadsheet attachments (XLSX, XLS, ODS) through calamine: every sheet, hidden ones
//! included, cell by cell as `工作表“名单”!C5`.

use super::{office, Extracted, Part};
use calamine::{open_workbook_auto_from_rs, Data, Reader};
use std::io::Cursor;
use std::path::Path;

pub fn read(path: &Path, bytes: &[u8]) -> Result<Extracted, String> {
    let xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"));
    if xlsx && super::is_ole(bytes) {
        return Err("文件已加密，无法检查其内容".to_string());
    }
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| "文件已损坏或格式无法识别，无法读取".to_string())?;
    let mut found = Extracted::default();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|_| format!("工作表“{name}”已损坏，无法读取"))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (r, c, cell) in range.used_cells() {
            if matches!(cell, Data::Empty) {
                continue;
            }
            let locator = format!(
                "工作表“{name}”!{}{}",
                column_letters(col0 as usize + c),
                row0 as usize + r + 1
            );
            found.parts.push(Part {
                locator,
                text: cell.to_string(),
            });
        }
    }
    if xlsx {
        if let Ok(mut zip) = office::open(bytes) {
            found.metadata = office::core_properties(&mut zip)?;
        }
    }
    Ok(found)
}

/// `0` → `A`, `27` → `AB`.
fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn letters() {
        assert_eq!(super::column_letters(0), "A");
        assert_eq!(super::column_letters(2), "C");
        assert_eq!(super::column_letters(27), "AB");
    }
}
