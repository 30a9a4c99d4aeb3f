//! One build, start to finish: config → content → theme → plan → (render → check →
//! minify → write) per page in parallel → whole-site checks → feeds and assets. Each page
//! is touched once and dropped, so memory does not grow with the number of pages.

use crate::cache::BuildCache;
use crate::config::{self, Date};
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Report, SourceMap};
use crate::incremental::{PageMemo, SiteKey};
use crate::minify;
use crate::notices;
use crate::output::Sink;
use crate::render::{self, assets, feeds, PageJob, PageKind, RenderedPage, Renderer};
use crate::rules::facts::{self, LinkInterner};
use crate::rules::{self, PageFacts, PageView, SiteFacts};
use crate::search;
use crate::timings;
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

mod load;
mod site_files;
use load::Model;
pub use load::{load, Loaded};
use site_files::{site_outputs, write_notice_site_files, write_site_files, SiteOutputs};

/// Knobs of one run.
#[derive(Default)]
pub struct RunOptions<'a> {
    /// "Today" for the freshness and notice rules; default today in Beijing.
    pub as_of: Option<Date>,
    /// HTML added before `</body>` after the checks (the serve mode's live-reload script).
    pub inject: Option<String>,
    /// Called once per finished page (progress bar).
    pub on_page: Option<&'a (dyn Fn() + Sync)>,
    /// Called with the number of pages once they are planned.
    pub on_plan: Option<&'a (dyn Fn(usize) + Sync)>,
    /// Page results of earlier runs to reuse where nothing changed (serve mode).
    pub memo: Option<&'a PageMemo>,
    /// The build cache: page results of the previous build, in a file beside the output,
    /// reused where nothing changed (`govsite build`, see `crate::cache`).
    pub cache: Option<&'a BuildCache<'a>>,
    /// A platform's shared defaults, merged under the site's own site.yaml values.
    pub defaults: Option<&'a config::SiteDefaults>,
    /// The process ends after the run (the command line): the run's large values, made of
    /// many small allocations, are left to the system, which takes back all the memory at
    /// once, rather than freed one by one (15 ms of a 10,000-page incremental build).
    pub process_ends: bool,
}

/// What a run produced.
pub struct Outcome {
    pub report: Report,
    pub sources: SourceMap,
    pub pages: usize,
    /// The newest date of a published item (the site's last content update), when the
    /// site loaded.
    pub updated: Option<Date>,
    pub elapsed: Duration,
}

impl Outcome {
    /// 0 built, 1 compliance errors, 2 input errors (site-format.md section 6).
    pub fn exit_code(&self) -> i32 {
        if self.report.has_input_errors() {
            2
        } else if self.report.has_errors() {
            1
        } else {
            0
        }
    }
}

/// Runs the whole pipeline over the site in `root`, writing into `sink`.
pub fn run(root: &Path, sink: &dyn Sink, options: &RunOptions) -> Outcome {
    let remembers = options.memo.is_some() || options.cache.is_some();
    run_loaded(load(root, options, remembers, None), sink, options)
}

/// Runs the rest of the pipeline over a site [`load`]ed, writing into `sink`.
pub fn run_loaded(loaded: Loaded, sink: &dyn Sink, options: &RunOptions) -> Outcome {
    let Loaded {
        started,
        sources,
        model,
    } = loaded;
    let mut report = Report::default();
    let (pages, updated) = match model.and_then(|m| run_inner(m, sink, options, &mut report)) {
        Ok(done) => done,
        Err(errors) => {
            report.extend(errors);
            (0, None)
        }
    };
    report.sort();
    Outcome {
        report,
        sources,
        pages,
        updated,
        elapsed: started.elapsed(),
    }
}

