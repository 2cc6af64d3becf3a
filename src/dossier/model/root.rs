//! `aiact.yaml`, the dossier root kept by the compliance and legal team: who the provider is,
//! which model and versions the dossier covers, how it is licensed, distributed and meant to
//! be used, and the version history of each rendered document.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::*;

/// The dossier format version this build of aiact reads.
pub const FORMAT_VERSION: u32 = 2;

/// `aiact.yaml`: the dossier root.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "aiact dossier root (aiact.yaml)")]
pub struct RootFile {
    /// Dossier format version. This release of aiact reads version 2; `aiact migrate`
    /// rewrites a version-1 dossier.
    #[schemars(range(min = 2, max = 2))]
    #[schemars(extend("x-aiact-audiences" = PROVIDER_ONLY))]
    pub format_version: u32,
    /// The provider: the legal person that places the model on the Union market under its
    /// own name (Art. 3(3)).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 3(3)", "Template §1.1"]))]
    pub provider: Provider,
    /// The model this dossier documents.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1", "Annex XII §1", "Template §1.2"]))]
    pub model: Model,
    /// Version bookkeeping of each document aiact renders from this dossier.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.1"]))]
    pub documents: Documents,
    /// Findings the provider accepts knowingly, each with a reason, an approver and an expiry
    /// date. Waived findings stay visible as waived in every output; an expired waiver is an
    /// error and a waiver that matches nothing is a warning.
    #[schemars(extend("x-aiact-audiences" = PROVIDER_ONLY))]
    pub waivers: Option<Vec<Waiver>>,
}

/// A knowingly accepted finding.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule waived, by id (for example `SUM-007`).
    #[schemars(extend("x-aiact-audiences" = PROVIDER_ONLY))]
    pub rule: String,
    /// Limits the waiver to findings about this field path (or below it).
    #[schemars(extend("x-aiact-audiences" = PROVIDER_ONLY))]
    pub path: Option<String>,
    /// Why the finding is accepted.
    #[schemars(extend("x-aiact-audiences" = PROVIDER_ONLY))]
    pub reason: Markdown,
    /// Who approved the waiver (name and role).
    #[schemars(extend("x-aiact-audiences" = PROVIDER_ONLY))]
    pub approved_by: String,
    /// Date of the approval.
    #[schemars(extend("x-aiact-audiences" = PROVIDER_ONLY))]
    pub approved_on: Option<NaiveDate>,
    /// Last day the waiver holds; after it the finding counts again and the waiver is
    /// reported as expired.
    #[schemars(extend("x-aiact-audiences" = PROVIDER_ONLY))]
    pub expires: NaiveDate,
}

/// The provider of the model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Legal name of the provider, precise enough to identify one legal entity (for example
    /// "Example AI SAS", not a brand).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: legal name", "Template §1.1"]))]
    pub legal_name: Option<String>,
    /// Registered address of the legal entity.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.1"]))]
    pub registered_address: Option<String>,
    /// Country where the provider is established, as an ISO 3166-1 alpha-2 code (for example
    /// FR, US).
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 54(1)"]))]
    pub country: Option<String>,
    /// Whether the provider is established in the Union. A provider established in a third
    /// country must appoint an authorised representative before placing the model on the
    /// market (Art. 54(1)).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 54(1)", "Art. 2(1)(a)"]))]
    pub established_in_eu: Option<bool>,
    /// Whether the provider is an SME or start-up (Commission Recommendation 2003/361/EC).
    /// SMEs may list fewer top domains in the training-content summary and may use simplified
    /// compliance (recital 109).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_PUBLIC, "x-aiact-basis" = ["Template §2.3", "Recital 109"]))]
    pub is_sme: Option<bool>,
    /// Contact for the public summary: a dedicated point of contact rather than a generic
    /// company address.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.1"]))]
    pub contact: Contact,
    /// Publicly disclosed contact through which the AI Office and downstream providers can
    /// request the documentation.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.2", "Art. 53(1)(b)"]))]
    pub documentation_contact: Contact,
    /// Authorised representative in the Union, required for providers established outside
    /// the Union unless the open-source exemption of Art. 54(6) applies.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 54(1)", "Art. 54(3)", "Template §1.1"]))]
    pub authorised_representative: AuthorisedRepresentative,
    /// Whether the provider has signed each chapter of the General-Purpose AI Code of Practice.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(4)", "Art. 55(2)", "Template §3.1"]))]
    pub code_of_practice: CodeOfPractice,
    /// Registry numbers that identify the legal entity (commercial register, VAT, LEI, EUID).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.1"]))]
    pub registration_ids: Option<Vec<RegistrationId>>,
}

