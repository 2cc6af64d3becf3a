//! The benchmark catalogue: which alignment dimensions an evaluation task gives evidence of,
//! and which way each of its metrics points. The shipped files (`rules/benchmarks/*.yaml`,
//! compiled in) and extra packs (`--benchmarks DIR`) are validated once at load against the
//! format's schema, with located errors; task names are indexed so that tagging a record is a
//! map look-up; the digest binds a tagging to the exact catalogue that produced it.
//!
//! Directions and `higher_is_better`: `higher_is_better: true|false` is copied to records;
//! `ideal: N` (not monotone) and `direction: risk` (a higher score shows more dangerous
//! capability, to be read against risk thresholds) have no `higher_is_better` reading, so
//! records get none and their catalogue comment says why; `unverified` leaves it unknown.

pub mod format;
pub mod profile;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::diag::source::{ByteRange, SourceText};
use crate::diag::{Diagnostic, Error, Result};
use crate::dossier::model::evaluations::Dimension;
use crate::dossier::path::FieldPath;
use crate::dossier::yaml::{self, Node};
pub use format::*;

/// The shipped catalogue files, in order.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "capability.yaml",
        include_str!("../../rules/benchmarks/capability.yaml"),
    ),
    (
        "honesty.yaml",
        include_str!("../../rules/benchmarks/honesty.yaml"),
    ),
    (
        "safety.yaml",
        include_str!("../../rules/benchmarks/safety.yaml"),
    ),
    (
        "fairness.yaml",
        include_str!("../../rules/benchmarks/fairness.yaml"),
    ),
    (
        "robustness.yaml",
        include_str!("../../rules/benchmarks/robustness.yaml"),
    ),
    (
        "security.yaml",
        include_str!("../../rules/benchmarks/security.yaml"),
    ),
    (
        "systemic-risk.yaml",
        include_str!("../../rules/benchmarks/systemic-risk.yaml"),
    ),
];

/// A catalogue file: its name (`rules/benchmarks/…` or the pack path) and digest.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct CatalogueSource {
    /// File name, with its pack directory for extra packs.
    pub name: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Whether it is compiled into aiact.
    pub builtin: bool,
}

/// A benchmark with the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The benchmark as its file writes it.
    pub benchmark: Benchmark,
    /// The file (`rules/benchmarks/honesty.yaml`).
    pub file: String,
}

/// A `*` pattern: the literal parts between the stars.
#[derive(Debug, Clone, PartialEq)]
struct Pattern(Vec<String>);

impl Pattern {
    fn new(text: &str) -> Pattern {
        Pattern(text.split('*').map(str::to_owned).collect())
    }

    fn prefix(&self) -> &str {
        &self.0[0]
    }

    fn matches(&self, text: &str) -> bool {
        glob(&self.0, text)
    }
}

/// Whether `text` matches the parts of a `*` pattern (`parts` as `split('*')` gives them).
fn glob<S: AsRef<str>>(parts: &[S], text: &str) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return text.is_empty();
    };
    let Some(mut remaining) = text.strip_prefix(first.as_ref()) else {
        return false;
    };
    if rest.is_empty() {
        return remaining.is_empty();
    }
    let (last, middle) = rest.split_last().unwrap_or((&rest[0], &[]));
    for part in middle {
        match remaining.find(part.as_ref()) {
            Some(at) => remaining = &remaining[at + part.as_ref().len()..],
            None => return false,
        }
    }
    remaining.ends_with(last.as_ref())
}

/// Whether a metric or task name matches a catalogue name that may hold `*`.
pub fn name_matches(pattern: &str, text: &str) -> bool {
    if pattern.contains('*') {
        glob(&pattern.split('*').collect::<Vec<_>>(), text)
    } else {
        pattern == text
    }
}

/// The catalogue in force for an import.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Every benchmark, in catalogue order.
    pub entries: Vec<Entry>,
    /// SHA-256 over the names and digests of every file, in order.
    pub digest: String,
    /// The files.
    pub sources: Vec<CatalogueSource>,
    /// Exact task names per harness → entry (HF dataset ids lower-cased).
    exact: HashMap<(Harness, String), usize>,
    /// `*` patterns per harness, by their literal prefix → (pattern, entry).
    patterns: HashMap<Harness, HashMap<String, Vec<(Pattern, usize)>>>,
    /// Benchmark ids and names, lower-cased → entry: the fallback for a card's dataset name.
    names: HashMap<String, usize>,
}

