//! `aiact build` and `aiact render`: the bundle, exit codes, reproducibility, untrusted text in
//! every format, template overrides, audiences, and the documents' Markdown (snapshots).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{code, copy_dir, repo, stderr};

const AS_OF: &str = "2026-11-29";

fn aiact_in(dir: &Path, args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("aiact")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1764374400")
        .args(args)
        .output()
        .unwrap()
}

fn aiact(args: &[&str]) -> Output {
    aiact_in(&repo(), args)
}

/// `aiact build DOSSIER --out OUT --as-of AS_OF`, from the repository root.
fn build(dossier: &str, out: &Path) -> Output {
    aiact(&[
        "build",
        dossier,
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ])
}

/// Every file under `dir`, relative path → bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

const STEMS: [&str; 5] = [
    "technical-documentation",
    "downstream-information",
    "training-content-summary",
    "copyright-policy",
    "compliance-report",
];

/// `pdftotext` output of a PDF, or `None` when poppler is not installed (CI sets
/// `AIACT_REQUIRE_TOOLS` so that a missing tool fails instead).
fn pdf_text(pdf: &Path) -> Option<String> {
    match std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(output) if output.status.success() => {
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        _ => {
            assert!(
                std::env::var_os("AIACT_REQUIRE_TOOLS").is_none(),
                "pdftotext (poppler-utils) is required to check PDF text"
            );
            eprintln!("pdftotext not found: PDF text checks skipped");
            None
        }
    }
}

#[test]
fn build_writes_the_whole_bundle_with_the_exit_code_of_the_check() {
    let out = tempfile::tempdir().unwrap();
    for (example, expected) in [
        ("open-weights-eu", 0),
        ("frontier-non-eu", 0),
        ("fine-tune", 0),
        ("incomplete", 1),
    ] {
        let bundle = out.path().join(example);
        let output = build(&format!("examples/{example}"), &bundle);
        assert_eq!(code(&output), expected, "{example}: {}", stderr(&output));
        let written = files(&bundle);
        for stem in STEMS {
            for extension in ["md", "html", "pdf"] {
                let name = PathBuf::from(format!("{stem}.{extension}"));
                let bytes = written
                    .get(&name)
                    .unwrap_or_else(|| panic!("{example}: {} missing", name.display()));
                assert!(!bytes.is_empty());
            }
            assert!(written[&PathBuf::from(format!("{stem}.pdf"))].starts_with(b"%PDF-"));
        }
        let report: serde_json::Value =
            serde_json::from_slice(&written[&PathBuf::from("compliance-report.json")]).unwrap();
        assert_eq!(report["report_version"], 1);
        assert!(written.contains_key(Path::new("dossier/aiact.yaml")));
        assert!(
            written
                .keys()
                .all(|p| p.starts_with("dossier") || p.parent() == Some(Path::new(""))),
            "{example}: unexpected layout {:?}",
            written.keys().collect::<Vec<_>>()
        );
        if expected == 1 {
            assert!(stderr(&output).contains("compliance-report.md"));
        }
    }
}

#[test]
fn the_dossier_copy_checks_to_the_same_verdict_and_digest() {
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("bundle");
    let output = build("examples/frontier-non-eu", &bundle);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let filed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bundle.join("compliance-report.json")).unwrap())
            .unwrap();
    let recheck = aiact(&[
        "check",
        bundle.join("dossier").to_str().unwrap(),
        "--format",
        "json",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(code(&recheck), 0, "{}", stderr(&recheck));
    let rechecked: serde_json::Value = serde_json::from_slice(&recheck.stdout).unwrap();
    assert_eq!(rechecked["dossier"]["digest"], filed["dossier"]["digest"]);
    assert_eq!(rechecked["summary"], filed["summary"]);
    // Every evidence file the dossier references travelled with it; model artefacts did not,
    // but their digests are in the manifest.
    for evidence in [
        "evidence/copyright-policy.md",
        "evidence/red-team-external-summary.md",
    ] {
        assert!(
            bundle.join("dossier").join(evidence).is_file(),
            "{evidence}"
        );
    }
    assert!(
        !bundle
            .join("dossier/evidence/weights-manifest.json")
            .exists()
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bundle.join("MANIFEST.json")).unwrap()).unwrap();
    let artefact = &manifest["artefacts"][0];
    assert_eq!(artefact["path"], "evidence/weights-manifest.json");
    let bytes =
        std::fs::read(repo().join("examples/frontier-non-eu/evidence/weights-manifest.json"))
            .unwrap();
    assert_eq!(artefact["size"], bytes.len());
}

