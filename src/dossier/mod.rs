//! The dossier: a directory whose root holds `aiact.yaml` and the other files of the format.
//! This module owns loading it strictly: bounded reading, YAML 1.2 / JSON parsing, validation
//! against the generated schemas with every problem located, deserialisation into the typed
//! model, and the checks on evidence paths. Nothing else in aiact knows YAML.

pub mod artefacts;
pub mod audience;
pub mod evidence;
pub mod model;
pub mod path;
pub mod schema;
pub mod skeleton;
pub mod validator;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::source::{ByteRange, SourceText};
use crate::diag::{Diagnostic, Error, Result};
pub use model::{Dossier, FileKind};
pub use path::{FieldPath, Segment};
use validator::IssueKind;
use yaml::{Content, Node};

/// Largest dossier file aiact reads; larger files are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Deepest nesting of mappings and lists a dossier file may use.
pub const MAX_DEPTH: usize = 32;
/// Most YAML parser events (scalars, collection starts and ends) in one file.
pub const MAX_EVENTS: usize = 4_000_000;
/// Most values that aliases may copy in one file: anchors and aliases are allowed, but a
/// "billion laughs" file stops here, in milliseconds.
pub const MAX_ALIAS_NODES: usize = 100_000;

/// The bounds every dossier file is parsed within.
pub const BOUNDS: yaml::Bounds = yaml::Bounds {
    max_depth: MAX_DEPTH,
    max_events: MAX_EVENTS,
    max_alias_nodes: MAX_ALIAS_NODES,
};

/// Extensions a dossier file may have, in order of preference.
pub const EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// One loaded file of a dossier.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// Which file it is.
    pub kind: FileKind,
    /// Its text, named relative to the dossier (for example `data.yaml`).
    pub source: Arc<SourceText>,
    /// Its content, with where each key and value is written.
    pub tree: Node,
    /// The evidence paths it references (checked to exist inside the dossier).
    pub evidence: Vec<String>,
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
    /// Where the field at a unified path is written, or its nearest written parent when the
    /// field is missing. For a field of a file that is absent, the position names that file
    /// (to be created) at line 1.
    pub fn locate(&self, unified: &FieldPath) -> Position {
        let (kind, local) = split_unified(unified);
        match self.files.iter().find(|f| f.kind == kind) {
            Some(file) => {
                let (found, range) = file.tree.nearest(&local);
                let (line, column) = file.source.line_col(range.start);
                Position {
                    file: file.source.name.clone(),
                    line,
                    column,
                    found_path: found.prefixed(kind.section()),
                }
            }
            None => Position {
                file: format!("{}.yaml", kind.stem()),
                line: 1,
                column: 1,
                found_path: FieldPath::root(),
            },
        }
    }

    /// The literal text of a plain (unquoted) scalar at a unified path, as written (for
    /// precision checks: `7.30e9` keeps its three significant figures).
    pub fn plain_scalar(&self, unified: &FieldPath) -> Option<&str> {
        let (kind, local) = split_unified(unified);
        let file = self.files.iter().find(|f| f.kind == kind)?;
        let node = file.tree.get(&local)?;
        if !node.plain {
            return None;
        }
        file.source.text.get(node.span.start..node.span.end)
    }
}

