//! Unit tests of the parent module.

use super::*;

#[test]
fn write_tree_creates_a_new_directory_whole() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("new");
    write_tree(
        &dir,
        &[
            (PathBuf::from("a.txt"), b"a".to_vec()),
            (PathBuf::from("sub/b.txt"), b"b".to_vec()),
        ],
    )
    .unwrap();
    assert_eq!(std::fs::read(dir.join("sub/b.txt")).unwrap(), b"b");
    let leftovers: Vec<_> = std::fs::read_dir(parent.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["new"]);
}

#[test]
fn write_atomic_replaces_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.txt");
    write_atomic(&path, b"one").unwrap();
    write_atomic(&path, b"two").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"two");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Anything with a `bundle.txt` counts as own output in these tests.
fn marked(dir: &Path) -> std::result::Result<(), String> {
    if dir.join("bundle.txt").is_file() {
        Ok(())
    } else {
        Err("no bundle.txt".to_owned())
    }
}

fn forced<'a>(inputs: &'a [&'a Path]) -> Replace<'a> {
    Replace {
        force: true,
        own_output: &marked,
        inputs,
    }
}

#[test]
fn replace_dir_swaps_the_whole_content() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("bundle");
    let first = [(PathBuf::from("bundle.txt"), b"old".to_vec())];
    let unforced = Replace {
        force: false,
        ..forced(&[])
    };
    replace_dir(&dir, &first, &unforced).unwrap();
    let refused = replace_dir(&dir, &first, &unforced);
    assert!(refused.is_err(), "a non-empty directory needs force");
    let second = [
        (PathBuf::from("bundle.txt"), b"new".to_vec()),
        (PathBuf::from("a/new.txt"), b"new".to_vec()),
    ];
    replace_dir(&dir, &second, &forced(&[])).unwrap();
    assert_eq!(std::fs::read(dir.join("a/new.txt")).unwrap(), b"new");
    assert_eq!(std::fs::read(dir.join("bundle.txt")).unwrap(), b"new");
    assert_eq!(entries(parent.path()), ["bundle"], "no leftovers");
}

#[test]
fn force_refuses_what_is_not_own_output_and_touches_nothing() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("project");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(dir.join("notes.txt"), b"mine").unwrap();
    let error = replace_dir(&dir, &[(PathBuf::from("x"), vec![])], &forced(&[]))
        .unwrap_err()
        .diagnostics();
    assert!(
        error[0]
            .message
            .contains("is not an aiact output (no bundle.txt)"),
        "{error:?}"
    );
    assert_eq!(entries(&dir), [".git", "notes.txt"]);
    assert_eq!(entries(parent.path()), ["project"]);
}

#[test]
fn what_changed_between_the_check_and_the_move_is_put_back_untouched() {
    // The own-output check passes when first asked, then fails on the content moved
    // aside (as if a file had been added meanwhile): nothing is replaced or deleted.
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("bundle.txt"), b"old").unwrap();
    let calls = std::cell::Cell::new(0);
    let flaky = |_: &Path| {
        calls.set(calls.get() + 1);
        if calls.get() == 1 {
            Ok(())
        } else {
            Err("a file appeared".to_owned())
        }
    };
    let how = Replace {
        force: true,
        own_output: &flaky,
        inputs: &[],
    };
    let error = replace_dir(&dir, &[(PathBuf::from("new.txt"), vec![])], &how)
        .unwrap_err()
        .diagnostics();
    assert!(
        error[0]
            .message
            .contains("changed while it was being replaced"),
        "{error:?}"
    );
    assert_eq!(calls.get(), 2);
    assert_eq!(entries(&dir), ["bundle.txt"]);
    assert_eq!(entries(parent.path()), ["out"]);
}

#[test]
fn force_never_replaces_a_directory_holding_an_input() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("out");
    std::fs::create_dir_all(dir.join("dossier")).unwrap();
    std::fs::write(dir.join("bundle.txt"), b"").unwrap();
    let dossier = dir.join("dossier");
    let error = replace_dir(&dir, &[], &forced(&[&dossier]))
        .unwrap_err()
        .diagnostics();
    assert!(
        error[0].message.contains("an input of this command"),
        "{error:?}"
    );
    assert_eq!(entries(&dir), ["bundle.txt", "dossier"]);
}

#[test]
fn a_relative_parent_still_resolves_after_the_old_content_moves() {
    // `--out ../proj` run from inside `proj`: resolved once, before anything moves.
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("proj");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("bundle.txt"), b"old").unwrap();
    let relative = dir.join("../proj");
    replace_dir(
        &relative,
        &[(PathBuf::from("bundle.txt"), b"new".to_vec())],
        &forced(&[]),
    )
    .unwrap();
    assert_eq!(std::fs::read(dir.join("bundle.txt")).unwrap(), b"new");
    assert_eq!(entries(parent.path()), ["proj"]);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_not_replaced() {
    let parent = tempfile::tempdir().unwrap();
    let real = parent.path().join("real");
    std::fs::create_dir(&real).unwrap();
    std::fs::write(real.join("bundle.txt"), b"old").unwrap();
    let link = parent.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert!(replace_dir(&link, &[], &forced(&[])).is_err());
    assert_eq!(std::fs::read(real.join("bundle.txt")).unwrap(), b"old");
}

