//! The version of this build of aiact: the one place documents, manifests and attestations
//! read it from.

/// The version of this build of aiact.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