#[test]
fn a_non_empty_output_is_refused_and_force_replaces_only_an_earlier_bundle() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("keep.txt"), "mine").unwrap();
    let refused = build("examples/open-weights-eu", out.path());
    assert_eq!(code(&refused), 2, "{}", stderr(&refused));
    assert!(stderr(&refused).contains("--force"));
    assert_eq!(files(out.path()).len(), 1, "nothing was written");
    let forced = |out: &Path| {
        aiact(&[
            "build",
            "examples/open-weights-eu",
            "--out",
            out.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--force",
        ])
    };
    // `--force` replaces only what aiact wrote: a file of the user's is never deleted.
    let still_refused = forced(out.path());
    assert_eq!(code(&still_refused), 2, "{}", stderr(&still_refused));
    assert!(
        stderr(&still_refused).contains("is not an aiact output"),
        "{}",
        stderr(&still_refused)
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("keep.txt")).unwrap(),
        "mine"
    );
    // An earlier bundle, as aiact wrote it, is replaced whole.
    let bundle = out.path().join("bundle");
    assert_eq!(code(&build("examples/fine-tune", &bundle)), 0);
    let before = std::fs::read(bundle.join("technical-documentation.md")).unwrap();
    let replaced = forced(&bundle);
    assert_eq!(code(&replaced), 0, "{}", stderr(&replaced));
    assert_ne!(
        std::fs::read(bundle.join("technical-documentation.md")).unwrap(),
        before,
        "the bundle replaces the content"
    );
    // One whose document was edited by hand holds the user's work: refused.
    std::fs::write(bundle.join("technical-documentation.md"), "my edits").unwrap();
    let refused = forced(&bundle);
    assert_eq!(code(&refused), 2, "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("`technical-documentation.md` was changed since aiact wrote it"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        std::fs::read(bundle.join("technical-documentation.md")).unwrap(),
        b"my edits"
    );
}

#[test]
fn an_invalid_dossier_writes_nothing() {
    let dossier = crate::support::dossier(&[("aiact.yaml", "format_version: 2\nprovider: 3\n")]);
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("bundle");
    let output = aiact(&[
        "build",
        dossier.path().to_str().unwrap(),
        "--out",
        bundle.to_str().unwrap(),
    ]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("aiact.yaml:2:"),
        "{}",
        stderr(&output)
    );
    assert!(!bundle.exists());
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn builds_are_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    let mut bundles = Vec::new();
    for run in ["one", "two"] {
        let bundle = out.path().join(run);
        let output = aiact(&[
            "build",
            "examples/fine-tune",
            "--out",
            bundle.to_str().unwrap(),
        ]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        bundles.push(files(&bundle));
    }
    assert_eq!(bundles[0].len(), bundles[1].len());
    for (path, bytes) in &bundles[0] {
        assert!(
            bundles[1].get(path) == Some(bytes),
            "{} differs between two builds",
            path.display()
        );
    }
}

/// Text that would be code in some output format if it were ever interpreted.
const HOSTILE: &str = "#panic(\"x\") $x$ #read(\"/etc/passwd\") **b** [l](javascript:alert(1)) <script>alert(1)</script> {{ 7*7 }} {% if true %}T{% endif %} # h";

fn yaml_quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn untrusted_text_stays_text_in_every_format() {
    let dossier = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/frontier-non-eu"), dossier.path());
    let quoted = yaml_quoted(HOSTILE);
    for (file, from, to) in [
        (
            "aiact.yaml",
            "  name: Crest-1 405B\n",
            format!("  name: {quoted}\n"),
        ),
        (
            "aiact.yaml",
            "  legal_name: Bramblecrest AI, Inc.\n",
            format!("  legal_name: {quoted}\n"),
        ),
        (
            "technical.yaml",
            "  summary: Dense decoder-only transformer with grouped-query attention, SwiGLU activations and rotary position embeddings.\n",
            format!("  summary: {quoted}\n"),
        ),
    ] {
        let path = dossier.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has the line to replace");
        std::fs::write(&path, text.replacen(from, &to, 1)).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("bundle");
    let output = build(dossier.path().to_str().unwrap(), &bundle);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    for stem in STEMS {
        // Markdown: a parser recovers the literal text, and finds no link, image or HTML.
        let markdown = std::fs::read_to_string(bundle.join(format!("{stem}.md"))).unwrap();
        let mut text = String::new();
        for event in
            pulldown_cmark::Parser::new_ext(&markdown, aiact::render::html::markdown_options())
        {
            match event {
                pulldown_cmark::Event::Text(t) => text.push_str(&t),
                pulldown_cmark::Event::Html(h) | pulldown_cmark::Event::InlineHtml(h) => {
                    panic!("{stem}.md has raw HTML: {h}")
                }
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                    assert!(
                        !dest_url.contains("javascript"),
                        "{stem}.md links {dest_url}"
                    );
                }
                _ => {}
            }
        }
        if stem != "compliance-report" {
            assert!(text.contains(HOSTILE), "{stem}.md lost the literal text");
        }
        // HTML: the text is escaped and inert.
        let html = std::fs::read_to_string(bundle.join(format!("{stem}.html"))).unwrap();
        assert!(!html.contains("<script"), "{stem}.html");
        assert!(!html.contains("href=\"javascript"), "{stem}.html");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{stem}.html"
        );
        assert!(html.contains("{{ 7*7 }}"), "{stem}.html");
        // PDF: typst printed the text instead of running it (no panic, no file read).
        if let Some(pdf) = pdf_text(&bundle.join(format!("{stem}.pdf"))) {
            let flat: String = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains("#panic(\"x\")"), "{stem}.pdf: {flat:.400}");
            assert!(flat.contains("#read(\"/etc/passwd\")"), "{stem}.pdf");
            assert!(!flat.contains("root:x:0"), "{stem}.pdf read a file");
        }
    }
}

