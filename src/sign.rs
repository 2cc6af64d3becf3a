//! Keys and signatures in formats an auditor can check with standard tools: Ed25519 keys as
//! PKCS#8 v1 PEM (private, readable by OpenSSL 3.0), OpenSSH `ssh-ed25519` lines and SPKI PEM
//! (public); SSH signatures (`SSHSIG`, as `ssh-keygen -Y sign` and git make them); and DSSE
//! envelopes (the in-toto attestation wrapper). Private keys are never printed or logged.

use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::spki::{DecodePublicKey, EncodePublicKey};
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey, KeypairBytes};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256, Sha512};

use crate::diag::{Diagnostic, Error, Result};

/// The SSH signature namespace of aiact signatures.
pub const NAMESPACE: &str = "aiact";

/// A fresh signing key from the operating system's random source.
pub fn generate() -> Result<SigningKey> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|e| Error::Internal(format!("no randomness for a new key: {e}")))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// The private key as PKCS#8 v1 PEM (without the public key, which OpenSSL 3.0 cannot read).
pub fn private_pem(key: &SigningKey) -> Result<String> {
    let bytes = KeypairBytes {
        secret_key: key.to_bytes(),
        public_key: None,
    };
    bytes
        .to_pkcs8_pem(LineEnding::LF)
        .map(|pem| pem.to_string())
        .map_err(|e| Error::Internal(format!("the key cannot be encoded: {e}")))
}

/// The public key as SPKI PEM (for `openssl pkeyutl -verify -pubin`).
pub fn public_pem(key: &VerifyingKey) -> Result<String> {
    key.to_public_key_pem(LineEnding::LF)
        .map_err(|e| Error::Internal(format!("the key cannot be encoded: {e}")))
}

/// The public key in OpenSSH's wire format (`string "ssh-ed25519" ‖ string key`).
fn ssh_key_blob(key: &VerifyingKey) -> Vec<u8> {
    let mut blob = Vec::with_capacity(51);
    put_string(&mut blob, b"ssh-ed25519");
    put_string(&mut blob, key.as_bytes());
    blob
}

/// The public key as an OpenSSH line, usable in `allowed_signers` and `authorized_keys`.
pub fn public_openssh(key: &VerifyingKey, comment: &str) -> String {
    format!(
        "ssh-ed25519 {} {comment}\n",
        STANDARD.encode(ssh_key_blob(key))
    )
}

/// The key's fingerprint as `ssh-keygen -l` prints it: `SHA256:…`.
pub fn fingerprint(key: &VerifyingKey) -> String {
    format!(
        "SHA256:{}",
        STANDARD_NO_PAD.encode(Sha256::digest(ssh_key_blob(key)))
    )
}

fn key_error(path: &Path, message: impl Into<String>) -> Error {
    Error::Input(vec![
        Diagnostic::error(message.into())
            .in_file(path.display().to_string())
            .help("use a key from `aiact keygen`, or `openssl genpkey -algorithm ed25519`"),
    ])
}

/// Reads an Ed25519 private key: PKCS#8 PEM (v1 or v2), as `aiact keygen` and
/// `openssl genpkey -algorithm ed25519` write it.
pub fn load_private(path: &Path) -> Result<SigningKey> {
    let text = read_small(path)?;
    SigningKey::from_pkcs8_pem(text.trim()).map_err(|_| {
        let what = if text.contains("OPENSSH PRIVATE KEY") {
            "an OpenSSH private key; aiact reads PKCS#8 PEM (`BEGIN PRIVATE KEY`)"
        } else {
            "not an Ed25519 private key in PKCS#8 PEM (`BEGIN PRIVATE KEY`)"
        };
        key_error(path, format!("{} is {what}", path.display()))
    })
}

