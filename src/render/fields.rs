//! The load-time check of templates against the view-model: every path a document's template
//! reads (found by [`super::reads`]) must exist in that document's context, so a misspelt
//! or withheld field is an error when the templates are loaded, not an empty cell.
//!
//! The typed keys (`document`, `status`, `aiact`, `report`, `top_domains_listed`,
//! `evaluation_profile`) are checked
//! against the JSON Schemas of their view-model types; the dossier keys against the dossier
//! format's schemas with the audience marks, exactly as [`visible_to`] cuts the dossier down
//! (`document.record` is `documents.<document>` of the dossier).
//!
//! [`visible_to`]: crate::dossier::audience::visible_to

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use serde_json::Value;

use super::DocumentKind;
use super::reads::{self, Base, Origin, Reads, Step};
use super::view::{AiactView, DocumentView, Status};
use crate::diag::Diagnostic;
use crate::diag::closest;
use crate::diag::source::{ByteRange, SourceText};
use crate::dossier::FileKind;
use crate::dossier::audience::Audience;
use crate::dossier::schema::{narrow_audiences, resolve_non_null, schema, types_of};
use crate::report::Report;

/// Why a path is not in a document's context.
#[derive(Debug)]
enum Reason {
    /// The root is no variable of the context.
    NoVariable(Vec<String>),
    /// An object without that field (its fields given).
    NoField(Vec<String>),
    /// A value of these types, which has no fields or items.
    NotContainer(String),
    /// A field of the format the document's audience may not see.
    Withheld,
}

/// A path that is not in a document's context: at which step (`None`: its root), and why.
#[derive(Debug)]
struct Miss {
    step: Option<usize>,
    reason: Reason,
}

/// Checks every document template of `sources` (by name) against its document's view-model;
/// one located diagnostic per path that is not in the context.
pub fn check(sources: &BTreeMap<String, Arc<SourceText>>) -> Vec<Diagnostic> {
    let scanned: BTreeMap<&str, Reads> = sources
        .iter()
        .filter(|(name, _)| name.ends_with(".md"))
        .map(|(name, source)| (name.as_str(), reads::scan(&source.text)))
        .collect();
    // Components are global in tera: by name, with the template defining them.
    let mut components: BTreeMap<&str, (&str, &reads::Component)> = BTreeMap::new();
    for (file, reads) in &scanned {
        for (name, component) in &reads.components {
            components
                .entry(name.as_str())
                .or_insert((*file, component));
        }
    }
    let mut cache = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let mut seen = BTreeSet::new();
    for kind in DocumentKind::ALL {
        let file = format!("{}.md", kind.stem());
        let (Some(reads), Some(source)) = (scanned.get(file.as_str()), sources.get(&file)) else {
            continue;
        };
        for read in &reads.context {
            if let Err(miss) = check_origin(kind, &read.origin) {
                let diagnostic = describe(kind, &read.origin, &miss, source, read.span);
                if seen.insert((diagnostic.position(), diagnostic.message.clone())) {
                    diagnostics.push(diagnostic);
                }
            }
        }
        for call in &reads.calls {
            for (param, steps, (use_file, span)) in uses(&components, &call.component, &mut cache) {
                let Some(origins) = call.args.get(&param) else {
                    continue;
                };
                for origin in origins {
                    let full = extended(origin, &steps);
                    let Err(miss) = check_origin(kind, &full) else {
                        continue;
                    };
                    let Some(use_source) = sources.get(use_file) else {
                        continue;
                    };
                    let (line, column) = source.line_col(call.at);
                    let diagnostic = describe(kind, &full, &miss, use_source, span).help(format!(
                        "component `{}` reads this through its argument `{param}`, given `{}` by {}:{line}:{column}",
                        call.component,
                        display(origin, origin.steps.len()),
                        source.name,
                    ));
                    if seen.insert((diagnostic.position(), diagnostic.message.clone())) {
                        diagnostics.push(diagnostic);
                    }
                }
            }
        }
    }
    diagnostics
}

/// A read of a component parameter: (parameter, steps, (template, span) of the read).
type Use<'a> = (String, Vec<Step>, (&'a str, (usize, usize)));

/// At most this many reads are followed into one component (calls fan out).
const MAX_USES: usize = 10_000;

