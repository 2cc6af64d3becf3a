//! Rendering the documents: one tera template per document produces the Markdown, the single
//! source of content; HTML and PDF are derived from that Markdown, so all three formats say
//! the same thing.
//!
//! Each document is for one audience, and its template sees only the dossier fields marked
//! for that audience ([`crate::dossier::audience::visible_to`]). The compliance report is for
//! the provider and auditors; it shows findings and digests, not dossier content.

pub mod chart;
pub mod escape;
mod fields;
pub mod html;
pub mod languages;
pub mod markdown;
pub mod narrative;
pub mod pdf;
pub mod reads;
mod tokens;
pub mod view;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};

use crate::diag::{Error, Result};
use crate::dossier::LoadedDossier;
use crate::dossier::audience::Audience;
use crate::report::Report;
use markdown::Templates;
use view::DocumentContext;

/// A document aiact renders. File stems are fixed so pipelines can rely on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentKind {
    /// Annex XI (and §2 for systemic-risk models), with the Model Documentation Form fields.
    TechnicalDocumentation,
    /// Annex XII: what an integrator needs.
    DownstreamInformation,
    /// The AI Office template for the public summary of training content.
    TrainingContentSummary,
    /// The copyright policy per the Code of Practice copyright measures.
    CopyrightPolicy,
    /// Classification, findings, waivers and digests.
    ComplianceReport,
}

impl DocumentKind {
    /// Every document, in the order they are built and listed.
    pub const ALL: [DocumentKind; 5] = [
        DocumentKind::TechnicalDocumentation,
        DocumentKind::DownstreamInformation,
        DocumentKind::TrainingContentSummary,
        DocumentKind::CopyrightPolicy,
        DocumentKind::ComplianceReport,
    ];

    /// The file stem.
    pub fn stem(self) -> &'static str {
        match self {
            DocumentKind::TechnicalDocumentation => "technical-documentation",
            DocumentKind::DownstreamInformation => "downstream-information",
            DocumentKind::TrainingContentSummary => "training-content-summary",
            DocumentKind::CopyrightPolicy => "copyright-policy",
            DocumentKind::ComplianceReport => "compliance-report",
        }
    }

    /// The title.
    pub fn title(self) -> &'static str {
        match self {
            DocumentKind::TechnicalDocumentation => "Technical documentation",
            DocumentKind::DownstreamInformation => "Information for downstream providers",
            DocumentKind::TrainingContentSummary => {
                "Public summary of training content for general-purpose AI models"
            }
            DocumentKind::CopyrightPolicy => "Copyright policy",
            DocumentKind::ComplianceReport => "Compliance report",
        }
    }

    /// Who it is for; `None` for the compliance report (the provider and its auditors).
    pub fn audience(self) -> Option<Audience> {
        match self {
            DocumentKind::TechnicalDocumentation => Some(Audience::Authority),
            DocumentKind::DownstreamInformation => Some(Audience::Downstream),
            DocumentKind::TrainingContentSummary | DocumentKind::CopyrightPolicy => {
                Some(Audience::Public)
            }
            DocumentKind::ComplianceReport => None,
        }
    }

    /// The key of its record under `documents` in `aiact.yaml` (version, dates, history).
    pub fn record_key(self) -> Option<&'static str> {
        match self {
            DocumentKind::TechnicalDocumentation => Some("technical_documentation"),
            DocumentKind::DownstreamInformation => Some("downstream_information"),
            DocumentKind::TrainingContentSummary => Some("training_content_summary"),
            DocumentKind::CopyrightPolicy => Some("copyright_policy"),
            DocumentKind::ComplianceReport => None,
        }
    }

    /// The provisions it answers, in canonical citation form.
    pub fn legal_basis(self) -> &'static str {
        match self {
            DocumentKind::TechnicalDocumentation => "Art. 53(1)(a), Annex XI",
            DocumentKind::DownstreamInformation => "Art. 53(1)(b), Annex XII",
            DocumentKind::TrainingContentSummary => "Art. 53(1)(d), AI Office template",
            DocumentKind::CopyrightPolicy => "Art. 53(1)(c), CoP Copyright M1.1–M1.5",
            DocumentKind::ComplianceReport => "Regulation (EU) 2024/1689, Chapter V",
        }
    }

    /// Who the document is addressed to, in words.
    pub fn audience_label(self) -> &'static str {
        match self.audience() {
            Some(Audience::Authority) => "AI Office and national competent authorities",
            Some(Audience::Downstream) => "Providers of AI systems integrating the model",
            Some(Audience::Public) => "Public",
            None => "Provider and auditors",
        }
    }

    /// The documents for one audience (all of them when `None`).
    pub fn for_audience(audience: Option<Audience>) -> Vec<DocumentKind> {
        DocumentKind::ALL
            .into_iter()
            .filter(|kind| audience.is_none() || kind.audience() == audience)
            .collect()
    }
}

