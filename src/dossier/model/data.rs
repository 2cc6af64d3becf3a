//! `data.yaml`, kept by the data team: the training, testing and validation data as Annex XI
//! §1.2(c) asks for it, and every section of the AI Office template for the public summary of
//! training content (§1.3 overall characteristics, §2.1–§2.6 sources, §3.1–§3.3 processing).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::*;

/// `data.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "aiact dossier: training, testing and validation data (data.yaml)")]
pub struct DataFile {
    /// Overall characteristics of the training data (template §1.3) and the Annex XI
    /// description of training, testing and validation data.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.2(c)", "Template §1.3"]))]
    pub overview: DataOverview,
    /// The sources of training data, category by category (template §2).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1", "Template §2.2", "Template §2.3", "Template §2.4", "Template §2.5", "Template §2.6"]))]
    pub sources: Sources,
    /// Data processing aspects (template §3).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_PUBLIC, "x-aiact-basis" = ["Template §3.1", "Template §3.2", "Template §3.3"]))]
    pub processing: Processing,
}

/// Overall characteristics of the data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataOverview {
    /// The modalities of the training data, each with its size band and content types.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3", "Annex XI §1.2(c)", "Annex XII §2(c)", "Model Documentation Form: data type/modality"]))]
    pub modalities: TrainingModalities,
    /// Latest date of data collection, MM/YYYY.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub latest_collection_date: Option<MonthYear>,
    /// Whether the model keeps being trained on data collected after that date: not
    /// continued, continued, or updated periodically.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub continued_training: Option<ContinuedTraining>,
    /// Languages in the training data: each an ISO 639-1 code (en, fr, de) or, for a language
    /// without one, an ISO 639-3 code (szl for Silesian, gsw for Swiss German), or a mapping
    /// with the code and its approximate share: {code: en, share_percent: 60}. `[]` answers
    /// that the data has no language (for example images only). The summary names the
    /// official languages of the Union among them.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub languages: Option<Vec<LanguageEntry>>,
    /// The linguistic characteristics of the data in words, for example "two languages make
    /// up about 90 %, the rest is mainly other EU languages".
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub linguistic_description: Option<Markdown>,
    /// Other relevant characteristics of the overall training data: national or regional
    /// specificities, demographic specificities.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub other_characteristics: Option<Markdown>,
    /// How sizes were counted: tokenizer, compression, sampling rate or frame rate
    /// (template §1.3 comments).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub size_methodology: Option<Markdown>,
    /// Optional further comments on §1.3.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub comments: Option<Markdown>,
    /// Number of data points, with their unit (Annex XI only; not for downstream providers
    /// or the public).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(c)", "Model Documentation Form: number of data points"]))]
    pub data_points: DataPoints,
    /// Scope and main characteristics of the data (domains, languages, time range).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(c)", "Model Documentation Form: scope and main characteristics"]))]
    pub scope_and_characteristics: Option<Markdown>,
    /// How the data was obtained and selected.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(c)", "Model Documentation Form: how data was obtained and selected"]))]
    pub how_obtained_and_selected: Option<Markdown>,
    /// Curation methods: cleaning, filtering, deduplication.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.2(c)", "Annex XII §2(c)", "Model Documentation Form: data curation methodologies"]))]
    pub curation_methods: Option<Markdown>,
    /// Measures to detect unsuitable data sources.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(c)", "Model Documentation Form: measures to detect unsuitability of data sources"]))]
    pub unsuitability_detection: Option<Markdown>,
    /// Methods to detect identifiable biases.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(c)", "Model Documentation Form: measures to detect identifiable biases"]))]
    pub bias_detection: Option<Markdown>,
    /// The data used for testing and validation, where it differs from training data.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_DOWNSTREAM, "x-aiact-basis" = ["Annex XI §1.2(c)", "Annex XII §2(c)"]))]
    pub testing_and_validation: Option<Markdown>,
}