/// Splits a unified path into its file and the path inside that file.
pub fn split_unified(unified: &FieldPath) -> (FileKind, FieldPath) {
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

    // Files are independent until they are merged: parse and validate them in parallel
    // (the large ones, evaluations and data, dominate the time of a check).
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = located
            .iter()
            .map(|(kind, name)| {
                scope.spawn(move || {
                    let mut part = Dossier::default();
                    load_file(dir, *kind, name, &mut part).map(|file| (file, part))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle.join().unwrap_or_else(|_| {
                    Err(vec![Diagnostic::error(
                        "a file could not be loaded (internal error)",
                    )])
                })
            })
            .collect()
    });
    let mut files = Vec::new();
    let mut dossier = Dossier::default();
    for result in results {
        match result {
            Ok((file, part)) => {
                dossier.take_part(file.kind, part);
                files.push(file);
            }
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
                    let whole_file = Arc::new(SourceText::new(name.clone(), ""));
                    diagnostics.push(
                        Diagnostic::error(format!(
                            "`{first}` and `{name}` are the same dossier file; keep one"
                        ))
                        .at(&whole_file, ByteRange::at(0)),
                    );
                } else {
                    found.push((kind, name));
                }
            }
            // Other files may sit beside the dossier (a report written by `check`, notes);
            // only a name close to a dossier file's is taken for a misspelt one.
            None => {
                let Some(suggestion) =
                    crate::diag::closest(stem, FileKind::ALL.iter().map(|k| k.stem()))
                else {
                    continue;
                };
                // The problem is the file's name, so it is located at its first character.
                let whole_file = Arc::new(SourceText::new(name.clone(), ""));
                diagnostics.push(
                    Diagnostic::error(format!(
                        "`{name}` looks like a misspelt dossier file; the dossier root holds {}",
                        known.join(", ")
                    ))
                    .at(&whole_file, ByteRange::at(0))
                    .help(format!("did you mean `{suggestion}.{extension}`?")),
                );
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
    let tree = parse(&source, kind).map_err(|e| e.diagnostics())?;
    if kind == FileKind::Root
        && let Some(diagnostic) = older_format(&source, &tree, dir)
    {
        return Err(vec![diagnostic]);
    }

    let validation = validator::validate(kind, &tree);
    let mut diagnostics: Vec<Diagnostic> = validation
        .issues
        .iter()
        .map(|issue| issue_diagnostic(kind.section(), &source, &tree, issue))
        .collect();
    for (local, range, text) in &validation.evidence {
        if let Err(refusal) = evidence::check(dir, text) {
            diagnostics.push(
                Diagnostic::error(refusal.message)
                    .at(&source, *range)
                    .field(local.prefixed(kind.section()).to_string())
                    .help(refusal.hint),
            );
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    if let Err(message) = deserialize_into(kind, &tree, dossier) {
        return Err(vec![
            Diagnostic::error(message)
                .at(&source, ByteRange::at(0))
                .help("this is a bug in aiact's schema; please report it with the file"),
        ]);
    }
    let evidence = validation
        .evidence
        .into_iter()
        .map(|(_, _, text)| text)
        .collect();
    Ok(LoadedFile {
        kind,
        source,
        tree,
        evidence,
    })
}

/// A root file written in an older format version, told to migrate rather than drowned in
/// the schema errors of fields that changed.
fn older_format(source: &Arc<SourceText>, tree: &Node, dir: &Path) -> Option<Diagnostic> {
    let node = tree.get(&FieldPath::root().key("format_version"))?;
    let Content::Int(version) = node.content else {
        return None;
    };
    (1..i64::from(model::FORMAT_VERSION)).contains(&version).then(|| {
        Diagnostic::error(format!(
            "this dossier is written in format version {version}; aiact {} reads version {}",
            crate::version::VERSION,
            model::FORMAT_VERSION
        ))
        .at(source, node.span)
        .field("format_version")
        .label("an older format version")
        .help(format!(
            "run `aiact migrate {}` to rewrite it in place (comments are kept; the migration lists every change)",
            dir.display()
        ))
    })
}

/// Checks the text of one dossier file as the loader would (parse, schema, types), except that
/// evidence files are not looked for: for text about to be written, such as an import's edit.
pub fn check_text(kind: FileKind, name: &str, text: &str) -> Result<()> {
    let source = Arc::new(SourceText::new(name, text));
    let tree = parse(&source, kind)?;
    let validation = validator::validate(kind, &tree);
    let diagnostics: Vec<Diagnostic> = validation
        .issues
        .iter()
        .map(|issue| issue_diagnostic(kind.section(), &source, &tree, issue))
        .collect();
    if !diagnostics.is_empty() {
        return Err(Error::Input(diagnostics));
    }
    let mut scratch = Dossier::default();
    deserialize_into(kind, &tree, &mut scratch)
        .map_err(|message| Error::Input(vec![Diagnostic::error(message).in_file(name)]))
}

fn deserialize_into(
    kind: FileKind,
    tree: &Node,
    dossier: &mut Dossier,
) -> std::result::Result<(), String> {
    fn typed<'de, T: serde::Deserialize<'de>>(tree: &'de Node) -> std::result::Result<T, String> {
        T::deserialize(tree).map_err(|e| e.to_string())
    }
    match kind {
        FileKind::Root => dossier.root = typed(tree)?,
        FileKind::Technical => dossier.technical = typed(tree)?,
        FileKind::Data => dossier.data = typed(tree)?,
        FileKind::Copyright => dossier.copyright = typed(tree)?,
        FileKind::Evaluations => dossier.evaluations = typed(tree)?,
        FileKind::SystemicRisk => dossier.systemic_risk = typed(tree)?,
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
pub fn parse_str(name: &str, text: &str) -> Result<Node> {
    parse(&Arc::new(SourceText::new(name, text)), FileKind::Root)
}

/// Parses one dossier file within the bounds.
fn parse(source: &Arc<SourceText>, kind: FileKind) -> Result<Node> {
    yaml::parse(&source.text, BOUNDS).map_err(|error| {
        let mut diagnostic = Diagnostic::error(error.message)
            .at(source, error.range)
            .code("yaml-syntax");
        if !error.path.is_root() {
            diagnostic = diagnostic.field(error.path.prefixed(kind.section()).to_string());
        }
        if let Some(help) = error.help {
            diagnostic = diagnostic.help(help);
        }
        diagnostic.into()
    })
}

/// The diagnostic of a schema issue; `section` places the file's paths in the dossier's
/// unified path space.
pub(crate) fn issue_diagnostic(
    section: Option<&str>,
    source: &Arc<SourceText>,
    tree: &Node,
    issue: &validator::Issue,
) -> Diagnostic {
    let field = issue.path.prefixed(section).to_string();
    let name = match issue.path.0.last() {
        Some(Segment::Key(key)) => key.clone(),
        _ => field.clone(),
    };
    let diagnostic = Diagnostic::error(String::new())
        .at(source, issue.range)
        .field(field);
    match &issue.kind {
        IssueKind::UnknownField {
            suggestion,
            allowed,
        } => {
            let diagnostic = Diagnostic {
                message: format!("unknown field `{name}`"),
                ..diagnostic
            }
            .label("not a field of the dossier format")
            .code("unknown-field");
            match suggestion {
                Some(suggestion) => diagnostic.help(format!("did you mean `{suggestion}`?")),
                None => diagnostic.help(format!("fields allowed here: {}", allowed.join(", "))),
            }
        }
        IssueKind::MissingField => Diagnostic {
            message: format!("missing required field `{name}`"),
            ..diagnostic
        }
        .label(format!("`{name}` is required here"))
        .code("missing-field"),
        IssueKind::WrongType { expected, found } => {
            let diagnostic = Diagnostic {
                message: format!("expected {expected}, found {found}"),
                ..diagnostic
            }
            .label(format!("expected {expected}"))
            .code("wrong-type");
            let literal = tree
                .get(&issue.path)
                .filter(|node| node.plain)
                .and_then(|node| source.text.get(node.span.start..node.span.end));
            if expected.starts_with("true or false")
                && (found.contains("`true`") || found.contains("`false`"))
            {
                diagnostic.help("remove the quotes: a quoted true or false is text")
            } else if expected.starts_with("true or false") {
                diagnostic.help("YAML 1.2 booleans are `true` and `false`")
            } else if let (true, Some(literal)) = (expected.starts_with("text"), literal) {
                diagnostic.help(format!("quote it to keep it as text: \"{literal}\""))
            } else {
                diagnostic
            }
        }
        IssueKind::NotAllowed {
            value,
            allowed,
            suggestion,
        } => {
            let mut diagnostic = Diagnostic {
                message: format!("`{value}` is not an accepted value"),
                ..diagnostic
            }
            .label("not accepted here")
            .code("not-allowed");
            if let Some(suggestion) = suggestion {
                diagnostic = diagnostic.help(format!("did you mean `{suggestion}`?"));
            }
            diagnostic.help(format!("accepted values: {}", allowed.join(", ")))
        }
        IssueKind::Invalid { message, hint } => {
            let diagnostic = Diagnostic {
                message: message.clone(),
                ..diagnostic
            }
            .code("invalid-value");
            match hint {
                Some(hint) => diagnostic.help(hint.clone()),
                None => diagnostic,
            }
        }
    }
}
