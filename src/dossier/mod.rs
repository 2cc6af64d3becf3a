//! The dossier: a directory whose root holds `aiact.yaml` and the other files of the format.
//! This module owns loading it strictly: bounded reading, YAML 1.2 / JSON parsing, validation
//! against the generated schemas with every problem located, deserialisation into the typed
//! model, and the checks on evidence paths. Nothing else in aiact knows YAML.

pub mod evidence;
pub mod model;
pub mod schema;
pub mod skeleton;
pub mod source_map;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::diag::{Diagnostic, Error, Result};
pub use model::{Dossier, FileKind};
use schema::IssueKind;
use source_map::{ByteRange, FieldPath, SourceMap, SourceText};

/// Largest dossier file aiact reads; larger files are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Deepest nesting of mappings and lists a dossier file may use.
pub const MAX_DEPTH: usize = 32;
/// Most YAML parser events (scalars, collection starts and ends) in one file.
pub const MAX_EVENTS: usize = 4_000_000;
/// Most events that aliases may replay in one file: anchors and aliases are allowed, but a
/// "billion laughs" file stops here, in milliseconds.
pub const MAX_ALIAS_EVENTS: usize = 100_000;

/// Extensions a dossier file may have, in order of preference.
pub const EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// One loaded file of a dossier.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// Which file it is.
    pub kind: FileKind,
    /// Its text, named relative to the dossier (for example `data.yaml`).
    pub source: Arc<SourceText>,
    /// Where each value is written.
    pub map: SourceMap,
}

/// A dossier that loaded without errors.
#[derive(Debug, Clone)]
pub struct LoadedDossier {
    /// The dossier directory.
    pub dir: PathBuf,
    /// The typed content. Files that are absent are empty (all fields unanswered).
    pub dossier: Dossier,
    /// The files that were present.
    pub files: Vec<LoadedFile>,
}

/// A position in a dossier file, for findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The file, relative to the dossier.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The path actually found in the file (the field itself, or its nearest parent when the
    /// field is missing).
    pub found_path: FieldPath,
}

impl LoadedDossier {
    /// Where the field at a unified path is written, or its nearest written parent; for a
    /// field of a file that is absent, the top of `aiact.yaml`'s sibling file is unknown and
    /// the position names the file to create at line 1.
    pub fn locate(&self, unified: &FieldPath) -> Position {
        let (kind, local) = split_unified(unified);
        match self.files.iter().find(|f| f.kind == kind) {
            Some(file) => match file.map.nearest(&local) {
                Some((found, spans)) => {
                    let (line, column) = file.source.line_col(spans.primary().start);
                    Position {
                        file: file.source.name.clone(),
                        line,
                        column,
                        found_path: found.prefixed(kind.section()),
                    }
                }
                None => Position {
                    file: file.source.name.clone(),
                    line: 1,
                    column: 1,
                    found_path: FieldPath::root(),
                },
            },
            None => Position {
                file: format!("{}.yaml", kind.stem()),
                line: 1,
                column: 1,
                found_path: FieldPath::root(),
            },
        }
    }

    /// The literal text of a plain scalar at a unified path (for precision checks).
    pub fn plain_scalar(&self, unified: &FieldPath) -> Option<&str> {
        let (kind, local) = split_unified(unified);
        let file = self.files.iter().find(|f| f.kind == kind)?;
        file.map.plain_scalar(&local)
    }
}

/// Splits a unified path into its file and the path inside that file.
pub fn split_unified(unified: &FieldPath) -> (FileKind, FieldPath) {
    use source_map::Segment;
    match unified.0.first() {
        Some(Segment::Key(first)) => {
            let kind = FileKind::of_section(first);
            if kind == FileKind::Root {
                (kind, unified.clone())
            } else {
                (kind, FieldPath(unified.0[1..].to_vec()))
            }
        }
        _ => (FileKind::Root, unified.clone()),
    }
}

