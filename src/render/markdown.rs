//! The tera side of rendering: the templates (built in, or overridden by name from
//! `--templates DIR`), the filters they use, and template errors as located diagnostics.
//!
//! Every value a `.md` template prints goes through [`escape::markdown`]; filters that build
//! Markdown (links, tick boxes, numbers, and the dossier's own Markdown in `narrative` and
//! `cell`, rebuilt by [`narrative`]) return text that is already safe. Templates are the
//! only source of document structure (headings, tables, sections); the dossier supplies text,
//! with at most the formatting `narrative` keeps (paragraphs, lists, emphasis, links).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Kwargs, State, Tera, Value};

use super::{escape, narrative};
use crate::diag::source::{ByteRange, SourceText};
use crate::diag::{Diagnostic, Error, Result};
use crate::dossier::FieldPath;
use crate::dossier::schema::{enum_values, field_info};

/// A template aiact ships, by file name.
pub struct BuiltinTemplate {
    /// File name, as in `templates/` and as overridden in `--templates DIR`.
    pub name: &'static str,
    /// Its text.
    pub text: &'static str,
}

/// Every built-in template. Names starting with `_` hold shared components.
pub const BUILTIN: &[BuiltinTemplate] = &[
    BuiltinTemplate {
        name: "_components.md",
        text: include_str!("../../templates/_components.md"),
    },
    BuiltinTemplate {
        name: "technical-documentation.md",
        text: include_str!("../../templates/technical-documentation.md"),
    },
    BuiltinTemplate {
        name: "downstream-information.md",
        text: include_str!("../../templates/downstream-information.md"),
    },
    BuiltinTemplate {
        name: "training-content-summary.md",
        text: include_str!("../../templates/training-content-summary.md"),
    },
    BuiltinTemplate {
        name: "copyright-policy.md",
        text: include_str!("../../templates/copyright-policy.md"),
    },
    BuiltinTemplate {
        name: "compliance-report.md",
        text: include_str!("../../templates/compliance-report.md"),
    },
    BuiltinTemplate {
        name: "layout.typ",
        text: include_str!("../../templates/layout.typ"),
    },
    BuiltinTemplate {
        name: "style.css",
        text: include_str!("../../templates/style.css"),
    },
];

/// The templates in use: the built-in ones, with any overrides applied.
#[derive(Debug, Clone)]
pub struct Templates {
    /// Name → (text, where it came from).
    sources: BTreeMap<String, Arc<SourceText>>,
}