/// A registry number of the provider.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationId {
    /// The register or scheme (for example "Swiss commercial register (UID)", "LEI", "EUID").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.1"]))]
    pub scheme: String,
    /// The number in that register.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.1"]))]
    pub id: String,
    /// Where the entry can be looked up.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.1"]))]
    pub url: Option<Url>,
}

/// The authorised representative appointed under Art. 54.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorisedRepresentative {
    /// Legal name of the representative.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 54(1)", "Template §1.1"]))]
    pub name: Option<String>,
    /// How to reach the representative.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 54(3)(b)", "Template §1.1"]))]
    pub contact: Contact,
    /// Whether the representative is established in the Union, as Art. 54(1) requires.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 3(5)", "Art. 54(1)"]))]
    pub established_in_eu: Option<bool>,
    /// Member State of establishment, ISO 3166-1 alpha-2.
    #[schemars(regex(pattern = r"^[A-Z]{2}$"))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 54(1)"]))]
    pub country: Option<String>,
    /// The written mandate.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 54(1)", "Art. 54(3)"]))]
    pub mandate: Mandate,
}

/// The written mandate of the authorised representative.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mandate {
    /// Date the mandate was signed; it must precede placement on the Union market.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 54(1)"]))]
    pub signed: Option<NaiveDate>,
    /// Tasks the mandate empowers the representative to carry out; Art. 54(3)(a)–(d) requires
    /// all four.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 54(3)"]))]
    pub tasks: Option<Vec<MandateTask>>,
    /// Official Union language the mandate can be supplied in to the AI Office, as its
    /// ISO 639-1 code (for example de).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 54(3)"]))]
    pub language: Option<LanguageCode>,
    /// Copy of the mandate kept in the dossier.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 54(3)"]))]
    pub document: Option<EvidencePath>,
}

/// The tasks Art. 54(3) requires the mandate to cover.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MandateTask {
    /// (a) verify that the Annex XI documentation exists and Art. 53 (and 55) duties are met.
    VerifyDocumentation,
    /// (b) keep a copy of the Annex XI documentation and the provider's contact details for
    /// ten years after placement.
    KeepDocumentationTenYears,
    /// (c) provide the AI Office, on reasoned request, with information to demonstrate
    /// compliance.
    ProvideInformation,
    /// (d) cooperate with the AI Office and competent authorities.
    Cooperate,
}

/// Signatory status per chapter of the General-Purpose AI Code of Practice (10 July 2025).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeOfPractice {
    /// Signatory of the Transparency chapter.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(4)"]))]
    pub transparency: Option<bool>,
    /// Signatory of the Copyright chapter; the training-content summary asks this in §3.1.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(4)", "Template §3.1"]))]
    pub copyright: Option<bool>,
    /// Signatory of the Safety and Security chapter (systemic-risk models).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 55(2)"]))]
    pub safety_and_security: Option<bool>,
    /// Where a chapter is not signed: the alternative adequate means of compliance the
    /// provider relies on instead (Art. 53(4), 55(2)).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 53(4)", "Art. 55(2)"]))]
    pub alternative_means: Option<Markdown>,
}

