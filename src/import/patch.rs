//! Writing imported values into dossier files without disturbing what people wrote there: the
//! file is edited as text, at the positions the located YAML tree gives, so comments, order and
//! formatting survive. Two edits exist: append items to a list, and answer a field that is
//! unanswered (`~`, empty or absent). A field that already has an answer is never overwritten.
//!
//! A mapping written by an edit may carry comments: an entry `"#KEY": "text"` beside `KEY`
//! is not written as an entry but as the comment `# text` on `KEY`'s line (a key that starts
//! with `#` cannot be a dossier field, so the two never collide).

use serde_json::Value;

use crate::diag::{Diagnostic, Error, Result};
use crate::dossier::yaml::{Content, Node};

/// Whether a set took effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The field was unanswered and now holds the value.
    Set,
    /// The field already had an answer, which was kept.
    Kept,
}

fn parse(name: &str, text: &str) -> Result<Node> {
    crate::dossier::parse_str(name, text)
}

/// Where the line holding `offset` ends (the offset of its `\n`, or the end of the text).
fn line_end(text: &str, offset: usize) -> usize {
    text[offset..].find('\n').map_or(text.len(), |i| offset + i)
}

/// The column (in bytes) of `offset` within its line.
fn column(text: &str, offset: usize) -> usize {
    offset - text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// A scalar or a list of scalars as one line of YAML (JSON is YAML: strings in double quotes,
/// numbers as their shortest exact form).
fn inline(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some("~".to_owned()),
        Value::Bool(_) | Value::Number(_) | Value::String(_) => serde_json::to_string(value).ok(),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            serde_json::to_string(value).ok()
        }
        _ => None,
    }
}

/// `value` as the block YAML of a mapping's entries, each line indented by `indent`.
fn block_entries(map: &serde_json::Map<String, Value>, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for (key, value) in map {
        if value.is_null() || key.starts_with(NOTE) {
            continue;
        }
        let note = map
            .get(&note_key(key))
            .and_then(Value::as_str)
            .map_or(String::new(), |n| format!("  # {}", n.replace('\n', " ")));
        if let Some(literal) = literal_block(value, indent + 2) {
            out.push_str(&format!(
                "{pad}{key}: {}{note}\n{literal}\n",
                literal_indicator(value)
            ));
            continue;
        }
        match inline(value) {
            Some(line) => out.push_str(&format!("{pad}{key}: {line}{note}\n")),
            None => {
                out.push_str(&format!("{pad}{key}:{note}\n"));
                out.push_str(&block(value, indent + 2));
            }
        }
    }
    out
}

/// The first character of a key that holds the comment of another key.
pub const NOTE: char = '#';

/// The key holding the comment written beside `key`.
pub fn note_key(key: &str) -> String {
    format!("{NOTE}{key}")
}

/// Block YAML of a value that is not inline: a mapping or a list of mappings.
fn block(value: &Value, indent: usize) -> String {
    match value {
        Value::Object(map) => block_entries(map, indent),
        Value::Array(items) => items.iter().map(|item| list_item(item, indent)).collect(),
        other => format!(
            "{}{}\n",
            " ".repeat(indent),
            inline(other).unwrap_or_default()
        ),
    }
}

