//! Faithful documents (issue 11): a document states only what the dossier says. A fresh
//! skeleton renders gaps and nothing else; partial dates and open periods travel from the
//! dossier to the summary; a version-1 dossier migrates to version 2 without losing anything.

use std::path::Path;

use crate::support::{aiact, code, copy_dir, dossier, repo, stderr, table_cells};

/// Renders the training-content summary of `dir` as Markdown and returns it.
fn summary_of(dir: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("docs");
    let output = aiact([
        "render".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        target.as_os_str(),
        "--format".as_ref(),
        "md".as_ref(),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    std::fs::read_to_string(target.join("training-content-summary.md")).unwrap()
}

/// The answers of a rendered summary: the answer cells of its tables and the paragraph that
/// follows each bold question.
fn answers(markdown: &str) -> Vec<String> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut out = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index].trim();
        if line.starts_with('|') {
            // A table: skip its header row and separator, then take every cell after the first.
            let header = index;
            while index < lines.len() && lines[index].trim().starts_with('|') {
                if index > header + 1 {
                    let cells = table_cells(lines[index]);
                    out.extend(cells.into_iter().skip(1));
                }
                index += 1;
            }
            continue;
        }
        if line.starts_with("**") && line.ends_with("**") && !line.contains("** ") {
            // A question: the paragraph below it is its answer.
            let mut at = index + 1;
            while at < lines.len() && lines[at].trim().is_empty() {
                at += 1;
            }
            let mut paragraph = Vec::new();
            while at < lines.len()
                && !lines[at].trim().is_empty()
                && !lines[at].starts_with('#')
                && !lines[at].starts_with('|')
            {
                paragraph.push(lines[at].trim());
                at += 1;
            }
            if !paragraph.is_empty() {
                out.push(paragraph.join(" "));
            }
        }
        index += 1;
    }
    out
}

/// Whether an answer is a visible gap: it says nothing was given and ticks no box.
fn is_gap(answer: &str) -> bool {
    (answer.contains("*Not provided.*") || answer.contains("(*not provided*)"))
        && !answer.contains('☒')
}

