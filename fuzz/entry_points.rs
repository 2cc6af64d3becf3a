//! The bodies of the fuzz targets: one `pub fn NAME(data: &[u8])` per target of
//! `fuzz/fuzz_targets/NAME.rs`, each feeding the bytes to aiact's public functions the way the
//! command line does and ignoring their `Result`, so that only panics, hangs and runaway memory
//! count as findings.
//!
//! Plain Rust with no libFuzzer dependency: it is the library of the fuzz crate
//! (`aiact_fuzz_entry`) and is also included by the main crate's `tests/fuzz_replay.rs`, which
//! replays the committed corpus of every target (`fuzz/corpus/NAME/`) in a plain `cargo test`.
//!
//! Inputs that hold several parts separate them with a NUL byte (see each function).

use std::path::Path;
use std::sync::OnceLock;

use aiact::dossier::FileKind;
use aiact::import::{Mapped, patch};

/// The body of a target.
pub type Entry = fn(&[u8]);

/// Every target: its name (that of its `fuzz_targets/*.rs` file and of its corpus folder) and
/// its body.
pub const TARGETS: &[(&str, Entry)] = &[
    ("dossier_root", dossier_root),
    ("dossier_technical", dossier_technical),
    ("dossier_data", dossier_data),
    ("dossier_copyright", dossier_copyright),
    ("dossier_evaluations", dossier_evaluations),
    ("dossier_systemic_risk", dossier_systemic_risk),
    ("import_lm_eval", import_lm_eval),
    ("import_inspect", import_inspect),
    ("import_hf_model_card", import_hf_model_card),
    ("import_hf_dataset_card", import_hf_dataset_card),
    ("import_resolve_pointers", import_resolve_pointers),
    ("rules_pack", rules_pack),
    ("verify_manifest", verify_manifest),
    ("render_escape", render_escape),
    ("render_html", render_html),
    ("render_typst", render_typst),
];

/// A valid `aiact.yaml` beside the fuzzed file of another kind, so that a valid fuzzed file
/// reaches the end of loading (the merged dossier).
const ROOT: &str = "format_version: 1\n";

// ---------------------------------------------------------------------------------------------
// The dossier loader, one target per file kind.

/// `aiact.yaml` as the loader reads it.
pub fn dossier_root(data: &[u8]) {
    dossier_file(FileKind::Root, data);
}

/// `technical.yaml` as the loader reads it.
pub fn dossier_technical(data: &[u8]) {
    dossier_file(FileKind::Technical, data);
}

/// `data.yaml` as the loader reads it.
pub fn dossier_data(data: &[u8]) {
    dossier_file(FileKind::Data, data);
}

/// `copyright.yaml` as the loader reads it.
pub fn dossier_copyright(data: &[u8]) {
    dossier_file(FileKind::Copyright, data);
}

/// `evaluations.yaml` as the loader reads it.
pub fn dossier_evaluations(data: &[u8]) {
    dossier_file(FileKind::Evaluations, data);
}

/// `systemic-risk.yaml` as the loader reads it.
pub fn dossier_systemic_risk(data: &[u8]) {
    dossier_file(FileKind::SystemicRisk, data);
}

/// The bytes as the dossier file of `kind`: loaded from a directory by `dossier::load` (bounded
/// reading, UTF-8 and BOM handling, parsing, schema, types, evidence paths), and checked as
/// text by `dossier::check_text` (what an import runs on its edits).
fn dossier_file(kind: FileKind, data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let name = format!("{}.yaml", kind.stem());
    if std::fs::write(dir.path().join(&name), data).is_err() {
        return;
    }
    if kind != FileKind::Root && std::fs::write(dir.path().join("aiact.yaml"), ROOT).is_err() {
        return;
    }
    let _ = aiact::dossier::load(dir.path());
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = aiact::dossier::check_text(kind, &name, text);
    }
}

// ---------------------------------------------------------------------------------------------
// The importers: each maps the bytes as a source file, and what it maps is spliced into the
// dossier skeleton and checked, as `aiact import` does before writing.

