//! What a template reads: every variable path of a tera template, with the local names its
//! loops, `set`s, list comprehensions and component parameters bind resolved.
//!
//! tera 2 does not expose its syntax tree, so this is a scanner of its expression syntax,
//! run on templates tera has already accepted. It is deliberately partial: it finds the
//! paths (`a.b`, `a["b"]`, `a[0]`, `a?.b`) rooted at a name and follows aliases (`set c =
//! copyright`, `for d in model.dependencies`, `[f for f in r.findings if …]`, component
//! arguments such as `c={provider.contact}`), so that the field a template reads through a
//! local name is checked as the context path it stands for. Whatever it cannot follow (a
//! subscript computed at render time, a value made by a filter or function) is left
//! unchecked rather than guessed.

use std::collections::BTreeMap;

use super::tokens::{KEYWORDS, Tok, closing, ident, lex, literal_strings, punct, skip_raw};

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// A field, by name.
    Key(String),
    /// Any item of a list (a loop variable, an index).
    Item,
}

/// Where a resolved path starts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Base {
    /// A variable of the template context, such as `document` or `technical`.
    Context(String),
    /// A parameter of the component being defined.
    Param(String),
}

/// A path with its base resolved.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    /// Where it starts.
    pub base: Base,
    /// The steps after it.
    pub steps: Vec<Step>,
}

impl Origin {
    fn extended(&self, more: &[Step]) -> Origin {
        let mut steps = self.steps.clone();
        steps.extend_from_slice(more);
        Origin {
            base: self.base.clone(),
            steps,
        }
    }
}

/// A read of a path, located in its template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// What it reads.
    pub origin: Origin,
    /// Byte range of the path as written.
    pub span: (usize, usize),
}

/// A component call: the component and what each argument stands for.
#[derive(Debug, Clone)]
pub struct Call {
    /// The component.
    pub component: String,
    /// Argument name → the paths it stands for (empty when it is not a plain path).
    pub args: BTreeMap<String, Vec<Origin>>,
    /// Byte offset of the call.
    pub at: usize,
}

/// A component definition and what it reads of its parameters.
#[derive(Debug, Clone, Default)]
pub struct Component {
    /// Reads rooted at a parameter.
    pub reads: Vec<Read>,
    /// Calls of other components from its body.
    pub calls: Vec<Call>,
}

/// What one template reads.
#[derive(Debug, Clone, Default)]
pub struct Reads {
    /// Reads rooted at a context variable, outside component definitions.
    pub context: Vec<Read>,
    /// Component calls outside component definitions.
    pub calls: Vec<Call>,
    /// Components defined in the template, by name.
    pub components: BTreeMap<String, Component>,
}

/// A name bound by the template.
#[derive(Debug, Clone)]
enum Binding {
    /// Stands for these paths.
    Paths(Vec<Origin>),
    /// A loop variable over a literal list of strings.
    Strings(Vec<String>),
    /// Anything else: not followed.
    Opaque,
}

#[derive(Debug, PartialEq)]
enum Frame {
    Root,
    For,
    Component,
}

struct Scanner {
    frames: Vec<(Frame, BTreeMap<String, Binding>)>,
    component: Option<String>,
    reads: Reads,
}

/// A path as written: root, accessors, and whether a computed subscript cut it short.
struct Written {
    root: String,
    accessors: Vec<Accessor>,
    end: usize,
}

enum Accessor {
    Key(String),
    Item,
    /// A subscript by a loop variable over literal strings.
    OneOf(String),
}

