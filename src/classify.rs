//! Classification: which regime of the AI Act applies to the model and why. Each fact says
//! whether it applies (or that the dossier lacks the facts to tell), gives a one-sentence
//! reason with the numbers used, and cites its legal basis. Pure: no I/O, no clock.

use chrono::NaiveDate;
use serde::Serialize;

use crate::dossier::model::root::LicenceCategory;
use crate::dossier::model::systemic_risk::RebuttalOutcome;
use crate::dossier::model::{Dossier, Modality};

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
/// Days the provider has to notify the Commission (Art. 52(1)).
pub const NOTIFICATION_DAYS: i64 = 14;

/// One derived fact.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Fact {
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

impl Fact {
    fn new(applies: Option<bool>, why: impl Into<String>, basis: &[&'static str]) -> Fact {
        Fact {
            applies,
            why: why.into(),
            basis: basis.to_vec(),
            date: None,
        }
    }

    fn with_date(mut self, date: NaiveDate) -> Fact {
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
    /// The model.
    pub model: ModelId,
    /// The provider.
    pub provider: ProviderId,
    /// Cumulative training compute used for the classification, FLOP.
    pub training_compute_flop: Option<f64>,
    /// Where that figure comes from.
    pub training_compute_source: Option<ComputeSource>,
    /// Art. 3(63): a general-purpose AI model.
    pub gpai: Fact,
    /// Art. 51: a GPAI model with systemic risk.
    pub systemic_risk: Fact,
    /// Art. 53(2): exempt from Art. 53(1)(a), (b) and Art. 54.
    pub open_source_exemption: Fact,
    /// Art. 54: an authorised representative in the Union is required.
    pub authorised_representative_required: Fact,
    /// Guidelines: the modifier of another model becomes its provider.
    pub modifier_is_provider: Fact,
    /// Art. 111(3): the transitional deadline for models placed before 2 August 2025 applies.
    pub deadline: Fact,
    /// Art. 52(1): a notification to the Commission is owed.
    pub notification_due: Fact,
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

const MISSING_COMPUTE: &str = "technical.compute.training_flop (or technical.parameters.total and technical.compute.estimate_inputs.tokens for a 6·N·D estimate)";

/// What the model can generate, in the guidelines' terms, if anything.
fn generative_modality(dossier: &Dossier) -> Option<&'static str> {
    let modalities = &dossier.technical.modalities;
    let outputs = || modalities.output.iter().map(|m| m.modality);
    let text_input = modalities
        .input
        .iter()
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

fn gpai(dossier: &Dossier, flop: Option<f64>) -> Fact {
    const BASIS: &[&str] = &["Art. 3(63)", "Guidelines"];
    let model = &dossier.root.model;
    if model.research_only == Some(true) {
        return Fact::new(
            Some(false),
            "The model is used only for research, development or prototyping and not placed on the market, which Art. 3(63) excludes.",
            &["Art. 3(63)", "Art. 2(8)"],
        );
    }
    let generative = generative_modality(dossier);
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
        (Some(_), None) if dossier.technical.modalities.output.is_empty() => None,
        (Some(flop), None) => Some(format!(
            "the indicative criterion is not met: {} but no generative output modality (text, audio, text-to-image, text-to-video)",
            compute_words(dossier, flop)
        )),
    };
    match model.general_purpose {
        Some(true) => Fact::new(
            Some(true),
            match &indicative {
                Some(criterion) => {
                    format!("The provider declares a general-purpose AI model; {criterion}.")
                }
                None => "The provider declares a general-purpose AI model (Art. 3(63)).".to_owned(),
            },
            BASIS,
        ),
        Some(false) => Fact::new(
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
            (None, _) => Fact::new(
                None,
                format!(
                    "Unknown: the indicative criterion needs {MISSING_COMPUTE}, and model.general_purpose is not declared."
                ),
                BASIS,
            ),
            (Some(_), None) if dossier.technical.modalities.output.is_empty() => Fact::new(
                None,
                "Unknown: the indicative criterion needs technical.modalities.output, and model.general_purpose is not declared.",
                BASIS,
            ),
            (Some(flop), generative) => {
                let met = flop > GPAI_INDICATIVE_FLOP && generative.is_some();
                Fact::new(
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

fn systemic_risk(dossier: &Dossier, flop: Option<f64>, gpai: &Fact) -> Fact {
    const BASIS: &[&str] = &["Art. 51(1)", "Art. 51(2)", "Art. 52(3)"];
    let sr = &dossier.systemic_risk;
    if sr.designation.designated == Some(true) {
        let when = sr
            .designation
            .date
            .map(|d| format!(" on {}", long_date(d)))
            .unwrap_or_default();
        return Fact::new(
            Some(true),
            format!("The Commission designated the model as having systemic risk{when}."),
            &["Art. 51(1)(b)", "Art. 52(4)"],
        );
    }
    if gpai.applies == Some(false) {
        return Fact::new(
            Some(false),
            "Not a general-purpose AI model, so Art. 51 does not apply.",
            BASIS,
        );
    }
    let Some(flop) = flop else {
        return Fact::new(
            None,
            format!("Unknown: the Art. 51(2) presumption needs {MISSING_COMPUTE}."),
            BASIS,
        );
    };
    if flop <= SYSTEMIC_RISK_FLOP {
        return Fact::new(
            Some(false),
            format!(
                "{} ≤ 1e25 FLOP: no presumption of high-impact capabilities, and no designation is recorded.",
                capitalise(&compute_words(dossier, flop))
            ),
            BASIS,
        );
    }
    let over = format!("{} > 1e25 FLOP", capitalise(&compute_words(dossier, flop)));
    let rebuttal = &sr.rebuttal;
    match (rebuttal.submitted, rebuttal.outcome) {
        (_, Some(RebuttalOutcome::Accepted)) => Fact::new(
            Some(false),
            format!(
                "{over}, but the Commission accepted the rebuttal (Art. 52(2)–(3)): not treated as systemic risk."
            ),
            BASIS,
        ),
        (_, Some(RebuttalOutcome::Rejected)) => Fact::new(
            Some(true),
            format!(
                "{over}: presumed high-impact capabilities; the Commission rejected the rebuttal (Art. 52(3))."
            ),
            BASIS,
        ),
        (Some(true), _) => Fact::new(
            Some(true),
            format!(
                "{over}: presumed high-impact capabilities; a rebuttal was submitted and is pending, so the presumption applies meanwhile."
            ),
            BASIS,
        ),
        _ => Fact::new(
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

fn open_source_exemption(dossier: &Dossier, gpai: &Fact, systemic_risk: &Fact) -> Fact {
    const BASIS: &[&str] = &["Art. 53(2)", "Art. 54(6)", "Recital 102", "Recital 103"];
    if systemic_risk.applies == Some(true) {
        return Fact::new(
            Some(false),
            "Never available to a model with systemic risk (Art. 53(2), Art. 54(6)).",
            BASIS,
        );
    }
    if gpai.applies == Some(false) {
        return Fact::new(Some(false), "Not a general-purpose AI model.", BASIS);
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
    let licence_name = licence
        .identifier
        .as_deref()
        .unwrap_or("a free and open-source licence");
    if !failed.is_empty() {
        Fact::new(
            Some(false),
            format!("Not exempt: {}.", failed.join("; ")),
            BASIS,
        )
    } else if !missing.is_empty() {
        Fact::new(
            None,
            format!("Unknown: needs {}.", missing.join(", ")),
            BASIS,
        )
    } else if systemic_risk.applies.is_none() {
        Fact::new(
            None,
            format!(
                "The licence ({licence_name}) and openness conditions are met, but systemic risk is unknown, and the exemption never covers systemic-risk models."
            ),
            BASIS,
        )
    } else {
        Fact::new(
            Some(true),
            format!(
                "Released under {licence_name} with weights, architecture and usage information public and not monetised: exempt from Art. 53(1)(a), (b) and Art. 54; the copyright policy and training-content summary remain due."
            ),
            BASIS,
        )
    }
}

fn authorised_representative(dossier: &Dossier, gpai: &Fact, exemption: &Fact) -> Fact {
    const BASIS: &[&str] = &["Art. 54(1)", "Art. 54(6)"];
    let provider = &dossier.root.provider;
    let country = provider
        .country
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    match provider.established_in_eu {
        None => Fact::new(
            None,
            "Unknown: provider.established_in_eu is missing.",
            BASIS,
        ),
        Some(true) => Fact::new(
            Some(false),
            format!(
                "The provider is established in the Union{country}; Art. 54 concerns third-country providers."
            ),
            BASIS,
        ),
        Some(false) if gpai.applies == Some(false) => {
            Fact::new(Some(false), "Not a general-purpose AI model.", BASIS)
        }
        Some(false) => match exemption.applies {
            Some(true) => Fact::new(
                Some(false),
                format!(
                    "The provider is established outside the Union{country}, but the open-source exemption of Art. 54(6) applies."
                ),
                BASIS,
            ),
            None => Fact::new(
                None,
                format!(
                    "The provider is established outside the Union{country}; whether the Art. 54(6) exemption applies is unknown."
                ),
                BASIS,
            ),
            Some(false) => Fact::new(
                Some(true),
                format!(
                    "The provider is established outside the Union{country} and not exempt: a written mandate to a representative established in the Union is required before placement."
                ),
                BASIS,
            ),
        },
    }
}

fn modifier(dossier: &Dossier) -> Fact {
    const BASIS: &[&str] = &["Guidelines", "Recital 109"];
    let dependencies = &dossier.root.model.dependencies;
    if dependencies.is_empty() {
        return Fact::new(
            Some(false),
            "No model dependencies: the model is not a modification of another model.",
            BASIS,
        );
    }
    let names: Vec<&str> = dependencies.iter().map(|d| d.name.as_str()).collect();
    let Some(modification) = dossier.technical.compute.modification.flop else {
        return Fact::new(
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
    Fact::new(
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
            if becomes {
                ": the modifier is the provider of the modified model, with obligations limited to the modification."
            } else {
                ": the modifier does not become a provider."
            }
        ),
        BASIS,
    )
}

fn deadline(dossier: &Dossier) -> Fact {
    const BASIS: &[&str] = &["Art. 111(3)", "Art. 113(b)"];
    let model = &dossier.root.model;
    let Some(placed) = model.eu_placement_date else {
        return Fact::new(None, "Unknown: model.eu_placement_date is missing.", BASIS);
    };
    let planned = if model.placed_on_eu_market == Some(false) {
        " (planned)"
    } else {
        ""
    };
    if placed < chapter_v_applies() {
        Fact::new(
            Some(true),
            format!(
                "Placed on the Union market on {}{planned}, before 2 August 2025: the obligations must be met by 2 August 2027.",
                long_date(placed)
            ),
            BASIS,
        )
        .with_date(legacy_deadline())
    } else {
        Fact::new(
            Some(false),
            format!(
                "Placed on the Union market on {}{planned}, on or after 2 August 2025: the obligations apply from placement.",
                long_date(placed)
            ),
            BASIS,
        )
        .with_date(placed)
    }
}

fn notification(dossier: &Dossier, flop: Option<f64>) -> Fact {
    const BASIS: &[&str] = &["Art. 52(1)"];
    let notification = &dossier.systemic_risk.notification;
    let Some(flop) = flop else {
        return Fact::new(None, format!("Unknown: needs {MISSING_COMPUTE}."), BASIS);
    };
    if flop <= SYSTEMIC_RISK_FLOP {
        return Fact::new(
            Some(false),
            format!(
                "{} ≤ 1e25 FLOP: the Art. 51(1)(a) condition is not met.",
                capitalise(&compute_words(dossier, flop))
            ),
            BASIS,
        );
    }
    let Some(known) = notification.threshold_known_date else {
        return Fact::new(
            Some(true),
            format!(
                "{} > 1e25 FLOP: the Commission must be notified within two weeks of the threshold being met or known to be met; systemic_risk.notification.threshold_known_date is missing.",
                capitalise(&compute_words(dossier, flop))
            ),
            BASIS,
        );
    };
    let due = known + chrono::Duration::days(NOTIFICATION_DAYS);
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
    Fact::new(
        Some(true),
        format!(
            "The threshold was met or known on {}: notification due by {}; {status}.",
            long_date(known),
            long_date(due)
        ),
        BASIS,
    )
    .with_date(due)
}

/// The human rendering of a classification.
pub fn render_human(classification: &Classification) -> String {
    let mut out = String::new();
    let model = match (&classification.model.name, &classification.model.version) {
        (Some(name), Some(version)) => format!("{name} (version {version})"),
        (Some(name), None) => name.clone(),
        _ => "(model.name not given)".to_owned(),
    };
    let provider = classification
        .provider
        .name
        .clone()
        .unwrap_or_else(|| "(provider.legal_name not given)".to_owned());
    out.push_str(&format!("model:    {model}\nprovider: {provider}\n"));
    out.push_str(&format!(
        "compute:  {}\n\n",
        match (
            classification.training_compute_flop,
            classification.training_compute_source
        ) {
            (Some(flop), Some(ComputeSource::Estimate6ND)) =>
                format!("{} FLOP (6·N·D estimate)", sci(flop)),
            (Some(flop), _) => format!("{} FLOP (declared)", sci(flop)),
            (None, _) => "unknown".to_owned(),
        }
    ));
    for (name, fact) in classification.facts() {
        let verdict = match fact.applies {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        };
        out.push_str(&format!("{name:<36} {verdict}\n"));
        let mut line = String::from("    ");
        for word in fact.why.split_whitespace() {
            if line.len() > 4 && line.len() + word.len() + 1 > 96 {
                out.push_str(&line);
                out.push('\n');
                line = String::from("    ");
            }
            if line.len() > 4 {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push('\n');
        out.push_str(&format!("    basis: {}\n\n", fact.basis.join(", ")));
    }
    out.push_str("aiact states what the dossier implies under its reading of the AI Act; it is not legal advice.\n");
    out
}

impl Classification {
    /// The facts in a fixed order, with their JSON names.
    pub fn facts(&self) -> [(&'static str, &Fact); 7] {
        [
            ("gpai", &self.gpai),
            ("systemic_risk", &self.systemic_risk),
            ("open_source_exemption", &self.open_source_exemption),
            (
                "authorised_representative_required",
                &self.authorised_representative_required,
            ),
            ("modifier_is_provider", &self.modifier_is_provider),
            ("deadline", &self.deadline),
            ("notification_due", &self.notification_due),
        ]
    }
}

#[cfg(test)]
mod tests {
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
            list.push(ModalitySpec {
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
        dossier.root.model.dependencies.push(Dependency {
            name: "Base".into(),
            training_compute_flop: Some(3e23),
            ..Dependency::default()
        });
        dossier.technical.compute.modification.flop = Some(1.5e23);
        assert_eq!(classify(&dossier).modifier_is_provider.applies, Some(true));
        dossier.technical.compute.modification.flop = Some(5e22);
        assert_eq!(classify(&dossier).modifier_is_provider.applies, Some(false));
        dossier.root.model.dependencies[0].training_compute_flop = None;
        let fallback = classify(&dossier).modifier_is_provider;
        assert_eq!(fallback.applies, Some(true), "5e22 > 1e23/3");
        assert!(fallback.why.contains("unverified"));
    }

    #[test]
    fn legacy_deadline_and_notification_dates() {
        let mut dossier = text_model(Some(3e25));
        dossier.root.model.eu_placement_date = NaiveDate::from_ymd_opt(2024, 7, 23);
        let result = classify(&dossier);
        assert_eq!(result.deadline.applies, Some(true));
        assert_eq!(result.deadline.date, NaiveDate::from_ymd_opt(2027, 8, 2));
        dossier.root.model.eu_placement_date = NaiveDate::from_ymd_opt(2025, 8, 2);
        assert_eq!(classify(&dossier).deadline.applies, Some(false));
        dossier.systemic_risk.notification.threshold_known_date =
            NaiveDate::from_ymd_opt(2025, 3, 1);
        dossier.systemic_risk.notification.date = NaiveDate::from_ymd_opt(2025, 3, 20);
        let late = classify(&dossier).notification_due;
        assert_eq!(late.date, NaiveDate::from_ymd_opt(2025, 3, 15));
        assert!(late.why.contains("5 days late"), "{}", late.why);
    }
}
