//! Dossier Markdown made safe: the sanitiser behind the `narrative` and `cell` filters.
//!
//! A narrative field is Markdown *content* (promise 5): its formatting is rendered, never
//! executed. The field is parsed with pulldown-cmark as plain CommonMark (no tables, footnotes,
//! math or other extensions, so those characters are text), the constructs a reader needs are
//! kept, and Markdown is written again from a small tree of just those constructs:
//!
//! - blocks: paragraphs, and ordered and unordered lists (nested up to [`MAX_LIST_DEPTH`]);
//! - inline: text, line breaks, emphasis, strong, inline code, and links to `http`, `https`
//!   or `mailto` URLs (inline links, autolinks, e-mail autolinks, and bare `http(s)://` URLs
//!   in the text, which become autolinks).
//!
//! Everything else — raw HTML (inline or block), images, links with other schemes, headings,
//! block quotes, code blocks, thematic breaks, link reference definitions — is written back as
//! the characters the field holds, escaped ([`super::escape`]), so it reads as typed and means
//! nothing. Text is always escaped, so the only Markdown syntax in the result is the syntax
//! written here for the kept constructs.
//!
//! The result is then parsed again, as the document will be, and compared with the tree it was
//! written from. If a construct came out differently (or anything not kept appeared), the field
//! falls back to the fully escaped text of [`escape::markdown`] / [`escape::cell`]: formatting
//! may be lost on a strange input, but never turned into something that was not intended.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::escape::{self, is_linkable};
use super::html::markdown_options;

/// Where the Markdown goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Block content on lines of its own (below a question): paragraphs and lists.
    Block,
    /// One table cell: the inline constructs only, on one line.
    Cell,
}

/// What a paragraph break becomes inside a table cell. A GFM table cell cannot hold a line
/// break (the row ends at the newline) and `<br>` would be raw HTML, so paragraphs are joined
/// with a pilcrow, the proofreader's mark for "new paragraph": the reader sees where one
/// paragraph ended, and no words run together. (The bundled serif font has the glyph.)
pub const PARAGRAPH_MARK: &str = " ¶ ";

/// Lists nested deeper than this are kept as literal text: bounded recursion whatever the input.
pub const MAX_LIST_DEPTH: usize = 8;

/// Emphasis, strong and links nested deeper than this lose their formatting (the text stays).
const MAX_INLINE_DEPTH: usize = 16;

/// A narrative field as block content: the kept constructs as formatting, everything else as
/// its literal characters.
pub fn block(text: &str) -> String {
    rebuild(text, Mode::Block).unwrap_or_else(|| escape::markdown(text))
}

/// A field as the content of one table cell: inline formatting kept, on one line, with `|`
/// escaped so the row keeps its cells.
pub fn cell(text: &str) -> String {
    rebuild(text, Mode::Cell).unwrap_or_else(|| escape::cell(text))
}

/// The rebuilt Markdown, or `None` when it would not read back as the tree it was written from.
pub fn rebuild(text: &str, mode: Mode) -> Option<String> {
    // CommonMark ends a line at `\r` too: one kind of line ending keeps every later step simple.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let (source, inserted) = neutralise_definitions(&text);
    let parser = Parser::new_ext(&source, Options::empty());
    // `neutralise_definitions` leaves no definition behind; if one got through, the text it
    // held would vanish from the events: keep the whole field literal instead.
    if parser.reference_definitions().iter().next().is_some() {
        return None;
    }
    let mut builder = Builder {
        source: &source,
        inserted: &inserted,
        mode,
        events: parser.into_offset_iter().collect(),
        at: 0,
    };
    let blocks = builder.blocks(0).0;
    let mut writer = Writer {
        mode,
        sig: Vec::new(),
        spans: 0,
    };
    let markdown = writer.blocks(&blocks, false);
    // Text that formats to nothing (a lone `&#32;`) would leave an answered field blank: show
    // its characters instead.
    if markdown.trim().is_empty() && !text.trim().is_empty() {
        return None;
    }
    let written = normalise(writer.sig);
    let read = normalise(read_back(&markdown, mode)?);
    (read == written).then_some(markdown)
}

// ---------------------------------------------------------------------------------------------
// Link reference definitions.

/// The text with a backslash before every `[` that could open a link reference definition,
/// and the byte offsets of the backslashes added.
///
/// A definition (`[label]: destination`) produces no event at all, so its text would vanish,
/// and it would turn `[text][label]` into a link whose target the sanitiser never saw. A
/// definition starts a paragraph with `[label]:`, after indentation and container markers; so
/// a `[` there whose label is followed by `:` is escaped (an escaped `[` is the same text).
/// This is wider than CommonMark's rule, which is harmless: an extra escape changes nothing.
/// The added backslashes are left out again wherever source text is shown literally.
fn neutralise_definitions(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len() + 8);
    let mut inserted = Vec::new();
    let mut line_start = 0;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        let line = &text[line_start..line_end];
        let at = after_container_markers(line);
        if line[at..].starts_with('[') && label_then_colon(&text[line_start + at..]) {
            out.push_str(&line[..at]);
            inserted.push(out.len());
            out.push('\\');
            out.push_str(&line[at..]);
        } else {
            out.push_str(line);
        }
        line_start = line_end;
    }
    (out, inserted)
}

