//! Values and their forms in words: how a found value is described in messages, and the
//! checks of the string formats the schemas name (dates, web and e-mail addresses, paths,
//! language codes).

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

use isolang::Language;

use super::super::model::{ARTEFACT_PATH_FORMAT, LANGUAGE_CODE_FORMAT, LanguageCode};
use super::super::yaml::{Content, Node};
use crate::diag::closest;

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
        LANGUAGE_CODE_FORMAT => check_language(text),
        // Evidence paths are checked by the loader, which also needs the file system.
        _ => None,
    }
}

/// Checks an ISO 639-1 or ISO 639-3 language code, suggesting the code that was probably
/// meant: the same code in lower case, the language of a tag such as `en-GB`, the code of a
/// language written by name (`English`, `Deutsch`), or a did-you-mean for a misspelling.
fn check_language(text: &str) -> Option<(String, Option<String>)> {
    if LanguageCode::parse(text).is_some() {
        return None;
    }
    let hint = language_hint(text).unwrap_or_else(|| {
        "write an ISO 639-1 code (two lower-case letters, such as `en`) or, for a language without one, an ISO 639-3 code (three, such as `szl` for Silesian)".to_owned()
    });
    Some((
        format!(
            "`{}` is not an ISO 639-1 or ISO 639-3 language code",
            truncate(text, 60)
        ),
        Some(hint),
    ))
}

/// The code a language is best written with: ISO 639-1 where it has one, else ISO 639-3.
fn preferred_code(language: Language) -> &'static str {
    language.to_639_1().unwrap_or_else(|| language.to_639_3())
}

/// `` `en` (English) ``.
fn code_and_name(language: Language) -> String {
    format!("`{}` ({})", preferred_code(language), language.to_name())
}

/// ISO 639-2/B ("bibliographic") codes that differ from the ISO 639-2/T codes ISO 639-3
/// uses, with the latter: the twenty pairs of the ISO 639-2 list kept by its registration
/// authority, the Library of Congress. People used to library catalogues write `ger`.
const ISO_639_2_B: [(&str, &str); 20] = [
    ("alb", "sqi"),
    ("arm", "hye"),
    ("baq", "eus"),
    ("bur", "mya"),
    ("chi", "zho"),
    ("cze", "ces"),
    ("dut", "nld"),
    ("fre", "fra"),
    ("geo", "kat"),
    ("ger", "deu"),
    ("gre", "ell"),
    ("ice", "isl"),
    ("mac", "mkd"),
    ("mao", "mri"),
    ("may", "msa"),
    ("per", "fas"),
    ("rum", "ron"),
    ("slo", "slk"),
    ("tib", "bod"),
    ("wel", "cym"),
];

/// Lookup tables of language names, built from the ISO 639 tables the first time a bad code
/// is met (a valid dossier never builds them).
struct NameIndex {
    /// Lower-case English names and autonyms, each to its language (a language with an
    /// ISO 639-1 code wins a shared name: `swahili` is `sw`, not the individual `swh`).
    names: HashMap<String, Language>,
    /// Lower-case words of English names, each to the languages whose name has it
    /// (`sorbian`: Upper Sorbian and Lower Sorbian).
    words: HashMap<String, Vec<Language>>,
    /// English names and autonyms of the languages with an ISO 639-1 code, for did-you-mean.
    major: Vec<(&'static str, Language)>,
    /// Autonyms of the other languages (`Schwiizertüütsch`), for did-you-mean on long names.
    autonyms: Vec<(&'static str, Language)>,
}

fn name_index() -> &'static NameIndex {
    static INDEX: OnceLock<NameIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = NameIndex {
            names: HashMap::new(),
            words: HashMap::new(),
            major: Vec::new(),
            autonyms: Vec::new(),
        };
        for language in isolang::languages() {
            let major = language.to_639_1().is_some();
            let name = language.to_name();
            for label in std::iter::once(name).chain(language.to_autonym()) {
                let key = label.to_lowercase();
                match index.names.get(&key) {
                    Some(known) if known.to_639_1().is_some() || !major => {}
                    _ => {
                        index.names.insert(key, language);
                    }
                }
                if major {
                    index.major.push((label, language));
                } else if label != name {
                    index.autonyms.push((label, language));
                }
            }
            for word in name
                .split([' ', '-', ',', '(', ')'])
                .filter(|w| w.len() > 2)
            {
                let entry = index.words.entry(word.to_lowercase()).or_default();
                if !entry.contains(&language) {
                    entry.push(language);
                }
            }
        }
        index
    })
}

