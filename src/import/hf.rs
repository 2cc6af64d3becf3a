//! Hugging Face model and dataset cards: the YAML front matter (licence, languages, datasets,
//! base models, pipeline tag, library, emissions, `model-index` results) and the prose sections
//! a card conventionally has (uses, out-of-scope uses, training data, training procedure).
//! Fields are answered only where the dossier has no answer yet.

use std::path::Path;

use serde_json::{Map, Value, json};

use super::{Mapped, number, pointer, source_error};
use crate::diag::Result;
use crate::dossier::FileKind;
use crate::dossier::model::LanguageCode;
use crate::evals::{Catalogue, Harness, Match};

/// A card split into its front matter (as JSON) and its Markdown body.
struct Card {
    front: Value,
    body: String,
}

fn split_card(path: &Path, bytes: &[u8]) -> Result<Card> {
    let text = super::utf8(path, bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok(Card {
            front: Value::Object(Map::new()),
            body: text.to_owned(),
        });
    };
    let end = rest
        .find("\n---\n")
        .or_else(|| rest.find("\n---\r\n"))
        .or_else(|| rest.strip_suffix("\n---").map(str::len))
        .ok_or_else(|| {
            source_error(
                path,
                Some((1, 1)),
                "the front matter (`---`) is not closed".to_owned(),
            )
        })?;
    let yaml = &rest[..end + 1];
    let body = rest[end + 1..].trim_start_matches("---").to_owned();
    let name = path.display().to_string();
    // Front matter starts on line 2 of the card; the parser's positions are relative to it.
    let tree = crate::dossier::parse_str(&name, yaml).map_err(|error| {
        let diagnostics = error.diagnostics();
        let first = diagnostics.first();
        let (line, column) = first.and_then(|d| d.location.as_ref()).map_or((1, 1), |l| {
            let (line, column) = l.line_col();
            (line + 1, column)
        });
        let detail = first.map(|d| d.message.clone()).unwrap_or_default();
        source_error(
            path,
            Some((line, column)),
            format!("the front matter is not valid YAML: {detail}"),
        )
    })?;
    Ok(Card {
        front: tree.to_json(),
        body,
    })
}

/// The front matter of a card as JSON.
pub fn front_matter(path: &Path, bytes: &[u8]) -> Result<Value> {
    split_card(path, bytes).map(|card| card.front)
}

/// A front-matter value that may be a string or a list of strings, as a list.
fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// The ISO 639-1 and ISO 639-3 codes among `languages` (the card writes `en`, `gsw`, and
/// sometimes `EN`); the rest (`code`, `multilingual`, names) are reported unmapped.
fn iso_languages(languages: Vec<String>, mapped: &mut Mapped) -> Vec<String> {
    let mut codes = Vec::new();
    let mut other = Vec::new();
    for language in languages {
        match LanguageCode::parse(&language.trim().to_ascii_lowercase()) {
            Some(code) => {
                let code = code.as_str().to_owned();
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            None => other.push(language),
        }
    }
    if !other.is_empty() {
        mapped.unmapped.push(format!(
            "languages that are not ISO 639-1 or ISO 639-3 codes: {}",
            other.join(", ")
        ));
    }
    codes
}

/// The card's sections: heading (lower case) and text.
fn sections(body: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut in_code = false;
    for line in body.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if !in_code && line.starts_with('#') {
            let heading = line.trim_start_matches('#').trim().to_lowercase();
            out.push((heading, String::new()));
        } else if let Some((_, text)) = out.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    out
}

/// The bullet items of a section, or its text as one item.
fn items_of(text: &str) -> Vec<String> {
    let bullets: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let t = l.trim_start();
            t.strip_prefix("- ")
                .or_else(|| t.strip_prefix("* "))
                .map(|item| item.trim().to_owned())
        })
        .filter(|item| !item.is_empty())
        .collect();
    if !bullets.is_empty() {
        return bullets;
    }
    let prose = text.trim();
    if prose.is_empty() {
        Vec::new()
    } else {
        vec![prose.to_owned()]
    }
}

fn relationship(front: &Value) -> Option<&'static str> {
    match front["base_model_relation"].as_str()? {
        "finetune" | "adapter" => Some("fine_tune"),
        "quantized" => Some("quantisation"),
        "merge" => Some("merge"),
        _ => Some("other"),
    }
}

/// Maps a model card, its results tagged from the shipped benchmark catalogue.
pub fn map_model_card(path: &Path, bytes: &[u8]) -> Result<Mapped> {
    map_model_card_with(path, bytes, crate::evals::builtin()?)
}

