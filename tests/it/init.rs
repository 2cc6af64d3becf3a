//! `aiact init`: the skeleton is complete, commented, loads and classifies.

use crate::support::{aiact, code, redact, stderr, stdout};
use aiact::dossier::FileKind;

#[test]
fn init_writes_every_file_and_the_result_loads_and_classifies() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("dossier");
    let output = aiact(["init".as_ref(), dir.as_os_str()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    for kind in FileKind::ALL {
        let path = dir.join(format!("{}.yaml", kind.stem()));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("basis:"), "{}", path.display());
        assert!(text.contains("for:"), "{}", path.display());
        let schema = dir
            .join(".aiact/schema")
            .join(format!("{}.schema.json", kind.stem()));
        assert!(schema.is_file(), "{}", schema.display());
    }
    assert!(dir.join("evidence/README.md").is_file());

    let loaded = aiact::dossier::load(&dir).expect("the skeleton loads");
    assert_eq!(loaded.files.len(), FileKind::ALL.len());

    let output = aiact([
        "classify".as_ref(),
        dir.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["gpai"]["applies"], serde_json::Value::Null);
    assert_eq!(json["training_compute_flop"], serde_json::Value::Null);
}

#[test]
fn init_refuses_a_non_empty_directory_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "keep me").unwrap();
    let output = aiact(["init".as_ref(), dir.path().as_os_str()]);
    let text = redact(&stderr(&output), dir.path());
    assert_eq!(code(&output), 2, "{text}");
    assert!(text.contains("[DIR] is not empty"), "{text}");
    assert!(!dir.path().join("aiact.yaml").exists(), "nothing written");

    let output = aiact(["init".as_ref(), dir.path().as_os_str(), "--force".as_ref()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(dir.path().join("aiact.yaml").is_file());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn init_into_an_existing_empty_directory() {
    let dir = tempfile::tempdir().unwrap();
    let output = aiact(["init".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(dir.path().join("technical.yaml").is_file());
}

#[test]
fn skeletons_are_stable() {
    for kind in FileKind::ALL {
        let text = aiact::dossier::skeleton::skeleton(kind);
        insta::assert_snapshot!(format!("skeleton_{}", kind.stem()), text);
    }
}

#[test]
fn completions_for_every_shell_mention_every_subcommand() {
    let subcommands = [
        "init",
        "import",
        "migrate",
        "classify",
        "evals",
        "check",
        "render",
        "build",
        "keygen",
        "sign",
        "verify",
        "digest",
        "rules",
        "schema",
        "completions",
        "man",
    ];
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = crate::support::aiact(["completions", shell]);
        assert_eq!(crate::support::code(&output), 0, "{shell}");
        let script = crate::support::stdout(&output);
        assert!(!script.is_empty(), "{shell}");
        for name in subcommands {
            assert!(script.contains(name), "{shell} completion lacks `{name}`");
        }
    }
    let man = crate::support::aiact(["man"]);
    assert_eq!(crate::support::code(&man), 0);
    let page = crate::support::stdout(&man);
    assert!(
        page.starts_with(".ie") || page.contains(".TH aiact"),
        "{}",
        &page[..200.min(page.len())]
    );
}