/// What the catalogue says about one task.
#[derive(Debug, Clone, Copy)]
pub struct Match<'a> {
    /// The benchmark.
    pub entry: &'a Entry,
    /// The harness the name was found under.
    pub harness: Harness,
    /// The catalogue's name that matched (an exact name or a pattern).
    pub matched: &'a str,
    /// The override that applies, if any.
    pub part: Option<&'a Override>,
}

/// The direction of one metric, as the catalogue gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum Direction {
    /// Higher is better (`true`) or lower is better (`false`).
    Better(bool),
    /// Best at this value; not monotone.
    Ideal(f64),
    /// A higher score shows more dangerous capability.
    Risk,
    /// Not known: the reason (unverified, or no rule for the metric).
    Unknown(String),
}

impl Direction {
    /// The `higher_is_better` a record takes: only a monotone "better" direction has one.
    pub fn higher_is_better(&self) -> Option<bool> {
        match self {
            Direction::Better(higher) => Some(*higher),
            _ => None,
        }
    }

    /// In words, for the comment beside the record.
    pub fn describe(&self) -> String {
        match self {
            Direction::Better(true) => "higher is better".to_owned(),
            Direction::Better(false) => "lower is better".to_owned(),
            Direction::Ideal(ideal) => format!("best at {ideal}, not monotone"),
            Direction::Risk => {
                "risk: a higher score shows more dangerous capability (read it against the risk thresholds)"
                    .to_owned()
            }
            Direction::Unknown(why) => format!("direction unknown ({why})"),
        }
    }
}

impl<'a> Match<'a> {
    /// The dimensions the task gives evidence of (the override's, or the benchmark's).
    pub fn dimensions(&self) -> &'a [Dimension] {
        self.part
            .and_then(|p| p.dimensions.as_deref())
            .unwrap_or(&self.entry.benchmark.dimensions)
    }

    /// The evidence kind (the override's, or the benchmark's).
    pub fn evidence_kind(&self) -> Option<EvidenceKind> {
        self.part
            .and_then(|p| p.evidence_kind)
            .or(self.entry.benchmark.evidence_kind)
    }

    /// The direction of `metric` for a record of `harness` (COMPL-AI records read only the
    /// rules written for COMPL-AI: its scores are rescaled).
    pub fn direction(&self, metric: &str, harness: Harness) -> Direction {
        let part_rules = self.part.map(|p| p.metrics.as_slice()).unwrap_or_default();
        let rule = part_rules
            .iter()
            .chain(&self.entry.benchmark.metrics)
            .find(|rule| {
                let applies = match rule.harness {
                    Some(h) => h == harness,
                    None => harness != Harness::ComplAi,
                };
                applies && name_matches(&rule.metric, metric)
            });
        match rule {
            None if harness == Harness::ComplAi => Direction::Unknown(
                "COMPL-AI rescales its scores; the catalogue gives no COMPL-AI direction for this metric"
                    .to_owned(),
            ),
            None => Direction::Unknown("the catalogue has no direction for this metric".to_owned()),
            Some(rule) => {
                if let Some(higher) = rule.higher_is_better {
                    Direction::Better(higher)
                } else if let Some(ideal) = rule.ideal {
                    Direction::Ideal(ideal)
                } else if rule.direction == Some(DirectionKind::Risk) {
                    Direction::Risk
                } else {
                    Direction::Unknown(format!(
                        "unverified: {}",
                        rule.unverified.as_deref().unwrap_or("not confirmed")
                    ))
                }
            }
        }
    }

    /// `catalogue: ID (FILE)`, the comment an import writes beside `dimensions`.
    pub fn label(&self) -> String {
        format!(
            "catalogue: {} ({})",
            self.entry.benchmark.id, self.entry.file
        )
    }
}

