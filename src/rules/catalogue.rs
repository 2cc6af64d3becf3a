//! `aiact rules list` and `aiact rules explain`: the catalogue for people and machines.

use serde_json::json;

use super::{Check, Literal, RulePath, RuleSet, Severity, waiver_rules};
use crate::diag::{Diagnostic, Result};

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

impl RuleSet {
    /// The catalogue for people (`rules list`).
    pub fn human(&self) -> String {
        human(self)
    }

    /// The catalogue as JSON (`rules list --format json`).
    pub fn json(&self) -> String {
        json(self)
    }

    /// What rule `id` encodes (`rules explain`); an unknown id is an error with a suggestion.
    pub fn explain(&self, id: &str) -> Result<String> {
        explain(self, id)
    }
}

/// The catalogue as a table for people.
pub fn human(rules: &RuleSet) -> String {
    let mut out = format!(
        "{} rules (digest {})\n",
        rules.rules.len(),
        &rules.digest[..12.min(rules.digest.len())]
    );
    let mut area = "";
    for loaded in &rules.rules {
        if loaded.area != area {
            area = &loaded.area;
            out.push_str(&format!("\n{}\n", loaded.area_title));
        }
        let rule = &loaded.rule;
        out.push_str(&format!(
            "  {:<8} {:<7} {}{}\n           {}\n",
            rule.id,
            severity(rule.severity),
            rule.title,
            if rule.unverified {
                " (unverified basis)"
            } else {
                ""
            },
            rule.legal_basis.join(", ")
        ));
        if !rule.applies_when.is_empty() {
            out.push_str(&format!(
                "           applies when: {}\n",
                rule.applies_when.join(", ")
            ));
        }
    }
    out.push_str("\nWaivers\n");
    for loaded in waiver_rules() {
        out.push_str(&format!(
            "  {:<8} {:<7} {}\n",
            loaded.rule.id,
            severity(loaded.rule.severity),
            loaded.rule.title
        ));
    }
    out
}