/// An output format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Markdown: the single source of content.
    Markdown,
    /// A self-contained HTML page.
    Html,
    /// PDF/A-2b.
    Pdf,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Pdf];

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// What to render.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The documents.
    pub documents: Vec<DocumentKind>,
    /// The formats.
    pub formats: Vec<Format>,
    /// A directory of templates overriding the built-in ones by name.
    pub templates: Option<PathBuf>,
}

/// One rendered document in the requested formats.
#[derive(Debug, Clone)]
pub struct RenderedDocument {
    /// Which document.
    pub kind: DocumentKind,
    /// The files (name → bytes), in format order.
    pub files: Vec<(PathBuf, Vec<u8>)>,
    /// Pages of the PDF, when one was rendered.
    pub pages: Option<usize>,
    /// Things the user should know about the output (a PDF that could not be PDF/A).
    pub warnings: Vec<String>,
}

/// Renders the requested documents. `progress` is called as each document is done.
pub fn render(
    loaded: &LoadedDossier,
    report: &Report,
    artefacts: &[crate::dossier::artefacts::ArtefactEntry],
    options: &RenderOptions,
    progress: &(dyn Fn(&RenderedDocument) + Sync),
) -> Result<Vec<RenderedDocument>> {
    let templates = Templates::load(options.templates.as_deref())?;
    let engine = templates.compile()?;
    let mut unified = loaded.dossier.to_unified_value();
    // Model artefacts kept in the dossier are documented with the digest and size of the
    // file itself (`build` has checked them against any declared values).
    if let Some(listed) = unified["technical"]["artefacts"].as_array_mut() {
        for artefact in listed {
            let Some(entry) = artefact["path"]
                .as_str()
                .and_then(|path| artefacts.iter().find(|a| a.path == path))
            else {
                continue;
            };
            artefact["sha256"] = json!(entry.sha256);
            artefact["size_bytes"] = json!(entry.size);
        }
    }
    let layout = templates.source("layout.typ");
    let stylesheet = templates.text("style.css");

    // The ranked domain list of the summary, from the dossier or from its domains file.
    let top_domains = &loaded.dossier.data.sources.crawled_data.top_domains;
    let domains = match &top_domains.domains_file {
        Some(file) => crate::dossier::evidence::read_domains(&loaded.dir.join(file.as_str()))?,
        None => top_domains.domains.clone().unwrap_or_default(),
    };

    // Markdown first, for every document: cheap, and a template error stops everything
    // before the slow PDF work starts.
    let mut sources = Vec::new();
    for &kind in &options.documents {
        let context = DocumentContext::new(kind, &unified, report, &domains).to_value();
        let markdown = tidy(&engine.render(&format!("{}.md", kind.stem()), &context)?);
        sources.push((kind, markdown, context));
    }

    // PDFs take most of the time: render documents on up to two threads.
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 2);
    let results: Vec<Vec<(usize, Result<RenderedDocument>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::SeqCst);
                        let Some((kind, markdown, context)) = sources.get(index) else {
                            break;
                        };
                        let result = render_formats(
                            *kind,
                            markdown,
                            context,
                            &options.formats,
                            &layout,
                            stylesheet,
                            report,
                        );
                        if let Ok(document) = &result {
                            progress(document);
                        }
                        done.push((index, result));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![(
                        usize::MAX,
                        Err(Error::Internal("a rendering thread failed".to_owned())),
                    )]
                })
            })
            .collect()
    });
    let mut all: Vec<(usize, Result<RenderedDocument>)> = results.into_iter().flatten().collect();
    all.sort_by_key(|(index, _)| *index);
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    for (_, result) in all {
        match result {
            Ok(document) => documents.push(document),
            Err(error) => problems.extend(error.diagnostics()),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(problems));
    }
    Ok(documents)
}

