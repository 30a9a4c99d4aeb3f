//! Rendered identity and page metadata (GOV111, GOV201–GOV203) with theme overrides in the
//! site's `templates/`, and the source checks of titles, dates and column types
//! (GOV202, GOV204, GOV205).

use super::*;

fn base_template() -> String {
    std::fs::read_to_string(repo().join("themes/default/templates/base.html")).unwrap()
}

const META_LOOP: &str =
    "{% for m in meta %}<meta name=\"{{ m.name }}\" content=\"{{ m.content }}\">\n{% endfor %}";

// ---------------------------------------------------------------- GOV111 (rendered)

#[test]
fn gov111_fires_when_a_custom_base_html_drops_the_site_name() {
    let site = starter_copy();
    let base = base_template().replace(
        "{% include \"partials/header.html\" %}",
        "<header class=\"site-header\"><p>欢迎访问</p></header>",
    );
    write(site.path(), "templates/base.html", &base);
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let found = of(&run, "GOV111");
    assert!(found.iter().any(|d| d["file"] == "index.html"), "{found:?}");
    assert!(
        found.iter().any(|d| d["file"] == "zwdt/index.html"),
        "{found:?}"
    );
}

#[test]
fn gov111_accepts_a_logo_with_the_site_name_as_alt_text() {
    let site = starter_copy();
    let header = "<header class=\"site-header\"><a href=\"/\"><img src=\"/images/favicon.svg\" alt=\"{{ site.name }}\"></a>\n<form role=\"search\" action=\"/search/\"><label for=\"q\">搜索</label><input id=\"q\" name=\"q\"></form></header>\n";
    write(site.path(), "templates/partials/header.html", header);
    let run = check_json(site.path());
    assert_quiet(&run, "GOV111");
    write(
        site.path(),
        "templates/partials/header.html",
        &header.replace("{{ site.name }}", "标志"),
    );
    let run = check_json(site.path());
    assert!(!of(&run, "GOV111").is_empty(), "{}", run.stdout);
}

// ---------------------------------------------------------------- GOV110 (rendered)

fn footer_template() -> String {
    std::fs::read_to_string(repo().join("themes/default/templates/partials/footer.html")).unwrap()
}

