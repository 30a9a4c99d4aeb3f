//! The `govsite` binary: parse the command line, call the library, map the outcome to an
//! exit code (0 built, 1 compliance errors, 2 invalid input or usage).

use clap::Parser;
use govsite::cli::{Cli, Command, ReportCommand};
use govsite::config::Date;
use govsite::diagnostics::Format;
use govsite::{terminal, RunOptions};
use std::process::ExitCode;

// Rendering allocates many small strings per page; mimalloc is markedly faster than the
// system allocator for that pattern (see docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` of mimalloc.h (the crate leaves such options unnamed).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc 3 keeps the memory a program frees for a second before it gives it back (its
/// purge delay; mimalloc 2 waited 10 ms). A build frees most of what it renders within
/// milliseconds, so with a second's delay its peak memory held much that it had freed: on
/// the 10,000-page benchmark portal 177 MiB, against 165 with 5 ms (163 with 2 ms, but the
/// purging then cost a few per cent of the time; docs/benchmarks.md).
const PURGE_DELAY_MS: std::ffi::c_long = 5;

/// Sets mimalloc's purge delay, unless `MIMALLOC_PURGE_DELAY` in the environment does.
fn tune_allocator() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: called first in `main`, before any other thread exists (the setter is
        // not thread-safe); 15 is the option's number in the bundled mimalloc.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    }
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return terminal::usage_error(&error),
    };
    let code = match cli.command {
        Command::Build(args) => {
            terminal::set_verbose(args.check.verbose);
            let Some(as_of) = as_of(&args.check.as_of) else {
                return ExitCode::from(2);
            };
            let out = args
                .out
                .clone()
                .unwrap_or_else(|| args.check.site.join("public"));
            let bar = terminal::progress();
            let tick = || bar.inc(1);
            let plan = |n: usize| bar.set_length(n as u64);
            let options = RunOptions {
                as_of,
                on_page: Some(&tick),
                on_plan: Some(&plan),
                process_ends: true,
                ..Default::default()
            };
            let (outcome, cache) = if args.no_cache {
                let outcome = govsite::build(&args.check.site, &out, args.force, &options);
                (outcome, None)
            } else {
                let (outcome, cache) =
                    govsite::build_cached(&args.check.site, &out, args.force, &options);
                (outcome, Some(cache))
            };
            bar.finish_and_clear();
            if let Some(cache) = &cache {
                terminal::print_cache(cache, args.check.format);
            }
            let _t = govsite::timings::phase("report");
            terminal::print_outcome(&outcome, args.check.format, "构建");
            outcome.exit_code()
        }
        Command::Check(args) => {
            terminal::set_verbose(args.verbose);
            let Some(as_of) = as_of(&args.as_of) else {
                return ExitCode::from(2);
            };
            let options = RunOptions {
                as_of,
                ..Default::default()
            };
            let outcome = govsite::check(&args.site, &options);
            terminal::print_outcome(&outcome, args.format, "检查");
            outcome.exit_code()
        }
        Command::Serve(args) => {
            let Some(as_of) = as_of(&args.as_of) else {
                return ExitCode::from(2);
            };
            let options = govsite::serve::ServeOptions {
                site: args.site,
                bind: args.bind,
                port: args.port,
                as_of,
            };
            match govsite::serve::run(&options) {
                Ok(()) => 0,
                Err(message) => {
                    terminal::say(&format!("error: {message}"));
                    2
                }
            }
        }
        Command::Init(args) => match govsite::init::create(&args.dir, Date::today()) {
            Ok(()) => {
                terminal::say(&format!(
                    "已创建 {}；运行 govsite build {} 构建",
                    args.dir.display(),
                    args.dir.display()
                ));
                0
            }
            Err(message) => {
                terminal::say(&format!("error: {message}"));
                2
            }
        },
        Command::Rules(args) => match args.code {
            None => {
                terminal::print_rules();
                0
            }
            Some(code) => {
                if terminal::print_rule(&code) {
                    0
                } else {
                    2
                }
            }
        },
        Command::Platform(args) => govsite::platform::command::run(args),
        Command::Audit(args) => govsite::audit::command::run(&args),
        Command::Import(args) => match govsite::import::run(&args.dir, &args.out, args.force) {
            Ok(report) => {
                terminal::print_text(&report.summary());
                0
            }
            Err(error) => {
                let outcome = govsite::Outcome::failed(&args.dir, error);
                terminal::print_outcome(&outcome, Format::Human, "导入");
                2
            }
        },
        Command::Report(args) => {
            let result = match args.report {
                ReportCommand::Annual(a) => {
                    let Some(as_of) = as_of(&a.as_of) else {
                        return ExitCode::from(2);
                    };
                    govsite::report::annual_report(&a.site, a.year, a.format, as_of)
                }
                ReportCommand::Sites(s) => govsite::report::sites_report(&s.sites, s.format),
                ReportCommand::Supervision(s) => {
                    govsite::report::supervision_report(&s.dir, s.year, s.format, s.out.as_deref())
                }
            };
            match result {
                Ok(text) => {
                    terminal::print_text(&text);
                    0
                }
                Err(outcome) => {
                    terminal::print_outcome(&outcome, Format::Human, "报表");
                    outcome.exit_code()
                }
            }
        }
    };
    ExitCode::from(code as u8)
}

/// `--as-of`: `Some(None)` for "today", `None` (after printing why) for a bad date.
fn as_of(value: &Option<String>) -> Option<Option<Date>> {
    terminal::as_of_arg(value).ok()
}
