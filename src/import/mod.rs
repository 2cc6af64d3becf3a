//! Importers: bringing the files providers already have (Hugging Face model and dataset cards,
//! lm-evaluation-harness results, Inspect AI logs) into the dossier, with every imported value
//! traceable to its source: the source file is kept as evidence (under `evidence/imports/`)
//! and each evaluation record names it and the JSON pointer of its value.
//!
//! Evaluation records are tagged from the benchmark catalogue ([`crate::evals`]) with the
//! dimensions they give evidence of. A record imported before keeps what people wrote: a
//! re-import gives it `dimensions` only where it has none (an empty list `[]` is an answer).
//!
//! An import is all or nothing: every source is read and mapped, the edited dossier files are
//! checked as the loader would check them, and only then is anything written.

pub mod hf;
pub mod inspect;
pub mod lm_eval;
pub mod migrate;
pub mod patch;
mod pointers;
mod tag;

pub use pointers::{disagreement, evidence_mismatches, resolve_pointers};

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::{Diagnostic, Error, Result};
use crate::dossier::FileKind;

/// What kind of file is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A Hugging Face model card (`README.md` with YAML front matter).
    HfCard,
    /// A Hugging Face dataset card.
    HfDatasetCard,
    /// lm-evaluation-harness results (v0.3 or v0.4 JSON).
    LmEval,
    /// An Inspect AI log (`.json` or `.eval`).
    Inspect,
}

impl Kind {
    /// The name used on the command line and for the evidence folder.
    pub fn name(self) -> &'static str {
        match self {
            Kind::HfCard => "hf-card",
            Kind::HfDatasetCard => "hf-dataset-card",
            Kind::LmEval => "lm-eval",
            Kind::Inspect => "inspect",
        }
    }
}

/// A field an import answers where it is unanswered.
#[derive(Debug, Clone)]
pub struct Field {
    /// The dossier file.
    pub file: FileKind,
    /// The path in it.
    pub path: Vec<&'static str>,
    /// The value.
    pub value: Value,
    /// Where in the source the value was read (a front-matter pointer or a section), written
    /// next to the answer as a comment so the value stays traceable.
    pub source: String,
}

/// What one source contributes to the dossier.
#[derive(Debug, Default, Clone)]
pub struct Mapped {
    /// Evaluation records (each with its `evidence_pointer`; `evidence` is filled in later).
    pub records: Vec<Value>,
    /// Fields to answer where unanswered.
    pub fields: Vec<Field>,
    /// Items to append to lists: file, path, item.
    pub items: Vec<(FileKind, Vec<&'static str>, Value)>,
    /// What could not be mapped, in words (it stays in the evidence file).
    pub unmapped: Vec<String>,
    /// Things to look at: partial or failed runs, values that were not numbers.
    pub flags: Vec<String>,
}

impl Mapped {
    /// Answers `path` of `file` with `value`, read at `source` in the source file.
    pub fn field(
        &mut self,
        file: FileKind,
        path: Vec<&'static str>,
        value: Value,
        source: impl Into<String>,
    ) {
        self.fields.push(Field {
            file,
            path,
            value,
            source: source.into(),
        });
    }
}

/// The outcome of an import, for the user.
#[derive(Debug, Default, Clone)]
pub struct Imported {
    /// Per source: its path, the evidence copy, and what it gave.
    pub sources: Vec<(PathBuf, String, Mapped)>,
    /// Fields answered, as unified paths.
    pub set: Vec<String>,
    /// Fields that already had an answer and were kept.
    pub kept: Vec<String>,
    /// Dossier files written.
    pub written: Vec<String>,
    /// Evaluation records added (records already imported are not added again).
    pub added: usize,
    /// SHA-256 of the benchmark catalogue the records were tagged with.
    pub catalogue_digest: String,
}

/// Most evaluation records one import may read from its files. A dossier of that many records stays well
/// inside the loader's bounds (file size and parser events), and an import refuses a larger
/// one with its count before it builds any YAML, so memory stays a small multiple of the input.
pub const MAX_RECORDS: usize = 20_000;

/// Largest source file read (a long Inspect log with samples is large; a bigger one is an error).
const MAX_SOURCE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// Reads a source file whole, bounded.
pub fn read_source(path: &Path) -> Result<Vec<u8>> {
    let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if metadata.len() > MAX_SOURCE_BYTES {
        return Err(source_error(
            path,
            None,
            format!(
                "the file is {} bytes; the limit is {MAX_SOURCE_BYTES}",
                metadata.len()
            ),
        ));
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// An error in a source file, at its line and column; a problem with the whole file (too
/// large, not an archive) is placed at its start, 1:1.
pub fn source_error(path: &Path, at: Option<(usize, usize)>, message: String) -> Error {
    source_diagnostic(path, at, message).into()
}

/// [`source_error`] as a diagnostic, to add hints to.
pub fn source_diagnostic(path: &Path, at: Option<(usize, usize)>, message: String) -> Diagnostic {
    let (line, column) = at.unwrap_or((1, 1));
    Diagnostic::error(message).at_point(path.display().to_string(), line, column)
}

/// Text as UTF-8, or an error at the line and column of the first byte that is not.
pub fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let line = prefix.matches('\n').count() + 1;
        let column = prefix.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        source_error(
            path,
            Some((line, column)),
            format!("not UTF-8 text: the byte at line {line}, column {column} is not valid UTF-8"),
        )
    })
}

