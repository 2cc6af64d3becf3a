//! The summary's machine-checkable quality (issue 11). `../shared/reference/summary-quality.md`
//! restates the AI Accountability Lab's 242 metrics for Art. 53(1)(d) public summaries and tags
//! the 93 a generator can guarantee: G (by construction), G* (by construction when the field is
//! built from typed data) and G/J (internal consistency). Each of them is checked here, on the
//! rendered summary of every shipped example: its Markdown, its HTML, its PDF (text, links and
//! metadata through poppler) and the bundle `aiact build` writes around it.
//!
//! A check reads the rendering and compares it with what the example's dossier files say. Where
//! a metric holds only when the provider answered (the complete examples), the incomplete
//! example must still show the field, with an explicit gap ("Not provided."),
//! never silently. Every check fails on an empty rendering (`every_check_fails_on_a_hollow_summary`)
//! and a few are fed deliberately broken Markdown.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::support::{aiact, code, copy_dir, repo, stderr, table_cells};

const AS_OF: &str = "2026-11-29";

/// The shipped examples; `true` for the complete ones.
const EXAMPLES: [(&str, bool); 4] = [
    ("open-weights-eu", true),
    ("fine-tune", true),
    ("frontier-non-eu", true),
    ("incomplete", false),
];

/// The other documents of a build, by file stem.
const OTHER_DOCUMENTS: [&str; 4] = [
    "technical-documentation",
    "downstream-information",
    "copyright-policy",
    "compliance-report",
];

// The ids of summary-quality.md §3.1, copied as published ("Full list, G / G* / G/J").
const G_IDS: [&str; 71] = [
    "D1",
    "D3",
    "D5",
    "D6",
    "D7",
    "D8",
    "D9",
    "D10",
    "D15",
    "D16",
    "D17",
    "D18",
    "D19",
    "D22",
    "D23",
    "D24",
    "D25",
    "D26",
    "D28",
    "D29",
    "D30",
    "F1.1.a.1",
    "F1.1.a.3",
    "F1.1.b.1",
    "F1.1.b.3",
    "F1.2.a.1",
    "F1.2.b.1",
    "F1.2.b.2",
    "F1.2.c.1",
    "F1.3.a.1",
    "F1.3.b.1",
    "F1.3.b.2",
    "F1.3.c.1",
    "F1.3.d.1",
    "F1.3.d.2",
    "F1.3.d.3",
    "F1.3.d.5",
    "F1.3.e.1",
    "F1.3.e.2",
    "F1.3.e.3",
    "F2.1.a.1",
    "F2.1.b.1",
    "F2.1.d.3",
    "F2.1.d.6",
    "F2.2.1.a.1",
    "F2.2.1.b.1",
    "F2.2.2.a.1",
    "F2.2.2.b.1",
    "F2.2.2.d.3",
    "F2.3.a.1",
    "F2.3.b.5",
    "F2.3.c.1",
    "F2.3.c.2",
    "F2.3.d.1",
    "F2.3.e.1",
    "F2.3.e.2",
    "F2.3.e.3",
    "F2.3.e.4",
    "F2.3.g.1",
    "F2.3.h.3",
    "F2.3.h.4",
    "F2.4.a.1",
    "F2.4.b.1",
    "F2.4.c.4",
    "F2.4.d.1",
    "F2.5.a.1",
    "F2.5.b.1",
    "F2.5.c.1",
    "F2.6.a.1",
    "F2.6.b.4",
    "F3.1.a.1",
];
const G_STAR_IDS: [&str; 12] = [
    "F1.3.c.3",
    "F1.3.e.5",
    "F1.3.f.5",
    "F2.1.c.1",
    "F2.1.d.2",
    "F2.2.2.c.1",
    "F2.2.2.d.2",
    "F2.3.b.1",
    "F2.3.c.4",
    "F2.4.c.1",
    "F2.5.c.5",
    "F2.5.d.2",
];
const G_J_IDS: [&str; 10] = [
    "D13", "D14", "F1.1", "F2.1.1", "F2.2.1", "F2.3.1", "F2.4.1", "F2.5.1", "F2.6.1", "F3.1",
];

// ---------------------------------------------------------------------------------------------
// Metrics and outcomes

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    G,
    GStar,
    GJ,
}

/// What a check found when the metric holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// The metric is met by what the summary shows.
    Met,
    /// The dossier leaves the field unanswered and the summary says so explicitly (allowed on
    /// the incomplete example only).
    Gap,
    /// The field's condition does not hold (a section answered No, an EU provider …) and the
    /// summary says so.
    NotApplicable(String),
}

type Verdict = Result<Outcome, String>;
type Check = fn(&Ctx) -> Verdict;

struct Metric {
    id: &'static str,
    class: Class,
    /// A one-line paraphrase of the metric.
    what: &'static str,
    check: Check,
}

use Class::{G, GJ, GStar};

macro_rules! metric {
    ($id:literal, $class:ident, $what:literal, $check:expr) => {
        Metric {
            id: $id,
            class: $class,
            what: $what,
            check: $check,
        }
    };
}

#[rustfmt::skip]
const METRICS: &[Metric] = &[
    // Document level
    metric!("D1", G, "everything in one self-contained document", d1_self_contained),
    metric!("D3", G, "an accessible, open format", d3_accessible),
    metric!("D5", G, "template sections and fields, numbered, in order", d5_template_structure),
    metric!("D6", G, "readable real text in every format", d6_readable),
    metric!("D7", G, "who issued it and where it comes from", d7_provenance),
    metric!("D8", G, "a digest proves it unaltered", d8_integrity),
    metric!("D9", G, "also delivered as structured data", d9_structured),
    metric!("D10", G, "exported as md, html and pdf", d10_formats),
    metric!("D13", GJ, "agrees with the other documents of the build", d13_other_documents),
    metric!("D14", GJ, "a successor version keeps structure and terms", d14_successor),
    metric!("D15", G, "says what changed in this version", d15_changes),
    metric!("D16", G, "states its version and where the current one lives", d16_status),
    metric!("D17", G, "says where update notices appear", d17_update_notices),
    metric!("D18", G, "links its canonical location", d18_canonical),
    metric!("D19", G, "links every version of itself", d19_every_version),
    metric!("D22", G, "links survive export to html and pdf", d22_links_survive),
    metric!("D23", G, "carries a version identifier", d23_version),
    metric!("D24", G, "links the earlier versions", d24_earlier_versions),
    metric!("D25", G, "each version has its own number", d25_unique_versions),
    metric!("D26", G, "versions in one ordered scheme", d26_one_scheme),
    metric!("D28", G, "states the last update", d28_last_update),
    metric!("D29", G, "the last update is the release record's", d29_last_update_stamped),
    metric!("D30", G, "the last update is an ISO 8601 date", d30_last_update_format),
    // Section 1
    metric!("F1.1", GJ, "section 1 agrees with the rest", f1_1_consistent),
    metric!("F1.1.a.1", G, "provider named", f1_1_a_1_provider_name),
    metric!("F1.1.a.3", G, "provider contact given", f1_1_a_3_provider_contact),
    metric!("F1.1.b.1", G, "representative named where required", f1_1_b_1_representative),
    metric!("F1.1.b.3", G, "representative contact where required", f1_1_b_3_representative_contact),
    metric!("F1.2.a.1", G, "every covered model has a versioned name", f1_2_a_1_model_ids),
    metric!("F1.2.b.1", G, "base model named for a modification", f1_2_b_1_base_model),
    metric!("F1.2.b.2", G, "which covered model a dependency applies to", f1_2_b_2_applies_to),
    metric!("F1.2.c.1", G, "Union placement date per model", f1_2_c_1_placement),
    metric!("F1.3.a.1", G, "at least one modality ticked", f1_3_a_1_modalities),
    metric!("F1.3.b.1", G, "one size band per present modality", f1_3_b_1_size_bands),
    metric!("F1.3.b.2", G, "an approximate size in the modality's unit", f1_3_b_2_size_unit),
    metric!("F1.3.c.1", G, "types of content described", f1_3_c_1_content_types),
    metric!("F1.3.c.3", GStar, "types of content only", f1_3_c_3_types_only),
    metric!("F1.3.d.1", G, "latest collection date given", f1_3_d_1_latest_date),
    metric!("F1.3.d.2", G, "latest collection date is one month", f1_3_d_2_specific_month),
    metric!("F1.3.d.3", G, "latest collection date as MM/YYYY", f1_3_d_3_month_format),
    metric!("F1.3.d.5", G, "whether training continues after it", f1_3_d_5_continued),
    metric!("F1.3.e.1", G, "languages described", f1_3_e_1_languages),
    metric!("F1.3.e.2", G, "languages named, not counted", f1_3_e_2_named),
    metric!("F1.3.e.3", G, "EU official languages named", f1_3_e_3_eu_languages),
    metric!("F1.3.e.5", GStar, "language field holds languages only", f1_3_e_5_languages_only),
    metric!("F1.3.f.5", GStar, "other characteristics hold only their own text", f1_3_f_5_other_only),
    // Section 2.1
    metric!("F2.1.1", GJ, "section 2.1 agrees with the rest", f2_1_1_consistent),
    metric!("F2.1.a.1", G, "public datasets: yes/no answered", f2_1_a_1),
    metric!("F2.1.b.1", G, "public datasets: modalities", f2_1_b_1),
    metric!("F2.1.c.1", GStar, "2.1.c is only the list of large datasets", f2_1_c_1_list_only),
    metric!("F2.1.d.2", GStar, "2.1.d holds only the general description", f2_1_d_2_description_only),
    metric!("F2.1.d.3", G, "the other public datasets' modality stated", f2_1_d_3_modality),
    metric!("F2.1.d.6", G, "the other public datasets' collection period", f2_1_d_6_period),
    // Section 2.2
    metric!("F2.2.1", GJ, "section 2.2 agrees with the rest", f2_2_1_consistent),
    metric!("F2.2.1.a.1", G, "licensed data: yes/no answered", f2_2_1_a_1),
    metric!("F2.2.1.b.1", G, "licensed data: modalities", f2_2_1_b_1),
    metric!("F2.2.2.a.1", G, "other private data: yes/no answered", f2_2_2_a_1),
    metric!("F2.2.2.b.1", G, "other private data: modalities", f2_2_2_b_1),
    metric!("F2.2.2.c.1", GStar, "2.2.2.c lists only publicly known private datasets", f2_2_2_c_1_list_only),
    metric!("F2.2.2.d.2", GStar, "2.2.2.d holds only the general description", f2_2_2_d_2_description_only),
    metric!("F2.2.2.d.3", G, "the described private datasets' modality stated", f2_2_2_d_3_modality),
    // Section 2.3
    metric!("F2.3.1", GJ, "section 2.3 agrees with the rest", f2_3_1_consistent),
    metric!("F2.3.a.1", G, "crawlers: yes/no answered", f2_3_a_1),
    metric!("F2.3.b.1", GStar, "crawler field holds only crawler identifiers", f2_3_b_1_identifiers_only),
    metric!("F2.3.b.5", G, "crawlers listed one by one", f2_3_b_5_structured),
    metric!("F2.3.c.1", G, "crawler purposes described", f2_3_c_1_purposes),
    metric!("F2.3.c.2", G, "a purpose for each crawler", f2_3_c_2_purpose_each),
    metric!("F2.3.c.4", GStar, "purposes field holds only the crawlers' purposes", f2_3_c_4_purposes_only),
    metric!("F2.3.d.1", G, "crawler behaviour described", f2_3_d_1_behaviour),
    metric!("F2.3.e.1", G, "collection period given", f2_3_e_1_period),
    metric!("F2.3.e.2", G, "collection period per crawler", f2_3_e_2_per_crawler),
    metric!("F2.3.e.3", G, "collection period as exact dates", f2_3_e_3_exact),
    metric!("F2.3.e.4", G, "collection dates as MM/YYYY", f2_3_e_4_month_format),
    metric!("F2.3.g.1", G, "crawled data: modalities", f2_3_g_1),
    metric!("F2.3.h.3", G, "domain list inside the document", f2_3_h_3_domains_inside),
    metric!("F2.3.h.4", G, "one domain per row", f2_3_h_4_domains_readable),
    // Section 2.4
    metric!("F2.4.1", GJ, "section 2.4 agrees with the rest", f2_4_1_consistent),
    metric!("F2.4.a.1", G, "user interactions: yes/no answered", f2_4_a_1),
    metric!("F2.4.b.1", G, "other services' users: yes/no answered", f2_4_b_1),
    metric!("F2.4.c.1", GStar, "services field names only the services", f2_4_c_1_services_only),
    metric!("F2.4.c.4", G, "services listed readably", f2_4_c_4_services_listed),
    metric!("F2.4.d.1", G, "user data: modalities", f2_4_d_1),
    // Sections 2.5 and 2.6
    metric!("F2.5.1", GJ, "section 2.5 agrees with the rest", f2_5_1_consistent),
    metric!("F2.5.a.1", G, "synthetic data: yes/no answered", f2_5_a_1),
    metric!("F2.5.b.1", G, "synthetic data: modalities", f2_5_b_1),
    metric!("F2.5.c.1", G, "market generator models named", f2_5_c_1_generators),
    metric!("F2.5.c.5", GStar, "2.5.c holds only generator models and links", f2_5_c_5_generators_only),
    metric!("F2.5.d.2", GStar, "2.5.d covers only the other generator models", f2_5_d_2_other_only),
    metric!("F2.6.1", GJ, "section 2.6 agrees with the rest", f2_6_1_consistent),
    metric!("F2.6.a.1", G, "other sources: yes/no answered", f2_6_a_1),
    metric!("F2.6.b.4", G, "the 2.6 narrative is readable", f2_6_b_4_readable),
    // Section 3
    metric!("F3.1", GJ, "section 3 agrees with the rest", f3_1_consistent),
    metric!("F3.1.a.1", G, "Code of Practice signatory: yes/no answered", f3_1_a_1),
];

// ---------------------------------------------------------------------------------------------
// The rendered outputs of one example

/// What poppler reads out of a PDF.
#[derive(Clone, Debug, Default)]
struct Pdf {
    /// `pdftotext` output, whitespace collapsed to single spaces.
    text: String,
    /// The link targets (`pdfinfo -url`).
    urls: Vec<String>,
    /// `pdfinfo` output.
    info: String,
    /// The XMP metadata (`pdfinfo -meta`).
    meta: String,
}

/// One example: its dossier files and everything one `aiact build` made of it.
#[derive(Clone)]
struct Ctx {
    complete: bool,
    /// The example's directory.
    source: PathBuf,
    /// The bundle `aiact build` wrote.
    bundle: PathBuf,
    md: String,
    html: String,
    /// `None` when poppler is not installed (and `AIACT_REQUIRE_TOOLS` is not set).
    pdf: Option<Pdf>,
    /// The Markdown of the other documents, by stem.
    others: BTreeMap<&'static str, String>,
    /// `aiact.yaml`, `data.yaml` and `copyright.yaml` as JSON.
    root: Value,
    data: Value,
    copyright: Value,
}

/// The dossier file `name` of `dir` as JSON, read with the project's YAML 1.2 parser (not its
/// typed model: the values are the ones written in the file).
fn dossier_file(dir: &Path, name: &str) -> Value {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    aiact::dossier::parse_str(name, &text)
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
        .to_json()
}