#[test]
fn stale_leftovers_are_finished_by_their_marker_and_nothing_else_is_touched() {
    let parent = tempfile::tempdir().unwrap();
    let p = parent.path();
    // What a build killed after moving the old bundle aside leaves: a marker, a staging
    // directory and the old content, with the target missing.
    let marker = |id: &str, target: &str, swapped: bool| {
        std::fs::write(
            p.join(format!(".aiact-{id}.lock")),
            serde_json::json!({"format": MARKER_FORMAT, "target": target, "swapped": swapped})
                .to_string(),
        )
        .unwrap();
    };
    marker("AAAAAA", "moved", false);
    std::fs::create_dir_all(p.join(".aiact-staging-AAAAAA/x")).unwrap();
    std::fs::create_dir(p.join(".aiact-old-AAAAAA")).unwrap();
    std::fs::write(p.join(".aiact-old-AAAAAA/bundle.txt"), b"old").unwrap();
    // Killed after the swap: the new content is in place, the old one is aside.
    marker("BBBBBB", "swapped", true);
    std::fs::create_dir(p.join("swapped")).unwrap();
    std::fs::create_dir(p.join(".aiact-old-BBBBBB")).unwrap();
    // Killed before the swap, and something else now stands at the target: both kept.
    marker("FFFFFF", "other", false);
    std::fs::create_dir(p.join("other")).unwrap();
    std::fs::create_dir(p.join(".aiact-old-FFFFFF")).unwrap();
    // Killed before naming its target: an empty marker, removed.
    std::fs::write(p.join(".aiact-GGGGGG.lock"), b"").unwrap();
    // Look-alikes without a marker, and a marker of another format: kept.
    std::fs::create_dir(p.join(".aiact-staging-CCCCCC")).unwrap();
    std::fs::write(p.join(".aiact-DDDDDD.lock"), b"not json").unwrap();
    std::fs::create_dir(p.join(".aiact-staging-DDDDDD")).unwrap();
    // A marker held by a live process: its work is left alone.
    marker("EEEEEE", "busy", false);
    std::fs::create_dir(p.join(".aiact-staging-EEEEEE")).unwrap();
    let held = std::fs::File::open(p.join(".aiact-EEEEEE.lock")).unwrap();
    held.lock().unwrap();

    clean_stale(p);
    assert_eq!(
        entries(p),
        [
            ".aiact-DDDDDD.lock",
            ".aiact-EEEEEE.lock",
            ".aiact-FFFFFF.lock",
            ".aiact-old-FFFFFF",
            ".aiact-staging-CCCCCC",
            ".aiact-staging-DDDDDD",
            ".aiact-staging-EEEEEE",
            "moved",
            "other",
            "swapped"
        ]
    );
    assert_eq!(std::fs::read(p.join("moved/bundle.txt")).unwrap(), b"old");
    drop(held);
}

#[cfg(unix)]
#[test]
fn writes_refuse_symbolic_links_on_the_way() {
    let root = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), root.path().join("evidence")).unwrap();
    let why = check_write_inside(root.path(), Path::new("evidence/imports/log.json")).unwrap_err();
    assert!(why.contains("is a symbolic link"), "{why}");
    assert_eq!(
        check_write_inside(root.path(), Path::new("new/folder/file.txt")),
        Ok(())
    );
    assert!(check_write_inside(root.path(), Path::new("../x")).is_err());
    // The form is checked whole, not only up to the first folder that is missing.
    assert!(check_write_inside(root.path(), Path::new("new/../../x")).is_err());
}

#[test]
fn write_tree_into_a_non_empty_directory_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), b"mine").unwrap();
    let error = write_tree(dir.path(), &[(PathBuf::from("a.txt"), b"new".to_vec())])
        .unwrap_err()
        .diagnostics();
    assert!(
        error[0].message.contains("refusing to overwrite"),
        "{error:?}"
    );
    assert_eq!(std::fs::read(dir.path().join("a.txt")).unwrap(), b"mine");
    write_tree(dir.path(), &[(PathBuf::from("b/c.txt"), b"c".to_vec())]).unwrap();
    assert_eq!(std::fs::read(dir.path().join("b/c.txt")).unwrap(), b"c");
}

#[cfg(unix)]
#[test]
fn outputs_are_readable_by_others_unlike_temporary_files() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let file = parent.path().join("report.json");
    write_atomic(&file, b"{}").unwrap();
    let dir = parent.path().join("docs");
    write_tree(&dir, &[(PathBuf::from("a.md"), b"a".to_vec())]).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // What the umask allows, read from a file and a directory made the ordinary way.
    let plain_file = parent.path().join("plain");
    std::fs::write(&plain_file, b"").unwrap();
    let plain_dir = parent.path().join("plain-dir");
    std::fs::create_dir(&plain_dir).unwrap();
    assert_eq!(mode(&file), 0o644 & mode(&plain_file));
    assert_eq!(mode(&dir), 0o755 & mode(&plain_dir));
}
