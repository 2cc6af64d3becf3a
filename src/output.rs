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
mod tests;