/// Maps a model card, tagging its `model-index` results from `catalogue`.
pub fn map_model_card_with(path: &Path, bytes: &[u8], catalogue: &Catalogue) -> Result<Mapped> {
    let card = split_card(path, bytes)?;
    let front = &card.front;
    let mut mapped = Mapped::default();
    let root = FileKind::Root;

    let licence_name = front["license_name"]
        .as_str()
        .filter(|_| front["license"].as_str() == Some("other"))
        .or_else(|| front["license"].as_str());
    if let Some(licence) = licence_name {
        let key = if front["license_name"].is_string() && front["license"].as_str() == Some("other")
        {
            "license_name"
        } else {
            "license"
        };
        mapped.field(
            root,
            vec!["model", "licence", "identifier"],
            json!(licence),
            format!("front matter `{key}`"),
        );
    }
    if let Some(link) = front["license_link"].as_str() {
        mapped.field(
            root,
            vec!["model", "licence", "url"],
            json!(link),
            "front matter `license_link`",
        );
    }
    let languages = iso_languages(strings(&front["language"]), &mut mapped);
    if !languages.is_empty() {
        mapped.field(
            FileKind::Data,
            vec!["overview", "languages"],
            json!(languages),
            "front matter `language`",
        );
    }
    for dataset in strings(&front["datasets"]) {
        mapped.items.push((
            FileKind::Data,
            vec!["sources", "public_datasets", "large_datasets"],
            json!({ "name": dataset, "url": format!("https://huggingface.co/datasets/{dataset}") }),
        ));
    }
    if !strings(&front["datasets"]).is_empty() {
        mapped.field(
            FileKind::Data,
            vec!["sources", "public_datasets", "used"],
            json!(true),
            "front matter `datasets`",
        );
    }
    for base in strings(&front["base_model"]) {
        let mut dependency = Map::new();
        dependency.insert("name".into(), json!(base));
        if let Some(relation) = relationship(front) {
            dependency.insert("relationship".into(), json!(relation));
        }
        dependency.insert(
            "url".into(),
            json!(format!("https://huggingface.co/{base}")),
        );
        mapped.items.push((
            root,
            vec!["model", "dependencies"],
            Value::Object(dependency),
        ));
    }
    if let Some(library) = front["library_name"].as_str() {
        mapped.field(
            FileKind::Technical,
            vec!["integration", "required_software"],
            json!([{ "name": library, "purpose": "Library the model card names for loading the model" }]),
            "front matter `library_name`",
        );
    }
    // Hugging Face records emissions in grams of CO2 equivalent.
    let grams = match &front["co2_eq_emissions"] {
        Value::Object(map) => map.get("emissions").and_then(|e| number(e).ok()),
        other => number(other).ok(),
    };
    if let Some(grams) = grams {
        mapped.field(
            FileKind::Technical,
            vec!["energy", "training_emissions_tco2eq"],
            json!(grams / 1e6),
            "front matter `co2_eq_emissions` (grams, converted to tonnes)",
        );
    }
    let gated: Vec<&str> = [
        "extra_gated_prompt",
        "extra_gated_fields",
        "extra_gated_heading",
        "gated",
    ]
    .into_iter()
    .filter(|k| !front[*k].is_null())
    .collect();
    if !gated.is_empty() {
        mapped.unmapped.push(format!(
            "access gating ({}) is kept in the evidence; describe the access in model.distribution_channels",
            gated.join(", ")
        ));
    }
    if let Some(tags) = front["tags"].as_array().filter(|t| !t.is_empty()) {
        mapped
            .unmapped
            .push(format!("{} tags kept in the evidence", tags.len()));
    }
    model_index(front, catalogue, &mut mapped);

    for (heading, text) in sections(&card.body) {
        let target: Option<(FileKind, Vec<&'static str>, bool)> = if heading
            .contains("out-of-scope")
            || heading.contains("out of scope")
            || heading.contains("misuse")
        {
            Some((root, vec!["model", "use_policy", "prohibited_uses"], true))
        } else if heading.contains("intended use")
            || heading == "uses"
            || heading.contains("direct use")
        {
            Some((root, vec!["model", "use_policy", "intended_tasks"], true))
        } else if heading.contains("training data") {
            Some((
                FileKind::Data,
                vec!["overview", "scope_and_characteristics"],
                false,
            ))
        } else if heading.contains("limitation") || heading.contains("bias") {
            Some((
                FileKind::Technical,
                vec!["capabilities_and_limitations"],
                false,
            ))
        } else if heading.contains("training procedure") || heading.contains("training details") {
            Some((FileKind::Technical, vec!["training", "methodology"], false))
        } else {
            None
        };
        let Some((file, path, as_list)) = target else {
            if heading.contains("description")
                || heading.contains("summary")
                || heading.contains("model details")
            {
                mapped.unmapped.push(format!(
                    "section \"{heading}\": the format has no field for a general description; kept in the evidence"
                ));
            }
            continue;
        };
        let value = if as_list {
            let items = items_of(&text);
            if items.is_empty() {
                continue;
            }
            json!(items)
        } else {
            let prose = text.trim();
            if prose.is_empty() {
                continue;
            }
            json!(prose)
        };
        // An earlier section with the same target wins (the card's main one comes first).
        if !mapped
            .fields
            .iter()
            .any(|f| f.file == file && f.path == path)
        {
            mapped.field(file, path, value, format!("section \"{heading}\""));
        }
    }
    // The pipeline tag says what the model does when the card has no section on its uses.
    if let Some(task) = front["pipeline_tag"].as_str() {
        let path = vec!["model", "use_policy", "intended_tasks"];
        if mapped.fields.iter().any(|f| f.path == path) {
            mapped.unmapped.push(format!(
                "pipeline tag `{task}` (the card's section on intended uses is imported instead)"
            ));
        } else {
            mapped.field(
                root,
                path,
                json!([format!("{task} (Hugging Face pipeline tag)")]),
                "front matter `pipeline_tag`",
            );
        }
    }
    Ok(mapped)
}

/// `model-index` results as evaluation records (leaderboard-style `source` and `args` too).
fn model_index(front: &Value, catalogue: &Catalogue, mapped: &mut Mapped) {
    let Some(models) = front["model-index"].as_array() else {
        return;
    };
    for (m, model) in models.iter().enumerate() {
        let name = model["name"].as_str();
        if m == 0
            && let Some(name) = name
        {
            mapped.field(
                FileKind::Root,
                vec!["model", "name"],
                json!(name),
                "front matter `model-index[0].name`",
            );
        }
        let Some(results) = model["results"].as_array() else {
            continue;
        };
        for (r, result) in results.iter().enumerate() {
            let dataset = &result["dataset"];
            let benchmark = dataset["name"]
                .as_str()
                .or_else(|| dataset["type"].as_str())
                .unwrap_or("unnamed benchmark");
            let n_shot = dataset["args"]["num_few_shot"].as_u64();
            let found = dataset_entry(catalogue, dataset, benchmark, mapped);
            super::tag::not_mapped(
                dataset["type"].as_str().unwrap_or(benchmark),
                found.as_ref(),
                mapped,
            );
            let source = result["source"]["name"].as_str();
            let source_url = result["source"]["url"].as_str();
            let Some(metrics) = result["metrics"].as_array() else {
                continue;
            };
            for (k, metric) in metrics.iter().enumerate() {
                let (m_s, r_s, k_s) = (m.to_string(), r.to_string(), k.to_string());
                let mut record = Map::new();
                record.insert("benchmark".into(), json!(benchmark));
                if let Some(config) = dataset["config"].as_str() {
                    record.insert("task".into(), json!(config));
                }
                let metric_name = metric["name"]
                    .as_str()
                    .or_else(|| metric["type"].as_str())
                    .unwrap_or("metric");
                record.insert("metric".into(), json!(metric_name));
                super::record_value(
                    &mut record,
                    &metric["value"],
                    "the card",
                    &format!("{benchmark} {metric_name}"),
                    &mut mapped.flags,
                );
                record.insert("unit".into(), json!("as reported in the model card"));
                super::tag::record(
                    &mut record,
                    found.as_ref(),
                    metric["type"].as_str().unwrap_or(metric_name),
                    Harness::HfDataset,
                    &format!("{benchmark} {metric_name}"),
                    mapped,
                );
                let shots = metric["args"]["num_few_shot"].as_u64().or(n_shot);
                if let Some(shots) = shots {
                    record.insert("n_shot".into(), json!(shots));
                }
                if let Some(source) = source {
                    record.insert("harness".into(), json!(source));
                }
                if let Some(name) = name {
                    record.insert("model_version".into(), json!(name));
                }
                record.insert(
                    "evidence_pointer".into(),
                    json!(format!(
                        "front-matter#{}",
                        pointer(&[
                            "model-index",
                            &m_s,
                            "results",
                            &r_s,
                            "metrics",
                            &k_s,
                            "value"
                        ])
                    )),
                );
                if let Some(url) = source_url {
                    record.insert(
                        "notes".into(),
                        json!(format!("Imported from the model card; source: {url}")),
                    );
                }
                mapped.records.push(Value::Object(record));
            }
        }
    }
}

/// The catalogue entry of a `model-index` result: by the HF dataset id in `dataset.type`;
/// failing that, by the dataset's name (or a `type` that is no id) against the catalogue's
/// benchmark ids and names, with a flag, since a name is a weaker match than an id.
fn dataset_entry<'c>(
    catalogue: &'c Catalogue,
    dataset: &Value,
    benchmark: &str,
    mapped: &mut Mapped,
) -> Option<Match<'c>> {
    let empty = std::collections::BTreeMap::new();
    if let Some(id) = dataset["type"].as_str()
        && let Some(found) = catalogue.lookup(Harness::HfDataset, id, &empty)
    {
        return Some(found);
    }
    let names = [dataset["name"].as_str(), dataset["type"].as_str()];
    let found = names
        .into_iter()
        .flatten()
        .find_map(|name| catalogue.by_name(name).map(|m| (name, m)));
    let (name, found) = found?;
    let line = format!(
        "{benchmark}: dataset `{}` is not a catalogued dataset id; matched on its name `{name}` ({})",
        dataset["type"].as_str().unwrap_or("(none)"),
        found.label()
    );
    if !mapped.flags.contains(&line) {
        mapped.flags.push(line);
    }
    Some(found)
}

