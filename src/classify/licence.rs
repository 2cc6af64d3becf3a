//! What a licence allows, as far as the open-source exemption (Art. 53(2), Art. 54(6)) turns
//! on it: the licence identifier read as an SPDX expression against the SPDX licence list's
//! OSI and FSF flags (the `spdx` crate) and a short table of the model licences that list
//! does not cover, and the `restrictions` text read for the restrictions the exemption does
//! not survive. The provider's category is never taken on trust: a `free_and_open_source`
//! category beside a non-commercial identifier is a contradiction the classification and
//! rule OSS-003 report.
//!
//! The table below states what each licence is widely known to restrict; it is aiact's
//! reading of the published terms, kept short on purpose, and not legal advice. A licence
//! it does not know is neither accepted nor refused: the provider's own answers to the four
//! permissions (`allows_access`, `allows_use`, `allows_modification`,
//! `allows_distribution`) decide, and while they are unanswered the exemption is unknown.

use spdx::LicenseItem;
use spdx::expression::{ExprNode, Expression, Operator};

use crate::dossier::model::root::Licence;

/// What aiact can tell of a licence identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Terms {
    /// Every licence it requires (or one alternative of an `OR`) is on the SPDX list as
    /// OSI-approved or FSF free/libre and restricts nothing the exemption needs.
    Open,
    /// A licence it requires restricts what the exemption needs: each such licence as
    /// written, with what it restricts ("allows non-commercial use only").
    Restricted(Vec<(String, &'static str)>),
    /// aiact does not know the licence (a `LicenseRef-`, a name, an SPDX licence that is
    /// neither OSI-approved nor FSF free/libre).
    Unrecognised,
}

/// A model licence the SPDX list does not have, by its Hugging Face `license:` identifier
/// or its name (compared lower-case, letters and digits only), with what it restricts.
struct KnownLicence {
    keys: &'static [&'static str],
    restricts: &'static str,
}

const LLAMA: &str = "requires a separate licence from Meta for licensees with more than 700 million monthly active users, and incorporates an acceptable use policy (field-of-use limits)";

const KNOWN: &[KnownLicence] = &[
    KnownLicence {
        keys: &[
            "llama2",
            "llama2communitylicense",
            "llama2communitylicenseagreement",
            "llama3",
            "llama3communitylicense",
            "llama3communitylicenseagreement",
            "llama31",
            "llama31communitylicense",
            "llama31communitylicenseagreement",
            "llama32",
            "llama32communitylicense",
            "llama32communitylicenseagreement",
            "llama33",
            "llama33communitylicense",
            "llama33communitylicenseagreement",
            "llama4",
            "llama4communitylicense",
            "llama4communitylicenseagreement",
        ],
        restricts: LLAMA,
    },
    KnownLicence {
        keys: &["gemma", "gemmatermsofuse"],
        restricts: "incorporates a prohibited use policy (field-of-use limits)",
    },
    KnownLicence {
        keys: &[
            "openrail",
            "openrailm",
            "openrailplusplus",
            "bigscienceopenrailm",
            "creativemlopenrailm",
            "bigcodeopenrailm",
            "bigcodeopenrailm10",
            "bigsciencebloomrail10",
        ],
        restricts: "is a Responsible AI Licence whose use restrictions (field-of-use limits) bind every licensee",
    },
    KnownLicence {
        keys: &["deepfloydiflicense", "deepfloydif"],
        restricts: "allows non-commercial research use only",
    },
    KnownLicence {
        keys: &["appleamlr", "applemachinelearningresearchmodellicense"],
        restricts: "allows research use only",
    },
    KnownLicence {
        keys: &["qwenresearch", "qwenresearchlicenseagreement"],
        restricts: "allows non-commercial use only",
    },
    KnownLicence {
        keys: &[
            "tongyiqianwen",
            "qwen",
            "qwenlicense",
            "qwenlicenseagreement",
            "tongyiqianwenlicenseagreement",
        ],
        restricts: "requires a separate licence for licensees with more than 100 million monthly active users",
    },
];