/// lm-evaluation-harness results.
pub fn import_lm_eval(data: &[u8]) {
    import("lm-eval", "results.json", data, aiact::import::lm_eval::map);
}

/// An Inspect log (`.json`, or an `.eval` zip archive when the bytes start with `PK\3\4`).
pub fn import_inspect(data: &[u8]) {
    import("inspect", "log.eval", data, aiact::import::inspect::map);
}

/// A Hugging Face model card.
pub fn import_hf_model_card(data: &[u8]) {
    import(
        "hf-card",
        "README.md",
        data,
        aiact::import::hf::map_model_card,
    );
}

/// A Hugging Face dataset card.
pub fn import_hf_dataset_card(data: &[u8]) {
    import(
        "hf-dataset-card",
        "README.md",
        data,
        aiact::import::hf::map_dataset_card,
    );
}

/// Pointers resolved in an evidence file, as `check` compares records with their evidence.
/// The input is `POINTERS NUL DOCUMENT`, one pointer a line; without a NUL the whole input is
/// the document, and a fixed set of pointers (plain JSON, `.eval` header, card front matter)
/// is resolved in it.
pub fn import_resolve_pointers(data: &[u8]) {
    const DEFAULT: [&str; 8] = [
        "",
        "/results",
        "/results/arc_easy/acc,none",
        "/0",
        "header.json#/results/scores/0/metrics/accuracy/value",
        "header.json#/eval/task",
        "front-matter#/model-index/0/results/0/metrics/0/value",
        "front-matter#/license",
    ];
    match data.iter().position(|b| *b == 0) {
        Some(split) => {
            let Ok(lines) = std::str::from_utf8(&data[..split]) else {
                return;
            };
            let pointers: Vec<&str> = lines.lines().collect();
            let _ = aiact::import::resolve_pointers(&data[split + 1..], &pointers);
        }
        None => {
            let _ = aiact::import::resolve_pointers(data, &DEFAULT);
        }
    }
}

fn import(
    kind: &str,
    file_name: &str,
    data: &[u8],
    map: fn(&Path, &[u8]) -> aiact::diag::Result<Mapped>,
) {
    if let Ok(mapped) = map(Path::new(file_name), data) {
        splice(kind, file_name, &mapped);
    }
}

/// Every dossier file as `aiact init` writes it: kind, name and text.
fn skeletons() -> &'static [(FileKind, String, String)] {
    static SKELETONS: OnceLock<Vec<(FileKind, String, String)>> = OnceLock::new();
    SKELETONS.get_or_init(|| {
        FileKind::ALL
            .iter()
            .map(|kind| {
                (
                    *kind,
                    format!("{}.yaml", kind.stem()),
                    aiact::dossier::skeleton::skeleton(*kind),
                )
            })
            .collect()
    })
}

