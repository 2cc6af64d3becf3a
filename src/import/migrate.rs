//! `aiact migrate`: rewrites a dossier of format version 1 as format version 2, in place, as
//! text edits at the positions the located YAML tree gives, so comments, order and formatting
//! survive (the same discipline as imports).
//!
//! What changes, and why each is safe:
//! - `format_version: 1` becomes `2`.
//! - Every empty list `[]` becomes `~` (unanswered). Version 1 wrote `[]` for every list nobody
//!   touched, so `[]` never said "none"; in version 2 it does, and a migration that kept it
//!   would make the documents claim "none" where nobody answered. Each such field is listed so
//!   that the provider can write `[]` back where "none" is meant.
//! - `data.overview.collection_continues: true|false` becomes
//!   `continued_training: continued|not_continued`.
//! - `data.sources.crawled_data.behaviour.robots_txt` moves to
//!   `copyright.rights_reservations.robots_txt_description` (a fact is entered once).
//! - `data.sources.crawled_data.behaviour.other_opt_out_protocols` has no mechanical
//!   counterpart (version 2 lists each protocol in `copyright.rights_reservations.other_protocols`);
//!   when it holds text the migration stops at it with what to do, and writes nothing.
//!
//! Every edited file is checked as the loader would before anything is written; the original of
//! each changed file is kept beside it as `NAME.v1` (refused when that name is taken), so
//! nothing is lost.

use std::path::Path;

use serde_json::Value;

use super::patch;
use crate::diag::{Diagnostic, Error, Result};
use crate::dossier::yaml::{Content, Entry, Node};
use crate::dossier::{FieldPath, FileKind};

/// One change the migration made, for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The dossier file.
    pub file: String,
    /// Line of the change in the original file (1-based).
    pub line: usize,
    /// The field, in the dossier's unified path space.
    pub field: String,
    /// What was done.
    pub what: String,
}

/// What a migration did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    /// The format version the dossier was in.
    pub from: u32,
    /// Every change, file by file in load order.
    pub changes: Vec<Change>,
    /// The originals kept, as written beside the dossier files.
    pub kept: Vec<String>,
}

impl Migrated {
    /// What the migration did, in a few lines for people.
    pub fn summary(&self) -> String {
        if self.changes.is_empty() {
            return format!(
                "the dossier is already format version {}; nothing changed\n",
                crate::dossier::model::FORMAT_VERSION
            );
        }
        let mut out = format!(
            "migrated from format version {} to {}: {} change(s)\n",
            self.from,
            crate::dossier::model::FORMAT_VERSION,
            self.changes.len()
        );
        for change in &self.changes {
            out.push_str(&format!(
                "  {}:{}: {}: {}\n",
                change.file, change.line, change.field, change.what
            ));
        }
        if self
            .changes
            .iter()
            .any(|c| c.what.starts_with("`[]` became"))
        {
            out.push_str("  where an emptied list meant \"none\", write `[]` again: in format version 2 `[]` answers \"none\" and `~` is unanswered\n");
        }
        for kept in &self.kept {
            out.push_str(&format!("  the original is kept as {kept}\n"));
        }
        out
    }
}

/// A file being migrated: its name, original text, edited text, and its changes.
struct Draft {
    kind: FileKind,
    name: String,
    original: String,
    text: String,
    changes: Vec<Change>,
}

/// Migrates the dossier in `dir` to the current format version.
pub fn migrate(dir: &Path) -> Result<Migrated> {
    let mut drafts = Vec::new();
    for kind in FileKind::ALL {
        let (name, text) = super::dossier_file(dir, kind)?;
        if dir.join(&name).is_file() {
            drafts.push(Draft {
                kind,
                name,
                original: text.clone(),
                text,
                changes: Vec::new(),
            });
        }
    }
    let Some(root) = drafts.iter().find(|d| d.kind == FileKind::Root) else {
        return Err(Error::Input(vec![
            Diagnostic::error(format!("{} holds no aiact.yaml", dir.display()))
                .help("run aiact migrate on a dossier directory"),
        ]));
    };
    let from = format_version(root)?;
    if from == crate::dossier::model::FORMAT_VERSION {
        return Ok(Migrated {
            from,
            changes: Vec::new(),
            kept: Vec::new(),
        });
    }
    let mut moved_robots: Option<(Value, Change)> = None;
    for draft in &mut drafts {
        let tree = crate::dossier::parse_str(&draft.name, &draft.text)?;
        let mut edits = Vec::new();
        if draft.kind == FileKind::Root {
            version_edit(draft, &tree, &mut edits);
        }
        if draft.kind == FileKind::Data {
            moved_robots = data_edits(draft, &tree, &mut edits)?;
        }
        empty_lists(draft, &tree, &FieldPath::root(), &mut edits);
        apply(draft, edits);
    }
    if let Some((value, change)) = moved_robots {
        move_robots(dir, &mut drafts, value, change)?;
    }
    for draft in &drafts {
        if draft.text != draft.original {
            crate::dossier::check_text(draft.kind, &draft.name, &draft.text)?;
        }
    }
    write(dir, from, drafts)
}