/// The model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// Unique model name, for example "Example-LM 2 7B".
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: model name", "Template §1.2"]))]
    pub name: Option<String>,
    /// Identifier of the model collection or family, where applicable.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: model name"]))]
    pub family: Option<String>,
    /// The version this dossier documents, as distributed (for example a release tag or
    /// repository revision).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: model name", "Template §1.2"]))]
    pub version: Option<String>,
    /// Every publicly available version covered by this documentation.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: model name", "Template §1.2"]))]
    pub versions: Option<Vec<ModelVersion>>,
    /// Date the model was first released through any channel.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1(c)", "Annex XII §1(c)", "Model Documentation Form: release date"]))]
    pub release_date: Option<NaiveDate>,
    /// Whether the model has been placed on the Union market (first made available there,
    /// Art. 3(9)). `false` while a placement is only planned.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 3(9)", "Art. 53(1)"]))]
    pub placed_on_eu_market: Option<bool>,
    /// Date the model was (or is planned to be) placed on the Union market.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 111(3)", "Model Documentation Form: Union market release date", "Template §1.2"]))]
    pub eu_placement_date: Option<PartialDate>,
    /// Whether the model is used only for research, development or prototyping and not placed
    /// on the market; such models are outside the GPAI definition (Art. 3(63), Art. 2(8)).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 3(63)", "Art. 2(6)", "Art. 2(8)"]))]
    pub research_only: Option<bool>,
    /// Whether the provider considers the model a general-purpose AI model (Art. 3(63)).
    /// Leave empty to let aiact apply the guidelines' indicative criterion.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 3(63)", "Guidelines"]))]
    pub general_purpose: Option<bool>,
    /// Where `general_purpose` is false although the indicative criterion is met: why the
    /// model lacks significant generality (for example a narrow task).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 3(63)", "Guidelines"]))]
    pub narrow_purpose_justification: Option<Markdown>,
    /// Models on the market that this model modifies or fine-tunes. Empty for a model
    /// trained from scratch (the Form then says "N/A").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: model dependencies", "Template §1.2", "Recital 109"]))]
    pub dependencies: Option<Vec<Dependency>>,
    /// The licence the model is released under.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1(f)", "Annex XII §1(h)", "Art. 53(2)"]))]
    pub licence: Licence,
    /// What is publicly available about the model; decides the open-source exemption.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(2)", "Recital 102"]))]
    pub openness: Openness,
    /// Channels through which the model is made available in the Union.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1(c)", "Annex XII §1(c)", "Model Documentation Form: distribution channels"]))]
    pub distribution_channels: Option<Vec<DistributionChannel>>,
    /// Intended use, acceptable use policy and the AI systems the model fits into.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1(a)", "Annex XI §1.1(b)", "Annex XII §1(a)", "Annex XII §1(b)"]))]
    pub use_policy: UsePolicy,
    /// A generative AI system of the provider's own built on this model (Art. 50(2) marking
    /// duty of system providers).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 50(2)", "Recital 97"]))]
    pub own_generative_system: OwnGenerativeSystem,
}

/// One publicly available version of the model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelVersion {
    /// Version identifier, traceable to exactly one artefact (for example `v1.1` or a
    /// repository revision). An entry for a distinct model of a family may give its `name`
    /// instead, when the provider published no version identifier.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: model name", "Template §1.2"]))]
    pub version: Option<String>,
    /// Date this version was released.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: release date"]))]
    pub release_date: Option<NaiveDate>,
    /// Date this version was placed on the Union market.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.2"]))]
    pub eu_placement_date: Option<PartialDate>,
    /// Public documentation of this version (model card, repository page).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.2"]))]
    pub url: Option<Url>,
    /// Short description of what distinguishes this version.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.1"]))]
    pub notes: Option<Markdown>,
    /// Where one summary covers a family of distinct models: this model's own name (for
    /// example "Apertus-70B-Instruct").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.2"]))]
    pub name: Option<String>,
    /// Models this version modifies, where they differ from `model.dependencies` (`[]`: this
    /// version modifies no other model).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: model dependencies", "Template §1.2"]))]
    pub dependencies: Option<Vec<Dependency>>,
}

/// A model on the market that this model was derived from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    /// Name of the upstream model.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: model dependencies", "Template §1.2"]))]
    pub name: String,
    /// Version of the upstream model.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: model dependencies", "Template §1.2"]))]
    pub version: Option<String>,
    /// Provider of the upstream model.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.2"]))]
    pub provider: Option<String>,
    /// How this model derives from it.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Recital 109", "Guidelines"]))]
    pub relationship: Option<DependencyRelationship>,
    /// Link to the upstream model's public summary of training content.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.2"]))]
    pub summary_url: Option<Url>,
    /// Why no summary link is given (for example "no public summary has been published").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.2"]))]
    pub summary_unavailable: Option<String>,
    /// Link to the upstream model's documentation or repository.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.2"]))]
    pub url: Option<Url>,
    /// Cumulative training compute of the upstream model in FLOP, where known; used for the
    /// one-third test of whether the modifier becomes a provider.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub training_compute_flop: Option<f64>,
    /// Whether the upstream model is a GPAI model with systemic risk.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Guidelines"]))]
    pub systemic_risk: Option<bool>,
}

