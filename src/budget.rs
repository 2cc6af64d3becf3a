//! Bounds on work that cannot be counted in steps. Rendering runs code a `--templates`
//! directory may supply: tera templates (nested `range` loops) and the typst page layout
//! (`layout.typ`, any typst program), and neither engine can be interrupted or given fuel.
//! So a watchdog thread watches every guarded stage: when one runs longer than its time
//! limit, or the process grows past the memory limit while one runs, it prints what was
//! stopped and why and ends the process with exit code 2.
//!
//! Ending the process is safe because guarded stages only compute: every output is written
//! after them, through `output`, so nothing is half-written and nothing was moved yet.
//!
//! The limits come from the environment, read once: `AIACT_RENDER_TIME_LIMIT` (seconds per
//! template, default 60) and `AIACT_RENDER_MEMORY_LIMIT` (MiB for the whole process, default
//! 4096; measured on Linux, where `/proc/self/status` gives the resident size).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The limits in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long one guarded stage may run.
    pub time: Duration,
    /// How large the process may grow (resident bytes) while a guarded stage runs.
    pub memory: u64,
}

/// Default time for one template.
pub const DEFAULT_TIME: Duration = Duration::from_secs(60);
/// Default resident memory, in MiB.
pub const DEFAULT_MEMORY_MIB: u64 = 4096;

impl Limits {
    /// The limits from the environment, or the defaults (an unreadable value is the default).
    pub fn from_env() -> Limits {
        let read = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v > 0.0)
        };
        Limits {
            time: read("AIACT_RENDER_TIME_LIMIT")
                .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
                .unwrap_or(DEFAULT_TIME),
            // Below 64 MiB the process itself would be over the limit before any template runs.
            memory: read("AIACT_RENDER_MEMORY_LIMIT")
                .map_or(DEFAULT_MEMORY_MIB, |mib| (mib as u64).max(64))
                .saturating_mul(1024 * 1024),
        }
    }
}

/// The stages being watched: id → (what, since when).
static ACTIVE: Mutex<Vec<(u64, String, Instant)>> = Mutex::new(Vec::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(0);
static WATCHDOG: OnceLock<Limits> = OnceLock::new();

/// How often the watchdog looks.
const TICK: Duration = Duration::from_millis(50);

/// A stage under watch, from creation until drop.
#[must_use = "the stage is watched only while the guard lives"]
pub struct Guard {
    id: u64,
}

/// Watches `what` (such as "template technical-documentation.md") until the guard drops.
pub fn guard(what: impl Into<String>) -> Guard {
    WATCHDOG.get_or_init(|| {
        let limits = Limits::from_env();
        // If the thread cannot be started the stage runs unwatched, as before; that is no
        // reason to refuse the work.
        let _started = std::thread::Builder::new()
            .name("aiact-watchdog".to_owned())
            .spawn(move || watch(limits));
        limits
    });
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    if let Ok(mut active) = ACTIVE.lock() {
        active.push((id, what.into(), Instant::now()));
    }
    Guard { id }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Ok(mut active) = ACTIVE.lock() {
            active.retain(|(id, ..)| *id != self.id);
        }
    }
}

fn watch(limits: Limits) {
    loop {
        std::thread::sleep(TICK);
        // Copied out, so that the lock is not held while stopping.
        let active: Vec<(String, Instant)> = match ACTIVE.lock() {
            Ok(active) => active
                .iter()
                .map(|(_, what, since)| (what.clone(), *since))
                .collect(),
            Err(_) => return,
        };
        if active.is_empty() {
            continue;
        }
        if let Some((what, _)) = active
            .iter()
            .find(|(_, since)| since.elapsed() > limits.time)
        {
            stop(
                what,
                &format!("ran for more than {} s", limits.time.as_secs_f64()),
                "AIACT_RENDER_TIME_LIMIT",
            );
        }
        if let Some(resident) = resident_bytes().filter(|r| *r > limits.memory) {
            let what = active
                .iter()
                .map(|(what, _)| what.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            stop(
                &what,
                &format!(
                    "made aiact use {} MiB, more than the limit of {} MiB",
                    resident / (1024 * 1024),
                    limits.memory / (1024 * 1024)
                ),
                "AIACT_RENDER_MEMORY_LIMIT",
            );
        }
    }
}

/// Ends the process: the stage cannot be interrupted any other way.
fn stop(what: &str, why: &str, variable: &str) -> ! {
    eprintln!(
        "error: {what} {why} and was stopped\n  = help: a template loops too long or builds too much; if it is meant to, raise {variable}\n\n1 error in the input; no output was produced"
    );
    std::process::exit(2)
}

/// The resident size of this process, where the system tells it.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_are_watched_while_they_live() {
        let first = guard("template a.md");
        let second = guard("template b.md");
        let names = |active: &[(u64, String, Instant)]| -> Vec<String> {
            active.iter().map(|(_, what, _)| what.clone()).collect()
        };
        let active = names(&ACTIVE.lock().unwrap());
        assert!(active.contains(&"template a.md".to_owned()), "{active:?}");
        drop(first);
        let active = names(&ACTIVE.lock().unwrap());
        assert!(!active.contains(&"template a.md".to_owned()), "{active:?}");
        assert!(active.contains(&"template b.md".to_owned()), "{active:?}");
        drop(second);
    }

    #[test]
    fn the_resident_size_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            let resident = resident_bytes().unwrap();
            assert!(resident > 1024 * 1024, "{resident}");
        }
    }
}
