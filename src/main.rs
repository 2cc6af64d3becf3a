//! The `aiact` binary: parses the command line and hands it to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    aiact::cli::run(aiact::cli::Cli::parse())
}
