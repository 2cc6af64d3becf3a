//! Keeping dossier text literal in Markdown: the escaper tera applies to every value a
//! template prints, and the stricter form for table cells.
//!
//! Dossier strings are untrusted text. Whatever they contain (`**b**`, `[l](javascript:…)`,
//! `<script>`, `# heading`, `1. item`, `| cell |`) must come out of the Markdown parser as the
//! same characters, so every construct a character could open is escaped with a backslash,
//! which CommonMark defines for any ASCII punctuation. Characters that cannot open anything
//! (`.`, `,`, `(`, `:` …) are left alone so the Markdown stays readable.

use std::fmt::Write as _;

/// Punctuation that opens an inline construct anywhere in a line.
const INLINE: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '!', '&', '|', '~', '$', '^',
];

/// Punctuation that opens a block construct at the start of a line.
const LINE_START: &[char] = &['#', '>', '-', '+', '=', '*', '_', '`', '~', '|', ':'];

/// Escapes `text` for Markdown body text. Each line is treated as if it began a Markdown line
/// (the template may put the value at the start of one), leading whitespace is dropped so no
/// line becomes an indented code block, and line breaks are kept.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // A lone `\r` ends a line for CommonMark as `\n` does: what follows it starts a line too.
    let text = text.replace("\r\n", "\n");
    for (index, line) in text.split(['\n', '\r']).enumerate() {
        if index > 0 {
            out.push('\n');
        }
        escape_line(line.trim_start(), &mut out);
    }
    out
}

/// Escapes `text` for a table cell: as [`markdown`], with line breaks turned into spaces so
/// the row stays one line.
pub fn cell(text: &str) -> String {
    let joined: Vec<&str> = text
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = String::with_capacity(text.len() + 8);
    escape_line(&joined.join(" "), &mut out);
    out
}

fn escape_line(line: &str, out: &mut String) {
    // Two trailing spaces make a hard break; one is harmless, none is safest.
    let line = line.strip_suffix(' ').unwrap_or(line);
    run(line, true, out);
}

/// Escapes one run of text on one line, as it is (no whitespace dropped). `line_start` says
/// that the run begins a Markdown line, where more characters open a construct: `#`, `>`, `-`
/// and the others of `LINE_START`, and an ordered-list marker such as `1.` or `12)` followed
/// by a space or nothing (`1.5e24` or `2.0` open nothing).
pub(super) fn run(text: &str, line_start: bool, out: &mut String) {
    let list_marker_at = if line_start {
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        let mut after = text[digits..].chars();
        (digits > 0
            && matches!(after.next(), Some('.' | ')'))
            && after.next().is_none_or(char::is_whitespace))
        .then_some(digits)
    } else {
        None
    };
    for (at, c) in text.char_indices() {
        if INLINE.contains(&c)
            || (line_start && at == 0 && LINE_START.contains(&c))
            || Some(at) == list_marker_at
        {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Text as an inline code span that shows it exactly, on one line: the fence is longer than any
/// run of backticks inside, and `|` is escaped so a table cell is not split (GFM reads `\|` as
/// `|` even inside code).
pub fn code(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let longest_run = flat.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", flat.replace('|', "\\|"))
}

/// A URL as Markdown: an autolink for an `http(s)` or `mailto` URL that can be written as one,
/// otherwise the escaped text (a `javascript:` URL never becomes a link).
pub fn link(url: &str) -> String {
    if is_linkable(url) {
        let mut out = String::with_capacity(url.len() + 2);
        let _ = write!(out, "<{url}>");
        out
    } else {
        markdown(url)
    }
}

/// Whether a URL may become a link in any output: http, https or mailto, and writable as a
/// CommonMark autolink (no spaces, controls or angle brackets).
pub fn is_linkable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:");
    scheme_ok
        && url.len() > 8
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '\\'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Parser, Tag};

    /// The text a Markdown parser recovers from `source`, and whether it saw any structure
    /// beyond plain paragraphs.
    fn parse(source: &str) -> (String, bool) {
        let mut text = String::new();
        let mut structure = false;
        for event in Parser::new_ext(source, crate::render::html::markdown_options()) {
            match event {
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push('\n'),
                Event::Start(Tag::Paragraph) | Event::End(_) => {}
                _ => structure = true,
            }
        }
        (text, structure)
    }

    #[test]
    fn hostile_text_comes_back_as_the_same_characters() {
        let samples = [
            "**b** _i_ `code` ~~s~~",
            "[l](javascript:alert(1))",
            "<script>alert(1)</script>",
            "# not a heading",
            "1. not a list",
            "12) not a list either",
            "- nor this",
            "+ nor this",
            "> not a quote",
            "| a | b |",
            "---",
            "===",
            "    not code",
            "```rust",
            "~~~",
            "{{ 7*7 }} {% raw %}",
            "#panic(\"x\") $x$ #read(\"/etc/passwd\")",
            "&lt; &amp; &#x41;",
            "![img](http://x/y.png)",
            "<http://example.com>",
            "a\\\nb",
            "trailing two  ",
            "term\n: definition",
            "[^1]: footnote",
            "- [ ] task",
            "a\r# not a heading\r\n- nor a list",
        ];
        for sample in samples {
            let (text, structure) = parse(&markdown(sample));
            let expected: String = sample
                .replace("\r\n", "\n")
                .split(['\n', '\r'])
                .map(|l| l.trim_start().trim_end_matches(' '))
                .collect::<Vec<_>>()
                .join("\n");
            assert_eq!(text, expected, "{sample:?} → {:?}", markdown(sample));
            assert!(
                !structure,
                "{sample:?} made structure: {:?}",
                markdown(sample)
            );
        }
    }

    #[test]
    fn cells_stay_on_one_line_and_keep_pipes() {
        let source = format!("| h |\n|---|\n| {} |\n", cell("a | b\n\nc"));
        let events: Vec<_> =
            Parser::new_ext(&source, crate::render::html::markdown_options()).collect();
        let cells = events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::TableCell)))
            .count();
        assert_eq!(cells, 2, "{source}");
        let text: String = events
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(text, "ha | b c");
    }

    #[test]
    fn code_spans_show_their_text_exactly() {
        for sample in [
            "/results/belebele_deu_Latn/acc,none",
            "a`b``c",
            "`x`",
            "<b>*",
        ] {
            let (text, _) = parse(&code(sample));
            assert_eq!(text, sample, "{sample:?} → {}", code(sample));
        }
        let source = format!("| h |\n|---|\n| {} |\n", code("a|b"));
        let cells = Parser::new_ext(&source, crate::render::html::markdown_options())
            .filter(|e| matches!(e, Event::Start(Tag::TableCell)))
            .count();
        assert_eq!(cells, 2, "{source}");
    }

    #[test]
    fn only_web_and_mail_urls_become_links() {
        assert_eq!(link("https://example.com/a_b"), "<https://example.com/a_b>");
        assert_eq!(
            link("mailto:legal@example.com"),
            "<mailto:legal@example.com>"
        );
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(link("https://x.com/<script>"), "https://x.com/\\<script\\>");
        assert!(!is_linkable("data:text/html,<b>"));
        assert!(!is_linkable("https://a b"));
    }
}