/// What a template reads. `text` must be a template tera has accepted.
pub fn scan(text: &str) -> Reads {
    let mut scanner = Scanner {
        frames: vec![(Frame::Root, BTreeMap::new())],
        component: None,
        reads: Reads::default(),
    };
    let mut at = 0;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        let marker = text.as_bytes().get(start + 1).copied();
        match marker {
            Some(b'#') => {
                at = text[start..]
                    .find("#}")
                    .map_or(text.len(), |end| start + end + 2);
            }
            Some(b'{') => {
                let (tokens, end) = lex(text, start + 2, "}}");
                scanner.expression(&tokens);
                at = end;
            }
            Some(b'%') => {
                let (tokens, end) = lex(text, start + 2, "%}");
                at = end;
                if matches!(tokens.first(), Some((Tok::Ident(tag), _)) if tag == "raw") {
                    at = skip_raw(text, at);
                } else {
                    scanner.tag(&tokens);
                }
            }
            _ => at = start + 1,
        }
    }
    scanner.reads
}

impl Scanner {
    fn lookup(&self, name: &str) -> Option<&Binding> {
        self.frames
            .iter()
            .rev()
            .find_map(|(_, names)| names.get(name))
    }

    fn bind(&mut self, name: &str, binding: Binding) {
        if let Some((_, names)) = self.frames.last_mut() {
            names.insert(name.to_owned(), binding);
        }
    }

    fn tag(&mut self, tokens: &[(Tok, usize)]) {
        let Some(tag) = ident(tokens, 0) else {
            if punct(tokens, 0) == Some("<") {
                self.expression(tokens);
            }
            return;
        };
        let rest = &tokens[1..];
        match tag {
            "if" | "elif" => self.expression(rest),
            "for" => self.for_loop(rest),
            "endfor" => self.pop(Frame::For),
            "set" | "set_global" => self.set(rest, tag == "set_global"),
            "component" => self.component(rest),
            "endcomponent" => {
                self.pop(Frame::Component);
                self.component = None;
            }
            // `{% filter name(args) %}`: the arguments are expressions.
            "filter" => {
                let mut piped = vec![(Tok::Punct("|"), 0)];
                piped.extend_from_slice(rest);
                self.expression(&piped);
            }
            _ => {}
        }
    }

    fn pop(&mut self, kind: Frame) {
        if self.frames.len() > 1 && self.frames.last().is_some_and(|(k, _)| *k == kind) {
            self.frames.pop();
        }
    }

    /// `for x in …` and `for k, v in …`, with an optional `if` condition.
    fn for_loop(&mut self, tokens: &[(Tok, usize)]) {
        let Some(in_at) = tokens
            .iter()
            .position(|(t, _)| *t == Tok::Ident("in".to_owned()))
        else {
            return;
        };
        let names: Vec<&str> = (0..in_at).filter_map(|i| ident(tokens, i)).collect();
        let iterable = &tokens[in_at + 1..];
        let condition_at = (0..iterable.len())
            .find(|&i| ident(iterable, i) == Some("if") && !Self::nested(iterable, i));
        let (target, condition) = match condition_at {
            Some(i) => (&iterable[..i], &iterable[i + 1..]),
            None => (iterable, &iterable[..0]),
        };
        self.expression(target);
        let item = self.item_of(target);
        self.frames.push((Frame::For, BTreeMap::new()));
        self.bind("loop", Binding::Opaque);
        match names.as_slice() {
            [value] => self.bind(value, item),
            [key, value] => {
                self.bind(key, Binding::Opaque);
                self.bind(value, item);
            }
            _ => {}
        }
        self.expression(condition);
    }

    /// Whether token `i` is inside brackets.
    fn nested(tokens: &[(Tok, usize)], i: usize) -> bool {
        let mut depth = 0i32;
        for (token, _) in &tokens[..i] {
            match token {
                Tok::Punct("(" | "[" | "{" | "?[") => depth += 1,
                Tok::Punct(")" | "]" | "}") => depth -= 1,
                _ => {}
            }
        }
        depth > 0
    }

