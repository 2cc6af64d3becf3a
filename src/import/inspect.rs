//! Inspect AI logs, as `.json` or as the `.eval` zip archive (whose `header.json` holds the
//! same header), into evaluation records: one per scorer metric, with the scorer's `stderr`
//! metric as the standard error. Samples are not read (a log with many samples is large); runs
//! that did not succeed, or scored fewer samples than the dataset holds, are flagged.

use std::io::Read;
use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{Mapped, number, pointer, quote_non_finite, source_error};
use crate::diag::Result;
use crate::evals::{Catalogue, Harness, Match};

/// The parts of a log this importer reads; samples and the rest are skipped unparsed.
#[derive(Debug, Deserialize)]
struct Header {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    eval: Value,
    #[serde(default)]
    results: Option<Value>,
    #[serde(default)]
    error: Option<Value>,
}

/// The largest `header.json` read out of an `.eval` archive.
const MAX_HEADER_BYTES: u64 = 256 * 1024 * 1024;

fn parse_header(path: &Path, text: &str) -> Result<Header> {
    let text = quote_non_finite(text);
    serde_json::from_str(&text).map_err(|e| {
        source_error(
            path,
            Some((e.line(), e.column().max(1))),
            format!("not an Inspect log: {e}"),
        )
    })
}

/// The header of an `.eval` archive.
pub fn archive_header(path: &Path, bytes: &[u8]) -> Result<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| source_error(path, None, format!("not a readable .eval archive: {e}")))?;
    let mut entry = archive.by_name("header.json").map_err(|_| {
        source_error(
            path,
            None,
            "the .eval archive has no header.json (the run may not have finished writing it)"
                .to_owned(),
        )
    })?;
    let mut text = String::new();
    (&mut entry)
        .take(MAX_HEADER_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| source_error(path, None, format!("header.json cannot be read: {e}")))?;
    if text.len() as u64 > MAX_HEADER_BYTES {
        return Err(source_error(
            path,
            None,
            "header.json is too large".to_owned(),
        ));
    }
    Ok(text)
}

/// Maps one Inspect log, tagged from the shipped benchmark catalogue.
pub fn map(path: &Path, bytes: &[u8]) -> Result<Mapped> {
    map_with(path, bytes, crate::evals::builtin()?)
}

/// The task's catalogue entry. A COMPL-AI log (its task carries the `technical_requirement`
/// attribute, or is registered as `complai/<task>`) is looked up under COMPL-AI's task names
/// first; other logs under `inspect_evals/<task>`, with or without that prefix in the log.
fn lookup<'c>(
    catalogue: &'c Catalogue,
    task: &str,
    args: &std::collections::BTreeMap<String, String>,
    compl_ai: bool,
) -> Option<Match<'c>> {
    let bare = task
        .strip_prefix("complai/")
        .or_else(|| task.strip_prefix("inspect_evals/"))
        .unwrap_or(task);
    let upstream = || catalogue.lookup(Harness::Inspect, &format!("inspect_evals/{bare}"), args);
    if compl_ai {
        catalogue
            .lookup(Harness::ComplAi, bare, args)
            .or_else(upstream)
    } else {
        upstream()
    }
}

