//! The one list of rules. Execution, `govsite rules`, docs/rules.md and the invariant
//! tests all read it; keep it sorted by code.

use super::{Rule, RuleMeta};

/// Every rule govsite knows, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &super::gov101_id_code::IdCode,
    &super::gov110_footer::Footer,
    &super::gov201_site_meta::SiteMeta,
    &super::gov301_mandated_columns::MandatedColumns,
    &super::gov302_empty_column::EmptyColumn,
    &super::gov303_stale_column::StaleColumn,
    &super::gov304_freshness_veto::FreshnessVeto,
    &super::gov305_homepage_stale::HomepageStale,
    &super::gov306_interpretation_target::InterpretationTarget,
    &super::gov307_policy_links::PolicyLinks,
    &super::gov308_policy_fields::PolicyFields,
    &super::gov309_service_elements::ServiceElements,
    &super::gov310_letter_unanswered::LetterUnanswered,
    &super::gov311_sitemap::Sitemap,
    &super::gov312_search::Search,
    &super::gov801_wordlist::WordList,
    &super::gov802_placeholder::Placeholder,
    &super::gov803_empty_item::EmptyItem,
    &super::gov804_personal_data::PersonalData,
];

/// The metadata of a rule by code (case-insensitive).
pub fn find(code: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_sorted() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.meta().code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in RULES {
            let meta = rule.meta();
            assert!(
                meta.code.starts_with("GOV") && meta.code.len() == 6,
                "{}",
                meta.code
            );
            assert!(!meta.summary.is_empty(), "{}", meta.code);
            assert!(
                meta.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{}",
                meta.code
            );
            for section in ["检查什么", "为什么", "如何修改", "示例"] {
                assert!(
                    meta.explanation.contains(section),
                    "{} lacks {section}",
                    meta.code
                );
            }
        }
    }
}