/// JSON text with the bare `NaN`, `Infinity` and `-Infinity` tokens some harnesses write
/// turned into strings, so a strict parser reads it and the values stay recognisable as not
/// finite. Text inside strings is untouched; line and column positions are kept.
pub fn quote_non_finite(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut in_string = false;
    let mut escaped = false;
    let mut hits: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
            i += 1;
            continue;
        }
        for token in ["-Infinity", "Infinity", "NaN"] {
            // Compared as bytes: `i` may sit inside a multi-byte character (a BOM, 日) that
            // lies outside any string, where slicing the `str` would panic.
            if bytes[i..].starts_with(token.as_bytes()) {
                hits.push((i, token.len()));
                i += token.len() - 1;
                break;
            }
        }
        i += 1;
    }
    if hits.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + hits.len() * 2);
    let mut last = 0;
    for (start, length) in hits {
        out.push_str(&text[last..start]);
        out.push('"');
        out.push_str(&text[start..start + length]);
        out.push('"');
        last = start + length;
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// Parses a JSON source (bare non-finite numbers allowed), with a located error.
pub fn parse_json(path: &Path, bytes: &[u8]) -> Result<Value> {
    let text = utf8(path, bytes)?;
    let text = quote_non_finite(text);
    serde_json::from_str(&text).map_err(|e| {
        source_error(
            path,
            Some((e.line(), e.column().max(1))),
            format!("not valid JSON: {e}"),
        )
    })
}

/// One segment of a JSON pointer (RFC 6901): `~` and `/` escaped.
pub fn pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// A JSON pointer from its segments.
pub fn pointer(segments: &[&str]) -> String {
    segments
        .iter()
        .map(|s| format!("/{}", pointer_segment(s)))
        .collect()
}

/// A number as imported: finite numbers as themselves, anything else (non-finite, `"N/A"`,
/// missing) as the reason it is not available.
pub fn number(value: &Value) -> std::result::Result<f64, String> {
    match value {
        Value::Number(n) => n
            .as_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(|| format!("the log recorded {n}")),
        Value::String(s) => Err(format!("the log recorded {s}")),
        Value::Null => Err("the log recorded no value".to_owned()),
        other => Err(format!("the log recorded {other}")),
    }
}

/// Puts a source value into a record: `value` when it is a finite number, otherwise
/// `value_not_available` with the reason (in the words of `source`, "the log" or "the card"),
/// and a flag saying so about `what`.
pub fn record_value(
    record: &mut serde_json::Map<String, Value>,
    raw: &Value,
    source: &str,
    what: &str,
    flags: &mut Vec<String>,
) {
    match number(raw) {
        Ok(value) => {
            record.insert("value".into(), serde_json::json!(value));
        }
        Err(why) => {
            let why = why.replace("the log", source);
            flags.push(format!("{what}: {why}; recorded as not available"));
            record.insert("value_not_available".into(), serde_json::json!(why));
        }
    }
}

/// Where a source is kept in the dossier: `evidence/imports/<kind>/<file name>`, or with a
/// digest prefix when another file of that name is already there.
fn evidence_path(dossier: &Path, kind: Kind, source: &Path, digest: &str) -> String {
    let name = source
        .file_name()
        .map_or_else(|| "source".to_owned(), |n| n.to_string_lossy().into_owned());
    let plain = format!("evidence/imports/{}/{name}", kind.name());
    match std::fs::read(dossier.join(&plain)) {
        Err(_) => plain,
        Ok(existing) if crate::digest::sha256_hex(&existing) == digest => plain,
        Ok(_) => format!("evidence/imports/{}/{}-{name}", kind.name(), &digest[..12]),
    }
}

/// The dossier file of a kind, as it exists (its name and text), or the YAML name to create.
fn dossier_file(dir: &Path, kind: FileKind) -> Result<(String, String)> {
    for extension in ["yaml", "yml", "json"] {
        let name = format!("{}.{extension}", kind.stem());
        let path = dir.join(&name);
        if path.is_file() {
            if extension == "json" {
                return Err(Error::Input(vec![
                    Diagnostic::error(format!("{name} is JSON; imports edit YAML dossier files"))
                        .at_point(name, 1, 1)
                        .help("convert the file to YAML (JSON is valid YAML: rename it to .yaml)"),
                ]));
            }
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            return Ok((name, text));
        }
    }
    Ok((format!("{}.yaml", kind.stem()), String::new()))
}

/// The unified path of a field of a file, for messages.
fn unified(kind: FileKind, path: &[&str]) -> String {
    match kind.section() {
        Some(section) => format!("{section}.{}", path.join(".")),
        None => path.join("."),
    }
}

/// Imports `sources` of one kind into the dossier in `dir`, tagging evaluation records from
/// the shipped benchmark catalogue and the packs in `benchmark_dirs`.
pub fn import(
    kind: Kind,
    sources: &[PathBuf],
    dir: &Path,
    benchmark_dirs: &[PathBuf],
) -> Result<Imported> {
    let catalogue = crate::evals::for_import(benchmark_dirs)?;
    // The dossier must load first; each edited file is checked before anything is written,
    // so an import never leaves it invalid.
    let before = crate::dossier::load(dir)?;
    let (mut imported, evidence_files) = read_sources(kind, sources, dir, &catalogue)?;
    imported.catalogue_digest = catalogue.digest.clone();
    let edited = edit_dossier(dir, &before, &mut imported)?;
    refuse_writes_outside(dir, &evidence_files, &edited)?;
    // Everything checked: write the evidence, then the dossier files.
    for (path, bytes) in &evidence_files {
        crate::output::write_atomic(&dir.join(path), bytes)?;
    }
    for (_, name, text, changed) in edited {
        if changed {
            crate::output::write_atomic(&dir.join(&name), text.as_bytes())?;
            imported.written.push(name);
        }
    }
    Ok(imported)
}

/// A dossier file being edited: its kind, name, text, and whether the import changed it.
type Edited = (FileKind, String, String, bool);

/// An evidence file to write: its path in the dossier and its bytes.
type EvidenceFile = (String, Vec<u8>);

/// Reads and maps every source, bounded by [`MAX_RECORDS`]; returns what they give and the
/// evidence files to write (each copy with a `.sha256` beside it).
fn read_sources(
    kind: Kind,
    sources: &[PathBuf],
    dir: &Path,
    catalogue: &crate::evals::Catalogue,
) -> Result<(Imported, Vec<EvidenceFile>)> {
    let mut imported = Imported::default();
    let mut evidence_files: Vec<EvidenceFile> = Vec::new();
    let mut records = 0;
    for source in sources {
        let bytes = read_source(source)?;
        let digest = crate::digest::sha256_hex(&bytes);
        let evidence = evidence_path(dir, kind, source, &digest);
        let mapped = match kind {
            Kind::LmEval => lm_eval::map_with(source, &bytes, catalogue)?,
            Kind::Inspect => inspect::map_with(source, &bytes, catalogue)?,
            Kind::HfCard => hf::map_model_card_with(source, &bytes, catalogue)?,
            Kind::HfDatasetCard => hf::map_dataset_card(source, &bytes)?,
        };
        if !evidence_files.iter().any(|(path, _)| *path == evidence) {
            // A sha256sum file beside the copy: `sha256sum -c` confirms it is the source.
            let file_name = evidence.rsplit('/').next().unwrap_or(&evidence).to_owned();
            evidence_files.push((
                format!("{evidence}.sha256"),
                crate::digest::sum_line(&digest, &file_name).into_bytes(),
            ));
            evidence_files.push((evidence.clone(), bytes));
        }
        records += mapped.records.len();
        if records > MAX_RECORDS {
            return Err(source_diagnostic(
                source,
                None,
                format!(
                    "the files of this import hold {records} evaluation records so far; one import reads at most {MAX_RECORDS}"
                ),
            )
            .help("import fewer files at a time, or split the log")
            .into());
        }
        imported.sources.push((source.clone(), evidence, mapped));
    }
    Ok((imported, evidence_files))
}

/// Applies what the sources give to the dossier's files, in memory, and checks each edited
/// file as the loader would.
fn edit_dossier(
    dir: &Path,
    before: &crate::dossier::LoadedDossier,
    imported: &mut Imported,
) -> Result<Vec<Edited>> {
    // Records already imported (same evidence and pointer) are not added twice; they may
    // gain the catalogue's tags where they have none. Index: (evidence, pointer) → position.
    let existing: std::collections::BTreeMap<(String, String), usize> = before
        .dossier
        .evaluations
        .records
        .iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, r)| {
            Some((
                (
                    r.evidence.as_ref()?.as_str().to_owned(),
                    r.evidence_pointer.clone()?,
                ),
                i,
            ))
        })
        .collect();
    let mut present: std::collections::BTreeSet<(String, String)> =
        existing.keys().cloned().collect();
    let mut edited: Vec<Edited> = Vec::new();
    let file_of = |kind: FileKind, edited: &mut Vec<Edited>| -> Result<usize> {
        if let Some(index) = edited.iter().position(|(k, ..)| *k == kind) {
            return Ok(index);
        }
        let (name, text) = dossier_file(dir, kind)?;
        edited.push((kind, name, text, false));
        Ok(edited.len() - 1)
    };
    for (_, evidence, mapped) in &imported.sources {
        for field in &mapped.fields {
            let index = file_of(field.file, &mut edited)?;
            let (_, name, text, changed) = &mut edited[index];
            let note = format!("imported from {evidence} {}", field.source);
            let (new_text, outcome) =
                patch::set_if_unanswered(name, text, &field.path, &field.value, Some(&note))?;
            match outcome {
                patch::Outcome::Set => {
                    *text = new_text;
                    *changed = true;
                    imported.set.push(unified(field.file, &field.path));
                }
                patch::Outcome::Kept => imported.kept.push(unified(field.file, &field.path)),
            }
        }
        for (file, path, item) in &mapped.items {
            let index = file_of(*file, &mut edited)?;
            let (_, name, text, changed) = &mut edited[index];
            *text = patch::append(name, text, path, std::slice::from_ref(item))?;
            *changed = true;
        }
        retag(
            before
                .dossier
                .evaluations
                .records
                .as_deref()
                .unwrap_or_default(),
            &existing,
            evidence,
            mapped,
            &mut edited,
            &file_of,
            (&mut imported.set, &mut imported.kept),
        )?;
        let records: Vec<Value> = mapped
            .records
            .iter()
            .filter(|record| {
                let pointer = record["evidence_pointer"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                present.insert((evidence.clone(), pointer))
            })
            .map(|record| {
                let mut record = record.clone();
                record["evidence"] = Value::String(evidence.clone());
                record
            })
            .collect();
        imported.added += records.len();
        if !records.is_empty() {
            let index = file_of(FileKind::Evaluations, &mut edited)?;
            let (_, name, text, changed) = &mut edited[index];
            *text = patch::append(name, text, &["records"], &records)?;
            *changed = true;
        }
    }
    for (kind, name, text, changed) in &edited {
        if *changed {
            crate::dossier::check_text(*kind, name, text)?;
        }
    }

    Ok(edited)
}

