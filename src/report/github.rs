//! GitHub Actions workflow commands: an annotation per failed or waived rule on the dossier
//! file and line (relative to the workspace), without uploading SARIF, capped at what GitHub
//! shows per step with a notice counting the rest, and a notice with the summary.

use super::{Report, summary_line};
use crate::check::Outcome;
use crate::rules::Severity;

/// Escapes a workflow-command message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub shows at most this many annotations of each level per step and drops the rest
/// silently; aiact emits no more than it shows.
pub const ANNOTATIONS_PER_LEVEL: usize = 10;

/// Renders the report as workflow commands: the errors first, then the warnings, then the
/// waived findings as notices, at most [`ANNOTATIONS_PER_LEVEL`] of each (two notices are
/// kept for the count of what was left out and the summary).
pub fn render(report: &Report) -> String {
    let mut levels: [(&str, Vec<String>, usize); 3] = [
        ("error", Vec::new(), ANNOTATIONS_PER_LEVEL),
        ("warning", Vec::new(), ANNOTATIONS_PER_LEVEL),
        ("notice", Vec::new(), ANNOTATIONS_PER_LEVEL - 2),
    ];
    let mut left_out = [0usize; 3];
    for finding in &report.findings {
        let slot = match (finding.outcome, finding.severity) {
            (Outcome::Fail, Severity::Error) => 0,
            (Outcome::Fail, Severity::Warning) => 1,
            (Outcome::Waived, _) => 2,
            (Outcome::Pass | Outcome::NotApplicable, _) => continue,
        };
        let (command, lines, cap) = &mut levels[slot];
        if lines.len() == *cap {
            left_out[slot] += 1;
            continue;
        }
        lines.push(annotation(report, finding, command));
    }
    let mut out: String = levels
        .iter()
        .flat_map(|(_, lines, _)| lines.iter().map(String::as_str))
        .collect();
    let names = ["error", "warning", "waived finding"];
    let more: Vec<String> = left_out
        .iter()
        .zip(names)
        .filter(|(n, _)| **n > 0)
        .map(|(n, name)| format!("{n} more {name}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    if !more.is_empty() {
        out.push_str(&format!(
            "::notice title=aiact check: more findings::{}\n",
            data(&format!(
                "{} not annotated: GitHub shows {ANNOTATIONS_PER_LEVEL} annotations of each level per step. Every finding is in the step summary, which `aiact check --format github` writes when GITHUB_STEP_SUMMARY is set, and in the output of `aiact check`.",
                more.join(" and ")
            ))
        ));
    }
    out.push_str(&format!(
        "::notice title=aiact check::{}\n",
        data(&summary_line(report))
    ));
    out
}

fn annotation(report: &Report, finding: &super::FindingView, command: &str) -> String {
    let mut message = finding.message.clone();
    for failure in &finding.failures {
        message.push_str(&format!("\n{}: {}", failure.field, failure.detail));
    }
    if !finding.legal_basis.is_empty() {
        message.push_str(&format!(
            "\nLegal basis: {}",
            finding.legal_basis.join(", ")
        ));
    }
    if let Some(waiver) = &finding.waiver {
        message.push_str(&format!(
            "\nWaived until {} by {}: {}",
            waiver.expires, waiver.approved_by, waiver.reason
        ));
    }
    let title = format!(
        "{}{} {}",
        if finding.outcome == Outcome::Waived {
            "waived "
        } else {
            ""
        },
        finding.rule,
        finding.title
    );
    match &finding.location {
        Some(l) => format!(
            "::{command} file={},line={},col={},title={}::{}\n",
            property(&report.artifact(&l.file)),
            l.line,
            l.column,
            property(&title),
            data(&message)
        ),
        None => format!(
            "::{command} title={}::{}\n",
            property(&title),
            data(&message)
        ),
    }
}