/// Loads and validates the dossier in `dir`. All problems of all files are collected into
/// one [`Error::Input`]; nothing is returned half-valid.
pub fn load(dir: &Path) -> Result<LoadedDossier> {
    let metadata = std::fs::metadata(dir).map_err(|e| Error::io(dir, e))?;
    if !metadata.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a directory; a dossier is a directory holding aiact.yaml",
            dir.display()
        )));
    }
    let Located {
        files: located,
        problems: mut diagnostics,
    } = locate_files(dir)?;
    if !located.iter().any(|(kind, _)| *kind == FileKind::Root) {
        return Err(Diagnostic::error(format!(
            "{} is not a dossier: it has no aiact.yaml",
            dir.display()
        ))
        .help(format!("create one with `aiact init {}`", dir.display()))
        .into());
    }

    let mut files = Vec::new();
    let mut dossier = Dossier::default();
    for (kind, name) in located {
        match load_file(dir, kind, &name, &mut dossier) {
            Ok(file) => files.push(file),
            Err(mut problems) => diagnostics.append(&mut problems),
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error::Input(diagnostics));
    }
    Ok(LoadedDossier {
        dir: dir.to_path_buf(),
        dossier,
        files,
    })
}

/// The dossier files found in a directory (kind and file name), and the problems with the
/// other files there.
struct Located {
    files: Vec<(FileKind, String)>,
    problems: Vec<Diagnostic>,
}

/// Finds the dossier files in `dir`, with a diagnostic for every unknown or duplicate one.
fn locate_files(dir: &Path) -> Result<Located> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut names: Vec<String> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        if let Some(name) = entry.file_name().to_str() {
            names.push(name.to_owned());
        }
    }
    names.sort();

    let known: Vec<String> = FileKind::ALL
        .iter()
        .map(|kind| format!("{}.yaml", kind.stem()))
        .collect();
    let mut diagnostics = Vec::new();
    let mut found: Vec<(FileKind, String)> = Vec::new();
    for name in names {
        let Some((stem, extension)) = name.rsplit_once('.') else {
            continue;
        };
        if name.starts_with('.') || !EXTENSIONS.contains(&extension) {
            continue;
        }
        match FileKind::ALL.into_iter().find(|kind| kind.stem() == stem) {
            Some(kind) => {
                if let Some((_, first)) = found.iter().find(|(k, _)| *k == kind) {
                    diagnostics.push(
                        Diagnostic::error(format!(
                            "`{first}` and `{name}` are the same dossier file; keep one"
                        ))
                        .in_file(name.clone()),
                    );
                } else {
                    found.push((kind, name));
                }
            }
            None => {
                let mut diagnostic = Diagnostic::error(format!(
                    "`{name}` is not a dossier file; the dossier root holds only {}",
                    known.join(", ")
                ))
                .in_file(name.clone());
                if let Some(suggestion) =
                    schema::closest(stem, FileKind::ALL.iter().map(|k| k.stem()))
                {
                    diagnostic =
                        diagnostic.help(format!("did you mean `{suggestion}.{extension}`?"));
                } else {
                    diagnostic = diagnostic.help(
                        "move other files into a folder such as evidence/, where they can be referenced",
                    );
                }
                diagnostics.push(diagnostic);
            }
        }
    }
    found.sort_by_key(|(kind, _)| *kind);
    Ok(Located {
        files: found,
        problems: diagnostics,
    })
}

