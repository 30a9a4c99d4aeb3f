//! The command line (site-format.md section 6), one struct per verb.

use crate::diagnostics::Format;
use crate::report::{AnnualFormat, TableFormat};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "govsite",
    version,
    about = "政府网站静态站点生成器：构建时检查国家政府网站规范"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 构建网站（有错误时不写出，保留上一次的输出）
    Build(BuildArgs),
    /// 运行全部检查，不写出任何文件
    Check(CheckArgs),
    /// 本地预览：在内存中构建，修改后自动重新构建并刷新浏览器
    Serve(ServeArgs),
    /// 用示例网站新建一个网站
    Init(InitArgs),
    /// 列出全部规则，或解释一条规则
    Rules(RulesArgs),
    /// 生成报表：政府网站工作年度报表、网站信息表
    Report(ReportArgs),
    /// 集约化平台：构建、检查、抽查平台上的全部网站
    Platform(crate::platform::command::PlatformArgs),
    /// 把旧网站（任意 CMS 生成的页面文件夹）导入为新的 govsite 网站
    Import(ImportArgs),
    /// 检查旧网站（任意 CMS 生成的页面文件夹），可另写检查报告；不写入被检查的文件夹
    Audit(crate::audit::command::AuditArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 旧网站页面所在的文件夹（CMS 导出或 wget --mirror 的结果；只读取，不写入）
    pub dir: PathBuf,
    /// 新网站的文件夹（须不存在或为空）
    #[arg(long)]
    pub out: PathBuf,
    /// 允许替换已有内容的网站文件夹
    #[arg(long)]
    pub force: bool,
}

/// Options shared by the verbs that run the checks.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 网站文件夹（默认当前文件夹）
    #[arg(default_value = ".")]
    pub site: PathBuf,
    /// 以此日期为“今天”检查更新时效和公告（YYYY-MM-DD，默认北京时间今天）
    #[arg(long, env = "GOVSITE_AS_OF")]
    pub as_of: Option<String>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// 列出全部发现（默认每条规则只列出前 5 条，其余计数；json/sarif 总是完整的）
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    /// 输出文件夹（默认 SITE/public）
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// 允许替换不是 govsite 输出的文件夹
    #[arg(long)]
    pub force: bool,
    /// 不使用构建缓存：不读取也不写入输出文件夹旁的 .OUT.govsite-cache，全部页面重新生成
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 网站文件夹（默认当前文件夹）
    #[arg(default_value = ".")]
    pub site: PathBuf,
    /// 监听的地址（默认只允许本机访问）
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// 监听的端口；0 表示任选一个空闲端口
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// 以此日期为“今天”检查更新时效和公告（YYYY-MM-DD，默认北京时间今天）
    #[arg(long, env = "GOVSITE_AS_OF")]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 新网站的文件夹（须不存在或为空）
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// 规则编号，例如 GOV101
    pub code: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub report: ReportCommand,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// 《政府网站工作年度报表》中可由网站内容统计的数据，其余列为待填写
    Annual(AnnualArgs),
    /// 保留网站和永久下线网站信息表（附件1、附件2）
    Sites(SitesArgs),
    /// 集约化平台的政府网站监管年度报表（可由网站内容统计的数据）
    Supervision(SupervisionArgs),
}

#[derive(Debug, Args)]
pub struct SupervisionArgs {
    /// 平台文件夹（含 platform.yaml，默认当前文件夹）
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// 报表年度，例如 2026
    #[arg(long, value_parser = clap::value_parser!(i32).range(2000..=2100))]
    pub year: i32,
    /// 输出格式
    #[arg(long, value_enum, default_value = "json")]
    pub format: AnnualFormat,
    /// 平台输出文件夹（读取其中的抽查结果，默认 DIR/public）
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AnnualArgs {
    /// 网站文件夹（默认当前文件夹）
    #[arg(default_value = ".")]
    pub site: PathBuf,
    /// 报表年度，例如 2026
    #[arg(long, value_parser = clap::value_parser!(i32).range(2000..=2100))]
    pub year: i32,
    /// 输出格式
    #[arg(long, value_enum, default_value = "json")]
    pub format: AnnualFormat,
    /// 以此日期为“今天”（YYYY-MM-DD，默认北京时间今天）
    #[arg(long, env = "GOVSITE_AS_OF")]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct SitesArgs {
    /// 各网站的文件夹
    #[arg(required = true)]
    pub sites: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "csv")]
    pub format: TableFormat,
}
