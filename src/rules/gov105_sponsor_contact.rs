//! GOV105: the sponsor (主办单位) is named and the contact (联系方式) gives a phone number
//! or an email address that looks like one.

use super::{Rule, RuleMeta};
use crate::config::{Config, SITE_FILE};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "GOV105",
    name: "sponsor-contact-missing",
    severity: Severity::Error,
    waivable: false,
    summary: "缺少主办单位，或联系方式中没有电话或邮箱",
    explanation: include_str!("docs/gov105.md"),
    default_off: false,
};

pub struct SponsorContact;

/// A phone number has at least 5 digits (12345 hotlines) and only the characters people
/// write around them.
pub fn is_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    digits >= 5
        && phone.chars().all(|c| {
            c.is_ascii_digit() || " -+()（）、,，转/".contains(c) || c.is_ascii_whitespace()
        })
}

/// `local@domain.tld`, nothing fancier: enough to catch a phone number or a name typed in
/// the wrong field.
pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
}

impl Rule for SponsorContact {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_source(&self, site: &Site, out: &mut Vec<Diagnostic>) {
        let config = &site.config;
        if config.yaml.sponsor.is_none() {
            out.push(
                META.diag("缺少主办单位（sponsor）")
                    .at(SITE_FILE, Some(config.spans.best("sponsor")))
                    .with_help("填写网站主办单位的全称，例如 sponsor: 示例市人民政府办公室"),
            );
        }
        let contact = &config.yaml.contact;
        let phone = Config::str_of(&contact.phone);
        let email = Config::str_of(&contact.email);
        if phone.is_empty() && email.is_empty() {
            out.push(
                META.diag("联系方式（contact）中没有电话或邮箱")
                    .at(SITE_FILE, Some(config.spans.best("contact.phone")))
                    .with_help("在 contact 下至少填写 phone（如 \"0871-63600000\"）或 email（如 web@example.gov.cn）"),
            );
        }
        if !phone.is_empty() && !is_phone(phone) {
            out.push(
                META.diag(format!("联系电话“{phone}”不是电话号码"))
                    .at(SITE_FILE, config.spans.value("contact.phone"))
                    .with_label("不是电话号码")
                    .with_help("写区号和号码，例如 \"0871-63600000\"；加引号以免被当作数字"),
            );
        }
        if !email.is_empty() && !is_email(email) {
            out.push(
                META.diag(format!("电子邮箱“{email}”不是邮箱地址"))
                    .at(SITE_FILE, config.spans.value("contact.email"))
                    .with_label("不是邮箱地址")
                    .with_help("写完整的邮箱地址，例如 web@example.gov.cn"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_phone_numbers() {
        for good in [
            "0871-63600000",
            "12345",
            "+86 871 6360 0000",
            "(0871)63600000转8001",
        ] {
            assert!(is_phone(good), "{good}");
        }
        for bad in ["1234", "李四", "web@example.gov.cn", "待定"] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn recognises_email_addresses() {
        assert!(is_email("web@example.gov.cn"));
        for bad in [
            "web",
            "web@",
            "@example.gov.cn",
            "web@example",
            "a b@x.cn",
            "a@b@c.cn",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
