//! One serialisable view of a check: the `check --format json` contract, and the input of
//! every other writer (human, SARIF, JUnit, GitHub workflow commands, Markdown), so that all
//! six formats say the same thing. Building the view is where findings get their locations.

mod github;
mod human;
mod junit;
mod markdown;
mod sarif;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::check::{Facts, Finding, Outcome, Summary};
use crate::classify::Classification;
use crate::clock::Clock;
use crate::dossier::LoadedDossier;
use crate::rules::scope::ScopeView;
use crate::rules::{RuleSet, RuleSource, Severity, Source};

pub use github::render as github;
pub use human::render as human;
pub use junit::render as junit;
pub use markdown::render as markdown;
pub use sarif::render as sarif;

/// Version of the JSON contract. Additions keep it; removals or changes of meaning bump it.
pub const REPORT_VERSION: u32 = 1;

/// The report of one `check`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report {
    /// Version of this JSON contract.
    pub report_version: u32,
    /// The tool that made it.
    pub tool: Tool,
    /// The date rules were evaluated against.
    pub as_of: chrono::NaiveDate,
    /// Where that date came from.
    pub clock: crate::clock::ClockSource,
    /// The instant of the one clock the check read, for outputs stamped with a time (a
    /// bundle's manifest). Not part of the JSON contract, which is stamped with `as_of`.
    #[serde(skip)]
    pub now: chrono::DateTime<chrono::Utc>,
    /// The dossier checked.
    pub dossier: DossierView,
    /// Which regime applies, and why.
    pub classification: Classification,
    /// The facts rules were selected by (`null` when unknown).
    pub facts: Facts,
    /// The rule catalogue used.
    pub rules: RulesView,
    /// The rules this check was restricted to (`check --document`, `--audience`,
    /// `--area`); `build` checks every rule.
    pub scope: ScopeView,
    /// SHA-256 of the benchmark catalogue (`rules/benchmarks/` and any `--benchmarks` packs)
    /// the evaluation rules read metric directions and dimensions from.
    pub benchmark_catalogue_digest: String,
    /// One finding per rule, in catalogue order, then waiver findings.
    pub findings: Vec<FindingView>,
    /// Counts.
    pub summary: Summary,
    /// The dossier directory as machine formats name it: relative to the workspace (the
    /// repository root CI checks out, `GITHUB_WORKSPACE`, or the current directory) when it
    /// lies inside it, as the command line gave it otherwise. Code scanning and annotations
    /// need repository-relative paths. Not part of the JSON contract.
    #[serde(skip)]
    pub artifact_dir: String,
    /// The evaluation profile the check read, for the documents' "results by dimension"
    /// sections. Not part of the JSON contract (`aiact evals --format json` is its own).
    #[serde(skip)]
    pub evaluation_profile: Option<crate::evals::profile::Profile>,
}

/// Name and version of aiact.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Tool {
    /// `aiact`.
    pub name: &'static str,
    /// Its version.
    pub version: &'static str,
}

/// The dossier and the digests of its files.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DossierView {
    /// The dossier directory as given on the command line.
    pub path: String,
    /// SHA-256 over the names and digests of the dossier files, in order.
    pub digest: String,
    /// The dossier files with their SHA-256.
    pub files: Vec<InputFile>,
}

/// A dossier file.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct InputFile {
    /// Its name in the dossier.
    pub name: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
}

/// The rule catalogue used.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RulesView {
    /// SHA-256 over the rule files' names and digests.
    pub digest: String,
    /// Number of rules (waiver rules excluded).
    pub count: usize,
    /// The rule files.
    pub sources: Vec<RuleSource>,
}

/// Where a finding points in the dossier.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Location {
    /// The file, relative to the dossier.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The field the finding is about.
    pub field: String,
    /// The field actually written at that position: the field itself, or its nearest parent
    /// when the field is missing.
    pub found: String,
}

/// One failed part of a check.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FailureView {
    /// The field.
    pub field: String,
    /// What is wrong with it.
    pub detail: String,
    /// Where it is (or would be) written.
    pub location: Location,
}