/// Lower-case letters and digits only, so "Llama 3.1 Community License" and `llama3.1`
/// meet; `++` is spelt out so that OpenRAIL++ stays apart from OpenRAIL.
fn normalise(text: &str) -> String {
    text.replace("++", "plusplus")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn known(text: &str) -> Option<&'static KnownLicence> {
    let key = normalise(text.strip_prefix("LicenseRef-").unwrap_or(text));
    KNOWN.iter().find(|k| k.keys.contains(&key.as_str()))
}

/// What one SPDX licence of the list restricts, if anything the exemption needs.
fn spdx_restriction(name: &str) -> Option<&'static str> {
    let parts: Vec<&str> = name.split('-').collect();
    if parts.contains(&"NC") {
        Some("allows non-commercial use only")
    } else if parts.contains(&"ND") {
        Some("allows no derivatives (no modified versions)")
    } else if name.starts_with("BUSL") {
        Some(
            "is a source-available licence that allows production use only under a separate grant until its change date",
        )
    } else {
        None
    }
}

fn spdx_terms(id: spdx::LicenseId) -> Terms {
    if let Some(restricts) = spdx_restriction(id.name) {
        return Terms::Restricted(vec![(id.name.to_owned(), restricts)]);
    }
    if id.is_osi_approved() || id.is_fsf_free_libre() {
        Terms::Open
    } else {
        Terms::Unrecognised
    }
}

fn item_terms(item: &LicenseItem, written: &str) -> Terms {
    match item {
        LicenseItem::Spdx { id, .. } => spdx_terms(*id),
        LicenseItem::Other(reference) => match known(&reference.lic_ref) {
            Some(k) => Terms::Restricted(vec![(written.to_owned(), k.restricts)]),
            None => Terms::Unrecognised,
        },
    }
}

/// `OR` lets the licensee choose: the better alternative counts. `AND` binds both: the worse.
fn rank(terms: &Terms) -> u8 {
    match terms {
        Terms::Restricted(_) => 0,
        Terms::Unrecognised => 1,
        Terms::Open => 2,
    }
}

fn combine(a: Terms, b: Terms, operator: Operator) -> Terms {
    match (operator, a, b) {
        (Operator::And, Terms::Restricted(mut x), Terms::Restricted(y)) => {
            x.extend(y);
            Terms::Restricted(x)
        }
        (Operator::Or, Terms::Restricted(mut x), Terms::Restricted(y)) => {
            x.extend(y);
            Terms::Restricted(x)
        }
        (Operator::And, a, b) => {
            if rank(&a) <= rank(&b) {
                a
            } else {
                b
            }
        }
        (Operator::Or, a, b) => {
            if rank(&a) >= rank(&b) {
                a
            } else {
                b
            }
        }
    }
}

/// What the identifier tells: an SPDX expression (lax: `/` for `OR`, common misspellings),
/// else a name of the SPDX list or of the table above.
pub fn assess_identifier(identifier: &str) -> Terms {
    let identifier = identifier.trim();
    if let Some(k) = known(identifier) {
        return Terms::Restricted(vec![(identifier.to_owned(), k.restricts)]);
    }
    if let Ok(expression) = Expression::parse_mode(identifier, spdx::ParseMode::LAX) {
        let mut stack: Vec<Terms> = Vec::new();
        // The expression is stored in postfix order.
        for node in expression.iter() {
            match node {
                ExprNode::Req(req) => {
                    let span = req.span.start as usize..req.span.end as usize;
                    let written = identifier.get(span).unwrap_or(identifier);
                    stack.push(item_terms(&req.req.license, written));
                }
                ExprNode::Op(operator) => {
                    let (Some(b), Some(a)) = (stack.pop(), stack.pop()) else {
                        return Terms::Unrecognised;
                    };
                    stack.push(combine(a, b, *operator));
                }
            }
        }
        return match (stack.pop(), stack.is_empty()) {
            (Some(terms), true) => terms,
            _ => Terms::Unrecognised,
        };
    }
    // A name rather than an identifier: "Apache License 2.0", "mit".
    let key = normalise(identifier);
    spdx::identifiers::LICENSES
        .iter()
        .find(|l| normalise(l.name) == key || normalise(l.full_name) == key)
        .and_then(|l| spdx::license_id(l.name))
        .map_or(Terms::Unrecognised, spdx_terms)
}

