//! Integration tests: they run the `aiact` binary the way users and CI do, and check exit
//! codes, outputs and located diagnostics. One test binary (modules below) keeps link time low.

#![allow(clippy::unwrap_used)] // tests unwrap: a failure there is a test failure

mod attacks;
mod build;
mod check;
mod ci_formats;
mod classify;
mod errors;
mod evals;
mod faithful;
mod filings;
mod gaps;
mod import;
mod init;
mod integrations;
mod integrity;
mod languages;
mod rule_cases;
mod scenarios;
mod schema;
mod scope;
mod summary_quality;
mod support;
