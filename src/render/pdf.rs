//! Markdown → typst → PDF, in-process. The only module that knows typst.
//!
//! Dossier text never becomes typst markup. The Markdown (whose text runs came from the
//! dossier) is walked event by event into a body of typst function calls in which every run
//! of text is a string literal (`#"…";`): a string placed as content is never parsed again,
//! so `#panic("x")`, `$x$` or `#read("/etc/passwd")` print as themselves. The page layout is a
//! static template (`templates/layout.typ`) that reads its metadata from `sys.inputs`, also
//! as strings. The typst world serves exactly two files, the layout and the body; any other
//! file access is denied, and the fonts are the ones compiled into the binary.

use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::fonts::FontStore;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::escape::is_linkable;
use super::html::markdown_options;
use crate::diag::source::{ByteRange, SourceText};
use crate::diag::{Diagnostic, Error, Result};

/// What the layout shows besides the body: title page, running header and footer.
pub struct PdfMeta {
    /// `key → text` pairs passed to the layout as `sys.inputs`.
    pub inputs: Vec<(String, String)>,
    /// The document's date (document metadata and the PDF's timestamps).
    pub date: NaiveDate,
    /// A stable identifier of the document (the PDF's /ID is derived from it).
    pub ident: String,
}

/// A rendered PDF and its page count.
pub struct Pdf {
    /// The file.
    pub bytes: Vec<u8>,
    /// Pages.
    pub pages: usize,
    /// Why the file is not PDF/A-2b, when it could not be.
    pub not_archival: Option<String>,
}

/// Renders `markdown` into a PDF/A-2b file with the given layout template.
pub fn render(markdown: &str, layout: &Arc<SourceText>, meta: &PdfMeta) -> Result<Pdf> {
    let body = typst_body(markdown);
    let world = MemoryWorld::new(layout, body, meta);
    // The layout may come from `--templates`: any typst program, bounded by the watchdog.
    let watched = crate::budget::guard(format!("the PDF layout {}", layout.name));
    let warned = typst::compile::<typst_layout::PagedDocument>(&world);
    drop(watched);
    let document = warned
        .output
        .map_err(|errors| world.diagnose(&errors, layout))?;
    if !warned.warnings.is_empty() {
        // A warning (an unknown font, say) means the layout did not come out as designed.
        return Err(world.diagnose(&warned.warnings, layout));
    }
    let pages = document.pages().len();
    let (year, month, day) = (meta.date.year(), meta.date.month(), meta.date.day());
    let datetime = Datetime::from_ymd_hms(year, month as u8, day as u8, 0, 0, 0);
    let standards = PdfStandards::new(&[PdfStandard::A_2b])
        .map_err(|e| Error::Internal(format!("PDF/A-2b cannot be configured: {}", e.message())))?;
    let options = |standards| PdfOptions {
        ident: Smart::Custom(meta.ident.clone()),
        creator: Smart::Custom(Some(format!("aiact {}", crate::version::VERSION))),
        timestamp: datetime.map(Timestamp::new_utc),
        standards,
        ..PdfOptions::default()
    };
    let (bytes, not_archival) = match typst_pdf::pdf(&document, &options(standards)) {
        Ok(bytes) => (bytes, None),
        // PDF/A requires every character to be drawn with an embedded font. Text in a script
        // the bundled fonts do not cover (CJK, emoji) cannot be: write a plain tagged PDF
        // rather than no document, and say why. The Markdown and HTML carry the exact text.
        Err(errors) => {
            let bytes = typst_pdf::pdf(&document, &options(PdfStandards::default()))
                .map_err(|again| world.diagnose(&again, layout))?;
            (bytes, Some(why_not_archival(&errors)))
        }
    };
    // Typst keeps memoised results between compilations; documents share little, so keep
    // memory flat across a build.
    typst::comemo::evict(0);
    Ok(Pdf {
        bytes,
        pages,
        not_archival,
    })
}

