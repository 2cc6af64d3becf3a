//! Unit tests of the classification.

use super::*;
use crate::dossier::model::root::Dependency;
use crate::dossier::model::technical::ModalitySpec;

fn text_model(flop: Option<f64>) -> Dossier {
    let mut dossier = Dossier::default();
    dossier.technical.compute.training_flop = flop;
    for list in [
        &mut dossier.technical.modalities.input,
        &mut dossier.technical.modalities.output,
    ] {
        list.get_or_insert_default().push(ModalitySpec {
            modality: Modality::Text,
            ..ModalitySpec::default()
        });
    }
    dossier
}

#[test]
fn sci_is_compact() {
    assert_eq!(sci(3.8e25), "3.8e25");
    assert_eq!(sci(2.0736e23), "2.074e23");
    assert_eq!(sci(1e23), "1e23");
}

#[test]
fn indicative_gpai_criterion_and_systemic_risk_presumption() {
    let small = classify(&text_model(Some(5e22)));
    assert_eq!(small.gpai.applies, Some(false));
    let mid = classify(&text_model(Some(2e23)));
    assert_eq!(mid.gpai.applies, Some(true));
    assert_eq!(mid.systemic_risk.applies, Some(false));
    let big = classify(&text_model(Some(3.8e25)));
    assert_eq!(big.systemic_risk.applies, Some(true));
    assert!(
        big.systemic_risk.why.contains("3.8e25"),
        "{}",
        big.systemic_risk.why
    );
    assert_eq!(big.notification_due.applies, Some(true));
    assert_eq!(big.open_source_exemption.applies, Some(false));
}

#[test]
fn missing_compute_gives_null_with_the_fields_named() {
    let unknown = classify(&text_model(None));
    assert_eq!(unknown.gpai.applies, None);
    assert!(unknown.gpai.why.contains("technical.compute.training_flop"));
    assert_eq!(unknown.systemic_risk.applies, None);
}

#[test]
fn six_n_d_estimate_is_used_and_labelled() {
    let mut dossier = text_model(None);
    dossier.technical.parameters.total = Some(3.08e9);
    dossier.technical.compute.estimate_inputs.tokens = Some(11.2e12);
    let result = classify(&dossier);
    assert_eq!(
        result.training_compute_source,
        Some(ComputeSource::Estimate6ND)
    );
    let flop = result.training_compute_flop.unwrap();
    assert!((flop - 2.06976e23).abs() / flop < 1e-9);
    assert!(result.gpai.why.contains("estimated"), "{}", result.gpai.why);
}

#[test]
fn accepted_rebuttal_lifts_the_presumption() {
    let mut dossier = text_model(Some(2e25));
    dossier.systemic_risk.rebuttal.submitted = Some(true);
    dossier.systemic_risk.rebuttal.outcome = Some(RebuttalOutcome::Accepted);
    assert_eq!(classify(&dossier).systemic_risk.applies, Some(false));
    dossier.systemic_risk.rebuttal.outcome = Some(RebuttalOutcome::Pending);
    let pending = classify(&dossier).systemic_risk;
    assert_eq!(pending.applies, Some(true));
    assert!(pending.why.contains("pending"));
}

#[test]
fn one_third_rule_for_modifiers() {
    let mut dossier = text_model(Some(1e22));
    dossier
        .root
        .model
        .dependencies
        .get_or_insert_default()
        .push(Dependency {
            name: "Base".into(),
            training_compute_flop: Some(3e23),
            ..Dependency::default()
        });
    dossier.technical.compute.modification.flop = Some(1.5e23);
    assert_eq!(classify(&dossier).modifier_is_provider.applies, Some(true));
    dossier.technical.compute.modification.flop = Some(5e22);
    assert_eq!(classify(&dossier).modifier_is_provider.applies, Some(false));
    dossier.root.model.dependencies.as_mut().unwrap()[0].training_compute_flop = None;
    let fallback = classify(&dossier).modifier_is_provider;
    assert_eq!(fallback.applies, Some(true), "5e22 > 1e23/3");
    assert!(fallback.why.contains("unverified"));
}

#[test]
fn legacy_deadline_and_notification_dates() {
    let mut dossier = text_model(Some(3e25));
    let placed = |text| PartialDate::parse(text);
    dossier.root.model.eu_placement_date = placed("2024-07-23");
    let result = classify(&dossier);
    assert_eq!(result.deadline.applies, Some(true));
    assert_eq!(result.deadline.date, NaiveDate::from_ymd_opt(2027, 8, 2));
    dossier.root.model.eu_placement_date = placed("2025-08-02");
    assert_eq!(classify(&dossier).deadline.applies, Some(false));
    // A month: decided when every day of it is on one side of 2 August 2025.
    dossier.root.model.eu_placement_date = placed("07/2025");
    assert_eq!(classify(&dossier).deadline.applies, Some(true));
    dossier.root.model.eu_placement_date = placed("11/2025");
    let november = classify(&dossier).deadline;
    assert_eq!(november.applies, Some(false));
    assert!(
        november.why.contains("in November 2025"),
        "{}",
        november.why
    );
    dossier.root.model.eu_placement_date = placed("08/2025");
    let august = classify(&dossier).deadline;
    assert_eq!(august.applies, None, "{}", august.why);
    assert!(august.why.contains("needs the day"), "{}", august.why);
    dossier.root.model.eu_placement_date = placed("2025");
    assert_eq!(classify(&dossier).deadline.applies, None);
    dossier.systemic_risk.notification.threshold_known_date = NaiveDate::from_ymd_opt(2025, 9, 1);
    dossier.systemic_risk.notification.date = NaiveDate::from_ymd_opt(2025, 9, 20);
    let late = classify(&dossier).notification_due;
    assert_eq!(late.date, NaiveDate::from_ymd_opt(2025, 9, 15));
    assert!(late.why.contains("5 days late"), "{}", late.why);
    // Before Chapter V applied nothing fell due (Art. 113(b)).
    dossier.systemic_risk.notification.threshold_known_date = NaiveDate::from_ymd_opt(2025, 3, 1);
    dossier.systemic_risk.notification.date = NaiveDate::from_ymd_opt(2025, 3, 20);
    let early = classify(&dossier).notification_due;
    assert_eq!(early.date, NaiveDate::from_ymd_opt(2025, 8, 2));
    assert!(early.why.contains("in time"), "{}", early.why);
    assert!(early.why.contains("Art. 113(b)"), "{}", early.why);
}