/// The offset in `line` after its indentation and any block-quote and list markers.
fn after_container_markers(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut at = 0;
    loop {
        while at < bytes.len() && matches!(bytes[at], b' ' | b'\t') {
            at += 1;
        }
        match bytes.get(at) {
            Some(b'>') => at += 1,
            Some(b'-' | b'+' | b'*') if matches!(bytes.get(at + 1), Some(b' ' | b'\t')) => {
                at += 2;
            }
            Some(b'0'..=b'9') => {
                let digits = bytes[at..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                let marker = at + digits;
                if matches!(bytes.get(marker), Some(b'.' | b')'))
                    && matches!(bytes.get(marker + 1), Some(b' ' | b'\t'))
                {
                    at = marker + 2;
                } else {
                    return at;
                }
            }
            _ => return at,
        }
    }
}

/// Whether `text` (starting with `[`) holds a link label followed by `:`. Labels are at most
/// 999 characters, so the scan is bounded.
fn label_then_colon(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 1;
    while at < bytes.len() && at <= 1000 {
        match bytes[at] {
            b'\\' => at += 2,
            b']' => return bytes.get(at + 1) == Some(&b':'),
            _ => at += 1,
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// The tree of kept constructs.

#[derive(Debug, Clone, PartialEq)]
enum Block {
    Paragraph(Vec<Inline>),
    List {
        start: Option<u64>,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
}

#[derive(Debug, Clone, PartialEq)]
enum Inline {
    /// Text, in which bare URLs have been found already.
    Text(String),
    /// Characters shown as they were typed (raw HTML, an image, a link not kept): never
    /// searched for URLs.
    Literal(String),
    Code(String),
    /// A soft break (a hard one in text shown literally).
    Break {
        hard: bool,
    },
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Link {
        url: String,
        title: String,
        children: Vec<Inline>,
    },
}

/// Builds the tree from the parser's events.
struct Builder<'a> {
    source: &'a str,
    inserted: &'a [usize],
    mode: Mode,
    events: Vec<(Event<'a>, Range<usize>)>,
    at: usize,
}

impl<'a> Builder<'a> {
    /// The event at the cursor (cloned: the builder recurses while looking at it).
    fn peek(&self) -> Option<(Event<'a>, Range<usize>)> {
        self.events.get(self.at).cloned()
    }

    /// The blocks of the container being read, up to its end (consumed), and whether any of
    /// them was an explicit paragraph (which makes a list loose).
    fn blocks(&mut self, depth: usize) -> (Vec<Block>, bool) {
        let mut blocks = Vec::new();
        let mut paragraphs = false;
        while let Some((event, range)) = self.peek() {
            match event {
                Event::End(_) => {
                    self.at += 1;
                    break;
                }
                Event::Start(Tag::Paragraph) => {
                    self.at += 1;
                    paragraphs = true;
                    let inlines = self.inlines(0, false, true);
                    push_paragraph(&mut blocks, inlines);
                }
                Event::Start(Tag::List(start)) if depth < MAX_LIST_DEPTH => {
                    self.at += 1;
                    let (list, markers) = self.list(start, depth);
                    match (self.mode, list) {
                        (Mode::Cell, Block::List { items, .. }) => {
                            push_paragraph(&mut blocks, list_in_a_line(items, &markers));
                        }
                        (_, list) => blocks.push(list),
                    }
                }
                ref event if starts_inline(event) => {
                    // The content of a tight list item: inline events without a paragraph.
                    let inlines = self.inlines(0, false, false);
                    push_paragraph(&mut blocks, inlines);
                }
                _ => {
                    // A block that is not kept (a heading, a block quote, code, raw HTML, a
                    // thematic break; in a cell, a list too): its characters as typed.
                    self.skip();
                    let text = self.literal(&range);
                    push_paragraph(&mut blocks, literal_lines(&text));
                }
            }
        }
        (blocks, paragraphs)
    }

    /// The items of a list whose start event has been read.
    /// The items of a list whose start event has been read, and the marker each was written
    /// with (`-`, `2.` …).
    fn list(&mut self, start: Option<u64>, depth: usize) -> (Block, Vec<String>) {
        let mut items = Vec::new();
        let mut markers = Vec::new();
        let mut loose = false;
        while let Some((event, range)) = self.peek() {
            match event {
                Event::Start(Tag::Item) => {
                    self.at += 1;
                    let marker: String = self
                        .source
                        .get(range.start..)
                        .unwrap_or("")
                        .trim_start()
                        .chars()
                        .take_while(|c| !c.is_whitespace())
                        .take(12)
                        .collect();
                    markers.push(marker);
                    let (blocks, paragraphs) = self.blocks(depth + 1);
                    loose |= paragraphs;
                    items.push(blocks);
                }
                Event::End(_) => {
                    self.at += 1;
                    break;
                }
                // A list holds only items.
                _ => self.skip(),
            }
        }
        let list = Block::List {
            start,
            tight: !loose,
            items,
        };
        (list, markers)
    }

    /// Inline content. `closes`: the content has an end event of its own (a paragraph, an
    /// emphasis, a link), consumed here; otherwise (a tight list item) it ends before the next
    /// end or block.
    fn inlines(&mut self, depth: usize, in_link: bool, closes: bool) -> Vec<Inline> {
        let mut inlines = Vec::new();
        // Nested emphasis past the depth bound: tags dropped, text kept, no recursion.
        let mut flattened = 0usize;
        while let Some((event, range)) = self.peek() {
            match event {
                Event::End(_) if flattened > 0 => {
                    flattened -= 1;
                    self.at += 1;
                }
                Event::End(_) => {
                    if closes {
                        self.at += 1;
                    }
                    break;
                }
                Event::Text(text) => {
                    push_text(&mut inlines, &text);
                    self.at += 1;
                }
                Event::Code(code) => {
                    let code = if self.has_insertion(&range) {
                        code_span_text(&self.literal(&range))
                    } else {
                        code.to_string()
                    };
                    inlines.push(Inline::Code(code));
                    self.at += 1;
                }
                Event::SoftBreak | Event::HardBreak => {
                    inlines.push(Inline::Break {
                        hard: matches!(event, Event::HardBreak),
                    });
                    self.at += 1;
                }
                Event::Start(Tag::Emphasis | Tag::Strong) if depth >= MAX_INLINE_DEPTH => {
                    flattened += 1;
                    self.at += 1;
                }
                Event::Start(Tag::Emphasis) => {
                    self.at += 1;
                    let children = self.inlines(depth + 1, in_link, true);
                    inlines.push(Inline::Emphasis(children));
                }
                Event::Start(Tag::Strong) => {
                    self.at += 1;
                    let children = self.inlines(depth + 1, in_link, true);
                    inlines.push(Inline::Strong(children));
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    ..
                }) if !in_link && depth < MAX_INLINE_DEPTH => {
                    let url = match link_type {
                        LinkType::Inline | LinkType::Autolink => Some(dest_url.to_string()),
                        LinkType::Email => Some(format!("mailto:{dest_url}")),
                        // Reference links cannot occur (no definitions are left); any other
                        // kind is not one the sanitiser knows.
                        _ => None,
                    }
                    .filter(|url| is_linkable(url));
                    let title = title.to_string();
                    match url {
                        Some(url) => {
                            self.at += 1;
                            let children = self.inlines(depth + 1, true, true);
                            inlines.push(Inline::Link {
                                url,
                                title,
                                children,
                            });
                        }
                        None => {
                            self.skip();
                            inlines.push(Inline::Literal(self.literal(&range)));
                        }
                    }
                }
                Event::Start(ref tag) if !closes && !is_inline_tag(tag) => break,
                Event::Rule if !closes => break,
                _ => {
                    // Raw HTML, an image, a link not kept, anything unknown: as typed.
                    self.skip();
                    inlines.push(Inline::Literal(self.literal(&range)));
                }
            }
        }
        if in_link { inlines } else { autolink(inlines) }
    }

    /// Steps over the event at the cursor and, when it starts a construct, everything up to
    /// its end.
    fn skip(&mut self) {
        let mut depth = 0usize;
        while let Some((event, _)) = self.events.get(self.at) {
            self.at += 1;
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth == 0 {
                break;
            }
        }
    }

    /// The source characters of `range`, without the backslashes `neutralise_definitions` added.
    fn literal(&self, range: &Range<usize>) -> String {
        let end = range.end.min(self.source.len());
        let start = range.start.min(end);
        let mut out = String::with_capacity(end - start);
        let mut from = start;
        let first = self.inserted.partition_point(|&at| at < start);
        for &at in self.inserted[first..].iter().take_while(|&&at| at < end) {
            out.push_str(self.source.get(from..at).unwrap_or(""));
            from = at + 1;
        }
        out.push_str(self.source.get(from..end).unwrap_or(""));
        out
    }

    fn has_insertion(&self, range: &Range<usize>) -> bool {
        let first = self.inserted.partition_point(|&at| at < range.start);
        self.inserted.get(first).is_some_and(|&at| at < range.end)
    }
}

fn starts_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => is_inline_tag(tag),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::TaskListMarker(_) => true,
        Event::End(_) | Event::Html(_) | Event::DisplayMath(_) | Event::Rule => false,
    }
}

fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn push_text(inlines: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(last)) = inlines.last_mut() {
        last.push_str(text);
    } else {
        inlines.push(Inline::Text(text.to_owned()));
    }
}

/// Adds a paragraph, without line breaks or blank text at its edges (a hard break at the end
/// of a paragraph would be written as a backslash that CommonMark then reads as text).
fn push_paragraph(blocks: &mut Vec<Block>, mut inlines: Vec<Inline>) {
    let blank = |inline: &Inline| match inline {
        Inline::Break { .. } => true,
        Inline::Text(text) | Inline::Literal(text) => text.trim().is_empty(),
        _ => false,
    };
    while inlines.last().is_some_and(blank) {
        inlines.pop();
    }
    let leading = inlines.iter().take_while(|i| blank(i)).count();
    inlines.drain(..leading);
    if !inlines.is_empty() {
        blocks.push(Block::Paragraph(inlines));
    }
}

/// A list in a table cell, which cannot hold one: on one line, each item after its marker as
/// typed (`- a - b`, `1. a 2. b`), the inline formatting of the items kept. (Nested lists were
/// put on the line of their item already.)
fn list_in_a_line(items: Vec<Vec<Block>>, markers: &[String]) -> Vec<Inline> {
    let mut inlines = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            inlines.push(Inline::Text(" ".to_owned()));
        }
        let marker = markers.get(index).map_or("-", String::as_str);
        inlines.push(Inline::Literal(format!("{marker} ")));
        for (number, block) in item.into_iter().enumerate() {
            if number > 0 {
                inlines.push(Inline::Text(" ".to_owned()));
            }
            if let Block::Paragraph(content) = block {
                inlines.extend(content);
            }
        }
    }
    inlines
}