/// The catalogue as JSON.
pub fn json(rules: &RuleSet) -> String {
    let entries: Vec<serde_json::Value> = rules
        .rules
        .iter()
        .chain(waiver_rules().iter())
        .map(|loaded| {
            let rule = &loaded.rule;
            json!({
                "id": rule.id,
                "title": rule.title,
                "area": loaded.area,
                "area_title": loaded.area_title,
                "severity": rule.severity,
                "source": rule.source,
                "legal_basis": rule.legal_basis,
                "applies_when": rule.applies_when,
                "unverified": rule.unverified,
                "message": rule.message,
                "help": rule.help,
                "file": loaded.file,
                "documents": loaded.documents,
            })
        })
        .collect();
    let value = json!({
        "rules_version": 1,
        "digest": rules.digest,
        "sources": rules.sources,
        "rules": entries,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// One rule explained.
pub fn explain(rules: &RuleSet, id: &str) -> Result<String> {
    let waivers = waiver_rules();
    let Some(loaded) = rules
        .rules
        .iter()
        .chain(waivers.iter())
        .find(|r| r.rule.id.eq_ignore_ascii_case(id))
    else {
        let ids: Vec<&str> = rules.rules.iter().map(|r| r.rule.id.as_str()).collect();
        let mut diagnostic = Diagnostic::error(format!("no rule `{id}` in the catalogue"));
        if let Some(near) = crate::diag::closest(id, ids.iter().copied()) {
            diagnostic = diagnostic.help(format!("did you mean `{near}`?"));
        }
        return Err(diagnostic
            .help("`aiact rules list` shows every rule")
            .into());
    };
    let rule = &loaded.rule;
    let mut out = format!("{} {}\n\n", rule.id, rule.title);
    out.push_str(&format!(
        "area:         {}\nseverity:     {}\nsource:       {}\nlegal basis:  {}\n",
        loaded.area_title,
        severity(rule.severity),
        serde_json::to_value(rule.source)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        if rule.legal_basis.is_empty() {
            "none (bookkeeping of the dossier)".to_owned()
        } else {
            rule.legal_basis.join(", ")
        }
    ));
    if rule.unverified {
        out.push_str("unverified:   this rule rests on a reading that could not be checked against the official text\n");
    }
    out.push_str("\napplies when:\n");
    if loaded.conditions.is_empty() {
        out.push_str("  always\n");
    }
    for condition in &loaded.conditions {
        let fact = condition.fact;
        out.push_str(&format!(
            "  {condition}: {}{} (assumed {} while unknown)\n",
            if condition.negated { "not " } else { "" },
            fact.meaning(),
            if fact.when_unknown() {
                "to hold"
            } else {
                "not to hold"
            }
        ));
    }
    out.push_str("\nchecks:\n");
    describe(&rule.check, 1, &mut out);
    out.push_str(&format!("\nwhen it fails:\n  {}\n\nhelp:\n", rule.message));
    for paragraph in rule.help.split("\n\n") {
        out.push_str(&format!(
            "  {}\n",
            paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
        ));
    }
    Ok(out)
}

fn literal(value: &Literal) -> String {
    match value {
        Literal::Bool(b) => b.to_string(),
        Literal::Number(n) => n.to_string(),
        Literal::Text(t) => t.clone(),
    }
}

/// A check in words, one line per part.
fn describe(check: &Check, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    let mut line = |text: String| out.push_str(&format!("{pad}{text}\n"));
    match check {
        Check::Present(p) => line(format!("{p} is given")),
        Check::All(checks) => {
            line("all of:".to_owned());
            for inner in checks {
                describe(inner, depth + 1, out);
            }
        }
        Check::Any(checks) => {
            line("at least one of:".to_owned());
            for inner in checks {
                describe(inner, depth + 1, out);
            }
        }
        Check::Not(inner) => {
            line("not:".to_owned());
            describe(inner, depth + 1, out);
        }
        Check::Implies { when, then } => {
            line("if:".to_owned());
            describe(when, depth + 1, out);
            out.push_str(&format!("{pad}then:\n"));
            describe(then, depth + 1, out);
        }
        Check::Each { path, check } => {
            line(format!("for each item of {path}:"));
            describe(check, depth + 1, out);
        }
        Check::Some { path, check } => {
            line(format!("for at least one item of {path}:"));
            describe(check, depth + 1, out);
        }
        Check::Equals { path, value } => line(format!("{path} is {}", literal(value))),
        Check::OneOf { path, values } => line(format!(
            "{path} is one of {}",
            values.iter().map(literal).collect::<Vec<_>>().join(", ")
        )),
        Check::AtLeast { path, value } => line(format!("{path} is at least {value}")),
        Check::AtMost { path, value } => line(format!("{path} is at most {value}")),
        Check::CountAtLeast { path, value } => line(format!("{path} has at least {value} entries")),
        Check::ContainsAll { path, values } => {
            line(format!("{path} includes {}", values.join(", ")))
        }
        Check::DateAtMost {
            path,
            than,
            plus_days,
        } => line(format!("{path} is on or before {than}{}", days(*plus_days))),
        Check::DateAtLeast {
            path,
            than,
            plus_days,
        } => line(format!("{path} is on or after {than}{}", days(*plus_days))),
        Check::SignificantFigures { path, at_least } => line(format!(
            "{path} is written with at least {at_least} significant figures"
        )),
        Check::SumMatches {
            parts,
            total,
            tolerance,
        } => line(format!(
            "{} add up to {total} within {:.0} %",
            parts
                .iter()
                .map(RulePath::as_str)
                .collect::<Vec<_>>()
                .join(" + "),
            tolerance * 100.0
        )),
        Check::ParameterCountInRange => line(
            "technical.parameters.total lies inside technical.parameters.size_range".to_owned(),
        ),
        Check::ComputeEstimateConsistent { tolerance } => line(format!(
            "technical.compute.training_flop agrees with its estimate inputs within {:.0} % (6·N·D, or accelerators × hours × peak × utilisation)",
            tolerance * 100.0
        )),
        Check::ModificationEstimateConsistent { tolerance } => line(format!(
            "technical.compute.modification.flop agrees with its estimate inputs within {:.0} %",
            tolerance * 100.0
        )),
        Check::TopDomainsSufficient => line(
            "the listed top domains number at least 10 % of all crawled domains (SMEs: 5 % or 1 000, whichever is lower)"
                .to_owned(),
        ),
        Check::EvaluationsNameDocumentedVersion => line(
            "every evaluation record names model.version or one of model.versions".to_owned(),
        ),
        Check::EvaluationsComplete => {
            line("no evaluation record ran on fewer samples than its benchmark has".to_owned())
        }
        Check::EvaluationsMatchEvidence => line(
            "every evaluation record with an evidence_pointer holds the value found there in its evidence file".to_owned(),
        ),
        Check::EvaluationsCoverFamilies => line(
            "a counting evaluation result covers each of the capabilities, honesty, harmlessness and fairness families".to_owned(),
        ),
        Check::SpecifiedRisksEvaluated => line(
            "each specified systemic risk (sr.cbrn, sr.cyber_offence, sr.harmful_manipulation, sr.loss_of_control) has a counting evaluation result and an adversarial-testing record".to_owned(),
        ),
        Check::RefusalResultsPaired => line(
            "a safety.refusal result comes with a safety.over_refusal or capability result".to_owned(),
        ),
        Check::EvaluationDirectionsKnown => line(
            "every evaluation result with a value has a known metric direction".to_owned(),
        ),
        Check::EvaluationsConsistent => line(
            "repeated results of the same measurement differ by at most 2.576 combined standard errors".to_owned(),
        ),
        Check::EvaluationsHavePrecision => line(
            "every evaluation result with a value has a stderr or a sample count".to_owned(),
        ),
        Check::LicenceTermsOpen => line(
            "model.licence.identifier is a free and open-source licence (OSI-approved or FSF free/libre on the SPDX list, or the four permissions answered for a licence aiact does not know) and model.licence.restrictions names nothing beyond attribution and share-alike".to_owned(),
        ),
    }
}

fn days(plus: i64) -> String {
    match plus {
        0 => String::new(),
        d if d > 0 => format!(" + {d} days"),
        d => format!(" − {} days", -d),
    }
}
