//! The named cross-checks: checks of the whole dossier that the path vocabulary cannot say
//! (parameter count against its size range, compute against its estimate inputs, the top
//! domains list against the crawled total, evaluation records against the documented versions
//! and their evidence, the licence's terms against the open-source exemption).

use super::Failure;
use super::predicate::{Evaluator, number};
use crate::dossier::model::technical::{ComputeMethod, EstimateInputs};
use crate::dossier::path::FieldPath;
use crate::evals::profile::Coverage;

impl Evaluator<'_> {
    pub(super) fn licence_terms(&self, out: &mut Vec<Failure>) -> bool {
        let licence = &self.context.dossier.root.model.licence;
        let reading = crate::classify::licence::read_licence(licence);
        let at = FieldPath::root().key("model").key("licence");
        let before = out.len();
        for note in reading.defeats.iter().chain(&reading.unsure) {
            out.push(Failure {
                path: at.key(note.field),
                detail: note.clause.clone(),
            });
        }
        out.len() == before
    }

    pub(super) fn parameter_range(&self, out: &mut Vec<Failure>) -> bool {
        let parameters = &self.context.dossier.technical.parameters;
        let at = FieldPath::root().key("technical").key("parameters");
        match (parameters.total, parameters.size_range) {
            (Some(total), Some(range)) => {
                let (low, high) = range.bounds();
                if total >= low && total < high {
                    true
                } else {
                    let name = serde_json::to_value(range)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    out.push(Failure {
                        path: at.key("size_range"),
                        detail: format!(
                            "is {name}, but the total of {} parameters lies outside it",
                            number(total)
                        ),
                    });
                    false
                }
            }
            (None, _) => {
                out.push(Failure {
                    path: at.key("total"),
                    detail: "is not given".to_owned(),
                });
                false
            }
            (_, None) => {
                out.push(Failure {
                    path: at.key("size_range"),
                    detail: "is not given".to_owned(),
                });
                false
            }
        }
    }

    pub(super) fn compute_estimate(
        &self,
        modification: bool,
        tolerance: f64,
        out: &mut Vec<Failure>,
    ) -> bool {
        let tolerance = self.context.compute_tolerance.unwrap_or(tolerance);
        let technical = &self.context.dossier.technical;
        let compute = &technical.compute;
        let base = if modification {
            FieldPath::root()
                .key("technical")
                .key("compute")
                .key("modification")
        } else {
            FieldPath::root().key("technical").key("compute")
        };
        let (declared, method, inputs, declared_name) = if modification {
            let m = &compute.modification;
            (m.flop, m.method, &m.estimate_inputs, "flop")
        } else {
            (
                compute.training_flop,
                compute.method,
                &compute.estimate_inputs,
                "training_flop",
            )
        };
        let Some(declared) = declared else {
            if modification {
                return true;
            }
            out.push(Failure {
                path: base.key(declared_name),
                detail: "is not given".to_owned(),
            });
            return false;
        };
        let inputs_at = base.key("estimate_inputs");
        let (estimate, formula) = match method {
            None => {
                out.push(Failure {
                    path: base.key("method"),
                    detail: "is not given, so the figure cannot be cross-checked".to_owned(),
                });
                return false;
            }
            Some(ComputeMethod::Measured) => return true,
            Some(ComputeMethod::Architecture) => {
                let parameters = inputs.parameters.or(if modification {
                    None
                } else {
                    technical.parameters.total
                });
                match (parameters, inputs.tokens) {
                    (Some(n), Some(d)) => {
                        (6.0 * n * d, format!("6 × {} × {}", number(n), number(d)))
                    }
                    (n, _) => {
                        out.push(Failure {
                            path: inputs_at.key(if n.is_none() { "parameters" } else { "tokens" }),
                            detail: "is not given, so the 6·N·D estimate cannot be made".to_owned(),
                        });
                        return false;
                    }
                }
            }
            Some(ComputeMethod::Hardware) => match hardware_estimate(inputs, &inputs_at) {
                Ok(estimate) => estimate,
                Err(failure) => {
                    out.push(failure);
                    return false;
                }
            },
        };
        let relative = (declared - estimate).abs() / declared.abs().max(f64::MIN_POSITIVE);
        if relative <= tolerance {
            true
        } else {
            out.push(Failure {
                path: base.key(declared_name),
                detail: format!(
                    "is {} FLOP, but {formula} = {} FLOP ({:.0} % apart; tolerance {:.0} %)",
                    number(declared),
                    number(estimate),
                    relative * 100.0,
                    tolerance * 100.0
                ),
            });
            false
        }
    }

    pub(super) fn top_domains(&self, out: &mut Vec<Failure>) -> bool {
        let dossier = self.context.dossier;
        let crawled = &dossier.data.sources.crawled_data;
        let at = FieldPath::root()
            .key("data")
            .key("sources")
            .key("crawled_data")
            .key("top_domains");
        match crawled.used {
            Some(false) => return true,
            None => {
                out.push(Failure {
                    path: at.key("used"),
                    detail: "is not answered, so whether a domain list is needed is unknown"
                        .to_owned(),
                });
                return false;
            }
            Some(true) => {}
        }
        let listed = crawled.top_domains.domains.as_ref().map_or(0, Vec::len)
            + self.context.domains_in_file.unwrap_or(0);
        if listed == 0 {
            let narrative = crawled.top_domains.narrative.description.is_some();
            out.push(Failure {
                path: at.clone().key("domains"),
                detail: if narrative {
                    "lists no domain names: a narrative is given instead, and the template asks for the list".to_owned()
                } else {
                    "lists no domain names".to_owned()
                },
            });
        }
        let Some(total) = crawled.top_domains.total_domains else {
            out.push(Failure {
                path: at.key("total_domains"),
                detail: "is not given, so the required list length is unknown".to_owned(),
            });
            return false;
        };
        if listed == 0 {
            return false;
        }
        // An unanswered SME status is held to the general rule: the SME alternative is the
        // provider's to claim.
        let sme = dossier.root.provider.is_sme == Some(true);
        let required = if sme {
            (total.div_ceil(20)).min(1000)
        } else {
            total.div_ceil(10)
        };
        if listed as u64 >= required {
            true
        } else {
            out.push(Failure {
                path: at.key("domains"),
                detail: format!(
                    "lists {listed} domains; {} of {total} crawled domains is {required}{}",
                    if sme {
                        "for an SME the lower of 5 % and 1 000"
                    } else {
                        "10 %"
                    },
                    if dossier.root.provider.is_sme.is_none() {
                        " (provider.is_sme is not given, so the general rule applies)"
                    } else {
                        ""
                    }
                ),
            });
            false
        }
    }

    pub(super) fn evaluation_versions(&self, out: &mut Vec<Failure>) -> bool {
        let dossier = self.context.dossier;
        let model = &dossier.root.model;
        let documented: Vec<&str> = model
            .version
            .iter()
            .map(String::as_str)
            .chain(
                model
                    .versions
                    .iter()
                    .flatten()
                    .filter_map(|v| v.version.as_deref()),
            )
            .collect();
        let mut ok = true;
        for (index, record) in dossier.evaluations.records.iter().flatten().enumerate() {
            let at = FieldPath::root()
                .key("evaluations")
                .key("records")
                .index(index)
                .key("model_version");
            match record.model_version.as_deref() {
                None => {
                    ok = false;
                    out.push(Failure {
                        path: at,
                        detail: format!("{} names no model version", record.benchmark),
                    });
                }
                Some(version) if !documented.contains(&version) => {
                    ok = false;
                    out.push(Failure {
                        path: at,
                        detail: format!(
                            "`{version}` is not a documented version ({})",
                            if documented.is_empty() {
                                "none is documented".to_owned()
                            } else {
                                documented.join(", ")
                            }
                        ),
                    });
                }
                Some(_) => {}
            }
        }
        ok
    }

    pub(super) fn evaluations_match_evidence(&self, out: &mut Vec<Failure>) -> bool {
        for (index, detail) in &self.context.evidence_mismatches {
            let benchmark = self
                .context
                .dossier
                .evaluations
                .records
                .as_deref()
                .and_then(|records| records.get(*index))
                .map_or("a record", |r| r.benchmark.as_str());
            out.push(Failure {
                path: FieldPath::root()
                    .key("evaluations")
                    .key("records")
                    .index(*index)
                    .key("value"),
                detail: format!("{benchmark} {detail}"),
            });
        }
        self.context.evidence_mismatches.is_empty()
    }

    pub(super) fn evaluations_complete(&self, out: &mut Vec<Failure>) -> bool {
        let mut ok = true;
        for (index, record) in self
            .context
            .dossier
            .evaluations
            .records
            .iter()
            .flatten()
            .enumerate()
        {
            if let (Some(samples), Some(total)) = (record.samples, record.samples_total)
                && samples < total
            {
                ok = false;
                out.push(Failure {
                    path: FieldPath::root()
                        .key("evaluations")
                        .key("records")
                        .index(index)
                        .key("samples"),
                    detail: format!(
                        "{} ran on {samples} of {total} samples: a partial run",
                        record.benchmark
                    ),
                });
            }
        }
        ok
    }
}

