//! Evaluation: every rule of the catalogue against a dossier, giving one finding per rule
//! (pass, fail, waived or not applicable), then waivers applied. Pure: the dossier, the
//! facts, today's date and the few numbers read from files come in; findings go out. No I/O,
//! no clock.

mod builtin;
mod predicate;
mod waivers;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

pub use crate::classify::Facts;
use crate::diag::Diagnostic;
use crate::dossier::model::Dossier;
use crate::dossier::model::root::Waiver;
use crate::dossier::path::FieldPath;
use crate::rules::{Condition, LoadedRule, RuleSet, Severity};
pub use predicate::significant_figures;

/// The outcome of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The dossier satisfies the rule.
    Pass,
    /// The dossier does not satisfy the rule.
    Fail,
    /// The rule fails, and a valid waiver accepts it.
    Waived,
    /// The rule does not apply to this model.
    NotApplicable,
}

/// One reason a check failed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    /// The field the failure is about.
    pub path: FieldPath,
    /// What is wrong with it.
    pub detail: String,
}

/// The outcome of one rule, with everything a report needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule.
    pub rule: LoadedRule,
    /// Its outcome.
    pub outcome: Outcome,
    /// One sentence: the rule's message on failure, or why it passed or does not apply.
    pub message: String,
    /// Each failed part of the check, with its field.
    pub failures: Vec<Failure>,
    /// Facts that were unknown and assumed to hold for the rule to apply.
    pub assumptions: Vec<String>,
    /// The waiver that accepts the failure, when there is one.
    pub waiver: Option<Waiver>,
}

/// What the engine needs besides the rules.
pub struct Context<'a> {
    /// The dossier.
    pub dossier: &'a Dossier,
    /// The dossier as one JSON value in the unified path space.
    pub value: &'a Value,
    /// The literal text of a plain number at a path, where the dossier has one.
    pub literal: &'a dyn Fn(&FieldPath) -> Option<String>,
    /// Today.
    pub today: NaiveDate,
    /// Relative tolerance for compute estimates, overriding the rules' own.
    pub compute_tolerance: Option<f64>,
    /// Lines in `data.sources.crawled_data.top_domains.domains_file`, when there is one.
    pub domains_in_file: Option<usize>,
    /// Evaluation records whose value no longer matches the evidence their pointer names:
    /// record index and what differs (read by `lib::evaluate`, since checks do no I/O).
    pub evidence_mismatches: Vec<(usize, String)>,
    /// The evaluation records by alignment dimension, read against the benchmark catalogue
    /// (for the coverage and consistency rules).
    pub evaluation_profile: &'a crate::evals::profile::Profile,
}

/// What `check` needs besides the dossier.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Extra rule packs.
    pub rule_dirs: Vec<std::path::PathBuf>,
    /// Extra benchmark catalogue packs.
    pub benchmark_dirs: Vec<std::path::PathBuf>,
    /// Fixes "today" for date rules.
    pub as_of: Option<chrono::NaiveDate>,
    /// Overrides the rules' tolerance for compute estimates.
    pub compute_tolerance: Option<f64>,
    /// The rules to evaluate (`check --document`, `--audience`, `--area`); every rule when
    /// empty, as `build` always asks.
    pub scope: crate::rules::scope::Scope,
}

/// Evaluates every rule and applies the waivers.
///
/// A rule whose check takes more than [`MAX_STEPS`] steps on this dossier is an error: a
/// rule pack can nest `each` over lists (14 items nested 8 deep is 1.5 billion visits), and
/// evaluation must stay bounded whatever a pack says.
///
/// `left_out` names the rules a scope left out: a waiver of one of them is neither applied
/// nor reported as matching nothing.
pub fn evaluate(
    rules: &RuleSet,
    left_out: &[&str],
    facts: &Facts,
    context: &Context<'_>,
) -> Result<Vec<Finding>, Vec<Diagnostic>> {
    let mut findings = Vec::with_capacity(rules.rules.len());
    let mut over_budget = Vec::new();
    let mut total = 0u64;
    for rule in &rules.rules {
        match evaluate_rule(rule, facts, context) {
            Ok((finding, steps)) => {
                findings.push(finding);
                total += steps;
            }
            Err(diagnostic) => over_budget.push(*diagnostic),
        }
        if total > MAX_TOTAL_STEPS && over_budget.is_empty() {
            // Each rule within its budget, but a pack of many: stop at the one that tips it.
            let (line, column) = rule.at;
            over_budget.push(
                Diagnostic::error(format!(
                    "the rules took more than {MAX_TOTAL_STEPS} steps in all on this dossier; stopped at rule `{}`",
                    rule.rule.id
                ))
                .at_point(rule.file.clone(), line, column)
                .help("a rule pack with many rules that each visit every item multiplies the work: merge or narrow them"),
            );
            break;
        }
    }
    if !over_budget.is_empty() {
        return Err(over_budget);
    }
    let waivers: Vec<_> = context
        .dossier
        .root
        .waivers
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter(|w| !left_out.contains(&w.rule.as_str()))
        .cloned()
        .collect();
    waivers::apply(&mut findings, &waivers, context.today);
    Ok(findings)
}