#[test]
fn gov110_fires_when_a_custom_footer_drops_the_id_code_and_accepts_an_ascii_colon() {
    let site = starter_copy();
    let footer = footer_template();
    let label = "<span>政府网站标识码：{{ site.id_code }}</span>";
    assert!(footer.contains(label), "the default footer changed");
    write(
        site.path(),
        "templates/partials/footer.html",
        &footer.replace(label, "<span>{{ site.id_code }}</span>"),
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let found = of(&run, "GOV110");
    for file in ["index.html", "zwdt/index.html", "lxwm/index.html"] {
        let d = found.iter().find(|d| d["file"] == file).expect(file);
        assert!(
            d["message"].as_str().unwrap().contains("政府网站标识码"),
            "{d}"
        );
    }
    // Near miss: GOV110 also accepts the label with a half-width colon.
    write(
        site.path(),
        "templates/partials/footer.html",
        &footer.replace(label, "<span>政府网站标识码:{{ site.id_code }}</span>"),
    );
    assert_quiet(&check_json(site.path()), "GOV110");
}

// ---------------------------------------------------------------- GOV201–GOV203 (rendered)

#[test]
fn a_base_html_without_meta_tags_fails_gov201_gov202_and_gov203() {
    let site = starter_copy();
    let base = base_template();
    assert!(
        base.contains(META_LOOP),
        "the default base.html changed its meta loop"
    );
    write(
        site.path(),
        "templates/base.html",
        &base.replace(META_LOOP, ""),
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let on = |code: &str, file: &str| of(&run, code).iter().any(|d| d["file"] == file);
    assert!(on("GOV201", "index.html"));
    assert!(on("GOV202", "index.html"));
    assert!(on("GOV202", "zwdt/index.html"));
    assert!(on("GOV202", "zwdt/2026-11-25-executive-meeting/index.html"));
    assert!(on("GOV203", "zwdt/2026-11-25-executive-meeting/index.html"));
    // Loose pages have no column or article tags to miss.
    assert!(!on("GOV202", "lxwm/index.html"));
    assert!(!on("GOV203", "zwdt/index.html"));
}

#[test]
fn gov202_fires_when_a_template_rewrites_column_type() {
    let site = starter_copy();
    let rewritten = "{% for m in meta %}{% if m.name != \"ColumnType\" %}<meta name=\"{{ m.name }}\" content=\"{{ m.content }}\">{% endif %}\n{% endfor %}{% if meta | filter(attribute=\"name\", value=\"ColumnType\") %}<meta name=\"ColumnType\" content=\"新闻\">{% endif %}";
    write(
        site.path(),
        "templates/base.html",
        &base_template().replace(META_LOOP, rewritten),
    );
    let run = check_json(site.path());
    let found = of(&run, "GOV202");
    let home = found
        .iter()
        .find(|d| d["file"] == "index.html")
        .expect("homepage");
    assert!(home["message"].as_str().unwrap().contains("首页"), "{home}");
    let column = found
        .iter()
        .find(|d| d["file"] == "zwdt/index.html")
        .expect("column");
    assert!(
        column["message"].as_str().unwrap().contains("工作动态"),
        "{column}"
    );
    assert!(!found.iter().any(|d| d["file"] == "lxwm/index.html"));
}

#[test]
fn gov203_fires_on_a_pub_date_in_another_format() {
    let site = starter_copy();
    let rewritten = "{% for m in meta %}<meta name=\"{{ m.name }}\" content=\"{% if m.name == \"PubDate\" %}{{ m.content | replace(from=\" \", to=\"T\") }}{% else %}{{ m.content }}{% endif %}\">\n{% endfor %}";
    write(
        site.path(),
        "templates/base.html",
        &base_template().replace(META_LOOP, rewritten),
    );
    let run = check_json(site.path());
    let found = of(&run, "GOV203");
    let d = found
        .iter()
        .find(|d| d["file"] == "zwdt/2026-11-25-executive-meeting/index.html")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert!(
        d["message"].as_str().unwrap().contains("YYYY-MM-DD HH:MM"),
        "{d}"
    );
    assert!(!found.iter().any(|d| d["file"] == "index.html"));
}

#[test]
fn gov203_is_quiet_for_a_date_without_time_of_day() {
    let site = starter_copy();
    write(
        site.path(),
        "content/zwdt/2026-11-26-day-only.md",
        "---\ntitle: 只写日期的信息\ndate: 2026-11-26\n---\n正文。\n",
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_quiet(&run, "GOV203");
}

// ---------------------------------------------------------------- GOV202 (source)

#[test]
fn gov202_points_at_a_column_type_that_is_not_allowed() {
    let site = starter_copy();
    edit(
        site.path(),
        "content/zwdt/_index.md",
        "type: 工作动态",
        "type: 工作动太",
    );
    let run = check_json(site.path());
    let d = assert_at(
        site.path(),
        &run,
        "GOV202",
        "content/zwdt/_index.md",
        "type:",
    );
    assert!(d["help"].as_str().unwrap().contains("工作动态"), "{d}");
    // Reported once at the source, not again on each rendered page of the column.
    assert_eq!(of(&run, "GOV202").len(), 1, "{}", run.stdout);

    let site = starter_copy();
    edit(
        site.path(),
        "content/zwdt/_index.md",
        "type: 工作动态",
        "type: 首页",
    );
    let run = check_json(site.path());
    assert_at(
        site.path(),
        &run,
        "GOV202",
        "content/zwdt/_index.md",
        "type:",
    );
}

#[test]
fn gov202_fires_on_a_column_without_type_and_accepts_inherited_and_extension_types() {
    let site = starter_copy();
    edit(
        site.path(),
        "content/zwdt/_index.md",
        "type: 工作动态\n",
        "",
    );
    let run = check_json(site.path());
    assert_eq!(first(&run, "GOV202")["file"], "content/zwdt/_index.md");

    let site = starter_copy();
    write(
        site.path(),
        "content/zwdt/xqdt/_index.md",
        "---\ntitle: 县区动态\n---\n",
    );
    write(
        site.path(),
        "content/zwdt/xqdt/2026-11-26-county.md",
        "---\ntitle: 县区工作动态\ndate: 2026-11-26 10:00\n---\n正文。\n",
    );
    write(
        site.path(),
        "content/ztzl/_index.md",
        "---\ntitle: 专题专栏\ntype: 专题专栏\n---\n",
    );
    write(
        site.path(),
        "content/ztzl/2026-11-26-topic.md",
        "---\ntitle: 专题\ndate: 2026-11-26 10:00\n---\n正文。\n",
    );
    let run = check_json(site.path());
    assert_quiet(&run, "GOV202");
}

// ---------------------------------------------------------------- GOV204, GOV205

#[test]
fn gov204_points_at_items_and_columns_without_a_title() {
    let site = starter_copy();
    write(
        site.path(),
        "content/zwdt/2026-11-26-untitled.md",
        "---\ndate: 2026-11-26 10:00\n---\n正文。\n",
    );
    edit(
        site.path(),
        "content/tzgg/_index.md",
        "title: 通知公告\n",
        "",
    );
    write(
        site.path(),
        "content/zwdt/2025/2025-12-01-old.md",
        "---\ntitle: 旧闻\ndate: 2025-12-01\n---\n正文。\n",
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let found = of(&run, "GOV204");
    let item = found
        .iter()
        .find(|d| d["file"] == "content/zwdt/2026-11-26-untitled.md")
        .expect("item");
    assert_eq!(item["line"], 2, "{item}");
    assert!(
        found.iter().any(|d| d["file"] == "content/tzgg/_index.md"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|d| d["file"] == "content/zwdt/2025"),
        "{found:?}"
    );
    // The empty ArticleTitle is reported once, at the source.
    assert!(!of(&run, "GOV203")
        .iter()
        .any(|d| d["file"] == "zwdt/2026-11-26-untitled/index.html"));
}

#[test]
fn gov204_and_gov205_are_quiet_for_a_titled_loose_page_without_date() {
    let site = starter_copy();
    write(
        site.path(),
        "content/about.md",
        "---\ntitle: 关于本站\n---\n正文。\n",
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_quiet(&run, "GOV204");
    assert_quiet(&run, "GOV205");
}

#[test]
fn gov205_fires_on_an_undated_item_and_a_date_after_as_of() {
    let site = starter_copy();
    write(
        site.path(),
        "content/zwdt/2026-11-26-undated.md",
        "---\ntitle: 没有日期的信息\n---\n正文。\n",
    );
    write(
        site.path(),
        "content/zwdt/2026-11-28-future.md",
        "---\ntitle: 明天的信息\ndate: 2026-11-28 08:00\n---\n正文。\n",
    );
    let run = check_json(site.path());
    assert_eq!(run.code, 1);
    let undated = of(&run, "GOV205")
        .into_iter()
        .find(|d| d["file"] == "content/zwdt/2026-11-26-undated.md")
        .expect("undated");
    assert_eq!(undated["line"], 2);
    let future = assert_at(
        site.path(),
        &run,
        "GOV205",
        "content/zwdt/2026-11-28-future.md",
        "date:",
    );
    assert!(
        future["message"].as_str().unwrap().contains("2026-11-27"),
        "{future}"
    );
    assert!(!of(&run, "GOV203")
        .iter()
        .any(|d| d["file"] == "zwdt/2026-11-26-undated/index.html"));
}

#[test]
fn gov205_uses_as_of_and_accepts_a_later_time_on_the_same_day() {
    let site = starter_copy();
    write(
        site.path(),
        "content/zwdt/2026-11-27-late.md",
        "---\ntitle: 当天晚些时候的信息\ndate: 2026-11-27 23:59\n---\n正文。\n",
    );
    let run = check_json(site.path());
    assert_quiet(&run, "GOV205");
    write(
        site.path(),
        "content/zwdt/2026-11-28-next.md",
        "---\ntitle: 第二天的信息\ndate: 2026-11-28 08:00\n---\n正文。\n",
    );
    let path = site.path().to_str().unwrap();
    let run = govsite(&["check", path, "--as-of", "2026-11-28", "--format", "json"]);
    assert_quiet(&run, "GOV205");
}
