//! The evaluation profile: the dossier's evaluation results grouped by alignment dimension
//! (how many, which benchmarks and harnesses, the latest run, the model versions, whether the
//! dimension counts as covered), the results no dimension claims, and the consistency of the
//! evidence itself: repeated results that disagree beyond their standard errors, and results
//! that carry neither a standard error nor a sample count. Pure: `aiact evals`, the check's
//! coverage and consistency rules and the documents all read this one computation.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Catalogue, Direction, Harness};
use crate::dossier::model::Dossier;
use crate::dossier::model::evaluations::{Dimension, EvaluationRecord};

/// Version of the `aiact evals --format json` contract.
pub const PROFILE_VERSION: u32 = 1;

/// Two-sided z at the 1 % level: repeated results further apart than this many combined
/// standard errors are reported as inconsistent.
pub const Z_CRITICAL: f64 = 2.576;

/// Whether a dimension has evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// At least one complete result with a value and a known direction.
    Covered,
    /// Results exist, but none counts: no value, a partial run, or an unknown direction.
    Weak,
    /// No result.
    Missing,
}

/// One result, as the profile, the tables and the charts show it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ResultPoint {
    /// Index of the record in `evaluations.records`.
    pub record: usize,
    /// Benchmark.
    pub benchmark: String,
    /// Task, where given.
    pub task: Option<String>,
    /// Metric.
    pub metric: String,
    /// Value.
    pub value: Option<f64>,
    /// Standard error.
    pub stderr: Option<f64>,
    /// Unit of value and stderr.
    pub unit: Option<String>,
    /// The direction, in words ("higher is better", "risk: …", "direction unknown (…)").
    pub direction: String,
    /// Model version evaluated.
    pub model_version: Option<String>,
    /// Harness.
    pub harness: Option<String>,
    /// Whether this result counts towards coverage.
    pub counts: bool,
}

/// What the evaluations say about one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct DimensionProfile {
    /// The taxonomy id (`honesty.truthfulness`).
    pub id: &'static str,
    /// The family the coverage rules read (`capabilities`, `honesty`, `harmlessness`,
    /// `fairness`, `systemic risks` (the four specified ones), or `other`).
    pub family: &'static str,
    /// How many results.
    pub results: usize,
    /// Distinct benchmarks, sorted.
    pub benchmarks: Vec<String>,
    /// Distinct harnesses, sorted.
    pub harnesses: Vec<String>,
    /// The latest run date.
    pub latest_run: Option<NaiveDate>,
    /// Distinct model versions evaluated, sorted.
    pub model_versions: Vec<String>,
    /// Coverage status.
    pub status: Coverage,
    /// The results.
    pub points: Vec<ResultPoint>,
}

/// Two results of the same measurement that disagree.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Inconsistency {
    /// The two records.
    pub records: [usize; 2],
    /// What was measured twice: "MMLU / mmlu / acc on v1 (lm-eval 0.4.2, 5-shot)".
    pub measurement: String,
    /// The two values.
    pub values: [f64; 2],
    /// Their standard errors.
    pub stderrs: [f64; 2],
    /// |Δ| / √(se₁² + se₂²).
    pub z: f64,
}

/// The profile of a dossier's evaluations.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Profile {
    /// Version of this JSON contract.
    pub profile_version: u32,
    /// SHA-256 of the benchmark catalogue used to read directions.
    pub catalogue_digest: String,
    /// Every dimension of the taxonomy, in its order.
    pub dimensions: Vec<DimensionProfile>,
    /// Results that name no dimension.
    pub unmapped: Vec<ResultPoint>,
    /// Repeated results that differ by more than their standard errors allow (z > 2.576).
    pub inconsistent: Vec<Inconsistency>,
    /// Pairs of results of the same measurement, both with a value and a standard error:
    /// what the consistency test could compare.
    pub comparable_pairs: usize,
    /// Records with a value but neither a standard error nor a sample count.
    pub single_draws: Vec<usize>,
    /// Records with a value whose metric direction is unknown.
    pub unknown_direction: Vec<usize>,
    /// Whether `evaluations.records` is answered at all.
    pub records_answered: bool,
}

impl Profile {
    /// The profile of one dimension.
    pub fn dimension(&self, dimension: Dimension) -> Option<&DimensionProfile> {
        self.dimensions.iter().find(|d| d.id == dimension.id())
    }
}

