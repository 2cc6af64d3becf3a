//! Value types shared by every dossier file: narrative text, month-precision dates, evidence
//! paths, contacts, quantities, and the audience marks each field carries.
//!
//! The marks are constants so that every `x-aiact-audiences` in the model reads like the Model
//! Documentation Form's recipient columns: AI Office (AIO), national competent authorities (NCA),
//! downstream providers (DP), and the public.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Shown to the AI Office only (the Form's AIO-only rows, such as exact compute).
pub const AIO: [&str; 1] = ["ai_office"];
/// Shown to the AI Office and national competent authorities (Annex XI-only content).
pub const AUTHORITIES: [&str; 2] = ["ai_office", "national_authorities"];
/// Shown to the authorities and to downstream providers (Annex XI and Annex XII content).
pub const AUTHORITIES_DOWNSTREAM: [&str; 3] = ["ai_office", "national_authorities", "downstream"];
/// Shown to the authorities and the public (training-content summary and copyright policy
/// content that Annex XII does not ask for).
pub const AUTHORITIES_PUBLIC: [&str; 3] = ["ai_office", "national_authorities", "public"];
/// Shown to everyone.
pub const EVERYONE: [&str; 4] = ["ai_office", "national_authorities", "downstream", "public"];
/// Bookkeeping of the dossier itself (format version, waivers): shown in no document but the
/// compliance report.
pub const PROVIDER_ONLY: [&str; 0] = [];

/// Narrative text. May hold Markdown; renderers treat it as untrusted text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Markdown(pub String);

impl Markdown {
    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for Markdown {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Markdown".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "contentMediaType": "text/markdown",
        })
    }
}

/// A collection date known to the month (`MM/YYYY`, as the AI Office template asks for data
/// collection dates) or only to the year (`YYYY`, as some real filings give it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthYear {
    /// Four-digit year.
    pub year: u16,
    /// Month, 1 to 12; `None` when only the year is known.
    pub month: Option<u8>,
}

/// The `format` keyword of collection dates; the validator checks it with [`MonthYear::parse`].
pub const MONTH_YEAR_FORMAT: &str = "aiact-month-year";

fn four_digit_year(text: &str) -> Option<u16> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

impl MonthYear {
    /// Parses `MM/YYYY` or `YYYY`; `None` for anything else.
    pub fn parse(text: &str) -> Option<MonthYear> {
        let Some((month, year)) = text.split_once('/') else {
            return four_digit_year(text).map(|year| MonthYear { year, month: None });
        };
        if month.len() != 2 || !month.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let month: u8 = month.parse().ok()?;
        let year = four_digit_year(year)?;
        (1..=12).contains(&month).then_some(MonthYear {
            year,
            month: Some(month),
        })
    }

    /// The first and the last day the date may mean.
    pub fn span(self) -> Option<(NaiveDate, NaiveDate)> {
        let year = i32::from(self.year);
        match self.month {
            Some(month) => {
                let first = NaiveDate::from_ymd_opt(year, u32::from(month), 1)?;
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, u32::from(month) + 1, 1)?
                };
                Some((first, next.pred_opt()?))
            }
            None => Some((
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            )),
        }
    }
}

impl fmt::Display for MonthYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.month {
            Some(month) => write!(f, "{month:02}/{:04}", self.year),
            None => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for MonthYear {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A date written as text, or a year written as a plain number (`from: 2024`, which YAML
/// reads as a number).
#[derive(Deserialize)]
#[serde(untagged)]
enum DateText {
    Text(String),
    Year(u64),
}

impl DateText {
    fn into_text(self) -> String {
        match self {
            DateText::Text(text) => text,
            DateText::Year(year) => year.to_string(),
        }
    }
}

impl<'de> Deserialize<'de> for MonthYear {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = DateText::deserialize(deserializer)?.into_text();
        MonthYear::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a month written MM/YYYY or a year written YYYY"
            ))
        })
    }
}

impl JsonSchema for MonthYear {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "MonthYear".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "integer"],
            "format": MONTH_YEAR_FORMAT,
            "minimum": 1000,
            "maximum": 9999,
            "description": "A month written MM/YYYY (for example 03/2025), or only the year, YYYY, when the month is not known.",
        })
    }
}