    /// What an item of the list `tokens` evaluates to stands for.
    fn item_of(&self, tokens: &[(Tok, usize)]) -> Binding {
        if let Some(strings) = literal_strings(tokens) {
            return Binding::Strings(strings);
        }
        match self.binding_of(tokens) {
            Binding::Paths(origins) => Binding::Paths(
                origins
                    .into_iter()
                    .map(|o| o.extended(&[Step::Item]))
                    .collect(),
            ),
            _ => Binding::Opaque,
        }
    }

    /// What an expression stands for: the paths of a plain path, or of the list a list
    /// comprehension `[x for x in list …]` filters.
    fn binding_of(&self, tokens: &[(Tok, usize)]) -> Binding {
        if let Some(written) = self.written_at(tokens, 0)
            && written.end == tokens.len()
        {
            return match self.resolve(&written) {
                Some(origins) => Binding::Paths(origins),
                None => Binding::Opaque,
            };
        }
        // `[x for x in list if …]`
        if let (
            [
                (Tok::Punct("["), _),
                (Tok::Ident(element), _),
                (Tok::Ident(kw), _),
                ..,
            ],
            true,
        ) = (tokens, closing(tokens, 0) + 1 == tokens.len())
            && kw == "for"
            && ident(tokens, 3) == Some(element.as_str())
            && ident(tokens, 4) == Some("in")
            && let Some(written) = self.written_at(tokens, 5)
        {
            let after = tokens.get(written.end);
            let ends = matches!(after, Some((Tok::Punct("]"), _)))
                || matches!(after, Some((Tok::Ident(kw), _)) if kw == "if");
            if ends && let Some(origins) = self.resolve(&written) {
                return Binding::Paths(origins);
            }
        }
        Binding::Opaque
    }

    fn set(&mut self, tokens: &[(Tok, usize)], global: bool) {
        let Some(name) = ident(tokens, 0) else {
            return;
        };
        let binding = if punct(tokens, 1) == Some("=") {
            self.expression(&tokens[2..]);
            self.binding_of(&tokens[2..])
        } else {
            Binding::Opaque
        };
        if global {
            if let Some((_, names)) = self.frames.first_mut() {
                names.insert(name.to_owned(), binding);
            }
        } else {
            self.bind(name, binding);
        }
    }

    /// `component name(a, b: Type, c=default, ...rest)`.
    fn component(&mut self, tokens: &[(Tok, usize)]) {
        let Some(open) = tokens.iter().position(|(t, _)| *t == Tok::Punct("(")) else {
            return;
        };
        let name: String = tokens[..open]
            .iter()
            .map(|(t, _)| match t {
                Tok::Ident(part) => part.as_str(),
                _ => ".",
            })
            .collect();
        let close = closing(tokens, open);
        let params = &tokens[open + 1..close.min(tokens.len())];
        self.frames.push((Frame::Component, BTreeMap::new()));
        self.bind("body", Binding::Opaque);
        let mut expect_name = true;
        for (i, (token, _)) in params.iter().enumerate() {
            match token {
                Tok::Ident(param) if expect_name => {
                    let binding = Binding::Paths(vec![Origin {
                        base: Base::Param(param.clone()),
                        steps: Vec::new(),
                    }]);
                    self.bind(param, binding);
                    expect_name = false;
                }
                Tok::Punct(",") if !Self::nested(params, i) => expect_name = true,
                _ => {}
            }
        }
        self.reads.components.entry(name.clone()).or_default();
        self.component = Some(name);
    }

