//! SARIF 2.1.0 for code scanning, in the shape GitHub's `upload-sarif` ingests (the SARIF
//! Multitool's `Gh;Sarif` rules): one result per failing or waived rule, located at the
//! dossier file and line relative to the repository root (`%SRCROOT%`), with a
//! `partialFingerprints` entry so a finding is tracked across runs; waived results carry a
//! suppression with the waiver's reason and approver. Every rule evaluated is described in
//! `tool.driver.rules` with its help as Markdown, a `helpUri`, its citations as tags and a
//! `security-severity` consistent with its level.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{FindingView, Report, distinct_rules};
use crate::check::Outcome;
use crate::rules::Severity;

/// Where the rule files are published: the repository named in `Cargo.toml`.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// GitHub's scale: 7.0 and above is "high", 4.0 to 6.9 "medium".
fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "7.0",
        Severity::Warning => "4.0",
    }
}

/// `DOC-001` and "General description" become `Doc001GeneralDescription`: SARIF wants a
/// Pascal-case friendly name.
fn friendly_name(rule: &str, title: &str) -> String {
    format!("{rule} {title}")
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
            })
        })
        .collect()
}

fn rule_descriptor(finding: &FindingView) -> Value {
    let mut markdown = format!(
        "{}\n\n**Legal basis:** {}",
        finding.help,
        finding.legal_basis.join(", ")
    );
    if finding.unverified {
        markdown
            .push_str("\n\n*The rule rests on a reading not verified against the official text.*");
    }
    let mut tags: Vec<String> = vec!["eu-ai-act".to_owned(), finding.area.clone()];
    tags.extend(finding.legal_basis.iter().cloned());
    json!({
        "id": finding.rule,
        "name": friendly_name(&finding.rule, &finding.title),
        "shortDescription": { "text": finding.title },
        "fullDescription": { "text": finding.rule_message },
        "help": { "text": finding.help, "markdown": markdown },
        "helpUri": format!("{REPOSITORY}/blob/v{}/rules/{}.yaml", crate::version::VERSION, finding.area),
        "defaultConfiguration": { "level": level(finding.severity) },
        "properties": {
            "legal_basis": finding.legal_basis,
            "source": finding.source,
            "area": finding.area,
            "unverified": finding.unverified,
            "tags": tags,
            "security-severity": security_severity(finding.severity),
            "precision": "high",
        }
    })
}

/// A stable identity for a finding across runs: the rule and the field it is about, not the
/// line (which moves when the dossier is edited above it).
fn fingerprint(finding: &FindingView) -> String {
    let mut hasher = Sha256::new();
    hasher.update(finding.rule.as_bytes());
    for failure in &finding.failures {
        hasher.update(b"\n");
        hasher.update(failure.field.as_bytes());
    }
    hex::encode(hasher.finalize())
}

fn artifact_location(report: &Report, file: &str) -> Value {
    let uri = report.artifact(file);
    if uri.starts_with('/') {
        // Outside the workspace: an absolute file URI, which code scanning cannot place but
        // other SARIF viewers can.
        json!({ "uri": format!("file://{uri}") })
    } else {
        json!({ "uri": uri, "uriBaseId": "%SRCROOT%" })
    }
}

/// Renders the report as SARIF 2.1.0.
pub fn render(report: &Report) -> String {
    let described = distinct_rules(report);
    let rules: Vec<Value> = described.iter().map(|f| rule_descriptor(f)).collect();
    let index_of = |id: &str| described.iter().position(|f| f.rule == id).unwrap_or(0);
    let results: Vec<Value> = report
        .findings
        .iter()
        .filter(|f| matches!(f.outcome, Outcome::Fail | Outcome::Waived))
        .map(|finding| {
            let mut text = finding.message.clone();
            for failure in &finding.failures {
                text.push_str(&format!("\n{}: {}", failure.field, failure.detail));
            }
            let mut locations: Vec<Value> = finding
                .failures
                .iter()
                .map(|failure| {
                    let l = &failure.location;
                    json!({
                        "physicalLocation": {
                            "artifactLocation": artifact_location(report, &l.file),
                            "region": { "startLine": l.line, "startColumn": l.column }
                        },
                        "logicalLocations": [{ "fullyQualifiedName": failure.field, "kind": "member" }]
                    })
                })
                .collect();
            if locations.is_empty() {
                // Every result needs a location: the dossier's root file, where the model is
                // named, when the finding names no field.
                locations.push(json!({
                    "physicalLocation": {
                        "artifactLocation": artifact_location(report, "aiact.yaml"),
                        "region": { "startLine": 1, "startColumn": 1 }
                    }
                }));
            }
            let mut result = json!({
                "ruleId": finding.rule,
                "ruleIndex": index_of(&finding.rule),
                "kind": "fail",
                "level": level(finding.severity),
                "message": { "text": text },
                "locations": locations,
                "partialFingerprints": { "aiactFinding/v1": fingerprint(finding) },
                "properties": {
                    "outcome": finding.outcome,
                    "legal_basis": finding.legal_basis,
                }
            });
            if let Some(waiver) = &finding.waiver {
                result["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": format!(
                        "{} (approved by {}, expires {})",
                        waiver.reason, waiver.approved_by, waiver.expires
                    ),
                    "properties": {
                        "approved_by": waiver.approved_by,
                        "approved_on": waiver.approved_on,
                        "expires": waiver.expires,
                    }
                }]);
            }
            result
        })
        .collect();
    let mut sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "aiact",
                    "version": report.tool.version,
                    "semanticVersion": report.tool.version,
                    "informationUri": REPOSITORY,
                    "rules": rules,
                }
            },
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": {
                "rules_digest": report.rules.digest,
                "dossier_digest": report.dossier.digest,
                "as_of": report.as_of,
                "scope": report.scope,
                "summary": report.summary,
            }
        }]
    });
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
