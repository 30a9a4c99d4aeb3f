//! The one integration test binary: the real `govsite` executable run on fixture sites.

mod build;
mod common;
mod incremental;
mod malformed;
mod serve;