/// A component's reads of its parameters, with those of the components it passes them to;
/// computed once per component, cycles cut.
fn uses<'a>(
    components: &BTreeMap<&'a str, (&'a str, &'a reads::Component)>,
    name: &str,
    cache: &mut BTreeMap<String, Vec<Use<'a>>>,
) -> Vec<Use<'a>> {
    if let Some(done) = cache.get(name) {
        return done.clone();
    }
    let Some((file, component)) = components.get(name) else {
        return Vec::new();
    };
    // Marks the component as in progress: a component calling itself adds nothing.
    cache.insert(name.to_owned(), Vec::new());
    let mut out = Vec::new();
    for read in &component.reads {
        if let Base::Param(param) = &read.origin.base {
            out.push((param.clone(), read.origin.steps.clone(), (*file, read.span)));
        }
    }
    'calls: for call in &component.calls {
        for (arg, steps, at) in uses(components, &call.component, cache) {
            for origin in call.args.get(&arg).into_iter().flatten() {
                if out.len() >= MAX_USES {
                    break 'calls;
                }
                if let Base::Param(param) = &origin.base {
                    let mut all = origin.steps.clone();
                    all.extend(steps.iter().cloned());
                    out.push((param.clone(), all, at));
                }
            }
        }
    }
    cache.insert(name.to_owned(), out.clone());
    out
}

fn extended(origin: &Origin, steps: &[Step]) -> Origin {
    let mut all = origin.steps.clone();
    all.extend_from_slice(steps);
    Origin {
        base: origin.base.clone(),
        steps: all,
    }
}

