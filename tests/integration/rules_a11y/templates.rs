//! Accessibility rules that see the theme: broken copies of default templates in the
//! site's `templates/` (GOV502–GOV504, GOV508, GOV510, GOV512) and a site theme with a
//! low-contrast colour token (GOV509).

use super::*;

fn theme_file(name: &str) -> String {
    std::fs::read_to_string(repo().join("themes/default/templates").join(name)).unwrap()
}

/// A copy of the starter site whose `templates/<name>` is the default one with `from`
/// replaced by `to`.
fn with_template(name: &str, from: &str, to: &str) -> tempfile::TempDir {
    let site = starter_copy();
    let text = theme_file(name);
    assert!(text.contains(from), "{name} does not contain {from:?}");
    write(
        site.path(),
        &format!("templates/{name}"),
        &text.replacen(from, to, 1),
    );
    site
}

/// Checks that `code` fires with an error on the home page and on an item page.
fn fires_everywhere(run: &Run, code: &str) -> Vec<Value> {
    assert_eq!(run.code, 1, "{}", run.stdout);
    on_page(run, code, ITEM_PAGE);
    on_page(run, code, "index.html")
}

// ---------------------------------------------------------------- GOV502

#[test]
fn gov502_fires_when_html_has_no_lang() {
    let site = with_template(
        "base.html",
        "<html lang=\"{{ site.language }}\" class=\"no-js\">",
        "<html class=\"no-js\">",
    );
    fires_everywhere(&check_json(site.path()), "GOV502");
}

#[test]
fn gov502_accepts_any_declared_language() {
    let site = with_template(
        "base.html",
        "<html lang=\"{{ site.language }}\" class=\"no-js\">",
        "<html class=\"no-js\" lang=\"zh-Hans\">",
    );
    assert_quiet(&check_json(site.path()), "GOV502");
}

// ---------------------------------------------------------------- GOV503 (rendered)

#[test]
fn gov503_fires_on_an_empty_title() {
    let site = with_template(
        "base.html",
        "<title>{{ title }}</title>",
        "<title> </title>",
    );
    let found = fires_everywhere(&check_json(site.path()), "GOV503");
    assert!(found[0]["message"].as_str().unwrap().contains("为空"));
}

#[test]
fn gov503_fires_on_a_missing_title() {
    let site = with_template("base.html", "<title>{{ title }}</title>", "");
    let found = fires_everywhere(&check_json(site.path()), "GOV503");
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("没有 <title>"));
}

// ---------------------------------------------------------------- GOV504 (template)

#[test]
fn gov504_fires_when_the_item_template_has_no_h1() {
    let site = with_template(
        "item.html",
        "<h1>{{ item.title }}</h1>",
        "<p class=\"title\">{{ item.title }}</p>",
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let found = on_page(&run, "GOV504", ITEM_PAGE);
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("没有一级标题"));
    assert!(of(&run, "GOV504").iter().all(|d| d["file"] != "index.html"));
}

// ---------------------------------------------------------------- GOV508

const VIEWPORT: &str = "content=\"width=device-width, initial-scale=1\"";

#[test]
fn gov508_fires_on_user_scalable_no_and_a_low_maximum_scale() {
    for blocker in ["user-scalable=no", "maximum-scale=1.0"] {
        let site = with_template(
            "base.html",
            VIEWPORT,
            &format!("content=\"width=device-width, initial-scale=1, {blocker}\""),
        );
        let found = fires_everywhere(&check_json(site.path()), "GOV508");
        assert!(found[0]["message"].as_str().unwrap().contains(blocker));
    }
}

#[test]
fn gov508_accepts_a_maximum_scale_of_two_or_more() {
    let site = with_template(
        "base.html",
        VIEWPORT,
        "content=\"width=device-width, initial-scale=1, maximum-scale=2\"",
    );
    assert_quiet(&check_json(site.path()), "GOV508");
}

// ---------------------------------------------------------------- GOV510

#[test]
fn gov510_fires_without_a_skip_link() {
    let site = with_template(
        "base.html",
        "<a class=\"skip-link\" href=\"#main\">跳转到主要内容</a>",
        "",
    );
    let found = fires_everywhere(&check_json(site.path()), "GOV510");
    assert!(found[0]["message"].as_str().unwrap().contains("跳转"));
}

#[test]
fn gov510_fires_without_main() {
    let site = starter_copy();
    let base = theme_file("base.html")
        .replace("<main id=\"main\" tabindex=\"-1\">", "<div id=\"main\">")
        .replace("</main>", "</div>");
    write(site.path(), "templates/base.html", &base);
    let found = fires_everywhere(&check_json(site.path()), "GOV510");
    assert!(found[0]["message"].as_str().unwrap().contains("<main>"));
}

const QUICK_LINKS: &str = "<ul class=\"quick\"><li><a href=\"/\">首页</a></li><li><a href=\"/zwdt/\">政务动态</a></li><li><a href=\"/sitemap/\">网站地图</a></li></ul>";

#[test]
fn gov510_fires_on_header_links_outside_nav() {
    let site = with_template(
        "partials/header.html",
        "<div class=\"header-tools\">",
        &format!("{QUICK_LINKS}<div class=\"header-tools\">"),
    );
    let found = fires_everywhere(&check_json(site.path()), "GOV510");
    assert!(found[0]["message"].as_str().unwrap().contains("<nav>"));
}

