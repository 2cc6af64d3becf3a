//! Classification: which regime of the AI Act applies to the model and why. Each fact says
//! whether it applies (or that the dossier lacks the facts to tell), gives a one-sentence
//! reason with the numbers used, and cites its legal basis. Pure: no I/O, no clock.

use chrono::NaiveDate;
use serde::Serialize;

use crate::dossier::model::root::LicenceCategory;
use crate::dossier::model::systemic_risk::RebuttalOutcome;
use crate::dossier::model::{Dossier, Modality, MonthYear, PartialDate};

mod fact;
mod human;
pub mod licence;
pub use fact::{Fact, Facts};
pub use human::render_human;

/// Indicative GPAI criterion of the Commission guidelines, in FLOP.
pub const GPAI_INDICATIVE_FLOP: f64 = 1e23;
/// Art. 51(2) presumption threshold, in FLOP.
pub const SYSTEMIC_RISK_FLOP: f64 = 1e25;
/// Chapter V applies from this date (Art. 113(b)).
pub fn chapter_v_applies() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 8, 2).unwrap_or_default()
}
/// Deadline for models placed before [`chapter_v_applies`] (Art. 111(3)).
pub fn legacy_deadline() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 8, 2).unwrap_or_default()
}
/// Version of the `classify --format json` contract.
pub const CLASSIFICATION_VERSION: u32 = 1;

/// Days the provider has to notify the Commission (Art. 52(1)).
pub const NOTIFICATION_DAYS: i64 = 14;

/// One derived fact.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Determination {
    /// Whether it applies; `None` when the dossier lacks the facts.
    pub applies: Option<bool>,
    /// One sentence with the numbers used, or naming the missing fields.
    pub why: String,
    /// Legal basis.
    pub basis: Vec<&'static str>,
    /// The date the fact turns on (a deadline), where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

impl Determination {
    fn new(applies: Option<bool>, why: impl Into<String>, basis: &[&'static str]) -> Determination {
        Determination {
            applies,
            why: why.into(),
            basis: basis.to_vec(),
            date: None,
        }
    }

    fn with_date(mut self, date: NaiveDate) -> Determination {
        self.date = Some(date);
        self
    }
}

/// Name and version of the model.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ModelId {
    /// `model.name`.
    pub name: Option<String>,
    /// `model.version`.
    pub version: Option<String>,
}

/// Name of the provider.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ProviderId {
    /// `provider.legal_name`.
    pub name: Option<String>,
}

/// Where the training-compute figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComputeSource {
    /// `technical.compute.training_flop` as declared.
    Declared,
    /// 6 · parameters · tokens, because no figure was declared.
    Estimate6ND,
}

/// The classification of a dossier. Its JSON form is the `classify --format json` contract.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Classification {
    /// Version of this JSON contract.
    pub classification_version: u32,
    /// The model.
    pub model: ModelId,
    /// The provider.
    pub provider: ProviderId,
    /// Cumulative training compute used for the classification, FLOP.
    pub training_compute_flop: Option<f64>,
    /// Where that figure comes from.
    pub training_compute_source: Option<ComputeSource>,
    /// Art. 3(63): a general-purpose AI model.
    pub gpai: Determination,
    /// Art. 51: a GPAI model with systemic risk.
    pub systemic_risk: Determination,
    /// Art. 53(2): exempt from Art. 53(1)(a), (b) and Art. 54.
    pub open_source_exemption: Determination,
    /// Art. 54: an authorised representative in the Union is required.
    pub authorised_representative_required: Determination,
    /// Guidelines: the modifier of another model becomes its provider.
    pub modifier_is_provider: Determination,
    /// Art. 111(3): the transitional deadline for models placed before 2 August 2025 applies.
    pub deadline: Determination,
    /// Art. 52(1): a notification to the Commission is owed.
    pub notification_due: Determination,
    /// The facts the dossier answers directly, for [`Classification::facts`].
    #[serde(skip)]
    answers: Facts,
}

