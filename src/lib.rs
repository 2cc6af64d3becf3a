//! aiact turns the evidence a general-purpose AI model provider already has into the EU AI Act
//! documentation that authorities, downstream providers and auditors can trust.
//!
//! One pipeline, one module per stage:
//!
//! ```text
//! load (dossier) → validate (dossier::schema) → classify → evaluate (rules, check)
//!                → render → sign
//! ```
//!
//! This release implements every stage but signing: `init`, `schema`, `classify`, `check`,
//! `rules`, `render` and `build`. Findings of rules are data; [`diag::Error`] is only for
//! "could not do the job" (exit code 2).
//!
//! Module ownership:
//! - [`cli`]: clap types only, turned into calls of the functions below;
//! - [`dossier`]: the dossier model, strict loading with located errors, evidence paths,
//!   schemas, audiences and the `init` skeleton; nothing else knows YAML;
//! - [`classify`]: derived regime facts with reasons and legal bases;
//! - [`rules`]: the rule-file format, its validation and the embedded catalogue;
//! - [`check`]: rules evaluated into findings, waivers; no I/O;
//! - [`report`]: the JSON contract of a check and its six writers;
//! - [`render`]: templates → Markdown → HTML and PDF; nothing else knows typst or tera;
//! - [`bundle`]: what `build` writes;
//! - [`diag`]: the error type and located diagnostics;
//! - [`clock`]: the one source of "today";
//! - [`budget`]: the watchdog that bounds template and layout rendering in time and memory;
//! - [`output`]: atomic file and directory writing.

pub mod budget;
pub mod bundle;
pub mod check;
pub mod classify;
pub mod cli;
pub mod clock;
pub mod diag;
pub mod digest;
pub mod dossier;
pub mod import;
pub mod output;
pub mod paths;
pub mod render;
pub mod report;
pub mod rules;
pub mod sign;
pub mod verify;

use std::path::{Path, PathBuf};

use diag::{Diagnostic, Error, Result};
use dossier::FileKind;
use dossier::skeleton::{SCHEMA_DIR, schema_file_name, skeleton};

/// The version of this build of aiact.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The JSON Schema of every dossier file, keyed by schema file name, pretty-printed.
pub fn schemas() -> Vec<(String, String)> {
    FileKind::ALL
        .iter()
        .map(|kind| {
            let text =
                serde_json::to_string_pretty(dossier::schema::schema(*kind)).unwrap_or_default();
            (schema_file_name(*kind), text + "\n")
        })
        .collect()
}

/// Writes the schemas into `out` and returns the paths written.
pub fn write_schemas(out: &Path) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (name, text) in schemas() {
        let path = out.join(name);
        output::write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}

/// Scaffolds a dossier in `dir`: every file of the format, the schemas for editors and an
/// `evidence/` folder. Refuses a non-empty directory unless `force`.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} exists and is not a directory",
            dir.display()
        )));
    }
    if !force && !output::is_missing_or_empty(dir)? {
        return Err(Diagnostic::error(format!(
            "{} is not empty; refusing to write a dossier skeleton into it",
            dir.display()
        ))
        .help("choose a new directory, or pass --force to add the dossier files beside what is there (an existing file is never overwritten)")
        .into());
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = FileKind::ALL
        .iter()
        .map(|kind| {
            (
                PathBuf::from(format!("{}.yaml", kind.stem())),
                skeleton(*kind).into_bytes(),
            )
        })
        .collect();
    for (name, text) in schemas() {
        files.push((Path::new(SCHEMA_DIR).join(name), text.into_bytes()));
    }
    files.push((
        PathBuf::from("evidence/README.md"),
        EVIDENCE_README.as_bytes().to_vec(),
    ));
    output::write_tree(dir, &files)?;
    Ok(files.into_iter().map(|(path, _)| dir.join(path)).collect())
}

const EVIDENCE_README: &str = "# Evidence\n\nFiles that the dossier points to: policies, mandates, reports, evaluation logs,\ndataset cards. Dossier fields name them by a path relative to the dossier root,\nsuch as `evidence/copyright-policy.pdf`. A path must stay inside the dossier: no\n`..`, no absolute paths, no symbolic links that point outside.\n";

/// What `check` needs besides the dossier.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Extra rule packs.
    pub rule_dirs: Vec<PathBuf>,
    /// Fixes "today" for date rules.
    pub as_of: Option<chrono::NaiveDate>,
    /// Overrides the rules' tolerance for compute estimates.
    pub compute_tolerance: Option<f64>,
}

/// The whole check pipeline: load the dossier and the rules, classify, evaluate, report.
/// `shown_path` is how the dossier is named in the report (as given on the command line).
pub fn check(dir: &Path, shown_path: &str, options: &CheckOptions) -> Result<report::Report> {
    evaluate(dir, shown_path, options).map(|(_, report)| report)
}

