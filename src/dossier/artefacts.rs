//! The model artefacts a dossier lists with a file (weights, say): their digests and sizes,
//! checked against what the dossier declares. They are dossier facts, computed once per
//! command and shown in the technical documentation and the bundle's manifest; the files are
//! never copied.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::LoadedDossier;
use crate::diag::{Diagnostic, Error, Result};

/// A model artefact recorded in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArtefactEntry {
    /// Its name in the dossier.
    pub name: String,
    /// Its path in the dossier (not in the bundle).
    pub path: String,
    /// SHA-256, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// Hashes the model artefacts the dossier lists with a file, checking each against the
/// digest and size the dossier declares. The files are never copied into the bundle.
pub fn digests(loaded: &LoadedDossier) -> Result<Vec<ArtefactEntry>> {
    // A problem with artefact `index`, located at its field in technical.yaml.
    let problem = |index: usize, field: &str, message: String| {
        let path = crate::dossier::FieldPath::root()
            .key("technical")
            .key("artefacts")
            .index(index)
            .key(field);
        let at = loaded.locate(&path);
        Diagnostic::error(message)
            .at_point(at.file.clone(), at.line, at.column)
            .field(path.to_string())
    };
    let listed: Vec<(usize, &crate::dossier::model::technical::Artefact, &str)> = loaded
        .dossier
        .technical
        .artefacts
        .iter()
        .flatten()
        .enumerate()
        .filter_map(|(index, a)| a.path.as_ref().map(|p| (index, a, p.as_str())))
        .collect();
    let mut problems = Vec::new();
    for (index, _, path) in &listed {
        if let Err(refusal) = crate::dossier::evidence::check_file(&loaded.dir, path, "artefact") {
            problems.push(problem(*index, "path", refusal.message).help(refusal.hint));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    let paths: Vec<PathBuf> = listed.iter().map(|(_, _, p)| loaded.dir.join(p)).collect();
    let results = crate::digest::files(&paths, crate::digest::default_threads(), &|_| {});
    let mut entries = Vec::new();
    for ((index, artefact, path), result) in listed.into_iter().zip(results) {
        let (size, sha256) = result.map_err(|e| Error::io(loaded.dir.join(path), e))?;
        if let Some(declared) = artefact.sha256.as_ref().filter(|d| **d != sha256) {
            problems.push(
                problem(
                    index,
                    "sha256",
                    format!(
                        "artefact `{path}` has SHA-256 {sha256}, not the {declared} the dossier declares"
                    ),
                )
                .help("the documentation must state the digest of the file distributed: correct the digest, or the file"),
            );
        }
        if let Some(declared) = artefact.size_bytes.filter(|d| *d != size) {
            problems.push(problem(
                index,
                "size_bytes",
                format!(
                    "artefact `{path}` has {size} bytes, not the {declared} the dossier declares"
                ),
            ));
        }
        entries.push(ArtefactEntry {
            name: artefact.name.clone(),
            path: path.to_owned(),
            sha256,
            size,
        });
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(entries)
}
