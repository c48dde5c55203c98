//! Timeline dates at their own precision: a year, a month or a day.

use std::fmt;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar date known to a year, a month or a day. Ordering puts a year before
/// the months of that year and a month before its days, which is what a reader of a
/// chronology expects ("2006" introduces what happened during 2006).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, refusing impossible dates.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let hint = "write the date as \"2007\", \"2007-03\" or \"2007-03-23\"";
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, width: usize| -> Result<u32, String> {
            if s.len() == width && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse()
                    .map_err(|_| format!("`{text}` is not a date; {hint}"))
            } else {
                Err(format!("`{text}` is not a date; {hint}"))
            }
        };
        if parts.is_empty() || parts.len() > 3 {
            return Err(format!("`{text}` is not a date; {hint}"));
        }
        let year = number(parts[0], 4)? as i32;
        let month = parts.get(1).map(|m| number(m, 2)).transpose()?;
        let day = parts.get(2).map(|d| number(d, 2)).transpose()?;
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!(
                "`{text}` has no month {m}: months run from 01 to 12"
            ));
        }
        if let (Some(m), Some(d)) = (month, day) {
            let last = days_in_month(year, m);
            if d == 0 || d > last {
                return Err(format!(
                    "`{text}` is not a real day: {} {year} has {last} days",
                    MONTHS[m as usize - 1]
                ));
            }
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// The ISO 8601 value at this precision, for `<time datetime>`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// Position on a continuous time axis, in years (the middle of the period named).
    pub fn as_years(&self) -> f64 {
        let year = f64::from(self.year);
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let days = f64::from(days_in_month(self.year, u32::from(m)));
                year + (f64::from(m) - 1.0 + (f64::from(d) - 0.5) / days) / 12.0
            }
            (Some(m), None) => year + (f64::from(m) - 0.5) / 12.0,
            _ => year + 0.5,
        }
    }
}

/// British English at the date's own precision: "2000", "March 2000", "23 March 2007".
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => write!(f, "{} {}", MONTHS[m as usize - 1], self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            PartialDate::parse("2000").map(|d| d.to_string()),
            Ok("2000".into())
        );
        assert_eq!(
            PartialDate::parse("2000-03").map(|d| d.to_string()),
            Ok("March 2000".into())
        );
        assert_eq!(
            PartialDate::parse("2007-03-23").map(|d| d.to_string()),
            Ok("23 March 2007".into())
        );
        assert_eq!(
            PartialDate::parse("2007-03").map(|d| d.iso()),
            Ok("2007-03".into())
        );
    }

    #[test]
    fn refuses_impossible_dates() {
        for bad in [
            "2007-13",
            "2007-02-30",
            "March 2007",
            "07",
            "2007-3",
            "2007-00",
            "2007-01-00",
            "",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
        assert!(PartialDate::parse("2008-02-29").is_ok());
        assert!(PartialDate::parse("1900-02-29").is_err());
    }

    #[test]
    fn coarser_dates_sort_first() {
        let mut dates: Vec<PartialDate> = ["2006-05-01", "2006-05", "2006", "2005-12"]
            .iter()
            .map(|s| PartialDate::parse(s).unwrap())
            .collect();
        dates.sort();
        let shown: Vec<String> = dates.iter().map(|d| d.iso()).collect();
        assert_eq!(shown, ["2005-12", "2006", "2006-05", "2006-05-01"]);
    }
}
