//! Evaluation: every rule of the catalogue against a dossier, giving one finding per rule
//! (pass, fail, waived or not applicable), then waivers applied. Pure: the dossier, the
//! facts, today's date and the few numbers read from files come in; findings go out. No I/O,
//! no clock.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::classify::Classification;
use crate::dossier::model::root::Waiver;
use crate::dossier::model::technical::ComputeMethod;
use crate::dossier::model::{Dossier, FileKind};
use crate::dossier::path::{FieldPath, PathPattern, Segment, Step};
use crate::rules::{Check, Literal, LoadedRule, RuleSet, Severity, Source};

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

/// Tri-state facts that decide which rules apply.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Facts(pub BTreeMap<&'static str, Option<bool>>);

impl Facts {
    /// The facts of a dossier, from its classification and a few of its answers.
    pub fn derive(dossier: &Dossier, classification: &Classification) -> Facts {
        let root = &dossier.root;
        let model = &root.model;
        let placed = match (model.placed_on_eu_market, model.research_only) {
            (_, Some(true)) => Some(false),
            (Some(placed), _) => Some(placed),
            (None, _) => None,
        };
        let sources = &dossier.data.sources;
        let facts = [
            ("gpai", classification.gpai.applies),
            ("systemic_risk", classification.systemic_risk.applies),
            (
                "open_source_exemption",
                classification.open_source_exemption.applies,
            ),
            (
                "authorised_representative_required",
                classification.authorised_representative_required.applies,
            ),
            (
                "modifier_is_provider",
                classification.modifier_is_provider.applies,
            ),
            ("legacy_model", classification.deadline.applies),
            ("notification_due", classification.notification_due.applies),
            ("placed", placed),
            ("non_eu", root.provider.established_in_eu.map(|eu| !eu)),
            ("sme", root.provider.is_sme),
            ("crawls", sources.crawled_data.used),
            ("synthetic_data", sources.synthetic_data.used),
            ("has_dependencies", Some(!model.dependencies.is_empty())),
            ("own_generative_system", model.own_generative_system.placed),
            ("research_only", model.research_only),
        ];
        Facts(facts.into_iter().collect())
    }

    /// Whether a condition of `applies_when` excludes the rule, and if the fact was unknown,
    /// the assumption made.
    fn admits(&self, condition: &str) -> (bool, Option<String>) {
        let (name, wanted) = match condition.strip_prefix("not ") {
            Some(name) => (name, false),
            None => (condition, true),
        };
        match self.0.get(name).copied().flatten() {
            Some(value) => (value == wanted, None),
            None => {
                let assumed = crate::rules::FACTS
                    .iter()
                    .find(|fact| fact.name == name)
                    .is_some_and(|fact| fact.when_unknown);
                (
                    assumed == wanted,
                    Some(format!(
                        "{name} is unknown; assumed {}, the reading under which obligations apply",
                        if assumed { "true" } else { "false" }
                    )),
                )
            }
        }
    }
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
}

/// The rules aiact applies to waivers themselves.
pub fn waiver_rules() -> [LoadedRule; 2] {
    let rule = |id: &str, title: &str, severity, message: &str, help: &str| LoadedRule {
        rule: crate::rules::Rule {
            id: id.to_owned(),
            title: title.to_owned(),
            legal_basis: Vec::new(),
            source: Source::Aiact,
            applies_when: Vec::new(),
            check: Check::All(Vec::new()),
            severity,
            message: message.to_owned(),
            help: help.to_owned(),
            unverified: false,
        },
        area: "waivers".to_owned(),
        area_title: "Waivers".to_owned(),
        file: "(built in)".to_owned(),
        at: (0, 0),
    };
    [
        rule(
            "WVR-001",
            "Waiver expired",
            Severity::Error,
            "A waiver has expired; the finding it accepted counts again.",
            "Each waiver in aiact.yaml has an expiry date. After it, the waived rule's failure counts again and this finding reports the stale waiver. Fix the underlying gap, or renew the waiver with a new approval and expiry date.",
        ),
        rule(
            "WVR-002",
            "Waiver matches nothing",
            Severity::Warning,
            "A waiver accepts no failing finding.",
            "A waiver that matches no failing finding (the rule passes, does not apply, does not exist, or the path matches none of its failures) is probably stale. Remove it, or correct its rule id or path.",
        ),
    ]
}

