//! `--shard K/N`: a deterministic split of the member sites for CI parallel jobs. Sites
//! are dealt round-robin over the name-sorted list, so shards differ in size by at most
//! one and every site is in exactly one shard.

use super::members::Member;

/// One shard: `index` is 1-based, as CI systems number their jobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// Parses `K/N` with 1 ≤ K ≤ N; the error is a plain Chinese sentence.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let bad = || format!("--shard 的值 `{text}` 无效，应写作 K/N，例如 2/4（1 ≤ K ≤ N）");
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let index: usize = k.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// The members of this shard, from the name-sorted list of all members.
    pub fn select(self, members: Vec<Member>) -> Vec<Member> {
        members
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % self.count == self.index - 1)
            .map(|(_, m)| m)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(n: usize) -> Vec<Member> {
        crate::platform::members::fake(n, |i| format!("s{i:03}"))
    }

    #[test]
    fn shards_cover_every_site_once() {
        let all = members(10);
        let mut seen: Vec<String> = (1..=3)
            .flat_map(|k| Shard { index: k, count: 3 }.select(all.clone()))
            .map(|m| m.name)
            .collect();
        seen.sort();
        assert_eq!(seen, all.iter().map(|m| m.name.clone()).collect::<Vec<_>>());
    }

    #[test]
    fn rejects_bad_shards() {
        for text in ["0/3", "4/3", "1", "a/b", "1/0"] {
            assert!(Shard::parse(text).is_err(), "{text}");
        }
        assert_eq!(Shard::parse("2/4"), Ok(Shard { index: 2, count: 4 }));
    }
}