/// One sentence from the PDF/A errors: the characters that could not be shown, or the first
/// message.
fn why_not_archival(errors: &[SourceDiagnostic]) -> String {
    let mut characters: Vec<String> = Vec::new();
    for error in errors {
        let message = error.message.as_str();
        if let Some(text) = message
            .split("the text `\"")
            .nth(1)
            .and_then(|rest| rest.split("\"`").next())
            && !characters.iter().any(|c| c == text)
        {
            characters.push(text.to_owned());
        }
    }
    if characters.is_empty() {
        let first = errors.first().map_or("", |e| e.message.as_str());
        return format!("written as tagged PDF 1.7, not PDF/A-2b: {first}");
    }
    let shown: Vec<&str> = characters.iter().take(12).map(String::as_str).collect();
    format!(
        "written as tagged PDF 1.7, not PDF/A-2b: the bundled fonts cannot display {}{}",
        shown.join(" "),
        if characters.len() > shown.len() {
            format!(" and {} more", characters.len() - shown.len())
        } else {
            String::new()
        }
    )
}

/// The fonts compiled into the binary, loaded once.
fn fonts() -> &'static FontStore {
    static FONTS: OnceLock<FontStore> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut store = FontStore::new();
        store.extend(typst_kit::fonts::embedded());
        store
    })
}

