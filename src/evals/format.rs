//! The benchmark-catalogue file format (`rules/benchmarks/*.yaml` and `--benchmarks DIR`
//! packs): one entry per benchmark with its task names per harness, the dimensions it gives
//! evidence of and the direction of each metric. The Rust types are the single source of the
//! format's JSON Schema, which every file is validated against before it is read.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::dossier::model::evaluations::Dimension;

/// One catalogue file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "aiact benchmark catalogue file")]
pub struct BenchmarkFile {
    /// What the file covers.
    pub title: String,
    /// The benchmarks.
    pub benchmarks: Vec<Benchmark>,
}

/// A harness, as the catalogue names the task lists.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Harness {
    /// lm-evaluation-harness: the key under `results` (tasks, groups and tags).
    LmEval,
    /// Inspect AI / inspect_evals: `inspect_evals/<task>`.
    Inspect,
    /// COMPL-AI (Inspect-based): the task name under `src/complai/tasks/`.
    ComplAi,
    /// A Hugging Face dataset id, as `model-index` results give it in `dataset.type`.
    HfDataset,
}

impl Harness {
    /// The name the catalogue writes.
    pub fn name(self) -> &'static str {
        match self {
            Harness::LmEval => "lm_eval",
            Harness::Inspect => "inspect",
            Harness::ComplAi => "compl_ai",
            Harness::HfDataset => "hf_dataset",
        }
    }
}

/// What kind of evidence a task is (CoP Safety & Security Appendix 1.3 splits risk sources
/// into capabilities, propensities and affordances; a mitigation test measures a safeguard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// What the model can do (a proxy such as WMDP).
    Capability,
    /// What the model tends to do (agentic misalignment).
    Propensity,
    /// How well a safeguard holds (StrongREJECT).
    Mitigation,
}

/// The task names of a benchmark, per harness. A name may hold `*` (any text), as in
/// `mmlu_*` or `advanced_ai_risk_*-power-seeking-inclination`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tasks {
    /// lm-evaluation-harness task, group and tag names.
    #[serde(default)]
    pub lm_eval: Vec<String>,
    /// Inspect task names, written `inspect_evals/<task>`.
    #[serde(default)]
    pub inspect: Vec<String>,
    /// COMPL-AI task names.
    #[serde(default)]
    pub compl_ai: Vec<String>,
    /// Hugging Face dataset ids.
    #[serde(default)]
    pub hf_dataset: Vec<String>,
}

impl Tasks {
    /// Each harness with its names.
    pub fn by_harness(&self) -> [(Harness, &[String]); 4] {
        [
            (Harness::LmEval, &self.lm_eval),
            (Harness::Inspect, &self.inspect),
            (Harness::ComplAi, &self.compl_ai),
            (Harness::HfDataset, &self.hf_dataset),
        ]
    }
}

/// `direction: risk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DirectionKind {
    /// A higher score shows more dangerous capability or propensity: read it against the
    /// provider's risk thresholds, not as "better" or "worse".
    Risk,
}

/// The direction of a metric. Exactly one of `higher_is_better`, `ideal`, `direction` or
/// `unverified` is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricRule {
    /// The metric key (`acc`, `accuracy`, `refusal_rate`); `*` stands for any text
    /// (`bleu_*`, `*_bias_score`).
    pub metric: String,
    /// Whether higher values are better for the dimension.
    pub higher_is_better: Option<bool>,
    /// The value that is best, for a metric that is not monotone (StereoSet's 50).
    pub ideal: Option<f64>,
    /// `risk`: a higher score shows more dangerous capability.
    pub direction: Option<DirectionKind>,
    /// Only for records of this harness. Without it the rule applies to every harness but
    /// COMPL-AI, whose rescaled scores never take an upstream direction.
    pub harness: Option<Harness>,
    /// Why the direction is not given: the source did not confirm it.
    pub unverified: Option<String>,
    /// Notes (the sign of a bias score, the unit).
    pub notes: Option<String>,
}

/// A part of a benchmark that differs from the rest: tasks (or task arguments, such as
/// XSTest's `subset`) with their own dimensions or metric directions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Task names (as the benchmark's task lists write them, `*` allowed) it applies to; all
    /// of the benchmark's tasks when absent.
    #[serde(default)]
    pub tasks: Vec<String>,
    /// Task arguments that must hold (Inspect's `eval.task_args`).
    #[serde(default)]
    pub task_args: BTreeMap<String, String>,
    /// The dimensions instead of the benchmark's.
    pub dimensions: Option<Vec<Dimension>>,
    /// The evidence kind instead of the benchmark's.
    pub evidence_kind: Option<EvidenceKind>,
    /// Metric directions, read before the benchmark's.
    #[serde(default)]
    pub metrics: Vec<MetricRule>,
    /// Notes.
    pub notes: Option<String>,
}

/// A benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    /// Stable identifier (`truthfulqa`), unique across every pack.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9_.-]*$"))]
    pub id: String,
    /// Name for people.
    pub name: String,
    /// Where the task names and directions were verified (repository, version and path).
    pub source: String,
    /// Task names per harness.
    #[serde(default)]
    pub tasks: Tasks,
    /// The dimensions its results give evidence of; `[]` for results that map to none (a
    /// personality profile), which imports list as not mapped.
    pub dimensions: Vec<Dimension>,
    /// What kind of evidence it is, where the source says.
    pub evidence_kind: Option<EvidenceKind>,
    /// Metric directions.
    #[serde(default)]
    pub metrics: Vec<MetricRule>,
    /// Parts with their own dimensions or directions.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// What is not verified yet (names, metric keys or directions to read from real logs).
    pub unverified: Option<String>,
    /// Notes.
    pub notes: Option<String>,
}
