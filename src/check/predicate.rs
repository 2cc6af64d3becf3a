//! The check vocabulary evaluated: paths resolved against the dossier as one JSON value, the
//! combinators, lists, values, numbers and dates of [`Check`], each failure with its field.
//! Every check and every value visited counts a step against [`MAX_STEPS`].

use std::cell::Cell;

use chrono::NaiveDate;
use serde_json::Value;

use super::{Context, Failure, MAX_STEPS};
use crate::dossier::path::{FieldPath, PathPattern, Segment, Step};
use crate::rules::{Check, DateOperand, FixedDate, Literal, RulePath};

/// Evaluates the checks of one rule.
pub(super) struct Evaluator<'s> {
    pub(super) context: &'s Context<'s>,
    /// Steps taken so far; past [`MAX_STEPS`] every check fails at once, unevaluated.
    steps: Cell<u64>,
    /// Leaf checks evaluated on the dossier's values: a rule that holds without any (every
    /// condition false, every list empty) checked no evidence, and does not pass.
    evidence: Cell<u64>,
}

static NULL: Value = Value::Null;

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
fn resolve<'s>(start: &'s Value, pattern: &'s PathPattern, steps: &Cell<u64>) -> Vec<Reached<'s>> {
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

/// Records a failure; always false, so that a check can return it.
fn fail(out: &mut Vec<Failure>, path: FieldPath, detail: String) -> bool {
    out.push(Failure { path, detail });
    false
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

/// A date as a rule compares it: the first and the last day it may mean, the same day for a
/// date written YYYY-MM-DD, a month or a year for a partial date (`11/2025`, `2025`). A
/// comparison holds only when it holds for every day the date may mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    first: NaiveDate,
    last: NaiveDate,
}

impl Span {
    fn day(date: NaiveDate) -> Span {
        Span {
            first: date,
            last: date,
        }
    }

    /// The order of two partial dates (neither a single day) at the coarser of their
    /// precisions; `None` when either is a day.
    fn coarse_cmp(&self, other: &Span) -> Option<std::cmp::Ordering> {
        use chrono::Datelike;
        let days = |s: &Span| (s.last - s.first).num_days();
        if days(self) == 0 || days(other) == 0 {
            return None;
        }
        let by_year = days(self) > 31 || days(other) > 31;
        let key = |s: &Span| {
            if by_year {
                (s.first.year(), 0)
            } else {
                (s.first.year(), s.first.month())
            }
        };
        Some(key(self).cmp(&key(other)))
    }

    fn shifted(self, days: i64) -> Span {
        let by = chrono::Duration::days(days);
        Span {
            first: self.first + by,
            last: self.last + by,
        }
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{} to {}", self.first, self.last)
        }
    }
}