/// [`check`], also returning the loaded dossier (what rendering needs besides the report).
pub fn evaluate(
    dir: &Path,
    shown_path: &str,
    options: &CheckOptions,
) -> Result<(dossier::LoadedDossier, report::Report)> {
    // The rules and the dossier are independent inputs: read them at the same time.
    let (rules, loaded) = std::thread::scope(|scope| {
        let rules = scope.spawn(|| rules::load(&options.rule_dirs));
        let loaded = dossier::load(dir);
        let rules = rules
            .join()
            .unwrap_or_else(|_| Err(Error::Usage("the rules could not be loaded".to_owned())));
        (rules, loaded)
    });
    let (rules, loaded) = match (rules, loaded) {
        (Ok(rules), Ok(loaded)) => (rules, loaded),
        (Err(a), Err(b)) => {
            let mut all = a.diagnostics();
            all.extend(b.diagnostics());
            return Err(Error::Input(all));
        }
        (Err(error), _) | (_, Err(error)) => return Err(error),
    };
    let clock = clock::Clock::resolve(options.as_of)?;
    let classification = classify::classify(&loaded.dossier);
    let facts = classification.facts();
    let value = loaded.dossier.to_unified_value();
    let literal = |path: &dossier::FieldPath| loaded.plain_scalar(path).map(str::to_owned);
    let domains_in_file = match &loaded
        .dossier
        .data
        .sources
        .crawled_data
        .top_domains
        .domains_file
    {
        Some(file) => Some(count_domains(&loaded.dir.join(file.as_str()))?),
        None => None,
    };
    let evidence_mismatches = evidence_mismatches(&loaded.dir, &loaded.dossier);
    let context = check::Context {
        dossier: &loaded.dossier,
        value: &value,
        literal: &literal,
        today: clock.today(),
        compute_tolerance: options.compute_tolerance,
        domains_in_file,
        evidence_mismatches,
    };
    let findings = check::evaluate(&rules, &facts, &context).map_err(Error::Input)?;
    let report = report::build(
        &loaded,
        shown_path,
        classification,
        facts,
        &rules,
        &findings,
        &clock,
    );
    Ok((loaded, report))
}

/// Evaluation records whose value differs from the value their evidence pointer designates
/// (records without a pointer are not compared). Each evidence file is read once.
pub fn evidence_mismatches(dir: &Path, dossier: &dossier::Dossier) -> Vec<(usize, String)> {
    // Records by evidence file, so that each file is read and parsed once.
    let mut by_file: std::collections::BTreeMap<&str, Vec<(usize, &str)>> =
        std::collections::BTreeMap::new();
    for (index, record) in dossier.evaluations.records.iter().enumerate() {
        if let (Some(evidence), Some(pointer)) = (&record.evidence, &record.evidence_pointer) {
            by_file
                .entry(evidence.as_str())
                .or_default()
                .push((index, pointer.as_str()));
        }
    }
    let mut out = Vec::new();
    for (evidence, records) in by_file {
        let Ok(bytes) = std::fs::read(dir.join(evidence)) else {
            out.extend(records.iter().map(|(index, _)| {
                (
                    *index,
                    format!("cannot be compared: {evidence} cannot be read"),
                )
            }));
            continue;
        };
        let pointers: Vec<&str> = records.iter().map(|(_, p)| *p).collect();
        let found = import::resolve_pointers(&bytes, &pointers);
        for ((index, pointer), source) in records.into_iter().zip(found) {
            let value = dossier.evaluations.records[index].value;
            match source {
                Ok(source) => {
                    if let Some(detail) = import::disagreement(value, &source) {
                        out.push((index, format!("{detail} at {pointer} of {evidence}")));
                    }
                }
                Err(why) => out.push((index, format!("cannot be compared: {why}"))),
            }
        }
    }
    out.sort_by_key(|(index, _)| *index);
    out
}

/// Domains listed in a domains file.
fn count_domains(path: &Path) -> Result<usize> {
    read_domains(path).map(|domains| domains.len())
}

/// The domains of a domains file, in order: one per non-empty line (the first CSV column),
/// `#` comments and a leading `domain…` header skipped.
pub fn read_domains(path: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
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

/// Writes a new signing key: `PREFIX.key` (PKCS#8 v1 PEM, mode 0600), `PREFIX.pub` (OpenSSH
/// line) and `PREFIX.pub.pem` (SPKI PEM). Refuses to overwrite any of them.
pub fn keygen(prefix: &Path, comment: &str) -> Result<Vec<PathBuf>> {
    let with = |suffix: &str| {
        let mut name = prefix.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let paths = [with(".key"), with(".pub"), with(".pub.pem")];
    if let Some(existing) = paths.iter().find(|p| p.exists()) {
        return Err(Diagnostic::error(format!(
            "{} exists; refusing to overwrite a key",
            existing.display()
        ))
        .help("choose another --out prefix, or move the old key files away")
        .into());
    }
    let key = sign::generate()?;
    let public = key.verifying_key();
    output::write_private(&paths[0], sign::private_pem(&key)?.as_bytes())?;
    output::write_atomic(&paths[1], sign::public_openssh(&public, comment).as_bytes())?;
    output::write_atomic(&paths[2], sign::public_pem(&public)?.as_bytes())?;
    Ok(paths.to_vec())
}

/// `init` filled from a Hugging Face model card. A new dossier is assembled beside `dir` and
/// renamed into place only when the import succeeds, so a card that cannot be imported leaves
/// nothing behind.
pub fn init_from_card(dir: &Path, force: bool, card: &Path) -> Result<import::Imported> {
    if !output::is_missing_or_empty(dir)? {
        // `--force` into a non-empty directory: the skeleton's files beside what is there
        // (refused if one exists), then the import into them.
        init(dir, force)?;
        return import::import(import::Kind::HfCard, &[card.to_path_buf()], dir);
    }
    output::create_dir_whole(dir, |new| {
        init(new, false)?;
        import::import(import::Kind::HfCard, &[card.to_path_buf()], new)
    })
}
