//! `systemic-risk.yaml`, kept by the safety team of a provider whose model has, or may have,
//! systemic risk: notification and rebuttal (Art. 52), the Annex XI §2 documentation, and the
//! Art. 55 records (evaluation, adversarial testing, risk register, serious incidents,
//! cybersecurity) as the Code of Practice Safety and Security chapter structures them.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::*;

/// `systemic-risk.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "aiact dossier: systemic-risk records (systemic-risk.yaml)")]
pub struct SystemicRiskFile {
    /// Notification of the Commission under Art. 52(1).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(1)"]))]
    pub notification: Notification,
    /// Arguments that the model, exceptionally, does not present systemic risk (Art. 52(2)).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(2)", "Art. 52(3)"]))]
    pub rebuttal: Rebuttal,
    /// Designation by the Commission (Art. 51(1)(b), Art. 52(4)).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 51(1)(b)", "Art. 52(4)", "Art. 52(5)"]))]
    pub designation: Designation,
    /// The Safety and Security Framework (Commitment 1).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety C1"]))]
    pub framework: Framework,
    /// The Safety and Security Model Report (Commitment 7).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety C7"]))]
    pub model_report: ModelReport,
    /// Evaluation strategy (Annex XI §2.1).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.1", "Art. 55(1)(a)"]))]
    pub evaluation_strategy: EvaluationStrategy,
    /// Adversarial testing, internal or external (Annex XI §2.2).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.2", "Art. 55(1)(a)"]))]
    pub adversarial_testing: Option<Vec<AdversarialTest>>,
    /// Model adaptations, including alignment and fine-tuning (Annex XI §2.2).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.2"]))]
    pub model_adaptations: Option<Markdown>,
    /// System architecture: how software components build on or feed into each other
    /// (Annex XI §2.3).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.3"]))]
    pub system_architecture: SystemArchitecture,
    /// Systemic risks identified, analysed and decided on (Commitments 2–5).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(b)", "CoP Safety C2", "CoP Safety C3", "CoP Safety C4"]))]
    pub risk_register: Option<Vec<RiskEntry>>,
    /// Serious-incident tracking and reporting (Commitment 9).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(c)", "CoP Safety C9"]))]
    pub serious_incidents: SeriousIncidents,
    /// Cybersecurity of the model and its physical infrastructure (Commitment 6).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(d)", "Recital 115", "CoP Safety C6"]))]
    pub cybersecurity: Cybersecurity,
    /// Allocation of responsibility for systemic risk (Commitment 8).
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety C8"]))]
    pub responsibilities: Responsibilities,
    /// Years the Annex XI §2 documentation is kept after placement (the Code of Practice says
    /// ten).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety C10"]))]
    pub documentation_retention_years: Option<u32>,
}

/// The Art. 52(1) notification.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notification {
    /// Date the 10^25 FLOP threshold was met, or it became known that it would be met; the
    /// two-week notification clock runs from it.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(1)", "Recital 112"]))]
    pub threshold_known_date: Option<NaiveDate>,
    /// Date the Commission was notified.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(1)"]))]
    pub date: Option<NaiveDate>,
    /// Reference of the notification.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(1)"]))]
    pub reference: Option<String>,
    /// Copy of the notification.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(1)"]))]
    pub document: Option<EvidencePath>,
}

/// Rebuttal of the systemic-risk presumption.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rebuttal {
    /// Whether arguments were submitted with the notification.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(2)"]))]
    pub submitted: Option<bool>,
    /// Date submitted.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(2)"]))]
    pub date: Option<NaiveDate>,
    /// The Commission's decision so far.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(3)"]))]
    pub outcome: Option<RebuttalOutcome>,
    /// The arguments, in brief.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(2)"]))]
    pub arguments: Option<Markdown>,
    /// The submission.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(2)"]))]
    pub document: Option<EvidencePath>,
}

/// The Commission's decision on a rebuttal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RebuttalOutcome {
    /// Not decided yet; the presumption applies meanwhile.
    Pending,
    /// Accepted: the model is not treated as having systemic risk.
    Accepted,
    /// Rejected: the model is treated as having systemic risk (Art. 52(3)).
    Rejected,
}

