//! The rule-file format (`rules/*.yaml`): one file per area of obligations, each rule with a
//! stable id, its legal basis, when it applies, what it checks in a small closed vocabulary
//! over dossier field paths, its severity and a help text. The JSON Schema of this format is
//! generated from these types and validates rule files exactly as dossier files are validated.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use crate::dossier::audience::Audience;
use crate::dossier::path::PathPattern;

/// A rule file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "aiact rule pack file")]
pub struct RuleFile {
    /// Identifier of the area of obligations (for example `technical-documentation`); findings
    /// are grouped by it.
    pub area: String,
    /// Title of the area, shown as a heading.
    pub title: String,
    /// The documents the area's rules feed (the file stems `render` writes), which
    /// `check --document` and `--audience` select by; a rule may name its own instead.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// The rules.
    pub rules: Vec<Rule>,
}

/// A document a rule feeds: the documents a provider files, by the file stem `render` gives
/// them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Document {
    /// Art. 53(1)(a), Annex XI, for the AI Office and national competent authorities.
    TechnicalDocumentation,
    /// Art. 53(1)(b), Annex XII, for downstream providers.
    DownstreamInformation,
    /// Art. 53(1)(d), the AI Office template, published.
    TrainingContentSummary,
    /// Art. 53(1)(c), published.
    CopyrightPolicy,
}

impl Document {
    /// Every document, in the order `render` writes them.
    pub const ALL: [Document; 4] = [
        Document::TechnicalDocumentation,
        Document::DownstreamInformation,
        Document::TrainingContentSummary,
        Document::CopyrightPolicy,
    ];

    /// The file stem, as rule files and the command line write it.
    pub fn stem(self) -> &'static str {
        match self {
            Document::TechnicalDocumentation => "technical-documentation",
            Document::DownstreamInformation => "downstream-information",
            Document::TrainingContentSummary => "training-content-summary",
            Document::CopyrightPolicy => "copyright-policy",
        }
    }

    /// Who it is for.
    pub fn audience(self) -> Audience {
        match self {
            Document::TechnicalDocumentation => Audience::Authority,
            Document::DownstreamInformation => Audience::Downstream,
            Document::TrainingContentSummary | Document::CopyrightPolicy => Audience::Public,
        }
    }
}

/// One obligation, as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable identifier, such as `DOC-002`: upper-case letters, a dash, digits.
    #[schemars(regex(pattern = r"^[A-Z][A-Z0-9]*-[0-9]{3}$"))]
    pub id: String,
    /// Short title.
    pub title: String,
    /// Citations in canonical form: `Art. 53(1)(a)`, `Annex XI §1.2(d)`, `Annex XII §1(a)`,
    /// `CoP Transparency M1.1`, `CoP Copyright M1.3`, `CoP Safety C9`, `Template §2.3`,
    /// `Guidelines`, `Recital 111`.
    pub legal_basis: Vec<String>,
    /// Where the obligation comes from.
    pub source: Source,
    /// Facts of the classification that must hold for the rule to apply (all of them). A
    /// fact is written as its name, or `not NAME`; an unknown fact does not exclude the rule.
    #[serde(default)]
    pub applies_when: Vec<String>,
    /// What is checked.
    pub check: Check,
    /// `error` for obligations of the Act and the mandatory template; `warning` for Code of
    /// Practice measures, guideline expectations and consistency checks.
    pub severity: Severity,
    /// What a failure means, in one sentence.
    pub message: String,
    /// The obligation in plain words and the evidence that satisfies it.
    pub help: String,
    /// Whether the rule rests on a fact that could not be verified against the official text.
    #[serde(default)]
    pub unverified: bool,
    /// The documents this rule feeds, where they differ from its area's (`[]`: none, such
    /// as an obligation no filed document records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents: Option<Vec<Document>>,
}

/// Where an obligation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Regulation (EU) 2024/1689 (articles and annexes).
    Act,
    /// The General-Purpose AI Code of Practice.
    CodeOfPractice,
    /// The Commission guidelines on GPAI obligations.
    Guidelines,
    /// The AI Office template for the public summary of training content.
    Template,
    /// aiact's own consistency checks of the dossier.
    Aiact,
}

pub use crate::diag::Severity;

/// A literal value to compare with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Literal {
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// Text or an enumeration value.
    Text(String),
}