/// The tags a re-import may add to a record imported before.
const TAGS: [&str; 2] = ["dimensions", "compl_ai_requirement"];

/// Gives records imported before (found by evidence and pointer) the catalogue's tags they
/// lack. What people wrote there, even `[]`, is kept and reported as kept.
fn retag(
    records_before: &[crate::dossier::model::evaluations::EvaluationRecord],
    existing: &std::collections::BTreeMap<(String, String), usize>,
    evidence: &str,
    mapped: &Mapped,
    edited: &mut Vec<Edited>,
    file_of: &dyn Fn(FileKind, &mut Vec<Edited>) -> Result<usize>,
    (set, kept): (&mut Vec<String>, &mut Vec<String>),
) -> Result<()> {
    for record in &mapped.records {
        let pointer = record["evidence_pointer"].as_str().unwrap_or_default();
        let Some(&position) = existing.get(&(evidence.to_owned(), pointer.to_owned())) else {
            continue;
        };
        for key in TAGS {
            let Some(value) = record.get(key) else {
                continue;
            };
            let note = record
                .get(patch::note_key(key))
                .and_then(Value::as_str)
                .map(str::to_owned);
            let index = file_of(FileKind::Evaluations, edited)?;
            let (_, name, text, changed) = &mut edited[index];
            let (new_text, outcome) = patch::set_in_item(
                name,
                text,
                &["records"],
                position,
                key,
                value,
                note.as_deref(),
            )?;
            let shown = format!("evaluations.records[{position}].{key}");
            match outcome {
                patch::Outcome::Set => {
                    *text = new_text;
                    *changed = true;
                    set.push(shown);
                }
                // Only a value that differs from the catalogue's is news: the same tags
                // written by an earlier import are not listed on every re-import.
                patch::Outcome::Kept => {
                    let before = records_before.get(position).map(|r| match key {
                        "dimensions" => serde_json::to_value(&r.dimensions).unwrap_or_default(),
                        _ => serde_json::to_value(&r.compl_ai_requirement).unwrap_or_default(),
                    });
                    if before.as_ref() != Some(value) {
                        kept.push(shown);
                    }
                }
            }
        }
    }
    Ok(())
}

