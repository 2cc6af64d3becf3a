//! Tagging imported evaluation records from the benchmark catalogue: `dimensions` (with a
//! comment naming the catalogue entry), `higher_is_better` where the log gives none, and the
//! list of tasks that map to no dimension. The importers look each task up once; a record
//! costs a map look-up, not a scan of the catalogue.

use serde_json::{Map, Value, json};

use super::Mapped;
use super::patch::note_key;
use crate::evals::{Direction, Harness, Match};

/// Tags one record of a task: `found` is the task's catalogue match (or none), `metric` the
/// metric key as the log writes it (without a filter), `harness` the harness whose
/// directions apply (COMPL-AI records take only COMPL-AI's).
pub fn record(
    record: &mut Map<String, Value>,
    found: Option<&Match<'_>>,
    metric: &str,
    harness: Harness,
    what: &str,
    mapped: &mut Mapped,
) {
    let Some(found) = found else {
        return;
    };
    let dimensions = found.dimensions();
    if dimensions.is_empty() {
        return;
    }
    let ids: Vec<&str> = dimensions.iter().map(|d| d.id()).collect();
    record.insert("dimensions".into(), json!(ids));
    let direction = found.direction(metric, harness);
    let mut note = found.label();
    if harness == Harness::ComplAi {
        note.push_str("; COMPL-AI rescales its scores, so no upstream direction is applied");
    }
    match (direction.higher_is_better(), record.get("higher_is_better")) {
        (Some(higher), None) => {
            record.insert("higher_is_better".into(), json!(higher));
            record.insert(
                note_key("higher_is_better"),
                json!(format!(
                    "from the catalogue ({}): the log gives no direction",
                    found.entry.benchmark.id
                )),
            );
        }
        (Some(higher), Some(logged)) if logged.as_bool() != Some(higher) => {
            // The log's value stays (it is what the harness wrote); the catalogue's reading
            // is flagged so that a reviewer sees the trap (sycophancy `acc` counts the
            // sycophantic answers, yet lm-eval writes higher_is_better: true).
            mapped.flags.push(format!(
                "{what}: the log says higher_is_better: {logged}; the catalogue ({}) says {}",
                found.entry.benchmark.id,
                direction.describe()
            ));
            note.push_str(&format!("; {metric}: {}", direction.describe()));
        }
        (Some(_), Some(_)) => {}
        (None, _) => note.push_str(&format!("; {metric}: {}", direction.describe())),
    }
    if matches!(direction, Direction::Unknown(_)) && record.get("higher_is_better").is_none() {
        mapped
            .flags
            .push(format!("{what}: {}", direction.describe()));
    }
    record.insert(note_key("dimensions"), json!(note));
}

/// Lists a task that maps to no dimension (not catalogued, or a profile only) among what was
/// not mapped, once per task.
pub fn not_mapped(task: &str, found: Option<&Match<'_>>, mapped: &mut Mapped) {
    let line = match found {
        None => format!("{task}: not in the benchmark catalogue; its records have no dimensions"),
        Some(found) if found.dimensions().is_empty() => format!(
            "{task}: {} maps it to no dimension{}",
            found.label(),
            found
                .entry
                .benchmark
                .notes
                .as_deref()
                .map_or(String::new(), |n| format!(" ({})", n.trim()))
        ),
        Some(_) => return,
    };
    if !mapped.unmapped.contains(&line) {
        mapped.unmapped.push(line);
    }
}