fn run_inner(
    model: Model,
    sink: &dyn Sink,
    options: &RunOptions,
    report: &mut Report,
) -> Result<(usize, Option<Date>), Vec<Diagnostic>> {
    let Model {
        site,
        site_yaml: text,
        disk,
    } = model;
    let plan = timings::phase("theme and plan");
    let theme = render::theme::load(&site.config)?;
    // The templates are compiled beside the planning: neither needs the other.
    let (planned, renderer) = rayon::join(
        || -> Result<_, Vec<Diagnostic>> {
            let redirects = notices::redirects::load(&site)?;
            let kept = notices::plan::kept_statics(&site, &theme);
            let jobs = notices::plan::plan(&site, &redirects, &kept)?;
            Ok((redirects, kept, jobs))
        },
        || Renderer::new(&site, &theme),
    );
    let (redirects, kept, jobs) = planned?;
    let renderer = renderer?;
    if let Some(on_plan) = options.on_plan {
        on_plan(jobs.len());
    }

    drop(plan);
    let inject = options.inject.as_deref();
    let key = disk.map(|disk| {
        let _t = timings::phase("site key");
        SiteKey::new(&site, &theme, &text, inject, options.defaults, disk)
    });
    let pages_phase = timings::phase("pages (with source checks)");
    // A build that renders every page makes the whole search index, from postings gathered
    // as the pages render; one that may reuse pages patches the previous index with the
    // terms of those it renders (serve mode keeps each page's terms with it).
    let renders_all = options.cache.is_none_or(BuildCache::reuses_nothing);
    let gatherer =
        (renders_all && options.memo.is_none() && !sink.discards()).then(search::Gatherer::default);
    let pass = PagePass {
        site: &site,
        renderer: &renderer,
        options,
        links: LinkInterner::default(),
        gather: gatherer.as_ref(),
    };
    // The source checks (site.yaml, front matter, every body's text) and the list of every
    // file the build writes need no page: they run beside the pages rather than before or
    // after them.
    type Done = Result<PageResult, Diagnostic>;
    let ((mut diagnostics, outputs), results): (_, Vec<Done>) = rayon::join(
        || {
            let _t = timings::phase("source checks, file list");
            let memo = options.cache.map(BuildCache::texts);
            if let Some((memo, key)) = memo.zip(key.as_ref()) {
                memo.start(key.texts(), &site);
            }
            (
                rules::check_source(&site, memo),
                site_outputs(&site, &theme, &jobs),
            )
        },
        || {
            jobs.par_iter()
                .map(|job| page(&pass, job, sink, key.as_ref()))
                .collect()
        },
    );
    drop(pages_phase);
    // The interner's index goes now; the links themselves live on in the pages' facts.
    drop(pass);
    if let Some(memo) = options.memo {
        memo.keep_only(&jobs);
    }
    let mut all_facts = Vec::with_capacity(results.len());
    let mut search = Vec::new();
    let mut input_errors = Vec::new();
    for result in results {
        match result {
            Ok(page) => {
                diagnostics.extend(page.diagnostics);
                all_facts.push(page.facts);
                search.extend(page.search);
            }
            Err(e) => input_errors.push(e),
        }
    }
    if !input_errors.is_empty() {
        input_errors.dedup_by(|a, b| a.message == b.message);
        return Err(input_errors);
    }
    let SiteOutputs {
        assets: built_assets,
        files,
        stylesheets,
    } = outputs?;
    let site_facts = SiteFacts::new(all_facts, files, stylesheets);
    // The whole-site checks and the whole-site files need nothing from each other.
    let whole_site = timings::phase("whole site");
    let (site_findings, written) = rayon::join(
        || {
            let _t = timings::phase("whole-site checks");
            rules::check_site(&site, &site_facts)
        },
        || {
            let _t = timings::phase("whole-site files");
            if notices::phase(&site) == notices::Phase::Moved {
                let moved = notices::plan::old_urls(&site, &redirects, &kept);
                write_notice_site_files(&site, &built_assets, &jobs, &moved, &kept, sink)
            } else {
                let index = site_files::Index {
                    docs: search,
                    gathered: gatherer,
                    cache: options.cache,
                    renderer: &renderer,
                };
                write_site_files(&site, &built_assets, &jobs, index, &site_facts, sink)
            }
        },
    );
    drop(whole_site);
    diagnostics.extend(site_findings);
    written?;
    // A body left on disk at loading and read since is checked against what the build went
    // by (`content::Body`): pages made from a file changed meanwhile are not published.
    let changed: Vec<Diagnostic> = site
        .items
        .iter()
        .filter_map(|item| item.body.failure().cloned())
        .collect();
    if !changed.is_empty() {
        return Err(changed);
    }
    report.waivers = rules::apply_waivers(&site, &mut diagnostics);
    report.extend(diagnostics);
    let pages = jobs.len();
    let updated = site
        .items
        .iter()
        .filter(|item| !item.is_loose())
        .filter_map(|item| item.date)
        .max();
    drop(renderer);
    // Freeing the facts of every page and the whole site model takes tens of milliseconds
    // on a large site: a thread of its own does it, so that the caller need not wait.
    if let Some(memo) = options.memo {
        // Serve mode keeps the model for its fast path (`crate::serve`).
        memo.keep_model(site, theme, jobs);
        drop_in_background(site_facts);
    } else if options.process_ends {
        std::mem::forget((site, theme, jobs, site_facts));
    } else {
        drop_in_background((site, theme, jobs, site_facts));
    }
    Ok((pages, updated))
}

