//! Include cycles between templates. tera refuses circular `extends` itself, but a
//! template that includes itself (directly, or through another include or its parent)
//! recurses until the stack overflows and the process aborts; so the build looks for such
//! cycles in the parsed templates before rendering anything and reports them as GOV005.

use std::collections::{BTreeMap, BTreeSet};
use tera::ast::Node;
use tera::Tera;

/// The first cycle of `include`/`extends` edges among the templates, as the list of
/// template names from the start back to it (`a.html → b.html → a.html`).
pub fn include_cycle(tera: &Tera) -> Option<Vec<String>> {
    let graph: BTreeMap<&str, BTreeSet<String>> = tera
        .templates
        .iter()
        .map(|(name, template)| {
            let mut edges = BTreeSet::new();
            collect_includes(&template.ast, &mut edges);
            edges.extend(template.parent.iter().cloned());
            edges.retain(|t| tera.templates.contains_key(t));
            (name.as_str(), edges)
        })
        .collect();
    let mut done = BTreeSet::new();
    for start in graph.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = visit(start, &graph, &mut path, &mut done) {
            return Some(cycle);
        }
    }
    None
}

/// Where `text` names `target` in an include or extends tag (the quoted name), for
/// pointing the finding at its line.
pub fn edge_span(text: &str, target: &str) -> Option<std::ops::Range<usize>> {
    ["\"", "'", "`"].iter().find_map(|quote| {
        let needle = format!("{quote}{target}{quote}");
        text.match_indices(&needle)
            .map(|(i, _)| i)
            .find(|&i| {
                let tag_start = text[..i].rfind("{%").unwrap_or(0);
                let tag = &text[tag_start..i];
                tag.contains("include") || tag.contains("extends")
            })
            .map(|i| i..i + needle.len())
    })
}

/// Depth-first search; `path` is the chain being followed, `done` the templates known to
/// reach no cycle. Depth is bounded by the number of templates.
fn visit(
    name: &str,
    graph: &BTreeMap<&str, BTreeSet<String>>,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(at) = path.iter().position(|p| p == name) {
        let mut cycle = path[at..].to_vec();
        cycle.push(name.to_string());
        return Some(cycle);
    }
    if done.contains(name) {
        return None;
    }
    path.push(name.to_string());
    for next in graph.get(name).into_iter().flatten() {
        if let Some(cycle) = visit(next, graph, path, done) {
            return Some(cycle);
        }
    }
    path.pop();
    done.insert(name.to_string());
    None
}

/// Every template named by an `{% include %}` anywhere in `nodes`, blocks, loops,
/// conditions, filter sections and macro bodies included.
fn collect_includes(nodes: &[Node], out: &mut BTreeSet<String>) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => out.extend(names.iter().cloned()),
            Node::Block(_, block, _) => collect_includes(&block.body, out),
            Node::MacroDefinition(_, def, _) => collect_includes(&def.body, out),
            Node::FilterSection(_, section, _) => collect_includes(&section.body, out),
            Node::Forloop(_, forloop, _) => {
                collect_includes(&forloop.body, out);
                if let Some(empty) = &forloop.empty_body {
                    collect_includes(empty, out);
                }
            }
            Node::If(branches, _) => {
                for (_, _, body) in &branches.conditions {
                    collect_includes(body, out);
                }
                if let Some((_, body)) = &branches.otherwise {
                    collect_includes(body, out);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        tera
    }

    #[test]
    fn finds_self_and_indirect_includes() {
        let t = tera(&[("a.html", r#"{% include "a.html" %}"#)]);
        assert_eq!(include_cycle(&t).unwrap(), ["a.html", "a.html"]);
        let t = tera(&[
            (
                "base.html",
                r#"{% if x %}{% include "page.html" %}{% endif %}"#,
            ),
            ("page.html", r#"{% extends "base.html" %}"#),
        ]);
        assert_eq!(include_cycle(&t).unwrap().len(), 3);
    }

    #[test]
    fn points_at_the_tag() {
        let text = "<p>\"a.html\"</p>\n{%- include 'a.html' -%}";
        let span = edge_span(text, "a.html").unwrap();
        assert_eq!(&text[span], "'a.html'");
    }

    #[test]
    fn accepts_a_tree_of_includes() {
        let t = tera(&[
            (
                "base.html",
                r#"{% include "nav.html" %}{% block c %}{% endblock %}"#,
            ),
            ("nav.html", "nav"),
            (
                "page.html",
                r#"{% extends "base.html" %}{% block c %}{% include "nav.html" %}{% endblock %}"#,
            ),
        ]);
        assert_eq!(include_cycle(&t), None);
    }
}