/// Runs a poppler tool; `None` when it is missing, unless CI requires it.
fn poppler(program: &str, args: &[&OsStr]) -> Option<String> {
    match std::process::Command::new(program).args(args).output() {
        Ok(output) if output.status.success() => {
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        _ => {
            assert!(
                std::env::var_os("AIACT_REQUIRE_TOOLS").is_none(),
                "{program} (poppler-utils) is required to check the PDF"
            );
            eprintln!("{program} not found: PDF checks skipped");
            None
        }
    }
}

fn pdf_facts(pdf: &Path) -> Option<Pdf> {
    let path = pdf.as_os_str();
    let text = poppler(
        "pdftotext",
        &["-enc".as_ref(), "UTF-8".as_ref(), path, "-".as_ref()],
    )?;
    let urls = poppler("pdfinfo", &["-url".as_ref(), path])?;
    let info = poppler("pdfinfo", &[path])?;
    let meta = poppler("pdfinfo", &["-meta".as_ref(), path])?;
    Some(Pdf {
        text: norm(&text),
        urls: urls
            .lines()
            .skip(1)
            .filter_map(|line| line.split_whitespace().nth(2).map(str::to_owned))
            .collect(),
        info,
        meta,
    })
}

/// Builds `example` into `out` and reads what a check needs.
fn load(example: &str, complete: bool, out: &Path) -> Ctx {
    let source = repo().join("examples").join(example);
    let bundle = out.join("bundle");
    let output = aiact([
        "build".as_ref(),
        source.as_os_str(),
        "--out".as_ref(),
        bundle.as_os_str(),
        "--as-of".as_ref(),
        AS_OF.as_ref() as &OsStr,
    ]);
    let expected = if complete { 0 } else { 1 };
    assert_eq!(code(&output), expected, "{example}: {}", stderr(&output));
    let read = |name: String| {
        std::fs::read_to_string(bundle.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    Ctx {
        complete,
        md: read("training-content-summary.md".to_owned()),
        html: read("training-content-summary.html".to_owned()),
        pdf: pdf_facts(&bundle.join("training-content-summary.pdf")),
        others: OTHER_DOCUMENTS
            .iter()
            .map(|stem| (*stem, read(format!("{stem}.md"))))
            .collect(),
        root: dossier_file(&source, "aiact.yaml"),
        data: dossier_file(&source, "data.yaml"),
        copyright: dossier_file(&source, "copyright.yaml"),
        source,
        bundle,
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the dossier

/// The value at a dotted path; `None` when missing or null.
fn at<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    let mut current = value;
    for key in path.split('.') {
        current = current.get(key)?;
    }
    (!current.is_null()).then_some(current)
}

/// A scalar as text (numbers and booleans as written in JSON).
fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The text at a path; `None` when missing, null or blank.
fn text_at(value: &Value, path: &str) -> Option<String> {
    at(value, path)
        .map(scalar)
        .filter(|text| !text.trim().is_empty())
}

fn bool_at(value: &Value, path: &str) -> Option<bool> {
    at(value, path).and_then(Value::as_bool)
}

/// An answered list (possibly empty); `None` when unanswered.
fn list_at<'a>(value: &'a Value, path: &str) -> Option<&'a [Value]> {
    at(value, path).and_then(Value::as_array).map(Vec::as_slice)
}

fn strings(items: &[Value]) -> Vec<String> {
    items.iter().map(scalar).collect()
}

/// The record of the summary under `documents` in `aiact.yaml`.
fn record(ctx: &Ctx) -> &Value {
    at(&ctx.root, "documents.training_content_summary").unwrap_or(&Value::Null)
}

// ---------------------------------------------------------------------------------------------
// Reading the Markdown

static FIELD_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d\.\d\.(?:\d\.)?[a-z](?:–[a-z])?)(?:\s|$)").unwrap());
static AUTOLINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<((?:https?|mailto):[^\s<>]+)>").unwrap());
static CODE_SPAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`[^`\n]*`").unwrap());
static HREF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"<a href="([^"]+)""#).unwrap());
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]+>").unwrap());
static MONTH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(0[1-9]|1[0-2])/(\d{4})$").unwrap());
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{2})-(\d{2})$").unwrap());

/// The data rows of every table in `text` (header and separator rows left out).
fn table_rows(text: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut rows = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        if lines[index].trim_start().starts_with('|') {
            let start = index;
            while index < lines.len() && lines[index].trim_start().starts_with('|') {
                if index > start + 1 {
                    rows.push(table_cells(lines[index]));
                }
                index += 1;
            }
        } else {
            index += 1;
        }
    }
    rows
}

/// A template field as rendered: its id, its label and its answer (the cell of its table row,
/// or the content below its bold question).
#[derive(Debug, Clone)]
struct Field {
    id: String,
    label: String,
    answer: String,
}

/// Every numbered field of the summary, in document order.
fn fields(md: &str) -> Vec<Field> {
    let lines: Vec<&str> = md.lines().collect();
    let mut out = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let line = line.trim();
        if line.starts_with('|') {
            let row = table_cells(line);
            if row.len() >= 2
                && let Some(id) = FIELD_ID.captures(&row[0])
            {
                out.push(Field {
                    id: id[1].to_owned(),
                    label: row[0].clone(),
                    answer: row[1].clone(),
                });
            }
        } else if let Some(rest) = line.strip_prefix("**")
            && let Some(end) = rest.find("**")
            && let Some(id) = FIELD_ID.captures(&rest[..end])
        {
            out.push(Field {
                id: id[1].to_owned(),
                label: rest[..end].to_owned(),
                answer: block(&lines, index),
            });
        }
    }
    out
}

/// The content below the bold question at `at`: up to the next heading, bold question or
/// field row, without the table header a following field row brings.
fn block(lines: &[&str], at: usize) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in &lines[at + 1..] {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') || trimmed.starts_with("**") {
            break;
        }
        if trimmed.starts_with('|')
            && table_cells(trimmed)
                .first()
                .is_some_and(|c| FIELD_ID.is_match(c))
        {
            break;
        }
        out.push(line);
    }
    while out
        .last()
        .is_some_and(|l| matches!(l.trim(), "" | "| | |" | "|---|---|"))
    {
        out.pop();
    }
    out.join("\n").trim().to_owned()
}

/// The answer of field `id`.
fn field(md: &str, id: &str) -> Result<String, String> {
    let found: Vec<Field> = fields(md).into_iter().filter(|f| f.id == id).collect();
    match found.as_slice() {
        [one] => Ok(one.answer.clone()),
        [] => Err(format!("field {id} is missing from the summary")),
        _ => Err(format!("field {id} appears {} times", found.len())),
    }
}

/// The answer of the part of field `id` whose label is `label` (1.3.e has two: the row of
/// languages and the block describing them).
fn field_part(md: &str, id: &str, label: &str) -> Result<String, String> {
    let found: Vec<Field> = fields(md)
        .into_iter()
        .filter(|f| f.id == id && f.label == label)
        .collect();
    match found.as_slice() {
        [one] => Ok(one.answer.clone()),
        [] => Err(format!("{label:?} is missing from the summary")),
        _ => Err(format!("{label:?} appears {} times", found.len())),
    }
}

const LANGUAGES: &str = "1.3.e Languages";
const LINGUISTIC: &str =
    "1.3.e Description of the linguistic characteristics of the overall training data";

/// The row of languages of 1.3.e.
fn languages_row(md: &str) -> Result<String, String> {
    field_part(md, "1.3.e", LANGUAGES)
}

/// The text under the heading that starts with `heading`, up to the next heading of the same
/// or a higher level.
fn section(md: &str, heading: &str) -> Result<String, String> {
    let lines: Vec<&str> = md.lines().collect();
    let level_of = |line: &str| line.chars().take_while(|c| *c == '#').count();
    let start = lines
        .iter()
        .position(|l| l.starts_with('#') && l.trim_start_matches('#').trim().starts_with(heading))
        .ok_or_else(|| format!("no heading {heading:?}"))?;
    let level = level_of(lines[start]);
    let end = lines[start + 1..]
        .iter()
        .position(|l| l.starts_with('#') && level_of(l) <= level)
        .map_or(lines.len(), |p| start + 1 + p);
    Ok(lines[start + 1..end].join("\n"))
}

/// The answer cell of the first two-column row labelled `label` in `text`.
fn row(text: &str, label: &str) -> Result<String, String> {
    text.lines()
        .filter(|l| l.trim_start().starts_with('|'))
        .map(table_cells)
        .find(|c| c.len() >= 2 && c[0] == label)
        .map(|c| c[1].clone())
        .ok_or_else(|| format!("no row {label:?}"))
}

/// A row of the metadata table above Section 1.
fn meta(md: &str, label: &str) -> Result<String, String> {
    let head = md.split("\n## ").next().unwrap_or("");
    row(head, label)
}

/// The model designation of the title.
fn title_model(md: &str) -> Result<String, String> {
    md.lines()
        .next()
        .and_then(|l| {
            l.strip_prefix("# Public Summary of Training Content for General-Purpose AI models: ")
        })
        .map(plain)
        .ok_or_else(|| "the title is not the template's".to_owned())
}

/// Markdown unescaped: `\X` becomes `X` for ASCII punctuation.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// Whitespace collapsed to single spaces.
fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a reader sees in a Markdown fragment: unescaped, autolinks as their URL,
/// whitespace collapsed.
fn plain(text: &str) -> String {
    norm(&AUTOLINK.replace_all(&unescape(text), "$1"))
}

/// The text of an HTML fragment.
fn html_text(fragment: &str) -> String {
    norm(
        &TAG.replace_all(fragment, "")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&amp;", "&"),
    )
}

/// The answer cell of the HTML table row whose label starts with `id`.
fn html_row(html: &str, id: &str) -> Result<String, String> {
    let open = format!("<tr><td>{id} ");
    let start = html
        .find(&open)
        .ok_or_else(|| format!("no HTML row {id}"))?;
    let rest = &html[start..];
    let end = rest.find("</tr>").unwrap_or(rest.len());
    let row = &rest[..end];
    let value = row
        .find("</td><td>")
        .map(|p| &row[p + 9..])
        .ok_or_else(|| format!("HTML row {id} has no answer"))?;
    Ok(html_text(value.trim_end_matches("</td>")))
}

/// Whether the answer says explicitly that nothing was given.
fn says_gap(answer: &str) -> bool {
    ["*Not provided.*", "(*not provided*)", "*not provided*"]
        .iter()
        .any(|marker| answer.contains(marker))
}

/// The dossier leaves the field unanswered: the summary must say so explicitly, and only the
/// incomplete example may.
fn gap(ctx: &Ctx, what: &str, answer: &str) -> Verdict {
    if !says_gap(answer) {
        return Err(format!(
            "{what} is unanswered in the dossier, but the summary does not say so: {answer:?}"
        ));
    }
    if ctx.complete {
        return Err(format!("{what} is a gap on a complete example: {answer:?}"));
    }
    Ok(Outcome::Gap)
}

/// `Ok(())` when `condition` holds, the message otherwise.
fn ensure(condition: bool, message: impl FnOnce() -> String) -> Result<(), String> {
    if condition { Ok(()) } else { Err(message()) }
}

const NA: &str = "Not applicable (the answer above is No).";
const NA_USERS: &str = "Not applicable (the answers above are No).";

/// The section's answer is No: the field must say it does not apply.
fn not_applicable(id: &str, answer: &str, sentence: &str) -> Verdict {
    ensure(answer.trim() == sentence, || {
        format!("{id}: the section is answered No, but the field shows {answer:?}")
    })?;
    Ok(Outcome::NotApplicable(format!(
        "{id}: the section is answered No"
    )))
}

/// A yes/no answer: `Some(true)` for "☒ Yes ☐ No", `None` for the explicit gap
/// "☐ Yes ☐ No *Not provided.*".
fn yes_no(answer: &str) -> Result<Option<bool>, String> {
    match answer.trim() {
        "☒ Yes ☐ No" => Ok(Some(true)),
        "☐ Yes ☒ No" => Ok(Some(false)),
        "☐ Yes ☐ No *Not provided.*" => Ok(None),
        other => Err(format!("not an explicit yes/no answer: {other:?}")),
    }
}

/// The modality ticks of a source section: the ticked ones, or `None` for the explicit gap.
fn modality_ticks(answer: &str) -> Result<Option<BTreeSet<String>>, String> {
    if answer.trim() == "*Not provided.*" {
        return Ok(None);
    }
    let names = ["Text", "Image", "Video", "Audio", "Other"];
    let mut rest = answer.trim();
    let mut ticked = BTreeSet::new();
    for (index, name) in names.iter().enumerate() {
        let (tick, after) = if let Some(after) = rest.strip_prefix("☒ ") {
            (true, after)
        } else if let Some(after) = rest.strip_prefix("☐ ") {
            (false, after)
        } else {
            return Err(format!("no tick box for {name} in {answer:?}"));
        };
        rest = after
            .strip_prefix(name)
            .ok_or_else(|| format!("{name} is not where the template puts it in {answer:?}"))?;
        if index + 1 < names.len() {
            rest = rest
                .strip_prefix(' ')
                .ok_or_else(|| format!("unexpected text in {answer:?}"))?;
        }
        if tick {
            ticked.insert(name.to_ascii_lowercase());
        }
    }
    ensure(rest.is_empty(), || {
        format!("text after the tick boxes: {answer:?}")
    })?;
    Ok(Some(ticked))
}

/// A month `MM/YYYY` as (year, month).
fn month(text: &str) -> Option<(i32, u32)> {
    let c = MONTH.captures(text.trim())?;
    Some((c[2].parse().ok()?, c[1].parse().ok()?))
}

/// An ISO 8601 calendar date, checked to exist.
fn iso_date(text: &str) -> Option<chrono::NaiveDate> {
    ISO_DATE.captures(text.trim())?;
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// (year, month) of a month or an ISO date.
fn year_month(text: &str) -> Option<(i32, u32)> {
    use chrono::Datelike;
    month(text).or_else(|| iso_date(text).map(|d| (d.year(), d.month())))
}

/// Every autolink target of a Markdown text (a code span is shown as written, never a link).
fn md_links(md: &str) -> Vec<String> {
    let text = CODE_SPAN.replace_all(md, "");
    AUTOLINK
        .captures_iter(&text)
        .map(|c| c[1].to_owned())
        .collect()
}

/// Every link target of an HTML text.
fn html_links(html: &str) -> BTreeSet<String> {
    HREF.captures_iter(html)
        .map(|c| c[1].replace("&amp;", "&"))
        .collect()
}

/// What is left of `shown` once every given value and the template's fixed wording are taken
/// out (longest first): text that came from no typed field.
fn residue(shown: &str, values: &[String], wording: &[&str]) -> String {
    let mut rest = plain(shown);
    let mut pieces: Vec<String> = values
        .iter()
        .map(|v| norm(v))
        .filter(|v| !v.is_empty())
        .chain(wording.iter().map(|w| (*w).to_owned()))
        .collect();
    pieces.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    for piece in pieces {
        rest = rest.replace(&piece, " ");
    }
    rest.chars()
        .filter(|c| !c.is_whitespace() && !",;:.()`<>[]-–".contains(*c))
        .collect()
}

/// `residue` must be empty.
fn only_typed(id: &str, shown: &str, values: &[String], wording: &[&str]) -> Result<(), String> {
    let rest = residue(shown, values, wording);
    ensure(rest.is_empty(), || {
        format!("{id} holds text from no typed field ({rest:?}): {shown:?}")
    })
}

/// The given fields of a list item, as text.
fn item_values(item: &Value, keys: &[&str]) -> Vec<String> {
    keys.iter().filter_map(|k| text_at(item, k)).collect()
}

// ---------------------------------------------------------------------------------------------
// Document level

/// The template's sections and fields in order, with its numbering (summary-quality.md §1;
/// the AI Office template). `1.3.a–c` is the one table of modalities, sizes and content types.
const SKELETON: &[&str] = &[
    "# Public Summary of Training Content for General-Purpose AI models",
    "## 1. General information",
    "### 1.1. Provider identification",
    "1.1.a",
    "1.1.b",
    "### 1.2. Model identification",
    "1.2.a",
    "1.2.b",
    "1.2.c",
    "### 1.3. Modalities, overall training data size and other characteristics",
    "1.3.a–c",
    "1.3.d",
    // 1.3.e is the row of languages and the block describing them.
    "1.3.e",
    "1.3.e",
    "1.3.f",
    "1.3.g",
    "## 2. List of data sources",
    "### 2.1. Publicly available datasets",
    "2.1.a",
    "2.1.b",
    "2.1.c",
    "2.1.d",
    "2.1.e",
    "### 2.2. Private non-publicly available datasets obtained from third parties",
    "#### 2.2.1. Datasets commercially licensed by rightsholders or their representatives",
    "2.2.1.a",
    "2.2.1.b",
    "#### 2.2.2. Private datasets obtained from other third parties",
    "2.2.2.a",
    "2.2.2.b",
    "2.2.2.c",
    "2.2.2.d",
    "2.2.2.e",
    "### 2.3. Data crawled and scraped from online sources",
    "2.3.a",
    "2.3.b",
    "2.3.c",
    "2.3.d",
    "2.3.e",
    "2.3.f",
    "2.3.g",
    "2.3.h",
    "2.3.i",
    "### 2.4. User data",
    "2.4.a",
    "2.4.b",
    "2.4.c",
    "2.4.d",
    "2.4.e",
    "### 2.5. Synthetic data",
    "2.5.a",
    "2.5.b",
    "2.5.c",
    "2.5.d",
    "2.5.e",
    "### 2.6. Other sources of data",
    "2.6.a",
    "2.6.b",
    "2.6.c",
    "## 3. Data processing aspects",
    "### 3.1. Respect of reservation of rights from text and data mining exception or limitation",
    "3.1.a",
    "3.1.b",
    "3.1.c",
    "### 3.2. Removal of illegal content",
    "3.2.a",
    "### 3.3. Other information (optional)",
    "3.3.a",
];

/// What may follow Section 3: the version history and the domain annex.
const AFTER_SECTION_3: [&str; 2] = [
    "## Version history",
    "## Annex: most relevant domain names crawled",
];

/// The headings and field ids of a summary, in order (the title without its model).
fn skeleton(md: &str) -> Vec<String> {
    let lines: Vec<&str> = md.lines().collect();
    let ids: Vec<Field> = fields(md);
    let mut ids = ids.into_iter().peekable();
    let mut out = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if line.starts_with('#') {
            let heading = line.split(": ").next().unwrap_or(line);
            out.push(if index == 0 { heading } else { line }.trim().to_owned());
            continue;
        }
        let trimmed = line.trim();
        let is_field = if trimmed.starts_with('|') {
            table_cells(trimmed)
                .first()
                .is_some_and(|c| FIELD_ID.is_match(c))
        } else if let Some(rest) = trimmed.strip_prefix("**") {
            rest.find("**")
                .is_some_and(|end| FIELD_ID.is_match(&rest[..end]))
        } else {
            false
        };
        if is_field && let Some(field) = ids.next() {
            out.push(field.id);
        }
    }
    out
}

fn d5_template_structure(ctx: &Ctx) -> Verdict {
    let found = skeleton(&ctx.md);
    let expected: Vec<String> = SKELETON.iter().map(|s| (*s).to_owned()).collect();
    let body = found.len().min(expected.len());
    if found[..body] != expected[..body] || found.len() < expected.len() {
        let first = found
            .iter()
            .zip(&expected)
            .position(|(f, e)| f != e)
            .unwrap_or(body);
        return Err(format!(
            "template order breaks at item {first}: expected {:?}, found {:?}",
            expected.get(first),
            found.get(first)
        ));
    }
    for extra in &found[expected.len()..] {
        ensure(AFTER_SECTION_3.contains(&extra.as_str()), || {
            format!("after Section 3 the summary has {extra:?}, which is no template item")
        })?;
    }
    for f in fields(&ctx.md) {
        let label = f.label.trim_start_matches(&f.id).trim();
        ensure(!label.is_empty(), || format!("field {} has no label", f.id))?;
    }
    // The modality table keeps the template's rows.
    let names: Vec<String> = modality_rows(&ctx.md)?
        .into_iter()
        .map(|r| r.name)
        .collect();
    ensure(
        names == ["Text", "Image", "Audio", "Video", "Other"],
        || format!("1.3.a–c rows are {names:?}"),
    )?;
    Ok(Outcome::Met)
}

fn d1_self_contained(ctx: &Ctx) -> Verdict {
    for heading in ["## 1. ", "## 2. ", "## 3. "] {
        ensure(ctx.md.lines().any(|l| l.starts_with(heading)), || {
            format!("the summary lacks its section {heading:?}: it is not the whole document")
        })?;
    }
    // The domain list is part of the document, not a file beside it.
    if let Some(domains) = listed_domains(ctx)
        && !domains.is_empty()
    {
        let annex = section(&ctx.md, "Annex: most relevant domain names crawled")?;
        for domain in &domains {
            ensure(annex.contains(&format!("| {domain} |")), || {
                format!("the domain {domain} is not in the document's annex")
            })?;
        }
    }
    // The HTML needs nothing from elsewhere.
    for outside in ["<link", "<script", " src=", "@import", "url("] {
        ensure(!ctx.html.contains(outside), || {
            format!("the HTML loads an outside resource ({outside:?})")
        })?;
    }
    ensure(ctx.html.contains("default-src 'none'"), || {
        "the HTML does not forbid outside resources".to_owned()
    })?;
    Ok(Outcome::Met)
}

fn d3_accessible(ctx: &Ctx) -> Verdict {
    let html = &ctx.html;
    ensure(html.starts_with("<!DOCTYPE html>"), || {
        "not an HTML5 document".to_owned()
    })?;
    let lang = Regex::new(r#"<html lang="([A-Za-z-]+)">"#).unwrap();
    ensure(lang.is_match(html), || {
        "the HTML states no language".to_owned()
    })?;
    ensure(html.contains(r#"<meta charset="utf-8">"#), || {
        "no character set".to_owned()
    })?;
    let title = Regex::new(r"<title>([^<]+)</title>").unwrap();
    ensure(
        title
            .captures(html)
            .is_some_and(|c| !c[1].trim().is_empty()),
        || "the HTML has no title".to_owned(),
    )?;
    ensure(!html.contains("<img"), || {
        "the HTML holds images".to_owned()
    })?;
    // Headings nest without skipping a level, under one h1.
    let heading = Regex::new(r"<h([1-6])[ >]").unwrap();
    let levels: Vec<u32> = heading
        .captures_iter(html)
        .map(|c| c[1].parse().unwrap())
        .collect();
    ensure(levels.first() == Some(&1), || {
        "the first heading is not h1".to_owned()
    })?;
    ensure(levels.iter().filter(|l| **l == 1).count() == 1, || {
        "more than one h1".to_owned()
    })?;
    for pair in levels.windows(2) {
        ensure(pair[1] <= pair[0] + 1, || {
            format!("a heading skips from h{} to h{}", pair[0], pair[1])
        })?;
    }
    // Every table has header cells.
    let tables = html.matches("<table>").count();
    let headed = html.matches("<table><thead><tr><th").count();
    ensure(tables > 0 && tables == headed, || {
        format!("{headed} of {tables} tables have a header row")
    })?;
    if let Some(pdf) = &ctx.pdf {
        ensure(pdf.info.lines().any(|l| norm(l) == "Tagged: yes"), || {
            "the PDF is not tagged".to_owned()
        })?;
        ensure(pdf.meta.contains("<pdfaid:part>"), || {
            "the PDF claims no PDF/A part".to_owned()
        })?;
        ensure(pdf.meta.contains("<dc:language>"), || {
            "the PDF states no language".to_owned()
        })?;
    }
    Ok(Outcome::Met)
}

fn d6_readable(ctx: &Ctx) -> Verdict {
    ensure(ctx.html.contains(r#"<meta name="viewport""#), || {
        "the HTML does not adapt to small screens".to_owned()
    })?;
    ensure(ctx.html.contains("<style>"), || {
        "the HTML has no layout".to_owned()
    })?;
    let h1 = Regex::new(r"<h1>(.*?)</h1>").unwrap();
    let heading = h1
        .captures(&ctx.html)
        .map(|c| html_text(&c[1]))
        .ok_or_else(|| "no h1 in the HTML".to_owned())?;
    ensure(
        heading == plain(ctx.md.lines().next().unwrap_or("").trim_start_matches("# ")),
        || format!("the HTML title {heading:?} is not the Markdown's"),
    )?;
    // The PDF is text, not an image of text: every field id can be read out of it, in order.
    if let Some(pdf) = &ctx.pdf {
        ensure(pdf.text.contains(&heading), || {
            format!("the PDF text lacks the title {heading:?}")
        })?;
        let mut from = 0;
        for id in SKELETON.iter().filter(|s| !s.starts_with('#')) {
            let needle = format!("{id} ");
            let found = pdf.text[from..]
                .find(&needle)
                .ok_or_else(|| format!("the PDF text lacks field {id} (after offset {from})"))?;
            from += found + needle.len();
        }
    }
    Ok(Outcome::Met)
}

fn d7_provenance(ctx: &Ctx) -> Verdict {
    let legal_name = text_at(&ctx.root, "provider.legal_name");
    let shown = meta(&ctx.md, "Provider")?;
    match &legal_name {
        Some(name) => ensure(plain(&shown) == norm(name), || {
            format!("the document names {shown:?} as its provider, not {name:?}")
        })?,
        None => return gap(ctx, "provider.legal_name", &shown),
    }
    let model = meta(&ctx.md, "Model")?;
    ensure(plain(&model) == title_model(&ctx.md)?, || {
        format!("the Model row {model:?} is not the title's model")
    })?;
    let canonical = meta(&ctx.md, "Where the latest version is published")?;
    if text_at(record(ctx), "canonical_url").is_none() {
        return gap(ctx, "the canonical location", &canonical);
    }
    if let (Some(pdf), Some(name)) = (&ctx.pdf, &legal_name) {
        let author = pdf
            .info
            .lines()
            .find_map(|l| l.strip_prefix("Author:"))
            .map(str::trim)
            .unwrap_or("");
        ensure(author == name.trim(), || {
            format!("the PDF's author is {author:?}, not {name:?}")
        })?;
    }
    Ok(Outcome::Met)
}

fn sha256_hex(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap_or_default()))
}

