//! The error type of the library and located diagnostics: every problem with an input names
//! its file, line, column and field path, and is rendered with the offending source line.
//! Findings of rules are data and live in `check`; this module is for "could not do the job".

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

pub mod source;

use source::{ByteRange, SourceText};

/// How serious a problem is: of an input (a diagnostic: an error means the input cannot be
/// used) or of a rule's failure (a finding). One type for both, so a rule's severity is a
/// diagnostic's when a report turns findings into annotations. The schema descriptions are
/// the rule-file format's, where the type is documented for rule authors.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "How serious a failure is.")]
pub enum Severity {
    /// The input cannot be used; a rule's failure makes `check` exit 1.
    #[schemars(description = "A failure makes `check` exit 1.")]
    Error,
    /// Something looks wrong; a rule's failure makes `check` exit 1 only with
    /// `--deny-warnings`.
    #[schemars(description = "A failure makes `check` exit 1 only with `--deny-warnings`.")]
    Warning,
}

/// A place in a source file.
#[derive(Debug, Clone)]
pub struct Location {
    /// The source text (shared between the diagnostics of one file).
    pub source: Arc<SourceText>,
    /// The range to underline.
    pub range: ByteRange,
}

impl Location {
    /// 1-based line and character column of the start.
    pub fn line_col(&self) -> (usize, usize) {
        self.source.line_col(self.range.start)
    }

    /// `file:line:column`.
    pub fn display(&self) -> String {
        let (line, column) = self.line_col();
        format!("{}:{line}:{column}", self.source.name)
    }
}

/// One problem with an input.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file the problem is in, when there is one (also set when `location` is not).
    pub file: Option<String>,
    /// Where in the file.
    pub location: Option<Location>,
    /// Line and column (1-based) in `file` when the source text is not kept (a large
    /// imported log): used only without `location`.
    pub point: Option<(usize, usize)>,
    /// The field path in the dossier's unified path space, such as `technical.compute.method`.
    pub field: Option<String>,
    /// Short label under the underlined text.
    pub label: Option<String>,
    /// Hints: a suggestion, the accepted values, how to fix it.
    pub help: Vec<String>,
    /// A stable code for programs (`yaml-syntax`, `unknown-field`, …; see [`CODES`]).
    pub code: Option<&'static str>,
}

/// The stable codes of input diagnostics, with what each means (the README lists them; a
/// test checks that the two lists agree). A diagnostic without a code is reported under its
/// error's kind (`input`, `io`, `usage`, `internal`).
pub const CODES: &[(&str, &str)] = &[
    (
        "yaml-syntax",
        "the file is not well-formed YAML or JSON, or breaks the format's YAML restrictions (duplicate keys, YAML 1.1 booleans, anchors beyond the bounds)",
    ),
    (
        "unknown-field",
        "a key the format does not define (with the closest known key as `suggestion`)",
    ),
    ("missing-field", "a required key is absent"),
    (
        "wrong-type",
        "a value of the wrong type (text for a number, a quoted boolean)",
    ),
    (
        "not-allowed",
        "a value outside an enumeration (with the closest accepted value as `suggestion`)",
    ),
    (
        "invalid-value",
        "a value of the right type but a wrong form or range (a date, a language code, a negative count)",
    ),
];

impl Diagnostic {
    /// An error with a message and nothing else yet.
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            file: None,
            location: None,
            point: None,
            field: None,
            label: None,
            help: Vec::new(),
            code: None,
        }
    }

    /// With a stable code (one of [`CODES`]).
    pub fn code(mut self, code: &'static str) -> Diagnostic {
        self.code = Some(code);
        self
    }

    /// Places the diagnostic at `range` of `source`.
    pub fn at(mut self, source: &Arc<SourceText>, range: ByteRange) -> Diagnostic {
        self.file = Some(source.name.clone());
        self.location = Some(Location {
            source: Arc::clone(source),
            range,
        });
        self
    }

    /// Names the file without a position in it.
    pub fn in_file(mut self, file: impl Into<String>) -> Diagnostic {
        self.file = Some(file.into());
        self
    }

    /// Places the diagnostic at a 1-based line and column of `file`, whose text is not kept.
    pub fn at_point(mut self, file: impl Into<String>, line: usize, column: usize) -> Diagnostic {
        self.file = Some(file.into());
        self.point = Some((line.max(1), column.max(1)));
        self
    }

    /// Names the field.
    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = Some(field.into());
        self
    }

    /// Sets the label under the underlined text.
    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Adds a hint.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help.push(help.into());
        self
    }

    /// `file:line:column`, or the file alone, or nothing.
    pub fn position(&self) -> Option<String> {
        match (&self.location, &self.file, self.point) {
            (Some(location), _, _) => Some(location.display()),
            (None, Some(file), Some((line, column))) => Some(format!("{file}:{line}:{column}")),
            (None, Some(file), None) => Some(file.clone()),
            (None, None, _) => None,
        }
    }
}