impl Catalogue {
    /// The benchmark of `task` under `harness`, with the override its name and `task_args`
    /// select: an exact name first, then the pattern with the longest literal prefix.
    pub fn lookup(
        &self,
        harness: Harness,
        task: &str,
        task_args: &BTreeMap<String, String>,
    ) -> Option<Match<'_>> {
        let key = if harness == Harness::HfDataset {
            task.to_lowercase()
        } else {
            task.to_owned()
        };
        let (index, matched) = match self.exact.get(&(harness, key.clone())) {
            Some(&index) => (index, None),
            None => self.by_pattern(harness, &key)?,
        };
        let entry = &self.entries[index];
        let matched = match matched {
            Some(pattern) => pattern,
            None => entry
                .benchmark
                .tasks
                .by_harness()
                .into_iter()
                .find(|(h, _)| *h == harness)
                .and_then(|(_, names)| {
                    names.iter().find(|n| {
                        if harness == Harness::HfDataset {
                            n.to_lowercase() == key
                        } else {
                            **n == key
                        }
                    })
                })
                .map_or("", String::as_str),
        };
        let part = entry.benchmark.overrides.iter().find(|part| {
            let named = part.tasks.is_empty() || part.tasks.iter().any(|t| name_matches(t, task));
            let args = part
                .task_args
                .iter()
                .all(|(k, v)| task_args.get(k).is_some_and(|given| given == v));
            named && args
        });
        Some(Match {
            entry,
            harness,
            matched,
            part,
        })
    }

    fn by_pattern(&self, harness: Harness, name: &str) -> Option<(usize, Option<&str>)> {
        let patterns = self.patterns.get(&harness)?;
        // Longest literal prefix first: `truthfulqa-multi_gen_*` before `truthfulqa*`.
        let mut end = name.len();
        loop {
            if name.is_char_boundary(end)
                && let Some(candidates) = patterns.get(&name[..end])
                && let Some((pattern, index)) = candidates.iter().find(|(p, _)| p.matches(name))
            {
                let written = self.entries[*index]
                    .benchmark
                    .tasks
                    .by_harness()
                    .into_iter()
                    .find(|(h, _)| *h == harness)
                    .and_then(|(_, names)| names.iter().find(|n| Pattern::new(n) == *pattern))
                    .map(String::as_str);
                return Some((*index, written));
            }
            if end == 0 {
                return None;
            }
            end -= 1;
        }
    }

    /// A benchmark by its id or name (case-insensitive): the fallback for a card's dataset
    /// name when its id is not catalogued.
    pub fn by_name(&self, name: &str) -> Option<Match<'_>> {
        self.names.get(&name.trim().to_lowercase()).map(|&i| Match {
            entry: &self.entries[i],
            harness: Harness::HfDataset,
            matched: "",
            part: None,
        })
    }

    /// A benchmark by id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.benchmark.id == id)
    }
}

/// The JSON Schema of catalogue files (cached).
pub fn catalogue_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
        generator.into_root_schema_for::<BenchmarkFile>().to_value()
    })
}

/// The shipped catalogue, loaded once (a test keeps it valid; were it not, every import would
/// report why).
pub fn builtin() -> Result<&'static Catalogue> {
    static BUILTIN_CATALOGUE: OnceLock<std::result::Result<Catalogue, Vec<Diagnostic>>> =
        OnceLock::new();
    match BUILTIN_CATALOGUE.get_or_init(|| load(&[]).map_err(|e| e.diagnostics())) {
        Ok(catalogue) => Ok(catalogue),
        Err(diagnostics) => Err(Error::Input(diagnostics.clone())),
    }
}

/// The catalogue for an import: the shipped one, or with packs, a fresh load.
pub fn for_import(extra_dirs: &[PathBuf]) -> Result<std::borrow::Cow<'static, Catalogue>> {
    if extra_dirs.is_empty() {
        builtin().map(std::borrow::Cow::Borrowed)
    } else {
        load(extra_dirs).map(std::borrow::Cow::Owned)
    }
}