fn d8_integrity(ctx: &Ctx) -> Verdict {
    let manifest: Value = std::fs::read(ctx.bundle.join("MANIFEST.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| "no readable MANIFEST.json in the bundle".to_owned())?;
    let sums = std::fs::read_to_string(ctx.bundle.join("SHA256SUMS")).unwrap_or_default();
    for ext in ["md", "html", "pdf"] {
        let name = format!("training-content-summary.{ext}");
        let actual = sha256_hex(&ctx.bundle.join(&name));
        let listed = manifest["files"]
            .as_array()
            .and_then(|files| files.iter().find(|f| f["path"] == name.as_str()))
            .and_then(|f| f["sha256"].as_str())
            .ok_or_else(|| format!("MANIFEST.json does not list {name}"))?;
        ensure(listed == actual, || {
            format!("{name}: MANIFEST says {listed}, file is {actual}")
        })?;
        ensure(
            sums.lines().any(|l| l == format!("{actual}  {name}")),
            || format!("SHA256SUMS lacks {name}"),
        )?;
    }
    // The document itself names the dossier it was made from, by digest.
    let digest = manifest["dossier_digest"]
        .as_str()
        .ok_or_else(|| "MANIFEST.json has no dossier digest".to_owned())?;
    ensure(
        ctx.html.contains(&format!("Dossier SHA-256 {digest}")),
        || "the HTML does not carry the dossier digest".to_owned(),
    )?;
    if let Some(pdf) = &ctx.pdf {
        ensure(
            pdf.text.contains(&format!("Dossier SHA-256 {digest}")),
            || "the PDF does not carry the dossier digest".to_owned(),
        )?;
    }
    let verify = aiact(["verify".as_ref(), ctx.bundle.as_os_str()]);
    ensure(code(&verify) == 0, || {
        format!("aiact verify: {}", stderr(&verify))
    })?;
    Ok(Outcome::Met)
}

/// The files of a directory tree, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if let (Ok(bytes), Ok(relative)) =
                (std::fs::read(&path), path.strip_prefix(root))
            {
                out.insert(relative.to_path_buf(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn d9_structured(ctx: &Ctx) -> Verdict {
    // The dossier the summary was rendered from travels with it, unchanged.
    // (Its files and the evidence they cite; a README beside them is no part of the dossier.)
    let source = tree(&ctx.source);
    let copy = tree(&ctx.bundle.join("dossier"));
    let is_dossier = |path: &Path| {
        path.parent() == Some(Path::new(""))
            && path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
    };
    for (path, bytes) in source.iter().filter(|(p, _)| is_dossier(p)) {
        ensure(copy.get(path) == Some(bytes), || {
            format!(
                "the bundle's dossier copy lacks or changes {}",
                path.display()
            )
        })?;
    }
    for path in copy.keys() {
        ensure(source.get(path) == copy.get(path), || {
            format!(
                "the bundle's dossier copy holds {}, which the dossier does not",
                path.display()
            )
        })?;
    }
    ensure(copy.contains_key(Path::new("data.yaml")), || {
        "the dossier copy has no data.yaml".to_owned()
    })?;
    // … and is structured data a tool can check against the published schemas.
    let output = aiact(["schema"]);
    let schemas: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("aiact schema prints no JSON: {e}"))?;
    for (file, schema) in [
        ("aiact.yaml", "aiact.schema.json"),
        ("data.yaml", "data.schema.json"),
    ] {
        let instance = dossier_file(&ctx.bundle.join("dossier"), file);
        let validator = jsonschema::validator_for(&schemas[schema])
            .map_err(|e| format!("{schema} does not compile: {e}"))?;
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .take(3)
            .collect();
        ensure(errors.is_empty(), || {
            format!("{file} against {schema}: {errors:?}")
        })?;
    }
    let report: Value = std::fs::read(ctx.bundle.join("compliance-report.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| "no readable compliance-report.json".to_owned())?;
    let manifest: Value = std::fs::read(ctx.bundle.join("MANIFEST.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    ensure(
        report["dossier"]["digest"].is_string()
            && report["dossier"]["digest"] == manifest["dossier_digest"],
        || "the JSON report is not about the bundled dossier".to_owned(),
    )?;
    Ok(Outcome::Met)
}

fn d10_formats(ctx: &Ctx) -> Verdict {
    let manifest: Value = std::fs::read(ctx.bundle.join("MANIFEST.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    for (ext, magic) in [
        ("md", "# Public Summary".as_bytes()),
        ("html", b"<!DOCTYPE html>"),
        ("pdf", b"%PDF-"),
    ] {
        let name = format!("training-content-summary.{ext}");
        let bytes = std::fs::read(ctx.bundle.join(&name)).unwrap_or_default();
        ensure(bytes.starts_with(magic), || {
            format!("{name} is missing or not {ext}")
        })?;
        let role = manifest["files"]
            .as_array()
            .and_then(|files| files.iter().find(|f| f["path"] == name.as_str()))
            .map(|f| f["role"].clone());
        ensure(role == Some(Value::from("document")), || {
            format!("{name} is not listed as a document of the bundle")
        })?;
    }
    ensure(ctx.md.starts_with("# Public Summary"), || {
        "the Markdown read is not the summary".to_owned()
    })?;
    Ok(Outcome::Met)
}

/// The version history table: (version, date, changes, where).
fn history(md: &str) -> Result<Option<Vec<[String; 4]>>, String> {
    let text = section(md, "Version history")?;
    if text.contains("This is the first version of the summary.") {
        return Ok(Some(Vec::new()));
    }
    if text.contains("Earlier versions: *Not provided.*") {
        return Ok(None);
    }
    let rows = table_rows(&text);
    ensure(!rows.is_empty(), || {
        format!("the version history is neither a table nor a statement: {text:?}")
    })?;
    rows.into_iter()
        .map(|r| {
            ensure(r.len() == 4, || {
                format!("a version history row has {} cells", r.len())
            })?;
            Ok([r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone()])
        })
        .collect::<Result<Vec<_>, String>>()
        .map(Some)
}

fn previous_versions(ctx: &Ctx) -> Option<&[Value]> {
    list_at(record(ctx), "previous_versions")
}

fn d15_changes(ctx: &Ctx) -> Verdict {
    let shown = meta(&ctx.md, "Changes in this version")?;
    match (text_at(record(ctx), "changes"), previous_versions(ctx)) {
        (Some(changes), _) => {
            ensure(plain(&shown) == norm(&changes), || {
                format!("the changes shown are not the record's: {shown:?}")
            })?;
            if let Some(rows) = history(&ctx.md)?
                && let Some(current) = rows.first()
            {
                ensure(plain(&current[2]) == norm(&changes), || {
                    "the version history shows other changes for this version".to_owned()
                })?;
            }
            Ok(Outcome::Met)
        }
        (None, Some([])) => {
            ensure(shown == "First version.", || {
                format!("a first version shows {shown:?}")
            })?;
            Ok(Outcome::Met)
        }
        (None, _) => gap(ctx, "what changed", &shown),
    }
}

fn d16_status(ctx: &Ctx) -> Verdict {
    let version = meta(&ctx.md, "Version of the Summary")?;
    let shown = meta(&ctx.md, "Where the latest version is published")?;
    let Some(canonical) = text_at(record(ctx), "canonical_url") else {
        return gap(ctx, "where the latest version is published", &shown);
    };
    ensure(shown == format!("<{canonical}>"), || {
        format!("the latest version's place is {shown:?}, not a link to {canonical}")
    })?;
    ensure(html_links(&ctx.html).contains(&canonical), || {
        "the HTML does not link the latest version".to_owned()
    })?;
    if let Some(rows) = history(&ctx.md)?
        && let Some(current) = rows.first()
    {
        ensure(current[0] == format!("{version} (this version)"), || {
            format!(
                "the version history does not mark {version} as this version: {:?}",
                current[0]
            )
        })?;
    }
    Ok(Outcome::Met)
}

fn d17_update_notices(ctx: &Ctx) -> Verdict {
    let shown = meta(&ctx.md, "Update notices")?;
    let Some(url) = text_at(record(ctx), "update_notices_url") else {
        return gap(ctx, "where update notices appear", &shown);
    };
    ensure(shown == format!("<{url}>"), || {
        format!("update notices shown as {shown:?}")
    })?;
    ensure(html_links(&ctx.html).contains(&url), || {
        "the HTML does not link the update notices".to_owned()
    })?;
    Ok(Outcome::Met)
}

fn d18_canonical(ctx: &Ctx) -> Verdict {
    let shown = meta(&ctx.md, "Where the latest version is published")?;
    let Some(canonical) = text_at(record(ctx), "canonical_url") else {
        return gap(ctx, "the canonical location", &shown);
    };
    ensure(md_links(&shown) == [canonical.clone()], || {
        format!("the canonical location is not a link: {shown:?}")
    })?;
    ensure(html_links(&ctx.html).contains(&canonical), || {
        "the HTML does not link the canonical location".to_owned()
    })?;
    if let Some(pdf) = &ctx.pdf {
        ensure(pdf.urls.contains(&canonical), || {
            "the PDF does not link the canonical location".to_owned()
        })?;
    }
    Ok(Outcome::Met)
}

fn d19_every_version(ctx: &Ctx) -> Verdict {
    let Some(rows) = history(&ctx.md)? else {
        return match previous_versions(ctx) {
            None => gap(
                ctx,
                "the earlier versions",
                &section(&ctx.md, "Version history")?,
            ),
            Some(_) => Err(
                "the dossier lists earlier versions; the summary says none was given".to_owned(),
            ),
        };
    };
    let previous = previous_versions(ctx).unwrap_or(&[]);
    if previous.is_empty() {
        ensure(rows.is_empty(), || {
            "versions shown that the dossier does not have".to_owned()
        })?;
        // The only version is this one, linked as the canonical location.
        return d18_canonical(ctx);
    }
    ensure(rows.len() == previous.len() + 1, || {
        format!(
            "{} versions in the history, the dossier has {}",
            rows.len(),
            previous.len() + 1
        )
    })?;
    let canonical = text_at(record(ctx), "canonical_url").unwrap_or_default();
    ensure(rows[0][3] == format!("<{canonical}>"), || {
        format!(
            "this version's row does not link its location: {:?}",
            rows[0][3]
        )
    })?;
    for (row, version) in rows[1..].iter().zip(previous) {
        let number = text_at(version, "version").unwrap_or_default();
        ensure(plain(&row[0]) == number, || {
            format!("history row {:?} for version {number}", row[0])
        })?;
        match text_at(version, "url") {
            Some(url) => ensure(row[3].starts_with(&format!("<{url}>")), || {
                format!("version {number} is not linked: {:?}", row[3])
            })?,
            None => return gap(ctx, &format!("the link of version {number}"), &row[3]),
        }
    }
    Ok(Outcome::Met)
}

fn d24_earlier_versions(ctx: &Ctx) -> Verdict {
    let Some(previous) = previous_versions(ctx) else {
        return gap(
            ctx,
            "the earlier versions",
            &section(&ctx.md, "Version history")?,
        );
    };
    if previous.is_empty() {
        ensure(
            section(&ctx.md, "Version history")?
                .contains("This is the first version of the summary."),
            || "a first version does not say so".to_owned(),
        )?;
        return Ok(Outcome::NotApplicable("no earlier version".to_owned()));
    }
    let history = section(&ctx.md, "Version history")?;
    let links = html_links(&ctx.html);
    for version in previous {
        let number = text_at(version, "version").unwrap_or_default();
        let Some(url) = text_at(version, "url") else {
            return gap(ctx, &format!("the link of version {number}"), &history);
        };
        ensure(md_links(&history).contains(&url), || {
            format!("version {number} is not linked")
        })?;
        ensure(links.contains(&url), || {
            format!("the HTML does not link version {number}")
        })?;
        if let Some(pdf) = &ctx.pdf {
            ensure(pdf.urls.contains(&url), || {
                format!("the PDF does not link version {number}")
            })?;
        }
    }
    Ok(Outcome::Met)
}

fn d22_links_survive(ctx: &Ctx) -> Verdict {
    let links = md_links(&ctx.md);
    ensure(!links.is_empty(), || {
        "the summary has no link at all".to_owned()
    })?;
    let html = html_links(&ctx.html);
    for link in &links {
        ensure(html.contains(link), || {
            format!("{link} is no link in the HTML")
        })?;
        if let Some(pdf) = &ctx.pdf {
            ensure(pdf.urls.contains(link), || {
                format!("{link} is no link in the PDF")
            })?;
        }
    }
    Ok(Outcome::Met)
}

fn d23_version(ctx: &Ctx) -> Verdict {
    let shown = meta(&ctx.md, "Version of the Summary")?;
    let Some(version) = text_at(record(ctx), "version") else {
        return gap(ctx, "the summary's version", &shown);
    };
    ensure(plain(&shown) == version && !says_gap(&shown), || {
        format!("the version shown is {shown:?}, the record's {version:?}")
    })?;
    Ok(Outcome::Met)
}

/// Every version number: this one first, then the earlier ones as the dossier lists them.
fn version_numbers(ctx: &Ctx) -> Vec<String> {
    let mut out: Vec<String> = text_at(record(ctx), "version").into_iter().collect();
    for v in previous_versions(ctx).unwrap_or(&[]) {
        out.push(text_at(v, "version").unwrap_or_default());
    }
    out
}

fn d25_unique_versions(ctx: &Ctx) -> Verdict {
    let numbers = version_numbers(ctx);
    if numbers.is_empty() {
        return gap(
            ctx,
            "the summary's version",
            &meta(&ctx.md, "Version of the Summary")?,
        );
    }
    let unique: BTreeSet<&String> = numbers.iter().collect();
    ensure(
        unique.len() == numbers.len() && !unique.contains(&String::new()),
        || format!("version numbers repeat or are empty: {numbers:?}"),
    )?;
    // The document shows them so.
    if let Some(rows) = history(&ctx.md)? {
        let shown: Vec<String> = rows
            .iter()
            .map(|r| plain(r[0].trim_end_matches(" (this version)")))
            .collect();
        let distinct: BTreeSet<&String> = shown.iter().collect();
        ensure(distinct.len() == shown.len(), || {
            format!("the history repeats a version: {shown:?}")
        })?;
        if !rows.is_empty() {
            ensure(shown == numbers, || {
                format!("the history shows {shown:?}, the dossier {numbers:?}")
            })?;
        }
    }
    ensure(
        plain(&meta(&ctx.md, "Version of the Summary")?) == numbers[0],
        || "the version shown is not the record's".to_owned(),
    )?;
    Ok(Outcome::Met)
}

fn d26_one_scheme(ctx: &Ctx) -> Verdict {
    let numbers = version_numbers(ctx);
    if numbers.is_empty() {
        return gap(
            ctx,
            "the summary's version",
            &meta(&ctx.md, "Version of the Summary")?,
        );
    }
    let scheme = Regex::new(r"^\d+(\.\d+)*$").unwrap();
    let parsed: Vec<Vec<u64>> = numbers
        .iter()
        .map(|n| {
            ensure(scheme.is_match(n), || {
                format!("version {n:?} is not dotted numbers")
            })?;
            Ok(n.split('.').map(|p| p.parse().unwrap_or(0)).collect())
        })
        .collect::<Result<_, String>>()?;
    ensure(parsed.iter().all(|p| p.len() == parsed[0].len()), || {
        format!("versions mix schemes: {numbers:?}")
    })?;
    for pair in parsed.windows(2) {
        ensure(pair[0] > pair[1], || {
            format!("versions are not listed newest first: {numbers:?}")
        })?;
    }
    ensure(
        plain(&meta(&ctx.md, "Version of the Summary")?) == numbers[0],
        || "the version shown is not the record's".to_owned(),
    )?;
    Ok(Outcome::Met)
}

fn d28_last_update(ctx: &Ctx) -> Verdict {
    let shown = meta(&ctx.md, "Last update")?;
    let Some(date) = text_at(record(ctx), "last_updated") else {
        return gap(ctx, "the last update", &shown);
    };
    ensure(plain(&shown) == date, || {
        format!("last update shown as {shown:?}, recorded {date:?}")
    })?;
    Ok(Outcome::Met)
}

fn d29_last_update_stamped(ctx: &Ctx) -> Verdict {
    let shown = meta(&ctx.md, "Last update")?;
    let Some(date) = text_at(record(ctx), "last_updated") else {
        return gap(ctx, "the last update", &shown);
    };
    ensure(plain(&shown) == date, || {
        format!("last update shown as {shown:?}, recorded {date:?}")
    })?;
    let day = iso_date(&date).ok_or_else(|| format!("{date:?} is not a calendar date"))?;
    let as_of = iso_date(AS_OF).unwrap_or_default();
    ensure(day <= as_of, || {
        format!("last updated {date}, after the build's date {AS_OF}")
    })?;
    if let Some(rows) = history(&ctx.md)?
        && let Some(current) = rows.first()
    {
        ensure(plain(&current[1]) == date, || {
            "the version history dates this version otherwise".to_owned()
        })?;
        for earlier in &rows[1..] {
            let then = iso_date(&plain(&earlier[1]));
            ensure(then.is_some_and(|t| t < day), || {
                format!(
                    "an earlier version is dated {:?}, not before {date}",
                    earlier[1]
                )
            })?;
        }
    }
    // Every rendering stamps the same date.
    ensure(ctx.html.contains(&format!("last updated {date}")), || {
        "the HTML footer dates it otherwise".to_owned()
    })?;
    if let Some(pdf) = &ctx.pdf {
        ensure(pdf.text.contains(&format!("Last updated {date}")), || {
            "the PDF cover dates it otherwise".to_owned()
        })?;
    }
    Ok(Outcome::Met)
}

fn d30_last_update_format(ctx: &Ctx) -> Verdict {
    let shown = plain(&meta(&ctx.md, "Last update")?);
    if text_at(record(ctx), "last_updated").is_none() {
        return gap(ctx, "the last update", &meta(&ctx.md, "Last update")?);
    }
    ensure(iso_date(&shown).is_some(), || {
        format!("last update {shown:?} is not YYYY-MM-DD")
    })?;
    if let Some(rows) = history(&ctx.md)? {
        for r in rows {
            ensure(iso_date(&plain(&r[1])).is_some(), || {
                format!("version {} is dated {:?}, not YYYY-MM-DD", r[0], r[1])
            })?;
        }
    }
    Ok(Outcome::Met)
}

/// A copy of the example with another summary version, rendered to Markdown.
fn successor(ctx: &Ctx) -> Result<String, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dossier = dir.path().join("dossier");
    copy_dir(&ctx.source, &dossier);
    let root = dossier.join("aiact.yaml");
    let text = std::fs::read_to_string(&root).map_err(|e| e.to_string())?;
    let record = text
        .find("  training_content_summary:")
        .ok_or_else(|| "no summary record to edit".to_owned())?;
    let line = Regex::new(r"(?m)^    version: .*$").unwrap();
    let found = line
        .find_at(&text, record)
        .ok_or_else(|| "no summary version to edit".to_owned())?;
    let edited = format!(
        "{}    version: \"99.0\"{}",
        &text[..found.start()],
        &text[found.end()..]
    );
    std::fs::write(&root, edited).map_err(|e| e.to_string())?;
    let out = dir.path().join("out");
    let output = aiact([
        "render".as_ref(),
        dossier.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "md".as_ref(),
        "--as-of".as_ref(),
        AS_OF.as_ref() as &OsStr,
    ]);
    ensure(code(&output) == 0, || stderr(&output))?;
    std::fs::read_to_string(out.join("training-content-summary.md")).map_err(|e| e.to_string())
}

fn d14_successor(ctx: &Ctx) -> Verdict {
    let next = successor(ctx)?;
    ensure(skeleton(&next) == skeleton(&ctx.md), || {
        "a successor version changes the document's structure".to_owned()
    })?;
    let now = fields(&ctx.md);
    let then = fields(&next);
    ensure(now.len() == then.len(), || {
        "a successor version has other fields".to_owned()
    })?;
    for (a, b) in now.iter().zip(&then) {
        ensure(a.label == b.label && a.answer == b.answer, || {
            format!("field {} reads differently in a successor version", a.id)
        })?;
    }
    ensure(meta(&next, "Version of the Summary")? == "99.0", || {
        "the successor does not show its own version".to_owned()
    })?;
    ensure(
        meta(&next, "Provider")? == meta(&ctx.md, "Provider")?
            && meta(&next, "Model")? == meta(&ctx.md, "Model")?,
        || "a successor names the provider or the model otherwise".to_owned(),
    )?;
    Ok(Outcome::Met)
}

/// The other documents' references to this summary agree with it.
fn d13_other_documents(ctx: &Ctx) -> Verdict {
    let version = plain(&meta(&ctx.md, "Version of the Summary")?);
    let canonical = text_at(record(ctx), "canonical_url");
    let model = title_model(&ctx.md)?;
    let reference = "Public summary of training content (Art. 53(1)(d))";
    for stem in ["technical-documentation", "copyright-policy"] {
        let doc = ctx
            .others
            .get(stem)
            .ok_or_else(|| format!("no {stem} in the build"))?;
        let cells = doc
            .lines()
            .map(table_cells)
            .find(|c| c.first().is_some_and(|c| c == reference))
            .ok_or_else(|| format!("{stem} does not refer to the summary"))?;
        ensure(cells.len() >= 3 && plain(&cells[1]) == version, || {
            format!(
                "{stem} refers to summary version {:?}, the summary is {version}",
                cells.get(1)
            )
        })?;
        match &canonical {
            Some(url) => ensure(cells[2] == format!("<{url}>"), || {
                format!("{stem} places the summary at {:?}", cells[2])
            })?,
            None => ensure(says_gap(&cells[2]), || {
                format!("{stem} places the summary at {:?}", cells[2])
            })?,
        }
    }
    let downstream = row(&ctx.others["downstream-information"], reference)
        .map_err(|_| "the downstream information does not refer to the summary".to_owned())?;
    match &canonical {
        Some(url) => ensure(downstream == format!("<{url}>"), || {
            format!("the downstream information places the summary at {downstream:?}")
        })?,
        None => ensure(says_gap(&downstream), || {
            format!("the downstream information places the summary at {downstream:?}")
        })?,
    }
    // One model designation in every document's title.
    for (stem, prefix) in [
        ("technical-documentation", "# Technical documentation of "),
        (
            "downstream-information",
            "# Information for downstream providers: ",
        ),
        ("compliance-report", "# Compliance report: "),
    ] {
        let title = ctx.others[stem].lines().next().unwrap_or("");
        ensure(
            title.strip_prefix(prefix).map(plain) == Some(model.clone()),
            || format!("{stem} is titled {title:?}; the summary names {model:?}"),
        )?;
    }
    Ok(Outcome::Met)
}

// ---------------------------------------------------------------------------------------------
// Section 1

fn f1_1_a_1_provider_name(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "1.1.a")?;
    let Some(name) = text_at(&ctx.root, "provider.legal_name") else {
        return gap(ctx, "the provider's name", &answer);
    };
    ensure(plain(&answer).starts_with(&norm(&name)), || {
        format!("1.1.a does not start with the provider's name {name:?}: {answer:?}")
    })?;
    ensure(plain(&meta(&ctx.md, "Provider")?) == norm(&name), || {
        "the metadata names another provider".to_owned()
    })?;
    Ok(Outcome::Met)
}

const CONTACT_PARTS: [&str; 5] = ["name", "email", "url", "phone", "postal_address"];

/// How the template joins a name and address to the contact: "NAME, ADDRESS; contact: PARTS".
const CONTACT: &str = "; contact: ";

/// The part of an answer after "; contact: " holds every given part of the contact.
fn contact_shown(id: &str, answer: &str, contact: Option<&Value>) -> Result<bool, String> {
    let shown = answer
        .split_once(CONTACT)
        .map(|(_, c)| plain(c))
        .ok_or_else(|| format!("{id} has no contact: {answer:?}"))?;
    let parts: Vec<String> = contact
        .map(|c| item_values(c, &CONTACT_PARTS))
        .unwrap_or_default();
    if parts.is_empty() {
        return Ok(false);
    }
    for part in &parts {
        ensure(shown.contains(&norm(part)), || {
            format!("{id} lacks the contact's {part:?}")
        })?;
    }
    Ok(true)
}

fn f1_1_a_3_provider_contact(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "1.1.a")?;
    if contact_shown("1.1.a", &answer, at(&ctx.root, "provider.contact"))? {
        Ok(Outcome::Met)
    } else {
        gap(
            ctx,
            "the provider's contact",
            answer.split_once(CONTACT).map_or("", |c| c.1),
        )
    }
}

/// 1.1.b: `Ok(None)` when it does not apply (and the summary says why), `Ok(Some(answer))` when
/// a representative is required.
fn representative(ctx: &Ctx) -> Result<Option<String>, String> {
    let answer = field(&ctx.md, "1.1.b")?;
    match bool_at(&ctx.root, "provider.established_in_eu") {
        Some(true) => {
            ensure(
                answer == "Not applicable (the provider is established in the Union).",
                || format!("an EU provider's 1.1.b reads {answer:?}"),
            )?;
            Ok(None)
        }
        _ if answer == "Not applicable (open-source exemption, Art. 54(6))." => {
            ensure(
                bool_at(&ctx.root, "model.openness.weights_public") == Some(true),
                || {
                    "1.1.b claims the open-source exemption for a model without public weights"
                        .to_owned()
                },
            )?;
            Ok(None)
        }
        _ => Ok(Some(answer)),
    }
}

fn f1_1_b_1_representative(ctx: &Ctx) -> Verdict {
    let Some(answer) = representative(ctx)? else {
        return Ok(Outcome::NotApplicable(
            "no authorised representative required".to_owned(),
        ));
    };
    let Some(name) = text_at(&ctx.root, "provider.authorised_representative.name") else {
        return gap(ctx, "the authorised representative", &answer);
    };
    ensure(plain(&answer).starts_with(&norm(&name)), || {
        format!("1.1.b does not name {name:?}: {answer:?}")
    })?;
    Ok(Outcome::Met)
}

fn f1_1_b_3_representative_contact(ctx: &Ctx) -> Verdict {
    let Some(answer) = representative(ctx)? else {
        return Ok(Outcome::NotApplicable(
            "no authorised representative required".to_owned(),
        ));
    };
    if text_at(&ctx.root, "provider.authorised_representative.name").is_none() {
        return gap(ctx, "the authorised representative", &answer);
    }
    if contact_shown(
        "1.1.b",
        &answer,
        at(&ctx.root, "provider.authorised_representative.contact"),
    )? {
        Ok(Outcome::Met)
    } else {
        gap(ctx, "the representative's contact", &answer)
    }
}

/// The covered models: (label used in 1.2.b/1.2.c, versioned name used in 1.2.a, version).
fn covered_models(ctx: &Ctx) -> Vec<(String, String, Option<String>, Value)> {
    let model_name = text_at(&ctx.root, "model.name").unwrap_or_default();
    match list_at(&ctx.root, "model.versions") {
        Some(versions) if !versions.is_empty() => versions
            .iter()
            .map(|v| {
                let version = text_at(v, "version");
                let name = text_at(v, "name").unwrap_or_else(|| model_name.clone());
                let label = text_at(v, "name")
                    .or_else(|| version.clone())
                    .unwrap_or_default();
                let versioned = format!("{name} {}", version.clone().unwrap_or_default());
                (label, versioned, version, v.clone())
            })
            .collect(),
        _ => vec![(
            model_name.clone(),
            format!(
                "{model_name} {}",
                text_at(&ctx.root, "model.version").unwrap_or_default()
            ),
            text_at(&ctx.root, "model.version"),
            Value::Null,
        )],
    }
}

fn f1_2_a_1_model_ids(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "1.2.a")?;
    if text_at(&ctx.root, "model.name").is_none() && list_at(&ctx.root, "model.versions").is_none()
    {
        return gap(ctx, "the model's name", &answer);
    }
    let shown = plain(&answer);
    let mut from = 0;
    for (_, versioned, version, _) in covered_models(ctx) {
        if version.is_none() {
            return gap(ctx, &format!("the version of {versioned}"), &answer);
        }
        let at = shown[from..]
            .find(&norm(&versioned))
            .ok_or_else(|| format!("1.2.a does not name {versioned:?} (in order): {shown:?}"))?;
        from += at + versioned.len();
    }
    Ok(Outcome::Met)
}

/// Model-level dependencies (`None`: unanswered) and each covered model's own.
type Dependencies = (Option<Vec<Value>>, Vec<(String, Vec<Value>)>);

/// The dependencies: model-level and per version.
fn dependencies(ctx: &Ctx) -> Dependencies {
    let model = list_at(&ctx.root, "model.dependencies").map(<[Value]>::to_vec);
    let per_version = covered_models(ctx)
        .into_iter()
        .filter_map(|(label, _, _, v)| list_at(&v, "dependencies").map(|d| (label, d.to_vec())))
        .collect();
    (model, per_version)
}

const NOT_A_MODIFICATION: &str =
    "None: the model is not a modification of another general-purpose AI model.";

fn f1_2_b_1_base_model(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "1.2.b")?;
    let (model, per_version) = dependencies(ctx);
    let named: Vec<Value> = per_version
        .iter()
        .flat_map(|(_, d)| d.clone())
        .chain(model.clone().unwrap_or_default())
        .collect();
    if named.is_empty() {
        return match (&model, per_version.is_empty()) {
            (Some(_), true) => {
                ensure(answer == NOT_A_MODIFICATION, || {
                    format!("1.2.b reads {answer:?}")
                })?;
                Ok(Outcome::NotApplicable("not a modification".to_owned()))
            }
            _ => gap(ctx, "the model's dependencies", &answer),
        };
    }
    let shown = plain(&answer);
    for dependency in &named {
        let name = text_at(dependency, "name").unwrap_or_default();
        let versioned = match text_at(dependency, "version") {
            Some(v) => format!("{name} {v}"),
            None => name.clone(),
        };
        ensure(
            !name.is_empty() && shown.contains(&norm(&versioned)),
            || format!("1.2.b does not name the base model {versioned:?}: {shown:?}"),
        )?;
    }
    Ok(Outcome::Met)
}

fn f1_2_b_2_applies_to(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "1.2.b")?;
    let (model, per_version) = dependencies(ctx);
    let any = per_version.iter().any(|(_, d)| !d.is_empty())
        || model.as_ref().is_some_and(|m| !m.is_empty());
    if !any {
        return match (&model, per_version.is_empty()) {
            (Some(_), true) => {
                ensure(answer == NOT_A_MODIFICATION, || {
                    format!("1.2.b reads {answer:?}")
                })?;
                Ok(Outcome::NotApplicable("not a modification".to_owned()))
            }
            _ => gap(ctx, "the model's dependencies", &answer),
        };
    }
    let covered = covered_models(ctx);
    if covered.len() == 1 {
        // One covered model: every dependency is its own.
        return Ok(Outcome::Met);
    }
    let shown = plain(&answer);
    // Several, with dependencies of the whole model only: the answer says that they apply to
    // every covered model.
    if per_version.is_empty() {
        let every = "Every version listed in 1.2.a: ";
        ensure(shown.starts_with(every), || {
            format!(
                "1.2.b names dependencies for {} covered models without saying which model they \
                 apply to (no {every:?}): {shown:?}",
                covered.len()
            )
        })?;
        return Ok(Outcome::Met);
    }
    // Several, with dependencies per version: each covered model is named with its own.
    for (label, _, _, _) in &covered {
        ensure(shown.contains(&format!("{label}: ")), || {
            format!(
                "1.2.b names dependencies for {} covered models without saying which model each \
                 applies to (no \"{label}: \"): {shown:?}",
                covered.len()
            )
        })?;
    }
    Ok(Outcome::Met)
}

/// A placement or collection date as the template allows it: a month or a day.
fn is_date(text: &str) -> bool {
    year_month(text).is_some()
}

fn f1_2_c_1_placement(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "1.2.c")?;
    let covered = covered_models(ctx);
    let per_version = covered
        .iter()
        .any(|(_, _, _, v)| text_at(v, "eu_placement_date").is_some());
    if per_version {
        let shown = plain(&answer);
        let entries: Vec<&str> = shown.split("; ").collect();
        ensure(entries.len() == covered.len(), || {
            format!(
                "1.2.c has {} entries for {} models: {shown:?}",
                entries.len(),
                covered.len()
            )
        })?;
        for ((label, _, _, v), entry) in covered.iter().zip(entries) {
            let Some(date) = text_at(v, "eu_placement_date") else {
                return gap(ctx, &format!("the placement date of {label}"), &answer);
            };
            ensure(
                entry == format!("{label}: {date}") && is_date(&date),
                || format!("1.2.c entry {entry:?} is not {label}: {date}"),
            )?;
        }
        return Ok(Outcome::Met);
    }
    let Some(date) = text_at(&ctx.root, "model.eu_placement_date") else {
        return gap(ctx, "the Union placement date", &answer);
    };
    ensure(plain(&answer) == date && is_date(&date), || {
        format!("1.2.c reads {answer:?}, not {date}")
    })?;
    Ok(Outcome::Met)
}

/// A row of the 1.3.a–c table.
#[derive(Debug)]
struct ModalityRow {
    name: String,
    /// `None`: not answered.
    ticked: Option<bool>,
    size: String,
    types: String,
}

fn modality_rows(md: &str) -> Result<Vec<ModalityRow>, String> {
    let text = field(md, "1.3.a–c")?;
    table_rows(&text)
        .into_iter()
        .map(|r| {
            ensure(r.len() == 3, || {
                format!("a 1.3.a–c row has {} cells", r.len())
            })?;
            let (ticked, name) = if let Some(n) = r[0].strip_prefix("☒ ") {
                (Some(true), n)
            } else if let Some(n) = r[0].strip_prefix("☐ *Not provided.* ") {
                (None, n)
            } else if let Some(n) = r[0].strip_prefix("☐ ") {
                (Some(false), n)
            } else {
                return Err(format!("the modality {:?} has no tick box", r[0]));
            };
            Ok(ModalityRow {
                name: name.to_owned(),
                ticked,
                size: r[1].clone(),
                types: r[2].clone(),
            })
        })
        .collect()
}

const STANDARD_MODALITIES: [&str; 4] = ["text", "image", "audio", "video"];

/// What the dossier says of a modality's presence (`other`: a non-empty list).
fn modality_present(ctx: &Ctx, key: &str) -> Option<bool> {
    if key == "other" {
        list_at(&ctx.data, "overview.modalities.other").map(|l| !l.is_empty())
    } else {
        bool_at(&ctx.data, &format!("overview.modalities.{key}.present"))
    }
}

fn row_for<'a>(rows: &'a [ModalityRow], key: &str) -> Result<&'a ModalityRow, String> {
    rows.iter()
        .find(|r| r.name.eq_ignore_ascii_case(key))
        .ok_or_else(|| format!("1.3.a–c has no {key} row"))
}

