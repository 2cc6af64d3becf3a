//! Three real public summaries of training content (issue 11): SmolLM3-3B (Hugging Face),
//! Apertus (Swiss National AI Institute) and phi-4 (Microsoft). `tests/filings/NAME/filing.yaml`
//! says what each filing answers, question by question in the AI Office template's order;
//! `tests/filings/NAME/dossier/` holds those answers and nothing more. The summary rendered
//! from the dossier must say, question by question, what the filing says: every `must_show`
//! phrase of an answered question in that question's part, a gap ("Not provided.", or
//! "not answered" beside a yes/no question's boxes) where the filing is silent, "Not
//! applicable" for a follow-up that a No answer makes moot. The
//! questions that do not come out that way are exactly those the filing marks `fits: false`,
//! listed here too, so that a regression or an improvement of the format shows in this file.

use std::path::Path;

use serde_json::Value;

use crate::support::{aiact, code, repo, stderr};

/// Each filing: its folder under `tests/filings`, the number of questions, and the questions
/// whose answer the dossier format cannot hold with the filing's meaning.
const FILINGS: [(&str, usize, &[&str]); 3] = [
    ("smollm3", 53, &[]),
    ("apertus", 53, &["1.1.b", "1.3.d", "2.1.c"]),
    ("phi-4", 53, &["2.2.2.a"]),
];

/// Where each question's part of the rendered summary begins: the first occurrence of this
/// text (the start of the question's label, which carries the template's field id) after the
/// previous question's part began. Questions that share a label (1.3.a–c, one table) share one
/// part. A part ends where the next one begins; the last ends at the version history.
const PARTS: [(&str, &str); 53] = [
    ("0.a", "| Version of the Summary |"),
    ("0.b", "| Last update |"),
    ("1.1.a", "| 1.1.a Provider name"),
    ("1.1.b", "| 1.1.b Authorised representative"),
    ("1.2.a", "| 1.2.a Versioned model name"),
    ("1.2.b", "| 1.2.b Model dependencies"),
    ("1.2.c", "| 1.2.c Date of placement"),
    ("1.3.a", "**1.3.a–c Modalities"),
    ("1.3.b", "**1.3.a–c Modalities"),
    ("1.3.c", "**1.3.a–c Modalities"),
    ("1.3.d", "| 1.3.d Latest date"),
    ("1.3.e", "| 1.3.e Languages"),
    ("1.3.f", "**1.3.f Other relevant characteristics"),
    ("1.3.g", "**1.3.g Additional comments"),
    ("2.1.a", "| 2.1.a Have you used publicly available datasets"),
    ("2.1.b", "| 2.1.b If yes, specify the modality"),
    ("2.1.c", "**2.1.c List of large publicly available datasets"),
    ("2.1.d", "**2.1.d General description of other"),
    ("2.1.e", "**2.1.e Additional comments"),
    ("2.2.1.a", "| 2.2.1.a Have you concluded"),
    ("2.2.1.b", "| 2.2.1.b If yes, specify the modality"),
    ("2.2.2.a", "| 2.2.2.a Have you obtained private datasets"),
    ("2.2.2.b", "| 2.2.2.b If yes, specify the modality"),
    ("2.2.2.c", "| 2.2.2.c If publicly known"),
    ("2.2.2.d", "**2.2.2.d General description of non-publicly"),
    ("2.2.2.e", "**2.2.2.e Additional comments"),
    ("2.3.a", "| 2.3.a Were crawlers used"),
    ("2.3.b", "| 2.3.b Crawler name"),
    ("2.3.c", "| 2.3.c Purposes of the crawler"),
    ("2.3.d", "**2.3.d General description of crawler behaviour"),
    ("2.3.e", "| 2.3.e Period of data collection"),
    ("2.3.f", "**2.3.f Comprehensive description"),
    ("2.3.g", "| 2.3.g Type of modality covered"),
    ("2.3.h", "**2.3.h Summary of the most relevant domain names"),
    ("2.3.i", "**2.3.i Additional comments"),
    ("2.4.a", "| 2.4.a Was data from user interactions"),
    ("2.4.b", "| 2.4.b Was data collected from user"),
    ("2.4.c", "| 2.4.c If yes, provide a general"),
    ("2.4.d", "| 2.4.d Type of modality covered"),
    ("2.4.e", "**2.4.e Additional comments"),
    ("2.5.a", "| 2.5.a Was synthetic AI-generated data created"),
    ("2.5.b", "| 2.5.b If yes, modality of the synthetic data"),
    ("2.5.c", "| 2.5.c If yes, specify the general-purpose"),
    ("2.5.d", "**2.5.d Information about other AI models"),
    ("2.5.e", "**2.5.e Additional comments"),
    ("2.6.a", "| 2.6.a Have data sources other than"),
    ("2.6.b", "**2.6.b If yes, provide a narrative description"),
    ("2.6.c", "**2.6.c Additional comments"),
    ("3.1.a", "| 3.1.a Are you a Signatory"),
    ("3.1.b", "**3.1.b Describe the measures implemented"),
    ("3.1.c", "**3.1.c Additional comments"),
    ("3.2.a", "**3.2.a General description of measures taken"),
    ("3.3.a", "**3.3.a Other relevant information"),
];

/// Where the last part ends.
const END: &str = "## Version history";