impl Templates {
    /// The built-in templates, overridden by the files of `dir` when given. A file in `dir`
    /// whose name is not a template name is an error (a typo would otherwise be ignored).
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        let mut sources: BTreeMap<String, Arc<SourceText>> = BUILTIN
            .iter()
            .map(|t| {
                (
                    t.name.to_owned(),
                    Arc::new(SourceText::new(format!("templates/{}", t.name), t.text)),
                )
            })
            .collect();
        let Some(dir) = dir else {
            return Ok(Templates { sources });
        };
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        let mut problems = Vec::new();
        let mut names: Vec<PathBuf> = Vec::new();
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            // A template is read and its text shown in errors: never through a link out.
            match crate::dossier::evidence::readable_inside(dir, &path) {
                Ok(true) => names.push(path),
                Ok(false) => {}
                Err(why) => problems.push(
                    Diagnostic::error(format!("refusing to read the template: it {why}"))
                        .at_point(path.display().to_string(), 1, 1)
                        .help("copy the file into the templates directory"),
                ),
            }
        }
        names.sort();
        for path in names {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with('.') {
                continue;
            }
            if !sources.contains_key(&name) {
                let mut diagnostic =
                    Diagnostic::error(format!("`{name}` is not the name of an aiact template"))
                        .in_file(path.display().to_string());
                if let Some(suggestion) =
                    crate::diag::closest(&name, BUILTIN.iter().map(|t| t.name))
                {
                    diagnostic = diagnostic.help(format!("did you mean `{suggestion}`?"));
                } else {
                    diagnostic = diagnostic.help(format!(
                        "templates that can be overridden: {}",
                        BUILTIN
                            .iter()
                            .map(|t| t.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                problems.push(diagnostic);
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            sources.insert(
                name,
                Arc::new(SourceText::new(path.display().to_string(), text)),
            );
        }
        if !problems.is_empty() {
            return Err(Error::Input(problems));
        }
        Ok(Templates { sources })
    }

    /// The text of a template.
    pub fn text(&self, name: &str) -> &str {
        self.sources.get(name).map_or("", |s| s.text.as_str())
    }

    /// A template with the name of the file it came from, for located errors.
    pub fn source(&self, name: &str) -> Arc<SourceText> {
        self.sources
            .get(name)
            .cloned()
            .unwrap_or_else(|| Arc::new(SourceText::new(format!("templates/{name}"), "")))
    }

    /// Compiles the Markdown templates, with aiact's escaper and filters.
    pub fn compile(&self) -> Result<Engine> {
        let mut tera = Tera::new();
        tera.set_escape_fn(escape_markdown);
        tera.autoescape_on([".md"]);
        register_filters(&mut tera);
        let markdown: Vec<(&str, &str)> = self
            .sources
            .iter()
            .filter(|(name, _)| name.ends_with(".md"))
            .map(|(name, source)| (name.as_str(), source.text.as_str()))
            .collect();
        tera.add_raw_templates(markdown)
            .map_err(|e| self.diagnose(&e))?;
        // Every path a document's template reads must be in its context (see `fields`).
        let unknown = {
            let _watched = crate::budget::guard("the check of the templates' fields");
            super::fields::check(&self.sources)
        };
        if !unknown.is_empty() {
            return Err(Error::Input(unknown));
        }
        Ok(Engine {
            tera,
            templates: self.clone(),
        })
    }

    /// A tera error as a diagnostic located in its template.
    fn diagnose(&self, error: &tera::Error) -> Error {
        let report = match error.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                Some(report)
            }
            _ => None,
        };
        let Some(report) = report else {
            return Error::Input(self.diagnose_text(&error.to_string()));
        };
        let mut diagnostic = Diagnostic::error(format!("template error: {}", report.message()));
        match self.sources.get(report.filename()) {
            Some(source) => {
                let span = report.span();
                let end = span
                    .range
                    .end
                    .max(span.range.start + 1)
                    .min(source.text.len());
                diagnostic = diagnostic.at(
                    source,
                    ByteRange {
                        start: span.range.start.min(source.text.len()),
                        end,
                    },
                );
            }
            None => diagnostic = diagnostic.in_file(report.filename().to_owned()),
        }
        Error::Input(vec![diagnostic.help(
            "templates are tera templates (https://keats.github.io/tera/); a field a document's audience may not see is not in its context",
        )])
    }
}

impl Templates {
    /// Errors tera reports only as text (missing filters, functions, components and blocks,
    /// several at once), each located from its `--> name:line:column` line.
    fn diagnose_text(&self, text: &str) -> Vec<Diagnostic> {
        static LOCATED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let located = LOCATED.get_or_init(|| {
            regex::Regex::new(r"(?m)^error: (.+)\n\s*--> ([^\n]+):(\d+):(\d+)$")
                .expect("a constant regular expression")
        });
        let mut diagnostics = Vec::new();
        for found in located.captures_iter(text) {
            let message = format!("template error: {}", &found[1]);
            let name = &found[2];
            let line: usize = found[3].parse().unwrap_or(1);
            let column: usize = found[4].parse().unwrap_or(1);
            let diagnostic = match self.sources.get(name) {
                Some(source) => {
                    let start = source.offset_of(line, column);
                    Diagnostic::error(message).at(source, ByteRange::at(start))
                }
                None => Diagnostic::error(message).in_file(name.to_owned()),
            };
            diagnostics.push(diagnostic);
        }
        if diagnostics.is_empty() {
            diagnostics
                .push(Diagnostic::error(format!("template error: {text}")).in_file("templates"));
        }
        diagnostics
    }
}

/// Compiled templates, ready to render.
pub struct Engine {
    tera: Tera,
    templates: Templates,
}

impl Engine {
    /// Renders the template `name` with `context` (a JSON object).
    pub fn render(&self, name: &str, context: &serde_json::Value) -> Result<String> {
        let mut tera_context = tera::Context::new();
        if let Some(object) = context.as_object() {
            for (key, value) in object {
                tera_context.insert(key.clone(), value);
            }
        }
        // A template from `--templates` is code: bounded in time and memory (see `budget`).
        let _watched =
            crate::budget::guard(format!("template {}", self.templates.source(name).name));
        self.tera
            .render(name, &tera_context)
            .map_err(|e| self.templates.diagnose(&e))
    }
}

fn escape_markdown(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape::markdown(text).as_bytes())
}

/// The text of a value as a template would print it, before escaping.
fn plain(value: &Value) -> String {
    if let Some(s) = value.as_str() {
        return s.to_owned();
    }
    if value.is_none() || value.is_undefined() {
        return String::new();
    }
    value.to_string()
}

const NOT_PROVIDED: &str = "*Not provided.*";