/// Formats a FLOP or parameter figure compactly, such as `3.8e25`.
pub fn sci(value: f64) -> String {
    if value == 0.0 {
        return "0".to_owned();
    }
    let text = format!("{value:.3e}");
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
            format!("{mantissa}e{exponent}")
        }
        None => text,
    }
}

fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// Classifies a dossier.
pub fn classify(dossier: &Dossier) -> Classification {
    let (flop, source) = training_compute(dossier);
    let gpai = gpai(dossier, flop);
    let systemic_risk = systemic_risk(dossier, flop, &gpai);
    let open_source_exemption = open_source_exemption(dossier, &gpai, &systemic_risk);
    let authorised_representative_required =
        authorised_representative(dossier, &gpai, &open_source_exemption);
    let modifier_is_provider = modifier(dossier);
    let deadline = deadline(dossier);
    let notification_due = notification(dossier, flop);
    Classification {
        classification_version: CLASSIFICATION_VERSION,
        model: ModelId {
            name: dossier.root.model.name.clone(),
            version: dossier.root.model.version.clone(),
        },
        provider: ProviderId {
            name: dossier.root.provider.legal_name.clone(),
        },
        training_compute_flop: flop,
        training_compute_source: source,
        gpai,
        systemic_risk,
        open_source_exemption,
        authorised_representative_required,
        modifier_is_provider,
        deadline,
        notification_due,
        answers: Facts::answered_by(dossier),
    }
}

/// Declared training compute, or else the 6·N·D estimate from parameters and tokens.
pub fn training_compute(dossier: &Dossier) -> (Option<f64>, Option<ComputeSource>) {
    let compute = &dossier.technical.compute;
    if let Some(flop) = compute.training_flop {
        return (Some(flop), Some(ComputeSource::Declared));
    }
    let parameters = compute
        .estimate_inputs
        .parameters
        .or(dossier.technical.parameters.total);
    match (parameters, compute.estimate_inputs.tokens) {
        (Some(n), Some(d)) => (Some(6.0 * n * d), Some(ComputeSource::Estimate6ND)),
        _ => (None, None),
    }
}

fn compute_words(dossier: &Dossier, flop: f64) -> String {
    match training_compute(dossier).1 {
        Some(ComputeSource::Estimate6ND) => {
            let inputs = &dossier.technical.compute.estimate_inputs;
            let n = inputs
                .parameters
                .or(dossier.technical.parameters.total)
                .unwrap_or(0.0);
            let d = inputs.tokens.unwrap_or(0.0);
            format!(
                "an estimated {} FLOP (6 · N · D with N = {} parameters, D = {} tokens; no figure is declared)",
                sci(flop),
                sci(n),
                sci(d)
            )
        }
        _ => format!("{} FLOP of training compute", sci(flop)),
    }
}

/// Bounds on the training compute when no figure is declared and 6·N·D has no exact inputs:
/// the parameter count or its Form size range times the token count or the template's size
/// band, and the hardware's peak capacity (accelerator-hours × 3600 × peak FLOP/s, which no
/// utilisation can exceed), intersected, with where each bound comes from. `None` when
/// neither gives a bound.
pub fn compute_bounds(dossier: &Dossier) -> Option<(f64, f64, String)> {
    let inputs = &dossier.technical.compute.estimate_inputs;
    let hours = inputs
        .accelerator_hours
        .or_else(|| Some(inputs.accelerator_count? as f64 * inputs.hours?));
    let hardware = match (hours, inputs.peak_flop_per_second) {
        (Some(h), Some(peak)) if h >= 0.0 && peak >= 0.0 => Some((
            0.0,
            h * 3600.0 * peak,
            format!(
                "the hardware's peak capacity ({} accelerator-hours × 3600 × {} FLOP/s)",
                sci(h),
                sci(peak)
            ),
        )),
        _ => None,
    };
    match (six_n_d_bounds(dossier), hardware) {
        (Some((l1, h1, f1)), Some((l2, h2, f2))) => {
            Some((l1.max(l2), h1.min(h2), format!("{f1} and {f2}")))
        }
        (one, other) => one.or(other),
    }
}

