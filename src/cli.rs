//! Command-line types (clap) and their dispatch to the library. No logic of its own beyond
//! choosing output streams and formats; exit codes are decided here from library results.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
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

/// Formats of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    /// Markdown.
    Md,
    /// A self-contained HTML page.
    Html,
    /// PDF/A-2b.
    Pdf,
}

/// Audiences of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AudienceChoice {
    /// The AI Office and national competent authorities: technical documentation.
    Authority,
    /// Downstream providers: information for downstream providers.
    Downstream,
    /// The public: training-content summary and copyright policy.
    Public,
}

/// Options shared by the commands that evaluate the rules.
#[derive(Debug, Clone, clap::Args)]
pub struct EvaluationArgs {
    /// Extra rule packs (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rule_dirs: Vec<PathBuf>,
    /// Extra benchmark catalogue packs (repeatable), as for `import`.
    #[arg(long = "benchmarks", value_name = "DIR")]
    pub benchmark_dirs: Vec<PathBuf>,
    /// Evaluate date rules as of this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
    /// Relative tolerance of the compute-estimate cross-check (default: the rule's, 0.3).
    #[arg(long, value_name = "FRACTION")]
    pub compute_tolerance: Option<f64>,
}

impl EvaluationArgs {
    fn options(self) -> Result<crate::CheckOptions, Error> {
        if let Some(tolerance) = self.compute_tolerance
            && !(0.0..=10.0).contains(&tolerance)
        {
            return Err(Error::Usage(format!(
                "--compute-tolerance must be a fraction such as 0.3, not {tolerance}"
            )));
        }
        Ok(crate::CheckOptions {
            rule_dirs: self.rule_dirs,
            benchmark_dirs: self.benchmark_dirs,
            as_of: self.as_of,
            compute_tolerance: self.compute_tolerance,
            scope: crate::rules::scope::Scope::default(),
        })
    }
}

/// The documents `check --document` names, by file stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentChoice {
    /// Art. 53(1)(a), Annex XI.
    TechnicalDocumentation,
    /// Art. 53(1)(b), Annex XII.
    DownstreamInformation,
    /// Art. 53(1)(d), the AI Office template.
    TrainingContentSummary,
    /// Art. 53(1)(c).
    CopyrightPolicy,
}

impl From<DocumentChoice> for crate::rules::Document {
    fn from(choice: DocumentChoice) -> Self {
        match choice {
            DocumentChoice::TechnicalDocumentation => {
                crate::rules::Document::TechnicalDocumentation
            }
            DocumentChoice::DownstreamInformation => crate::rules::Document::DownstreamInformation,
            DocumentChoice::TrainingContentSummary => {
                crate::rules::Document::TrainingContentSummary
            }
            DocumentChoice::CopyrightPolicy => crate::rules::Document::CopyrightPolicy,
        }
    }
}

/// What `check` is restricted to: the rules that feed what you file. A rule must pass every
/// option given, and any one value of each (the options repeat and take commas).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ScopeArgs {
    /// Only the rules that feed this document.
    #[arg(
        long = "document",
        value_enum,
        value_delimiter = ',',
        value_name = "NAME"
    )]
    pub documents: Vec<DocumentChoice>,
    /// Only the rules that feed a document for this audience.
    #[arg(
        long = "audience",
        value_enum,
        value_delimiter = ',',
        value_name = "AUDIENCE"
    )]
    pub audiences: Vec<AudienceChoice>,
    /// Only the rules of this area (as `aiact rules list` groups them).
    #[arg(long = "area", value_delimiter = ',', value_name = "AREA")]
    pub areas: Vec<String>,
}

impl ScopeArgs {
    fn scope(self) -> crate::rules::scope::Scope {
        let mut scope = crate::rules::scope::Scope {
            documents: self.documents.into_iter().map(Into::into).collect(),
            audiences: self.audiences.into_iter().map(Into::into).collect(),
            areas: self.areas,
        };
        scope.documents.sort();
        scope.documents.dedup();
        scope.audiences.sort();
        scope.audiences.dedup();
        scope.areas.sort();
        scope.areas.dedup();
        scope
    }
}