/// Literal block text as a paragraph: each non-blank line, trimmed, on a line of its own
/// (hard breaks), so it reads as it was typed.
fn literal_lines(text: &str) -> Vec<Inline> {
    let mut inlines = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !inlines.is_empty() {
            inlines.push(Inline::Break { hard: true });
        }
        inlines.push(Inline::Literal(line.to_owned()));
    }
    inlines
}

/// The content of a code span from its source (`` `…` ``), as CommonMark reads it: the fence
/// removed, line endings as spaces, one space stripped from each side when both have one.
fn code_span_text(source: &str) -> String {
    let fence = source.chars().take_while(|&c| c == '`').count();
    let inner = source
        .get(fence..source.len().saturating_sub(fence))
        .unwrap_or("");
    let flat: String = inner
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    if flat.len() >= 2 && flat.starts_with(' ') && flat.ends_with(' ') && flat.trim() != "" {
        flat[1..flat.len() - 1].to_owned()
    } else {
        flat
    }
}

/// Bare `http(s)://` URLs in the text runs become autolinks.
fn autolink(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let Inline::Text(text) = inline else {
            out.push(inline);
            continue;
        };
        let mut rest = text.as_str();
        while let Some((before, url, after)) = find_url(rest) {
            if !before.is_empty() {
                out.push(Inline::Text(before.to_owned()));
            }
            out.push(Inline::Link {
                url: url.to_owned(),
                title: String::new(),
                children: vec![Inline::Text(url.to_owned())],
            });
            rest = after;
        }
        if !rest.is_empty() {
            out.push(Inline::Text(rest.to_owned()));
        }
    }
    out
}

