//! Everything govsite prints goes through here: reports, summaries, the progress bar.

use crate::diagnostics::{self, Format};
use crate::pipeline::Outcome;
use crate::rules::registry;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Whether the terminal lists every finding (`--verbose`) rather than the first few of
/// each rule; set once by `main` from the command line.
static VERBOSE: AtomicBool = AtomicBool::new(false);

/// `--as-of`: `Ok(None)` for "today"; for a bad date, prints why and gives exit code 2.
pub fn as_of_arg(text: &Option<String>) -> Result<Option<crate::config::Date>, i32> {
    match text {
        None => Ok(None),
        Some(t) => crate::config::Date::parse(t).map(Some).ok_or_else(|| {
            say(&format!(
                "error: --as-of 的日期 `{t}` 无效，应写作 YYYY-MM-DD"
            ));
            2
        }),
    }
}

/// Lists every finding from now on (`--verbose`).
pub fn set_verbose(verbose: bool) {
    VERBOSE.store(verbose, Ordering::Relaxed);
}

/// Prints the findings and, for human output, a closing line. JSON and SARIF are always
/// complete; the terminal shows the first few findings of each rule unless `--verbose`.
pub fn print_outcome(outcome: &Outcome, format: Format, verb: &str) {
    match format {
        Format::Human => {
            let verbose = VERBOSE.load(Ordering::Relaxed);
            let text =
                diagnostics::render_human(&outcome.report, &outcome.sources, color(), verbose);
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(text.as_bytes());
            let _ = writeln!(err, "{}", summary(outcome, verb));
        }
        _ => {
            let text = diagnostics::render(&outcome.report, &outcome.sources, format, color());
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
    }
}

fn summary(outcome: &Outcome, verb: &str) -> String {
    let report = &outcome.report;
    let counts = format!("{} 个错误，{} 个警告", report.errors(), report.warnings());
    let seconds = outcome.elapsed.as_secs_f64();
    match outcome.exit_code() {
        0 => format!(
            "{verb}完成：{} 个页面，用时 {seconds:.2} 秒，{counts}",
            outcome.pages
        ),
        // Only a build writes; for it, say that the previous output is safe.
        code => {
            let kind = if code == 1 {
                String::new()
            } else {
                "输入有误，".to_string()
            };
            let kept = if verb == "构建" {
                "。未写出任何文件，上一次的输出保持不变"
            } else {
                ""
            };
            format!("{verb}失败：{kind}{counts}{kept}")
        }
    }
}

/// A progress bar on a terminal for builds of many pages; hidden otherwise.
pub fn progress() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 页") {
        bar.set_style(style);
    }
    bar
}

/// `govsite rules`: the catalogue, one line a rule.
pub fn print_rules() {
    let mut out = std::io::stdout().lock();
    for rule in registry::RULES {
        let m = rule.meta();
        let mut flags = vec![m.severity.as_str()];
        if m.waivable {
            flags.push("可豁免");
        }
        if m.default_off {
            flags.push("默认关闭");
        }
        let _ = writeln!(
            out,
            "{}  {:<32} {:<16} {}",
            m.code,
            m.name,
            flags.join(","),
            m.summary
        );
    }
}

/// `govsite rules CODE`: one rule explained. False when there is no such rule.
pub fn print_rule(code: &str) -> bool {
    let Some(m) = registry::find(code) else {
        let _ = writeln!(
            std::io::stderr(),
            "error: 没有规则 {code}；用 govsite rules 查看全部规则"
        );
        return false;
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{} {}（{}，{}）\n",
        m.code,
        m.name,
        m.severity.as_str(),
        if m.waivable {
            "可豁免"
        } else {
            "不可豁免"
        }
    );
    let _ = writeln!(out, "{}\n\n{}", m.summary, m.explanation);
    true
}

/// A plain message to the user on stderr.
pub fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// `govsite build`: one line on the build cache, when it was not usable (human output
/// also says how many pages it saved).
pub fn print_cache(cache: &crate::cache::Summary, format: Format) {
    if let Some(why) = &cache.ignored {
        say(&format!("构建缓存未使用（{why}），已全部重新生成"));
    } else if let Some(why) = &cache.unwritten {
        say(&format!(
            "无法写入构建缓存（{why}），下次构建将全部重新生成"
        ));
    } else if format == Format::Human && cache.reused > 0 {
        say(&format!(
            "构建缓存：{} 个页面未变，沿用上次的输出；{} 个页面重新生成",
            cache.reused, cache.rendered
        ));
    }
}

/// A report's text on stdout.
pub fn print_text(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// `govsite serve`: the address to open, printed once the server listens.
pub fn print_serving(url: &str, public: bool) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "预览地址：{url}  （按 Ctrl-C 停止）");
    if public {
        let _ = writeln!(
            err,
            "warning: 预览服务绑定在非本机地址上，网络中的其他人也能访问"
        );
    }
}

/// One line for a save shown by serve mode's fast path, before the full rebuild.
pub fn print_serve_preview(changed: &[String], pages: usize, elapsed: std::time::Duration) {
    let files = match changed {
        [one] => one.clone(),
        [one, rest @ ..] => format!("{one} 等 {} 个文件", rest.len() + 1),
        [] => String::new(),
    };
    say(&format!(
        "已先行显示（{files} 已修改）：重新渲染 {pages} 个页面，用时 {:.0} 毫秒；全站检查进行中",
        elapsed.as_secs_f64() * 1000.0
    ));
}

/// `govsite serve`: the findings of a (re)build and one line saying what it was for;
/// `rendered` pages were rendered anew, the others reused.
pub fn print_serve_build(outcome: &Outcome, changed: &[String], rendered: usize) {
    let text = diagnostics::render(&outcome.report, &outcome.sources, Format::Human, color());
    let report = &outcome.report;
    let counts = format!("{} 个错误，{} 个警告", report.errors(), report.warnings());
    let trigger = match changed {
        [] => String::new(),
        [one] => format!("（{one} 已修改）"),
        [one, rest @ ..] => format!("（{one} 等 {} 个文件已修改）", rest.len() + 1),
    };
    let line = if outcome.exit_code() == 0 {
        format!(
            "已构建{trigger}：{} 个页面（重新渲染 {rendered} 个），用时 {:.2} 秒，{counts}",
            outcome.pages,
            outcome.elapsed.as_secs_f64()
        )
    } else {
        format!("构建失败{trigger}：{counts}。浏览器中显示错误列表，页面仍是上一次成功构建的结果")
    };
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = writeln!(err, "{line}");
}

/// Shows a command-line usage error in Chinese (clap's own text for `--help`, `--version`
/// and the rare kinds [`crate::usage::chinese`] does not cover) and gives its exit code:
/// 0 for help, 2 for a usage error.
pub fn usage_error(error: &clap::Error) -> std::process::ExitCode {
    match crate::usage::chinese(error) {
        Some(text) => {
            eprint!("{text}");
            std::process::ExitCode::from(2)
        }
        None => {
            let _ = error.print();
            std::process::ExitCode::from(if error.use_stderr() { 2 } else { 0 })
        }
    }
}
