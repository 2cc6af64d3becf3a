//! Where each value of a dossier file is written: for every field path, the byte range of its
//! key and of its value, and the literal text of plain scalars (which keeps the precision the
//! provider wrote, for example `7.30e9`). Built from the YAML event stream, independently of
//! deserialisation, so that every diagnostic and every finding can name `file:line:column`.

use std::collections::HashMap;
use std::fmt;

use granit_parser::{Event, Parser, ScalarStyle, Span};

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// A path to a value, such as `provider.contact.email` or `model.versions[2].version`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    /// The empty path: the document root.
    pub fn root() -> FieldPath {
        FieldPath(Vec::new())
    }

    /// This path extended by a key.
    pub fn key(&self, key: &str) -> FieldPath {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(key.to_owned()));
        FieldPath(segments)
    }

    /// This path extended by an index.
    pub fn index(&self, index: usize) -> FieldPath {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        FieldPath(segments)
    }

    /// The path without its last step; `None` at the root.
    pub fn parent(&self) -> Option<FieldPath> {
        let (_, rest) = self.0.split_last()?;
        Some(FieldPath(rest.to_vec()))
    }

    /// Whether this is the document root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The path with `prefix` in front (used to place a file's paths in the dossier's
    /// unified path space, such as `technical.compute`).
    pub fn prefixed(&self, prefix: Option<&str>) -> FieldPath {
        match prefix {
            None => self.clone(),
            Some(prefix) => {
                let mut segments = vec![Segment::Key(prefix.to_owned())];
                segments.extend(self.0.iter().cloned());
                FieldPath(segments)
            }
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(document root)");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => write!(f, "{key}")?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A byte range in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteRange {
    /// First byte.
    pub start: usize,
    /// One past the last byte; `usize::MAX` while a collection is still open.
    pub end: usize,
}

impl ByteRange {
    fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end.max(self.start + 1)
    }
}

/// Where one value is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spans {
    /// The mapping key that introduces the value, if it is a mapping entry.
    pub key: Option<ByteRange>,
    /// The value itself (for a collection, from its first to its last character).
    pub value: ByteRange,
    /// The literal text of a plain (unquoted) scalar.
    pub plain_scalar: Option<String>,
    /// Whether the value is a mapping or a list.
    pub collection: bool,
}

impl Spans {
    /// The range a diagnostic about this value should underline: the scalar itself, or the key
    /// of a collection (underlining a whole nested mapping helps nobody).
    pub fn primary(&self) -> ByteRange {
        match (
            self.key,
            self.plain_scalar.is_some() || self.is_scalar_like(),
        ) {
            (_, true) => self.value,
            (Some(key), false) => key,
            (None, false) => ByteRange {
                start: self.value.start,
                end: self.value.start,
            },
        }
    }

    fn is_scalar_like(&self) -> bool {
        self.value.end != usize::MAX && self.value.end.saturating_sub(self.value.start) < 200
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

/// Field path → where its key and value are written.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    entries: HashMap<FieldPath, Spans>,
}

impl SourceMap {
    /// Maps a YAML (or JSON) text. On a syntax error the map holds everything before it and
    /// the error's offset and innermost open path are returned too.
    pub fn build(text: &str) -> (SourceMap, Option<(usize, FieldPath)>) {
        let mut builder = Builder::default();
        for next in Parser::new_from_str(text) {
            match next {
                Ok((event, span)) => builder.event(event, span),
                Err(error) => {
                    let offset = error.marker().byte_offset().unwrap_or(0);
                    let path = builder.open_path();
                    return (builder.map, Some((offset, path)));
                }
            }
        }
        (builder.map, None)
    }

    /// Where the value at `path` is written.
    pub fn get(&self, path: &FieldPath) -> Option<&Spans> {
        self.entries.get(path)
    }