/// Maps one Inspect log, tagging its records from `catalogue`.
pub fn map_with(path: &Path, bytes: &[u8], catalogue: &Catalogue) -> Result<Mapped> {
    let is_archive = bytes.starts_with(b"PK\x03\x04");
    let (header, prefix) = if is_archive {
        let text = archive_header(path, bytes)?;
        (parse_header(path, &text)?, "header.json#")
    } else {
        let text = super::utf8(path, bytes)?;
        (parse_header(path, text)?, "")
    };
    let eval = &header.eval;
    let Some(task) = eval["task"].as_str() else {
        return Err(source_error(
            path,
            None,
            "not an Inspect log: no `eval.task`".to_owned(),
        ));
    };
    let mut mapped = Mapped::default();
    let status = header
        .status
        .clone()
        .unwrap_or_else(|| "unknown".to_owned());
    if status != "success" {
        let error = header
            .error
            .as_ref()
            .and_then(|e| e["message"].as_str())
            .map_or(String::new(), |m| format!(": {m}"));
        mapped
            .flags
            .push(format!("{task}: the run's status is {status}{error}"));
    }
    let results = header.results.unwrap_or(Value::Null);
    let completed = results["completed_samples"].as_u64();
    let dataset_samples = eval["dataset"]["samples"].as_u64();
    let limited = eval["config"]["limit"].as_u64().is_some();
    let partial = matches!((completed, dataset_samples), (Some(c), Some(d)) if c < d);
    if partial || limited {
        mapped.flags.push(format!(
            "{task}: partial run ({} of {} samples)",
            completed.map_or("?".to_owned(), |c| c.to_string()),
            dataset_samples.map_or("?".to_owned(), |d| d.to_string())
        ));
    }
    let Some(scores) = results["scores"].as_array() else {
        mapped
            .unmapped
            .push(format!("{task}: the log has no scores (status {status})"));
        return Ok(mapped);
    };
    let harness_version = eval["packages"]["inspect_ai"].as_str().map(str::to_owned);
    let date = eval["created"]
        .as_str()
        .and_then(|c| c.get(..10))
        .map(str::to_owned);
    let model = eval["model"].as_str().map(str::to_owned);
    // COMPL-AI's own label for the task, kept beside aiact's dimensions.
    let requirement = eval["task_attribs"]["technical_requirement"]
        .as_str()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let compl_ai = requirement.is_some() || task.starts_with("complai/");
    let args: std::collections::BTreeMap<String, String> = eval["task_args"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| match v {
            Value::String(s) => Some((k.clone(), s.clone())),
            Value::Number(_) | Value::Bool(_) => Some((k.clone(), v.to_string())),
            _ => None,
        })
        .collect();
    let found = lookup(catalogue, task, &args, compl_ai);
    super::tag::not_mapped(task, found.as_ref(), &mut mapped);
    // COMPL-AI records read only the directions written for COMPL-AI (its scores are
    // rescaled so that higher is better); others read the upstream ones.
    let direction_harness = if compl_ai {
        Harness::ComplAi
    } else {
        Harness::Inspect
    };
    let several = scores.len() > 1;
    for (index, score) in scores.iter().enumerate() {
        let scorer = score["name"].as_str().unwrap_or("score");
        let Some(metrics) = score["metrics"].as_object() else {
            continue;
        };
        let stderr = metrics.get("stderr").map(|m| number(&m["value"]));
        let position = index.to_string();
        for (name, metric) in metrics {
            if name == "stderr" {
                continue;
            }
            let mut record = Map::new();
            record.insert("benchmark".into(), json!(task));
            if several {
                record.insert("task".into(), json!(scorer));
            }
            let metric_name = if several || scorer == name {
                name.clone()
            } else {
                format!("{name} ({scorer})")
            };
            record.insert("metric".into(), json!(metric_name));
            super::record_value(
                &mut record,
                &metric["value"],
                "the log",
                &format!("{task} {scorer} {name}"),
                &mut mapped.flags,
            );
            let unit = if name == "accuracy" || name == "mean" && scorer.contains("match") {
                "fraction"
            } else {
                "as reported by Inspect"
            };
            record.insert("unit".into(), json!(unit));
            if let Some(Ok(stderr)) = &stderr {
                record.insert("stderr".into(), json!(stderr));
            }
            super::tag::record(
                &mut record,
                found.as_ref(),
                name,
                direction_harness,
                &format!("{task} {scorer} {name}"),
                &mut mapped,
            );
            if let Some(requirement) = requirement {
                record.insert("compl_ai_requirement".into(), json!(requirement));
                record.insert(
                    super::patch::note_key("compl_ai_requirement"),
                    json!("the log's eval.task_attribs.technical_requirement"),
                );
            }
            if let Some(c) = completed {
                record.insert("samples".into(), json!(c));
            }
            if let Some(d) = dataset_samples {
                record.insert("samples_total".into(), json!(d));
            }
            record.insert("harness".into(), json!("inspect_ai"));
            if let Some(v) = &harness_version {
                record.insert("harness_version".into(), json!(v));
            }
            if let Some(d) = &date {
                record.insert("date".into(), json!(d));
            }
            if let Some(m) = &model {
                record.insert("model_version".into(), json!(m));
            }
            record.insert(
                "evidence_pointer".into(),
                json!(format!(
                    "{prefix}{}",
                    pointer(&["results", "scores", &position, "metrics", name, "value"])
                )),
            );
            let mut notes = Vec::new();
            if status != "success" {
                notes.push(format!("run status {status}"));
            }
            if partial || limited {
                notes.push("partial run".to_owned());
            }
            if !notes.is_empty() {
                record.insert(
                    "notes".into(),
                    json!(format!("Imported from Inspect; {}.", notes.join("; "))),
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
    use std::io::Write;

    const LOG: &str = r#"{"version": 2, "status": "cancelled",
        "eval": {"task": "popularity", "model": "openai/gpt-4o-mini", "created": "2025-05-12T20:28:13-04:00",
                 "dataset": {"samples": 100}, "config": {"limit": 3}, "packages": {"inspect_ai": "0.3.95"}},
        "results": {"total_samples": 3, "completed_samples": 3,
                    "scores": [{"name": "match", "scorer": "match", "metrics": {
                        "accuracy": {"name": "accuracy", "value": 0.6666666666666666},
                        "stderr": {"name": "stderr", "value": 0.33333333333333337}}}]},
        "samples": [{"id": 1, "input": "a very long transcript"}]}"#;

    #[test]
    fn json_logs_map_scores_and_flag_cancelled_partial_runs() {
        let m = map(Path::new("log.json"), LOG.as_bytes()).unwrap();
        assert_eq!(m.records.len(), 1);
        let r = &m.records[0];
        assert_eq!(r["value"], 0.6666666666666666);
        assert_eq!(r["stderr"], 0.33333333333333337);
        assert_eq!(r["metric"], "accuracy (match)");
        assert_eq!(
            (r["samples"].as_u64(), r["samples_total"].as_u64()),
            (Some(3), Some(100))
        );
        assert_eq!(
            r["evidence_pointer"],
            "/results/scores/0/metrics/accuracy/value"
        );
        assert!(m.flags.iter().any(|f| f.contains("status is cancelled")));
        assert!(m.flags.iter().any(|f| f.contains("partial run (3 of 100")));
    }

    #[test]
    fn eval_archives_read_their_compressed_header() {
        let mut bytes = Vec::new();
        {
            let mut writer = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            writer.start_file("header.json", options).unwrap();
            writer.write_all(LOG.as_bytes()).unwrap();
            writer
                .start_file("samples/1_epoch_1.json", options)
                .unwrap();
            writer.write_all(b"{}").unwrap();
            writer.finish().unwrap();
        }
        let m = map(Path::new("log.eval"), &bytes).unwrap();
        assert_eq!(
            m.records[0]["evidence_pointer"],
            "header.json#/results/scores/0/metrics/accuracy/value"
        );
        assert!(map(Path::new("broken.eval"), b"PK\x03\x04garbage").is_err());
    }

    #[test]
    fn header_only_logs_have_no_records_but_say_so() {
        let m = map(
            Path::new("h.json"),
            br#"{"status": "error", "eval": {"task": "t"}, "error": {"message": "boom"}}"#,
        )
        .unwrap();
        assert!(m.records.is_empty());
        assert!(m.flags[0].contains("status is error: boom"));
        assert!(!m.unmapped.is_empty());
    }
}