/// The modalities of the training data, as the template's tick boxes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingModalities {
    /// Text.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub text: ModalityData<TextSize>,
    /// Images.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub image: ModalityData<ImageSize>,
    /// Audio.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub audio: ModalityData<HoursSize>,
    /// Video. (The video size bands are read from one encoding of the template and are
    /// unverified against the official PDF.)
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub video: ModalityData<HoursSize>,
    /// Other modalities, each named.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub other: Option<Vec<OtherModalityData>>,
}

/// Whether one modality is in the training data, how much, and what kind of content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModalityData<Size> {
    /// Whether the training data contains this modality.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub present: Option<bool>,
    /// The template's size band.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub size_band: Option<Size>,
    /// An approximate size, in `approximate_size_unit`, in addition to the band.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub approximate_size: Option<f64>,
    /// Unit of the approximate size (tokens, images, hours).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub approximate_size_unit: Option<String>,
    /// Types of content (for example fiction, scientific text, source code, photography).
    /// Content types only, not why they were included.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub content_types: Option<Vec<String>>,
}

impl<Size> Default for ModalityData<Size> {
    fn default() -> Self {
        ModalityData {
            present: None,
            size_band: None,
            approximate_size: None,
            approximate_size_unit: None,
            content_types: None,
        }
    }
}

/// Whether the model is trained further on data collected after the latest collection date
/// (template §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContinuedTraining {
    /// The model is not trained further on data collected after that date.
    NotContinued,
    /// The model continues to be trained on data collected after that date.
    Continued,
    /// The model may be updated periodically with data collected after that date.
    PeriodicUpdates,
}

/// A narrative the template allows instead of a list, with the reason a list is not given
/// (for example "public-sector domains and forums, not disclosed individually").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NarrativeAlternative {
    /// What the list would hold, described.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1", "Template §2.3"]))]
    pub description: Option<Markdown>,
    /// Why a narrative is given instead of the list.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1", "Template §2.3"]))]
    pub justification: Option<Markdown>,
}

/// Template size bands for text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TextSize {
    /// Less than 1 billion tokens.
    #[serde(rename = "below_1b_tokens")]
    Below1BTokens,
    /// 1 billion to 10 trillion tokens.
    #[serde(rename = "1b_to_10t_tokens")]
    From1BTo10TTokens,
    /// More than 10 trillion tokens.
    #[serde(rename = "above_10t_tokens")]
    Above10TTokens,
    /// Not known.
    NotKnown,
}

/// Template size bands for images.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImageSize {
    /// Less than 1 million images.
    #[serde(rename = "below_1m_images")]
    Below1MImages,
    /// 1 million to 1 billion images.
    #[serde(rename = "1m_to_1b_images")]
    From1MTo1BImages,
    /// More than 1 billion images.
    #[serde(rename = "above_1b_images")]
    Above1BImages,
    /// Not known.
    NotKnown,
}

/// Template size bands for audio and video.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HoursSize {
    /// Less than 10 000 hours.
    #[serde(rename = "below_10k_hours")]
    Below10KHours,
    /// 10 000 to 1 million hours.
    #[serde(rename = "10k_to_1m_hours")]
    From10KTo1MHours,
    /// More than 1 million hours.
    #[serde(rename = "above_1m_hours")]
    Above1MHours,
    /// Not known.
    NotKnown,
}

/// A modality outside text, image, audio and video.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherModalityData {
    /// Name of the modality (for example "protein sequences").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub name: String,
    /// Size with a sensible unit (for example "2.1 million sequences").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub size: Option<String>,
    /// Types of content.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §1.3"]))]
    pub content_types: Option<Vec<String>>,
}

/// Number of data points.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataPoints {
    /// The count.
    #[schemars(range(min = 0))]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(c)", "Model Documentation Form: number of data points"]))]
    pub count: Option<f64>,
    /// What one data point is (for example tokens, documents, image-text pairs).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(c)", "Model Documentation Form: number of data points"]))]
    pub unit: Option<String>,
    /// How the count was obtained.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(c)"]))]
    pub methodology: Option<Markdown>,
}