/// The id of one of the world's two files; `path` is one of the constants `/main.typ` and
/// `/body.typ`, which always parse.
fn file_id(path: &'static str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a constant virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// A typst world holding the layout (as `/main.typ`) and the generated body (`/body.typ`).
struct MemoryWorld {
    library: LazyHash<Library>,
    main: Source,
    body: Source,
    today: Option<Datetime>,
}

impl MemoryWorld {
    fn new(layout: &Arc<SourceText>, body: String, meta: &PdfMeta) -> MemoryWorld {
        let mut inputs = Dict::new();
        for (key, value) in &meta.inputs {
            inputs.insert(key.as_str().into(), value.as_str().into_value());
        }
        let library = Library::builder().with_inputs(inputs).build();
        let (year, month, day) = (meta.date.year(), meta.date.month(), meta.date.day());
        MemoryWorld {
            library: LazyHash::new(library),
            main: Source::new(file_id("/main.typ"), layout.text.clone()),
            body: Source::new(file_id("/body.typ"), body),
            today: Datetime::from_ymd(year, month as u8, day as u8),
        }
    }

    /// Typst diagnostics as aiact diagnostics: located in the layout template when they are
    /// there, otherwise (the generated body) reported as an internal error.
    fn diagnose(&self, errors: &[SourceDiagnostic], layout: &Arc<SourceText>) -> Error {
        let diagnostics = errors
            .iter()
            .map(|error| {
                let mut diagnostic =
                    Diagnostic::error(format!("PDF rendering failed: {}", error.message));
                let in_layout = error.span.id() == Some(self.main.id());
                match self.range(error.span) {
                    Some(range) if in_layout => {
                        diagnostic = diagnostic.at(
                            layout,
                            ByteRange {
                                start: range.start,
                                end: range.end.max(range.start + 1),
                            },
                        );
                    }
                    _ => {
                        diagnostic = diagnostic.in_file(if in_layout {
                            layout.name.clone()
                        } else {
                            "(generated document body)".to_owned()
                        });
                    }
                }
                for hint in &error.hints {
                    diagnostic = diagnostic.help(hint.v.to_string());
                }
                diagnostic
            })
            .collect();
        Error::Input(diagnostics)
    }
}

impl World for MemoryWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        fonts().book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.body.id() {
            Ok(self.body.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() || id == self.body.id() {
            let source = self.source(id)?;
            return Ok(Bytes::from_string(source.text().to_owned()));
        }
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// A typst string literal holding `text` exactly.
fn string_literal(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Text placed as content: `#"…";`.
fn text_run(text: &str, out: &mut String) {
    if text.is_empty() {
        return;
    }
    out.push('#');
    string_literal(text, out);
    out.push(';');
}

/// Converts Markdown into typst markup made only of function calls and string literals.
pub fn typst_body(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 2);
    // Which open links became typst links (an unsafe one shows only its text).
    let mut links: Vec<bool> = Vec::new();
    // Inside a code block the text is collected and emitted as one raw element.
    let mut code: Option<String> = None;
    // Where the current table's header starts, to drop a header whose cells are all empty.
    let mut header_start = 0;
    for event in Parser::new_ext(markdown, markdown_options()) {
        if let Some(buffer) = code.as_mut() {
            match event {
                Event::Text(text) => buffer.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    out.push_str("#raw(block: true, ");
                    string_literal(buffer.trim_end_matches('\n'), &mut out);
                    out.push_str(")\n");
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {}
                Tag::Heading { level, .. } => {
                    let level = match level {
                        HeadingLevel::H1 => 1,
                        HeadingLevel::H2 => 2,
                        HeadingLevel::H3 => 3,
                        HeadingLevel::H4 => 4,
                        HeadingLevel::H5 => 5,
                        HeadingLevel::H6 => 6,
                    };
                    out.push_str(&format!("#heading(level: {level})["));
                }
                Tag::BlockQuote(_) => out.push_str("#quote(block: true)["),
                Tag::CodeBlock(_) => code = Some(String::new()),
                Tag::List(None) => out.push_str("#list(tight: true, "),
                Tag::List(Some(start)) => out.push_str(&format!("#enum(start: {start}, ")),
                Tag::Item => out.push('['),
                Tag::Table(alignments) => {
                    out.push_str(&format!("#table(columns: {}, ", alignments.len().max(1)));
                }
                Tag::TableHead => {
                    header_start = out.len();
                    out.push_str("table.header(");
                }
                Tag::TableRow => {}
                Tag::TableCell => out.push('['),
                Tag::Emphasis => out.push_str("#emph["),
                Tag::Strong => out.push_str("#strong["),
                Tag::Strikethrough => out.push_str("#strike["),
                Tag::Link { dest_url, .. } => {
                    let linkable = is_linkable(&dest_url);
                    links.push(linkable);
                    if linkable {
                        out.push_str("#link(");
                        string_literal(&dest_url, &mut out);
                        out.push_str(")[");
                    }
                }
                Tag::Image { dest_url, .. } => {
                    text_run(&format!("[image: {dest_url}] "), &mut out);
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => out.push_str("#parbreak()\n"),
                TagEnd::Heading(_) => out.push_str("]\n"),
                TagEnd::BlockQuote(_) => out.push_str("]\n"),
                TagEnd::List(_) => out.push_str(")\n"),
                TagEnd::Item => out.push_str("], "),
                TagEnd::Table => out.push_str(")\n"),
                TagEnd::TableHead => {
                    if out[header_start..].contains('#') {
                        out.push_str("), ");
                    } else {
                        // A key/value table: no header row, and no header shading.
                        out.truncate(header_start);
                        out.push_str("fill: none, ");
                    }
                }
                TagEnd::TableRow => out.push('\n'),
                TagEnd::TableCell => out.push_str("], "),
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => out.push(']'),
                TagEnd::Link if links.pop().unwrap_or(false) => out.push(']'),
                _ => {}
            },
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                text_run(&text, &mut out);
            }
            Event::Code(text) => {
                out.push_str("#raw(");
                string_literal(&text, &mut out);
                out.push_str(");");
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak();"),
            Event::Rule => out.push_str("#line(length: 100%)\n"),
            Event::TaskListMarker(done) => text_run(if done { "☒ " } else { "☐ " }, &mut out),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_string_literals_only() {
        let body = typst_body(
            "# Title\n\nHello #panic(\"x\") $x$ \\*lit\\* and *emph* [l](https://e.com)\n\n- a\n- b\n\n| h | i |\n|---|---|\n| 1 | 2 |\n\n```\ncode #x\n```\n",
        );
        assert!(body.contains("#heading(level: 1)[#\"Title\";]"), "{body}");
        assert!(
            body.contains("#\"Hello #panic(\\\"x\\\") $x$ \";"),
            "{body}"
        );
        assert!(body.contains("#emph[#\"emph\";]"), "{body}");
        assert!(body.contains("#link(\"https://e.com\")[#\"l\";]"), "{body}");
        assert!(
            body.contains("#list(tight: true, [#\"a\";], [#\"b\";], )"),
            "{body}"
        );
        assert!(
            body.contains("#table(columns: 2, table.header([#\"h\";], [#\"i\";], ), "),
            "{body}"
        );
        assert!(body.contains("#raw(block: true, \"code #x\")"), "{body}");
    }

    #[test]
    fn unsafe_links_keep_only_their_text() {
        let body = typst_body("[click](javascript:alert(1))");
        assert!(!body.contains("#link"), "{body}");
        assert!(body.contains("#\"click\";"), "{body}");
    }

    #[test]
    fn string_literals_escape_what_typst_would_read() {
        let mut out = String::new();
        string_literal("a\"b\\c\nd\u{7}", &mut out);
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u{7}\"");
    }
}