#[test]
fn gov510_accepts_header_links_in_nav_and_short_lists() {
    let two_links =
        "<ul><li><a href=\"/\">首页</a></li><li><a href=\"/sitemap/\">网站地图</a></li></ul>";
    let site = with_template(
        "partials/header.html",
        "<div class=\"header-tools\">",
        &format!(
            "<nav aria-label=\"快捷链接\">{QUICK_LINKS}</nav>{two_links}<div class=\"header-tools\">"
        ),
    );
    assert_quiet(&check_json(site.path()), "GOV510");
}

// ---------------------------------------------------------------- GOV512

#[test]
fn gov512_fires_without_the_larger_text_button() {
    let site = with_template(
        "partials/a11y-toolbar.html",
        "<button type=\"button\" data-gs=\"font\">",
        "<button type=\"button\" class=\"font\">",
    );
    let found = fires_everywhere(&check_json(site.path()), "GOV512");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("data-gs=\"font\"") && !message.contains("contrast"),
        "{message}"
    );
}

#[test]
fn gov512_fires_on_a_contrast_button_without_its_state() {
    let site = with_template(
        "partials/a11y-toolbar.html",
        "data-gs=\"contrast\" aria-pressed=\"false\"",
        "data-gs=\"contrast\"",
    );
    let found = fires_everywhere(&check_json(site.path()), "GOV512");
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("aria-pressed"));
}

#[test]
fn gov512_accepts_a_custom_toolbar_that_follows_the_contract() {
    let site = starter_copy();
    write(
        site.path(),
        "templates/partials/a11y-toolbar.html",
        "<div class=\"my-tools\"><button type=\"button\" data-gs=\"contrast\" aria-pressed=\"false\">黑底白字</button> <button type=\"button\" data-gs=\"font\">放大</button></div>\n",
    );
    assert_quiet(&check_json(site.path()), "GOV512");
}

// ---------------------------------------------------------------- GOV509

/// A copy of the starter site using `themes/lowcontrast/`, a copy of the default theme
/// whose theme.yaml has `from` replaced by `to`.
fn with_theme(from: &str, to: &str) -> tempfile::TempDir {
    let site = starter_copy();
    let theme = site.path().join("themes/lowcontrast");
    copy_dir(&repo().join("themes/default"), &theme);
    edit(
        site.path(),
        "site.yaml",
        "theme: default",
        "theme: lowcontrast",
    );
    if !from.is_empty() {
        edit(site.path(), "themes/lowcontrast/theme.yaml", from, to);
    }
    site
}

fn line_of(site: &Path, file: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(site.join(file)).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

const MANIFEST: &str = "themes/lowcontrast/theme.yaml";

#[test]
fn gov509_fails_the_build_on_a_low_contrast_token() {
    let site = with_theme("muted: \"#57606a\"", "muted: \"#999999\"");
    let out = tempfile::tempdir().unwrap();
    let build = govsite(&[
        "build",
        site.path().to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--out",
        out.path().join("public").to_str().unwrap(),
    ]);
    assert_eq!(build.code, 1, "{}\n{}", build.stdout, build.stderr);
    assert!(build.stderr.contains("GOV509") || build.stdout.contains("GOV509"));

    let run = check_json(site.path());
    let found = of(&run, "GOV509");
    let pair = found
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("muted #999999 与 bg #ffffff")
        })
        .unwrap_or_else(|| panic!("{}", run.stdout));
    let message = pair["message"].as_str().unwrap();
    assert!(
        message.contains("普通模式") && message.contains("2.84:1") && message.contains("4.5:1"),
        "{message}"
    );
    assert_eq!(pair["file"], MANIFEST);
    let line = line_of(site.path(), MANIFEST, "{ fg: muted, bg: bg,");
    assert_eq!(pair["line"], line, "{pair}");
    // The same token on the other light backgrounds fails too; nothing in contrast mode.
    assert!(found.len() >= 3, "{found:?}");
    assert!(found
        .iter()
        .all(|d| !d["message"].as_str().unwrap().contains("高对比度")));
}

#[test]
fn gov509_checks_the_high_contrast_palette() {
    let site = with_theme("    link: \"#ffff00\"", "    link: \"#666666\"");
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let found = of(&run, "GOV509");
    let messages: Vec<&str> = found
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().any(
            |m| m.contains("高对比度模式下 link #666666 与 bg #000000") && m.contains("3.65:1")
        ),
        "{messages:?}"
    );
}

#[test]
fn gov509_flags_unknown_tokens_and_unreadable_colours() {
    let site = with_theme(
        "  - { fg: text, bg: bg, role: 正文 }",
        "  - { fg: text, bg: paper, role: 正文 }",
    );
    edit(
        site.path(),
        MANIFEST,
        "surface: \"#f3f5f7\"",
        "surface: \"light grey\"",
    );
    let run = check_json(site.path());
    let found = of(&run, "GOV509");
    let unknown = found
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("未声明的颜色：paper")
        })
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert_eq!(unknown["line"], line_of(site.path(), MANIFEST, "bg: paper"));
    let colour = found
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("light grey"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert_eq!(colour["line"], line_of(site.path(), MANIFEST, "light grey"));
}

#[test]
fn gov509_is_quiet_on_an_unchanged_copy_of_the_default_theme() {
    let site = with_theme("", "");
    let run = check_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_quiet(&run, "GOV509");
}