#[test]
fn a_fresh_skeleton_states_nothing_about_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let skeleton = dir.path().join("dossier");
    let output = aiact(["init".as_ref(), skeleton.as_os_str()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let summary = summary_of(&skeleton);

    let answers = answers(&summary);
    // Every field of the template is there (the table rows and the narrative blocks).
    assert!(
        answers.len() >= 50,
        "{} answers: {answers:#?}",
        answers.len()
    );
    let stated: Vec<&String> = answers.iter().filter(|a| !is_gap(a)).collect();
    assert!(
        stated.is_empty(),
        "a fresh skeleton's summary states: {stated:#?}"
    );
    // Nothing nobody said, anywhere: no ticked box, no "none", no default sentence.
    assert!(!summary.contains('☒'), "{summary}");
    for claim in [
        "None",
        "none of the",
        "trained from scratch",
        "The whole dataset",
        "First version",
        "first version",
        "estimated after",
        "linked above",
        "continues to be trained",
        "not trained further",
        "Not applicable",
        "; ,",
    ] {
        assert!(
            !summary.contains(claim),
            "the skeleton's summary says {claim:?}"
        );
    }

    // `check` reports the gaps instead.
    let output = aiact(["check".as_ref(), skeleton.as_os_str()]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let report = crate::support::stdout(&output);
    for gap in [
        "data.overview.latest_collection_date",
        "data.sources.public_datasets.used",
    ] {
        assert!(
            report.contains(gap),
            "check does not report {gap}: {report}"
        );
    }
}

/// A copy of a shipped example, to edit.
fn example_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples").join(name), dir.path());
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_month_precision_placement_and_an_ongoing_period_reach_the_summary() {
    let dir = example_copy("open-weights-eu");
    let root = dir.path().join("aiact.yaml");
    let text = std::fs::read_to_string(&root).unwrap();
    // Every placement date of the example becomes a month, as real filings write it.
    std::fs::write(
        &root,
        text.replace(
            "eu_placement_date: 2025-07-08",
            "eu_placement_date: 11/2025",
        ),
    )
    .unwrap();
    let data = dir.path().join("data.yaml");
    let data_text = std::fs::read_to_string(&data).unwrap();
    let period_at = data_text.find("other_datasets_period:").unwrap();
    let period_end = period_at + data_text[period_at..].find("\n    comments").unwrap();
    std::fs::write(
        &data,
        format!(
            "{}other_datasets_period:\n      from: 2024\n      ongoing: true{}",
            &data_text[..period_at],
            &data_text[period_end..]
        ),
    )
    .unwrap();

    let output = aiact(["check".as_ref(), dir.path().as_os_str()]);
    assert!(code(&output) <= 1, "{}", stderr(&output));
    let output = aiact(["classify".as_ref(), dir.path().as_os_str()]);
    let classified = crate::support::stdout(&output);
    assert!(
        classified.contains("in November 2025"),
        "classify quotes the month: {classified}"
    );

    let summary = summary_of(dir.path());
    let placement = summary
        .lines()
        .find(|l| l.contains("1.2.c Date of placement"))
        .unwrap();
    assert!(placement.contains("11/2025"), "{placement}");
    assert!(
        summary.contains("Approximate collection period: From 2024, ongoing"),
        "{summary}"
    );
}

#[test]
fn a_date_that_is_no_day_month_or_year_is_a_located_error() {
    let dir = dossier(&[(
        "aiact.yaml",
        "format_version: 2\nmodel:\n  eu_placement_date: November 2025\n",
    )]);
    let output = aiact(["check".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code(&output), 2);
    let text = stderr(&output);
    assert!(text.contains("--> aiact.yaml:3:22"), "{text}");
    assert!(text.contains("model.eu_placement_date"), "{text}");
    assert!(text.contains("MM/YYYY (for example 11/2025)"), "{text}");
}

#[test]
fn a_version_1_dossier_is_told_to_migrate() {
    let dir = dossier(&[(
        "aiact.yaml",
        "format_version: 1\nprovider:\n  is_sme: true\n",
    )]);
    let output = aiact(["check".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code(&output), 2);
    let text = stderr(&output);
    assert!(text.contains("format version 1"), "{text}");
    assert!(text.contains("aiact migrate"), "{text}");
    assert!(text.contains("--> aiact.yaml:1:17"), "{text}");
}

/// The example as format version 1 wrote it: the version number and the v1 name of the
/// continued-training answer (the robots.txt description already lives where v2 keeps it).
fn as_version_1(dir: &Path) {
    edit(
        &dir.join("aiact.yaml"),
        "format_version: 2",
        "format_version: 1",
    );
    let data = dir.join("data.yaml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(
        &data,
        text.replace(
            "continued_training: not_continued",
            "collection_continues: false",
        )
        .replace(
            "continued_training: continued",
            "collection_continues: true",
        )
        .replace("continued_training: ~", "collection_continues: ~"),
    )
    .unwrap();
}

#[test]
fn every_shipped_example_migrates_from_version_1() {
    for example in [
        "open-weights-eu",
        "fine-tune",
        "frontier-non-eu",
        "incomplete",
    ] {
        let original = example_copy(example);
        let dir = example_copy(example);
        as_version_1(dir.path());
        let v1: Vec<(String, String)> = ["aiact.yaml", "data.yaml"]
            .iter()
            .map(|f| {
                (
                    f.to_string(),
                    std::fs::read_to_string(dir.path().join(f)).unwrap(),
                )
            })
            .collect();

        let output = aiact(["migrate".as_ref(), dir.path().as_os_str()]);
        assert_eq!(code(&output), 0, "{example}: {}", stderr(&output));
        let said = stderr(&output);
        assert!(
            said.contains("aiact.yaml:") && said.contains("format_version: set to 2"),
            "{example}: {said}"
        );
        assert!(
            said.contains("data.overview.collection_continues: renamed continued_training"),
            "{example}: {said}"
        );

        // The result is the example again, except that v1's `[]` became unanswered.
        for file in [
            "aiact.yaml",
            "data.yaml",
            "copyright.yaml",
            "technical.yaml",
        ] {
            let expected = std::fs::read_to_string(original.path().join(file))
                .unwrap()
                .lines()
                .map(|line| {
                    let empty = line.trim_end().ends_with(": []")
                        || line.contains(": []  ")
                        || line.contains(": [] #");
                    if empty {
                        line.replacen(": []", ": ~", 1)
                    } else {
                        line.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            let migrated = std::fs::read_to_string(dir.path().join(file)).unwrap();
            assert_eq!(
                migrated.trim_end(),
                expected.trim_end(),
                "{example}/{file} after migration"
            );
        }
        // The originals are kept.
        for (file, text) in &v1 {
            let kept = std::fs::read_to_string(dir.path().join(format!("{file}.v1"))).unwrap();
            assert_eq!(&kept, text, "{example}: {file}.v1");
        }
        // The migrated dossier loads, and migrating again changes nothing.
        let output = aiact(["check".as_ref(), dir.path().as_os_str()]);
        assert!(code(&output) <= 1, "{example}: {}", stderr(&output));
        let output = aiact(["migrate".as_ref(), dir.path().as_os_str()]);
        assert_eq!(code(&output), 0);
        assert!(
            stderr(&output).contains("already format version 2"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn migration_moves_robots_txt_keeps_comments_and_empties_lists() {
    let dir = dossier(&[
        ("aiact.yaml", "# Our dossier.\nformat_version: 1  # v1\n"),
        (
            "data.yaml",
            "overview:\n  # Asked in §1.3.\n  collection_continues: true\n  languages: []\nsources:\n  crawled_data:\n    used: true\n    behaviour:\n      robots_txt: |\n        Read before every host.\n        Cached for a day.\n      captchas: Skipped.\n",
        ),
        (
            "copyright.yaml",
            "rights_reservations:\n  robots_txt_rfc9309: true\n",
        ),
    ]);
    let output = aiact(["migrate".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let said = stderr(&output);
    assert!(
        said.contains("data.yaml:4: data.overview.languages: `[]` became `~` (unanswered)"),
        "{said}"
    );
    assert!(
        said.contains("moved to copyright.rights_reservations.robots_txt_description"),
        "{said}"
    );
    let root = std::fs::read_to_string(dir.path().join("aiact.yaml")).unwrap();
    assert_eq!(root, "# Our dossier.\nformat_version: 2  # v1\n");
    let data = std::fs::read_to_string(dir.path().join("data.yaml")).unwrap();
    assert_eq!(
        data,
        "overview:\n  # Asked in §1.3.\n  continued_training: continued\n  languages: ~\nsources:\n  crawled_data:\n    used: true\n    behaviour:\n      captchas: Skipped.\n"
    );
    let copyright = std::fs::read_to_string(dir.path().join("copyright.yaml")).unwrap();
    assert_eq!(
        copyright,
        "rights_reservations:\n  robots_txt_rfc9309: true\n  robots_txt_description: |\n    Read before every host.\n    Cached for a day.\n"
    );
    let output = aiact(["check".as_ref(), dir.path().as_os_str()]);
    assert!(code(&output) <= 1, "{}", stderr(&output));
}

#[test]
fn migration_stops_where_it_cannot_map_and_writes_nothing() {
    let data =
        "sources:\n  crawled_data:\n    behaviour:\n      other_opt_out_protocols: TDMRep.\n";
    let dir = dossier(&[("aiact.yaml", "format_version: 1\n"), ("data.yaml", data)]);
    let output = aiact(["migrate".as_ref(), dir.path().as_os_str()]);
    assert_eq!(code(&output), 2);
    let text = stderr(&output);
    assert!(text.contains("other_opt_out_protocols"), "{text}");
    assert!(
        text.contains("rights_reservations.other_protocols"),
        "{text}"
    );
    assert!(text.contains("data.yaml:4"), "{text}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("aiact.yaml")).unwrap(),
        "format_version: 1\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("data.yaml")).unwrap(),
        data
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}