/// Reads an Ed25519 public key: an OpenSSH `ssh-ed25519 …` line or SPKI PEM.
pub fn load_public(path: &Path) -> Result<VerifyingKey> {
    let text = read_small(path)?;
    let trimmed = text.trim();
    if trimmed.starts_with("-----BEGIN") {
        return VerifyingKey::from_public_key_pem(trimmed).map_err(|_| {
            key_error(
                path,
                format!("{} is not an Ed25519 public key in PEM", path.display()),
            )
        });
    }
    let mut fields = trimmed.split_whitespace();
    let (Some("ssh-ed25519"), Some(encoded)) = (fields.next(), fields.next()) else {
        return Err(key_error(
            path,
            format!(
                "{} is neither an `ssh-ed25519` line nor a PEM public key",
                path.display()
            ),
        ));
    };
    let blob = STANDARD.decode(encoded).map_err(|_| {
        key_error(
            path,
            format!("{}: the key is not valid base64", path.display()),
        )
    })?;
    let mut reader = Reader::new(&blob);
    match (reader.string(), reader.string()) {
        (Some(b"ssh-ed25519"), Some(bytes)) if reader.is_empty() => {
            let bytes: [u8; 32] = bytes.try_into().map_err(|_| {
                key_error(
                    path,
                    format!("{}: the key has the wrong length", path.display()),
                )
            })?;
            VerifyingKey::from_bytes(&bytes).map_err(|_| {
                key_error(path, format!("{}: not a valid Ed25519 key", path.display()))
            })
        }
        _ => Err(key_error(
            path,
            format!("{}: not an ssh-ed25519 key", path.display()),
        )),
    }
}

/// Key files are small: refuse anything larger than 64 KiB rather than read it.
fn read_small(path: &Path) -> Result<String> {
    let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if metadata.len() > 64 * 1024 {
        return Err(key_error(
            path,
            format!("{} is too large to be a key", path.display()),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes)
        .map_err(|_| key_error(path, format!("{} is not a text key file", path.display())))
}

fn put_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// A reader of SSH wire-format fields.
struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { rest: bytes }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.rest.len() < n {
            return None;
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn string(&mut self) -> Option<&'a [u8]> {
        let length = self.u32()? as usize;
        self.take(length)
    }

    fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }
}

/// What an SSH signature signs: `"SSHSIG" ‖ ns ‖ reserved ‖ hash algorithm ‖ H(message)`.
fn sshsig_signed_data(namespace: &str, message: &[u8]) -> Vec<u8> {
    let mut data = b"SSHSIG".to_vec();
    put_string(&mut data, namespace.as_bytes());
    put_string(&mut data, b"");
    put_string(&mut data, b"sha512");
    put_string(&mut data, &Sha512::digest(message));
    data
}

/// An armored SSH signature of `message` (the `ssh-keygen -Y sign` format).
pub fn sshsig_sign(key: &SigningKey, namespace: &str, message: &[u8]) -> String {
    let signature = key.sign(&sshsig_signed_data(namespace, message));
    let mut signature_blob = Vec::with_capacity(83);
    put_string(&mut signature_blob, b"ssh-ed25519");
    put_string(&mut signature_blob, &signature.to_bytes());
    let mut blob = b"SSHSIG".to_vec();
    blob.extend_from_slice(&1u32.to_be_bytes());
    put_string(&mut blob, &ssh_key_blob(&key.verifying_key()));
    put_string(&mut blob, namespace.as_bytes());
    put_string(&mut blob, b"");
    put_string(&mut blob, b"sha512");
    put_string(&mut blob, &signature_blob);
    let encoded = STANDARD.encode(blob);
    let mut armored = String::from("-----BEGIN SSH SIGNATURE-----\n");
    for line in encoded.as_bytes().chunks(70) {
        armored.push_str(&String::from_utf8_lossy(line));
        armored.push('\n');
    }
    armored.push_str("-----END SSH SIGNATURE-----\n");
    armored
}

