//! The import report: `SITE/import-report.json` and the summary printed at the end —
//! pages mapped (old URL → new URL and file), pages skipped and why, fields guessed,
//! site.yaml items not found, files copied.

use serde::Serialize;

/// One old page and where it went.
#[derive(Debug, Clone, Serialize)]
pub struct Mapped {
    /// The old page's path in DIR.
    pub page: String,
    pub old_url: String,
    pub new_url: String,
    /// `item`, `loose`, `column`, `home` or `redirect`.
    pub kind: &'static str,
    /// The file written, relative to SITE (none for a redirect).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub encoding: &'static str,
    /// How the body was found (a CMS container or the largest text block).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub guessed: Vec<String>,
}

/// Everything `SITE/import-report.json` holds.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub source: String,
    pub site: String,
    pub pages_read: usize,
    pub columns: usize,
    pub items: usize,
    pub mapped: Vec<Mapped>,
    pub skipped: Vec<super::plan::Skip>,
    /// site.yaml items not found on the old pages.
    pub site_missing: Vec<String>,
    /// Guesses about the site and its columns.
    pub site_guessed: Vec<String>,
    pub files_copied: Vec<String>,
    /// Internal links in bodies that lead to nothing in DIR (the first 1000).
    pub unresolved_links: Vec<String>,
    pub unresolved_total: usize,
}

impl Report {
    /// The number of fields guessed across all pages and columns.
    pub fn guesses(&self) -> usize {
        self.mapped.iter().map(|m| m.guessed.len()).sum::<usize>() + self.site_guessed.len()
    }

    /// The lines printed after an import.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "导入完成：读取 {} 个页面，生成 {} 个栏目、{} 篇文章和页面，跳过 {} 个页面，复制 {} 个文件，推测字段 {} 处\n",
            self.pages_read,
            self.columns,
            self.items,
            self.skipped.len(),
            self.files_copied.len(),
            self.guesses(),
        );
        for what in &self.site_missing {
            out.push_str(&format!("  site.yaml 未找到：{what}\n"));
        }
        let mut reasons: Vec<(&str, usize)> = Vec::new();
        for s in &self.skipped {
            match reasons.iter_mut().find(|(r, _)| *r == s.reason) {
                Some((_, n)) => *n += 1,
                None => reasons.push((&s.reason, 1)),
            }
        }
        for (reason, n) in reasons {
            out.push_str(&format!("  跳过 {n} 个：{reason}\n"));
        }
        if self.unresolved_total > 0 {
            out.push_str(&format!(
                "  {} 个站内链接在旧网站中找不到目标\n",
                self.unresolved_total
            ));
        }
        out.push_str(&format!(
            "详细报告：{}/import-report.json；请核对推测的字段后运行 govsite build {}\n",
            self.site, self.site
        ));
        out
    }
}
