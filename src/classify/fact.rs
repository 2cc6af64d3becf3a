//! The facts that decide which rules apply: the seven the classification determines, and a
//! few the dossier answers directly. One enum names them all, with what each means and what
//! is assumed while it is unknown; [`Classification::facts`](super::Classification::facts)
//! is the only place their values come from.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::dossier::model::Dossier;

/// A fact a rule's `applies_when` may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fact {
    /// A general-purpose AI model (Art. 3(63)).
    Gpai,
    /// A GPAI model with systemic risk (Art. 51).
    SystemicRisk,
    /// Exempt as free and open-source (Art. 53(2)).
    OpenSourceExemption,
    /// An authorised representative is required (Art. 54).
    AuthorisedRepresentativeRequired,
    /// The modifier of another model becomes its provider.
    ModifierIsProvider,
    /// Placed on the Union market before 2 August 2025 (Art. 111(3)). Rules and the report's
    /// `facts` call it `legacy_model`; the classification, whose entry is about the
    /// transitional deadline, calls it `deadline` (see [`Fact::classification_key`]).
    LegacyModel,
    /// A notification to the Commission is owed (Art. 52(1)).
    NotificationDue,
    /// Placed on the Union market and not research-only.
    Placed,
    /// The provider is established outside the Union.
    NonEu,
    /// The provider is an SME.
    Sme,
    /// Training data was crawled by or for the provider.
    Crawls,
    /// Synthetic training data was used.
    SyntheticData,
    /// The model modifies models already on the market.
    HasDependencies,
    /// The provider places a generative AI system of its own built on the model.
    OwnGenerativeSystem,
    /// The model is used only for research.
    ResearchOnly,
}

impl Fact {
    /// Every fact, in catalogue order (the order `rules explain` and error messages list them).
    pub const ALL: [Fact; 15] = [
        Fact::Gpai,
        Fact::SystemicRisk,
        Fact::OpenSourceExemption,
        Fact::AuthorisedRepresentativeRequired,
        Fact::ModifierIsProvider,
        Fact::LegacyModel,
        Fact::NotificationDue,
        Fact::Placed,
        Fact::NonEu,
        Fact::Sme,
        Fact::Crawls,
        Fact::SyntheticData,
        Fact::HasDependencies,
        Fact::OwnGenerativeSystem,
        Fact::ResearchOnly,
    ];

