//! Key paths (`contact.phone`, `waivers[0].rule`) to byte spans, from yaml-rust2's marked
//! events, so that later checks can point at the offending key or value.

use super::yaml::token_len;
use std::collections::HashMap;
use std::ops::Range;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Spans of one key and its value, as byte ranges in the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySpan {
    pub key: Range<usize>,
    pub value: Range<usize>,
}

/// Key paths (`contact.phone`, `waivers[0].rule`) to their spans.
#[derive(Debug, Clone, Default)]
pub struct SpanMap {
    spans: HashMap<String, KeySpan>,
    /// Span of the whole YAML block, for findings about a missing key.
    pub whole: Range<usize>,
}

impl SpanMap {
    /// The span of the value at `path`, if the key is present.
    pub fn value(&self, path: &str) -> Option<Range<usize>> {
        self.spans.get(path).map(|s| s.value.clone())
    }

    /// The span of the key at `path`, if present.
    pub fn key(&self, path: &str) -> Option<Range<usize>> {
        self.spans.get(path).map(|s| s.key.clone())
    }

    /// Every key path with its spans, sorted by path: a stable view (the map's own order
    /// changes from run to run), used by serve's incremental fingerprints.
    pub fn sorted(&self) -> Vec<(&str, &KeySpan)> {
        let mut all: Vec<(&str, &KeySpan)> =
            self.spans.iter().map(|(k, v)| (k.as_str(), v)).collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all
    }

    /// The value's span; for a missing key, the key of the mapping it belongs in, or for a
    /// top-level key the first key of the file (not a comment line above it): the best
    /// place to point at for a finding about `path`.
    pub fn best(&self, path: &str) -> Range<usize> {
        self.value(path)
            .or_else(|| {
                let parent = path.rsplit_once('.').map(|(p, _)| p)?;
                self.key(parent)
            })
            .or_else(|| self.first_top_level_key())
            .unwrap_or(self.whole.start..self.whole.start)
    }

    /// The span of the first top-level key, where a missing top-level key can be added.
    fn first_top_level_key(&self) -> Option<Range<usize>> {
        self.spans
            .iter()
            .filter(|(path, _)| !path.contains(['.', '[']))
            .map(|(_, span)| span.key.clone())
            .min_by_key(|key| key.start)
    }
}

/// Builds the key-path → span map. Never fails: text that does not parse simply yields
/// fewer spans (serde_yaml reports the syntax error).
pub fn span_map(text: &str, offset: usize) -> SpanMap {
    let mut builder = SpanBuilder {
        text,
        offset,
        char_to_byte: char_offsets(text),
        stack: Vec::new(),
        map: SpanMap {
            spans: HashMap::new(),
            whole: offset..offset + text.len(),
        },
    };
    let mut parser = Parser::new_from_str(text);
    let _ = parser.load(&mut builder, false);
    builder.map
}

fn char_offsets(text: &str) -> Option<Vec<usize>> {
    if text.is_ascii() {
        return None;
    }
    let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    offsets.push(text.len());
    Some(offsets)
}

enum Frame {
    Map {
        path: String,
        key: Option<(String, Range<usize>)>,
    },
    Seq {
        path: String,
        index: usize,
    },
}

struct SpanBuilder<'a> {
    text: &'a str,
    offset: usize,
    char_to_byte: Option<Vec<usize>>,
    stack: Vec<Frame>,
    map: SpanMap,
}

impl SpanBuilder<'_> {
    fn byte(&self, mark: &Marker) -> usize {
        match &self.char_to_byte {
            Some(table) => table.get(mark.index()).copied().unwrap_or(self.text.len()),
            None => mark.index().min(self.text.len()),
        }
    }

    fn token_span(&self, mark: &Marker) -> Range<usize> {
        let start = self.byte(mark);
        let len = token_len(&self.text[start..]);
        self.offset + start..self.offset + start + len
    }

    /// Records the start of a value in the current container and returns its path.
    fn start_value(&mut self, mark: &Marker) -> String {
        let span = self.token_span(mark);
        match self.stack.last() {
            Some(Frame::Map {
                path,
                key: Some((key, key_span)),
            }) => {
                let full = join(path, key);
                let key_span = key_span.clone();
                self.map.spans.insert(
                    full.clone(),
                    KeySpan {
                        key: key_span,
                        value: span,
                    },
                );
                full
            }
            Some(Frame::Seq { path, index }) => {
                let full = format!("{path}[{index}]");
                self.map.spans.insert(
                    full.clone(),
                    KeySpan {
                        key: span.clone(),
                        value: span,
                    },
                );
                full
            }
            _ => String::new(),
        }
    }

    fn end_value(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) => *key = None,
            Some(Frame::Seq { index, .. }) => *index += 1,
            None => {}
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl MarkedEventReceiver for SpanBuilder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::Scalar(value, ..) => {
                let awaiting_key = matches!(self.stack.last(), Some(Frame::Map { key: None, .. }));
                if awaiting_key {
                    let span = self.token_span(&mark);
                    if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                        *key = Some((value, span));
                    }
                } else {
                    self.start_value(&mark);
                    self.end_value();
                }
            }
            Event::Alias(_) => {
                self.start_value(&mark);
                self.end_value();
            }
            Event::MappingStart(..) => {
                let path = self.start_value(&mark);
                self.stack.push(Frame::Map { path, key: None });
            }
            Event::SequenceStart(..) => {
                let path = self.start_value(&mark);
                self.stack.push(Frame::Seq { path, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.end_value();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_nested_keys_to_byte_spans() {
        let text = "name: 示例\ncontact:\n  phone: \"0871\"\nlist: [a, b]\n";
        let spans = span_map(text, 0);
        let phone = spans.value("contact.phone").unwrap();
        assert_eq!(&text[phone], "\"0871\"");
        let name = spans.value("name").unwrap();
        assert_eq!(&text[name], "示例");
        assert!(spans.value("list[1]").is_some());
    }

    #[test]
    fn shifts_spans_by_the_offset() {
        let spans = span_map("title: 标题\n", 4);
        assert_eq!(spans.value("title").unwrap().start, 11);
    }
}
