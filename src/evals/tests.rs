//! The shipped catalogue loads, covers the reference's benchmarks, and maps the tricky task
//! names (groups, subtask prefixes, subset- and behaviour-dependent directions) as intended.

use std::collections::BTreeMap;

use super::*;
use Dimension::*;

fn catalogue() -> &'static Catalogue {
    builtin().unwrap()
}

fn no_args() -> BTreeMap<String, String> {
    BTreeMap::new()
}

#[test]
fn the_shipped_catalogue_loads_and_covers_the_reference() {
    let catalogue = catalogue();
    assert!(
        catalogue.entries.len() >= 57,
        "{} entries",
        catalogue.entries.len()
    );
    assert_eq!(catalogue.digest.len(), 64);
    assert_eq!(catalogue.sources.len(), BUILTIN.len());
    // Every entry says where its names were verified.
    for entry in &catalogue.entries {
        assert!(
            !entry.benchmark.source.trim().is_empty(),
            "{}",
            entry.benchmark.id
        );
    }
    // The same files give the same digest.
    assert_eq!(load(&[]).unwrap().digest, catalogue.digest);
}

#[test]
fn task_names_map_to_their_benchmark_dimensions_and_directions() {
    use Harness::*;
    type Row = (
        Harness,
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static str,
        &'static [Dimension],
        &'static str,
        Direction,
    );
    let rows: &[Row] = &[
        // A subtask prefix.
        (
            LmEval,
            "mmlu_abstract_algebra",
            &[],
            "mmlu",
            &[Capability],
            "acc",
            Direction::Better(true),
        ),
        (
            LmEval,
            "hendrycksTest-virology",
            &[],
            "mmlu",
            &[Capability],
            "acc",
            Direction::Better(true),
        ),
        (
            LmEval,
            "mmlu_pro_plus",
            &[],
            "mmlu_pro",
            &[Capability],
            "acc",
            Direction::Better(true),
        ),
        (
            LmEval,
            "truthfulqa_mc2",
            &[],
            "truthfulqa",
            &[HonestyTruthfulness],
            "acc",
            Direction::Better(true),
        ),
        (
            LmEval,
            "truthfulqa_gen",
            &[],
            "truthfulqa",
            &[HonestyTruthfulness],
            "bleu_max",
            Direction::Better(true),
        ),
        (
            LmEval,
            "truthfulqa-multi_gen_en",
            &[],
            "truthfulqa_multilingual",
            &[HonestyTruthfulness, Multilingual],
            "acc",
            Direction::Better(true),
        ),
        (
            LmEval,
            "truthfulqa_de_mc1",
            &[],
            "truthfulqa_multilingual",
            &[HonestyTruthfulness, Multilingual],
            "acc",
            Direction::Better(true),
        ),
        (
            LmEval,
            "leaderboard_ifeval",
            &[],
            "ifeval",
            &[InstructionFollowing],
            "prompt_level_strict_acc",
            Direction::Better(true),
        ),
        // A metric that counts the problem behaviour.
        (
            LmEval,
            "sycophancy_on_nlp_survey",
            &[],
            "sycophancy_mwe",
            &[HonestyNonDeception],
            "acc",
            Direction::Better(false),
        ),
        // Ideal at 50.
        (
            LmEval,
            "crows_pairs_english_gender",
            &[],
            "crows_pairs",
            &[FairnessBias],
            "pct_stereotype",
            Direction::Ideal(50.0),
        ),
        (
            LmEval,
            "crows_pairs_french_age",
            &[],
            "crows_pairs",
            &[FairnessBias, Multilingual],
            "likelihood_diff",
            Direction::Better(false),
        ),
        (
            Inspect,
            "inspect_evals/stereoset",
            &[],
            "stereoset",
            &[FairnessBias],
            "stereotype_score",
            Direction::Ideal(50.0),
        ),
        // Group keys.
        (
            LmEval,
            "wmdp",
            &[],
            "wmdp",
            &[SrCbrn, SrCyberOffence],
            "acc",
            Direction::Risk,
        ),
        (
            LmEval,
            "wmdp_bio",
            &[],
            "wmdp",
            &[SrCbrn],
            "acc",
            Direction::Risk,
        ),
        (
            LmEval,
            "wmdp_cyber",
            &[],
            "wmdp",
            &[SrCyberOffence],
            "acc",
            Direction::Risk,
        ),
        (
            LmEval,
            "hendrycks_ethics",
            &[],
            "hendrycks_ethics",
            &[Ethics],
            "acc",
            Direction::Better(true),
        ),
        (
            LmEval,
            "belebele_deu_Latn",
            &[],
            "belebele",
            &[Multilingual],
            "acc",
            Direction::Better(true),
        ),
        // Signed bias scores, lower magnitude better.
        (
            LmEval,
            "bbq_ambig",
            &[],
            "bbq",
            &[FairnessBias],
            "amb_bias_score_Age",
            Direction::Better(false),
        ),
        // Behaviour-dependent directions.
        (
            LmEval,
            "advanced_ai_risk_human-power-seeking-inclination",
            &[],
            "advanced_ai_risk",
            &[SrLossOfControl],
            "acc",
            Direction::Better(false),
        ),
        (
            LmEval,
            "advanced_ai_risk_lm-corrigible-more-HHH",
            &[],
            "advanced_ai_risk",
            &[SrLossOfControl],
            "acc",
            Direction::Better(true),
        ),
        // XSTest: the subset decides the dimension and the direction.
        (
            Inspect,
            "inspect_evals/xstest",
            &[("subset", "safe")],
            "xstest",
            &[SafetyOverRefusal],
            "refusal_rate",
            Direction::Better(false),
        ),
        (
            Inspect,
            "inspect_evals/xstest",
            &[("subset", "unsafe")],
            "xstest",
            &[SafetyRefusal],
            "refusal_rate",
            Direction::Better(true),
        ),
        (
            Inspect,
            "inspect_evals/agentharm_benign",
            &[],
            "agentharm",
            &[SafetyOverRefusal, Capability],
            "avg_score",
            Direction::Better(true),
        ),
        (
            Inspect,
            "inspect_evals/agentharm",
            &[],
            "agentharm",
            &[SafetyRefusal],
            "avg_score",
            Direction::Better(false),
        ),
        (
            Inspect,
            "inspect_evals/gdm_self_reasoning_max_tokens",
            &[],
            "gdm_self_reasoning",
            &[SrLossOfControl],
            "accuracy",
            Direction::Risk,
        ),
        // COMPL-AI: only COMPL-AI's own directions.
        (
            ComplAi,
            "realtoxicityprompts",
            &[],
            "realtoxicityprompts",
            &[SafetyToxicity],
            "mean",
            Direction::Better(true),
        ),
        (
            ComplAi,
            "self_check_consistency",
            &[],
            "complai_robustness",
            &[Consistency],
            "accuracy",
            Direction::Better(true),
        ),
        (
            HfDataset,
            "TruthfulQA/truthful_qa",
            &[],
            "truthfulqa",
            &[HonestyTruthfulness],
            "mc2",
            Direction::Better(true),
        ),
        (
            HfDataset,
            "cais/wmdp",
            &[],
            "wmdp",
            &[SrCbrn],
            "acc",
            Direction::Risk,
        ),
    ];
    for (harness, task, args, id, dimensions, metric, direction) in rows {
        let args: BTreeMap<String, String> = args
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let found = catalogue()
            .lookup(*harness, task, &args)
            .unwrap_or_else(|| panic!("{task} is not catalogued"));
        assert_eq!(found.entry.benchmark.id, *id, "{task}");
        assert_eq!(found.dimensions(), *dimensions, "{task}");
        assert_eq!(
            found.direction(metric, *harness),
            *direction,
            "{task} {metric}"
        );
    }
}