    /// Where the value at `path` is written, or else its nearest written ancestor (for a
    /// missing field: the mapping that should hold it).
    pub fn nearest(&self, path: &FieldPath) -> Option<(&FieldPath, &Spans)> {
        let mut probe = Some(path.clone());
        while let Some(candidate) = probe {
            if let Some((found, spans)) = self.entries.get_key_value(&candidate) {
                return Some((found, spans));
            }
            probe = candidate.parent();
        }
        None
    }

    /// The deepest path whose key or value covers `offset`.
    pub fn path_at(&self, offset: usize) -> FieldPath {
        self.entries
            .iter()
            .filter(|(_, spans)| {
                spans.value.contains(offset) || spans.key.is_some_and(|key| key.contains(offset))
            })
            .map(|(path, _)| path)
            .max_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| b.cmp(a)))
            .cloned()
            .unwrap_or_default()
    }

    /// The literal text of the plain scalar at `path`, if it is one.
    pub fn plain_scalar(&self, path: &FieldPath) -> Option<&str> {
        self.entries.get(path)?.plain_scalar.as_deref()
    }
}

#[derive(Debug)]
enum Frame {
    Mapping {
        path: FieldPath,
        pending_key: Option<(String, ByteRange)>,
    },
    Sequence {
        path: FieldPath,
        next_index: usize,
    },
    /// A complex (non-scalar) mapping key, which dossiers never need; its events are skipped.
    ComplexKey {
        depth: usize,
    },
}

#[derive(Default)]
struct Builder {
    map: SourceMap,
    stack: Vec<Frame>,
}

fn range_of(span: &Span) -> ByteRange {
    ByteRange {
        start: span.start.byte_offset().unwrap_or(0),
        end: span.end.byte_offset().unwrap_or(0),
    }
}

impl Builder {
    fn open_path(&self) -> FieldPath {
        for frame in self.stack.iter().rev() {
            match frame {
                Frame::Mapping {
                    path,
                    pending_key: Some((key, _)),
                } => return path.key(key),
                Frame::Mapping { path, .. } => return path.clone(),
                Frame::Sequence { path, next_index } => return path.index(*next_index),
                Frame::ComplexKey { .. } => {}
            }
        }
        FieldPath::root()
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        if let Some(Frame::ComplexKey { depth }) = self.stack.last_mut() {
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => *depth += 1,
                Event::MappingEnd | Event::SequenceEnd => {
                    *depth -= 1;
                    if *depth == 0 {
                        self.stack.pop();
                        self.finish_key(String::new(), range_of(&span));
                    }
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Scalar(text, style, _, _) => {
                if self.expecting_key() {
                    self.finish_key(text.into_owned(), range_of(&span));
                } else {
                    let plain = (style == ScalarStyle::Plain).then(|| text.into_owned());
                    self.value(range_of(&span), plain, false);
                    self.value_done();
                }
            }
            Event::Alias(_) => {
                if self.expecting_key() {
                    self.finish_key(String::new(), range_of(&span));
                } else {
                    self.value(range_of(&span), None, false);
                    self.value_done();
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if self.expecting_key() {
                    self.stack.push(Frame::ComplexKey { depth: 1 });
                    return;
                }
                let mut range = range_of(&span);
                range.end = usize::MAX;
                let path = self.value(range, None, true);
                self.stack.push(match event {
                    Event::MappingStart(..) => Frame::Mapping {
                        path,
                        pending_key: None,
                    },
                    _ => Frame::Sequence {
                        path,
                        next_index: 0,
                    },
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(Frame::Mapping { path, .. } | Frame::Sequence { path, .. }) =
                    self.stack.pop()
                    && let Some(spans) = self.map.entries.get_mut(&path)
                {
                    spans.value.end = range_of(&span).end.max(spans.value.start + 1);
                }
                self.value_done();
            }
            _ => {}
        }
    }

    fn expecting_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Mapping {
                pending_key: None,
                ..
            })
        )
    }

    fn finish_key(&mut self, key: String, range: ByteRange) {
        if let Some(Frame::Mapping { pending_key, .. }) = self.stack.last_mut() {
            *pending_key = Some((key, range));
        }
    }

    /// Records a value starting at `range` in the current context and returns its path.
    fn value(
        &mut self,
        range: ByteRange,
        plain_scalar: Option<String>,
        collection: bool,
    ) -> FieldPath {
        let (path, key) = match self.stack.last() {
            None => (FieldPath::root(), None),
            Some(Frame::Mapping {
                path,
                pending_key: Some((key, key_range)),
            }) => (path.key(key), Some(*key_range)),
            Some(Frame::Sequence { path, next_index }) => (path.index(*next_index), None),
            Some(_) => (FieldPath::root(), None),
        };
        // YAML forbids duplicate keys and the deserialiser rejects them first; keep the first
        // occurrence so that locations stay stable if one slips through.
        self.map.entries.entry(path.clone()).or_insert(Spans {
            key,
            value: range,
            plain_scalar,
            collection,
        });
        path
    }

    fn value_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Mapping { pending_key, .. }) => *pending_key = None,
            Some(Frame::Sequence { next_index, .. }) => *next_index += 1,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> FieldPath {
        let mut segments = Vec::new();
        for part in text.split('.') {
            match part.split_once('[') {
                Some((key, index)) => {
                    segments.push(Segment::Key(key.to_owned()));
                    segments.push(Segment::Index(index.trim_end_matches(']').parse().unwrap()));
                }
                None => segments.push(Segment::Key(part.to_owned())),
            }
        }
        FieldPath(segments)
    }

