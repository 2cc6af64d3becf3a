//! YAML 1.2 (and JSON, its subset) into a located tree, in one pass over the events of
//! `granit-parser`: every key and value keeps its byte range, so validation can report every
//! problem where it is and findings can point at the field they are about.
//!
//! Design note: serde-saphyr (built on the same parser) deserialises straight into types and
//! stops at the first problem; going through its generic value and then a second parse for
//! positions cost three times the time of this single pass. Here we own the few decisions a
//! strict evidence format needs, each enforced with a located error:
//! - scalars resolve by the YAML 1.2 core schema (`yes`/`no`/`on`/`off` stay text);
//! - duplicate keys, complex keys, merge keys (`<<`, a YAML 1.1 feature), tags other than the
//!   core `!!str`/`!!int`/`!!float`/`!!bool`/`!!null`/`!!map`/`!!seq`, and multiple documents
//!   are refused;
//! - nesting depth, events and nodes replayed through aliases are bounded, so an alias bomb
//!   stops after a fixed amount of work.

use std::collections::{HashMap, HashSet};
use std::fmt;

use granit_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde::de::{self, IntoDeserializer};

use super::path::{FieldPath, Segment};
use crate::diag::source::ByteRange;

/// A value in a YAML document.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// A non-negative integer beyond `i64`.
    UInt(u64),
    /// A floating-point number (possibly not finite, which validation refuses).
    Float(f64),
    /// Text.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<Entry>),
}

/// A located value.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub content: Content,
    /// Where the value is written (for a collection, from its first to its last character).
    pub span: ByteRange,
    /// Whether it is a plain (unquoted) scalar, whose literal text is `span` of the source.
    pub plain: bool,
}

/// A mapping entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// Where the key is written.
    pub key_span: ByteRange,
    /// The value.
    pub value: Node,
}

/// Limits that keep parsing cheap whatever the input.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Deepest nesting of mappings and lists.
    pub max_depth: usize,
    /// Most parser events.
    pub max_events: usize,
    /// Most nodes copied by aliases, in total.
    pub max_alias_nodes: usize,
}

/// A problem that stops parsing.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub range: ByteRange,
    /// The path of the innermost value being read when it happened.
    pub path: FieldPath,
    /// How to fix it.
    pub help: Option<String>,
}

impl Node {
    /// The value at `path` below this node.
    pub fn get(&self, path: &FieldPath) -> Option<&Node> {
        let mut node = self;
        for segment in &path.0 {
            node = node.child(segment)?.1;
        }
        Some(node)
    }

    fn child(&self, segment: &Segment) -> Option<(Option<ByteRange>, &Node)> {
        match (&self.content, segment) {
            (Content::Map(entries), Segment::Key(key)) => entries
                .iter()
                .find(|e| &e.key == key)
                .map(|e| (Some(e.key_span), &e.value)),
            (Content::Seq(items), Segment::Index(index)) => items.get(*index).map(|n| (None, n)),
            _ => None,
        }
    }

    /// The value at `path`, or the nearest ancestor that exists, with the range a diagnostic
    /// should underline: a scalar itself; for a collection, the key that introduces it.
    pub fn nearest(&self, path: &FieldPath) -> (FieldPath, ByteRange) {
        let mut node = self;
        let mut key_span = None;
        let mut found = FieldPath::root();
        for segment in &path.0 {
            match node.child(segment) {
                Some((key, child)) => {
                    node = child;
                    key_span = key;
                    found.0.push(segment.clone());
                }
                None => break,
            }
        }
        let range = match (&node.content, key_span) {
            (Content::Map(_) | Content::Seq(_), Some(key)) => key,
            (Content::Map(_) | Content::Seq(_), None) => ByteRange::at(node.span.start),
            _ => node.span,
        };
        (found, range)
    }

    /// The value as JSON. Non-finite floats, which JSON cannot hold, become the YAML text
    /// `.nan`, `.inf` or `-.inf`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.content {
            Content::Null => Value::Null,
            Content::Bool(b) => Value::Bool(*b),
            Content::Int(i) => Value::from(*i),
            Content::UInt(u) => Value::from(*u),
            Content::Float(f) => serde_json::Number::from_f64(*f).map_or_else(
                || {
                    Value::String(
                        if f.is_nan() {
                            ".nan"
                        } else if *f > 0.0 {
                            ".inf"
                        } else {
                            "-.inf"
                        }
                        .to_owned(),
                    )
                },
                Value::Number,
            ),
            Content::Str(s) => Value::String(s.clone()),
            Content::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            Content::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// Whether this is a list or mapping.
    pub fn is_collection(&self) -> bool {
        matches!(self.content, Content::Map(_) | Content::Seq(_))
    }