/// The 6·N·D part of [`compute_bounds`].
fn six_n_d_bounds(dossier: &Dossier) -> Option<(f64, f64, String)> {
    use crate::dossier::model::data::TextSize;
    let inputs = &dossier.technical.compute.estimate_inputs;
    let (n_low, n_high, n_from) = match inputs.parameters.or(dossier.technical.parameters.total) {
        Some(n) => (n, n, format!("N = {} parameters", sci(n))),
        None => {
            let range = dossier.technical.parameters.size_range?;
            let (low, high) = range.bounds();
            (
                low,
                high,
                format!(
                    "N in the Form's range {} to {} parameters",
                    sci(low),
                    sci(high)
                ),
            )
        }
    };
    let text = &dossier.data.overview.modalities.text;
    let (d_low, d_high, d_from) = match inputs.tokens {
        Some(d) => (d, d, format!("D = {} tokens", sci(d))),
        None => match text.size_band? {
            TextSize::Below1BTokens => (
                0.0,
                1e9,
                "D below 1e9 tokens (template size band)".to_owned(),
            ),
            TextSize::From1BTo10TTokens => (
                1e9,
                1e13,
                "D between 1e9 and 1e13 tokens (template size band)".to_owned(),
            ),
            TextSize::Above10TTokens => (
                1e13,
                f64::INFINITY,
                "D above 1e13 tokens (template size band)".to_owned(),
            ),
            TextSize::NotKnown => return None,
        },
    };
    Some((
        6.0 * n_low * d_low,
        6.0 * n_high * d_high,
        format!("6 · N · D with {n_from} and {d_from}"),
    ))
}

const MISSING_COMPUTE: &str = "technical.compute.training_flop (or technical.parameters.total and technical.compute.estimate_inputs.tokens for a 6·N·D estimate)";

/// What the model can generate, in the guidelines' terms, if anything.
fn generative_modality(dossier: &Dossier) -> Option<&'static str> {
    let modalities = &dossier.technical.modalities;
    let outputs = || modalities.output.iter().flatten().map(|m| m.modality);
    let text_input = modalities
        .input
        .iter()
        .flatten()
        .any(|m| m.modality == Modality::Text);
    if outputs().any(|m| m == Modality::Text) {
        Some("generates text")
    } else if outputs().any(|m| m == Modality::Audio) {
        Some("generates audio")
    } else if text_input && outputs().any(|m| m == Modality::Image) {
        Some("generates images from text")
    } else if text_input && outputs().any(|m| m == Modality::Video) {
        Some("generates video from text")
    } else {
        None
    }
}

fn gpai(dossier: &Dossier, flop: Option<f64>) -> Determination {
    let model = &dossier.root.model;
    let placed = model.placed_on_eu_market == Some(true);
    if model.research_only == Some(true) && !placed {
        return Determination::new(
            Some(false),
            "The model is used only for research, development or prototyping before it is placed on the market, which Art. 3(63) excludes.",
            &["Art. 3(63)", "Art. 2(8)"],
        );
    }
    let mut determination = gpai_on_the_facts(dossier, flop);
    if model.research_only == Some(true) {
        // The exclusion covers research before placement only.
        determination.why = format!(
            "The dossier says research only, but the model is placed on the Union market, and Art. 3(63) excludes research and prototyping before placement only. {}",
            determination.why
        );
    }
    determination
}

