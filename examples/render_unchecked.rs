//! Writes every file a build produces even when the checks fail, so an independent link
//! checker can look at exactly the pages govsite checked. Only for
//! `scripts/htmlproofer-compare.sh`; `govsite build` never writes a failing site.
//!
//! Usage: `cargo run --example render_unchecked -- SITE OUT AS_OF`

use govsite::config::Date;
use govsite::output::Memory;
use govsite::pipeline::{self, RunOptions};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, out, as_of] = args.as_slice() else {
        return Err("usage: render_unchecked SITE OUT AS_OF".into());
    };
    let options = RunOptions {
        as_of: Some(Date::parse(as_of).ok_or("AS_OF must be YYYY-MM-DD")?),
        ..RunOptions::default()
    };
    let sink = Memory::default();
    let outcome = pipeline::run(&PathBuf::from(site), &sink, &options);
    let files = sink.files.into_inner().map_err(|_| "poisoned")?;
    for (rel, bytes) in files {
        let path = PathBuf::from(out).join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes.as_slice())?;
    }
    eprintln!(
        "{} pages, {} errors, {} warnings",
        outcome.pages,
        outcome.report.errors(),
        outcome.report.warnings()
    );
    Ok(())
}
