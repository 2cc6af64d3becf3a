//! The human report: findings grouped by area of obligations, each failure with its
//! citation, message, `file:line:column` and help text, then one summary line.

use super::{FindingView, Report, summary_line};
use crate::check::Outcome;
use crate::rules::Severity;

fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    for paragraph in text.split("\n\n") {
        let mut line = String::from(indent);
        for word in paragraph.split_whitespace() {
            if line.len() > indent.len() && line.chars().count() + 1 + word.chars().count() > width
            {
                out.push_str(line.trim_end());
                out.push('\n');
                line = String::from(indent);
            }
            if line.len() > indent.len() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if line.len() > indent.len() {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

fn label(finding: &FindingView) -> &'static str {
    match (finding.outcome, finding.severity) {
        (Outcome::Fail, Severity::Error) => "error",
        (Outcome::Fail, Severity::Warning) => "warning",
        (Outcome::Waived, _) => "waived",
        (Outcome::Pass, _) => "pass",
        (Outcome::NotApplicable, _) => "n/a",
    }
}

/// Renders the report for people. `verbose` lists passing and not-applicable rules too.
pub fn render(report: &Report, verbose: bool) -> String {
    let mut out = format!(
        "aiact check: {} ({})\nrules {} (digest {}), evaluated as of {}\n",
        report.model_label(),
        report
            .classification
            .provider
            .name
            .as_deref()
            .unwrap_or("provider not named"),
        report.rules.count,
        &report.rules.digest[..12.min(report.rules.digest.len())],
        report.as_of
    );
    if !report.scope.everything {
        out.push_str(&format!(
            "scope: {} ({} of {} rules; `build` checks every rule)\n",
            report.scope.description,
            report.scope.rules_in_scope,
            report.scope.rules_in_scope + report.scope.rules_out_of_scope
        ));
    }
    let mut area = "";
    for finding in &report.findings {
        let shown = verbose || matches!(finding.outcome, Outcome::Fail | Outcome::Waived);
        if !shown {
            continue;
        }
        if finding.area != area {
            area = &finding.area;
            out.push_str(&format!("\n{}\n", finding.area_title));
        }
        let basis = if finding.legal_basis.is_empty() {
            String::new()
        } else {
            format!(" [{}]", finding.legal_basis.join(", "))
        };
        out.push_str(&format!(
            "  {:<7} {} {}{}{}\n",
            label(finding),
            finding.rule,
            finding.title,
            basis,
            if finding.unverified {
                " (unverified basis)"
            } else {
                ""
            }
        ));
        match finding.outcome {
            Outcome::Fail => {
                out.push_str(&wrap(&finding.message, "          ", 100));
                for failure in &finding.failures {
                    let l = &failure.location;
                    out.push_str(&format!(
                        "          --> {}:{}:{} {} {}\n",
                        l.file, l.line, l.column, failure.field, failure.detail
                    ));
                }
                for assumption in &finding.assumptions {
                    out.push_str(&format!("          note: {assumption}\n"));
                }
                out.push_str(&wrap(&format!("help: {}", finding.help), "          ", 100));
            }
            Outcome::Waived => {
                if let Some(waiver) = &finding.waiver {
                    out.push_str(&wrap(
                        &format!(
                            "waived until {} by {}: {}",
                            waiver.expires, waiver.approved_by, waiver.reason
                        ),
                        "          ",
                        100,
                    ));
                }
            }
            Outcome::Pass | Outcome::NotApplicable => {
                if finding.outcome == Outcome::NotApplicable {
                    out.push_str(&wrap(&finding.message, "          ", 100));
                }
            }
        }
    }
    out.push_str(&format!("\n{}\n", summary_line(report)));
    out
}
