//! Evidence pointers: reading back the value an imported evaluation record points to in the
//! source file kept as evidence, so that a record edited after import is caught.

use std::path::Path;

use serde_json::Value;

use super::{hf, inspect, number, quote_non_finite};

/// The values that evidence pointers designate in one source file: JSON pointers into a JSON
/// log, `header.json#…` into the header of an Inspect `.eval` archive, `front-matter#…` into a
/// card's front matter. Each document is parsed once, and a JSON document keeps only the
/// top-level fields the pointers reach (a log's samples are skipped, not loaded). `Err` says
/// why a pointer found nothing.
pub fn resolve_pointers(
    bytes: &[u8],
    pointers: &[&str],
) -> Vec<std::result::Result<Value, String>> {
    const ARCHIVE: &str = "header.json#";
    const CARD: &str = "front-matter#";
    let here = Path::new("evidence");
    let in_group = |prefix: &str| -> Vec<&str> {
        pointers
            .iter()
            .filter_map(|p| match prefix {
                "" => (!p.starts_with(ARCHIVE) && !p.starts_with(CARD)).then_some(*p),
                _ => p.strip_prefix(prefix),
            })
            .collect()
    };
    let parse_group = |prefix: &str| -> Option<std::result::Result<Value, String>> {
        let group = in_group(prefix);
        if group.is_empty() {
            return None;
        }
        Some(match prefix {
            CARD => hf::front_matter(here, bytes)
                .map_err(|_| "the evidence's front matter cannot be read".to_owned()),
            ARCHIVE => inspect::archive_header(here, bytes)
                .map_err(|_| "the evidence is not a readable .eval archive".to_owned())
                .and_then(|text| json_keeping(text.as_bytes(), &group)),
            _ => json_keeping(bytes, &group),
        })
    };
    let plain = parse_group("");
    let archive = parse_group(ARCHIVE);
    let card = parse_group(CARD);
    pointers
        .iter()
        .map(|pointer| {
            let (document, local) = if let Some(rest) = pointer.strip_prefix(ARCHIVE) {
                (&archive, rest)
            } else if let Some(rest) = pointer.strip_prefix(CARD) {
                (&card, rest)
            } else {
                (&plain, *pointer)
            };
            match document {
                Some(Ok(value)) => value
                    .pointer(local)
                    .cloned()
                    .ok_or_else(|| format!("nothing at {local} in the evidence")),
                Some(Err(why)) => Err(why.clone()),
                None => Err("not parsed".to_owned()),
            }
        })
        .collect()
}

/// A JSON document (bare non-finite numbers allowed) with only the top-level fields that the
/// pointers' first segments name.
fn json_keeping(bytes: &[u8], pointers: &[&str]) -> std::result::Result<Value, String> {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

    struct Keeping<'a>(&'a std::collections::BTreeSet<String>);
    impl<'de> DeserializeSeed<'de> for Keeping<'_> {
        type Value = serde_json::Map<String, Value>;
        fn deserialize<D: serde::Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de> Visitor<'de> for Keeping<'_> {
        type Value = serde_json::Map<String, Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut kept = serde_json::Map::new();
            while let Some(key) = map.next_key::<String>()? {
                if self.0.contains(&key) {
                    kept.insert(key, map.next_value()?);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(kept)
        }
    }

    let wanted: std::collections::BTreeSet<String> = pointers
        .iter()
        .filter_map(|p| p.strip_prefix('/'))
        .map(|p| {
            let first = p.split('/').next().unwrap_or_default();
            first.replace("~1", "/").replace("~0", "~")
        })
        .collect();
    let text =
        std::str::from_utf8(bytes).map_err(|_| "the evidence is not UTF-8 text".to_owned())?;
    let text = quote_non_finite(text);
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    Keeping(&wanted)
        .deserialize(&mut deserializer)
        .map(Value::Object)
        .map_err(|_| "the evidence is not a JSON object".to_owned())
}

/// Compares an imported record's value with its source value: `None` when they agree.
pub fn disagreement(recorded: Option<f64>, source: &Value) -> Option<String> {
    match (recorded, number(source)) {
        (Some(recorded), Ok(found)) if recorded == found => None,
        (Some(recorded), Ok(found)) => {
            Some(format!("records {recorded}, the evidence says {found}"))
        }
        (None, Err(_)) => None,
        (None, Ok(found)) => Some(format!("records no value, the evidence says {found}")),
        (Some(recorded), Err(why)) => Some(format!("records {recorded}, but {why}")),
    }
}

/// Evaluation records whose value differs from the value their evidence pointer designates
/// (records without a pointer are not compared). Each evidence file is read once.
pub fn evidence_mismatches(dir: &Path, dossier: &crate::dossier::Dossier) -> Vec<(usize, String)> {
    // Records by evidence file, so that each file is read and parsed once.
    let mut by_file: std::collections::BTreeMap<&str, Vec<(usize, &str)>> =
        std::collections::BTreeMap::new();
    for (index, record) in dossier.evaluations.records.iter().flatten().enumerate() {
        if let (Some(evidence), Some(pointer)) = (&record.evidence, &record.evidence_pointer) {
            by_file
                .entry(evidence.as_str())
                .or_default()
                .push((index, pointer.as_str()));
        }
    }
    let mut out = Vec::new();
    for (evidence, records) in by_file {
        let Ok(bytes) = std::fs::read(dir.join(evidence)) else {
            out.extend(records.iter().map(|(index, _)| {
                (
                    *index,
                    format!("cannot be compared: {evidence} cannot be read"),
                )
            }));
            continue;
        };
        let pointers: Vec<&str> = records.iter().map(|(_, p)| *p).collect();
        let found = resolve_pointers(&bytes, &pointers);
        for ((index, pointer), source) in records.into_iter().zip(found) {
            let records = dossier.evaluations.records.as_deref().unwrap_or_default();
            let value = records[index].value;
            match source {
                Ok(source) => {
                    if let Some(detail) = disagreement(value, &source) {
                        out.push((index, format!("{detail} at {pointer} of {evidence}")));
                    }
                }
                Err(why) => out.push((index, format!("cannot be compared: {why}"))),
            }
        }
    }
    out.sort_by_key(|(index, _)| *index);
    out
}
