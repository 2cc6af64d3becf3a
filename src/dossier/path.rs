//! Field paths: how diagnostics, findings and rules name a value of the dossier, such as
//! `provider.contact.email` or `model.versions[2].version`.

use std::fmt;

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// A path to a value, such as `provider.contact.email` or `model.versions[2].version`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    /// The empty path: the document root.
    pub fn root() -> FieldPath {
        FieldPath(Vec::new())
    }

    /// This path extended by a key.
    pub fn key(&self, key: &str) -> FieldPath {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(key.to_owned()));
        FieldPath(segments)
    }

    /// This path extended by an index.
    pub fn index(&self, index: usize) -> FieldPath {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        FieldPath(segments)
    }

    /// The path without its last step; `None` at the root.
    pub fn parent(&self) -> Option<FieldPath> {
        let (_, rest) = self.0.split_last()?;
        Some(FieldPath(rest.to_vec()))
    }

    /// Whether this is the document root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The path with `prefix` in front (used to place a file's paths in the dossier's
    /// unified path space, such as `technical.compute`).
    pub fn prefixed(&self, prefix: Option<&str>) -> FieldPath {
        match prefix {
            None => self.clone(),
            Some(prefix) => {
                let mut segments = vec![Segment::Key(prefix.to_owned())];
                segments.extend(self.0.iter().cloned());
                FieldPath(segments)
            }
        }
    }
}

impl serde::Serialize for FieldPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(document root)");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => write!(f, "{key}")?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A step of a path pattern in a rule: a key, or `[*]` for every item of a list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// A mapping key.
    Key(String),
    /// Every item of a list.
    EveryItem,
}

/// A path as rules write it, such as `data.sources.crawled_data.crawlers[*].name`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct PathPattern(pub Vec<Step>);

impl PathPattern {
    /// Parses `key.key[*].key`; keys are lower-case identifiers.
    pub fn parse(text: &str) -> Result<PathPattern, String> {
        if text.is_empty() {
            return Err("the path is empty".to_owned());
        }
        let mut steps = Vec::new();
        for part in text.split('.') {
            let (key, mut rest) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            let valid_key = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid_key {
                return Err(format!(
                    "`{part}` is not a field name (lower-case letters, digits and _)"
                ));
            }
            steps.push(Step::Key(key.to_owned()));
            while let Some(after) = rest.strip_prefix("[*]") {
                steps.push(Step::EveryItem);
                rest = after;
            }
            if !rest.is_empty() {
                return Err(format!(
                    "`{part}`: only `[*]` may follow a field name (every item of a list)"
                ));
            }
        }
        Ok(PathPattern(steps))
    }

    /// This pattern followed by `relative`.
    pub fn join(&self, relative: &PathPattern) -> PathPattern {
        let mut steps = self.0.clone();
        steps.extend(relative.0.iter().cloned());
        PathPattern(steps)
    }

    /// A concrete path standing for the pattern's shape (index 0 for every `[*]`), for
    /// looking the field up in the schemas.
    pub fn representative(&self) -> FieldPath {
        FieldPath(
            self.0
                .iter()
                .map(|step| match step {
                    Step::Key(key) => Segment::Key(key.clone()),
                    Step::EveryItem => Segment::Index(0),
                })
                .collect(),
        )
    }

    /// Whether the pattern contains `[*]`.
    pub fn has_wildcard(&self) -> bool {
        self.0.contains(&Step::EveryItem)
    }
}

impl fmt::Display for PathPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => write!(f, "{key}")?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::EveryItem => f.write_str("[*]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_parse_and_display() {
        let pattern = PathPattern::parse("data.sources.crawled_data.crawlers[*].name").unwrap();
        assert_eq!(
            pattern.to_string(),
            "data.sources.crawled_data.crawlers[*].name"
        );
        assert!(pattern.has_wildcard());
        assert_eq!(
            pattern.representative().to_string(),
            "data.sources.crawled_data.crawlers[0].name"
        );
        for bad in ["", "a..b", "a[0]", "A.b", "a.b c", "a[*]x"] {
            assert!(PathPattern::parse(bad).is_err(), "{bad}");
        }
    }
}