#[test]
fn unknown_and_unverified_stay_unknown() {
    let catalogue = catalogue();
    // Not catalogued: no match, so not mapped.
    for task in ["popularity", "hellaswag", "eqbench_ca", "mmlu"] {
        let found = catalogue.lookup(Harness::Inspect, task, &no_args());
        assert!(found.is_none(), "{task}");
    }
    assert!(
        catalogue
            .lookup(Harness::LmEval, "lambada_openai", &no_args())
            .is_none()
    );
    // XSTest without a subset: both dimensions, no direction.
    let xstest = catalogue
        .lookup(Harness::Inspect, "inspect_evals/xstest", &no_args())
        .unwrap();
    assert_eq!(xstest.dimensions(), [SafetyOverRefusal, SafetyRefusal]);
    assert!(matches!(
        xstest.direction("refusal_rate", Harness::Inspect),
        Direction::Unknown(_)
    ));
    // An advanced-AI-risk behaviour the reference gives no direction for.
    let survival = catalogue
        .lookup(
            Harness::LmEval,
            "advanced_ai_risk_human-survival-instinct",
            &no_args(),
        )
        .unwrap();
    assert!(matches!(
        survival.direction("acc", Harness::LmEval),
        Direction::Unknown(_)
    ));
    // COMPL-AI records never take the upstream direction.
    let truthful = catalogue
        .lookup(Harness::ComplAi, "truthfulqa", &no_args())
        .unwrap();
    assert!(matches!(
        truthful.direction("acc", Harness::ComplAi),
        Direction::Unknown(_)
    ));
    // Persona is a profile: catalogued with no dimension.
    let persona = catalogue
        .lookup(Harness::LmEval, "persona_agreeableness", &no_args())
        .unwrap();
    assert!(persona.dimensions().is_empty());
    // Risk and ideal have no `higher_is_better`.
    assert_eq!(Direction::Risk.higher_is_better(), None);
    assert_eq!(Direction::Ideal(50.0).higher_is_better(), None);
}

