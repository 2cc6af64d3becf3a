//! The dossier model: one Rust type per dossier file, the single source of the JSON Schemas,
//! the `init` skeleton, the audience marks and the paths rules refer to.
//!
//! Every property carries `x-aiact-audiences` (who may see it: `ai_office`,
//! `national_authorities`, `downstream`, `public`) and, where an obligation asks for it,
//! `x-aiact-basis` (the article, annex point, Code of Practice measure, Form field or template
//! section). A nested field may only go where every enclosing field may go: its effective
//! audiences are the intersection of the marks along its path.

pub mod common;
pub mod copyright;
pub mod data;
pub mod evaluations;
pub mod root;
pub mod systemic_risk;
pub mod technical;

use schemars::JsonSchema;
use serde::Serialize;

pub use common::*;
pub use copyright::CopyrightFile;
pub use data::DataFile;
pub use evaluations::EvaluationsFile;
pub use root::{FORMAT_VERSION, RootFile};
pub use systemic_risk::SystemicRiskFile;
pub use technical::TechnicalFile;

/// The files a dossier is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// `aiact.yaml`: provider, model, documents.
    Root,
    /// `technical.yaml`.
    Technical,
    /// `data.yaml`.
    Data,
    /// `copyright.yaml`.
    Copyright,
    /// `evaluations.yaml`.
    Evaluations,
    /// `systemic-risk.yaml`.
    SystemicRisk,
}

impl FileKind {
    /// Every file, in the order they are loaded and documented.
    pub const ALL: [FileKind; 6] = [
        FileKind::Root,
        FileKind::Technical,
        FileKind::Data,
        FileKind::Copyright,
        FileKind::Evaluations,
        FileKind::SystemicRisk,
    ];

    /// File name without extension.
    pub fn stem(self) -> &'static str {
        match self {
            FileKind::Root => "aiact",
            FileKind::Technical => "technical",
            FileKind::Data => "data",
            FileKind::Copyright => "copyright",
            FileKind::Evaluations => "evaluations",
            FileKind::SystemicRisk => "systemic-risk",
        }
    }

    /// The key under which the file's content appears in the dossier's unified path space;
    /// `None` for `aiact.yaml`, whose keys are top-level.
    pub fn section(self) -> Option<&'static str> {
        match self {
            FileKind::Root => None,
            FileKind::Technical => Some("technical"),
            FileKind::Data => Some("data"),
            FileKind::Copyright => Some("copyright"),
            FileKind::Evaluations => Some("evaluations"),
            FileKind::SystemicRisk => Some("systemic_risk"),
        }
    }

    /// Which team usually keeps the file; shown in the skeleton's header.
    pub fn purpose(self) -> &'static str {
        match self {
            FileKind::Root => {
                "Dossier root, kept by compliance and legal: the provider, the model and its versions, licence, distribution, intended use, and the version history of each document."
            }
            FileKind::Technical => {
                "Technical description, kept by ML engineering: architecture, size, modalities, integration, artefacts, training process, compute and energy."
            }
            FileKind::Data => {
                "Training, testing and validation data, kept by the data team: Annex XI §1.2(c) and every section of the AI Office template for the public summary of training content."
            }
            FileKind::Copyright => {
                "Copyright policy, kept by legal: Art. 53(1)(c) and the Code of Practice copyright measures 1.1 to 1.5."
            }
            FileKind::Evaluations => {
                "Evaluation results, kept by the evaluation team: one record per benchmark result, with the model version and the evidence behind it."
            }
            FileKind::SystemicRisk => {
                "Systemic-risk records, kept by the safety team (models above 10^25 FLOP or designated): notification, Annex XI §2, and the Art. 55 records."
            }
        }
    }

    /// The JSON Schema of the file, generated from its Rust type.
    pub fn schema(self) -> serde_json::Value {
        match self {
            FileKind::Root => schema_of::<RootFile>(),
            FileKind::Technical => schema_of::<TechnicalFile>(),
            FileKind::Data => schema_of::<DataFile>(),
            FileKind::Copyright => schema_of::<CopyrightFile>(),
            FileKind::Evaluations => schema_of::<EvaluationsFile>(),
            FileKind::SystemicRisk => schema_of::<SystemicRiskFile>(),
        }
    }

    /// The file kind a unified path starts in, with the rest of the path.
    pub fn of_section(first_key: &str) -> FileKind {
        FileKind::ALL
            .into_iter()
            .find(|kind| kind.section() == Some(first_key))
            .unwrap_or(FileKind::Root)
    }
}

