//! The search terms of a text, exactly as `search.js` computes them for a query: full-width
//! ASCII folded to ASCII and lower-cased; Chinese runs split into character bigrams; Latin
//! letters and digits kept as whole words. Both sides must agree, so the rules stay simple
//! (no Unicode tables) and `search.js` repeats them line for line.

use std::borrow::Cow;
use std::ops::Range;

/// Words longer than this are cut, so a pasted hash or URL does not bloat the index.
pub const MAX_WORD: usize = 32;

/// Full-width ASCII (Ａ１＃) to ASCII, the ideographic space to a space, ASCII lower-cased.
pub fn fold(c: char) -> char {
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// CJK unified ideographs (basic, extension A) and compatibility ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

fn is_word(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// A term while the index is built. A Chinese term (one character or a bigram) is its
/// characters packed into a number: every character [`is_han`] takes is below U+10000, so
/// two fit, and hashing or comparing a number is far cheaper than a string; nine in ten
/// terms of a page are Chinese, and every term of every page is hashed. Anything else is
/// its text.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Term<'a> {
    /// The first character in the high 16 bits, the second (0 for none) in the low ones.
    Han(u32),
    Word(Cow<'a, str>),
}

impl<'a> Term<'a> {
    fn han(first: char, second: Option<char>) -> Term<'a> {
        Term::Han((first as u32) << 16 | second.map_or(0, |c| c as u32))
    }

    /// The term a term's text stands for: the inverse of [`Term::text`].
    pub fn of(text: &'a str) -> Term<'a> {
        let mut chars = text.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some(first), second, None) if is_han(first) && second.is_none_or(is_han) => {
                Term::han(first, second)
            }
            _ => Term::Word(Cow::Borrowed(text)),
        }
    }

    /// The term as it is written in the index.
    pub fn text(&self) -> Cow<'a, str> {
        match self {
            Term::Han(packed) => {
                let char_of = |bits: u32| char::from_u32(bits & 0xffff).filter(|&c| c != '\0');
                char_of(packed >> 16)
                    .into_iter()
                    .chain(char_of(*packed))
                    .collect::<String>()
                    .into()
            }
            Term::Word(word) => word.clone(),
        }
    }
}

/// Calls `emit` with every term of `text`, in order, duplicates included. A Chinese run
/// gives its bigrams, and its first and last characters alone (so that "58号" finds
/// "58号文件", where 号 starts a run); a one-character run gives that character.
///
/// Words are slices of `text` wherever folding leaves them as written (words already in
/// lower-case ASCII), and Chinese terms are numbers, so tokenising a page allocates almost
/// nothing: every page of a build goes through here.
pub fn each_term<'a>(text: &'a str, mut emit: impl FnMut(Term<'a>)) {
    let mut run: Option<Range<usize>> = None;
    let mut word = Word::default();
    for (at, raw) in text.char_indices() {
        // Folding never turns a character into or out of a Chinese one.
        let c = fold(raw);
        if is_han(c) {
            word.flush(text, &mut emit);
            let end = at + raw.len_utf8();
            run = Some(run.map_or(at..end, |r| r.start..end));
        } else if is_word(c) {
            flush_run(text, run.take(), &mut emit);
            word.push(text, at, raw, c);
        } else {
            flush_run(text, run.take(), &mut emit);
            word.flush(text, &mut emit);
        }
    }
    flush_run(text, run, &mut emit);
    word.flush(text, &mut emit);
}

fn flush_run<'a>(text: &'a str, run: Option<Range<usize>>, emit: &mut impl FnMut(Term<'a>)) {
    let Some(run) = run else { return };
    // The first character alone, every bigram, then the last character alone.
    let mut chars = text[run].chars();
    if let Some(first) = chars.next() {
        emit(Term::han(first, None));
        let mut previous = first;
        let mut pairs = 0;
        for c in chars {
            emit(Term::han(previous, Some(c)));
            previous = c;
            pairs += 1;
        }
        if pairs > 0 {
            emit(Term::han(previous, None));
        }
    }
}

/// The word being read: its first [`MAX_WORD`] characters are `text[start..end]`, unless
/// one of them changed when folded (`Ｗ`, `A`); then `folded` holds the word.
#[derive(Default)]
struct Word {
    start: usize,
    end: usize,
    chars: usize,
    folded: Option<String>,
}

