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