/// Loads the shipped catalogue and the packs in `extra_dirs`, validating all of them; every
/// problem of every file is reported at once.
pub fn load(extra_dirs: &[PathBuf]) -> Result<Catalogue> {
    let mut texts: Vec<(String, String, bool)> = BUILTIN
        .iter()
        .map(|(name, text)| (format!("rules/benchmarks/{name}"), (*text).to_owned(), true))
        .collect();
    let mut diagnostics = Vec::new();
    for dir in extra_dirs {
        match pack_files(dir) {
            Ok(files) => texts.extend(files.into_iter().map(|(n, t)| (n, t, false))),
            Err(error) => diagnostics.extend(error.diagnostics()),
        }
    }
    let mut catalogue = Catalogue {
        entries: Vec::new(),
        digest: String::new(),
        sources: Vec::new(),
        exact: HashMap::new(),
        patterns: HashMap::new(),
        names: HashMap::new(),
    };
    // Where each id and task name was first defined, for the clash message.
    let mut ids: HashMap<String, (String, usize)> = HashMap::new();
    let mut claimed: HashMap<(Harness, String), (String, String, usize)> = HashMap::new();
    for (name, text, builtin) in texts {
        catalogue.sources.push(CatalogueSource {
            name: name.clone(),
            sha256: crate::digest::sha256_hex(text.as_bytes()),
            builtin,
        });
        let source = Arc::new(SourceText::new(name.clone(), text));
        let (file, tree) = match parse_file(&source) {
            Ok(parsed) => parsed,
            Err(mut problems) => {
                diagnostics.append(&mut problems);
                continue;
            }
        };
        for (index, benchmark) in file.benchmarks.into_iter().enumerate() {
            let here = FieldPath::root().key("benchmarks").index(index);
            let at = |path: &FieldPath| tree.nearest(path).1;
            let located = |message: String, path: FieldPath, help: &str| {
                Diagnostic::error(message)
                    .at(&source, at(&path))
                    .field(path.to_string())
                    .help(help.to_owned())
            };
            let id_path = here.clone().key("id");
            if let Some((first_file, first_line)) = ids.get(&benchmark.id) {
                diagnostics.push(located(
                    format!(
                        "duplicate benchmark id `{}`, first defined in {first_file}:{first_line}",
                        benchmark.id
                    ),
                    id_path.clone(),
                    "benchmark ids are unique across the shipped catalogue and every --benchmarks pack",
                ));
            } else {
                let line = source.line_col(at(&id_path).start).0;
                ids.insert(benchmark.id.clone(), (name.clone(), line));
            }
            diagnostics.extend(check_directions(&benchmark, &here, &located));
            let entry_index = catalogue.entries.len();
            for (harness, names) in benchmark.tasks.by_harness() {
                for (n, task) in names.iter().enumerate() {
                    let path = here.clone().key("tasks").key(harness.name()).index(n);
                    let key = if harness == Harness::HfDataset {
                        task.to_lowercase()
                    } else {
                        task.clone()
                    };
                    if harness == Harness::Inspect && !task.starts_with("inspect_evals/") {
                        diagnostics.push(located(
                            format!("Inspect task `{task}` is not written `inspect_evals/<task>`"),
                            path.clone(),
                            "write Inspect task names with their registry prefix, as logs name them",
                        ));
                    }
                    if let Some((first_id, first_file, first_line)) =
                        claimed.get(&(harness, key.clone()))
                    {
                        diagnostics.push(located(
                            format!(
                                "{} task `{task}` is already catalogued as `{first_id}` ({first_file}:{first_line})",
                                harness.name()
                            ),
                            path,
                            "a task name belongs to one benchmark: remove one of the two",
                        ));
                        continue;
                    }
                    let line = source.line_col(at(&path).start).0;
                    claimed.insert(
                        (harness, key.clone()),
                        (benchmark.id.clone(), name.clone(), line),
                    );
                    if key.contains('*') {
                        let pattern = Pattern::new(&key);
                        catalogue
                            .patterns
                            .entry(harness)
                            .or_default()
                            .entry(pattern.prefix().to_owned())
                            .or_default()
                            .push((pattern, entry_index));
                    } else {
                        catalogue.exact.insert((harness, key), entry_index);
                    }
                }
            }
            for key in [benchmark.id.to_lowercase(), benchmark.name.to_lowercase()] {
                catalogue.names.entry(key).or_insert(entry_index);
            }
            catalogue.entries.push(Entry {
                benchmark,
                file: name.clone(),
            });
        }
    }
    if !diagnostics.is_empty() {
        return Err(Error::Input(diagnostics));
    }
    let mut hasher = Sha256::new();
    for source in &catalogue.sources {
        hasher.update(source.name.as_bytes());
        hasher.update(b"\n");
        hasher.update(source.sha256.as_bytes());
        hasher.update(b"\n");
    }
    catalogue.digest = hex::encode(hasher.finalize());
    Ok(catalogue)
}