/// A date known to the day (`YYYY-MM-DD`), the month (`MM/YYYY`) or the year (`YYYY`): real
/// filings give a placement on the market as "November 2025".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    /// A day.
    Day(NaiveDate),
    /// A month or a year.
    Month(MonthYear),
}

/// The `format` keyword of partial dates; the validator checks it with [`PartialDate::parse`].
pub const PARTIAL_DATE_FORMAT: &str = "aiact-partial-date";

impl PartialDate {
    /// Parses `YYYY-MM-DD`, `MM/YYYY` or `YYYY`; `None` for anything else.
    pub fn parse(text: &str) -> Option<PartialDate> {
        if text.contains('-') {
            return NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .filter(|_| text.len() == 10)
                .map(PartialDate::Day);
        }
        MonthYear::parse(text).map(PartialDate::Month)
    }

    /// The first and the last day the date may mean (the same day for a day).
    pub fn span(self) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            PartialDate::Day(day) => Some((day, day)),
            PartialDate::Month(month) => month.span(),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Day(day) => write!(f, "{}", day.format("%Y-%m-%d")),
            PartialDate::Month(month) => month.fmt(f),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = DateText::deserialize(deserializer)?.into_text();
        PartialDate::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a date written YYYY-MM-DD, MM/YYYY or YYYY"
            ))
        })
    }
}

impl JsonSchema for PartialDate {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "integer"],
            "format": PARTIAL_DATE_FORMAT,
            "minimum": 1000,
            "maximum": 9999,
            "description": "A day written YYYY-MM-DD, or where only that is known a month written MM/YYYY or a year written YYYY.",
        })
    }
}

/// The `format` keyword that marks language codes in the schema; the validator checks them
/// against the ISO 639 tables and suggests the code for a misspelt code or a language name.
pub const LANGUAGE_CODE_FORMAT: &str = "aiact-language";

/// A language by its ISO 639-1 code (two lower-case letters, `en`) or its ISO 639-3 code
/// (three, `szl` for Silesian), kept as written. Only codes of the standard tables are
/// accepted; the tables and the English names come from the `isolang` crate (ISO 639-3 as
/// published by its registration authority, SIL International, with the ISO 639-1 codes).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LanguageCode {
    code: &'static str,
    language: isolang::Language,
}

impl LanguageCode {
    /// The code if `text` is an ISO 639-1 or ISO 639-3 code exactly as the tables write it
    /// (lower case, no spaces); `None` otherwise.
    pub fn parse(text: &str) -> Option<LanguageCode> {
        let (language, code) = match text.len() {
            2 => {
                let language = isolang::Language::from_639_1(text)?;
                (language, language.to_639_1()?)
            }
            3 => {
                let language = isolang::Language::from_639_3(text)?;
                (language, language.to_639_3())
            }
            _ => return None,
        };
        Some(LanguageCode { code, language })
    }

    /// The code as written in the dossier (`en`, `szl`).
    pub fn as_str(&self) -> &'static str {
        self.code
    }

    /// The English name of the language in the ISO 639-3 table (`Silesian`).
    pub fn name(&self) -> &'static str {
        self.language.to_name()
    }

    /// Its ISO 639-1 code, where the language has one (`deu` gives `de`).
    pub fn iso_639_1(&self) -> Option<&'static str> {
        self.language.to_639_1()
    }

    /// Its ISO 639-3 code (`de` gives `deu`).
    pub fn iso_639_3(&self) -> &'static str {
        self.language.to_639_3()
    }
}

impl fmt::Debug for LanguageCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LanguageCode({})", self.code)
    }
}

impl fmt::Display for LanguageCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl Serialize for LanguageCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for LanguageCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        LanguageCode::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not an ISO 639-1 or ISO 639-3 language code"
            ))
        })
    }
}

impl JsonSchema for LanguageCode {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "LanguageCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": LANGUAGE_CODE_FORMAT,
            "description": LANGUAGE_CODE_DESCRIPTION,
        })
    }
}

const LANGUAGE_CODE_DESCRIPTION: &str = "A language as an ISO 639-1 code (two lower-case letters, for example en) or an ISO 639-3 code (three, for example szl for Silesian).";

