//! Evidence paths: files inside the dossier that other fields point to. A path must be
//! relative, use `/`, not climb out with `..`, name an existing regular file, and not resolve
//! outside the dossier through a symbolic link. Checking never reads the file's content.

use std::path::Path;

use crate::paths::{Unresolved, resolve_inside};

use super::validator::check_path_syntax;

/// Why an evidence path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Checks one evidence path against the dossier directory `dir`.
pub fn check(dir: &Path, text: &str) -> Result<(), Refusal> {
    check_file(dir, text, "evidence")
}

/// Checks a path to a file inside the dossier; `noun` names the file in messages
/// (`evidence`, `artefact`).
pub fn check_file(dir: &Path, text: &str, noun: &str) -> Result<(), Refusal> {
    if let Some((message, hint)) = check_path_syntax(text, noun) {
        return Err(Refusal {
            message,
            hint: hint.unwrap_or_default(),
        });
    }
    let candidate = dir.join(text);
    let resolved = match resolve_inside(dir, &candidate) {
        Ok((resolved, true)) => resolved,
        Ok((_, false)) => {
            return Err(Refusal {
                message: format!("{noun} file `{text}` resolves outside the dossier"),
                hint: "a symbolic link on this path points out of the dossier; copy the file into the dossier instead".to_owned(),
            });
        }
        Err(Unresolved::Root(e)) => {
            return Err(Refusal {
                message: format!("cannot resolve the dossier directory: {e}"),
                hint: String::new(),
            });
        }
        Err(Unresolved::Path) => {
            let dangling = std::fs::symlink_metadata(&candidate).is_ok();
            return Err(Refusal {
                message: if dangling {
                    format!("{noun} file `{text}` is a symbolic link to nothing")
                } else {
                    format!("{noun} file `{text}` does not exist")
                },
                hint: "add the file to the dossier, or correct the path (it is relative to the folder holding aiact.yaml)".to_owned(),
            });
        }
    };
    if !resolved.is_file() {
        return Err(Refusal {
            message: format!("{noun} path `{text}` is not a regular file"),
            hint: "name a file, not a folder".to_owned(),
        });
    }
    Ok(())
}

/// Whether the entry `path` of the directory `dir` (a template or rule-pack folder) is a
/// file to read: `Ok(true)` for a regular file, or a symbolic link to one inside `dir`;
/// `Ok(false)` for a folder, skipped; an error for a link that leaves `dir`, dangles, or
/// anything else (a FIFO would hang the reader). Nothing is opened.
pub fn readable_inside(dir: &Path, path: &Path) -> Result<bool, String> {
    let metadata = std::fs::symlink_metadata(path).map_err(|e| e.to_string())?;
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(true);
    }
    if kind.is_dir() {
        return Ok(false);
    }
    if !kind.is_symlink() {
        return Err("is not a regular file".to_owned());
    }
    let resolved = match resolve_inside(dir, path) {
        Ok((resolved, true)) => resolved,
        Ok((resolved, false)) => {
            return Err(format!(
                "is a symbolic link to {}, outside {}",
                resolved.display(),
                dir.display()
            ));
        }
        Err(Unresolved::Root(e)) => return Err(e.to_string()),
        Err(Unresolved::Path) => return Err("is a symbolic link to nothing".to_owned()),
    };
    if resolved.is_dir() {
        return Ok(false);
    }
    if !resolved.is_file() {
        return Err("is a symbolic link to something that is not a regular file".to_owned());
    }
    Ok(true)
}

/// The number of domains in the dossier's domains file, when it names one.
pub fn domains_listed(loaded: &super::LoadedDossier) -> crate::diag::Result<Option<usize>> {
    let top = &loaded.dossier.data.sources.crawled_data.top_domains;
    let Some(file) = &top.domains_file else {
        return Ok(None);
    };
    read_domains(&loaded.dir.join(file.as_str())).map(|domains| Some(domains.len()))
}

/// The domains of a domains file, in order: one per non-empty line (the first CSV column),
/// `#` comments and a leading `domain…` header skipped.
pub fn read_domains(path: &Path) -> crate::diag::Result<Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| crate::diag::Error::io(path, e))?;
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .peekable();
    if lines
        .peek()
        .is_some_and(|first| first.to_lowercase().starts_with("domain"))
    {
        lines.next();
    }
    Ok(lines
        .map(|line| line.split(',').next().unwrap_or(line).trim().to_owned())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_file_inside_and_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("evidence")).unwrap();
        std::fs::write(dir.path().join("evidence/policy.pdf"), b"%PDF").unwrap();
        std::fs::write(outside.path().join("secret.txt"), b"secret").unwrap();
        assert_eq!(check(dir.path(), "evidence/policy.pdf"), Ok(()));

        let missing = check(dir.path(), "evidence/missing.pdf").unwrap_err();
        assert!(missing.message.contains("does not exist"), "{missing:?}");
        let folder = check(dir.path(), "evidence").unwrap_err();
        assert!(folder.message.contains("not a regular file"), "{folder:?}");
        let climbing = check(dir.path(), "../x").unwrap_err();
        assert!(climbing.message.contains(".."), "{climbing:?}");
        let absolute = check(dir.path(), "/etc/passwd").unwrap_err();
        assert!(absolute.message.contains("absolute"), "{absolute:?}");

        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                outside.path().join("secret.txt"),
                dir.path().join("evidence/link.txt"),
            )
            .unwrap();
            let escaped = check(dir.path(), "evidence/link.txt").unwrap_err();
            assert!(
                escaped.message.contains("outside the dossier"),
                "{escaped:?}"
            );
            std::os::unix::fs::symlink("policy.pdf", dir.path().join("evidence/inside.pdf"))
                .unwrap();
            assert_eq!(check(dir.path(), "evidence/inside.pdf"), Ok(()));
        }
    }
}
