//! JUnit XML for GitLab and Jenkins test reports: one test suite per area, one test case
//! per applicable rule; failed rules are failures, waived rules are skipped with the waiver's
//! reason. Rules that do not apply are counted in the suite properties, not as test cases.

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
    let applicable = |outcome| outcome != Outcome::NotApplicable;
    let s = &report.summary;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"aiact check: {}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" errors=\"0\">\n",
        xml(&report.model_label()),
        s.total - s.not_applicable,
        s.failed,
        s.waived
    ));
    for area in areas {
        let findings: Vec<_> = report.findings.iter().filter(|f| f.area == area).collect();
        let title = findings.first().map_or(area, |f| f.area_title.as_str());
        let tests = findings.iter().filter(|f| applicable(f.outcome)).count();
        let failures = findings
            .iter()
            .filter(|f| f.outcome == Outcome::Fail)
            .count();
        let skipped = findings
            .iter()
            .filter(|f| f.outcome == Outcome::Waived)
            .count();
        let not_applicable = findings.len() - tests;
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" skipped=\"{skipped}\" errors=\"0\">\n",
            xml(title)
        ));
        out.push_str(&format!(
            "    <properties><property name=\"not_applicable\" value=\"{not_applicable}\"/><property name=\"scope\" value=\"{}\"/></properties>\n",
            xml(&report.scope.description)
        ));
        for finding in findings.into_iter().filter(|f| applicable(f.outcome)) {
            out.push_str(&format!(
                "    <testcase classname=\"aiact.{}\" name=\"{} {}\">\n",
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
                            l.file, l.line, l.column, failure.field, failure.detail
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
                    out.push_str(&format!("      <skipped message=\"{}\"/>\n", xml(&reason)));
                }
                Outcome::Pass | Outcome::NotApplicable => {}
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
