//! `aiact build`: the bundle a provider files. Every document in every format, the compliance
//! report as JSON, and a copy of the dossier as it was checked (the dossier files and every
//! evidence file they reference) under `dossier/`, so an auditor can re-run `check` on exactly
//! what was filed. The bundle is assembled beside its destination and renamed into place.

use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};
use crate::dossier::LoadedDossier;
use crate::render::{self, DocumentKind, Format, RenderOptions, RenderedDocument};
use crate::report::Report;

/// Where the dossier copy goes inside a bundle.
pub const DOSSIER_DIR: &str = "dossier";

/// What `build` needs besides the check options.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The bundle directory.
    pub out: PathBuf,
    /// Replace a non-empty `out`.
    pub force: bool,
    /// Templates overriding the built-in ones by name.
    pub templates: Option<PathBuf>,
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

/// Renders every document in every format and writes the bundle.
pub fn build(
    loaded: &LoadedDossier,
    report: Report,
    options: &BuildOptions,
    progress: &(dyn Fn(&RenderedDocument) + Sync),
) -> Result<Built> {
    let documents = render::render(
        loaded,
        &report,
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
    crate::output::replace_dir(&options.out, &files, options.force)?;
    Ok(Built {
        report,
        documents,
        files: files.into_iter().map(|(path, _)| path).collect(),
    })
}