impl Word {
    fn push(&mut self, text: &str, at: usize, raw: char, c: char) {
        if self.chars >= MAX_WORD {
            return;
        }
        if self.chars == 0 {
            self.start = at;
        }
        match &mut self.folded {
            Some(folded) => folded.push(c),
            // Every character so far is as written, so the text up to here is the word.
            None if raw != c => self.folded = Some(format!("{}{c}", &text[self.start..at])),
            None => {}
        }
        self.chars += 1;
        self.end = at + raw.len_utf8();
    }

    fn flush<'a>(&mut self, text: &'a str, emit: &mut impl FnMut(Term<'a>)) {
        if self.chars > 0 {
            match self.folded.take() {
                Some(folded) => emit(Term::Word(Cow::Owned(folded))),
                None => emit(Term::Word(Cow::Borrowed(&text[self.start..self.end]))),
            }
            self.chars = 0;
        }
    }
}

/// The distinct terms of `text`, in first-seen order.
pub fn terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    each_term(text, |t| {
        let t = t.text();
        if !out.iter().any(|o| *o == t) {
            out.push(t.into_owned());
        }
    });
    out
}

/// The terms `search.js` looks up for a query: like [`terms`], but a Chinese run of two or
/// more characters gives only its bigrams (its end characters are indexed only where they
/// end a run in the text, so requiring them would miss "优化营商环境" for "营商环境").
pub fn query_terms(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |t: &str| {
        if !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    };
    for part in split_runs(query) {
        let chars: Vec<char> = part.chars().collect();
        if chars.len() > 1 && chars.iter().all(|&c| is_han(c)) {
            for pair in chars.windows(2) {
                add(&pair.iter().collect::<String>());
            }
        } else {
            each_term(&part, |t| add(&t.text()));
        }
    }
    out
}

/// The query cut into Chinese runs and everything else, folded.
fn split_runs(query: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut last_han = None;
    for c in query.chars().map(fold) {
        let han = is_han(c);
        match parts.last_mut() {
            Some(part) if last_han == Some(han) => part.push(c),
            _ => parts.push(c.to_string()),
        }
        last_han = Some(han);
    }
    parts
}

/// FNV-1a over the UTF-16 code units of a term: which shard holds it (`search.js` uses the
/// same function with `Math.imul`).
pub fn hash(term: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for unit in term.encode_utf16() {
        h ^= u32::from(unit);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_runs_become_bigrams_with_their_ends() {
        assert_eq!(
            terms("政务公开"),
            ["政", "政务", "务公", "公开", "开"].map(String::from)
        );
        assert_eq!(terms("号"), ["号"]);
    }

    #[test]
    fn latin_and_numbers_stay_whole_and_fold_full_width() {
        assert_eq!(terms("ICP备 ２０２６"), ["icp", "备", "2026"]);
        assert_eq!(terms("Web3.0"), ["web3", "0"]);
    }

    #[test]
    fn document_numbers_split_into_findable_terms() {
        let t = terms("示政办发〔2026〕58号");
        for want in ["示政", "政办", "办发", "2026", "58", "号"] {
            assert!(t.iter().any(|x| x == want), "{want} missing from {t:?}");
        }
    }

    #[test]
    fn queries_use_bigrams_and_lone_characters() {
        assert_eq!(query_terms("营商环境"), ["营商", "商环", "环境"]);
        assert_eq!(query_terms("58号"), ["58", "号"]);
        assert_eq!(query_terms("Ｗｅｂ 政务"), ["web", "政务"]);
    }

    #[test]
    fn every_term_reads_back_from_its_text() {
        let mut seen = 0;
        each_term(
            "示政办发〔2026〕58号 ICP备 Ｗｅｂ3.0 政",
            |term| {
                let text = term.text();
                assert_eq!(Term::of(&text), term, "{text}");
                seen += 1;
            },
        );
        assert_eq!(seen, 13);
        assert_eq!(Term::of("政务").text(), "政务");
        // Not a term `each_term` makes, but still read back as written.
        assert_eq!(Term::of("a政").text(), "a政");
    }

    #[test]
    fn long_words_are_cut() {
        let t = terms(&"a".repeat(100));
        assert_eq!(t, vec!["a".repeat(MAX_WORD)]);
    }

    #[test]
    fn hash_is_fnv1a_over_utf16() {
        // Reference values computed with search.js's hash().
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
    }
}
