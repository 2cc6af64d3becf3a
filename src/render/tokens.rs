//! The tokens of tera expressions, for [`super::reads`]: a lexer of the text between `{{ }}`
//! and `{% %}`, and helpers to look at token slices.

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Ident(String),
    Str(String),
    Num,
    Punct(&'static str),
}

const PUNCTS: [&str; 34] = [
    "...", "?.", "?[", "==", "!=", "<=", ">=", "//", "**", "</", ".", ",", ":", "|", "~", "+", "-",
    "*", "/", "%", "<", ">", "=", "(", ")", "[", "]", "{", "}", "!", "@", "?", "#", "&",
];

pub(super) const KEYWORDS: [&str; 19] = [
    "and", "or", "not", "in", "is", "if", "else", "for", "true", "false", "True", "False", "none",
    "None", "null", "loop", "self", "continue", "break",
];

/// The tokens of the expression starting at `start`, up to its closing `}}`/`%}`, and the
/// offset just past that delimiter.
pub(super) fn lex(text: &str, mut at: usize, closing: &str) -> (Vec<(Tok, usize)>, usize) {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    if bytes.get(at) == Some(&b'-') {
        at += 1;
    }
    while at < bytes.len() {
        let rest = &text[at..];
        let c = bytes[at];
        if c.is_ascii_whitespace() {
            at += 1;
            continue;
        }
        if depth == 0 {
            if let Some(after) = rest.strip_prefix('-').and_then(|r| r.strip_prefix(closing)) {
                return (tokens, text.len() - after.len());
            }
            if rest.starts_with(closing) {
                return (tokens, at + closing.len());
            }
        }
        if c == b'"' || c == b'\'' || c == b'`' {
            let mut end = at + 1;
            let mut value = String::new();
            while end < bytes.len() && bytes[end] != c {
                if bytes[end] == b'\\' {
                    end += 1;
                }
                end += 1;
            }
            if let Some(inner) = text.get(at + 1..end.min(text.len())) {
                value.push_str(inner);
            }
            tokens.push((Tok::Str(value), at));
            at = (end + 1).min(text.len());
            continue;
        }
        if c.is_ascii_digit() {
            let len = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.' || ch == '_'))
                .unwrap_or(rest.len());
            tokens.push((Tok::Num, at));
            at += len;
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let len = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                .unwrap_or(rest.len());
            tokens.push((Tok::Ident(rest[..len].to_owned()), at));
            at += len;
            continue;
        }
        let punct = PUNCTS.iter().find(|p| rest.starts_with(**p));
        let Some(punct) = punct else {
            // Not tera syntax (tera has accepted the template, so this is inside something
            // this scanner does not model): skip the character.
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        match *punct {
            "{" => depth += 1,
            "}" => depth = depth.saturating_sub(1),
            _ => {}
        }
        tokens.push((Tok::Punct(punct), at));
        at += punct.len();
    }
    (tokens, text.len())
}

/// The offset after the `{% endraw %}` that closes a raw section starting at `at`.
pub(super) fn skip_raw(text: &str, mut at: usize) -> usize {
    while let Some(found) = text[at..].find("{%") {
        let start = at + found;
        let (tokens, end) = lex(text, start + 2, "%}");
        if matches!(tokens.as_slice(), [(Tok::Ident(tag), _)] if tag == "endraw") {
            return end;
        }
        at = start + 2;
    }
    text.len()
}

pub(super) fn ident(tokens: &[(Tok, usize)], i: usize) -> Option<&str> {
    match tokens.get(i) {
        Some((Tok::Ident(name), _)) => Some(name),
        _ => None,
    }
}

pub(super) fn punct(tokens: &[(Tok, usize)], i: usize) -> Option<&'static str> {
    match tokens.get(i) {
        Some((Tok::Punct(p), _)) => Some(p),
        _ => None,
    }
}

/// The index of the token closing the bracket opened at `open`.
pub(super) fn closing(tokens: &[(Tok, usize)], open: usize) -> usize {
    let mut depth = 0usize;
    for (i, (token, _)) in tokens.iter().enumerate().skip(open) {
        match token {
            Tok::Punct("(" | "[" | "{" | "?[") => depth += 1,
            Tok::Punct(")" | "]" | "}") => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// The strings of a literal list of strings, such as `["text", "image"]`.
pub(super) fn literal_strings(tokens: &[(Tok, usize)]) -> Option<Vec<String>> {
    let inner = match tokens {
        [(Tok::Punct("["), _), inner @ .., (Tok::Punct("]"), _)] => inner,
        _ => return None,
    };
    let mut strings = Vec::new();
    for (i, (token, _)) in inner.iter().enumerate() {
        match token {
            Tok::Str(s) if i % 2 == 0 => strings.push(s.clone()),
            Tok::Punct(",") if i % 2 == 1 => {}
            _ => return None,
        }
    }
    Some(strings)
}
