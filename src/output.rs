//! Writing output files so that nothing is ever half-written: each file goes to a temporary
//! file in its destination directory and is renamed into place; a new directory is assembled
//! beside its destination and renamed into place as a whole.

use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};

/// Writes `bytes` to `path` atomically (temporary file in the same directory, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let mut temporary = tempfile::Builder::new()
        .prefix(".aiact-")
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    std::io::Write::write_all(&mut temporary, bytes).map_err(|e| Error::io(path, e))?;
    temporary
        .as_file()
        .sync_all()
        .map_err(|e| Error::io(path, e))?;
    temporary
        .persist(path)
        .map_err(|e| Error::io(path, e.error))?;
    Ok(())
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
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let staging = tempfile::Builder::new()
            .prefix(".aiact-staging-")
            .tempdir_in(parent)
            .map_err(|e| Error::io(parent, e))?;
        for (relative, bytes) in files {
            let target = staging.path().join(relative);
            if let Some(folder) = target.parent() {
                std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
            }
            std::fs::write(&target, bytes).map_err(|e| Error::io(&target, e))?;
        }
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
}