    fn size(&self) -> usize {
        match &self.content {
            Content::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Content::Map(entries) => 1 + entries.iter().map(|e| 1 + e.value.size()).sum::<usize>(),
            _ => 1,
        }
    }
}

/// Parses one YAML document. An empty document is an empty mapping.
pub fn parse(text: &str, bounds: Bounds) -> Result<Node, ParseError> {
    let mut builder = Builder {
        bounds,
        text,
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        documents: 0,
        events: 0,
        alias_nodes: 0,
    };
    for next in Parser::new_from_str(text) {
        match next {
            Ok((event, span)) => builder.event(event, span)?,
            Err(error) => {
                let offset = error.marker().byte_offset().unwrap_or(0);
                return Err(builder.error(
                    error.info().replace(" while scanning", ", while scanning"),
                    ByteRange::at(offset.min(text.len())),
                    None,
                ));
            }
        }
    }
    Ok(builder.root.unwrap_or(Node {
        content: Content::Map(Vec::new()),
        span: ByteRange::at(0),
        plain: false,
    }))
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: usize,
        anchor: usize,
    },
    Map {
        entries: Vec<Entry>,
        start: usize,
        anchor: usize,
        pending_key: Option<(String, ByteRange)>,
        seen: Option<HashSet<String>>,
    },
}

struct Builder<'t> {
    bounds: Bounds,
    text: &'t str,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Node, usize)>,
    root: Option<Node>,
    documents: usize,
    events: usize,
    alias_nodes: usize,
}

fn range_of(span: &Span) -> ByteRange {
    ByteRange {
        start: span.start.byte_offset().unwrap_or(0),
        end: span.end.byte_offset().unwrap_or(0),
    }
}

const CORE: &str = "tag:yaml.org,2002:";

