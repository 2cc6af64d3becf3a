//! The layer order written in `src/lib.rs` holds: every `crate::` path in `src/` names a module
//! on an earlier line of that list than the module it is written in (so the graph has no
//! circle and no edge up), and nothing but `cli` uses an item of `lib.rs` itself. Unit-test
//! modules (`#[cfg(test)] mod tests`) are not part of the graph: they may build their fixtures
//! with the façades of `lib.rs`, as the render tests do.

#![allow(clippy::unwrap_used)] // tests unwrap: a failure there is a test failure

use std::collections::BTreeMap;
use std::path::Path;

/// The numbered list of `lib.rs`'s documentation: module name → rank, counting names in the
/// order written (within a line too, where the order is the same rule).
fn layers(lib: &str) -> BTreeMap<String, usize> {
    let mut order = BTreeMap::new();
    for line in lib.lines().filter_map(|l| l.strip_prefix("//! ")) {
        let Some((number, rest)) = line.split_once(". ") else {
            continue;
        };
        if number.trim().parse::<usize>().is_err() {
            continue;
        }
        let names = rest.split(':').next().unwrap_or_default();
        for name in names.split(',') {
            let name = name.trim().trim_matches('`');
            assert!(!name.is_empty(), "an empty name in: {line}");
            let rank = order.len();
            order.insert(name.to_owned(), rank);
        }
    }
    order
}

/// Each `crate::name` in the code of `text` (comments skipped), with its line number.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let preceded = rest[..at]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
            if !preceded {
                if let Some(group) = after.strip_prefix('{') {
                    // `use crate::{a, b::C}`: every first name in the braces.
                    let inner = group.split('}').next().unwrap_or_default();
                    for part in inner.split(',') {
                        let part = part.trim().split("::").next().unwrap_or_default();
                        if !part.is_empty() {
                            found.push((index + 1, part.to_owned()));
                        }
                    }
                } else {
                    let name: String = after
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    found.push((index + 1, name));
                }
            }
            rest = after;
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_uses_one_above_it_or_lib_rs() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let order = layers(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    assert!(
        order.len() > 10,
        "the layer list in lib.rs is missing: {order:?}"
    );
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        let module = first.to_string_lossy().trim_end_matches(".rs").to_owned();
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(&own) = order.get(&module) else {
            wrong.push(format!(
                "src/{}: module `{module}` is in no layer",
                relative.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        let code = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        for (line, used) in crate_paths(code) {
            let at = format!("src/{}:{line}", relative.display());
            match order.get(&used) {
                Some(&rank) if rank <= own => {}
                Some(_) => wrong.push(format!("{at}: `{module}` uses `{used}`, listed after it")),
                None if module == "cli" => {}
                None => wrong.push(format!("{at}: `{module}` uses `crate::{used}` of lib.rs")),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_scanner_sees_paths_and_groups() {
    let found = crate_paths(
        "use crate::diag::Error;\nlet x = crate::render::render(a); // crate::cli\nuse crate::{check, report::Report};\n",
    );
    let names: Vec<&str> = found.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["diag", "render", "check", "report"]);
}