fn format_version(root: &Draft) -> Result<u32> {
    let tree = crate::dossier::parse_str(&root.name, &root.text)?;
    let node = tree.get(&FieldPath::root().key("format_version"));
    match node.map(|n| &n.content) {
        Some(Content::Int(version @ 1..=2)) => Ok(*version as u32),
        _ => Err(Error::Input(vec![
            Diagnostic::error("aiact.yaml has no format version aiact can migrate from")
                .at_point(
                    root.name.clone(),
                    line_of(&root.text, node.map_or(0, |n| n.span.start)),
                    1,
                )
                .field("format_version")
                .help("aiact migrates format version 1 to 2; write `format_version: 1` or `2`"),
        ])),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// A text edit: replace `start..end` with `with`.
type Edit = (usize, usize, String);

fn change(draft: &Draft, at: usize, field: String, what: impl Into<String>) -> Change {
    Change {
        file: draft.name.clone(),
        line: line_of(&draft.original, at),
        field,
        what: what.into(),
    }
}

fn unified(kind: FileKind, path: &FieldPath) -> String {
    path.prefixed(kind.section()).to_string()
}

fn version_edit(draft: &mut Draft, tree: &Node, edits: &mut Vec<Edit>) {
    if let Some(node) = tree.get(&FieldPath::root().key("format_version")) {
        let to = crate::dossier::model::FORMAT_VERSION;
        edits.push((node.span.start, node.span.end, to.to_string()));
        let noted = change(
            draft,
            node.span.start,
            "format_version".into(),
            format!("set to {to}"),
        );
        draft.changes.push(noted);
    }
}

/// Every empty flow list `[]` becomes `~`.
fn empty_lists(draft: &mut Draft, node: &Node, path: &FieldPath, edits: &mut Vec<Edit>) {
    match &node.content {
        Content::Seq(items)
            if items.is_empty() && draft.text.get(node.span.start..node.span.end) == Some("[]") =>
        {
            edits.push((node.span.start, node.span.end, "~".into()));
            let noted = change(
                draft,
                node.span.start,
                unified(draft.kind, path),
                "`[]` became `~` (unanswered)",
            );
            draft.changes.push(noted);
        }
        Content::Seq(items) => {
            for (index, item) in items.iter().enumerate() {
                empty_lists(draft, item, &path.clone().index(index), edits);
            }
        }
        Content::Map(entries) => {
            for entry in entries {
                empty_lists(draft, &entry.value, &path.clone().key(&entry.key), edits);
            }
        }
        _ => {}
    }
}

/// The byte range of an entry's whole lines: from the start of its key's line to the end of
/// the line its content ends on (with the newline).
fn entry_lines(text: &str, entry: &Entry) -> (usize, usize) {
    let start = text[..entry.key_span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let content_end = if entry.value.span.end > entry.key_span.end {
        // A block scalar's span runs on to the next token: its content ends at its last
        // written character.
        let end = patch::content_end(&entry.value);
        let start = entry.value.span.start.min(end);
        start + text[start..end].trim_end().len()
    } else {
        entry.key_span.end
    };
    let end = text[content_end..]
        .find('\n')
        .map_or(text.len(), |i| content_end + i + 1);
    (start, end)
}

/// The edits of `data.yaml`; returns the robots.txt description to move, if any.
fn data_edits(
    draft: &mut Draft,
    tree: &Node,
    edits: &mut Vec<Edit>,
) -> Result<Option<(Value, Change)>> {
    if let Some(continues) = patch::entry_at(tree, &["overview", "collection_continues"]) {
        let value = match continues.value.content {
            Content::Bool(true) => Some("continued"),
            Content::Bool(false) => Some("not_continued"),
            _ => None,
        };
        edits.push((
            continues.key_span.start,
            continues.key_span.end,
            "continued_training".into(),
        ));
        if let Some(value) = value {
            edits.push((
                continues.value.span.start,
                continues.value.span.end,
                value.into(),
            ));
        }
        let noted = change(
            draft,
            continues.key_span.start,
            "data.overview.collection_continues".into(),
            format!(
                "renamed continued_training{}",
                value.map_or(String::new(), |v| format!(", value {v}"))
            ),
        );
        draft.changes.push(noted);
    }
    let behaviour = ["sources", "crawled_data", "behaviour"];
    if let Some(other) = patch::entry_at(
        tree,
        &[&behaviour[..], &["other_opt_out_protocols"]].concat(),
    ) {
        if !matches!(other.value.content, Content::Null) {
            return Err(Error::Input(vec![
                Diagnostic::error(
                    "data.sources.crawled_data.behaviour.other_opt_out_protocols has no place in format version 2",
                )
                .at_point(
                    draft.name.clone(),
                    line_of(&draft.text, other.key_span.start),
                    1,
                )
                .field("data.sources.crawled_data.behaviour.other_opt_out_protocols")
                .help("list each protocol in copyright.yaml under rights_reservations.other_protocols (name, description, url), delete this field, and run aiact migrate again; nothing was written"),
            ]));
        }
        let (start, end) = entry_lines(&draft.text, other);
        edits.push((start, end, String::new()));
        let noted = change(
            draft,
            other.key_span.start,
            "data.sources.crawled_data.behaviour.other_opt_out_protocols".into(),
            "removed (unanswered; format version 2 lists the protocols in copyright.rights_reservations.other_protocols)",
        );
        draft.changes.push(noted);
    }
    let Some(robots) = patch::entry_at(tree, &[&behaviour[..], &["robots_txt"]].concat()) else {
        return Ok(None);
    };
    let (start, end) = entry_lines(&draft.text, robots);
    edits.push((start, end, String::new()));
    let value = robots.value.to_json();
    let noted = change(
        draft,
        robots.key_span.start,
        "data.sources.crawled_data.behaviour.robots_txt".into(),
        if value.is_null() {
            "removed (unanswered; format version 2 keeps it in copyright.rights_reservations.robots_txt_description)"
        } else {
            "moved to copyright.rights_reservations.robots_txt_description"
        },
    );
    if value.is_null() {
        draft.changes.push(noted);
        return Ok(None);
    }
    Ok(Some((value, noted)))
}

/// Applies non-overlapping edits, last first so that earlier offsets stay valid.
fn apply(draft: &mut Draft, mut edits: Vec<Edit>) {
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    // An emptied list inside a removed entry is removed with it.
    let mut applied: Vec<(usize, usize)> = Vec::new();
    for (start, end, with) in edits {
        if applied.iter().any(|(s, e)| start >= *s && end <= *e) {
            continue;
        }
        draft.text.replace_range(start..end, &with);
        applied.push((start, end));
    }
}

fn move_robots(dir: &Path, drafts: &mut Vec<Draft>, value: Value, noted: Change) -> Result<()> {
    let at = match drafts.iter().position(|d| d.kind == FileKind::Copyright) {
        Some(at) => at,
        None => {
            let (name, text) = super::dossier_file(dir, FileKind::Copyright)?;
            drafts.push(Draft {
                kind: FileKind::Copyright,
                name,
                original: text.clone(),
                text,
                changes: Vec::new(),
            });
            drafts.len() - 1
        }
    };
    let copyright = &mut drafts[at];
    let (text, outcome) = patch::set_if_unanswered(
        &copyright.name,
        &copyright.text,
        &["rights_reservations", "robots_txt_description"],
        &value,
        Some("moved here from data.yaml by aiact migrate"),
    )?;
    if outcome == patch::Outcome::Kept {
        return Err(Error::Input(vec![
            Diagnostic::error(
                "robots.txt is described twice: in data.yaml and in copyright.yaml rights_reservations.robots_txt_description",
            )
            .at_point(noted.file.clone(), noted.line, 1)
            .field(noted.field.clone())
            .help("keep one description in copyright.yaml, delete the one in data.yaml, and run aiact migrate again; nothing was written"),
        ]));
    }
    copyright.text = text;
    // The description came from data.yaml, whose draft records the move.
    if let Some(data) = drafts.iter_mut().find(|d| d.kind == FileKind::Data) {
        data.changes.push(noted);
    }
    Ok(())
}

fn write(dir: &Path, from: u32, drafts: Vec<Draft>) -> Result<Migrated> {
    let changed: Vec<&Draft> = drafts.iter().filter(|d| d.text != d.original).collect();
    for draft in &changed {
        let kept = dir.join(format!("{}.v{from}", draft.name));
        if kept.exists() {
            return Err(Error::Input(vec![
                Diagnostic::error(format!(
                    "{} exists; aiact migrate keeps the original there",
                    kept.display()
                ))
                .help("move it away and run aiact migrate again; nothing was written"),
            ]));
        }
    }
    let mut kept = Vec::new();
    for draft in &changed {
        let name = format!("{}.v{from}", draft.name);
        if !draft.original.is_empty() {
            crate::output::write_atomic(&dir.join(&name), draft.original.as_bytes())?;
            kept.push(name);
        }
    }
    for draft in &changed {
        crate::output::write_atomic(&dir.join(&draft.name), draft.text.as_bytes())?;
    }
    Ok(Migrated {
        from,
        changes: drafts.into_iter().flat_map(|d| d.changes).collect(),
        kept,
    })
}
