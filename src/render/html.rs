//! Markdown → HTML: a self-contained page (embedded stylesheet, no external resources, a
//! Content-Security-Policy that forbids scripts), with raw HTML in the Markdown shown as text
//! and only web and mail links made clickable. A question label above its answer is marked
//! (`<p class="question">`) for the stylesheet; [`question_label`] finds one for the PDF too.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::escape::is_linkable;

/// The Markdown extensions documents use: tables, strikethrough, task lists. Nothing that
/// would give dossier text a meaning it did not have (no math, no attributes, no footnotes).
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// What the page header shows.
pub struct PageMeta<'a> {
    /// Document title.
    pub title: &'a str,
    /// Language of the document (`en`).
    pub language: &'a str,
    /// Footer lines (document version, dossier digest, generator).
    pub footer: &'a [String],
}

/// Where the question label starting at `events[at]` ends (the index of its paragraph's end):
/// a paragraph holding nothing but one strong span, which templates put above an answer
/// (`**Question**`, a blank line, the answer). Both renderers keep it with its answer.
pub(super) fn question_label(events: &[Event<'_>], at: usize) -> Option<usize> {
    if events.get(at) != Some(&Event::Start(Tag::Paragraph))
        || events.get(at + 1) != Some(&Event::Start(Tag::Strong))
    {
        return None;
    }
    let mut depth = 0usize;
    for (index, event) in events.iter().enumerate().skip(at + 1) {
        match event {
            Event::Start(Tag::Strong) => depth += 1,
            Event::End(TagEnd::Strong) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let end = index + 1;
                    return (events.get(end) == Some(&Event::End(TagEnd::Paragraph)))
                        .then_some(end);
                }
            }
            Event::End(TagEnd::Paragraph) => return None,
            _ => {}
        }
    }
    None
}

/// Renders Markdown into a complete HTML page with the given stylesheet.
pub fn page(markdown: &str, meta: &PageMeta<'_>, stylesheet: &str) -> String {
    let mut body = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut body, labelled(charts(safe_events(markdown).collect())));
    let mut out = String::with_capacity(body.len() + stylesheet.len() + 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(&attribute(meta.language));
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"generator\" content=\"aiact\">\n<title>");
    out.push_str(&text(meta.title));
    out.push_str("</title>\n<style>\n");
    out.push_str(stylesheet);
    out.push_str("\n</style>\n</head>\n<body>\n<main>\n");
    out.push_str(&body);
    out.push_str("</main>\n<footer>\n");
    for line in meta.footer {
        out.push_str("<p>");
        out.push_str(&text(line));
        out.push_str("</p>\n");
    }
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

/// The events with each chart block (see [`super::chart`]) drawn as inline SVG; a block whose
/// spec does not read stays a code block. Runs after `safe_events`, so the only HTML events
/// are aiact's own.
fn charts(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut chart: Option<(String, Vec<Event<'_>>)> = None;
    for event in events {
        match (&mut chart, event) {
            (None, Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info))))
                if info.as_ref() == super::chart::INFO =>
            {
                chart = Some((
                    String::new(),
                    vec![Event::Start(Tag::CodeBlock(
                        pulldown_cmark::CodeBlockKind::Fenced(info),
                    ))],
                ));
            }
            (Some((text, held)), Event::Text(t)) => {
                text.push_str(&t);
                held.push(Event::Text(t));
            }
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                if let Some((text, mut held)) = chart.take() {
                    match serde_json::from_str::<super::chart::Spec>(text.trim()) {
                        Ok(spec) => out.push(Event::Html(CowStr::from(super::chart::svg(&spec)))),
                        Err(_) => {
                            held.push(Event::End(TagEnd::CodeBlock));
                            out.extend(held);
                        }
                    }
                }
            }
            (Some((_, held)), other) => held.push(other),
            (None, other) => out.push(other),
        }
    }
    if let Some((_, held)) = chart {
        out.extend(held);
    }
    out
}

/// The Markdown events with raw HTML turned into text and unsafe links into their text.
fn safe_events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    // Link ends must match their starts: remember which links were dropped.
    let mut dropped_links: Vec<bool> = Vec::new();
    Parser::new_ext(markdown, markdown_options()).filter_map(move |event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let keep = is_linkable(&dest_url) || dest_url.starts_with('#');
            dropped_links.push(!keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => {
            let dropped = dropped_links.pop().unwrap_or(false);
            (!dropped).then_some(Event::End(TagEnd::Link))
        }
        // Images would fetch a resource: show their text instead.
        Event::Start(Tag::Image { dest_url, .. }) => {
            Some(Event::Text(CowStr::from(format!("[image: {dest_url}] "))))
        }
        Event::End(TagEnd::Image) => None,
        other => Some(other),
    })
}