/// Maps a dataset card to one publicly available dataset.
pub fn map_dataset_card(path: &Path, bytes: &[u8]) -> Result<Mapped> {
    let card = split_card(path, bytes)?;
    let front = &card.front;
    let mut mapped = Mapped::default();
    let name = front["pretty_name"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| {
            sections(&card.body)
                .first()
                .map(|(heading, _)| heading.clone())
                .filter(|h| !h.is_empty())
        })
        .or_else(|| {
            path.file_name().map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".README.md")
                    .trim_end_matches(".md")
                    .to_owned()
            })
        })
        .unwrap_or_else(|| "dataset".to_owned());
    let mut dataset = Map::new();
    dataset.insert("name".into(), json!(name));
    let licences = strings(&front["license"]);
    if !licences.is_empty() {
        dataset.insert("licence".into(), json!(licences.join(", ")));
    }
    let sizes = strings(&front["size_categories"]);
    if !sizes.is_empty() {
        dataset.insert("size".into(), json!(sizes.join(", ")));
    }
    let languages = iso_languages(strings(&front["language"]), &mut mapped);
    if !languages.is_empty() {
        dataset.insert("languages".into(), json!(languages));
    }
    let tasks = strings(&front["task_categories"]);
    let text_tasks = tasks.iter().any(|t| {
        [
            "text",
            "translation",
            "summarization",
            "question-answering",
            "fill-mask",
            "token-classification",
        ]
        .iter()
        .any(|k| t.contains(k))
    });
    if text_tasks || front["language"].is_string() || front["language"].is_array() {
        dataset.insert("modality".into(), json!("text"));
    }
    if let Some(url) = front["homepage"]
        .as_str()
        .or_else(|| front["source_url"].as_str())
    {
        dataset.insert("url".into(), json!(url));
    } else if let Some(id) = front["paperswithcode_id"].as_str() {
        dataset.insert(
            "url".into(),
            json!(format!("https://huggingface.co/datasets/{id}")),
        );
    }
    let sources = strings(&front["source_datasets"]);
    if !sources.is_empty() {
        dataset.insert(
            "subset_selection".into(),
            json!(format!("Source datasets: {}", sources.join(", "))),
        );
    }
    mapped.items.push((
        FileKind::Data,
        vec!["sources", "public_datasets", "large_datasets"],
        Value::Object(dataset),
    ));
    mapped.field(
        FileKind::Data,
        vec!["sources", "public_datasets", "used"],
        json!(true),
        "the dataset card",
    );
    let skipped: Vec<&str> = front
        .as_object()
        .map(|o| {
            o.keys()
                .map(String::as_str)
                .filter(|k| {
                    ![
                        "pretty_name",
                        "license",
                        "size_categories",
                        "language",
                        "task_categories",
                        "homepage",
                        "source_url",
                        "paperswithcode_id",
                        "source_datasets",
                    ]
                    .contains(k)
                })
                .collect()
        })
        .unwrap_or_default();
    if !skipped.is_empty() {
        mapped.unmapped.push(format!(
            "front-matter fields kept only in the evidence: {}",
            skipped.join(", ")
        ));
    }
    Ok(mapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_languages_keep_iso_639_1_and_639_3_codes_and_report_the_rest() {
        let mut mapped = Mapped::default();
        let given = ["EN", "szl", "code", "English", "en", "gsw", "xx"].map(String::from);
        assert_eq!(
            iso_languages(given.to_vec(), &mut mapped),
            ["en", "szl", "gsw"]
        );
        assert_eq!(
            mapped.unmapped,
            ["languages that are not ISO 639-1 or ISO 639-3 codes: code, English, xx"]
        );
    }

    const CARD: &str = "---\nlicense: other\nlicense_name: llama3\nlicense_link: LICENSE\nlanguage:\n- en\n- code\nbase_model: org/base-7b\nbase_model_relation: finetune\npipeline_tag: text-generation\nlibrary_name: transformers\nco2_eq_emissions: {emissions: 1500000}\nmodel-index:\n- name: my-model\n  results:\n  - task: {type: text-generation}\n    dataset: {name: HellaSwag, type: hellaswag, args: {num_few_shot: 10}}\n    metrics:\n    - {type: acc_norm, value: 80.2, name: normalized accuracy}\n    - {type: acc, value: null}\n    source: {name: Open LLM Leaderboard, url: 'https://hf.co/spaces/x'}\n---\n# My model\n\n## Intended Uses\n\n- Chat\n- Code\n\n## Out-of-Scope Use\n\nAnything illegal.\n\n## Limitations\n\nMany.\n";

    #[test]
    fn model_cards_map_front_matter_prose_and_results() {
        let m = map_model_card(Path::new("README.md"), CARD.as_bytes()).unwrap();
        let field = |path: &[&str]| {
            m.fields
                .iter()
                .find(|f| f.path.as_slice() == path)
                .map(|f| f.value.clone())
        };
        assert_eq!(
            field(&["model", "licence", "identifier"]),
            Some(json!("llama3"))
        );
        assert_eq!(field(&["overview", "languages"]), Some(json!(["en"])));
        assert!(m.unmapped.iter().any(|u| u.contains("code")));
        assert_eq!(
            field(&["model", "use_policy", "intended_tasks"]),
            Some(json!(["Chat", "Code"])),
            "the card's section wins over the pipeline tag"
        );
        assert_eq!(
            field(&["model", "use_policy", "prohibited_uses"]),
            Some(json!(["Anything illegal."]))
        );
        assert_eq!(
            field(&["energy", "training_emissions_tco2eq"]),
            Some(json!(1.5))
        );
        assert_eq!(m.records.len(), 2);
        assert_eq!(m.records[0]["value"], 80.2);
        assert_eq!(m.records[0]["n_shot"], 10);
        assert_eq!(m.records[0]["harness"], "Open LLM Leaderboard");
        assert_eq!(
            m.records[0]["evidence_pointer"],
            "front-matter#/model-index/0/results/0/metrics/0/value"
        );
        assert!(m.records[1].get("value").is_none());
        assert_eq!(m.items[0].2["relationship"], "fine_tune");
        assert_eq!(
            field(&["capabilities_and_limitations"]),
            Some(json!("Many."))
        );
        assert!(
            m.unmapped
                .iter()
                .any(|u| u.contains("pipeline tag `text-generation`"))
        );
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(map_model_card(Path::new("README.md"), b"---\nlicense: mit\n").is_err());
        assert!(map_model_card(Path::new("README.md"), b"---\nlicense: [mit\n---\n").is_err());
    }

    #[test]
    fn dataset_cards_become_a_public_dataset() {
        let m = map_dataset_card(
            Path::new("c4.README.md"),
            b"---\npretty_name: C4\nlicense: odc-by\nlanguage: [en]\nsize_categories: [100M<n<1B]\nsource_datasets: [original]\npaperswithcode_id: c4\n---\n# C4\n",
        )
        .unwrap();
        let dataset = &m.items[0].2;
        assert_eq!(dataset["name"], "C4");
        assert_eq!(dataset["licence"], "odc-by");
        assert_eq!(dataset["modality"], "text");
        assert_eq!(dataset["languages"], json!(["en"]));
    }
}
