//! Writing output files so that nothing is ever half-written: each file goes to a temporary
//! file in its destination directory and is renamed into place; a new directory is assembled
//! beside its destination and renamed into place as a whole.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Error, Result};

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
/// failure leaves nothing behind. Otherwise each file is added atomically, and a file that
/// already exists is refused before anything is written: this never overwrites.
pub fn write_tree(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    if is_missing_or_empty(dir)? {
        let target = absolute_target(dir)?;
        clean_stale_beside(&target);
        // Leftovers of a killed run may have been moved back: look again.
        if !is_missing_or_empty(&target)? {
            return Err(Diagnostic::error(format!(
                "{} was restored from an interrupted run of aiact; refusing to write into it",
                dir.display()
            ))
            .into());
        }
        return assemble(&target, &must_be_empty, |staging| {
            write_files(staging, files)
        });
    }
    let existing: Vec<String> = files
        .iter()
        .filter(|(relative, _)| std::fs::symlink_metadata(dir.join(relative)).is_ok())
        .map(|(relative, _)| relative.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Diagnostic::error(format!(
            "{} already holds {}; refusing to overwrite",
            dir.display(),
            existing.join(", ")
        ))
        .help("choose a new directory, or move those files away first")
        .into());
    }
    for (relative, _) in files {
        check_write_inside(dir, relative).map_err(|why| {
            Error::from(Diagnostic::error(format!(
                "refusing to write {}: {why}",
                dir.join(relative).display()
            )))
        })?;
    }
    for (relative, bytes) in files {
        write_with_mode(&dir.join(relative), bytes, 0o644, false)?;
    }
    Ok(())
}

/// Why writing `relative` under `root` could land outside `root`, if it could: an existing
/// part of the path is a symbolic link, or the file itself is one. Missing parts are fine
/// (they will be made as folders). Checked before anything is written.
pub fn check_write_inside(root: &Path, relative: &Path) -> std::result::Result<(), String> {
    use std::path::Component;
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(part) => parts.push(part),
            _ => {
                return Err(format!(
                    "`{}` is not a plain relative path",
                    relative.display()
                ));
            }
        }
    }
    match crate::paths::first_link(root, parts) {
        Ok(None) => Ok(()),
        Ok(Some(link)) => Err(format!(
            "{} is a symbolic link; aiact writes only inside the directory itself",
            link.display()
        )),
        Err((at, e)) => Err(format!("{}: {e}", at.display())),
    }
}

fn write_files(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    for (relative, bytes) in files {
        let target = dir.join(relative);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        }
        std::fs::write(&target, bytes).map_err(|e| Error::io(&target, e))?;
    }
    Ok(())
}

/// What `--force` may replace besides an empty directory, and what must survive it.
pub struct Replace<'a> {
    /// Whether a non-empty directory may be replaced at all.
    pub force: bool,
    /// `Ok` when a non-empty directory is aiact's own output (so replacing it loses nothing
    /// of the user's); otherwise why not, in a few words.
    pub own_output: &'a dyn Fn(&Path) -> std::result::Result<(), String>,
    /// The command's inputs (the dossier): a directory holding one of them is never replaced.
    pub inputs: &'a [&'a Path],
}