fn date_of(value: &Value) -> Option<Span> {
    let (first, last) = crate::dossier::model::PartialDate::parse(value.as_str()?)?.span()?;
    Some(Span { first, last })
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
pub(super) fn number(value: f64) -> String {
    let value = if value == 0.0 { 0.0 } else { value };
    if value != 0.0 && (value.abs() >= 1e6 || value.abs() < 1e-3) {
        crate::classify::sci(value)
    } else {
        let text = format!("{value:.4}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

impl<'s> Evaluator<'s> {
    /// An evaluator that has taken no step yet.
    pub(super) fn new(context: &'s Context<'s>) -> Evaluator<'s> {
        Evaluator {
            context,
            steps: Cell::new(0),
            evidence: Cell::new(0),
        }
    }

    /// Whether evaluating `check` looks at the dossier's values: every leaf does, except the
    /// whole-dossier checks of evaluation records and crawled domains when there is nothing
    /// for them to look at.
    fn is_evidence(&self, check: &Check) -> bool {
        let dossier = self.context.dossier;
        let records = || {
            dossier
                .evaluations
                .records
                .as_ref()
                .is_some_and(|r| !r.is_empty())
        };
        match check {
            Check::All(_)
            | Check::Any(_)
            | Check::Not(_)
            | Check::Implies { .. }
            | Check::Each { .. }
            | Check::Some { .. } => false,
            Check::EvaluationsNameDocumentedVersion
            | Check::EvaluationsComplete
            | Check::EvaluationsMatchEvidence => records(),
            Check::TopDomainsSufficient => dossier.data.sources.crawled_data.used != Some(false),
            // Nothing to pair, compare or read a direction of: not evidence.
            Check::RefusalResultsPaired => self
                .context
                .evaluation_profile
                .dimension(crate::dossier::model::evaluations::Dimension::SafetyRefusal)
                .is_some_and(|d| d.results > 0),
            Check::EvaluationsConsistent => self.context.evaluation_profile.comparable_pairs > 0,
            Check::EvaluationDirectionsKnown | Check::EvaluationsHavePrecision => records(),
            _ => true,
        }
    }

    /// How many leaf checks looked at the dossier's values.
    pub(super) fn evidence(&self) -> u64 {
        self.evidence.get()
    }

    /// Whether a condition holds (`Some`), or cannot be told because a field it compares is
    /// unanswered (`None`), in three-valued logic: `all` is false once one part is false,
    /// `any` true once one part is true. Deciding a condition is not evidence.
    fn decide(&self, check: &'s Check, base: &Base<'_, 's>) -> Option<bool> {
        match check {
            Check::All(checks) => {
                let mut unknown = false;
                for inner in checks {
                    match self.decide(inner, base) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                (!unknown).then_some(true)
            }
            Check::Any(checks) => {
                let mut unknown = false;
                for inner in checks {
                    match self.decide(inner, base) {
                        Some(true) => return Some(true),
                        None => unknown = true,
                        Some(false) => {}
                    }
                }
                (!unknown).then_some(false)
            }
            Check::Not(inner) => self.decide(inner, base).map(|holds| !holds),
            Check::Equals { path, .. }
            | Check::OneOf { path, .. }
            | Check::AtLeast { path, .. }
            | Check::AtMost { path, .. }
                if self.single(base, path).1.is_null() =>
            {
                None
            }
            _ => {
                let before = self.evidence.get();
                let holds = self.eval(check, base, &mut Vec::new());
                self.evidence.set(before);
                Some(holds)
            }
        }
    }

    /// The first unanswered field a condition compares, for the failure that says so.
    fn first_unanswered(&self, check: &'s Check, base: &Base<'_, 's>) -> Option<FieldPath> {
        match check {
            Check::All(checks) | Check::Any(checks) => checks
                .iter()
                .find_map(|inner| self.first_unanswered(inner, base)),
            Check::Not(inner) => self.first_unanswered(inner, base),
            Check::Equals { path, .. }
            | Check::OneOf { path, .. }
            | Check::AtLeast { path, .. }
            | Check::AtMost { path, .. } => {
                let (at, value) = self.single(base, path);
                value.is_null().then_some(at)
            }
            _ => None,
        }
    }

    /// Whether the check holds for the whole dossier; failures are appended to `out`.
    pub(super) fn eval_rule(&self, check: &'s Check, out: &mut Vec<Failure>) -> bool {
        let root = Base {
            parent: None,
            rel: Vec::new(),
            value: self.context.value,
        };
        self.eval(check, &root, out)
    }

    /// Steps taken so far.
    pub(super) fn steps(&self) -> u64 {
        self.steps.get()
    }

    /// The values a path written in a rule reaches from `base`, or from the top of the
    /// dossier for a path starting with `/`.
    fn reach(&self, base: &Base<'_, 's>, path: &'s RulePath) -> (Option<()>, Vec<Reached<'s>>) {
        let (start, absolute) = if path.is_absolute() {
            (self.context.value, Some(()))
        } else {
            (base.value, None)
        };
        if self.exhausted() {
            return (absolute, Vec::new());
        }
        (absolute, resolve(start, path.pattern(), &self.steps))
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
    fn single(&self, base: &Base<'_, 's>, path: &'s RulePath) -> (FieldPath, &'s Value) {
        let (absolute, reached) = self.reach(base, path);
        match reached.first() {
            Some(first) => (Self::at(base, absolute, first), first.value),
            None => (base.path(), &NULL),
        }
    }

    /// The first value a path reaches, without building its field path.
    fn value(&self, base: &Base<'_, 's>, path: &'s RulePath) -> &'s Value {
        self.reach(base, path).1.first().map_or(&NULL, |r| r.value)
    }

    /// A date operand: `today`, a date written YYYY-MM-DD, or a path; with its name.
    fn date_operand(
        &self,
        base: &Base<'_, 's>,
        operand: &'s DateOperand,
    ) -> (String, Option<FieldPath>, Option<Span>) {
        match operand.fixed {
            Some(FixedDate::Today) => (
                "today".to_owned(),
                None,
                Some(Span::day(self.context.today)),
            ),
            Some(FixedDate::On(date)) => (date.to_string(), None, Some(Span::day(date))),
            None => {
                let (at, value) = self.single(base, &operand.path);
                (at.to_string(), Some(at), date_of(value))
            }
        }
    }

    /// Where a finding about a list (or a `[*]` projection) points: the list itself.
    fn list_location(&self, base: &Base<'_, '_>, path: &RulePath) -> FieldPath {
        let mut at = if path.is_absolute() {
            FieldPath::root()
        } else {
            base.path()
        };
        for step in &path.pattern().0 {
            match step {
                Step::Key(key) => at = at.key(key),
                Step::EveryItem => break,
            }
        }
        at
    }

    /// Whether the check holds at `base`; failures are appended to `out`.
    fn eval(&self, check: &'s Check, base: &Base<'_, 's>, out: &mut Vec<Failure>) -> bool {
        if self.exhausted() {
            return false;
        }
        if self.is_evidence(check) {
            self.evidence.set(self.evidence.get() + 1);
        }
        match check {
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
                    let (path, detail) = self.describe_negated(inner, base);
                    fail(out, path, detail)
                } else {
                    true
                }
            }
            // An unanswered condition is not a condition that does not hold: whether the rule
            // asks for something is unknown, and that is a gap to report.
            Check::Implies { when, then } => match self.decide(when, base) {
                Some(true) => self.eval(then, base, out),
                Some(false) => true,
                None => fail(
                    out,
                    self.first_unanswered(when, base)
                        .unwrap_or_else(|| base.path()),
                    "is not answered, so whether the rule asks for more is unknown".to_owned(),
                ),
            },
            Check::Each { path, check } => self.each(path, check, base, out),
            Check::Some { path, check } => self.some(path, check, base, out),
            Check::CountAtLeast { path, value } => self.count_at_least(path, *value, base, out),
            Check::ContainsAll { path, values } => self.contains_all(path, values, base, out),
            Check::Present(path) => self.present(path, base, out),
            Check::Equals { path, value } => self.equals(path, value, base, out),
            Check::OneOf { path, values } => self.one_of(path, values, base, out),
            Check::AtLeast { path, value } => self.bound(path, *value, true, base, out),
            Check::AtMost { path, value } => self.bound(path, *value, false, base, out),
            Check::SignificantFigures { path, at_least } => {
                self.significant_figures(path, *at_least, base, out)
            }
            Check::SumMatches {
                parts,
                total,
                tolerance,
            } => self.sum_matches(parts, total, *tolerance, base, out),
            Check::DateAtMost {
                path,
                than,
                plus_days,
            } => self.date_compare(path, than, *plus_days, true, base, out),
            Check::DateAtLeast {
                path,
                than,
                plus_days,
            } => self.date_compare(path, than, *plus_days, false, base, out),
            // The named cross-checks of the whole dossier (`builtin`).
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
            Check::LicenceTermsOpen => self.licence_terms(out),
            Check::EvaluationsCoverFamilies => self.cover_families(out),
            Check::SpecifiedRisksEvaluated => self.specified_risks(out),
            Check::RefusalResultsPaired => self.refusal_paired(out),
            Check::EvaluationDirectionsKnown => self.directions_known(out),
            Check::EvaluationsConsistent => self.consistent(out),
            Check::EvaluationsHavePrecision => self.precision(out),
        }
    }

    fn each(
        &self,
        path: &'s RulePath,
        inner: &'s Check,
        base: &Base<'_, 's>,
        out: &mut Vec<Failure>,
    ) -> bool {
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

    fn some(
        &self,
        path: &'s RulePath,
        inner: &'s Check,
        base: &Base<'_, 's>,
        out: &mut Vec<Failure>,
    ) -> bool {
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
                out,
                self.list_location(base, path),
                "has no item that satisfies the check".to_owned(),
            )
        } else {
            out.extend(collected);
            false
        }
    }

    fn count_at_least(
        &self,
        path: &'s RulePath,
        value: u64,
        base: &Base<'_, 's>,
        out: &mut Vec<Failure>,
    ) -> bool {
        let (_, reached) = self.reach(base, path);
        let count = count_items(&reached);
        if count as u64 >= value {
            true
        } else {
            fail(
                out,
                self.list_location(base, path),
                format!("has {count} entries; at least {value} are needed"),
            )
        }
    }

    fn contains_all(
        &self,
        path: &'s RulePath,
        values: &[String],
        base: &Base<'_, 's>,
        out: &mut Vec<Failure>,
    ) -> bool {
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
                out,
                self.list_location(base, path),
                format!("lacks {}", missing.join(", ")),
            )
        }
    }

    fn present(&self, path: &'s RulePath, base: &Base<'_, 's>, out: &mut Vec<Failure>) -> bool {
        let mut ok = true;
        let (absolute, reached) = self.reach(base, path);
        for r in &reached {
            if !is_given(r.value) {
                ok = fail(out, Self::at(base, absolute, r), "is not given".to_owned());
            }
        }
        ok
    }

    fn equals(
        &self,
        path: &'s RulePath,
        value: &Literal,
        base: &Base<'_, 's>,
        out: &mut Vec<Failure>,
    ) -> bool {
        let (absolute, reached) = self.reach(base, path);
        let found = reached.first().map_or(&NULL, |r| r.value);
        if literal_matches(value, found) {
            return true;
        }
        let at = reached
            .first()
            .map_or_else(|| base.path(), |r| Self::at(base, absolute, r));
        let detail = if found.is_null() {
            format!("is not given (it must be `{}`)", literal_text(value))
        } else {
            format!("is {}, not `{}`", show(found), literal_text(value))
        };
        fail(out, at, detail)
    }

    fn one_of(
        &self,
        path: &'s RulePath,
        values: &[Literal],
        base: &Base<'_, 's>,
        out: &mut Vec<Failure>,
    ) -> bool {
        let found = self.value(base, path);
        if values.iter().any(|v| literal_matches(v, found)) {
            true
        } else {
            let allowed: Vec<String> = values.iter().map(literal_text).collect();
            fail(
                out,
                self.single(base, path).0,
                format!("is {}, not one of {}", show(found), allowed.join(", ")),
            )
        }
    }

    /// `at_least` (a minimum) and `at_most` (a maximum).
    fn bound(
        &self,
        path: &'s RulePath,
        value: f64,
        at_least: bool,
        base: &Base<'_, 's>,
        out: &mut Vec<Failure>,
    ) -> bool {
        let found = self.value(base, path);
        match found.as_f64() {
            Some(n) if (at_least && n >= value) || (!at_least && n <= value) => true,
            None => fail(out, self.single(base, path).0, "is not given".to_owned()),
            Some(n) => fail(
                out,
                self.single(base, path).0,
                format!(
                    "is {}, {} {}",
                    number(n),
                    if at_least {
                        "below the minimum"
                    } else {
                        "above the maximum"
                    },
                    number(value)
                ),
            ),
        }
    }

    fn significant_figures(
        &self,
        path: &'s RulePath,
        at_least: u32,
        base: &Base<'_, 's>,
        out: &mut Vec<Failure>,
    ) -> bool {
        let mut ok = true;
        let (absolute, reached) = self.reach(base, path);
        for r in &reached {
            let at = Self::at(base, absolute, r);
            let Some(n) = r.value.as_f64() else {
                ok = fail(out, at, "is not given".to_owned());
                continue;
            };
            let literal = (self.context.literal)(&at).unwrap_or_else(|| format!("{n}"));
            let figures = significant_figures(&literal);
            if figures < at_least {
                ok = fail(
                    out,
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

    fn sum_matches(
        &self,
        parts: &'s [RulePath],
        total: &'s RulePath,
        tolerance: f64,
        base: &Base<'_, 's>,
        out: &mut Vec<Failure>,
    ) -> bool {
        let Some(total_value) = self.value(base, total).as_f64() else {
            return fail(out, self.single(base, total).0, "is not given".to_owned());
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
        if relative <= tolerance {
            true
        } else {
            fail(
                out,
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

    /// `date_at_most` (`at_most`) and `date_at_least`.
    fn date_compare(
        &self,
        path: &'s DateOperand,
        than: &'s DateOperand,
        plus_days: i64,
        at_most: bool,
        base: &Base<'_, 's>,
        out: &mut Vec<Failure>,
    ) -> bool {
        let (name, at, date) = self.date_operand(base, path);
        let at = at.unwrap_or_else(|| base.path());
        let Some(date) = date else {
            return fail(out, at, "is not given".to_owned());
        };
        let (other_name, _, other) = self.date_operand(base, than);
        let Some(other) = other else {
            return fail(
                out,
                at,
                format!("cannot be compared: {other_name} is not given"),
            );
        };
        let limit = other.shifted(plus_days);
        // Two dates known only to the month or the year compare at the coarser of the two
        // precisions: "12/2023" is no later than "12/2023", and "12/2023" no later than "2023".
        if plus_days == 0
            && let Some(ordering) = date.coarse_cmp(&other)
        {
            let ok = if at_most {
                ordering.is_le()
            } else {
                ordering.is_ge()
            };
            if ok {
                return true;
            }
        }
        let ok = if at_most {
            date.last <= limit.first
        } else {
            date.first >= limit.last
        };
        // Partly on either side: the dates are known too coarsely to decide.
        let straddles = if at_most {
            date.first <= limit.last
        } else {
            date.last >= limit.first
        };
        if ok {
            return true;
        }
        let offset = match plus_days {
            0 => String::new(),
            d if d > 0 => format!(" + {d} days"),
            d => format!(" − {} days", -d),
        };
        let subject = if name == "today" { "today" } else { "is" };
        fail(
            out,
            at,
            format!(
                "{subject} {date}, {}{} {other_name}{}{offset} = {limit}",
                if straddles { "possibly " } else { "" },
                if at_most { "after" } else { "before" },
                if other_name == other.to_string() {
                    String::new()
                } else {
                    format!(" ({other})")
                }
            ),
        )
    }

    /// The place of item `index` of a list `reach` found, as a base for checks on the item.
    fn child<'p>(
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
}