/// Designation by the Commission.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Designation {
    /// Whether the Commission designated the model as having systemic risk.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 51(1)(b)", "Art. 52(4)"]))]
    pub designated: Option<bool>,
    /// Date of the designation decision.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(4)"]))]
    pub date: Option<NaiveDate>,
    /// Date reassessment was requested; no earlier than six months after the decision.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["Art. 52(5)"]))]
    pub reassessment_requested: Option<NaiveDate>,
}

/// The Safety and Security Framework.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Date the framework was confirmed: no later than four weeks after notification and two
    /// weeks before placement.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety M1.1"]))]
    pub confirmed: Option<NaiveDate>,
    /// Date of the latest assessment; at least every twelve months.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety M1.3"]))]
    pub last_assessed: Option<NaiveDate>,
    /// Date an unredacted copy of the confirmed framework went to the AI Office.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety M1.4"]))]
    pub shared_with_ai_office: Option<NaiveDate>,
    /// The framework.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety M1.1"]))]
    pub document: Option<EvidencePath>,
    /// Later assessments and updates of the framework, oldest first.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety M1.3", "CoP Safety M1.4"]))]
    pub updates: Option<Vec<DatedUpdate>>,
}

/// A dated update of a document kept with the AI Office.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatedUpdate {
    /// Date of the update.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety M1.3", "CoP Safety C7"]))]
    pub date: NaiveDate,
    /// Date it was sent to the AI Office.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety M1.4", "CoP Safety C7"]))]
    pub shared_with_ai_office: Option<NaiveDate>,
    /// Why it was updated (periodic reassessment, material change, new model version).
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety M1.3", "CoP Safety C7"]))]
    pub reason: Option<String>,
    /// The updated document.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety M1.3", "CoP Safety C7"]))]
    pub document: Option<EvidencePath>,
}

/// The Safety and Security Model Report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelReport {
    /// Date the first report went to the AI Office; before placement.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety C7"]))]
    pub date: Option<NaiveDate>,
    /// The report.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety C7"]))]
    pub document: Option<EvidencePath>,
    /// Later updates of the report, oldest first.
    #[schemars(extend("x-aiact-audiences" = AIO, "x-aiact-basis" = ["CoP Safety M7.5", "CoP Safety M7.6"]))]
    pub updates: Option<Vec<DatedUpdate>>,
}

/// Evaluation strategy for Annex XI §2.1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationStrategy {
    /// The strategy, based on public protocols and tools or other methods.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub description: Option<Markdown>,
    /// Evaluation criteria.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub criteria: Option<Markdown>,
    /// Metrics used.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub metrics: Option<Vec<String>>,
    /// Method for identifying limitations.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub limitations_method: Option<Markdown>,
    /// Summary of the results (the records are in evaluations.yaml).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.1"]))]
    pub results_summary: Option<Markdown>,
}

/// One adversarial-testing exercise.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdversarialTest {
    /// Name of the exercise.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.2"]))]
    pub name: String,
    /// Date it started.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.2", "CoP Safety M3.2"]))]
    pub started: Option<NaiveDate>,
    /// Date it ended.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.2", "Art. 55(1)(a)"]))]
    pub date: Option<NaiveDate>,
    /// Internal or external.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.2"]))]
    pub scope: Option<TestScope>,
    /// Who performed it.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.2"]))]
    pub performed_by: Option<String>,
    /// Which systemic risks it targeted.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(a)"]))]
    pub risks: Option<Vec<RiskKind>>,
    /// What was tested and how.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.2"]))]
    pub description: Option<Markdown>,
    /// What was found and what was done about it.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.2", "Art. 55(1)(a)"]))]
    pub findings: Option<Markdown>,
    /// The report.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.2"]))]
    pub evidence: Option<EvidencePath>,
}

/// Internal or external testing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TestScope {
    /// By the provider's own staff.
    Internal,
    /// By independent external evaluators.
    External,
}

/// Annex XI §2.3 system architecture.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SystemArchitecture {
    /// How software components build on or feed into each other and integrate into the
    /// overall processing.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.3"]))]
    pub description: Option<Markdown>,
    /// Why it does not apply, where it does not.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Annex XI §2.3"]))]
    pub not_applicable: Option<String>,
}

/// Kinds of systemic risk; the Code of Practice requires the first four to be covered.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RiskKind {
    /// Chemical, biological, radiological and nuclear.
    Cbrn,
    /// Loss of control.
    LossOfControl,
    /// Cyber offence.
    CyberOffence,
    /// Harmful manipulation.
    HarmfulManipulation,
    /// Another systemic risk; name it.
    #[default]
    Other,
}