/// Checks an armored SSH signature of `message` by `key` in `namespace`.
pub fn sshsig_verify(
    key: &VerifyingKey,
    namespace: &str,
    message: &[u8],
    armored: &str,
) -> std::result::Result<(), String> {
    let blob = sshsig_blob(armored)?;
    let mut reader = Reader::new(&blob);
    if reader.take(6) != Some(b"SSHSIG") || reader.u32() != Some(1) {
        return Err("not an SSH signature (version 1)".to_owned());
    }
    let public = reader.string().ok_or("truncated signature")?;
    let signed_namespace = reader.string().ok_or("truncated signature")?;
    let _reserved = reader.string().ok_or("truncated signature")?;
    let hash = reader.string().ok_or("truncated signature")?;
    let signature_blob = reader.string().ok_or("truncated signature")?;
    if public != ssh_key_blob(key).as_slice() {
        return Err("signed with a different key".to_owned());
    }
    if signed_namespace != namespace.as_bytes() {
        return Err(format!(
            "signed for namespace `{}`, not `{namespace}`",
            String::from_utf8_lossy(signed_namespace)
        ));
    }
    if hash != b"sha512" {
        return Err("unsupported hash algorithm".to_owned());
    }
    let mut signature_reader = Reader::new(signature_blob);
    let (Some(b"ssh-ed25519"), Some(bytes)) =
        (signature_reader.string(), signature_reader.string())
    else {
        return Err("not an Ed25519 signature".to_owned());
    };
    let signature = Signature::from_slice(bytes).map_err(|_| "malformed signature".to_owned())?;
    key.verify(&sshsig_signed_data(namespace, message), &signature)
        .map_err(|_| "the signature does not match".to_owned())
}

/// The binary SSHSIG blob of an armored signature.
fn sshsig_blob(armored: &str) -> std::result::Result<Vec<u8>, String> {
    let body: String = armored
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("-----"))
        .collect();
    STANDARD
        .decode(body)
        .map_err(|_| "the signature is not valid base64".to_owned())
}

/// The public key an SSH signature names as its signer (SSHSIG embeds it). A signature that
/// verifies with it proves the signed bytes are unchanged since that key signed them; whether
/// the key is one to trust is for the person to check, by its fingerprint or with `--key`.
pub fn sshsig_public_key(armored: &str) -> std::result::Result<VerifyingKey, String> {
    let blob = sshsig_blob(armored)?;
    let mut reader = Reader::new(&blob);
    if reader.take(6) != Some(b"SSHSIG") || reader.u32() != Some(1) {
        return Err("not an SSH signature (version 1)".to_owned());
    }
    let public = reader.string().ok_or("truncated signature")?;
    let mut key_reader = Reader::new(public);
    let (Some(b"ssh-ed25519"), Some(bytes)) = (key_reader.string(), key_reader.string()) else {
        return Err("the signature's key is not an Ed25519 key".to_owned());
    };
    let bytes: [u8; 32] = bytes
        .try_into()
        .map_err(|_| "the signature's key is malformed".to_owned())?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| "the signature's key is malformed".to_owned())
}

/// DSSE's pre-authentication encoding: `"DSSEv1" SP len(type) SP type SP len(body) SP body`.
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "DSSEv1 {} {payload_type} {} ",
        payload_type.len(),
        payload.len()
    )
    .into_bytes();
    out.extend_from_slice(payload);
    out
}

/// A DSSE envelope signing `payload` (pretty-printed JSON with a final newline).
pub fn dsse_envelope(key: &SigningKey, payload_type: &str, payload: &[u8]) -> String {
    let signature = key.sign(&pae(payload_type, payload));
    let envelope = serde_json::json!({
        "payload": STANDARD.encode(payload),
        "payloadType": payload_type,
        "signatures": [{
            "keyid": fingerprint(&key.verifying_key()),
            "sig": STANDARD.encode(signature.to_bytes()),
        }],
    });
    serde_json::to_string_pretty(&envelope).unwrap_or_default() + "\n"
}

/// Checks a DSSE envelope against `key` and returns its payload type and payload.
pub fn dsse_verify(
    key: &VerifyingKey,
    envelope: &str,
) -> std::result::Result<(String, Vec<u8>), String> {
    let value: serde_json::Value =
        serde_json::from_str(envelope).map_err(|e| format!("not a DSSE envelope: {e}"))?;
    let payload_type = value["payloadType"]
        .as_str()
        .ok_or("the envelope has no payloadType")?;
    let payload = STANDARD
        .decode(
            value["payload"]
                .as_str()
                .ok_or("the envelope has no payload")?,
        )
        .map_err(|_| "the payload is not valid base64".to_owned())?;
    let signatures = value["signatures"]
        .as_array()
        .ok_or("the envelope has no signatures")?;
    let message = pae(payload_type, &payload);
    for entry in signatures {
        let Some(bytes) = entry["sig"].as_str().and_then(|s| STANDARD.decode(s).ok()) else {
            continue;
        };
        if let Ok(signature) = Signature::from_slice(&bytes)
            && key.verify(&message, &signature).is_ok()
        {
            return Ok((payload_type.to_owned(), payload));
        }
    }
    Err("no signature in the envelope matches the key".to_owned())
}