/// Whether the model is general-purpose, from the provider's declaration and the guidelines'
/// indicative criterion.
fn gpai_on_the_facts(dossier: &Dossier, flop: Option<f64>) -> Determination {
    const BASIS: &[&str] = &["Art. 3(63)", "Guidelines"];
    let model = &dossier.root.model;
    let generative = generative_modality(dossier);
    // No output modality given: the criterion's generative half cannot be judged.
    let outputs_unanswered = dossier
        .technical
        .modalities
        .output
        .as_deref()
        .is_none_or(<[_]>::is_empty);
    let indicative = match (flop, generative) {
        (None, _) => None,
        (Some(flop), _) if flop <= GPAI_INDICATIVE_FLOP => Some(format!(
            "the indicative criterion is not met: {} ≤ 1e23 FLOP",
            compute_words(dossier, flop)
        )),
        (Some(flop), Some(modality)) => Some(format!(
            "the guidelines' indicative criterion is met: {} > 1e23 FLOP and it {modality}",
            compute_words(dossier, flop)
        )),
        (Some(_), None) if outputs_unanswered => None,
        (Some(flop), None) => Some(format!(
            "the indicative criterion is not met: {} but no generative output modality (text, audio, text-to-image, text-to-video)",
            compute_words(dossier, flop)
        )),
    };
    match model.general_purpose {
        Some(true) => Determination::new(
            Some(true),
            match &indicative {
                Some(criterion) => {
                    format!("The provider declares a general-purpose AI model; {criterion}.")
                }
                None => "The provider declares a general-purpose AI model (Art. 3(63)).".to_owned(),
            },
            BASIS,
        ),
        Some(false) => Determination::new(
            Some(false),
            match &indicative {
                Some(criterion) if criterion.contains("is met") => format!(
                    "The provider declares the model not general-purpose although {criterion}; model.narrow_purpose_justification must explain its lack of generality."
                ),
                _ => "The provider declares the model not general-purpose (Art. 3(63)).".to_owned(),
            },
            BASIS,
        ),
        None => match (flop, generative) {
            (None, _) => Determination::new(
                None,
                format!(
                    "Unknown: the indicative criterion needs {MISSING_COMPUTE}, and model.general_purpose is not declared."
                ),
                BASIS,
            ),
            (Some(_), None) if outputs_unanswered => Determination::new(
                None,
                "Unknown: the indicative criterion needs technical.modalities.output, and model.general_purpose is not declared.",
                BASIS,
            ),
            (Some(flop), generative) => {
                let met = flop > GPAI_INDICATIVE_FLOP && generative.is_some();
                Determination::new(
                    Some(met),
                    format!(
                        "Not declared; {} (indicative only: Art. 3(63) governs).",
                        indicative.unwrap_or_default()
                    ),
                    BASIS,
                )
            }
        },
    }
}