/// Frees `value` on a thread of its own: a large model is many small allocations, and the
/// build need not wait for them (the process may end first, which frees them all at once).
fn drop_in_background<T: Send + 'static>(value: T) {
    // If no thread can be started, the value is dropped here, with the closure.
    let _ = std::thread::Builder::new()
        .name("govsite-free".into())
        .spawn(move || drop(value));
}

/// What one page contributes to the run besides its bytes.
#[derive(Clone)]
pub(crate) struct PageResult {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) facts: PageFacts,
    pub(crate) search: Option<search::Doc>,
}

/// What every page of a run shares: the site, its templates, the run's knobs, and the
/// links seen so far (each distinct one is kept once).
pub(crate) struct PagePass<'a> {
    pub site: &'a Site,
    pub renderer: &'a Renderer<'a>,
    pub options: &'a RunOptions<'a>,
    pub links: LinkInterner,
    /// Where the pages' search terms go, in a build that makes the whole index.
    pub gather: Option<&'a search::Gatherer>,
}

/// One page: reused from the memo or the build cache when its inputs are unchanged, else
/// rendered; written. With the build cache, also put into the next cache file.
fn page(
    pass: &PagePass,
    job: &PageJob,
    sink: &dyn Sink,
    key: Option<&SiteKey>,
) -> Result<PageResult, Diagnostic> {
    let (site, options) = (pass.site, pass.options);
    if let Some((cache, key)) = options.cache.zip(key) {
        let fingerprint = key.page(site, job);
        let (result, stamp) = match cache.reuse(&job.output, fingerprint) {
            Some(reused) => {
                let mut stamp = reused.stamp;
                if let Some(copy) = sink.write_existing(&job.output, &reused.path, reused.link)? {
                    stamp.stat = Some(copy);
                }
                (reused.result, stamp)
            }
            None => {
                let (result, bytes) = process_page(pass, job, sink.discards())?;
                let stat = sink.write_stat(&job.output, &bytes)?;
                let stamp = cache.stamp(fingerprint, &result, &bytes, stat);
                (result, stamp)
            }
        };
        if let Some(on_page) = options.on_page {
            on_page();
        }
        // Into the next cache file once the page is in the output, as written there.
        cache.put(&job.output, stamp);
        return Ok(result);
    }
    let memo = options.memo.zip(key).map(|(m, k)| (m, k.page(site, job)));
    let remembered = memo.and_then(|(m, fingerprint)| m.get(&job.output, fingerprint));
    let (result, bytes) = match remembered {
        Some(hit) => hit,
        None => {
            let (result, bytes) = process_page(pass, job, sink.discards())?;
            let bytes = Arc::new(bytes);
            if let Some((m, fingerprint)) = memo {
                m.put(job, fingerprint, &result, &bytes);
            }
            (result, bytes)
        }
    };
    sink.write_shared(&job.output, bytes)?;
    if let Some(on_page) = options.on_page {
        on_page();
    }
    Ok(result)
}