/// How a model derives from an upstream model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DependencyRelationship {
    /// Supervised or preference fine-tuning of the upstream weights.
    FineTune,
    /// Further pre-training of the upstream weights on new data.
    ContinuedPretraining,
    /// Training a new model on the upstream model's outputs.
    Distillation,
    /// Merging weights of several models.
    Merge,
    /// Quantisation or pruning of the upstream weights.
    Quantisation,
    /// Another modification; describe it in the technical documentation.
    Other,
}

/// The model's licence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    /// SPDX identifier where there is one (for example `Apache-2.0`), or the licence's name.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1(f)", "Annex XII §1(h)"]))]
    pub identifier: Option<String>,
    /// Link to the licence text.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1(f)", "Annex XII §1(h)", "Model Documentation Form: licence"]))]
    pub url: Option<Url>,
    /// Licence category as the Model Documentation Form asks for it.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: licence", "Art. 53(2)"]))]
    pub category: Option<LicenceCategory>,
    /// Whether the licence lets anyone access the model.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(2)", "Recital 102"]))]
    pub allows_access: Option<bool>,
    /// Whether the licence lets anyone use the model, for any purpose.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(2)", "Recital 102"]))]
    pub allows_use: Option<bool>,
    /// Whether the licence lets anyone modify the model.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(2)", "Recital 102"]))]
    pub allows_modification: Option<bool>,
    /// Whether the licence lets anyone redistribute the model and modified versions.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(2)", "Recital 102"]))]
    pub allows_distribution: Option<bool>,
    /// Restrictions beyond attribution and share-alike (non-commercial only, field-of-use
    /// limits, user thresholds); such restrictions defeat the open-source exemption.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(2)", "Guidelines"]))]
    pub restrictions: Option<Markdown>,
    /// Other assets released with the model (code, data, checkpoints) with their access and
    /// licences.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: licence"]))]
    pub additional_assets: Option<Vec<AdditionalAsset>>,
}

/// Licence category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LicenceCategory {
    /// A free and open-source licence allowing access, use, modification and distribution.
    FreeAndOpenSource,
    /// Weights are published under a licence with use restrictions.
    OpenWeightsRestricted,
    /// Proprietary terms.
    Proprietary,
    /// Anything else; explain under `restrictions`.
    Other,
}

/// An asset released alongside the model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdditionalAsset {
    /// What the asset is (for example "training code", "intermediate checkpoints").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: licence"]))]
    pub name: String,
    /// Who can access it and how.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: licence"]))]
    pub access: Option<String>,
    /// Its licence.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: licence"]))]
    pub licence: Option<String>,
    /// Where it is published.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: licence"]))]
    pub url: Option<Url>,
}

/// Public availability of the model's parameters and information, and monetisation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Openness {
    /// Whether the parameters, including the weights, are publicly available.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(2)"]))]
    pub weights_public: Option<bool>,
    /// Whether information on the model architecture is publicly available.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(2)"]))]
    pub architecture_public: Option<bool>,
    /// Whether information on model usage is publicly available.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(2)"]))]
    pub usage_information_public: Option<bool>,
    /// Whether the model is monetised: a price, paid support or services tied to it, or use
    /// of personal data beyond security, compatibility or interoperability (recital 103).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Recital 103", "Guidelines"]))]
    pub monetised: Option<bool>,
    /// How the model is monetised, where it is.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Recital 103", "Guidelines"]))]
    pub monetisation_details: Option<Markdown>,
    /// Where the weights are published.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(2)"]))]
    pub weights_url: Option<Url>,
}

/// A channel through which the model is made available in the Union.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DistributionChannel {
    /// The kind of channel, as the Model Documentation Form lists them.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: distribution channels"]))]
    pub kind: DistributionKind,
    /// Name of the channel (for example "Hugging Face Hub", "Example API").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1(c)", "Annex XII §1(c)"]))]
    pub name: Option<String>,
    /// Where it is.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1(c)"]))]
    pub url: Option<Url>,
    /// Level of access it gives (weights download, API only, hosted application).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: distribution channels"]))]
    pub access_level: Option<String>,
}

