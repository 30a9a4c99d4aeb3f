//! Dates as users write them: `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`, in Beijing time.
//! RFC 3339 forms (`2026-11-20T09:30:00+08:00`) are accepted too, for sites moved from
//! Hugo or Zola, and converted to Beijing time.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc,
};
use std::fmt;

/// A moment in Beijing time, remembering whether the author gave a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub at: NaiveDateTime,
    pub has_time: bool,
}

fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

impl Date {
    /// Parses the accepted forms; `None` for anything else (including impossible dates
    /// such as 2026-02-30).
    pub fn parse(text: &str) -> Option<Date> {
        Self::parse_any_year(text).filter(|d| (1900..=2199).contains(&d.at.year()))
    }

    /// [`Date::parse`] without the range check: chrono reads `0000-01-01` as a real day,
    /// but no page of a government site is dated before 1900 or after 2199, and such a year
    /// is a typo.
    fn parse_any_year(text: &str) -> Option<Date> {
        let text = text.trim();
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            if text.len() == 10 {
                return Some(Date::from_day(day));
            }
        }
        for format in [
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%dT%H:%M:%S",
        ] {
            if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
                return Some(Date { at, has_time: true });
            }
        }
        let at = DateTime::parse_from_rfc3339(text).ok()?;
        Some(Date {
            at: at.with_timezone(&beijing()).naive_local(),
            has_time: true,
        })
    }

    pub fn from_day(day: NaiveDate) -> Date {
        Date {
            at: day.and_time(NaiveTime::MIN),
            has_time: false,
        }
    }

    /// Today in Beijing time.
    pub fn today() -> Date {
        Date::from_day(Utc::now().with_timezone(&beijing()).date_naive())
    }

    pub fn day(&self) -> NaiveDate {
        self.at.date()
    }

    /// `YYYY-MM-DD`.
    pub fn ymd(&self) -> String {
        // Written directly: chrono's format string is parsed on every call, and every page
        // and listing row asks for dates (1 % of an incremental build's samples).
        let day = self.at.date();
        if (0..=9999).contains(&day.year()) {
            format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
        } else {
            self.at.format("%Y-%m-%d").to_string()
        }
    }

    /// `YYYY-MM-DD HH:MM`, the PubDate form of the page-design norms.
    pub fn ymd_hm(&self) -> String {
        format!(
            "{} {:02}:{:02}",
            self.ymd(),
            self.at.hour(),
            self.at.minute()
        )
    }

    /// RFC 2822 for RSS, with the +0800 offset.
    pub fn rfc2822(&self) -> String {
        match self.at.and_local_timezone(beijing()).single() {
            Some(at) => at.to_rfc2822(),
            None => self.at.and_utc().to_rfc2822(),
        }
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(&self, later: &Date) -> i64 {
        (later.day() - self.day()).num_days()
    }

    pub fn plus_days(&self, days: i64) -> Date {
        Date {
            at: self.at + Duration::days(days),
            has_time: self.has_time,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.has_time {
            f.write_str(&self.ymd_hm())
        } else {
            f.write_str(&self.ymd())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let days = [
            (9, 1, 2),
            (1999, 12, 31),
            (2026, 2, 28),
            (9999, 12, 31),
            (10000, 1, 1),
        ];
        for (y, m, d) in days {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let at = day.and_hms_opt(7, 5, 0).unwrap();
            let date = Date { at, has_time: true };
            assert_eq!(date.ymd(), at.format("%Y-%m-%d").to_string());
            assert_eq!(date.ymd_hm(), at.format("%Y-%m-%d %H:%M").to_string());
        }
    }

    #[test]
    fn accepts_the_documented_forms() {
        assert_eq!(
            Date::parse("2026-11-20").unwrap().ymd_hm(),
            "2026-11-20 00:00"
        );
        assert_eq!(
            Date::parse("2026-11-20 09:30").unwrap().ymd_hm(),
            "2026-11-20 09:30"
        );
        assert!(Date::parse("2026-11-20 09:30").unwrap().has_time);
        assert!(!Date::parse("2026-11-20").unwrap().has_time);
    }

    #[test]
    fn converts_rfc3339_to_beijing_time() {
        let date = Date::parse("2026-11-20T01:30:00Z").unwrap();
        assert_eq!(date.ymd_hm(), "2026-11-20 09:30");
        let date = Date::parse("2026-11-20T09:30:00+08:00").unwrap();
        assert_eq!(date.ymd_hm(), "2026-11-20 09:30");
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "20261120",
            "2026/11/20",
            "",
            "2026-11-20 25:00",
            "2026-1-2",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn counts_days() {
        let a = Date::parse("2026-11-01").unwrap();
        let b = Date::parse("2026-12-01 08:00").unwrap();
        assert_eq!(a.days_until(&b), 30);
        assert_eq!(b.days_until(&a), -30);
    }
}