fn load_file(
    dir: &Path,
    kind: FileKind,
    name: &str,
    dossier: &mut Dossier,
) -> std::result::Result<LoadedFile, Vec<Diagnostic>> {
    let path = dir.join(name);
    let text = read_bounded(&path, name).map_err(|e| e.diagnostics())?;
    let source = Arc::new(SourceText::new(name, text));
    let value = parse(&source, kind).map_err(|e| e.diagnostics())?;
    let (map, _) = SourceMap::build(&source.text);

    let validation = schema::validate(kind, &value);
    let mut diagnostics: Vec<Diagnostic> = validation
        .issues
        .iter()
        .map(|issue| issue_diagnostic(kind, &source, &map, issue))
        .collect();
    for (local, text) in &validation.evidence {
        if let Err(message) = evidence::check(dir, text) {
            diagnostics
                .push(located(kind, &source, &map, local, message.message).help(message.hint));
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    let typed = deserialize_into(kind, value, dossier);
    if let Err(message) = typed {
        return Err(vec![
            Diagnostic::error(message)
                .at(&source, ByteRange { start: 0, end: 0 })
                .help("this is a bug in aiact's schema; please report it with the file"),
        ]);
    }
    Ok(LoadedFile { kind, source, map })
}

fn deserialize_into(
    kind: FileKind,
    value: Value,
    dossier: &mut Dossier,
) -> std::result::Result<(), String> {
    fn typed<T: serde::de::DeserializeOwned>(value: Value) -> std::result::Result<T, String> {
        serde_json::from_value(value).map_err(|e| e.to_string())
    }
    match kind {
        FileKind::Root => dossier.root = typed(value)?,
        FileKind::Technical => dossier.technical = typed(value)?,
        FileKind::Data => dossier.data = typed(value)?,
        FileKind::Copyright => dossier.copyright = typed(value)?,
        FileKind::Evaluations => dossier.evaluations = typed(value)?,
        FileKind::SystemicRisk => dossier.systemic_risk = typed(value)?,
    }
    Ok(())
}

/// Reads a file, refusing oversized files and text that is not UTF-8.
fn read_bounded(path: &Path, name: &str) -> Result<String> {
    let metadata = std::fs::metadata(path).map_err(|e| {
        Error::from(Diagnostic::error(format!("cannot read {name}: {e}")).in_file(name))
    })?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Error::from(
            Diagnostic::error(format!(
                "{name} is {} bytes; dossier files are limited to {MAX_FILE_BYTES} bytes",
                metadata.len()
            ))
            .in_file(name)
            .help("move bulky material (logs, domain lists) into evidence/ and reference it"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Error::from(Diagnostic::error(format!("cannot read {name}: {e}")).in_file(name))
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => {
            let valid = String::from_utf8_lossy(&bytes[..error.valid_up_to()]).into_owned();
            let source = Arc::new(SourceText::new(name, valid));
            let end = source.text.len();
            Err(Diagnostic::error(format!("{name} is not valid UTF-8 text"))
                .at(&source, ByteRange { start: end, end })
                .label("invalid byte here")
                .help("save the file as UTF-8")
                .into())
        }
    }
}

/// Parses a YAML 1.2 or JSON text the way dossier files are parsed (same bounds, same
/// located errors), without validating it against a schema. Used by tests against real-world
/// files and by importers.
pub fn parse_str(name: &str, text: &str) -> Result<Value> {
    parse(&Arc::new(SourceText::new(name, text)), FileKind::Root)
}

/// Parses YAML 1.2 (JSON is a subset) into a JSON value, within the bounds.
fn parse(source: &Arc<SourceText>, kind: FileKind) -> Result<Value> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        reject_unsupported_tags: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_documents: 1,
            max_events: MAX_EVENTS,
            max_nodes: MAX_EVENTS,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_EVENTS,
        },
    };
    match serde_saphyr::from_str_with_options::<Value>(&source.text, options) {
        Ok(Value::Null) => Ok(Value::Object(serde_json::Map::new())),
        Ok(value) => Ok(value),
        Err(error) => Err(parse_error_diagnostic(source, kind, &error).into()),
    }
}

fn parse_error_diagnostic(
    source: &Arc<SourceText>,
    kind: FileKind,
    error: &serde_saphyr::Error,
) -> Diagnostic {
    let error = error.without_snippet();
    let offset = error
        .location()
        .map(|location| {
            let line = usize::try_from(location.line()).unwrap_or(1);
            let column = usize::try_from(location.column()).unwrap_or(1);
            source.offset_of(line, column.saturating_sub(1))
        })
        .unwrap_or(0);
    let (map, syntax) = SourceMap::build(&source.text);
    let path = match syntax {
        Some((_, open_path)) => open_path,
        None => map.path_at(offset),
    };
    let raw = plain_message(&error.to_string());
    let lower = raw.to_lowercase();
    let mut help = None;
    let mut field = path.clone();
    let mut end = offset;
    let message = if let Some(key) = raw.strip_prefix("duplicate mapping key: ").map(|rest| {
        rest.split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest)
    }) {
        if map.get(&path.key(key)).is_some() {
            field = path.key(key);
        }
        help = Some("each key may appear only once in a mapping".to_owned());
        if source.text.get(offset..offset + key.len()) == Some(key) {
            end = offset + key.len();
        }
        format!("duplicate key `{key}`")
    } else if lower.contains("budget") || lower.contains("alias") || lower.contains("depth") {
        help = Some(format!(
            "dossier files are bounded: nesting depth {MAX_DEPTH}, {MAX_EVENTS} YAML events, {MAX_ALIAS_EVENTS} events replayed by aliases"
        ));
        format!("the file exceeds aiact's input bounds ({raw})")
    } else {
        raw
    };
    let mut diagnostic = Diagnostic::error(message).at(source, ByteRange { start: offset, end });
    if !field.is_root() {
        diagnostic = diagnostic.field(field.prefixed(kind.section()).to_string());
    }
    if let Some(help) = help {
        diagnostic = diagnostic.help(help);
    }
    diagnostic
}

