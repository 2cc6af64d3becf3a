//! Bundle integrity: keys, signatures, `verify` against every kind of tampering, hostile
//! manifests, and the standard tools an auditor uses instead of aiact (`sha256sum -c`,
//! `ssh-keygen -Y verify`, `openssl pkeyutl -verify`).

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use crate::support::{code, copy_dir, repo, stderr, stdout};

fn aiact(args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("aiact")
        .unwrap()
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1764374400")
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Whether an external tool runs; when it does not, the test is skipped with a message unless
/// `AIACT_REQUIRE_TOOLS` is set (as `.ci/run` does), where it fails.
fn tool(name: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("-V")
        .output()
        .or_else(|_| std::process::Command::new(name).arg("--version").output())
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("AIACT_REQUIRE_TOOLS").is_none(),
            "{name} is required by this test"
        );
        eprintln!("{name} not found: skipped");
    }
    found
}

/// Two keys and two signed bundles (of different examples), made once for all tests.
struct Fixture {
    _dir: tempfile::TempDir,
    key: PathBuf,
    public: PathBuf,
    public_pem: PathBuf,
    other_public: PathBuf,
    bundle: PathBuf,
    other_bundle: PathBuf,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let prefix = dir.path().join("signer");
        let other = dir.path().join("other");
        for p in [&prefix, &other] {
            let output = aiact(&["keygen", "--out", arg(p), "--comment", "compliance@example"]);
            assert_eq!(code(&output), 0, "{}", stderr(&output));
        }
        let key = dir.path().join("signer.key");
        let bundle = dir.path().join("bundle");
        let other_bundle = dir.path().join("other-bundle");
        for (example, out) in [("open-weights-eu", &bundle), ("fine-tune", &other_bundle)] {
            let output = aiact(&[
                "build",
                &format!("examples/{example}"),
                "--out",
                arg(out),
                "--key",
                arg(&key),
            ]);
            assert_eq!(code(&output), 0, "{}", stderr(&output));
        }
        Fixture {
            key,
            public: dir.path().join("signer.pub"),
            public_pem: dir.path().join("signer.pub.pem"),
            other_public: dir.path().join("other.pub"),
            bundle,
            other_bundle,
            _dir: dir,
        }
    })
}

/// A fresh copy of the signed bundle, to tamper with.
fn copy_of_bundle() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture().bundle, &dir.path().join("b"));
    dir
}

fn verify(bundle: &Path, key: &Path) -> Output {
    aiact(&["verify", arg(bundle), "--key", arg(key)])
}

#[test]
fn keygen_writes_three_files_with_a_private_key_only_its_owner_reads() {
    let f = fixture();
    let private = std::fs::read_to_string(&f.key).unwrap();
    assert!(private.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert!(
        std::fs::read_to_string(&f.public)
            .unwrap()
            .starts_with("ssh-ed25519 AAAA")
    );
    assert!(
        std::fs::read_to_string(&f.public_pem)
            .unwrap()
            .starts_with("-----BEGIN PUBLIC KEY-----")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&f.key).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // The key is never printed.
    let dir = tempfile::tempdir().unwrap();
    let output = aiact(&["keygen", "--out", arg(&dir.path().join("k"))]);
    let secret = std::fs::read_to_string(dir.path().join("k.key")).unwrap();
    let body: String = secret.lines().filter(|l| !l.starts_with("-----")).collect();
    assert!(!stderr(&output).contains(&body) && !stdout(&output).contains(&body));
    // Existing key files are never overwritten.
    let again = aiact(&["keygen", "--out", arg(&dir.path().join("k"))]);
    assert_eq!(code(&again), 2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("k.key")).unwrap(),
        secret
    );
}

