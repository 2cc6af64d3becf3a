//! JUnit XML for GitLab, Jenkins and GitHub test reporters, valid against Jenkins'
//! `junit-10.xsd`: one test suite per area, one test case per rule; failed rules are
//! failures, waived rules are skipped with the waiver's reason and approver, rules that do not
//! apply are skipped with why. Counts per suite add up to the root's.

use super::{Report, summary_line};
use crate::check::Outcome;
use crate::rules::Severity;

/// Escapes text for XML content and attributes.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' && c != '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Renders the report as JUnit XML.
pub fn render(report: &Report) -> String {
    let mut areas: Vec<&str> = Vec::new();
    for finding in &report.findings {
        if !areas.contains(&finding.area.as_str()) {
            areas.push(&finding.area);
        }
    }
    let s = &report.summary;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    // junit-10.xsd allows no `skipped` on <testsuites>; the suites carry it.
    out.push_str(&format!(
        "<testsuites name=\"aiact check: {}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
        xml(&report.model_label()),
        report.findings.len(),
        s.failed,
    ));
    for area in areas {
        let findings: Vec<_> = report.findings.iter().filter(|f| f.area == area).collect();
        let title = findings.first().map_or(area, |f| f.area_title.as_str());
        let failures = findings
            .iter()
            .filter(|f| f.outcome == Outcome::Fail)
            .count();
        let skipped = findings
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Waived | Outcome::NotApplicable))
            .count();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n",
            xml(title),
            findings.len()
        ));
        out.push_str(&format!(
            "    <properties><property name=\"scope\" value=\"{}\"/><property name=\"as_of\" value=\"{}\"/><property name=\"rules_digest\" value=\"{}\"/></properties>\n",
            xml(&report.scope.description),
            report.as_of,
            xml(&report.rules.digest)
        ));
        for finding in findings {
            let at = finding
                .location
                .as_ref()
                .map(|l| {
                    format!(
                        " file=\"{}\" line=\"{}\"",
                        xml(&report.artifact(&l.file)),
                        l.line
                    )
                })
                .unwrap_or_default();
            out.push_str(&format!(
                "    <testcase classname=\"aiact.{}\" name=\"{} {}\"{at}>\n",
                xml(area),
                xml(&finding.rule),
                xml(&finding.title)
            ));
            match finding.outcome {
                Outcome::Fail => {
                    let mut body = format!("{}\n", finding.message);
                    for failure in &finding.failures {
                        let l = &failure.location;
                        body.push_str(&format!(
                            "{}:{}:{} {} {}\n",
                            report.artifact(&l.file),
                            l.line,
                            l.column,
                            failure.field,
                            failure.detail
                        ));
                    }
                    body.push_str(&format!(
                        "legal basis: {}\nhelp: {}\n",
                        finding.legal_basis.join(", "),
                        finding.help
                    ));
                    out.push_str(&format!(
                        "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                        match finding.severity {
                            Severity::Error => "error",
                            Severity::Warning => "warning",
                        },
                        xml(&finding.message),
                        xml(&body)
                    ));
                }
                Outcome::Waived => {
                    let reason = finding
                        .waiver
                        .as_ref()
                        .map(|w| {
                            format!(
                                "waived until {} by {}: {}",
                                w.expires, w.approved_by, w.reason
                            )
                        })
                        .unwrap_or_default();
                    out.push_str(&format!(
                        "      <skipped type=\"waived\" message=\"{}\"/>\n",
                        xml(&reason)
                    ));
                }
                Outcome::NotApplicable => {
                    out.push_str(&format!(
                        "      <skipped type=\"not_applicable\" message=\"{}\"/>\n",
                        xml(&finding.message)
                    ));
                }
                Outcome::Pass => {}
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str(&format!(
        "  <!-- {} -->\n",
        xml(&summary_line(report)).replace("--", "- -")
    ));
    out.push_str("</testsuites>\n");
    out
}
