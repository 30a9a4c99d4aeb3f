//! The one integration test binary: the real `govsite` executable run on fixture sites.

mod build;
mod common;
mod malformed;
mod rules_identity;
mod search;