/// Whether output may use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    /// Plain text.
    Never,
    /// ANSI colours.
    Always,
}

/// How many diagnostics of one file are rendered in full; the rest are counted. A file with
/// thousands of problems (a generated dossier with a misspelt key on every record) would
/// otherwise bury the first, usually the cause of the others.
pub const SHOWN_PER_FILE: usize = 200;

/// Renders diagnostics the way rustc does: message, `--> file:line:column`, the source line
/// with the problem underlined, then the field path and hints. At most [`SHOWN_PER_FILE`]
/// diagnostics of one file are shown, then "and N more"; the error count covers them all.
/// Each diagnostic renders only the lines of its span, so the work is linear in the
/// number of diagnostics, not in their number times the size of the file.
pub fn render(diagnostics: &[Diagnostic], color: Color) -> String {
    let renderer = match color {
        Color::Always => Renderer::styled(),
        Color::Never => Renderer::plain(),
    };
    let mut out = String::new();
    let mut shown: std::collections::HashMap<Option<&str>, usize> =
        std::collections::HashMap::new();
    let mut hidden: std::collections::BTreeMap<Option<&str>, usize> =
        std::collections::BTreeMap::new();
    for diagnostic in diagnostics {
        let file = diagnostic.file.as_deref();
        let count = shown.entry(file).or_insert(0);
        if *count >= SHOWN_PER_FILE {
            *hidden.entry(file).or_insert(0) += 1;
            continue;
        }
        *count += 1;
        out.push_str(&render_one(diagnostic, &renderer));
        out.push_str("\n\n");
    }
    for (file, count) in &hidden {
        let place = file.map_or_else(String::new, |f| format!(" in {f}"));
        out.push_str(&format!(
            "… and {count} more problem{}{place} (not shown; the first {SHOWN_PER_FILE} are)\n\n",
            if *count == 1 { "" } else { "s" }
        ));
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        out.push_str(&format!(
            "{errors} error{} in the input; no output was produced\n",
            if errors == 1 { "" } else { "s" }
        ));
    }
    out
}

/// One diagnostic, with only the source lines its span covers.
fn render_one(diagnostic: &Diagnostic, renderer: &Renderer) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_title(level.primary_title(diagnostic.message.as_str()));
    if let Some(location) = &diagnostic.location {
        let excerpt = location.source.excerpt(location.range);
        let mut annotation = AnnotationKind::Primary.span(excerpt.span.clone());
        if let Some(label) = &diagnostic.label {
            annotation = annotation.label(label.as_str());
        }
        group = group.element(
            Snippet::source(excerpt.text)
                .line_start(excerpt.first_line)
                .path(location.source.name.as_str())
                .annotation(annotation),
        );
    } else if let Some(position) = diagnostic.position() {
        group = group.element(Level::NOTE.message(format!("in {position}")));
    }
    if let Some(field) = &diagnostic.field {
        group = group.element(Level::NOTE.message(format!("field: {field}")));
    }
    for help in &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report)
}

/// What can stop aiact from doing its job. Every variant maps to exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more inputs are invalid; each diagnostic says where and why.
    #[error("{} problem(s) in the input", .0.len())]
    Input(Vec<Diagnostic>),
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
    /// aiact itself failed (a worker thread died, its own output would not encode): a bug,
    /// never the user's input.
    #[error("{0}")]
    Internal(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The diagnostics this error carries; I/O and usage errors become one diagnostic each.
    /// The kind of failure, as the JSON error report names it: `input` (a located problem of
    /// a dossier, rule pack or log), `io`, `usage` or `internal`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Input(_) => "input",
            Error::Io { .. } => "io",
            Error::Usage(_) => "usage",
            Error::Internal(_) => "internal",
        }
    }

    /// The error as JSON for programs (`--format json`): `{error_version, kind, errors: [{
    /// severity, message, file, line, column, field, suggestion, help}]}`. `suggestion` is
    /// the "did you mean" of a misspelt name, where there is one.
    pub fn to_json(&self) -> serde_json::Value {
        let errors: Vec<serde_json::Value> = self
            .diagnostics()
            .iter()
            .map(|d| {
                let (line, column) = match (&d.location, d.point) {
                    (Some(location), _) => {
                        let (line, column) = location.line_col();
                        (Some(line), Some(column))
                    }
                    (None, Some((line, column))) => (Some(line), Some(column)),
                    (None, None) => (None, None),
                };
                let file = d
                    .location
                    .as_ref()
                    .map(|l| l.source.name.clone())
                    .or_else(|| d.file.clone());
                let suggestion = d.help.iter().find_map(|h| {
                    let rest = h.strip_prefix("did you mean `")?;
                    Some(rest[..rest.find('`')?].to_owned())
                });
                serde_json::json!({
                    "code": d.code.unwrap_or(self.kind()),
                    "severity": d.severity,
                    "message": d.message,
                    "file": file,
                    "line": line,
                    "column": column,
                    "field": d.field,
                    "suggestion": suggestion,
                    "help": d.help,
                })
            })
            .collect();
        serde_json::json!({
            "error_version": 1,
            "kind": self.kind(),
            "errors": errors,
        })
    }

    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.diagnostics_inner()
    }
}