/// serde-saphyr appends the location to its messages; we show it ourselves.
fn plain_message(message: &str) -> String {
    let trimmed = match message.find(" at line ") {
        Some(index) => &message[..index],
        None => message,
    };
    let mut text = trimmed.trim().to_owned();
    if let Some(first) = text.get(..1) {
        let upper_rest = text.get(1..).unwrap_or_default().to_owned();
        text = first.to_lowercase() + &upper_rest;
    }
    text
}

fn located(
    kind: FileKind,
    source: &Arc<SourceText>,
    map: &SourceMap,
    local: &FieldPath,
    message: String,
) -> Diagnostic {
    let range = map
        .nearest(local)
        .map_or(ByteRange { start: 0, end: 0 }, |(_, spans)| spans.primary());
    Diagnostic::error(message)
        .at(source, range)
        .field(local.prefixed(kind.section()).to_string())
}

fn issue_diagnostic(
    kind: FileKind,
    source: &Arc<SourceText>,
    map: &SourceMap,
    issue: &schema::Issue,
) -> Diagnostic {
    let field = issue.path.prefixed(kind.section()).to_string();
    let name = match issue.path.0.last() {
        Some(source_map::Segment::Key(key)) => key.clone(),
        _ => field.clone(),
    };
    match &issue.kind {
        IssueKind::UnknownField {
            suggestion,
            allowed,
        } => {
            let range = map
                .get(&issue.path)
                .and_then(|spans| spans.key)
                .unwrap_or(ByteRange { start: 0, end: 0 });
            let diagnostic = Diagnostic::error(format!("unknown field `{name}`"))
                .at(source, range)
                .field(field)
                .label("not a field of the dossier format");
            match suggestion {
                Some(suggestion) => diagnostic.help(format!("did you mean `{suggestion}`?")),
                None => diagnostic.help(format!("fields allowed here: {}", allowed.join(", "))),
            }
        }
        IssueKind::MissingField => {
            let parent = issue.path.parent().unwrap_or_default();
            let range = map.nearest(&parent).map_or(
                ByteRange { start: 0, end: 0 },
                |(_, spans)| match spans.key {
                    Some(key) => key,
                    None => ByteRange {
                        start: spans.value.start,
                        end: spans.value.start,
                    },
                },
            );
            Diagnostic::error(format!("missing required field `{name}`"))
                .at(source, range)
                .field(field)
                .label(format!("`{name}` is required here"))
        }
        IssueKind::WrongType { expected, found } => {
            let spans = map.get(&issue.path);
            let range = spans.map_or(ByteRange { start: 0, end: 0 }, |s| s.primary());
            let mut diagnostic = Diagnostic::error(format!("expected {expected}, found {found}"))
                .at(source, range)
                .field(field)
                .label(format!("expected {expected}"));
            if expected.starts_with("true or false")
                && (found.contains("`true`") || found.contains("`false`"))
            {
                diagnostic = diagnostic.help("remove the quotes: a quoted true or false is text");
            } else if expected.starts_with("true or false") {
                diagnostic = diagnostic.help("YAML 1.2 booleans are `true` and `false`");
            } else if expected.starts_with("text")
                && let Some(literal) = spans.and_then(|s| s.plain_scalar.as_deref())
            {
                diagnostic = diagnostic.help(format!("quote it to keep it as text: \"{literal}\""));
            }
            diagnostic
        }
        IssueKind::NotAllowed {
            value,
            allowed,
            suggestion,
        } => {
            let range = map
                .get(&issue.path)
                .map_or(ByteRange { start: 0, end: 0 }, |s| s.primary());
            let mut diagnostic = Diagnostic::error(format!("`{value}` is not an accepted value"))
                .at(source, range)
                .field(field)
                .label("not accepted here");
            if let Some(suggestion) = suggestion {
                diagnostic = diagnostic.help(format!("did you mean `{suggestion}`?"));
            }
            diagnostic.help(format!("accepted values: {}", allowed.join(", ")))
        }
        IssueKind::Invalid { message, hint } => {
            let range = map
                .get(&issue.path)
                .map_or(ByteRange { start: 0, end: 0 }, |s| s.primary());
            let diagnostic = Diagnostic::error(message.clone())
                .at(source, range)
                .field(field);
            match hint {
                Some(hint) => diagnostic.help(hint.clone()),
                None => diagnostic,
            }
        }
    }
}
