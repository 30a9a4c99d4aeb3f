//! `govsite import DIR --out SITE`: turns a folder of built pages from any CMS (or a
//! previous govsite output) into a govsite site: site.yaml, columns, items with their
//! fields and Markdown bodies, the images and attachments they use, an alias for every
//! old URL, and an import report.

pub mod body;
pub mod layout;
pub mod page;
pub mod text;
