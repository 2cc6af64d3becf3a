//! The view-model of the templates: one typed, serialisable context per document.
//!
//! A template sees the dossier as its audience may see it (top-level keys as in `aiact.yaml`,
//! other files under their section), plus the typed keys below: `document` (this document's
//! record and identity), `status` (the regime facts), `aiact` (tool, digests, date), `report`
//! (the compliance report only: the `check --format json` object) and `top_domains_listed`
//! (the documents for an audience: the ranked domain list of the summary).
//!
//! The JSON Schema of [`DocumentContext`]'s typed keys (from `schemars`) and the dossier's own
//! schemas are what [`super::paths`] checks every path a template reads against, so a template
//! reading a field that does not exist fails when it is loaded.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::{Map, Value};

use super::DocumentKind;
use crate::classify::{Classification, Fact};
use crate::dossier::audience::{Audience, visible_to};
use crate::dossier::model::DocumentRecord;
use crate::report::Report;

/// The context a document's template is rendered with.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentContext<'a> {
    /// The dossier as the document's audience may see it, flattened at the top level; empty
    /// for the compliance report, which shows findings, not dossier content.
    #[serde(flatten)]
    pub dossier: Map<String, Value>,
    /// This document's identity and record.
    pub document: DocumentView,
    /// The regime facts.
    pub status: Status<'a>,
    /// The tool, the digests and the date.
    pub aiact: AiactView<'a>,
    /// The compliance report only: the `check --format json` object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<&'a Report>,
    /// The documents for an audience only: the ranked domain list of the training-content
    /// summary, from the dossier or from its domains file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_domains_listed: Option<&'a [String]>,
    /// The technical documentation and the downstream information only: the evaluation
    /// results by alignment dimension. Every record field it reads is marked for both
    /// audiences (a test checks it); the public documents never get it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation_profile: Option<&'a crate::evals::profile::Profile>,
}

/// `document`: which document this is, and its record under `documents` in `aiact.yaml`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DocumentView {
    /// The file stem, such as `technical-documentation`.
    pub stem: &'static str,
    /// The title.
    pub title: &'static str,
    /// `authority`, `downstream` or `public`; `null` for the compliance report.
    pub audience: Option<&'static str>,
    /// Who the document is addressed to, in words.
    pub audience_label: &'static str,
    /// The provisions it answers.
    pub legal_basis: &'static str,
    /// The model's name and version; `null` when the name is not given (templates show the
    /// gap).
    pub model: Option<String>,
    /// The provider's legal name.
    pub provider: Option<String>,
    /// `record.version`.
    #[schemars(with = "Option<String>")]
    pub version: Value,
    /// `record.last_updated`.
    #[schemars(with = "Option<String>")]
    pub last_updated: Value,
    /// The document's record as its audience may see it (`null` for the compliance report).
    /// Its fields are checked as `documents.<document>` of the dossier.
    #[schemars(with = "Option<DocumentRecord>")]
    pub record: Value,
}

/// One regime fact as a document shows it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatusEntry<'a> {
    /// Whether it applies; `null` when the dossier lacks the facts.
    pub applies: Option<bool>,
    /// Legal basis.
    pub basis: &'a [&'static str],
    /// Why, with the figures used: only for the authorities and the compliance report, as
    /// the reasons quote figures only authorities may see; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<&'a str>,
}

/// `status`: the regime facts the classification determines, by the name templates read
/// them by (`status.gpai.applies`), in [`Classification::determinations`] order.
#[derive(Debug, Clone)]
pub struct Status<'a>(pub Vec<(Fact, StatusEntry<'a>)>);