/// Replaces `dir` with exactly `files`: the new content is assembled in a sibling temporary
/// directory and renamed into place, so `dir` holds either its old content or the complete new
/// one, never a mixture or half a file. A non-empty `dir` is replaced only with `force`, and
/// only when it is aiact's own output and holds none of the command's inputs.
pub fn replace_dir(dir: &Path, files: &[(PathBuf, Vec<u8>)], how: &Replace<'_>) -> Result<()> {
    let target = absolute_target(dir)?;
    // First finish what killed runs left (it may move an old bundle back to `target`), so
    // the checks below see what is really there.
    clean_stale_beside(&target);
    let was_empty = is_missing_or_empty(&target)?;
    if !was_empty {
        let refuse = |why: String, help: &str| -> Error {
            Diagnostic::error(format!("{}: {why}", dir.display()))
                .help(help.to_owned())
                .into()
        };
        if !how.force {
            return Err(refuse(
                "is not empty; refusing to replace it".to_owned(),
                "choose a new directory, or pass --force to replace an earlier aiact output",
            ));
        }
        for input in how.inputs {
            let input = input
                .canonicalize()
                .map_err(|e| Error::io(input.to_path_buf(), e))?;
            if input.starts_with(&target) {
                return Err(refuse(
                    format!(
                        "holds {}, an input of this command; --force never replaces it",
                        input.display()
                    ),
                    "write the output to a new directory that does not hold the dossier",
                ));
            }
        }
        (how.own_output)(&target).map_err(|why| {
            refuse(
                format!("is not an aiact output ({why}); --force replaces only an empty directory or one aiact wrote"),
                "choose a new directory; aiact never deletes what it did not write",
            )
        })?;
    }
    // Checked again once moved aside, where nothing else can add to it: what is deleted is
    // exactly what was checked.
    let recheck = |aside: &Path| {
        if was_empty {
            must_be_empty(aside)
        } else {
            (how.own_output)(aside)
        }
    };
    assemble(&target, &recheck, |staging| write_files(staging, files))
}

