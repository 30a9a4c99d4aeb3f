//! The `redirects:` file of a moving site: `old_path,new_url` per line, an optional header
//! line `old_path,new_url`, blank lines and `#` comments ignored, fields optionally in
//! double quotes (`""` for a quote). The reader never panics on any input (it is plain
//! `&str` slicing on char boundaries) and reports every bad line as GOV003 with its line.

use crate::config::host_of;
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::render::pages::output_path;
use std::collections::BTreeMap;
use std::ops::Range;

/// One mapping from an old path of this site to its new address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Site-absolute, percent-decoded: `/zwdt/2026-11-20-x/`, `/files/a.pdf`.
    pub old: String,
    /// `https://…` on the new site, or `/` / `/notice/` of the notice site.
    pub new: String,
    /// Byte range of the line in the file.
    pub span: Range<usize>,
}

/// The entries of a redirects file, keyed by the output file of the old path, so that
/// `/a/b`, `/a/b/` and `/a/b/index.html` are one address.
#[derive(Debug, Clone, Default)]
pub struct RedirectMap {
    pub entries: BTreeMap<String, Entry>,
}

impl RedirectMap {
    /// The new address for an old URL, if the file names one.
    pub fn get(&self, old_url: &str) -> Option<&str> {
        self.entries
            .get(&output_path(old_url))
            .map(|e| e.new.as_str())
    }
}

/// Reads the site's `lifecycle.redirects` file (empty map when there is none). Every bad
/// line is an input error; so is a missing or unsafe file name.
pub fn load(site: &Site) -> Result<RedirectMap, Vec<Diagnostic>> {
    let Some(name) = site
        .config
        .lifecycle
        .as_ref()
        .and_then(|l| l.redirects.as_deref())
    else {
        return Ok(RedirectMap::default());
    };
    let at_key = || {
        Diagnostic::error("GOV003", format!("找不到重定向对照表 `{name}`"))
            .at(
                crate::config::SITE_FILE,
                Some(site.config.spans.best("lifecycle.redirects")),
            )
            .with_help("redirects 写网站文件夹内的相对路径，例如 redirects.csv")
    };
    let safe = !name.starts_with('/')
        && !name.contains('\\')
        && !name.split('/').any(|s| s == ".." || s.is_empty());
    let path = site.config.root.join(name);
    if !safe || !path.is_file() {
        return Err(vec![at_key()]);
    }
    let text = crate::content::read_text(&path, name).map_err(|d| vec![d])?;
    let own = own_hosts(site);
    let (map, errors) = parse(&text, name, &own);
    if errors.is_empty() {
        Ok(map)
    } else {
        Err(errors)
    }
}

/// The hosts whose absolute URLs count as this site's own paths.
fn own_hosts(site: &Site) -> Vec<String> {
    let mut hosts = vec![site.config.base_host()];
    let domain = site.config.domain().to_ascii_lowercase();
    if !domain.is_empty() {
        hosts.push(domain);
    }
    hosts
}

/// Parses a redirects file. `file` names it in diagnostics; `own_hosts` are the hosts
/// whose absolute URLs are accepted as old paths.
pub fn parse(text: &str, file: &str, own_hosts: &[String]) -> (RedirectMap, Vec<Diagnostic>) {
    let mut map = RedirectMap::default();
    let mut errors = Vec::new();
    let mut first_data = true;
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let span = start..start + raw.trim_end_matches(['\n', '\r']).len();
        start += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let line = if span.start == 0 {
            line.trim_start_matches('\u{feff}')
        } else {
            line
        };
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let is_first = std::mem::replace(&mut first_data, false);
        let bad = |message: String, help: &str| {
            Diagnostic::error("GOV003", message)
                .at(file.to_string(), Some(span.clone()))
                .with_help(help.to_string())
        };
        let fields = match split_fields(line) {
            Ok(fields) => fields,
            Err(why) => {
                errors.push(bad(why.to_string(), HELP_FORM));
                continue;
            }
        };
        if is_first
            && fields
                .first()
                .is_some_and(|f| f.eq_ignore_ascii_case("old_path"))
        {
            continue;
        }
        let [old, new] = fields.as_slice() else {
            errors.push(bad(
                format!("应为两列（旧地址,新地址），实为 {} 列", fields.len()),
                HELP_FORM,
            ));
            continue;
        };
        let old = match old_path(old, own_hosts) {
            Ok(old) => old,
            Err(why) => {
                errors.push(bad(format!("旧地址 `{old}` 不可用：{why}"), HELP_OLD));
                continue;
            }
        };
        if let Err(why) = check_new(new) {
            errors.push(bad(format!("新地址 `{new}` 不可用：{why}"), HELP_NEW));
            continue;
        }
        let key = output_path(&old);
        if let Some(first) = map.entries.get(&key) {
            let line_no = text[..first.span.start].matches('\n').count() + 1;
            errors.push(bad(
                format!("旧地址 `{old}` 与第 {line_no} 行重复"),
                "每个旧地址只写一行",
            ));
            continue;
        }
        map.entries.insert(
            key,
            Entry {
                old,
                new: new.clone(),
                span,
            },
        );
    }
    (map, errors)
}

const HELP_FORM: &str =
    "每行写 旧地址,新地址，例如 /zwdt/2026-11-20-x/,https://www.example.gov.cn/sjj/zwdt/x/；含逗号的字段用英文双引号括起";