/// The code and share of a language entry: a bare code, or a `{code, share_percent}` mapping.
fn language_entry(entry: &Value) -> (String, Option<f64>) {
    if entry.as_map().is_some() {
        let code = entry.get_from_path("code").map(plain).unwrap_or_default();
        let share = entry.get_from_path("share_percent").and_then(Value::as_f64);
        return (code, share);
    }
    (plain(entry), None)
}

fn register_filters(tera: &mut Tera) {
    // Text for a table cell, on one line: its inline Markdown (emphasis, strong, code, web and
    // mail links, bare URLs) as formatting, everything else literal (see `narrative`).
    tera.register_filter("cell", |value: Value, _: Kwargs, _: &State| {
        if value.is_none() || value.is_undefined() {
            return Value::safe_string(NOT_PROVIDED);
        }
        Value::safe_string(&narrative::cell(&plain(&value)))
    });
    // The value as literal text, or a visible "Not provided." when it is unanswered.
    //
    // `given` stays literal, unlike `narrative`: templates use it inside lines they build
    // themselves — document titles (`# Technical documentation of {{ … | given }}`), running
    // sentences ("Released on {{ … | given }}"), bullet items and the text after a bold label —
    // where a list or a paragraph break from the field would break the line it sits in, and
    // where the values are names, dates and short phrases. A long answer goes below its
    // question through `narrative`.
    tera.register_filter("given", |value: Value, _: Kwargs, _: &State| {
        let text = plain(&value);
        if text.trim().is_empty() {
            return Value::safe_string(NOT_PROVIDED);
        }
        Value::safe_string(&escape::markdown(&text))
    });
    // A narrative field as block content on lines of its own below its question: paragraphs,
    // lists, emphasis, strong, code and web or mail links as formatting; raw HTML, images,
    // other links, headings and everything else as the characters typed. Its lines start at
    // the left margin, so the template puts it at the start of a line after a blank one.
    tera.register_filter("narrative", |value: Value, _: Kwargs, _: &State| {
        let text = plain(&value);
        if text.trim().is_empty() {
            return Value::safe_string(NOT_PROVIDED);
        }
        Value::safe_string(&narrative::block(&text))
    });
    // A dimension of the evaluation profile as a chart block (see `chart`); nothing when none
    // of its results has a percentage or a fraction to draw.
    tera.register_filter("chart", |value: Value, _: Kwargs, _: &State| {
        let json = serde_json::to_value(&value).unwrap_or(serde_json::Value::Null);
        Value::safe_string(&super::chart::fence(&json))
    });
    // Text as an inline code span (identifiers, pointers), shown exactly.
    tera.register_filter("code", |value: Value, _: Kwargs, _: &State| {
        let text = plain(&value);
        if text.is_empty() {
            return Value::safe_string(NOT_PROVIDED);
        }
        Value::safe_string(&escape::code(&text))
    });
    tera.register_filter("link", |value: Value, _: Kwargs, _: &State| {
        let text = plain(&value);
        if text.trim().is_empty() {
            return Value::safe_string(NOT_PROVIDED);
        }
        Value::safe_string(&escape::link(&text))
    });
    // A yes/no answer with both options shown and the chosen one ticked.
    tera.register_filter("yes_no", |value: Value, _: Kwargs, _: &State| {
        Value::safe_string(match value.as_bool() {
            Some(true) => "☒ Yes ☐ No",
            Some(false) => "☐ Yes ☒ No",
            None => "☐ Yes ☐ No *Not provided.*",
        })
    });
    // Languages as names with their codes and shares: `English (en, about 60 %), Silesian
    // (szl)`. Entries are codes or `{code, share_percent}` mappings.
    tera.register_filter("languages", |value: Value, _: Kwargs, _: &State| {
        let Some(entries) = value.as_array() else {
            return Value::safe_string(NOT_PROVIDED);
        };
        if entries.is_empty() {
            return Value::safe_string("None");
        }
        let named: Vec<String> = entries
            .iter()
            .map(|entry| {
                let (code, share) = language_entry(entry);
                escape::cell(&super::languages::describe(&code, share))
            })
            .collect();
        Value::safe_string(&named.join(", "))
    });
    // The official languages of the Union among languages: `3 of 24: German, English,
    // French`. An unanswered list is a gap, not "none of the 24".
    tera.register_filter("eu_languages", |value: Value, _: Kwargs, _: &State| {
        let Some(entries) = value.as_array() else {
            return Value::safe_string(NOT_PROVIDED);
        };
        if entries.is_empty() {
            return Value::safe_string("None (no languages are listed)");
        }
        let codes: Vec<String> = entries.iter().map(|e| language_entry(e).0).collect();
        let official = super::languages::eu_official_among(codes.iter().map(String::as_str));
        let total = super::languages::EU_OFFICIAL.len();
        if official.is_empty() {
            return Value::safe_string(&format!("None of the {total}"));
        }
        Value::safe_string(&format!(
            "{} of {total}: {}",
            official.len(),
            escape::cell(&official.join(", "))
        ))
    });
    register_value_filters(tera);
}

