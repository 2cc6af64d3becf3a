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
use super::html::{markdown_options, question_label};
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
///
/// Two things are laid out here rather than left to typst's defaults, so that a reviewer can
/// read the documents: a question label (a top-level paragraph of nothing but strong text,
/// which templates put above an answer) is a sticky block, so a page never ends between a
/// question and its answer; and tables get column widths from their content (see
/// [`table_columns`]).
pub fn typst_body(markdown: &str) -> String {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, markdown_options()).collect();
    let mut out = String::with_capacity(markdown.len() * 2);
    // Which open links became typst links (an unsafe one shows only its text).
    let mut links: Vec<bool> = Vec::new();
    // Inside a code block the text is collected and emitted as one raw element.
    let mut code: Option<String> = None;
    // Whether that code block is a chart (see `super::chart`), drawn instead of quoted.
    let mut chart_block = false;
    // Where the current table's header starts, to drop a header whose cells are all empty.
    let mut header_start = 0;
    // Open lists, block quotes and tables: a question label is a top-level paragraph.
    let mut containers = 0usize;
    // The index of the end of the question label being written.
    let mut label_end = None;
    for (index, event) in events.iter().enumerate() {
        if let Some(buffer) = code.as_mut() {
            match event {
                Event::Text(text) => buffer.push_str(text),
                Event::End(TagEnd::CodeBlock) => {
                    let drawn = chart_block
                        .then(|| serde_json::from_str::<super::chart::Spec>(buffer.trim()).ok())
                        .flatten();
                    match drawn {
                        Some(spec) => out.push_str(&super::chart::typst(&spec)),
                        None => {
                            out.push_str("#raw(block: true, ");
                            string_literal(buffer.trim_end_matches('\n'), &mut out);
                            out.push_str(")\n");
                        }
                    }
                    code = None;
                    chart_block = false;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    if containers == 0
                        && let Some(end) = question_label(&events, index)
                    {
                        // Kept with the block below it; a little closer to it than to the
                        // block above, so it reads as the answer's heading.
                        out.push_str("#block(sticky: true, above: 1.5em, below: 0.6em)[");
                        label_end = Some(end);
                    }
                }
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
                Tag::BlockQuote(_) => {
                    containers += 1;
                    out.push_str("#quote(block: true)[");
                }
                Tag::CodeBlock(kind) => {
                    chart_block = matches!(kind, pulldown_cmark::CodeBlockKind::Fenced(info) if info.as_ref() == super::chart::INFO);
                    code = Some(String::new());
                }
                Tag::List(None) => {
                    containers += 1;
                    out.push_str("#list(tight: true, ");
                }
                Tag::List(Some(start)) => {
                    containers += 1;
                    out.push_str(&format!("#enum(start: {start}, "));
                }
                Tag::Item => out.push('['),
                Tag::Table(alignments) => {
                    containers += 1;
                    out.push_str(&format!(
                        "#table(columns: {}, ",
                        table_columns(&events[index..], alignments.len())
                    ));
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
                    let linkable = is_linkable(dest_url);
                    links.push(linkable);
                    if linkable {
                        out.push_str("#link(");
                        string_literal(dest_url, &mut out);
                        out.push_str(")[");
                    }
                }
                Tag::Image { dest_url, .. } => {
                    text_run(&format!("[image: {dest_url}] "), &mut out);
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph if label_end == Some(index) => {
                    label_end = None;
                    out.push_str("]\n");
                }
                TagEnd::Paragraph => out.push_str("#parbreak()\n"),
                TagEnd::Heading(_) => out.push_str("]\n"),
                TagEnd::BlockQuote(_) => {
                    containers = containers.saturating_sub(1);
                    out.push_str("]\n");
                }
                TagEnd::List(_) => {
                    containers = containers.saturating_sub(1);
                    out.push_str(")\n");
                }
                TagEnd::Item => out.push_str("], "),
                TagEnd::Table => {
                    containers = containers.saturating_sub(1);
                    out.push_str(")\n");
                }
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
                text_run(text, &mut out);
            }
            Event::Code(text) => code_span(text, &mut out),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak();"),
            Event::Rule => out.push_str("#line(length: 100%)\n"),
            Event::TaskListMarker(done) => text_run(if *done { "☒ " } else { "☐ " }, &mut out),
            _ => {}
        }
    }
    out
}

