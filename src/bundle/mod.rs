//! What aiact writes for a provider to file, and how an auditor checks it. A bundle holds every
//! document in every format, the compliance report as JSON, a copy of the dossier as it was
//! checked (the dossier files and every evidence file they reference) under `dossier/`, so an
//! auditor can re-run `check` on exactly what was filed, and the integrity files:
//! `MANIFEST.json` (every file with its size, SHA-256 and role, plus the digests of the model
//! artefacts, which are not copied), `SHA256SUMS`, and with a key an SSH signature of the
//! manifest and a DSSE in-toto attestation. A bundle is assembled beside its destination and
//! renamed into place.
//!
//! - [`manifest`]: the manifest and `SHA256SUMS`;
//! - [`build`]: `aiact build`, and the documents `aiact render` writes;
//! - [`attestation`]: the in-toto statement and the signatures;
//! - [`verify`]: `aiact verify` and `aiact sign`.

pub mod attestation;
pub mod build;
pub mod manifest;
pub mod verify;

use std::path::Path;

pub use build::{BuildOptions, Built, RenderRequest, build, write_documents};
pub use manifest::{Manifest, ManifestEntry, ToolEntry};
pub use verify::{Verification, sign_bundle, verify};

use crate::render::{DocumentKind, Format};

/// Where the dossier copy goes inside a bundle.
pub const DOSSIER_DIR: &str = "dossier";

/// The manifest's file name, at the bundle root.
pub const MANIFEST: &str = "MANIFEST.json";
/// The coreutils checksum file.
pub const SUMS: &str = "SHA256SUMS";
/// The SSH signature of the manifest.
pub const SIGNATURE: &str = "MANIFEST.json.sig";
/// The DSSE envelope of the in-toto statement.
pub const ATTESTATION: &str = "attestation.dsse.json";
/// The files a manifest does not list (they are about the listed ones).
pub const INTEGRITY_FILES: [&str; 4] = [MANIFEST, SUMS, SIGNATURE, ATTESTATION];
/// The manifest format.
pub const MANIFEST_FORMAT: &str = "aiact-manifest/1";
/// The in-toto predicate type of aiact's attestation (a URN: aiact owns no domain).
pub const PREDICATE_TYPE: &str = "urn:aiact:predicate:compliance:v1";
/// DSSE payload type of in-toto statements.
pub const PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";

/// `Ok` when `dir` holds only what aiact wrote there, so `--force` may replace it without
/// losing anything of the user's: a bundle that `verify` finds with no file added and none
/// altered (a file deleted loses nothing), or a directory of rendered documents and nothing
/// else. Otherwise why not. Nothing is followed through a symbolic link.
pub fn own_output(dir: &Path) -> std::result::Result<(), String> {
    if std::fs::symlink_metadata(dir.join(MANIFEST)).is_ok() {
        // The bundle check is `verify`'s: one listing, one hashing, one set of path rules.
        let found = verify::verify(dir, None).map_err(|e| {
            let why = e
                .diagnostics()
                .first()
                .map(|d| d.message.clone())
                .unwrap_or_default();
            format!("its MANIFEST.json is not an aiact manifest: {why}")
        })?;
        if let Some(path) = found.extra.first() {
            let (path, kind) = match path.strip_suffix('/') {
                Some(folder) => (folder, "a folder"),
                None => (path.as_str(), "a file"),
            };
            return Err(format!(
                "`{path}` is {kind} that its MANIFEST.json does not list"
            ));
        }
        if let Some(altered) = found.altered.first() {
            return Err(format!(
                "`{}` was changed since aiact wrote it",
                altered.path
            ));
        }
        if let Some(path) = found.unsafe_paths.first().or(found.duplicates.first()) {
            return Err(format!(
                "its MANIFEST.json lists `{path}`, which no bundle holds"
            ));
        }
        return Ok(());
    }
    let documents: std::collections::BTreeSet<String> = DocumentKind::ALL
        .iter()
        .flat_map(|kind| Format::ALL.iter().map(move |format| (kind, format)))
        .map(|(kind, format)| format!("{}.{}", kind.stem(), format.extension()))
        .collect();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let kind = entry
            .file_type()
            .map_err(|e| format!("{}: {e}", entry.path().display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(kind.is_file() && documents.contains(&name)) {
            let kind = if kind.is_dir() {
                "a folder"
            } else if kind.is_symlink() {
                "a symbolic link"
            } else if kind.is_file() {
                "a file"
            } else {
                "a special file"
            };
            return Err(format!("`{name}` is {kind} that no aiact output lists"));
        }
    }
    Ok(())
}