const HELP_OLD: &str =
    "旧地址写本网站的绝对路径（以 / 开头，如 /art/2019/1/1/art_123.html），不含 ?、#、.. 和 \\";
const HELP_NEW: &str = "新地址写完整网址（https://…），或 / 与 /notice/（迁移后的公告页）";

/// Splits one CSV line into trimmed fields; quotes protect commas, `""` is a quote.
fn split_fields(line: &str) -> Result<Vec<String>, &'static str> {
    let mut fields = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
        let mut field = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    None => return Err("引号没有闭合"),
                    Some('"') if chars.next_if_eq(&'"').is_some() => field.push('"'),
                    Some('"') => break,
                    Some(c) => field.push(c),
                }
            }
            while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
            if chars.peek().is_some_and(|c| *c != ',') {
                return Err("引号后应为逗号");
            }
        } else {
            while let Some(c) = chars.next_if(|c| *c != ',') {
                if c == '"' {
                    return Err("未加引号的字段中不能有双引号");
                }
                field.push(c);
            }
        }
        fields.push(field.trim().to_string());
        if chars.next().is_none() {
            return Ok(fields);
        }
    }
}

/// An old address as a site-absolute, percent-decoded path.
fn old_path(text: &str, own_hosts: &[String]) -> Result<String, &'static str> {
    let path = if text.starts_with("http://") || text.starts_with("https://") {
        let host = host_of(text).ok_or("不是有效网址")?;
        if !own_hosts.contains(&host) {
            return Err("不是本网站的地址");
        }
        let rest = text.split_once("//").map_or("", |(_, r)| r);
        rest.find('/').map_or("/", |i| &rest[i..]).to_string()
    } else {
        text.to_string()
    };
    if !path.starts_with('/') || path.starts_with("//") {
        return Err("应以 / 开头");
    }
    if path.contains(['?', '#']) {
        return Err("不能带 ? 或 # 部分");
    }
    let decoded = percent_encoding::percent_decode_str(&path)
        .decode_utf8()
        .map_err(|_| "百分号编码不是 UTF-8")?
        .into_owned();
    if decoded.contains(['\\', '\0']) || decoded.chars().any(char::is_control) {
        return Err("含有不可用的字符");
    }
    if decoded.split('/').any(|s| s == ".." || s == ".") {
        return Err("不能含 . 或 .. 段");
    }
    if decoded == "/" || output_path(&decoded) == "notice/index.html" {
        return Err("迁移后首页和公告页显示公告，不能重定向");
    }
    Ok(decoded)
}

/// Whether a new address is usable in a meta refresh and a server map.
pub fn check_new(text: &str) -> Result<(), &'static str> {
    if text == "/" || text == super::NOTICE_URL {
        return Ok(());
    }
    if !(text.starts_with("https://") || text.starts_with("http://")) || host_of(text).is_none() {
        return Err("应为完整网址（https://…）");
    }
    if text
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'))
    {
        return Err("含有空白、引号或尖括号");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> Vec<String> {
        vec!["sjj.example.gov.cn".to_string()]
    }

    #[test]
    fn reads_header_quotes_comments_and_own_absolute_urls() {
        let text = "\u{feff}old_path,new_url\r\n# 注释\n\n/zwdt/a/,https://n.gov.cn/a/\n\"/b,c.html\" , \"https://n.gov.cn/b\"\nhttp://sjj.example.gov.cn/%E6%96%87.html,https://n.gov.cn/c\n";
        let (map, errors) = parse(text, "r.csv", &hosts());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(map.get("/zwdt/a"), Some("https://n.gov.cn/a/"));
        assert_eq!(map.get("/b,c.html"), Some("https://n.gov.cn/b"));
        assert_eq!(map.get("/文.html"), Some("https://n.gov.cn/c"));
    }

    #[test]
    fn bad_lines_are_gov003_at_their_line() {
        let text = "/a/,https://n.gov.cn/\nzwdt/x,https://n.gov.cn/\n/b/,ftp://x\n/a,https://n.gov.cn/2\n/c/\n\"/d,https://n\n/../e,https://n.gov.cn/\nhttps://other.gov.cn/x,https://n.gov.cn/\n/,https://n.gov.cn/\n";
        let (map, errors) = parse(text, "r.csv", &hosts());
        assert_eq!(map.entries.len(), 1);
        let lines: Vec<usize> = errors
            .iter()
            .map(|d| {
                let span = d.location.as_ref().unwrap().span.clone().unwrap();
                text[..span.start].matches('\n').count() + 1
            })
            .collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6, 7, 8, 9]);
        assert!(errors.iter().all(|d| d.code == "GOV003"));
    }

    #[test]
    fn never_panics_on_arbitrary_input() {
        // A small deterministic fuzz loop over bytes that stress the reader.
        let alphabet = [
            "\"",
            ",",
            "\n",
            "\r",
            "/",
            "%",
            "%E6",
            "文",
            "\u{feff}",
            " ",
            "#",
            "h",
            "https://a.gov.cn/",
            "..",
            "?",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let (map, errors) = parse(&text, "r.csv", &hosts());
            for d in errors {
                let span = d.location.unwrap().span.unwrap();
                assert!(span.end <= text.len() && text.is_char_boundary(span.start));
            }
            for entry in map.entries.values() {
                assert!(entry.old.starts_with('/'));
                assert!(check_new(&entry.new).is_ok());
            }
        }
    }
}