fn f1_3_a_1_modalities(ctx: &Ctx) -> Verdict {
    let rows = modality_rows(&ctx.md)?;
    let mut gaps = Vec::new();
    for key in STANDARD_MODALITIES.iter().chain(&["other"]) {
        let row = row_for(&rows, key)?;
        let expected = modality_present(ctx, key);
        ensure(row.ticked == expected, || {
            format!(
                "the {key} box shows {:?}, the dossier says {expected:?}",
                row.ticked
            )
        })?;
        if expected.is_none() {
            gaps.push(*key);
        }
    }
    ensure(rows.iter().any(|r| r.ticked == Some(true)), || {
        "no modality is ticked".to_owned()
    })?;
    if !gaps.is_empty() {
        return gap(
            ctx,
            &format!("the modalities {gaps:?}"),
            "☐ *Not provided.*",
        );
    }
    Ok(Outcome::Met)
}

/// The template's size bands of a modality: (dossier value, label).
fn bands(key: &str) -> [(&'static str, &'static str); 3] {
    match key {
        "text" => [
            ("below_1b_tokens", "Less than 1 billion tokens"),
            ("1b_to_10t_tokens", "1 billion to 10 trillion tokens"),
            ("above_10t_tokens", "More than 10 trillion tokens"),
        ],
        "image" => [
            ("below_1m_images", "Less than 1 million images"),
            ("1m_to_1b_images", "1 million to 1 billion images"),
            ("above_1b_images", "More than 1 billion images"),
        ],
        _ => [
            ("below_10k_hours", "Less than 10 000 hours"),
            ("10k_to_1m_hours", "10 000 to 1 million hours"),
            ("above_1m_hours", "More than 1 million hours"),
        ],
    }
}

/// The unit the template counts a modality in.
fn unit_of(key: &str) -> &'static str {
    match key {
        "text" => "tokens",
        "image" => "images",
        _ => "hours",
    }
}

fn f1_3_b_1_size_bands(ctx: &Ctx) -> Verdict {
    let rows = modality_rows(&ctx.md)?;
    let mut outcome = Outcome::Met;
    let mut present_any = false;
    for key in STANDARD_MODALITIES {
        let row = row_for(&rows, key)?;
        match modality_present(ctx, key) {
            Some(false) => ensure(row.size == "Not applicable", || {
                format!("absent {key} shows a size: {:?}", row.size)
            })?,
            present => {
                present_any |= present == Some(true);
                let ticked: Vec<&str> = bands(key)
                    .iter()
                    .filter(|(_, label)| row.size.contains(&format!("☒ {label}")))
                    .map(|(value, _)| *value)
                    .collect();
                for (_, label) in bands(key) {
                    ensure(row.size.contains(label), || {
                        format!("{key}: the band {label:?} is not shown")
                    })?;
                }
                let band = text_at(&ctx.data, &format!("overview.modalities.{key}.size_band"));
                let approximate = at(
                    &ctx.data,
                    &format!("overview.modalities.{key}.approximate_size"),
                )
                .is_some();
                match band.as_deref() {
                    Some("not_known") => ensure(ticked.is_empty() && approximate, || {
                        format!(
                            "{key}: size not known and no approximate size: {:?}",
                            row.size
                        )
                    })?,
                    Some(value) => ensure(ticked == [value], || {
                        format!("{key}: ticked {ticked:?}, the dossier's band is {value}")
                    })?,
                    None => {
                        ensure(ticked.is_empty(), || {
                            format!("{key}: a band nobody chose is ticked")
                        })?;
                        outcome = gap(ctx, &format!("the size of {key}"), &row.size)?;
                    }
                }
            }
        }
    }
    ensure(present_any || !ctx.complete, || {
        "no modality is present".to_owned()
    })?;
    Ok(outcome)
}

static APPROXIMATELY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"approximately ([0-9][0-9,.]*)(?: × 10([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+))? (.+)$").unwrap()
});

fn superscript(text: &str) -> Option<i32> {
    let digits: String = text
        .chars()
        .map(|c| match c {
            '⁻' => Some('-'),
            _ => "⁰¹²³⁴⁵⁶⁷⁸⁹"
                .chars()
                .position(|s| s == c)
                .and_then(|d| char::from_digit(d as u32, 10)),
        })
        .collect::<Option<String>>()?;
    digits.parse().ok()
}

fn f1_3_b_2_size_unit(ctx: &Ctx) -> Verdict {
    let rows = modality_rows(&ctx.md)?;
    let mut any = false;
    for key in STANDARD_MODALITIES {
        let row = row_for(&rows, key)?;
        let Some(size) = at(
            &ctx.data,
            &format!("overview.modalities.{key}.approximate_size"),
        )
        .and_then(Value::as_f64) else {
            ensure(!row.size.contains("approximately"), || {
                format!("{key}: a size nobody gave")
            })?;
            continue;
        };
        any = true;
        let found = APPROXIMATELY.captures(&row.size).ok_or_else(|| {
            format!(
                "{key}: the approximate size {size} is not shown: {:?}",
                row.size
            )
        })?;
        let mantissa: f64 = found[1]
            .replace(',', "")
            .parse()
            .map_err(|_| format!("{key}: {:?}", &found[1]))?;
        let exponent = found.get(2).map_or(Some(0), |e| superscript(e.as_str()));
        let shown = mantissa
            * 10f64.powi(exponent.ok_or_else(|| format!("{key}: exponent {:?}", &found[2]))?);
        ensure(((shown - size) / size).abs() < 0.005, || {
            format!("{key}: {shown} shown for {size}")
        })?;
        let unit = plain(&found[3]);
        let given = text_at(
            &ctx.data,
            &format!("overview.modalities.{key}.approximate_size_unit"),
        );
        ensure(given.as_deref().map(norm) == Some(unit.clone()), || {
            format!("{key}: the unit shown is {unit:?}, the dossier's {given:?}")
        })?;
        ensure(unit == unit_of(key), || {
            format!(
                "{key} is sized in {unit:?}; the template's bands count {}",
                unit_of(key)
            )
        })?;
    }
    if any {
        Ok(Outcome::Met)
    } else {
        Ok(Outcome::NotApplicable(
            "no approximate size given".to_owned(),
        ))
    }
}

