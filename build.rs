//! Links the `govsite` executable at a fixed address on Linux, as Go links Hugo there.
//!
//! Why: minify-html's entity table is about 8 MB of static trie nodes that point at each
//! other. In a position-independent executable the loader must patch 61,000 of those
//! pointers at every start, which copies some 2,500 pages: 7 of the 9 ms that
//! `govsite --version` took, and 3 % of a build that takes one edited item from the cache.
//! At a fixed address the pointers are final in the file, and only the pages a build
//! reads are loaded. The executable's own code and data are then not placed at a random
//! address (its libraries, heap and stacks still are).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