/// The JSON Schema of [`Error::to_json`]'s report.
pub fn error_schema() -> serde_json::Value {
    let maybe = |kind: &str| serde_json::json!({ "type": [kind, "null"] });
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "aiact error report",
        "type": "object",
        "required": ["error_version", "kind", "errors"],
        "additionalProperties": false,
        "properties": {
            "error_version": { "const": 1 },
            "kind": { "enum": ["input", "io", "usage", "internal"] },
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["code", "severity", "message", "file", "line", "column", "field", "suggestion", "help"],
                    "additionalProperties": false,
                    "properties": {
                        "code": { "type": "string" },
                        "severity": { "enum": ["error", "warning"] },
                        "message": { "type": "string" },
                        "file": maybe("string"),
                        "line": { "type": ["integer", "null"], "minimum": 1 },
                        "column": { "type": ["integer", "null"], "minimum": 1 },
                        "field": maybe("string"),
                        "suggestion": maybe("string"),
                        "help": { "type": "array", "items": { "type": "string" } }
                    }
                }
            }
        }
    })
}

impl Error {
    fn diagnostics_inner(&self) -> Vec<Diagnostic> {
        match self {
            Error::Input(diagnostics) => diagnostics.clone(),
            Error::Io { path, source } => {
                vec![Diagnostic::error(format!("{}: {source}", path.display()))]
            }
            Error::Usage(message) | Error::Internal(message) => {
                vec![Diagnostic::error(message.clone())]
            }
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Error {
        Error::Input(vec![diagnostic])
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(position) = self.position() {
            write!(f, "{position}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(field) = &self.field {
            write!(f, " (field {field})")?;
        }
        Ok(())
    }
}

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let normalise = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = normalise(word);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if normalise(candidate) == wanted {
            return Some(candidate.to_owned());
        }
        let distance = strsim::damerau_levenshtein(word, candidate);
        let limit = (word.chars().count().max(candidate.chars().count()) / 3).max(2);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_rendering_names_file_line_column_and_field() {
        let source = Arc::new(SourceText::new(
            "aiact.yaml",
            "provider:\n  legal_nme: Müller GmbH\n",
        ));
        let start = source.text.find("legal_nme").unwrap();
        let diagnostic = Diagnostic::error("unknown field `legal_nme`")
            .at(
                &source,
                ByteRange {
                    start,
                    end: start + 9,
                },
            )
            .field("provider.legal_nme")
            .label("unknown field")
            .help("did you mean `legal_name`?");
        let text = render(std::slice::from_ref(&diagnostic), Color::Never);
        assert!(text.contains("error: unknown field `legal_nme`"), "{text}");
        assert!(text.contains("aiact.yaml:2:3"), "{text}");
        assert!(text.contains("field: provider.legal_nme"), "{text}");
        assert!(text.contains("did you mean `legal_name`?"), "{text}");
        assert!(
            text.contains("1 error in the input; no output was produced"),
            "{text}"
        );
        assert_eq!(
            diagnostic.to_string(),
            "aiact.yaml:2:3: unknown field `legal_nme` (field provider.legal_nme)"
        );
    }

    #[test]
    fn closest_handles_case_and_separators() {
        let candidates = ["legal_name", "country", "is_sme"];
        assert_eq!(
            closest("legalName", candidates.into_iter()).as_deref(),
            Some("legal_name")
        );
        assert_eq!(
            closest("contry", candidates.into_iter()).as_deref(),
            Some("country")
        );
        assert_eq!(closest("zzzzzz", candidates.into_iter()), None);
    }
}
