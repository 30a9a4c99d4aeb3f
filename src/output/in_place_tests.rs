//! Tests of `output::in_place`.

use super::*;
use crate::output::{Sink, StagingDir};

/// A build of `files` into `target`, updating the output of `previous` in place.
fn build(target: &Path, files: &[(&str, &str)], previous: Option<Inventory>) -> Inventory {
    let mut staging = StagingDir::create(target, false).unwrap();
    match previous {
        Some(previous) => staging.update_in_place(previous),
        None => staging.keep_inventory(),
    }
    for (rel, text) in files {
        staging.write(rel, text.as_bytes()).unwrap();
    }
    staging.commit_then(Option::unwrap).unwrap()
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap())
}

#[cfg(unix)]
#[test]
fn an_update_moves_changed_files_in_and_deletes_the_files_gone() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("public");
    let first = [
        ("a/index.html", "a"),
        ("b/index.html", "b"),
        ("c/d/x.txt", "x"),
    ];
    let first = build(&target, &first, None);
    let (folder, a) = (inode(&target), inode(&target.join("a/index.html")));
    let second = [
        ("a/index.html", "a"),
        ("b/index.html", "B"),
        ("e/index.html", "e"),
    ];
    let second = build(&target, &second, Some(first));
    assert_eq!(inode(&target), folder, "the same folder");
    assert_eq!(
        inode(&target.join("a/index.html")),
        a,
        "an unchanged file stays"
    );
    assert_eq!(std::fs::read(target.join("b/index.html")).unwrap(), b"B");
    assert_eq!(std::fs::read(target.join("e/index.html")).unwrap(), b"e");
    assert!(!target.join("c").exists(), "emptied folders go too");
    assert_eq!(
        second.files,
        [MARKER, "a/index.html", "b/index.html", "e/index.html"]
    );
    assert!(target.join(MARKER).is_file());
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "no staging left"
    );
    // The recorded stats are the folders' own.
    assert!(second.holds_for(&target));
}

#[cfg(unix)]
#[test]
fn a_folder_changed_by_hand_is_told_by_its_entries_and_the_output_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("public");
    let files = [("a/index.html", "a"), ("b.txt", "b")];
    let first = build(&target, &files, None);
    std::fs::write(target.join("a/extra.html"), b"x").unwrap();
    assert!(!first.holds_for(&target), "a folder's time changed");
    // Within the clock tick of the recorded stat the time may not change: the
    // entries are compared.
    let mut same_tick = first.clone();
    let now = std::fs::metadata(target.join("a")).unwrap();
    for (dir, stat) in &mut same_tick.dirs {
        if dir == "a" {
            *stat = FileStat::of_folder(&now).unwrap();
        }
    }
    same_tick.taken_ns = now_ns();
    assert!(!same_tick.holds_for(&target), "an entry more");
    std::fs::remove_file(target.join("a/extra.html")).unwrap();
    for (dir, stat) in &mut same_tick.dirs {
        let meta = std::fs::metadata(folder(&target, dir)).unwrap();
        *stat = FileStat::of_folder(&meta).unwrap();
    }
    assert!(same_tick.holds_for(&target), "the same entries");

    std::fs::write(target.join("a/extra.html"), b"x").unwrap();
    let folder = inode(&target);
    build(&target, &files, Some(first));
    assert!(!target.join("a/extra.html").exists());
    assert_eq!(std::fs::read(target.join("a/index.html")).unwrap(), b"a");
    assert_ne!(inode(&target), folder, "a whole new folder swapped in");
}

#[test]
fn parents_go_up_to_the_output_folder() {
    assert_eq!(
        parents("a/b/index.html").collect::<Vec<_>>(),
        ["a/b", "a", ""]
    );
    assert_eq!(parents("robots.txt").collect::<Vec<_>>(), [""]);
}

#[test]
fn entries_are_the_first_names_below_each_folder() {
    let inventory = Inventory {
        // Sorted, as inventories are; "a-z" sorts between "a" and "a/…" and is not in "a".
        files: vec![
            "a-z.txt".into(),
            "a/b/index.html".into(),
            "a/c.txt".into(),
            "ab/d.txt".into(),
            "r.txt".into(),
        ],
        ..Default::default()
    };
    let names = |d: &str| {
        let mut v: Vec<&str> = inventory.entries_of(d).into_iter().collect();
        v.sort_unstable();
        v
    };
    assert_eq!(names(""), ["a", "a-z.txt", "ab", "r.txt"]);
    assert_eq!(names("a"), ["b", "c.txt"]);
    assert_eq!(names("a/b"), ["index.html"]);
    assert!(names("x").is_empty());
}