impl<'a> Status<'a> {
    /// The facts of a classification; with their reasons when `reasons_shown`.
    pub fn of(classification: &'a Classification, reasons_shown: bool) -> Status<'a> {
        Status(
            classification
                .determinations()
                .into_iter()
                .map(|(fact, determination)| {
                    let entry = StatusEntry {
                        applies: determination.applies,
                        basis: &determination.basis,
                        why: reasons_shown.then_some(determination.why.as_str()),
                    };
                    (fact, entry)
                })
                .collect(),
        )
    }
}

impl Serialize for Status<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (fact, entry) in &self.0 {
            map.serialize_entry(fact.classification_key(), entry)?;
        }
        map.end()
    }
}

impl JsonSchema for Status<'_> {
    fn schema_name() -> Cow<'static, str> {
        "Status".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let entry = generator.subschema_for::<StatusEntry<'static>>();
        let properties: Map<String, Value> = Classification::DETERMINED
            .iter()
            .map(|fact| {
                (
                    fact.classification_key().to_owned(),
                    entry.clone().to_value(),
                )
            })
            .collect();
        let mut object = Map::new();
        object.insert("type".to_owned(), Value::from("object"));
        object.insert("properties".to_owned(), Value::Object(properties));
        Schema::from(object)
    }
}

/// `aiact`: the tool, the digests of the inputs and the date of the evaluation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AiactView<'a> {
    /// aiact's version.
    pub version: &'static str,
    /// SHA-256 of the rule catalogue.
    pub rules_digest: &'a str,
    /// Number of rules.
    pub rules_count: usize,
    /// SHA-256 of the dossier.
    pub dossier_digest: &'a str,
    /// The date rules were evaluated against.
    pub as_of: chrono::NaiveDate,
}

impl<'a> DocumentContext<'a> {
    /// The context of a document: `unified` is the whole dossier (with artefact digests filled
    /// in), cut down here to what the document's audience may see; `domains` is the ranked
    /// domain list, given to the documents for an audience only.
    pub fn new(
        kind: DocumentKind,
        unified: &Value,
        report: &'a Report,
        domains: &'a [String],
    ) -> DocumentContext<'a> {
        let dossier = match kind.audience() {
            Some(audience) => match visible_to(unified, audience) {
                Value::Object(map) => map,
                _ => Map::new(),
            },
            // The compliance report shows findings, not dossier content.
            None => Map::new(),
        };
        let record = kind
            .record_key()
            .and_then(|key| dossier.get("documents").and_then(|d| d.get(key)))
            .cloned()
            .unwrap_or(Value::Null);
        let classification = &report.classification;
        let model =
            classification
                .model
                .name
                .as_deref()
                .map(|name| match &classification.model.version {
                    Some(version) => format!("{name} {version}"),
                    None => name.to_owned(),
                });
        let document = DocumentView {
            stem: kind.stem(),
            title: kind.title(),
            audience: kind.audience().map(Audience::name),
            audience_label: kind.audience_label(),
            legal_basis: kind.legal_basis(),
            model,
            provider: classification.provider.name.clone(),
            version: record.get("version").cloned().unwrap_or(Value::Null),
            last_updated: record.get("last_updated").cloned().unwrap_or(Value::Null),
            record,
        };
        // The reasons quote figures (compute, dates) that only authorities may see, so other
        // audiences get the outcome and its legal basis only.
        let reasons_shown = matches!(kind.audience(), Some(Audience::Authority) | None);
        DocumentContext {
            dossier,
            document,
            status: Status::of(classification, reasons_shown),
            aiact: AiactView {
                version: crate::version::VERSION,
                rules_digest: &report.rules.digest,
                rules_count: report.rules.count,
                dossier_digest: &report.dossier.digest,
                as_of: report.as_of,
            },
            report: (kind == DocumentKind::ComplianceReport).then_some(report),
            top_domains_listed: kind.audience().is_some().then_some(domains),
            evaluation_profile: match kind.audience() {
                Some(Audience::Authority | Audience::Downstream) => {
                    report.evaluation_profile.as_ref()
                }
                _ => None,
            },
        }
    }

    /// The context as the JSON object the template engine takes.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}