/// Every path written must stay inside the dossier the way the loader wants evidence to: no
/// symbolic link on the way (an `evidence/imports` linked elsewhere would take the copy out of
/// the dossier). Checked for all before any is written.
fn refuse_writes_outside(
    dir: &Path,
    evidence_files: &[EvidenceFile],
    edited: &[Edited],
) -> Result<()> {
    let targets = evidence_files
        .iter()
        .map(|(path, _)| path.as_str())
        .chain(edited.iter().filter(|e| e.3).map(|e| e.1.as_str()));
    let refused: Vec<Diagnostic> = targets
        .filter_map(|path| {
            crate::output::check_write_inside(dir, Path::new(path))
                .err()
                .map(|why| {
                    Diagnostic::error(format!("refusing to write `{path}`: {why}"))
                        .in_file(path.to_owned())
                        .help("imports write only inside the dossier: replace the symbolic link with a folder")
                })
        })
        .collect();
    if !refused.is_empty() {
        return Err(Error::Input(refused));
    }
    Ok(())
}

impl Imported {
    /// What the import did, in a few lines for people.
    pub fn summary(&self) -> String {
        summary(self)
    }
}

/// What an import did, in a few lines for people.
pub fn summary(imported: &Imported) -> String {
    let mut out = String::new();
    for (source, evidence, mapped) in &imported.sources {
        out.push_str(&format!(
            "{}: {} evaluation records, kept as {evidence} (with its SHA-256 in {evidence}.sha256)\n",
            source.display(),
            mapped.records.len()
        ));
        for flag in &mapped.flags {
            out.push_str(&format!("  flagged: {flag}\n"));
        }
        for item in &mapped.unmapped {
            out.push_str(&format!("  not mapped: {item}\n"));
        }
    }
    let mapped: usize = imported
        .sources
        .iter()
        .map(|(_, _, m)| m.records.len())
        .sum();
    if mapped > imported.added {
        out.push_str(&format!(
            "{} of the records were imported before and were not added again\n",
            mapped - imported.added
        ));
    }
    if !imported.set.is_empty() {
        out.push_str(&format!("answered: {}\n", imported.set.join(", ")));
    }
    if !imported.kept.is_empty() {
        out.push_str(&format!(
            "kept the existing answers of: {}\n",
            imported.kept.join(", ")
        ));
    }
    if imported.written.is_empty() {
        out.push_str("no dossier file changed\n");
    } else {
        out.push_str(&format!("wrote {}\n", imported.written.join(", ")));
    }
    out
}

