//! `aiact verify` and `aiact sign`: checking a bundle against its manifest (every altered,
//! missing and extra file, and entries with unsafe paths, which are never read), checking its
//! signatures, and signing an existing bundle.

use std::collections::{BTreeMap, BTreeSet};

use std::path::{Path, PathBuf};

use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::Serialize;

use super::manifest::Manifest;
use super::{
    ATTESTATION, INTEGRITY_FILES, MANIFEST, MANIFEST_FORMAT, PAYLOAD_TYPE, SIGNATURE, SUMS,
};
use crate::diag::{Diagnostic, Error, Result};

/// A manifest larger than this is refused unread (a bundle of documents has a few KiB).
const MAX_MANIFEST: u64 = 64 * 1024 * 1024;

/// A file whose content is not what the manifest says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Altered {
    /// Its path.
    pub path: String,
    /// The digest in the manifest.
    pub expected: String,
    /// The digest of the file.
    pub actual: String,
}

/// The state of one signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "detail", rename_all = "snake_case")]
pub enum SignatureCheck {
    /// It verifies with the given key.
    Good,
    /// It is absent.
    Missing,
    /// It does not verify, and why.
    Bad(String),
}

/// What `verify` found.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    /// Files listed and found intact.
    pub intact: usize,
    /// Files whose content differs from the manifest.
    pub altered: Vec<Altered>,
    /// Files listed but absent.
    pub missing: Vec<String>,
    /// Files present but not listed.
    pub extra: Vec<String>,
    /// Manifest entries with a path that leaves the bundle or passes a symbolic link: not read.
    pub unsafe_paths: Vec<String>,
    /// Paths the manifest lists more than once (each counted once as intact or not).
    pub duplicates: Vec<String>,
    /// Lines of `SHA256SUMS` that disagree with the files.
    pub sums_mismatches: Vec<String>,
    /// The SSH signature of the manifest, when a key was given.
    pub manifest_signature: Option<SignatureCheck>,
    /// The DSSE attestation, when a key was given.
    pub attestation: Option<SignatureCheck>,
    /// The fingerprint of the key checked against.
    pub key: Option<String>,
    /// Whether that key is the one the signature itself names (no `--key` given): the
    /// signatures then show the bundle is unchanged since that key signed it, not who signed.
    pub key_from_signature: bool,
}

impl Verification {
    /// Intact, and signed by the key when one was given.
    pub fn passed(&self) -> bool {
        self.altered.is_empty()
            && self.missing.is_empty()
            && self.extra.is_empty()
            && self.unsafe_paths.is_empty()
            && self.duplicates.is_empty()
            && self.sums_mismatches.is_empty()
            && self
                .manifest_signature
                .as_ref()
                .is_none_or(|s| *s == SignatureCheck::Good)
            && self
                .attestation
                .as_ref()
                .is_none_or(|s| *s == SignatureCheck::Good)
    }

