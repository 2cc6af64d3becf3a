//! lm-evaluation-harness results (`results_*.json`), in the shapes of v0.3 (`"acc"`,
//! `"acc_stderr"`, `config.num_fewshot`) and v0.4 (`"acc,none"` metric-filter keys, `n-shot`,
//! `n-samples`, `higher_is_better`, `groups`), into evaluation records.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value, json};

use super::{Mapped, number, pointer, quote_non_finite, source_error};
use crate::diag::Result;
use crate::evals::{Catalogue, Harness};

/// The parts of a results file the importer reads. Everything else (task configs with their
/// prompt templates, environment dumps) is skipped while parsing, not held in memory; only the
/// names of skipped top-level fields are kept, to report them.
#[derive(Default)]
struct Log {
    results: Option<Map<String, Value>>,
    /// Tasks and metric values in `results`, counted even past what is kept.
    results_count: (usize, usize),
    /// `num_fewshot` of each task's config.
    config_shots: BTreeMap<String, Option<u64>>,
    versions: Value,
    n_shot: Value,
    higher_is_better: Value,
    n_samples: Value,
    config: Value,
    date: Value,
    lm_eval_version: Value,
    model_name: Value,
    skipped: Vec<String>,
}

#[derive(Deserialize)]
struct TaskConfig {
    #[serde(default)]
    num_fewshot: Option<u64>,
}

impl<'de> Deserialize<'de> for Log {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Log, D::Error> {
        struct LogVisitor;
        impl<'de> Visitor<'de> for LogVisitor {
            type Value = Log;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an lm-evaluation-harness results object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Log, A::Error> {
                let mut log = Log::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "results" => {
                            let bounded = map.next_value::<BoundedResults>()?;
                            log.results_count = (bounded.tasks, bounded.values);
                            log.results = Some(bounded.results);
                        }
                        "configs" => {
                            let configs: BTreeMap<String, TaskConfig> = map.next_value()?;
                            log.config_shots = configs
                                .into_iter()
                                .map(|(k, c)| (k, c.num_fewshot))
                                .collect();
                        }
                        "versions" => log.versions = map.next_value()?,
                        "n-shot" => log.n_shot = map.next_value()?,
                        "higher_is_better" => log.higher_is_better = map.next_value()?,
                        "n-samples" => log.n_samples = map.next_value()?,
                        "config" => log.config = map.next_value()?,
                        "date" => log.date = map.next_value()?,
                        "lm_eval_version" => log.lm_eval_version = map.next_value()?,
                        "model_name" => log.model_name = map.next_value()?,
                        // Group scores are repeated in `results`, where they are imported.
                        "groups" => {
                            map.next_value::<IgnoredAny>()?;
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            log.skipped.push(key);
                        }
                    }
                }
                Ok(log)
            }
        }
        deserializer.deserialize_map(LogVisitor)
    }
}

/// Metric values kept while parsing `results`: each becomes at most one record, and an
/// import adds at most [`super::MAX_RECORDS`]; twice that leaves room for the `_stderr` and
/// `alias` entries beside them. Past it the rest is only counted, so a log with a million
/// tasks is refused with its size instead of filling memory.
const MAX_KEPT_VALUES: usize = 2 * super::MAX_RECORDS;

/// `results`, kept up to [`MAX_KEPT_VALUES`] metric values and counted in full.
struct BoundedResults {
    results: Map<String, Value>,
    tasks: usize,
    values: usize,
}

/// Counts the entries of an object (or 1 for anything else) without keeping them.
struct CountedEntries(usize);