/// One language of the training data: its code and, where known, its approximate share of
/// the data. Written as a bare code (`en`) or as `{code: en, share_percent: 60}`.
///
/// Design note: one schema of type string-or-mapping rather than an untagged enum (`anyOf`).
/// The validator reports the problems of the alternative with the fewest, the first on a
/// tie, so under `anyOf` a mapping with a bad code (`{code: English}`) would be reported as
/// "expected text, found a mapping". With one schema, a bare code gets the language-code
/// check and a mapping gets its own fields checked, each problem where it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LanguageEntry {
    /// The language.
    pub code: LanguageCode,
    /// Its approximate share of the training data, in percent (0 to 100), where stated.
    pub share_percent: Option<f64>,
}

impl From<LanguageCode> for LanguageEntry {
    fn from(code: LanguageCode) -> Self {
        LanguageEntry {
            code,
            share_percent: None,
        }
    }
}

impl Serialize for LanguageEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self.share_percent {
            None => self.code.serialize(serializer),
            Some(share) => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("code", &self.code)?;
                map.serialize_entry("share_percent", &share)?;
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for LanguageEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// The mapping form.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Shared {
            code: LanguageCode,
            share_percent: Option<f64>,
        }

        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = LanguageEntry;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a language code, or a mapping with `code` and `share_percent`")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<LanguageEntry, E> {
                LanguageCode::parse(text)
                    .map(LanguageEntry::from)
                    .ok_or_else(|| {
                        E::custom(format!(
                            "`{text}` is not an ISO 639-1 or ISO 639-3 language code"
                        ))
                    })
            }

            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                map: M,
            ) -> Result<LanguageEntry, M::Error> {
                let shared =
                    Shared::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                if let Some(share) = shared.share_percent
                    && !(0.0..=100.0).contains(&share)
                {
                    return Err(serde::de::Error::custom(format!(
                        "a language share of {share} % is outside 0 to 100"
                    )));
                }
                Ok(LanguageEntry {
                    code: shared.code,
                    share_percent: shared.share_percent,
                })
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for LanguageEntry {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "LanguageEntry".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // In JSON Schema `format` constrains strings only and the object keywords objects
        // only, so this is exactly "a code, or a mapping with a code and a share".
        json_schema!({
            "type": ["string", "object"],
            "format": LANGUAGE_CODE_FORMAT,
            "description": "A language code (en, szl), or a mapping with the code and its approximate share: {code: en, share_percent: 60}.",
            "properties": {
                "code": {
                    "type": "string",
                    "format": LANGUAGE_CODE_FORMAT,
                    "description": LANGUAGE_CODE_DESCRIPTION,
                    "x-aiact-audiences": EVERYONE,
                    "x-aiact-basis": ["Template §1.3"],
                },
                "share_percent": {
                    "type": ["number", "null"],
                    "minimum": 0,
                    "maximum": 100,
                    "description": "Approximate share of the training data in this language, in percent (0 to 100).",
                    "x-aiact-audiences": EVERYONE,
                    "x-aiact-basis": ["Template §1.3"],
                },
            },
            "required": ["code"],
            "additionalProperties": false,
        })
    }
}

/// A file inside the dossier, named by a relative path with `/` separators. The loader
/// checks that it exists and stays inside the dossier.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EvidencePath(pub String);

/// The `format` keyword that marks evidence paths in the schema; the loader finds every
/// evidence path in a dossier by it.
pub const EVIDENCE_PATH_FORMAT: &str = "aiact-evidence-path";

impl EvidencePath {
    /// The path as written in the dossier.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for EvidencePath {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "EvidencePath".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": EVIDENCE_PATH_FORMAT,
            "description": "A file inside the dossier, as a relative path with / separators (for example evidence/copyright-policy.pdf). It must exist and must not leave the dossier.",
        })
    }
}

/// A model artefact (weights) inside the dossier, by a relative path with `/` separators.
/// Unlike an evidence path it need not exist when the dossier is checked, and bundles never
/// copy it: `aiact build` hashes the file and records its digest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArtefactPath(pub String);