    /// The report for people.
    pub fn human(&self, bundle: &str) -> String {
        let mut out = String::new();
        for a in &self.altered {
            out.push_str(&format!(
                "ALTERED  {}\n         expected {}\n         actual   {}\n",
                a.path, a.expected, a.actual
            ));
        }
        for path in &self.missing {
            out.push_str(&format!("MISSING  {path}\n"));
        }
        for path in &self.extra {
            out.push_str(&format!("EXTRA    {path}\n"));
        }
        for path in &self.unsafe_paths {
            out.push_str(&format!(
                "UNSAFE   {path} (leaves the bundle or passes a symbolic link; not read)\n"
            ));
        }
        for path in &self.duplicates {
            out.push_str(&format!(
                "DUPLICATE {path} (listed more than once in {MANIFEST})\n"
            ));
        }
        for line in &self.sums_mismatches {
            out.push_str(&format!("SUMS     {line}\n"));
        }
        let show = |name: &str, check: &SignatureCheck| match check {
            SignatureCheck::Good => format!("signature {name}: good\n"),
            SignatureCheck::Missing => format!("signature {name}: MISSING\n"),
            SignatureCheck::Bad(why) => format!("signature {name}: BAD ({why})\n"),
        };
        match (&self.manifest_signature, &self.attestation, &self.key) {
            (Some(manifest), Some(attestation), Some(key)) => {
                if self.key_from_signature {
                    out.push_str(&format!(
                        "key {key} (named by the signature itself; pass --key to check it is the signer you expect)\n"
                    ));
                } else {
                    out.push_str(&format!("key {key}\n"));
                }
                out.push_str(&show(SIGNATURE, manifest));
                out.push_str(&show(ATTESTATION, attestation));
            }
            (Some(manifest), Some(attestation), None) => {
                out.push_str(&show(SIGNATURE, manifest));
                out.push_str(&show(ATTESTATION, attestation));
            }
            _ => out.push_str(
                "authenticity NOT checked: the bundle is not signed and no --key was given, so who made it is unknown\n",
            ),
        }
        out.push_str(&format!(
            "{bundle}: {} ({} files intact, {} altered, {} missing, {} extra, {} unsafe{})\n",
            if self.passed() { "OK" } else { "FAILED" },
            self.intact,
            self.altered.len(),
            self.missing.len(),
            self.extra.len(),
            self.unsafe_paths.len(),
            match self.duplicates.len() {
                0 => String::new(),
                n => format!(", {n} listed twice"),
            }
        ));
        out
    }

    /// The JSON report, with `passed` first.
    pub fn json(&self) -> String {
        let mut value = serde_json::json!({ "verification_version": 1, "passed": self.passed() });
        if let (Some(object), Ok(serde_json::Value::Object(fields))) =
            (value.as_object_mut(), serde_json::to_value(self))
        {
            object.extend(fields);
        }
        serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
    }
}

/// Why a manifest path is unsafe, or `None` when it names a file inside the bundle without
/// passing a symbolic link.
fn unsafe_reason(bundle: &Path, path: &str) -> Option<&'static str> {
    let form = crate::paths::Form::of(path);
    if form.empty || form.rooted || form.backslash || form.colon {
        return Some("not a relative path");
    }
    if form.parent || form.empty_or_dot {
        return Some("climbs out of the bundle");
    }
    // A part that cannot be read is reported as missing, not unsafe.
    match crate::paths::first_link(bundle, path.split('/').map(std::ffi::OsStr::new)) {
        Ok(Some(_)) => Some("passes a symbolic link"),
        Ok(None) | Err(_) => None,
    }
}

/// What is under `dir` that a bundle check must see: every file and symbolic link (links not
/// followed) in the folders the manifest's paths pass through, and any other folder as one
/// entry `folder/`, not descended into (an added empty folder is reported; a folder nested
/// past the system's path limit is reported, not an error). Relative, with `/`.
fn present(
    dir: &Path,
    prefix: &str,
    folders: &BTreeSet<&str>,
    out: &mut BTreeSet<String>,
) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
        if kind.is_dir() && folders.contains(relative.as_str()) {
            // A listed folder that cannot be read (nested past the path limit, say) is
            // reported as an entry of its own; its files are then missing.
            if present(&entry.path(), &relative, folders, out).is_err() {
                out.insert(format!("{relative}/"));
            }
        } else if kind.is_dir() {
            out.insert(format!("{relative}/"));
        } else {
            out.insert(relative);
        }
    }
    Ok(())
}

/// An integrity file of a bundle, read the way the manifest is: never through a symbolic
/// link, never a FIFO or device (which could hang the reader), never larger than a manifest.
enum Integrity {
    Missing,
    Unusable(String),
    Text(String),
}

