//! The `init` skeleton: every file of the format with every field present and commented with
//! what it means, the obligations that ask for it and who may see it. It is generated from the
//! schemas, so it can never disagree with what the loader accepts.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::{Diagnostic, Error, Result};

use super::model::FileKind;
use super::schema::{self, enum_values, resolve, resolve_non_null, types_of};

/// Width comments are wrapped to.
const WIDTH: usize = 96;

/// Where `init` puts the schemas inside a dossier, for editors.
pub const SCHEMA_DIR: &str = ".aiact/schema";

/// Name of the schema file of a dossier file.
pub fn schema_file_name(kind: FileKind) -> String {
    format!("{}.schema.json", kind.stem())
}

/// The skeleton text of one dossier file.
pub fn skeleton(kind: FileKind) -> String {
    let root = schema::schema(kind);
    let mut out = String::new();
    out.push_str(&format!(
        "# yaml-language-server: $schema={SCHEMA_DIR}/{}\n",
        schema_file_name(kind)
    ));
    out.push_str(&format!(
        "# {}.yaml: aiact dossier, format version {}.\n",
        kind.stem(),
        super::model::FORMAT_VERSION
    ));
    comment_block(&mut out, "", kind.purpose());
    comment_block(
        &mut out,
        "",
        "Every field is present. `~` means not answered yet: a gap to fill, not an error. Narrative fields may hold Markdown. Each comment gives the field's meaning, `basis:` the obligation that asks for it, and `for:` the audiences it may be shown to.",
    );
    out.push('\n');
    let mut writer = Writer { root, out };
    writer.object(root, 0, &Context::default());
    writer.out
}

#[derive(Clone, Default)]
struct Context {
    audiences: Option<Vec<String>>,
    basis: Vec<String>,
}

struct Writer<'s> {
    root: &'s Value,
    out: String,
}

fn comment_block(out: &mut String, indent: &str, text: &str) {
    let prefix = format!("{indent}# ");
    let mut line = prefix.clone();
    for word in text.split_whitespace() {
        if line.len() > prefix.len() && line.len() + 1 + word.len() > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = prefix.clone();
        }
        if line.len() > prefix.len() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if line.len() > prefix.len() {
        out.push_str(&line);
        out.push('\n');
    }
}