fn systemic_risk(dossier: &Dossier, flop: Option<f64>, gpai: &Determination) -> Determination {
    const BASIS: &[&str] = &["Art. 51(1)", "Art. 51(2)", "Art. 52(3)"];
    let sr = &dossier.systemic_risk;
    if sr.designation.designated == Some(true) {
        let when = sr
            .designation
            .date
            .map(|d| format!(" on {}", long_date(d)))
            .unwrap_or_default();
        return Determination::new(
            Some(true),
            format!("The Commission designated the model as having systemic risk{when}."),
            &["Art. 51(1)(b)", "Art. 52(4)"],
        );
    }
    if gpai.applies == Some(false) {
        // A conclusion that rests on the indicative criterion keeps its hedge.
        let why = if dossier.root.model.general_purpose.is_none() {
            "Not a general-purpose AI model on the guidelines' indicative criterion (a presumption, not a finding), so Art. 51 does not apply on that reading."
        } else {
            "Not a general-purpose AI model, so Art. 51 does not apply."
        };
        return Determination::new(Some(false), why, BASIS);
    }
    let Some(flop) = flop else {
        return match compute_bounds(dossier) {
            Some((_, high, from)) if high <= SYSTEMIC_RISK_FLOP => Determination::new(
                Some(false),
                format!(
                    "At most {} FLOP of training compute by {from} (no figure is declared): not more than 10^25 FLOP, so no presumption of high-impact capabilities (Art. 51(2)), and no designation is recorded.",
                    sci(high)
                ),
                BASIS,
            ),
            Some((low, high, from)) => Determination::new(
                None,
                format!(
                    "Unknown: the training compute is {} by {from}, which does not settle the Art. 51(2) presumption (more than 10^25 FLOP); it needs {MISSING_COMPUTE}.",
                    if high.is_finite() {
                        format!("between {} and {} FLOP", sci(low), sci(high))
                    } else {
                        format!("at least {} FLOP, with no upper bound,", sci(low))
                    }
                ),
                BASIS,
            ),
            None => Determination::new(
                None,
                format!("Unknown: the Art. 51(2) presumption needs {MISSING_COMPUTE}."),
                BASIS,
            ),
        };
    };
    if flop <= SYSTEMIC_RISK_FLOP {
        return Determination::new(
            Some(false),
            format!(
                "{} ≤ 1e25 FLOP: no presumption of high-impact capabilities (Art. 51(2) presumes them only above 10^25 FLOP), and no designation is recorded.",
                capitalise(&compute_words(dossier, flop))
            ),
            BASIS,
        );
    }
    let over = format!("{} > 1e25 FLOP", capitalise(&compute_words(dossier, flop)));
    let rebuttal = &sr.rebuttal;
    match (rebuttal.submitted, rebuttal.outcome) {
        (_, Some(RebuttalOutcome::Accepted)) => Determination::new(
            Some(false),
            format!(
                "{over}, but the Commission accepted the rebuttal (Art. 52(2)–(3)): not treated as systemic risk."
            ),
            BASIS,
        ),
        (_, Some(RebuttalOutcome::Rejected)) => Determination::new(
            Some(true),
            format!(
                "{over}: presumed high-impact capabilities; the Commission rejected the rebuttal (Art. 52(3))."
            ),
            BASIS,
        ),
        (Some(true), _) => Determination::new(
            Some(true),
            format!(
                "{over}: presumed high-impact capabilities; a rebuttal was submitted and is pending, so the presumption applies meanwhile."
            ),
            BASIS,
        ),
        _ => Determination::new(
            Some(true),
            format!("{over}: presumed to have high-impact capabilities (Art. 51(2))."),
            BASIS,
        ),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn open_source_exemption(
    dossier: &Dossier,
    gpai: &Determination,
    systemic_risk: &Determination,
) -> Determination {
    const BASIS: &[&str] = &["Art. 53(2)", "Art. 54(6)", "Recital 102", "Recital 103"];
    if systemic_risk.applies == Some(true) {
        return Determination::new(
            Some(false),
            "Never available to a model with systemic risk (Art. 53(2), Art. 54(6)).",
            BASIS,
        );
    }
    if gpai.applies == Some(false) {
        return Determination::new(Some(false), "Not a general-purpose AI model.", BASIS);
    }
    let model = &dossier.root.model;
    let licence = &model.licence;
    let openness = &model.openness;
    let mut failed: Vec<String> = Vec::new();
    let mut missing: Vec<&str> = Vec::new();
    match licence.category {
        Some(LicenceCategory::FreeAndOpenSource) => {}
        Some(other) => failed.push(format!(
            "the licence category is {}, not free and open-source",
            serde_json::to_value(other)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        )),
        None => missing.push("model.licence.category"),
    }
    let disallowed: Vec<&str> = [
        (licence.allows_access, "access"),
        (licence.allows_use, "use"),
        (licence.allows_modification, "modification"),
        (licence.allows_distribution, "distribution"),
    ]
    .into_iter()
    .filter(|(allowed, _)| *allowed == Some(false))
    .map(|(_, what)| what)
    .collect();
    if let Some((last, rest)) = disallowed.split_last() {
        let list = if rest.is_empty() {
            (*last).to_owned()
        } else {
            format!("{} or {last}", rest.join(", "))
        };
        failed.push(format!("the licence does not allow {list}"));
    }
    for (public, what, field) in [
        (
            openness.weights_public,
            "the weights are not public",
            "model.openness.weights_public",
        ),
        (
            openness.architecture_public,
            "architecture information is not public",
            "model.openness.architecture_public",
        ),
        (
            openness.usage_information_public,
            "usage information is not public",
            "model.openness.usage_information_public",
        ),
    ] {
        match public {
            Some(true) => {}
            Some(false) => failed.push(what.to_owned()),
            None => missing.push(field),
        }
    }
    match openness.monetised {
        Some(false) => {}
        Some(true) => failed.push("the model is monetised".to_owned()),
        None => missing.push("model.openness.monetised"),
    }
    // The category is the provider's word; the identifier and restrictions are checked
    // against it, whatever the category says.
    let reading = licence::read_licence(licence);
    let category_refuses =
        matches!(licence.category, Some(c) if c != LicenceCategory::FreeAndOpenSource);
    if !category_refuses {
        // A category that already refuses the exemption says enough; the terms matter where
        // the provider claims or has not yet chosen the open-source category.
        failed.extend(reading.defeats.iter().map(licence::LicenceNote::sentence));
    }
    let licence_name = licence.identifier.as_deref().unwrap_or_default();
    let taken_on_answers = if reading.permissions_settled
        && !matches!(
            licence
                .identifier
                .as_deref()
                .map(licence::assess_identifier),
            Some(licence::Terms::Open)
        ) {
        " (a licence aiact does not know; the provider answers that it allows access, use, modification and distribution)"
    } else {
        ""
    };
    if !failed.is_empty() {
        Determination::new(
            Some(false),
            format!(
                "Not exempt: {}{}.",
                failed.join("; "),
                if reading.defeats.is_empty() || category_refuses {
                    ""
                } else {
                    " (restrictions beyond attribution and share-alike defeat the exemption)"
                }
            ),
            BASIS,
        )
    } else if !missing.is_empty() || !reading.unsure.is_empty() {
        let mut unknowns = Vec::new();
        if !missing.is_empty() {
            unknowns.push(format!("needs {}", missing.join(", ")));
        }
        unknowns.extend(reading.unsure.iter().map(licence::LicenceNote::sentence));
        Determination::new(None, format!("Unknown: {}.", unknowns.join("; ")), BASIS)
    } else if systemic_risk.applies.is_none() {
        Determination::new(
            None,
            format!(
                "The licence ({licence_name}{taken_on_answers}) and openness conditions are met, but systemic risk is unknown, and the exemption never covers systemic-risk models."
            ),
            BASIS,
        )
    } else {
        Determination::new(
            Some(true),
            format!(
                "Released under {licence_name}{taken_on_answers} with weights, architecture and usage information public and not monetised: exempt from Art. 53(1)(a), (b) and Art. 54; the copyright policy and training-content summary remain due."
            ),
            BASIS,
        )
    }
}

fn authorised_representative(
    dossier: &Dossier,
    gpai: &Determination,
    exemption: &Determination,
) -> Determination {
    const BASIS: &[&str] = &["Art. 54(1)", "Art. 54(6)"];
    let provider = &dossier.root.provider;
    let country = provider
        .country
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    match provider.established_in_eu {
        None => Determination::new(
            None,
            "Unknown: provider.established_in_eu is missing.",
            BASIS,
        ),
        Some(true) => Determination::new(
            Some(false),
            format!(
                "The provider is established in the Union{country}; Art. 54 concerns third-country providers."
            ),
            BASIS,
        ),
        Some(false) if gpai.applies == Some(false) => {
            Determination::new(Some(false), "Not a general-purpose AI model.", BASIS)
        }
        Some(false) => match exemption.applies {
            Some(true) => Determination::new(
                Some(false),
                format!(
                    "The provider is established outside the Union{country}, but the open-source exemption of Art. 54(6) applies."
                ),
                BASIS,
            ),
            None => Determination::new(
                None,
                format!(
                    "The provider is established outside the Union{country}; whether the Art. 54(6) exemption applies is unknown."
                ),
                BASIS,
            ),
            Some(false) => Determination::new(
                Some(true),
                format!(
                    "The provider is established outside the Union{country} and not exempt: a written mandate to a representative established in the Union is required before placement."
                ),
                BASIS,
            ),
        },
    }
}

fn modifier(dossier: &Dossier) -> Determination {
    const BASIS: &[&str] = &["Guidelines", "Recital 109"];
    let Some(dependencies) = dossier.root.model.dependencies.as_deref() else {
        return Determination::new(
            None,
            "Unknown: model.dependencies is not answered (write [] for a model that modifies no other model).",
            BASIS,
        );
    };
    if dependencies.is_empty() {
        return Determination::new(
            Some(false),
            "No model dependencies: the model is not a modification of another model.",
            BASIS,
        );
    }
    let names: Vec<&str> = dependencies.iter().map(|d| d.name.as_str()).collect();
    let Some(modification) = dossier.technical.compute.modification.flop else {
        return Determination::new(
            None,
            format!(
                "Unknown: the model modifies {}, and the one-third test needs technical.compute.modification.flop.",
                names.join(", ")
            ),
            BASIS,
        );
    };
    let known_original = dependencies
        .iter()
        .filter_map(|d| d.training_compute_flop)
        .fold(None, |max: Option<f64>, f| {
            Some(max.map_or(f, |m| m.max(f)))
        });
    let (threshold, reference) = match known_original {
        Some(original) => (
            original / 3.0,
            format!("one third of the original model's {} FLOP", sci(original)),
        ),
        None if dependencies.iter().any(|d| d.systemic_risk == Some(true)) => (
            SYSTEMIC_RISK_FLOP / 3.0,
            "the fallback threshold of 1e25/3 FLOP for a systemic-risk original whose compute is unknown (unverified reading of the guidelines)".to_owned(),
        ),
        None => (
            GPAI_INDICATIVE_FLOP / 3.0,
            "the fallback threshold of 1e23/3 FLOP for an original whose compute is unknown (unverified reading of the guidelines)".to_owned(),
        ),
    };
    let becomes = modification > threshold;
    let systemic_original = dependencies.iter().any(|d| d.systemic_risk == Some(true));
    Determination::new(
        Some(becomes),
        format!(
            "The modification of {} used {} FLOP, {} {} ({} FLOP){}",
            names.join(", "),
            sci(modification),
            if becomes {
                "more than"
            } else {
                "not more than"
            },
            reference,
            sci(threshold),
            match (becomes, systemic_original) {
                (true, false) =>
                    ": the modifier is the provider of the modified model, with obligations limited to the modification (recital 109).",
                (true, true) =>
                    ": the modifier is the provider of the modified model, with obligations limited to the modification (recital 109); whether the modifier of a model with systemic risk also owes the Art. 55 duties and a notification is not settled here (unverified reading).",
                (false, _) =>
                    ": the modifier does not become the provider of a general-purpose AI model (it may still be a downstream provider, Art. 3(68)).",
            }
        ),
        BASIS,
    )
}

fn deadline(dossier: &Dossier) -> Determination {
    const BASIS: &[&str] = &["Art. 111(3)", "Art. 113(b)"];
    let model = &dossier.root.model;
    let Some(placed) = model.eu_placement_date else {
        return Determination::new(None, "Unknown: model.eu_placement_date is missing.", BASIS);
    };
    let planned = if model.placed_on_eu_market == Some(false) {
        " (planned)"
    } else {
        ""
    };
    let Some((first, last)) = placed.span() else {
        return Determination::new(
            None,
            "Unknown: model.eu_placement_date is not a date.",
            BASIS,
        );
    };
    let when = placed_when(placed);
    if last < chapter_v_applies() {
        Determination::new(
            Some(true),
            format!(
                "Placed on the Union market {when}{planned}, before 2 August 2025: the obligations must be met by 2 August 2027."
            ),
            BASIS,
        )
        .with_date(legacy_deadline())
    } else if first >= chapter_v_applies() {
        Determination::new(
            Some(false),
            format!(
                "Placed on the Union market {when}{planned}, on or after 2 August 2025: the obligations apply from placement."
            ),
            BASIS,
        )
        .with_date(first)
    } else {
        Determination::new(
            None,
            format!(
                "Unknown: placed on the Union market {when}{planned}, which may be before or after 2 August 2025; model.eu_placement_date needs the day."
            ),
            BASIS,
        )
    }
}

/// "on 3 March 2025", "in November 2025" or "in 2025", as precise as the dossier is.
fn placed_when(placed: PartialDate) -> String {
    match placed {
        PartialDate::Day(day) => format!("on {}", long_date(day)),
        PartialDate::Month(MonthYear {
            year,
            month: Some(month),
        }) => NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), 1).map_or_else(
            || format!("in {year}"),
            |d| format!("in {}", d.format("%B %Y")),
        ),
        PartialDate::Month(MonthYear { year, month: None }) => format!("in {year}"),
    }
}

