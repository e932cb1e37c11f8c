//! Dates as blogs write them: WordPress's own form, RSS's RFC 822 (read as leniently as feed
//! readers do) and Atom's RFC 3339, all to UTC where the source says. A date in a year no
//! podcast feed can carry (before 1, after 9999) is not read: it would stop the feed.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Whether the article written from a post dated `d` can be published in a feed.
fn in_feed_years(d: &NaiveDateTime) -> bool {
    crate::article::feed_can_date(d.date())
}

/// WordPress's zero date, "0000-00-00 00:00:00": not set, rather than a date.
pub fn is_unset(s: &str) -> bool {
    s.trim().starts_with("0000-00-00")
}

/// WordPress's "2024-03-05 06:30:00"; its zero date means "not set".
pub fn wp_date(s: &str) -> Option<NaiveDateTime> {
    if is_unset(s) {
        return None;
    }
    wp_date_any_year(s).filter(in_feed_years)
}

fn wp_date_any_year(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })
}

/// RSS dates, in UTC, read as leniently as feed readers do: a wrong weekday, a missing
/// zone (taken as UTC), a spelled-out weekday or month, or an ISO date.
pub fn rfc2822(s: &str) -> Option<NaiveDateTime> {
    rfc2822_any_year(s).filter(in_feed_years)
}

fn rfc2822_any_year(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc).naive_utc());
    }
    if let Some(d) = rfc3339(s) {
        return Some(d);
    }
    // The weekday says nothing the date does not; a wrong one must not lose the date.
    let rest = match s.split_once(',') {
        Some((head, rest)) if head.trim().chars().all(char::is_alphabetic) => rest.trim(),
        _ => s,
    };
    if let Ok(d) = DateTime::parse_from_rfc2822(rest) {
        return Some(d.with_timezone(&Utc).naive_utc());
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    let day_month_year = words.iter().take(3).copied().collect::<Vec<_>>().join(" ");
    let time = words.get(3).copied().unwrap_or("00:00:00");
    for f in ["%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(&day_month_year.replace(',', ""), f) {
            let t = chrono::NaiveTime::parse_from_str(time, "%H:%M:%S")
                .or_else(|_| chrono::NaiveTime::parse_from_str(time, "%H:%M"))
                .unwrap_or_default();
            return Some(d.and_time(t));
        }
    }
    None
}

/// Atom and Dublin Core dates, in UTC.
pub fn rfc3339(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc).naive_utc())
        .or_else(|| wp_date_any_year(s))
        .filter(in_feed_years)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_leniently_as_feed_readers_do() {
        for (s, want) in [
            ("Sun, 10 Mar 2024 06:00:00 +0000", "2024-03-10 06:00:00"),
            ("Mon, 10 Mar 2024 06:00:00 +0000", "2024-03-10 06:00:00"),
            ("Sun, 10 Mar 2024 06:00:00", "2024-03-10 06:00:00"),
            ("Sunday, 10 March 2024 06:00", "2024-03-10 06:00:00"),
            ("2024-03-10T06:00:00+01:00", "2024-03-10 05:00:00"),
            ("March 10, 2024", "2024-03-10 00:00:00"),
        ] {
            assert_eq!(
                rfc2822(s).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{s}"
            );
        }
        assert_eq!(rfc2822("someday"), None);
    }

    #[test]
    fn dates_no_feed_can_carry_are_not_read() {
        for s in [
            "-0044-03-15 00:00:00",
            "0000-12-31 23:00:00",
            "-0001-01-01",
            "10000-01-01 00:00:00",
        ] {
            assert_eq!(wp_date(s), None, "{s}");
        }
        for s in [
            "-0044-03-15T12:00:00Z",
            "0001-01-01T00:30:00+01:00",
            "+10000-01-01T00:00:00Z",
            "9999-12-31T23:00:00-02:00",
        ] {
            assert_eq!(rfc3339(s), None, "{s}");
            assert_eq!(rfc2822(s), None, "{s}");
        }
        for s in [
            "15 Mar -44",
            "Fri, 31 Dec 0000 10:00:00 +0000",
            "1 Jan 10000",
        ] {
            assert_eq!(rfc2822(s), None, "{s}");
        }
        // The first and last days stay, in UTC.
        assert_eq!(
            rfc3339("0001-01-01T10:00:00Z")
                .map(|d| d.to_string())
                .as_deref(),
            Some("0001-01-01 10:00:00")
        );
        assert_eq!(
            wp_date("9999-12-31 23:59:59")
                .map(|d| d.to_string())
                .as_deref(),
            Some("9999-12-31 23:59:59")
        );
        assert!(is_unset("0000-00-00 00:00:00"));
    }
}
