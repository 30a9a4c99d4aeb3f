//! The committed schemas match the types, and the starter site validates against them
//! (a small validator for the keywords schemars emits, so no heavy dev-dependency).

use super::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn schemas_in_schemas_dir_are_up_to_date() {
    let dir = repo().join("schemas");
    let bless = std::env::var("GOVSITE_BLESS").is_ok_and(|v| v == "1");
    for (name, want) in files() {
        let path = dir.join(name);
        if bless {
            std::fs::write(&path, &want).unwrap();
            continue;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "schemas/{name} is out of date: run GOVSITE_BLESS=1 cargo test --lib schema and review the diff"
        );
    }
}

/// Collects the places where `value` breaks `schema` (draft-07 subset: $ref, allOf,
/// anyOf, oneOf, const, enum, type, minimum, properties, required,
/// additionalProperties: false, items).
fn violations(root: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    let fails = |s: &Value| {
        let mut v = Vec::new();
        violations(root, s, value, at, &mut v);
        !v.is_empty()
    };
    if let Some(name) = schema["$ref"].as_str() {
        let key = name.trim_start_matches("#/definitions/");
        violations(root, &root["definitions"][key], value, at, out);
    }
    let list = |k: &str| schema[k].as_array().cloned().unwrap_or_default();
    for s in list("allOf") {
        violations(root, &s, value, at, out);
    }
    if schema.get("anyOf").is_some() && list("anyOf").iter().all(fails) {
        out.push(format!("{at}: matches none of anyOf"));
    }
    if schema.get("oneOf").is_some() && list("oneOf").iter().filter(|s| !fails(s)).count() != 1 {
        out.push(format!("{at}: does not match exactly one of oneOf"));
    }
    scalar(schema, value, at, out);
    object(root, schema, value, at, out);
    if let (Some(items), Some(values)) = (schema.get("items"), value.as_array()) {
        for (i, v) in values.iter().enumerate() {
            violations(root, items, v, &format!("{at}[{i}]"), out);
        }
    }
}

/// The keywords that judge a value on its own: const, enum, type, minimum.
fn scalar(schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    if schema.get("const").is_some_and(|c| c != value) {
        out.push(format!("{at}: is not {}", schema["const"]));
    }
    if schema.get("enum").is_some() && !schema["enum"].as_array().is_some_and(|e| e.contains(value))
    {
        out.push(format!("{at}: {value} is not one of {}", schema["enum"]));
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => t.as_str().into_iter().collect(),
        };
        if !types.iter().any(|t| has_type(value, t)) {
            out.push(format!("{at}: {value} is not of type {t}"));
        }
    }
    if let (Some(min), Some(n)) = (schema["minimum"].as_f64(), value.as_f64()) {
        if n < min {
            out.push(format!("{at}: {n} is below {min}"));
        }
    }
}

fn object(root: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    let Some(map) = value.as_object() else { return };
    let props = schema["properties"].as_object();
    for (key, v) in map {
        match props.and_then(|p| p.get(key)) {
            Some(s) => violations(root, s, v, &format!("{at}.{key}"), out),
            None if schema["additionalProperties"] == Value::Bool(false) => {
                out.push(format!("{at}: unknown key `{key}`"))
            }
            None => {}
        }
    }
    for key in schema["required"].as_array().into_iter().flatten() {
        if key.as_str().is_some_and(|k| !map.contains_key(k)) {
            out.push(format!("{at}: missing {key}"));
        }
    }
}

fn has_type(value: &Value, t: &str) -> bool {
    match t {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}

fn schema(name: &str) -> Value {
    let text = files().into_iter().find(|(n, _)| *n == name).unwrap().1;
    serde_json::from_str(&text).unwrap()
}

fn check(schema_name: &str, yaml: &str) -> Vec<String> {
    let value: Value = serde_yaml::from_str(yaml).unwrap();
    let value = if value.is_null() {
        Value::Object(Default::default())
    } else {
        value
    };
    let root = schema(schema_name);
    let mut out = Vec::new();
    violations(&root, &root, &value, "", &mut out);
    out
}

/// Which schema a content file's front matter follows.
fn schema_for(content: &Path, file: &Path) -> &'static str {
    match file.strip_prefix(content).map(|p| p.components().count()) {
        _ if file.file_name().is_some_and(|n| n != "_index.md") => "front-matter.schema.json",
        Ok(1) => "home.schema.json",
        _ => "column.schema.json",
    }
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect()
}

#[test]
fn starter_site_yaml_validates_against_the_site_schema() {
    let yaml = std::fs::read_to_string(repo().join("starter-site/site.yaml")).unwrap();
    assert_eq!(check("site.schema.json", &yaml), Vec::<String>::new());
}

#[test]
fn every_starter_front_matter_validates_and_names_its_schema() {
    let content = repo().join("starter-site/content");
    let files = markdown_files(&content);
    assert!(files.len() > 10);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let split = crate::content::front::split(&text, "x").unwrap();
        let name = schema_for(&content, &file);
        let errors = check(name, split.yaml);
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        let depth = file.strip_prefix(repo()).unwrap().components().count() - 1;
        let modeline = format!(
            "# yaml-language-server: $schema={}schemas/{name}",
            "../".repeat(depth)
        );
        assert_eq!(
            split.yaml.lines().next(),
            Some(modeline.as_str()),
            "{}",
            file.display()
        );
    }
}

#[test]
fn the_validator_rejects_what_the_loader_rejects() {
    assert!(check(
        "site.schema.json",
        "name: 示例\nkind: portal\npostcode: 1\n"
    )
    .iter()
    .any(|e| e.contains("unknown key `postcode`")));
    assert!(!check("site.schema.json", "kind: county\n").is_empty());
    assert!(!check("site.schema.json", "contact: {phone: [1]}\n").is_empty());
    assert!(!check("site.schema.json", "paginate: -1\n").is_empty());
    assert!(!check("front-matter.schema.json", "service: {fee: 0}\n").is_empty());
    assert!(!check("column.schema.json", "weight: heavy\n").is_empty());
    // What the loader accepts, the schema accepts: scalars of any kind, one or many.
    let ok = "title: 2026\nkeywords: 一个\naliases: [/a.html, 2]\ndraft: false\nservice: {online: 全程网办}\n";
    assert_eq!(check("front-matter.schema.json", ok), Vec::<String>::new());
    assert_eq!(
        check("home.schema.json", "columns: [zwgk, zwdt]\n"),
        Vec::<String>::new()
    );
}
