//! Languages (issue 11, point 3): ISO 639-1 and ISO 639-3 codes checked against the standard
//! lists with a located error and a suggestion, shares per language, and their rendering.

use std::path::Path;

use crate::support::{aiact, code, copy_dir, dossier, redact, repo, stderr, stdout};

const AS_OF: &str = "2026-11-29";

#[test]
fn a_language_name_or_an_unknown_code_is_located_with_a_suggestion() {
    let dir = dossier(&[
        (
            "aiact.yaml",
            "format_version: 2\nprovider:\n  authorised_representative:\n    mandate:\n      language: EN\n",
        ),
        (
            "data.yaml",
            "overview:\n  languages:\n    - {code: en, share_percent: 60}\n    - szl\n    - English\n    - {code: xx1}\n    - {code: de, share_percent: 150}\nsources:\n  public_datasets:\n    large_datasets:\n      - name: Corpus\n        languages: [gsw, Schweizerdeutsch]\n",
        ),
    ]);
    let output = aiact(["check".as_ref(), dir.path().as_os_str()]);
    let text = redact(&stderr(&output), dir.path());
    assert_eq!(code(&output), 2, "{text}");
    assert_eq!(stdout(&output), "", "nothing goes to stdout on error");
    assert!(!text.contains("panicked"), "{text}");

    // The name, with its file, line and column, field and the code to write.
    assert!(
        text.contains("error: `English` is not an ISO 639-1 or ISO 639-3 language code"),
        "{text}"
    );
    assert!(text.contains("--> data.yaml:5:7"), "{text}");
    assert!(text.contains("field: data.overview.languages[2]"), "{text}");
    assert!(
        text.contains("help: English is a language name; write its code `en`\n"),
        "{text}"
    );
    // An unknown code inside the mapping form, pointing at the code.
    assert!(text.contains("--> data.yaml:6:14"), "{text}");
    assert!(
        text.contains("field: data.overview.languages[3].code"),
        "{text}"
    );
    // A share outside 0 to 100.
    assert!(text.contains("150 is above the maximum 100"), "{text}");
    assert!(
        text.contains("field: data.overview.languages[4].share_percent"),
        "{text}"
    );
    // A dataset's languages, and a name in the language itself.
    assert!(
        text.contains("field: data.sources.public_datasets.large_datasets[0].languages[1]"),
        "{text}"
    );
    assert!(
        text.contains("did you mean Schwiizertüütsch (Swiss German)? Its code is `gsw`"),
        "{text}"
    );
    // Upper case in aiact.yaml.
    assert!(text.contains("--> aiact.yaml:5:17"), "{text}");
    assert!(
        text.contains("field: provider.authorised_representative.mandate.language"),
        "{text}"
    );
    assert!(
        text.contains("language codes are written in lower case, without spaces: `en` (English)"),
        "{text}"
    );
    // The valid entries (`en` with a share, `szl`, `gsw`) are not reported.
    assert!(text.contains("5 errors in the input"), "{text}");
    insta::assert_snapshot!(text);
}

/// The training-content summary rendered from `dir` for the public.
fn summary(dir: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("public");
    let output = aiact([
        "render".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        bundle.as_os_str(),
        "--format".as_ref(),
        "md".as_ref(),
        "--audience".as_ref(),
        "public".as_ref(),
        "--as-of".as_ref(),
        AS_OF.as_ref(),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    std::fs::read_to_string(bundle.join("training-content-summary.md")).unwrap()
}

/// `dir/data.yaml` with its line `from` (which must be there) replaced by `to`.
fn edit(dir: &Path, from: &str, to: &str) {
    let path = dir.join("data.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_iso_639_3_language_with_shares_goes_through_load_check_and_render() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("dossier");
    copy_dir(&repo().join("examples/frontier-non-eu"), &dir);
    edit(
        &dir,
        "  languages: [en, de, fr, it, pt, es, hi, th]\n",
        "  languages: [{code: en, share_percent: 60}, szl, {code: gsw, share_percent: 0.5}, deu, th]\n  linguistic_description: English is about 60 %; the rest is mainly Silesian, Swiss German, German and Thai.\n",
    );
    edit(
        &dir,
        "        languages: [en]\n",
        "        languages: [en, szl]\n",
    );

    let output = aiact([
        "check".as_ref(),
        dir.as_os_str(),
        "--as-of".as_ref(),
        AS_OF.as_ref(),
    ]);
    assert_eq!(code(&output), 0, "{}{}", stdout(&output), stderr(&output));

    let text = summary(&dir);
    assert!(
        text.contains(
            "| 1.3.e Languages | English (en, about 60 %), Silesian (szl), Swiss German (gsw, about 0.5 %), German (deu), Thai (th) |"
        ),
        "{text}"
    );
    assert!(
        text.contains("English is about 60 %; the rest is mainly Silesian"),
        "the linguistic description is in §1.3.e: {text}"
    );
    // `deu` is German whichever code it is written with; Silesian and Swiss German are not
    // official languages of the Union.
    assert!(
        text.contains("| Official languages of the Union covered | 2 of 24: German, English |"),
        "{text}"
    );

    // An answered empty list says that none are listed; an unanswered one is a gap.
    edit(
        &dir,
        "  languages: [{code: en, share_percent: 60}, szl, {code: gsw, share_percent: 0.5}, deu, th]\n",
        "  languages: []\n",
    );
    let text = summary(&dir);
    assert!(
        text.contains("| 1.3.e Languages | None |")
            && text.contains(
                "| Official languages of the Union covered | None (no languages are listed) |"
            ),
        "{text}"
    );
    edit(&dir, "  languages: []\n", "  languages: ~\n");
    let text = summary(&dir);
    assert!(
        text.contains("| 1.3.e Languages | *Not provided.* |")
            && text.contains("| Official languages of the Union covered | *Not provided.* |"),
        "{text}"
    );
    assert!(!text.contains("none of the 24"), "{text}");
}