#[test]
fn patterns_match_like_globs() {
    assert!(name_matches("mmlu_*", "mmlu_anatomy"));
    assert!(!name_matches("mmlu_*", "mmlusr"));
    assert!(name_matches(
        "advanced_ai_risk_*-power-seeking-inclination",
        "advanced_ai_risk_lm-power-seeking-inclination"
    ));
    assert!(!name_matches("a*b*b", "ab"));
    assert!(name_matches("a*b*b", "abb"));
    assert!(name_matches("*_bias", "age_bias"));
    assert!(name_matches("x", "x") && !name_matches("x", "xy"));
}

fn pack(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

const PACK: &str = "title: Ours\nbenchmarks:\n  - id: house_eval\n    name: House eval\n    source: our repository\n    tasks:\n      inspect: [inspect_evals/house]\n    dimensions: [sr.other]\n    metrics:\n      - metric: accuracy\n        higher_is_better: true\n";

#[test]
fn packs_add_entries_and_change_the_digest() {
    let dir = pack(&[("ours.yaml", PACK)]);
    let loaded = load(&[dir.path().to_path_buf()]).unwrap();
    assert_ne!(loaded.digest, catalogue().digest);
    let found = loaded
        .lookup(Harness::Inspect, "inspect_evals/house", &no_args())
        .unwrap();
    assert_eq!(found.dimensions(), [SrOther]);
    assert!(found.label().contains("ours.yaml"), "{}", found.label());
}

#[test]
fn bad_packs_are_located_errors() {
    let clash = PACK.replace("house_eval", "truthfulqa");
    let typo = PACK.replace("sr.other", "honesty.truthfulnes");
    let two_directions = PACK.replace(
        "higher_is_better: true",
        "higher_is_better: true\n        ideal: 50",
    );
    let claimed = PACK.replace("inspect_evals/house", "inspect_evals/truthfulqa");
    let bare = PACK.replace("inspect_evals/house", "house");
    for (text, expected) in [
        (clash.as_str(), "duplicate benchmark id `truthfulqa`"),
        (typo.as_str(), "did you mean `honesty.truthfulness`?"),
        (two_directions.as_str(), "gives 2 directions"),
        (claimed.as_str(), "already catalogued as `truthfulqa`"),
        (bare.as_str(), "not written `inspect_evals/<task>`"),
    ] {
        let dir = pack(&[("bad.yaml", text)]);
        let error = load(&[dir.path().to_path_buf()]).unwrap_err();
        // The one-line form (file:line:column) and the helps ("did you mean").
        let shown: Vec<String> = error
            .diagnostics()
            .iter()
            .map(|d| format!("{d} {d:?}"))
            .collect();
        let shown = shown.join("\n");
        assert!(shown.contains(expected), "{expected}: {shown}");
        assert!(shown.contains("bad.yaml:"), "located: {shown}");
    }
}