/// The family a dimension belongs to for the coverage rules.
pub fn family(dimension: Dimension) -> &'static str {
    let id = dimension.id();
    match id {
        "capability" | "instruction_following" => "capabilities",
        "sr.cbrn" | "sr.cyber_offence" | "sr.harmful_manipulation" | "sr.loss_of_control" => {
            "systemic risks"
        }
        _ if id.starts_with("honesty.") => "honesty",
        _ if id.starts_with("safety.") || id == "ethics" => "harmlessness",
        _ if id.starts_with("fairness.") => "fairness",
        _ => "other",
    }
}

/// The direction of a record's metric: its own `higher_is_better`, else the catalogue's
/// (which also knows the non-monotone and risk metrics that have no `higher_is_better`).
pub fn direction(catalogue: &Catalogue, record: &EvaluationRecord) -> Direction {
    if let Some(higher) = record.higher_is_better {
        return Direction::Better(higher);
    }
    let args = BTreeMap::new();
    let compl_ai = record.compl_ai_requirement.is_some();
    let names = [record.task.as_deref(), Some(record.benchmark.as_str())];
    for name in names.into_iter().flatten() {
        let stripped = name.strip_prefix("complai/").unwrap_or(name);
        let found = [Harness::ComplAi, Harness::Inspect, Harness::LmEval]
            .into_iter()
            .filter(|h| (*h == Harness::ComplAi) == compl_ai)
            .find_map(|h| {
                let key = if h == Harness::Inspect && !stripped.starts_with("inspect_evals/") {
                    format!("inspect_evals/{stripped}")
                } else {
                    stripped.to_owned()
                };
                catalogue.lookup(h, &key, &args).map(|m| (m, h))
            })
            .or_else(|| catalogue.by_name(name).map(|m| (m, Harness::LmEval)));
        if let Some((found, harness)) = found {
            return found.direction(&record.metric, harness);
        }
    }
    Direction::Unknown(
        "no higher_is_better, and the catalogue does not know the benchmark".to_owned(),
    )
}

fn point(catalogue: &Catalogue, index: usize, record: &EvaluationRecord) -> ResultPoint {
    let direction = direction(catalogue, record);
    let partial =
        matches!((record.samples, record.samples_total), (Some(n), Some(total)) if n < total);
    let counts = record.value.is_some() && !partial && !matches!(direction, Direction::Unknown(_));
    ResultPoint {
        record: index,
        benchmark: record.benchmark.clone(),
        task: record.task.clone(),
        metric: record.metric.clone(),
        value: record.value,
        stderr: record.stderr,
        unit: record.unit.clone(),
        direction: direction.describe(),
        model_version: record.model_version.clone(),
        harness: record.harness.clone(),
        counts,
    }
}

fn sorted_distinct(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut values: Vec<String> = values.collect();
    values.sort();
    values.dedup();
    values
}

/// The profile of the dossier's evaluation records.
pub fn profile(dossier: &Dossier, catalogue: &Catalogue) -> Profile {
    let records = dossier.evaluations.records.as_deref().unwrap_or_default();
    // Points are made where they are kept (a dimension, or the unmapped list), not made once
    // and cloned: a 5,000-record dossier keeps one copy.
    let mut by_dimension: BTreeMap<Dimension, Vec<ResultPoint>> = BTreeMap::new();
    let mut unmapped = Vec::new();
    let mut unknown_direction = Vec::new();
    for (index, record) in records.iter().enumerate() {
        let made = point(catalogue, index, record);
        if record.value.is_some() && made.direction.starts_with("direction unknown") {
            unknown_direction.push(index);
        }
        match record.dimensions.as_deref() {
            None | Some([]) => unmapped.push(made),
            Some([only]) => by_dimension.entry(*only).or_default().push(made),
            Some(several) => {
                for dimension in several {
                    by_dimension
                        .entry(*dimension)
                        .or_default()
                        .push(made.clone());
                }
            }
        }
    }
    let dimensions = Dimension::ALL
        .iter()
        .map(|&dimension| {
            let mine = by_dimension.remove(&dimension).unwrap_or_default();
            let status = if mine.iter().any(|p| p.counts) {
                Coverage::Covered
            } else if mine.is_empty() {
                Coverage::Missing
            } else {
                Coverage::Weak
            };
            DimensionProfile {
                id: dimension.id(),
                family: family(dimension),
                results: mine.len(),
                benchmarks: sorted_distinct(mine.iter().map(|p| p.benchmark.clone())),
                harnesses: sorted_distinct(mine.iter().filter_map(|p| p.harness.clone())),
                latest_run: mine.iter().filter_map(|p| records[p.record].date).max(),
                model_versions: sorted_distinct(
                    mine.iter().filter_map(|p| p.model_version.clone()),
                ),
                status,
                points: mine,
            }
        })
        .collect();
    let single_draws = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.value.is_some() && r.stderr.is_none() && r.samples.is_none())
        .map(|(i, _)| i)
        .collect();
    let (inconsistent, comparable_pairs) = inconsistencies(records);
    Profile {
        profile_version: PROFILE_VERSION,
        catalogue_digest: catalogue.digest.clone(),
        dimensions,
        unmapped,
        inconsistent,
        comparable_pairs,
        single_draws,
        unknown_direction,
        records_answered: dossier.evaluations.records.is_some(),
    }
}