/// One question of a `filing.yaml`.
struct Question {
    id: String,
    answered: bool,
    applies: bool,
    must_show: Vec<String>,
    must_not_show: Vec<String>,
    gaps: bool,
    fits: bool,
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| item.as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn questions(filing: &Path) -> Vec<Question> {
    let text = std::fs::read_to_string(filing).unwrap();
    let tree = aiact::dossier::parse_str("filing.yaml", &text).unwrap();
    let json = tree.to_json();
    assert!(json["source"].as_str().is_some_and(|s| !s.is_empty()));
    json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let flag = |key: &str| q[key].as_bool();
            let question = Question {
                id: q["id"].as_str().unwrap().to_owned(),
                answered: flag("answered").unwrap(),
                applies: flag("applies").unwrap_or(true),
                must_show: strings(&q["must_show"]),
                must_not_show: strings(&q["must_not_show"]),
                gaps: !strings(&q["gaps"]).is_empty(),
                fits: flag("fits").unwrap_or(true),
            };
            assert!(
                !question.answered || !question.must_show.is_empty(),
                "{}: an answered question needs must_show",
                question.id
            );
            assert!(
                question.applies || !question.answered,
                "{}: a moot question is not answered",
                question.id
            );
            question
        })
        .collect()
}

/// The Markdown as a reader sees its text: backslash escapes of punctuation removed.
fn unescaped(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Each question's part of the summary, by id.
fn parts(summary: &str) -> Vec<(&'static str, String)> {
    let mut starts = Vec::new();
    let mut from = 0;
    let mut previous: Option<&str> = None;
    for (id, label) in PARTS {
        if previous == Some(label) {
            starts.push((id, starts.last().map_or(0, |(_, at)| *at)));
            continue;
        }
        let at = from
            + summary[from..]
                .find(label)
                .unwrap_or_else(|| panic!("{id}: `{label}` not found after byte {from}"));
        starts.push((id, at));
        from = at + label.len();
        previous = Some(label);
    }
    let end = from + summary[from..].find(END).unwrap_or(summary.len() - from);
    starts
        .iter()
        .map(|(id, at)| {
            let next = starts
                .iter()
                .map(|(_, other)| *other)
                .filter(|other| other > at)
                .min()
                .unwrap_or(end);
            (*id, summary[*at..next].to_owned())
        })
        .collect()
}

/// Whether `phrase` occurs in `text` as whole words: not glued to a letter or digit on a side
/// where the phrase itself begins or ends with one.
fn shows(text: &str, phrase: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let edge_first = word(phrase.chars().next());
    let edge_last = word(phrase.chars().last());
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().last();
        let after = text[at + phrase.len()..].chars().next();
        !(edge_first && word(before) || edge_last && word(after))
    })
}

/// Whether `text` shows a gap: "Not provided." (or "*not provided*" inside an answer, as
/// after a yes/no question's unticked boxes).
fn is_gap(text: &str) -> bool {
    text.to_lowercase().contains("not provided")
}

/// Why a question's part does not say what the filing says, or `None` when it does.
fn mismatch(question: &Question, part: &str) -> Option<String> {
    let mut wrong = Vec::new();
    if !question.applies {
        if !shows(part, "Not applicable") {
            wrong.push("a moot follow-up not shown as \"Not applicable\"".to_owned());
        }
    } else if question.answered {
        for phrase in &question.must_show {
            if !shows(part, phrase) {
                wrong.push(format!("missing `{phrase}`"));
            }
        }
        if question.gaps && !is_gap(part) {
            wrong.push("no gap shown for a part the filing leaves open".to_owned());
        }
    } else if !is_gap(part) {
        wrong.push("unanswered but not shown as a gap".to_owned());
    }
    for phrase in &question.must_not_show {
        if shows(part, phrase) {
            wrong.push(format!("shows `{phrase}`"));
        }
    }
    (!wrong.is_empty()).then(|| wrong.join("; "))
}

fn render_summary(dossier: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    let rendered = out.path().join("md");
    let output = aiact([
        "render".as_ref(),
        dossier.as_os_str(),
        "--out".as_ref(),
        rendered.as_os_str(),
        "--audience".as_ref(),
        "public".as_ref(),
        "--format".as_ref(),
        "md".as_ref(),
        "--as-of".as_ref(),
        "2026-03-01".as_ref(),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    std::fs::read_to_string(rendered.join("training-content-summary.md")).unwrap()
}

#[test]
fn three_real_filings_round_trip_question_by_question() {
    for (name, count, not_fitting) in FILINGS {
        let folder = repo().join("tests/filings").join(name);
        let questions = questions(&folder.join("filing.yaml"));
        let ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
        let template: Vec<&str> = PARTS.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, template, "{name}: every question, in template order");
        assert_eq!(questions.len(), count, "{name}");

        let summary = unescaped(&render_summary(&folder.join("dossier")));
        let parts = parts(&summary);
        let mut failing = Vec::new();
        for (question, (id, part)) in questions.iter().zip(&parts) {
            assert_eq!(question.id, *id);
            if let Some(why) = mismatch(question, part) {
                let shown: Vec<&str> = part.trim().lines().take(3).collect();
                println!("{name} {id}: {why}\n    in: {}", shown.join("\n        "));
                failing.push(question.id.as_str());
            }
        }
        let marked: Vec<&str> = questions
            .iter()
            .filter(|q| !q.fits)
            .map(|q| q.id.as_str())
            .collect();
        let answered = questions.iter().filter(|q| q.answered).count();
        let moot = questions.iter().filter(|q| !q.applies).count();
        let answered_as_filed = questions
            .iter()
            .filter(|q| q.answered && !failing.contains(&q.id.as_str()))
            .count();
        println!(
            "{name}: {} of {count} questions covered; {answered_as_filed} of the {answered} answered ones render as filed, {moot} are moot after a No, {} unanswered; not fitting: {failing:?}",
            count - failing.len(),
            count - answered - moot,
        );
        assert_eq!(marked, not_fitting, "{name}: fits: false in filing.yaml");
        assert_eq!(
            failing, not_fitting,
            "{name}: the questions that do not render as filed"
        );
    }
}