impl Builder<'_> {
    fn path(&self) -> FieldPath {
        let mut path = FieldPath::root();
        for frame in &self.stack {
            match frame {
                Frame::Seq { items, .. } => path.0.push(Segment::Index(items.len())),
                Frame::Map {
                    pending_key: Some((key, _)),
                    ..
                } => path.0.push(Segment::Key(key.clone())),
                Frame::Map { .. } => {}
            }
        }
        path
    }

    fn error(
        &self,
        message: impl Into<String>,
        range: ByteRange,
        help: Option<&str>,
    ) -> ParseError {
        ParseError {
            message: message.into(),
            range,
            path: self.path(),
            help: help.map(str::to_owned),
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), ParseError> {
        self.events += 1;
        let range = range_of(&span);
        if self.events > self.bounds.max_events {
            return Err(self.error(
                format!(
                    "the file has more than {} YAML events",
                    self.bounds.max_events
                ),
                range,
                Some("split bulky lists into evidence files"),
            ));
        }
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(self.error(
                        "a dossier file holds one YAML document, and this is a second one",
                        range,
                        Some(
                            "remove the `---` line, or move the second document into its own file",
                        ),
                    ));
                }
                Ok(())
            }
            Event::Scalar(text, style, anchor, tag) => {
                let node = self.scalar(&text, style, tag.as_deref(), range)?;
                self.finish(node, anchor)
            }
            Event::Alias(id) => {
                let Some((node, size)) = self.anchors.get(&id) else {
                    return Err(self.error("this alias names no anchor", range, None));
                };
                self.alias_nodes += size;
                if self.alias_nodes > self.bounds.max_alias_nodes {
                    return Err(self.error(
                        format!(
                            "aliases expand to more than {} values",
                            self.bounds.max_alias_nodes
                        ),
                        range,
                        Some("aliases are bounded so that a small file cannot expand into a huge one; write the values out"),
                    ));
                }
                let mut copy = node.clone();
                copy.span = range;
                copy.plain = false;
                self.finish(copy, 0)
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                self.check_collection_tag(tag.as_deref(), range)?;
                if self.expecting_key() {
                    return Err(self.error(
                        "a mapping key must be a plain value, not a list or mapping",
                        range,
                        None,
                    ));
                }
                if self.stack.len() >= self.bounds.max_depth {
                    return Err(self.error(
                        format!("nesting deeper than {} levels", self.bounds.max_depth),
                        range,
                        Some(
                            "dossier files are bounded in depth; the format never needs this much",
                        ),
                    ));
                }
                self.stack
                    .push(if matches!(event, Event::SequenceStart(..)) {
                        Frame::Seq {
                            items: Vec::new(),
                            start: range.start,
                            anchor,
                        }
                    } else {
                        Frame::Map {
                            entries: Vec::new(),
                            start: range.start,
                            anchor,
                            pending_key: None,
                            seen: None,
                        }
                    });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let end = range.end.max(range.start);
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq {
                        items,
                        start,
                        anchor,
                    }) => (
                        Node {
                            content: Content::Seq(items),
                            span: ByteRange { start, end },
                            plain: false,
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        entries,
                        start,
                        anchor,
                        ..
                    }) => (
                        Node {
                            content: Content::Map(entries),
                            span: ByteRange { start, end },
                            plain: false,
                        },
                        anchor,
                    ),
                    None => return Ok(()),
                };
                self.finish(node, anchor)
            }
            _ => Ok(()),
        }
    }

    fn expecting_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Map {
                pending_key: None,
                ..
            })
        )
    }

    fn check_collection_tag(&self, tag: Option<&Tag>, range: ByteRange) -> Result<(), ParseError> {
        match tag {
            None => Ok(()),
            Some(tag) if tag.handle() == CORE && matches!(tag.suffix(), "map" | "seq") => Ok(()),
            Some(tag) => Err(self.unsupported_tag(tag, range)),
        }
    }

    fn unsupported_tag(&self, tag: &Tag, range: ByteRange) -> ParseError {
        let shown = if tag.handle() == CORE {
            format!("!!{}", tag.suffix())
        } else {
            format!("{}{}", tag.handle(), tag.suffix())
        };
        self.error(
            format!("the YAML tag `{shown}` is not supported"),
            range,
            Some("remove the tag; dossier values are plain YAML"),
        )
    }

    fn scalar(
        &self,
        text: &str,
        style: ScalarStyle,
        tag: Option<&Tag>,
        range: ByteRange,
    ) -> Result<Node, ParseError> {
        let plain = style == ScalarStyle::Plain;
        let content = match tag {
            None if plain => resolve_plain(text),
            None => Content::Str(text.to_owned()),
            Some(tag) if tag.handle() == CORE => {
                let resolved = resolve_plain(text);
                match (tag.suffix(), resolved) {
                    ("str", _) => Content::Str(text.to_owned()),
                    ("null", Content::Null) => Content::Null,
                    ("bool", value @ Content::Bool(_)) => value,
                    ("int", value @ (Content::Int(_) | Content::UInt(_))) => value,
                    ("float", Content::Int(i)) => Content::Float(i as f64),
                    ("float", value @ Content::Float(_)) => value,
                    ("null" | "bool" | "int" | "float", _) => {
                        return Err(self.error(
                            format!("`{text}` is not a valid !!{}", tag.suffix()),
                            range,
                            None,
                        ));
                    }
                    _ => return Err(self.unsupported_tag(tag, range)),
                }
            }
            Some(tag) => return Err(self.unsupported_tag(tag, range)),
        };
        Ok(Node {
            content,
            span: range,
            plain: plain && tag.is_none(),
        })
    }

    /// Places a completed node: as a key, as a mapping value, as a list item, or as the root.
    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), ParseError> {
        if anchor != 0 {
            let size = node.size();
            self.anchors.insert(anchor, (node.clone(), size));
        }
        let key_error = match self.stack.last() {
            Some(Frame::Map {
                pending_key: None, ..
            }) => Some(self.key_problem(&node)),
            _ => None,
        };
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
                Ok(())
            }
            Some(Frame::Seq { items, .. }) => {
                items.push(node);
                Ok(())
            }
            Some(Frame::Map {
                entries,
                pending_key,
                seen,
                ..
            }) => match pending_key.take() {
                Some((key, key_span)) => {
                    entries.push(Entry {
                        key,
                        key_span,
                        value: node,
                    });
                    Ok(())
                }
                None => {
                    let key = match key_error {
                        Some(Err(problem)) => return Err(problem),
                        Some(Ok(key)) => key,
                        None => String::new(),
                    };
                    let duplicate = match seen {
                        Some(keys) => !keys.insert(key.clone()),
                        None => {
                            let found = entries.iter().any(|e| e.key == key);
                            if entries.len() >= 32 {
                                *seen = Some(entries.iter().map(|e| e.key.clone()).collect());
                            }
                            found
                        }
                    };
                    if duplicate {
                        let first = entries
                            .iter()
                            .find(|e| e.key == key)
                            .map(|e| e.key_span.start)
                            .unwrap_or(0);
                        let line = line_of(self.text, first);
                        let mut error = self.error(
                            format!("duplicate key `{key}` (first written on line {line})"),
                            node.span,
                            Some("each key may appear only once in a mapping"),
                        );
                        error.path = error.path.key(&key);
                        return Err(error);
                    }
                    if let Some(Frame::Map { pending_key, .. }) = self.stack.last_mut() {
                        *pending_key = Some((key, node.span));
                    }
                    Ok(())
                }
            },
        }
    }

    fn key_problem(&self, node: &Node) -> Result<String, ParseError> {
        let key = match &node.content {
            Content::Str(text) => text.clone(),
            Content::Map(_) | Content::Seq(_) => {
                return Err(self.error(
                    "a mapping key must be a plain value, not a list or mapping",
                    node.span,
                    None,
                ));
            }
            _ => self
                .text
                .get(node.span.start..node.span.end)
                .unwrap_or_default()
                .to_owned(),
        };
        if key == "<<" && node.plain {
            return Err(self.error(
                "merge keys (`<<`) are a YAML 1.1 feature that dossier files do not use",
                node.span,
                Some("write the keys out in full"),
            ));
        }
        Ok(key)
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let before = text.get(..offset).unwrap_or(text);
    before.matches('\n').count() + 1
}