/// The check vocabulary. Paths are dossier field paths (`technical.compute.training_flop`);
/// `[*]` stands for every item of a list. Inside `each` and `some`, paths are relative to the
/// item; a path starting with `/` is from the top of the dossier anywhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// The value is given: not null, not blank text, not an empty list.
    Present(RulePath),
    /// All of these checks hold.
    All(Vec<Check>),
    /// At least one of these checks holds.
    Any(Vec<Check>),
    /// The check does not hold.
    Not(Box<Check>),
    /// If `when` holds, `then` must hold; otherwise the check holds.
    Implies {
        /// The condition.
        when: Box<Check>,
        /// What must hold under it.
        then: Box<Check>,
    },
    /// The check holds for every item of a list (vacuously for an empty list); paths inside
    /// are relative to the item.
    Each {
        /// The list.
        path: RulePath,
        /// The check on each item.
        check: Box<Check>,
    },
    /// The check holds for at least one item of a list; paths inside are relative to the
    /// item.
    Some {
        /// The list.
        path: RulePath,
        /// The check on the items.
        check: Box<Check>,
    },
    /// The value equals a literal.
    Equals {
        /// The field.
        path: RulePath,
        /// The literal.
        value: Literal,
    },
    /// The value is one of some literals.
    OneOf {
        /// The field.
        path: RulePath,
        /// The literals.
        values: Vec<Literal>,
    },
    /// The number is at least `value`.
    AtLeast {
        /// The field.
        path: RulePath,
        /// The bound.
        value: f64,
    },
    /// The number is at most `value`.
    AtMost {
        /// The field.
        path: RulePath,
        /// The bound.
        value: f64,
    },
    /// The list (or the values a `[*]` path reaches) has at least `value` items.
    CountAtLeast {
        /// The list.
        path: RulePath,
        /// The minimum count.
        value: u64,
    },
    /// The list (or the values a `[*]` path reaches) contains every one of `values`.
    ContainsAll {
        /// The list.
        path: RulePath,
        /// The values required.
        values: Vec<String>,
    },
    /// The date at `path` (or `today`) is on or before the date `than` (a path, `today`, or
    /// a date written YYYY-MM-DD) plus `plus_days`.
    DateAtMost {
        /// The date: a path or `today`.
        path: DateOperand,
        /// The other date: a path, `today` or YYYY-MM-DD.
        than: DateOperand,
        /// Days added to the other date (may be negative).
        #[serde(default)]
        plus_days: i64,
    },
    /// The date at `path` (or `today`) is on or after the date `than` (a path, `today`, or a
    /// date written YYYY-MM-DD) plus `plus_days`.
    DateAtLeast {
        /// The date: a path or `today`.
        path: DateOperand,
        /// The other date: a path, `today` or YYYY-MM-DD.
        than: DateOperand,
        /// Days added to the other date (may be negative).
        #[serde(default)]
        plus_days: i64,
    },
    /// The number is written with at least `at_least` significant figures (read from the
    /// literal text in the dossier, so `7.30e9` has three).
    SignificantFigures {
        /// The number.
        path: RulePath,
        /// The minimum number of significant figures.
        at_least: u32,
    },
    /// The parts add up to the total within a relative tolerance (missing parts count 0).
    SumMatches {
        /// The parts.
        parts: Vec<RulePath>,
        /// The total.
        total: RulePath,
        /// Relative tolerance, such as 0.01 for 1 %.
        tolerance: f64,
    },
    /// `technical.parameters.total` lies inside the declared `technical.parameters.size_range`.
    ParameterCountInRange,
    /// The declared training compute agrees with its estimate inputs (6·N·D for the
    /// architecture method; accelerators × hours × peak × utilisation for the hardware
    /// method) within a relative tolerance; the command line may override it.
    ComputeEstimateConsistent {
        /// Default relative tolerance, such as 0.3.
        tolerance: f64,
    },
    /// The modification's compute agrees with its own estimate inputs, as above.
    ModificationEstimateConsistent {
        /// Default relative tolerance.
        tolerance: f64,
    },
    /// The listed top domains cover the template's share of all crawled domains: 10 %;
    /// for SMEs 5 % or 1 000, whichever is lower.
    TopDomainsSufficient,
    /// Every evaluation record names a model version the dossier documents.
    EvaluationsNameDocumentedVersion,
    /// No evaluation record is a partial run (fewer samples than the benchmark has).
    EvaluationsComplete,
    /// Every evaluation record with an evidence pointer holds the value its evidence holds.
    EvaluationsMatchEvidence,
    /// The licence identifier and `restrictions` allow what the open-source exemption needs:
    /// the identifier is free and open-source on the SPDX list (or, for a licence aiact does
    /// not know, the four permissions are answered), and the restrictions name nothing
    /// beyond attribution and share-alike.
    LicenceTermsOpen,
    /// The evaluation results cover the capabilities, honesty, harmlessness and fairness
    /// families: at least one counting result (a value, a complete run, a known direction)
    /// with a dimension of each.
    EvaluationsCoverFamilies,
    /// Each of the four specified systemic risks (`sr.cbrn`, `sr.cyber_offence`,
    /// `sr.harmful_manipulation`, `sr.loss_of_control`) has a counting evaluation result and
    /// an adversarial-testing record naming it.
    SpecifiedRisksEvaluated,
    /// A refusal (`safety.refusal`) result comes with an over-refusal or capability result,
    /// so that safety is not bought with uselessness.
    RefusalResultsPaired,
    /// Every result with a value has a known metric direction (its `higher_is_better`, or the
    /// catalogue's, which also knows non-monotone and risk metrics).
    EvaluationDirectionsKnown,
    /// Repeated results of the same measurement agree within their standard errors (a
    /// two-sided z-test at 1 %); results of different harness versions, shots, units or
    /// model versions are never compared.
    EvaluationsConsistent,
    /// Every result with a value carries a standard error or a sample count.
    EvaluationsHavePrecision,
}

