//! Values and their forms in words: how a found value is described in messages, and the
//! checks of the string formats the schemas name (dates, web and e-mail addresses, paths).

use super::super::model::ARTEFACT_PATH_FORMAT;
use super::super::yaml::{Content, Node};

pub(crate) fn describe_types(types: &[&str]) -> String {
    let words: Vec<&str> = types
        .iter()
        .filter(|t| **t != "null")
        .map(|t| match *t {
            "object" => "a mapping",
            "array" => "a list",
            "string" => "text",
            "boolean" => "true or false",
            "number" => "a number",
            "integer" => "a whole number",
            other => other,
        })
        .collect();
    words.join(" or ")
}

pub(crate) fn describe_number(node: &Node) -> String {
    match node.content {
        Content::Int(i) => i.to_string(),
        Content::UInt(u) => u.to_string(),
        Content::Float(f) if f.is_nan() => ".nan".to_owned(),
        Content::Float(f) if f.is_infinite() => if f > 0.0 { ".inf" } else { "-.inf" }.to_owned(),
        Content::Float(f) => f.to_string(),
        _ => String::new(),
    }
}

/// A value in words, for "found …" messages.
pub fn describe_value(node: &Node) -> String {
    match &node.content {
        Content::Null => "nothing (null)".to_owned(),
        Content::Bool(b) => format!("the boolean `{b}`"),
        Content::Int(_) | Content::UInt(_) | Content::Float(_) => {
            format!("the number `{}`", describe_number(node))
        }
        Content::Str(s) => format!("the text `{}`", truncate(s, 60)),
        Content::Seq(_) => "a list".to_owned(),
        Content::Map(_) => "a mapping".to_owned(),
    }
}

pub(crate) fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

pub(crate) fn check_format(format: &str, text: &str) -> Option<(String, Option<String>)> {
    match format {
        "date" => check_date(text),
        crate::dossier::model::MONTH_YEAR_FORMAT => {
            crate::dossier::model::MonthYear::parse(text).is_none().then(|| {
                (
                    format!("`{}` is not a month or a year", truncate(text, 40)),
                    Some("write a month as MM/YYYY (for example 11/2025), or only the year as YYYY".into()),
                )
            })
        }
        crate::dossier::model::PARTIAL_DATE_FORMAT => {
            crate::dossier::model::PartialDate::parse(text).is_none().then(|| {
                (
                    format!("`{}` is not a date", truncate(text, 40)),
                    Some("write a day as YYYY-MM-DD, a month as MM/YYYY (for example 11/2025) or a year as YYYY".into()),
                )
            })
        }
        "uri" => {
            let valid = text.split_once(':').is_some_and(|(scheme, rest)| {
                !scheme.is_empty()
                    && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
                    && !rest.is_empty()
            }) && !text.chars().any(char::is_whitespace);
            (!valid).then(|| {
                (
                    format!("`{}` is not a web address", truncate(text, 60)),
                    Some("write it with its scheme, for example https://example.eu/page".into()),
                )
            })
        }
        "email" => {
            let valid = text.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty() && domain.contains('.') && !domain.contains('@')
            }) && !text.chars().any(char::is_whitespace);
            (!valid).then(|| {
                (
                    format!("`{}` is not an e-mail address", truncate(text, 60)),
                    None,
                )
            })
        }
        // Artefact paths only need the syntax here; build checks the file itself.
        ARTEFACT_PATH_FORMAT => check_path_syntax(text, "artefact"),
        // Evidence paths are checked by the loader, which also needs the file system.
        _ => None,
    }
}

/// Checks an ISO 8601 calendar date `YYYY-MM-DD`.
fn check_date(text: &str) -> Option<(String, Option<String>)> {
    let hint = Some("write dates as YYYY-MM-DD, for example 2025-08-02".to_owned());
    let shape_ok = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Some((format!("`{}` is not a date", truncate(text, 40)), hint));
    }
    match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(_) => None,
        Err(_) => Some((format!("`{text}` is not a valid calendar date"), hint)),
    }
}

/// Syntax of an evidence path; existence and containment are checked by the loader.
pub fn check_evidence_syntax(text: &str) -> Option<(String, Option<String>)> {
    check_path_syntax(text, "evidence")
}

/// Syntax of a path to a file inside the dossier: relative, `/` separators, no `..`, no empty
/// or `.` parts. `noun` says what the file is, for the message (`evidence`, `artefact`).
pub fn check_path_syntax(text: &str, noun: &str) -> Option<(String, Option<String>)> {
    let hint = Some(
        "name a file inside the dossier with a relative path such as evidence/report.pdf"
            .to_owned(),
    );
    let form = crate::paths::Form::of(text);
    let control = form.control;
    let control_problem = control.map(|c| {
        format!(
            "contains the control character U+{:04X}; sha256sum and manifests cannot name such a file",
            u32::from(c)
        )
    });
    let problem = if form.empty {
        Some("is empty")
    } else if let Some(problem) = control_problem.as_deref() {
        Some(problem)
    } else if form.absolute {
        Some("is absolute")
    } else if form.backslash {
        Some("uses `\\`; use `/` between folders")
    } else if form.parent {
        Some("leaves the dossier through `..`")
    } else if form.empty_or_dot {
        Some("has an empty or `.` component")
    } else {
        None
    };
    problem.map(|problem| {
        (
            format!(
                "the {noun} path {problem}: `{}`",
                // A control character is shown escaped: printed, a newline would split the line.
                match control {
                    Some(_) => truncate(&text.escape_debug().to_string(), 80),
                    None => truncate(text, 80),
                }
            ),
            hint,
        )
    })
}

pub(crate) fn pattern_hint(pattern: &str) -> String {
    match pattern {
        r"^[A-Z]{2}$" => "write a country as an ISO 3166-1 alpha-2 code, such as FR".to_owned(),
        r"^[0-9a-f]{64}$" => "write a SHA-256 digest as 64 lower-case hex digits".to_owned(),
        other => format!("it must match the pattern {other}"),
    }
}