    const SAMPLE: &str = "provider:\n  legal_name: Müller GmbH\n  contact:\n    email: a@b.eu\nmodel:\n  versions:\n    - version: \"1.0\"\n    - version: 2.10\n";

    #[test]
    fn maps_keys_and_values_with_character_columns() {
        let (map, error) = SourceMap::build(SAMPLE);
        assert!(error.is_none());
        let source = SourceText::new("aiact.yaml", SAMPLE);
        let email = map.get(&path("provider.contact.email")).unwrap();
        assert_eq!(source.line_col(email.key.unwrap().start), (4, 5));
        assert_eq!(source.line_col(email.value.start), (4, 12));
        let second = map.get(&path("model.versions[1].version")).unwrap();
        assert_eq!(source.line_col(second.value.start), (8, 16));
        assert_eq!(second.plain_scalar.as_deref(), Some("2.10"));
        let first = map.get(&path("model.versions[0].version")).unwrap();
        assert_eq!(first.plain_scalar, None, "quoted scalars are not plain");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "name: Müller\nx: é1\n";
        let source = SourceText::new("f.yaml", text);
        let offset = text.find('1').unwrap();
        assert_eq!(source.line_col(offset), (2, 5));
        assert_eq!(source.offset_of(2, 4), offset);
    }

    #[test]
    fn nearest_falls_back_to_the_parent_mapping() {
        let (map, _) = SourceMap::build(SAMPLE);
        let (found, _) = map.nearest(&path("provider.contact.phone")).unwrap();
        assert_eq!(found, &path("provider.contact"));
    }

    #[test]
    fn path_at_finds_the_innermost_value() {
        let (map, _) = SourceMap::build(SAMPLE);
        let offset = SAMPLE.find("a@b.eu").unwrap() + 2;
        assert_eq!(map.path_at(offset), path("provider.contact.email"));
    }

    #[test]
    fn syntax_error_reports_the_open_path() {
        let text = "provider:\n  contact:\n    email: [unclosed\n";
        let (_, error) = SourceMap::build(text);
        let (_, open) = error.expect("a syntax error");
        assert!(
            open.to_string().starts_with("provider.contact.email"),
            "{open}"
        );
    }

    #[test]
    fn field_path_display() {
        assert_eq!(
            path("model.versions[2].version").to_string(),
            "model.versions[2].version"
        );
        assert_eq!(FieldPath::root().to_string(), "(document root)");
        assert_eq!(
            path("compute.training_flop")
                .prefixed(Some("technical"))
                .to_string(),
            "technical.compute.training_flop"
        );
    }
}
