//! The one source of "today". Nothing else in aiact reads the system clock: `--as-of DATE`
//! wins, then `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention),
//! then the system clock. Every date rule and every timestamp in an output comes from here.

use chrono::{DateTime, NaiveDate, Utc};

use crate::diag::{Error, Result};

/// Where today's date came from, for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClockSource {
    /// `--as-of`.
    AsOf,
    /// `SOURCE_DATE_EPOCH`.
    SourceDateEpoch,
    /// The system clock.
    System,
}

/// A fixed instant for one run of aiact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// The instant (midnight UTC of `--as-of`).
    pub now: DateTime<Utc>,
    /// Where it came from.
    pub source: ClockSource,
}

impl Clock {
    /// Resolves the clock from `--as-of` and the environment.
    pub fn resolve(as_of: Option<NaiveDate>) -> Result<Clock> {
        Clock::from_inputs(as_of, std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
    }

    /// Resolves the clock from explicit inputs (testable without touching the environment).
    pub fn from_inputs(as_of: Option<NaiveDate>, epoch: Option<&str>) -> Result<Clock> {
        if let Some(date) = as_of {
            let now = date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
            return Ok(Clock {
                now,
                source: ClockSource::AsOf,
            });
        }
        if let Some(text) = epoch.filter(|t| !t.trim().is_empty()) {
            let seconds: i64 = text.trim().parse().map_err(|_| {
                Error::Usage(format!(
                    "SOURCE_DATE_EPOCH must be a number of seconds since 1970, not `{text}`"
                ))
            })?;
            let now = DateTime::from_timestamp(seconds, 0).ok_or_else(|| {
                Error::Usage(format!("SOURCE_DATE_EPOCH {seconds} is out of range"))
            })?;
            return Ok(Clock {
                now,
                source: ClockSource::SourceDateEpoch,
            });
        }
        Ok(Clock {
            now: Utc::now(),
            source: ClockSource::System,
        })
    }

    /// Today's date (UTC).
    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_wins_over_source_date_epoch() {
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let clock = Clock::from_inputs(Some(date), Some("0")).unwrap();
        assert_eq!(clock.today(), date);
        assert_eq!(clock.source, ClockSource::AsOf);
    }

    #[test]
    fn source_date_epoch_is_honoured_and_validated() {
        let clock = Clock::from_inputs(None, Some("1764374400")).unwrap();
        assert_eq!(
            clock.today(),
            NaiveDate::from_ymd_opt(2025, 11, 29).unwrap()
        );
        assert_eq!(clock.source, ClockSource::SourceDateEpoch);
        assert!(Clock::from_inputs(None, Some("yesterday")).is_err());
        assert_eq!(
            Clock::from_inputs(None, Some("")).unwrap().source,
            ClockSource::System
        );
    }
}
