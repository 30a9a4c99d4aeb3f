//! The data behind the structure, freshness and text-quality rules (GOV3xx, GOV8xx):
//! `schemas/structure.yaml`, embedded in the binary and parsed once, plus the two small
//! grammars users write against it: update cycles (`14d`, `6m`, `1y`) and word-list lines.

use crate::config::SiteKind;
use chrono::{Days, Months, NaiveDate};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

const SOURCE: &str = include_str!("../../schemas/structure.yaml");

/// The parsed `schemas/structure.yaml`.
pub static DATA: LazyLock<StructureData> = LazyLock::new(|| {
    // Embedded at compile time and covered by a unit test, so a failure here is a bug in
    // the shipped data, not in a user's site.
    let raw: RawData = serde_yaml::from_str(SOURCE).expect("schemas/structure.yaml parses");
    StructureData::from_raw(raw).expect("schemas/structure.yaml is valid")
});

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawData {
    mandated: Mandated,
    freshness: HashMap<String, String>,
    empty_columns_error_at: usize,
    veto: Veto,
    homepage_update: String,
    letter_answer: String,
    words: Vec<String>,
    placeholders: Placeholders,
}

/// Mandated ColumnType values per site kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mandated {
    pub portal: Vec<String>,
    pub department: Vec<String>,
    pub special: Vec<String>,
}

/// The thresholds of the national veto on stale columns (GOV304).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Veto {
    /// Types whose stale columns count towards `key_stale`.
    pub key_types: Vec<String>,
    pub key_stale: usize,
    pub all_stale: usize,
}

/// Placeholder text (GOV802).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placeholders {
    /// Matched anywhere; ASCII letters case-insensitive.
    pub phrases: Vec<String>,
    /// Matched as whole ASCII words, case-sensitive.
    pub words: Vec<String>,
}

/// Everything the GOV3xx/GOV8xx rules read from `schemas/structure.yaml`.
#[derive(Debug)]
pub struct StructureData {
    pub mandated: Mandated,
    /// Default update cycle by ColumnType.
    pub freshness: HashMap<String, Cycle>,
    pub empty_columns_error_at: usize,
    pub veto: Veto,
    pub homepage_update: Cycle,
    pub letter_answer: Cycle,
    pub words: Vec<WordEntry>,
    pub placeholders: Placeholders,
}

impl StructureData {
    fn from_raw(raw: RawData) -> Result<Self, String> {
        let mut freshness = HashMap::new();
        for (kind, cycle) in raw.freshness {
            freshness.insert(kind, Cycle::parse(&cycle)?);
        }
        let mut words = Vec::new();
        for line in &raw.words {
            words.extend(parse_word_line(line)?);
        }
        Ok(StructureData {
            mandated: raw.mandated,
            freshness,
            empty_columns_error_at: raw.empty_columns_error_at,
            veto: raw.veto,
            homepage_update: Cycle::parse(&raw.homepage_update)?,
            letter_answer: Cycle::parse(&raw.letter_answer)?,
            words,
            placeholders: raw.placeholders,
        })
    }

    /// The ColumnType values a site of `kind` must have.
    pub fn mandated_for(&self, kind: SiteKind) -> &[String] {
        match kind {
            SiteKind::Portal => &self.mandated.portal,
            SiteKind::Department => &self.mandated.department,
            SiteKind::Special => &self.mandated.special,
        }
    }
}

/// An update cycle: `14d`, `6m`, `1y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cycle {
    Days(u32),
    Months(u32),
    Years(u32),
}

/// Longest cycle accepted, so that date arithmetic cannot overflow (10 years).
const MAX_DAYS: u32 = 3660;

impl Cycle {
    /// Parses the strict form: a positive whole number immediately followed by `d`, `m`
    /// or `y`, nothing else (no spaces, no capitals, no units in Chinese).
    pub fn parse(text: &str) -> Result<Cycle, String> {
        let bad = || format!("更新周期 `{text}` 格式不正确，应写作 14d、6m 或 1y");
        let unit = text.chars().last().ok_or_else(bad)?;
        let number = &text[..text.len() - unit.len_utf8()];
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: u32 = number.parse().map_err(|_| bad())?;
        let cycle = match unit {
            'd' => Cycle::Days(n),
            'm' => Cycle::Months(n),
            'y' => Cycle::Years(n),
            _ => return Err(bad()),
        };
        if n == 0 {
            return Err(format!("更新周期 `{text}` 不能为 0"));
        }
        if cycle.approx_days() > MAX_DAYS {
            return Err(format!("更新周期 `{text}` 过长，最长 10 年"));
        }
        Ok(cycle)
    }

    fn approx_days(self) -> u32 {
        match self {
            Cycle::Days(n) => n,
            Cycle::Months(n) => n.saturating_mul(31),
            Cycle::Years(n) => n.saturating_mul(366),
        }
    }

