//! `technical.yaml`, kept by the ML engineering team: architecture, size, modalities,
//! integration, model artefacts, the training process, compute and energy (Annex XI §1.1(d)–(e),
//! §1.2(a)–(b), (d)–(e); Annex XII §1(d)–(g), §2(a)–(b); the Model Documentation Form).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::*;

/// `technical.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "aiact dossier: technical description (technical.yaml)")]
pub struct TechnicalFile {
    /// Architecture of the model.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.1(d)", "Annex XII §1(f)"]))]
    pub architecture: Architecture,
    /// Number of parameters.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.1(d)", "Annex XII §1(f)", "Model Documentation Form: total model size"]))]
    pub parameters: Parameters,
    /// Input and output modalities, their formats and maximum sizes.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.1(e)", "Annex XII §1(g)", "Annex XII §2(b)"]))]
    pub modalities: Modalities,
    /// What a downstream provider needs to integrate the model.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.2(a)", "Annex XII §1(d)", "Annex XII §1(e)", "Annex XII §2(a)"]))]
    pub integration: Integration,
    /// What the model does well and where it fails: known limitations, failure modes, and
    /// conditions under which it should not be used, so that integrators understand its
    /// capabilities and limitations.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Art. 53(1)(b)(i)"]))]
    pub capabilities_and_limitations: Option<Markdown>,
    /// Distributed model files (weights) and endpoints, for the Form's "model authenticity".
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: model authenticity"]))]
    pub artefacts: Option<Vec<Artefact>>,
    /// Design specifications of the training process.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(b)"]))]
    pub training: Training,
    /// Computational resources used to train the model.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(d)", "Art. 51(2)"]))]
    pub compute: Compute,
    /// Known or estimated energy consumption.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(e)"]))]
    pub energy: Energy,
}

/// Architecture and design specifications of the model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Architecture {
    /// General description in about twenty words (for example "decoder-only transformer with
    /// grouped-query attention").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.1(d)", "Annex XII §1(f)", "Model Documentation Form: model architecture"]))]
    pub summary: Option<String>,
    /// Further detail: layers, attention, tokenizer, positional encoding, mixture of experts.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.1(d)", "Annex XII §1(f)"]))]
    pub details: Option<Markdown>,
    /// Key design specifications of the model with their rationale and assumptions (about a
    /// hundred words).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(b)", "Model Documentation Form: design specifications of the model"]))]
    pub design_specifications: Option<Markdown>,
}

/// Parameter count.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    /// Total number of parameters, to at least two significant figures (for example 7.3e9).
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.1(d)", "Annex XII §1(f)", "Model Documentation Form: total model size"]))]
    pub total: Option<f64>,
    /// The Form's size range the total falls in.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Model Documentation Form: total model size"]))]
    pub size_range: Option<ParameterRange>,
    /// Parameters active per token, for mixture-of-experts models.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.1(d)"]))]
    pub active: Option<f64>,
    /// The relevance of the different parameters, as applicable.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(b)"]))]
    pub relevance: Option<Markdown>,
}

/// The Model Documentation Form's parameter-count ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ParameterRange {
    /// 1 million to 500 million.
    #[serde(rename = "1M-500M")]
    UpTo500M,
    /// 500 million to 5 billion.
    #[serde(rename = "500M-5B")]
    UpTo5B,
    /// 5 to 15 billion.
    #[serde(rename = "5B-15B")]
    UpTo15B,
    /// 15 to 50 billion.
    #[serde(rename = "15B-50B")]
    UpTo50B,
    /// 50 to 100 billion.
    #[serde(rename = "50B-100B")]
    UpTo100B,
    /// 100 to 500 billion.
    #[serde(rename = "100B-500B")]
    UpTo500B,
    /// 500 billion to 1 trillion.
    #[serde(rename = "500B-1T")]
    UpTo1T,
    /// More than 1 trillion.
    #[serde(rename = ">1T")]
    Above1T,
}