#[test]
fn research_only_excludes_only_before_placement() {
    let mut dossier = text_model(Some(3e24));
    dossier.root.model.research_only = Some(true);
    let before = classify(&dossier).gpai;
    assert_eq!(before.applies, Some(false));
    assert!(before.why.contains("before it is placed"), "{}", before.why);

    dossier.root.model.placed_on_eu_market = Some(true);
    let placed = classify(&dossier).gpai;
    assert_eq!(placed.applies, Some(true), "{}", placed.why);
    assert!(
        placed.why.contains("before placement only"),
        "{}",
        placed.why
    );
}

#[test]
fn reasons_keep_their_hedges_and_cite_the_right_provision() {
    // Not GPAI on the indicative criterion alone: the dependent fact keeps the hedge.
    let small = text_model(Some(1e22));
    let result = classify(&small);
    assert_eq!(result.gpai.applies, Some(false));
    assert!(
        result.systemic_risk.why.contains("indicative criterion"),
        "{}",
        result.systemic_risk.why
    );
    // Below and at 10^25: the presumption of Art. 51(2) needs more than 10^25.
    for flop in [1e24, 1e25] {
        let mut dossier = text_model(Some(flop));
        dossier.root.model.general_purpose = Some(true);
        let result = classify(&dossier);
        assert_eq!(result.systemic_risk.applies, Some(false));
        assert!(
            result.systemic_risk.why.contains("only above 10^25"),
            "{}",
            result.systemic_risk.why
        );
        let notification = result.notification_due;
        assert!(
            notification.why.contains("Art. 51(2) presumption")
                && !notification.why.contains("51(1)(a)"),
            "{}",
            notification.why
        );
    }
    // A modifier that stays below one third is not the provider of a GPAI model, but may be
    // a downstream provider.
    let mut modifier = text_model(Some(1e22));
    modifier.root.model.dependencies = Some(vec![Dependency {
        name: "Base".into(),
        training_compute_flop: Some(3e24),
        systemic_risk: Some(true),
        ..Dependency::default()
    }]);
    modifier.technical.compute.modification.flop = Some(1e23);
    let stays = classify(&modifier).modifier_is_provider;
    assert_eq!(stays.applies, Some(false));
    assert!(stays.why.contains("Art. 3(68)"), "{}", stays.why);
    modifier.technical.compute.modification.flop = Some(2e24);
    let becomes = classify(&modifier).modifier_is_provider;
    assert_eq!(becomes.applies, Some(true));
    assert!(
        becomes.why.contains("limited to the modification")
            && becomes.why.contains("not settled here"),
        "{}",
        becomes.why
    );
}

#[test]
fn compute_bounds_settle_the_presumption_when_they_can() {
    use crate::dossier::model::data::TextSize;
    use crate::dossier::model::technical::ParameterRange;
    // 7e9 parameters and at most 1e13 tokens: at most 4.2e23 FLOP, below 10^25.
    let mut dossier = text_model(None);
    dossier.root.model.general_purpose = Some(true);
    dossier.technical.parameters.total = Some(7e9);
    dossier.data.overview.modalities.text.size_band = Some(TextSize::From1BTo10TTokens);
    let result = classify(&dossier);
    assert_eq!(
        result.systemic_risk.applies,
        Some(false),
        "{}",
        result.systemic_risk.why
    );
    assert!(
        result.systemic_risk.why.contains("At most 4.2e23 FLOP"),
        "{}",
        result.systemic_risk.why
    );
    assert_eq!(result.notification_due.applies, Some(false));
    // A Form range up to 1e12 parameters and more than 1e13 tokens: unbounded, unknown.
    dossier.technical.parameters.total = None;
    dossier.technical.parameters.size_range = Some(ParameterRange::UpTo1T);
    dossier.data.overview.modalities.text.size_band = Some(TextSize::Above10TTokens);
    let unknown = classify(&dossier).systemic_risk;
    assert_eq!(unknown.applies, None, "{}", unknown.why);
    assert!(
        unknown
            .why
            .contains("at least 3e25 FLOP, with no upper bound"),
        "{}",
        unknown.why
    );
    // No bound on the tokens: unknown, asking for the figures.
    dossier.data.overview.modalities.text.size_band = Some(TextSize::NotKnown);
    assert_eq!(classify(&dossier).systemic_risk.applies, None);
}
