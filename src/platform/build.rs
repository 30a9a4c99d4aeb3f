//! `govsite platform build`: every member site built in one process. A few sites at a
//! time (their pages in parallel inside), so peak memory is that of a few sites, not the
//! sum of all. Each site goes through `crate::build`, so each output is swapped in
//! atomically on its own: a failing site keeps its previous output and no other site is
//! affected.

use super::members::Member;
use crate::config::{self, LifecycleKind};
use crate::{Outcome, RunOptions};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// The result of one member site.
pub struct SiteResult {
    pub member: Member,
    /// 网站标识码 from site.yaml ("" when site.yaml cannot be read).
    pub id_code: String,
    /// 网站名称 from site.yaml.
    pub title: String,
    /// The site kind (`portal`, `department`, `special`).
    pub kind: String,
    /// A running 迁移/下线 lifecycle, if any.
    pub lifecycle: Option<LifecycleKind>,
    pub outcome: Outcome,
}

impl SiteResult {
    /// `built`, `errors` (compliance errors, not written) or `invalid` (input errors).
    pub fn status(&self) -> &'static str {
        match self.outcome.exit_code() {
            0 => "built",
            1 => "errors",
            _ => "invalid",
        }
    }
}

/// Where a member's output goes: `OUT/<name>/`.
pub fn site_out(out: &Path, member: &Member) -> PathBuf {
    out.join(&member.name)
}

/// Builds (or, with `write` false, checks) `members`, `jobs` sites at a time, in the
/// members' order.
///
/// Each of `jobs` workers takes the next site as soon as its last one is done, so a large
/// site does not hold up the small ones the way fixed batches would; the pages of every
/// site still share the one rayon pool.
pub fn run_all(
    members: &[Member],
    out: &Path,
    write: bool,
    jobs: usize,
    options: &RunOptions,
) -> Vec<SiteResult> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, SiteResult)>> = Mutex::new(Vec::with_capacity(members.len()));
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, members.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(member) = members.get(i) else { break };
                let result = run_one(member, out, write, options);
                done.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push((i, result));
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(PoisonError::into_inner);
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

fn run_one(member: &Member, out: &Path, write: bool, options: &RunOptions) -> SiteResult {
    let outcome = if write {
        crate::build(&member.root, &site_out(out, member), false, options)
    } else {
        crate::check(&member.root, options)
    };
    // site.yaml is small; reading it again keeps the pipeline's interface unchanged.
    let config = config::load(&member.root).ok().map(|(c, _)| c);
    SiteResult {
        member: member.clone(),
        id_code: config.as_ref().map_or("", |c| c.id_code()).to_string(),
        title: config.as_ref().map_or("", |c| c.name()).to_string(),
        kind: config.as_ref().map_or("", |c| c.kind.as_str()).to_string(),
        lifecycle: config
            .as_ref()
            .and_then(|c| c.lifecycle.as_ref().map(|l| l.kind)),
        outcome,
    }
}
