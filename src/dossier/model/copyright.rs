//! `copyright.yaml`, kept by the legal team: the copyright policy Art. 53(1)(c) requires,
//! measure by measure as the Code of Practice copyright chapter (Measures 1.1–1.5) structures it.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::*;

/// `copyright.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "aiact dossier: copyright policy (copyright.yaml)")]
pub struct CopyrightFile {
    /// Measure 1.1: the policy document and who owns it.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(c)", "CoP Copyright M1.1"]))]
    pub policy: Policy,
    /// Measure 1.2: crawl only lawfully accessible content.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.2"]))]
    pub lawful_access: LawfulAccess,
    /// Measure 1.3: identify and comply with rights reservations.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(c)", "CoP Copyright M1.3"]))]
    pub rights_reservations: RightsReservations,
    /// Measure 1.4: mitigate the risk of infringing outputs.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.4"]))]
    pub output_safeguards: OutputSafeguards,
    /// Measure 1.5: point of contact and complaint mechanism for rightsholders.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.5"]))]
    pub complaints: Complaints,
}

/// The copyright policy document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// The policy as one document, kept in the dossier.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 53(1)(c)", "CoP Copyright M1.1"]))]
    pub document: Option<EvidencePath>,
    /// Where the policy, or a summary of it, is published.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.1"]))]
    pub url: Option<Url>,
    /// The organisational unit or role responsible for implementing and overseeing it.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.1"]))]
    pub owner: Option<String>,
    /// Date the policy was last reviewed.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.1"]))]
    pub last_reviewed: Option<NaiveDate>,
    /// Whether it covers every GPAI model the provider places on the Union market.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.1"]))]
    pub covers_all_models: Option<bool>,
    /// Summary of the policy, for the public.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.1", "Template §3.1"]))]
    pub summary: Option<Markdown>,
}

/// Lawful access when crawling.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LawfulAccess {
    /// Whether crawlers circumvent effective technological measures (Art. 6(3) of Directive
    /// 2001/29/EC), such as paywalls or subscription restrictions. Must be false.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.2"]))]
    pub circumvents_technological_measures: Option<bool>,
    /// How access restrictions (paywalls, subscriptions, logins) are respected.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.2"]))]
    pub access_restrictions: Option<Markdown>,
    /// Exclusion of websites recognised by EU/EEA courts or authorities as persistently
    /// infringing copyright on a commercial scale.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.2"]))]
    pub piracy_domain_exclusion: PiracyExclusion,
}

/// Exclusion of infringing websites from crawling.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PiracyExclusion {
    /// Whether such websites are excluded.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.2"]))]
    pub applied: Option<bool>,
    /// Which list was applied (for example the EU list of hyperlinks to such lists).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.2"]))]
    pub list_source: Option<String>,
    /// Date of the list version applied; it should not predate the end of crawling.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.2"]))]
    pub list_date: Option<NaiveDate>,
}

/// Rights reservations.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RightsReservations {
    /// Whether the crawlers read and follow robots.txt as specified by RFC 9309.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(c)", "CoP Copyright M1.3"]))]
    pub robots_txt_rfc9309: Option<bool>,
    /// How the crawlers apply robots.txt (which user agents, caching, when it is read); the
    /// training-content summary (§2.3) and the copyright policy both show it.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Template §2.3", "CoP Copyright M1.3"]))]
    pub robots_txt_description: Option<Markdown>,
    /// Other machine-readable reservation protocols honoured (asset-based or location-based
    /// metadata adopted by standardisation bodies or widely used by rightsholders).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["Art. 53(1)(c)", "CoP Copyright M1.3"]))]
    pub other_protocols: Option<Vec<ReservationProtocol>>,
    /// Why no other protocol is honoured, when none is.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.3"]))]
    pub other_protocols_justification: Option<Markdown>,
    /// Efforts to learn whether third-party datasets respected reservations.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.3"]))]
    pub third_party_datasets: Option<Markdown>,
    /// Public page with information about the crawlers and how they detect reservations.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.3"]))]
    pub crawler_information_url: Option<Url>,
    /// Feed through which rightsholders are notified automatically of changes.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.3"]))]
    pub crawler_update_feed_url: Option<Url>,
    /// Whether the provider also runs a search engine.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.3"]))]
    pub operates_search_engine: Option<bool>,
    /// For search-engine operators: how honouring a reservation is kept from harming the
    /// indexing of that content.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.3"]))]
    pub search_indexing: Option<Markdown>,
}

/// A machine-readable reservation protocol.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReservationProtocol {
    /// Name of the protocol (for example "TDMRep", "ai.txt", "C2PA do-not-train assertion").
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.3"]))]
    pub name: String,
    /// How it is honoured.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.3"]))]
    pub description: Option<Markdown>,
    /// Its specification.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.3"]))]
    pub url: Option<Url>,
}

/// Safeguards against infringing outputs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputSafeguards {
    /// Technical safeguards against the model reproducing training content in an infringing
    /// way.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.4"]))]
    pub technical_safeguards: Option<Markdown>,
    /// Whether the acceptable use policy, terms or documentation prohibit copyright-infringing
    /// uses (for free and open-source models: whether the documentation alerts users to that
    /// prohibition).
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.4"]))]
    pub infringing_use_prohibited: Option<bool>,
    /// Where that prohibition is stated.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.4"]))]
    pub prohibition_url: Option<Url>,
}

/// Point of contact and complaints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Complaints {
    /// Electronic point of contact for affected rightsholders.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.5"]))]
    pub point_of_contact: Contact,
    /// Where rightsholders and their representatives submit complaints.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.5"]))]
    pub mechanism_url: Option<Url>,
    /// How complaints are handled: diligently, non-arbitrarily, within a reasonable time.
    #[schemars(extend("x-aiact-audiences" = EVERYONE, "x-aiact-basis" = ["CoP Copyright M1.5"]))]
    pub handling: Option<Markdown>,
}
