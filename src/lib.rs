//! aiact turns the evidence a general-purpose AI model provider already has into the EU AI Act
//! documentation that authorities, downstream providers and auditors can trust.
//!
//! ```text
//! dossier::load ─┐
//! rules::load ───┴→ classify → check → report ─→ render ─→ bundle (build) → sign
//! import: cards and logs → dossier     digest: SHA-256     bundle::verify ← auditors
//! ```
//!
//! The modules, lowest first: a module uses only those listed before it (`tests/layers.rs`
//! reads every `crate::` path against this list); only `cli` uses this file, and only its
//! façades and the types they take and return.
//!
//! 1. `version`, `budget`, `diag`, `clock`, `paths`, `digest`, `output`, `sign`: the version;
//!    the watchdog of rendering; errors, source spans, "did you mean"; the one "today"; path
//!    containment; SHA-256; atomic, never-lossy writing; keys and signatures.
//! 2. `dossier`, `evals`: the model, strict loading, schemas, validation, evidence, artefacts,
//!    skeleton; the benchmark catalogue (`rules/benchmarks/`): task names → dimensions and
//!    metric directions.
//! 3. `classify`: the regime facts ([`classify::Fact`]) with reasons and legal bases.
//! 4. `rules`: the rule-file format, validated once at load; the embedded catalogue.
//! 5. `check`: rules evaluated into findings, and waivers; no I/O.
//! 6. `report`: the JSON contract of a check and its six writers.
//! 7. `render`: the typed template context; tera → Markdown → HTML and PDF (typst).
//! 8. `bundle`: manifest, build, attestation, verify and sign.
//! 9. `import`: cards and evaluation logs into the dossier; evidence pointers.
//! 10. `cli`: clap types and one function per subcommand.
//!
//! Findings of rules are data; [`diag::Error`] is only for "could not do the job" (exit 2).

pub mod budget;
pub mod bundle;
pub mod check;
pub mod classify;
pub mod cli;
pub mod clock;
pub mod diag;
pub mod digest;
pub mod dossier;
pub mod evals;
pub mod import;
pub mod output;
pub mod paths;
pub mod render;
pub mod report;
pub mod rules;
pub mod sign;
pub mod version;

use std::path::{Path, PathBuf};

use diag::{Error, Result};
use dossier::LoadedDossier;
use render::RenderedDocument;

pub use bundle::RenderRequest;
pub use check::CheckOptions;
pub use digest::print_digests as digest;
pub use dossier::skeleton::{schemas, write_schemas};
pub use import::migrate::migrate;
pub use import::{Initialised, import, init};
pub use sign::keygen;

/// `evals`: the dossier's evaluation results by alignment dimension, with what is missing or
/// inconsistent, read against the benchmark catalogue and the packs in `benchmark_dirs`.
pub fn evals(dir: &Path, benchmark_dirs: &[PathBuf]) -> Result<evals::profile::Profile> {
    let loaded = dossier::load(dir)?;
    let catalogue = evals::for_import(benchmark_dirs)?;
    Ok(evals::profile::profile(&loaded.dossier, &catalogue))
}

/// The JSON Schemas (2020-12) of aiact's machine outputs, by file name: the check report
/// (`check --format json`, `report_version`), the classification (`classification_version`),
/// the evaluation profile (`profile_version`) and the exit-2 error report (`error_version`).
pub fn output_schemas() -> Vec<(&'static str, serde_json::Value)> {
    let generator = || schemars::generate::SchemaSettings::draft2020_12().into_generator();
    vec![
        (
            "check-report.schema.json",
            generator()
                .into_root_schema_for::<report::Report>()
                .to_value(),
        ),
        (
            "classification.schema.json",
            generator()
                .into_root_schema_for::<classify::Classification>()
                .to_value(),
        ),
        (
            "evals.schema.json",
            generator()
                .into_root_schema_for::<evals::profile::Profile>()
                .to_value(),
        ),
        ("error.schema.json", diag::error_schema()),
    ]
}

/// `classify`: which regime applies to the model, and why.
pub fn classify(dir: &Path) -> Result<classify::Classification> {
    Ok(classify::classify(&dossier::load(dir)?.dossier))
}