/// Most steps (checks evaluated and values visited) one rule may take on one dossier. The
/// shipped rules take well under 100,000 on a dossier of 5,000 evaluation records.
pub const MAX_STEPS: u64 = 20_000_000;

/// Most steps all rules together may take on one dossier.
pub const MAX_TOTAL_STEPS: u64 = 200_000_000;

fn evaluate_rule(
    loaded: &LoadedRule,
    facts: &Facts,
    context: &Context<'_>,
) -> Result<(Finding, u64), Box<Diagnostic>> {
    let rule = &loaded.rule;
    let mut assumptions = Vec::new();
    let mut excluded_by = None;
    for &condition in &loaded.conditions {
        let (admits, assumption) = admits(facts, condition);
        if let Some(assumption) = assumption {
            assumptions.push(assumption);
        }
        if !admits && excluded_by.is_none() {
            excluded_by = Some(condition);
        }
    }
    if let Some(condition) = excluded_by {
        let finding = Finding {
            rule: loaded.clone(),
            outcome: Outcome::NotApplicable,
            message: format!("Does not apply: the model does not meet `{condition}`."),
            failures: Vec::new(),
            assumptions,
            waiver: None,
        };
        return Ok((finding, 0));
    }
    let evaluator = predicate::Evaluator::new(context);
    let mut failures = Vec::new();
    let passed = evaluator.eval_rule(&rule.check, &mut failures);
    if evaluator.steps() > MAX_STEPS {
        let (line, column) = loaded.at;
        return Err(Box::new(Diagnostic::error(format!(
            "rule `{}` took more than {MAX_STEPS} steps on this dossier and was stopped",
            rule.id
        ))
        .at_point(loaded.file.clone(), line, column)
        .field(format!("{}.check", rule.id))
        .help("nested `each` and `[*]` multiply: start inner paths from the item (no leading `/`), or split the rule")));
    }
    let steps = evaluator.steps();
    let finding = if passed && evaluator.evidence() == 0 {
        // Held without looking at any answer: every condition is false or every list empty.
        Finding {
            rule: loaded.clone(),
            outcome: Outcome::NotApplicable,
            message: "Nothing to check: the conditions under which the rule asks for something do not hold, or the lists it checks are empty.".to_owned(),
            failures: Vec::new(),
            assumptions,
            waiver: None,
        }
    } else if passed {
        Finding {
            rule: loaded.clone(),
            outcome: Outcome::Pass,
            message: "Satisfied.".to_owned(),
            failures: Vec::new(),
            assumptions,
            waiver: None,
        }
    } else {
        if failures.is_empty() {
            failures.push(Failure {
                path: FieldPath::root(),
                detail: "the check does not hold".to_owned(),
            });
        }
        Finding {
            rule: loaded.clone(),
            outcome: Outcome::Fail,
            message: rule.message.clone(),
            failures,
            assumptions,
            waiver: None,
        }
    };
    Ok((finding, steps))
}

/// Whether a condition of `applies_when` admits the rule, and if its fact was unknown, the
/// assumption made: the fact's [`Fact::when_unknown`](crate::classify::Fact::when_unknown).
fn admits(facts: &Facts, condition: Condition) -> (bool, Option<String>) {
    let wanted = !condition.negated;
    let fact = condition.fact;
    match facts.get(fact) {
        Some(value) => (value == wanted, None),
        None => {
            let assumed = fact.when_unknown();
            (
                assumed == wanted,
                Some(format!(
                    "{fact} is unknown; assumed {}, the reading under which obligations apply",
                    if assumed { "true" } else { "false" }
                )),
            )
        }
    }
}

/// Counts of findings by outcome, and failures by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// Rules that passed.
    pub passed: usize,
    /// Rules that failed (errors and warnings).
    pub failed: usize,
    /// Failed rules of severity error.
    pub errors: usize,
    /// Failed rules of severity warning.
    pub warnings: usize,
    /// Rules whose failure is waived.
    pub waived: usize,
    /// Rules that do not apply.
    pub not_applicable: usize,
    /// All findings.
    pub total: usize,
}

impl Summary {
    /// Counts findings.
    pub fn of(findings: &[Finding]) -> Summary {
        Summary::count(findings.iter().map(|f| (f.outcome, f.rule.rule.severity)))
    }

    /// Counts outcomes with the severity of their rule.
    pub fn count(items: impl IntoIterator<Item = (Outcome, Severity)>) -> Summary {
        let mut summary = Summary::default();
        for (outcome, severity) in items {
            summary.total += 1;
            match outcome {
                Outcome::Pass => summary.passed += 1,
                Outcome::Waived => summary.waived += 1,
                Outcome::NotApplicable => summary.not_applicable += 1,
                Outcome::Fail => {
                    summary.failed += 1;
                    match severity {
                        Severity::Error => summary.errors += 1,
                        Severity::Warning => summary.warnings += 1,
                    }
                }
            }
        }
        summary
    }
}