impl ParameterRange {
    /// Lower and upper bound of the range (upper is infinite for `>1T`).
    pub fn bounds(self) -> (f64, f64) {
        match self {
            ParameterRange::UpTo500M => (1e6, 5e8),
            ParameterRange::UpTo5B => (5e8, 5e9),
            ParameterRange::UpTo15B => (5e9, 1.5e10),
            ParameterRange::UpTo50B => (1.5e10, 5e10),
            ParameterRange::UpTo100B => (5e10, 1e11),
            ParameterRange::UpTo500B => (1e11, 5e11),
            ParameterRange::UpTo1T => (5e11, 1e12),
            ParameterRange::Above1T => (1e12, f64::INFINITY),
        }
    }
}

/// Input and output modalities.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Modalities {
    /// What the model accepts.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.1(e)", "Annex XII §1(g)", "Annex XII §2(b)", "Model Documentation Form: input modalities"]))]
    pub input: Option<Vec<ModalitySpec>>,
    /// What the model produces.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.1(e)", "Annex XII §1(g)", "Annex XII §2(b)", "Model Documentation Form: output modalities"]))]
    pub output: Option<Vec<ModalitySpec>>,
}

/// One input or output modality.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModalitySpec {
    /// The modality.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.1(e)", "Annex XII §1(g)"]))]
    pub modality: Modality,
    /// Name of the modality when `modality` is `other` (for example "protein sequences").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.1(e)"]))]
    pub other_name: Option<String>,
    /// Formats accepted or produced (for example "UTF-8 text", "PNG", "16 kHz WAV").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.1(e)", "Annex XII §1(g)"]))]
    pub formats: Option<Vec<String>>,
    /// Maximum size, as a number of `max_size_unit` (for example 131072 tokens).
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XII §2(b)"]))]
    pub max_size: Option<f64>,
    /// Unit of `max_size` (for example tokens, pixels, seconds).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XII §2(b)"]))]
    pub max_size_unit: Option<String>,
    /// Conditions of the maximum size (for example "131 072 tokens with YaRN scaling; 65 536
    /// natively"; "prompt and response share the context").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XII §2(b)"]))]
    pub max_size_note: Option<String>,
    /// Why no maximum size applies, instead of `max_size` (the Form's "N/A").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XII §2(b)"]))]
    pub max_size_not_applicable: Option<String>,
}

/// What is needed to integrate the model into AI systems.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Integration {
    /// Technical means needed for integration: instructions of use, infrastructure, tools.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.2(a)", "Annex XII §2(a)", "Model Documentation Form: technical means for integration"]))]
    pub technical_means: Option<Markdown>,
    /// Link to the instructions of use.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XII §2(a)"]))]
    pub instructions_url: Option<Url>,
    /// How the model interacts, or can be used to interact, with hardware or software that is
    /// not part of the model (tool use, function calling, agents).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XII §1(d)"]))]
    pub external_interaction: Option<Markdown>,
    /// Hardware required to run the model.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XII §1(d)", "Model Documentation Form: required hardware"]))]
    pub required_hardware: Option<Markdown>,
    /// Software needed to use the model, with versions.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XII §1(e)", "Model Documentation Form: required software"]))]
    pub required_software: Option<Vec<SoftwareRequirement>>,
    /// Why hardware or software requirements do not apply, where they do not (the Form's
    /// "N/A"; for example an API-only model).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XII §1(d)", "Annex XII §1(e)"]))]
    pub requirements_not_applicable: Option<String>,
}

/// A software dependency of using the model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SoftwareRequirement {
    /// Software name (for example "transformers").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XII §1(e)"]))]
    pub name: String,
    /// Version or version range (for example ">= 4.53").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XII §1(e)"]))]
    pub version: Option<String>,
    /// What it is needed for.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XII §1(e)"]))]
    pub purpose: Option<String>,
}

/// A distributed model file or service endpoint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Artefact {
    /// File name or name of the artefact (for example `model-00001-of-00004.safetensors`).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: model authenticity"]))]
    pub name: String,
    /// SHA-256 of the distributed file, lower-case hex.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: model authenticity"]))]
    pub sha256: Option<String>,
    /// Size in bytes.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: model authenticity"]))]
    pub size_bytes: Option<u64>,
    /// Where it is distributed, or the service endpoint for API-only models.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: model authenticity"]))]
    pub url: Option<Url>,
    /// The file inside the dossier, when it is kept there: `aiact build` hashes it (and checks
    /// it against `sha256`) without copying it into the bundle.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: model authenticity"]))]
    pub path: Option<ArtefactPath>,
}