/// `rules`: the embedded catalogue with extra packs.
pub fn rules(rule_dirs: &[PathBuf]) -> Result<rules::RuleSet> {
    rules::load(rule_dirs)
}

/// `check`: load, classify, evaluate, report. `shown_path` names the dossier in the report.
pub fn check(dir: &Path, shown_path: &str, options: &CheckOptions) -> Result<report::Report> {
    evaluate(dir, shown_path, options).map(|(_, report)| report)
}

/// `render`: [`check`], then the requested documents written into `request.out`.
pub fn render(
    dir: &Path,
    shown_path: &str,
    options: &CheckOptions,
    request: &RenderRequest,
    progress: &(dyn Fn(&RenderedDocument) + Sync),
) -> Result<(Vec<RenderedDocument>, usize)> {
    let (loaded, report) = evaluate(dir, shown_path, options)?;
    let artefacts = dossier::artefacts::digests(&loaded)?;
    let documents = render::render(&loaded, &report, &artefacts, &request.options, progress)?;
    let written = bundle::write_documents(&request.out, &documents, request.force, &loaded.dir)?;
    Ok((documents, written))
}

/// `build`, the main job: [`check`], every document in every format, the signed bundle.
pub fn build(
    dir: &Path,
    shown_path: &str,
    options: &CheckOptions,
    build: &bundle::BuildOptions,
    progress: &(dyn Fn(&RenderedDocument) + Sync),
) -> Result<bundle::Built> {
    let (loaded, report) = evaluate(dir, shown_path, options)?;
    let artefacts = dossier::artefacts::digests(&loaded)?;
    bundle::build(&loaded, report, artefacts, build, progress)
}

/// `verify`: a bundle against its manifest, and against the signer's key when given.
pub fn verify(bundle: &Path, key: Option<&Path>) -> Result<bundle::Verification> {
    let key = key.map(sign::load_public).transpose()?;
    bundle::verify(bundle, key.as_ref())
}

/// `sign`: signs a bundle that verifies; returns the key's fingerprint.
pub fn sign(bundle: &Path, key: &Path) -> Result<String> {
    let key = sign::load_private(key)?;
    bundle::sign_bundle(bundle, &key)?;
    Ok(sign::fingerprint(&key.verifying_key()))
}

/// The check pipeline, keeping the loaded dossier for rendering.
fn evaluate(
    dir: &Path,
    shown: &str,
    options: &CheckOptions,
) -> Result<(LoadedDossier, report::Report)> {
    let (loaded, rules) = rules::load_with_dossier(dir, &options.rule_dirs)?;
    let clock = clock::Clock::resolve(options.as_of)?;
    let classification = classify::classify(&loaded.dossier);
    let facts = classification.facts();
    let value = loaded.dossier.to_unified_value();
    let catalogue = evals::for_import(&options.benchmark_dirs)?;
    let evaluation_profile = evals::profile::profile(&loaded.dossier, &catalogue);
    let context = check::Context {
        dossier: &loaded.dossier,
        value: &value,
        literal: &|path| loaded.plain_scalar(path).map(str::to_owned),
        today: clock.today(),
        compute_tolerance: options.compute_tolerance,
        domains_in_file: dossier::evidence::domains_listed(&loaded)?,
        evidence_mismatches: import::evidence_mismatches(&loaded.dir, &loaded.dossier),
        evaluation_profile: &evaluation_profile,
    };
    let (in_scope, scope) = options.scope.select(&rules)?;
    let left_out: Vec<&str> = rules
        .rules
        .iter()
        .filter(|r| in_scope.get(&r.rule.id).is_none())
        .map(|r| r.rule.id.as_str())
        .collect();
    let findings = check::evaluate(&in_scope, &left_out, &facts, &context).map_err(Error::Input)?;
    let report = report::build(
        &loaded,
        shown,
        classification,
        facts,
        report::Checked {
            rules: &rules,
            scope,
            findings: &findings,
            catalogue_digest: catalogue.digest.clone(),
        },
        &clock,
    );
    let report = report::Report {
        evaluation_profile: Some(evaluation_profile),
        ..report
    };
    Ok((loaded, report))
}