/// The content types of a modality in the dossier.
fn content_types(ctx: &Ctx, key: &str) -> Option<Vec<String>> {
    list_at(
        &ctx.data,
        &format!("overview.modalities.{key}.content_types"),
    )
    .map(strings)
}

fn f1_3_c_1_content_types(ctx: &Ctx) -> Verdict {
    let rows = modality_rows(&ctx.md)?;
    let mut outcome = Outcome::Met;
    for key in STANDARD_MODALITIES {
        let row = row_for(&rows, key)?;
        match (modality_present(ctx, key), content_types(ctx, key)) {
            (Some(false), _) => ensure(row.types == "Not applicable", || {
                format!("absent {key} shows content types: {:?}", row.types)
            })?,
            (_, Some(types)) if !types.is_empty() => {
                for t in &types {
                    ensure(plain(&row.types).contains(&norm(t)), || {
                        format!("{key}: {t:?} not shown")
                    })?;
                }
            }
            (_, Some(_)) => ensure(row.types == "None", || {
                format!("{key}: {:?} for an empty list", row.types)
            })?,
            (_, None) => outcome = gap(ctx, &format!("the content types of {key}"), &row.types)?,
        }
    }
    Ok(outcome)
}

fn f1_3_c_3_types_only(ctx: &Ctx) -> Verdict {
    let rows = modality_rows(&ctx.md)?;
    let mut outcome = Outcome::Met;
    for key in STANDARD_MODALITIES {
        let row = row_for(&rows, key)?;
        if modality_present(ctx, key) == Some(false) {
            ensure(row.types == "Not applicable", || {
                format!("absent {key}: {:?}", row.types)
            })?;
            continue;
        }
        match content_types(ctx, key) {
            Some(types) if !types.is_empty() => {
                let expected = types.iter().map(|t| norm(t)).collect::<Vec<_>>().join("; ");
                ensure(plain(&row.types) == expected, || {
                    format!(
                        "{key}: the types cell holds more than the dossier's types: {:?}",
                        row.types
                    )
                })?;
            }
            Some(_) => ensure(row.types == "None", || format!("{key}: {:?}", row.types))?,
            None => outcome = gap(ctx, &format!("the content types of {key}"), &row.types)?,
        }
    }
    Ok(outcome)
}

fn latest_date(ctx: &Ctx) -> Result<(String, Option<String>), String> {
    Ok((
        field(&ctx.md, "1.3.d")?,
        text_at(&ctx.data, "overview.latest_collection_date"),
    ))
}

fn f1_3_d_1_latest_date(ctx: &Ctx) -> Verdict {
    let (answer, date) = latest_date(ctx)?;
    let Some(date) = date else {
        return gap(ctx, "the latest collection date", &answer);
    };
    ensure(plain(&answer) == date, || {
        format!("1.3.d shows {answer:?}, the dossier {date:?}")
    })?;
    Ok(Outcome::Met)
}

fn f1_3_d_2_specific_month(ctx: &Ctx) -> Verdict {
    let (answer, date) = latest_date(ctx)?;
    if date.is_none() {
        return gap(ctx, "the latest collection date", &answer);
    }
    let (year, month) =
        year_month(&plain(&answer)).ok_or_else(|| format!("1.3.d is not one month: {answer:?}"))?;
    let updated = text_at(record(ctx), "last_updated")
        .as_deref()
        .and_then(year_month);
    ensure(
        year >= 1990 && updated.is_none_or(|u| (year, month) <= u),
        || format!("1.3.d {answer:?} is not a plausible month before the summary's last update"),
    )?;
    Ok(Outcome::Met)
}

fn f1_3_d_3_month_format(ctx: &Ctx) -> Verdict {
    let (answer, date) = latest_date(ctx)?;
    if date.is_none() {
        return gap(ctx, "the latest collection date", &answer);
    }
    ensure(month(&plain(&answer)).is_some(), || {
        format!("1.3.d {answer:?} is not MM/YYYY")
    })?;
    Ok(Outcome::Met)
}

fn f1_3_d_5_continued(ctx: &Ctx) -> Verdict {
    let section = section(&ctx.md, "1.3.")?;
    let answer = row(
        &section,
        "Is the model trained further on data collected after that date?",
    )?;
    let expected = match text_at(&ctx.data, "overview.continued_training").as_deref() {
        Some("continued") => {
            "Yes: the model continues to be trained on data collected after this date."
        }
        Some("periodic_updates") => {
            "Periodically: the model may be updated with data collected after this date."
        }
        Some("not_continued") => {
            "No: the model is not trained further on data collected after this date."
        }
        Some(other) => return Err(format!("unknown continued_training {other:?}")),
        None => return gap(ctx, "whether training continues", &answer),
    };
    ensure(answer == expected, || {
        format!("continued training shows {answer:?}")
    })?;
    Ok(Outcome::Met)
}

/// The English names this test expects for the codes it knows (the 24 official languages of
/// the Union first).
const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("bg", "Bulgarian"),
    ("cs", "Czech"),
    ("da", "Danish"),
    ("de", "German"),
    ("el", "Greek"),
    ("en", "English"),
    ("es", "Spanish"),
    ("et", "Estonian"),
    ("fi", "Finnish"),
    ("fr", "French"),
    ("ga", "Irish"),
    ("hr", "Croatian"),
    ("hu", "Hungarian"),
    ("it", "Italian"),
    ("lt", "Lithuanian"),
    ("lv", "Latvian"),
    ("mt", "Maltese"),
    ("nl", "Dutch"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("sk", "Slovak"),
    ("sl", "Slovenian"),
    ("sv", "Swedish"),
    ("ar", "Arabic"),
    ("fa", "Persian"),
    ("hi", "Hindi"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
    ("ru", "Russian"),
    ("th", "Thai"),
    ("vi", "Vietnamese"),
    ("zh", "Chinese"),
];
const EU_LANGUAGES: usize = 24;

/// The dossier's languages: (code, share in percent). An entry is a code or a
/// `{code, share_percent}` mapping.
fn language_entries(ctx: &Ctx) -> Option<Vec<(String, Option<f64>)>> {
    list_at(&ctx.data, "overview.languages").map(|entries| {
        entries
            .iter()
            .map(|e| match e {
                Value::Object(_) => (
                    text_at(e, "code").unwrap_or_default(),
                    at(e, "share_percent").and_then(Value::as_f64),
                ),
                other => (scalar(other), None),
            })
            .collect()
    })
}

/// The dossier's language codes.
fn languages(ctx: &Ctx) -> Option<Vec<String>> {
    language_entries(ctx).map(|l| l.into_iter().map(|(code, _)| code).collect())
}

fn f1_3_e_1_languages(ctx: &Ctx) -> Verdict {
    let answer = languages_row(&ctx.md)?;
    match languages(ctx) {
        Some(codes) if !codes.is_empty() => {
            let shown: Vec<String> = named_languages(&answer)?
                .into_iter()
                .map(|l| l.code)
                .collect();
            for code in &codes {
                ensure(shown.contains(code), || format!("1.3.e lacks {code}"))?;
            }
            Ok(Outcome::Met)
        }
        _ => gap(ctx, "the languages", &answer),
    }
}

static NAMED_LANGUAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\p{Lu}[\p{L} ]*\p{Ll}) \(([a-z]{2,3}(?:-[A-Za-z0-9]+)?)(?:, about ([0-9]+(?:\.[0-9]+)?) %)?\)$",
    )
    .unwrap()
});

/// A language as 1.3.e names it: `German (de)`, or with its share `English (en, about 60 %)`.
struct NamedLanguage {
    name: String,
    code: String,
    share: Option<String>,
}

/// 1.3.e's languages; an error for any entry that is not a named language.
fn named_languages(answer: &str) -> Result<Vec<NamedLanguage>, String> {
    // An entry holds a comma only before its share: split where the next entry starts.
    let shown = plain(answer);
    let mut entries: Vec<String> = Vec::new();
    for piece in shown.split(", ") {
        match entries.last_mut() {
            Some(last) if piece.starts_with("about ") && !last.ends_with(')') => {
                last.push_str(", ");
                last.push_str(piece);
            }
            _ => entries.push(piece.to_owned()),
        }
    }
    entries
        .iter()
        .map(|entry| {
            let c = NAMED_LANGUAGE.captures(entry).ok_or_else(|| {
                format!("1.3.e entry {entry:?} is not a language named with its code")
            })?;
            Ok(NamedLanguage {
                name: c[1].to_owned(),
                code: c[2].to_owned(),
                share: c.get(3).map(|m| m.as_str().to_owned()),
            })
        })
        .collect()
}

fn f1_3_e_2_named(ctx: &Ctx) -> Verdict {
    let answer = languages_row(&ctx.md)?;
    let Some(codes) = languages(ctx).filter(|c| !c.is_empty()) else {
        return gap(ctx, "the languages", &answer);
    };
    let named = named_languages(&answer)?;
    let shown: Vec<&String> = named.iter().map(|l| &l.code).collect();
    ensure(
        shown.len() == codes.len()
            && shown
                .iter()
                .zip(&codes)
                .all(|(a, b)| a.eq_ignore_ascii_case(b)),
        || format!("1.3.e names {shown:?}, the dossier lists {codes:?}"),
    )?;
    let shares = language_entries(ctx).unwrap_or_default();
    for (language, (_, share)) in named.iter().zip(&shares) {
        let (name, code) = (&language.name, &language.code);
        if let Some((_, expected)) = LANGUAGE_NAMES.iter().find(|(c, _)| c == code) {
            ensure(name == expected, || {
                format!("{code} is named {name:?}, not {expected:?}")
            })?;
        }
        let expected = share.map(|s| s.to_string());
        ensure(language.share == expected, || {
            format!(
                "{code}'s share reads {:?}, the dossier gives {expected:?}",
                language.share
            )
        })?;
    }
    Ok(Outcome::Met)
}

fn f1_3_e_3_eu_languages(ctx: &Ctx) -> Verdict {
    let section = section(&ctx.md, "1.3.")?;
    let answer = row(&section, "Official languages of the Union covered")?;
    let Some(codes) = languages(ctx).filter(|c| !c.is_empty()) else {
        return gap(ctx, "the languages", &answer);
    };
    let expected: BTreeSet<&str> = LANGUAGE_NAMES[..EU_LANGUAGES]
        .iter()
        .filter(|(c, _)| codes.iter().any(|code| code.eq_ignore_ascii_case(c)))
        .map(|(_, n)| *n)
        .collect();
    if expected.is_empty() {
        ensure(answer == format!("none of the {EU_LANGUAGES}"), || {
            format!("no EU language, shown {answer:?}")
        })?;
        return Ok(Outcome::Met);
    }
    let shown = plain(&answer);
    let (count, names) = shown
        .split_once(": ")
        .ok_or_else(|| format!("the EU languages are not named: {shown:?}"))?;
    let names: BTreeSet<&str> = names.split(", ").collect();
    ensure(names == expected, || {
        format!("EU languages named {names:?}, expected {expected:?}")
    })?;
    ensure(
        count == format!("{} of {EU_LANGUAGES}", expected.len()),
        || format!("the count reads {count:?}"),
    )?;
    Ok(Outcome::Met)
}

fn f1_3_e_5_languages_only(ctx: &Ctx) -> Verdict {
    let answer = languages_row(&ctx.md)?;
    let Some(codes) = languages(ctx).filter(|c| !c.is_empty()) else {
        ensure(answer == "*Not provided.*", || {
            format!("1.3.e holds {answer:?} for no languages")
        })?;
        return gap(ctx, "the languages", &answer);
    };
    let named = named_languages(&answer)?;
    ensure(named.len() == codes.len(), || {
        format!(
            "1.3.e holds {} entries for {} languages",
            named.len(),
            codes.len()
        )
    })?;
    // The block below the row holds the dossier's linguistic description and nothing else.
    let description = field_part(&ctx.md, "1.3.e", LINGUISTIC)?;
    match text_at(&ctx.data, "overview.linguistic_description") {
        Some(text) => ensure(plain(&description) == norm(&text), || {
            format!("the 1.3.e description holds more or other than the dossier's: {description:?}")
        })?,
        None => ensure(description == "*Not provided.*", || {
            format!("the 1.3.e description holds {description:?} for no description")
        })?,
    }
    Ok(Outcome::Met)
}

fn f1_3_f_5_other_only(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "1.3.f")?;
    let Some(text) = text_at(&ctx.data, "overview.other_characteristics") else {
        return gap(ctx, "other characteristics", &answer);
    };
    ensure(plain(&answer) == norm(&text), || {
        format!("1.3.f holds more or other than the dossier's other_characteristics: {answer:?}")
    })?;
    // Nothing of Section 3 is in it.
    for path in [
        "processing.opt_out_measures",
        "processing.illegal_content_measures",
        "processing.other_information",
    ] {
        if let Some(other) = text_at(&ctx.data, path) {
            let start: String = norm(&other).chars().take(60).collect();
            ensure(!plain(&answer).contains(&start), || {
                format!("1.3.f repeats {path}")
            })?;
        }
    }
    Ok(Outcome::Met)
}

// ---------------------------------------------------------------------------------------------
// Section 2: yes/no questions and modalities

/// A yes/no question: the summary ticks what the dossier says, or says "not answered".
fn yes_no_field(ctx: &Ctx, id: &str, path: &str) -> Verdict {
    let answer = field(&ctx.md, id)?;
    let shown = yes_no(&answer)?;
    let expected = bool_at(&ctx.data, path).or_else(|| bool_at(&ctx.root, path));
    ensure(shown == expected, || {
        format!("{id} ticks {shown:?}, the dossier says {expected:?}")
    })?;
    if expected.is_none() {
        return gap(ctx, id, &answer);
    }
    Ok(Outcome::Met)
}

fn f2_1_a_1(ctx: &Ctx) -> Verdict {
    yes_no_field(ctx, "2.1.a", "sources.public_datasets.used")
}
fn f2_2_1_a_1(ctx: &Ctx) -> Verdict {
    yes_no_field(ctx, "2.2.1.a", "sources.licensed_data.used")
}
fn f2_2_2_a_1(ctx: &Ctx) -> Verdict {
    yes_no_field(ctx, "2.2.2.a", "sources.other_private_data.used")
}
fn f2_3_a_1(ctx: &Ctx) -> Verdict {
    yes_no_field(ctx, "2.3.a", "sources.crawled_data.used")
}
fn f2_4_a_1(ctx: &Ctx) -> Verdict {
    yes_no_field(ctx, "2.4.a", "sources.user_data.from_model_interactions")
}
fn f2_4_b_1(ctx: &Ctx) -> Verdict {
    yes_no_field(ctx, "2.4.b", "sources.user_data.from_other_services")
}
fn f2_5_a_1(ctx: &Ctx) -> Verdict {
    yes_no_field(ctx, "2.5.a", "sources.synthetic_data.used")
}
fn f2_6_a_1(ctx: &Ctx) -> Verdict {
    yes_no_field(ctx, "2.6.a", "sources.other_sources.used")
}
fn f3_1_a_1(ctx: &Ctx) -> Verdict {
    yes_no_field(ctx, "3.1.a", "provider.code_of_practice.copyright")
}

/// Whether user data was used: yes when either question is yes, no when both are no.
fn user_data_used(ctx: &Ctx) -> Option<bool> {
    let a = bool_at(&ctx.data, "sources.user_data.from_model_interactions");
    let b = bool_at(&ctx.data, "sources.user_data.from_other_services");
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

/// A modality field of a source section: "not applicable" when the section is No, else the
/// ticks of the dossier's modalities (at least one when the source was used).
fn modalities_field(
    ctx: &Ctx,
    answer: &str,
    id: &str,
    used: Option<bool>,
    path: &str,
    na: &str,
) -> Verdict {
    if used == Some(false) {
        return not_applicable(id, answer, na);
    }
    let shown = modality_ticks(answer)?;
    let expected: Option<BTreeSet<String>> =
        list_at(&ctx.data, path).map(|l| strings(l).into_iter().collect());
    ensure(shown == expected, || {
        format!("{id} ticks {shown:?}, the dossier says {expected:?}")
    })?;
    match shown {
        None => gap(ctx, &format!("the modalities of {id}"), answer),
        Some(set) => {
            ensure(!(used == Some(true) && set.is_empty()), || {
                format!("{id}: the source was used, no modality is ticked")
            })?;
            Ok(Outcome::Met)
        }
    }
}

fn source_modalities(ctx: &Ctx, id: &str, source: &str) -> Verdict {
    let answer = field(&ctx.md, id)?;
    let used = bool_at(&ctx.data, &format!("sources.{source}.used"));
    modalities_field(
        ctx,
        &answer,
        id,
        used,
        &format!("sources.{source}.modalities"),
        NA,
    )
}

fn f2_1_b_1(ctx: &Ctx) -> Verdict {
    source_modalities(ctx, "2.1.b", "public_datasets")
}
fn f2_2_1_b_1(ctx: &Ctx) -> Verdict {
    source_modalities(ctx, "2.2.1.b", "licensed_data")
}
fn f2_2_2_b_1(ctx: &Ctx) -> Verdict {
    source_modalities(ctx, "2.2.2.b", "other_private_data")
}
fn f2_3_g_1(ctx: &Ctx) -> Verdict {
    source_modalities(ctx, "2.3.g", "crawled_data")
}
fn f2_5_b_1(ctx: &Ctx) -> Verdict {
    source_modalities(ctx, "2.5.b", "synthetic_data")
}
fn f2_4_d_1(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "2.4.d")?;
    modalities_field(
        ctx,
        &answer,
        "2.4.d",
        user_data_used(ctx),
        "sources.user_data.modalities",
        NA_USERS,
    )
}

// ---------------------------------------------------------------------------------------------
// 2.1 and 2.2: datasets and descriptions

const MODALITY_LABELS: [(&str, &str); 5] = [
    ("text", "Text, including source code"),
    ("image", "Still images"),
    ("audio", "Audio"),
    ("video", "Video"),
    ("other", "Anything else (name it next to this value)"),
];

fn f2_1_c_1_list_only(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "2.1.c")?;
    let p = "sources.public_datasets";
    if bool_at(&ctx.data, &format!("{p}.used")) == Some(false) {
        return not_applicable("2.1.c", &answer, NA);
    }
    match list_at(&ctx.data, &format!("{p}.large_datasets")) {
        Some([]) => {
            ensure(
                answer == "None: no publicly available dataset is above the threshold.",
                || format!("2.1.c reads {answer:?}"),
            )?;
            Ok(Outcome::Met)
        }
        Some(datasets) => {
            // Only the table; one row per dataset, each built from that dataset's fields.
            let lines: Vec<&str> = answer.lines().collect();
            ensure(lines.iter().all(|l| l.starts_with('|')), || {
                format!("2.1.c holds more than its table: {answer:?}")
            })?;
            ensure(
                lines.first() == Some(&"| Dataset | Version | Link | Modality | Subset used |"),
                || format!("2.1.c's table has other columns: {:?}", lines.first()),
            )?;
            let rows = table_rows(&answer);
            ensure(rows.len() == datasets.len(), || {
                format!("{} rows for {} datasets", rows.len(), datasets.len())
            })?;
            for (row, dataset) in rows.iter().zip(datasets) {
                let name = text_at(dataset, "name").unwrap_or_default();
                ensure(plain(&row[0]).starts_with(&norm(&name)), || {
                    format!("row {:?} is not {name:?}", row[0])
                })?;
                let modality = text_at(dataset, "modality").and_then(|m| {
                    MODALITY_LABELS
                        .iter()
                        .find(|(v, _)| *v == m)
                        .map(|(_, l)| (*l).to_owned())
                });
                let mut values = item_values(
                    dataset,
                    &["name", "publisher", "version", "url", "subset_selection"],
                );
                values.extend(modality);
                let wording = [
                    "The whole dataset",
                    "A part of it",
                    "*how it was selected is not provided*",
                    "*Not provided.*",
                ];
                only_typed("2.1.c", &row.join(" "), &values, &wording)?;
            }
            Ok(Outcome::Met)
        }
        None => match text_at(
            &ctx.data,
            &format!("{p}.large_datasets_narrative.description"),
        ) {
            Some(description) => {
                let mut values = vec![description];
                values.extend(text_at(
                    &ctx.data,
                    &format!("{p}.large_datasets_narrative.justification"),
                ));
                only_typed(
                    "2.1.c",
                    &answer,
                    &values,
                    &[
                        "Why the datasets are not listed individually",
                        "*Not provided.*",
                    ],
                )?;
                Ok(Outcome::Met)
            }
            None => gap(ctx, "the list of large public datasets", &answer),
        },
    }
}

