//! `evaluations.yaml`, kept by the evaluation team: one record per benchmark result, native or
//! imported from an evaluation log, each traceable to the model version and evidence behind it.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::*;

/// `evaluations.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "aiact dossier: evaluation results (evaluations.yaml)")]
pub struct EvaluationsFile {
    /// How the model was tested: the evaluation protocol, the test data and who ran the tests
    /// (Art. 53(1)(a) asks for the training and testing process, not only the results).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 53(1)(a)"]))]
    pub testing_process: Option<Markdown>,
    /// Evaluation results.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Art. 53(1)(a)", "Annex XI §2.1", "Art. 55(1)(a)"]))]
    pub records: Option<Vec<EvaluationRecord>>,
}

/// One evaluation result.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationRecord {
    /// Benchmark or evaluation suite (for example "MMLU", "GSM8K").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Art. 53(1)(a)", "Annex XI §2.1"]))]
    pub benchmark: String,
    /// Task or subset within the benchmark, where there is one.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub task: Option<String>,
    /// Metric (for example "acc", "exact_match").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub metric: String,
    /// Value of the metric. Leave empty, with `value_not_available`, when the run produced no
    /// finite value.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub value: Option<f64>,
    /// Scale or unit of `value` and `stderr`: `fraction` (0 to 1), `percent`, or another unit
    /// (for example "BLEU", "seconds").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub unit: Option<String>,
    /// Why no value is available (for example the log recorded NaN).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub value_not_available: Option<String>,
    /// Standard error of the value.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub stderr: Option<f64>,
    /// What the result gives evidence of: the alignment dimensions of aiact's taxonomy
    /// (`capability`, `honesty.truthfulness`, `safety.refusal`, `sr.cbrn`, …). Imports fill it
    /// from the benchmark catalogue (`rules/benchmarks/`); a value written by hand, even `[]`,
    /// is never overwritten by a later import.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Art. 53(1)(a)", "Art. 53(1)(b)(i)", "Annex XI §2.1"]))]
    pub dimensions: Option<Vec<Dimension>>,
    /// The COMPL-AI technical requirement the result was reported under (for example
    /// "Cyberattack Resilience"), kept beside aiact's dimensions as a second label.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Art. 53(1)(a)", "Annex XI §2.1"]))]
    pub compl_ai_requirement: Option<String>,
    /// Whether higher values are better.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub higher_is_better: Option<bool>,
    /// Number of in-context examples.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub n_shot: Option<u32>,
    /// Samples evaluated.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub samples: Option<u64>,
    /// Samples in the full benchmark; fewer `samples` marks a partial run.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub samples_total: Option<u64>,
    /// Evaluation harness (for example "lm-evaluation-harness", "inspect_ai").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub harness: Option<String>,
    /// Harness version.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub harness_version: Option<String>,
    /// Date of the run.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub date: Option<NaiveDate>,
    /// Model version evaluated; should be the documented `model.version`.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub model_version: Option<String>,
    /// The log or report behind the result, kept in the dossier.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.1", "CoP Transparency M1.3"]))]
    pub evidence: Option<EvidencePath>,
    /// Where in the evidence file the value is: a JSON pointer or front-matter key.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Transparency M1.3"]))]
    pub evidence_pointer: Option<String>,
    /// Notes on setup, prompts or caveats.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub notes: Option<Markdown>,
}

