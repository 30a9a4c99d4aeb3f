//! `govsite init DIR`: a new site from the bundled starter site, its dates shifted so that
//! it is fresh on the day it is created.

use crate::config::Date;
use include_dir::{include_dir, Dir};
use std::path::Path;

static STARTER: Dir = include_dir!("$CARGO_MANIFEST_DIR/starter-site");

/// The day the starter site's content is fresh on (the README builds with this `--as-of`).
pub const STARTER_AS_OF: &str = "2026-11-27";

/// Front matter keys whose dates move with the shift.
const DATE_KEYS: &[&str] = &["date:", "written:", "asked:", "answered:"];

/// Writes the starter site into `dir` (which must not exist or be empty).
pub fn create(dir: &Path, today: Date) -> Result<(), String> {
    if dir.exists() && std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_some()) {
        return Err(format!("{} 已存在且不是空文件夹", dir.display()));
    }
    let pinned = Date::parse(STARTER_AS_OF).ok_or("内置日期无效")?;
    let shift = pinned.days_until(&today);
    write_dir(&STARTER, dir, shift)
}

fn write_dir(source: &Dir, target: &Path, shift: i64) -> Result<(), String> {
    for file in source.files() {
        let path = target.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("无法创建 {}：{e}", parent.display()))?;
        }
        let is_markdown = file.path().extension().is_some_and(|e| e == "md");
        let bytes = match (is_markdown, file.contents_utf8()) {
            (true, Some(text)) => shift_dates(text, shift).into_bytes(),
            _ => file.contents().to_vec(),
        };
        std::fs::write(&path, bytes).map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
    }
    for sub in source.dirs() {
        if sub.path().file_name().is_some_and(|n| n == "public") {
            continue;
        }
        write_dir(sub, target, shift)?;
    }
    Ok(())
}

/// Moves every front-matter date in `text` by `days`.
pub fn shift_dates(text: &str, days: i64) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let key = DATE_KEYS.iter().find(|k| line.starts_with(*k));
        let shifted = key.and_then(|k| {
            let value = line[k.len()..].trim().trim_matches('"');
            let date = Date::parse(value)?.plus_days(days);
            let ending = if line.ends_with('\n') { "\n" } else { "" };
            Some(format!("{k} {date}{ending}"))
        });
        out.push_str(shifted.as_deref().unwrap_or(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_front_matter_dates_only() {
        let text = "---\ndate: 2026-11-20 09:30\nasked: 2026-11-01\ntitle: 2026-11-20\n---\ndate: in body stays? no\n";
        let out = shift_dates(text, 3);
        assert!(out.contains("date: 2026-11-23 09:30\n"));
        assert!(out.contains("asked: 2026-11-04\n"));
        assert!(out.contains("title: 2026-11-20\n"));
    }
}