/// The check of a directory that was missing or empty when looked at.
fn must_be_empty(dir: &Path) -> std::result::Result<(), String> {
    match is_missing_or_empty(dir) {
        Ok(true) => Ok(()),
        Ok(false) => Err("something was written into it meanwhile".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// [`clean_stale`] in the directory that holds `target`.
fn clean_stale_beside(target: &Path) {
    if let Some(parent) = target.parent() {
        clean_stale(parent);
    }
}

/// `dir` as an absolute path whose parent is canonical, so that every later step names the
/// same place even when the working directory is inside `dir` and `dir` is moved aside (a
/// relative `..` stops resolving then). The last component is kept, not resolved: a
/// symbolic link there is refused rather than followed.
fn absolute_target(dir: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(dir).map_err(|e| Error::io(dir, e))?;
    // `.` and `..` at the end name a directory that exists: resolve it whole.
    let (parent, name) = match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) if !dir.ends_with("..") && !dir.ends_with(".") => {
            (parent.to_path_buf(), name.to_owned())
        }
        _ => {
            let resolved = absolute.canonicalize().map_err(|e| Error::io(dir, e))?;
            match (resolved.parent(), resolved.file_name()) {
                (Some(parent), Some(name)) => (parent.to_path_buf(), name.to_owned()),
                _ => {
                    return Err(Diagnostic::error(format!(
                        "{} is the root directory; refusing to replace it",
                        dir.display()
                    ))
                    .into());
                }
            }
        }
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let parent = parent.canonicalize().map_err(|e| Error::io(&parent, e))?;
    let target = parent.join(name);
    match std::fs::symlink_metadata(&target) {
        Ok(metadata) if metadata.file_type().is_symlink() => Err(Diagnostic::error(format!(
            "{} is a symbolic link; refusing to replace it",
            dir.display()
        ))
        .help("name the directory itself")
        .into()),
        Ok(metadata) if !metadata.is_dir() => Err(Diagnostic::error(format!(
            "{} exists and is not a directory",
            dir.display()
        ))
        .into()),
        _ => Ok(target),
    }
}

/// The marker of one replacement in progress: `.aiact-ID.lock` beside the target, locked for
/// as long as the process works, naming the target. Its staging directory is
/// `.aiact-staging-ID` and the target's old content, while moved aside, `.aiact-old-ID`. A
/// marker nobody holds locked is what a killed process left: [`clean_stale`] finishes or
/// undoes its work, and touches nothing that no marker names.
struct Marker {
    file: tempfile::NamedTempFile,
    staging: PathBuf,
    aside: PathBuf,
}

const MARKER_FORMAT: &str = "aiact-output-marker/1";

impl Marker {
    /// Records that the new content is in place: from now on the old content moved aside may
    /// be deleted, by this run or by the cleanup of a later one. Before it, cleanup never
    /// deletes the old content, whatever stands at the target.
    fn mark_swapped(&self, target_name: &std::ffi::OsStr) -> std::io::Result<()> {
        use std::io::{Seek, Write};
        let content = serde_json::json!({
            "format": MARKER_FORMAT,
            "target": target_name.to_string_lossy(),
            "swapped": true,
        });
        let mut file = self.file.as_file();
        file.set_len(0)?;
        file.seek(std::io::SeekFrom::Start(0))?;
        file.write_all(content.to_string().as_bytes())?;
        file.sync_all()
    }

    fn create(parent: &Path, target_name: &std::ffi::OsStr) -> Result<Marker> {
        let file = tempfile::Builder::new()
            .prefix(".aiact-")
            .suffix(".lock")
            .tempfile_in(parent)
            .map_err(|e| Error::io(parent, e))?;
        file.as_file()
            .lock()
            .map_err(|e| Error::io(file.path(), e))?;
        let content = serde_json::json!({
            "format": MARKER_FORMAT,
            "target": target_name.to_string_lossy(),
        });
        std::io::Write::write_all(&mut file.as_file(), content.to_string().as_bytes())
            .map_err(|e| Error::io(file.path(), e))?;
        let id = marker_id(file.path()).unwrap_or_default();
        Ok(Marker {
            staging: parent.join(format!(".aiact-staging-{id}")),
            aside: parent.join(format!(".aiact-old-{id}")),
            file,
        })
    }
}

/// `ID` of a marker path `.aiact-ID.lock`.
fn marker_id(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let id = name.strip_prefix(".aiact-")?.strip_suffix(".lock")?;
    (!id.is_empty() && !id.contains(['/', '.'])).then(|| id.to_owned())
}

/// Builds the new content of `target` (absolute, with a canonical parent) with `fill` in a
/// staging directory beside it, then swaps it in: the old content, if any, is moved aside,
/// the new one renamed into place, the old one deleted. If the swap fails half-way the old
/// content is moved back; if even that fails the error says where it is, complete, and the
/// marker stays so that the next run of aiact moves it back.
///
/// `recheck` is applied to the old content once it is moved aside, before anything is
/// deleted: if the target changed between the caller's checks and the move, the old content
/// is moved back and nothing is replaced.
fn assemble<T>(
    target: &Path,
    recheck: &dyn Fn(&Path) -> std::result::Result<(), String>,
    fill: impl FnOnce(&Path) -> Result<T>,
) -> Result<T> {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return Err(Error::Usage(format!("{} has no parent", target.display())));
    };
    let marker = Marker::create(parent, name)?;
    std::fs::create_dir(&marker.staging).map_err(|e| Error::io(&marker.staging, e))?;
    let filled = match fill(&marker.staging) {
        Ok(value) => value,
        Err(error) => {
            // The staging directory is ours alone; if it cannot be removed now, the marker's
            // drop leaves it for no one, so keep the marker for the next run's cleanup.
            if std::fs::remove_dir_all(&marker.staging).is_err() {
                let _kept = marker.file.keep();
            }
            return Err(error);
        }
    };
    let had_old = std::fs::symlink_metadata(target).is_ok();
    if had_old && let Err(e) = std::fs::rename(target, &marker.aside) {
        if std::fs::remove_dir_all(&marker.staging).is_err() {
            let _kept = marker.file.keep();
        }
        return Err(Error::io(target, e));
    }
    if had_old && let Err(why) = recheck(&marker.aside) {
        let undone = std::fs::rename(&marker.aside, target);
        let removed = std::fs::remove_dir_all(&marker.staging);
        if undone.is_err() || removed.is_err() {
            let _kept = marker.file.keep();
        }
        let mut message = format!(
            "{} changed while it was being replaced ({why}); nothing was replaced",
            target.display()
        );
        if let Err(undo) = undone {
            message.push_str(&format!(
                "; its content could not be moved back ({undo}) and is kept, complete, in {}",
                marker.aside.display()
            ));
        }
        return Err(Diagnostic::error(message).into());
    }
    if let Err(e) = std::fs::rename(&marker.staging, target) {
        let mut message = format!(
            "could not move the new content into {}: {e}",
            target.display()
        );
        let mut keep_marker = false;
        if had_old {
            match std::fs::rename(&marker.aside, target) {
                Ok(()) => message.push_str("; its previous content is back in place"),
                Err(undo) => {
                    keep_marker = true;
                    message.push_str(&format!(
                        "; its previous content could not be moved back ({undo}) and is kept, complete, in {} (the next aiact run in {} moves it back)",
                        marker.aside.display(),
                        parent.display()
                    ));
                }
            }
        }
        if let Err(cleanup) = std::fs::remove_dir_all(&marker.staging) {
            keep_marker = true;
            message.push_str(&format!(
                "; the staging directory {} could not be removed ({cleanup})",
                marker.staging.display()
            ));
        }
        if keep_marker {
            let _kept = marker.file.keep();
        }
        return Err(Diagnostic::error(message).into());
    }
    if had_old
        && (marker.mark_swapped(name).is_err() || std::fs::remove_dir_all(&marker.aside).is_err())
    {
        // The new content is in place; the old one is aiact's own output, named by the marker,
        // which the next run in this directory deletes once the marker says the swap is done
        // (if even that could not be recorded, the old content stays, listed as kept).
        let _kept = marker.file.keep();
    }
    Ok(filled)
}

/// Finishes what killed runs of aiact left in `parent`: for each marker that no live process
/// holds locked, its staging directory is deleted and its moved-aside old content is moved
/// back (when the target is missing) or deleted (when the new one is in place). Only paths a
/// marker names are touched; a marker that cannot be read is left alone. Best effort: a
/// failure here must not stop the run that found the leftovers.
pub fn clean_stale(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(id) = marker_id(&path) else {
            continue;
        };
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        // Held by a running aiact: its work is not stale.
        if file.try_lock().is_err() {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if text.is_empty() {
            // Killed between creating its marker and naming its target: nothing else exists.
            let _removed = std::fs::remove_file(&path);
            continue;
        }
        let Ok(content) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let Some(target) = content["target"].as_str().filter(|t| {
            content["format"] == MARKER_FORMAT && !t.is_empty() && !t.contains('/') && *t != ".."
        }) else {
            continue;
        };
        let is_real_dir = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
        let staging = parent.join(format!(".aiact-staging-{id}"));
        if is_real_dir(&staging) && std::fs::remove_dir_all(&staging).is_err() {
            continue;
        }
        let aside = parent.join(format!(".aiact-old-{id}"));
        if is_real_dir(&aside) {
            let target = parent.join(target);
            let finished = if std::fs::symlink_metadata(&target).is_err() {
                std::fs::rename(&aside, &target)
            } else if content["swapped"] == true {
                std::fs::remove_dir_all(&aside)
            } else {
                // Something stands at the target that this run did not put there: keep both,
                // and the marker that names the old content.
                continue;
            };
            if finished.is_err() {
                continue;
            }
        }
        let _removed = std::fs::remove_file(&path);
    }
}

/// Builds a new directory `dir` (missing or empty) with `fill`, in a staging directory beside
/// it that is renamed into place only when `fill` succeeds: a failure leaves nothing.
pub fn create_dir_whole<T>(dir: &Path, fill: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let target = absolute_target(dir)?;
    clean_stale_beside(&target);
    if !is_missing_or_empty(&target)? {
        return Err(Diagnostic::error(format!("{} is not empty", dir.display())).into());
    }
    assemble(&target, &must_be_empty, fill)
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

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Anything with a `bundle.txt` counts as own output in these tests.
    fn marked(dir: &Path) -> std::result::Result<(), String> {
        if dir.join("bundle.txt").is_file() {
            Ok(())
        } else {
            Err("no bundle.txt".to_owned())
        }
    }

    fn forced<'a>(inputs: &'a [&'a Path]) -> Replace<'a> {
        Replace {
            force: true,
            own_output: &marked,
            inputs,
        }
    }

    #[test]
    fn replace_dir_swaps_the_whole_content() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("bundle");
        let first = [(PathBuf::from("bundle.txt"), b"old".to_vec())];
        let unforced = Replace {
            force: false,
            ..forced(&[])
        };
        replace_dir(&dir, &first, &unforced).unwrap();
        let refused = replace_dir(&dir, &first, &unforced);
        assert!(refused.is_err(), "a non-empty directory needs force");
        let second = [
            (PathBuf::from("bundle.txt"), b"new".to_vec()),
            (PathBuf::from("a/new.txt"), b"new".to_vec()),
        ];
        replace_dir(&dir, &second, &forced(&[])).unwrap();
        assert_eq!(std::fs::read(dir.join("a/new.txt")).unwrap(), b"new");
        assert_eq!(std::fs::read(dir.join("bundle.txt")).unwrap(), b"new");
        assert_eq!(entries(parent.path()), ["bundle"], "no leftovers");
    }

    #[test]
    fn force_refuses_what_is_not_own_output_and_touches_nothing() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("project");
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        std::fs::write(dir.join("notes.txt"), b"mine").unwrap();
        let error = replace_dir(&dir, &[(PathBuf::from("x"), vec![])], &forced(&[]))
            .unwrap_err()
            .diagnostics();
        assert!(
            error[0]
                .message
                .contains("is not an aiact output (no bundle.txt)"),
            "{error:?}"
        );
        assert_eq!(entries(&dir), [".git", "notes.txt"]);
        assert_eq!(entries(parent.path()), ["project"]);
    }

    #[test]
    fn what_changed_between_the_check_and_the_move_is_put_back_untouched() {
        // The own-output check passes when first asked, then fails on the content moved
        // aside (as if a file had been added meanwhile): nothing is replaced or deleted.
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("out");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("bundle.txt"), b"old").unwrap();
        let calls = std::cell::Cell::new(0);
        let flaky = |_: &Path| {
            calls.set(calls.get() + 1);
            if calls.get() == 1 {
                Ok(())
            } else {
                Err("a file appeared".to_owned())
            }
        };
        let how = Replace {
            force: true,
            own_output: &flaky,
            inputs: &[],
        };
        let error = replace_dir(&dir, &[(PathBuf::from("new.txt"), vec![])], &how)
            .unwrap_err()
            .diagnostics();
        assert!(
            error[0]
                .message
                .contains("changed while it was being replaced"),
            "{error:?}"
        );
        assert_eq!(calls.get(), 2);
        assert_eq!(entries(&dir), ["bundle.txt"]);
        assert_eq!(entries(parent.path()), ["out"]);
    }

    #[test]
    fn force_never_replaces_a_directory_holding_an_input() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("out");
        std::fs::create_dir_all(dir.join("dossier")).unwrap();
        std::fs::write(dir.join("bundle.txt"), b"").unwrap();
        let dossier = dir.join("dossier");
        let error = replace_dir(&dir, &[], &forced(&[&dossier]))
            .unwrap_err()
            .diagnostics();
        assert!(
            error[0].message.contains("an input of this command"),
            "{error:?}"
        );
        assert_eq!(entries(&dir), ["bundle.txt", "dossier"]);
    }

    #[test]
    fn a_relative_parent_still_resolves_after_the_old_content_moves() {
        // `--out ../proj` run from inside `proj`: resolved once, before anything moves.
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("proj");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("bundle.txt"), b"old").unwrap();
        let relative = dir.join("../proj");
        replace_dir(
            &relative,
            &[(PathBuf::from("bundle.txt"), b"new".to_vec())],
            &forced(&[]),
        )
        .unwrap();
        assert_eq!(std::fs::read(dir.join("bundle.txt")).unwrap(), b"new");
        assert_eq!(entries(parent.path()), ["proj"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_not_replaced() {
        let parent = tempfile::tempdir().unwrap();
        let real = parent.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("bundle.txt"), b"old").unwrap();
        let link = parent.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(replace_dir(&link, &[], &forced(&[])).is_err());
        assert_eq!(std::fs::read(real.join("bundle.txt")).unwrap(), b"old");
    }

    #[test]
    fn stale_leftovers_are_finished_by_their_marker_and_nothing_else_is_touched() {
        let parent = tempfile::tempdir().unwrap();
        let p = parent.path();
        // What a build killed after moving the old bundle aside leaves: a marker, a staging
        // directory and the old content, with the target missing.
        let marker = |id: &str, target: &str, swapped: bool| {
            std::fs::write(
                p.join(format!(".aiact-{id}.lock")),
                serde_json::json!({"format": MARKER_FORMAT, "target": target, "swapped": swapped})
                    .to_string(),
            )
            .unwrap();
        };
        marker("AAAAAA", "moved", false);
        std::fs::create_dir_all(p.join(".aiact-staging-AAAAAA/x")).unwrap();
        std::fs::create_dir(p.join(".aiact-old-AAAAAA")).unwrap();
        std::fs::write(p.join(".aiact-old-AAAAAA/bundle.txt"), b"old").unwrap();
        // Killed after the swap: the new content is in place, the old one is aside.
        marker("BBBBBB", "swapped", true);
        std::fs::create_dir(p.join("swapped")).unwrap();
        std::fs::create_dir(p.join(".aiact-old-BBBBBB")).unwrap();
        // Killed before the swap, and something else now stands at the target: both kept.
        marker("FFFFFF", "other", false);
        std::fs::create_dir(p.join("other")).unwrap();
        std::fs::create_dir(p.join(".aiact-old-FFFFFF")).unwrap();
        // Killed before naming its target: an empty marker, removed.
        std::fs::write(p.join(".aiact-GGGGGG.lock"), b"").unwrap();
        // Look-alikes without a marker, and a marker of another format: kept.
        std::fs::create_dir(p.join(".aiact-staging-CCCCCC")).unwrap();
        std::fs::write(p.join(".aiact-DDDDDD.lock"), b"not json").unwrap();
        std::fs::create_dir(p.join(".aiact-staging-DDDDDD")).unwrap();
        // A marker held by a live process: its work is left alone.
        marker("EEEEEE", "busy", false);
        std::fs::create_dir(p.join(".aiact-staging-EEEEEE")).unwrap();
        let held = std::fs::File::open(p.join(".aiact-EEEEEE.lock")).unwrap();
        held.lock().unwrap();

        clean_stale(p);
        assert_eq!(
            entries(p),
            [
                ".aiact-DDDDDD.lock",
                ".aiact-EEEEEE.lock",
                ".aiact-FFFFFF.lock",
                ".aiact-old-FFFFFF",
                ".aiact-staging-CCCCCC",
                ".aiact-staging-DDDDDD",
                ".aiact-staging-EEEEEE",
                "moved",
                "other",
                "swapped"
            ]
        );
        assert_eq!(std::fs::read(p.join("moved/bundle.txt")).unwrap(), b"old");
        drop(held);
    }

    #[cfg(unix)]
    #[test]
    fn writes_refuse_symbolic_links_on_the_way() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), root.path().join("evidence")).unwrap();
        let why =
            check_write_inside(root.path(), Path::new("evidence/imports/log.json")).unwrap_err();
        assert!(why.contains("is a symbolic link"), "{why}");
        assert_eq!(
            check_write_inside(root.path(), Path::new("new/folder/file.txt")),
            Ok(())
        );
        assert!(check_write_inside(root.path(), Path::new("../x")).is_err());
        // The form is checked whole, not only up to the first folder that is missing.
        assert!(check_write_inside(root.path(), Path::new("new/../../x")).is_err());
    }

    #[test]
    fn write_tree_into_a_non_empty_directory_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), b"mine").unwrap();
        let error = write_tree(dir.path(), &[(PathBuf::from("a.txt"), b"new".to_vec())])
            .unwrap_err()
            .diagnostics();
        assert!(
            error[0].message.contains("refusing to overwrite"),
            "{error:?}"
        );
        assert_eq!(std::fs::read(dir.path().join("a.txt")).unwrap(), b"mine");
        write_tree(dir.path(), &[(PathBuf::from("b/c.txt"), b"c".to_vec())]).unwrap();
        assert_eq!(std::fs::read(dir.path().join("b/c.txt")).unwrap(), b"c");
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