/// The filters of numbers, ticks and enumerated values, and the `options` function.
fn register_value_filters(tera: &mut Tera) {
    // A tick box with three states: ticked, unticked, and unticked with the gap when
    // nobody said (an empty box alone would read as "no").
    tera.register_filter("tick", |value: Value, _: Kwargs, _: &State| {
        Value::safe_string(match value.as_bool() {
            Some(true) => "☒",
            Some(false) => "☐",
            None => "☐ *Not provided.*",
        })
    });
    // A list to loop over: its items, or none for an unanswered list (tera cannot loop over
    // nothing; whether a list was answered is the template's `is array` test).
    tera.register_filter("listed", |value: Value, _: Kwargs, _: &State| {
        if value.is_none() || value.is_undefined() {
            return Value::from_serializable(&Vec::<serde_json::Value>::new());
        }
        value
    });
    // The items of a list whose field `key` is answered (not null, not blank text): which
    // versions give their own dependencies, which generators describe what they made.
    tera.register_filter("having", |value: Value, kwargs: Kwargs, _: &State| {
        let key = kwargs.must_get::<&str>("key")?;
        let items: Vec<serde_json::Value> = serde_json::to_value(&value)
            .ok()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .into_iter()
            .filter(|item| match item.get(key) {
                None | Some(serde_json::Value::Null) => false,
                Some(serde_json::Value::String(text)) => !text.trim().is_empty(),
                Some(_) => true,
            })
            .collect();
        Ok::<_, tera::Error>(Value::from_serializable(&items))
    });
    // A number in scientific notation with superscript exponent: `3.8 × 10²⁵`.
    tera.register_filter("sci", |value: Value, kwargs: Kwargs, _: &State| {
        let Some(number) = value.as_f64() else {
            return Value::safe_string(NOT_PROVIDED);
        };
        let digits = kwargs.get::<i64>("digits").ok().flatten().unwrap_or(2);
        Value::safe_string(&scientific(number, digits.clamp(1, 12) as usize))
    });
    // A number with thousands separators.
    tera.register_filter("grouped", |value: Value, _: Kwargs, _: &State| {
        let Some(number) = value.as_f64() else {
            return Value::safe_string(NOT_PROVIDED);
        };
        Value::safe_string(&grouped(number))
    });
    // The label of an enumerated value, from the format's own description of it.
    tera.register_filter("label", |value: Value, kwargs: Kwargs, _: &State| {
        let options = enum_options(&kwargs)?;
        let Some(text) = value.as_str() else {
            return Ok(Value::safe_string(NOT_PROVIDED));
        };
        let label = options
            .into_iter()
            .find(|(v, _)| v == text)
            .map_or_else(|| text.to_owned(), |(_, label)| label);
        Ok(Value::safe_string(&escape::cell(&label)))
    });
    // A list of enumerated values as their labels, comma-separated.
    tera.register_filter("labels", |value: Value, kwargs: Kwargs, _: &State| {
        let options = enum_options(&kwargs)?;
        let Some(items) = value.as_array() else {
            return Ok(Value::safe_string(NOT_PROVIDED));
        };
        if items.is_empty() {
            // `[]` answers "none".
            return Ok(Value::safe_string("None"));
        }
        let labels: Vec<String> = items
            .iter()
            .map(|item| {
                let text = plain(item);
                let label = options
                    .iter()
                    .find(|(v, _)| *v == text)
                    .map_or(text, |(_, label)| label.clone());
                escape::cell(&label)
            })
            .collect();
        Ok(Value::safe_string(&labels.join("; ")))
    });
    // The options of an enumerated field: a list of {value, label}.
    tera.register_function("options", |kwargs: Kwargs, _: &State| {
        let options: Vec<serde_json::Value> = enum_options(&kwargs)?
            .into_iter()
            .map(|(value, label)| serde_json::json!({ "value": value, "label": label }))
            .collect();
        Ok::<_, tera::Error>(Value::from_serializable(&options))
    });
}

