//! `aiact build`: every document in every format, the compliance report and the dossier copy,
//! with the integrity files, written whole; and the documents alone, for `aiact render`.

use std::path::{Path, PathBuf};

use ed25519_dalek::SigningKey;

use super::attestation::signatures;
use super::manifest::{Manifest, manifest, manifest_bytes, sums};
use super::{DOSSIER_DIR, MANIFEST, SUMS, own_output};
use crate::diag::{Error, Result};
use crate::dossier::LoadedDossier;
use crate::dossier::artefacts::ArtefactEntry;
use crate::render::{self, DocumentKind, Format, RenderOptions, RenderedDocument};
use crate::report::Report;

/// What `build` needs besides the check options.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The bundle directory.
    pub out: PathBuf,
    /// Replace a non-empty `out`.
    pub force: bool,
    /// Templates overriding the built-in ones by name.
    pub templates: Option<PathBuf>,
    /// The key to sign with.
    pub key: Option<SigningKey>,
}

/// What `render` writes besides what every evaluation needs.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    /// The directory to write into.
    pub out: PathBuf,
    /// The documents and formats, and the templates overriding the built-in ones.
    pub options: render::RenderOptions,
    /// Replace a non-empty `out` that holds aiact's own output.
    pub force: bool,
}

/// What a build produced.
#[derive(Debug)]
pub struct Built {
    /// The check report (also written as `compliance-report.json`).
    pub report: Report,
    /// The documents, with their page counts.
    pub documents: Vec<RenderedDocument>,
    /// Every file written, relative to the bundle.
    pub files: Vec<PathBuf>,
}

/// The files of the dossier as checked: the dossier files, byte for byte as read, and the
/// evidence files they reference.
pub fn dossier_copy(loaded: &LoadedDossier) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut evidence: Vec<&str> = Vec::new();
    for file in &loaded.files {
        files.push((
            Path::new(DOSSIER_DIR).join(&file.source.name),
            file.source.text.as_bytes().to_vec(),
        ));
        evidence.extend(file.evidence.iter().map(String::as_str));
    }
    evidence.sort_unstable();
    evidence.dedup();
    for relative in evidence {
        let path = loaded.dir.join(relative);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        files.push((Path::new(DOSSIER_DIR).join(relative), bytes));
    }
    Ok(files)
}

/// Renders every document in every format and writes the bundle. `artefacts` are the
/// dossier's model artefacts, hashed and checked ([`crate::dossier::artefacts::digests`]).
pub fn build(
    loaded: &LoadedDossier,
    report: Report,
    artefacts: Vec<ArtefactEntry>,
    options: &BuildOptions,
    progress: &(dyn Fn(&RenderedDocument) + Sync),
) -> Result<Built> {
    let documents = render::render(
        loaded,
        &report,
        &artefacts,
        &RenderOptions {
            documents: DocumentKind::ALL.to_vec(),
            formats: Format::ALL.to_vec(),
            templates: options.templates.clone(),
        },
        progress,
    )?;
    let mut files: Vec<(PathBuf, Vec<u8>)> = documents
        .iter()
        .flat_map(|d| d.files.iter().cloned())
        .collect();
    files.push((
        PathBuf::from("compliance-report.json"),
        crate::report::json(&report).into_bytes(),
    ));
    files.extend(dossier_copy(loaded)?);
    let manifest = manifest(&files, artefacts, &report, report.now);
    let report_json = serde_json::to_value(&report).unwrap_or_default();
    files.extend(integrity_files(
        &manifest,
        &report_json,
        options.key.as_ref(),
    )?);
    replace(&options.out, &files, options.force, &loaded.dir)?;
    Ok(Built {
        report,
        documents,
        files: files.into_iter().map(|(path, _)| path).collect(),
    })
}

/// The integrity files of a bundle: the manifest, with a key its signature and attestation,
/// and `SHA256SUMS` over every other file.
pub fn integrity_files(
    manifest: &Manifest,
    report: &serde_json::Value,
    key: Option<&SigningKey>,
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let manifest_bytes = manifest_bytes(manifest);
    let mut written = vec![(PathBuf::from(MANIFEST), manifest_bytes.clone())];
    if let Some(key) = key {
        written.extend(signatures(key, &manifest_bytes, manifest, report)?);
    }
    let sums = sums(manifest, &written);
    written.push((PathBuf::from(SUMS), sums));
    Ok(written)
}

/// Writes rendered documents into `out` (`aiact render`), under the rules of a bundle: a
/// non-empty `out` is replaced only with `force` and only when it holds aiact's own output.
/// Returns the number of files written.
pub fn write_documents(
    out: &Path,
    documents: &[RenderedDocument],
    force: bool,
    input: &Path,
) -> Result<usize> {
    let files: Vec<(PathBuf, Vec<u8>)> = documents
        .iter()
        .flat_map(|d| d.files.iter().cloned())
        .collect();
    replace(out, &files, force, input)?;
    Ok(files.len())
}

/// Writes `files` as the whole content of `out`; `input` (the dossier) is never replaced.
fn replace(out: &Path, files: &[(PathBuf, Vec<u8>)], force: bool, input: &Path) -> Result<()> {
    crate::output::replace_dir(
        out,
        files,
        &crate::output::Replace {
            force,
            own_output: &own_output,
            inputs: &[input],
        },
    )
}