/// Design specifications of the training process.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Training methodologies and techniques.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(b)", "Model Documentation Form: design specifications of the training process"]))]
    pub methodology: Option<Markdown>,
    /// The main training stages, in order.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(b)", "Model Documentation Form: design specifications of the training process"]))]
    pub stages: Option<Vec<TrainingStage>>,
    /// Key design choices with their rationale and assumptions.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(b)", "Model Documentation Form: decision rationale"]))]
    pub design_choices: Option<Vec<DesignChoice>>,
    /// What the model is optimised for.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(b)"]))]
    pub optimisation_objective: Option<Markdown>,
}

/// A stage of training.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingStage {
    /// Name of the stage (for example "pre-training", "supervised fine-tuning").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(b)"]))]
    pub name: String,
    /// What happens in it: method, data, objective.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(b)"]))]
    pub description: Option<Markdown>,
}

/// A key design choice.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DesignChoice {
    /// The choice made.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(b)"]))]
    pub choice: String,
    /// Why it was made.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(b)"]))]
    pub rationale: Option<Markdown>,
    /// Assumptions it rests on.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(b)"]))]
    pub assumptions: Option<Markdown>,
}

/// Training compute.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Compute {
    /// Cumulative training compute in floating-point operations (FLOP, not FLOP/s), to at
    /// least two significant figures (for example 3.8e25). Counts pre-training, synthetic data
    /// generation and fine-tuning (recital 111).
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(d)", "Art. 51(2)", "Model Documentation Form: amount of computation used for training"]))]
    pub training_flop: Option<f64>,
    /// How `training_flop` was obtained.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: measurement methodology", "Guidelines"]))]
    pub method: Option<ComputeMethod>,
    /// Measurement or estimation methodology in words.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: measurement methodology"]))]
    pub methodology: Option<Markdown>,
    /// Stated error margin of the figure, in percent (for an estimate).
    #[schemars(range(min = 0, max = 100))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub error_margin_percent: Option<f64>,
    /// Inputs of the estimate of `training_flop`, so that it can be checked.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub estimate_inputs: EstimateInputs,
    /// Worksheet or log behind the figures, kept in the dossier.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(d)", "CoP Transparency M1.3"]))]
    pub evidence: Option<EvidencePath>,
    /// Compute per activity, in FLOP.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Recital 111"]))]
    pub breakdown: ComputeBreakdown,
    /// Wall-clock training time in days.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Annex XI §1.2(d)", "Model Documentation Form: training time"]))]
    pub wall_clock_days: Option<f64>,
    /// Training time in hardware-days (accelerator count times days).
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Annex XI §1.2(d)", "Model Documentation Form: training time"]))]
    pub hardware_days: Option<f64>,
    /// Other relevant training details.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(d)"]))]
    pub other_details: Option<Markdown>,
    /// For a modification of another model: the compute of the modification alone.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines", "Recital 109"]))]
    pub modification: ModificationCompute,
}

/// How training compute was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ComputeMethod {
    /// From the architecture: FLOP per forward and backward pass times training examples; for
    /// dense transformers about 6 · parameters · tokens.
    Architecture,
    /// From the hardware: accelerators × hours × peak FLOP/s × utilisation.
    Hardware,
    /// Measured with profiling counters.
    Measured,
}

/// Inputs of a compute estimate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EstimateInputs {
    /// Parameters used in the estimate (N in 6·N·D).
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub parameters: Option<f64>,
    /// Training tokens (D in 6·N·D).
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub tokens: Option<f64>,
    /// Number of accelerators.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub accelerator_count: Option<u64>,
    /// Accelerator type (for example "NVIDIA H100 SXM").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub accelerator_type: Option<String>,
    /// Peak throughput of one accelerator in FLOP/s at the training precision.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub peak_flop_per_second: Option<f64>,
    /// Wall-clock hours of training with `accelerator_count` accelerators.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub hours: Option<f64>,
    /// Total accelerator-hours (for example GPU-hours) when that is what was recorded;
    /// replaces `accelerator_count` × `hours` in a hardware-based estimate.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub accelerator_hours: Option<f64>,
    /// Average utilisation of peak throughput, between 0 and 1.
    #[schemars(range(min = 0, max = 1))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub utilisation: Option<f64>,
}

