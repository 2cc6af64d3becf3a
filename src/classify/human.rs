//! The classification in words, for `aiact classify`.

use super::{Classification, ComputeSource, sci};

/// The human rendering of a classification.
pub fn render_human(classification: &Classification) -> String {
    let mut out = String::new();
    let model = match (&classification.model.name, &classification.model.version) {
        (Some(name), Some(version)) => format!("{name} (version {version})"),
        (Some(name), None) => name.clone(),
        _ => "(model.name not given)".to_owned(),
    };
    let provider = classification
        .provider
        .name
        .clone()
        .unwrap_or_else(|| "(provider.legal_name not given)".to_owned());
    out.push_str(&format!("model:    {model}\nprovider: {provider}\n"));
    out.push_str(&format!(
        "compute:  {}\n\n",
        match (
            classification.training_compute_flop,
            classification.training_compute_source
        ) {
            (Some(flop), Some(ComputeSource::Estimate6ND)) =>
                format!("{} FLOP (6·N·D estimate)", sci(flop)),
            (Some(flop), _) => format!("{} FLOP (declared)", sci(flop)),
            (None, _) => "unknown".to_owned(),
        }
    ));
    for (fact, determination) in classification.determinations() {
        let name = fact.classification_key();
        let verdict = match determination.applies {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        };
        out.push_str(&format!("{name:<36} {verdict}\n"));
        let mut line = String::from("    ");
        for word in determination.why.split_whitespace() {
            if line.len() > 4 && line.len() + word.len() + 1 > 96 {
                out.push_str(&line);
                out.push('\n');
                line = String::from("    ");
            }
            if line.len() > 4 {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push('\n');
        out.push_str(&format!(
            "    basis: {}\n\n",
            determination.basis.join(", ")
        ));
    }
    out.push_str("aiact states what the dossier implies under its reading of the AI Act; it is not legal advice.\n");
    out
}
