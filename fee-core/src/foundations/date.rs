//! A civil calendar date, enough for dated parameters and refund periods.

use std::fmt;
use std::str::FromStr;

use crate::foundations::error::FeeError;

/// A proleptic Gregorian calendar date, written `YYYY-MM-DD`.
///
/// The constructor checks the day exists, so every `Date` value is a real day.
///
/// # Example
///
/// ```
/// use fee_core::Date;
/// let d: Date = "2024-02-22".parse()?;
/// assert_eq!(d.year(), 2024);
/// assert_eq!(d.to_string(), "2024-02-22");
/// assert!("2023-02-29".parse::<Date>().is_err());
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i16,
    month: u8,
    day: u8,
}

impl Date {
    /// Makes a date.
    ///
    /// # Errors
    ///
    /// [`FeeError::OutOfRange`] when the year is outside 1900–9999 or the day does
    /// not exist in that month.
    ///
    /// ```
    /// assert!(fee_core::Date::new(2024, 2, 29).is_ok());
    /// assert!(fee_core::Date::new(2023, 2, 29).is_err());
    /// ```
    pub fn new(year: i32, month: u32, day: u32) -> Result<Self, FeeError> {
        if !(1900..=9999).contains(&year) {
            return Err(FeeError::out_of_range("date.year", year, "1900 to 9999"));
        }
        if !(1..=12).contains(&month) {
            return Err(FeeError::out_of_range("date.month", month, "1 to 12"));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(FeeError::out_of_range("date.day", day, format!("1 to {last}")));
        }
        // The ranges checked above fit the narrow fields.
        Ok(Date { year: year as i16, month: month as u8, day: day as u8 })
    }

    /// A date the code knows to be valid (a literal); only for constants.
    pub(crate) const fn known(year: i16, month: u8, day: u8) -> Self {
        Date { year, month, day }
    }

    /// The year.
    ///
    /// ```
    /// assert_eq!(fee_core::Date::new(2025, 1, 1)?.year(), 2025);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    /// The month, 1 to 12.
    ///
    /// ```
    /// assert_eq!(fee_core::Date::new(2025, 3, 1)?.month(), 3);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month.
    ///
    /// ```
    /// assert_eq!(fee_core::Date::new(2025, 3, 9)?.day(), 9);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// The last day of the given year.
    ///
    /// ```
    /// assert_eq!(fee_core::Date::end_of_year(2022)?.to_string(), "2022-12-31");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Date::new`], for a year out of range.
    pub fn end_of_year(year: i32) -> Result<Self, FeeError> {
        Date::new(year, 12, 31)
    }
}

/// Days in a month of the Gregorian calendar.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap {
                29
            } else {
                28
            }
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = FeeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || FeeError::invalid("date", s, crate::foundations::error::reason::DATE_FORMAT);
        let mut parts = s.trim().splitn(3, '-');
        let mut next = || parts.next().ok_or_else(bad);
        let (y, m, d) = (next()?, next()?, next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let num = |t: &str| t.parse::<u32>().map_err(|_| bad());
        let year = i32::try_from(num(y)?).map_err(|_| bad())?;
        Date::new(year, num(m)?, num(d)?).map_err(|e| match e {
            FeeError::OutOfRange { limit, .. } => FeeError::out_of_range("date", s, limit),
            other => other,
        })
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(Date::new(2000, 2, 29).is_ok());
        assert!(Date::new(1900, 2, 29).is_err());
        assert!(Date::new(2024, 2, 29).is_ok());
    }

    #[test]
    fn parse_rejects_malformed_text() {
        for bad in ["", "2024", "2024-1-01", "2024-13-01", "２０２４-01-01", "2024-01-01-01", "-024-01-01"] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }
}