fn read_integrity(bundle: &Path, name: &str) -> Integrity {
    let path = bundle.join(name);
    let metadata = match std::fs::symlink_metadata(&path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Integrity::Missing,
        Err(e) => return Integrity::Unusable(format!("{name} cannot be read: {e}")),
    };
    if !metadata.is_file() {
        return Integrity::Unusable(format!("{name} is not a regular file"));
    }
    if metadata.len() > MAX_MANIFEST {
        return Integrity::Unusable(format!("{name} is too large"));
    }
    match std::fs::read_to_string(&path) {
        Ok(text) => Integrity::Text(text),
        Err(e) => Integrity::Unusable(format!("{name} cannot be read: {e}")),
    }
}

fn unusable(bundle: &Path, message: String) -> Error {
    Error::Input(vec![
        Diagnostic::error(message)
            .in_file(bundle.join(MANIFEST).display().to_string())
            .help("a bundle is a directory written by `aiact build`"),
    ])
}

/// Reads and parses the manifest of a bundle.
pub fn read_manifest(bundle: &Path) -> Result<(Manifest, Vec<u8>)> {
    let path = bundle.join(MANIFEST);
    let metadata = std::fs::symlink_metadata(&path)
        .map_err(|_| unusable(bundle, format!("{} has no {MANIFEST}", bundle.display())))?;
    if !metadata.is_file() {
        return Err(unusable(
            bundle,
            format!("{MANIFEST} is not a regular file"),
        ));
    }
    if metadata.len() > MAX_MANIFEST {
        return Err(unusable(bundle, format!("{MANIFEST} is too large")));
    }
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let manifest: Manifest = serde_json::from_slice(&bytes)
        .map_err(|e| unusable(bundle, format!("{MANIFEST} is not a valid manifest: {e}")))?;
    if manifest.format != MANIFEST_FORMAT {
        return Err(unusable(
            bundle,
            format!(
                "{MANIFEST} has format `{}`, not `{MANIFEST_FORMAT}`",
                manifest.format
            ),
        ));
    }
    Ok((manifest, bytes))
}

/// Checks a bundle against its manifest, and its signatures when `key` is given.
pub fn verify(bundle: &Path, key: Option<&VerifyingKey>) -> Result<Verification> {
    let (manifest, manifest_bytes) = read_manifest(bundle)?;
    let mut verification = Verification {
        intact: 0,
        altered: Vec::new(),
        missing: Vec::new(),
        extra: Vec::new(),
        unsafe_paths: Vec::new(),
        sums_mismatches: Vec::new(),
        manifest_signature: None,
        attestation: None,
        key: key.map(crate::sign::fingerprint),
        key_from_signature: false,
        duplicates: Vec::new(),
    };
    // Paths first: an unsafe entry is never opened.
    let mut to_hash = Vec::new();
    let mut listed = BTreeSet::new();
    let mut duplicated = BTreeSet::new();
    for entry in &manifest.files {
        if !listed.insert(entry.path.clone()) {
            duplicated.insert(entry.path.clone());
            continue;
        }
        if let Some(reason) = unsafe_reason(bundle, &entry.path) {
            verification
                .unsafe_paths
                .push(format!("{} ({reason})", entry.path));
            continue;
        }
        let path = bundle.join(&entry.path);
        match std::fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.is_file() => to_hash.push((entry, path)),
            _ => verification.missing.push(entry.path.clone()),
        }
    }
    verification.duplicates = duplicated.into_iter().collect();
    let paths: Vec<PathBuf> = to_hash.iter().map(|(_, p)| p.clone()).collect();
    let digests = crate::digest::files(&paths, crate::digest::default_threads(), &|_| {});
    let mut actual: BTreeMap<String, String> = BTreeMap::new();
    for ((entry, path), result) in to_hash.into_iter().zip(digests) {
        let (size, sha256) = result.map_err(|e| Error::io(&path, e))?;
        if sha256 == entry.sha256 && size == entry.size {
            verification.intact += 1;
        } else {
            verification.altered.push(Altered {
                path: entry.path.clone(),
                expected: entry.sha256.clone(),
                actual: sha256.clone(),
            });
        }
        actual.insert(entry.path.clone(), sha256);
    }
    let folders: BTreeSet<&str> = listed
        .iter()
        .flat_map(|path| path.match_indices('/').map(|(i, _)| &path[..i]))
        .collect();
    let mut found = BTreeSet::new();
    present(bundle, "", &folders, &mut found)?;
    for path in found {
        if !listed.contains(&path) && !INTEGRITY_FILES.contains(&path.as_str()) {
            verification.extra.push(path);
        }
    }
    check_sums(bundle, &manifest_bytes, &actual, &mut verification)?;
    // Without `--key`, a signature is still checked: against the key it names itself, so a
    // signature left over from before an edit (a re-sealed manifest) is BAD, not ignored.
    let embedded = match key {
        Some(_) => None,
        None => match read_integrity(bundle, SIGNATURE) {
            Integrity::Missing => None,
            Integrity::Unusable(why) => Some(Err(why)),
            Integrity::Text(armored) => Some(crate::sign::sshsig_public_key(&armored)),
        },
    };
    match (key, embedded.as_ref()) {
        (Some(key), _) | (None, Some(Ok(key))) => {
            verification.key_from_signature = verification.key.is_none();
            verification.key = Some(crate::sign::fingerprint(key));
            verification.manifest_signature =
                Some(check_manifest_signature(bundle, key, &manifest_bytes));
            verification.attestation =
                Some(check_attestation(bundle, key, &manifest, &manifest_bytes));
        }
        (None, Some(Err(why))) => {
            verification.manifest_signature = Some(SignatureCheck::Bad(why.clone()));
            verification.attestation = Some(SignatureCheck::Bad(
                "no key to check it with: the manifest signature names none".to_owned(),
            ));
        }
        (None, None) => {
            // Unsigned; an attestation without the signature that names its key is suspect.
            if std::fs::symlink_metadata(bundle.join(ATTESTATION)).is_ok() {
                verification.manifest_signature = Some(SignatureCheck::Missing);
                verification.attestation = Some(SignatureCheck::Bad(
                    "no key to check it with: pass --key".to_owned(),
                ));
            }
        }
    }
    Ok(verification)
}