fn audience_words(audiences: &[String]) -> String {
    if audiences.is_empty() {
        return "the provider only (not rendered in any document)".to_owned();
    }
    if audiences.len() == 4 {
        return "all audiences".to_owned();
    }
    audiences
        .iter()
        .map(|a| match a.as_str() {
            "ai_office" => "AI Office",
            "national_authorities" => "national authorities",
            "downstream" => "downstream providers",
            "public" => "public",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn strings(value: Option<&Value>) -> Option<Vec<String>> {
    value.and_then(Value::as_array).map(|items| {
        items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    })
}

impl<'s> Writer<'s> {
    fn context_for(&self, property: &Value, parent: &Context) -> Context {
        let audiences = match (
            strings(property.get("x-aiact-audiences")),
            &parent.audiences,
        ) {
            (Some(own), Some(outer)) => {
                Some(own.into_iter().filter(|a| outer.contains(a)).collect())
            }
            (Some(own), None) => Some(own),
            (None, outer) => outer.clone(),
        };
        let basis = strings(property.get("x-aiact-basis")).unwrap_or_else(|| parent.basis.clone());
        Context { audiences, basis }
    }

    fn object(&mut self, schema: &'s Value, depth: usize, context: &Context) {
        let schema = resolve_non_null(self.root, schema);
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            return;
        };
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (index, (name, property)) in properties.iter().enumerate() {
            let child = self.context_for(property, context);
            if depth == 0 && index > 0 {
                self.out.push('\n');
            }
            self.property(
                name,
                property,
                depth,
                &child,
                required.contains(&name.as_str()),
            );
        }
    }

    fn property(
        &mut self,
        name: &str,
        property: &'s Value,
        depth: usize,
        context: &Context,
        required: bool,
    ) {
        let indent = "  ".repeat(depth);
        let comment_indent = indent.clone();
        if let Some(description) = property.get("description").and_then(Value::as_str) {
            comment_block(&mut self.out, &comment_indent, description);
        }
        let resolved = resolve_non_null(self.root, property);
        let mut facts = Vec::new();
        let item_schema = resolved.get("items");
        let (enum_source, enum_words) = match item_schema {
            Some(items) => (items, "each one of"),
            None => (property, "one of"),
        };
        if let Some(values) = enum_values(self.root, enum_source) {
            let values: Vec<String> = values
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect();
            facts.push(format!("{enum_words}: {}", values.join(", ")));
        }
        match resolved.get("format").and_then(Value::as_str) {
            Some("date") => facts.push("a date, YYYY-MM-DD".to_owned()),
            Some(format) if format == super::model::EVIDENCE_PATH_FORMAT => {
                facts.push("a file in the dossier, e.g. evidence/…".to_owned())
            }
            Some(format) if format == super::model::ARTEFACT_PATH_FORMAT => {
                facts.push("a model file in the dossier; hashed by build, not copied".to_owned())
            }
            Some(format) if format == super::model::MONTH_YEAR_FORMAT => {
                facts.push("a month, MM/YYYY, or a year, YYYY".to_owned())
            }
            Some(format) if format == super::model::PARTIAL_DATE_FORMAT => {
                facts.push("a date YYYY-MM-DD, a month MM/YYYY or a year YYYY".to_owned())
            }
            _ => {}
        }
        if !context.basis.is_empty() {
            facts.push(format!("basis: {}", context.basis.join("; ")));
        }
        facts.push(format!(
            "for: {}",
            audience_words(context.audiences.as_deref().unwrap_or_default())
        ));
        comment_block(
            &mut self.out,
            &comment_indent,
            &format!("[{}]", facts.join(" · ")),
        );

        let types = types_of(resolved);
        let is_object = resolved.get("properties").is_some();
        let is_array = types.contains(&"array");
        if is_object {
            self.out.push_str(&format!("{indent}{name}:\n"));
            self.object(resolved, depth + 1, context);
        } else if is_array {
            // Unanswered, like every other field: `[]` would answer "none" (format v2).
            self.out.push_str(&format!("{indent}{name}: ~\n"));
            let items = resolved.get("items").map(|i| resolve(self.root, i));
            if let Some(items) = items.filter(|i| i.get("properties").is_some()) {
                self.out
                    .push_str(&format!("{indent}# {name}, one entry per item:\n"));
                self.list_item(items, depth);
            }
        } else {
            let value = if required && types.contains(&"integer") && name == "format_version" {
                super::model::FORMAT_VERSION.to_string()
            } else if required {
                "\"\"".to_owned()
            } else {
                "~".to_owned()
            };
            self.out.push_str(&format!("{indent}{name}: {value}\n"));
        }
    }

    /// A list item written as a comment, so that the skeleton stays valid and still shows the
    /// fields an entry has.
    fn list_item(&mut self, items: &'s Value, depth: usize) {
        let indent = "  ".repeat(depth);
        let Some(properties) = items.get("properties").and_then(Value::as_object) else {
            return;
        };
        let required: Vec<&str> = items
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (index, (name, property)) in properties.iter().enumerate() {
            let lead = if index == 0 { "- " } else { "  " };
            let resolved = resolve_non_null(self.root, property);
            let first_sentence = property
                .get("description")
                .and_then(Value::as_str)
                .map(|d| {
                    let flat = d.split_whitespace().collect::<Vec<_>>().join(" ");
                    flat.split(". ")
                        .next()
                        .unwrap_or_default()
                        .trim_end_matches('.')
                        .to_owned()
                })
                .unwrap_or_default();
            let placeholder = if resolved.get("properties").is_some() {
                "{ }"
            } else if types_of(resolved).contains(&"array") {
                "[ ]"
            } else {
                "…"
            };
            let needed = if required.contains(&name.as_str()) {
                "required. "
            } else {
                ""
            };
            let head = format!("{indent}# {lead}{name}: {placeholder}  # ");
            let mut note = format!("{needed}{first_sentence}");
            let room = WIDTH.saturating_sub(head.chars().count()).max(20);
            if note.chars().count() > room {
                note = note.chars().take(room - 1).collect::<String>() + "…";
            }
            self.out.push_str(&format!("{head}{note}\n"));
        }
    }
}

/// The JSON Schema of every dossier file, keyed by schema file name.
pub fn schemas() -> serde_json::Map<String, Value> {
    FileKind::ALL
        .iter()
        .map(|kind| (schema_file_name(*kind), schema::schema(*kind).clone()))
        .collect()
}

/// The schema files: each schema pretty-printed, under its file name.
fn schema_files() -> Vec<(String, String)> {
    schemas()
        .into_iter()
        .map(|(name, schema)| {
            let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
            (name, text + "\n")
        })
        .collect()
}

/// Writes the schemas into `out` and returns the paths written.
pub fn write_schemas(out: &Path) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (name, text) in schema_files() {
        let path = out.join(name);
        crate::output::write_atomic(&path, text.as_bytes())?;
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
    if !force && !crate::output::is_missing_or_empty(dir)? {
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
    for (name, text) in schema_files() {
        files.push((Path::new(SCHEMA_DIR).join(name), text.into_bytes()));
    }
    files.push((
        PathBuf::from("evidence/README.md"),
        EVIDENCE_README.as_bytes().to_vec(),
    ));
    crate::output::write_tree(dir, &files)?;
    Ok(files.into_iter().map(|(path, _)| dir.join(path)).collect())
}

const EVIDENCE_README: &str = "# Evidence\n\nFiles that the dossier points to: policies, mandates, reports, evaluation logs,\ndataset cards. Dossier fields name them by a path relative to the dossier root,\nsuch as `evidence/copyright-policy.pdf`. A path must stay inside the dossier: no\n`..`, no absolute paths, no symbolic links that point outside.\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_name_basis_and_audiences() {
        let text = skeleton(FileKind::Technical);
        assert!(
            text.starts_with(
                "# yaml-language-server: $schema=.aiact/schema/technical.schema.json\n"
            )
        );
        assert!(text.contains("  training_flop: ~\n"), "{text}");
        assert!(text.contains("basis: Annex XI §1.2(d)"), "{text}");
        assert!(
            text.contains("for: AI Office, national authorities]"),
            "{text}"
        );
        assert!(
            text.contains("one of: architecture, hardware, measured"),
            "{text}"
        );
        let root = skeleton(FileKind::Root);
        assert!(root.contains("format_version: 2\n"), "{root}");
        assert!(root.contains("# - version: …"), "{root}");
    }

    #[test]
    fn comments_wrap_within_the_width() {
        for kind in FileKind::ALL {
            for line in skeleton(kind)
                .lines()
                .filter(|l| l.trim_start().starts_with("# "))
            {
                let words = line.split_whitespace().count();
                assert!(
                    line.chars().count() <= WIDTH + 20 || words <= 3,
                    "{kind:?}: {line}"
                );
            }
        }
    }
}