/// Evaluates every rule and applies the waivers.
///
/// A rule whose check takes more than [`MAX_STEPS`] steps on this dossier is an error: a
/// rule pack can nest `each` over lists (14 items nested 8 deep is 1.5 billion visits), and
/// evaluation must stay bounded whatever a pack says.
pub fn evaluate(
    rules: &RuleSet,
    facts: &Facts,
    context: &Context<'_>,
) -> Result<Vec<Finding>, Vec<crate::diag::Diagnostic>> {
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
                crate::diag::Diagnostic::error(format!(
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
    apply_waivers(&mut findings, &context.dossier.root.waivers, context.today);
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
) -> Result<(Finding, u64), Box<crate::diag::Diagnostic>> {
    let rule = &loaded.rule;
    let mut assumptions = Vec::new();
    let mut excluded_by = None;
    for condition in &rule.applies_when {
        let (admits, assumption) = facts.admits(condition);
        if let Some(assumption) = assumption {
            assumptions.push(assumption);
        }
        if !admits && excluded_by.is_none() {
            excluded_by = Some(condition.clone());
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
    let mut paths = Vec::new();
    collect_paths(&rule.check, &mut paths);
    let patterns = paths
        .into_iter()
        .filter_map(|text| {
            let text = text.strip_prefix('/').unwrap_or(text);
            // Rule paths were validated when the rules loaded; `today` and dates are not paths.
            PathPattern::parse(text).ok().map(|p| (text.to_owned(), p))
        })
        .collect();
    let evaluator = Evaluator {
        context,
        patterns,
        steps: std::cell::Cell::new(0),
    };
    let root = Base {
        parent: None,
        rel: Vec::new(),
        value: context.value,
    };
    let mut failures = Vec::new();
    let passed = evaluator.eval(&rule.check, &root, &mut failures);
    if evaluator.steps.get() > MAX_STEPS {
        let (line, column) = loaded.at;
        return Err(Box::new(crate::diag::Diagnostic::error(format!(
            "rule `{}` took more than {MAX_STEPS} steps on this dossier and was stopped",
            rule.id
        ))
        .at_point(loaded.file.clone(), line, column)
        .field(format!("{}.check", rule.id))
        .help("nested `each` and `[*]` multiply: start inner paths from the item (no leading `/`), or split the rule")));
    }
    let steps = evaluator.steps.get();
    let finding = if passed {
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

fn apply_waivers(findings: &mut Vec<Finding>, waivers: &[Waiver], today: NaiveDate) {
    let [expired_rule, unused_rule] = waiver_rules();
    let mut extra = Vec::new();
    for (index, waiver) in waivers.iter().enumerate() {
        let at = FieldPath::root().key("waivers").index(index);
        let matches = |finding: &Finding| {
            finding.rule.rule.id == waiver.rule
                && finding.outcome == Outcome::Fail
                && waiver.path.as_deref().is_none_or(|prefix| {
                    finding
                        .failures
                        .iter()
                        .any(|f| path_starts_with(&f.path.to_string(), prefix))
                })
        };
        let matched = findings.iter().position(matches);
        match matched {
            Some(position) if waiver.expires >= today => {
                let finding = &mut findings[position];
                finding.outcome = Outcome::Waived;
                finding.waiver = Some(waiver.clone());
            }
            Some(_) => extra.push(Finding {
                rule: expired_rule.clone(),
                outcome: Outcome::Fail,
                message: format!(
                    "The waiver of {} expired on {}; the finding counts again.",
                    waiver.rule, waiver.expires
                ),
                failures: vec![Failure {
                    path: at.key("expires"),
                    detail: format!("expired on {}", waiver.expires),
                }],
                assumptions: Vec::new(),
                waiver: None,
            }),
            None => extra.push(Finding {
                rule: unused_rule.clone(),
                outcome: Outcome::Fail,
                message: format!(
                    "The waiver of {}{} matches no failing finding.",
                    waiver.rule,
                    waiver
                        .path
                        .as_deref()
                        .map(|p| format!(" at {p}"))
                        .unwrap_or_default()
                ),
                failures: vec![Failure {
                    path: at.key("rule"),
                    detail: "matches no failing finding".to_owned(),
                }],
                assumptions: Vec::new(),
                waiver: None,
            }),
        }
    }
    findings.extend(extra);
}

fn path_starts_with(path: &str, prefix: &str) -> bool {
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

struct Evaluator<'c, 'a> {
    context: &'c Context<'a>,
    /// Every path the rules write, parsed once per evaluation.
    patterns: HashMap<String, PathPattern>,
    /// Steps taken so far; past [`MAX_STEPS`] every check fails at once, unevaluated.
    steps: std::cell::Cell<u64>,
}

static NULL: Value = Value::Null;
static NO_PATTERN: PathPattern = PathPattern(Vec::new());

/// A step from a value to one inside it, borrowing the key.
#[derive(Debug, Clone, Copy)]
enum Rel<'s> {
    Key(&'s str),
    Index(usize),
}

/// Where an evaluation stands: a value, and how it was reached. The field path is built only
/// when a failure needs it.
struct Base<'p, 's> {
    parent: Option<&'p Base<'p, 's>>,
    rel: Vec<Rel<'s>>,
    value: &'s Value,
}

impl<'s> Base<'_, 's> {
    fn path(&self) -> FieldPath {
        self.path_with(&[])
    }

    fn path_with(&self, more: &[Rel<'_>]) -> FieldPath {
        let mut path = self.parent.map(Base::path).unwrap_or_default();
        for rel in self.rel.iter().chain(more) {
            path.0.push(match rel {
                Rel::Key(key) => Segment::Key((*key).to_owned()),
                Rel::Index(index) => Segment::Index(*index),
            });
        }
        path
    }
}

/// A value a pattern reaches, and the steps from the start.
struct Reached<'s> {
    rel: Vec<Rel<'s>>,
    value: &'s Value,
}

/// The values a pattern reaches from `start`: one for a plain path (possibly null), one per
/// item for each `[*]`.
///
/// Every value visited on the way counts a step on `steps` (items dropped later cost work
/// too); once past [`MAX_STEPS`] nothing more is resolved.
fn resolve<'s>(
    start: &'s Value,
    pattern: &'s PathPattern,
    steps: &std::cell::Cell<u64>,
) -> Vec<Reached<'s>> {
    let mut reached = vec![Reached {
        rel: Vec::with_capacity(pattern.0.len()),
        value: start,
    }];
    for step in &pattern.0 {
        let mut next = Vec::with_capacity(reached.len());
        for Reached { rel, value } in reached {
            match step {
                Step::Key(key) => {
                    let child = value
                        .as_object()
                        .and_then(|map| map.get(key))
                        .unwrap_or(&NULL);
                    let mut rel = rel;
                    rel.push(Rel::Key(key));
                    next.push(Reached { rel, value: child });
                }
                Step::EveryItem => {
                    if let Value::Array(items) = value {
                        for (i, item) in items.iter().enumerate() {
                            let mut rel = rel.clone();
                            rel.push(Rel::Index(i));
                            next.push(Reached { rel, value: item });
                        }
                    }
                }
            }
        }
        steps.set(steps.get() + next.len() as u64);
        if steps.get() > MAX_STEPS {
            return Vec::new();
        }
        reached = next;
    }
    reached
}

/// Every path string a check writes, for parsing them once.
fn collect_paths<'c>(check: &'c Check, out: &mut Vec<&'c str>) {
    match check {
        Check::Present(path) => out.push(path),
        Check::All(checks) | Check::Any(checks) => {
            for inner in checks {
                collect_paths(inner, out);
            }
        }
        Check::Not(inner) => collect_paths(inner, out),
        Check::Implies { when, then } => {
            collect_paths(when, out);
            collect_paths(then, out);
        }
        Check::Each { path, check } | Check::Some { path, check } => {
            out.push(path);
            collect_paths(check, out);
        }
        Check::Equals { path, .. }
        | Check::OneOf { path, .. }
        | Check::AtLeast { path, .. }
        | Check::AtMost { path, .. }
        | Check::CountAtLeast { path, .. }
        | Check::ContainsAll { path, .. }
        | Check::SignificantFigures { path, .. } => out.push(path),
        Check::DateAtMost { path, than, .. } | Check::DateAtLeast { path, than, .. } => {
            out.push(path);
            out.push(than);
        }
        Check::SumMatches { parts, total, .. } => {
            out.extend(parts.iter().map(String::as_str));
            out.push(total);
        }
        Check::ParameterCountInRange
        | Check::ComputeEstimateConsistent { .. }
        | Check::ModificationEstimateConsistent { .. }
        | Check::TopDomainsSufficient
        | Check::EvaluationsNameDocumentedVersion
        | Check::EvaluationsComplete
        | Check::EvaluationsMatchEvidence => {}
    }
}

fn is_given(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(items) => !items.is_empty(),
        _ => true,
    }
}

fn literal_matches(literal: &Literal, value: &Value) -> bool {
    match (literal, value) {
        (Literal::Bool(b), Value::Bool(v)) => b == v,
        (Literal::Number(n), Value::Number(v)) => v.as_f64() == Some(*n),
        (Literal::Text(t), Value::String(v)) => t == v,
        _ => false,
    }
}

fn literal_text(literal: &Literal) -> String {
    match literal {
        Literal::Bool(b) => b.to_string(),
        Literal::Number(n) => n.to_string(),
        Literal::Text(t) => t.clone(),
    }
}

fn show(value: &Value) -> String {
    match value {
        Value::String(s) => format!("`{s}`"),
        Value::Null => "not given".to_owned(),
        other => format!("`{other}`"),
    }
}

fn date_of(value: &Value) -> Option<NaiveDate> {
    value
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

/// Significant figures of a decimal literal: `3.8e25` has 2, `7.30e9` has 3, `7000000000`
/// has 1 (trailing zeros of a whole number are not significant).
pub fn significant_figures(literal: &str) -> u32 {
    let text = literal.trim().trim_start_matches(['+', '-']);
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    let has_point = mantissa.contains('.');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = if has_point {
        digits
    } else {
        digits.trim_end_matches('0')
    };
    u32::try_from(digits.len()).unwrap_or(u32::MAX)
}

/// Formats a number for messages, such as `3.8e25` or `155`.
fn number(value: f64) -> String {
    let value = if value == 0.0 { 0.0 } else { value };
    if value != 0.0 && (value.abs() >= 1e6 || value.abs() < 1e-3) {
        crate::classify::sci(value)
    } else {
        let text = format!("{value:.4}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

impl<'a> Evaluator<'_, 'a> {
    /// The values a path written in a rule reaches from `base`, or from the top of the
    /// dossier for a path starting with `/`.
    fn reach<'s>(&'s self, base: &Base<'_, 's>, path: &str) -> (Option<()>, Vec<Reached<'s>>)
    where
        'a: 's,
    {
        let (start, text, absolute) = match path.strip_prefix('/') {
            Some(absolute) => (self.context.value, absolute, Some(())),
            None => (base.value, path, None),
        };
        let pattern = self.patterns.get(text).unwrap_or(&NO_PATTERN);
        if self.exhausted() {
            return (absolute, Vec::new());
        }
        (absolute, resolve(start, pattern, &self.steps))
    }

    /// Counts one step; true once the rule has used up its budget.
    fn exhausted(&self) -> bool {
        let steps = self.steps.get() + 1;
        self.steps.set(steps);
        steps > MAX_STEPS
    }

    /// The field path of a value `reach` found.
    fn at(base: &Base<'_, '_>, absolute: Option<()>, reached: &Reached<'_>) -> FieldPath {
        match absolute {
            Some(()) => Base {
                parent: None,
                rel: Vec::new(),
                value: &NULL,
            }
            .path_with(&reached.rel),
            None => base.path_with(&reached.rel),
        }
    }

    /// The first value a path reaches, with its field path.
    fn single<'s>(&'s self, base: &Base<'_, 's>, path: &str) -> (FieldPath, &'s Value)
    where
        'a: 's,
    {
        let (absolute, reached) = self.reach(base, path);
        match reached.first() {
            Some(first) => (Self::at(base, absolute, first), first.value),
            None => (base.path(), &NULL),
        }
    }

    /// The first value a path reaches, without building its field path.
    fn value<'s>(&'s self, base: &Base<'_, 's>, path: &str) -> &'s Value
    where
        'a: 's,
    {
        self.reach(base, path).1.first().map_or(&NULL, |r| r.value)
    }

    /// A date operand: `today`, a date written YYYY-MM-DD, or a path; with its name.
    fn date_operand<'s>(
        &'s self,
        base: &Base<'_, 's>,
        text: &str,
    ) -> (String, Option<FieldPath>, Option<NaiveDate>)
    where
        'a: 's,
    {
        if text == "today" {
            return ("today".to_owned(), None, Some(self.context.today));
        }
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return (date.to_string(), None, Some(date));
        }
        let (at, value) = self.single(base, text);
        (at.to_string(), Some(at), date_of(value))
    }

    /// Where a finding about a list (or a `[*]` projection) points: the list itself.
    fn list_location(&self, base: &Base<'_, '_>, path: &str) -> FieldPath {
        let (mut at, text) = match path.strip_prefix('/') {
            Some(absolute) => (FieldPath::root(), absolute),
            None => (base.path(), path),
        };
        for step in &self.patterns.get(text).unwrap_or(&NO_PATTERN).0 {
            match step {
                Step::Key(key) => at = at.key(key),
                Step::EveryItem => break,
            }
        }
        at
    }

    /// Whether the check holds at `base`; failures are appended to `out`.
    fn eval<'s>(&'s self, check: &Check, base: &Base<'_, 's>, out: &mut Vec<Failure>) -> bool
    where
        'a: 's,
    {
        if self.exhausted() {
            return false;
        }
        let mut fail = |path: FieldPath, detail: String| {
            out.push(Failure { path, detail });
            false
        };
        match check {
            Check::Present(path) => {
                let mut ok = true;
                let (absolute, reached) = self.reach(base, path);
                for r in &reached {
                    if !is_given(r.value) {
                        ok = fail(Self::at(base, absolute, r), "is not given".to_owned());
                    }
                }
                ok
            }
            Check::All(checks) => {
                let mut ok = true;
                for inner in checks {
                    ok &= self.eval(inner, base, out);
                }
                ok
            }
            Check::Any(checks) => {
                let mut collected = Vec::new();
                for inner in checks {
                    let mut local = Vec::new();
                    if self.eval(inner, base, &mut local) {
                        return true;
                    }
                    collected.extend(local);
                }
                out.extend(collected);
                false
            }
            Check::Not(inner) => {
                let mut ignored = Vec::new();
                if self.eval(inner, base, &mut ignored) {
                    let (at, detail) = self.describe_negated(inner, base);
                    fail(at, detail)
                } else {
                    true
                }
            }
            Check::Implies { when, then } => {
                let mut ignored = Vec::new();
                if self.eval(when, base, &mut ignored) {
                    self.eval(then, base, out)
                } else {
                    true
                }
            }
            Check::Each { path, check: inner } => {
                let mut ok = true;
                let (absolute, reached) = self.reach(base, path);
                for list in &reached {
                    let items = list.value.as_array().map_or(&[][..], Vec::as_slice);
                    for (index, item) in items.iter().enumerate() {
                        let child = self.child(base, absolute, list, index, item);
                        ok &= self.eval(inner, &child, out);
                    }
                }
                ok
            }
            Check::Some { path, check: inner } => {
                let mut collected = Vec::new();
                let (absolute, reached) = self.reach(base, path);
                for list in &reached {
                    let items = list.value.as_array().map_or(&[][..], Vec::as_slice);
                    for (index, item) in items.iter().enumerate() {
                        let child = self.child(base, absolute, list, index, item);
                        let mut local = Vec::new();
                        if self.eval(inner, &child, &mut local) {
                            return true;
                        }
                        collected.extend(local);
                    }
                }
                if collected.is_empty() {
                    fail(
                        self.list_location(base, path),
                        "has no item that satisfies the check".to_owned(),
                    )
                } else {
                    out.extend(collected);
                    false
                }
            }
            Check::Equals { path, value } => {
                let (absolute, reached) = self.reach(base, path);
                let found = reached.first().map_or(&NULL, |r| r.value);
                if literal_matches(value, found) {
                    return true;
                }
                let at = reached
                    .first()
                    .map_or_else(|| base.path(), |r| Self::at(base, absolute, r));
                if found.is_null() {
                    fail(
                        at,
                        format!("is not given (it must be `{}`)", literal_text(value)),
                    )
                } else {
                    fail(
                        at,
                        format!("is {}, not `{}`", show(found), literal_text(value)),
                    )
                }
            }
            Check::OneOf { path, values } => {
                let found = self.value(base, path);
                if values.iter().any(|v| literal_matches(v, found)) {
                    true
                } else {
                    let allowed: Vec<String> = values.iter().map(literal_text).collect();
                    fail(
                        self.single(base, path).0,
                        format!("is {}, not one of {}", show(found), allowed.join(", ")),
                    )
                }
            }
            Check::AtLeast { path, value } | Check::AtMost { path, value } => {
                let at_least = matches!(check, Check::AtLeast { .. });
                let found = self.value(base, path);
                match found.as_f64() {
                    Some(n) if (at_least && n >= *value) || (!at_least && n <= *value) => true,
                    None => fail(self.single(base, path).0, "is not given".to_owned()),
                    Some(n) => fail(
                        self.single(base, path).0,
                        format!(
                            "is {}, {} {}",
                            number(n),
                            if at_least {
                                "below the minimum"
                            } else {
                                "above the maximum"
                            },
                            number(*value)
                        ),
                    ),
                }
            }
            Check::CountAtLeast { path, value } => {
                let (_, reached) = self.reach(base, path);
                let count = count_items(&reached);
                if count as u64 >= *value {
                    true
                } else {
                    fail(
                        self.list_location(base, path),
                        format!("has {count} entries; at least {value} are needed"),
                    )
                }
            }
            Check::ContainsAll { path, values } => {
                let (_, reached) = self.reach(base, path);
                let present: Vec<&str> = reached
                    .iter()
                    .flat_map(|r| match r.value {
                        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                        Value::String(s) => vec![s.as_str()],
                        _ => Vec::new(),
                    })
                    .collect();
                let missing: Vec<&str> = values
                    .iter()
                    .map(String::as_str)
                    .filter(|v| !present.contains(v))
                    .collect();
                if missing.is_empty() {
                    true
                } else {
                    fail(
                        self.list_location(base, path),
                        format!("lacks {}", missing.join(", ")),
                    )
                }
            }
            Check::DateAtMost {
                path,
                than,
                plus_days,
            }
            | Check::DateAtLeast {
                path,
                than,
                plus_days,
            } => {
                let at_most = matches!(check, Check::DateAtMost { .. });
                let (name, at, date) = self.date_operand(base, path);
                let at = at.unwrap_or_else(|| base.path());
                let Some(date) = date else {
                    return fail(at, "is not given".to_owned());
                };
                let (other_name, _, other) = self.date_operand(base, than);
                let Some(other) = other else {
                    return fail(at, format!("cannot be compared: {other_name} is not given"));
                };
                let limit = other + chrono::Duration::days(*plus_days);
                let ok = if at_most {
                    date <= limit
                } else {
                    date >= limit
                };
                if ok {
                    true
                } else {
                    let offset = match *plus_days {
                        0 => String::new(),
                        d if d > 0 => format!(" + {d} days"),
                        d => format!(" − {} days", -d),
                    };
                    let subject = if name == "today" { "today" } else { "is" };
                    fail(
                        at,
                        format!(
                            "{subject} {date}, {} {other_name}{}{offset} = {limit}",
                            if at_most { "after" } else { "before" },
                            if other_name == other.to_string() {
                                String::new()
                            } else {
                                format!(" ({other})")
                            }
                        ),
                    )
                }
            }
            Check::SignificantFigures { path, at_least } => {
                let mut ok = true;
                let (absolute, reached) = self.reach(base, path);
                for r in &reached {
                    let at = Self::at(base, absolute, r);
                    let Some(n) = r.value.as_f64() else {
                        ok = fail(at, "is not given".to_owned());
                        continue;
                    };
                    let literal = (self.context.literal)(&at).unwrap_or_else(|| format!("{n}"));
                    let figures = significant_figures(&literal);
                    if figures < *at_least {
                        ok = fail(
                            at,
                            format!(
                                "is written `{literal}`, {figures} significant figure{}; at least {at_least} are needed",
                                if figures == 1 { "" } else { "s" }
                            ),
                        );
                    }
                }
                ok
            }
            Check::SumMatches {
                parts,
                total,
                tolerance,
            } => {
                let Some(total_value) = self.value(base, total).as_f64() else {
                    return fail(self.single(base, total).0, "is not given".to_owned());
                };
                let sum: f64 = parts
                    .iter()
                    .filter_map(|p| self.value(base, p).as_f64())
                    .sum();
                let relative = if total_value == 0.0 {
                    (sum - total_value).abs()
                } else {
                    (sum - total_value).abs() / total_value.abs()
                };
                if relative <= *tolerance {
                    true
                } else {
                    fail(
                        self.single(base, total).0,
                        format!(
                            "is {}, but its parts add up to {} ({:.1} % apart; tolerance {:.1} %)",
                            number(total_value),
                            number(sum),
                            relative * 100.0,
                            tolerance * 100.0
                        ),
                    )
                }
            }
            Check::ParameterCountInRange => self.parameter_range(out),
            Check::ComputeEstimateConsistent { tolerance } => {
                self.compute_estimate(false, *tolerance, out)
            }
            Check::ModificationEstimateConsistent { tolerance } => {
                self.compute_estimate(true, *tolerance, out)
            }
            Check::TopDomainsSufficient => self.top_domains(out),
            Check::EvaluationsNameDocumentedVersion => self.evaluation_versions(out),
            Check::EvaluationsComplete => self.evaluations_complete(out),
            Check::EvaluationsMatchEvidence => self.evaluations_match_evidence(out),
        }
    }

    /// The place of item `index` of a list `reach` found, as a base for checks on the item.
    fn child<'p, 's>(
        &self,
        base: &'p Base<'p, 's>,
        absolute: Option<()>,
        list: &Reached<'s>,
        index: usize,
        item: &'s Value,
    ) -> Base<'p, 's> {
        let mut rel = list.rel.clone();
        rel.push(Rel::Index(index));
        Base {
            parent: if absolute.is_some() { None } else { Some(base) },
            rel,
            value: item,
        }
    }

    fn describe_negated(&self, check: &Check, base: &Base<'_, '_>) -> (FieldPath, String) {
        match check {
            Check::Present(p) => (
                self.list_location(base, p),
                "is given but must not be".to_owned(),
            ),
            Check::Equals { path, value } => (
                self.list_location(base, path),
                format!("is `{}`, which is not allowed here", literal_text(value)),
            ),
            Check::OneOf { path, .. } => (
                self.list_location(base, path),
                "has a value that is not allowed here".to_owned(),
            ),
            _ => (base.path(), "a condition holds that must not".to_owned()),
        }
    }

    fn parameter_range(&self, out: &mut Vec<Failure>) -> bool {
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

    fn compute_estimate(&self, modification: bool, tolerance: f64, out: &mut Vec<Failure>) -> bool {
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
            Some(ComputeMethod::Hardware) => {
                let hours = inputs
                    .accelerator_hours
                    .or_else(|| Some(inputs.accelerator_count? as f64 * inputs.hours?));
                match (hours, inputs.peak_flop_per_second, inputs.utilisation) {
                    (Some(h), Some(peak), Some(u)) => (
                        h * 3600.0 * peak * u,
                        format!(
                            "{} accelerator-hours × 3600 × {} FLOP/s × {}",
                            number(h),
                            number(peak),
                            u
                        ),
                    ),
                    (h, p, _) => {
                        let missing = if h.is_none() {
                            "accelerator_hours"
                        } else if p.is_none() {
                            "peak_flop_per_second"
                        } else {
                            "utilisation"
                        };
                        out.push(Failure {
                            path: inputs_at.key(missing),
                            detail: "is not given, so the hardware estimate cannot be made"
                                .to_owned(),
                        });
                        return false;
                    }
                }
            }
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

    fn top_domains(&self, out: &mut Vec<Failure>) -> bool {
        let dossier = self.context.dossier;
        let crawled = &dossier.data.sources.crawled_data;
        let at = FieldPath::root()
            .key("data")
            .key("sources")
            .key("crawled_data")
            .key("top_domains");
        if crawled.used != Some(true) {
            return true;
        }
        let Some(total) = crawled.top_domains.total_domains else {
            out.push(Failure {
                path: at.key("total_domains"),
                detail: "is not given, so the required list length is unknown".to_owned(),
            });
            return false;
        };
        let listed = crawled.top_domains.domains.len() + self.context.domains_in_file.unwrap_or(0);
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
                    "lists {listed} domains; {} of {total} crawled domains is {required}",
                    if sme {
                        "for an SME the lower of 5 % and 1 000"
                    } else {
                        "10 %"
                    }
                ),
            });
            false
        }
    }

    fn evaluation_versions(&self, out: &mut Vec<Failure>) -> bool {
        let dossier = self.context.dossier;
        let model = &dossier.root.model;
        let documented: Vec<&str> = model
            .version
            .iter()
            .map(String::as_str)
            .chain(model.versions.iter().map(|v| v.version.as_str()))
            .collect();
        let mut ok = true;
        for (index, record) in dossier.evaluations.records.iter().enumerate() {
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

    fn evaluations_match_evidence(&self, out: &mut Vec<Failure>) -> bool {
        for (index, detail) in &self.context.evidence_mismatches {
            let benchmark = self
                .context
                .dossier
                .evaluations
                .records
                .get(*index)
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

    fn evaluations_complete(&self, out: &mut Vec<Failure>) -> bool {
        let mut ok = true;
        for (index, record) in self.context.dossier.evaluations.records.iter().enumerate() {
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

fn count_items(reached: &[Reached<'_>]) -> usize {
    reached
        .iter()
        .map(|r| match r.value {
            Value::Array(items) => items.len(),
            Value::Null => 0,
            _ => 1,
        })
        .sum()
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

/// The file a unified path lives in, for locating findings.
pub fn file_of(path: &FieldPath) -> FileKind {
    match path.0.first() {
        Some(Segment::Key(first)) => FileKind::of_section(first),
        _ => FileKind::Root,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_figures_follow_the_written_literal() {
        for (literal, expected) in [
            ("3.8e25", 2),
            ("7.30e9", 3),
            ("7000000000", 1),
            ("7.0e9", 2),
            ("155", 3),
            ("21600", 3),
            ("0.0012", 2),
            ("1e23", 1),
            ("1.0", 2),
            ("-2.5E+3", 2),
            ("38000000000000000000000000", 2),
        ] {
            assert_eq!(significant_figures(literal), expected, "{literal}");
        }
    }

    #[test]
    fn path_prefixes_respect_boundaries() {
        assert!(path_starts_with(
            "data.sources.crawled_data.top_domains",
            "data.sources"
        ));
        assert!(path_starts_with(
            "model.versions[2].version",
            "model.versions"
        ));
        assert!(!path_starts_with("model.versions_extra", "model.versions"));
    }
}