/// How many did-you-mean searches over language names one thread may run. A search costs
/// up to a millisecond; a file listing thousands of bad names must not take minutes. The
/// loader validates each file on a thread of its own, and shows a file's first 200 problems.
const NAME_SEARCHES: u32 = 400;

thread_local! {
    static NAME_SEARCHES_LEFT: Cell<u32> = const { Cell::new(NAME_SEARCHES) };
}

/// What to write instead of `text`, which is not a language code.
fn language_hint(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let lower = trimmed.to_lowercase();
    if let Some(code) = LanguageCode::parse(&lower) {
        return Some(format!(
            "language codes are written in lower case, without spaces: `{code}` ({})",
            code.name()
        ));
    }
    // A BCP 47 tag or a locale: `en-GB`, `pt_BR`, `zh-Hant`.
    if let Some((primary, _)) = lower.split_once(['-', '_'])
        && let Some(code) = LanguageCode::parse(primary)
    {
        return Some(format!(
            "write the language alone, without region or script: `{code}` ({})",
            code.name()
        ));
    }
    if let Some((_, terminology)) = ISO_639_2_B.iter().find(|(b, _)| *b == lower)
        && let Some(language) = Language::from_639_3(terminology)
    {
        return Some(format!(
            "`{lower}` is an ISO 639-2/B code, which ISO 639-3 does not use: write {}",
            code_and_name(language)
        ));
    }
    if lower.chars().count() > 40 {
        return None;
    }
    let index = name_index();
    if let Some(language) = index.names.get(&lower) {
        let code = if language.to_name().to_lowercase() == lower {
            format!("`{}`", preferred_code(*language))
        } else {
            code_and_name(*language)
        };
        return Some(format!(
            "{trimmed} is a language name; write its code {code}"
        ));
    }
    if let Some(languages) = index.words.get(&lower) {
        // Prefer the languages with an ISO 639-1 code (`greek`: Modern Greek, not Ancient).
        let major: Vec<Language> = languages
            .iter()
            .copied()
            .filter(|l| l.to_639_1().is_some())
            .collect();
        let shown = if major.is_empty() { languages } else { &major };
        if shown.len() <= 3 {
            let options: Vec<String> = shown.iter().map(|l| code_and_name(*l)).collect();
            return Some(format!("did you mean {}?", options.join(" or ")));
        }
    }
    if let Some(hint) = misspelt_name(trimmed, index) {
        return Some(hint);
    }
    transposed_code(&lower)
}

/// A did-you-mean for a misspelt language name (`Englsh`, `Schweizerdeutsch`).
fn misspelt_name(text: &str, index: &NameIndex) -> Option<String> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 5 {
        return None;
    }
    let allowed = NAME_SEARCHES_LEFT.with(|left| {
        let now = left.get();
        left.set(now.saturating_sub(1));
        now > 0
    });
    if !allowed {
        return None;
    }
    let lookup = |candidates: &[(&'static str, Language)]| {
        closest(text, candidates.iter().map(|(label, _)| *label)).and_then(|found| {
            candidates
                .iter()
                .find(|(label, _)| *label == found)
                .map(|(label, language)| (*label, *language))
        })
    };
    // The other autonyms only for long words: short ones are a few edits from many of them.
    let found =
        lookup(&index.major).or_else(|| (letters >= 10).then(|| lookup(&index.autonyms))?);
    found.map(|(label, language)| {
        let name = language.to_name();
        if label == name {
            format!(
                "did you mean {name}? Its code is `{}`",
                preferred_code(language)
            )
        } else {
            format!(
                "did you mean {label} ({name})? Its code is `{}`",
                preferred_code(language)
            )
        }
    })
}

/// A code with two adjacent letters swapped (`slz` for `szl`). Edit distance alone would
/// suggest noise: nearly half of all three-letter strings are ISO 639-3 codes, so every
/// wrong code is one edit away from dozens of real ones.
fn transposed_code(lower: &str) -> Option<String> {
    let letters: Vec<char> = lower.chars().collect();
    if !(2..=3).contains(&letters.len()) || !letters.iter().all(char::is_ascii_lowercase) {
        return None;
    }
    let mut found: Vec<String> = Vec::new();
    for i in 0..letters.len() - 1 {
        let mut swapped = letters.clone();
        swapped.swap(i, i + 1);
        let candidate: String = swapped.into_iter().collect();
        if let Some(code) = LanguageCode::parse(&candidate) {
            let shown = format!("`{code}` ({})", code.name());
            if !found.contains(&shown) {
                found.push(shown);
            }
        }
    }
    (!found.is_empty()).then(|| format!("did you mean {}?", found.join(" or ")))
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
