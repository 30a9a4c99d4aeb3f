//! The one integration test binary: the real `govsite` executable run on fixture sites.

mod build;
mod common;
mod coverage;
mod incremental;
mod lifecycle;
mod malformed;
mod rules_a11y;
mod rules_identity;
mod rules_links;
mod rules_structure;
mod search;
mod serve;