/// What `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    /// A Hugging Face model card (README.md with YAML front matter).
    HfCard,
    /// A Hugging Face dataset card.
    HfDatasetCard,
    /// lm-evaluation-harness results (v0.3 or v0.4 JSON).
    LmEval,
    /// Inspect AI logs (.json or .eval).
    Inspect,
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
        /// Fill the skeleton from a Hugging Face model card.
        #[arg(long, value_name = "README.md")]
        from_hf_card: Option<PathBuf>,
    },
    /// Bring a model or dataset card or evaluation logs into the dossier. Each source is kept
    /// as evidence and every imported value records where in it the value was read; fields
    /// already answered are kept. Exit 0 imported; 2 nothing written.
    Import {
        /// What the files are.
        #[arg(value_enum)]
        kind: ImportKind,
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The dossier directory.
        #[arg(long, value_name = "DIR")]
        into: PathBuf,
        /// Extra benchmark-catalogue packs (repeatable): YAML files in the format of
        /// rules/benchmarks/, validated like the shipped ones; an id already catalogued is an
        /// error.
        #[arg(long = "benchmarks", value_name = "DIR")]
        benchmark_dirs: Vec<PathBuf>,
    },
    /// Rewrite a dossier of an older format version in place (comments kept): format
    /// version 1 to 2. Lists written `[]` become unanswered (`~`), because version 1 wrote `[]`
    /// for lists nobody answered. Every change is listed; the originals are kept as `NAME.v1`.
    /// Exit 0 migrated (or nothing to do); 2 nothing written.
    Migrate {
        /// The dossier directory.
        #[arg(default_value = ".")]
        dir: PathBuf,
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
    /// The evaluation results by alignment dimension: how many, which benchmarks and
    /// harnesses, the latest run, the model versions, the coverage, the results mapped to no
    /// dimension, and inconsistent or single-draw results.
    Evals {
        /// The dossier directory.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Extra benchmark catalogue packs (repeatable), as for `import`.
        #[arg(long = "benchmarks", value_name = "DIR")]
        benchmark_dirs: Vec<PathBuf>,
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
        /// Exit 1 when a warning-severity rule fails too.
        #[arg(long)]
        deny_warnings: bool,
        /// In the human report, list passing and not-applicable rules too.
        #[arg(long, short)]
        verbose: bool,
        #[command(flatten)]
        evaluation: EvaluationArgs,
        #[command(flatten)]
        scope: ScopeArgs,
    },
    /// Render documents (Markdown, HTML, PDF) into a directory, for all audiences or one.
    Render {
        /// The dossier directory.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Directory to write the documents into (must be missing or empty unless --force).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Formats to render (comma-separated).
        #[arg(long, value_enum, value_delimiter = ',', default_values_t = [DocumentFormat::Md, DocumentFormat::Html, DocumentFormat::Pdf])]
        format: Vec<DocumentFormat>,
        /// Render only the documents for this audience.
        #[arg(long, value_enum)]
        audience: Option<AudienceChoice>,
        /// A directory of templates overriding the built-in ones by file name.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Replace the content of a non-empty output directory.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        evaluation: EvaluationArgs,
    },
    /// The main job: check every obligation, render every document in every format and write
    /// the bundle (documents, compliance report, a copy of the dossier). Exit 0 when written
    /// with no error finding, 1 when written with error findings, 2 when nothing was written.
    Build {
        /// The dossier directory.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The bundle directory (must be missing or empty unless --force).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// A directory of templates overriding the built-in ones by file name.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Replace the content of a non-empty bundle directory.
        #[arg(long)]
        force: bool,
        /// Exit 1 when a warning-severity rule fails too.
        #[arg(long)]
        deny_warnings: bool,
        /// Sign the bundle with this Ed25519 private key (PKCS#8 PEM, from `aiact keygen` or
        /// `openssl genpkey -algorithm ed25519`).
        #[arg(long, value_name = "KEY")]
        key: Option<PathBuf>,
        #[command(flatten)]
        evaluation: EvaluationArgs,
    },
    /// Write a new Ed25519 signing key: PREFIX.key (private, mode 0600), PREFIX.pub (OpenSSH
    /// line for allowed_signers) and PREFIX.pub.pem (for openssl).
    Keygen {
        /// Path prefix of the key files.
        #[arg(long, value_name = "PREFIX")]
        out: PathBuf,
        /// The comment of the OpenSSH public key line (who signs).
        #[arg(long, default_value = "aiact")]
        comment: String,
    },
    /// Sign a bundle: an SSH signature of MANIFEST.json and a DSSE in-toto attestation. The
    /// bundle is verified first; an altered bundle is not signed.
    Sign {
        /// The bundle directory.
        bundle: PathBuf,
        /// The Ed25519 private key (PKCS#8 PEM).
        #[arg(long, value_name = "KEY")]
        key: PathBuf,
    },
    /// Verify a bundle: every file against MANIFEST.json (altered, missing, extra), and with
    /// --key the signatures. Exit 0 intact, 1 altered or bad signature, 2 unusable input.
    Verify {
        /// The bundle directory.
        bundle: PathBuf,
        /// The signer's public key (`.pub` OpenSSH line or `.pub.pem`); without it only the
        /// integrity is checked, not who made the bundle.
        #[arg(long, value_name = "PUB")]
        key: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print SHA-256 digests of files and directories (recursive, sorted) in sha256sum's
    /// format, hashing several files at once.
    Digest {
        /// Files and directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Threads to hash with (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
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
        /// Write the JSON Schemas of aiact's machine outputs (`check --format json`,
        /// `classify`, `evals`, exit-2 errors) into DIR instead.
        #[arg(long, value_name = "DIR", conflicts_with = "out")]
        outputs: Option<PathBuf>,
    },
    /// Print a shell completion script (for example `aiact completions bash >
    /// /etc/bash_completion.d/aiact`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for example `aiact man > aiact.1`.
    Man,
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
    // A program asking for JSON gets the errors as JSON too, on stdout, with exit 2.
    let json_errors = matches!(
        &cli.command,
        Command::Check {
            format: CheckFormat::Json,
            ..
        } | Command::Classify {
            format: Format::Json,
            ..
        } | Command::Evals {
            format: Format::Json,
            ..
        } | Command::Verify {
            format: Format::Json,
            ..
        } | Command::Rules {
            command: RulesCommand::List {
                format: Format::Json,
                ..
            }
        }
    );
    match execute(cli.command) {
        Ok(code) => code,
        Err(error) if json_errors => {
            let text = serde_json::to_string_pretty(&error.to_json()).unwrap_or_default() + "\n";
            let _ = std::io::stdout().write_all(text.as_bytes());
            let _ =
                std::io::stderr().write_all(diag::render(&error.diagnostics(), color).as_bytes());
            ExitCode::from(2)
        }
        Err(error) => {
            let text = diag::render(&error.diagnostics(), color);
            let _ = std::io::stderr().write_all(text.as_bytes());
            ExitCode::from(2)
        }
    }
}

/// Appends the Markdown report to GitHub's step summary file.
fn append_step_summary(path: &Path, markdown: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(markdown.as_bytes())
        .and_then(|()| file.write_all(b"\n"))
        .map_err(|e| Error::io(path, e))
}

fn print(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| Error::io("<stdout>", e))
}