/// The period component as the template writes it.
fn period_text(period: Option<&Value>) -> Option<String> {
    let p = period?;
    let from = text_at(p, "from");
    let to = text_at(p, "to");
    let ongoing = bool_at(p, "ongoing") == Some(true);
    Some(if bool_at(p, "not_known") == Some(true) {
        "Not known".to_owned()
    } else {
        match (from, to) {
            (Some(f), Some(t)) => format!("From {f} to {t}"),
            (Some(f), None) if ongoing => format!("From {f}, ongoing"),
            (Some(f), None) => format!("From {f}; end not provided"),
            (None, Some(t)) => format!("Until {t}; start not known"),
            (None, None) if ongoing => "Ongoing; start not provided".to_owned(),
            (None, None) => return None,
        }
    })
}

/// A period: `Ok(true)` when exact (dates from and to, or from and ongoing), `Ok(false)` for
/// "Not known"; the dates must be months when `months` is set.
fn exact_period(what: &str, shown: &str, months: bool) -> Result<bool, String> {
    let shown = plain(shown);
    if shown == "Not known" {
        return Ok(false);
    }
    let dates: Vec<&str> = if let Some(rest) = shown.strip_prefix("From ") {
        if let Some((f, t)) = rest.split_once(" to ") {
            vec![f, t]
        } else if let Some(f) = rest.strip_suffix(", ongoing") {
            vec![f]
        } else {
            return Err(format!("{what}: {shown:?} is not an exact period"));
        }
    } else {
        return Err(format!("{what}: {shown:?} is not an exact period"));
    };
    for date in &dates {
        let ok = if months {
            month(date).is_some()
        } else {
            is_date(date)
        };
        ensure(ok, || {
            format!(
                "{what}: {date:?} is not {}",
                if months { "MM/YYYY" } else { "a date" }
            )
        })?;
    }
    if let [from, to] = dates.as_slice() {
        ensure(year_month(from) <= year_month(to), || {
            format!("{what}: {shown:?} ends before it starts")
        })?;
    }
    Ok(true)
}

/// 2.1.d: the description, then its collection period.
fn other_public(ctx: &Ctx) -> Result<Option<(String, String)>, String> {
    let answer = field(&ctx.md, "2.1.d")?;
    if bool_at(&ctx.data, "sources.public_datasets.used") == Some(false) {
        not_applicable("2.1.d", &answer, NA)?;
        return Ok(None);
    }
    let (description, period) = answer
        .rsplit_once("Approximate collection period: ")
        .ok_or_else(|| format!("2.1.d states no collection period: {answer:?}"))?;
    Ok(Some((
        description.trim().to_owned(),
        period.trim().to_owned(),
    )))
}

fn f2_1_d_2_description_only(ctx: &Ctx) -> Verdict {
    let Some((description, period)) = other_public(ctx)? else {
        return Ok(Outcome::NotApplicable("no public datasets".to_owned()));
    };
    ensure(!period.contains('\n'), || {
        format!("2.1.d has more after its period: {period:?}")
    })?;
    match text_at(
        &ctx.data,
        "sources.public_datasets.other_datasets_description",
    ) {
        Some(text) => {
            ensure(plain(&description) == norm(&text), || {
                format!("2.1.d holds more than its description: {description:?}")
            })?;
            Ok(Outcome::Met)
        }
        None => gap(
            ctx,
            "the description of other public datasets",
            &description,
        ),
    }
}

/// A described group of datasets states its modality: its section's ticks name exactly one, or
/// the description names the ones it covers.
fn described_modality(ctx: &Ctx, id: &str, description: &str, ticks_id: &str) -> Verdict {
    let ticks = modality_ticks(&field(&ctx.md, ticks_id)?)?;
    let words = Regex::new(r"(?i)\b(text|textual|images?|audio|speech|videos?)\b").unwrap();
    match ticks {
        Some(set) if set.len() == 1 => Ok(Outcome::Met),
        Some(set) if !set.is_empty() && words.is_match(description) => Ok(Outcome::Met),
        Some(set) => Err(format!(
            "{id}: the description does not say which of the modalities {set:?} ({ticks_id}) it covers: {description:?}"
        )),
        None => gap(ctx, &format!("the modalities for {id}"), "*Not provided.*"),
    }
}

fn f2_1_d_3_modality(ctx: &Ctx) -> Verdict {
    let Some((description, _)) = other_public(ctx)? else {
        return Ok(Outcome::NotApplicable("no public datasets".to_owned()));
    };
    // Each listed dataset states its own modality, in its row of 2.1.c …
    if let Some(datasets) =
        list_at(&ctx.data, "sources.public_datasets.large_datasets").filter(|d| !d.is_empty())
    {
        let rows = table_rows(&field(&ctx.md, "2.1.c")?);
        ensure(rows.len() == datasets.len(), || {
            format!(
                "2.1.c has {} rows for {} datasets",
                rows.len(),
                datasets.len()
            )
        })?;
        for (row, d) in rows.iter().zip(datasets) {
            let name = text_at(d, "name").unwrap_or_default();
            let expected = text_at(d, "modality").and_then(|m| {
                MODALITY_LABELS
                    .iter()
                    .find(|(v, _)| *v == m)
                    .map(|(_, l)| *l)
            });
            match expected {
                Some(label) => ensure(
                    row.get(3).map(|c| plain(c)).as_deref() == Some(label),
                    || {
                        format!(
                            "2.1.c gives {name:?} the modality {:?}, not {label:?}",
                            row.get(3)
                        )
                    },
                )?,
                None => {
                    return gap(
                        ctx,
                        &format!("the modality of {name}"),
                        row.get(3).map_or("", String::as_str),
                    );
                }
            }
        }
    }
    // … and the other ones in 2.1.d.
    if text_at(
        &ctx.data,
        "sources.public_datasets.other_datasets_description",
    )
    .is_none()
    {
        return gap(
            ctx,
            "the description of other public datasets",
            &description,
        );
    }
    described_modality(ctx, "2.1.d", &description, "2.1.b")
}

fn f2_1_d_6_period(ctx: &Ctx) -> Verdict {
    let Some((_, shown)) = other_public(ctx)? else {
        return Ok(Outcome::NotApplicable("no public datasets".to_owned()));
    };
    let expected = period_text(at(
        &ctx.data,
        "sources.public_datasets.other_datasets_period",
    ));
    let Some(expected) = expected else {
        return gap(
            ctx,
            "the collection period of other public datasets",
            &shown,
        );
    };
    ensure(plain(&shown).replace('*', "") == expected, || {
        format!("2.1.d's period reads {shown:?}, expected {expected:?}")
    })?;
    if says_gap(&shown) {
        return gap(ctx, "part of the collection period", &shown);
    }
    exact_period("2.1.d", &shown, false)?;
    Ok(Outcome::Met)
}

fn f2_2_2_c_1_list_only(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "2.2.2.c")?;
    let o = "sources.other_private_data";
    if bool_at(&ctx.data, &format!("{o}.used")) == Some(false) {
        return not_applicable("2.2.2.c", &answer, NA);
    }
    match list_at(&ctx.data, &format!("{o}.publicly_known_datasets")) {
        Some([]) => {
            ensure(answer == "None publicly known.", || {
                format!("2.2.2.c reads {answer:?}")
            })?;
            Ok(Outcome::Met)
        }
        Some(datasets) => {
            let values: Vec<String> = datasets
                .iter()
                .flat_map(|d| item_values(d, &["name", "version", "publisher", "url"]))
                .collect();
            only_typed("2.2.2.c", &answer, &values, &[])?;
            for d in datasets {
                let name = text_at(d, "name").unwrap_or_default();
                ensure(plain(&answer).contains(&norm(&name)), || {
                    format!("2.2.2.c lacks {name:?}")
                })?;
            }
            Ok(Outcome::Met)
        }
        None => gap(ctx, "the publicly known private datasets", &answer),
    }
}

fn private_description(ctx: &Ctx) -> Result<Option<String>, String> {
    let answer = field(&ctx.md, "2.2.2.d")?;
    if bool_at(&ctx.data, "sources.other_private_data.used") == Some(false) {
        not_applicable("2.2.2.d", &answer, NA)?;
        return Ok(None);
    }
    Ok(Some(answer))
}

fn f2_2_2_d_2_description_only(ctx: &Ctx) -> Verdict {
    let Some(answer) = private_description(ctx)? else {
        return Ok(Outcome::NotApplicable("no other private data".to_owned()));
    };
    match text_at(&ctx.data, "sources.other_private_data.description") {
        Some(text) => {
            ensure(plain(&answer) == norm(&text), || {
                format!("2.2.2.d holds more than its description: {answer:?}")
            })?;
            Ok(Outcome::Met)
        }
        None => gap(ctx, "the description of private datasets", &answer),
    }
}

fn f2_2_2_d_3_modality(ctx: &Ctx) -> Verdict {
    let Some(answer) = private_description(ctx)? else {
        return Ok(Outcome::NotApplicable("no other private data".to_owned()));
    };
    if text_at(&ctx.data, "sources.other_private_data.description").is_none() {
        return gap(ctx, "the description of private datasets", &answer);
    }
    described_modality(ctx, "2.2.2.d", &answer, "2.2.2.b")
}

// ---------------------------------------------------------------------------------------------
// 2.3: crawlers and domains

fn crawled_used(ctx: &Ctx) -> Option<bool> {
    bool_at(&ctx.data, "sources.crawled_data.used")
}

fn crawlers(ctx: &Ctx) -> Option<&[Value]> {
    list_at(&ctx.data, "sources.crawled_data.crawlers")
}

/// The crawler fields 2.3.b, 2.3.c and 2.3.e: `Err` with the outcome when there is nothing
/// per crawler to check (section No, no crawler listed, list unanswered).
fn crawler_field<'a>(
    ctx: &'a Ctx,
    id: &str,
) -> Result<Result<(String, &'a [Value]), Verdict>, String> {
    let answer = field(&ctx.md, id)?;
    if crawled_used(ctx) == Some(false) {
        return Ok(Err(not_applicable(id, &answer, NA)));
    }
    match crawlers(ctx) {
        Some([]) => Ok(Err(if id == "2.3.b" {
            ensure(answer == "None listed.", || {
                format!("2.3.b reads {answer:?}")
            })
            .map(|()| Outcome::NotApplicable("no crawler listed".to_owned()))
        } else {
            gap(ctx, &format!("{id} for no crawler"), &answer)
        })),
        Some(list) => Ok(Ok((answer, list))),
        None => Ok(Err(gap(ctx, "the crawlers", &answer))),
    }
}

/// Splits a per-crawler answer into the crawlers' entries, by their names in order.
fn entries_by_name(
    id: &str,
    answer: &str,
    list: &[Value],
    separator: &str,
) -> Result<Vec<String>, String> {
    let names: Vec<String> = list
        .iter()
        .map(|k| norm(&text_at(k, "name").unwrap_or_default()))
        .collect();
    entries_by(id, answer, &names, separator)
}

/// Splits an answer into entries that start with the given names, in order.
fn entries_by(
    id: &str,
    answer: &str,
    names: &[String],
    separator: &str,
) -> Result<Vec<String>, String> {
    let shown = plain(answer);
    let mut starts = Vec::new();
    let mut from = 0;
    for (index, name) in names.iter().enumerate() {
        let needle = if index == 0 {
            name.clone()
        } else {
            format!("{separator}{name}")
        };
        let found = shown[from..]
            .find(&needle)
            .ok_or_else(|| format!("{id}: no entry for crawler {name:?} (in order): {shown:?}"))?;
        let start = from + found + if index == 0 { 0 } else { separator.len() };
        ensure(index > 0 || start == 0, || {
            format!("{id} does not start with its first crawler: {shown:?}")
        })?;
        starts.push(start);
        from = start + name.len();
    }
    Ok(starts
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let end = starts
                .get(i + 1)
                .map_or(shown.len(), |next| next - separator.len());
            shown[*s..end].to_owned()
        })
        .collect())
}

const OPERATOR_LABELS: [(&str, &str); 2] = [
    ("provider", "The provider itself"),
    ("third_party", "A third party on the provider's behalf"),
];

fn crawler_identifiers(k: &Value) -> Vec<String> {
    let mut values = item_values(k, &["name", "user_agent", "url"]);
    if let Some(op) = text_at(k, "operated_by") {
        values.extend(
            OPERATOR_LABELS
                .iter()
                .filter(|(v, _)| *v == op)
                .map(|(_, l)| (*l).to_owned()),
        );
    }
    values
}

