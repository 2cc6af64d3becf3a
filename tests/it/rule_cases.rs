//! Every rule of the catalogue, run on variations of the example dossiers: each has at least
//! one case that passes it and one that fails it (`tests/rules/cases.yaml`).

use std::collections::BTreeMap;

use aiact::check::{Context, Outcome, evaluate};
use aiact::dossier::model::Dossier;
use aiact::dossier::{FieldPath, LoadedDossier, Segment};
use serde_json::Value;

use crate::support::repo;

struct Case {
    rule: String,
    base: String,
    outcome: Outcome,
    set: Vec<(String, Value)>,
    as_of: chrono::NaiveDate,
}

fn cases() -> Vec<Case> {
    let path = repo().join("tests/rules/cases.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let tree = aiact::dossier::parse_str("cases.yaml", &text).unwrap();
    let mut cases = Vec::new();
    for entry in tree.to_json().as_array().unwrap() {
        let rule = entry["rule"].as_str().unwrap().to_owned();
        for case in entry["cases"].as_array().unwrap() {
            let outcome = match case["outcome"].as_str().unwrap() {
                "pass" => Outcome::Pass,
                "fail" => Outcome::Fail,
                "not_applicable" => Outcome::NotApplicable,
                other => panic!("{rule}: unknown outcome {other}"),
            };
            let set = case["set"]
                .as_object()
                .map(|map| map.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default();
            let as_of = case["as_of"].as_str().unwrap_or("2026-11-29");
            cases.push(Case {
                rule: rule.clone(),
                base: case["base"].as_str().unwrap().to_owned(),
                outcome,
                set,
                as_of: as_of.parse().unwrap(),
            });
        }
    }
    cases
}

pub(crate) fn parse_path(text: &str) -> FieldPath {
    let mut segments = Vec::new();
    for part in text.split('.') {
        let (key, rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        segments.push(Segment::Key(key.to_owned()));
        if !rest.is_empty() {
            segments.push(Segment::Index(rest.trim_end_matches(']').parse().unwrap()));
        }
    }
    FieldPath(segments)
}

pub(crate) fn set(value: &mut Value, path: &FieldPath, new: Value) {
    let mut target = value;
    for segment in &path.0 {
        target = match segment {
            Segment::Key(key) => {
                if !target.is_object() {
                    *target = Value::Object(serde_json::Map::new());
                }
                target
                    .as_object_mut()
                    .unwrap()
                    .entry(key.clone())
                    .or_insert(Value::Null)
            }
            Segment::Index(index) => target
                .as_array_mut()
                .and_then(|items| items.get_mut(*index))
                .unwrap_or_else(|| panic!("no item {index} at {path}")),
        };
    }
    *target = new;
}

fn outcome_of(case: &Case, rules: &aiact::rules::RuleSet, loaded: &LoadedDossier) -> Outcome {
    let mut value = loaded.dossier.to_unified_value();
    let mut patched = Vec::new();
    for (path, new) in &case.set {
        let path = parse_path(path);
        set(&mut value, &path, new.clone());
        patched.push(path);
    }
    let dossier = Dossier::from_unified_value(&value).unwrap_or_else(|e| {
        panic!(
            "{} on {}: the patch does not fit the model: {e}",
            case.rule, case.base
        )
    });
    let value = dossier.to_unified_value();
    let classification = aiact::classify::classify(&dossier);
    let facts = classification.facts();
    let literal = |path: &FieldPath| {
        if patched.iter().any(|p| path.0.starts_with(&p.0)) {
            None
        } else {
            loaded.plain_scalar(path).map(str::to_owned)
        }
    };
    let profile = aiact::evals::profile::profile(&dossier, aiact::evals::builtin().unwrap());
    let context = Context {
        dossier: &dossier,
        value: &value,
        literal: &literal,
        today: case.as_of,
        compute_tolerance: None,
        domains_in_file: None,
        evidence_mismatches: aiact::import::evidence_mismatches(&loaded.dir, &dossier),
        evaluation_profile: &profile,
    };
    let findings = evaluate(rules, &[], &facts, &context).expect("within the step budget");
    findings
        .iter()
        .find(|f| f.rule.rule.id == case.rule)
        .unwrap_or_else(|| panic!("{} is not in the catalogue", case.rule))
        .outcome
}

#[test]
fn every_rule_passes_and_fails_on_its_cases() {
    let rules = aiact::rules::load(&[]).unwrap();
    let mut bases: BTreeMap<String, LoadedDossier> = BTreeMap::new();
    let mut wrong = Vec::new();
    for case in cases() {
        let loaded = bases.entry(case.base.clone()).or_insert_with(|| {
            aiact::dossier::load(&repo().join("examples").join(&case.base)).unwrap()
        });
        let outcome = outcome_of(&case, &rules, loaded);
        if outcome != case.outcome {
            wrong.push(format!(
                "{} on {} with {:?}: expected {:?}, got {outcome:?}",
                case.rule, case.base, case.set, case.outcome
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_rule_has_a_passing_and_a_failing_case() {
    let rules = aiact::rules::load(&[]).unwrap();
    let cases = cases();
    let mut missing = Vec::new();
    for loaded in &rules.rules {
        let id = &loaded.rule.id;
        for outcome in [Outcome::Pass, Outcome::Fail] {
            if !cases.iter().any(|c| &c.rule == id && c.outcome == outcome) {
                missing.push(format!("{id} has no {outcome:?} case"));
            }
        }
    }
    for case in &cases {
        assert!(
            rules.get(&case.rule).is_some(),
            "case for unknown rule {}",
            case.rule
        );
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