/// A waiver, as reported.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct WaiverView {
    /// Why the finding is accepted.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// When.
    pub approved_on: Option<chrono::NaiveDate>,
    /// Last day it holds.
    pub expires: chrono::NaiveDate,
}

/// A finding, as reported.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FindingView {
    /// Rule id.
    pub rule: String,
    /// Rule title.
    pub title: String,
    /// Area id.
    pub area: String,
    /// Area title.
    pub area_title: String,
    /// Outcome.
    pub outcome: Outcome,
    /// Severity of the rule.
    pub severity: Severity,
    /// Where the obligation comes from.
    pub source: Source,
    /// Citations.
    pub legal_basis: Vec<String>,
    /// Whether the rule rests on an unverified reading.
    pub unverified: bool,
    /// One sentence.
    pub message: String,
    /// Where the first failure is; `null` for findings that did not fail.
    pub location: Option<Location>,
    /// Every failed part of the check.
    pub failures: Vec<FailureView>,
    /// Facts that were unknown and assumed.
    pub assumptions: Vec<String>,
    /// The waiver, for waived findings.
    pub waiver: Option<WaiverView>,
    /// The obligation in plain words and what satisfies it.
    pub help: String,
    /// What a failure of the rule means, whatever this finding's outcome (for formats that
    /// describe rules apart from results).
    #[serde(skip)]
    pub rule_message: String,
}

impl FindingView {
    /// Whether this finding makes `check` exit 1.
    pub fn blocks(&self, deny_warnings: bool) -> bool {
        self.outcome == Outcome::Fail && (self.severity == Severity::Error || deny_warnings)
    }
}

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text for people, grouped by area of obligations.
    Human,
    /// The documented JSON report.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML, for GitLab and Jenkins test reports.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A Markdown summary for pull-request comments and job summaries.
    Markdown,
}

impl Report {
    /// The report in `format`; `verbose` lists passing rules in the human report, and
    /// `deny_warnings` decides the verdict the Markdown summary states.
    pub fn write(&self, format: Format, verbose: bool, deny_warnings: bool) -> String {
        match format {
            Format::Human => human(self, verbose),
            Format::Json => json(self),
            Format::Sarif => sarif(self),
            Format::Junit => junit(self),
            Format::Github => github(self),
            Format::Markdown => markdown(self, deny_warnings),
        }
    }

    /// Whether `check` should exit 1.
    pub fn blocks(&self, deny_warnings: bool) -> bool {
        self.findings.iter().any(|f| f.blocks(deny_warnings))
    }

    /// The model's name and version for headings.
    pub fn model_label(&self) -> String {
        match (
            &self.classification.model.name,
            &self.classification.model.version,
        ) {
            (Some(name), Some(version)) => format!("{name} {version}"),
            (Some(name), None) => name.clone(),
            _ => "(unnamed model)".to_owned(),
        }
    }

    /// The location of a dossier file for machine formats (SARIF, JUnit, GitHub): the
    /// dossier directory relative to the workspace ([`Report::artifact_dir`]), joined with
    /// the file name, with `/` separators.
    pub fn artifact(&self, file: &str) -> String {
        let dir = self.artifact_dir.trim_end_matches('/');
        if dir.is_empty() || dir == "." {
            file.to_owned()
        } else {
            format!("{dir}/{file}")
        }
    }
}

/// What was checked: the whole catalogue, the scope that selected from it, and the findings
/// of the rules in scope.
pub struct Checked<'a> {
    /// The catalogue, digested in the report whatever the scope.
    pub rules: &'a RuleSet,
    /// The scope.
    pub scope: ScopeView,
    /// The findings.
    pub findings: &'a [Finding],
    /// SHA-256 of the benchmark catalogue the evaluation rules read.
    pub catalogue_digest: String,
}