/// The `format` keyword that marks artefact paths in the schema.
pub const ARTEFACT_PATH_FORMAT: &str = "aiact-artefact-path";

impl ArtefactPath {
    /// The path as written in the dossier.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for ArtefactPath {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "ArtefactPath".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": ARTEFACT_PATH_FORMAT,
            "description": "A model file inside the dossier, as a relative path with / separators (for example weights/model.safetensors). aiact build hashes it; bundles do not copy it.",
        })
    }
}

/// A web address (`https://…`) or another URI such as `mailto:`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Url(pub String);

impl Url {
    /// The address as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for Url {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Url".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "uri" })
    }
}

/// An e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(pub String);

impl JsonSchema for Email {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Email".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "email" })
    }
}

/// How to reach a person, team or organisation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Name of the person, role or team, where there is one.
    #[schemars(extend("x-aiact-audiences" = EVERYONE))]
    pub name: Option<String>,
    /// E-mail address.
    #[schemars(extend("x-aiact-audiences" = EVERYONE))]
    pub email: Option<Email>,
    /// Web page or form.
    #[schemars(extend("x-aiact-audiences" = EVERYONE))]
    pub url: Option<Url>,
    /// Telephone number, in international format.
    #[schemars(extend("x-aiact-audiences" = EVERYONE))]
    pub phone: Option<String>,
    /// Postal address.
    #[schemars(extend("x-aiact-audiences" = EVERYONE))]
    pub postal_address: Option<String>,
}

/// The input and output modalities the AI Act and the AI Office template name.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Text, including source code.
    #[default]
    Text,
    /// Still images.
    Image,
    /// Audio.
    Audio,
    /// Video.
    Video,
    /// Anything else (name it next to this value).
    Other,
}

impl Modality {
    /// The lower-case name used in the dossier.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Text => "text",
            Modality::Image => "image",
            Modality::Audio => "audio",
            Modality::Video => "video",
            Modality::Other => "other",
        }
    }
}

/// A version of a document that was published before the current one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousVersion {
    /// Version number of that earlier document.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.1"]))]
    pub version: String,
    /// Date it was published.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.1"]))]
    pub date: Option<chrono::NaiveDate>,
    /// Where that version stays available.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.1"]))]
    pub url: Option<Url>,
    /// Copy of that version kept in the dossier (the Code of Practice asks to keep previous
    /// versions for ten years).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.1"]))]
    pub archived_copy: Option<EvidencePath>,
    /// SHA-256 of the published file, lower-case hex, for integrity (CoP Transparency M1.3).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.3"]))]
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: Option<String>,
    /// What changed in that version relative to the one before it.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.1"]))]
    pub changes: Option<Markdown>,
}

