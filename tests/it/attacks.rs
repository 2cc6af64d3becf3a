//! Regressions of the attack run against the product's promises (issue 9): `--force` never
//! destroys what aiact did not write, imports never panic and never write outside the
//! dossier, errors stay linear and located, work is bounded, `verify` misses nothing. Each
//! test is the reproduction of what the attack found.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{code, copy_dir, repo, stderr, stdout};

const AS_OF: &str = "2026-11-29";

fn aiact_in(dir: &Path, args: &[&str]) -> Output {
    aiact_env(dir, args, &[])
}

fn aiact_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = assert_cmd::Command::cargo_bin("aiact").unwrap();
    command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1764374400")
        .args(args)
        .timeout(std::time::Duration::from_secs(300));
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn aiact(args: &[&str]) -> Output {
    aiact_in(&repo(), args)
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Every entry under `dir` (links not followed): relative path → content, `<dir>` or
/// `<link to …>`. Equal before and after means every byte stayed in place.
fn tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let relative = path.strip_prefix(root).unwrap().to_path_buf();
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.insert(relative, format!("<link to {}>", target.display()));
            } else if kind.is_dir() {
                out.insert(relative, "<dir>".to_owned());
                walk(root, &path, out);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(relative, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A project directory holding a dossier (a copy of an example) beside a git checkout's
/// usual contents.
fn project() -> tempfile::TempDir {
    let parent = tempfile::tempdir().unwrap();
    let proj = parent.path().join("proj");
    copy_dir(
        &repo().join("examples/open-weights-eu"),
        &proj.join("dossier"),
    );
    std::fs::create_dir_all(proj.join(".git/objects")).unwrap();
    std::fs::write(proj.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::create_dir_all(proj.join("src")).unwrap();
    std::fs::write(proj.join("src/train.py"), "print('train')\n").unwrap();
    parent
}

#[test]
fn force_with_out_at_a_relative_parent_never_loses_the_directory() {
    // Issue 9.1: in `proj/`, `build dossier --out ../proj --force` moved `proj` aside and
    // could not find it again. Now `proj` (it holds the dossier, and is no bundle) is refused,
    // and every byte stays.
    let parent = project();
    let proj = parent.path().join("proj");
    let before = tree(parent.path());
    let output = aiact_in(&proj, &["build", "dossier", "--out", "../proj", "--force"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert_eq!(
        tree(parent.path()),
        before,
        "nothing moved, nothing deleted"
    );

    // And a real earlier bundle named through `..` is replaced, with nothing left beside it.
    let bundles = tempfile::tempdir().unwrap();
    let out = bundles.path().join("out");
    let dossier = repo().join("examples/open-weights-eu");
    let first = aiact(&["build", arg(&dossier), "--out", arg(&out), "--as-of", AS_OF]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let again = aiact_in(
        &out,
        &[
            "build",
            arg(&dossier),
            "--out",
            "../out",
            "--as-of",
            AS_OF,
            "--force",
        ],
    );
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert_eq!(
        names(bundles.path()),
        ["out"],
        "no staging or old copy left"
    );
    assert!(out.join("MANIFEST.json").is_file());
}

#[test]
fn force_refuses_every_directory_that_is_not_an_aiact_output() {
    // Issue 9.2: `--out` at the dossier, at its parent, at a git checkout, at a directory with
    // one unrelated file: refused with exit 2, every byte in place.
    let parent = project();
    let proj = parent.path().join("proj");
    let lone = parent.path().join("lone");
    std::fs::create_dir(&lone).unwrap();
    std::fs::write(lone.join("notes.txt"), "mine").unwrap();
    let dossier = proj.join("dossier");
    for (out, why) in [
        (&dossier, "an input of this command"),
        (&proj, "an input of this command"),
        (&lone, "is not an aiact output"),
    ] {
        for command in ["build", "render"] {
            let before = tree(parent.path());
            let output = aiact(&[command, arg(&dossier), "--out", arg(out), "--force"]);
            let text = stderr(&output);
            assert_eq!(
                code(&output),
                2,
                "{command} --out {}: {text}",
                out.display()
            );
            assert!(text.contains(why), "{text}");
            assert_eq!(
                tree(parent.path()),
                before,
                "{command} --out {}",
                out.display()
            );
        }
    }
    // A git checkout without the dossier inside is refused for what it holds.
    let checkout = parent.path().join("checkout");
    copy_dir(&proj.join(".git"), &checkout.join(".git"));
    let before = tree(&checkout);
    let example = repo().join("examples/open-weights-eu");
    let output = aiact(&["build", arg(&example), "--out", arg(&checkout), "--force"]);
    let text = stderr(&output);
    assert_eq!(code(&output), 2, "{text}");
    assert!(
        text.contains("`.git` is a folder that no aiact output"),
        "{text}"
    );
    assert_eq!(tree(&checkout), before);

    // A bundle with one file added that its manifest does not list is not aiact's alone.
    let bundles = tempfile::tempdir().unwrap();
    let out = bundles.path().join("b");
    let built = aiact(&["build", arg(&example), "--out", arg(&out), "--as-of", AS_OF]);
    assert_eq!(code(&built), 0, "{}", stderr(&built));
    std::fs::write(out.join("dossier/mine.txt"), "mine").unwrap();
    let output = aiact(&["build", arg(&example), "--out", arg(&out), "--force"]);
    let text = stderr(&output);
    assert_eq!(code(&output), 2, "{text}");
    assert!(
        text.contains("`dossier/mine.txt` is a file that its MANIFEST.json does not list"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("dossier/mine.txt")).unwrap(),
        "mine"
    );

    // Rendered documents are aiact's own output: render may replace them.
    let rendered = bundles.path().join("docs");
    for _ in 0..2 {
        let output = aiact(&[
            "render",
            arg(&example),
            "--out",
            arg(&rendered),
            "--format",
            "md",
            "--force",
        ]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
    }
}

#[test]
fn stale_staging_of_a_killed_build_is_cleaned_by_its_marker_only() {
    // Issue 9.9: `kill -9` during `build` left `.aiact-staging-*` beside `--out` for ever.
    // What such a build leaves is a marker that no process holds locked, naming its target.
    let parent = tempfile::tempdir().unwrap();
    let p = parent.path();
    std::fs::write(
        p.join(".aiact-Kx3Zq1.lock"),
        r#"{"format":"aiact-output-marker/1","target":"bundle"}"#,
    )
    .unwrap();
    std::fs::create_dir_all(p.join(".aiact-staging-Kx3Zq1/dossier")).unwrap();
    std::fs::write(p.join(".aiact-staging-Kx3Zq1/dossier/aiact.yaml"), "x").unwrap();
    // Look-alikes that no marker names are somebody else's: kept.
    std::fs::create_dir(p.join(".aiact-staging-unmarked")).unwrap();
    std::fs::write(p.join(".aiact-staging-unmarked/keep.txt"), "keep").unwrap();
    let example = repo().join("examples/open-weights-eu");
    let output = aiact(&[
        "build",
        arg(&example),
        "--out",
        arg(&p.join("bundle")),
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(names(p), [".aiact-staging-unmarked", "bundle"]);
    assert_eq!(
        std::fs::read_to_string(p.join(".aiact-staging-unmarked/keep.txt")).unwrap(),
        "keep"
    );
}

#[cfg(unix)]
#[test]
fn a_build_killed_mid_write_leaves_the_old_bundle_or_the_new_and_is_cleaned_next_time() {
    // kill -9 at random moments of a forced rebuild: afterwards `out` is a whole bundle
    // (old or new) or, if the kill fell between the two renames, the next run restores it.
    use std::time::Duration;
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    let example = repo().join("examples/fine-tune");
    let first = aiact(&["build", arg(&example), "--out", arg(&out), "--as-of", AS_OF]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let binary = assert_cmd::cargo::cargo_bin("aiact");
    for delay in [5u64, 40, 120, 250, 400] {
        let mut child = std::process::Command::new(&binary)
            .args([
                "build",
                arg(&example),
                "--out",
                arg(&out),
                "--as-of",
                AS_OF,
                "--force",
            ])
            .env("NO_COLOR", "1")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        // The next run finishes or undoes what the killed one left.
        let verify = aiact(&["verify", arg(&out)]);
        let restored = if out.join("MANIFEST.json").is_file() {
            verify
        } else {
            let rebuilt = aiact(&[
                "build",
                arg(&example),
                "--out",
                arg(&out),
                "--as-of",
                AS_OF,
                "--force",
            ]);
            assert_eq!(code(&rebuilt), 0, "{}", stderr(&rebuilt));
            aiact(&["verify", arg(&out)])
        };
        assert_eq!(
            code(&restored),
            0,
            "after a kill at {delay} ms: {}",
            stdout(&restored)
        );
    }
    let last = aiact(&[
        "build",
        arg(&example),
        "--out",
        arg(&out),
        "--as-of",
        AS_OF,
        "--force",
    ]);
    assert_eq!(code(&last), 0, "{}", stderr(&last));
    assert_eq!(names(parent.path()), ["out"], "every leftover cleaned");
}

fn skeleton() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = aiact(&["init", arg(&dir.path().join("d"))]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    dir
}

#[test]
fn importers_refuse_non_ascii_outside_strings_with_a_location_and_never_panic() {
    // Issue 9.3: a BOM, U+202E or 日 outside a JSON string panicked (exit 101).
    let dir = skeleton();
    let dossier = dir.path().join("d");
    for (name, text) in [
        ("bom.json", "\u{feff}{\"results\": {}}"),
        ("rlo.json", "{\"results\": {}\u{202e}}"),
        ("cjk.json", "{\"results\": 日}"),
    ] {
        let log = dir.path().join(name);
        std::fs::write(&log, text).unwrap();
        for kind in ["lm-eval", "inspect"] {
            let output = aiact(&["import", kind, arg(&log), "--into", arg(&dossier)]);
            let text = stderr(&output);
            assert_eq!(code(&output), 2, "{kind} {name}: {text}");
            assert!(
                text.contains(&format!("{name}:1:")),
                "{kind} {name}: {text}"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn imports_never_write_through_a_symbolic_link() {
    // Issue 9.4: with `evidence/imports` linked elsewhere, the log and its .sha256 were
    // written there.
    let dir = skeleton();
    let dossier = dir.path().join("d");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dossier.join("evidence/imports")).unwrap();
    let before = tree(&dossier);
    let log = repo().join("tests/fixtures/import/lm-eval-v04.json");
    let output = aiact(&["import", "lm-eval", arg(&log), "--into", arg(&dossier)]);
    let text = stderr(&output);
    assert_eq!(code(&output), 2, "{text}");
    assert!(text.contains("is a symbolic link"), "{text}");
    assert!(
        names(&elsewhere).is_empty(),
        "nothing written through the link"
    );
    assert_eq!(tree(&dossier), before, "nothing written in the dossier");
}

#[test]
fn thousands_of_errors_show_the_first_two_hundred_and_count_the_rest() {
    // Issue 9.5: rendering was quadratic (each diagnostic took the whole file); now each shows
    // its own lines, and a file's first 200 are shown.
    let dir = skeleton();
    let dossier = dir.path().join("d");
    let mut text = std::fs::read_to_string(dossier.join("aiact.yaml")).unwrap();
    for i in 0..10_000 {
        text.push_str(&format!("unknown_key_{i}: 1\n"));
    }
    std::fs::write(dossier.join("aiact.yaml"), text).unwrap();
    let output = aiact(&["check", arg(&dossier)]);
    let text = stderr(&output);
    assert_eq!(code(&output), 2);
    assert_eq!(
        text.matches("error: unknown field").count(),
        200,
        "{}",
        &text[..2000]
    );
    assert!(
        text.contains("… and 9800 more problems in aiact.yaml"),
        "{}",
        &text[text.len() - 500..]
    );
    assert!(
        text.contains("10000 errors in the input"),
        "{}",
        &text[text.len() - 500..]
    );
    assert!(text.contains("aiact.yaml:"), "located");
}

#[test]
fn an_import_with_too_many_results_is_refused_with_the_count() {
    // Issue 9.6: a log of a million tasks took 6.8 GB before the dossier's bounds refused it.
    let dir = skeleton();
    let dossier = dir.path().join("d");
    let mut log = String::from("{\"results\": {");
    for i in 0..30_000 {
        if i > 0 {
            log.push(',');
        }
        log.push_str(&format!(
            "\"task_{i}\": {{\"acc,none\": 0.5, \"acc_stderr,none\": 0.01}}"
        ));
    }
    log.push_str("}}");
    let path = dir.path().join("results.json");
    std::fs::write(&path, log).unwrap();
    let before = tree(&dossier);
    let output = aiact(&["import", "lm-eval", arg(&path), "--into", arg(&dossier)]);
    let text = stderr(&output);
    assert_eq!(code(&output), 2, "{text}");
    assert!(
        text.contains(
            "the log holds 60000 metric values in 30000 tasks; one import adds at most 20000"
        ),
        "{text}"
    );
    assert!(text.contains("results.json:1:1"), "{text}");
    assert_eq!(tree(&dossier), before, "nothing written");
}

#[test]
fn a_control_character_in_a_path_the_dossier_names_is_refused_at_load() {
    // Issue 9.7: a newline in an evidence file name gave a bundle `sha256sum -c` rejects.
    let dir = tempfile::tempdir().unwrap();
    let dossier = dir.path().join("d");
    copy_dir(&repo().join("examples/open-weights-eu"), &dossier);
    let copyright = std::fs::read_to_string(dossier.join("copyright.yaml")).unwrap();
    assert!(copyright.contains("evidence/copyright-policy.md"));
    std::fs::write(
        dossier.join("evidence/copyright\npolicy.md"),
        std::fs::read(dossier.join("evidence/copyright-policy.md")).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dossier.join("copyright.yaml"),
        copyright.replace(
            "evidence/copyright-policy.md",
            "\"evidence/copyright\\npolicy.md\"",
        ),
    )
    .unwrap();
    let output = aiact(&["check", arg(&dossier)]);
    let text = stderr(&output);
    assert_eq!(code(&output), 2, "{text}");
    assert!(
        text.contains("contains the control character U+000A"),
        "{text}"
    );
    assert!(text.contains("copyright.yaml:"), "{text}");
    assert!(
        text.contains("`evidence/copyright\\npolicy.md`"),
        "shown escaped: {text}"
    );
}

/// A signed bundle of an example, with its public key.
fn signed_bundle() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("k");
    let keygen = aiact(&["keygen", "--out", arg(&prefix)]);
    assert_eq!(code(&keygen), 0, "{}", stderr(&keygen));
    let bundle = dir.path().join("b");
    let example = repo().join("examples/fine-tune");
    let key = dir.path().join("k.key");
    let built = aiact(&[
        "build",
        arg(&example),
        "--out",
        arg(&bundle),
        "--key",
        arg(&key),
    ]);
    assert_eq!(code(&built), 0, "{}", stderr(&built));
    (dir, bundle, prefix.with_extension("pub"))
}

/// Rewrites MANIFEST.json with `edit` and re-seals SHA256SUMS to match (what an attacker who
/// edits a document and hides it would do), leaving the signatures as they were.
fn reseal(bundle: &Path, edit: impl Fn(&mut serde_json::Value)) {
    use sha2::Digest;
    let text = std::fs::read_to_string(bundle.join("MANIFEST.json")).unwrap();
    let mut manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    edit(&mut manifest);
    let bytes = serde_json::to_vec_pretty(&manifest).unwrap();
    std::fs::write(bundle.join("MANIFEST.json"), &bytes).unwrap();
    let sums = std::fs::read_to_string(bundle.join("SHA256SUMS")).unwrap();
    let digest = hex::encode(sha2::Sha256::digest(&bytes));
    let resealed: String = sums
        .lines()
        .map(|line| match line.split_once("  ") {
            Some((_, "MANIFEST.json")) => format!("{digest}  MANIFEST.json\n"),
            _ => format!("{line}\n"),
        })
        .collect();
    std::fs::write(bundle.join("SHA256SUMS"), resealed).unwrap();
}

#[test]
fn verify_without_a_key_reports_a_stale_signature_as_bad() {
    // Issue 9.8: after an edit and a re-sealed manifest, `verify` without --key said OK.
    use sha2::Digest;
    let (_dir, bundle, public) = signed_bundle();
    let intact = aiact(&["verify", arg(&bundle)]);
    assert_eq!(code(&intact), 0, "{}", stdout(&intact));
    let fingerprint = std::fs::read_to_string(&public).unwrap();
    assert!(
        stdout(&intact).contains("named by the signature itself"),
        "{}",
        stdout(&intact)
    );
    assert!(!fingerprint.is_empty());

    let document = bundle.join("copyright-policy.md");
    let edited = std::fs::read_to_string(&document).unwrap() + "\nEdited.\n";
    std::fs::write(&document, &edited).unwrap();
    let digest = hex::encode(sha2::Sha256::digest(edited.as_bytes()));
    reseal(&bundle, |manifest| {
        for file in manifest["files"].as_array_mut().unwrap() {
            if file["path"] == "copyright-policy.md" {
                file["sha256"] = serde_json::json!(digest);
                file["size"] = serde_json::json!(edited.len());
            }
        }
    });
    let sums = std::fs::read_to_string(bundle.join("SHA256SUMS")).unwrap();
    let sums: String = sums
        .lines()
        .map(|line| match line.split_once("  ") {
            Some((_, "copyright-policy.md")) => format!("{digest}  copyright-policy.md\n"),
            _ => format!("{line}\n"),
        })
        .collect();
    std::fs::write(bundle.join("SHA256SUMS"), sums).unwrap();
    let output = aiact(&["verify", arg(&bundle)]);
    let text = stdout(&output);
    assert_eq!(code(&output), 1, "{text}");
    assert!(
        text.contains("signature MANIFEST.json.sig: BAD (the signature does not match)"),
        "{text}"
    );
    assert!(text.contains("FAILED"), "{text}");
}

#[test]
fn verify_reports_duplicates_empty_folders_dropped_sums_and_deep_folders() {
    // Issue 9.12.
    let (_dir, bundle, _) = signed_bundle();
    let check = |what: &str, expected: &str| {
        let output = aiact(&["verify", arg(&bundle)]);
        let text = stdout(&output);
        assert_eq!(code(&output), 1, "{what}: {text}");
        assert!(text.contains(expected), "{what}: {text}");
    };
    // An added empty folder.
    std::fs::create_dir(bundle.join("empty")).unwrap();
    check("an empty folder", "EXTRA    empty/");
    std::fs::remove_dir(bundle.join("empty")).unwrap();

    // SHA256SUMS without its MANIFEST.json line.
    let sums = std::fs::read_to_string(bundle.join("SHA256SUMS")).unwrap();
    let dropped: String = sums
        .lines()
        .filter(|l| !l.ends_with("  MANIFEST.json"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(bundle.join("SHA256SUMS"), dropped).unwrap();
    check(
        "a dropped sums line",
        "SUMS     MANIFEST.json: not listed in SHA256SUMS",
    );
    std::fs::write(bundle.join("SHA256SUMS"), &sums).unwrap();

    // A folder nested past the path limit: reported, not exit 2.
    let mut deep = bundle.join("deep");
    for _ in 0..40 {
        deep.push("d".repeat(120));
    }
    let made = std::fs::create_dir_all(&deep);
    if made.is_err() {
        // Some systems refuse to make it at all; build it step by step from inside.
        let mut at = bundle.join("deep");
        std::fs::create_dir_all(&at).unwrap();
        for _ in 0..40 {
            at.push("d".repeat(120));
            let _ = std::fs::create_dir(&at);
        }
    }
    check("a deep folder", "EXTRA    deep/");
    std::fs::remove_dir_all(bundle.join("deep")).unwrap();

    // A signature that is a FIFO (which would hang a reader) is BAD, unread.
    #[cfg(unix)]
    {
        let signature = bundle.join("MANIFEST.json.sig");
        let saved = std::fs::read(&signature).unwrap();
        std::fs::remove_file(&signature).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&signature)
            .status()
            .unwrap();
        assert!(made.success());
        check(
            "a FIFO signature",
            "BAD (MANIFEST.json.sig is not a regular file)",
        );
        std::fs::remove_file(&signature).unwrap();
        std::fs::write(&signature, saved).unwrap();
    }

    // A manifest listing a file twice (re-sealed, so only the duplicate is wrong).
    reseal(&bundle, |manifest| {
        let files = manifest["files"].as_array_mut().unwrap();
        let first = files[0].clone();
        files.push(first);
    });
    check("a duplicate", "listed more than once in MANIFEST.json");
}

#[test]
fn hostile_templates_are_stopped_at_their_time_limit() {
    // Issue 9.10: nested tera `range` loops and a typst layout loop ran for ever.
    let example = repo().join("examples/open-weights-eu");
    let cases = [
        (
            "copyright-policy.md",
            "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}",
            "template",
        ),
        (
            "layout.typ",
            "#for a in range(100000) { for b in range(100000) { } }\n#include \"/body.typ\"\n",
            "the PDF layout",
        ),
    ];
    for (name, text, what) in cases {
        let templates = tempfile::tempdir().unwrap();
        std::fs::write(templates.path().join(name), text).unwrap();
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("docs");
        let output = aiact_env(
            &repo(),
            &[
                "render",
                arg(&example),
                "--out",
                arg(&target),
                "--templates",
                arg(templates.path()),
                "--audience",
                "public",
            ],
            &[("AIACT_RENDER_TIME_LIMIT", "2")],
        );
        let text = stderr(&output);
        assert_eq!(code(&output), 2, "{name}: {text}");
        assert!(
            text.contains(what) && text.contains("ran for more than 2 s"),
            "{name}: {text}"
        );
        assert!(!target.exists(), "{name}: nothing written");
    }
}

#[test]
fn a_rule_pack_with_exponential_nesting_is_stopped_with_its_location() {
    // Issue 9.10: eight nested `each` with absolute paths over 14 records took more than 30 s.
    let pack = tempfile::tempdir().unwrap();
    let mut check = String::from("present: /provider.legal_name");
    for _ in 0..8 {
        check = format!(
            "each:\n  path: /evaluations.records\n  check:\n{}",
            indent(&indent(&check))
        );
    }
    let rule = format!(
        "area: custom\ntitle: Custom\nrules:\n  - id: CUSTOM-001\n    title: Nested\n    legal_basis: [\"Art. 53(1)(a)\"]\n    source: aiact\n    severity: warning\n    message: Nested.\n    help: Nested.\n    check:\n{}\n",
        indent(&indent(&indent(&check)))
    );
    std::fs::write(pack.path().join("nested.yaml"), &rule).unwrap();
    let example = repo().join("examples/frontier-non-eu");
    let output = aiact(&["check", arg(&example), "--rules", arg(pack.path())]);
    let text = stderr(&output);
    assert_eq!(code(&output), 2, "{text}\n{rule}");
    assert!(text.contains("rule `CUSTOM-001` took more than"), "{text}");
    assert!(text.contains("nested.yaml:4:"), "{text}");
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}\n"))
        .collect::<String>()
        .trim_end()
        .to_owned()
}

#[cfg(unix)]
#[test]
fn template_and_rule_files_linked_out_of_their_directory_are_not_read() {
    // Issue 9.10: symbolic links were followed, and rule errors echoed /etc/passwd.
    let secret_dir = tempfile::tempdir().unwrap();
    let secret = secret_dir.path().join("secret.yaml");
    std::fs::write(&secret, "root:x:0:0:SECRET-TOKEN:/root:/bin/bash\n").unwrap();
    let example = repo().join("examples/open-weights-eu");

    let pack = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&secret, pack.path().join("passwd.yaml")).unwrap();
    let output = aiact(&["check", arg(&example), "--rules", arg(pack.path())]);
    let text = stderr(&output);
    assert_eq!(code(&output), 2, "{text}");
    assert!(text.contains("refusing to read the rule file"), "{text}");
    assert!(!text.contains("SECRET-TOKEN"), "{text}");

    let templates = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&secret, templates.path().join("copyright-policy.md")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = aiact(&[
        "render",
        arg(&example),
        "--out",
        arg(&out.path().join("docs")),
        "--templates",
        arg(templates.path()),
    ]);
    let text = stderr(&output);
    assert_eq!(code(&output), 2, "{text}");
    assert!(text.contains("refusing to read the template"), "{text}");
    assert!(!text.contains("SECRET-TOKEN"), "{text}");
}

#[test]
fn every_import_error_names_file_line_and_column() {
    // Issue 9.11: front matter, invalid UTF-8 and a missing `results` were not `file:line:col`.
    let dir = skeleton();
    let dossier = dir.path().join("d");
    let cases: [(&str, &str, &[u8], &str); 3] = [
        (
            "hf-card",
            "card.md",
            b"---\nlicense: mit\n  bad: [\n---\n# Card\n",
            "card.md:3:",
        ),
        (
            "lm-eval",
            "utf8.json",
            b"{\"results\":\n {\"a\xff\": 1}}",
            "utf8.json:2:5",
        ),
        (
            "lm-eval",
            "empty.json",
            b"{\"versions\": {}}",
            "empty.json:1:1",
        ),
    ];
    for (kind, name, bytes, position) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let output = aiact(&["import", kind, arg(&path), "--into", arg(&dossier)]);
        let text = stderr(&output);
        assert_eq!(code(&output), 2, "{name}: {text}");
        assert!(text.contains(position), "{name}: {text}");
    }
}
