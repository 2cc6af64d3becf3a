//! Command-line types (clap) and their dispatch to the library. No logic of its own beyond
//! choosing output streams and formats; exit codes are decided here from library results.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diag::{self, Color, Error};

/// aiact: EU AI Act documentation for general-purpose AI model providers.
///
/// Exit codes: 0 success; 1 the job ran and found a problem (later commands); 2 the input
/// could not be used (every error names file, line, column and field).
#[derive(Debug, Parser)]
#[command(name = "aiact", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// When to colour diagnostics. `auto` colours on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Output formats of `classify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text for people.
    Human,
    /// The documented JSON object.
    Json,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scaffold a dossier: every file of the format, every field commented with its meaning,
    /// legal basis and audiences.
    Init {
        /// Directory to create (must be missing or empty unless --force).
        dir: PathBuf,
        /// Overwrite the dossier files in a non-empty directory.
        #[arg(long)]
        force: bool,
    },
    /// Show which regime of the AI Act applies to the model, and why.
    Classify {
        /// The dossier directory.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Write the JSON Schemas (2020-12) of the dossier files, for editors and other tools.
    Schema {
        /// Directory to write `<file>.schema.json` into; without it, one JSON object mapping
        /// schema file names to schemas is printed.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

impl ColorChoice {
    fn resolve(self) -> Color {
        match self {
            ColorChoice::Always => Color::Always,
            ColorChoice::Never => Color::Never,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                if !no_color && std::io::stderr().is_terminal() {
                    Color::Always
                } else {
                    Color::Never
                }
            }
        }
    }
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let color = cli.color.resolve();
    match execute(cli.command) {
        Ok(code) => code,
        Err(error) => {
            let text = diag::render(&error.diagnostics(), color);
            let _ = std::io::stderr().write_all(text.as_bytes());
            ExitCode::from(2)
        }
    }
}

fn print(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| Error::io("<stdout>", e))
}

fn execute(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Init { dir, force } => {
            let written = crate::init(&dir, force)?;
            eprintln!(
                "wrote a dossier skeleton with {} files to {}",
                written.len(),
                dir.display()
            );
            eprintln!(
                "next: fill in the YAML files, then run `aiact classify {}`",
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Classify { dir, format } => {
            let loaded = crate::dossier::load(&dir)?;
            let classification = crate::classify::classify(&loaded.dossier);
            match format {
                Format::Human => print(&crate::classify::render_human(&classification))?,
                Format::Json => {
                    let text = serde_json::to_string_pretty(&classification)
                        .map_err(|e| Error::Usage(e.to_string()))?;
                    print(&(text + "\n"))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { out } => {
            match out {
                Some(out) => {
                    for path in crate::write_schemas(&out)? {
                        eprintln!("wrote {}", path.display());
                    }
                }
                None => {
                    let mut all = serde_json::Map::new();
                    for kind in crate::dossier::FileKind::ALL {
                        all.insert(
                            crate::dossier::skeleton::schema_file_name(kind),
                            crate::dossier::schema::schema(kind).clone(),
                        );
                    }
                    let text = serde_json::to_string_pretty(&serde_json::Value::Object(all))
                        .map_err(|e| Error::Usage(e.to_string()))?;
                    print(&(text + "\n"))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
