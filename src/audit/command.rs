//! `govsite audit DIR`: the arguments and what the verb prints and writes. Kept beside the
//! engine, as `platform` keeps its own; `cli.rs` only names [`AuditArgs`].

use super::{audit, report, AuditOptions};
use crate::diagnostics::Format;
use crate::terminal;
use clap::Args;
use std::path::{Path, PathBuf};

/// `govsite audit …`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// 要检查的旧网站页面文件夹（CMS 导出或 wget --mirror 的结果；只读取，不写入）
    pub dir: PathBuf,
    /// 以此日期为“今天”检查更新时效（YYYY-MM-DD，默认北京时间今天）
    #[arg(long, env = "GOVSITE_AS_OF")]
    pub as_of: Option<String>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// 另写一份检查报告到此文件夹：index.html（按《政府网站与政务新媒体检查指标》排列）和
    /// report.json；文件夹须在 DIR 之外
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// 列出全部发现（默认每条规则只列出前 5 条，其余计数；json/sarif 总是完整的）
    #[arg(long, short)]
    pub verbose: bool,
}

/// Runs the verb; the exit code is a build's: 0 no errors, 1 errors found, 2 bad input.
pub fn run(args: &AuditArgs) -> i32 {
    terminal::set_verbose(args.verbose);
    let as_of = match terminal::as_of_arg(&args.as_of) {
        Ok(as_of) => as_of,
        Err(code) => return code,
    };
    if let Some(out) = &args.report {
        if let Err(message) = refuse_inside(out, &args.dir) {
            terminal::say(&format!("error: {message}"));
            return 2;
        }
    }
    let options = AuditOptions {
        as_of,
        ..AuditOptions::default()
    };
    let audit = audit(&args.dir, &options);
    terminal::print_outcome(&audit.outcome, args.format, "检查");
    let code = audit.outcome.exit_code();
    match &args.report {
        Some(out) if code != 2 => match report::write(out, &audit) {
            Ok(()) => {
                terminal::say(&format!("检查报告：{}", out.join("index.html").display()));
                code
            }
            Err(message) => {
                terminal::say(&format!("error: {message}"));
                2
            }
        },
        _ => code,
    }
}

/// The audit writes nothing into the audited folder, so a report folder inside it is refused
/// before anything runs.
fn refuse_inside(out: &Path, dir: &Path) -> Result<(), String> {
    let Ok(dir) = dir.canonicalize() else {
        return Ok(()); // the audit itself reports a folder it cannot read
    };
    let resolved = crate::legacy::resolved(out);
    if resolved.starts_with(&dir) {
        return Err(format!(
            "检查报告的文件夹 {} 在被检查的文件夹 {} 之内；govsite audit 不向被检查的文件夹写入任何文件，请把 --report 指向它之外的文件夹",
            out.display(),
            dir.display()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::refuse_inside;

    #[test]
    fn a_report_folder_inside_the_audited_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir(&site).unwrap();
        assert!(refuse_inside(&site.join("report/new"), &site).is_err());
        assert!(refuse_inside(&site, &site).is_err());
        assert!(refuse_inside(&dir.path().join("report"), &site).is_ok());
        assert!(refuse_inside(&dir.path().join("site-report"), &site).is_ok());
    }
}
