//! The small charts of the evaluation sections: each result of a dimension as a dot on a
//! 0–100 % scale with its standard error as a whisker. The template writes a chart as a
//! fenced block (```` ```` aiact-chart ````) holding a JSON spec of values that are all in the
//! table beside it; the Markdown file drops the block (the table says the same), the HTML
//! draws it as inline SVG, the PDF in typst. No script, no external resource, and the same
//! spec always gives the same bytes.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The info string of a chart's fenced block.
pub const INFO: &str = "aiact-chart";

/// What a chart shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spec {
    /// What it is about (a dimension id).
    pub title: String,
    /// One row per result.
    pub rows: Vec<Row>,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Benchmark, task and metric.
    pub label: String,
    /// The value in percent of the scale (0–100), for drawing.
    pub position: f64,
    /// The standard error in percent of the scale, for the whisker.
    pub spread: Option<f64>,
    /// The value as the table writes it ("84.1 percent ± 1.5").
    pub text: String,
}

/// The chart of one dimension of the evaluation profile (its JSON form): the results whose
/// unit is a percentage or a fraction; others are in the table only.
pub fn spec(dimension: &Value) -> Option<Spec> {
    let title = dimension["id"].as_str()?.to_owned();
    let mut rows = Vec::new();
    for point in dimension["points"].as_array()? {
        let Some(value) = point["value"].as_f64() else {
            continue;
        };
        let unit = point["unit"].as_str().unwrap_or_default();
        let scale = match unit.trim().to_lowercase().as_str() {
            "percent" | "%" => 100.0,
            "fraction" => 1.0,
            _ => continue,
        };
        let stderr = point["stderr"].as_f64();
        let mut label = point["benchmark"].as_str().unwrap_or_default().to_owned();
        if let Some(task) = point["task"].as_str() {
            label.push_str(&format!(" / {task}"));
        }
        label.push_str(&format!(
            " / {}",
            point["metric"].as_str().unwrap_or_default()
        ));
        let text = match stderr {
            Some(se) => format!("{} {unit} ± {}", number(value), number(se)),
            None => format!("{} {unit}", number(value)),
        };
        rows.push(Row {
            label,
            position: (value / scale * 100.0).clamp(0.0, 100.0),
            spread: stderr.map(|se| (se / scale * 100.0).abs()),
            text,
        });
    }
    (!rows.is_empty()).then_some(Spec { title, rows })
}

/// A number as the templates print it: a whole number keeps its `.0` (14.0), others as Rust
/// writes them (84.1, 0.25), so the chart's text is the table's.
fn number(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.1}")
    } else {
        format!("{value}")
    }
}

/// The fenced block a template writes, or nothing when no result can be drawn. Backticks in
/// the JSON are written as `\u0060`, so no text of the dossier can close the fence.
pub fn fence(dimension: &Value) -> String {
    let Some(spec) = spec(dimension) else {
        return String::new();
    };
    let json = serde_json::to_string(&spec)
        .unwrap_or_default()
        .replace('`', "\\u0060");
    format!("\n````{INFO}\n{json}\n````\n")
}

/// The Markdown without its chart blocks: the file a reader opens has the tables only.
pub fn strip(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut inside = false;
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if !inside && trimmed == format!("````{INFO}") {
            inside = true;
            continue;
        }
        if inside {
            if trimmed == "````" {
                inside = false;
            }
            continue;
        }
        out.push_str(line);
    }
    // Dropping a block can leave two blank lines in a row.
    while out.contains("\n\n\n") {
        out = out.replace("\n\n\n", "\n\n");
    }
    out
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const WIDTH: f64 = 640.0;
const LABEL: f64 = 250.0;
const SCALE: f64 = 260.0;
const ROW: f64 = 20.0;

/// The chart as inline SVG (HTML).
pub fn svg(spec: &Spec) -> String {
    let height = ROW * spec.rows.len() as f64 + 28.0;
    let x = |position: f64| LABEL + SCALE * position / 100.0;
    let mut out = String::new();
    let _ = write!(
        out,
        "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{WIDTH}\" height=\"{height:.0}\" viewBox=\"0 0 {WIDTH} {height:.0}\" aria-label=\"{} results, 0 to 100 % of scale\">",
        xml(&spec.title)
    );
    let axis = ROW * spec.rows.len() as f64 + 6.0;
    let _ = write!(
        out,
        "<line x1=\"{:.1}\" y1=\"{axis:.1}\" x2=\"{:.1}\" y2=\"{axis:.1}\" stroke=\"#888\" stroke-width=\"1\"/>",
        x(0.0),
        x(100.0)
    );
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let _ = write!(
            out,
            "<line x1=\"{0:.1}\" y1=\"0\" x2=\"{0:.1}\" y2=\"{axis:.1}\" stroke=\"#ddd\" stroke-width=\"1\"/><text x=\"{0:.1}\" y=\"{1:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">{tick:.0} %</text>",
            x(tick),
            axis + 14.0
        );
    }
    for (i, row) in spec.rows.iter().enumerate() {
        let y = ROW * i as f64 + ROW / 2.0;
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            LABEL - 8.0,
            y + 4.0,
            xml(&row.label)
        );
        if let Some(spread) = row.spread {
            let low = (row.position - spread).max(0.0);
            let high = (row.position + spread).min(100.0);
            let _ = write!(
                out,
                "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#1f4e79\" stroke-width=\"2\"/>",
                x(low),
                x(high)
            );
        }
        let _ = write!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"#1f4e79\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
            x(row.position),
            x(100.0) + 8.0,
            y + 4.0,
            xml(&row.text)
        );
    }
    out.push_str("</svg></figure>");
    out
}