#[test]
fn an_intact_bundle_verifies_with_either_public_key_form() {
    let f = fixture();
    for key in [&f.public, &f.public_pem] {
        let output = verify(&f.bundle, key);
        assert_eq!(code(&output), 0, "{}", stdout(&output));
        assert!(stdout(&output).contains("signature MANIFEST.json.sig: good"));
        assert!(stdout(&output).contains("signature attestation.dsse.json: good"));
    }
    // Without --key the signatures are still checked, against the key they name.
    let unkeyed = aiact(&["verify", arg(&f.bundle)]);
    assert_eq!(code(&unkeyed), 0, "{}", stdout(&unkeyed));
    assert!(
        stdout(&unkeyed).contains("(named by the signature itself; pass --key"),
        "{}",
        stdout(&unkeyed)
    );
    assert!(stdout(&unkeyed).contains("signature MANIFEST.json.sig: good"));
    let json = aiact(&["verify", arg(&f.bundle), "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["passed"], true);
    assert!(value["intact"].as_u64().unwrap() > 20);
}

fn flip_a_byte(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn every_kind_of_tampering_fails_and_names_the_file() {
    let f = fixture();
    // (what was done, the change, the key to verify with, what the report must say)
    type Tamper = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Tamper, &Path, &str)> = vec![
        (
            "a document",
            Box::new(|b| flip_a_byte(&b.join("copyright-policy.md"))),
            &f.public,
            "ALTERED  copyright-policy.md",
        ),
        (
            "a PDF",
            Box::new(|b| flip_a_byte(&b.join("technical-documentation.pdf"))),
            &f.public,
            "ALTERED  technical-documentation.pdf",
        ),
        (
            "the report",
            Box::new(|b| flip_a_byte(&b.join("compliance-report.json"))),
            &f.public,
            "ALTERED  compliance-report.json",
        ),
        (
            "a dossier file",
            Box::new(|b| flip_a_byte(&b.join("dossier/aiact.yaml"))),
            &f.public,
            "ALTERED  dossier/aiact.yaml",
        ),
        (
            "an evidence file",
            Box::new(|b| flip_a_byte(&b.join("dossier/evidence/copyright-policy.md"))),
            &f.public,
            "ALTERED  dossier/evidence/copyright-policy.md",
        ),
        (
            "a deleted file",
            Box::new(|b| std::fs::remove_file(b.join("downstream-information.html")).unwrap()),
            &f.public,
            "MISSING  downstream-information.html",
        ),
        (
            "an added file",
            Box::new(|b| std::fs::write(b.join("notes.txt"), "x").unwrap()),
            &f.public,
            "EXTRA    notes.txt",
        ),
        (
            "a renamed file",
            Box::new(|b| {
                std::fs::rename(b.join("copyright-policy.pdf"), b.join("policy.pdf")).unwrap()
            }),
            &f.public,
            "MISSING  copyright-policy.pdf",
        ),
        (
            "an edited manifest digest",
            Box::new(|b| {
                let path = b.join("MANIFEST.json");
                let text = std::fs::read_to_string(&path).unwrap();
                let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
                let digest = manifest["files"][0]["sha256"].as_str().unwrap().to_owned();
                let forged = format!(
                    "{}{}",
                    if digest.starts_with('0') { "1" } else { "0" },
                    &digest[1..]
                );
                std::fs::write(&path, text.replacen(&digest, &forged, 1)).unwrap();
            }),
            &f.public,
            "signature MANIFEST.json.sig: BAD",
        ),
        (
            "a signature from another bundle",
            Box::new(|b| {
                std::fs::copy(
                    fixture().other_bundle.join("MANIFEST.json.sig"),
                    b.join("MANIFEST.json.sig"),
                )
                .unwrap();
            }),
            &f.public,
            "signature MANIFEST.json.sig: BAD",
        ),
        (
            "an attestation from another bundle",
            Box::new(|b| {
                std::fs::copy(
                    fixture().other_bundle.join("attestation.dsse.json"),
                    b.join("attestation.dsse.json"),
                )
                .unwrap();
            }),
            &f.public,
            "signature attestation.dsse.json: BAD",
        ),
        (
            "the wrong public key",
            Box::new(|_| {}),
            &f.other_public,
            "signature MANIFEST.json.sig: BAD",
        ),
        (
            "a removed signature",
            Box::new(|b| std::fs::remove_file(b.join("MANIFEST.json.sig")).unwrap()),
            &f.public,
            "signature MANIFEST.json.sig: MISSING",
        ),
    ];
    for (what, tamper, key, expected) in cases {
        let dir = copy_of_bundle();
        let bundle = dir.path().join("b");
        tamper(&bundle);
        let output = verify(&bundle, key);
        assert_eq!(code(&output), 1, "{what}: {}", stdout(&output));
        assert!(
            stdout(&output).contains(expected),
            "{what}: expected `{expected}` in\n{}",
            stdout(&output)
        );
    }
}

#[test]
fn a_hostile_manifest_is_refused_without_reading_outside_the_bundle() {
    let dir = copy_of_bundle();
    let bundle = dir.path().join("b");
    // Outside the bundle: a secret file, and a named pipe that would block any reader.
    std::fs::write(dir.path().join("secret"), "outside").unwrap();
    #[cfg(unix)]
    {
        std::process::Command::new("mkfifo")
            .arg(dir.path().join("pipe"))
            .status()
            .unwrap();
        std::os::unix::fs::symlink(dir.path(), bundle.join("link")).unwrap();
    }
    let path = bundle.join("MANIFEST.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for hostile in [
        "../secret",
        "../pipe",
        "/etc/passwd",
        "link/pipe",
        "dossier/../../secret",
    ] {
        manifest["files"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({
                "path": hostile, "role": "document", "sha256": "0".repeat(64), "size": 1
            }));
    }
    std::fs::write(&path, serde_json::to_string_pretty(&manifest).unwrap()).unwrap();
    // A reader of the pipe would hang: the command's timeout turns that into a failure.
    let output = aiact(&["verify", arg(&bundle)]);
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    for hostile in [
        "../secret",
        "../pipe",
        "/etc/passwd",
        "link/pipe",
        "dossier/../../secret",
    ] {
        assert!(
            stdout(&output).contains(&format!("UNSAFE   {hostile}")),
            "{hostile}: {}",
            stdout(&output)
        );
    }
    assert!(
        stdout(&output).contains("EXTRA    link"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn an_unusable_manifest_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = aiact(&["verify", arg(dir.path())]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("has no MANIFEST.json"));
    std::fs::write(dir.path().join("MANIFEST.json"), "{\"files\": 3}").unwrap();
    let garbled = aiact(&["verify", arg(dir.path())]);
    assert_eq!(code(&garbled), 2);
    assert!(stderr(&garbled).contains("not a valid manifest"));
}

#[test]
fn sign_adds_signatures_to_an_unsigned_bundle_and_refuses_an_altered_one() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("unsigned");
    let output = aiact(&["build", "examples/open-weights-eu", "--out", arg(&bundle)]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(!bundle.join("MANIFEST.json.sig").exists());
    let signed = aiact(&["sign", arg(&bundle), "--key", arg(&f.key)]);
    assert_eq!(code(&signed), 0, "{}", stderr(&signed));
    let verified = verify(&bundle, &f.public);
    assert_eq!(code(&verified), 0, "{}", stdout(&verified));
    // Same inputs and key, same bytes: signing an unsigned build gives the signed build.
    for name in [
        "MANIFEST.json",
        "MANIFEST.json.sig",
        "attestation.dsse.json",
        "SHA256SUMS",
    ] {
        assert_eq!(
            std::fs::read(bundle.join(name)).unwrap(),
            std::fs::read(f.bundle.join(name)).unwrap(),
            "{name}"
        );
    }
    flip_a_byte(&bundle.join("copyright-policy.md"));
    let refused = aiact(&["sign", arg(&bundle), "--key", arg(&f.key)]);
    assert_eq!(code(&refused), 2);
    assert!(stderr(&refused).contains("refusing to sign"));
}

#[test]
fn standard_tools_verify_the_bundle_without_aiact() {
    let f = fixture();
    if tool("sha256sum") {
        let output = std::process::Command::new("sha256sum")
            .args(["-c", "--strict", "SHA256SUMS"])
            .current_dir(&f.bundle)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
    if tool("ssh-keygen") {
        let dir = tempfile::tempdir().unwrap();
        let public = std::fs::read_to_string(&f.public).unwrap();
        let key: Vec<&str> = public.split_whitespace().take(2).collect();
        let allowed = dir.path().join("allowed_signers");
        std::fs::write(&allowed, format!("compliance@example {}\n", key.join(" "))).unwrap();
        let output = std::process::Command::new("ssh-keygen")
            .args([
                "-Y",
                "verify",
                "-f",
                arg(&allowed),
                "-I",
                "compliance@example",
                "-n",
                "aiact",
                "-s",
            ])
            .arg(f.bundle.join("MANIFEST.json.sig"))
            .stdin(std::fs::File::open(f.bundle.join("MANIFEST.json")).unwrap())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    if tool("openssl") {
        // The DSSE recipe of the README: rebuild the pre-authentication encoding, verify the
        // raw Ed25519 signature with the SPKI public key.
        use base64::Engine as _;
        let engine = base64::engine::general_purpose::STANDARD;
        let envelope: serde_json::Value =
            serde_json::from_slice(&std::fs::read(f.bundle.join("attestation.dsse.json")).unwrap())
                .unwrap();
        let payload_type = envelope["payloadType"].as_str().unwrap();
        let payload = engine
            .decode(envelope["payload"].as_str().unwrap())
            .unwrap();
        let signature = engine
            .decode(envelope["signatures"][0]["sig"].as_str().unwrap())
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut pae = format!(
            "DSSEv1 {} {payload_type} {} ",
            payload_type.len(),
            payload.len()
        )
        .into_bytes();
        pae.extend_from_slice(&payload);
        std::fs::write(dir.path().join("pae.bin"), &pae).unwrap();
        std::fs::write(dir.path().join("sig.bin"), &signature).unwrap();
        let output = std::process::Command::new("openssl")
            .args([
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                arg(&f.public_pem),
                "-rawin",
            ])
            .args(["-in", arg(&dir.path().join("pae.bin"))])
            .args(["-sigfile", arg(&dir.path().join("sig.bin"))])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let statement: serde_json::Value = serde_json::from_slice(&payload).unwrap();
        assert_eq!(statement["_type"], "https://in-toto.io/Statement/v1");
        assert_eq!(
            statement["predicateType"],
            "urn:aiact:predicate:compliance:v1"
        );
        // An OpenSSL-made key signs too.
        let key = dir.path().join("openssl.key");
        let public = dir.path().join("openssl.pub.pem");
        assert!(
            std::process::Command::new("openssl")
                .args(["genpkey", "-algorithm", "ed25519", "-out", arg(&key)])
                .status()
                .unwrap()
                .success()
        );
        assert!(
            std::process::Command::new("openssl")
                .args(["pkey", "-in", arg(&key), "-pubout", "-out", arg(&public)])
                .status()
                .unwrap()
                .success()
        );
        let bundle = dir.path().join("b");
        copy_dir(&f.bundle, &bundle);
        let signed = aiact(&["sign", arg(&bundle), "--key", arg(&key)]);
        assert_eq!(code(&signed), 0, "{}", stderr(&signed));
        assert_eq!(code(&verify(&bundle, &public)), 0);
        // And OpenSSL reads aiact's private key.
        assert!(
            std::process::Command::new("openssl")
                .args(["pkey", "-in", arg(&f.key), "-noout"])
                .status()
                .unwrap()
                .success()
        );
    }
}

#[test]
fn digest_prints_what_sha256sum_prints() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("w/sub")).unwrap();
    std::fs::write(dir.path().join("w/b.bin"), vec![7u8; 3_000_000]).unwrap();
    std::fs::write(dir.path().join("w/a.txt"), "a").unwrap();
    std::fs::write(dir.path().join("w/sub/c"), "").unwrap();
    let output = assert_cmd::Command::cargo_bin("aiact")
        .unwrap()
        .current_dir(dir.path())
        .args(["digest", "w", "--threads", "2"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let ours = stdout(&output);
    assert_eq!(ours.lines().count(), 3);
    assert!(
        ours.lines().next().unwrap().ends_with("  w/a.txt"),
        "{ours}"
    );
    if tool("sha256sum") {
        let theirs = std::process::Command::new("sha256sum")
            .args(["w/a.txt", "w/b.bin", "w/sub/c"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(ours, String::from_utf8_lossy(&theirs.stdout));
    }
}

#[test]
fn model_artefacts_are_hashed_documented_and_never_copied() {
    let dossier = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/open-weights-eu"), dossier.path());
    std::fs::create_dir_all(dossier.path().join("weights")).unwrap();
    let weights = vec![42u8; 2_000_000];
    std::fs::write(dossier.path().join("weights/adapter.safetensors"), &weights).unwrap();
    let digest = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&weights))
    };
    let technical = dossier.path().join("technical.yaml");
    let text = std::fs::read_to_string(&technical).unwrap();
    let with_artefact = text.replacen(
        "artefacts:\n",
        "artefacts:\n  - name: adapter.safetensors\n    path: weights/adapter.safetensors\n",
        1,
    );
    std::fs::write(&technical, &with_artefact).unwrap();
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("b");
    let output = aiact(&["build", arg(dossier.path()), "--out", arg(&bundle)]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let documentation = std::fs::read_to_string(bundle.join("technical-documentation.md")).unwrap();
    assert!(
        documentation.contains(&digest),
        "the documentation states the file's digest"
    );
    assert!(documentation.contains("2,000,000"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bundle.join("MANIFEST.json")).unwrap()).unwrap();
    assert_eq!(manifest["artefacts"][0]["sha256"], digest.as_str());
    assert!(
        !bundle.join("dossier/weights").exists(),
        "weights are not copied"
    );
    assert_eq!(code(&aiact(&["verify", arg(&bundle)])), 0);
    // The bundle's dossier copy still checks: artefact files need not be present.
    let recheck = aiact(&["check", arg(&bundle.join("dossier"))]);
    assert_ne!(code(&recheck), 2, "{}", stderr(&recheck));

    // A declared digest that is not the file's stops the build.
    let wrong = with_artefact.replacen(
        "    path: weights/adapter.safetensors\n",
        &format!(
            "    path: weights/adapter.safetensors\n    sha256: {}\n",
            "ab".repeat(32)
        ),
        1,
    );
    std::fs::write(&technical, wrong).unwrap();
    let refused = aiact(&[
        "build",
        arg(dossier.path()),
        "--out",
        arg(&out.path().join("c")),
    ]);
    assert_eq!(code(&refused), 2);
    assert!(
        stderr(&refused).contains("not the abab"),
        "{}",
        stderr(&refused)
    );
    assert!(
        stderr(&refused).contains("technical.artefacts"),
        "{}",
        stderr(&refused)
    );
    // The error names the file, line and column of the field, and the field itself.
    let located = regex::Regex::new(r"technical\.yaml:\d+:\d+").unwrap();
    assert!(located.is_match(&stderr(&refused)), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("technical.artefacts[0].sha256"),
        "{}",
        stderr(&refused)
    );
    assert!(!out.path().join("c").exists());
}
