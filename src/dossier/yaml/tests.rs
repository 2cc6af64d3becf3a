//! Unit tests of the parent module.

use super::*;

const BOUNDS: Bounds = Bounds {
    max_depth: 32,
    max_events: 100_000,
    max_alias_nodes: 1_000,
};

fn parsed(text: &str) -> Node {
    parse(text, BOUNDS).unwrap()
}

fn failed(text: &str) -> ParseError {
    parse(text, BOUNDS).unwrap_err()
}

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

#[test]
fn core_schema_resolution() {
    assert_eq!(resolve_plain("~"), Content::Null);
    assert_eq!(resolve_plain("True"), Content::Bool(true));
    assert_eq!(resolve_plain("yes"), Content::Str("yes".into()));
    assert_eq!(resolve_plain("0x1F"), Content::Int(31));
    assert_eq!(resolve_plain("0o17"), Content::Int(15));
    assert_eq!(resolve_plain("-12"), Content::Int(-12));
    assert_eq!(resolve_plain("3.8e25"), Content::Float(3.8e25));
    assert_eq!(resolve_plain(".5"), Content::Float(0.5));
    assert_eq!(resolve_plain("1_000"), Content::Str("1_000".into()));
    assert_eq!(resolve_plain("1.2.3"), Content::Str("1.2.3".into()));
    assert_eq!(
        resolve_plain("2025-08-02"),
        Content::Str("2025-08-02".into())
    );
    assert_eq!(
        resolve_plain("18446744073709551615"),
        Content::UInt(u64::MAX)
    );
    assert!(matches!(resolve_plain(".nan"), Content::Float(f) if f.is_nan()));
    assert!(matches!(resolve_plain("1e400"), Content::Float(f) if f.is_infinite()));
}

#[test]
fn spans_of_keys_and_values() {
    let text = "provider:\n  legal_name: Müller GmbH\n  versions:\n    - \"1.0\"\n    - 2.10\n";
    let root = parsed(text);
    let name = root.get(&path("provider.legal_name")).unwrap();
    assert_eq!(&text[name.span.start..name.span.end], "Müller GmbH");
    assert!(name.plain);
    let second = root.get(&path("provider.versions[1]")).unwrap();
    assert_eq!(&text[second.span.start..second.span.end], "2.10");
    let first = root.get(&path("provider.versions[0]")).unwrap();
    assert!(!first.plain);
    let (found, range) = root.nearest(&path("provider.versions[7]"));
    assert_eq!(found, path("provider.versions"));
    assert_eq!(&text[range.start..range.end], "versions");
    let (found, range) = root.nearest(&path("provider.contact.email"));
    assert_eq!(found, path("provider"));
    assert_eq!(&text[range.start..range.end], "provider");
}

#[test]
fn duplicate_keys_name_both_places() {
    let error = failed("a: 1\nb:\n  c: 1\n  c: 2\n");
    assert!(
        error
            .message
            .contains("duplicate key `c` (first written on line 3)"),
        "{error:?}"
    );
    assert_eq!(error.path, path("b.c"));
    assert_eq!(error.range.start, "a: 1\nb:\n  c: 1\n  ".len());
}

#[test]
fn many_keys_are_checked_for_duplicates_without_quadratic_cost() {
    let mut text = String::new();
    for i in 0..5000 {
        text.push_str(&format!("k{i}: {i}\n"));
    }
    assert!(parse(&text, BOUNDS).is_ok());
    text.push_str("k4999: again\n");
    assert!(failed(&text).message.contains("duplicate key `k4999`"));
}

#[test]
fn refusals() {
    assert!(
        failed("a: !custom 1\n")
            .message
            .contains("`!custom` is not supported")
    );
    assert!(failed("a: !!binary aGk=\n").message.contains("`!!binary`"));
    assert!(failed("<<: {a: 1}\n").message.contains("merge keys"));
    assert!(failed("? [a]\n: 1\n").message.contains("plain value"));
    assert!(
        failed("a: 1\n---\nb: 2\n")
            .message
            .contains("one YAML document")
    );
    assert!(
        failed("a: *nothing\n")
            .message
            .to_lowercase()
            .contains("anchor")
    );
    let deep = format!("a: {}{}\n", "[".repeat(40), "]".repeat(40));
    assert!(failed(&deep).message.contains("nesting deeper than 32"));
}

#[test]
fn aliases_are_copied_within_bounds() {
    let root = parsed("a: &x {b: 1}\nc: *x\n");
    assert_eq!(root.get(&path("c.b")).unwrap().content, Content::Int(1));
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..8 {
        let items = vec![format!("*a{}", level - 1); 9].join(", ");
        bomb.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    let error = failed(&bomb);
    assert!(
        error
            .message
            .contains("aliases expand to more than 1000 values"),
        "{error:?}"
    );
}

#[test]
fn tags_of_the_core_schema() {
    let root = parsed("a: !!str 12\nb: !!float 3\nc: !!int 0x10\n");
    assert_eq!(
        root.get(&path("a")).unwrap().content,
        Content::Str("12".into())
    );
    assert_eq!(root.get(&path("b")).unwrap().content, Content::Float(3.0));
    assert_eq!(root.get(&path("c")).unwrap().content, Content::Int(16));
    assert!(
        failed("a: !!int twelve\n")
            .message
            .contains("not a valid !!int")
    );
}

#[test]
fn syntax_errors_are_located_with_the_open_path() {
    let text = "provider:\n  contact:\n    email: [unclosed\n";
    let error = failed(text);
    assert!(
        error.path.to_string().starts_with("provider.contact.email"),
        "{error:?}"
    );
    assert!(error.range.start > text.find("email").unwrap());
}

#[test]
fn empty_documents_are_empty_mappings() {
    assert_eq!(parsed("").content, Content::Map(Vec::new()));
    assert_eq!(
        parsed("# only a comment\n").content,
        Content::Map(Vec::new())
    );
}

#[test]
fn json_is_read_as_yaml() {
    let root =
        parsed("{\n\t\"a\": [1, 2.5, \"x\", true, null],\n\t\"b\": {\"c\": \"\\u00e9\"}\n}\n");
    assert_eq!(
        root.get(&path("a[1]")).unwrap().content,
        Content::Float(2.5)
    );
    assert_eq!(
        root.get(&path("b.c")).unwrap().content,
        Content::Str("é".into())
    );
}

#[test]
fn deserialises_into_types() {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        name: String,
        count: u32,
        ratio: f64,
        maybe: Option<bool>,
        list: Vec<String>,
        kind: Kind,
    }
    #[derive(serde::Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        FineTune,
    }
    let root = parsed("name: x\ncount: 3\nratio: 2\nmaybe: ~\nlist: [a, b]\nkind: fine_tune\n");
    let sample: Sample = serde::Deserialize::deserialize(&root).unwrap();
    assert_eq!(
        sample,
        Sample {
            name: "x".into(),
            count: 3,
            ratio: 2.0,
            maybe: None,
            list: vec!["a".into(), "b".into()],
            kind: Kind::FineTune,
        }
    );
}