/// Inline code as `raw` text. A long run without spaces (a digest, a path) cannot wrap and
/// would run out of its table cell, so it is set as pieces of [`CODE_PIECE`] characters in
/// boxes, between which typst may break a line; the text of the PDF still reads as one run
/// (no character is added).
fn code_span(text: &str, out: &mut String) {
    let longest_run = text
        .split(char::is_whitespace)
        .map(|run| run.chars().count())
        .max()
        .unwrap_or(0);
    if longest_run <= SHORT_COLUMN {
        out.push_str("#raw(");
        string_literal(text, out);
        out.push_str(");");
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    for piece in chars.chunks(CODE_PIECE) {
        out.push_str("#box(raw(");
        string_literal(&piece.iter().collect::<String>(), out);
        out.push_str("));");
    }
}

/// Characters of a long code run per unbreakable piece: a 64-digit digest breaks into lines of
/// a multiple of 8 digits, half a digest in a code column (see [`table_columns`]).
const CODE_PIECE: usize = 8;

/// The longest cell, in characters, of a column sized to its content: a date, a version, a
/// tick box, a short name.
const SHORT_COLUMN: usize = 16;

/// The widths in points of the shared columns (`shared[c]`) out of `available`: in proportion
/// to their mean cell length (counted between 10 and 60 characters), except that a column is
/// never narrower than its widest word, which would otherwise run out of the cell; the others
/// share what is left.
fn shares(shared: &[bool], columns: &[ColumnText], available: f64) -> Vec<f64> {
    let weight = |c: &ColumnText| (c.total / c.cells.max(1)).clamp(10, 60) as f64;
    let mut widths = vec![0.0; columns.len()];
    let mut open: Vec<usize> = (0..columns.len()).filter(|&c| shared[c]).collect();
    let mut left = available.max(0.0);
    loop {
        let total: f64 = open.iter().map(|&c| weight(&columns[c])).sum();
        let narrow = open.iter().position(|&c| {
            left * weight(&columns[c]) / total.max(1.0) < columns[c].unbreakable + CELL_INSET
        });
        match narrow {
            Some(at) => {
                let c = open.remove(at);
                widths[c] = columns[c].unbreakable + CELL_INSET;
                left = (left - widths[c]).max(0.0);
            }
            None => {
                for &c in &open {
                    widths[c] = left * weight(&columns[c]) / total.max(1.0);
                }
                break;
            }
        }
    }
    widths
}

/// Estimates for sizing columns, in points, at the layout's text sizes (9 pt serif in tables,
/// 8.5 pt DejaVu Sans Mono for code). A layout with other sizes still gets a table that fits
/// the page: only the proportions are less exact.
const TEXT_WIDTH: f64 = 458.0;
const SERIF_CHAR: f64 = 4.3;
const MONO_CHAR: f64 = 8.5 * 0.602;
const CELL_INSET: f64 = 10.0;

/// What one column of a table holds, for [`table_columns`].
#[derive(Debug, Default, Clone)]
struct ColumnText {
    /// The longest cell, header included, in characters.
    longest: usize,
    /// Characters of all body cells, and how many there are.
    total: usize,
    cells: usize,
    /// Every non-empty body cell is inline code only (digests, identifiers), and the longest.
    code_only: bool,
    longest_code: usize,
    /// The widest thing that cannot wrap (a word, a code piece), in points.
    unbreakable: f64,
}

/// The width in points of the widest piece of `text` that a line cannot break inside: typst
/// breaks at spaces and after `-` and `/` (so URLs wrap).
fn unbreakable_text(text: &str) -> f64 {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .map(|word| word.chars().count() + 1)
        .max()
        .unwrap_or(0) as f64
        * SERIF_CHAR
}

/// Columns of the table whose events start at `events[0]`, as typst's `columns` argument.
///
/// - A two-column table without a header (`| | |`, questions and answers): the question 40 %,
///   the answer the rest, in every document, so the answers line up from table to table.
/// - Otherwise from the content. A short column (longest cell at most [`SHORT_COLUMN`]
///   characters, header included) is `auto`: as wide as its text, never wrapped. A column of
///   long code only (digests) is as wide as 32 code characters, so a 64-digit digest takes two
///   even lines. The other columns share the rest (see [`shares`]): by their mean cell length,
///   but never narrower than their widest word. The fixed columns together are kept within
///   65 % of the width, so shared columns keep room; the widest `auto` columns become shared
///   ones first. When every column is short, all share the width by their longest cell.
fn table_columns(events: &[Event<'_>], count: usize) -> String {
    let count = count.max(1);
    let mut columns = vec![
        ColumnText {
            code_only: true,
            ..ColumnText::default()
        };
        count
    ];
    let mut header_empty = true;
    let (mut in_head, mut column) = (false, 0usize);
    let (mut length, mut code, mut text) = (0usize, 0usize, false);
    for event in events.iter().skip(1) {
        match event {
            Event::End(TagEnd::Table) => break,
            Event::Start(Tag::TableHead) => (in_head, column) = (true, 0),
            Event::End(TagEnd::TableHead) => (in_head, column) = (false, 0),
            Event::Start(Tag::TableRow) => column = 0,
            Event::Start(Tag::TableCell) => (length, code, text) = (0, 0, false),
            Event::Text(t) => {
                length += t.chars().count();
                text |= !t.trim().is_empty();
                if let Some(slot) = columns.get_mut(column) {
                    slot.unbreakable = slot.unbreakable.max(unbreakable_text(t));
                }
            }
            Event::Code(c) => {
                length += c.chars().count();
                code = code.max(c.chars().count());
                let run = c.split(' ').map(|r| r.chars().count()).max().unwrap_or(0);
                // A long run is set in pieces (see `code_span`).
                let piece = if run > SHORT_COLUMN { CODE_PIECE } else { run };
                if let Some(slot) = columns.get_mut(column) {
                    slot.unbreakable = slot.unbreakable.max(piece as f64 * MONO_CHAR);
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(slot) = columns.get_mut(column) {
                    slot.longest = slot.longest.max(length);
                    if in_head {
                        header_empty &= length == 0;
                    } else {
                        slot.total += length;
                        slot.cells += 1;
                        if length > 0 {
                            slot.code_only &= !text && code > 0;
                        }
                        slot.longest_code = slot.longest_code.max(code);
                    }
                }
                column += 1;
            }
            _ => {}
        }
    }
    if count == 2 && header_empty {
        return "(40%, 1fr)".to_owned();
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Width {
        Auto(f64),
        Fixed(f64),
        Share,
    }
    let mut widths: Vec<Width> = columns
        .iter()
        .map(|c| {
            if c.longest <= SHORT_COLUMN {
                Width::Auto(c.longest as f64 * SERIF_CHAR + CELL_INSET)
            } else if c.code_only && c.longest_code > SHORT_COLUMN {
                let shown = c.longest_code.min(32) as f64;
                Width::Fixed((shown * MONO_CHAR + CELL_INSET + 2.0).ceil())
            } else {
                Width::Share
            }
        })
        .collect();
    let fixed = |widths: &[Width]| -> f64 {
        widths
            .iter()
            .map(|w| match w {
                Width::Auto(pt) | Width::Fixed(pt) => *pt,
                Width::Share => 0.0,
            })
            .sum()
    };
    let any_share = widths.contains(&Width::Share);
    while any_share && fixed(&widths) > TEXT_WIDTH * 0.65 {
        // The widest `auto` column gives way first, then the widest code column.
        let widest = |wanted: fn(&Width) -> Option<f64>| {
            (0..count)
                .filter_map(|c| wanted(&widths[c]).map(|pt| (c, pt)))
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(c, _)| c)
        };
        let auto = |w: &Width| match w {
            Width::Auto(pt) => Some(*pt),
            _ => None,
        };
        let code = |w: &Width| match w {
            Width::Fixed(pt) => Some(*pt),
            _ => None,
        };
        match widest(auto).or_else(|| widest(code)) {
            Some(c) => widths[c] = Width::Share,
            None => break,
        }
    }
    if !any_share && widths.iter().all(|w| matches!(w, Width::Auto(_))) {
        let specs: Vec<String> = columns
            .iter()
            .map(|c| format!("{}fr", c.longest.max(4)))
            .collect();
        return format!("({},)", specs.join(", "));
    }
    let shared = shares(
        &widths
            .iter()
            .map(|w| *w == Width::Share)
            .collect::<Vec<_>>(),
        &columns,
        TEXT_WIDTH - fixed(&widths),
    );
    let specs: Vec<String> = widths
        .iter()
        .zip(&shared)
        .map(|(width, share)| match width {
            Width::Auto(_) => "auto".to_owned(),
            Width::Fixed(pt) => format!("{pt}pt"),
            Width::Share => format!("{}fr", share.round().max(1.0)),
        })
        .collect();
    format!("({},)", specs.join(", "))
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
        // Every column short: they share the width by their longest cell.
        assert!(
            body.contains("#table(columns: (4fr, 4fr,), table.header([#\"h\";], [#\"i\";], ), "),
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

    /// The body with every string literal taken out: what typst reads as code.
    fn code_of(body: &str) -> String {
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            if c != '"' {
                out.push(c);
                continue;
            }
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => break,
                    _ => {}
                }
            }
            out.push_str("\"\"");
        }
        out
    }

    /// The text of the body's string literals, one after the other: what the PDF shows.
    fn text_of(body: &str) -> String {
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            if c != '"' {
                continue;
            }
            while let Some(c) = chars.next() {
                match c {
                    '\\' => out.extend(chars.next()),
                    '"' => break,
                    c => out.push(c),
                }
            }
        }
        out
    }

    /// Every `#name` typst would call in `body`.
    fn calls(body: &str) -> Vec<String> {
        let code = code_of(body);
        code.split('#')
            .skip(1)
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                    .collect()
            })
            .collect()
    }

    const NARRATIVE: &str = "**What data was used?**\n\nWe used **public** data, see https://example.com/data and [the card](https://example.com/card).\n\n- web text\n- code, in `stack-v2`\n\n1. first\n2. second\n\n**Injections.** #panic(\"x\") #read(\"/etc/passwd\") $x$ <script>alert(1)</script> {{ 7*7 }} [a](javascript:alert(1)) ![i](https://x/i.png)\n\n# heading\n";

    #[test]
    fn narrative_markdown_becomes_typst_calls_and_strings_only() {
        let markdown = crate::render::narrative::block(NARRATIVE);
        let body = typst_body(&markdown);
        // `#""` places a string literal.
        let allowed = [
            "",
            "block",
            "strong",
            "emph",
            "link",
            "list",
            "enum",
            "raw",
            "parbreak",
            "linebreak",
        ];
        for call in calls(&body) {
            assert!(allowed.contains(&call.as_str()), "#{call} in {body}");
        }
        assert!(!code_of(&body).contains('$'), "{body}");
        assert!(
            body.contains("#link(\"https://example.com/data\")"),
            "{body}"
        );
        assert!(
            body.contains("#link(\"https://example.com/card\")[#\"the card\";]"),
            "{body}"
        );
        assert!(body.contains("#strong[#\"public\";]"), "{body}");
        assert!(
            body.contains("#list(tight: true, [#\"web text\";], "),
            "{body}"
        );
        assert!(body.contains("#enum(start: 1, "), "{body}");
        assert!(body.contains("#raw(\"stack-v2\");"), "{body}");
        let shown = text_of(&body);
        for literal in [
            "#panic(\"x\")",
            "#read(\"/etc/passwd\")",
            "$x$",
            "<script>alert(1)</script>",
            "{{ 7*7 }}",
            "[a](javascript:alert(1))",
            "![i](https://x/i.png)",
            "# heading",
        ] {
            assert!(shown.contains(literal), "{literal} missing from {shown}");
        }
    }

    #[test]
    fn a_strong_paragraph_is_a_label_kept_with_its_answer() {
        let body = typst_body(
            "**Question?**\n\nThe answer.\n\n**Label.** with text\n\n- **In a list**\n\n  answer\n",
        );
        assert!(
            body.contains("#block(sticky: true, above: 1.5em, below: 0.6em)[#strong[#\"Question?\";]]\n#\"The answer.\";#parbreak()"),
            "{body}"
        );
        // A bold label with text after it in the same paragraph, or one inside a list, is not.
        assert_eq!(body.matches("#block(sticky").count(), 1, "{body}");
    }

    #[test]
    fn columns_follow_their_content() {
        let key_value =
            typst_body("| | |\n|---|---|\n| Question | A long answer that runs on and on |\n");
        assert!(
            key_value.contains("#table(columns: (40%, 1fr), fill: none, "),
            "{key_value}"
        );
        let digest = "a".repeat(64);
        let digests = typst_body(&format!(
            "| File | Built in | SHA-256 |\n|---|---|---|\n| rules/model-documentation-form.yaml | yes | `{digest}` |\n"
        ));
        assert!(
            digests.contains("#table(columns: (") && digests.contains(", auto, 176pt,)"),
            "{digests}"
        );
        let prose = typst_body(
            "| Version | Notes |\n|---|---|\n| 1.0 | A long note about what changed in this version and why it matters to an integrator. |\n",
        );
        assert!(prose.contains("#table(columns: (auto, "), "{prose}");
    }

    #[test]
    fn long_code_is_set_in_pieces_a_line_may_break_between() {
        let digest: String = (0..64).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        let body = typst_body(&format!("`{digest}` and `short`"));
        assert_eq!(body.matches("#box(raw(").count(), 8, "{body}");
        let pieces: String = code_of(&body)
            .matches("box(raw(\"\"))")
            .map(|_| "")
            .collect();
        assert!(pieces.is_empty());
        let joined: String = body
            .split("#box(raw(\"")
            .skip(1)
            .map(|piece| piece.split('"').next().unwrap_or(""))
            .collect();
        assert_eq!(joined, digest);
        assert!(body.contains("#raw(\"short\");"), "{body}");
    }

    /// The text of each page of the PDF the built-in layout makes of `markdown`, and its links.
    fn laid_out(markdown: &str) -> (Vec<String>, Vec<String>) {
        use typst::layout::{Frame, FrameItem};
        fn walk(frame: &Frame, text: &mut String, links: &mut Vec<String>) {
            for (_, item) in frame.items() {
                match item {
                    FrameItem::Group(group) => walk(&group.frame, text, links),
                    FrameItem::Text(run) => {
                        text.push_str(&run.text);
                        text.push(' ');
                    }
                    FrameItem::Link(typst::model::Destination::Url(url), _) => {
                        links.push(url.to_string());
                    }
                    _ => {}
                }
            }
        }
        let layout = Arc::new(SourceText::new(
            "templates/layout.typ",
            include_str!("../../templates/layout.typ"),
        ));
        let meta = PdfMeta {
            inputs: vec![("version".to_owned(), "1.0".to_owned())],
            date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            ident: "test".to_owned(),
        };
        let world = MemoryWorld::new(&layout, typst_body(markdown), &meta);
        let document = typst::compile::<typst_layout::PagedDocument>(&world)
            .output
            .unwrap_or_else(|e| panic!("{e:?}"));
        let mut pages = Vec::new();
        let mut links = Vec::new();
        for page in document.pages() {
            let mut text = String::new();
            walk(&page.frame, &mut text, &mut links);
            pages.push(text);
        }
        (pages, links)
    }

    #[test]
    fn no_page_ends_between_a_question_and_its_answer() {
        let mut markdown = String::new();
        for i in 0..60 {
            let sentences = 1 + (i * 7) % 9;
            markdown.push_str(&format!(
                "**Question{i} asked here?**\n\nAnswer{i} {}\n\n",
                "and the answer goes on with more words to fill the line. ".repeat(sentences)
            ));
        }
        let (pages, _) = laid_out(&markdown);
        assert!(pages.len() > 6, "{} pages", pages.len());
        for i in 0..60 {
            let question = pages
                .iter()
                .position(|p| p.contains(&format!("Question{i} ")));
            let answer = pages
                .iter()
                .position(|p| p.contains(&format!("Answer{i} ")));
            assert!(
                question.is_some() && question == answer,
                "question {i}: page {question:?}, answer on page {answer:?}"
            );
        }
    }

    #[test]
    fn pages_count_from_the_title_page_and_links_are_clickable() {
        let (pages, links) = laid_out(
            "# Section\n\nSee <https://example.com/x> and [mail](mailto:a@example.com).\n",
        );
        assert_eq!(pages.len(), 3, "title, contents, body");
        assert!(pages[1].contains("Contents"), "{}", pages[1]);
        assert!(pages[1].contains("Page 2 of 3"), "{}", pages[1]);
        assert!(pages[2].contains("Page 3 of 3"), "{}", pages[2]);
        assert!(pages[0].contains("Document version"), "{}", pages[0]);
        assert!(
            links.iter().any(|l| l == "https://example.com/x"),
            "{links:?}"
        );
        assert!(
            links.iter().any(|l| l == "mailto:a@example.com"),
            "{links:?}"
        );
    }
}
