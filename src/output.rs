//! Writing output files so that nothing is ever half-written: each file goes to a temporary
//! file in its destination directory and is renamed into place; a new directory is assembled
//! beside its destination and renamed into place as a whole.

use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};

/// Writes `bytes` to `path` atomically (temporary file in the same directory, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_with_mode(path, bytes, 0o644, true)
}

/// Writes a secret (a private key) readable by its owner only (mode 0600), atomically, and
/// never over an existing file.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    write_with_mode(path, bytes, 0o600, false)
}

fn write_with_mode(path: &Path, bytes: &[u8], mode: u32, replace: bool) -> Result<()> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let mut temporary = output_builder(".aiact-", mode)
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    std::io::Write::write_all(&mut temporary, bytes).map_err(|e| Error::io(path, e))?;
    temporary
        .as_file()
        .sync_all()
        .map_err(|e| Error::io(path, e))?;
    if replace {
        temporary
            .persist(path)
            .map_err(|e| Error::io(path, e.error))?;
    } else {
        temporary
            .persist_noclobber(path)
            .map_err(|e| Error::io(path, e.error))?;
    }
    Ok(())
}

/// A temporary-file builder for outputs. Outputs are documents to publish, not secrets: they
/// get the usual modes (before the umask) rather than the owner-only mode of temporary files.
fn output_builder(prefix: &str, mode: u32) -> tempfile::Builder<'_, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(mode));
    #[cfg(not(unix))]
    let _ = mode;
    builder
}

/// Whether `dir` is missing or an empty directory.
pub fn is_missing_or_empty(dir: &Path) -> Result<bool> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(Error::io(dir, e)),
    }
}

/// Writes a set of files (relative path → bytes) under `dir`. When `dir` is missing or empty
/// the whole set is assembled in a sibling temporary directory and renamed into place, so a
/// failure leaves nothing behind; otherwise each file is replaced atomically.
pub fn write_tree(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    if is_missing_or_empty(dir)? {
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new("."));
        let staging = stage(parent, files)?;
        if dir.exists() {
            std::fs::remove_dir(dir).map_err(|e| Error::io(dir, e))?;
        }
        let staged = staging.keep();
        std::fs::rename(&staged, dir).map_err(|e| {
            let _ = std::fs::remove_dir_all(&staged);
            Error::io(dir, e)
        })?;
        return Ok(());
    }
    for (relative, bytes) in files {
        write_atomic(&dir.join(relative), bytes)?;
    }
    Ok(())
}

/// Writes `files` into a new temporary directory in `parent` (removed again if dropped).
fn stage(parent: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<tempfile::TempDir> {
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let staging = output_builder(".aiact-staging-", 0o755)
        .tempdir_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    for (relative, bytes) in files {
        let target = staging.path().join(relative);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        }
        std::fs::write(&target, bytes).map_err(|e| Error::io(&target, e))?;
    }
    Ok(staging)
}

/// Replaces `dir` with exactly `files`: the new content is assembled in a sibling temporary
/// directory and renamed into place, so `dir` holds either its old content or the complete new
/// one, never a mixture or half a file. A non-empty `dir` is refused unless `force`.
pub fn replace_dir(dir: &Path, files: &[(PathBuf, Vec<u8>)], force: bool) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} exists and is not a directory",
            dir.display()
        )));
    }
    if !force && !is_missing_or_empty(dir)? {
        return Err(crate::diag::Diagnostic::error(format!(
            "{} is not empty; refusing to replace it",
            dir.display()
        ))
        .help("choose a new directory, or pass --force to replace its content")
        .into());
    }
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let staging = stage(parent, files)?;
    // Move the old content aside first, so the rename of the new one cannot fail on a
    // non-empty target; it is deleted once the new content is in place.
    let old = if dir.exists() {
        let aside = output_builder(".aiact-old-", 0o755)
            .tempdir_in(parent)
            .map_err(|e| Error::io(parent, e))?
            .keep();
        std::fs::remove_dir(&aside).map_err(|e| Error::io(&aside, e))?;
        std::fs::rename(dir, &aside).map_err(|e| Error::io(dir, e))?;
        Some(aside)
    } else {
        None
    };
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, dir) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old, dir);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(Error::io(dir, e));
    }
    if let Some(old) = old {
        std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_tree_creates_a_new_directory_whole() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("new");
        write_tree(
            &dir,
            &[
                (PathBuf::from("a.txt"), b"a".to_vec()),
                (PathBuf::from("sub/b.txt"), b"b".to_vec()),
            ],
        )
        .unwrap();
        assert_eq!(std::fs::read(dir.join("sub/b.txt")).unwrap(), b"b");
        let leftovers: Vec<_> = std::fs::read_dir(parent.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["new"]);
    }

    #[test]
    fn write_atomic_replaces_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn replace_dir_swaps_the_whole_content() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("bundle");
        replace_dir(&dir, &[(PathBuf::from("old.txt"), b"old".to_vec())], false).unwrap();
        let refused = replace_dir(&dir, &[(PathBuf::from("new.txt"), b"new".to_vec())], false);
        assert!(refused.is_err(), "a non-empty directory needs force");
        replace_dir(&dir, &[(PathBuf::from("a/new.txt"), b"new".to_vec())], true).unwrap();
        assert!(!dir.join("old.txt").exists(), "stale files are gone");
        assert_eq!(std::fs::read(dir.join("a/new.txt")).unwrap(), b"new");
        let leftovers: Vec<_> = std::fs::read_dir(parent.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["bundle"]);
    }

    #[cfg(unix)]
    #[test]
    fn outputs_are_readable_by_others_unlike_temporary_files() {
        use std::os::unix::fs::PermissionsExt;
        let parent = tempfile::tempdir().unwrap();
        let file = parent.path().join("report.json");
        write_atomic(&file, b"{}").unwrap();
        let dir = parent.path().join("docs");
        write_tree(&dir, &[(PathBuf::from("a.md"), b"a".to_vec())]).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        // What the umask allows, read from a file and a directory made the ordinary way.
        let plain_file = parent.path().join("plain");
        std::fs::write(&plain_file, b"").unwrap();
        let plain_dir = parent.path().join("plain-dir");
        std::fs::create_dir(&plain_dir).unwrap();
        assert_eq!(mode(&file), 0o644 & mode(&plain_file));
        assert_eq!(mode(&dir), 0o755 & mode(&plain_dir));
    }
}