impl<'de> Deserialize<'de> for CountedEntries {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<CountedEntries, D::Error> {
        struct CountVisitor;
        impl<'de> Visitor<'de> for CountVisitor {
            type Value = CountedEntries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a task's metrics")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<CountedEntries, A::Error> {
                let mut count = 0;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {
                    count += 1;
                }
                Ok(CountedEntries(count))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<CountedEntries, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(CountedEntries(1))
            }
            fn visit_str<E>(self, _: &str) -> std::result::Result<CountedEntries, E> {
                Ok(CountedEntries(1))
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<CountedEntries, E> {
                Ok(CountedEntries(1))
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<CountedEntries, E> {
                Ok(CountedEntries(1))
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<CountedEntries, E> {
                Ok(CountedEntries(1))
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<CountedEntries, E> {
                Ok(CountedEntries(1))
            }
            fn visit_unit<E>(self) -> std::result::Result<CountedEntries, E> {
                Ok(CountedEntries(1))
            }
        }
        deserializer.deserialize_any(CountVisitor)
    }
}

impl<'de> Deserialize<'de> for BoundedResults {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<BoundedResults, D::Error> {
        struct ResultsVisitor;
        impl<'de> Visitor<'de> for ResultsVisitor {
            type Value = BoundedResults;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a `results` object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<BoundedResults, A::Error> {
                let mut bounded = BoundedResults {
                    results: Map::new(),
                    tasks: 0,
                    values: 0,
                };
                while let Some(task) = map.next_key::<String>()? {
                    bounded.tasks += 1;
                    if bounded.values < MAX_KEPT_VALUES {
                        let metrics: Value = map.next_value()?;
                        bounded.values += metrics.as_object().map_or(1, Map::len);
                        bounded.results.insert(task, metrics);
                    } else {
                        bounded.values += map.next_value::<CountedEntries>()?.0;
                    }
                }
                Ok(bounded)
            }
        }
        deserializer.deserialize_map(ResultsVisitor)
    }
}

/// The model evaluated, from `model_args` (a string `pretrained=…,revision=…` or an object):
/// `name@revision`, or the name.
fn model_identity(config: &Value) -> Option<String> {
    let args = &config["model_args"];
    let (name, revision) = match args {
        Value::String(text) => {
            let mut name = None;
            let mut revision = None;
            for part in text.split(',') {
                if let Some((key, value)) = part.split_once('=') {
                    match key.trim() {
                        "pretrained" | "model" | "path" => name = Some(value.trim().to_owned()),
                        "revision" => revision = Some(value.trim().to_owned()),
                        _ => {}
                    }
                }
            }
            (name, revision)
        }
        Value::Object(map) => (
            map.get("pretrained")
                .or_else(|| map.get("model"))
                .and_then(Value::as_str)
                .map(str::to_owned),
            map.get("revision")
                .and_then(Value::as_str)
                .map(str::to_owned),
        ),
        _ => (None, None),
    };
    match (name, revision) {
        (Some(name), Some(revision)) => Some(format!("{name}@{revision}")),
        (Some(name), None) => Some(name),
        _ => None,
    }
}

/// The scale of a metric: lm-eval's accuracy-like metrics are fractions from 0 to 1; the
/// others (BLEU, perplexity, …) are reported on their own scales.
fn unit_of(metric: &str) -> &'static str {
    const FRACTIONS: &[&str] = &[
        "acc",
        "acc_norm",
        "exact_match",
        "em",
        "f1",
        "mc1",
        "mc2",
        "mcc",
        "pass@1",
        "brier_score",
        "contains",
    ];
    if FRACTIONS.contains(&metric) || metric.ends_with("_acc") || metric.starts_with("acc_") {
        "fraction"
    } else {
        "as reported by lm-evaluation-harness"
    }
}

/// The run's date from `date` (seconds since 1970, as lm-eval writes it).
fn run_date(date: &Value) -> Option<String> {
    let seconds = date.as_f64()?;
    chrono::DateTime::from_timestamp(seconds as i64, 0).map(|d| d.format("%Y-%m-%d").to_string())
}

/// Maps one lm-eval results file, tagged from the shipped benchmark catalogue.
pub fn map(path: &Path, bytes: &[u8]) -> Result<Mapped> {
    map_with(path, bytes, crate::evals::builtin()?)
}

/// Maps one lm-eval results file, tagging its records from `catalogue` (result keys are
/// tasks, groups and tags alike: `mmlu`, `mmlu_stem`, `mmlu_anatomy` each look themselves up).
pub fn map_with(path: &Path, bytes: &[u8], catalogue: &Catalogue) -> Result<Mapped> {
    let text = super::utf8(path, bytes)?;
    let text = quote_non_finite(text);
    let log: Log = serde_json::from_str(&text).map_err(|e| {
        source_error(
            path,
            Some((e.line(), e.column().max(1))),
            format!("not lm-evaluation-harness results: {e}"),
        )
    })?;
    let Some(results) = log.results.as_ref() else {
        return Err(source_error(
            path,
            None,
            "not lm-evaluation-harness results: no `results` object".to_owned(),
        ));
    };
    let (tasks, values) = log.results_count;
    if values > MAX_KEPT_VALUES {
        return Err(super::source_diagnostic(
            path,
            None,
            format!(
                "the log holds {values} metric values in {tasks} tasks; one import adds at most {} evaluation records",
                super::MAX_RECORDS
            ),
        )
        .help("split the log, or keep in it the tasks that document the model")
        .into());
    }
    let config = &log.config;
    let model_version =
        model_identity(config).or_else(|| log.model_name.as_str().map(str::to_owned));
    let harness_version = log.lm_eval_version.as_str().map(str::to_owned);
    let date = run_date(&log.date);
    let limit = config["limit"].as_f64();
    let mut mapped = Mapped::default();
    if !log.skipped.is_empty() {
        mapped.unmapped.push(format!(
            "top-level fields kept only in the evidence: {}",
            log.skipped.join(", ")
        ));
    }
    let mut tasks: Vec<(&String, &Value)> = results.iter().collect();
    tasks.sort_by(|a, b| a.0.cmp(b.0));
    for (task, metrics) in tasks {
        let Some(metrics) = metrics.as_object() else {
            mapped
                .unmapped
                .push(format!("results/{task} is not an object"));
            continue;
        };
        let n_shot = log.n_shot[task]
            .as_u64()
            .or_else(|| log.config_shots.get(task.as_str()).copied().flatten())
            .or_else(|| config["num_fewshot"].as_u64());
        let samples = &log.n_samples[task];
        let (effective, original) = (samples["effective"].as_u64(), samples["original"].as_u64());
        let partial = match (effective, original) {
            (Some(e), Some(o)) if e < o => true,
            _ => limit.is_some(),
        };
        if partial {
            mapped.flags.push(format!(
                "{task}: partial run ({} of {} samples{})",
                effective.map_or("?".to_owned(), |e| e.to_string()),
                original.map_or("?".to_owned(), |o| o.to_string()),
                limit.map_or(String::new(), |l| format!(", limit {l}"))
            ));
        }
        let version = match &log.versions[task] {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        let found = catalogue.lookup(Harness::LmEval, task, &BTreeMap::new());
        super::tag::not_mapped(task, found.as_ref(), &mut mapped);
        let mut names: Vec<&String> = metrics.keys().collect();
        names.sort();
        for key in names {
            if key == "alias" || key == "name" || key == "sample_len" || key.contains("_stderr") {
                continue;
            }
            // v0.4 writes `metric,filter`; v0.3 just `metric`.
            let (metric, filter) = key.split_once(',').unwrap_or((key.as_str(), "none"));
            let stderr_key = if key.contains(',') {
                format!("{metric}_stderr,{filter}")
            } else {
                format!("{metric}_stderr")
            };
            let raw = &metrics[key];
            if raw.is_object() || raw.is_array() || raw.is_boolean() {
                mapped
                    .unmapped
                    .push(format!("results/{task}/{key} is not a number"));
                continue;
            }
            let mut record = Map::new();
            record.insert("benchmark".into(), json!(task));
            if let Some(alias) = metrics.get("alias").and_then(Value::as_str)
                && alias.trim() != task
            {
                record.insert("task".into(), json!(alias.trim()));
            }
            let metric_name = if filter == "none" {
                metric.to_owned()
            } else {
                format!("{metric} ({filter})")
            };
            record.insert("metric".into(), json!(metric_name));
            super::record_value(
                &mut record,
                raw,
                "the log",
                &format!("{task} {key}"),
                &mut mapped.flags,
            );
            record.insert("unit".into(), json!(unit_of(metric)));
            if let Some(Ok(stderr)) = metrics.get(&stderr_key).map(number) {
                record.insert("stderr".into(), json!(stderr));
            }
            if let Some(higher) = log.higher_is_better[task][metric].as_bool() {
                record.insert("higher_is_better".into(), json!(higher));
            }
            super::tag::record(
                &mut record,
                found.as_ref(),
                metric,
                Harness::LmEval,
                &format!("{task} {key}"),
                &mut mapped,
            );
            if let Some(n) = n_shot {
                record.insert("n_shot".into(), json!(n));
            }
            if let Some(e) = effective {
                record.insert("samples".into(), json!(e));
            }
            if let Some(o) = original {
                record.insert("samples_total".into(), json!(o));
            }
            record.insert("harness".into(), json!("lm-evaluation-harness"));
            if let Some(v) = &harness_version {
                record.insert("harness_version".into(), json!(v));
            }
            if let Some(d) = &date {
                record.insert("date".into(), json!(d));
            }
            if let Some(m) = &model_version {
                record.insert("model_version".into(), json!(m));
            }
            record.insert(
                "evidence_pointer".into(),
                json!(pointer(&["results", task, key])),
            );
            let mut notes = Vec::new();
            if let Some(v) = &version {
                notes.push(format!("task version {v}"));
            }
            if partial {
                notes.push("partial run".to_owned());
            }
            if !notes.is_empty() {
                record.insert(
                    "notes".into(),
                    json!(format!(
                        "Imported from lm-evaluation-harness; {}.",
                        notes.join("; ")
                    )),
                );
            }
            mapped.records.push(Value::Object(record));
        }
    }
    Ok(mapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(text: &str) -> Mapped {
        map(Path::new("results.json"), text.as_bytes()).unwrap()
    }

    #[test]
    fn v04_metrics_filters_stderr_and_partial_runs() {
        let m = mapped(
            r#"{"results": {"hellaswag": {"alias": "hellaswag", "acc,none": 0.5, "acc_stderr,none": "N/A", "acc_norm,none": NaN}},
                "n-shot": {"hellaswag": 10}, "n-samples": {"hellaswag": {"original": 10042, "effective": 100}},
                "higher_is_better": {"hellaswag": {"acc": true}},
                "versions": {"hellaswag": 1.0},
                "config": {"model": "hf", "model_args": {"pretrained": "org/model", "revision": "abc"}, "limit": 100},
                "date": 1741294832.5, "lm_eval_version": "0.4.8", "pretty_env_info": "x"}"#,
        );
        assert_eq!(m.records.len(), 2);
        let norm = &m.records[1];
        assert_eq!(norm["metric"], "acc_norm");
        assert!(norm.get("value").is_none());
        assert_eq!(norm["value_not_available"], "the log recorded NaN");
        let acc = &m.records[0];
        assert_eq!(acc["value"], 0.5);
        assert!(acc.get("stderr").is_none(), "N/A is no stderr");
        assert_eq!(acc["n_shot"], 10);
        assert_eq!(
            (acc["samples"].as_u64(), acc["samples_total"].as_u64()),
            (Some(100), Some(10042))
        );
        assert_eq!(acc["model_version"], "org/model@abc");
        assert_eq!(acc["date"], "2025-03-06");
        assert_eq!(acc["evidence_pointer"], "/results/hellaswag/acc,none");
        assert!(
            m.flags
                .iter()
                .any(|f| f.contains("partial run (100 of 10042"))
        );
        assert!(m.unmapped.iter().any(|u| u.contains("pretty_env_info")));
    }

    #[test]
    fn v03_shape() {
        let m = mapped(
            r#"{"results": {"arc_easy": {"acc": 0.7, "acc_stderr": 0.01}}, "versions": {"arc_easy": 0},
                "config": {"model": "hf-causal", "model_args": "pretrained=EleutherAI/pythia-12b,revision=step143000", "num_fewshot": 0}}"#,
        );
        assert_eq!(m.records[0]["stderr"], 0.01);
        assert_eq!(m.records[0]["n_shot"], 0);
        assert_eq!(
            m.records[0]["model_version"],
            "EleutherAI/pythia-12b@step143000"
        );
    }

    #[test]
    fn not_results_is_a_located_error() {
        let error = map(
            Path::new("r.json"),
            b"{\"results\": {\"a\": {},\n \"b\": }}",
        )
        .unwrap_err();
        let text = error.diagnostics()[0].to_string();
        assert!(text.starts_with("r.json:2:"), "{text}");
    }
}
