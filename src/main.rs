//! The `aiact` binary: parses the command line and hands it to the library.

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    aiact::cli::run(aiact::cli::Cli::parse())
}
