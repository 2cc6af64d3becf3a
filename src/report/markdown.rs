//! A Markdown summary for pull-request comments and job summary pages: the verdict, the
//! counts, and a table of failed and waived rules. Dossier text is escaped so that it stays
//! text.

use super::{Report, summary_line};
use crate::check::Outcome;
use crate::rules::Severity;

/// Escapes text for a Markdown table cell: nothing in it can become markup, a link, HTML or
/// a new cell.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Renders the report as Markdown.
pub fn render(report: &Report, deny_warnings: bool) -> String {
    let s = &report.summary;
    let verdict = if report.blocks(deny_warnings) {
        "❌ obligations fail"
    } else if s.failed > 0 {
        "⚠️ warnings only"
    } else {
        "✅ no failing obligation"
    };
    let mut out = format!(
        "## aiact check: {}: {verdict}\n\n",
        cell(&report.model_label())
    );
    out.push_str("| passed | failed (errors) | failed (warnings) | waived | not applicable |\n");
    out.push_str("|---:|---:|---:|---:|---:|\n");
    out.push_str(&format!(
        "| {} | {} | {} | {} | {} |\n\n",
        s.passed, s.errors, s.warnings, s.waived, s.not_applicable
    ));
    let shown: Vec<_> = report
        .findings
        .iter()
        .filter(|f| matches!(f.outcome, Outcome::Fail | Outcome::Waived))
        .collect();
    if !shown.is_empty() {
        out.push_str("| rule | outcome | legal basis | where | finding |\n");
        out.push_str("|---|---|---|---|---|\n");
        for finding in shown {
            let outcome = match (finding.outcome, finding.severity) {
                (Outcome::Fail, Severity::Error) => "error",
                (Outcome::Fail, Severity::Warning) => "warning",
                _ => "waived",
            };
            let place = finding
                .location
                .as_ref()
                .map(|l| format!("`{}:{}`", cell(&l.file), l.line))
                .unwrap_or_default();
            let mut text = cell(&finding.message);
            for failure in &finding.failures {
                text.push_str(&format!(
                    "<br>{}: {}",
                    cell(&failure.field),
                    cell(&failure.detail)
                ));
            }
            out.push_str(&format!(
                "| {} {} | {outcome} | {} | {place} | {text} |\n",
                cell(&finding.rule),
                cell(&finding.title),
                cell(&finding.legal_basis.join(", "))
            ));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "{}. Rules digest `{}`, evaluated as of {}.\n",
        summary_line(report),
        &report.rules.digest[..12.min(report.rules.digest.len())],
        report.as_of
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_keep_hostile_text_as_text() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("<script>"), "&lt;script&gt;");
        assert_eq!(cell("[l](javascript:x)"), "\\[l\\](javascript:x)");
        assert_eq!(cell("**b**\nnext"), "\\*\\*b\\*\\* next");
    }
}
