//! How large a YAML text becomes once its aliases are expanded. A few lines can repeat a
//! large anchored value thousands of times (a "YAML bomb": one 300 KB string a thousand
//! times took a build to 2.9 GB); serde_yaml's own repetition limit counts events, not
//! bytes. Measured on yaml-rust2's events before serde_yaml sees the text.

use std::collections::HashMap;
use yaml_rust2::parser::{Event, EventReceiver, Parser};

/// The most bytes of scalar text a site.yaml or front matter may expand to: 200 times
/// the largest real front matter seen, far below what slows a build.
pub const MAX_EXPANDED_BYTES: usize = 8 * 1024 * 1024;

/// The bytes of scalar text `text` holds with every alias expanded, counting up to just
/// past `limit` (enough to say it is too large, without walking a bomb to its end).
pub fn expanded_size(text: &str, limit: usize) -> usize {
    if !text.contains('*') {
        return text.len();
    }
    let mut counter = Counter {
        total: 0,
        limit,
        anchors: HashMap::new(),
        open: Vec::new(),
    };
    let _ = Parser::new_from_str(text).load(&mut counter, true);
    counter.total
}

struct Counter {
    total: usize,
    limit: usize,
    /// Expanded size of each anchored node, by anchor id.
    anchors: HashMap<usize, usize>,
    /// Collections being read: their anchor id and the total when they began.
    open: Vec<(usize, usize)>,
}

impl EventReceiver for Counter {
    fn on_event(&mut self, event: Event) {
        if self.total > self.limit {
            return;
        }
        match event {
            Event::Scalar(value, _, anchor, _) => {
                self.total += value.len();
                if anchor > 0 {
                    self.anchors.insert(anchor, value.len());
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.open.push((anchor, self.total));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, start)) = self.open.pop() {
                    if anchor > 0 {
                        self.anchors.insert(anchor, self.total - start);
                    }
                }
            }
            Event::Alias(anchor) => {
                self.total = self
                    .total
                    .saturating_add(self.anchors.get(&anchor).copied().unwrap_or(0));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_aliases_expanded() {
        assert_eq!(
            expanded_size("title: abc\n", usize::MAX),
            "title: abc\n".len()
        );
        let text = "a: &x hello\nb: *x\nc: *x\n";
        assert_eq!(expanded_size(text, usize::MAX), 1 + 5 + 1 + 5 + 1 + 5);
        let text = "a: &l [ab, cd]\nb: [*l, *l]\n";
        assert_eq!(expanded_size(text, usize::MAX), 1 + 4 + 1 + 8);
    }

    #[test]
    fn a_bomb_is_measured_without_walking_it() {
        let big = "x".repeat(300_000);
        let mut text = format!("a: &s {big}\nb: [");
        for _ in 0..1000 {
            text.push_str("*s, ");
        }
        text.push_str("*s]\n");
        assert!(expanded_size(&text, MAX_EXPANDED_BYTES) > MAX_EXPANDED_BYTES);
    }
}
