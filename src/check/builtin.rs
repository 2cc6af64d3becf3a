//! The named cross-checks: checks of the whole dossier that the path vocabulary cannot say
//! (parameter count against its size range, compute against its estimate inputs, the top
//! domains list against the crawled total, evaluation records against the documented versions
//! and their evidence, the licence's terms against the open-source exemption).

use super::Failure;
use super::predicate::{Evaluator, number};
use crate::dossier::model::technical::{ComputeMethod, EstimateInputs};
use crate::dossier::path::FieldPath;

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