/// Template output with trailing spaces removed and runs of blank lines collapsed, so the
/// Markdown reads cleanly whatever the template's whitespace. (Dossier text cannot hold a
/// code block, whose blank lines would matter: leading whitespace is dropped when escaping,
/// and `narrative` indents only the continuation lines of list items, never a blank run.)
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank_run = 0;
    for line in markdown.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn render_formats(
    kind: DocumentKind,
    markdown: &str,
    context: &Value,
    formats: &[Format],
    layout: &Arc<crate::diag::source::SourceText>,
    stylesheet: &str,
    report: &Report,
) -> Result<RenderedDocument> {
    let stem = kind.stem();
    let document = &context["document"];
    let text = |key: &str| document[key].as_str().unwrap_or("").to_owned();
    let version_line = format!(
        "{} version {} · last updated {}",
        kind.title(),
        non_empty(&text("version"), "not given"),
        non_empty(&text("last_updated"), "not given"),
    );
    let footer = vec![
        version_line.clone(),
        format!("Dossier SHA-256 {}", report.dossier.digest),
        format!(
            "Generated by aiact {} with rules {} as of {}",
            crate::version::VERSION,
            short(&report.rules.digest),
            report.as_of
        ),
    ];
    let mut files = Vec::new();
    let mut pages = None;
    let mut warnings = Vec::new();
    for format in formats {
        let name = PathBuf::from(format!("{stem}.{}", format.extension()));
        match format {
            // The Markdown file has the tables; its charts are pictures of them.
            Format::Markdown => files.push((name, chart::strip(markdown).into_bytes())),
            Format::Html => {
                let page = html::page(
                    markdown,
                    &html::PageMeta {
                        title: &format!("{} – {}", kind.title(), text("model")),
                        language: "en",
                        footer: &footer,
                    },
                    stylesheet,
                );
                files.push((name, page.into_bytes()));
            }
            Format::Pdf => {
                let inputs = vec![
                    ("title".to_owned(), kind.title().to_owned()),
                    ("model".to_owned(), text("model")),
                    ("provider".to_owned(), text("provider")),
                    (
                        "version".to_owned(),
                        non_empty(&text("version"), "not given"),
                    ),
                    (
                        "last_updated".to_owned(),
                        non_empty(&text("last_updated"), "not given"),
                    ),
                    ("audience".to_owned(), kind.audience_label().to_owned()),
                    ("legal_basis".to_owned(), kind.legal_basis().to_owned()),
                    ("dossier_digest".to_owned(), report.dossier.digest.clone()),
                    ("rules_digest".to_owned(), report.rules.digest.clone()),
                    (
                        "generator".to_owned(),
                        format!("aiact {}", crate::version::VERSION),
                    ),
                    ("as_of".to_owned(), report.as_of.to_string()),
                ];
                let pdf = pdf::render(
                    markdown,
                    layout,
                    &pdf::PdfMeta {
                        inputs,
                        date: report.as_of,
                        ident: format!("aiact/{stem}/{}", report.dossier.digest),
                    },
                )?;
                pages = Some(pdf.pages);
                if let Some(why) = pdf.not_archival {
                    warnings.push(format!("{}: {why}", name.display()));
                }
                files.push((name, pdf.bytes));
            }
        }
    }
    Ok(RenderedDocument {
        kind,
        files,
        pages,
        warnings,
    })
}

fn non_empty(text: &str, otherwise: &str) -> String {
    if text.trim().is_empty() {
        otherwise.to_owned()
    } else {
        text.to_owned()
    }
}

