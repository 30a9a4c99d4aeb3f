//! `Text`: a YAML scalar taken as a trimmed string, whatever YAML thought it was, so that
//! `postcode: 650000` or `id_code: 5301000001` unquoted still reach the rules that judge
//! them. Empty strings count as missing.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// A trimmed, non-empty scalar.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<Text>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let trimmed = v.trim();
        Ok((!trimmed.is_empty()).then(|| Text(trimmed.to_string())))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Text(v.to_string())))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Text(v.to_string())))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(Text(v.to_string())))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(Text(v.to_string())))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// Deserializes an optional scalar into `Option<Text>`; use with
/// `#[serde(default, deserialize_with = "text")]`.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
    d.deserialize_any(TextVisitor)
}

/// A list of scalars (`keywords: [a, b]`), also accepting a single scalar.
pub fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Text>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<serde_yaml::Value>),
        One(serde_yaml::Value),
    }
    let values = match OneOrMany::deserialize(d)? {
        OneOrMany::Many(values) => values,
        OneOrMany::One(value) => vec![value],
    };
    let mut out = Vec::new();
    for value in values {
        let text = match value {
            serde_yaml::Value::String(s) => s,
            serde_yaml::Value::Number(n) => n.to_string(),
            serde_yaml::Value::Bool(b) => b.to_string(),
            serde_yaml::Value::Null => continue,
            _ => return Err(de::Error::custom("expected a list of strings")),
        };
        let trimmed = text.trim();
        if !trimmed.is_empty() {
            out.push(Text(trimmed.to_string()));
        }
    }
    Ok(out)
}
