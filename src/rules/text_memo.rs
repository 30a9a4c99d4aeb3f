//! What the text rules (GOV801, GOV802, GOV804, GOV805) learned about each item's text in
//! an earlier build: whether the rule's quick test on the raw text (a listed word, an
//! eleven-digit run, a marking) passed. Nearly every text passes none, and a text that did
//! not pass then will not pass now as long as neither it nor the rule's inputs changed —
//! so the build cache keeps these answers, and a rebuild after one edited item tests that
//! item alone instead of scanning every body four times.
//!
//! An answer is filed under the hash of the item's texts (title, description, answer and
//! body, as `text_scan::Texts::sources` tests them) and only trusted under the same **key**: the
//! site's configuration and word lists (`crate::incremental`), which is all the quick tests
//! read besides the text. Texts that passed are always scanned again: their findings carry
//! the file's line numbers, which may have moved.

use crate::content::{Item, Site};
use crate::incremental::StableHasher;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::hash::Hash;
use std::sync::{Mutex, OnceLock, PoisonError};

/// The rules whose quick tests are remembered, by bit.
const RULES: [&str; 4] = ["GOV801", "GOV802", "GOV804", "GOV805"];

/// The bit of rule `code`, if its answers are remembered.
pub(super) fn bit_of(code: &str) -> Option<u16> {
    RULES.iter().position(|r| *r == code).map(|i| 1 << i)
}

/// Answers per text hash: the low byte says which rules tested the text, the high byte
/// which of those tests passed.
pub type Answers = FxHashMap<u128, u16>;

/// The remembered answers of one build and the answers it gives.
#[derive(Default)]
pub struct TextMemo {
    previous_key: u128,
    previous: Answers,
    /// This build's key and the hash of each item's texts, set by [`TextMemo::start`].
    started: OnceLock<(u128, Vec<u128>)>,
    next: Mutex<Answers>,
}

impl TextMemo {
    /// The answers an earlier build left under `key`.
    pub fn new(key: u128, previous: Answers) -> TextMemo {
        TextMemo {
            previous_key: key,
            previous,
            ..TextMemo::default()
        }
    }

    /// Readies the memo for a build of `site` whose text rules read `key`.
    pub fn start(&self, key: u128, site: &Site) {
        let hashes = site.items.par_iter().map(texts_hash).collect();
        let _ = self.started.set((key, hashes));
    }

    /// Whether the quick test of the rule with `bit` is known to fail on item `item`.
    pub(super) fn known_clear(&self, item: usize, bit: u16) -> bool {
        let Some((key, hashes)) = self.started.get() else {
            return false;
        };
        *key == self.previous_key
            && hashes
                .get(item)
                .and_then(|h| self.previous.get(h))
                .is_some_and(|answers| answers & bit != 0 && answers & (bit << 8) == 0)
    }

    /// Files this build's answers of the rule with `bit`: (item, whether the test passed).
    pub(super) fn record(&self, bit: u16, answers: &[(usize, bool)]) {
        let Some((_, hashes)) = self.started.get() else {
            return;
        };
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        for &(item, passed) in answers {
            if let Some(&h) = hashes.get(item) {
                *next.entry(h).or_default() |= bit | if passed { bit << 8 } else { 0 };
            }
        }
    }

    /// This build's key and answers, for the next cache file (`None` if not started).
    pub fn answers(&self) -> Option<(u128, Answers)> {
        let (key, _) = self.started.get()?;
        let next = std::mem::take(&mut *self.next.lock().unwrap_or_else(PoisonError::into_inner));
        Some((*key, next))
    }
}

/// The hash of the texts of an item that the text rules test.
fn texts_hash(item: &Item) -> u128 {
    let mut h = StableHasher::new();
    for (value, _) in super::text_scan::item_values(item) {
        value.as_ref().map(|v| v.as_str()).hash(&mut h);
    }
    item.body.hash().hash(&mut h);
    h.finish128()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_trusted_only_under_its_key_and_for_the_same_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("starter-site");
        let (config, _) = crate::config::load(&root).unwrap();
        let as_of = crate::config::Date::parse("2026-11-27").unwrap();
        let mut site = crate::content::load(config, as_of).unwrap();
        let gov802 = bit_of("GOV802").unwrap();
        let first = TextMemo::default();
        first.start(1, &site);
        first.record(gov802, &[(0, false), (1, true)]);
        let (key, answers) = first.answers().unwrap();

        let again = TextMemo::new(key, answers.clone());
        again.start(1, &site);
        assert!(again.known_clear(0, gov802), "tested and clear");
        assert!(!again.known_clear(1, gov802), "passed: scanned again");
        assert!(
            !again.known_clear(0, bit_of("GOV801").unwrap()),
            "not tested"
        );

        let other_key = TextMemo::new(key, answers.clone());
        other_key.start(2, &site);
        assert!(!other_key.known_clear(0, gov802));

        site.items[0].body = format!("{}再接再励", site.items[0].body.as_str()).into();
        let edited = TextMemo::new(key, answers);
        edited.start(1, &site);
        assert!(!edited.known_clear(0, gov802));
    }
}