fn short(digest: &str) -> &str {
    digest.get(..12).unwrap_or(digest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::FieldPath;
    use crate::dossier::schema::field_info;

    pub(super) fn example(name: &str) -> (LoadedDossier, Report) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name);
        let options = crate::CheckOptions {
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 29),
            ..crate::CheckOptions::default()
        };
        crate::evaluate(&dir, name, &options).expect("the example loads")
    }

    /// The evaluation profile goes to the technical documentation and the downstream
    /// information whole: every record field it reads must be marked for both audiences.
    #[test]
    fn every_record_field_the_evaluation_profile_reads_is_for_authorities_and_downstream() {
        use crate::dossier::Segment;
        for field in [
            "benchmark",
            "task",
            "metric",
            "value",
            "stderr",
            "unit",
            "higher_is_better",
            "n_shot",
            "samples",
            "samples_total",
            "harness",
            "harness_version",
            "date",
            "model_version",
            "dimensions",
            "compl_ai_requirement",
        ] {
            let path = FieldPath(vec![
                Segment::Key("evaluations".to_owned()),
                Segment::Key("records".to_owned()),
                Segment::Index(0),
                Segment::Key(field.to_owned()),
            ]);
            let info = field_info(&path).unwrap_or_else(|| panic!("{field} is a record field"));
            for mark in ["ai_office", "national_authorities", "downstream"] {
                assert!(
                    info.audiences.iter().any(|a| a == mark),
                    "evaluations.records[*].{field} is not marked {mark}: {:?}",
                    info.audiences
                );
            }
        }
    }

    /// Whether the schema of a field is free text (no enumeration, format or pattern), so any
    /// string is a valid value for it.
    fn is_free_text(path: &FieldPath) -> bool {
        let Some(info) = field_info(path) else {
            return false;
        };
        let schema = info.schema;
        let is_string = match schema.get("type") {
            Some(Value::String(t)) => t == "string",
            Some(Value::Array(types)) => types.iter().any(|t| t == "string"),
            _ => false,
        };
        is_string
            && ["enum", "oneOf", "format", "pattern", "const"]
                .iter()
                .all(|k| schema.get(k).is_none())
    }

    /// Puts a unique token into every free-text field (answered or not) and returns the
    /// tokens with their paths.
    fn plant(value: &mut Value, path: FieldPath, planted: &mut Vec<(String, FieldPath)>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    plant(child, path.key(key), planted);
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter_mut().enumerate() {
                    plant(child, path.index(index), planted);
                }
            }
            Value::String(_) | Value::Null if !path.is_root() && is_free_text(&path) => {
                let token = format!("zq{:05}zq", planted.len());
                *value = Value::String(token.clone());
                planted.push((token, path));
            }
            _ => {}
        }
    }

    #[test]
    fn no_document_shows_a_field_its_audience_may_not_see() {
        let (loaded, report) = example("frontier-non-eu");
        let mut unified = loaded.dossier.to_unified_value();
        let mut planted = Vec::new();
        plant(&mut unified, FieldPath::root(), &mut planted);
        assert!(planted.len() > 200, "{} fields planted", planted.len());
        let engine = Templates::load(None).unwrap().compile().unwrap();
        for kind in DocumentKind::ALL {
            let Some(audience) = kind.audience() else {
                continue;
            };
            let context = DocumentContext::new(kind, &unified, &report, &[]).to_value();
            let markdown = engine
                .render(&format!("{}.md", kind.stem()), &context)
                .unwrap_or_else(|e| panic!("{}: {:?}", kind.stem(), e.diagnostics()));
            let mut shown = 0;
            for (token, path) in &planted {
                let info = field_info(path).expect("planted paths exist");
                let allowed = audience
                    .marks()
                    .iter()
                    .any(|m| info.audiences.iter().any(|a| a == m));
                if markdown.contains(token.as_str()) {
                    assert!(
                        allowed,
                        "{} shows {path}, which is only for {:?}",
                        kind.stem(),
                        info.audiences
                    );
                    shown += 1;
                }
            }
            // The check above is only meaningful if documents do show planted fields.
            assert!(
                shown > 20,
                "{} shows only {shown} planted fields",
                kind.stem()
            );
        }
    }

    #[test]
    fn every_document_of_every_example_renders_to_markdown() {
        let engine = Templates::load(None).unwrap().compile().unwrap();
        for name in [
            "open-weights-eu",
            "frontier-non-eu",
            "fine-tune",
            "incomplete",
        ] {
            let (loaded, report) = example(name);
            let unified = loaded.dossier.to_unified_value();
            for kind in DocumentKind::ALL {
                let markdown = engine
                    .render(
                        &format!("{}.md", kind.stem()),
                        &DocumentContext::new(kind, &unified, &report, &[]).to_value(),
                    )
                    .unwrap_or_else(|e| panic!("{name} {}: {:?}", kind.stem(), e.diagnostics()));
                assert!(markdown.starts_with("# "), "{name} {}", kind.stem());
            }
        }
    }

    #[test]
    fn tidy_collapses_blank_runs() {
        assert_eq!(tidy("\n\na  \n\n\n\nb\n\n"), "a\n\nb\n");
    }
}