/// Kinds of distribution channel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DistributionKind {
    /// Enterprise or subscription software suites.
    EnterpriseSuite,
    /// Public or subscription API.
    Api,
    /// Integrated development environments, device-specific applications or firmware.
    IdeOrDeviceApp,
    /// Open-source repositories (for example a model hub).
    OpenSourceRepository,
    /// Anything else.
    #[default]
    Other,
}

/// Intended and acceptable use.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UsePolicy {
    /// Link to the acceptable use policy.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1(b)", "Annex XII §1(b)", "Model Documentation Form: acceptable use policy"]))]
    pub acceptable_use_policy_url: Option<Url>,
    /// Set to true, instead of giving a link, when no acceptable use policy exists; the Form
    /// asks providers to say so explicitly.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: acceptable use policy"]))]
    pub no_acceptable_use_policy: Option<bool>,
    /// Copy of the acceptable use policy kept in the dossier.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1(b)"]))]
    pub acceptable_use_policy_document: Option<EvidencePath>,
    /// Tasks the model is intended to perform (for example translation, coding assistance).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1(a)", "Annex XII §1(a)", "Model Documentation Form: intended uses"]))]
    pub intended_tasks: Option<Vec<String>>,
    /// Uses the provider restricts or prohibits beyond those prohibited by law.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Model Documentation Form: intended uses"]))]
    pub prohibited_uses: Option<Vec<String>>,
    /// Type and nature of AI systems the model can be integrated into.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.1(a)", "Annex XII §1(a)", "Model Documentation Form: type and nature of AI systems"]))]
    pub integrable_system_types: Option<Vec<String>>,
}

/// A generative AI system the provider itself places on the market, built on this model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnGenerativeSystem {
    /// Whether the provider places such a system on the market.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 50(2)"]))]
    pub placed: Option<bool>,
    /// Name of the system.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 50(2)"]))]
    pub name: Option<String>,
    /// Date it was placed on the market or put into service.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 50(2)", "Art. 111(4)"]))]
    pub placed_date: Option<NaiveDate>,
    /// How outputs are marked as artificially generated in a machine-readable, detectable way
    /// (watermark, metadata, fingerprint).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 50(2)"]))]
    pub output_marking: Option<Markdown>,
    /// Whether the marking is machine-readable.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 50(2)"]))]
    pub marking_machine_readable: Option<bool>,
}

/// Version bookkeeping of the documents aiact renders.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Documents {
    /// The technical documentation for the AI Office and national competent authorities.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 53(1)(a)", "CoP Transparency M1.1"]))]
    pub technical_documentation: DocumentRecord,
    /// The information for downstream providers.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Art. 53(1)(b)", "CoP Transparency M1.1"]))]
    pub downstream_information: DocumentRecord,
    /// The public summary of training content.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(d)"]))]
    pub training_content_summary: SummaryRecord,
    /// The copyright policy.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(c)", "CoP Copyright M1.1"]))]
    pub copyright_policy: DocumentRecord,
    /// Days within which downstream providers' requests for further information are answered;
    /// the Code of Practice says at the latest 14 days.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["CoP Transparency M1.2"]))]
    pub downstream_response_days: Option<u32>,
}

/// Version bookkeeping of the public summary of training content, plus what the template and
/// its assessors ask about publication.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SummaryRecord {
    /// Version number of the current summary.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(d)"]))]
    pub version: Option<String>,
    /// Date the current summary was last updated. The template expects an update at least
    /// every six months while training data changes.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(d)"]))]
    pub last_updated: Option<NaiveDate>,
    /// Where the summary is published (the model's page or the provider's website).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(d)"]))]
    pub canonical_url: Option<Url>,
    /// Where notices of future updates are published.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(d)"]))]
    pub update_notices_url: Option<Url>,
    /// The template version followed, for example "C(2025) 8311".
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(d)"]))]
    pub template_version: Option<String>,
    /// What changed in this version relative to the previous one.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(d)"]))]
    pub changes: Option<Markdown>,
    /// Earlier published versions, newest first.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(d)"]))]
    pub previous_versions: Option<Vec<PreviousVersion>>,
}