    /// Scans an expression for the paths it reads and the components it calls.
    fn expression(&mut self, tokens: &[(Tok, usize)]) {
        let pushed = self.bind_comprehensions(tokens);
        let mut i = 0;
        while i < tokens.len() {
            let previous = i.checked_sub(1).and_then(|p| tokens.get(p));
            let operand_position = match previous {
                None => true,
                Some((Tok::Punct(p), _)) => !matches!(*p, ")" | "]" | "}"),
                Some((Tok::Ident(word), _)) => KEYWORDS.contains(&word.as_str()),
                Some(_) => false,
            };
            match &tokens[i].0 {
                Tok::Punct("<") if operand_position && ident(tokens, i + 1).is_some() => {
                    i = self.call(tokens, i);
                    continue;
                }
                Tok::Ident(name) => {
                    let after_is = i >= 1 && ident(tokens, i - 1) == Some("is")
                        || i >= 2
                            && ident(tokens, i - 1) == Some("not")
                            && ident(tokens, i - 2) == Some("is");
                    let bound_here = i >= 1 && ident(tokens, i - 1) == Some("for")
                        || i >= 3
                            && punct(tokens, i - 1) == Some(",")
                            && ident(tokens, i - 3) == Some("for");
                    let skip = matches!(previous, Some((Tok::Punct("." | "?." | "|"), _)))
                        || after_is
                        || bound_here
                        || KEYWORDS.contains(&name.as_str())
                        || matches!(punct(tokens, i + 1), Some("(" | "=" | ":"));
                    if !skip && let Some(written) = self.written_at(tokens, i) {
                        self.record(&written, tokens);
                        i = written.end;
                        continue;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if pushed {
            self.frames.pop();
        }
    }

    /// Binds the variables of the list comprehensions of an expression for its whole
    /// length; whether a frame was pushed.
    fn bind_comprehensions(&mut self, tokens: &[(Tok, usize)]) -> bool {
        let mut bound = BTreeMap::new();
        for i in 0..tokens.len() {
            if ident(tokens, i) != Some("for") {
                continue;
            }
            let (names, in_at) = match (ident(tokens, i + 1), punct(tokens, i + 2)) {
                (Some(key), Some(",")) => (vec![key, ident(tokens, i + 3).unwrap_or("")], i + 4),
                (Some(value), _) => (vec![value], i + 2),
                _ => continue,
            };
            if ident(tokens, in_at) != Some("in") {
                continue;
            }
            let item = match self.written_at(tokens, in_at + 1) {
                Some(written) => self.item_of(&tokens[in_at + 1..written.end]),
                None => Binding::Opaque,
            };
            if let [key, _] = names.as_slice() {
                bound.insert((*key).to_owned(), Binding::Opaque);
            }
            if let Some(value) = names.last() {
                bound.insert((*value).to_owned(), item);
            }
        }
        if bound.is_empty() {
            return false;
        }
        self.frames.push((Frame::For, bound));
        true
    }

    /// The path written at token `i` (an identifier), if any.
    fn written_at(&self, tokens: &[(Tok, usize)], i: usize) -> Option<Written> {
        let root = ident(tokens, i)?;
        if KEYWORDS.contains(&root) {
            return None;
        }
        let mut accessors = Vec::new();
        let mut at = i + 1;
        loop {
            match (punct(tokens, at), tokens.get(at + 1), punct(tokens, at + 2)) {
                (Some("." | "?."), Some((Tok::Ident(key), _)), _) => {
                    accessors.push(Accessor::Key(key.clone()));
                    at += 2;
                }
                (Some("[" | "?["), Some((Tok::Str(key), _)), Some("]")) => {
                    accessors.push(Accessor::Key(key.clone()));
                    at += 3;
                }
                (Some("[" | "?["), Some((Tok::Num, _)), Some("]")) => {
                    accessors.push(Accessor::Item);
                    at += 3;
                }
                (Some("[" | "?["), Some((Tok::Ident(name), _)), Some("]"))
                    if matches!(self.lookup(name), Some(Binding::Strings(_))) =>
                {
                    accessors.push(Accessor::OneOf(name.clone()));
                    at += 3;
                }
                _ => break,
            }
        }
        Some(Written {
            root: root.to_owned(),
            accessors,
            end: at,
        })
    }

    /// The origins a written path stands for; `None` when its root is not followed.
    fn resolve(&self, written: &Written) -> Option<Vec<Origin>> {
        let mut origins = match self.lookup(&written.root) {
            Some(Binding::Paths(origins)) => origins.clone(),
            Some(_) => return None,
            // Inside a component, only its parameters are in scope.
            None if self.component.is_some() => return None,
            None => vec![Origin {
                base: Base::Context(written.root.clone()),
                steps: Vec::new(),
            }],
        };
        for accessor in &written.accessors {
            let keys: Vec<Step> = match accessor {
                Accessor::Key(key) => vec![Step::Key(key.clone())],
                Accessor::Item => vec![Step::Item],
                Accessor::OneOf(name) => match self.lookup(name) {
                    Some(Binding::Strings(keys)) => keys.iter().cloned().map(Step::Key).collect(),
                    _ => return None,
                },
            };
            origins = origins
                .iter()
                .flat_map(|o| keys.iter().map(|k| o.extended(std::slice::from_ref(k))))
                .collect();
        }
        Some(origins)
    }

    fn record(&mut self, written: &Written, tokens: &[(Tok, usize)]) {
        let Some(origins) = self.resolve(written) else {
            return;
        };
        let span = span_of(tokens, written);
        for origin in origins {
            let read = Read { origin, span };
            match (&self.component, &read.origin.base) {
                (Some(component), Base::Param(_)) => {
                    if let Some(c) = self.reads.components.get_mut(component) {
                        c.reads.push(read);
                    }
                }
                (None, Base::Context(_)) => self.reads.context.push(read),
                _ => {}
            }
        }
    }

    /// `<name attr={expr} attr="text" attr {...spread} />`: scans the argument expressions and
    /// records the call; returns the index after the call.
    fn call(&mut self, tokens: &[(Tok, usize)], open: usize) -> usize {
        let mut i = open + 1;
        let mut name = String::new();
        while let Some(part) = ident(tokens, i) {
            name.push_str(part);
            if punct(tokens, i + 1) != Some(".") {
                i += 1;
                break;
            }
            name.push('.');
            i += 2;
        }
        let mut args = BTreeMap::new();
        loop {
            match (&tokens.get(i).map(|t| &t.0), punct(tokens, i + 1)) {
                (Some(Tok::Ident(attr)), Some("=")) => {
                    let value_at = i + 2;
                    if punct(tokens, value_at) == Some("{") {
                        let close = closing(tokens, value_at);
                        let inner = &tokens[value_at + 1..close.min(tokens.len())];
                        self.expression(inner);
                        let origins = match self.binding_of(inner) {
                            Binding::Paths(origins) => origins,
                            _ => Vec::new(),
                        };
                        args.insert(attr.clone(), origins);
                        i = close + 1;
                    } else {
                        args.insert(attr.clone(), Vec::new());
                        i = value_at + 1;
                    }
                }
                (Some(Tok::Ident(attr)), _) => {
                    let shorthand = &tokens[i..i + 1];
                    self.expression(shorthand);
                    let origins = match self.binding_of(shorthand) {
                        Binding::Paths(origins) => origins,
                        _ => Vec::new(),
                    };
                    args.insert(attr.clone(), origins);
                    i += 1;
                }
                (Some(Tok::Punct("{")), _) => {
                    let close = closing(tokens, i);
                    self.expression(&tokens[i + 1..close.min(tokens.len())]);
                    i = close + 1;
                }
                _ => break,
            }
        }
        let call = Call {
            component: name,
            args,
            at: tokens[open].1,
        };
        match &self.component {
            Some(component) => {
                if let Some(c) = self.reads.components.get_mut(component) {
                    c.calls.push(call);
                }
            }
            None => self.reads.calls.push(call),
        }
        // Past `/>` or `>`.
        while i < tokens.len() && !matches!(punct(tokens, i), Some(">")) {
            i += 1;
        }
        i + 1
    }
}

/// The byte range of a written path: from its root to the end of its last accessor.
fn span_of(tokens: &[(Tok, usize)], written: &Written) -> (usize, usize) {
    let last = written
        .end
        .saturating_sub(1)
        .min(tokens.len().saturating_sub(1));
    let first = (0..=last)
        .rev()
        .find(|&i| {
            ident(tokens, i) == Some(written.root.as_str())
                && (i == 0 || !matches!(punct(tokens, i - 1), Some("." | "?.")))
        })
        .unwrap_or(last);
    let end = match tokens.get(last) {
        Some((Tok::Ident(name), at)) | Some((Tok::Str(name), at)) => at + name.len(),
        Some((Tok::Punct(p), at)) => at + p.len(),
        Some((Tok::Num, at)) => at + 1,
        None => 0,
    };
    (tokens.get(first).map_or(0, |t| t.1), end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(reads: &[Read]) -> Vec<String> {
        reads.iter().map(|r| show(&r.origin)).collect()
    }

    fn show(origin: &Origin) -> String {
        let mut out = match &origin.base {
            Base::Context(name) => name.clone(),
            Base::Param(name) => format!("@{name}"),
        };
        for step in &origin.steps {
            match step {
                Step::Key(key) => {
                    out.push('.');
                    out.push_str(key);
                }
                Step::Item => out.push_str("[*]"),
            }
        }
        out
    }

    #[test]
    fn paths_are_found_through_local_names() {
        let reads = scan(concat!(
            "{% set c = copyright %}{{ c.policy.owner | cell }}",
            "{% for d in model.dependencies %}{{ d.name }}{% if not loop.last %},{% endif %}{% endfor %}",
            "{% for key in [\"text\", \"image\"] %}{% set m = data.overview.modalities[key] %}{{ m.present | yes_no }}{% endfor %}",
            "{% set failed = [f for f in report.findings if f.outcome == \"fail\"] %}{% for f in failed %}{{ f.rule }}{% endfor %}",
            "{{ technical.energy.method | label(field=\"technical.energy.method\") }}",
            "{% if x is not none and y.z is defined %}{% endif %}{{ a[\"b\"][0].c }}",
        ));
        assert_eq!(
            paths(&reads.context),
            [
                "copyright",
                "copyright.policy.owner",
                "model.dependencies",
                "model.dependencies[*].name",
                "data.overview.modalities.text",
                "data.overview.modalities.image",
                "data.overview.modalities.text.present",
                "data.overview.modalities.image.present",
                "report.findings[*]",
                "report.findings",
                "report.findings[*].outcome",
                "report.findings",
                "report.findings[*].rule",
                "technical.energy.method",
                "x",
                "y.z",
                "a.b[*].c",
            ]
        );
    }

    #[test]
    fn components_read_their_parameters_and_calls_bind_them() {
        let reads = scan(concat!(
            "{# {{ not.this }} #}{% component contact(c, timing=false) %}{{ c.name | cell }}",
            "{% for m in c.items %}{{ <inline_list items={m.formats} /> }}{% endfor %}{% endcomponent contact %}",
            "{{ <contact c={provider.contact} timing={true} /> }}{% raw %}{{ nor.this }}{% endraw %}",
        ));
        let contact = &reads.components["contact"];
        assert_eq!(
            paths(&contact.reads),
            ["@c.name", "@c.items", "@c.items[*].formats"]
        );
        assert_eq!(contact.calls[0].component, "inline_list");
        assert_eq!(
            contact.calls[0].args["items"]
                .iter()
                .map(show)
                .collect::<Vec<_>>(),
            ["@c.items[*].formats"]
        );
        assert_eq!(paths(&reads.context), ["provider.contact"]);
        assert_eq!(
            reads.calls[0].args["c"]
                .iter()
                .map(show)
                .collect::<Vec<_>>(),
            ["provider.contact"]
        );
        assert!(reads.calls[0].args["timing"].is_empty());
    }
}
