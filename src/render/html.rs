//! Markdown → HTML: a self-contained page (embedded stylesheet, no external resources, a
//! Content-Security-Policy that forbids scripts), with raw HTML in the Markdown shown as text
//! and only web and mail links made clickable.

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

/// Renders Markdown into a complete HTML page with the given stylesheet.
pub fn page(markdown: &str, meta: &PageMeta<'_>, stylesheet: &str) -> String {
    let mut body = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut body, safe_events(markdown));
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
}
