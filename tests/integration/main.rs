//! The one integration test binary: the real `govsite` executable run on fixture sites.

mod attachments;
mod audit;
mod build;
mod cache;
mod ci_examples;
mod common;
mod coverage;
mod import;
mod incremental;
mod lifecycle;
mod malformed;
mod output_safety;
mod platform;
mod robustness;
mod robustness_paths;
mod robustness_random;
mod rules_a11y;
mod rules_identity;
mod rules_links;
mod rules_structure;
mod search;
mod serve;
