//! Looking values up in a set by name and date, and the rounding rules a set names.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::foundations::date::Date;
use crate::foundations::error::{reason, FeeError};
use crate::foundations::money::{Rounding, RoundingMode, SHARE_PLACES};

use super::known::Known;
use super::{DatedValue, Origin, ParamValue, Parameter, ParameterSet, ValueText};

impl ParameterSet {
    /// A parameter by name.
    ///
    /// # Errors
    ///
    /// [`FeeError::Parameter`] when the set has no such parameter.
    ///
    /// ```
    /// assert!(fee_core::ParameterSet::chaoyang()?.parameter("no.such").is_err());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn parameter(&self, name: &str) -> Result<&Parameter, FeeError> {
        self.parameters.get(name).ok_or_else(|| self.not_in_set(name))
    }

    /// The value of a parameter in force on `date`.
    ///
    /// # Errors
    ///
    /// [`FeeError::Parameter`] when the parameter is absent or has no value in force
    /// on that date (before the rule started, or after it ended).
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// assert!(set.value_at("cap.ratio", "2024-02-21".parse()?).is_err());
    /// assert!(set.value_at("cap.ratio", "2024-02-22".parse()?).is_ok());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn value_at(&self, name: &str, date: Date) -> Result<&DatedValue, FeeError> {
        self.lookup(name, date).map(|f| f.dated)
    }

    /// The parameter's stored name and its value in force on `date`.
    fn lookup(&self, name: &str, date: Date) -> Result<Found<'_>, FeeError> {
        let (key, p) = self.parameters.get_key_value(name).ok_or_else(|| self.not_in_set(name))?;
        let (_, dated) = in_force_on(key, &p.values, date)?;
        Ok(Found { name: key, dated, origin: None })
    }

    /// As [`ParameterSet::lookup`] for a parameter the engine reads, without a search by name.
    #[inline]
    fn lookup_known(&self, k: Known, date: Date) -> Result<Found<'_>, FeeError> {
        let (key, values) = self.known.get(k).ok_or_else(|| self.not_in_set(k.name()))?;
        let (at, dated) = in_force_on(key, values, date)?;
        Ok(Found { name: key, dated, origin: Some(Origin { index: &self.known, known: k, at }) })
    }

    /// The error for a parameter this set does not have.
    fn not_in_set(&self, name: &str) -> FeeError {
        FeeError::parameter(name, reason::fill(reason::NOT_IN_SET, &[&self.id, &self.version]))
    }

    /// A decimal parameter the engine reads (see [`ParameterSet::decimal`]).
    #[inline]
    pub(crate) fn known_decimal(&self, k: Known, date: Date) -> Result<ParamValue<'_>, FeeError> {
        decimal_value(self.lookup_known(k, date)?)
    }

    /// Like [`ParameterSet::known_decimal`] but `None` when the set does not have the parameter.
    #[inline]
    pub(crate) fn optional_known_decimal(&self, k: Known, date: Date) -> Result<Option<ParamValue<'_>>, FeeError> {
        match self.known.get(k) {
            Some(_) => self.known_decimal(k, date).map(Some),
            None => Ok(None),
        }
    }

    /// A decimal parameter on `date`, with its source for a trace.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::value_at`], and [`FeeError::Parameter`] if the value is not a decimal.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let v = set.decimal("class.infant.children_per_carer", "2025-01-01".parse()?)?;
    /// assert_eq!(v.value.to_string(), "3");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn decimal(&self, name: &str, date: Date) -> Result<ParamValue<'_>, FeeError> {
        decimal_value(self.lookup(name, date)?)
    }

    /// Like [`ParameterSet::decimal`] but `None` when the set does not have the parameter at all.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::decimal`] when the parameter exists.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// assert!(set.optional_decimal("limits.half_day_share", "2025-01-01".parse()?)?.is_none());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn optional_decimal(&self, name: &str, date: Date) -> Result<Option<ParamValue<'_>>, FeeError> {
        if self.parameters.contains_key(name) {
            self.decimal(name, date).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The rounding rule `prefix.decimal_places` + `prefix.mode` on `date`.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::value_at`] for either part; [`FeeError::Parameter`] when the
    /// places are not a whole number from 0 to 10 or the mode is not a known name.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let (r, _) = set.rounding("rounding.money", "2025-01-01".parse()?)?;
    /// assert_eq!(r.decimal_places, 2);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn rounding(&self, prefix: &str, date: Date) -> Result<(Rounding, ParamValue<'_>), FeeError> {
        let places = self.lookup(&format!("{prefix}.decimal_places"), date)?;
        rounding_rule(places, self.lookup(&format!("{prefix}.mode"), date)?)
    }

    /// `value` rounded by the set's money rule (`rounding.money.*`) on `date`: how an amount
    /// that is not itself a rounded result (a break-even fee, an annual budget) is shown.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::rounding`].
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// // 2,055.555… is shown as 2,055.56 (half away from zero, to the fen).
    /// let v = set.round_money("2055.5555".parse().unwrap(), "2024-06-01".parse()?)?;
    /// assert_eq!(v.to_string(), "2055.56");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn round_money(&self, value: Decimal, date: Date) -> Result<Decimal, FeeError> {
        Ok(self.money_rounding(date)?.0.apply(value))
    }

    /// `value` rounded by the set's fee rule (`rounding.fee.*`) on `date`: how a fee-sized
    /// amount is shown where whole units read best (a chart's labels, a grid's cells).
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::rounding`].
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// // 2,857.5 is shown as 2,858 (whole yuan, half away from zero).
    /// let v = set.round_fee("2857.5".parse().unwrap(), "2024-06-01".parse()?)?;
    /// assert_eq!(v.to_string(), "2858");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn round_fee(&self, value: Decimal, date: Date) -> Result<Decimal, FeeError> {
        Ok(self.fee_rounding(date)?.0.apply(value))
    }

    /// `value` rounded as a share, rate or factor is shown: to [`SHARE_PLACES`] places by the
    /// set's money mode on `date`, as the cost lines' shares are (a threshold, a multiple).
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::rounding`].
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// // 0.81875 is shown as 0.8188 (four places, half away from zero).
    /// let v = set.round_share("0.81875".parse().unwrap(), "2024-06-01".parse()?)?;
    /// assert_eq!(v.to_string(), "0.8188");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn round_share(&self, value: Decimal, date: Date) -> Result<Decimal, FeeError> {
        Ok(Rounding::new(SHARE_PLACES, self.money_rounding(date)?.0.mode).apply(value))
    }

    /// A share as a percentage: [`ParameterSet::round_share`] written per hundred (0.18254
    /// is 18.25), so a share and its percentage never disagree in the last place.
    ///
    /// # Errors
    ///
    /// As [`ParameterSet::rounding`]; [`FeeError::OutOfRange`] for a share too large to
    /// write per hundred (beyond 10²⁶).
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let v = set.round_percent("0.182545".parse().unwrap(), "2024-06-01".parse()?)?;
    /// assert_eq!(v.to_string(), "18.25");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn round_percent(&self, value: Decimal, date: Date) -> Result<Decimal, FeeError> {
        let mode = self.money_rounding(date)?.0.mode;
        let share = Rounding::new(SHARE_PLACES, mode).apply(value);
        let per_hundred = share
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or_else(|| FeeError::out_of_range("share", share, reason::SHARE_TOO_LARGE))?;
        // Four places of a share are two of its percentage: this only drops the zeros.
        Ok(Rounding::new(SHARE_PLACES - 2, mode).apply(per_hundred))
    }

    /// The rounding rule of two parameters the engine reads; returns the mode's value to cite.
    #[inline]
    pub(crate) fn known_rounding(
        &self,
        places: Known,
        mode: Known,
        date: Date,
    ) -> Result<(Rounding, ParamValue<'_>), FeeError> {
        rounding_rule(self.lookup_known(places, date)?, self.lookup_known(mode, date)?)
    }

    /// The money rounding rule (`rounding.money.*`) on `date`.
    #[inline]
    pub(crate) fn money_rounding(&self, date: Date) -> Result<(Rounding, ParamValue<'_>), FeeError> {
        self.known_rounding(Known::RoundingMoneyPlaces, Known::RoundingMoneyMode, date)
    }

    /// The fee rounding rule (`rounding.fee.*`) on `date`.
    #[inline]
    pub(crate) fn fee_rounding(&self, date: Date) -> Result<(Rounding, ParamValue<'_>), FeeError> {
        self.known_rounding(Known::RoundingFeePlaces, Known::RoundingFeeMode, date)
    }
}

