//! GitHub Actions workflow commands: an annotation per failed or waived rule on the dossier
//! file and line, without uploading SARIF, and a notice with the summary.

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

/// Renders the report as workflow commands.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let command = match (finding.outcome, finding.severity) {
            (Outcome::Fail, Severity::Error) => "error",
            (Outcome::Fail, Severity::Warning) => "warning",
            (Outcome::Waived, _) => "notice",
            (Outcome::Pass | Outcome::NotApplicable, _) => continue,
        };
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
            Some(l) => out.push_str(&format!(
                "::{command} file={},line={},col={},title={}::{}\n",
                property(&report.artifact(&l.file)),
                l.line,
                l.column,
                property(&title),
                data(&message)
            )),
            None => out.push_str(&format!(
                "::{command} title={}::{}\n",
                property(&title),
                data(&message)
            )),
        }
    }
    out.push_str(&format!(
        "::notice title=aiact check::{}\n",
        data(&summary_line(report))
    ));
    out
}