/// The first bare web URL in `text`: the text before it, the URL and the text after. A URL
/// starts with `http://` or `https://` at a word start and runs to a space, a control
/// character, `<`, `>`, `"` or `\\`; trailing punctuation (`.`, `,`, a `)` without its `(` …)
/// belongs to the sentence, as in GFM. Each candidate is looked at once, so the search is linear.
fn find_url(text: &str) -> Option<(&str, &str, &str)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        at += 1;
        if !bytes[start].eq_ignore_ascii_case(&b'h') {
            continue;
        }
        let rest = &bytes[start..];
        let scheme = if rest.len() >= 8 && rest[..8].eq_ignore_ascii_case(b"https://") {
            8
        } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"http://") {
            7
        } else {
            continue;
        };
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let length = text[start..]
            .find(|c: char| {
                c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\')
            })
            .unwrap_or(text.len() - start);
        // The next candidate can only start after this one's end.
        at = start + length.max(1);
        let mut url = &text[start..start + length];
        // Trimming only removes characters from the end, so the count of `(` stays.
        let open = url.matches('(').count();
        let mut close = url.matches(')').count();
        while let Some(last) = url.chars().next_back() {
            match last {
                '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~' => {}
                ')' if close > open => close -= 1,
                _ => break,
            }
            url = &url[..url.len() - 1];
        }
        if url.len() > scheme && is_linkable(url) {
            return Some((&text[..start], url, &text[start + url.len()..]));
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Writing Markdown, and what it should read back as.

/// What the written Markdown should read back as: the kept constructs and the text, with
/// paragraphs and line breaks alike as `Break` (how a line ends is layout, not content).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sig {
    Open(String),
    Close,
    Text(String),
    Code(String),
    Break,
}

struct Writer {
    mode: Mode,
    sig: Vec<Sig>,
    /// How many emphasis, strong or link spans are open.
    spans: usize,
}

impl Writer {
    /// The blocks of one container. `tight`: the blocks of a tight list item, written without
    /// blank lines between them.
    fn blocks(&mut self, blocks: &[Block], tight: bool) -> String {
        let mut out = String::new();
        // Two lists in a row would merge into one: alternate their markers, as CommonMark
        // starts a new list when the bullet or the delimiter changes.
        let mut alternate = false;
        for (index, block) in blocks.iter().enumerate() {
            if let Some(previous) = index.checked_sub(1).map(|i| &blocks[i]) {
                out.push_str(self.separator(previous, block, tight));
            }
            match block {
                Block::Paragraph(inlines) => {
                    // A cell has no paragraphs: the separator is all there is between them.
                    let block = self.mode == Mode::Block;
                    if block {
                        self.sig.push(Sig::Break);
                    }
                    // In a cell only the first paragraph begins a line; the others follow
                    // the paragraph mark.
                    let mut line_start = block || index == 0;
                    self.inlines(inlines, &mut line_start, &mut out);
                    if block {
                        self.sig.push(Sig::Break);
                    }
                    alternate = false;
                }
                Block::List {
                    start,
                    tight,
                    items,
                } => {
                    let follows_list = index > 0
                        && matches!(blocks[index - 1], Block::List { start: s, .. } if s.is_some() == start.is_some());
                    alternate = follows_list && !alternate;
                    self.list(*start, *tight, items, alternate, &mut out);
                }
            }
        }
        out
    }

