//! Benchmarks of the per-page hot paths on the bundled starter site: front matter, Markdown,
//! template rendering, the rendered checks (one HTML parse + every page rule) and
//! minification. `cargo bench` (release build); the whole-build comparison with Hugo is
//! `bench/run.sh`.

use govsite::config::{self, yaml, Date};
use govsite::content::{self, front, ItemFront, Site};
use govsite::pipeline;
use govsite::render::{self, PageJob, PageKind, Renderer};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

fn main() {
    divan::main();
}

/// The starter site's policy document (政策文件) on the business environment, its longest item.
const ITEM: &str = "content/zcwj/2026-11-12-business-environment.md";

fn starter() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("starter-site")
}

struct Loaded {
    site: Site,
    theme: render::theme::Theme,
}

static LOADED: LazyLock<Loaded> = LazyLock::new(|| {
    let (config, _) = config::load(&starter()).expect("starter site.yaml");
    let as_of = Date::parse("2026-11-27").expect("date");
    let site = content::load(config, as_of).expect("starter content");
    let theme = render::theme::load(&site.config).expect("default theme");
    Loaded { site, theme }
});

/// The page job of the item in [`ITEM`].
fn item_job(site: &Site) -> PageJob {
    let jobs = render::pages::plan(site).expect("plan");
    let wanted = ITEM.trim_start_matches("content/").trim_end_matches(".md");
    jobs.into_iter()
        .find(|j| matches!(j.kind, PageKind::Item(id) if site.items[id].path == wanted))
        .expect("the item's page")
}

#[divan::bench]
fn front_matter(bencher: divan::Bencher) {
    let text = std::fs::read_to_string(starter().join(ITEM)).expect("item file");
    bencher.bench(|| {
        let split = front::split(divan::black_box(&text), ITEM).expect("front matter");
        yaml::parse::<ItemFront>(ITEM, split.yaml, split.yaml_offset).expect("fields")
    });
}

#[divan::bench]
fn markdown(bencher: divan::Bencher) {
    let text = std::fs::read_to_string(starter().join(ITEM)).expect("item file");
    let body = front::split(&text, ITEM)
        .expect("front matter")
        .body
        .to_string();
    bencher.bench(|| govsite::markdown::render(divan::black_box(&body)));
}

#[divan::bench]
fn render_page(bencher: divan::Bencher) {
    let loaded = &*LOADED;
    let renderer = Renderer::new(&loaded.site, &loaded.theme).expect("templates");
    let job = item_job(&loaded.site);
    bencher.bench(|| renderer.render(divan::black_box(&job)).expect("render"));
}

#[divan::bench]
fn rule_pass(bencher: divan::Bencher) {
    let loaded = &*LOADED;
    let renderer = Renderer::new(&loaded.site, &loaded.theme).expect("templates");
    let job = item_job(&loaded.site);
    let rendered = renderer.render(&job).expect("render");
    let links = govsite::rules::facts::LinkInterner::default();
    bencher.bench(|| {
        pipeline::check_rendered(&loaded.site, &job, divan::black_box(&rendered), &links)
    });
}

#[divan::bench]
fn minify(bencher: divan::Bencher) {
    let loaded = &*LOADED;
    let renderer = Renderer::new(&loaded.site, &loaded.theme).expect("templates");
    let html = renderer
        .render(&item_job(&loaded.site))
        .expect("render")
        .html;
    bencher.bench(|| govsite::minify::minify(divan::black_box(html.as_bytes())));
}