/// Text of several lines as the lines of a literal block scalar indented by `indent` (without
/// the `|` line), so that a moved or imported paragraph stays readable; `None` for one-line
/// text, or text a literal block cannot hold exactly (a first line that starts with a space,
/// trailing spaces, tabs).
fn literal_block(value: &Value, indent: usize) -> Option<String> {
    let Value::String(text) = value else {
        return None;
    };
    let body = text.strip_suffix('\n').unwrap_or(text);
    if !body.contains('\n')
        || body.starts_with([' ', '\n'])
        || body.contains('\t')
        || body.contains('\r')
        || body.lines().any(|l| l.ends_with(' '))
        || body.ends_with('\n')
    {
        return None;
    }
    let pad = " ".repeat(indent);
    Some(
        body.lines()
            .map(|line| {
                if line.is_empty() {
                    String::new()
                } else {
                    format!("{pad}{line}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// `|` keeps the one final line break of the text, `|-` writes none.
fn literal_indicator(value: &Value) -> &'static str {
    match value {
        Value::String(text) if text.ends_with('\n') => "|",
        _ => "|-",
    }
}

/// One list item (`- …`) whose dash is at `indent`.
fn list_item(item: &Value, indent: usize) -> String {
    let pad = " ".repeat(indent);
    match item {
        Value::Object(map) => {
            let body = block_entries(map, indent + 2);
            // The first entry goes on the dash's line.
            match body.get(indent + 2..) {
                Some(rest) => format!("{pad}- {rest}"),
                None => format!("{pad}- {{}}\n"),
            }
        }
        other => format!("{pad}- {}\n", inline(other).unwrap_or_default()),
    }
}

/// Where a node's written content ends: the end of its last scalar (a collection's own span
/// may reach to the next token, past comments that follow it).
pub(super) fn content_end(node: &Node) -> usize {
    match &node.content {
        Content::Map(entries) => entries.last().map_or(node.span.end, |e| {
            if matches!(e.value.content, Content::Null) && e.value.span.start == e.value.span.end {
                e.key_span.end
            } else {
                content_end(&e.value).max(e.key_span.end)
            }
        }),
        Content::Seq(items) => items.last().map_or(node.span.end, content_end),
        _ => node.span.end,
    }
}

/// Finds the node at `path` (mapping keys), or the deepest mapping on the way and how many keys
/// of the path it covers.
fn locate<'a>(root: &'a Node, path: &[&str]) -> (&'a Node, usize) {
    let mut node = root;
    for (depth, key) in path.iter().enumerate() {
        let Content::Map(entries) = &node.content else {
            return (node, depth);
        };
        match entries.iter().find(|e| e.key == *key) {
            Some(entry) => node = &entry.value,
            None => return (node, depth),
        }
    }
    (node, path.len())
}

/// The entry of the node at `path`, when the path exists.
pub(super) fn entry_at<'a>(
    root: &'a Node,
    path: &[&str],
) -> Option<&'a crate::dossier::yaml::Entry> {
    let (parent, depth) = locate(root, &path[..path.len() - 1]);
    if depth + 1 != path.len() {
        return None;
    }
    match &parent.content {
        Content::Map(entries) => entries.iter().find(|e| e.key == path[path.len() - 1]),
        _ => None,
    }
}

/// A part of the dossier file the editor does not rewrite, at byte `at` of `text`.
fn unsupported(name: &str, text: &str, at: usize, message: String) -> Error {
    let before = &text[..floor_boundary(text, at.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Error::Input(vec![
        Diagnostic::error(message).at_point(name.to_owned(), line, column).help(
            "write this part of the file in block style (one key per line, list items with `- `)",
        ),
    ])
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Replaces `range` of `text` with `with`.
fn splice(text: &str, start: usize, end: usize, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..start]);
    out.push_str(with);
    out.push_str(&text[end..]);
    out
}

/// Whether a node holds no answer: null, blank text or an empty mapping. An empty list `[]`
/// answers "none" (format version 2) and is kept.
fn is_unanswered(node: &Node) -> bool {
    match &node.content {
        Content::Null => true,
        Content::Seq(_) => false,
        Content::Map(entries) => entries.is_empty(),
        Content::Str(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Text that gives the key ending at `key_end` (its line) the value `value`, replacing the
/// current unanswered value node: returns the edit (start, end, replacement).
fn answer(
    text: &str,
    entry: &crate::dossier::yaml::Entry,
    value: &Value,
    note: Option<&str>,
) -> (usize, usize, String) {
    let key_line_end = line_end(text, entry.key_span.end);
    let key_column = column(text, entry.key_span.start);
    // Just after the key's colon.
    let colon_end = text[entry.key_span.end..key_line_end]
        .find(':')
        .map_or(entry.key_span.end, |i| entry.key_span.end + i + 1);
    let node = &entry.value;
    // The unanswered value written on the key's line (`~`, `null`, `[]`, `{}`), if any.
    let written = node.span.end > node.span.start
        && node.span.start >= colon_end
        && node.span.end <= key_line_end;
    let value_end = if written { node.span.end } else { colon_end };
    // What follows the old value on the key's line (a comment) stays; without one, the note
    // says where the value came from.
    let rest_of_line = text[value_end..key_line_end].trim_end();
    let comment = match note {
        Some(note) if !rest_of_line.contains('#') => format!("  # {}", note.replace('\n', " ")),
        _ => String::new(),
    };
    if let Some(literal) = literal_block(value, key_column + 2) {
        return (
            colon_end,
            key_line_end,
            format!(
                " {}{rest_of_line}{comment}\n{literal}",
                literal_indicator(value)
            ),
        );
    }
    match inline(value) {
        Some(line) => (colon_end, value_end, format!(" {line}{comment}")),
        None => {
            // A block value starts on the next line.
            let body = block(value, key_column + 2);
            (
                colon_end,
                key_line_end,
                format!("{rest_of_line}{comment}\n{}", body.trim_end_matches('\n')),
            )
        }
    }
}

/// Gives the field at `path` the value `value` when it is unanswered; a field with an answer
/// is kept. Missing mappings on the way are created.
pub fn set_if_unanswered(
    name: &str,
    text: &str,
    path: &[&str],
    value: &Value,
    note: Option<&str>,
) -> Result<(String, Outcome)> {
    let tree = parse(name, text)?;
    if let Some(entry) = entry_at(&tree, path) {
        if !is_unanswered(&entry.value) {
            return Ok((text.to_owned(), Outcome::Kept));
        }
        if matches!(entry.value.content, Content::Seq(_) | Content::Map(_))
            && entry.value.span.start > line_end(text, entry.key_span.end)
        {
            return Err(unsupported(
                name,
                text,
                entry.key_span.start,
                format!("`{}` is an empty block", path.join(".")),
            ));
        }
        let (start, end, replacement) = answer(text, entry, value, note);
        return Ok((splice(text, start, end, &replacement), Outcome::Set));
    }
    // Build the missing part of the path as nested mappings holding the value.
    let (parent, depth) = locate(&tree, &path[..path.len() - 1]);
    let mut nested = value.clone();
    for key in path[depth + 1..].iter().rev() {
        let mut map = serde_json::Map::new();
        map.insert((*key).to_owned(), nested);
        nested = Value::Object(map);
    }
    let key = path[depth];
    let mut addition = serde_json::Map::new();
    addition.insert(key.to_owned(), nested);
    let new_text = insert_entries(name, text, &tree, parent, depth, &path[..depth], &addition)?;
    Ok((new_text, Outcome::Set))
}

/// Adds entries to the mapping `parent` (found at `parent_path`): after its last entry when it
/// has entries, in place of its unanswered value otherwise, or at the end of the file for the
/// top level.
fn insert_entries(
    name: &str,
    text: &str,
    tree: &Node,
    parent: &Node,
    depth: usize,
    parent_path: &[&str],
    addition: &serde_json::Map<String, Value>,
) -> Result<String> {
    match &parent.content {
        Content::Map(entries) if !entries.is_empty() => {
            let indent = column(text, entries[0].key_span.start);
            let at = line_end(text, content_end(parent));
            let body = block_entries(addition, indent);
            if at == text.len() {
                let separator = if text.ends_with('\n') || text.is_empty() {
                    ""
                } else {
                    "\n"
                };
                Ok(format!("{text}{separator}{body}"))
            } else {
                Ok(splice(text, at + 1, at + 1, &body))
            }
        }
        _ if depth == 0 => {
            let separator = if text.ends_with('\n') || text.is_empty() {
                ""
            } else {
                "\n"
            };
            Ok(format!("{text}{separator}{}", block_entries(addition, 0)))
        }
        _ if is_unanswered(parent) => {
            let entry = entry_at(tree, parent_path).ok_or_else(|| {
                unsupported(
                    name,
                    text,
                    parent.span.start,
                    format!("`{}` cannot be extended", parent_path.join(".")),
                )
            })?;
            let (start, end, replacement) =
                answer(text, entry, &Value::Object(addition.clone()), None);
            Ok(splice(text, start, end, &replacement))
        }
        _ => Err(unsupported(
            name,
            text,
            parent.span.start,
            format!("`{}` is not a mapping", parent_path.join(".")),
        )),
    }
}

/// Gives the entry `key` of item `index` of the list at `list_path` the value `value`, with
/// `note` as its comment, when the entry is absent or unanswered; an answer is kept (a value
/// people wrote, even `[]`). Items written in flow style (`{…}`) are refused.
pub fn set_in_item(
    name: &str,
    text: &str,
    list_path: &[&str],
    index: usize,
    key: &str,
    value: &Value,
    note: Option<&str>,
) -> Result<(String, Outcome)> {
    let tree = parse(name, text)?;
    let missing = || {
        unsupported(
            name,
            text,
            0,
            format!("`{}` has no item {index}", list_path.join(".")),
        )
    };
    let list = entry_at(&tree, list_path).ok_or_else(missing)?;
    let Content::Seq(items) = &list.value.content else {
        return Err(missing());
    };
    let item = items.get(index).ok_or_else(missing)?;
    let Content::Map(entries) = &item.content else {
        return Err(unsupported(
            name,
            text,
            item.span.start,
            format!("`{}[{index}]` is not a mapping", list_path.join(".")),
        ));
    };
    if let Some(entry) = entries.iter().find(|e| e.key == key) {
        if !is_unanswered(&entry.value) {
            return Ok((text.to_owned(), Outcome::Kept));
        }
        let (start, end, replacement) = answer(text, entry, value, note);
        return Ok((splice(text, start, end, &replacement), Outcome::Set));
    }
    let Some(first) = entries.first() else {
        return Err(unsupported(
            name,
            text,
            item.span.start,
            format!("`{}[{index}]` is empty", list_path.join(".")),
        ));
    };
    if text[item.span.start..].starts_with('{') {
        return Err(unsupported(
            name,
            text,
            item.span.start,
            format!(
                "`{}[{index}]` is a flow mapping (`{{…}}`)",
                list_path.join(".")
            ),
        ));
    }
    let indent = column(text, first.key_span.start);
    let mut addition = serde_json::Map::new();
    addition.insert(key.to_owned(), value.clone());
    if let Some(note) = note {
        addition.insert(note_key(key), Value::String(note.to_owned()));
    }
    let body = block_entries(&addition, indent);
    let at = line_end(text, content_end(item));
    let new_text = if at >= text.len() {
        let separator = if text.ends_with('\n') { "" } else { "\n" };
        format!("{text}{separator}{body}")
    } else {
        splice(text, at + 1, at + 1, &body)
    };
    Ok((new_text, Outcome::Set))
}

/// Appends `items` to the list at `path`, creating it (and the mappings on the way) when
/// absent or unanswered.
pub fn append(name: &str, text: &str, path: &[&str], items: &[Value]) -> Result<String> {
    if items.is_empty() {
        return Ok(text.to_owned());
    }
    let tree = parse(name, text)?;
    let list = Value::Array(items.to_vec());
    let Some(entry) = entry_at(&tree, path) else {
        return set_if_unanswered(name, text, path, &list, None).map(|(t, _)| t);
    };
    match &entry.value.content {
        Content::Seq(existing) if !existing.is_empty() => {
            let first = &existing[0];
            let dash = text[..first.span.start]
                .rfind('-')
                .unwrap_or(first.span.start);
            if text[dash..first.span.start].trim() != "-"
                || entry.value.span.start <= line_end(text, entry.key_span.end)
                    && text[entry.value.span.start..].starts_with('[')
            {
                return Err(unsupported(
                    name,
                    text,
                    entry.value.span.start,
                    format!("`{}` is a flow list (`[…]`)", path.join(".")),
                ));
            }
            let indent = column(text, dash);
            let at = line_end(text, content_end(&entry.value));
            let body: String = items.iter().map(|item| list_item(item, indent)).collect();
            if at >= text.len() {
                let separator = if text.ends_with('\n') { "" } else { "\n" };
                Ok(format!("{text}{separator}{body}"))
            } else {
                Ok(splice(text, at + 1, at + 1, &body))
            }
        }
        // An empty list gets its first items the same way as an unanswered one.
        Content::Seq(_) | Content::Null => {
            let (start, end, replacement) = answer(text, entry, &list, None);
            Ok(splice(text, start, end, &replacement))
        }
        _ => Err(unsupported(
            name,
            text,
            entry.value.span.start,
            format!("`{}` is not a list", path.join(".")),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn value_of(text: &str) -> Value {
        parse("t.yaml", text).unwrap().to_json()
    }

    #[test]
    fn appending_keeps_comments_and_creates_what_is_missing() {
        let skeleton = "# head\nrecords: []\n# records, one entry per item:\n# - benchmark: …\n";
        let record =
            json!({"benchmark": "hellaswag", "metric": "acc,none", "value": 0.5, "n_shot": 0});
        let once = append(
            "t.yaml",
            skeleton,
            &["records"],
            std::slice::from_ref(&record),
        )
        .unwrap();
        assert!(
            once.starts_with("# head\nrecords:\n  - benchmark: \"hellaswag\"\n"),
            "{once}"
        );
        assert!(once.contains("# records, one entry per item:"));
        let twice = append("t.yaml", &once, &["records"], std::slice::from_ref(&record)).unwrap();
        assert_eq!(
            value_of(&twice)["records"].as_array().unwrap().len(),
            2,
            "{twice}"
        );
        assert_eq!(value_of(&twice)["records"][1], record);
        let fresh = append("t.yaml", "", &["records"], std::slice::from_ref(&record)).unwrap();
        assert_eq!(value_of(&fresh)["records"][0], record);
        let nested = append(
            "t.yaml",
            "sources:\n  crawled_data:\n    used: true\n",
            &["sources", "public_datasets", "large_datasets"],
            &[json!({"name": "c4"})],
        )
        .unwrap();
        let nested_value = value_of(&nested);
        assert_eq!(
            nested_value["sources"]["public_datasets"]["large_datasets"][0]["name"], "c4",
            "{nested}"
        );
        assert_eq!(nested_value["sources"]["crawled_data"]["used"], true);
    }

    #[test]
    fn a_field_with_an_answer_is_kept() {
        let text =
            "model:\n  name: Mine  # ours\n  licence:\n    identifier: ~  # SPDX\n    url:\n";
        let (text, outcome) =
            set_if_unanswered("t.yaml", text, &["model", "name"], &json!("Theirs"), None).unwrap();
        assert_eq!(outcome, Outcome::Kept);
        let (text, outcome) = set_if_unanswered(
            "t.yaml",
            &text,
            &["model", "licence", "identifier"],
            &json!("Apache-2.0"),
            None,
        )
        .unwrap();
        assert_eq!(outcome, Outcome::Set);
        assert!(
            text.contains("identifier: \"Apache-2.0\"  # SPDX"),
            "{text}"
        );
        let (text, _) = set_if_unanswered(
            "t.yaml",
            &text,
            &["model", "licence", "url"],
            &json!("https://x"),
            None,
        )
        .unwrap();
        let (text, _) =
            set_if_unanswered("t.yaml", &text, &["model", "family"], &json!("F"), None).unwrap();
        let (text, _) = set_if_unanswered(
            "t.yaml",
            &text,
            &["model", "use_policy", "intended_tasks"],
            &json!(["chat"]),
            None,
        )
        .unwrap();
        let value = value_of(&text);
        assert_eq!(value["model"]["name"], "Mine");
        assert_eq!(value["model"]["licence"]["url"], "https://x", "{text}");
        assert_eq!(value["model"]["family"], "F", "{text}");
        assert_eq!(
            value["model"]["use_policy"]["intended_tasks"][0], "chat",
            "{text}"
        );
    }

    #[test]
    fn notes_become_comments_and_items_gain_entries_only_when_unanswered() {
        let record = json!({"benchmark": "wmdp_bio", "metric": "acc", "dimensions": ["sr.cbrn"], "#dimensions": "catalogue: wmdp"});
        let text = append("t.yaml", "records:\n", &["records"], &[record]).unwrap();
        assert!(
            text.contains("    dimensions: [\"sr.cbrn\"]  # catalogue: wmdp\n"),
            "{text}"
        );
        assert!(value_of(&text)["records"][0].get("#dimensions").is_none());
        let text =
            format!("{text}  - benchmark: mine  # ours\n    metric: acc\n    dimensions: []\n");
        let (added, outcome) = set_in_item(
            "t.yaml",
            &text,
            &["records"],
            0,
            "compl_ai_requirement",
            &json!("Interpretability"),
            Some("from the log"),
        )
        .unwrap();
        assert_eq!(outcome, Outcome::Set);
        assert!(
            added.contains("    compl_ai_requirement: \"Interpretability\"  # from the log\n  - benchmark: mine"),
            "{added}"
        );
        let (kept, outcome) = set_in_item(
            "t.yaml",
            &added,
            &["records"],
            1,
            "dimensions",
            &json!(["capability"]),
            None,
        )
        .unwrap();
        assert_eq!(outcome, Outcome::Kept);
        assert_eq!(kept, added);
        assert!(set_in_item("t.yaml", &kept, &["records"], 5, "x", &json!(1), None).is_err());
    }

    #[test]
    fn flow_lists_are_refused_rather_than_mangled() {
        let error = append(
            "t.yaml",
            "records: [{benchmark: a, metric: b}]\n",
            &["records"],
            &[json!({"benchmark": "c"})],
        );
        assert!(error.is_err());
    }
}