/// `SHA256SUMS` must agree with the files it lists (the ones the manifest covers were hashed
/// already; the integrity files are hashed here).
fn check_sums(
    bundle: &Path,
    manifest_bytes: &[u8],
    actual: &BTreeMap<String, String>,
    verification: &mut Verification,
) -> Result<()> {
    let text = match read_integrity(bundle, SUMS) {
        Integrity::Text(text) => text,
        Integrity::Missing => {
            verification.missing.push(SUMS.to_owned());
            return Ok(());
        }
        Integrity::Unusable(why) => {
            verification.sums_mismatches.push(why);
            return Ok(());
        }
    };
    let mut seen = BTreeSet::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Some((digest, name)) = line.split_once("  ") else {
            verification
                .sums_mismatches
                .push(format!("malformed line `{line}`"));
            continue;
        };
        seen.insert(name.to_owned());
        let current = match name {
            MANIFEST => Some(crate::digest::sha256_hex(manifest_bytes)),
            SIGNATURE | ATTESTATION => match read_integrity(bundle, name) {
                Integrity::Text(text) => Some(crate::digest::sha256_hex(text.as_bytes())),
                _ => None,
            },
            other => actual.get(other).cloned(),
        };
        match current {
            Some(current) if current == digest => {}
            Some(_) => verification
                .sums_mismatches
                .push(format!("{name}: digest differs from the file")),
            None => verification.sums_mismatches.push(format!(
                "{name}: listed but not a checked file of the bundle"
            )),
        }
    }
    // The manifest, and each signature that is present, must be covered too: otherwise a
    // line could be dropped (and the file swapped) without `sha256sum -c` noticing.
    for name in [MANIFEST, SIGNATURE, ATTESTATION] {
        let present = name == MANIFEST || std::fs::symlink_metadata(bundle.join(name)).is_ok();
        if present && !seen.contains(name) {
            verification
                .sums_mismatches
                .push(format!("{name}: not listed in {SUMS}"));
        }
    }
    for name in actual.keys() {
        if !seen.contains(name) {
            verification
                .sums_mismatches
                .push(format!("{name}: not listed in {SUMS}"));
        }
    }
    Ok(())
}

