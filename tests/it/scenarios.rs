//! The scenario suite of the law (`tests/classify/scenarios.yaml`): neutral facts set on the
//! example dossiers, and the facts the classification must derive from them, each scenario
//! citing the provision it rests on. One test runs them all and prints the score.

use std::collections::BTreeMap;

use aiact::dossier::LoadedDossier;
use aiact::dossier::model::Dossier;
use serde_json::Value;

use crate::rule_cases::{parse_path, set};
use crate::support::repo;

/// The seven derived facts, by their key in `classify --format json`.
const FACTS: [&str; 7] = [
    "gpai",
    "systemic_risk",
    "open_source_exemption",
    "authorised_representative_required",
    "modifier_is_provider",
    "deadline",
    "notification_due",
];

fn scenarios() -> Vec<Value> {
    let text = std::fs::read_to_string(repo().join("tests/classify/scenarios.yaml")).unwrap();
    let tree = aiact::dossier::parse_str("scenarios.yaml", &text).unwrap();
    tree.to_json().as_array().unwrap().clone()
}

/// What went wrong with one scenario, if anything.
fn misses(scenario: &Value, base: &LoadedDossier) -> Vec<String> {
    let mut value = base.dossier.to_unified_value();
    if let Some(fields) = scenario["set"].as_object() {
        for (path, new) in fields {
            set(&mut value, &parse_path(path), new.clone());
        }
    }
    let dossier = Dossier::from_unified_value(&value).unwrap_or_else(|e| {
        panic!(
            "{}: the patch does not fit the model: {e}",
            scenario["name"]
        )
    });
    let classification =
        serde_json::to_value(aiact::classify::classify(&dossier)).expect("serialisable");
    let mut misses = Vec::new();
    for (fact, expected) in scenario["expect"].as_object().unwrap() {
        assert!(FACTS.contains(&fact.as_str()), "unknown fact {fact}");
        let expected = match expected.as_str().unwrap() {
            "yes" => Value::Bool(true),
            "no" => Value::Bool(false),
            "unknown" => Value::Null,
            other => panic!("{fact}: expected yes, no or unknown, not {other}"),
        };
        let got = &classification[fact]["applies"];
        if *got != expected {
            misses.push(format!(
                "{fact}: expected {expected}, got {got} ({})",
                classification[fact]["why"]
            ));
        }
    }
    for (fact, words) in scenario["why"].as_object().into_iter().flatten() {
        let why = classification[fact]["why"].as_str().unwrap_or_default();
        if !why.contains(words.as_str().unwrap()) {
            misses.push(format!("{fact}: the reason lacks {words}: {why}"));
        }
    }
    for (fact, date) in scenario["date"].as_object().into_iter().flatten() {
        if classification[fact]["date"] != *date {
            misses.push(format!(
                "{fact}: expected the date {date}, got {}",
                classification[fact]["date"]
            ));
        }
    }
    misses
}

#[test]
fn the_classification_derives_what_the_law_says_in_every_scenario() {
    let scenarios = scenarios();
    let mut bases: BTreeMap<String, LoadedDossier> = BTreeMap::new();
    let mut failed = Vec::new();
    for scenario in &scenarios {
        let name = scenario["name"].as_str().unwrap();
        assert!(
            scenario["cite"]
                .as_str()
                .is_some_and(|c| !c.trim().is_empty()),
            "{name}: every scenario cites its provision"
        );
        let base = scenario["base"].as_str().unwrap().to_owned();
        let loaded = bases
            .entry(base.clone())
            .or_insert_with(|| aiact::dossier::load(&repo().join("examples").join(&base)).unwrap());
        let misses = misses(scenario, loaded);
        if !misses.is_empty() {
            failed.push(format!("{name} ({base}):\n  {}", misses.join("\n  ")));
        }
    }
    println!(
        "classify scenarios: {} of {} as the law says",
        scenarios.len() - failed.len(),
        scenarios.len()
    );
    assert!(
        scenarios.len() >= 40,
        "the suite covers at least 40 scenarios"
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
