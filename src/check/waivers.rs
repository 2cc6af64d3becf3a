//! Waivers applied to findings: a valid waiver turns the failure it names into `waived`; an
//! expired one, or one that matches no failing finding, is a finding of its own (the rules
//! of [`waiver_rules`]).

use chrono::NaiveDate;

use super::{Failure, Finding, Outcome};
use crate::dossier::model::root::Waiver;
use crate::dossier::path::FieldPath;
use crate::rules::waiver_rules;

/// Applies the waivers of the dossier to the findings, adding a finding for each waiver
/// that has expired or matches nothing.
pub(super) fn apply(findings: &mut Vec<Finding>, waivers: &[Waiver], today: NaiveDate) {
    let [expired_rule, unused_rule] = waiver_rules();
    let mut extra = Vec::new();
    for (index, waiver) in waivers.iter().enumerate() {
        let at = FieldPath::root().key("waivers").index(index);
        let matches = |finding: &Finding| {
            finding.rule.rule.id == waiver.rule
                && finding.outcome == Outcome::Fail
                && waiver.path.as_deref().is_none_or(|prefix| {
                    finding
                        .failures
                        .iter()
                        .any(|f| path_starts_with(&f.path.to_string(), prefix))
                })
        };
        let matched = findings.iter().position(matches);
        match matched {
            Some(position) if waiver.expires >= today => {
                let finding = &mut findings[position];
                finding.outcome = Outcome::Waived;
                finding.waiver = Some(waiver.clone());
            }
            Some(_) => extra.push(Finding {
                rule: expired_rule.clone(),
                outcome: Outcome::Fail,
                message: format!(
                    "The waiver of {} expired on {}; the finding counts again.",
                    waiver.rule, waiver.expires
                ),
                failures: vec![Failure {
                    path: at.key("expires"),
                    detail: format!("expired on {}", waiver.expires),
                }],
                assumptions: Vec::new(),
                waiver: None,
            }),
            None => extra.push(Finding {
                rule: unused_rule.clone(),
                outcome: Outcome::Fail,
                message: format!(
                    "The waiver of {}{} matches no failing finding.",
                    waiver.rule,
                    waiver
                        .path
                        .as_deref()
                        .map(|p| format!(" at {p}"))
                        .unwrap_or_default()
                ),
                failures: vec![Failure {
                    path: at.key("rule"),
                    detail: "matches no failing finding".to_owned(),
                }],
                assumptions: Vec::new(),
                waiver: None,
            }),
        }
    }
    findings.extend(extra);
}

fn path_starts_with(path: &str, prefix: &str) -> bool {
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_prefixes_respect_boundaries() {
        assert!(path_starts_with(
            "data.sources.crawled_data.top_domains",
            "data.sources"
        ));
        assert!(path_starts_with(
            "model.versions[2].version",
            "model.versions"
        ));
        assert!(!path_starts_with("model.versions_extra", "model.versions"));
    }
}