/// A collection period, month by month.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectionPeriod {
    /// First month of collection, MM/YYYY (or the year, YYYY). Left out when only the end is
    /// known: the summary then says the start is not known.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1", "Template §2.3"]))]
    pub from: Option<MonthYear>,
    /// Last month of collection, MM/YYYY (or the year, YYYY); left out while collection goes
    /// on (`ongoing: true`).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1", "Template §2.3"]))]
    pub to: Option<MonthYear>,
    /// Set to true when collection has not ended (there is no `to` yet).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1", "Template §2.3"]))]
    pub ongoing: Option<bool>,
    /// Set to true when the period is not known; the summary then says so explicitly.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub not_known: Option<bool>,
}

/// The template's data-source categories.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    /// §2.1 Publicly available datasets.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1", "Annex XII §2(c)"]))]
    pub public_datasets: PublicDatasets,
    /// §2.2.1 Datasets commercially licensed from rightsholders or their representatives.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.2", "Annex XII §2(c)"]))]
    pub licensed_data: LicensedData,
    /// §2.2.2 Other private datasets obtained from third parties.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.2", "Annex XII §2(c)"]))]
    pub other_private_data: OtherPrivateData,
    /// §2.3 Data crawled and scraped from online sources by or on behalf of the provider.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3", "Annex XII §2(c)"]))]
    pub crawled_data: CrawledData,
    /// §2.4 User data.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.4", "Annex XII §2(c)"]))]
    pub user_data: UserData,
    /// §2.5 Synthetic data.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5", "Annex XII §2(c)"]))]
    pub synthetic_data: SyntheticData,
    /// §2.6 Other sources of data.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.6", "Annex XII §2(c)"]))]
    pub other_sources: OtherSources,
}

/// §2.1 Publicly available datasets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicDatasets {
    /// Were publicly available datasets used? (yes/no)
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub used: Option<bool>,
    /// Modalities of the publicly available data.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub modalities: Option<Vec<Modality>>,
    /// The large ones: every dataset above 3 % of all publicly available data used for its
    /// modality, with name and link.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub large_datasets: Option<Vec<NamedDataset>>,
    /// Instead of the list of large datasets, where the template allows it: a description and
    /// why the datasets are not listed individually.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub large_datasets_narrative: NarrativeAlternative,
    /// General description of the other publicly available datasets: modalities, nature of
    /// content, languages.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub other_datasets_description: Option<Markdown>,
    /// Approximate collection period of the other datasets, or that it is not known.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub other_datasets_period: CollectionPeriod,
    /// Optional comments (for example dataset sizes).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub comments: Option<Markdown>,
}

/// A dataset listed by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NamedDataset {
    /// Name or identifier of the dataset.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1", "Template §2.2"]))]
    pub name: String,
    /// Version of the dataset used.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1", "Template §2.2"]))]
    pub version: Option<String>,
    /// Link to the dataset or information about it.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1", "Template §2.2"]))]
    pub url: Option<Url>,
    /// Who publishes or supplies it.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.2"]))]
    pub publisher: Option<String>,
    /// Modality of its content.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1", "Template §2.2"]))]
    pub modality: Option<Modality>,
    /// Licence of the dataset (SPDX identifier or name).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Annex XI §1.2(c)"]))]
    pub licence: Option<String>,
    /// Share of all publicly available data of its modality, in percent.
    #[schemars(range(min = 0, max = 100))]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub share_percent: Option<f64>,
    /// Approximate size (for example "1.2 trillion tokens").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub size: Option<String>,
    /// Whether the whole dataset was used (`false`: only a part, which `subset_selection`
    /// describes).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub whole_dataset: Option<bool>,
    /// Where only part of the dataset was used: how the part was selected.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub subset_selection: Option<Markdown>,
    /// Languages of its content: ISO 639-1 codes (en), or ISO 639-3 codes (szl) for
    /// languages without one.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.1"]))]
    pub languages: Option<Vec<LanguageCode>>,
    /// The dataset card or other documentation kept in the dossier.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §1.2(c)"]))]
    pub evidence: Option<EvidencePath>,
}