/// Assembles the report of a check.
pub fn build(
    loaded: &LoadedDossier,
    dossier_path: &str,
    classification: Classification,
    facts: Facts,
    checked: Checked<'_>,
    clock: &Clock,
) -> Report {
    let Checked {
        rules,
        scope,
        findings,
        catalogue_digest,
    } = checked;
    let files: Vec<InputFile> = loaded
        .files
        .iter()
        .map(|file| InputFile {
            name: file.source.name.clone(),
            sha256: crate::digest::sha256_hex(file.source.text.as_bytes()),
        })
        .collect();
    let mut hasher = Sha256::new();
    for file in &files {
        hasher.update(file.name.as_bytes());
        hasher.update(b"\n");
        hasher.update(file.sha256.as_bytes());
        hasher.update(b"\n");
    }
    let locate = |path: &crate::dossier::FieldPath| {
        let position = loaded.locate(path);
        Location {
            file: position.file,
            line: position.line,
            column: position.column,
            field: path.to_string(),
            found: position.found_path.to_string(),
        }
    };
    let findings: Vec<FindingView> = findings
        .iter()
        .map(|finding| {
            let failures: Vec<FailureView> = finding
                .failures
                .iter()
                .map(|failure| FailureView {
                    field: failure.path.to_string(),
                    detail: failure.detail.clone(),
                    location: locate(&failure.path),
                })
                .collect();
            let rule = &finding.rule.rule;
            FindingView {
                rule: rule.id.clone(),
                title: rule.title.clone(),
                area: finding.rule.area.clone(),
                area_title: finding.rule.area_title.clone(),
                outcome: finding.outcome,
                severity: rule.severity,
                source: rule.source,
                legal_basis: rule.legal_basis.clone(),
                unverified: rule.unverified,
                message: finding.message.clone(),
                location: failures.first().map(|f| f.location.clone()),
                failures,
                assumptions: finding.assumptions.clone(),
                waiver: finding.waiver.as_ref().map(|w| WaiverView {
                    reason: w.reason.0.clone(),
                    approved_by: w.approved_by.clone(),
                    approved_on: w.approved_on,
                    expires: w.expires,
                }),
                help: rule.help.clone(),
                rule_message: rule.message.clone(),
            }
        })
        .collect();
    Report {
        report_version: REPORT_VERSION,
        tool: Tool {
            name: "aiact",
            version: crate::version::VERSION,
        },
        as_of: clock.today(),
        now: clock.now,
        clock: clock.source,
        dossier: DossierView {
            path: dossier_path.to_owned(),
            digest: hex::encode(hasher.finalize()),
            files,
        },
        classification,
        facts,
        rules: RulesView {
            digest: rules.digest.clone(),
            count: rules.rules.len(),
            sources: rules.sources.clone(),
        },
        scope,
        benchmark_catalogue_digest: catalogue_digest,
        summary: Summary::count(findings.iter().map(|f| (f.outcome, f.severity))),
        findings,
        artifact_dir: dossier_path.to_owned(),
        evaluation_profile: None,
    }
}

/// The JSON contract, pretty-printed with a final newline.
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default() + "\n"
}

/// The rules the report refers to, in order of first appearance, for formats that declare
/// their rules (SARIF).
pub(crate) fn distinct_rules(report: &Report) -> Vec<&FindingView> {
    let mut seen: Vec<&str> = Vec::new();
    let mut rules = Vec::new();
    for finding in &report.findings {
        if !seen.contains(&finding.rule.as_str()) {
            seen.push(&finding.rule);
            rules.push(finding);
        }
    }
    rules
}

/// The one-line summary every format ends with.
pub fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    let scope = if report.scope.everything {
        String::new()
    } else {
        format!(
            " (scope: {}; {} rule{} left out)",
            report.scope.description,
            report.scope.rules_out_of_scope,
            if report.scope.rules_out_of_scope == 1 {
                ""
            } else {
                "s"
            }
        )
    };
    format!(
        "{} rules{scope}: {} passed, {} failed ({} error{}, {} warning{}), {} waived, {} not applicable",
        s.total,
        s.passed,
        s.failed,
        s.errors,
        if s.errors == 1 { "" } else { "s" },
        s.warnings,
        if s.warnings == 1 { "" } else { "s" },
        s.waived,
        s.not_applicable
    )
}