/// A parameter's stored name and the dated value found for a date.
#[derive(Clone, Copy)]
pub(super) struct Found<'a> {
    name: &'a Arc<str>,
    dated: &'a DatedValue,
    origin: Option<Origin<'a>>,
}

/// The value of `values` (a parameter's, oldest first) in force on `date`, with its place.
#[inline]
pub(super) fn in_force_on<'a>(
    name: &Arc<str>,
    values: &'a [DatedValue],
    date: Date,
) -> Result<(usize, &'a DatedValue), FeeError> {
    values.iter().enumerate().rev().find(|(_, v)| v.from <= date).filter(|(_, v)| v.in_force(date)).ok_or_else(|| {
        let first = values.first().map(|v| v.from.to_string()).unwrap_or_default();
        FeeError::parameter(&**name, reason::fill(reason::NOT_IN_FORCE, &[&date, &first]))
    })
}

/// The error for a value of parameter `name` that is not an exact decimal.
pub(super) fn not_exact(name: &str, value: &ValueText) -> FeeError {
    FeeError::parameter(name, reason::fill(reason::NOT_EXACT, &[&format_args!("{:?}", value.as_str())]))
}

/// A dated value read as a decimal, with its source.
#[inline]
pub(super) fn decimal_value(found: Found<'_>) -> Result<ParamValue<'_>, FeeError> {
    let Found { name, dated, origin } = found;
    let value = dated.value.decimal().ok_or_else(|| not_exact(name, &dated.value))?;
    Ok(ParamValue { value, name, dated, origin })
}

/// A rounding rule from its places and mode values; returns the mode's value to cite.
pub(super) fn rounding_rule<'a>(places: Found<'a>, mode: Found<'a>) -> Result<(Rounding, ParamValue<'a>), FeeError> {
    let places_name = places.name;
    let places = decimal_value(places)?;
    let dp = u32::try_from(places.value.mantissa())
        .ok()
        .filter(|dp| places.value.scale() == 0 && *dp <= 10)
        .ok_or_else(|| FeeError::parameter(&**places_name, reason::PLACES))?;
    let rounding_mode =
        mode.dated.value.parse::<RoundingMode>().map_err(|e| FeeError::parameter(&**mode.name, e.to_string()))?;
    let cited = ParamValue { value: places.value, name: mode.name, dated: mode.dated, origin: mode.origin };
    Ok((Rounding::new(dp, rounding_mode), cited))
}