/// §2.2.1 Commercially licensed data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LicensedData {
    /// Was data commercially licensed from rightsholders or their representatives? (yes/no)
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.2"]))]
    pub used: Option<bool>,
    /// Modalities of the licensed data.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.2"]))]
    pub modalities: Option<Vec<Modality>>,
    /// General description of the licensed data.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.2"]))]
    pub description: Option<Markdown>,
    /// Optional comments.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.2"]))]
    pub comments: Option<Markdown>,
}

/// §2.2.2 Other private data from third parties.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherPrivateData {
    /// Were other private datasets obtained from third parties (for example database vendors,
    /// intermediaries)? (yes/no)
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.2"]))]
    pub used: Option<bool>,
    /// Modalities of that data.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.2"]))]
    pub modalities: Option<Vec<Modality>>,
    /// The publicly known ones (or those the provider chooses to disclose), by name.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.2"]))]
    pub publicly_known_datasets: Option<Vec<NamedDataset>>,
    /// General description of the others.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.2"]))]
    pub description: Option<Markdown>,
    /// Optional comments (collection period, sizes).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.2"]))]
    pub comments: Option<Markdown>,
}

/// §2.3 Crawled and scraped data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrawledData {
    /// Were crawlers used by or on behalf of the provider? (yes/no)
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub used: Option<bool>,
    /// Modalities of the crawled data.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub modalities: Option<Vec<Modality>>,
    /// Each crawler, with its purpose and collection period.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3", "CoP Copyright M1.3"]))]
    pub crawlers: Option<Vec<Crawler>>,
    /// How the crawlers behave.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3", "CoP Copyright M1.2", "CoP Copyright M1.3"]))]
    pub behaviour: CrawlerBehaviour,
    /// Comprehensive description of the content and online sources crawled: kinds of
    /// websites, geography, languages, demography.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub content_description: Option<Markdown>,
    /// The most relevant domain names by volume of content scraped.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub top_domains: TopDomains,
    /// Optional comments (for example more domains than required, sources of works).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub comments: Option<Markdown>,
}

/// A crawler.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Crawler {
    /// Name or identifier of the crawler, or of the group of crawlers.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub name: String,
    /// Set to true when the entry describes several crawlers together (for example "the
    /// crawlers listed at …").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub group: Option<bool>,
    /// Where the crawler, or each crawler of the group, is described.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub url: Option<Url>,
    /// The user-agent token it identifies itself with, which pins down one crawler.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3", "CoP Copyright M1.3"]))]
    pub user_agent: Option<String>,
    /// Whether the provider runs it or a third party runs it on the provider's behalf.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub operated_by: Option<CrawlerOperator>,
    /// What it collects data for.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub purposes: Option<Vec<String>>,
    /// When it collected data.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub period: CollectionPeriod,
}

/// Who runs a crawler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CrawlerOperator {
    /// The provider itself.
    Provider,
    /// A third party on the provider's behalf.
    ThirdParty,
}

/// Crawler behaviour, topic by topic as the template's assessors look for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrawlerBehaviour {
    /// How CAPTCHAs are treated.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3", "CoP Copyright M1.2"]))]
    pub captchas: Option<Markdown>,
    /// How paywalls are treated.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3", "CoP Copyright M1.2"]))]
    pub paywalls: Option<Markdown>,
    /// How password-protected or login-only pages are treated.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3", "CoP Copyright M1.2"]))]
    pub login_walls: Option<Markdown>,
    /// Anything else relevant about crawler behaviour.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub other: Option<Markdown>,
}

/// The summary list of the most relevant domains.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TopDomains {
    /// Total number of distinct domain names crawled; the required list length derives from
    /// it (top 10 %; SMEs: top 5 % or 1 000, whichever is lower).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub total_domains: Option<u64>,
    /// How "volume of content" was measured (for example tokens after filtering).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub measured_by: Option<String>,
    /// The domains, largest first.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub domains: Option<Vec<String>>,
    /// A text or CSV file in the dossier with one domain per line, largest first, for lists
    /// too long to keep here; it is published with the summary.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub domains_file: Option<EvidencePath>,
    /// Instead of the domain list, where the template allows it: a description of the
    /// domains and why they are not listed individually.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3"]))]
    pub narrative: NarrativeAlternative,
}