    /// What goes between two blocks of a container.
    fn separator(&mut self, previous: &Block, next: &Block, tight: bool) -> &'static str {
        if self.mode == Mode::Cell {
            self.sig.push(Sig::Text(PARAGRAPH_MARK.to_owned()));
            return PARAGRAPH_MARK;
        }
        if !tight {
            return "\n\n";
        }
        match (previous, next) {
            // In a tight item two paragraphs cannot be separated by a blank line (the list
            // would become loose): a hard break keeps them on lines of their own.
            (Block::Paragraph(_), Block::Paragraph(_)) => "\\\n",
            // A list interrupts a paragraph only if it starts with a non-empty item, numbered
            // 1 when ordered; otherwise a blank line is needed.
            (Block::Paragraph(_), Block::List { start, items, .. })
                if matches!(start, None | Some(1))
                    && items.first().is_some_and(|item| !item.is_empty()) =>
            {
                "\n"
            }
            // After a list, a line would continue its last item: a blank line ends the list.
            _ => "\n\n",
        }
    }

    fn list(
        &mut self,
        start: Option<u64>,
        tight: bool,
        items: &[Vec<Block>],
        alternate: bool,
        out: &mut String,
    ) {
        self.sig.push(Sig::Open(format!("list {start:?}")));
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                out.push_str(if tight { "\n" } else { "\n\n" });
            }
            let marker = match start {
                Some(first) => {
                    // CommonMark numbers at most nine digits; past that every item repeats
                    // the first number (only the first one counts anyway).
                    let number = first
                        .checked_add(index as u64)
                        .filter(|n| *n <= 999_999_999)
                        .unwrap_or(first);
                    format!("{number}{}", if alternate { ')' } else { '.' })
                }
                None => (if alternate { "+" } else { "-" }).to_owned(),
            };
            self.sig.push(Sig::Open("item".to_owned()));
            let body = self.blocks(item, tight);
            self.sig.push(Sig::Close);
            out.push_str(&marker);
            let indent = " ".repeat(marker.len() + 1);
            for (number, line) in body.split('\n').enumerate() {
                if number == 0 {
                    if !line.is_empty() {
                        out.push(' ');
                    }
                } else {
                    out.push('\n');
                    if !line.is_empty() {
                        out.push_str(&indent);
                    }
                }
                out.push_str(line);
            }
        }
        self.sig.push(Sig::Close);
    }

    /// Inline content. `line_start`: whether the next character begins a Markdown line.
    fn inlines(&mut self, inlines: &[Inline], line_start: &mut bool, out: &mut String) {
        let mut index = 0;
        while index < inlines.len() {
            let first = index == 0;
            match &inlines[index] {
                Inline::Text(_) | Inline::Literal(_) => {
                    // Adjacent runs are escaped as one, so that a line-start construct split
                    // over two runs (`1` and `. item`) is still seen.
                    let mut text = String::new();
                    while let Some(Inline::Text(t) | Inline::Literal(t)) = inlines.get(index) {
                        text.push_str(t);
                        index += 1;
                    }
                    let last = index == inlines.len();
                    let in_span = self.spans > 0;
                    self.text(&text, first && in_span, last && in_span, line_start, out);
                    continue;
                }
                Inline::Code(code) => {
                    self.sig.push(Sig::Code(code.clone()));
                    out.push_str(&code_span(code, self.mode == Mode::Cell));
                    *line_start = false;
                }
                Inline::Break { hard } => self.line_break(*hard, line_start, out),
                Inline::Emphasis(children) => self.span("*", "em", children, line_start, out),
                Inline::Strong(children) => self.span("**", "strong", children, line_start, out),
                Inline::Link {
                    url,
                    title,
                    children,
                } => self.link(url, title, children, line_start, out),
            }
            index += 1;
        }
    }

    /// A line break: a space in a cell. A line that would stay empty gets no break, since an
    /// empty line would end the paragraph (or leave a backslash that reads as text).
    fn line_break(&mut self, hard: bool, line_start: &mut bool, out: &mut String) {
        if self.mode == Mode::Cell {
            self.sig.push(Sig::Text(" ".to_owned()));
            out.push(' ');
            return;
        }
        self.sig.push(Sig::Break);
        trim_trailing_spaces(out);
        if !(out.is_empty() || out.ends_with('\n')) {
            out.push_str(if hard { "\\\n" } else { "\n" });
        }
        *line_start = true;
    }

    fn span(
        &mut self,
        delimiter: &str,
        name: &str,
        children: &[Inline],
        line_start: &mut bool,
        out: &mut String,
    ) {
        self.sig.push(Sig::Open(name.to_owned()));
        out.push_str(delimiter);
        *line_start = false;
        self.spans += 1;
        self.inlines(children, line_start, out);
        self.spans -= 1;
        out.push_str(delimiter);
        self.sig.push(Sig::Close);
    }

    fn link(
        &mut self,
        url: &str,
        title: &str,
        children: &[Inline],
        line_start: &mut bool,
        out: &mut String,
    ) {
        self.sig.push(Sig::Open(format!("link {url}")));
        *line_start = false;
        let cell = self.mode == Mode::Cell;
        // An autolink shows its URL exactly: no escapes are read inside one, so in a cell a URL
        // with `|` (which would end the cell) is written as an inline link instead.
        if matches!(children, [Inline::Text(text)] if text == url)
            && title.is_empty()
            && !(cell && url.contains('|'))
        {
            self.sig.push(Sig::Text(url.to_owned()));
            out.push('<');
            out.push_str(url);
            out.push('>');
        } else {
            out.push('[');
            self.spans += 1;
            self.inlines(children, line_start, out);
            self.spans -= 1;
            // `<…>` holds any URL `is_linkable` accepts (no spaces, `<`, `>` or `\`);
            // backslash escapes and entities are read inside it, so `&` is escaped.
            out.push_str("](<");
            for c in url.chars() {
                if c == '&' || (cell && c == '|') {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('>');
            if !title.is_empty() {
                out.push_str(" \"");
                for c in title.chars() {
                    match c {
                        '\n' | '\r' => out.push(' '),
                        c if c.is_ascii_punctuation() => {
                            out.push('\\');
                            out.push(c);
                        }
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            out.push(')');
        }
        self.sig.push(Sig::Close);
    }

    /// A run of text, escaped. Line breaks in it (literal text) are soft breaks. `first` and
    /// `last`: the run begins or ends its container, where a space next to a delimiter would
    /// stop `*` from opening or closing, so such a space is written as a character reference.
    fn text(
        &mut self,
        text: &str,
        first: bool,
        last: bool,
        line_start: &mut bool,
        out: &mut String,
    ) {
        let lines: Vec<&str> = text.split('\n').collect();
        for (number, line) in lines.iter().enumerate() {
            if number > 0 {
                self.line_break(false, line_start, out);
            }
            let line = if *line_start { line.trim_start() } else { line };
            if line.is_empty() {
                continue;
            }
            self.sig.push(Sig::Text(line.to_owned()));
            let mut body = line;
            let mut lead = None;
            let mut trail = None;
            if first
                && number == 0
                && let Some(c) = body.chars().next().filter(|c| c.is_whitespace())
            {
                lead = Some(c);
                body = &body[c.len_utf8()..];
            }
            if last
                && number == lines.len() - 1
                && let Some(c) = body.chars().next_back().filter(|c| c.is_whitespace())
            {
                trail = Some(c);
                body = &body[..body.len() - c.len_utf8()];
            }
            if let Some(c) = lead {
                out.push_str(&format!("&#{};", c as u32));
            }
            let start = *line_start && lead.is_none();
            let mut escaped = String::with_capacity(body.len() + 4);
            escape::run(body, start, &mut escaped);
            out.push_str(&escaped);
            if let Some(c) = trail {
                out.push_str(&format!("&#{};", c as u32));
            }
            *line_start = false;
        }
    }
}

/// A code span showing `code` exactly: a fence longer than any run of backticks inside, and a
/// space of padding where CommonMark would otherwise take one away or read a backtick as part
/// of the fence. In a table cell `|` is escaped (GFM reads `\|` as `|` even inside code).
fn code_span(code: &str, cell: bool) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let spaced = code.starts_with(' ') && code.ends_with(' ') && code.trim() != "";
    let pad = if code.starts_with('`') || code.ends_with('`') || spaced {
        " "
    } else {
        ""
    };
    let body = if cell {
        code.replace('|', "\\|")
    } else {
        code.to_owned()
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

fn trim_trailing_spaces(out: &mut String) {
    let kept = out.trim_end_matches([' ', '\t']).len();
    out.truncate(kept);
}

/// What the written Markdown reads as, parsed as the document will be (in a table cell for
/// [`Mode::Cell`]); `None` when it holds anything but the kept constructs.
fn read_back(markdown: &str, mode: Mode) -> Option<Vec<Sig>> {
    let wrapped;
    let source = match mode {
        Mode::Block => markdown,
        Mode::Cell => {
            wrapped = format!("| |\n|---|\n| {markdown} |\n");
            &wrapped
        }
    };
    let mut sig = Vec::new();
    // In a cell: inside the table's head (skipped), and the number of body cells (one).
    let mut in_head = false;
    let mut cells = 0;
    for event in Parser::new_ext(source, markdown_options()) {
        if mode == Mode::Cell {
            match event {
                Event::Start(Tag::Table(_) | Tag::TableRow)
                | Event::End(TagEnd::Table | TagEnd::TableRow) => continue,
                Event::Start(Tag::TableHead) => {
                    in_head = true;
                    continue;
                }
                Event::End(TagEnd::TableHead) => {
                    in_head = false;
                    continue;
                }
                Event::Start(Tag::TableCell) => {
                    cells += usize::from(!in_head);
                    continue;
                }
                Event::End(TagEnd::TableCell) => continue,
                _ if in_head => continue,
                _ => {}
            }
        }
        sig.push(match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => Sig::Break,
            Event::SoftBreak | Event::HardBreak => Sig::Break,
            Event::Start(Tag::List(start)) if mode == Mode::Block => {
                Sig::Open(format!("list {start:?}"))
            }
            Event::Start(Tag::Item) if mode == Mode::Block => Sig::Open("item".to_owned()),
            Event::Start(Tag::Emphasis) => Sig::Open("em".to_owned()),
            Event::Start(Tag::Strong) => Sig::Open("strong".to_owned()),
            Event::Start(Tag::Link { dest_url, .. }) if is_linkable(&dest_url) => {
                Sig::Open(format!("link {dest_url}"))
            }
            Event::End(
                TagEnd::List(_) | TagEnd::Item | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link,
            ) => Sig::Close,
            Event::Text(text) => Sig::Text(text.to_string()),
            Event::Code(code) => Sig::Code(code.to_string()),
            _ => return None,
        });
    }
    if mode == Mode::Cell && cells != 1 {
        return None;
    }
    Some(sig)
}

/// Whether a break next to `item` is layout: before the end of any construct, or before a
/// list or an item starts.
fn is_block_edge(item: &Sig) -> bool {
    match item {
        Sig::Close => true,
        Sig::Open(name) => name.starts_with("list ") || name == "item",
        _ => false,
    }
}

/// Both sides of the comparison in one form: adjacent text joined, the spaces around a break
/// dropped (they are layout), and breaks collapsed and dropped where they only mark the edge
/// of a construct.
fn normalise(sig: Vec<Sig>) -> Vec<Sig> {
    let mut joined: Vec<Sig> = Vec::with_capacity(sig.len());
    for item in sig {
        match (joined.last_mut(), item) {
            (Some(Sig::Text(last)), Sig::Text(text)) => last.push_str(&text),
            (Some(Sig::Break), Sig::Break) => {}
            (_, item) => joined.push(item),
        }
    }
    let len = joined.len();
    for index in 0..len {
        let before_break = index + 1 == len || matches!(joined[index + 1], Sig::Break);
        let after_break = index == 0 || matches!(joined[index - 1], Sig::Break);
        if let Sig::Text(text) = &mut joined[index] {
            let mut trimmed: &str = text;
            if before_break {
                trimmed = trimmed.trim_end();
            }
            if after_break {
                trimmed = trimmed.trim_start();
            }
            *text = trimmed.to_owned();
        }
    }
    let mut out: Vec<Sig> = Vec::with_capacity(joined.len());
    for item in joined {
        match item {
            Sig::Text(text) if text.is_empty() => {}
            Sig::Break => {
                if !matches!(out.last(), None | Some(Sig::Break | Sig::Open(_))) {
                    out.push(Sig::Break);
                }
            }
            // A list starts on a line of its own whether or not a paragraph ended before it.
            item if is_block_edge(&item) => {
                if matches!(out.last(), Some(Sig::Break)) {
                    out.pop();
                }
                out.push(item);
            }
            item => out.push(item),
        }
    }
    if matches!(out.last(), Some(Sig::Break)) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events the document's parser reads from `markdown`, owned.
    fn events(markdown: &str) -> Vec<Event<'static>> {
        Parser::new_ext(markdown, markdown_options())
            .map(Event::into_static)
            .collect()
    }

    /// The text a reader sees in `markdown` (breaks as spaces, whitespace collapsed), and
    /// whether anything but paragraphs, text and breaks was found.
    fn reading(markdown: &str) -> (String, bool) {
        let mut text = String::new();
        let mut structure = false;
        for event in events(markdown) {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                Event::Start(Tag::Paragraph) => text.push(' '),
                Event::End(TagEnd::Paragraph) => {}
                _ => structure = true,
            }
        }
        (collapse(&text), structure)
    }

    fn collapse(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Every event of `markdown` is one the sanitiser may produce, and every link is a web or
    /// mail link.
    fn assert_only_kept_constructs(input: &str, markdown: &str) {
        for event in events(markdown) {
            let kept = match &event {
                Event::Start(Tag::Link { dest_url, .. }) => is_linkable(dest_url),
                Event::Start(
                    Tag::Paragraph | Tag::List(_) | Tag::Item | Tag::Emphasis | Tag::Strong,
                )
                | Event::End(
                    TagEnd::Paragraph
                    | TagEnd::List(_)
                    | TagEnd::Item
                    | TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Link,
                )
                | Event::Text(_)
                | Event::Code(_)
                | Event::SoftBreak
                | Event::HardBreak => true,
                _ => false,
            };
            assert!(kept, "{input:?} → {markdown:?} has {event:?}");
        }
    }

    #[test]
    fn each_kept_construct_becomes_formatting() {
        type Check = fn(&[Event<'static>]) -> bool;
        let cases: [(&str, Check); 14] = [
            ("a **strong** word", |e| {
                e.contains(&Event::Start(Tag::Strong))
            }),
            ("a *quiet* and _quiet_ word", |e| {
                e.iter()
                    .filter(|e| **e == Event::Start(Tag::Emphasis))
                    .count()
                    == 2
            }),
            ("run `cargo test` now", |e| {
                e.contains(&Event::Code("cargo test".into()))
            }),
            ("see [the docs](https://example.com/a_b)", |e| {
                e.iter().any(|e| matches!(e, Event::Start(Tag::Link { dest_url, .. }) if &**dest_url == "https://example.com/a_b"))
            }),
            ("see <https://example.com/x>", |e| {
                e.iter().any(|e| matches!(e, Event::Start(Tag::Link { dest_url, .. }) if &**dest_url == "https://example.com/x"))
            }),
            ("write to [legal](mailto:legal@example.com)", |e| {
                e.iter().any(|e| matches!(e, Event::Start(Tag::Link { dest_url, .. }) if &**dest_url == "mailto:legal@example.com"))
            }),
            (
                "see https://example.com/p?a=1&b=2 (and http://x.org/y).",
                |e| {
                    let urls: Vec<String> = e
                        .iter()
                        .filter_map(|e| match e {
                            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
                            _ => None,
                        })
                        .collect();
                    urls == ["https://example.com/p?a=1&b=2", "http://x.org/y"]
                },
            ),
            ("- one\n- two", |e| {
                e.contains(&Event::Start(Tag::List(None)))
                    && e.iter().filter(|e| **e == Event::Start(Tag::Item)).count() == 2
            }),
            ("3. three\n4. four", |e| {
                e.contains(&Event::Start(Tag::List(Some(3))))
            }),
            ("- outer\n  1. inner\n  2. inner\n- outer", |e| {
                e.contains(&Event::Start(Tag::List(None)))
                    && e.contains(&Event::Start(Tag::List(Some(1))))
            }),
            ("first\n\nsecond", |e| {
                e.iter()
                    .filter(|e| **e == Event::Start(Tag::Paragraph))
                    .count()
                    == 2
            }),
            ("soft\nbreak", |e| e.contains(&Event::SoftBreak)),
            ("hard  \nbreak", |e| e.contains(&Event::HardBreak)),
            ("hard\\\nbreak", |e| e.contains(&Event::HardBreak)),
        ];
        for (input, check) in cases {
            let markdown = rebuild(input, Mode::Block)
                .unwrap_or_else(|| panic!("{input:?} fell back to literal text"));
            let found = events(&markdown);
            assert!(check(&found), "{input:?} → {markdown:?}: {found:?}");
            assert_only_kept_constructs(input, &markdown);
        }
    }

    #[test]
    fn the_text_survives_the_formatting() {
        let input = "The **model** was trained on *public* data:\n\n- web text from <https://commoncrawl.org>\n- code, see `stack-v2`\n\nDetails: https://example.com/data.";
        let markdown = block(input);
        let mut text = String::new();
        for event in events(&markdown) {
            if let Event::Text(t) | Event::Code(t) = event {
                text.push_str(&t);
                text.push(' ');
            }
        }
        assert_eq!(
            collapse(&text),
            "The model was trained on public data: web text from https://commoncrawl.org code, see stack-v2 Details: https://example.com/data ."
        );
    }

    #[test]
    fn everything_else_comes_back_as_the_same_characters() {
        let samples = [
            "# heading",
            "### smaller heading ###",
            "Title\n=====",
            "Title\n---",
            "> a quote\n> on two lines",
            "```rust\nfn main() {}\n```",
            "~~~\ncode\n~~~",
            "    indented code",
            "<div onclick=\"x()\">block html</div>",
            "<script>alert(1)</script>",
            "text with <b>inline</b> html",
            "![i](https://x/i.png)",
            "![alt **text**](https://x/i.png \"t\")",
            "[a](javascript:alert(1))",
            "[**bold** link](javascript:alert(1))",
            "[ftp](ftp://example.com/file)",
            "[data](data:text/html,<b>x</b>)",
            "[relative](/etc/passwd) and [anchor](#top)",
            "<javascript:alert(1)>",
            "---",
            "***",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "[^1]: a footnote",
            "text[^1]",
            "[ref]: /local\n\n[a][ref] and [ref]",
            "[ref]: javascript:alert(1)\n[b]: <x> \"t\"\n\n[click][ref]",
            "$x$ and $$y$$",
            "#panic(\"x\")",
            "#read(\"/etc/passwd\")",
            "{{ 7*7 }} {% if true %}T{% endif %}",
            "~~struck~~",
            "Term\n: definition",
            "\\# escaped \\* marks",
            "1\\. not a list",
            "a <!-- comment --> b",
            "<?php echo 1; ?>",
        ];
        for input in samples {
            for mode in [Mode::Block, Mode::Cell] {
                let markdown = match mode {
                    Mode::Block => block(input),
                    Mode::Cell => cell(input),
                };
                let (text, structure) = reading(&markdown);
                // What the writer typed, less the backslashes it escaped with itself and the
                // whitespace that is layout.
                let expected = collapse(&unescape_typed(input));
                let text = text.replace(PARAGRAPH_MARK.trim(), " ");
                assert_eq!(
                    collapse(&text),
                    expected,
                    "{mode:?} {input:?} → {markdown:?}"
                );
                assert!(
                    !structure,
                    "{mode:?} {input:?} → {markdown:?} has structure"
                );
            }
        }
    }

    /// A sample as a reader of the rendered Markdown sees its characters: the samples above
    /// that use backslash escapes mean the escaped character.
    fn unescape_typed(input: &str) -> String {
        let mut out = String::new();
        let mut chars = input.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
                continue;
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn injections_stay_inert_among_formatting() {
        let input = "**Answer.** #panic(\"x\") and #read(\"/etc/passwd\"), $x$, <script>alert(1)</script>, {{ 7*7 }}, [a](javascript:alert(1)), ![i](https://x/i.png)\n\n# heading\n\n- see https://example.com";
        let markdown = block(input);
        assert_only_kept_constructs(input, &markdown);
        let found = events(&markdown);
        assert!(found.contains(&Event::Start(Tag::Strong)), "{markdown}");
        assert!(found.contains(&Event::Start(Tag::List(None))), "{markdown}");
        let mut text = String::new();
        for event in &found {
            if let Event::Text(t) = event {
                text.push_str(t);
            }
        }
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
            assert!(text.contains(literal), "{literal:?} missing from {text:?}");
        }
    }

    #[test]
    fn cells_keep_inline_formatting_on_one_line_and_one_cell() {
        let input = "**Yes**, see `a|b` and https://example.com/a|b.\n\nSecond | paragraph\n\n- a list\n- stays literal";
        let markdown = cell(input);
        assert!(!markdown.contains('\n'), "{markdown:?}");
        let table = format!("| h |\n|---|\n| {markdown} |\n");
        let found = events(&table);
        let cells = found
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::TableCell)))
            .count();
        assert_eq!(cells, 2, "{table}");
        assert!(found.contains(&Event::Start(Tag::Strong)), "{table}");
        assert!(found.contains(&Event::Code("a|b".into())), "{table}");
        assert!(
            found.iter().any(|e| matches!(e, Event::Start(Tag::Link { dest_url, .. }) if &**dest_url == "https://example.com/a|b")),
            "{table}: {found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|e| matches!(e, Event::Start(Tag::List(_)))),
            "{table}"
        );
        let text: String = found
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert!(
            text.contains(". ¶ Second | paragraph ¶ - a list - stays literal"),
            "{text:?}"
        );
    }

    #[test]
    fn ordinary_answers_are_rebuilt_not_fallen_back() {
        for input in [
            "We trained on 2.2e12 tokens (see §2.1). Filtering: 1. dedup; 2. PII removal.",
            "Steps:\n\n1. dedup\n2. filter\n   - toxicity\n   - PII\n3. tokenise\n\nDone.",
            "- a\n\n  continued\n- b",
            "* star\n* list\n\n+ plus\n+ list",
            "1. x\n\n1) y",
            "- a\n  # not a heading\n- b",
            "- a\n  - b\n  after the nested list",
            "Mixed **bold *and italic* text** with `code` and [a link](https://e.com/x_(y)).",
            "snake_case and 2*3*4 and a * b * c and __init__",
            "Tabs\tinside\tand trailing spaces   \nnext line",
            "Unicode: café, 北京, emoji 🙂, «quotes»",
            "**&#32;spaced&#32;**",
            "AT&amp;T &copy; 2025",
            "email <someone@example.com>",
            "line one\r\nline two\r\n\r\nparagraph",
        ] {
            for mode in [Mode::Block, Mode::Cell] {
                let rebuilt = rebuild(input, mode);
                assert!(rebuilt.is_some(), "{mode:?} {input:?} fell back");
                assert_only_kept_constructs(input, &rebuilt.unwrap_or_default());
            }
        }
    }

    /// A small deterministic generator (xorshift), so the mixes below are the same every run.
    fn pseudo_random(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    #[test]
    fn any_mix_of_fragments_gives_only_kept_constructs() {
        let fragments = [
            "**",
            "*",
            "_",
            "__",
            "`",
            "``",
            "[",
            "]",
            "(",
            ")",
            "](",
            "](https://e.com)",
            "](javascript:x)",
            "<",
            ">",
            "<https://e.com>",
            "<a@b.c>",
            "![",
            "!",
            "#",
            "# ",
            "## ",
            "> ",
            "- ",
            "+ ",
            "* ",
            "1. ",
            "2) ",
            "10. ",
            "    ",
            "\t",
            "\n",
            "\n\n",
            "  \n",
            "\\",
            "\\\n",
            "|",
            "---",
            "===",
            "```",
            "~~~",
            "$",
            "{{",
            "}}",
            "&amp;",
            "&#32;",
            "&",
            "<div>",
            "</div>",
            "<!--",
            "-->",
            "[x]: ",
            "https://e.com/a",
            "http://",
            "word",
            "text ",
            " ",
            "é",
            "\u{0}",
            "\r",
            "[^1]",
            "~~",
            ":",
            "1",
            ".",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..4000 {
            let length = 1 + (pseudo_random(&mut seed) % 14) as usize;
            let input: String = (0..length)
                .map(|_| fragments[(pseudo_random(&mut seed) % fragments.len() as u64) as usize])
                .collect();
            let markdown = block(&input);
            assert_only_kept_constructs(&input, &markdown);
            let one_cell = cell(&input);
            assert!(!one_cell.contains('\n'), "{input:?} → {one_cell:?}");
            let table = format!("| h |\n|---|\n| {one_cell} |\n");
            let found = events(&table);
            let cells = found
                .iter()
                .filter(|e| matches!(e, Event::Start(Tag::TableCell)))
                .count();
            assert_eq!(cells, 2, "{input:?} → {table:?}");
            let inside: Vec<_> = found
                .iter()
                .filter(|e| {
                    !matches!(
                        e,
                        Event::Start(
                            Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell
                        ) | Event::End(
                            TagEnd::Table
                                | TagEnd::TableHead
                                | TagEnd::TableRow
                                | TagEnd::TableCell
                        )
                    )
                })
                .cloned()
                .collect();
            for event in inside {
                let kept = match &event {
                    Event::Start(Tag::Link { dest_url, .. }) => is_linkable(dest_url),
                    Event::Start(Tag::Emphasis | Tag::Strong)
                    | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link)
                    | Event::Text(_)
                    | Event::Code(_) => true,
                    _ => false,
                };
                assert!(kept, "{input:?} → {table:?} has {event:?}");
            }
        }
    }

    #[test]
    fn deep_nesting_and_long_input_are_bounded() {
        let deep_list = format!("{}x", "- ".repeat(5000));
        let deep_quote = format!("{}x", "> ".repeat(5000));
        let deep_emphasis = format!("{}x{}", "*".repeat(3000), "*".repeat(3000));
        let deep_strong = format!("{}x{}", "**a ".repeat(2000), " b**".repeat(2000));
        let brackets = "[".repeat(20_000);
        let long = "word **strong** https://example.com/x\n\n".repeat(5000);
        for input in [
            deep_list,
            deep_quote,
            deep_emphasis,
            deep_strong,
            brackets,
            long,
        ] {
            let markdown = block(&input);
            assert_only_kept_constructs("(long input)", &markdown);
            let _ = cell(&input);
        }
    }

    #[test]
    fn an_answer_that_formats_to_nothing_shows_its_characters() {
        assert_eq!(block("&#32;"), "\\&#32;");
        assert_eq!(cell("&#32;&#32;"), "\\&#32;\\&#32;");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn only_definition_brackets_are_escaped() {
        let (text, inserted) =
            neutralise_definitions("[a]: x\n- [b]: y\n[c](https://e.com)\n> 1. [d]:\n");
        assert_eq!(
            text,
            "\\[a]: x\n- \\[b]: y\n[c](https://e.com)\n> 1. \\[d]:\n"
        );
        assert_eq!(inserted, [0, 10, 42]);
    }
}