/// Version bookkeeping of one rendered document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentRecord {
    /// Version number of the current document, for example `1.2.0`. Versions should sort
    /// in publication order.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.1", "Model Documentation Form: document version number"]))]
    pub version: Option<String>,
    /// Date the current document was last updated.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.1", "Model Documentation Form: date last updated"]))]
    pub last_updated: Option<chrono::NaiveDate>,
    /// Where the current version is published; the canonical location readers can return to.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.2"]))]
    pub canonical_url: Option<Url>,
    /// What changed in this version relative to the previous one.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.1"]))]
    pub changes: Option<Markdown>,
    /// Earlier published versions, newest first. The Code of Practice asks to keep them for
    /// ten years after the model is placed on the market.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Transparency M1.1"]))]
    pub previous_versions: Option<Vec<PreviousVersion>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_dates_are_a_month_or_a_year() {
        assert_eq!(
            MonthYear::parse("03/2025"),
            Some(MonthYear {
                year: 2025,
                month: Some(3)
            })
        );
        assert_eq!(
            MonthYear::parse("2024"),
            Some(MonthYear {
                year: 2024,
                month: None
            })
        );
        for bad in [
            "3/2025",
            "13/2025",
            "00/2025",
            "2025-03",
            "03/25",
            "03/2025 ",
            "ab/cdef",
            "202",
            "20245",
            "2025-03-01",
        ] {
            assert_eq!(MonthYear::parse(bad), None, "{bad}");
        }
        assert_eq!(MonthYear::parse("02/2024").unwrap().to_string(), "02/2024");
        assert_eq!(MonthYear::parse("2024").unwrap().to_string(), "2024");
    }

    #[test]
    fn spans_cover_every_day_a_partial_date_may_mean() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            PartialDate::parse("02/2024").unwrap().span(),
            Some((day(2024, 2, 1), day(2024, 2, 29)))
        );
        assert_eq!(
            PartialDate::parse("12/2025").unwrap().span(),
            Some((day(2025, 12, 1), day(2025, 12, 31)))
        );
        assert_eq!(
            PartialDate::parse("2025").unwrap().span(),
            Some((day(2025, 1, 1), day(2025, 12, 31)))
        );
        assert_eq!(
            PartialDate::parse("2025-08-02").unwrap().span(),
            Some((day(2025, 8, 2), day(2025, 8, 2)))
        );
        for bad in ["2025-02-30", "2025-8-2", "November 2025", "11/25", ""] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
        assert_eq!(
            PartialDate::parse("11/2025").unwrap().to_string(),
            "11/2025"
        );
    }

    #[test]
    fn language_codes_are_iso_639_1_or_639_3_codes_of_the_tables() {
        let en = LanguageCode::parse("en").expect("ISO 639-1");
        assert_eq!(
            (en.as_str(), en.name(), en.iso_639_3()),
            ("en", "English", "eng")
        );
        let szl = LanguageCode::parse("szl").expect("ISO 639-3");
        assert_eq!(
            (szl.as_str(), szl.name(), szl.iso_639_1()),
            ("szl", "Silesian", None)
        );
        let rm = LanguageCode::parse("rm").expect("Romansh has an ISO 639-1 code");
        assert_eq!((rm.name(), rm.iso_639_3()), ("Romansh", "roh"));
        let deu = LanguageCode::parse("deu").expect("ISO 639-3 of a language with 639-1");
        assert_eq!((deu.as_str(), deu.iso_639_1()), ("deu", Some("de")));
        assert_eq!(
            LanguageCode::parse("gsw").map(|c| c.name()),
            Some("Swiss German")
        );
        for bad in [
            "xx1", "xx", "qqq", "EN", "En", "en ", " en", "English", "en-GB", "", "e", "engl",
            "ger",
        ] {
            assert_eq!(LanguageCode::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn language_codes_and_entries_deserialise_strictly_and_round_trip() {
        let code: LanguageCode = serde_json::from_value(serde_json::json!("szl")).unwrap();
        assert_eq!(serde_json::to_value(code).unwrap(), "szl");
        let error = serde_json::from_value::<LanguageCode>(serde_json::json!("English"))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("`English` is not an ISO 639-1 or ISO 639-3"),
            "{error}"
        );

        let bare: LanguageEntry = serde_json::from_value(serde_json::json!("en")).unwrap();
        assert_eq!((bare.code.as_str(), bare.share_percent), ("en", None));
        assert_eq!(serde_json::to_value(bare).unwrap(), "en");
        let shared: LanguageEntry =
            serde_json::from_value(serde_json::json!({"code": "szl", "share_percent": 5})).unwrap();
        assert_eq!(
            (shared.code.as_str(), shared.share_percent),
            ("szl", Some(5.0))
        );
        assert_eq!(
            serde_json::to_value(shared).unwrap(),
            serde_json::json!({"code": "szl", "share_percent": 5.0})
        );
        let only_code: LanguageEntry =
            serde_json::from_value(serde_json::json!({"code": "gsw"})).unwrap();
        assert_eq!(only_code.share_percent, None);
        for bad in [
            serde_json::json!("xx1"),
            serde_json::json!({"code": "English"}),
            serde_json::json!({"code": "en", "share_percent": 120}),
            serde_json::json!({"code": "en", "share_percent": -1}),
            serde_json::json!({"code": "en", "share": 5}),
            serde_json::json!({"share_percent": 5}),
            serde_json::json!(42),
        ] {
            assert!(
                serde_json::from_value::<LanguageEntry>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn month_year_displays_zero_padded() {
        let value = MonthYear {
            year: 2024,
            month: Some(7),
        };
        assert_eq!(value.to_string(), "07/2024");
    }
}
