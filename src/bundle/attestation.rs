//! The bundle's in-toto attestation: a Statement v1 whose subjects are every file the
//! manifest lists and the manifest itself, and whose predicate is the verdict, signed in a DSSE
//! envelope, beside the SSH signature of the manifest. Typed here; the serialised form is the
//! contract (field order is declaration order).

use std::path::PathBuf;

use ed25519_dalek::SigningKey;
use serde::Serialize;
use serde_json::Value;

use super::manifest::Manifest;
use super::{ATTESTATION, MANIFEST, PAYLOAD_TYPE, PREDICATE_TYPE, SIGNATURE};
use crate::classify::Fact;
use crate::diag::{Error, Result};

/// The in-toto Statement type.
const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v1";

/// An in-toto Statement v1 about a bundle.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    /// `https://in-toto.io/Statement/v1`.
    #[serde(rename = "_type")]
    pub statement_type: &'static str,
    /// The verdict.
    pub predicate: Predicate,
    /// [`PREDICATE_TYPE`].
    #[serde(rename = "predicateType")]
    pub predicate_type: &'static str,
    /// Every listed file and the manifest, sorted by name.
    pub subject: Vec<Subject>,
}

/// A file the statement is about.
#[derive(Debug, Clone, Serialize)]
pub struct Subject {
    /// Its digests.
    pub digest: SubjectDigest,
    /// Its path in the bundle.
    pub name: String,
}

/// The digests of a subject.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectDigest {
    /// SHA-256, lower-case hex.
    pub sha256: String,
}

/// aiact's predicate: the verdict as the compliance report gives it. Its values are read from
/// the report's JSON (the `check --format json` object), so that `sign` can attest an existing
/// bundle without re-running the check; they are copied as they are.
#[derive(Debug, Clone, Serialize)]
pub struct Predicate {
    /// The day the rules were evaluated for.
    pub as_of: Value,
    /// Whether each regime fact of the verdict applies, by the classification's names.
    pub classification: serde_json::Map<String, Value>,
    /// The dossier digest.
    pub dossier_digest: Value,
    /// The counts of findings.
    pub findings: Value,
    /// The model's name and version.
    pub model: Value,
    /// The provider's legal name.
    pub provider: Value,
    /// The rule catalogue's digest.
    pub rules_digest: Value,
    /// The tool that made it.
    pub tool: Tool,
}

/// Name and version of the tool.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    /// `aiact`.
    pub name: &'static str,
    /// Its version.
    pub version: &'static str,
}

/// The regime facts of the verdict, in the statement's order.
const VERDICT: [Fact; 5] = [
    Fact::AuthorisedRepresentativeRequired,
    Fact::Gpai,
    Fact::ModifierIsProvider,
    Fact::OpenSourceExemption,
    Fact::SystemicRisk,
];

/// The statement of a bundle, from its manifest and its compliance report's JSON.
pub fn statement(manifest: &Manifest, manifest_bytes: &[u8], report: &Value) -> Statement {
    let subject = |name: &str, sha256: String| Subject {
        digest: SubjectDigest { sha256 },
        name: name.to_owned(),
    };
    let mut subjects: Vec<Subject> = manifest
        .files
        .iter()
        .map(|f| subject(&f.path, f.sha256.clone()))
        .collect();
    subjects.push(subject(MANIFEST, crate::digest::sha256_hex(manifest_bytes)));
    subjects.sort_by(|a, b| a.name.cmp(&b.name));
    let classification = &report["classification"];
    Statement {
        statement_type: STATEMENT_TYPE,
        predicate: Predicate {
            as_of: report["as_of"].clone(),
            classification: VERDICT
                .into_iter()
                .map(|fact| {
                    let key = fact.classification_key();
                    (key.to_owned(), classification[key]["applies"].clone())
                })
                .collect(),
            dossier_digest: report["dossier"]["digest"].clone(),
            findings: report["summary"].clone(),
            model: classification["model"].clone(),
            provider: classification["provider"]["name"].clone(),
            rules_digest: report["rules"]["digest"].clone(),
            tool: Tool {
                name: "aiact",
                version: crate::version::VERSION,
            },
        },
        predicate_type: PREDICATE_TYPE,
        subject: subjects,
    }
}

/// The SSH signature of the manifest and the signed attestation.
pub fn signatures(
    key: &SigningKey,
    manifest_bytes: &[u8],
    manifest: &Manifest,
    report: &serde_json::Value,
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let signature = crate::sign::sshsig_sign(key, crate::sign::NAMESPACE, manifest_bytes);
    let statement = statement(manifest, manifest_bytes, report);
    let payload = serde_json::to_vec(&statement)
        .map_err(|e| Error::Internal(format!("the attestation cannot be encoded: {e}")))?;
    let envelope = crate::sign::dsse_envelope(key, PAYLOAD_TYPE, &payload);
    Ok(vec![
        (PathBuf::from(SIGNATURE), signature.into_bytes()),
        (PathBuf::from(ATTESTATION), envelope.into_bytes()),
    ])
}
