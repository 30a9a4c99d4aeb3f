//! A 集约化 platform's shared 资源库: the files in the platform folder's `static/` that
//! every member site may link. They are published into each site's output (each site is
//! served on its own domain) under the same paths, below the site's own files: a site's
//! `static/` or `content/` file at the same output path overrides the shared one.

use super::walk::{walk, Walked};
use super::StaticFile;
use crate::diagnostics::Diagnostic;
use std::collections::HashSet;
use std::path::Path;

/// The shared files of `library` (a platform's `static/` folder) that `own` does not
/// override, named for messages by their path from the site folder `site_root`.
pub(super) fn statics(
    site_root: &Path,
    library: &Path,
    own: &[StaticFile],
    errors: &mut Vec<Diagnostic>,
) -> Vec<StaticFile> {
    let (Some(platform_root), Some(folder)) = (library.parent(), library.file_name()) else {
        return Vec::new();
    };
    let folder = folder.to_string_lossy();
    let prefix = from_site(site_root, platform_root);
    let mut walk_errors = Vec::new();
    let Walked { files, .. } = walk(platform_root, &folder, &mut walk_errors);
    // The walk names files from the platform folder; the site's messages name them from
    // the site folder.
    errors.extend(walk_errors.into_iter().map(|mut e| {
        if let Some(location) = &mut e.location {
            location.file = format!("{prefix}{}", location.file);
        }
        e
    }));
    let taken: HashSet<&str> = own.iter().map(|s| s.output.as_str()).collect();
    files
        .into_iter()
        .filter_map(|f| {
            let output = f.rel.strip_prefix(&format!("{folder}/"))?.to_string();
            (!taken.contains(output.as_str())).then(|| StaticFile {
                source: format!("{prefix}{}", f.rel),
                output,
                path: f.path,
                shared: true,
            })
        })
        .collect()
}

/// The way from the site folder up to the platform folder (`../../` for `sites/jyj`),
/// or the platform folder itself when it does not contain the site.
fn from_site(site_root: &Path, platform_root: &Path) -> String {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (site, platform) = (canonical(site_root), canonical(platform_root));
    match site.strip_prefix(&platform) {
        Ok(below) => "../".repeat(below.components().count()),
        Err(_) => format!("{}/", platform.to_string_lossy()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_files_are_named_from_the_site_and_overridden_by_its_own() {
        let platform = tempfile::tempdir().unwrap();
        let site = platform.path().join("sites/jyj");
        std::fs::create_dir_all(&site).unwrap();
        let library = platform.path().join("static");
        std::fs::create_dir_all(library.join("ziyuan")).unwrap();
        std::fs::write(library.join("ziyuan/logo.svg"), "<svg/>").unwrap();
        std::fs::write(library.join("ziyuan/guide.pdf"), "%PDF").unwrap();
        let own = [StaticFile {
            output: "ziyuan/guide.pdf".into(),
            path: site.join("static/ziyuan/guide.pdf"),
            source: "static/ziyuan/guide.pdf".into(),
            shared: false,
        }];
        let mut errors = Vec::new();
        let shared = statics(&site, &library, &own, &mut errors);
        assert!(errors.is_empty());
        let names: Vec<(&str, &str)> = shared
            .iter()
            .map(|s| (s.output.as_str(), s.source.as_str()))
            .collect();
        assert_eq!(names, [("ziyuan/logo.svg", "../../static/ziyuan/logo.svg")]);
    }
}
