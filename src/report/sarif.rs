//! SARIF 2.1.0 for code scanning: every rule in `tool.driver.rules` with its citations and
//! help, every finding a result located at the dossier file and line, so that code scanning
//! annotates the YAML. Passing and not-applicable rules are results of kind `pass` and
//! `notApplicable`; waived ones carry an external suppression with the waiver's reason.

use serde_json::{Value, json};

use super::{Report, distinct_rules};
use crate::check::Outcome;
use crate::rules::Severity;

/// Renders the report as SARIF 2.1.0.
pub fn render(report: &Report) -> String {
    let rules: Vec<Value> = distinct_rules(report)
        .into_iter()
        .map(|finding| {
            json!({
                "id": finding.rule,
                "name": finding.title,
                "shortDescription": { "text": finding.title },
                "fullDescription": { "text": finding.rule_message },
                "help": { "text": finding.help },
                "defaultConfiguration": {
                    "level": match finding.severity { Severity::Error => "error", Severity::Warning => "warning" }
                },
                "properties": {
                    "legal_basis": finding.legal_basis,
                    "source": finding.source,
                    "area": finding.area,
                    "unverified": finding.unverified,
                    "tags": finding.legal_basis,
                }
            })
        })
        .collect();
    let index_of = |id: &str| {
        distinct_rules(report)
            .iter()
            .position(|f| f.rule == id)
            .unwrap_or(0)
    };
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| {
            let (kind, level) = match (finding.outcome, finding.severity) {
                (Outcome::Pass, _) => ("pass", "none"),
                (Outcome::NotApplicable, _) => ("notApplicable", "none"),
                (Outcome::Fail | Outcome::Waived, Severity::Error) => ("fail", "error"),
                (Outcome::Fail | Outcome::Waived, Severity::Warning) => ("fail", "warning"),
            };
            let mut text = finding.message.clone();
            for failure in &finding.failures {
                text.push_str(&format!("\n{}: {}", failure.field, failure.detail));
            }
            let mut result = json!({
                "ruleId": finding.rule,
                "ruleIndex": index_of(&finding.rule),
                "kind": kind,
                "level": level,
                "message": { "text": text },
                "properties": {
                    "outcome": finding.outcome,
                    "legal_basis": finding.legal_basis,
                }
            });
            let locations: Vec<Value> = finding
                .failures
                .iter()
                .map(|failure| {
                    let l = &failure.location;
                    json!({
                        "physicalLocation": {
                            "artifactLocation": { "uri": report.artifact(&l.file) },
                            "region": { "startLine": l.line, "startColumn": l.column }
                        },
                        "logicalLocations": [{ "fullyQualifiedName": failure.field, "kind": "member" }]
                    })
                })
                .collect();
            if !locations.is_empty() {
                result["locations"] = Value::Array(locations);
            }
            if let Some(waiver) = &finding.waiver {
                result["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": format!(
                        "{} (approved by {}, expires {})",
                        waiver.reason, waiver.approved_by, waiver.expires
                    ),
                }]);
            }
            result
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "aiact",
                    "version": report.tool.version,
                    "informationUri": "https://github.com/aiact/aiact",
                    "rules": rules,
                }
            },
            "results": results,
            "properties": {
                "rules_digest": report.rules.digest,
                "dossier_digest": report.dossier.digest,
                "as_of": report.as_of,
                "scope": report.scope,
                "summary": report.summary,
            }
        }]
    });
    let mut sarif = sarif;
    if !report.scope.everything {
        // A scoped run is its own category: code scanning keeps one set of alerts per
        // category, so a scoped upload does not close the alerts of a full one.
        let id = format!(
            "aiact/{}/",
            report
                .scope
                .description
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        );
        sarif["runs"][0]["automationDetails"] = json!({ "id": id });
    }
    serde_json::to_string_pretty(&sarif).unwrap_or_default() + "\n"
}
