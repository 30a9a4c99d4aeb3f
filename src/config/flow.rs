//! An unclosed `[` or `{` in block YAML (`title: [通知`). The YAML parser serde_yaml uses
//! reads on into the next lines and reports a type error far away, or none; PyYAML, the
//! YAML most tools use, stops at the next line's `key:`. Found first, it is a syntax error
//! (GOV001) at that line, as PyYAML reports it.

/// Where an unclosed flow collection stops making sense: the byte offset (in `text`) of
/// the bracket that was never closed and of the `key:` on a later line that PyYAML stops
/// at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed {
    pub open: usize,
    pub stop: usize,
    pub bracket: char,
}

/// The first flow collection in `text` still open when a later line starts a block
/// `key: value` pair at or left of the indentation of the line that opened it.
pub fn unclosed_flow(text: &str) -> Option<Unclosed> {
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut opened_indent = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(&(at, bracket)) = open.first() {
            if indent <= opened_indent && starts_block_key(&line[indent..]) {
                return Some(Unclosed {
                    open: at,
                    stop: line_start + indent,
                    bracket,
                });
            }
        }
        if open.is_empty() {
            opened_indent = indent;
        }
        scan_line(line, line_start, &mut open);
        line_start += line.len();
    }
    None
}

/// Tracks the brackets of one line, outside quotes and comments.
fn scan_line(line: &str, line_start: usize, open: &mut Vec<(usize, char)>) {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    // The last character before this one that is not a space: a bracket opens a
    // collection only where a value starts (`key: [`, `- [`, `[[`, `, {`), not inside a
    // plain scalar (`a[b`).
    let mut before = ':';
    for (i, c) in line.char_indices() {
        let starts_value = matches!(before, ':' | '[' | '{' | ',' | '-');
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if starts_value => quote = Some(c),
            (None, '#') if previous == ' ' || i == 0 => return,
            (None, '[' | '{') if starts_value => open.push((line_start + i, c)),
            (None, ']' | '}') if !open.is_empty() => {
                open.pop();
            }
            _ => {}
        }
        previous = c;
        if c != ' ' {
            before = c;
        }
    }
}

/// Whether a line (without its indentation) starts `key: ` or `key:` at its end, with a
/// plain key, as a block mapping entry does.
fn starts_block_key(rest: &str) -> bool {
    let Some(colon) = rest.find(':') else {
        return false;
    };
    let key = &rest[..colon];
    let after = &rest[colon + 1..];
    !key.is_empty()
        && !key.contains([' ', ',', '[', ']', '{', '}', '"', '\'', '#'])
        && (after.is_empty() || after.starts_with([' ', '\n', '\r']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_the_next_key_as_pyyaml_does() {
        let text = "title: [个体工商户设立登记\ndate: 2026-10-09\nkeywords: [a, b]\n";
        let found = unclosed_flow(text).unwrap();
        assert_eq!(&text[found.open..found.open + 1], "[");
        assert_eq!(&text[found.stop..found.stop + 5], "date:");
        assert_eq!(found.bracket, '[');
    }

    #[test]
    fn closed_and_multi_line_collections_are_fine() {
        for text in [
            "keywords: [a, b]\ntitle: x\n",
            "keywords: [\n  a,\n  b\n]\ntitle: x\n",
            "contact: {phone: 1,\n  email: x}\ntitle: x\n",
            "title: \"[不是括号\"\ndate: 2026-01-01\n",
            "title: 通知 # [注释\ndate: 2026-01-01\n",
            "title: a[b\ndate: 2026-01-01\n",
            "- [a, b]\n- c\n",
        ] {
            assert_eq!(unclosed_flow(text), None, "{text}");
        }
    }
}