/// A narrative answer: formatting a reader should see, and every injection that must stay text.
const NARRATIVE: &str = "We train on **public** data only, see https://example.com/data and [the card](https://example.com/card).\n\nThe steps:\n\n1. deduplicate\n2. filter, with `ftfy`:\n   - toxicity\n   - personal data\n\nInjections: #panic(\"x\") #read(\"/etc/passwd\") $x$ <script>alert(1)</script> {{ 7*7 }} [a](javascript:alert(1)) ![i](https://x/i.png)\n\n# heading";

/// The literal text every format must show for the injections of [`NARRATIVE`].
const INJECTIONS: [&str; 8] = [
    "#panic(\"x\")",
    "#read(\"/etc/passwd\")",
    "$x$",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "[a](javascript:alert(1))",
    "![i](https://x/i.png)",
    "# heading",
];

#[test]
fn narrative_markdown_is_formatting_in_every_format_and_injections_stay_text() {
    let dossier = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/open-weights-eu"), dossier.path());
    let path = dossier.path().join("copyright.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let from = "  access_restrictions: |\n    We operate no crawler, so we never meet paywalls, logins or CAPTCHAs ourselves. We download\n    datasets only through their official channels and accept their terms of use. One example is\n    The Stack v2, whose terms ask us to follow the Software Heritage principles for model\n    training and to keep our copy at the latest usable version.\n";
    assert!(
        text.contains(from),
        "copyright.yaml has the answer to replace"
    );
    // A double-quoted YAML scalar folds line breaks: write them as escapes.
    let to = format!(
        "  access_restrictions: {}\n",
        yaml_quoted(NARRATIVE).replace('\n', "\\n")
    );
    std::fs::write(&path, text.replacen(from, &to, 1)).unwrap();
    // The shipped template prints this field through `cell`; the narrative form is what the
    // reworked templates print: a question label, then the answer below it.
    let templates = tempfile::tempdir().unwrap();
    std::fs::write(
        templates.path().join("copyright-policy.md"),
        "# Copyright policy\n\n**Access restrictions respected (paywalls, subscriptions, logins)**\n\n{{ copyright.lawful_access.access_restrictions | narrative }}\n\n| | |\n|---|---|\n| In a cell | {{ copyright.lawful_access.access_restrictions | cell }} |\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let rendered = out.path().join("docs");
    let output = aiact(&[
        "render",
        dossier.path().to_str().unwrap(),
        "--out",
        rendered.to_str().unwrap(),
        "--templates",
        templates.path().to_str().unwrap(),
        "--audience",
        "public",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));

    // Markdown: the formatting parses as formatting, the injections as their characters.
    let markdown = std::fs::read_to_string(rendered.join("copyright-policy.md")).unwrap();
    let mut text = String::new();
    let mut links = Vec::new();
    let (mut strong, mut lists, mut items, mut code_spans, mut cells) = (0, 0, 0, 0, 0);
    for event in pulldown_cmark::Parser::new_ext(&markdown, aiact::render::html::markdown_options())
    {
        use pulldown_cmark::{Event, Tag};
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::Code(_) => code_spans += 1,
            Event::Start(Tag::Strong) => strong += 1,
            Event::Start(Tag::List(_)) => lists += 1,
            Event::Start(Tag::Item) => items += 1,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Start(
                Tag::Image { .. }
                | Tag::Heading {
                    level: pulldown_cmark::HeadingLevel::H2,
                    ..
                },
            )
            | Event::Html(_)
            | Event::InlineHtml(_) => panic!("copyright-policy.md: {event:?}\n{markdown}"),
            _ => {}
        }
    }
    // The label, and `public` in the answer and in the cell.
    assert_eq!(strong, 3, "{markdown}");
    assert_eq!((lists, items), (2, 4), "{markdown}");
    assert_eq!(code_spans, 2, "{markdown}");
    assert_eq!(
        cells, 4,
        "one row of two cells under an empty header: {markdown}"
    );
    assert_eq!(
        links,
        [
            "https://example.com/data",
            "https://example.com/card",
            "https://example.com/data",
            "https://example.com/card"
        ],
        "{markdown}"
    );
    for literal in INJECTIONS {
        assert_eq!(text.matches(literal).count(), 2, "{literal:?} in {text:?}");
    }
    assert!(
        text.contains("The steps: ¶ 1. deduplicate 2. filter, with"),
        "{text}"
    );

    // HTML: clickable web links, lists, strong and code; the injections as escaped text.
    let html = std::fs::read_to_string(rendered.join("copyright-policy.html")).unwrap();
    for expected in [
        "<p class=\"question\"><strong>Access restrictions respected (paywalls, subscriptions, logins)</strong></p>",
        "<a href=\"https://example.com/data\">https://example.com/data</a>",
        "<a href=\"https://example.com/card\">the card</a>",
        "<ol>",
        "<ul>",
        "<code>ftfy</code>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "{{ 7*7 }}",
        "[a](javascript:alert(1)) ![i](https://x/i.png)",
        "# heading",
    ] {
        assert!(
            html.contains(expected),
            "copyright-policy.html lacks {expected}"
        );
    }
    for absent in ["<script", "href=\"javascript", "<img", "<h1># heading"] {
        assert!(!html.contains(absent), "copyright-policy.html has {absent}");
    }

    // PDF: the text as typed (nothing run, nothing read), and links that can be clicked.
    let pdf = std::fs::read(rendered.join("copyright-policy.pdf")).unwrap();
    let annotations = String::from_utf8_lossy(&pdf);
    assert!(
        annotations.contains("/URI(https://example.com/data)"),
        "a link annotation"
    );
    assert!(
        annotations.contains("/URI(https://example.com/card)"),
        "a link annotation"
    );
    assert!(!annotations.contains("/URI(javascript"), "no script link");
    assert!(
        !annotations.contains("/URI(https://x/i.png)"),
        "the image is text"
    );
    if let Some(text) = pdf_text(&rendered.join("copyright-policy.pdf")) {
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        // A line may break inside a literal (after `]`, inside a URL): compare without spaces.
        let dense: String = text.split_whitespace().collect();
        for literal in INJECTIONS {
            let literal: String = literal.split_whitespace().collect();
            assert!(
                dense.contains(&literal),
                "copyright-policy.pdf lacks {literal:?}: {flat}"
            );
        }
        assert!(
            !flat.contains("root:x:0"),
            "copyright-policy.pdf read a file"
        );
        assert!(flat.contains("We train on public data only"), "{flat:.600}");
        assert!(
            flat.contains("1. deduplicate 2. filter, with ftfy:"),
            "{flat:.600}"
        );
        // Page numbers count from the title page: the contents page is page 2.
        assert!(flat.contains("Page 2 of"), "{flat:.600}");
        assert!(flat.contains("Document version 1.1"), "{flat:.600}");
    }
}

#[test]
fn pdf_text_holds_the_headings_and_key_values() {
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("bundle");
    let output = build("examples/frontier-non-eu", &bundle);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let expectations: [(&str, &[&str]); 5] = [
        (
            "technical-documentation",
            &[
                "Technical documentation",
                "General description of the model (Annex XI §1.1)",
                "Additional information for models with systemic risk (Annex XI §2)",
                "405,000,000,000",
                "21,600 MWh",
                "Contents",
            ],
        ),
        (
            "downstream-information",
            &[
                "2(b) Modality, format and maximum size of inputs and outputs",
                "131,072 tokens",
                "Noordkade AI Representation B.V.",
            ],
        ),
        (
            "training-content-summary",
            &[
                "Public Summary of Training Content",
                "2.3. Data crawled and scraped from online sources",
                "CrestBot",
                "docs.python.org",
                "☒",
            ],
        ),
        ("copyright-policy", &["CoP Copyright M1.5", "RFC 9309"]),
        ("compliance-report", &["Every rule", "SUM-006"]),
    ];
    for (stem, needles) in expectations {
        let Some(text) = pdf_text(&bundle.join(format!("{stem}.pdf"))) else {
            return;
        };
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for needle in needles {
            assert!(flat.contains(needle), "{stem}.pdf lacks {needle:?}");
        }
        // The dossier digest is in every footer.
        let report: serde_json::Value =
            serde_json::from_slice(&std::fs::read(bundle.join("compliance-report.json")).unwrap())
                .unwrap();
        assert!(flat.contains(report["dossier"]["digest"].as_str().unwrap()));
    }
}

#[test]
fn templates_can_be_overridden_by_name_and_their_errors_are_located() {
    let templates = tempfile::tempdir().unwrap();
    std::fs::write(
        templates.path().join("copyright-policy.md"),
        "# House copyright policy of {{ provider.legal_name | given }}\n\nOwner: {{ copyright.policy.owner | given }}\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let rendered = out.path().join("docs");
    let output = aiact(&[
        "render",
        "examples/open-weights-eu",
        "--out",
        rendered.to_str().unwrap(),
        "--templates",
        templates.path().to_str().unwrap(),
        "--audience",
        "public",
        "--format",
        "md",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let written = files(&rendered);
    let names: Vec<_> = written.keys().map(|p| p.display().to_string()).collect();
    assert_eq!(
        names,
        ["copyright-policy.md", "training-content-summary.md"]
    );
    let policy = String::from_utf8(written[Path::new("copyright-policy.md")].clone()).unwrap();
    assert!(
        policy.starts_with("# House copyright policy of Exemple Modèles Ouverts SAS"),
        "{policy}"
    );

    // A field the audience may not see is not in the template's context: an error, not a leak.
    std::fs::write(
        templates.path().join("copyright-policy.md"),
        "# Policy\n\nline three\nCompute: {{ technical.compute.training_flop }}\n",
    )
    .unwrap();
    let leak = aiact(&[
        "render",
        "examples/open-weights-eu",
        "--out",
        out.path().join("leak").to_str().unwrap(),
        "--templates",
        templates.path().to_str().unwrap(),
        "--format",
        "md",
    ]);
    assert_eq!(code(&leak), 2);
    assert!(
        stderr(&leak).contains("copyright-policy.md:4:"),
        "{}",
        stderr(&leak)
    );
    assert!(!out.path().join("leak").exists());
}

#[test]
fn the_markdown_of_every_document_of_every_example() {
    for example in [
        "open-weights-eu",
        "frontier-non-eu",
        "fine-tune",
        "incomplete",
    ] {
        let out = tempfile::tempdir().unwrap();
        let rendered = out.path().join("md");
        let output = aiact(&[
            "render",
            &format!("examples/{example}"),
            "--out",
            rendered.to_str().unwrap(),
            "--format",
            "md",
            "--as-of",
            AS_OF,
        ]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        for stem in STEMS {
            let markdown = std::fs::read_to_string(rendered.join(format!("{stem}.md"))).unwrap();
            insta::assert_snapshot!(format!("{example}__{stem}"), markdown);
        }
    }
}

#[test]
fn text_the_bundled_fonts_cannot_draw_still_gives_every_pdf_with_a_warning() {
    let dossier = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("examples/open-weights-eu"), dossier.path());
    let root = dossier.path().join("aiact.yaml");
    let text = std::fs::read_to_string(&root).unwrap();
    std::fs::write(
        &root,
        text.replacen("  name: Ouvert-3B\n", "  name: \"Ouvert-3B 北京\"\n", 1),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let bundle = out.path().join("bundle");
    let output = build(dossier.path().to_str().unwrap(), &bundle);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("not PDF/A-2b: the bundled fonts cannot display 北 京"),
        "{}",
        stderr(&output)
    );
    for stem in STEMS {
        assert!(
            std::fs::read(bundle.join(format!("{stem}.pdf")))
                .unwrap()
                .starts_with(b"%PDF-")
        );
        let markdown = std::fs::read_to_string(bundle.join(format!("{stem}.md"))).unwrap();
        assert!(
            markdown.contains("Ouvert-3B 北京"),
            "{stem}.md keeps the exact text"
        );
    }
}
