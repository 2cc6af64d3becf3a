//! `MANIFEST.json`, the list of every file of a bundle with its size, digest and role, in a
//! canonical form, and `SHA256SUMS`, the same digests for `sha256sum -c`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::MANIFEST_FORMAT;
use crate::dossier::artefacts::ArtefactEntry;
use crate::report::Report;

/// `MANIFEST.json`. Fields are declared in alphabetical order and entries sorted by path, so
/// the serialised form is canonical.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Model artefacts the dossier lists with a file: recorded, not copied into the bundle.
    pub artefacts: Vec<ArtefactEntry>,
    /// When the bundle was made (the one clock: `--as-of`, `SOURCE_DATE_EPOCH` or now), UTC.
    pub created: String,
    /// The dossier digest of the compliance report.
    pub dossier_digest: String,
    /// Every file of the bundle but the integrity files, sorted by path.
    pub files: Vec<ManifestEntry>,
    /// `aiact-manifest/1`.
    pub format: String,
    /// The digest of the rule catalogue the dossier was checked with.
    pub rules_digest: String,
    /// The tool that made it.
    pub tool: ToolEntry,
}

/// One file of the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// Relative path with `/` separators.
    pub path: String,
    /// `document`, `report`, `dossier` (a dossier file) or `evidence`.
    pub role: String,
    /// SHA-256, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// Name and version of the tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolEntry {
    /// `aiact`.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// The role of a bundle file, from where it is.
fn role(path: &str) -> &'static str {
    if let Some(inside) = path.strip_prefix("dossier/") {
        if inside.contains('/') {
            "evidence"
        } else {
            "dossier"
        }
    } else if path.ends_with(".json") {
        "report"
    } else {
        "document"
    }
}

/// A bundle path as written in the manifest: relative, with `/`.
fn manifest_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The manifest of a bundle's files.
pub fn manifest(
    files: &[(PathBuf, Vec<u8>)],
    artefacts: Vec<ArtefactEntry>,
    report: &Report,
    created: DateTime<Utc>,
) -> Manifest {
    let mut entries: Vec<ManifestEntry> = files
        .iter()
        .map(|(path, bytes)| {
            let path = manifest_path(path);
            ManifestEntry {
                role: role(&path).to_owned(),
                sha256: crate::digest::sha256_hex(bytes),
                size: bytes.len() as u64,
                path,
            }
        })
        .collect();
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    Manifest {
        artefacts,
        created: created.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        dossier_digest: report.dossier.digest.clone(),
        files: entries,
        format: MANIFEST_FORMAT.to_owned(),
        rules_digest: report.rules.digest.clone(),
        tool: ToolEntry {
            name: "aiact".to_owned(),
            version: crate::version::VERSION.to_owned(),
        },
    }
}

/// The canonical bytes of a manifest: two-space indentation, fields and entries in order, a
/// final newline.
pub fn manifest_bytes(manifest: &Manifest) -> Vec<u8> {
    let mut text = serde_json::to_string_pretty(manifest).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

/// `SHA256SUMS`: the files the manifest lists, with the digests it already holds (they were
/// computed once, from the bytes written), and the integrity files in `others`, sorted by path.
pub fn sums(manifest: &Manifest, others: &[(PathBuf, Vec<u8>)]) -> Vec<u8> {
    let mut lines: Vec<(String, String)> = manifest
        .files
        .iter()
        .map(|f| (f.path.clone(), f.sha256.clone()))
        .collect();
    lines.extend(
        others
            .iter()
            .map(|(path, bytes)| (manifest_path(path), crate::digest::sha256_hex(bytes))),
    );
    lines.sort();
    lines
        .into_iter()
        .map(|(path, digest)| crate::digest::sum_line(&digest, &path))
        .collect::<String>()
        .into_bytes()
}
