//! The one list of rules. Execution, `govsite rules`, docs/rules.md and the invariant
//! tests all read it; keep it sorted by code.

use super::{Rule, RuleMeta};

/// Every rule govsite knows, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &super::gov101_id_code::IdCode,
    &super::gov102_icp::IcpNumber,
    &super::gov103_psb::PsbNumber,
    &super::gov104_psb_province::PsbProvince,
    &super::gov105_sponsor_contact::SponsorContact,
    &super::gov106_domain::Domain,
    &super::gov107_site_name::SiteName,
    &super::gov108_conac::Conac,
    &super::gov109_jiucuo::Jiucuo,
    &super::gov110_footer::Footer,
    &super::gov111_header::Header,
    &super::gov201_site_meta::SiteMeta,
    &super::gov202_column_meta::ColumnMeta,
    &super::gov203_article_meta::ArticleMeta,
    &super::gov204_title::Title,
    &super::gov205_date::PubDate,
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
    &super::gov401_ads::Ads,
    &super::gov402_third_party::ThirdParty,
    &super::gov403_plain_http::PlainHttp,
    &super::gov404_content_script::ContentScript,
    &super::gov405_blank_target::BlankTarget,
    &super::gov501_img_alt::ImgAlt,
    &super::gov502_html_lang::HtmlLang,
    &super::gov503_page_title::PageTitle,
    &super::gov504_headings::Headings,
    &super::gov505_control_name::ControlName,
    &super::gov506_form_label::FormLabel,
    &super::gov507_table_headers::TableHeaders,
    &super::gov508_zoom::Zoom,
    &super::gov509_contrast::Contrast,
    &super::gov510_landmarks::Landmarks,
    &super::gov511_duplicate_id::DuplicateId,
    &super::gov512_elder_controls::ElderControls,
    &super::gov513_captions::Captions,
    &super::gov601_broken_link::BrokenLink,
    &super::gov602_missing_fragment::MissingFragment,
    &super::gov603_missing_asset::MissingAsset,
    &super::gov604_external_link::ExternalLink,
    &super::gov701_lifecycle::LifecycleIncomplete,
    &super::gov702_notice_period::NoticePeriod,
    &super::gov703_notice_banner::NoticeBanner,
    &super::gov704_redirects::OldUrlRedirects,
    &super::gov705_shutdown::ShutdownDue,
    &super::gov706_announcement::AnnouncementIncomplete,
    &super::gov801_wordlist::WordList,
    &super::gov802_placeholder::Placeholder,
    &super::gov803_empty_item::EmptyItem,
    &super::gov804_personal_data::PersonalData,
    &super::gov805_marking::Marking,
    &super::gov806_document_metadata::DocumentMetadata,
    &super::gov807_unreadable_attachment::UnreadableAttachment,
    &super::gov808_unlinked_attachment::UnlinkedAttachment,
];

/// The metadata of a rule by code (case-insensitive).
pub fn find(code: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .map(|r| r.meta())
        .find(|m| m.code.eq_ignore_ascii_case(code))
}

/// The rule catalogue as Markdown: a table of every rule, then each rule's explanation.
/// docs/rules.md is this text; a test keeps it in sync (`GOVSITE_BLESS=1` rewrites it).
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# govsite 规则目录\n\n\
         <!-- 由 src/rules/registry.rs 的 catalogue_markdown() 生成，请勿手改；\
         修改规则后运行 GOVSITE_BLESS=1 cargo test --lib catalogue 更新。 -->\n\n\
         每条规则有固定的代码。`error` 使构建失败（退出码 1），`warning` 只报告。\
         可豁免的规则可以在 `site.yaml` 的 `waivers` 中写明理由豁免；\
         默认关闭的规则需要在 `enable` 中开启。`govsite rules <代码>` 在终端中显示同样的说明。\n\n\
         | 代码 | 名称 | 级别 | 可豁免 | 摘要 |\n|---|---|---|---|---|\n",
    );
    for rule in RULES {
        let m = rule.meta();
        let mut level = m.severity.as_str().to_string();
        if m.default_off {
            level.push_str("（默认关闭）");
        }
        out.push_str(&format!(
            "| [{code}](#{anchor}) | `{name}` | {level} | {waivable} | {summary} |\n",
            code = m.code,
            anchor = format!("{}-{}", m.code, m.name).to_ascii_lowercase(),
            name = m.name,
            waivable = if m.waivable { "是" } else { "否" },
            summary = inline(m.summary),
        ));
    }
    for rule in RULES {
        let m = rule.meta();
        out.push_str(&format!(
            "\n## {} {}\n\n{}\n\n{}\n",
            m.code,
            m.name,
            inline(m.summary),
            m.explanation.trim_end()
        ));
    }
    out
}

/// A summary as Markdown text: `<header>` must not become a tag, `|` not a cell border.
fn inline(text: &str) -> String {
    text.replace('<', "&lt;").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_in_docs_rules_md_is_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
        let want = catalogue_markdown();
        if std::env::var("GOVSITE_BLESS").is_ok_and(|v| v == "1") {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &want).unwrap();
            return;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/rules.md is out of date: run GOVSITE_BLESS=1 cargo test --lib catalogue and review the diff"
        );
    }

    #[test]
    fn catalogue_lists_every_rule_once() {
        let text = catalogue_markdown();
        for rule in RULES {
            let m = rule.meta();
            assert_eq!(
                text.matches(&format!("\n## {} ", m.code)).count(),
                1,
                "{}",
                m.code
            );
            assert!(text.contains(&format!("| [{}](#", m.code)), "{}", m.code);
        }
    }

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