/// What `init` wrote.
#[derive(Debug)]
pub enum Initialised {
    /// The skeleton's files.
    Skeleton(Vec<PathBuf>),
    /// The skeleton filled from a model card.
    FromCard(Imported),
}

/// `init`: a dossier skeleton in `dir`, filled from a Hugging Face model card when given.
pub fn init(dir: &Path, force: bool, card: Option<&Path>) -> Result<Initialised> {
    Ok(match card {
        Some(card) => Initialised::FromCard(init_from_card(dir, force, card)?),
        None => Initialised::Skeleton(crate::dossier::skeleton::init(dir, force)?),
    })
}

/// `init` filled from a Hugging Face model card. A new dossier is assembled beside `dir` and
/// renamed into place only when the import succeeds, so a card that cannot be imported leaves
/// nothing behind.
pub fn init_from_card(dir: &Path, force: bool, card: &Path) -> Result<Imported> {
    if !crate::output::is_missing_or_empty(dir)? {
        // `--force` into a non-empty directory: the skeleton's files beside what is there
        // (refused if one exists), then the import into them.
        crate::dossier::skeleton::init(dir, force)?;
        return import(Kind::HfCard, &[card.to_path_buf()], dir, &[]);
    }
    crate::output::create_dir_whole(dir, |new| {
        crate::dossier::skeleton::init(new, false)?;
        import(Kind::HfCard, &[card.to_path_buf()], new, &[])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_non_finite_numbers_become_strings_outside_strings_only() {
        let text = r#"{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN stays", "d": "q\"NaN"}"#;
        let value: Value = serde_json::from_str(&quote_non_finite(text)).unwrap();
        assert_eq!(value["a"], "NaN");
        assert_eq!(value["b"][1], "-Infinity");
        assert_eq!(value["c"], "NaN stays");
        assert_eq!(value["d"], "q\"NaN");
        assert!(matches!(
            quote_non_finite("{\"x\": 1}"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn pointers_escape_their_segments() {
        assert_eq!(
            pointer(&["results", "acc,none", "a/b~c"]),
            "/results/acc,none/a~1b~0c"
        );
    }

    #[test]
    fn numbers_that_are_not_finite_are_not_available() {
        assert_eq!(number(&serde_json::json!(0.25)), Ok(0.25));
        assert!(number(&serde_json::json!("NaN")).is_err());
        assert!(number(&serde_json::json!("N/A")).is_err());
        assert!(number(&Value::Null).is_err());
    }
}

#[cfg(test)]
mod robustness {
    //! Mutated inputs: every importer returns a result (a mapping or a located error) for any
    //! bytes; none panics. A cheap, deterministic stand-in for fuzzing that runs with the tests.

    use std::path::Path;

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn mutate(seed: &[u8], random: &mut Random) -> Vec<u8> {
        let mut bytes = seed.to_vec();
        for _ in 0..1 + random.below(8) {
            let at = random.below(bytes.len());
            match random.below(6) {
                0 => bytes[at] = random.next() as u8,
                // Multi-byte characters anywhere, strings or not: a byte-order mark, a
                // right-to-left override, CJK, an emoji, a lone continuation byte.
                5 => {
                    let characters: [&[u8]; 5] = [
                        "\u{feff}".as_bytes(),
                        "\u{202e}".as_bytes(),
                        "日".as_bytes(),
                        "🦀".as_bytes(),
                        b"\x80",
                    ];
                    let character = characters[random.below(characters.len())];
                    bytes.splice(at..at, character.iter().copied());
                }
                1 => {
                    bytes.remove(at);
                }
                2 => {
                    let tokens = b"{}[],:\"-\n#NaN";
                    bytes.insert(at, tokens[random.below(tokens.len())]);
                }
                3 => bytes.truncate(at),
                _ => {
                    let end = (at + random.below(64)).min(bytes.len());
                    let chunk = bytes[at..end].to_vec();
                    let to = random.below(bytes.len());
                    bytes.splice(to..to, chunk);
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
        bytes
    }

    #[test]
    fn non_finite_quoting_survives_multi_byte_characters_outside_strings() {
        // Issue 9: `text[i..]` panicked inside a multi-byte character.
        for text in [
            "\u{feff}{\"a\": NaN}",
            "{\"a\": 1}\u{202e}",
            "日",
            "[1, 🦀 NaN]",
        ] {
            let quoted = super::quote_non_finite(text);
            assert_eq!(quoted.contains("\"NaN\""), text.contains("NaN"), "{quoted}");
        }
    }

    #[test]
    fn importers_never_panic_on_mutated_input() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
        let seeds: Vec<(&str, Vec<u8>)> = [
            "lm-eval-v04.json",
            "lm-eval-v03.json",
            "inspect-cancelled.json",
            "model-card.md",
            "dataset-card.md",
        ]
        .iter()
        .map(|name| (*name, std::fs::read(dir.join(name)).unwrap()))
        .collect();
        let mut random = Random(0x9e37_79b9_7f4a_7c15);
        let path = Path::new("mutated");
        for (name, seed) in &seeds {
            for _ in 0..600 {
                let bytes = mutate(seed, &mut random);
                let _ = super::lm_eval::map(path, &bytes);
                let _ = super::inspect::map(path, &bytes);
                let _ = super::hf::map_model_card(path, &bytes);
                let _ = super::hf::map_dataset_card(path, &bytes);
                let _ = super::resolve_pointers(
                    &bytes,
                    &[
                        "/results/a/b",
                        "front-matter#/license",
                        "header.json#/results",
                    ],
                );
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    let _ = crate::dossier::parse_str(name, text);
                }
            }
        }
    }
}
