//! The rules' data, kept out of the code: province abbreviations and division codes
//! (`schemas/provinces.yaml`) and the ColumnType lists (`schemas/column-types.yaml`).
//! The YAML is embedded in the binary and parsed once, on first use; a unit test proves it
//! parses and is consistent, so the `expect`s below cannot fire on a released binary.

use serde::Deserialize;
use std::sync::LazyLock;

const PROVINCES_YAML: &str = include_str!("../../schemas/provinces.yaml");
const COLUMN_TYPES_YAML: &str = include_str!("../../schemas/column-types.yaml");

/// A provincial-level division with the abbreviations each filing system uses for it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Province {
    /// The two-digit GB/T 2260 division code prefix, e.g. `"53"`.
    pub code: String,
    /// The official name, e.g. 云南省.
    pub name: String,
    /// Abbreviations in ICP filing numbers (`滇ICP备…`).
    pub icp: Vec<String>,
    /// Abbreviations in 公安机关备案号 (`滇公网安备 …`).
    pub psb: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProvincesFile {
    provinces: Vec<Province>,
}

/// Every province, in division-code order.
pub static PROVINCES: LazyLock<Vec<Province>> = LazyLock::new(|| {
    serde_yaml::from_str::<ProvincesFile>(PROVINCES_YAML)
        .expect("schemas/provinces.yaml is valid (checked by a unit test)")
        .provinces
});

/// The province whose division code starts `code` (two digits).
pub fn province_by_code(code: &str) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.code == code)
}

/// The province an ICP filing number abbreviation stands for.
pub fn province_by_icp(abbreviation: &str) -> Option<&'static Province> {
    PROVINCES
        .iter()
        .find(|p| p.icp.iter().any(|a| a == abbreviation))
}

/// The province a 公安机关备案号 abbreviation stands for.
pub fn province_by_psb(abbreviation: &str) -> Option<&'static Province> {
    PROVINCES
        .iter()
        .find(|p| p.psb.iter().any(|a| a == abbreviation))
}

/// `schemas/column-types.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnTypes {
    /// Allowed ColumnType values: the national list, then the extensions.
    pub allowed: Vec<String>,
}

impl ColumnTypes {
    /// Whether `value` is an allowed ColumnType (case and width as written).
    pub fn is_allowed(&self, value: &str) -> bool {
        self.allowed.iter().any(|a| a == value)
    }
}

/// The ColumnType data.
pub static COLUMN_TYPES: LazyLock<ColumnTypes> = LazyLock::new(|| {
    serde_yaml::from_str(COLUMN_TYPES_YAML)
        .expect("schemas/column-types.yaml is valid (checked by a unit test)")
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteKind;
    use std::collections::HashSet;

    #[test]
    fn provinces_parse_with_unique_two_digit_codes_and_abbreviations() {
        assert!(PROVINCES.len() >= 31);
        let mut codes = HashSet::new();
        let (mut icp, mut psb) = (HashSet::new(), HashSet::new());
        for p in PROVINCES.iter() {
            assert!(
                p.code.len() == 2 && p.code.chars().all(|c| c.is_ascii_digit()),
                "{}",
                p.code
            );
            assert!(codes.insert(p.code.as_str()), "duplicate {}", p.code);
            for a in &p.icp {
                assert!(icp.insert(a.as_str()), "ICP {a} used twice");
                assert_eq!(a.chars().count(), 1, "{a}");
            }
            for a in &p.psb {
                assert!(psb.insert(a.as_str()), "公安 {a} used twice");
                assert_eq!(a.chars().count(), 1, "{a}");
            }
        }
    }

    #[test]
    fn the_two_filing_systems_differ_where_regulations_say() {
        fn code(p: Option<&Province>) -> Option<&str> {
            p.map(|p| p.code.as_str())
        }
        assert_eq!(code(province_by_icp("蜀")), Some("51"));
        assert_eq!(code(province_by_icp("川")), Some("51"));
        assert_eq!(code(province_by_psb("川")), Some("51"));
        assert_eq!(code(province_by_psb("蜀")), None);
        assert_eq!(code(province_by_icp("黔")), Some("52"));
        assert_eq!(code(province_by_psb("贵")), Some("52"));
        assert_eq!(code(province_by_psb("黔")), Some("52"));
        assert_eq!(code(province_by_icp("贵")), None);
        assert_eq!(code(province_by_icp("陇")), Some("62"));
        assert_eq!(code(province_by_psb("甘")), Some("62"));
        assert_eq!(code(province_by_icp("甘")), None);
        assert_eq!(code(province_by_psb("滇")), Some("53"));
        assert_eq!(
            province_by_code("53").map(|p| p.name.as_str()),
            Some("云南省")
        );
        assert!(province_by_code("99").is_none());
    }

    #[test]
    fn column_types_are_consistent() {
        let types = &*COLUMN_TYPES;
        assert!(types.is_allowed("首页") && types.is_allowed("其他"));
        assert!(!types.is_allowed("新闻"));
        for kind in [SiteKind::Portal, SiteKind::Department, SiteKind::Special] {
            for t in crate::rules::structure_data::DATA.mandated_for(kind) {
                assert!(types.is_allowed(t), "mandated {t} not allowed");
            }
        }
    }
}
