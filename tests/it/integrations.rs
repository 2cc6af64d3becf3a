//! The ready-made integrations: the GitHub Action's script part run on the examples (what
//! does not need GitHub), and the Action, GitLab template and pre-commit hook as valid YAML
//! with the keys their hosts require. (`.ci/run` also runs yamllint on them.)

use std::path::Path;

use crate::support::repo;

fn parse(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    aiact::dossier::parse_str(&path.display().to_string(), &text)
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
        .to_json()
}

fn run_action(dossier: &str, build: Option<&Path>) -> (i32, String, String, std::path::PathBuf) {
    let temp = tempfile::tempdir().unwrap().keep();
    let outputs = temp.join("outputs");
    let summary = temp.join("summary.md");
    let binary = assert_cmd::cargo::cargo_bin("aiact");
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = std::process::Command::new("bash");
    command
        .arg(repo().join(".ci/github-action/run.sh"))
        .current_dir(repo())
        .env("PATH", path)
        .env("AIACT_DOSSIER", dossier)
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("RUNNER_TEMP", &temp)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_WORKSPACE");
    if let Some(build) = build {
        command.env("AIACT_BUILD", build);
    }
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        std::fs::read_to_string(&outputs).unwrap_or_default(),
        std::fs::read_to_string(&summary).unwrap_or_default(),
        temp,
    )
}

#[test]
fn the_action_script_annotates_counts_and_fails_on_errors() {
    let (code, outputs, summary, temp) = run_action("examples/incomplete", None);
    assert_eq!(code, 1, "{outputs}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(temp.join("aiact.json")).unwrap()).unwrap();
    let s = &report["summary"];
    for (key, value) in [
        ("errors", &s["errors"]),
        ("warnings", &s["warnings"]),
        ("passed", &s["passed"]),
    ] {
        assert!(
            outputs.contains(&format!("{key}={value}\n")),
            "{key}: {outputs}"
        );
    }
    assert!(outputs.contains("verdict=fail\n"), "{outputs}");
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(temp.join("aiact.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        summary.contains("rules:"),
        "the Markdown report went to the step summary: {summary}"
    );
    std::fs::remove_dir_all(temp).unwrap();
}

#[test]
fn the_action_script_builds_and_verifies_a_bundle() {
    let parent = tempfile::tempdir().unwrap();
    let bundle = parent.path().join("bundle");
    let (code, outputs, _, temp) = run_action("examples/open-weights-eu", Some(&bundle));
    assert_eq!(code, 0, "{outputs}");
    assert!(outputs.contains("verdict=pass\n"), "{outputs}");
    assert!(bundle.join("MANIFEST.json").is_file());
    std::fs::remove_dir_all(temp).unwrap();
}

#[test]
fn the_integration_files_have_what_their_hosts_require() {
    let action = parse(&repo().join(".ci/github-action/action.yml"));
    assert!(action["name"].is_string() && action["description"].is_string());
    assert_eq!(action["runs"]["using"], "composite");
    for step in action["runs"]["steps"].as_array().unwrap() {
        assert!(
            step.get("uses").is_some() || step["shell"] == "bash",
            "a composite run step needs a shell: {step}"
        );
    }
    for (name, output) in action["outputs"].as_object().unwrap() {
        let value = output["value"].as_str().unwrap();
        assert!(value.contains("steps.check.outputs."), "{name}: {value}");
    }
    let gitlab = parse(&repo().join(".ci/gitlab/aiact.gitlab-ci.yml"));
    let job = &gitlab["aiact-check"];
    assert!(job["script"].as_array().is_some_and(|s| !s.is_empty()));
    assert_eq!(job["artifacts"]["reports"]["junit"], "aiact-junit.xml");
    let hooks = parse(&repo().join(".pre-commit-hooks.yaml"));
    let hook = &hooks[0];
    for key in ["id", "name", "entry", "language"] {
        assert!(hook[key].is_string(), "pre-commit needs {key}");
    }
    assert_eq!(hook["pass_filenames"], false);
}