/// The schemas of the typed keys of the view-model.
fn typed_schema(key: &str) -> Option<&'static Value> {
    static SCHEMAS: OnceLock<BTreeMap<&'static str, Value>> = OnceLock::new();
    let schemas = SCHEMAS.get_or_init(|| {
        BTreeMap::from([
            ("document", schemars::schema_for!(DocumentView).to_value()),
            ("status", schemars::schema_for!(Status<'static>).to_value()),
            (
                "aiact",
                schemars::schema_for!(AiactView<'static>).to_value(),
            ),
            ("report", schemars::schema_for!(Report).to_value()),
            (
                "top_domains_listed",
                schemars::schema_for!(Vec<String>).to_value(),
            ),
            (
                "evaluation_profile",
                schemars::schema_for!(crate::evals::profile::Profile).to_value(),
            ),
        ])
    });
    schemas.get(key)
}

/// The variables of a document's context, for suggestions.
fn variables(kind: DocumentKind) -> Vec<String> {
    let mut names: Vec<String> = ["document", "status", "aiact"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    match kind.audience() {
        None => names.push("report".to_owned()),
        Some(audience) => {
            names.push("top_domains_listed".to_owned());
            if matches!(audience, Audience::Authority | Audience::Downstream) {
                names.push("evaluation_profile".to_owned());
            }
            let root = schema(FileKind::Root);
            if let Some(properties) = root.get("properties").and_then(Value::as_object) {
                for (key, property) in properties {
                    if shown(&narrow_audiences(None, property), audience) {
                        names.push(key.clone());
                    }
                }
            }
            names.extend(
                FileKind::ALL
                    .iter()
                    .filter_map(|k| k.section().map(str::to_owned)),
            );
        }
    }
    names
}

fn shown(marks: &Option<BTreeSet<String>>, audience: Audience) -> bool {
    marks
        .as_ref()
        .is_some_and(|marks| audience.marks().iter().any(|m| marks.contains(*m)))
}

/// Whether `origin` (rooted at a context variable) is in the context of `kind`.
fn check_origin(kind: DocumentKind, origin: &Origin) -> Result<(), Miss> {
    let Base::Context(root) = &origin.base else {
        return Ok(());
    };
    let steps = origin.steps.as_slice();
    let typed = match root.as_str() {
        "report" => kind == DocumentKind::ComplianceReport,
        "top_domains_listed" => kind.audience().is_some(),
        "evaluation_profile" => matches!(
            kind.audience(),
            Some(Audience::Authority | Audience::Downstream)
        ),
        _ => true,
    };
    if root == "document" && steps.first() == Some(&Step::Key("record".to_owned())) {
        // The record is the document's entry under `documents`, as its audience sees it.
        return match (kind.record_key(), kind.audience()) {
            (Some(key), Some(audience)) => {
                let mut inner = vec![Step::Key(key.to_owned())];
                inner.extend_from_slice(&steps[1..]);
                dossier(kind, audience, "documents", &inner)
            }
            _ if steps.len() > 1 => Err(Miss {
                step: Some(0),
                reason: Reason::NotContainer("null".to_owned()),
            }),
            _ => Ok(()),
        };
    }
    if let Some(schema) = typed_schema(root).filter(|_| typed) {
        return walk(schema, schema, steps, None, None);
    }
    match kind.audience() {
        Some(audience) if typed_schema(root).is_none() => dossier(kind, audience, root, steps),
        _ => Err(Miss {
            step: None,
            reason: Reason::NoVariable(variables(kind)),
        }),
    }
}

/// A path into the dossier as `audience` sees it, from its top-level key `root`.
fn dossier(kind: DocumentKind, audience: Audience, root: &str, steps: &[Step]) -> Result<(), Miss> {
    if let Some(kind) = FileKind::ALL.iter().find(|k| k.section() == Some(root)) {
        let file = schema(*kind);
        return walk(file, file, steps, None, Some(audience));
    }
    let file = schema(FileKind::Root);
    let no_variable = || Miss {
        step: None,
        reason: Reason::NoVariable(variables(kind)),
    };
    let property = file
        .get("properties")
        .and_then(|p| p.get(root))
        .ok_or_else(no_variable)?;
    let marks = narrow_audiences(None, property);
    if !shown(&marks, audience) {
        return Err(Miss {
            step: None,
            reason: Reason::Withheld,
        });
    }
    walk(file, property, steps, marks, Some(audience))
}

/// Walks `steps` down `schema` (a part of `root`); with an audience, each field must be
/// shown to it (the running intersection of the marks along the path, as `visible_to`).
fn walk<'s>(
    root: &'s Value,
    mut schema: &'s Value,
    steps: &[Step],
    mut marks: Option<BTreeSet<String>>,
    audience: Option<Audience>,
) -> Result<(), Miss> {
    for (i, step) in steps.iter().enumerate() {
        let here = resolve_non_null(root, schema);
        let branches: Vec<&Value> = ["anyOf", "oneOf"]
            .iter()
            .filter_map(|k| here.get(*k).and_then(Value::as_array))
            .flatten()
            .filter(|b| resolve_non_null(root, b).get("const").is_none())
            .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        if !branches.is_empty() {
            let mut first = None;
            for branch in branches {
                match walk(root, branch, &steps[i..], marks.clone(), audience) {
                    Ok(()) => return Ok(()),
                    Err(miss) => {
                        first.get_or_insert(miss);
                    }
                }
            }
            return Err(first.map_or_else(
                || unreachable_miss(i),
                |m| Miss {
                    step: m.step.map(|s| s + i),
                    reason: m.reason,
                },
            ));
        }
        let properties = here.get("properties").and_then(Value::as_object);
        let additional = here.get("additionalProperties");
        let types = types_of(here);
        let unconstrained = here.as_bool() == Some(true)
            || (types.is_empty()
                && properties.is_none()
                && here.get("items").is_none()
                && here.get("enum").is_none()
                && here.get("const").is_none()
                && here.get("oneOf").is_none()
                && here.get("anyOf").is_none());
        let types_label = if types.is_empty() {
            "value".to_owned()
        } else {
            types.join(" or ")
        };
        match step {
            Step::Key(key) => {
                if let Some(property) = properties.and_then(|p| p.get(key)) {
                    if let Some(audience) = audience {
                        marks = narrow_audiences(marks, property);
                        if !shown(&marks, audience) {
                            return Err(Miss {
                                step: Some(i),
                                reason: Reason::Withheld,
                            });
                        }
                    }
                    schema = property;
                    continue;
                }
                match additional {
                    Some(Value::Object(map)) if !map.is_empty() => {
                        schema = additional.unwrap_or(schema);
                        continue;
                    }
                    Some(Value::Bool(true)) => return Ok(()),
                    _ => {}
                }
                if unconstrained {
                    return Ok(());
                }
                let reason = match properties {
                    Some(p) => Reason::NoField(p.keys().cloned().collect()),
                    None if types.contains(&"object") => Reason::NoField(Vec::new()),
                    None => Reason::NotContainer(types_label),
                };
                return Err(Miss {
                    step: Some(i),
                    reason,
                });
            }
            Step::Item => {
                if let Some(items) = here.get("items") {
                    schema = items;
                    continue;
                }
                if let Some(Value::Object(_)) = additional {
                    schema = additional.unwrap_or(schema);
                    continue;
                }
                // Iterating an object or a string, or a value of no known shape.
                if unconstrained || types.iter().any(|t| *t == "object" || *t == "string") {
                    return Ok(());
                }
                return Err(Miss {
                    step: Some(i),
                    reason: Reason::NotContainer(types_label),
                });
            }
        }
    }
    Ok(())
}

fn unreachable_miss(step: usize) -> Miss {
    Miss {
        step: Some(step),
        reason: Reason::NotContainer("value".to_owned()),
    }
}

/// `root.a.b[*]`, up to `steps` steps.
fn display(origin: &Origin, steps: usize) -> String {
    let mut out = match &origin.base {
        Base::Context(name) | Base::Param(name) => name.clone(),
    };
    for step in origin.steps.iter().take(steps) {
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

/// The diagnostic of a path not in the context, located at `span` of `source`.
fn describe(
    kind: DocumentKind,
    origin: &Origin,
    miss: &Miss,
    source: &Arc<SourceText>,
    span: (usize, usize),
) -> Diagnostic {
    let document = format!("{}.md", kind.stem());
    let upto = miss.step.map_or(0, |s| s + 1);
    let path = display(origin, upto);
    let written = source.text.get(span.0..span.1).unwrap_or("");
    let written_note = if written.is_empty() || written == display(origin, usize::MAX) {
        String::new()
    } else {
        format!(" (written `{written}`)")
    };
    let parent = miss.step.map(|s| display(origin, s));
    let last = match miss.step.and_then(|s| origin.steps.get(s)) {
        Some(Step::Key(key)) => key.clone(),
        _ => "[*]".to_owned(),
    };
    let (message, help) = match &miss.reason {
        Reason::NoVariable(names) => (
            format!("`{path}`{written_note} is not a variable of the context of {document}"),
            suggestion(&path, names, "its variables"),
        ),
        Reason::NoField(fields) => (
            format!(
                "`{path}`{written_note} is not in the context of {document}: `{}` has no field `{last}`",
                parent.unwrap_or_default()
            ),
            suggestion(&last, fields, "its fields"),
        ),
        Reason::NotContainer(types) => (
            format!(
                "`{path}`{written_note} is not in the context of {document}: `{}` is a {types}, with no fields or items",
                parent.unwrap_or_default()
            ),
            None,
        ),
        Reason::Withheld => (
            format!(
                "`{path}`{written_note} is not in the context of {document}: the document is for {}, who may not see this field",
                kind.audience_label().to_lowercase()
            ),
            Some("a field a document's audience may not see is not in its context (the audience marks of `aiact schema`)".to_owned()),
        ),
    };
    let end = span.1.max(span.0 + 1).min(source.text.len());
    let mut diagnostic = Diagnostic::error(format!("template error: {message}")).at(
        source,
        ByteRange {
            start: span.0.min(source.text.len()),
            end,
        },
    );
    if let Some(help) = help {
        diagnostic = diagnostic.help(help);
    }
    diagnostic
}

fn suggestion(word: &str, candidates: &[String], noun: &str) -> Option<String> {
    if let Some(close) = closest(word, candidates.iter().map(String::as_str)) {
        return Some(format!("did you mean `{close}`?"));
    }
    if candidates.is_empty() {
        return None;
    }
    let shown: Vec<&str> = candidates.iter().take(16).map(String::as_str).collect();
    let more = if candidates.len() > shown.len() {
        ", …"
    } else {
        ""
    };
    Some(format!("{noun}: {}{more}", shown.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::super::markdown::Templates;
    use crate::diag::Error;

    fn problems(templates: &Templates) -> Vec<String> {
        match templates.compile() {
            Ok(_) => Vec::new(),
            Err(Error::Input(diagnostics)) => diagnostics
                .iter()
                .map(|d| {
                    let position = d.position().unwrap_or_default();
                    format!("{position} {} [{}]", d.message, d.help.join(" | "))
                })
                .collect(),
            Err(other) => vec![format!("{other:?}")],
        }
    }

    #[test]
    fn the_shipped_templates_read_only_what_their_contexts_hold() {
        let found = problems(&Templates::load(None).unwrap());
        assert!(found.is_empty(), "{}", found.join("\n"));
    }

    /// Problems of the shipped templates with `name` overridden by `text`.
    fn overridden(name: &str, text: &str) -> (tempfile::TempDir, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), text).unwrap();
        let found = problems(&Templates::load(Some(dir.path())).unwrap());
        (dir, found)
    }

    #[test]
    fn an_override_reading_a_field_that_does_not_exist_fails_at_load() {
        let (dir, found) = overridden(
            "technical-documentation.md",
            "# {{ document.titel }}\n\n{{ technical.no_such_field | cell }}\n",
        );
        let file = dir.path().join("technical-documentation.md");
        let file = file.display();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with(&format!("{file}:1:6 ")),
            "{}",
            found[0]
        );
        assert!(found[0].contains("`document.titel`"), "{}", found[0]);
        assert!(found[0].contains("did you mean `title`?"), "{}", found[0]);
        assert!(
            found[1].starts_with(&format!("{file}:3:4 ")),
            "{}",
            found[1]
        );
        assert!(
            found[1].contains("`technical.no_such_field`"),
            "{}",
            found[1]
        );
        assert!(
            found[1].contains("`technical` has no field `no_such_field`"),
            "{}",
            found[1]
        );
    }

    #[test]
    fn paths_through_local_names_components_and_audiences_are_checked() {
        let (_dir, found) = overridden(
            "copyright-policy.md",
            concat!(
                "{% set c = copyright %}# {{ c.policy.ownr | cell }}\n",
                "{% for p in c.rights_reservations.other_protocols %}{{ p.nme }}{% endfor %}\n",
                "{{ <contact c={provider.contact} /> }} {{ <contact c={c.policy} /> }}\n",
                "{{ technical.compute.training_flop | sci }} {{ report.summary.total }} {{ docment.model }}\n",
                "{{ provider.legal_name.first }}\n",
            ),
        );
        let all = found.join("\n");
        for expected in [
            "`copyright.policy.ownr` (written `c.policy.ownr`)",
            "did you mean `owner`?",
            "`copyright.rights_reservations.other_protocols[*].nme` (written `p.nme`)",
            // The component reads `c.name`, `c.email`, … of what it is given.
            "templates/_components.md:",
            "`copyright.policy.name` (written `c.name`)",
            "component `contact` reads this through its argument `c`, given `copyright.policy` by",
            "`technical.compute` is not in the context of copyright-policy.md: the document is for public, who may not see this field",
            "`report` is not a variable of the context of copyright-policy.md",
            "`docment` is not a variable of the context of copyright-policy.md",
            "did you mean `document`?",
            "`provider.legal_name` is a string or null",
        ] {
            assert!(all.contains(expected), "{expected}\n in\n{all}");
        }
        assert!(!all.contains("provider.contact"), "{all}");
    }

    #[test]
    fn an_override_reading_an_empty_optional_field_still_renders() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("copyright-policy.md"),
            "# Policy\n\nFull policy: {{ copyright.policy.url | cell }}\n",
        )
        .unwrap();
        let engine = Templates::load(Some(dir.path()))
            .unwrap()
            .compile()
            .unwrap();
        let (loaded, report) = super::super::tests::example("incomplete");
        let unified = loaded.dossier.to_unified_value();
        assert!(unified["copyright"]["policy"]["url"].is_null());
        let kind = super::DocumentKind::CopyrightPolicy;
        let context = super::super::view::DocumentContext::new(kind, &unified, &report, &[]);
        let markdown = engine
            .render("copyright-policy.md", &context.to_value())
            .unwrap();
        assert_eq!(markdown, "# Policy\n\nFull policy: *Not provided.*\n");
    }
}