/// §2.4 User data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UserData {
    /// Was data from user interactions with the model (prompts, inputs) used? (yes/no)
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.4"]))]
    pub from_model_interactions: Option<bool>,
    /// Was data collected from users of the provider's other services or products used?
    /// (yes/no)
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.4"]))]
    pub from_other_services: Option<bool>,
    /// The services or products whose user data was used.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.4"]))]
    pub services: Option<Vec<UserDataService>>,
    /// Modalities of the user data.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.4"]))]
    pub modalities: Option<Vec<Modality>>,
    /// Optional comments.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.4"]))]
    pub comments: Option<Markdown>,
}

/// A service whose users' data was used.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UserDataService {
    /// Name of the service or product, unambiguous.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.4"]))]
    pub name: String,
    /// What data it contributed.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.4"]))]
    pub description: Option<Markdown>,
    /// Link to the service or its privacy notice.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.4"]))]
    pub url: Option<Url>,
}

/// §2.5 Synthetic data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SyntheticData {
    /// Was synthetic data generated by or for the provider from another AI model's outputs
    /// (distillation, RL from AI feedback) used? AI used only to clean or enrich data does not
    /// count. (yes/no)
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub used: Option<bool>,
    /// Modalities of the synthetic data.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub modalities: Option<Vec<Modality>>,
    /// GPAI models on the market used to generate it, with links to their summaries.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub generators_on_market: Option<Vec<GeneratorModel>>,
    /// Other generator models, including the provider's own models not on the market.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub other_generators: Option<Vec<GeneratorModel>>,
    /// Optional comments.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub comments: Option<Markdown>,
}

/// A model used to generate synthetic training data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GeneratorModel {
    /// Name of the model, precise enough to identify it.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub name: Option<String>,
    /// Where the models are not named: what kind of models they are (for example
    /// "fine-tuned internal models").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub category: Option<String>,
    /// Version.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub version: Option<String>,
    /// Its provider.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub provider: Option<String>,
    /// Link to the model's page or repository.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub url: Option<Url>,
    /// Link to its public summary of training content, where one exists.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub summary_url: Option<Url>,
    /// Why no summary link is given (for example "not placed on the Union market").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub summary_unavailable: Option<String>,
    /// What it generated; for models not on the market, also a general description of the
    /// model and its training data.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.5"]))]
    pub description: Option<Markdown>,
}

/// §2.6 Other sources.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherSources {
    /// Were other sources used (for example human-written annotation or preference data)?
    /// (yes/no)
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.6"]))]
    pub used: Option<bool>,
    /// Modalities of that data.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.6"]))]
    pub modalities: Option<Vec<Modality>>,
    /// What they are and what data they gave.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.6"]))]
    pub description: Option<Markdown>,
    /// Optional comments.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.6"]))]
    pub comments: Option<Markdown>,
}

/// Template §3 Data processing aspects.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Processing {
    /// §3.1 Measures taken before and during collection to honour text-and-data-mining
    /// opt-outs (Art. 4(3) of Directive (EU) 2019/790): robots.txt, datasets carrying
    /// reservations, keeping up with reservations. The Code of Practice signatory answer comes
    /// from `provider.code_of_practice.copyright`.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_PUBLIC, "x-aiact-basis" = ["Template §3.1", "Art. 53(1)(c)"]))]
    pub opt_out_measures: Option<Markdown>,
    /// Optional comments on §3.1, for example a summary of the copyright policy.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_PUBLIC, "x-aiact-basis" = ["Template §3.1"]))]
    pub opt_out_comments: Option<Markdown>,
    /// §3.2 Measures taken to avoid or remove illegal content (for example child sexual abuse
    /// material) from the training data; state the measures taken, not what they may include.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_PUBLIC, "x-aiact-basis" = ["Template §3.2"]))]
    pub illegal_content_measures: Option<Markdown>,
    /// §3.3 Other information on data processing (optional).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES_PUBLIC, "x-aiact-basis" = ["Template §3.3"]))]
    pub other_information: Option<Markdown>,
}