    /// The day one cycle after `day` (calendar months and years; the 31st plus one month
    /// is the last day of the next month).
    pub fn after(self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            Cycle::Days(n) => day.checked_add_days(Days::new(n.into())),
            Cycle::Months(n) => day.checked_add_months(Months::new(n)),
            Cycle::Years(n) => day.checked_add_months(Months::new(n.checked_mul(12)?)),
        }
    }

    /// The day one cycle before `day`.
    pub fn before(self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            Cycle::Days(n) => day.checked_sub_days(Days::new(n.into())),
            Cycle::Months(n) => day.checked_sub_months(Months::new(n)),
            Cycle::Years(n) => day.checked_sub_months(Months::new(n.checked_mul(12)?)),
        }
    }

    /// In Chinese: `14天`, `6个月`, `1年`.
    pub fn chinese(self) -> String {
        match self {
            Cycle::Days(n) => format!("{n}天"),
            Cycle::Months(n) => format!("{n}个月"),
            Cycle::Years(n) => format!("{n}年"),
        }
    }
}

/// One 错敏词 entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordEntry {
    /// `wrong=>right`: an error with the fix.
    Fix { wrong: String, right: String },
    /// A bare term: flagged for review (warning).
    Review { term: String },
}

impl WordEntry {
    /// The text searched for.
    pub fn term(&self) -> &str {
        match self {
            WordEntry::Fix { wrong, .. } => wrong,
            WordEntry::Review { term } => term,
        }
    }
}

/// Parses one line of a word list: `#` starts a comment, blank lines are skipped,
/// `wrong=>right` is a fix, anything else a bare term.
pub fn parse_word_line(line: &str) -> Result<Option<WordEntry>, String> {
    let line = line.split('#').next().unwrap_or("").trim();
    if line.is_empty() {
        return Ok(None);
    }
    let Some((wrong, right)) = line.split_once("=>") else {
        return Ok(Some(WordEntry::Review {
            term: line.to_string(),
        }));
    };
    let (wrong, right) = (wrong.trim(), right.trim());
    if wrong.is_empty() {
        return Err("“=>”左边缺少错误写法".to_string());
    }
    if right.is_empty() {
        return Err("“=>”右边缺少正确写法".to_string());
    }
    if right.contains("=>") {
        return Err("一行只能有一个“=>”".to_string());
    }
    if wrong == right {
        return Err(format!("错误写法与正确写法相同（“{wrong}”）"));
    }
    Ok(Some(WordEntry::Fix {
        wrong: wrong.to_string(),
        right: right.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_shipped_data_parses() {
        let data = &*DATA;
        assert_eq!(data.mandated.portal.len(), 14);
        assert!(data.mandated.special.is_empty());
        assert_eq!(data.freshness["工作动态"], Cycle::Days(14));
        assert_eq!(data.freshness["政策文件"], Cycle::Months(6));
        assert_eq!(data.letter_answer, Cycle::Months(3));
        assert!(data
            .words
            .iter()
            .any(|w| matches!(w, WordEntry::Fix { .. })));
    }

    #[test]
    fn parses_update_cycles_strictly() {
        assert_eq!(Cycle::parse("14d"), Ok(Cycle::Days(14)));
        assert_eq!(Cycle::parse("6m"), Ok(Cycle::Months(6)));
        assert_eq!(Cycle::parse("1y"), Ok(Cycle::Years(1)));
        for bad in [
            "", "d", "14", "14 d", " 14d", "14D", "1.5m", "-1d", "+3d", "0d", "2w", "14天",
            "99999y",
        ] {
            assert!(Cycle::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn cycles_count_calendar_months() {
        assert_eq!(
            Cycle::Months(3).after(day("2026-08-27")),
            Some(day("2026-11-27"))
        );
        assert_eq!(
            Cycle::Months(1).after(day("2026-01-31")),
            Some(day("2026-02-28"))
        );
        assert_eq!(
            Cycle::Days(14).before(day("2026-11-27")),
            Some(day("2026-11-13"))
        );
        assert_eq!(
            Cycle::Years(1).before(day("2026-11-27")),
            Some(day("2025-11-27"))
        );
    }

    #[test]
    fn parses_word_list_lines() {
        assert_eq!(parse_word_line("  # 注释"), Ok(None));
        assert_eq!(parse_word_line(""), Ok(None));
        assert_eq!(
            parse_word_line("人民政俯=>人民政府  # 笔误"),
            Ok(Some(WordEntry::Fix {
                wrong: "人民政俯".into(),
                right: "人民政府".into()
            }))
        );
        assert_eq!(
            parse_word_line("内部资料"),
            Ok(Some(WordEntry::Review {
                term: "内部资料".into()
            }))
        );
        for bad in ["=>对", "错=>", "a=>b=>c", "同=>同"] {
            assert!(parse_word_line(bad).is_err(), "{bad}");
        }
    }
}
