//! `govsite platform build|check|sample`: the arguments and what each verb prints. Kept
//! here rather than in `src/cli.rs` so the platform's command line is one self-contained
//! piece; `cli.rs` only names [`PlatformArgs`].

use super::build::{run_all, SiteResult};
use super::{dashboard, sample, Platform, Shard};
use crate::diagnostics::{self, Format};
use crate::{terminal, RunOptions};
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

/// `govsite platform …`.
#[derive(Debug, Args)]
pub struct PlatformArgs {
    #[command(subcommand)]
    pub command: PlatformCommand,
}

#[derive(Debug, Subcommand)]
pub enum PlatformCommand {
    /// 构建平台上的全部网站，并写出监管看板
    Build(PlatformBuildArgs),
    /// 检查平台上的全部网站，不写出任何文件
    Check(PlatformBuildArgs),
    /// 季度随机抽查（按季度确定抽样，可复核），写出抽查结果页面
    Sample(SampleArgs),
}

/// Options of `platform build` and `platform check`.
#[derive(Debug, Args)]
pub struct PlatformBuildArgs {
    /// 平台文件夹（含 platform.yaml，默认当前文件夹）
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// 输出文件夹（默认 DIR/public）；各网站写到其中的 <网站名>/
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// 只处理第 K 份（共 N 份），供持续集成并行任务使用，例如 2/4
    #[arg(long)]
    pub shard: Option<String>,
    /// 同时构建的网站数（每个网站内部的页面另行并行）
    #[arg(long, default_value_t = 2)]
    pub jobs: usize,
    /// 检查结果另存为 SARIF：以 .sarif 结尾时写成一个文件（全部网站，路径从平台文件夹写起，
    /// 供 GitHub 代码扫描上传），否则为文件夹，每个网站一个 <网站名>.sarif
    #[arg(long)]
    pub sarif: Option<PathBuf>,
    /// 以此日期为“今天”（YYYY-MM-DD，默认北京时间今天）
    #[arg(long, env = "GOVSITE_AS_OF")]
    pub as_of: Option<String>,
}

/// Options of `platform sample`.
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// 平台文件夹（含 platform.yaml，默认当前文件夹）
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// 抽查季度，例如 2026Q4（决定抽到哪些网站）
    #[arg(long)]
    pub quarter: String,
    /// 抽查比例（不低于 0.3）
    #[arg(long, default_value_t = 0.3)]
    pub ratio: f64,
    /// 输出文件夹（默认 DIR/public）；结果写到其中的 _sample-<季度>/
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// 以此日期为“今天”（YYYY-MM-DD，默认北京时间今天）
    #[arg(long, env = "GOVSITE_AS_OF")]
    pub as_of: Option<String>,
}

/// Runs one platform verb; returns the exit code (0, 1 or 2).
pub fn run(args: PlatformArgs) -> i32 {
    match args.command {
        PlatformCommand::Build(a) => build(&a, true),
        PlatformCommand::Check(a) => build(&a, false),
        PlatformCommand::Sample(a) => run_sample(&a),
    }
}

fn load(dir: &Path) -> Result<Platform, i32> {
    super::load(dir).map_err(|outcome| {
        terminal::print_outcome(&outcome, Format::Human, "读取平台配置");
        2
    })
}

fn build(args: &PlatformBuildArgs, write: bool) -> i32 {
    let date = match terminal::as_of_arg(&args.as_of) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let platform = match load(&args.dir) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let members = match args.shard.as_deref().map(Shard::parse) {
        None => platform.members.clone(),
        Some(Ok(shard)) => shard.select(platform.members.clone()),
        Some(Err(message)) => {
            terminal::say(&format!("error: {message}"));
            return 2;
        }
    };
    let out = args.out.clone().unwrap_or_else(|| args.dir.join("public"));
    let options = RunOptions {
        as_of: date,
        defaults: Some(&platform.config.defaults),
        ..Default::default()
    };
    let verb = if write { "构建" } else { "检查" };
    let results = run_all(&members, &out, write, args.jobs, &options);
    let mut code = print_results(&results, verb);
    if let Some(dir) = &args.sarif {
        code = code.max(write_sarif(&args.dir, dir, &results));
    }
    if write {
        if let Err(e) = dashboard::write(&out, &platform.config, &results) {
            terminal::say(&format!("error: {}", e.message));
            code = code.max(2);
        }
    }
    code
}