/// What the `restrictions` text says, read for the restrictions the exemption does not
/// survive. Matching phrases is a reading, not an understanding: the result names the phrase
/// it matched so that the provider can see why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestrictionText {
    /// The text says there are none ("None", "No restrictions beyond attribution").
    None,
    /// The text names attribution, notice or share-alike conditions and nothing else aiact
    /// recognises as a restriction.
    ConditionsOnly,
    /// The text names restrictions the exemption does not survive: one description each,
    /// with the phrase matched.
    Names(Vec<String>),
    /// The text names no restriction aiact recognises, nor only attribution or share-alike.
    Unclassified,
}

const RESTRICTION_PHRASES: &[(&str, &[&str])] = &[
    (
        "non-commercial use only",
        &[
            "non-commercial",
            "noncommercial",
            "non commercial",
            "not for commercial",
            "no commercial use",
        ],
    ),
    (
        "research use only",
        &[
            "research only",
            "research-only",
            "research use only",
            "for research use",
            "research purposes only",
            "only for research",
            "academic use only",
        ],
    ),
    (
        "a user-count threshold",
        &["active users", "monthly users", "users per month"],
    ),
    (
        "field-of-use limits",
        &[
            "acceptable use",
            "prohibited use",
            "use restriction",
            "field of use",
            "field-of-use",
            "may not be used",
            "must not be used",
            "shall not be used",
            "may not use",
        ],
    ),
    (
        "no modification",
        &[
            "no derivative",
            "no modification",
            "may not modify",
            "may not be modified",
        ],
    ),
    (
        "no redistribution",
        &[
            "no redistribution",
            "may not redistribute",
            "may not be redistributed",
        ],
    ),
];

/// Reads the `restrictions` text. A text that opens by saying there are none ("None beyond
/// the licence's own conditions") is taken at its word unless its first sentence makes an
/// exception; otherwise each restriction phrase counts unless its sentence negates it before
/// it ("There is no field-of-use restriction").
pub fn assess_restrictions(text: &str) -> RestrictionText {
    let lower = text.to_lowercase();
    let trimmed = lower.trim();
    let mut names = Vec::new();
    for (what, phrases) in RESTRICTION_PHRASES {
        let hit = phrases.iter().find_map(|phrase| {
            trimmed
                .match_indices(phrase)
                .find(|(at, _)| !negated_before(trimmed, *at))
                .map(|_| *phrase)
        });
        if let Some(phrase) = hit {
            names.push(format!("{what} (\"{phrase}\")"));
        }
    }
    let first_sentence = &trimmed[..sentence_bounds(trimmed, 0).1];
    let opens_with_none = [
        "none",
        "no restrictions",
        "no further restrictions",
        "no additional restrictions",
        "no other restrictions",
    ]
    .iter()
    .any(|p| {
        trimmed
            .strip_prefix(p)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
    });
    let makes_exception = ["except", "other than", "apart from", "but "]
        .iter()
        .any(|p| first_sentence.contains(p));
    if trimmed.is_empty() || (opens_with_none && !makes_exception) {
        RestrictionText::None
    } else if !names.is_empty() {
        RestrictionText::Names(names)
    } else if opens_with_none {
        RestrictionText::None
    } else if [
        "attribution",
        "share-alike",
        "share alike",
        "sharealike",
        "notice",
    ]
    .iter()
    .any(|p| trimmed.contains(p))
    {
        RestrictionText::ConditionsOnly
    } else {
        RestrictionText::Unclassified
    }
}

/// The bounds of the sentence of `text` around byte `at`: from after the previous ". ", ";",
/// "!", "?" or line break to the next one.
fn sentence_bounds(text: &str, at: usize) -> (usize, usize) {
    let is_end = |window: &str| {
        window.starts_with(". ")
            || window.starts_with(".\n")
            || window.starts_with(';')
            || window.starts_with('!')
            || window.starts_with('?')
            || window.starts_with('\n')
    };
    let start = (0..at)
        .rev()
        .find(|&i| text.is_char_boundary(i) && is_end(&text[i..]))
        .map_or(0, |i| i + 1);
    let end = (at..text.len())
        .find(|&i| text.is_char_boundary(i) && is_end(&text[i..]))
        .unwrap_or(text.len());
    (start, end)
}