/// One systemic risk in the register.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskEntry {
    /// The kind of risk.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety C2"]))]
    pub risk: RiskKind,
    /// Name, when `risk` is `other`.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety C2"]))]
    pub name: Option<String>,
    /// Analysis: scenarios, evaluations, estimated likelihood and severity.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(b)", "CoP Safety C3"]))]
    pub assessment: Option<Markdown>,
    /// Risk tier reached, under the acceptance criteria.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety C4"]))]
    pub tier: Option<String>,
    /// Safety mitigations in place.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(b)", "CoP Safety C5"]))]
    pub mitigations: Option<Markdown>,
    /// Whether the risk was determined acceptable.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety C4"]))]
    pub acceptable: Option<bool>,
    /// Date of that determination.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety C4"]))]
    pub decided: Option<NaiveDate>,
}

/// Serious-incident process.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriousIncidents {
    /// How serious incidents are tracked, documented and reported to the AI Office.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(c)", "CoP Safety M9.1"]))]
    pub process: Option<Markdown>,
    /// The documented procedure.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(c)"]))]
    pub document: Option<EvidencePath>,
    /// Reporting deadlines, in days after becoming aware.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M9.3"]))]
    pub deadlines_days: IncidentDeadlines,
    /// Interval of intermediate updates until resolution, in weeks (the Code says at most 4).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M9.3"]))]
    pub update_interval_weeks: Option<u32>,
    /// Days after resolution for the final report (the Code says at most 60).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M9.3"]))]
    pub final_report_days: Option<u32>,
    /// Years incident documentation is kept (the Code says at least 5).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M9.4"]))]
    pub retention_years: Option<u32>,
    /// Who reports to the AI Office.
    #[serde(default)]
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(c)"]))]
    pub contact: Contact,
}

/// Serious-incident reporting deadlines (Code of Practice Measure 9.3).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentDeadlines {
    /// Serious and irreversible disruption of critical infrastructure (the Code: 2 days).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M9.3"]))]
    pub critical_infrastructure: Option<u32>,
    /// Serious cybersecurity breach, including weight exfiltration (the Code: 5 days).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M9.3"]))]
    pub cybersecurity: Option<u32>,
    /// Death of a person (the Code: 10 days).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M9.3"]))]
    pub death: Option<u32>,
    /// Serious harm to health, fundamental rights, property or the environment (the Code:
    /// 15 days).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M9.3"]))]
    pub other_serious_harm: Option<u32>,
}

/// Cybersecurity measures (recital 115 threats).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cybersecurity {
    /// The security goal: which threat actors the measures are meant to withstand.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M6.1"]))]
    pub security_goal: Option<Markdown>,
    /// Protection of unreleased weights against theft and exfiltration.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(d)", "Recital 115"]))]
    pub weights_protection: Option<Markdown>,
    /// Security of the physical and cloud infrastructure.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(d)", "Recital 115"]))]
    pub infrastructure: Option<Markdown>,
    /// Measures against insider threats.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(d)", "CoP Safety M6.2"]))]
    pub insider_threats: Option<Markdown>,
    /// Measures against circumvention of safety measures and unauthorised release.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(d)", "Recital 115"]))]
    pub circumvention_and_release: Option<Markdown>,
    /// Security assurance: red teaming, bug bounties, audits.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M6.2"]))]
    pub assurance: Option<Markdown>,
    /// The security documentation.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["Art. 55(1)(d)"]))]
    pub document: Option<EvidencePath>,
}

/// Responsibility allocation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Responsibilities {
    /// Who oversees systemic-risk management (for example a board committee).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M8.1"]))]
    pub oversight: Option<String>,
    /// Who owns systemic-risk management day to day.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M8.1"]))]
    pub ownership: Option<String>,
    /// Who supports and monitors it.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M8.1"]))]
    pub monitoring: Option<String>,
    /// Who gives assurance on it (internal audit or external).
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M8.1"]))]
    pub assurance: Option<String>,
    /// Resources allocated.
    #[schemars(extend("x-aiact-audiences" = AUTHORITIES, "x-aiact-basis" = ["CoP Safety M8.2"]))]
    pub resources: Option<Markdown>,
}