/// The hardware estimate of compute: accelerator-hours × 3600 × peak FLOP/s × utilisation,
/// with the formula in words; or the failure naming the first missing input.
fn hardware_estimate(
    inputs: &EstimateInputs,
    inputs_at: &FieldPath,
) -> Result<(f64, String), Failure> {
    let hours = inputs
        .accelerator_hours
        .or_else(|| Some(inputs.accelerator_count? as f64 * inputs.hours?));
    match (hours, inputs.peak_flop_per_second, inputs.utilisation) {
        (Some(h), Some(peak), Some(u)) => Ok((
            h * 3600.0 * peak * u,
            format!(
                "{} accelerator-hours × 3600 × {} FLOP/s × {}",
                number(h),
                number(peak),
                u
            ),
        )),
        (h, p, _) => {
            let missing = if h.is_none() {
                "accelerator_hours"
            } else if p.is_none() {
                "peak_flop_per_second"
            } else {
                "utilisation"
            };
            Err(Failure {
                path: inputs_at.key(missing),
                detail: "is not given, so the hardware estimate cannot be made".to_owned(),
            })
        }
    }
}

/// The cross-checks of the evaluation profile: coverage of the alignment families and the
/// specified systemic risks, refusal balanced by usefulness, directions, consistency.
impl Evaluator<'_> {
    fn records_path() -> FieldPath {
        FieldPath::root().key("evaluations").key("records")
    }

    /// `evaluations.records` unanswered: the failure that says so, for the coverage checks.
    fn records_unanswered(&self, out: &mut Vec<Failure>) -> bool {
        if self.context.evaluation_profile.records_answered {
            return false;
        }
        out.push(Failure {
            path: Self::records_path(),
            detail: "is not answered".to_owned(),
        });
        true
    }

    pub(super) fn cover_families(&self, out: &mut Vec<Failure>) -> bool {
        if self.records_unanswered(out) {
            return false;
        }
        let profile = self.context.evaluation_profile;
        let before = out.len();
        for family in ["capabilities", "honesty", "harmlessness", "fairness"] {
            let members: Vec<_> = profile
                .dimensions
                .iter()
                .filter(|d| d.family == family)
                .collect();
            if members.iter().any(|d| d.status == Coverage::Covered) {
                continue;
            }
            let ids: Vec<&str> = members.iter().map(|d| d.id).collect();
            let weak: usize = members.iter().map(|d| d.results).sum();
            out.push(Failure {
                path: Self::records_path(),
                detail: format!(
                    "have no counting result for the {family} family ({}){}",
                    ids.join(", "),
                    if weak > 0 {
                        format!(
                            "; {weak} result(s) name it but lack a value, a complete run or a known direction"
                        )
                    } else {
                        String::new()
                    }
                ),
            });
        }
        out.len() == before
    }

    pub(super) fn specified_risks(&self, out: &mut Vec<Failure>) -> bool {
        use crate::dossier::model::evaluations::Dimension;
        use crate::dossier::model::systemic_risk::RiskKind;
        let profile = self.context.evaluation_profile;
        let tests = self
            .context
            .dossier
            .systemic_risk
            .adversarial_testing
            .as_deref();
        let before = out.len();
        for (dimension, kind, name) in [
            (Dimension::SrCbrn, RiskKind::Cbrn, "cbrn"),
            (
                Dimension::SrCyberOffence,
                RiskKind::CyberOffence,
                "cyber_offence",
            ),
            (
                Dimension::SrHarmfulManipulation,
                RiskKind::HarmfulManipulation,
                "harmful_manipulation",
            ),
            (
                Dimension::SrLossOfControl,
                RiskKind::LossOfControl,
                "loss_of_control",
            ),
        ] {
            let covered = profile
                .dimension(dimension)
                .is_some_and(|d| d.status == Coverage::Covered);
            if !covered {
                out.push(Failure {
                    path: Self::records_path(),
                    detail: format!(
                        "have no counting evaluation result for {} (a value of a complete run with a known direction, a risk metric included)",
                        dimension.id()
                    ),
                });
            }
            let tested = tests.is_some_and(|tests| {
                tests
                    .iter()
                    .any(|t| t.risks.iter().flatten().any(|r| *r == kind))
            });
            if !tested {
                out.push(Failure {
                    path: FieldPath::root()
                        .key("systemic_risk")
                        .key("adversarial_testing"),
                    detail: if tests.is_none() {
                        format!(
                            "is not answered, so {} has no adversarial-testing record",
                            dimension.id()
                        )
                    } else {
                        format!("has no record whose risks name {name} ({})", dimension.id())
                    },
                });
            }
        }
        out.len() == before
    }

    pub(super) fn refusal_paired(&self, out: &mut Vec<Failure>) -> bool {
        use crate::dossier::model::evaluations::Dimension;
        let profile = self.context.evaluation_profile;
        let covered = |d: Dimension| {
            profile
                .dimension(d)
                .is_some_and(|p| p.status == Coverage::Covered)
        };
        let Some(refusal) = profile.dimension(Dimension::SafetyRefusal) else {
            return true;
        };
        if refusal.results == 0
            || covered(Dimension::SafetyOverRefusal)
            || covered(Dimension::Capability)
        {
            return true;
        }
        let at = refusal.points.first().map_or(0, |p| p.record);
        out.push(Failure {
            path: Self::records_path().index(at),
            detail: "is a refusal result, and no counting safety.over_refusal or capability result shows that the model stays useful".to_owned(),
        });
        false
    }

    pub(super) fn directions_known(&self, out: &mut Vec<Failure>) -> bool {
        let profile = self.context.evaluation_profile;
        // Each record's direction once, not a search per record: 5,000 unknown directions
        // would otherwise be 25 million comparisons.
        let directions: std::collections::HashMap<usize, &str> = profile
            .unmapped
            .iter()
            .chain(profile.dimensions.iter().flat_map(|d| &d.points))
            .map(|p| (p.record, p.direction.as_str()))
            .collect();
        for &index in &profile.unknown_direction {
            let why = directions.get(&index).copied().unwrap_or_default();
            out.push(Failure {
                path: Self::records_path().index(index).key("higher_is_better"),
                detail: format!("is not given and the {why}; the result cannot count as evidence"),
            });
        }
        profile.unknown_direction.is_empty()
    }

    pub(super) fn consistent(&self, out: &mut Vec<Failure>) -> bool {
        let profile = self.context.evaluation_profile;
        for found in &profile.inconsistent {
            out.push(Failure {
                path: Self::records_path().index(found.records[1]).key("value"),
                detail: format!(
                    "is {} ± {}, but record {} of the same measurement ({}) is {} ± {}: z = {:.2}, more than {} (two-sided, 1 %)",
                    number(found.values[1]),
                    number(found.stderrs[1]),
                    found.records[0],
                    found.measurement,
                    number(found.values[0]),
                    number(found.stderrs[0]),
                    found.z,
                    crate::evals::profile::Z_CRITICAL
                ),
            });
        }
        profile.inconsistent.is_empty()
    }

    pub(super) fn precision(&self, out: &mut Vec<Failure>) -> bool {
        let profile = self.context.evaluation_profile;
        for &index in &profile.single_draws {
            out.push(Failure {
                path: Self::records_path().index(index).key("stderr"),
                detail: "is not given, nor is samples: a single value cannot show how much it would vary on a repeat".to_owned(),
            });
        }
        profile.single_draws.is_empty()
    }
}