fn schema_of<T: JsonSchema>() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<T>().to_value();
    let definitions = schema.get("$defs").cloned().unwrap_or_default();
    sections_may_be_unanswered(&mut schema, &definitions);
    schema
}

/// A section (a mapping-valued field) without required fields may be written `~`: nobody
/// answered any of it, the same as leaving it out (the deserialiser reads it as empty). The
/// published schema says so, so that editors and other validators accept what aiact accepts:
/// such a property's `$ref` becomes `anyOf: [{$ref}, {type: null}]`, keeping its marks.
fn sections_may_be_unanswered(schema: &mut serde_json::Value, definitions: &serde_json::Value) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(serde_json::Value::Object(properties)) = object.get_mut("properties") {
        for property in properties.values_mut() {
            let Some(reference) = property.get("$ref").and_then(|r| r.as_str()) else {
                continue;
            };
            let target = reference
                .strip_prefix("#/$defs/")
                .and_then(|name| definitions.get(name));
            let optional_section = target.is_some_and(|t| {
                t.get("type").and_then(|t| t.as_str()) == Some("object")
                    && t.get("required").is_none()
            });
            if let (true, Some(map)) = (optional_section, property.as_object_mut()) {
                let reference = map.remove("$ref").unwrap_or_default();
                map.insert(
                    "anyOf".into(),
                    serde_json::json!([{ "$ref": reference }, { "type": "null" }]),
                );
            }
        }
    }
    for value in object.values_mut() {
        match value {
            serde_json::Value::Object(_) => sections_may_be_unanswered(value, definitions),
            serde_json::Value::Array(items) => {
                for item in items {
                    sections_may_be_unanswered(item, definitions);
                }
            }
            _ => {}
        }
    }
}

/// A whole dossier, typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Dossier {
    /// `aiact.yaml`.
    pub root: RootFile,
    /// `technical.yaml`.
    pub technical: TechnicalFile,
    /// `data.yaml`.
    pub data: DataFile,
    /// `copyright.yaml`.
    pub copyright: CopyrightFile,
    /// `evaluations.yaml`.
    pub evaluations: EvaluationsFile,
    /// `systemic-risk.yaml`.
    pub systemic_risk: SystemicRiskFile,
}

impl Dossier {
    /// Moves the part of `from` that file `kind` holds into this dossier.
    pub fn take_part(&mut self, kind: FileKind, from: Dossier) {
        match kind {
            FileKind::Root => self.root = from.root,
            FileKind::Technical => self.technical = from.technical,
            FileKind::Data => self.data = from.data,
            FileKind::Copyright => self.copyright = from.copyright,
            FileKind::Evaluations => self.evaluations = from.evaluations,
            FileKind::SystemicRisk => self.systemic_risk = from.systemic_risk,
        }
    }

    /// The inverse of [`Dossier::to_unified_value`]: a dossier from one JSON value in the
    /// unified path space (used to test rules against variations of a dossier).
    pub fn from_unified_value(value: &serde_json::Value) -> Result<Dossier, serde_json::Error> {
        let mut root = value.clone();
        let mut section = |kind: FileKind| -> serde_json::Value {
            let key = kind.section().unwrap_or_default();
            root.as_object_mut()
                .and_then(|object| object.remove(key))
                .unwrap_or_else(|| serde_json::json!({}))
        };
        let technical = section(FileKind::Technical);
        let data = section(FileKind::Data);
        let copyright = section(FileKind::Copyright);
        let evaluations = section(FileKind::Evaluations);
        let systemic_risk = section(FileKind::SystemicRisk);
        Ok(Dossier {
            root: serde_json::from_value(root)?,
            technical: serde_json::from_value(technical)?,
            data: serde_json::from_value(data)?,
            copyright: serde_json::from_value(copyright)?,
            evaluations: serde_json::from_value(evaluations)?,
            systemic_risk: serde_json::from_value(systemic_risk)?,
        })
    }

    /// The dossier as one JSON value in the unified path space: the keys of `aiact.yaml` at
    /// the top, every other file under its section key. Rules and templates read this view.
    pub fn to_unified_value(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(&self.root).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            for (kind, file) in [
                (FileKind::Technical, serde_json::to_value(&self.technical)),
                (FileKind::Data, serde_json::to_value(&self.data)),
                (FileKind::Copyright, serde_json::to_value(&self.copyright)),
                (
                    FileKind::Evaluations,
                    serde_json::to_value(&self.evaluations),
                ),
                (
                    FileKind::SystemicRisk,
                    serde_json::to_value(&self.systemic_risk),
                ),
            ] {
                if let (Some(section), Ok(file)) = (kind.section(), file) {
                    object.insert(section.to_owned(), file);
                }
            }
        }
        value
    }
}
