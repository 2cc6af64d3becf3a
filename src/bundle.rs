//! `aiact build` and `aiact sign`: the bundle a provider files. Every document in every format,
//! the compliance report as JSON, a copy of the dossier as it was checked (the dossier files and
//! every evidence file they reference) under `dossier/`, so an auditor can re-run `check` on
//! exactly what was filed, and the integrity files: `MANIFEST.json` (every file with its size,
//! SHA-256 and role, plus the digests of the model artefacts, which are not copied),
//! `SHA256SUMS`, and with a key an SSH signature of the manifest and a DSSE in-toto
//! attestation. The bundle is assembled beside its destination and renamed into place.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::classify::Fact;
use crate::diag::{Diagnostic, Error, Result};
use crate::dossier::LoadedDossier;
use crate::render::{self, DocumentKind, Format, RenderOptions, RenderedDocument};
use crate::report::Report;

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

/// Name and version of the tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolEntry {
    /// `aiact`.
    pub name: String,
    /// Its version.
    pub version: String,
}

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
    let artefacts = artefact_digests(loaded)?;
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
    crate::output::replace_dir(
        &options.out,
        &files,
        &crate::output::Replace {
            force: options.force,
            own_output: &own_output,
            inputs: &[&loaded.dir],
        },
    )?;
    Ok(Built {
        report,
        documents,
        files: files.into_iter().map(|(path, _)| path).collect(),
    })
}

/// `Ok` when `dir` holds only what aiact wrote there, so `--force` may replace it without
/// losing anything of the user's: a bundle that `verify` finds with no file added and none
/// altered (a file deleted loses nothing), or a directory of rendered documents and nothing
/// else. Otherwise why not. Nothing is followed through a symbolic link.
pub fn own_output(dir: &Path) -> std::result::Result<(), String> {
    if std::fs::symlink_metadata(dir.join(MANIFEST)).is_ok() {
        // The bundle check is `verify`'s: one listing, one hashing, one set of path rules.
        let found = crate::verify::verify(dir, None).map_err(|e| {
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

/// Hashes the model artefacts the dossier lists with a file, checking each against the
/// digest and size the dossier declares. The files are never copied into the bundle.
pub fn artefact_digests(loaded: &LoadedDossier) -> Result<Vec<ArtefactEntry>> {
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
                sha256: hex::encode(Sha256::digest(bytes)),
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
            version: crate::VERSION.to_owned(),
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

/// The in-toto Statement v1 of a bundle: every listed file and the manifest as subjects, and
/// as predicate the verdict, read from the compliance report (the `check --format json`
/// object) so that `sign` can make it for an existing bundle.
pub fn statement(
    manifest: &Manifest,
    manifest_bytes: &[u8],
    report: &serde_json::Value,
) -> serde_json::Value {
    let mut subjects: Vec<serde_json::Value> = manifest
        .files
        .iter()
        .map(|f| serde_json::json!({ "digest": { "sha256": f.sha256 }, "name": f.path }))
        .collect();
    subjects.push(serde_json::json!({
        "digest": { "sha256": hex::encode(Sha256::digest(manifest_bytes)) },
        "name": MANIFEST,
    }));
    subjects.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    let classification = &report["classification"];
    // The regime facts of the verdict, as the classification names them.
    let in_statement = [
        Fact::AuthorisedRepresentativeRequired,
        Fact::Gpai,
        Fact::ModifierIsProvider,
        Fact::OpenSourceExemption,
        Fact::SystemicRisk,
    ];
    let facts: serde_json::Map<String, serde_json::Value> = in_statement
        .into_iter()
        .map(|fact| {
            let key = fact.classification_key();
            (key.to_owned(), classification[key]["applies"].clone())
        })
        .collect();
    serde_json::json!({
        "_type": "https://in-toto.io/Statement/v1",
        "predicate": {
            "as_of": report["as_of"],
            "classification": facts,
            "dossier_digest": report["dossier"]["digest"],
            "findings": report["summary"],
            "model": classification["model"],
            "provider": classification["provider"]["name"],
            "rules_digest": report["rules"]["digest"],
            "tool": { "name": "aiact", "version": crate::VERSION },
        },
        "predicateType": PREDICATE_TYPE,
        "subject": subjects,
    })
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
            .map(|(path, bytes)| (manifest_path(path), hex::encode(Sha256::digest(bytes)))),
    );
    lines.sort();
    lines
        .into_iter()
        .map(|(path, digest)| crate::digest::sum_line(&digest, &path))
        .collect::<String>()
        .into_bytes()
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

/// The SSH signature of the manifest and the signed attestation.
pub fn signatures(
    key: &SigningKey,
    manifest_bytes: &[u8],
    manifest: &Manifest,
    report: &serde_json::Value,
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let signature = crate::sign::sshsig_sign(key, crate::sign::NAMESPACE, manifest_bytes);
    let statement = statement(manifest, manifest_bytes, report);
    let payload = serde_json::to_vec(&statement)
        .map_err(|e| Error::Usage(format!("the attestation cannot be encoded: {e}")))?;
    let envelope = crate::sign::dsse_envelope(key, PAYLOAD_TYPE, &payload);
    Ok(vec![
        (PathBuf::from(SIGNATURE), signature.into_bytes()),
        (PathBuf::from(ATTESTATION), envelope.into_bytes()),
    ])
}