/// Training compute per activity (recital 111).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComputeBreakdown {
    /// Pre-training, FLOP.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Recital 111"]))]
    pub pre_training: Option<f64>,
    /// Generating synthetic training data, FLOP.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Recital 111"]))]
    pub synthetic_data_generation: Option<f64>,
    /// Fine-tuning, including reinforcement learning, FLOP.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Recital 111"]))]
    pub fine_tuning: Option<f64>,
    /// Anything else meant to enhance capabilities before deployment, FLOP.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Recital 111"]))]
    pub other: Option<f64>,
}

/// Compute of a modification of another model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModificationCompute {
    /// Compute used for the modification, in FLOP.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines", "Recital 109"]))]
    pub flop: Option<f64>,
    /// How it was obtained.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub method: Option<ComputeMethod>,
    /// What the modification was.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Recital 109"]))]
    pub description: Option<Markdown>,
    /// Inputs of the estimate of `flop`.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub estimate_inputs: EstimateInputs,
    /// Wall-clock days of the modification.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Annex XI §1.2(d)"]))]
    pub wall_clock_days: Option<f64>,
    /// Hardware-days of the modification.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Annex XI §1.2(d)"]))]
    pub hardware_days: Option<f64>,
}

/// Energy consumption.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Energy {
    /// Energy used for training in megawatt-hours, to at least two significant figures.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(e)", "Model Documentation Form: amount of energy used for training"]))]
    pub training_mwh: Option<f64>,
    /// Whether the figure was measured or estimated.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(e)"]))]
    pub method: Option<EnergyMethod>,
    /// What the figure covers.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(e)"]))]
    pub scope: Option<EnergyScope>,
    /// Measurement methodology, about a hundred words.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: measurement methodology"]))]
    pub methodology: Option<Markdown>,
    /// Greenhouse-gas emissions of training in tonnes of CO2 equivalent (location-based),
    /// where known; not asked for by the Form but often published.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(e)"]))]
    pub training_emissions_tco2eq: Option<f64>,
    /// Why the training energy is not available, instead of a figure (the Form allows "N/A"
    /// when a compute or hardware provider withholds what is needed).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: amount of energy used for training"]))]
    pub not_available_reason: Option<String>,
    /// Worksheet or metering report behind the figures, kept in the dossier.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(e)", "CoP Transparency M1.3"]))]
    pub evidence: Option<EvidencePath>,
    /// Benchmarked compute of inference, which stands in for inference energy.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: benchmarked amount of computation used for inference"]))]
    pub inference: InferenceBenchmark,
}

/// How an energy figure was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EnergyMethod {
    /// Measured at the hardware or facility.
    Measured,
    /// Estimated from hardware power draw and time.
    EstimatedFromHardware,
    /// Estimated from compute (Annex XI §1.2(e) allows this when energy is unknown).
    EstimatedFromCompute,
}

/// What an energy figure covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EnergyScope {
    /// The accelerators alone.
    Accelerators,
    /// All IT equipment of the training cluster (accelerators, hosts, network, storage).
    ItEquipment,
    /// The whole facility, including cooling (IT equipment × PUE).
    Facility,
}

/// The Form's inference benchmark.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InferenceBenchmark {
    /// Compute of the benchmark task in FLOP, to at least two significant figures.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: benchmarked amount of computation used for inference"]))]
    pub flop: Option<f64>,
    /// The benchmark task (for example "generating 100 000 tokens").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: measurement methodology"]))]
    pub task: Option<String>,
    /// Hardware the benchmark ran on (for example "8 × NVIDIA H100").
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: measurement methodology"]))]
    pub hardware: Option<String>,
    /// Methodology in words.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Model Documentation Form: measurement methodology"]))]
    pub methodology: Option<Markdown>,
}