    /// Its name, as rule files (`applies_when`), assumptions and the report's `facts` spell it.
    pub fn name(self) -> &'static str {
        match self {
            Fact::Gpai => "gpai",
            Fact::SystemicRisk => "systemic_risk",
            Fact::OpenSourceExemption => "open_source_exemption",
            Fact::AuthorisedRepresentativeRequired => "authorised_representative_required",
            Fact::ModifierIsProvider => "modifier_is_provider",
            Fact::LegacyModel => "legacy_model",
            Fact::NotificationDue => "notification_due",
            Fact::Placed => "placed",
            Fact::NonEu => "non_eu",
            Fact::Sme => "sme",
            Fact::Crawls => "crawls",
            Fact::SyntheticData => "synthetic_data",
            Fact::HasDependencies => "has_dependencies",
            Fact::OwnGenerativeSystem => "own_generative_system",
            Fact::ResearchOnly => "research_only",
        }
    }

    /// Its key in the classification (`classify --format json`, the report's
    /// `classification`, the templates' `status`): the name, except `deadline` for
    /// [`Fact::LegacyModel`], whose entry there is about the Art. 111(3) deadline.
    pub fn classification_key(self) -> &'static str {
        match self {
            Fact::LegacyModel => "deadline",
            other => other.name(),
        }
    }

    /// What it means, in one line.
    pub fn meaning(self) -> &'static str {
        match self {
            Fact::Gpai => "a general-purpose AI model (Art. 3(63))",
            Fact::SystemicRisk => "a GPAI model with systemic risk (Art. 51)",
            Fact::OpenSourceExemption => {
                "exempt from Art. 53(1)(a), (b) and Art. 54 as free and open-source (Art. 53(2))"
            }
            Fact::AuthorisedRepresentativeRequired => {
                "an authorised representative is required (Art. 54)"
            }
            Fact::ModifierIsProvider => {
                "a modification of another model whose modifier becomes its provider"
            }
            Fact::LegacyModel => "placed on the Union market before 2 August 2025 (Art. 111(3))",
            Fact::NotificationDue => "a notification to the Commission is owed (Art. 52(1))",
            Fact::Placed => "placed on the Union market and not research-only",
            Fact::NonEu => "the provider is established outside the Union",
            Fact::Sme => "the provider is an SME",
            Fact::Crawls => "training data was crawled by or for the provider",
            Fact::SyntheticData => "synthetic training data was used",
            Fact::HasDependencies => "the model modifies models already on the market",
            Fact::OwnGenerativeSystem => {
                "the provider places a generative AI system of its own built on the model"
            }
            Fact::ResearchOnly => "the model is used only for research",
        }
    }

    /// What is assumed while the dossier does not tell: the reading under which obligations
    /// apply (a provider must show that an obligation does not apply to it).
    pub fn when_unknown(self) -> bool {
        match self {
            Fact::Gpai
            | Fact::SystemicRisk
            | Fact::AuthorisedRepresentativeRequired
            | Fact::ModifierIsProvider
            | Fact::NotificationDue
            | Fact::Placed
            | Fact::NonEu
            | Fact::Crawls
            | Fact::SyntheticData => true,
            Fact::OpenSourceExemption
            | Fact::LegacyModel
            | Fact::Sme
            | Fact::HasDependencies
            | Fact::OwnGenerativeSystem
            | Fact::ResearchOnly => false,
        }
    }

    /// The fact of a name, as rule files write it.
    pub fn from_name(name: &str) -> Option<Fact> {
        Fact::ALL.into_iter().find(|fact| fact.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Fact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The value of every fact: `Some(true)`, `Some(false)`, or `None` while the dossier does not
/// tell. Made only by [`Classification::facts`](super::Classification::facts). Its JSON form
/// (the report's `facts`) maps each name to its value, sorted by name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts([Option<bool>; Fact::ALL.len()]);

impl Facts {
    /// The value of a fact; `None` when unknown.
    pub fn get(&self, fact: Fact) -> Option<bool> {
        self.0[fact.index()]
    }

    pub(super) fn set(&mut self, fact: Fact, value: Option<bool>) {
        self.0[fact.index()] = value;
    }

    /// The facts the dossier answers directly (the others stay unknown here; the
    /// classification determines them).
    pub(super) fn answered_by(dossier: &Dossier) -> Facts {
        let root = &dossier.root;
        let model = &root.model;
        let placed = match (model.placed_on_eu_market, model.research_only) {
            (_, Some(true)) => Some(false),
            (Some(placed), _) => Some(placed),
            (None, _) => None,
        };
        let sources = &dossier.data.sources;
        let mut facts = Facts::default();
        for (fact, value) in [
            (Fact::Placed, placed),
            (Fact::NonEu, root.provider.established_in_eu.map(|eu| !eu)),
            (Fact::Sme, root.provider.is_sme),
            (Fact::Crawls, sources.crawled_data.used),
            (Fact::SyntheticData, sources.synthetic_data.used),
            (
                Fact::HasDependencies,
                model.dependencies.as_ref().map(|d| !d.is_empty()),
            ),
            (
                Fact::OwnGenerativeSystem,
                model.own_generative_system.placed,
            ),
            (Fact::ResearchOnly, model.research_only),
        ] {
            facts.set(fact, value);
        }
        facts
    }
}

impl Serialize for Facts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut sorted = Fact::ALL;
        sorted.sort_by_key(|fact| fact.name());
        let mut map = serializer.serialize_map(Some(sorted.len()))?;
        for fact in sorted {
            map.serialize_entry(fact.name(), &self.get(fact))?;
        }
        map.end()
    }
}

impl schemars::JsonSchema for Facts {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Facts".into()
    }

    // What `serialize` writes: every fact by name, true, false or null.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut properties = serde_json::Map::new();
        for fact in Fact::ALL {
            properties.insert(
                fact.name().to_owned(),
                serde_json::json!({ "type": ["boolean", "null"], "description": fact.meaning() }),
            );
        }
        schemars::json_schema!({
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_index_matches_order() {
        for (i, fact) in Fact::ALL.into_iter().enumerate() {
            assert_eq!(fact.index(), i);
            assert_eq!(Fact::from_name(fact.name()), Some(fact));
        }
        assert_eq!(Fact::from_name("deadline"), None);
        assert_eq!(Fact::LegacyModel.classification_key(), "deadline");
    }
}