fn notification(dossier: &Dossier, flop: Option<f64>) -> Determination {
    const BASIS: &[&str] = &["Art. 52(1)"];
    let notification = &dossier.systemic_risk.notification;
    let Some(flop) = flop else {
        return match compute_bounds(dossier) {
            Some((_, high, from)) if high <= SYSTEMIC_RISK_FLOP => Determination::new(
                Some(false),
                format!(
                    "At most {} FLOP of training compute by {from}: the Art. 51(2) presumption, which needs more than 10^25 FLOP, does not apply, so no notification is owed on compute.",
                    sci(high)
                ),
                BASIS,
            ),
            _ => Determination::new(None, format!("Unknown: needs {MISSING_COMPUTE}."), BASIS),
        };
    };
    if flop <= SYSTEMIC_RISK_FLOP {
        return Determination::new(
            Some(false),
            format!(
                "{} ≤ 1e25 FLOP: the Art. 51(2) presumption, which needs more than 10^25 FLOP, does not apply, so no notification is owed on compute.",
                capitalise(&compute_words(dossier, flop))
            ),
            BASIS,
        );
    }
    let Some(known) = notification.threshold_known_date else {
        return Determination::new(
            Some(true),
            format!(
                "{} > 1e25 FLOP: the Commission must be notified within two weeks of the threshold being met or known to be met; systemic_risk.notification.threshold_known_date is missing.",
                capitalise(&compute_words(dossier, flop))
            ),
            BASIS,
        );
    };
    // Chapter V applies from 2 August 2025 (Art. 113(b)): no notification fell due before.
    let two_weeks = known + chrono::Duration::days(NOTIFICATION_DAYS);
    let due = two_weeks.max(chapter_v_applies());
    let status = match notification.date {
        Some(notified) if notified <= due => {
            format!("notified on {}, in time", long_date(notified))
        }
        Some(notified) => format!(
            "notified on {}, {} days late",
            long_date(notified),
            (notified - due).num_days()
        ),
        None => "no notification date is recorded".to_owned(),
    };
    Determination::new(
        Some(true),
        format!(
            "The threshold was met or known on {}: notification due by {}{}; {status}.",
            long_date(known),
            long_date(due),
            if due > two_weeks {
                " (Chapter V applies from 2 August 2025, Art. 113(b), so nothing fell due earlier; whether the two weeks run again from that day is not settled here)"
            } else {
                ""
            }
        ),
        BASIS,
    )
    .with_date(due)
}