/// The options of the enumerated field named by the `field` argument; an error when it names
/// no such field, so a typo in a template fails loudly instead of printing raw values.
fn enum_options(kwargs: &Kwargs) -> tera::TeraResult<Vec<(String, String)>> {
    let field = kwargs.must_get::<&str>("field")?;
    let options = options_of(field);
    if options.is_empty() {
        return Err(tera::Error::message(format!(
            "`{field}` is not an enumerated field of the dossier format"
        )));
    }
    Ok(options)
}

/// The values and labels of an enumerated field of the format (empty when not an enum).
pub fn options_of(field: &str) -> Vec<(String, String)> {
    let Ok(pattern) = crate::dossier::path::PathPattern::parse(field) else {
        return Vec::new();
    };
    let path: FieldPath = pattern.representative();
    let Some(info) = field_info(&path) else {
        return Vec::new();
    };
    let root = crate::dossier::schema::schema(info.file);
    let mut out = Vec::new();
    if let Some(one_of) = info.schema.get("oneOf").and_then(|v| v.as_array()) {
        for option in one_of {
            if let Some(value) = option.get("const").and_then(|v| v.as_str()) {
                let label = option
                    .get("description")
                    .and_then(|v| v.as_str())
                    .unwrap_or(value)
                    .trim_end_matches('.')
                    .to_owned();
                out.push((value.to_owned(), label));
            }
        }
    } else if let Some(values) = enum_values(root, info.schema) {
        for value in values {
            if let Some(value) = value.as_str() {
                out.push((value.to_owned(), value.to_owned()));
            }
        }
    }
    out
}

/// `3.8 × 10²⁵`, with `digits` significant figures (trailing zeros dropped).
pub fn scientific(number: f64, digits: usize) -> String {
    if number == 0.0 || !number.is_finite() {
        return format!("{number}");
    }
    let formatted = format!("{:.*e}", digits.saturating_sub(1), number);
    let (mantissa, exponent) = formatted.split_once('e').unwrap_or((&formatted, "0"));
    let mantissa = if mantissa.contains('.') {
        mantissa.trim_end_matches('0').trim_end_matches('.')
    } else {
        mantissa
    };
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (0..=3).contains(&exponent) {
        return grouped(number);
    }
    format!("{mantissa} × 10{}", superscript(exponent))
}

fn superscript(exponent: i32) -> String {
    exponent
        .to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            '9' => '⁹',
            other => other,
        })
        .collect()
}

/// `1,234,567` (and `1,234.5` for fractions).
pub fn grouped(number: f64) -> String {
    let text = if number.fract() == 0.0 && number.abs() < 1e18 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    };
    let (sign, rest) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |r| ("-", r));
    let (whole, fraction) = rest
        .split_once('.')
        .map_or((rest, None), |(w, f)| (w, Some(f)));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_a_document() {
        assert_eq!(scientific(3.8e25, 2), "3.8 × 10²⁵");
        assert_eq!(scientific(1.0e25, 3), "1 × 10²⁵");
        assert_eq!(scientific(4.05e11, 3), "4.05 × 10¹¹");
        assert_eq!(scientific(0.00012, 2), "1.2 × 10⁻⁴");
        assert_eq!(scientific(512.0, 2), "512");
        assert_eq!(grouped(1234567.0), "1,234,567");
        assert_eq!(grouped(-1234.5), "-1,234.5");
        assert_eq!(grouped(999.0), "999");
    }

    #[test]
    fn enum_labels_come_from_the_format() {
        let bands = options_of("data.overview.modalities.text.size_band");
        assert!(bands.len() >= 3, "{bands:?}");
        assert!(
            bands
                .iter()
                .any(|(_, label)| label.contains("billion tokens"))
        );
        assert!(options_of("provider.legal_name").is_empty());
    }

    #[test]
    fn an_unknown_override_is_refused_with_a_suggestion() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("technical-documentaton.md"), "x").unwrap();
        let error = Templates::load(Some(dir.path())).unwrap_err();
        let text = format!("{:?}", error.diagnostics());
        assert!(text.contains("technical-documentation.md"), "{text}");
    }

    #[test]
    fn a_template_error_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("copyright-policy.md"),
            "# Title\n\nline two\n{{ model.name | nonexistent_filter }}\n",
        )
        .unwrap();
        let templates = Templates::load(Some(dir.path())).unwrap();
        let error = match templates.compile() {
            Err(error) => error,
            Ok(_) => panic!("an unknown filter is an error"),
        };
        let diagnostics = error.diagnostics();
        let position = diagnostics[0].position().unwrap_or_default();
        assert!(position.contains("copyright-policy.md:4:"), "{position}");
    }
}