/// Writes a new signing key: `PREFIX.key` (PKCS#8 v1 PEM, mode 0600), `PREFIX.pub` (OpenSSH
/// line) and `PREFIX.pub.pem` (SPKI PEM). Refuses to overwrite any of them.
pub fn keygen(prefix: &Path, comment: &str) -> Result<Vec<std::path::PathBuf>> {
    let with = |suffix: &str| {
        let mut name = prefix.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    let paths = [with(".key"), with(".pub"), with(".pub.pem")];
    if let Some(existing) = paths.iter().find(|p| p.exists()) {
        return Err(Diagnostic::error(format!(
            "{} exists; refusing to overwrite a key",
            existing.display()
        ))
        .help("choose another --out prefix, or move the old key files away")
        .into());
    }
    let key = generate()?;
    let public = key.verifying_key();
    crate::output::write_private(&paths[0], private_pem(&key)?.as_bytes())?;
    crate::output::write_atomic(&paths[1], public_openssh(&public, comment).as_bytes())?;
    crate::output::write_atomic(&paths[2], public_pem(&public)?.as_bytes())?;
    Ok(paths.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[7u8; 32])
    }

    #[test]
    fn keys_round_trip_through_their_files() {
        let dir = tempfile::tempdir().unwrap();
        let key = key();
        let private = dir.path().join("k.key");
        std::fs::write(&private, private_pem(&key).unwrap()).unwrap();
        assert_eq!(load_private(&private).unwrap().to_bytes(), key.to_bytes());
        for (name, text) in [
            ("k.pub", public_openssh(&key.verifying_key(), "test")),
            ("k.pub.pem", public_pem(&key.verifying_key()).unwrap()),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            assert_eq!(load_public(&path).unwrap(), key.verifying_key(), "{name}");
        }
        assert!(
            private_pem(&key)
                .unwrap()
                .starts_with("-----BEGIN PRIVATE KEY-----")
        );
    }

    #[test]
    fn an_ssh_signature_names_its_key() {
        let key = key();
        let signature = sshsig_sign(&key, NAMESPACE, b"manifest");
        assert_eq!(sshsig_public_key(&signature), Ok(key.verifying_key()));
        assert!(sshsig_public_key("-----BEGIN SSH SIGNATURE-----\nAAAA\n").is_err());
    }

    #[test]
    fn ssh_signatures_verify_and_detect_changes() {
        let key = key();
        let signature = sshsig_sign(&key, NAMESPACE, b"manifest");
        assert!(signature.starts_with("-----BEGIN SSH SIGNATURE-----\n"));
        assert!(
            signature
                .lines()
                .all(|l| l.len() <= 70 || l.starts_with("-----"))
        );
        let public = key.verifying_key();
        assert_eq!(
            sshsig_verify(&public, NAMESPACE, b"manifest", &signature),
            Ok(())
        );
        assert!(sshsig_verify(&public, NAMESPACE, b"manifesT", &signature).is_err());
        assert!(sshsig_verify(&public, "git", b"manifest", &signature).is_err());
        let other = SigningKey::from_bytes(&[8u8; 32]).verifying_key();
        assert!(sshsig_verify(&other, NAMESPACE, b"manifest", &signature).is_err());
    }

    #[test]
    fn dsse_envelopes_verify_over_the_pae() {
        assert_eq!(pae("t", b"ab"), b"DSSEv1 1 t 2 ab");
        let key = key();
        let envelope = dsse_envelope(&key, "application/vnd.in-toto+json", b"{}");
        let (kind, payload) = dsse_verify(&key.verifying_key(), &envelope).unwrap();
        assert_eq!(
            (kind.as_str(), payload.as_slice()),
            ("application/vnd.in-toto+json", &b"{}"[..])
        );
        let tampered = envelope.replace("e30=", "e30K");
        assert!(dsse_verify(&key.verifying_key(), &tampered).is_err());
    }
}
