//! Path containment, the one place that decides whether a path stays inside a root folder:
//! the form of a relative path written in a file (a dossier field, a manifest entry), the
//! walk that finds a symbolic link on the way to it, and whether a path resolves inside the
//! root once links are followed. Callers word the refusal for their reader; what counts as
//! leaving the root is decided here only.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// `path` relative to `base`, `/`-separated, when it lies inside `base` once both are
/// resolved (`None` otherwise, or when either cannot be resolved). Machine formats name files
/// relative to the repository root this way.
pub fn relative_inside(path: &Path, base: &Path) -> Option<String> {
    let path = std::fs::canonicalize(path).ok()?;
    let base = std::fs::canonicalize(base).ok()?;
    let rest = path.strip_prefix(&base).ok()?;
    let parts: Option<Vec<&str>> = rest.components().map(|c| c.as_os_str().to_str()).collect();
    let joined = parts?.join("/");
    Some(if joined.is_empty() {
        ".".to_owned()
    } else {
        joined
    })
}

/// The form of a path as written: `/`-separated and relative when none of these hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Form {
    /// The text is empty.
    pub empty: bool,
    /// The first control character, which no manifest or checksum line can name.
    pub control: Option<char>,
    /// Starts at a root: `/`, `\` or a drive letter such as `C:`.
    pub absolute: bool,
    /// Starts with `/` or `\`.
    pub rooted: bool,
    /// Contains a `\` anywhere.
    pub backslash: bool,
    /// Contains a `:` anywhere (a drive, or an alternate data stream).
    pub colon: bool,
    /// A part is `..`.
    pub parent: bool,
    /// A part is empty or `.`.
    pub empty_or_dot: bool,
}

impl Form {
    /// The form of `text`.
    pub fn of(text: &str) -> Form {
        let parts = || text.split('/');
        Form {
            empty: text.is_empty(),
            control: text.chars().find(|c| c.is_control()),
            absolute: text.starts_with('/')
                || text.starts_with('\\')
                || text.get(1..2) == Some(":"),
            rooted: text.starts_with('/') || text.starts_with('\\'),
            backslash: text.contains('\\'),
            colon: text.contains(':'),
            parent: parts().any(|part| part == ".."),
            empty_or_dot: parts().any(|part| part.is_empty() || part == "."),
        }
    }
}

/// The first symbolic link met walking from `root` down `parts` (the last part included),
/// without following any. `Ok(None)` when there is none up to the first part that does not
/// exist yet; an error other than "not found" is returned with the path it happened at.
pub fn first_link<'p>(
    root: &Path,
    parts: impl IntoIterator<Item = &'p OsStr>,
) -> Result<Option<PathBuf>, (PathBuf, std::io::Error)> {
    let mut at = root.to_path_buf();
    for part in parts {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(metadata) if metadata.file_type().is_symlink() => return Ok(Some(at)),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err((at, e)),
        }
    }
    Ok(None)
}

/// Why [`resolve_inside`] could not decide.
#[derive(Debug)]
pub enum Unresolved {
    /// The root itself cannot be resolved.
    Root(std::io::Error),
    /// The path does not lead to anything (missing, or a link to nothing).
    Path,
}

/// Where `path` leads once every link is followed, and whether that is inside `root`.
pub fn resolve_inside(root: &Path, path: &Path) -> Result<(PathBuf, bool), Unresolved> {
    let root = root.canonicalize().map_err(Unresolved::Root)?;
    let resolved = path.canonicalize().map_err(|_| Unresolved::Path)?;
    let inside = resolved.starts_with(&root);
    Ok((resolved, inside))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_written_paths() {
        assert_eq!(Form::of("evidence/a.pdf"), Form::default());
        let windows = Form::of("C:\\x");
        assert!(windows.absolute && windows.backslash && windows.colon && !windows.rooted);
        assert!(Form::of("/etc/passwd").rooted);
        assert!(Form::of("a/../b").parent);
        assert!(Form::of("a//b").empty_or_dot && Form::of("./a").empty_or_dot);
        assert!(Form::of("").empty);
        assert_eq!(Form::of("a\nb").control, Some('\n'));
        assert!(Form::of("ab:c").colon && !Form::of("ab:c").absolute);
    }

    #[cfg(unix)]
    #[test]
    fn links_on_the_way_are_found_and_resolution_is_contained() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("real")).unwrap();
        std::fs::write(outside.path().join("secret"), b"x").unwrap();
        std::os::unix::fs::symlink(outside.path(), root.path().join("link")).unwrap();
        let parts = |text: &'static str| text.split('/').map(OsStr::new);
        assert_eq!(
            first_link(root.path(), parts("link/secret")).unwrap(),
            Some(root.path().join("link"))
        );
        assert_eq!(
            first_link(root.path(), parts("real/new/file")).unwrap(),
            None
        );
        let (_, inside) = resolve_inside(root.path(), &root.path().join("link/secret")).unwrap();
        assert!(!inside);
        let (_, inside) = resolve_inside(root.path(), &root.path().join("real")).unwrap();
        assert!(inside);
        assert!(matches!(
            resolve_inside(root.path(), &root.path().join("missing")),
            Err(Unresolved::Path)
        ));
    }
}