/// Render, check and minify one page.
pub(crate) fn process_page(
    pass: &PagePass,
    job: &PageJob,
    discarded: bool,
) -> Result<(PageResult, Vec<u8>), Diagnostic> {
    let (site, options) = (pass.site, pass.options);
    let rendered = pass.renderer.render(job)?;
    let Checked {
        diagnostics,
        facts,
        mut landmarks,
    } = check_rendered(site, job, &rendered, &pass.links);
    // Every item and loose page is one search document; a check run writes no index.
    let search = match (&job.kind, &rendered.body) {
        (PageKind::Item(id) | PageKind::Loose(id), Some(body)) if !discarded => {
            Some(search::doc(site, *id, &job.output, &body.text, pass.gather))
        }
        _ => None,
    };
    let mut html = rendered.html;
    if let Some(inject) = &options.inject {
        let at = html.rfind("</body>").unwrap_or(html.len());
        html.insert_str(at, inject);
        // After the body's children as a rule; a landmark the insertion moved is minified
        // with the rest of the page.
        landmarks.retain(|l| l.span.end <= at);
    }
    let bytes = if site.config.minify && !discarded {
        minify::minify_page(&html, &landmarks)
    } else {
        html.into_bytes()
    };
    let result = PageResult {
        diagnostics,
        facts,
        search,
    };
    Ok((result, bytes))
}

/// What the checks of a rendered page found.
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub facts: PageFacts,
    /// The landmarks of its body, for [`minify::minify_page`], from the same parse.
    pub landmarks: Vec<rules::html::Landmark>,
}

/// The rendered checks of one page: one HTML parse shared by the facts gathering and
/// every page rule. `links` keeps the link facts of the run's pages.
pub fn check_rendered(
    site: &Site,
    job: &PageJob,
    rendered: &RenderedPage,
    links: &LinkInterner,
) -> Checked {
    let source = match &job.kind {
        PageKind::Item(id) | PageKind::Loose(id) => Some(&site.items[*id].source),
        PageKind::Column { column, .. } => Some(&site.columns[*column].source),
        PageKind::Home => site.home.source.as_ref(),
        _ => None,
    };
    let dom = match tl::parse(&rendered.html, tl::ParserOptions::default()) {
        Ok(dom) => dom,
        Err(e) => {
            let error = Diagnostic::error("GOV005", format!("生成的页面不是可解析的 HTML：{e}"))
                .at_page(job.output.clone());
            return Checked {
                diagnostics: vec![error],
                facts: PageFacts::default(),
                landmarks: Vec::new(),
            };
        }
    };
    let own = rules::urls::own_hosts(&site.config);
    let body = rendered.body.as_ref();
    let elements = rules::html::elements(&dom);
    let landmarks = rules::html::landmarks(&rendered.html, &dom, &elements);
    let facts = facts::gather(
        job,
        &own,
        links,
        &dom,
        &elements,
        &rendered.html,
        body,
        source,
        &landmarks,
    );
    let view = PageView {
        site,
        job,
        html: &rendered.html,
        dom: &dom,
        elements: &elements,
        landmarks: &landmarks,
        body,
        source,
        links: &facts.links,
        tree: Default::default(),
        meta: Default::default(),
    };
    let diagnostics = rules::check_page(&view);
    drop(view);
    Checked {
        diagnostics,
        landmarks,
        facts,
    }
}