/// What `aiact import` does with a mapped source, in memory: fields answered where
/// unanswered, items appended, records appended, each edited file checked.
fn splice(kind: &str, file_name: &str, mapped: &Mapped) {
    let evidence = format!("evidence/imports/{kind}/{file_name}");
    let mut files: Vec<(FileKind, String, String, bool)> = skeletons()
        .iter()
        .map(|(kind, name, text)| (*kind, name.clone(), text.clone(), false))
        .collect();
    let index = |kind: FileKind| FileKind::ALL.iter().position(|k| *k == kind);
    for field in &mapped.fields {
        let Some(i) = index(field.file) else { continue };
        let (_, name, text, changed) = &mut files[i];
        let note = format!("imported from {evidence} {}", field.source);
        if let Ok((new_text, patch::Outcome::Set)) =
            patch::set_if_unanswered(name, text, &field.path, &field.value, Some(&note))
        {
            *text = new_text;
            *changed = true;
        }
    }
    for (file, path, item) in &mapped.items {
        let Some(i) = index(*file) else { continue };
        let (_, name, text, changed) = &mut files[i];
        if let Ok(new_text) = patch::append(name, text, path, std::slice::from_ref(item)) {
            *text = new_text;
            *changed = true;
        }
    }
    let records: Vec<_> = mapped
        .records
        .iter()
        .map(|record| {
            let mut record = record.clone();
            if let Some(object) = record.as_object_mut() {
                object.insert("evidence".to_owned(), evidence.as_str().into());
            }
            record
        })
        .collect();
    if !records.is_empty()
        && let Some(i) = index(FileKind::Evaluations)
    {
        let (_, name, text, changed) = &mut files[i];
        if let Ok(new_text) = patch::append(name, text, &["records"], &records) {
            *text = new_text;
            *changed = true;
        }
    }
    for (kind, name, text, changed) in &files {
        if *changed {
            let _ = aiact::dossier::check_text(*kind, name, text);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rule packs.

/// The bytes as the one file of a rule pack, checked on its own (`rules::check_pack_text`: fast);
/// a file that passes is then loaded as `rules/x.yaml` with the shipped rules (`rules::load`,
/// which reads the whole catalogue again: far too slow to run on every input).
pub fn rules_pack(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if aiact::rules::check_pack_text("rules/x.yaml", text).is_err() {
        return;
    }
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let pack = dir.path().join("rules");
    if std::fs::create_dir(&pack).is_err() || std::fs::write(pack.join("x.yaml"), data).is_err() {
        return;
    }
    let _ = aiact::rules::load(&[pack]);
}

// ---------------------------------------------------------------------------------------------
// `verify`.

/// A bundle's integrity files, as `aiact verify` reads them. The input is
/// `MANIFEST.json [NUL SHA256SUMS [NUL MANIFEST.json.sig [NUL attestation.dsse.json [NUL KEY]]]]`:
/// each part present is written into a bundle directory (KEY, a public key, beside it), then
/// the manifest is read and the bundle verified, with the key when one is given and loads.
pub fn verify_manifest(data: &[u8]) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let bundle = dir.path().join("bundle");
    if std::fs::create_dir(&bundle).is_err() {
        return;
    }
    let mut parts = data.splitn(5, |b| *b == 0);
    for name in [
        aiact::bundle::MANIFEST,
        aiact::bundle::SUMS,
        aiact::bundle::SIGNATURE,
        aiact::bundle::ATTESTATION,
    ] {
        let Some(part) = parts.next() else { break };
        if std::fs::write(bundle.join(name), part).is_err() {
            return;
        }
    }
    let key_path = dir.path().join("key.pub");
    let key = match parts.next() {
        Some(part) if std::fs::write(&key_path, part).is_ok() => {
            aiact::sign::load_public(&key_path).ok()
        }
        _ => None,
    };
    let _ = aiact::bundle::verify::read_manifest(&bundle);
    let _ = aiact::bundle::verify(&bundle, None);
    if let Some(key) = key {
        let _ = aiact::bundle::verify(&bundle, Some(&key));
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown escaping and narrative rendering.

/// Dossier text through every Markdown escaper and the narrative sanitiser.
pub fn render_escape(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = aiact::render::escape::markdown(text);
    let _ = aiact::render::escape::cell(text);
    let _ = aiact::render::escape::code(text);
    let _ = aiact::render::escape::link(text);
    let _ = aiact::render::narrative::block(text);
    let _ = aiact::render::narrative::cell(text);
}

/// Document Markdown into the HTML page.
pub fn render_html(data: &[u8]) {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    let footer = ["fuzz <footer>".to_owned()];
    let meta = aiact::render::html::PageMeta {
        title: "Fuzz",
        language: "en",
        footer: &footer,
    };
    let _ = aiact::render::html::page(markdown, &meta, "body {}");
}

/// Document Markdown into the typst markup the PDF is compiled from (not compiled here: a
/// typst compilation per input would be far too slow).
pub fn render_typst(data: &[u8]) {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    let _ = aiact::render::pdf::typst_body(markdown);
}