/// Each metric rule gives exactly one direction (or says it is unverified); an `ideal` is a
/// finite number.
fn check_directions(
    benchmark: &Benchmark,
    here: &FieldPath,
    located: &dyn Fn(String, FieldPath, &str) -> Diagnostic,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut check = |rule: &MetricRule, path: FieldPath| {
        let given = [
            rule.higher_is_better.is_some(),
            rule.ideal.is_some(),
            rule.direction.is_some(),
            rule.unverified.is_some(),
        ]
        .iter()
        .filter(|g| **g)
        .count();
        if given != 1 {
            problems.push(located(
                format!(
                    "metric `{}` gives {given} directions; it needs exactly one",
                    rule.metric
                ),
                path.clone(),
                "write one of `higher_is_better: true|false`, `ideal: N`, `direction: risk`, or `unverified: \"why\"`",
            ));
        }
        if rule.ideal.is_some_and(|i| !i.is_finite()) {
            problems.push(located(
                format!("metric `{}`: `ideal` is not a finite number", rule.metric),
                path.key("ideal"),
                "write the best value, such as 50",
            ));
        }
    };
    for (m, rule) in benchmark.metrics.iter().enumerate() {
        check(rule, here.clone().key("metrics").index(m));
    }
    for (o, part) in benchmark.overrides.iter().enumerate() {
        for (m, rule) in part.metrics.iter().enumerate() {
            check(
                rule,
                here.clone()
                    .key("overrides")
                    .index(o)
                    .key("metrics")
                    .index(m),
            );
        }
    }
    problems
}

/// The `*.yaml` files of a pack directory, in name order.
fn pack_files(dir: &Path) -> Result<Vec<(String, String)>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut refused = Vec::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let is_yaml = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e == "yaml" || e == "yml");
        if !is_yaml {
            continue;
        }
        // A catalogue file's text is echoed in errors: never read one through a link out.
        match crate::dossier::evidence::readable_inside(dir, &path) {
            Ok(true) => paths.push(path),
            Ok(false) => {}
            Err(why) => refused.push(
                Diagnostic::error(format!("refusing to read the benchmark file: it {why}"))
                    .at_point(path.display().to_string(), 1, 1)
                    .help("copy the file into the benchmark pack"),
            ),
        }
    }
    if !refused.is_empty() {
        return Err(Error::Input(refused));
    }
    paths.sort();
    if paths.is_empty() {
        return Err(Error::Usage(format!(
            "{} holds no benchmark files (*.yaml)",
            dir.display()
        )));
    }
    let mut files = Vec::new();
    for path in paths {
        let size = std::fs::metadata(&path)
            .map_err(|e| Error::io(&path, e))?
            .len();
        if size > crate::dossier::MAX_FILE_BYTES {
            return Err(Error::Usage(format!(
                "{} is larger than {} bytes",
                path.display(),
                crate::dossier::MAX_FILE_BYTES
            )));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        files.push((path.display().to_string(), text));
    }
    Ok(files)
}

fn parse_file(
    source: &Arc<SourceText>,
) -> std::result::Result<(BenchmarkFile, Node), Vec<Diagnostic>> {
    let tree = yaml::parse(&source.text, crate::dossier::BOUNDS).map_err(|error| {
        let mut diagnostic = Diagnostic::error(error.message)
            .at(source, error.range)
            .code("yaml-syntax");
        if !error.path.is_root() {
            diagnostic = diagnostic.field(error.path.to_string());
        }
        vec![diagnostic]
    })?;
    let validation = crate::dossier::validator::validate_against(catalogue_schema(), &tree);
    if !validation.issues.is_empty() {
        return Err(validation
            .issues
            .iter()
            .map(|issue| crate::dossier::issue_diagnostic(None, source, &tree, issue))
            .collect());
    }
    let file = BenchmarkFile::deserialize(&tree).map_err(|e| {
        vec![
            Diagnostic::error(format!("cannot read the benchmark file: {e}"))
                .at(source, ByteRange::at(0)),
        ]
    })?;
    Ok((file, tree))
}

#[cfg(test)]
mod tests;
