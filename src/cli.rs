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

/// Output formats of `classify` and `rules list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text for people.
    Human,
    /// The documented JSON object.
    Json,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Text for people, grouped by area of obligations.
    Human,
    /// The documented JSON report.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML, for GitLab and Jenkins test reports.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A Markdown summary for pull-request comments and job summaries.
    Markdown,
}

/// `aiact rules` subcommands.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// The rule catalogue with legal bases, severities and applicability.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Extra rule packs to include (repeatable).
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
    },
    /// The obligation a rule encodes, what it checks and what satisfies it.
    Explain {
        /// The rule id, such as DOC-002.
        id: String,
        /// Extra rule packs to include (repeatable).
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
    },
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
    /// Evaluate every obligation against the dossier. Exit 0 when no error-severity rule
    /// fails, 1 when one does (or a warning does, with --deny-warnings), 2 when the dossier
    /// or a rule pack cannot be evaluated.
    Check {
        /// The dossier directory.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Write the report to FILE (atomically) instead of stdout; the human report then goes
        /// to stderr.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Extra rule packs (repeatable).
        #[arg(long = "rules", value_name = "DIR")]
        rule_dirs: Vec<PathBuf>,
        /// Exit 1 when a warning-severity rule fails too.
        #[arg(long)]
        deny_warnings: bool,
        /// Evaluate date rules as of this day (YYYY-MM-DD) instead of today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
        /// Relative tolerance of the compute-estimate cross-check (default: the rule's, 0.3).
        #[arg(long, value_name = "FRACTION")]
        compute_tolerance: Option<f64>,
        /// In the human report, list passing and not-applicable rules too.
        #[arg(long, short)]
        verbose: bool,
    },
    /// The rule catalogue.
    Rules {
        /// What to show.
        #[command(subcommand)]
        command: RulesCommand,
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
        Command::Check {
            dir,
            format,
            output,
            rule_dirs,
            deny_warnings,
            as_of,
            compute_tolerance,
            verbose,
        } => {
            if let Some(tolerance) = compute_tolerance
                && !(0.0..=10.0).contains(&tolerance)
            {
                return Err(Error::Usage(format!(
                    "--compute-tolerance must be a fraction such as 0.3, not {tolerance}"
                )));
            }
            let options = crate::CheckOptions {
                rule_dirs,
                as_of,
                compute_tolerance,
            };
            let shown = dir.display().to_string();
            let report = crate::check(&dir, &shown, &options)?;
            let human = crate::report::human(&report, verbose);
            let text = match format {
                CheckFormat::Human => human.clone(),
                CheckFormat::Json => crate::report::json(&report),
                CheckFormat::Sarif => crate::report::sarif(&report),
                CheckFormat::Junit => crate::report::junit(&report),
                CheckFormat::Github => crate::report::github(&report),
                CheckFormat::Markdown => crate::report::markdown(&report, deny_warnings),
            };
            match output {
                Some(path) => {
                    crate::output::write_atomic(&path, text.as_bytes())?;
                    eprint!("{human}");
                }
                None => {
                    print(&text)?;
                    if format != CheckFormat::Human {
                        eprintln!("{}", crate::report::summary_line(&report));
                    }
                }
            }
            Ok(if report.blocks(deny_warnings) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Rules { command } => {
            match command {
                RulesCommand::List { format, rule_dirs } => {
                    let rules = crate::rules::load(&rule_dirs)?;
                    let text = match format {
                        Format::Human => crate::rules::catalogue::human(&rules),
                        Format::Json => crate::rules::catalogue::json(&rules),
                    };
                    print(&text)?;
                }
                RulesCommand::Explain { id, rule_dirs } => {
                    let rules = crate::rules::load(&rule_dirs)?;
                    let text = crate::rules::catalogue::explain(&rules, &id)?;
                    print(&text)?;
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