/// A field path written in a check, parsed when the rule file is read: relative to the item
/// inside `each` and `some`, or from the top of the dossier when it starts with `/`. It reads
/// and writes as the text of the rule file, and its schema is that of a string.
#[derive(Debug, Clone, PartialEq)]
pub struct RulePath {
    text: String,
    absolute: bool,
    parsed: Result<PathPattern, String>,
}

impl RulePath {
    /// A path as a rule file writes it; a path that does not parse is kept with the reason,
    /// which validation reports.
    pub fn new(text: impl Into<String>) -> RulePath {
        let text = text.into();
        let (absolute, relative) = match text.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, text.as_str()),
        };
        let parsed = PathPattern::parse(relative);
        RulePath {
            absolute,
            parsed,
            text,
        }
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text without its leading `/`.
    pub fn relative_text(&self) -> &str {
        if self.absolute {
            &self.text[1..]
        } else {
            &self.text
        }
    }

    /// Whether it starts from the top of the dossier (`/`).
    pub fn is_absolute(&self) -> bool {
        self.absolute
    }

    /// The parsed pattern (after any `/`), or why the text is not a path.
    pub fn parsed(&self) -> Result<&PathPattern, &str> {
        self.parsed.as_ref().map_err(String::as_str)
    }

    /// The parsed pattern; the empty pattern for a text that is not a path (rules that hold
    /// one do not load).
    pub fn pattern(&self) -> &PathPattern {
        static EMPTY: PathPattern = PathPattern(Vec::new());
        self.parsed.as_ref().unwrap_or(&EMPTY)
    }
}

impl fmt::Display for RulePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for RulePath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for RulePath {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(RulePath::new)
    }
}

/// A date operand of `date_at_most` and `date_at_least`: `today`, a date written
/// YYYY-MM-DD, or a path; parsed when the rule file is read.
#[derive(Debug, Clone, PartialEq)]
pub struct DateOperand {
    /// The text as a path (what it is unless it is `today` or a date).
    pub path: RulePath,
    /// `today` or the date it writes, when it is one of them.
    pub fixed: Option<FixedDate>,
}

/// A date operand that is not a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixedDate {
    /// The date of evaluation.
    Today,
    /// A date written YYYY-MM-DD.
    On(NaiveDate),
}

impl DateOperand {
    /// An operand as a rule file writes it.
    pub fn new(text: impl Into<String>) -> DateOperand {
        let path = RulePath::new(text);
        let fixed = if path.as_str() == "today" {
            Some(FixedDate::Today)
        } else {
            NaiveDate::parse_from_str(path.as_str(), "%Y-%m-%d")
                .ok()
                .map(FixedDate::On)
        };
        DateOperand { path, fixed }
    }

    /// Whether it is `today`.
    pub fn is_today(&self) -> bool {
        self.fixed == Some(FixedDate::Today)
    }
}

impl fmt::Display for DateOperand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.path.fmt(f)
    }
}

impl Serialize for DateOperand {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.path.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for DateOperand {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(DateOperand::new)
    }
}

/// Rule paths and date operands are written as plain strings and parsed when read: their
/// schema is a string's.
macro_rules! schema_of_a_string {
    ($($name:ty),*) => {$(
        impl JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> Cow<'static, str> {
                String::schema_name()
            }

            fn json_schema(generator: &mut SchemaGenerator) -> Schema {
                String::json_schema(generator)
            }
        }
    )*};
}

schema_of_a_string!(RulePath, DateOperand);
