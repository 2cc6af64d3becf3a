//! Source texts and byte ranges: turning a byte offset into the line and column a person
//! sees (columns count characters, not bytes).

/// A byte range in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteRange {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl ByteRange {
    /// An empty range at `offset`.
    pub fn at(offset: usize) -> ByteRange {
        ByteRange {
            start: offset,
            end: offset,
        }
    }
}

/// A source file's text with line starts, for turning byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The name shown in diagnostics: the path relative to the dossier, such as `data.yaml`.
    pub name: String,
    /// The whole text.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    /// Wraps a text under a display name.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceText {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceText {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and 1-based column counted in characters (so that `Müller` before an
    /// error does not shift the column).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let line_start = self.line_starts[line_index];
        let column = self
            .text
            .get(line_start..offset)
            .map_or(offset - line_start, |prefix| prefix.chars().count());
        (line_index + 1, column + 1)
    }

    /// The whole lines that `range` touches, with the range relative to them: what a
    /// diagnostic shows, without handing the renderer the whole file.
    pub fn excerpt(&self, range: ByteRange) -> Excerpt<'_> {
        let start = floor_char_boundary(&self.text, range.start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, range.end.clamp(start, self.text.len()));
        let line_index = |offset: usize| match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let first = line_index(start);
        let from = self.line_starts[first];
        let to = self.text[end..]
            .find('\n')
            .map_or(self.text.len(), |i| end + i);
        Excerpt {
            text: &self.text[from..to],
            first_line: first + 1,
            span: start - from..end - from,
        }
    }

    /// Byte offset of a 1-based line and 0-based character column, clamped to the text.
    pub fn offset_of(&self, line: usize, char_column: usize) -> usize {
        let Some(&line_start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[line_start..];
        let line_end = rest.find('\n').map_or(rest.len(), |i| i);
        rest[..line_end]
            .char_indices()
            .nth(char_column)
            .map_or(line_start + line_end, |(i, _)| line_start + i)
    }
}

/// Lines of a source text around a span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt<'a> {
    /// The lines, without the newline after the last.
    pub text: &'a str,
    /// 1-based number of the first line.
    pub first_line: usize,
    /// The span, in bytes of `text`.
    pub span: std::ops::Range<usize>,
}

/// The largest character boundary at or before `offset`.
fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "name: Müller\nx: é1\n";
        let source = SourceText::new("f.yaml", text);
        let offset = text.find('1').unwrap();
        assert_eq!(source.line_col(offset), (2, 5));
        assert_eq!(source.offset_of(2, 4), offset);
        assert_eq!(source.line_col(0), (1, 1));
        assert_eq!(source.line_col(text.len()), (3, 1));
    }

    #[test]
    fn an_excerpt_holds_the_lines_of_its_span() {
        let text = "a: 1\nname: Müller\nx: é1\nlast\n";
        let source = SourceText::new("f.yaml", text);
        let start = text.find("Müller").unwrap();
        let excerpt = source.excerpt(ByteRange {
            start,
            end: start + "Müller".len(),
        });
        assert_eq!(excerpt.text, "name: Müller");
        assert_eq!(excerpt.first_line, 2);
        assert_eq!(&excerpt.text[excerpt.span.clone()], "Müller");
        // A span over two lines keeps both; one past the end is clamped.
        let both = source.excerpt(ByteRange {
            start,
            end: text.find("é1").unwrap() + 1,
        });
        assert_eq!(both.text, "name: Müller\nx: é1");
        let end = source.excerpt(ByteRange::at(text.len() + 5));
        assert_eq!((end.text, end.first_line), ("", 5));
    }
}
