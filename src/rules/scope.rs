//! Scoped checks: the rules that feed what a provider files. `check --document`,
//! `--audience` and `--area` each narrow the catalogue (a rule must pass every filter that is
//! given, and any one of a filter's values); `build` never scopes, since a bundle holds every
//! document. Which documents a rule feeds is data: its own `documents` or its area's.

use serde::Serialize;

use super::{Document, RuleSet};
use crate::diag::{Error, Result, closest};
use crate::dossier::audience::Audience;

/// What a check is restricted to; empty filters restrict nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Rules feeding one of these documents.
    pub documents: Vec<Document>,
    /// Rules feeding a document for one of these audiences.
    pub audiences: Vec<Audience>,
    /// Rules of one of these areas (`technical-documentation`, `copyright`, …).
    pub areas: Vec<String>,
}

/// The scope as the JSON report states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ScopeView {
    /// Whether every rule was checked (no filter given).
    pub everything: bool,
    /// The documents asked for (file stems), if any.
    pub documents: Vec<Document>,
    /// The audiences asked for (`authority`, `downstream`, `public`), if any.
    pub audiences: Vec<String>,
    /// The areas asked for, if any.
    pub areas: Vec<String>,
    /// Rules checked.
    pub rules_in_scope: usize,
    /// Rules of the catalogue left out by the scope (not evaluated, not counted).
    pub rules_out_of_scope: usize,
    /// The scope in words, as the human, Markdown, JUnit, SARIF and GitHub outputs say it.
    pub description: String,
}

impl Scope {
    /// Whether no filter is given.
    pub fn is_everything(&self) -> bool {
        self.documents.is_empty() && self.audiences.is_empty() && self.areas.is_empty()
    }

    /// Whether a rule feeding `documents` in `area` is in scope.
    pub fn admits(&self, area: &str, documents: &[Document]) -> bool {
        (self.documents.is_empty() || documents.iter().any(|d| self.documents.contains(d)))
            && (self.audiences.is_empty()
                || documents
                    .iter()
                    .any(|d| self.audiences.contains(&d.audience())))
            && (self.areas.is_empty() || self.areas.iter().any(|a| a == area))
    }

    /// The scope in words: "every rule", or "rules feeding training-content-summary, in area
    /// copyright".
    pub fn describe(&self) -> String {
        if self.is_everything() {
            return "every rule".to_owned();
        }
        let mut parts = Vec::new();
        if !self.documents.is_empty() {
            let names: Vec<&str> = self.documents.iter().map(|d| d.stem()).collect();
            parts.push(format!("feeding {}", names.join(" or ")));
        }
        if !self.audiences.is_empty() {
            let names: Vec<&str> = self.audiences.iter().map(|a| a.name()).collect();
            parts.push(format!("for audience {}", names.join(" or ")));
        }
        if !self.areas.is_empty() {
            parts.push(format!("in area {}", self.areas.join(" or ")));
        }
        format!("rules {}", parts.join(", "))
    }

    /// The rules of `rules` in scope, refusing an area no rule has (with the closest one).
    pub fn select(&self, rules: &RuleSet) -> Result<(RuleSet, ScopeView)> {
        for area in &self.areas {
            if !rules.rules.iter().any(|r| &r.area == area) {
                let mut known: Vec<&str> = rules.rules.iter().map(|r| r.area.as_str()).collect();
                known.dedup();
                let hint = closest(area, known.iter().copied())
                    .map(|near| format!(" (did you mean `{near}`?)"))
                    .unwrap_or_default();
                return Err(Error::Usage(format!(
                    "no rule has the area `{area}`{hint}; the areas are {}",
                    known.join(", ")
                )));
            }
        }
        let mut selected = rules.clone();
        selected
            .rules
            .retain(|rule| self.admits(&rule.area, &rule.documents));
        let view = ScopeView {
            everything: self.is_everything(),
            documents: self.documents.clone(),
            audiences: self.audiences.iter().map(|a| a.name().to_owned()).collect(),
            areas: self.areas.clone(),
            rules_in_scope: selected.rules.len(),
            rules_out_of_scope: rules.rules.len() - selected.rules.len(),
            description: self.describe(),
        };
        Ok((selected, view))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_filter_given_must_admit_the_rule() {
        let scope = Scope {
            documents: vec![Document::TrainingContentSummary],
            audiences: Vec::new(),
            areas: Vec::new(),
        };
        assert!(scope.admits(
            "training-content-summary",
            &[Document::TrainingContentSummary]
        ));
        assert!(!scope.admits("systemic-risk", &[Document::TechnicalDocumentation]));
        assert!(
            !scope.admits("cross-cutting", &[]),
            "a rule that feeds no document"
        );

        let public = Scope {
            audiences: vec![Audience::Public],
            ..Scope::default()
        };
        assert!(public.admits("copyright", &[Document::CopyrightPolicy]));
        assert!(!public.admits(
            "model-documentation-form",
            &[
                Document::TechnicalDocumentation,
                Document::DownstreamInformation
            ]
        ));

        let both = Scope {
            audiences: vec![Audience::Public],
            areas: vec!["copyright".to_owned()],
            ..Scope::default()
        };
        assert!(both.admits("copyright", &[Document::CopyrightPolicy]));
        assert!(!both.admits(
            "training-content-summary",
            &[Document::TrainingContentSummary]
        ));
        assert_eq!(
            both.describe(),
            "rules for audience public, in area copyright"
        );
        assert!(Scope::default().admits("anything", &[]));
        assert_eq!(Scope::default().describe(), "every rule");
    }
}