/// One line per rendered document, on a terminal only; warnings always.
fn progress_line(document: &crate::render::RenderedDocument) {
    for warning in &document.warnings {
        eprintln!("warning: {warning}");
    }
    if !std::io::stderr().is_terminal() {
        return;
    }
    let formats: Vec<String> = document
        .files
        .iter()
        .filter_map(|(path, _)| path.extension().map(|e| e.to_string_lossy().into_owned()))
        .collect();
    let pages = document
        .pages
        .map_or(String::new(), |p| format!(", {p} pages"));
    eprintln!(
        "  rendered {} ({}{pages})",
        document.kind.stem(),
        formats.join(", ")
    );
}

fn execute(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Init {
            dir,
            force,
            from_hf_card,
        } => init(&dir, force, from_hf_card.as_deref()),
        Command::Classify { dir, format } => classify(&dir, format),
        Command::Evals {
            dir,
            format,
            benchmark_dirs,
        } => {
            let profile = crate::evals(&dir, &benchmark_dirs)?;
            match format {
                Format::Human => print(&profile.human())?,
                Format::Json => print(&(to_json(&profile)? + "\n"))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            dir,
            format,
            output,
            deny_warnings,
            verbose,
            evaluation,
            scope,
        } => check(
            &dir,
            format,
            output.as_deref(),
            deny_warnings,
            verbose,
            evaluation,
            scope,
        ),
        Command::Render {
            dir,
            out,
            format,
            audience,
            templates,
            force,
            evaluation,
        } => {
            let mut formats: Vec<crate::render::Format> =
                format.into_iter().map(Into::into).collect();
            formats.sort();
            formats.dedup();
            let request = crate::RenderRequest {
                out,
                options: crate::render::RenderOptions {
                    documents: crate::render::DocumentKind::for_audience(audience.map(Into::into)),
                    formats,
                    templates,
                },
                force,
            };
            render(&dir, &request, evaluation)
        }
        Command::Build {
            dir,
            out,
            templates,
            force,
            deny_warnings,
            key,
            evaluation,
        } => build(
            &dir,
            out,
            templates,
            force,
            deny_warnings,
            key.as_deref(),
            evaluation,
        ),
        Command::Import {
            kind,
            files,
            into,
            benchmark_dirs,
        } => {
            let imported = crate::import(kind.into(), &files, &into, &benchmark_dirs)?;
            eprint!("{}", imported.summary());
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate { dir } => {
            eprint!("{}", crate::migrate(&dir)?.summary());
            Ok(ExitCode::SUCCESS)
        }
        Command::Keygen { out, comment } => {
            for path in &crate::keygen(&out, &comment)? {
                eprintln!("wrote {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Sign { bundle, key } => {
            let fingerprint = crate::sign(&bundle, &key)?;
            eprintln!(
                "signed {}: MANIFEST.json.sig and attestation.dsse.json (key {fingerprint})",
                bundle.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify {
            bundle,
            key,
            format,
        } => verify(&bundle, key.as_deref(), format),
        Command::Digest { paths, threads } => {
            crate::digest(&paths, threads)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { command } => rules(command),
        Command::Schema {
            outputs: Some(dir), ..
        } => {
            for (name, schema) in crate::output_schemas() {
                let path = dir.join(name);
                crate::output::write_atomic(&path, (to_json(&schema)? + "\n").as_bytes())?;
                eprintln!("wrote {}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { out, .. } => schema(out.as_deref()),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "aiact", &mut script);
            print(&String::from_utf8_lossy(&script))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map_err(|e| Error::io("<stdout>", e))?;
            print(&String::from_utf8_lossy(&page))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// 1 when the job ran and found what blocks, else 0.
fn verdict(blocks: bool) -> ExitCode {
    if blocks {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn init(dir: &Path, force: bool, card: Option<&Path>) -> Result<ExitCode, Error> {
    match crate::init(dir, force, card)? {
        crate::Initialised::FromCard(imported) => {
            eprintln!("wrote a dossier skeleton to {}", dir.display());
            eprint!("{}", imported.summary());
        }
        crate::Initialised::Skeleton(written) => eprintln!(
            "wrote a dossier skeleton with {} files to {}",
            written.len(),
            dir.display()
        ),
    }
    eprintln!(
        "next: fill in the YAML files, then run `aiact classify {}`",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn classify(dir: &Path, format: Format) -> Result<ExitCode, Error> {
    let classification = crate::classify(dir)?;
    match format {
        Format::Human => print(&classification.human())?,
        Format::Json => print(&(to_json(&classification)? + "\n"))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn check(
    dir: &Path,
    format: CheckFormat,
    output: Option<&Path>,
    deny_warnings: bool,
    verbose: bool,
    evaluation: EvaluationArgs,
    scope: ScopeArgs,
) -> Result<ExitCode, Error> {
    let mut options = evaluation.options()?;
    options.scope = scope.scope();
    let mut report = crate::check(dir, &dir.display().to_string(), &options)?;
    // Code scanning and annotations need paths relative to the repository root.
    let workspace = std::env::var_os("GITHUB_WORKSPACE")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok());
    if let Some(relative) = workspace.and_then(|w| crate::paths::relative_inside(dir, &w)) {
        report.artifact_dir = relative;
    }
    let text = report.write(format.into(), verbose, deny_warnings);
    if format == CheckFormat::Github
        && let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY")
    {
        // GitHub's job summary is a file each step appends to: append, never replace.
        append_step_summary(
            Path::new(&summary),
            &report.write(crate::report::Format::Markdown, verbose, deny_warnings),
        )?;
    }
    match output {
        Some(path) => {
            crate::output::write_atomic(path, text.as_bytes())?;
            eprint!(
                "{}",
                report.write(crate::report::Format::Human, verbose, deny_warnings)
            );
        }
        None => {
            print(&text)?;
            if format != CheckFormat::Human {
                eprintln!("{}", crate::report::summary_line(&report));
            }
        }
    }
    Ok(verdict(report.blocks(deny_warnings)))
}

fn render(
    dir: &Path,
    request: &crate::RenderRequest,
    evaluation: EvaluationArgs,
) -> Result<ExitCode, Error> {
    let options = evaluation.options()?;
    let shown = dir.display().to_string();
    let (documents, written) = crate::render(dir, &shown, &options, request, &progress_line)?;
    eprintln!(
        "wrote {written} files of {} documents to {}",
        documents.len(),
        request.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

#[allow(clippy::too_many_arguments)] // one per flag of `aiact build`
fn build(
    dir: &Path,
    out: PathBuf,
    templates: Option<PathBuf>,
    force: bool,
    deny_warnings: bool,
    key: Option<&Path>,
    evaluation: EvaluationArgs,
) -> Result<ExitCode, Error> {
    let options = evaluation.options()?;
    // Read the key before the slow work: a wrong key path should fail at once.
    let key = key.map(crate::sign::load_private).transpose()?;
    let signed = key.is_some();
    let request = crate::bundle::BuildOptions {
        out: out.clone(),
        force,
        templates,
        key,
    };
    let built = crate::build(
        dir,
        &dir.display().to_string(),
        &options,
        &request,
        &progress_line,
    )?;
    if signed {
        eprintln!("signed: MANIFEST.json.sig and attestation.dsse.json");
    }
    let pages: usize = built.documents.iter().filter_map(|d| d.pages).sum();
    eprintln!(
        "wrote {}: {} documents in Markdown, HTML and PDF ({pages} PDF pages), compliance-report.json and the dossier as checked ({} files in all)",
        out.display(),
        built.documents.len(),
        built.files.len()
    );
    eprintln!("{}", crate::report::summary_line(&built.report));
    let blocks = built.report.blocks(deny_warnings);
    if blocks {
        eprintln!(
            "error findings: see {}",
            out.join("compliance-report.md").display()
        );
    }
    Ok(verdict(blocks))
}

fn verify(bundle: &Path, key: Option<&Path>, format: Format) -> Result<ExitCode, Error> {
    let verification = crate::verify(bundle, key)?;
    match format {
        Format::Human => print(&verification.human(&bundle.display().to_string()))?,
        Format::Json => print(&verification.json())?,
    }
    Ok(verdict(!verification.passed()))
}

fn rules(command: RulesCommand) -> Result<ExitCode, Error> {
    let text = match command {
        RulesCommand::List { format, rule_dirs } => {
            let rules = crate::rules(&rule_dirs)?;
            match format {
                Format::Human => rules.human(),
                Format::Json => rules.json(),
            }
        }
        RulesCommand::Explain { id, rule_dirs } => crate::rules(&rule_dirs)?.explain(&id)?,
    };
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn schema(out: Option<&Path>) -> Result<ExitCode, Error> {
    match out {
        Some(out) => {
            for path in crate::write_schemas(out)? {
                eprintln!("wrote {}", path.display());
            }
        }
        None => {
            print(&(to_json(&crate::schemas())? + "\n"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn to_json(value: &impl serde::Serialize) -> Result<String, Error> {
    serde_json::to_string_pretty(value).map_err(|e| Error::Internal(e.to_string()))
}

impl From<CheckFormat> for crate::report::Format {
    fn from(format: CheckFormat) -> Self {
        match format {
            CheckFormat::Human => Self::Human,
            CheckFormat::Json => Self::Json,
            CheckFormat::Sarif => Self::Sarif,
            CheckFormat::Junit => Self::Junit,
            CheckFormat::Github => Self::Github,
            CheckFormat::Markdown => Self::Markdown,
        }
    }
}

impl From<DocumentFormat> for crate::render::Format {
    fn from(format: DocumentFormat) -> Self {
        match format {
            DocumentFormat::Md => Self::Markdown,
            DocumentFormat::Html => Self::Html,
            DocumentFormat::Pdf => Self::Pdf,
        }
    }
}

impl From<AudienceChoice> for crate::dossier::audience::Audience {
    fn from(audience: AudienceChoice) -> Self {
        match audience {
            AudienceChoice::Authority => Self::Authority,
            AudienceChoice::Downstream => Self::Downstream,
            AudienceChoice::Public => Self::Public,
        }
    }
}

impl From<ImportKind> for crate::import::Kind {
    fn from(kind: ImportKind) -> Self {
        match kind {
            ImportKind::HfCard => Self::HfCard,
            ImportKind::HfDatasetCard => Self::HfDatasetCard,
            ImportKind::LmEval => Self::LmEval,
            ImportKind::Inspect => Self::Inspect,
        }
    }
}