/// Resolves a plain scalar by the YAML 1.2 core schema.
pub fn resolve_plain(text: &str) -> Content {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Content::Null,
        "true" | "True" | "TRUE" => return Content::Bool(true),
        "false" | "False" | "FALSE" => return Content::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Content::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Content::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Content::Float(f64::NAN),
        _ => {}
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<i64>() {
            Ok(value) => Content::Int(value),
            Err(_) => match text.parse::<u64>() {
                Ok(value) => Content::UInt(value),
                Err(_) => Content::Float(text.parse::<f64>().unwrap_or(f64::NAN)),
            },
        };
    }
    for (prefix, radix) in [("0o", 8), ("0x", 16)] {
        if let Some(digits) = text.strip_prefix(prefix)
            && !digits.is_empty()
            && let Ok(value) = i64::from_str_radix(digits, radix)
        {
            return Content::Int(value);
        }
    }
    if is_core_float(text)
        && let Ok(value) = text.parse::<f64>()
    {
        return Content::Float(value);
    }
    Content::Str(text.to_owned())
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's float.
fn is_core_float(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < bytes.len() && bytes[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let whole = digits(&mut i);
    let mut fraction = 0;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        fraction = digits(&mut i);
    }
    if whole == 0 && fraction == 0 {
        return false;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == bytes.len()
}

/// The error of deserialising a validated tree into the typed model (which validation
/// prevents; kept so that a mismatch is an error, never a panic).
#[derive(Debug)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        DeError(message.to_string())
    }
}

impl<'de> de::Deserializer<'de> for &'de Node {
    type Error = DeError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.content {
            Content::Null => visitor.visit_unit(),
            Content::Bool(b) => visitor.visit_bool(*b),
            Content::Int(i) => visitor.visit_i64(*i),
            Content::UInt(u) => visitor.visit_u64(*u),
            Content::Float(f) => visitor.visit_f64(*f),
            Content::Str(s) => visitor.visit_borrowed_str(s),
            Content::Seq(items) => visitor.visit_seq(SeqAccess {
                items: items.iter(),
            }),
            Content::Map(entries) => visitor.visit_map(MapAccess {
                entries: entries.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.content {
            Content::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.content {
            Content::Str(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Content::Map(entries) if entries.len() == 1 => {
                visitor.visit_enum(EnumAccess { entry: &entries[0] })
            }
            _ => Err(de::Error::custom("expected an enumeration value")),
        }
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    /// A section written `~` is a section nobody answered: the same as one left out, so its
    /// fields are all unanswered (the validator lets `~` through only for sections without
    /// required fields).
    fn deserialize_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.content {
            Content::Null => visitor.visit_map(MapAccess {
                entries: [].iter(),
                value: None,
            }),
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// An externally tagged enum value written as a one-entry mapping: `{variant: value}`.
struct EnumAccess<'de> {
    entry: &'de Entry,
}

impl<'de> de::EnumAccess<'de> for EnumAccess<'de> {
    type Error = DeError;
    type Variant = &'de Node;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, &'de Node), DeError> {
        let key: de::value::BorrowedStrDeserializer<'de, DeError> =
            de::value::BorrowedStrDeserializer::new(&self.entry.key);
        Ok((seed.deserialize(key)?, &self.entry.value))
    }
}

impl<'de> de::VariantAccess<'de> for &'de Node {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.content {
            Content::Null => Ok(()),
            _ => Err(de::Error::custom("this variant takes no value")),
        }
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: de::Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: de::Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}

struct SeqAccess<'de> {
    items: std::slice::Iter<'de, Node>,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'de> {
    type Error = DeError;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        self.items
            .next()
            .map(|item| seed.deserialize(item))
            .transpose()
    }
}

struct MapAccess<'de> {
    entries: std::slice::Iter<'de, Entry>,
    value: Option<&'de Node>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'de> {
    type Error = DeError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            Some(entry) => {
                self.value = Some(&entry.value);
                let key: de::value::BorrowedStrDeserializer<'de, DeError> =
                    de::value::BorrowedStrDeserializer::new(&entry.key);
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("a value was requested before its key")),
        }
    }
}

#[cfg(test)]
mod tests;