fn f2_3_b_1_identifiers_only(ctx: &Ctx) -> Verdict {
    let (answer, list) = match crawler_field(ctx, "2.3.b")? {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let values: Vec<String> = list.iter().flat_map(crawler_identifiers).collect();
    only_typed(
        "2.3.b",
        &answer,
        &values,
        &[
            "user agent",
            "a group of crawlers",
            "described at",
            "operator",
        ],
    )?;
    // The identifiers read exactly as given, in the HTML too (a user-agent token is matched
    // character by character).
    let html = html_row(&ctx.html, "2.3.b")?;
    for k in list {
        for key in ["name", "user_agent"] {
            if let Some(value) = text_at(k, key) {
                ensure(html.contains(&norm(&value)), || {
                    format!("the HTML shows the crawler's {key} otherwise than {value:?}: {html:?}")
                })?;
            }
        }
    }
    Ok(Outcome::Met)
}

fn f2_3_b_5_structured(ctx: &Ctx) -> Verdict {
    let (answer, list) = match crawler_field(ctx, "2.3.b")? {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let entries = entries_by_name("2.3.b", &answer, list, "; ")?;
    for (entry, k) in entries.iter().zip(list) {
        for value in crawler_identifiers(k) {
            ensure(entry.contains(&norm(&value)), || {
                format!("2.3.b: {value:?} is not in its crawler's entry {entry:?}")
            })?;
        }
    }
    Ok(Outcome::Met)
}

/// The purposes of a crawler as the dossier lists them.
fn purposes(k: &Value) -> Option<Vec<String>> {
    list_at(k, "purposes").map(strings)
}

fn f2_3_c_1_purposes(ctx: &Ctx) -> Verdict {
    let (answer, list) = match crawler_field(ctx, "2.3.c")? {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let all: Vec<String> = list.iter().filter_map(purposes).flatten().collect();
    if all.is_empty() {
        return gap(ctx, "the crawlers' purposes", &answer);
    }
    for purpose in &all {
        ensure(plain(&answer).contains(&norm(purpose)), || {
            format!("2.3.c lacks the purpose {purpose:?}")
        })?;
    }
    Ok(Outcome::Met)
}

fn f2_3_c_2_purpose_each(ctx: &Ctx) -> Verdict {
    let (answer, list) = match crawler_field(ctx, "2.3.c")? {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let entries = entries_by_name("2.3.c", &answer, list, "; ")?;
    let mut outcome = Outcome::Met;
    for (entry, k) in entries.iter().zip(list) {
        let name = norm(&text_at(k, "name").unwrap_or_default());
        match purposes(k) {
            Some(p) if !p.is_empty() => {
                let expected = format!(
                    "{name}: {}",
                    p.iter().map(|x| norm(x)).collect::<Vec<_>>().join("; ")
                );
                ensure(*entry == expected, || {
                    format!("2.3.c entry {entry:?} is not {expected:?}")
                })?;
            }
            _ => outcome = gap(ctx, &format!("the purpose of {name}"), &answer)?,
        }
    }
    Ok(outcome)
}

fn f2_3_c_4_purposes_only(ctx: &Ctx) -> Verdict {
    let (answer, list) = match crawler_field(ctx, "2.3.c")? {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let values: Vec<String> = list
        .iter()
        .flat_map(|k| {
            let mut v = item_values(k, &["name"]);
            v.extend(purposes(k).unwrap_or_default());
            v
        })
        .collect();
    only_typed("2.3.c", &answer, &values, &["None"])?;
    Ok(Outcome::Met)
}

fn f2_3_d_1_behaviour(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "2.3.d")?;
    if crawled_used(ctx) == Some(false) {
        return not_applicable("2.3.d", &answer, NA);
    }
    let robots = row(
        &answer,
        "robots.txt: read and followed as RFC 9309 specifies",
    )?;
    let expected = bool_at(&ctx.copyright, "rights_reservations.robots_txt_rfc9309");
    ensure(yes_no(&robots)? == expected, || {
        format!("2.3.d's robots.txt answer {robots:?} is not the dossier's")
    })?;
    let mut given = 0;
    for (label, key) in [
        ("CAPTCHAs", "captchas"),
        ("Paywalls", "paywalls"),
        ("Login and password walls", "login_walls"),
        ("Other", "other"),
    ] {
        let shown = row(&answer, label)?;
        match text_at(&ctx.data, &format!("sources.crawled_data.behaviour.{key}")) {
            Some(text) => {
                ensure(plain(&shown) == norm(&text), || {
                    format!("2.3.d {label} shows {shown:?}")
                })?;
                given += 1;
            }
            None => ensure(says_gap(&shown), || {
                format!("2.3.d {label} is silent: {shown:?}")
            })?,
        }
    }
    let description = text_at(&ctx.copyright, "rights_reservations.robots_txt_description");
    let line = answer
        .split_once("How robots.txt is applied: ")
        .map(|(_, rest)| rest.split("\n\n").next().unwrap_or(""))
        .ok_or_else(|| "2.3.d does not say how robots.txt is applied".to_owned())?;
    match description {
        Some(text) => ensure(plain(line) == norm(&text), || {
            format!("robots.txt applied: {line:?}")
        })?,
        None => return gap(ctx, "how robots.txt is applied", line),
    }
    if expected.is_none() || given == 0 {
        return gap(ctx, "the crawler behaviour", &answer);
    }
    Ok(Outcome::Met)
}

/// Each crawler's (name, period shown, dossier entry).
type Periods<'a> = Vec<(String, String, &'a Value)>;

/// 2.3.e's entries, one per crawler in order.
fn periods(ctx: &Ctx) -> Result<Result<Periods<'_>, Verdict>, String> {
    let (answer, list) = match crawler_field(ctx, "2.3.e")? {
        Ok(found) => found,
        Err(outcome) => return Ok(Err(outcome)),
    };
    let entries = entries_by_name("2.3.e", &answer, list, "; ")?;
    entries
        .into_iter()
        .zip(list)
        .map(|(entry, k)| {
            let name = norm(&text_at(k, "name").unwrap_or_default());
            let period = entry
                .strip_prefix(&format!("{name}: "))
                .ok_or_else(|| format!("2.3.e entry {entry:?} does not name its crawler"))?;
            Ok((name, period.to_owned(), k))
        })
        .collect::<Result<Vec<_>, String>>()
        .map(Ok)
}

fn f2_3_e_1_period(ctx: &Ctx) -> Verdict {
    let entries = match periods(ctx)? {
        Ok(e) => e,
        Err(outcome) => return outcome,
    };
    let mut outcome = Outcome::Met;
    for (name, period, k) in entries {
        match period_text(at(k, "period")) {
            Some(expected) => ensure(period.replace('*', "") == expected, || {
                format!("{name}: period {period:?}, expected {expected:?}")
            })?,
            None => outcome = gap(ctx, &format!("the period of {name}"), &period)?,
        }
    }
    Ok(outcome)
}

fn f2_3_e_2_per_crawler(ctx: &Ctx) -> Verdict {
    let entries = match periods(ctx)? {
        Ok(e) => e,
        Err(outcome) => return outcome,
    };
    let mut outcome = Outcome::Met;
    for (name, period, _) in entries {
        ensure(!period.is_empty(), || {
            format!("2.3.e gives {name} no period")
        })?;
        if says_gap(&period) {
            outcome = gap(ctx, &format!("the period of {name}"), &period)?;
        }
    }
    Ok(outcome)
}

fn crawl_periods(ctx: &Ctx, months: bool) -> Verdict {
    let entries = match periods(ctx)? {
        Ok(e) => e,
        Err(outcome) => return outcome,
    };
    let mut outcome = Outcome::Met;
    for (name, period, _) in entries {
        if says_gap(&period) {
            outcome = gap(ctx, &format!("the period of {name}"), &period)?;
            continue;
        }
        ensure(
            exact_period(&format!("2.3.e {name}"), &period, months)?,
            || format!("2.3.e: the period of {name} is not known, not dated: {period:?}"),
        )?;
    }
    Ok(outcome)
}

fn f2_3_e_3_exact(ctx: &Ctx) -> Verdict {
    crawl_periods(ctx, false)
}

fn f2_3_e_4_month_format(ctx: &Ctx) -> Verdict {
    crawl_periods(ctx, true)
}

/// The domain names the summary should list: the dossier's or its domains file's.
fn listed_domains(ctx: &Ctx) -> Option<Vec<String>> {
    let top = "sources.crawled_data.top_domains";
    if let Some(list) = list_at(&ctx.data, &format!("{top}.domains")) {
        return Some(strings(list));
    }
    let file = text_at(&ctx.data, &format!("{top}.domains_file"))?;
    let text = std::fs::read_to_string(ctx.source.join(file)).ok()?;
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect(),
    )
}

/// 2.3.h: `Ok(Ok(domains))` when domain names are listed, `Ok(Err(outcome))` otherwise.
fn domains_field(ctx: &Ctx, id: &str) -> Result<Result<(String, Vec<String>), Verdict>, String> {
    let answer = field(&ctx.md, "2.3.h")?;
    if crawled_used(ctx) == Some(false) {
        return Ok(Err(not_applicable(id, &answer, NA)));
    }
    match listed_domains(ctx) {
        Some(domains) if !domains.is_empty() => Ok(Ok((answer, domains))),
        Some(_) => Ok(Err(ensure(answer == "No domain names are listed.", || {
            format!("2.3.h reads {answer:?}")
        })
        .map(|()| Outcome::NotApplicable("no domain listed".to_owned())))),
        None => match text_at(
            &ctx.data,
            "sources.crawled_data.top_domains.narrative.description",
        ) {
            Some(text) => Ok(Err(ensure(
                plain(&answer).starts_with(&norm(&text)),
                || format!("2.3.h reads {answer:?}"),
            )
            .map(|()| {
                Outcome::NotApplicable("domains described, not listed".to_owned())
            }))),
            None => Ok(Err(gap(ctx, "the domain names", &answer))),
        },
    }
}

fn annex(md: &str) -> Result<Vec<Vec<String>>, String> {
    let text = section(md, "Annex: most relevant domain names crawled")?;
    ensure(text.contains("| Rank | Domain name |"), || {
        "the annex is not a table of ranked domains".to_owned()
    })?;
    Ok(table_rows(&text))
}

fn f2_3_h_3_domains_inside(ctx: &Ctx) -> Verdict {
    let (answer, domains) = match domains_field(ctx, "2.3.h")? {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    ensure(
        answer.starts_with(&format!("{} domain names", domains.len()))
            && answer.contains("The list is in the annex at the end of this summary."),
        || format!("2.3.h does not point to the list in this document: {answer:?}"),
    )?;
    let shown: Vec<String> = annex(&ctx.md)?
        .into_iter()
        .filter_map(|r| r.get(1).map(|d| plain(d)))
        .collect();
    ensure(shown == domains, || {
        "the annex does not hold the domain list".to_owned()
    })?;
    for domain in &domains {
        ensure(ctx.html.contains(&format!("<td>{domain}</td>")), || {
            format!("the HTML lacks {domain}")
        })?;
        if let Some(pdf) = &ctx.pdf {
            ensure(pdf.text.contains(domain.as_str()), || {
                format!("the PDF lacks {domain}")
            })?;
        }
    }
    Ok(Outcome::Met)
}

fn f2_3_h_4_domains_readable(ctx: &Ctx) -> Verdict {
    let (_, domains) = match domains_field(ctx, "2.3.h")? {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let rows = annex(&ctx.md)?;
    let host = Regex::new(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$").unwrap();
    ensure(rows.len() == domains.len(), || {
        format!("{} rows for {} domains", rows.len(), domains.len())
    })?;
    for (index, (r, domain)) in rows.iter().zip(&domains).enumerate() {
        ensure(r.len() == 2 && r[0] == (index + 1).to_string(), || {
            format!("annex row {r:?} is not rank {}", index + 1)
        })?;
        let shown = plain(&r[1]);
        ensure(shown == *domain && host.is_match(&shown), || {
            format!("annex row {index}: {shown:?} is not one domain name ({domain})")
        })?;
    }
    Ok(Outcome::Met)
}

// ---------------------------------------------------------------------------------------------
// 2.4 to 2.6

fn services(ctx: &Ctx) -> Result<Result<(String, &[Value]), Verdict>, String> {
    let answer = field(&ctx.md, "2.4.c")?;
    if user_data_used(ctx) == Some(false) {
        return Ok(Err(not_applicable("2.4.c", &answer, NA_USERS)));
    }
    match list_at(&ctx.data, "sources.user_data.services") {
        Some(list) if !list.is_empty() => Ok(Ok((answer, list))),
        _ => Ok(Err(gap(ctx, "the services", &answer))),
    }
}

fn f2_4_c_1_services_only(ctx: &Ctx) -> Verdict {
    let (answer, list) = match services(ctx)? {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let values: Vec<String> = list
        .iter()
        .flat_map(|s| item_values(s, &["name", "description", "url"]))
        .collect();
    only_typed("2.4.c", &answer, &values, &[])?;
    Ok(Outcome::Met)
}

fn f2_4_c_4_services_listed(ctx: &Ctx) -> Verdict {
    let (answer, list) = match services(ctx)? {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    let entries = entries_by_name("2.4.c", &answer, list, "; ")?;
    for (entry, s) in entries.iter().zip(list) {
        for value in item_values(s, &["name", "description", "url"]) {
            ensure(entry.contains(&norm(&value)), || {
                format!("2.4.c: {value:?} is not in its service's entry")
            })?;
        }
    }
    Ok(Outcome::Met)
}

fn synthetic_used(ctx: &Ctx) -> Option<bool> {
    bool_at(&ctx.data, "sources.synthetic_data.used")
}

const GENERATOR_KEYS: [&str; 7] = [
    "name",
    "category",
    "version",
    "provider",
    "url",
    "summary_url",
    "summary_unavailable",
];
const GENERATOR_WORDING: [&str; 6] = [
    "by",
    "¶",
    "summary of its training content unavailable",
    "summary of its training content",
    "*Name not provided.*",
    "None",
];

fn f2_5_c_1_generators(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "2.5.c")?;
    if synthetic_used(ctx) == Some(false) {
        return not_applicable("2.5.c", &answer, NA);
    }
    match list_at(&ctx.data, "sources.synthetic_data.generators_on_market") {
        Some([]) => {
            ensure(answer == "None.", || format!("2.5.c reads {answer:?}"))?;
            Ok(Outcome::Met)
        }
        Some(list) => {
            let mut names = Vec::new();
            for g in list {
                let name = text_at(g, "name").or_else(|| text_at(g, "category"));
                let Some(name) = name else {
                    return gap(ctx, "a generator's name", &answer);
                };
                names.push(norm(&name));
            }
            // One entry per generator, each opening with its name.
            // Entries end in sentences, so the template separates them with a pilcrow.
            entries_by("2.5.c", &answer, &names, " ¶ ")?;
            Ok(Outcome::Met)
        }
        None => gap(ctx, "the generator models", &answer),
    }
}

fn f2_5_c_5_generators_only(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "2.5.c")?;
    if synthetic_used(ctx) == Some(false) {
        return not_applicable("2.5.c", &answer, NA);
    }
    let Some(list) = list_at(&ctx.data, "sources.synthetic_data.generators_on_market") else {
        return gap(ctx, "the generator models", &answer);
    };
    let values: Vec<String> = list
        .iter()
        .flat_map(|g| item_values(g, &GENERATOR_KEYS))
        .collect();
    only_typed("2.5.c", &answer, &values, &GENERATOR_WORDING)?;
    for g in list {
        if let Some(description) = text_at(g, "description") {
            ensure(!plain(&answer).contains(&norm(&description)), || {
                "2.5.c holds what a generator made (that is 2.5.e's)".to_owned()
            })?;
        }
    }
    Ok(Outcome::Met)
}

fn f2_5_d_2_other_only(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "2.5.d")?;
    if synthetic_used(ctx) == Some(false) {
        return not_applicable("2.5.d", &answer, NA);
    }
    match list_at(&ctx.data, "sources.synthetic_data.other_generators") {
        Some([]) => {
            ensure(answer == "None.", || format!("2.5.d reads {answer:?}"))?;
            Ok(Outcome::Met)
        }
        Some(list) => {
            let bullets: Vec<&str> = answer.lines().filter(|l| !l.trim().is_empty()).collect();
            ensure(
                bullets.len() == list.len() && bullets.iter().all(|b| b.starts_with("- ")),
                || format!("2.5.d is not one item per generator: {answer:?}"),
            )?;
            for (bullet, g) in bullets.iter().zip(list) {
                let mut keys = GENERATOR_KEYS.to_vec();
                keys.push("description");
                only_typed("2.5.d", bullet, &item_values(g, &keys), &GENERATOR_WORDING)?;
            }
            Ok(Outcome::Met)
        }
        None => gap(ctx, "the other generator models", &answer),
    }
}

fn f2_6_b_4_readable(ctx: &Ctx) -> Verdict {
    let answer = field(&ctx.md, "2.6.b")?;
    if bool_at(&ctx.data, "sources.other_sources.used") == Some(false) {
        return not_applicable("2.6.b", &answer, NA);
    }
    let Some(text) = text_at(&ctx.data, "sources.other_sources.description") else {
        return gap(ctx, "the narrative of other sources", &answer);
    };
    ensure(plain(&answer) == norm(&text), || {
        format!("2.6.b is not the dossier's narrative: {answer:?}")
    })?;
    // In the HTML: the narrative's paragraphs stay paragraphs and its list stays a list.
    let start = ctx
        .html
        .find("<strong>2.6.b ")
        .ok_or_else(|| "no 2.6.b in the HTML".to_owned())?;
    let rest = &ctx.html[start..];
    let rest = &rest[rest.find("</p>").map_or(0, |p| p + 4)..];
    let end = rest
        .find("<p><strong>")
        .or_else(|| rest.find("<h"))
        .unwrap_or(rest.len());
    let html = &rest[..end];
    ensure(
        html.trim_start().starts_with("<p>") || html.trim_start().starts_with("<ul>"),
        || format!("2.6.b is not rendered as text: {html:?}"),
    )?;
    let list_lines = text
        .lines()
        .filter(|l| l.trim_start().starts_with("- "))
        .count();
    let items = html.matches("<li>").count();
    ensure(items >= list_lines, || {
        format!(
            "2.6.b's narrative is written as a list of {list_lines} items, but the HTML runs them into one paragraph ({items} list items): {:?}",
            html_text(html)
        )
    })?;
    let paragraphs = text.split("\n\n").filter(|p| !p.trim().is_empty()).count();
    ensure(
        html.matches("<p>").count() + usize::from(items > 0) >= paragraphs,
        || format!("2.6.b's {paragraphs} paragraphs are merged in the HTML"),
    )?;
    Ok(Outcome::Met)
}

// ---------------------------------------------------------------------------------------------
// Consistency (G/J): one name for one thing, in every section and every document of the build

/// A yes/no row of the technical documentation's provenance table.
fn provenance(ctx: &Ctx, label: &str) -> Result<Option<bool>, String> {
    yes_no(&row(&ctx.others["technical-documentation"], label)?)
}

/// The modalities ticked in 1.3.a (`other` included).
fn overview_ticks(ctx: &Ctx) -> Result<BTreeSet<String>, String> {
    Ok(modality_rows(&ctx.md)?
        .into_iter()
        .filter(|r| r.ticked == Some(true))
        .map(|r| r.name.to_ascii_lowercase())
        .collect())
}

/// A section's modality ticks are among the ones 1.3.a ticks.
fn within_overview(ctx: &Ctx, id: &str, answer: &str) -> Result<(), String> {
    if answer.trim() == NA || answer.trim() == NA_USERS {
        return Ok(());
    }
    if let Some(ticks) = modality_ticks(answer)? {
        let overview = overview_ticks(ctx)?;
        ensure(ticks.is_subset(&overview), || {
            format!("{id} ticks {ticks:?}, but 1.3.a ticks only {overview:?}")
        })?;
    }
    Ok(())
}

/// The summary's yes/no answer agrees with the technical documentation's.
fn same_answer(ctx: &Ctx, id: &str, label: &str) -> Result<Option<bool>, String> {
    let here = yes_no(&field(&ctx.md, id)?)?;
    let there = provenance(ctx, label)?;
    ensure(here == there, || {
        format!("{id} answers {here:?}, the technical documentation {there:?} ({label})")
    })?;
    Ok(here)
}

/// When a section is answered No, every listed field says it does not apply.
fn all_not_applicable(ctx: &Ctx, ids: &[&str], sentence: &str) -> Result<(), String> {
    for id in ids {
        let answer = field(&ctx.md, id)?;
        ensure(answer == sentence, || {
            format!("the section is No, but {id} reads {answer:?}")
        })?;
    }
    Ok(())
}

fn f1_1_consistent(ctx: &Ctx) -> Verdict {
    // One model designation, one provider name.
    let model = title_model(&ctx.md)?;
    ensure(plain(&meta(&ctx.md, "Model")?) == model, || {
        "the Model row is not the title's model".to_owned()
    })?;
    let title = Regex::new(r"<title>[^<]*– ([^<]+)</title>").unwrap();
    let html_model = title.captures(&ctx.html).map(|c| html_text(&c[1]));
    ensure(html_model.as_deref() == Some(model.as_str()), || {
        format!("the HTML title names {html_model:?}")
    })?;
    let provider = plain(&meta(&ctx.md, "Provider")?);
    ensure(
        plain(&field(&ctx.md, "1.1.a")?).starts_with(&provider),
        || "1.1.a names another provider".to_owned(),
    )?;
    let policy = ctx.others["copyright-policy"]
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    ensure(
        policy.strip_prefix("# Copyright policy of ").map(plain) == Some(provider.clone()),
        || format!("the copyright policy is {policy:?}, the summary's provider {provider:?}"),
    )?;
    // Every modality a source section ticks is one Section 1 ticks.
    for id in ["2.1.b", "2.2.1.b", "2.2.2.b", "2.3.g", "2.4.d", "2.5.b"] {
        within_overview(ctx, id, &field(&ctx.md, id)?)?;
    }
    within_overview(
        ctx,
        "2.6",
        &row(&section(&ctx.md, "2.6.")?, "Modality(ies)")?,
    )?;
    // The latest collection date is not before any collection period's end.
    let latest = year_month(&plain(&field(&ctx.md, "1.3.d")?));
    let mut ends = Vec::new();
    if let Some((_, period)) = other_public(ctx)? {
        ends.push(("2.1.d".to_owned(), period));
    }
    if let Ok(Ok(entries)) = periods(ctx) {
        ends.extend(
            entries
                .into_iter()
                .map(|(name, p, _)| (format!("2.3.e {name}"), p)),
        );
    }
    if let Some(latest) = latest {
        for (what, period) in ends {
            if let Some((_, to)) = plain(&period).split_once(" to ")
                && let Some(end) = year_month(to)
            {
                ensure(end <= latest, || {
                    format!("{what} ends {to}, after the latest collection date (1.3.d)")
                })?;
            }
        }
    }
    // The technical documentation says the same of the data.
    let tech = &ctx.others["technical-documentation"];
    let date = row(tech, "Latest date of data collection")?;
    ensure(plain(&date) == plain(&field(&ctx.md, "1.3.d")?), || {
        format!("the technical documentation's latest collection is {date:?}")
    })?;
    // Both name the languages with the same filter: the same text, gap included.
    let theirs = row(tech, "Languages")?;
    let ours = languages_row(&ctx.md)?;
    ensure(plain(&theirs) == plain(&ours), || {
        format!("languages {theirs:?} there, {ours:?} here")
    })?;
    let rows = modality_rows(&ctx.md)?;
    for name in ["Text", "Image", "Audio", "Video"] {
        let theirs = tech
            .lines()
            .map(table_cells)
            .find(|c| c.len() == 4 && c[0] == name)
            .ok_or_else(|| format!("the technical documentation has no {name} row"))?;
        let ours = row_for(&rows, name)?.ticked;
        ensure(yes_no(&theirs[1])? == ours, || {
            format!("{name}: used {:?} there, ticked {ours:?} here", theirs[1])
        })?;
    }
    Ok(Outcome::Met)
}

/// The names of the large public datasets in the technical documentation: each an italic line
/// (`*NAME*`) above its table, under "1.2(c) Large publicly available datasets".
fn tech_datasets(tech: &str) -> Result<Vec<String>, String> {
    let start = tech
        .find("**1.2(c) Large publicly available datasets**\n")
        .ok_or_else(|| "the technical documentation lists no public dataset".to_owned())?;
    Ok(tech[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("**") && !l.starts_with('#'))
        .filter_map(|l| {
            l.trim()
                .strip_prefix('*')
                .and_then(|l| l.strip_suffix('*'))
                .filter(|name| !name.is_empty() && *name != "Not provided.")
                .map(plain)
        })
        .collect())
}

fn f2_1_1_consistent(ctx: &Ctx) -> Verdict {
    let used = same_answer(ctx, "2.1.a", "Publicly available datasets")?;
    if used == Some(false) {
        all_not_applicable(ctx, &["2.1.b", "2.1.c", "2.1.d"], NA)?;
        return Ok(Outcome::Met);
    }
    within_overview(ctx, "2.1.b", &field(&ctx.md, "2.1.b")?)?;
    let Some(datasets) =
        list_at(&ctx.data, "sources.public_datasets.large_datasets").filter(|d| !d.is_empty())
    else {
        return Ok(Outcome::Met);
    };
    let ours = table_rows(&field(&ctx.md, "2.1.c")?);
    let theirs = tech_datasets(&ctx.others["technical-documentation"])?;
    ensure(
        ours.len() == datasets.len() && theirs.len() == datasets.len(),
        || {
            format!(
                "{} datasets here, {} there, {} in the dossier",
                ours.len(),
                theirs.len(),
                datasets.len()
            )
        },
    )?;
    let ticks = modality_ticks(&field(&ctx.md, "2.1.b")?)?.unwrap_or_default();
    for ((here, there), d) in ours.iter().zip(&theirs).zip(datasets) {
        let name = norm(&text_at(d, "name").unwrap_or_default());
        ensure(plain(&here[0]).starts_with(&name) && *there == name, || {
            format!(
                "the dataset {name:?} is {:?} here and {there:?} there",
                here[0]
            )
        })?;
        let modality = MODALITY_LABELS
            .iter()
            .find(|(_, l)| plain(&here[3]) == *l)
            .map(|(v, _)| (*v).to_owned());
        ensure(modality.as_ref().is_some_and(|m| ticks.contains(m)), || {
            format!("{name} is {:?}, which 2.1.b does not tick", here[3])
        })?;
    }
    Ok(Outcome::Met)
}

fn f2_2_1_consistent(ctx: &Ctx) -> Verdict {
    if same_answer(ctx, "2.2.1.a", "Commercially licensed data")? == Some(false) {
        all_not_applicable(ctx, &["2.2.1.b"], NA)?;
    }
    if same_answer(ctx, "2.2.2.a", "Other private data from third parties")? == Some(false) {
        all_not_applicable(ctx, &["2.2.2.b", "2.2.2.c", "2.2.2.d"], NA)?;
    }
    for id in ["2.2.1.b", "2.2.2.b"] {
        within_overview(ctx, id, &field(&ctx.md, id)?)?;
    }
    Ok(Outcome::Met)
}

fn f2_3_1_consistent(ctx: &Ctx) -> Verdict {
    if same_answer(ctx, "2.3.a", "Data crawled by or on behalf of the provider")? == Some(false) {
        all_not_applicable(
            ctx,
            &[
                "2.3.b", "2.3.c", "2.3.d", "2.3.e", "2.3.f", "2.3.g", "2.3.h",
            ],
            NA,
        )?;
        return Ok(Outcome::Met);
    }
    within_overview(ctx, "2.3.g", &field(&ctx.md, "2.3.g")?)?;
    let Some(list) = crawlers(ctx).filter(|l| !l.is_empty()) else {
        return Ok(Outcome::Met);
    };
    // One name per crawler in 2.3.b, 2.3.c and 2.3.e (entries_by_name finds them in order) …
    for id in ["2.3.b", "2.3.c", "2.3.e"] {
        entries_by_name(id, &field(&ctx.md, id)?, list, "; ")?;
    }
    let names: Vec<String> = list
        .iter()
        .map(|k| norm(&text_at(k, "name").unwrap_or_default()))
        .collect();
    // … and in the technical documentation and the copyright policy.
    let tech = &ctx.others["technical-documentation"];
    let line = tech
        .split_once("**1.2(c) Crawlers**\n")
        .and_then(|(_, rest)| rest.lines().find(|l| !l.trim().is_empty()))
        .ok_or_else(|| "the technical documentation names no crawler".to_owned())?;
    let (listed, pointer) = line
        .split_once(" (described in the public summary of training content, §2.3")
        .ok_or_else(|| {
            format!("the technical documentation's crawlers do not point to §2.3: {line:?}")
        })?;
    let theirs: Vec<String> = listed
        .split(", ")
        .map(|n| plain(n.trim_end_matches(" (a group of crawlers)")))
        .collect();
    ensure(theirs == names, || {
        format!("crawlers {theirs:?} in the technical documentation, {names:?} here")
    })?;
    let canonical = text_at(record(ctx), "canonical_url");
    let expected = canonical.map_or_else(|| ").".to_owned(), |url| format!(": <{url}>)."));
    ensure(pointer == expected, || {
        format!("the technical documentation points to the summary as {pointer:?}")
    })?;
    let policy = &ctx.others["copyright-policy"];
    let table = policy
        .split("**Crawlers used**")
        .nth(1)
        .ok_or_else(|| "the copyright policy lists no crawler".to_owned())?;
    let rows: Vec<Vec<String>> = table_rows(
        table
            .split("\n\n")
            .take(2)
            .collect::<Vec<_>>()
            .join("\n\n")
            .as_str(),
    );
    ensure(rows.len() == list.len(), || {
        format!(
            "{} crawlers in the copyright policy, {} here",
            rows.len(),
            list.len()
        )
    })?;
    for (r, k) in rows.iter().zip(list) {
        let name = norm(&text_at(k, "name").unwrap_or_default());
        ensure(plain(&r[0]) == name, || {
            format!(
                "the copyright policy names {:?}, the summary {name:?}",
                r[0]
            )
        })?;
        if let Some(agent) = text_at(k, "user_agent") {
            ensure(plain(&r[1]) == norm(&agent), || {
                format!("{name}'s user agent differs in the copyright policy")
            })?;
            ensure(
                plain(&field(&ctx.md, "2.3.b")?).contains(&norm(&agent)),
                || format!("2.3.b lacks {name}'s user agent"),
            )?;
        }
    }
    let robots = row(
        &field(&ctx.md, "2.3.d")?,
        "robots.txt: read and followed as RFC 9309 specifies",
    )?;
    let theirs = row(
        policy,
        "Crawlers read and follow robots.txt as specified by RFC 9309",
    )?;
    ensure(yes_no(&robots)? == yes_no(&theirs)?, || {
        "robots.txt is answered otherwise in the copyright policy".to_owned()
    })?;
    if let Ok(Ok((answer, domains))) = domains_field(ctx, "2.3.h") {
        ensure(
            answer.starts_with(&format!("{} domain names", domains.len()))
                && annex(&ctx.md)?.len() == domains.len(),
            || "2.3.h counts otherwise than its annex".to_owned(),
        )?;
    }
    Ok(Outcome::Met)
}

fn f2_4_1_consistent(ctx: &Ctx) -> Verdict {
    let a = yes_no(&field(&ctx.md, "2.4.a")?)?;
    let b = yes_no(&field(&ctx.md, "2.4.b")?)?;
    let here = match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    };
    same_answer(ctx, "2.4.a", "User data from interactions with the model")?;
    same_answer(
        ctx,
        "2.4.b",
        "User data from the provider's other services or products",
    )?;
    if here == Some(false) {
        all_not_applicable(ctx, &["2.4.c", "2.4.d"], NA_USERS)?;
    }
    within_overview(ctx, "2.4.d", &field(&ctx.md, "2.4.d")?)?;
    Ok(Outcome::Met)
}

fn f2_5_1_consistent(ctx: &Ctx) -> Verdict {
    if same_answer(ctx, "2.5.a", "Synthetic data")? == Some(false) {
        all_not_applicable(ctx, &["2.5.b", "2.5.c", "2.5.d"], NA)?;
        return Ok(Outcome::Met);
    }
    within_overview(ctx, "2.5.b", &field(&ctx.md, "2.5.b")?)?;
    // What a generator made (2.5.e) is said of a generator 2.5.c names.
    let listed = plain(&field(&ctx.md, "2.5.c")?);
    let what = Regex::new(r"(?m)^- What (.+?) generated: ").unwrap();
    for c in what.captures_iter(&field(&ctx.md, "2.5.e")?) {
        let name = plain(&c[1]);
        ensure(listed.contains(&name), || {
            format!("2.5.e says what {name:?} generated, but 2.5.c does not name it")
        })?;
    }
    Ok(Outcome::Met)
}

fn f2_6_1_consistent(ctx: &Ctx) -> Verdict {
    let modality = row(&section(&ctx.md, "2.6.")?, "Modality(ies)")?;
    if same_answer(ctx, "2.6.a", "Other sources")? == Some(false) {
        ensure(modality == NA, || {
            format!("2.6 is No, its modality reads {modality:?}")
        })?;
        all_not_applicable(ctx, &["2.6.b"], NA)?;
        return Ok(Outcome::Met);
    }
    within_overview(ctx, "2.6", &modality)?;
    Ok(Outcome::Met)
}

fn f3_1_consistent(ctx: &Ctx) -> Verdict {
    let signatory = yes_no(&field(&ctx.md, "3.1.a")?)?;
    let policy = &ctx.others["copyright-policy"];
    let says = policy.contains("The provider is a signatory of that chapter");
    ensure(says == (signatory == Some(true)), || {
        format!("3.1.a answers {signatory:?}; the copyright policy says signatory: {says}")
    })?;
    let row_says = yes_no(&row(
        policy,
        "Signatory of the copyright chapter of the Code of Practice",
    )?)?;
    ensure(row_says == signatory, || {
        format!("3.1.a answers {signatory:?}; the copyright policy's row {row_says:?}")
    })?;
    // 3.1.b is what the copyright policy gives as the summary's measures.
    let ours = field(&ctx.md, "3.1.b")?;
    let lines: Vec<&str> = policy.lines().collect();
    let heading =
        "**Measures before and during data collection (public summary of training content, §3.1)**";
    let quoted = lines.iter().position(|l| l.trim() == heading);
    match (text_at(&ctx.data, "processing.opt_out_measures"), quoted) {
        (Some(_), Some(at)) => {
            let theirs = block(&lines, at);
            ensure(plain(&ours) == plain(&theirs), || {
                "3.1.b and the copyright policy's §3.1 measures differ".to_owned()
            })?;
        }
        (Some(_), None) => return Err("the copyright policy does not give §3.1".to_owned()),
        (None, None) => {
            ensure(says_gap(&ours), || {
                format!("3.1.b holds {ours:?}, but the dossier gives no measures")
            })?;
        }
        (None, Some(_)) => {
            return Err("the copyright policy gives §3.1 measures the dossier lacks".to_owned());
        }
    }
    // The copyright policy 3.1.c points to is the one the build publishes.
    let comments = field(&ctx.md, "3.1.c")?;
    if let Some(url) = text_at(&ctx.copyright, "policy.url") {
        ensure(
            comments.contains(&format!(
                "The provider's copyright policy is published at <{url}>."
            )),
            || "3.1.c does not point to the copyright policy".to_owned(),
        )?;
        ensure(row(policy, "Full policy")? == format!("<{url}>"), || {
            "the copyright policy is published elsewhere".to_owned()
        })?;
    }
    if let Some(summary) = text_at(&ctx.copyright, "policy.summary") {
        ensure(
            plain(&comments).contains(&norm(&summary)) && plain(policy).contains(&norm(&summary)),
            || "3.1.c and the copyright policy summarise the policy differently".to_owned(),
        )?;
    }
    Ok(Outcome::Met)
}

// ---------------------------------------------------------------------------------------------
// Running the table

/// Every metric on one example: (id, verdict).
fn evaluate(ctx: &Ctx) -> Vec<(&'static str, Verdict)> {
    METRICS.iter().map(|m| (m.id, (m.check)(ctx))).collect()
}

/// Runs every metric on an example, prints the tally and fails with every failure.
fn run_example(example: &str, complete: bool) {
    let out = tempfile::tempdir().unwrap();
    let ctx = load(example, complete, out.path());
    let results = evaluate(&ctx);
    let mut checked = 0;
    let mut gaps = 0;
    let mut not_applicable = Vec::new();
    let mut failures = Vec::new();
    for (metric, (id, verdict)) in METRICS.iter().zip(&results) {
        match verdict {
            Ok(Outcome::Met) => checked += 1,
            Ok(Outcome::Gap) => {
                checked += 1;
                gaps += 1;
            }
            Ok(Outcome::NotApplicable(why)) => not_applicable.push(format!("{id} ({why})")),
            Err(why) => failures.push(format!("{id} [{}]: {why}", metric.what)),
        }
    }
    println!(
        "{example}: {checked} of {} metrics checked{}, {} not applicable{}",
        METRICS.len(),
        if gaps > 0 {
            format!(" ({gaps} of them explicit gaps)")
        } else {
            String::new()
        },
        not_applicable.len(),
        if ctx.pdf.is_none() {
            " (PDF checks skipped: no poppler)"
        } else {
            ""
        },
    );
    for na in &not_applicable {
        println!("  n/a {na}");
    }
    for failure in &failures {
        println!("  FAIL {failure}");
    }
    assert!(
        failures.is_empty(),
        "{example}: {} of {} metrics fail:\n{}",
        failures.len(),
        METRICS.len(),
        failures.join("\n")
    );
}

#[test]
fn the_metric_table_covers_exactly_the_guaranteed_metrics() {
    for (class, expected) in [
        (G, &G_IDS[..]),
        (GStar, &G_STAR_IDS[..]),
        (GJ, &G_J_IDS[..]),
    ] {
        let covered: BTreeSet<&str> = METRICS
            .iter()
            .filter(|m| m.class == class)
            .map(|m| m.id)
            .collect();
        let wanted: BTreeSet<&str> = expected.iter().copied().collect();
        assert_eq!(
            wanted.len(),
            expected.len(),
            "{class:?}: an id is listed twice"
        );
        assert_eq!(
            covered, wanted,
            "{class:?}: the table and summary-quality.md §3.1 differ"
        );
    }
    assert_eq!((G_IDS.len(), G_STAR_IDS.len(), G_J_IDS.len()), (71, 12, 10));
    let ids: BTreeSet<&str> = METRICS.iter().map(|m| m.id).collect();
    assert_eq!(ids.len(), METRICS.len(), "a metric is checked twice");
}

#[test]
fn quality_of_open_weights_eu() {
    run_example("open-weights-eu", true);
}

#[test]
fn quality_of_fine_tune() {
    run_example("fine-tune", true);
}

#[test]
fn quality_of_frontier_non_eu() {
    run_example("frontier-non-eu", true);
}

#[test]
fn quality_of_incomplete() {
    run_example("incomplete", false);
}

#[test]
fn every_example_is_run() {
    let shipped: BTreeSet<String> = std::fs::read_dir(repo().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let run: BTreeSet<String> = EXAMPLES.iter().map(|(e, _)| (*e).to_owned()).collect();
    assert_eq!(shipped, run, "a shipped example has no quality test");
}

// ---------------------------------------------------------------------------------------------
// The checks can fail

/// Every check fails on a summary that says nothing, in a bundle that holds nothing.
#[test]
fn every_check_fails_on_a_hollow_summary() {
    let out = tempfile::tempdir().unwrap();
    for (example, complete) in [("frontier-non-eu", true), ("incomplete", false)] {
        let ctx = load(example, complete, &out.path().join(example));
        let empty = out.path().join(format!("{example}-empty"));
        std::fs::create_dir_all(&empty).unwrap();
        let hollow = Ctx {
            md: String::new(),
            html: String::new(),
            pdf: ctx.pdf.as_ref().map(|_| Pdf::default()),
            others: OTHER_DOCUMENTS
                .iter()
                .map(|s| (*s, String::new()))
                .collect(),
            bundle: empty,
            ..ctx
        };
        let passing: Vec<String> = evaluate(&hollow)
            .into_iter()
            .filter_map(|(id, verdict)| verdict.ok().map(|o| format!("{id}: {o:?}")))
            .collect();
        assert!(
            passing.is_empty(),
            "{example}: checks pass on an empty summary: {passing:#?}"
        );
    }
}

fn check_of(id: &str) -> Check {
    METRICS.iter().find(|m| m.id == id).unwrap().check
}

/// `ctx` with its Markdown edited (`from` must occur).
fn broken(ctx: &Ctx, from: &str, to: &str) -> Ctx {
    assert!(ctx.md.contains(from), "the summary lacks {from:?}");
    Ctx {
        md: ctx.md.replacen(from, to, 1),
        ..ctx.clone()
    }
}

#[test]
fn checks_fail_on_deliberately_broken_markdown() {
    let out = tempfile::tempdir().unwrap();
    let ctx = load("frontier-non-eu", true, out.path());
    for id in [
        "D5", "F2.3.a.1", "F1.3.e.2", "F1.3.d.3", "F2.3.b.1", "D30", "F1.1.b.1", "F2.3.e.2",
        "F2.5.c.1", "F2.3.1", "F1.1.a.3", "F1.3.e.5", "F2.4.1", "F3.1", "D22", "D5",
    ] {
        assert_eq!(
            (check_of(id))(&ctx),
            Ok(Outcome::Met),
            "{id} on the shipped example"
        );
    }
    let cases: [(&str, &str, &str); 19] = [
        // Two fields swapped: template order broken.
        (
            "D5",
            "| 2.3.b Crawler name(s)/identifier(s) |",
            "| 2.3.bx Crawler name(s)/identifier(s) |",
        ),
        // A yes/no question left silent.
        (
            "F2.3.a.1",
            "| 2.3.a Were crawlers used by the provider or on behalf of? | ☒ Yes ☐ No |",
            "| 2.3.a Were crawlers used by the provider or on behalf of? | ☐ Yes ☐ No |",
        ),
        // Languages counted, not named.
        (
            "F1.3.e.2",
            "| 1.3.e Languages | English (en), German (de), French (fr), Italian (it), Portuguese (pt), Spanish (es), Hindi (hi), Thai (th) |",
            "| 1.3.e Languages | 8 languages |",
        ),
        // A collection date in words.
        (
            "F1.3.d.3",
            "| 1.3.d Latest date of data acquisition/collection for model training | 12/2023 |",
            "| 1.3.d Latest date of data acquisition/collection for model training | December 2023 |",
        ),
        (
            "F1.3.d.2",
            "| 1.3.d Latest date of data acquisition/collection for model training | 12/2023 |",
            "| 1.3.d Latest date of data acquisition/collection for model training | end of 2023 |",
        ),
        // A purpose in the crawler-name field.
        (
            "F2.3.b.1",
            "operator: The provider itself |",
            "operator: The provider itself, to collect documentation |",
        ),
        // The last update in another format.
        (
            "D30",
            "| Last update | 2026-08-14 |",
            "| Last update | 14 August 2026 |",
        ),
        // A non-EU provider without its representative.
        (
            "F1.1.b.1",
            "| 1.1.b Authorised representative name and contact details | Noordkade AI Representation B.V.",
            "| 1.1.b Authorised representative name and contact details | *Not provided.*",
        ),
        // A crawler's period without its crawler.
        (
            "F2.3.e.2",
            "| 2.3.e Period of data collection | CrestBot: From 04/2023 to 12/2023 |",
            "| 2.3.e Period of data collection | From 04/2023 to 12/2023 |",
        ),
        // Synthetic data used, generators not named.
        (
            "F2.5.c.1",
            "Mixtral-8x22B-Instruct v0.1 by Mistral AI",
            "a Mistral model",
        ),
        // One crawler, two names.
        (
            "F2.3.1",
            "| 2.3.c Purposes of the crawler(s) | CrestBot:",
            "| 2.3.c Purposes of the crawler(s) | Crestbot:",
        ),
        // The changes of this version dropped.
        (
            "D15",
            "| Changes in this version | Six-month review",
            "| Changes in this version | *Not provided.* Six-month review",
        ),
        // The contact's e-mail address dropped.
        ("F1.1.a.3", "ai-act@bramblecrest.example, ", ""),
        // The block of 1.3.e holding what the dossier does not say.
        (
            "F1.3.e.5",
            "overall training data**\n\n*Not provided.*",
            "overall training data**\n\nMostly English; the model is safe.",
        ),
        // The block of 1.3.e dropped: the template order breaks.
        (
            "D5",
            "**1.3.e Description of the linguistic characteristics",
            "**Description of the linguistic characteristics",
        ),
        // User data answered otherwise than in the technical documentation.
        (
            "F2.4.1",
            "services or products used to train the model? | ☐ Yes ☒ No |",
            "services or products used to train the model? | ☒ Yes ☐ No |",
        ),
        // 3.1.b no longer what the copyright policy gives as its measures.
        (
            "F3.1",
            "Before and during collection, CrestBot followed robots.txt",
            "Before and during collection, CrestBot sometimes followed robots.txt",
        ),
        // A link of the Markdown that the HTML does not have.
        (
            "D22",
            "**3.1.b Describe",
            "<https://unlinked.example/> **3.1.b Describe",
        ),
        // A URL outside a code span is a link the HTML must have.
        (
            "D22",
            "(user agent `CrestBot/1.0 (+https://bramblecrest.example/crestbot)`)",
            "(user agent CrestBot/1.0 (+<https://bramblecrest.example/crestbot-other>))",
        ),
    ];
    for (id, from, to) in cases {
        let verdict = (check_of(id))(&broken(&ctx, from, to));
        assert!(
            verdict.is_err(),
            "{id} passes on broken Markdown ({to:?}): {verdict:?}"
        );
    }
}

/// The checks that read what only the fine-tune example has: dependencies of the whole model
/// for several covered versions, and a list of content types.
#[test]
fn checks_fail_on_a_broken_fine_tune_summary() {
    let out = tempfile::tempdir().unwrap();
    let ctx = load("fine-tune", true, out.path());
    for id in ["F1.2.b.2", "F1.3.c.3"] {
        assert_eq!((check_of(id))(&ctx), Ok(Outcome::Met), "{id} on fine-tune");
    }
    for (id, from, to) in [
        // A dependency without the covered models it applies to.
        (
            "F1.2.b.2",
            "| 1.2.b Model dependencies | Every version listed in 1.2.a: ",
            "| 1.2.b Model dependencies | ",
        ),
        // Two content types run together.
        (
            "F1.3.c.3",
            "(general and educational); Legislation",
            "(general and educational), Legislation",
        ),
    ] {
        let verdict = (check_of(id))(&broken(&ctx, from, to));
        assert!(
            verdict.is_err(),
            "{id} passes on broken Markdown ({to:?}): {verdict:?}"
        );
    }
}

#[test]
fn a_silent_field_fails_even_on_the_incomplete_example() {
    let out = tempfile::tempdir().unwrap();
    let ctx = load("incomplete", false, out.path());
    assert_eq!((check_of("F2.4.a.1"))(&ctx), Ok(Outcome::Gap));
    let silent = broken(
        &ctx,
        "(e.g. user input and prompts) used to train the model? | ☐ Yes ☐ No *Not provided.* |",
        "(e.g. user input and prompts) used to train the model? | ☐ Yes ☐ No |",
    );
    assert!((check_of("F2.4.a.1"))(&silent).is_err());
    assert_eq!((check_of("F1.3.d.1"))(&ctx), Ok(Outcome::Gap));
    let silent = broken(
        &ctx,
        "| 1.3.d Latest date of data acquisition/collection for model training | *Not provided.* |",
        "| 1.3.d Latest date of data acquisition/collection for model training |  |",
    );
    assert!((check_of("F1.3.d.1"))(&silent).is_err());
    // A gap the incomplete example may show is a failure on a complete one.
    let complete = Ctx {
        complete: true,
        ..ctx
    };
    assert!((check_of("F1.3.d.1"))(&complete).is_err());
}