impl Classification {
    /// The classification for people (`classify`).
    pub fn human(&self) -> String {
        render_human(self)
    }
}

impl Classification {
    /// The facts it determines, in the order of its output; [`Fact::classification_key`]
    /// names each.
    pub fn determinations(&self) -> [(Fact, &Determination); 7] {
        let [a, b, c, d, e, f, g] = Classification::DETERMINED;
        [
            (a, &self.gpai),
            (b, &self.systemic_risk),
            (c, &self.open_source_exemption),
            (d, &self.authorised_representative_required),
            (e, &self.modifier_is_provider),
            (f, &self.deadline),
            (g, &self.notification_due),
        ]
    }

    /// The facts a classification determines (the others the dossier answers directly), in
    /// the order of [`Classification::determinations`].
    pub const DETERMINED: [Fact; 7] = [
        Fact::Gpai,
        Fact::SystemicRisk,
        Fact::OpenSourceExemption,
        Fact::AuthorisedRepresentativeRequired,
        Fact::ModifierIsProvider,
        Fact::LegacyModel,
        Fact::NotificationDue,
    ];

    /// What it determined of a fact; `None` for the facts the dossier answers directly.
    pub fn determination(&self, fact: Fact) -> Option<&Determination> {
        self.determinations()
            .into_iter()
            .find_map(|(f, determination)| (f == fact).then_some(determination))
    }

    /// The value of every fact rules are selected by: what the classification determined,
    /// and what the dossier answers directly. The only source of [`Facts`].
    pub fn facts(&self) -> Facts {
        let mut facts = self.answers;
        for (fact, determination) in self.determinations() {
            facts.set(fact, determination.applies);
        }
        facts
    }
}

#[cfg(test)]
mod tests;