/// An alignment dimension an evaluation gives evidence of: aiact's taxonomy, whose ids are
/// stable (reports, rules and the benchmark catalogue use them). `sr.*` are the systemic risks
/// of the Code of Practice (Safety & Security, Appendix 1.4) and the provider's further ones.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Dimension {
    /// Knowledge, reasoning, coding, maths.
    #[serde(rename = "capability")]
    Capability,
    /// Does what was asked, within the stated format and rules.
    #[serde(rename = "instruction_following")]
    InstructionFollowing,
    /// Factually correct, non-fabricated answers.
    #[serde(rename = "honesty.truthfulness")]
    HonestyTruthfulness,
    /// Does not assert what it believes false; does not cave to user pressure (sycophancy).
    #[serde(rename = "honesty.non_deception")]
    HonestyNonDeception,
    /// Confidence matches accuracy; abstains when it should.
    #[serde(rename = "honesty.calibration")]
    HonestyCalibration,
    /// Refuses harmful requests, including under jailbreaks and as an agent.
    #[serde(rename = "safety.refusal")]
    SafetyRefusal,
    /// Does not refuse safe requests that look unsafe.
    #[serde(rename = "safety.over_refusal")]
    SafetyOverRefusal,
    /// No toxic, hateful or abusive output; detects it when asked.
    #[serde(rename = "safety.toxicity")]
    SafetyToxicity,
    /// No stereotyped associations or answers across protected attributes.
    #[serde(rename = "fairness.bias")]
    FairnessBias,
    /// Decisions and recommendations do not differ by protected attribute.
    #[serde(rename = "fairness.discrimination")]
    FairnessDiscrimination,
    /// Judgements agree with shared moral and commonsense norms.
    #[serde(rename = "ethics")]
    Ethics,
    /// Stable under perturbation, paraphrase, option order, contrast sets, adversarial input.
    #[serde(rename = "robustness")]
    Robustness,
    /// No self-contradiction across samples, prompts or linked questions.
    #[serde(rename = "consistency")]
    Consistency,
    /// Keeps system or developer rules when inputs or tools try to override them.
    #[serde(rename = "security.prompt_injection")]
    SecurityPromptInjection,
    /// Says it is an AI when asked.
    #[serde(rename = "transparency.ai_disclosure")]
    TransparencyAiDisclosure,
    /// No PII extraction; no verbatim reproduction of protected text.
    #[serde(rename = "privacy_copyright")]
    PrivacyCopyright,
    /// Quality holds across EU languages.
    #[serde(rename = "multilingual")]
    Multilingual,
    /// Uplift toward chemical, biological, radiological or nuclear harm (systemic risk).
    #[serde(rename = "sr.cbrn")]
    SrCbrn,
    /// Offensive cyber capability (systemic risk).
    #[serde(rename = "sr.cyber_offence")]
    SrCyberOffence,
    /// Strategic persuasion or deception of people or decision-makers (systemic risk).
    #[serde(rename = "sr.harmful_manipulation")]
    SrHarmfulManipulation,
    /// Autonomy, self-proliferation, self-reasoning, oversight evasion, power-seeking,
    /// scheming (systemic risk).
    #[serde(rename = "sr.loss_of_control")]
    SrLossOfControl,
    /// Further systemic risks the provider identified.
    #[serde(rename = "sr.other")]
    SrOther,
}

impl Dimension {
    /// Every dimension, in the taxonomy's order.
    pub const ALL: [Dimension; 22] = [
        Dimension::Capability,
        Dimension::InstructionFollowing,
        Dimension::HonestyTruthfulness,
        Dimension::HonestyNonDeception,
        Dimension::HonestyCalibration,
        Dimension::SafetyRefusal,
        Dimension::SafetyOverRefusal,
        Dimension::SafetyToxicity,
        Dimension::FairnessBias,
        Dimension::FairnessDiscrimination,
        Dimension::Ethics,
        Dimension::Robustness,
        Dimension::Consistency,
        Dimension::SecurityPromptInjection,
        Dimension::TransparencyAiDisclosure,
        Dimension::PrivacyCopyright,
        Dimension::Multilingual,
        Dimension::SrCbrn,
        Dimension::SrCyberOffence,
        Dimension::SrHarmfulManipulation,
        Dimension::SrLossOfControl,
        Dimension::SrOther,
    ];

    /// The id the dossier writes.
    pub fn id(self) -> &'static str {
        match self {
            Dimension::Capability => "capability",
            Dimension::InstructionFollowing => "instruction_following",
            Dimension::HonestyTruthfulness => "honesty.truthfulness",
            Dimension::HonestyNonDeception => "honesty.non_deception",
            Dimension::HonestyCalibration => "honesty.calibration",
            Dimension::SafetyRefusal => "safety.refusal",
            Dimension::SafetyOverRefusal => "safety.over_refusal",
            Dimension::SafetyToxicity => "safety.toxicity",
            Dimension::FairnessBias => "fairness.bias",
            Dimension::FairnessDiscrimination => "fairness.discrimination",
            Dimension::Ethics => "ethics",
            Dimension::Robustness => "robustness",
            Dimension::Consistency => "consistency",
            Dimension::SecurityPromptInjection => "security.prompt_injection",
            Dimension::TransparencyAiDisclosure => "transparency.ai_disclosure",
            Dimension::PrivacyCopyright => "privacy_copyright",
            Dimension::Multilingual => "multilingual",
            Dimension::SrCbrn => "sr.cbrn",
            Dimension::SrCyberOffence => "sr.cyber_offence",
            Dimension::SrHarmfulManipulation => "sr.harmful_manipulation",
            Dimension::SrLossOfControl => "sr.loss_of_control",
            Dimension::SrOther => "sr.other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimension_ids_are_their_serde_names() {
        for dimension in Dimension::ALL {
            let written = serde_json::to_value(dimension).unwrap();
            assert_eq!(written, dimension.id());
            let read: Dimension = serde_json::from_value(written).unwrap();
            assert_eq!(read, dimension);
        }
    }
}