/// The events with each top-level question label as `<p class="question">`, for the
/// stylesheet (the markup is aiact's own: dossier HTML was made text by `safe_events`).
fn labelled(events: Vec<Event<'_>>) -> impl Iterator<Item = Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut containers = 0usize;
    let mut label_end = None;
    for (index, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_)) => containers += 1,
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::Table) => {
                containers = containers.saturating_sub(1);
            }
            Event::Start(Tag::Paragraph) if containers == 0 => {
                if let Some(end) = question_label(&events, index) {
                    label_end = Some(end);
                    out.push(Event::Html(CowStr::Borrowed("<p class=\"question\">")));
                    continue;
                }
            }
            Event::End(TagEnd::Paragraph) if label_end == Some(index) => {
                label_end = None;
                out.push(Event::Html(CowStr::Borrowed("</p>\n")));
                continue;
            }
            _ => {}
        }
        out.push(event.clone());
    }
    out.into_iter()
}

fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
    out
}

fn attribute(s: &str) -> String {
    text(s).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(markdown: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, safe_events(markdown));
        out
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = body("before <script>alert(1)</script> after\n\n<div onclick=x>block</div>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<div"), "{html}");
    }

    #[test]
    fn only_safe_links_are_links() {
        let html = body("[a](javascript:alert(1)) [b](https://example.com) [c](#top)");
        assert!(!html.contains("javascript:alert(1)\""), "{html}");
        assert!(
            html.contains("<a href=\"https://example.com\">b</a>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"#top\">c</a>"), "{html}");
        assert!(html.contains('a'));
    }

    #[test]
    fn images_are_not_fetched() {
        let html = body("![x](https://tracker.example/p.png)");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn the_page_is_self_contained() {
        let page = page(
            "# T\n",
            &PageMeta {
                title: "T <b>",
                language: "en",
                footer: &["digest <x>".to_owned()],
            },
            "body {}",
        );
        assert!(page.contains("<title>T &lt;b&gt;</title>"));
        assert!(page.contains("default-src 'none'"));
        assert!(!page.contains("http://") && !page.contains("https://"));
        assert!(page.contains("digest &lt;x&gt;"));
    }

    #[test]
    fn narrative_markdown_is_formatting_and_injections_are_text() {
        let answer = "We used **public** data, see https://example.com/data and [the card](https://example.com/card), or write to <mailto:a@example.com>.\n\n- web *text*\n- code, in `stack-v2`\n  1. nested\n\n#panic(\"x\") #read(\"/etc/passwd\") $x$ <script>alert(1)</script> {{ 7*7 }} [a](javascript:alert(1)) ![i](https://x/i.png)\n\n# heading";
        let markdown = format!(
            "**What data was used?**\n\n{}\n",
            crate::render::narrative::block(answer)
        );
        let html = page(
            &markdown,
            &PageMeta {
                title: "T",
                language: "en",
                footer: &[],
            },
            "",
        );
        for expected in [
            "<p class=\"question\"><strong>What data was used?</strong></p>",
            "<strong>public</strong>",
            "<em>text</em>",
            "<a href=\"https://example.com/data\">https://example.com/data</a>",
            "<a href=\"https://example.com/card\">the card</a>",
            "<a href=\"mailto:a@example.com\">mailto:a@example.com</a>",
            "<ul>",
            "<ol>",
            "<code>stack-v2</code>",
            "#panic(\"x\") #read(\"/etc/passwd\") $x$ &lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} [a](javascript:alert(1)) ![i](https://x/i.png)",
            "<p># heading</p>",
        ] {
            assert!(html.contains(expected), "{expected} missing from {html}");
        }
        for absent in ["<script", "href=\"javascript", "<img", "<h1"] {
            assert!(!html.contains(absent), "{absent} in {html}");
        }
    }

    #[test]
    fn only_a_top_level_bold_paragraph_is_a_question() {
        let html = body_labelled("**Q**\n\nA\n\n**Label.** text\n\n- **in a list**\n\n  more\n");
        assert_eq!(html.matches("class=\"question\"").count(), 1, "{html}");
    }

    fn body_labelled(markdown: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, labelled(safe_events(markdown).collect()));
        out
    }
}