fn typst_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The chart drawn in typst (PDF).
pub fn typst(spec: &Spec) -> String {
    let mut out = String::from(
        "#block(breakable: false, above: 0.8em, below: 0.8em)[#grid(columns: (38%, 1fr, 24%), column-gutter: 6pt, row-gutter: 4pt, align: (right + horizon, left + horizon, left + horizon),\n",
    );
    for row in &spec.rows {
        let mut bar =
            String::from("box(width: 100%, height: 8pt, stroke: (bottom: 0.4pt + luma(150)))[");
        if let Some(spread) = row.spread {
            let low = (row.position - spread).max(0.0);
            let high = (row.position + spread).min(100.0);
            let _ = write!(
                bar,
                "#place(dx: {low:.2}%, dy: 3.5pt, line(length: {:.2}%, stroke: 1.2pt + rgb(\"#1f4e79\")))",
                high - low
            );
        }
        let _ = write!(
            bar,
            "#place(dx: {:.2}% - 2.5pt, dy: 1.5pt, circle(radius: 2.5pt, fill: rgb(\"#1f4e79\")))]",
            row.position
        );
        let _ = writeln!(
            out,
            "  text(size: 8pt, {}), {bar}, text(size: 8pt, {}),",
            typst_string(&row.label),
            typst_string(&row.text)
        );
    }
    out.push_str(
        "  [], text(size: 7pt, fill: luma(90))[0 % #h(1fr) 50 % #h(1fr) 100 % of scale], [],\n)]\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn dimension() -> Value {
        json!({
            "id": "sr.cbrn",
            "points": [
                { "benchmark": "WMDP", "task": "biology", "metric": "acc", "value": 84.1, "stderr": 1.5, "unit": "percent" },
                { "benchmark": "Probe `x`</text><script>", "task": null, "metric": "score", "value": 0.25, "stderr": null, "unit": "fraction" },
                { "benchmark": "Latency", "task": null, "metric": "ms", "value": 12.0, "stderr": null, "unit": "milliseconds" }
            ]
        })
    }

    #[test]
    fn only_percentages_and_fractions_are_drawn_and_each_value_is_written_as_the_table_writes_it() {
        let spec = spec(&dimension()).unwrap();
        assert_eq!(
            spec.rows.len(),
            2,
            "a unit of another scale stays in the table only"
        );
        assert_eq!(spec.rows[0].text, "84.1 percent ± 1.5");
        assert_eq!(spec.rows[1].position, 25.0);
        assert_eq!(spec.rows[1].text, "0.25 fraction");
    }

    #[test]
    fn the_svg_is_reproducible_escaped_and_has_no_script() {
        let spec = spec(&dimension()).unwrap();
        let svg = svg(&spec);
        assert_eq!(svg, super::svg(&spec), "same spec, same bytes");
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;/text&gt;&lt;script&gt;"));
        assert_eq!(
            svg.matches("http").count(),
            1,
            "no resource but the SVG namespace"
        );
        assert!(svg.contains("84.1 percent ± 1.5"));
    }

    #[test]
    fn the_fence_survives_backticks_and_is_stripped_from_the_markdown() {
        let block = fence(&dimension());
        let json = block.lines().nth(2).unwrap();
        assert!(!json.contains('`'), "{json}");
        let markdown = format!("before\n{block}\nafter\n");
        assert_eq!(strip(&markdown), "before\n\nafter\n");
        let back: Spec = serde_json::from_str(json).unwrap();
        assert_eq!(back, spec(&dimension()).unwrap());
    }

    #[test]
    fn the_typst_quotes_every_label() {
        let out = typst(&spec(&dimension()).unwrap());
        assert!(out.contains("text(size: 8pt, \"WMDP / biology / acc\")"));
        assert!(out.contains("\"84.1 percent ± 1.5\""));
    }
}
