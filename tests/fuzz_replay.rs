//! Replays the committed fuzzing corpus: every file of `fuzz/corpus/TARGET/` is fed to the same
//! entry point as the fuzz target `TARGET` (`fuzz/entry_points.rs`, shared with the fuzz
//! crate), without libFuzzer, so a plain `cargo test` re-runs what fuzzing found. A panic names
//! the file being replayed. Fuzzing itself is `bash fuzz/run.sh SECONDS`.

#[path = "../fuzz/entry_points.rs"]
mod entry_points;

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of a corpus folder, sorted (libFuzzer writes flat folders).
fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read the corpus folder {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a corpus folder entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

fn replay(target: &str) {
    let (_, entry) = entry_points::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .unwrap_or_else(|| panic!("no entry point named {target}"));
    let files = corpus_files(&fuzz_dir().join("corpus").join(target));
    assert!(
        !files.is_empty(),
        "the corpus of {target} is empty: nothing replayed"
    );
    for file in &files {
        let data =
            std::fs::read(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        eprintln!("replaying {target} on {}", file.display());
        let outcome = std::panic::catch_unwind(|| entry(&data));
        assert!(
            outcome.is_ok(),
            "{target} panicked on {} (see the panic message above)",
            file.display()
        );
    }
}

#[test]
fn every_target_has_an_entry_point_and_a_corpus() {
    let mut targets: Vec<String> = std::fs::read_dir(fuzz_dir().join("fuzz_targets"))
        .expect("fuzz/fuzz_targets is readable")
        .map(|entry| entry.expect("a fuzz_targets entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .collect();
    targets.sort();
    let mut names: Vec<String> = entry_points::TARGETS
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    names.sort();
    assert_eq!(
        targets, names,
        "fuzz/fuzz_targets/*.rs and entry_points::TARGETS differ"
    );
    let mut replayed: Vec<String> = REPLAYED.iter().map(|name| (*name).to_owned()).collect();
    replayed.sort();
    assert_eq!(
        replayed, names,
        "the replay tests below and entry_points::TARGETS differ"
    );
    for name in &names {
        let target_file = fuzz_dir().join("fuzz_targets").join(format!("{name}.rs"));
        let source = std::fs::read_to_string(&target_file).expect("a fuzz target is readable");
        assert!(
            source.contains(&format!("aiact_fuzz_entry::{name}(data)")),
            "{} does not call aiact_fuzz_entry::{name}",
            target_file.display()
        );
        assert!(
            fuzz_dir().join("corpus").join(name).is_dir(),
            "fuzz/corpus/{name} is missing"
        );
    }
}

/// One test per target (they run in parallel), and the list of them.
macro_rules! replay_tests {
    ($($name:ident),* $(,)?) => {
        const REPLAYED: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                replay(stringify!($name));
            }
        )*
    };
}

replay_tests!(
    dossier_root,
    dossier_technical,
    dossier_data,
    dossier_copyright,
    dossier_evaluations,
    dossier_systemic_risk,
    import_lm_eval,
    import_inspect,
    import_hf_model_card,
    import_hf_dataset_card,
    import_resolve_pointers,
    rules_pack,
    verify_manifest,
    render_escape,
    render_html,
    render_typst,
);
