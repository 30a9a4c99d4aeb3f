//! Which known key a mistyped one was meant to be: a typo (`issuerx` → `issuer`), a
//! prefix (`doc` → `doc_number`) or a common abbreviation of each word (`doc_no` →
//! `doc_number`, `tel` → `phone`).

/// Abbreviations clerks write for the words of govsite's keys.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("no", "number"),
    ("num", "number"),
    ("tel", "phone"),
    ("mobile", "phone"),
    ("addr", "address"),
    ("desc", "description"),
    ("org", "organ"),
    ("dept", "department"),
    ("pub", "publish"),
    ("kw", "keywords"),
];

/// The closest candidate: by edit distance when it is close enough to be a typo, else the
/// one the word abbreviates.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(distance, c)| *distance <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
        .or_else(|| abbreviated(word, candidates))
}

/// The one candidate whose words `word`'s words abbreviate, each a prefix of the
/// candidate's word or a listed abbreviation of it. None when several fit.
fn abbreviated<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let parts: Vec<&str> = word.split(['_', '-']).collect();
    let mut fits = candidates.iter().copied().filter(|candidate| {
        let full: Vec<&str> = candidate.split('_').collect();
        parts.len() <= full.len()
            && parts
                .iter()
                .zip(&full)
                .all(|(short, long)| abbreviates(short, long))
            && (parts.len() == full.len() || parts.len() == 1)
    });
    let first = fits.next()?;
    fits.next().is_none().then_some(first)
}

/// Whether `short` is a prefix of `long` (two letters at least) or a listed abbreviation
/// of it.
fn abbreviates(short: &str, long: &str) -> bool {
    (short.len() >= 2 && long.starts_with(short))
        || ABBREVIATIONS.iter().any(|&(s, l)| s == short && l == long)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &[&str] = &["doc_number", "issuer", "index_no", "validity", "subject"];

    #[test]
    fn typos_prefixes_and_abbreviations() {
        assert_eq!(nearest("issuerx", POLICY), Some("issuer"));
        assert_eq!(nearest("doc_no", POLICY), Some("doc_number"));
        assert_eq!(nearest("doc_num", POLICY), Some("doc_number"));
        assert_eq!(nearest("valid", POLICY), Some("validity"));
        assert_eq!(nearest("tel", &["phone", "email"]), Some("phone"));
        assert_eq!(
            nearest("sponsor_addr", &["sponsor_address", "sponsor"]),
            Some("sponsor_address")
        );
    }

    #[test]
    fn no_guess_when_nothing_or_several_fit() {
        assert_eq!(nearest("zzz", POLICY), None);
        assert_eq!(nearest("x", POLICY), None);
        // `in` starts both keys: no guess between them.
        assert_eq!(nearest("in", &["index_no", "interprets"]), None);
    }
}