/// Each site's findings under its name, a summary line per site, then the platform total.
fn print_results(results: &[SiteResult], verb: &str) -> i32 {
    let mut code = 0;
    for r in results {
        let label = format!(
            "网站 {}（{}）{verb}",
            r.member.name,
            r.member.root.display()
        );
        terminal::print_outcome(&r.outcome, Format::Human, &label);
        code = code.max(r.outcome.exit_code());
    }
    let failed = results
        .iter()
        .filter(|r| r.outcome.exit_code() != 0)
        .count();
    let pages: usize = results.iter().map(|r| r.outcome.pages).sum();
    let errors: usize = results.iter().map(|r| r.outcome.report.errors()).sum();
    let warnings: usize = results.iter().map(|r| r.outcome.report.warnings()).sum();
    terminal::say(&format!(
        "平台{verb}：{} 个网站，成功 {}，失败 {failed}；共 {pages} 个页面，{errors} 个错误，{warnings} 个警告",
        results.len(),
        results.len() - failed
    ));
    code
}

fn write_sarif(platform: &Path, to: &Path, results: &[SiteResult]) -> i32 {
    let written = if to.extension().is_some_and(|e| e == "sarif") {
        // Paths from the platform folder (`sites/jyj/content/…`) are the repository's.
        let prefixes: Vec<String> = results
            .iter()
            .map(|r| {
                let rel = r
                    .member
                    .root
                    .strip_prefix(platform)
                    .unwrap_or(&r.member.root);
                format!("{}/", rel.to_string_lossy().trim_end_matches('/'))
            })
            .collect();
        let parts: Vec<_> = results
            .iter()
            .zip(&prefixes)
            .map(|(r, prefix)| (&r.outcome.report, &r.outcome.sources, prefix.as_str()))
            .collect();
        let parent_ok = to
            .parent()
            .is_none_or(|p| p.as_os_str().is_empty() || std::fs::create_dir_all(p).is_ok());
        parent_ok && std::fs::write(to, diagnostics::sarif::render_many(&parts)).is_ok()
    } else {
        std::fs::create_dir_all(to).is_ok()
            && results.iter().all(|r| {
                let text = diagnostics::render(
                    &r.outcome.report,
                    &r.outcome.sources,
                    Format::Sarif,
                    false,
                );
                std::fs::write(to.join(format!("{}.sarif", r.member.name)), text).is_ok()
            })
    };
    if written {
        0
    } else {
        terminal::say(&format!("error: 无法写入 SARIF {}", to.display()));
        2
    }
}

fn run_sample(args: &SampleArgs) -> i32 {
    let quarter = match sample::parse_quarter(&args.quarter) {
        Ok(q) => q,
        Err(message) => {
            terminal::say(&format!("error: {message}"));
            return 2;
        }
    };
    if !(0.3..=1.0).contains(&args.ratio) {
        terminal::say("error: --ratio 应在 0.3 到 1 之间（季度抽查比例不低于 30%）");
        return 2;
    }
    let (date, platform) = match (terminal::as_of_arg(&args.as_of), load(&args.dir)) {
        (Ok(d), Ok(p)) => (d, p),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let chosen = sample::choose(&platform.members, &quarter, args.ratio);
    let options = RunOptions {
        as_of: date,
        defaults: Some(&platform.config.defaults),
        ..Default::default()
    };
    let results = run_all(&chosen, Path::new("."), false, 2, &options);
    let total = platform.members.len();
    let json = sample::to_json(&platform.config, &quarter, args.ratio, total, &results);
    let html = sample::to_html(&platform.config, &quarter, total, &results);
    let out = args.out.clone().unwrap_or_else(|| args.dir.join("public"));
    if let Err(e) = sample::write(&out, &html, &json, &quarter) {
        terminal::say(&format!("error: {}", e.message));
        return 2;
    }
    for r in &results {
        let verdict = if sample::vetoes(r).is_empty() {
            "合格"
        } else {
            "不合格"
        };
        terminal::say(&format!("{}（{}）：{verdict}", r.member.name, r.id_code));
    }
    terminal::say(&format!(
        "{quarter} 抽查：{total} 个网站中抽查 {} 个，结果已写到 {}",
        results.len(),
        out.join(format!("_sample-{quarter}")).display()
    ));
    0
}