/// Whether the sentence holding byte `at` says "no", "not", "nor", "never" or "without"
/// before it.
fn negated_before(text: &str, at: usize) -> bool {
    let (start, _) = sentence_bounds(text, at);
    let before = &text[start..at];
    before
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|word| {
            matches!(
                word,
                "no" | "not" | "nor" | "never" | "without" | "isn't" | "doesn't"
            )
        })
}

/// One thing about the licence, at the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenceNote {
    /// The field under `model.licence`.
    pub field: &'static str,
    /// What it says, as a clause that follows the field's path: "is CC-BY-NC-4.0, which
    /// allows non-commercial use only".
    pub clause: String,
}

impl LicenceNote {
    /// The field's path and the clause: "model.licence.identifier is CC-BY-NC-4.0, …".
    pub fn sentence(&self) -> String {
        format!("model.licence.{} {}", self.field, self.clause)
    }
}

/// What the licence's identifier and restrictions say about the exemption.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LicenceReading {
    /// What defeats the exemption.
    pub defeats: Vec<LicenceNote>,
    /// What aiact cannot tell, and what would settle it.
    pub unsure: Vec<LicenceNote>,
    /// The identifier was recognised as open, or the provider answered all four
    /// permissions for a licence aiact does not know.
    pub permissions_settled: bool,
}