/// What makes two records the same measurement: results of different harness versions, shot
/// counts, units or model versions are never compared.
fn measurement(record: &EvaluationRecord) -> String {
    format!(
        "{} / {} / {} on {} ({} {}, {}, {})",
        record.benchmark,
        record.task.as_deref().unwrap_or("-"),
        record.metric,
        record
            .model_version
            .as_deref()
            .unwrap_or("an unnamed version"),
        record.harness.as_deref().unwrap_or("unnamed harness"),
        record
            .harness_version
            .as_deref()
            .unwrap_or("of unknown version"),
        record
            .n_shot
            .map_or_else(|| "shots not given".to_owned(), |n| format!("{n}-shot")),
        record.unit.as_deref().unwrap_or("no unit")
    )
}

/// Pairs of the same measurement whose values differ by more than z = 2.576 combined
/// standard errors (a two-sided test at 1 %).
fn inconsistencies(records: &[EvaluationRecord]) -> (Vec<Inconsistency>, usize) {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, record) in records.iter().enumerate() {
        if record.value.is_some() && record.stderr.is_some() {
            groups.entry(measurement(record)).or_default().push(i);
        }
    }
    let mut found = Vec::new();
    let mut pairs = 0;
    for (what, members) in groups {
        pairs += members.len() * members.len().saturating_sub(1) / 2;
        for (a_at, &a) in members.iter().enumerate() {
            for &b in &members[a_at + 1..] {
                let (Some(va), Some(vb), Some(sa), Some(sb)) = (
                    records[a].value,
                    records[b].value,
                    records[a].stderr,
                    records[b].stderr,
                ) else {
                    continue;
                };
                let spread = (sa * sa + sb * sb).sqrt();
                let z = if spread > 0.0 {
                    (va - vb).abs() / spread
                } else if va == vb {
                    0.0
                } else {
                    f64::INFINITY
                };
                if z > Z_CRITICAL {
                    found.push(Inconsistency {
                        records: [a, b],
                        measurement: what.clone(),
                        values: [va, vb],
                        stderrs: [sa, sb],
                        z,
                    });
                }
            }
        }
    }
    found.sort_by_key(|i| i.records);
    (found, pairs)
}

