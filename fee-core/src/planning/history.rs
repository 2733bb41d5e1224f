//! A dated parameter's values over time, the cap each district income gives, and next year's
//! value projected from an uprating rate the user enters, labelled as an assumption.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::money::{mul, within};
use crate::foundations::parameters::{ParameterSet, SourceLabel};
use crate::rules::cap::{cap_for, IncomeBasis};

/// The parameter whose values are the district household income the cap is taken from.
const INCOME: &str = "income.household_monthly";

/// One dated value of a parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HistoryPoint {
    /// The first day the value is in force.
    pub from: Date,
    /// The last day, if it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// The value as the parameter file writes it.
    pub value: String,
    /// How sure it is.
    pub label: SourceLabel,
    /// Its reference.
    pub reference: String,
    /// Its reference in English, where the parameter file gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_en: Option<String>,
    /// For the district income: the cap it gives at the set's current cap ratio, yuan a month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Decimal>,
}

/// Next year's value projected from the last one by a rate the user entered: an assumption,
/// never a published figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Projection {
    /// The year after the last value's.
    pub from: Date,
    /// The uprating rate entered (0.05 = 5% a year).
    pub rate: Decimal,
    /// last × (1 + rate), rounded by `rounding.money`.
    pub value: Decimal,
    /// For the district income: the cap it would give, yuan a month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Decimal>,
}

/// A parameter's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ParameterHistory {
    /// The parameter's name.
    pub name: String,
    /// What it is, in Chinese.
    pub title_zh: String,
    /// What it is, in English.
    pub title_en: String,
    /// Its unit.
    pub unit: String,
    /// Its values, oldest first.
    pub points: Vec<HistoryPoint>,
    /// The projection, when a rate was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projection: Option<Projection>,
}

/// The values of parameter `name` of `set` over time; for the district income each value's cap
/// at the set's latest cap ratio; with `uprate`, next year's value projected as the last value ×
/// (1 + `uprate`), rounded by the set's money rule, and its cap.
///
/// # Errors
///
/// [`FeeError::Parameter`] for a name the set does not hold; [`FeeError::OutOfRange`] naming
/// `uprate` for a rate outside −1 to 1; [`FeeError::Invalid`] naming `uprate` when the last value
/// is not a number; any error of the cap rule.
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let h = fee_core::parameter_history(set, "income.household_monthly", Some("0.05".parse().unwrap()))?;
/// // 2022: 15,655 a month, a cap of 15,655 × 20% = 3,131.00.
/// assert_eq!(h.points[0].cap.unwrap().to_string(), "3131.00");
/// // Assumed 5% more for 2023: 15,655 × 1.05 = 16,437.75, a cap of 3,287.55.
/// let p = h.projection.unwrap();
/// assert_eq!((p.value.to_string(), p.cap.unwrap().to_string()), ("16437.75".into(), "3287.55".into()));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn parameter_history(
    set: &ParameterSet,
    name: &str,
    uprate: Option<Decimal>,
) -> Result<ParameterHistory, FeeError> {
    let parameter = set.parameter(name)?;
    let income = name == INCOME;
    // The cap at the latest ratio: on the day that ratio starts (or later, if it is before an
    // income's year ends, which does not matter to the amount).
    let ratio_from = set.parameter("cap.ratio").ok().and_then(|p| p.values.last()).map(|v| v.from);
    let cap_of = |amount: Decimal| -> Result<Option<Decimal>, FeeError> {
        match (income, ratio_from) {
            (true, Some(on)) => Ok(Some(cap_for(&IncomeBasis::HouseholdMonthly { amount }, None, set, on)?.value.cap)),
            _ => Ok(None),
        }
    };
    let mut points = Vec::with_capacity(parameter.values.len());
    for v in &parameter.values {
        points.push(HistoryPoint {
            from: v.from,
            until: v.until,
            value: v.value.as_str().to_string(),
            label: v.label,
            reference: v.reference.to_string(),
            reference_en: v.reference_en.as_ref().map(|r| r.to_string()),
            cap: match v.value.decimal() {
                Some(d) => cap_of(d)?,
                None => None,
            },
        });
    }
    let projection = match (uprate, parameter.values.last()) {
        (Some(rate), Some(last)) => {
            let rate = within(rate, -Decimal::ONE, Decimal::ONE, "uprate")?;
            let base = last.value.decimal().ok_or_else(|| {
                FeeError::invalid("uprate", last.value.as_str(), crate::foundations::error::reason::NOT_A_NUMBER)
            })?;
            let (money, _) = set.money_rounding(last.from)?;
            let value = money.apply(mul(base, Decimal::ONE + rate, "uprate")?);
            let from = Date::new(last.from.year() + 1, last.from.month(), last.from.day())?;
            Some(Projection { from, rate, value, cap: cap_of(value)? })
        }
        _ => None,
    };
    Ok(ParameterHistory {
        name: name.to_string(),
        title_zh: parameter.title_zh.clone(),
        title_en: parameter.title_en.clone(),
        unit: parameter.unit.clone(),
        points,
        projection,
    })
}