/// Reads the licence for the exemption. The category is not read here: the classification
/// and OSS-003 read it and use this to test it.
pub fn read_licence(licence: &Licence) -> LicenceReading {
    let mut reading = LicenceReading::default();
    match licence.identifier.as_deref().map(str::trim) {
        None | Some("") => reading.unsure.push(LicenceNote {
            field: "identifier",
            clause: "is not given, so the licence's terms cannot be checked".to_owned(),
        }),
        Some(identifier) => match assess_identifier(identifier) {
            Terms::Open => reading.permissions_settled = true,
            Terms::Restricted(what) => {
                let clause = match what.as_slice() {
                    [(written, restricts)] if written == identifier => {
                        format!("is {identifier}, which {restricts}")
                    }
                    _ => format!(
                        "is {identifier}, in which {}",
                        what.iter()
                            .map(|(written, restricts)| format!("{written} {restricts}"))
                            .collect::<Vec<_>>()
                            .join("; ")
                    ),
                };
                reading.defeats.push(LicenceNote {
                    field: "identifier",
                    clause,
                });
            }
            Terms::Unrecognised => {
                let unanswered: Vec<&str> = [
                    (licence.allows_access, "allows_access"),
                    (licence.allows_use, "allows_use"),
                    (licence.allows_modification, "allows_modification"),
                    (licence.allows_distribution, "allows_distribution"),
                ]
                .into_iter()
                .filter(|(answer, _)| answer.is_none())
                .map(|(_, field)| field)
                .collect();
                if unanswered.is_empty() {
                    reading.permissions_settled = true;
                } else {
                    reading.unsure.push(LicenceNote {
                        field: "identifier",
                        clause: format!(
                            "is {identifier}, which aiact does not know to be free and open-source (not OSI-approved or FSF free/libre on the SPDX list), so model.licence.{} must say what it allows",
                            unanswered.join(", model.licence.")
                        ),
                    });
                }
            }
        },
    }
    if let Some(text) = &licence.restrictions {
        match assess_restrictions(text.as_str()) {
            RestrictionText::None | RestrictionText::ConditionsOnly => {}
            RestrictionText::Names(names) => reading.defeats.push(LicenceNote {
                field: "restrictions",
                clause: format!("names {}", names.join(", ")),
            }),
            RestrictionText::Unclassified => reading.unsure.push(LicenceNote {
                field: "restrictions",
                clause: "names restrictions aiact cannot classify; the exemption survives only attribution and share-alike conditions, so say \"None\" or name them".to_owned(),
            }),
        }
    }
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restricted(identifier: &str) -> String {
        match assess_identifier(identifier) {
            Terms::Restricted(what) => what
                .iter()
                .map(|(written, restricts)| format!("{written} {restricts}"))
                .collect::<Vec<_>>()
                .join("; "),
            other => panic!("{identifier}: expected restricted, got {other:?}"),
        }
    }

    #[test]
    fn open_source_licences_of_the_spdx_list_are_open() {
        for identifier in [
            "Apache-2.0",
            "MIT",
            "BSD-3-Clause",
            "GPL-3.0-or-later",
            "CC-BY-4.0",
            "CC0-1.0",
            "Apache-2.0 OR MIT",
            "Apache-2.0 WITH LLVM-exception",
            "Apache License 2.0",
            "mit",
        ] {
            assert_eq!(assess_identifier(identifier), Terms::Open, "{identifier}");
        }
    }

    #[test]
    fn non_commercial_no_derivatives_and_model_licences_are_restricted() {
        assert_eq!(
            restricted("CC-BY-NC-4.0"),
            "CC-BY-NC-4.0 allows non-commercial use only"
        );
        assert_eq!(
            restricted("CC-BY-ND-4.0"),
            "CC-BY-ND-4.0 allows no derivatives (no modified versions)"
        );
        assert!(restricted("llama3.1").contains("700 million monthly active users"));
        assert!(restricted("Llama 3.1 Community License").contains("700 million"));
        assert!(restricted("bigscience-openrail-m").contains("Responsible AI Licence"));
        assert!(restricted("openrail++").contains("field-of-use"));
        assert!(restricted("gemma").contains("prohibited use policy"));
        assert!(restricted("BUSL-1.1").contains("source-available"));
    }

    #[test]
    fn and_binds_every_licence_or_lets_the_licensee_choose() {
        assert_eq!(
            restricted("Apache-2.0 AND CC-BY-NC-4.0"),
            "CC-BY-NC-4.0 allows non-commercial use only"
        );
        assert_eq!(assess_identifier("CC-BY-NC-4.0 OR MIT"), Terms::Open);
        assert_eq!(
            assess_identifier("MIT AND LicenseRef-Acme-Terms"),
            Terms::Unrecognised
        );
        assert_eq!(
            assess_identifier("LicenseRef-Acme-Terms OR MIT"),
            Terms::Open
        );
    }

    #[test]
    fn unknown_licences_are_neither_accepted_nor_refused() {
        for identifier in [
            "Quill Community License 1.0",
            "LicenseRef-Acme",
            "Elastic-2.0",
        ] {
            assert_eq!(
                assess_identifier(identifier),
                Terms::Unrecognised,
                "{identifier}"
            );
        }
    }

    #[test]
    fn restriction_texts_are_read_for_what_defeats_the_exemption() {
        let RestrictionText::Names(names) = assess_restrictions(
            "Licensees whose products exceed 50 million monthly active users need a separate licence. Use must comply with the acceptable use policy.",
        ) else {
            panic!("expected restrictions");
        };
        assert_eq!(
            names,
            [
                "a user-count threshold (\"active users\")",
                "field-of-use limits (\"acceptable use\")"
            ]
        );
        assert_eq!(
            assess_restrictions("Non-commercial use only."),
            RestrictionText::Names(vec![
                "non-commercial use only (\"non-commercial\")".to_owned()
            ])
        );
        assert_eq!(assess_restrictions("None."), RestrictionText::None);
        assert_eq!(
            assess_restrictions(
                "None beyond Apache-2.0's own conditions: keep the notices. There is no field-of-use, user-count or non-commercial restriction. The acceptable use policy is guidance, not a licence condition."
            ),
            RestrictionText::None,
            "an answer that opens with 'None' is taken at its word"
        );
        assert_eq!(
            assess_restrictions(
                "None, except that commercial use needs a licence above 1 million active users."
            ),
            RestrictionText::Names(vec!["a user-count threshold (\"active users\")".to_owned()]),
            "an exception in the first sentence is read"
        );
        assert_eq!(
            assess_restrictions(
                "Attribution only. There is no non-commercial clause and no acceptable use policy."
            ),
            RestrictionText::ConditionsOnly,
            "phrases the sentence negates do not count"
        );
        assert_eq!(
            assess_restrictions("No restrictions beyond attribution."),
            RestrictionText::None
        );
        assert_eq!(
            assess_restrictions("Nonetheless, outputs belong to the licensee."),
            RestrictionText::Unclassified,
            "'none' must be a word of its own"
        );
        assert_eq!(
            assess_restrictions("Attribution and share-alike, as CC-BY-SA-4.0 asks."),
            RestrictionText::ConditionsOnly
        );
        assert_eq!(
            assess_restrictions("Outputs belong to the licensee."),
            RestrictionText::Unclassified
        );
    }
}