impl Profile {
    /// The profile for people (`aiact evals`).
    pub fn human(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "{:<28} {:<8} {:>7}  {:<11} {}\n",
            "dimension",
            "status",
            "results",
            "latest run",
            "benchmarks (harnesses; model versions)"
        ));
        for d in &self.dimensions {
            let status = match d.status {
                Coverage::Covered => "covered",
                Coverage::Weak => "weak",
                Coverage::Missing => "missing",
            };
            let detail = if d.results == 0 {
                String::new()
            } else {
                format!(
                    "{} ({}; {})",
                    d.benchmarks.join(", "),
                    if d.harnesses.is_empty() {
                        "harness not given".to_owned()
                    } else {
                        d.harnesses.join(", ")
                    },
                    if d.model_versions.is_empty() {
                        "version not given".to_owned()
                    } else {
                        d.model_versions.join(", ")
                    }
                )
            };
            let line = format!(
                "{:<28} {:<8} {:>7}  {:<11} {}",
                d.id,
                status,
                d.results,
                d.latest_run
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".to_owned()),
                detail
            );
            out.push_str(line.trim_end());
            out.push('\n');
        }
        let record = |p: &ResultPoint| {
            format!(
                "  record {}: {}{} / {}",
                p.record,
                p.benchmark,
                p.task
                    .as_ref()
                    .map(|t| format!(" / {t}"))
                    .unwrap_or_default(),
                p.metric
            )
        };
        out.push_str(&format!(
            "\nnot mapped to any dimension: {}\n",
            self.unmapped.len()
        ));
        for p in &self.unmapped {
            out.push_str(&record(p));
            out.push('\n');
        }
        out.push_str(&format!(
            "\ninconsistent repeats (z > {Z_CRITICAL}, two-sided 1 %): {}\n",
            self.inconsistent.len()
        ));
        for i in &self.inconsistent {
            out.push_str(&format!(
                "  records {} and {}: {} gives {} ± {} and {} ± {}, z = {:.2}\n",
                i.records[0],
                i.records[1],
                i.measurement,
                i.values[0],
                i.stderrs[0],
                i.values[1],
                i.stderrs[1],
                i.z
            ));
        }
        out.push_str(&format!(
            "\nsingle draws (a value with neither stderr nor sample count): {}\n",
            self.single_draws.len()
        ));
        if !self.single_draws.is_empty() {
            let list: Vec<String> = self.single_draws.iter().map(ToString::to_string).collect();
            out.push_str(&format!("  records {}\n", list.join(", ")));
        }
        out.push_str(&format!(
            "\nmetric direction unknown: {}\n",
            self.unknown_direction.len()
        ));
        if !self.unknown_direction.is_empty() {
            let list: Vec<String> = self
                .unknown_direction
                .iter()
                .map(ToString::to_string)
                .collect();
            out.push_str(&format!("  records {}\n", list.join(", ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::model::evaluations::EvaluationRecord;

    fn record(value: f64, stderr: Option<f64>) -> EvaluationRecord {
        EvaluationRecord {
            benchmark: "TruthfulQA".to_owned(),
            task: Some("truthfulqa_mc2".to_owned()),
            metric: "acc".to_owned(),
            value: Some(value),
            stderr,
            unit: Some("fraction".to_owned()),
            harness: Some("lm-evaluation-harness".to_owned()),
            harness_version: Some("0.4.8".to_owned()),
            model_version: Some("1.0".to_owned()),
            n_shot: Some(0),
            dimensions: Some(vec![Dimension::HonestyTruthfulness]),
            ..EvaluationRecord::default()
        }
    }

    fn profile_of(records: Vec<EvaluationRecord>) -> Profile {
        let mut dossier = Dossier::default();
        dossier.evaluations.records = Some(records);
        profile(&dossier, crate::evals::builtin().unwrap())
    }

    #[test]
    fn repeats_within_their_standard_errors_are_consistent() {
        // |0.62 − 0.60| / √(0.01² + 0.01²) = 1.41 < 2.576.
        let profile = profile_of(vec![record(0.62, Some(0.01)), record(0.60, Some(0.01))]);
        assert_eq!(profile.comparable_pairs, 1);
        assert!(profile.inconsistent.is_empty());
        assert_eq!(
            profile
                .dimension(Dimension::HonestyTruthfulness)
                .unwrap()
                .status,
            Coverage::Covered
        );
    }

    #[test]
    fn repeats_beyond_their_standard_errors_are_reported_with_the_numbers() {
        // |0.66 − 0.60| / √(0.01² + 0.01²) = 4.24 > 2.576.
        let profile = profile_of(vec![record(0.66, Some(0.01)), record(0.60, Some(0.01))]);
        let found = &profile.inconsistent[0];
        assert_eq!(found.records, [0, 1]);
        assert!((found.z - 4.2426).abs() < 1e-3, "{}", found.z);
        assert!(found.measurement.contains("lm-evaluation-harness 0.4.8"));
    }

    #[test]
    fn different_harness_versions_are_never_pooled() {
        let mut other = record(0.66, Some(0.01));
        other.harness_version = Some("0.4.9".to_owned());
        let profile = profile_of(vec![other, record(0.60, Some(0.01))]);
        assert_eq!(profile.comparable_pairs, 0);
        assert!(profile.inconsistent.is_empty());
    }

    #[test]
    fn single_draws_and_unknown_directions_are_listed() {
        let mut single = record(0.6, None);
        single.samples = None;
        let mut unknown = record(0.5, Some(0.01));
        unknown.benchmark = "Acme internal probe".to_owned();
        unknown.task = None;
        unknown.dimensions = Some(vec![Dimension::FairnessBias]);
        let profile = profile_of(vec![single, unknown]);
        assert_eq!(profile.single_draws, [0]);
        assert_eq!(profile.unknown_direction, [1]);
        assert_eq!(
            profile.dimension(Dimension::FairnessBias).unwrap().status,
            Coverage::Weak,
            "a result of unknown direction never covers a dimension"
        );
    }

    #[test]
    fn a_risk_metric_counts_though_it_has_no_higher_is_better() {
        let mut wmdp = record(0.61, Some(0.01));
        wmdp.benchmark = "WMDP".to_owned();
        wmdp.task = Some("wmdp_cyber".to_owned());
        wmdp.dimensions = Some(vec![Dimension::SrCyberOffence]);
        let profile = profile_of(vec![wmdp]);
        let cyber = profile.dimension(Dimension::SrCyberOffence).unwrap();
        assert_eq!(cyber.status, Coverage::Covered);
        assert!(cyber.points[0].direction.starts_with("risk"));
    }
}
