//! Rendered structure rules (GOV307, GOV311, GOV312): a site theme that drops the links
//! between policies and interpretations, sitemap entries or the header search is caught in
//! the pages the build produced. The starter site's quiet case is in the parent module.

use super::{column, item, of};
use crate::common::*;
use std::path::Path;

/// Copies a theme template into the site's `templates/` with one change.
fn override_template(site: &Path, name: &str, from: &str, to: &str) {
    let theme = repo().join("themes/default/templates").join(name);
    let text = std::fs::read_to_string(theme).unwrap();
    assert!(text.contains(from), "{name} lacks {from:?}");
    write(
        site,
        &format!("templates/{name}"),
        &text.replacen(from, to, 1),
    );
}

#[test]
fn gov307_fires_when_a_theme_drops_the_links_between_policy_and_interpretation() {
    let site = starter_copy();
    let p = site.path();
    override_template(
        p,
        "item.html",
        "{% if item.interpretations %}",
        "{% if false %}",
    );
    // The policy's own text links to its interpretation too; take that link out.
    edit(
        p,
        "content/zcwj/2026-10-20-elderly-care.md",
        "](/zcjd/2026-10-20-elderly-care-qa/)",
        "]",
    );
    let run = check_json(p);
    let found = of(&run, "GOV307");
    assert_eq!(
        found
            .iter()
            .map(|d| d["file"].as_str().unwrap())
            .collect::<Vec<_>>(),
        vec!["zcwj/2026-10-20-elderly-care/index.html"],
        "{}",
        run.stdout
    );

    let site = starter_copy();
    let p = site.path();
    override_template(p, "item.html", "{% if item.interprets %}", "{% if false %}");
    // Both interpretations link to their policy in their text; take one of them out.
    let qa = "content/zcjd/2026-11-12-business-environment-qa.md";
    edit(p, qa, "](/zcwj/2026-11-12-business-environment/)", "]");
    let found = of(&check_json(p), "GOV307");
    let files: Vec<&str> = found.iter().map(|d| d["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        vec!["zcjd/2026-11-12-business-environment-qa/index.html"],
        "{found:?}"
    );
}

#[test]
fn gov311_fires_when_the_sitemap_leaves_out_columns() {
    let site = starter_copy();
    let p = site.path();
    override_template(p, "sitemap.html", "{% if top.children %}", "{% if false %}");
    column(p, "zwdt/bm", "工作动态", "");
    item(p, "zwdt/bm", "2026-11-26-a", "2026-11-26", "", "部门动态。");
    let run = check_json(p);
    let found = of(&run, "GOV311");
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0]["file"], "sitemap/index.html");
    assert!(found[0]["message"].as_str().unwrap().contains("/zwdt/bm/"));
}

#[test]
fn gov312_fires_when_the_header_has_no_search() {
    let site = starter_copy();
    let p = site.path();
    let theme = repo().join("themes/default/templates/partials/header.html");
    let header = std::fs::read_to_string(theme).unwrap();
    let start = header.find("<form").unwrap();
    let end = header.find("</form>").unwrap() + "</form>".len();
    let without = format!("{}{}", &header[..start], &header[end..]);
    write(p, "templates/partials/header.html", &without);
    let run = check_json(p);
    let found = of(&run, "GOV312");
    assert!(
        found.iter().any(|d| d["file"] == "index.html"),
        "{}",
        run.stdout
    );
    assert!(found.iter().any(|d| d["file"] == "zwdt/index.html"));

    // A search form elsewhere on the page (here: in the footer) does not count.
    let footer_theme = repo().join("themes/default/templates/partials/footer.html");
    let footer = std::fs::read_to_string(footer_theme).unwrap();
    let form = &header[start..end];
    write(
        p,
        "templates/partials/footer.html",
        &footer.replacen("<footer", &format!("{form}<footer"), 1),
    );
    assert!(!of(&check_json(p), "GOV312").is_empty());
}