fn check_manifest_signature(
    bundle: &Path,
    key: &VerifyingKey,
    manifest_bytes: &[u8],
) -> SignatureCheck {
    match read_integrity(bundle, SIGNATURE) {
        Integrity::Missing => SignatureCheck::Missing,
        Integrity::Unusable(why) => SignatureCheck::Bad(why),
        Integrity::Text(armored) => {
            match crate::sign::sshsig_verify(key, crate::sign::NAMESPACE, manifest_bytes, &armored)
            {
                Ok(()) => SignatureCheck::Good,
                Err(why) => SignatureCheck::Bad(why),
            }
        }
    }
}

/// The attestation must be signed by the key and be about exactly this bundle: its subjects
/// are the manifest's files and the manifest itself, with their digests.
fn check_attestation(
    bundle: &Path,
    key: &VerifyingKey,
    manifest: &Manifest,
    manifest_bytes: &[u8],
) -> SignatureCheck {
    let envelope = match read_integrity(bundle, ATTESTATION) {
        Integrity::Text(text) => text,
        Integrity::Missing => return SignatureCheck::Missing,
        Integrity::Unusable(why) => return SignatureCheck::Bad(why),
    };
    let (payload_type, payload) = match crate::sign::dsse_verify(key, &envelope) {
        Ok(found) => found,
        Err(why) => return SignatureCheck::Bad(why),
    };
    if payload_type != PAYLOAD_TYPE {
        return SignatureCheck::Bad(format!("payload type `{payload_type}`"));
    }
    let Ok(statement) = serde_json::from_slice::<serde_json::Value>(&payload) else {
        return SignatureCheck::Bad("the payload is not JSON".to_owned());
    };
    let subjects: BTreeMap<String, String> = statement["subject"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|s| {
                    Some((
                        s["name"].as_str()?.to_owned(),
                        s["digest"]["sha256"].as_str()?.to_owned(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut expected: BTreeMap<String, String> = manifest
        .files
        .iter()
        .map(|f| (f.path.clone(), f.sha256.clone()))
        .collect();
    expected.insert(
        MANIFEST.to_owned(),
        crate::digest::sha256_hex(manifest_bytes),
    );
    if subjects != expected {
        return SignatureCheck::Bad("the attestation is about other files".to_owned());
    }
    SignatureCheck::Good
}

/// Signs an existing bundle: verifies it first (an altered bundle is not signed), then writes
/// the SSH signature and the attestation and rewrites `SHA256SUMS` to cover them.
pub fn sign_bundle(bundle: &Path, key: &SigningKey) -> Result<()> {
    let verification = verify(bundle, None)?;
    if !verification.passed() {
        return Err(Error::Input(vec![
            Diagnostic::error(format!(
                "{} does not match its manifest; refusing to sign it",
                bundle.display()
            ))
            .help("run `aiact verify` to see what changed, then rebuild the bundle"),
        ]));
    }
    let (manifest, manifest_bytes) = read_manifest(bundle)?;
    let report_path = bundle.join("compliance-report.json");
    let report: serde_json::Value = std::fs::read(&report_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| {
            unusable(
                bundle,
                "the bundle has no readable compliance-report.json".to_owned(),
            )
        })?;
    let signatures = super::attestation::signatures(key, &manifest_bytes, &manifest, &report)?;
    // The listed files were just verified against the manifest: its digests are theirs.
    let mut others = vec![(std::path::PathBuf::from(MANIFEST), manifest_bytes)];
    others.extend(signatures.iter().cloned());
    let sums = super::manifest::sums(&manifest, &others);
    for (path, bytes) in &signatures {
        crate::output::write_atomic(&bundle.join(path), bytes)?;
    }
    crate::output::write_atomic(&bundle.join(SUMS), &sums)?;
    Ok(())
}
