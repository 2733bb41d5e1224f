//! The fee cap: a share of the previous year's district household income (二(二)1).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::money::{self, div, mul, non_negative, sub, Rounding};
use crate::foundations::parameters::{Known, ParamValue, ParameterSet};
use crate::foundations::trace::Trace;

/// The household income the cap is a share of.
///
/// ```
/// use fee_core::IncomeBasis;
/// let direct = IncomeBasis::HouseholdMonthly { amount: "15655".parse().unwrap() };
/// let json = serde_json::to_string(&direct).unwrap();
/// assert_eq!(json, r#"{"basis":"household_monthly","amount":"15655"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum IncomeBasis {
    /// The district's household monthly average disposable income, given directly.
    HouseholdMonthly {
        /// Yuan per household per month.
        amount: Decimal,
    },
    /// Derived from per-capita annual disposable income and average household size.
    PerCapitaAnnual {
        /// Yuan per person per year.
        per_capita_annual: Decimal,
        /// Persons per household, such as 2.31.
        household_size: Decimal,
    },
    /// The income the parameter set records for a year (`income.household_monthly`).
    District {
        /// The year the income measures (the year before the fee is set).
        year: i32,
    },
}

/// The cap and what it means for a fee.
///
/// ```
/// use fee_core::{cap_for, IncomeBasis, ParameterSet};
/// let set = ParameterSet::chaoyang()?;
/// let income = IncomeBasis::HouseholdMonthly { amount: "15655".parse().unwrap() };
/// let r = cap_for(&income, Some("3000".parse().unwrap()), set, "2024-06-01".parse()?)?;
/// assert_eq!(r.value.cap.to_string(), "3131.00");
/// assert_eq!(r.value.headroom.unwrap().to_string(), "131.00");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CapResult {
    /// Household monthly income used, exact.
    pub household_monthly_income: Decimal,
    /// The cap ratio in force.
    pub ratio: Decimal,
    /// The cap, rounded by `rounding.money`.
    pub cap: Decimal,
    /// The fee compared, if one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Decimal>,
    /// `cap − fee`; negative when the fee is over the cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headroom: Option<Decimal>,
    /// Whether the fee is within the cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passes: Option<bool>,
    /// The lowest household monthly income (to the fen) at which the fee is within the cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lowest_passing_income: Option<Decimal>,
}

/// A value with the trace that explains it.
///
/// ```
/// let e = fee_core::Explained { value: 1, trace: fee_core::Trace::default() };
/// assert_eq!(e.value, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Explained<T> {
    /// The result.
    pub value: T,
    /// How it was reached.
    pub trace: Trace,
}

/// The cap rule resolved for one date: ratio, rounding and their sources.
#[derive(Debug, Clone)]
pub(crate) struct CapRule<'a> {
    pub ratio: Decimal,
    pub ratio_param: ParamValue<'a>,
    pub rounding: Rounding,
    pub rounding_param: ParamValue<'a>,
}

impl<'a> CapRule<'a> {
    pub(crate) fn at(params: &'a ParameterSet, date: Date) -> Result<Self, FeeError> {
        let ratio = params.known_decimal(Known::CapRatio, date)?;
        if ratio.value <= Decimal::ZERO || ratio.value > Decimal::ONE {
            return Err(FeeError::parameter(
                "cap.ratio",
                crate::foundations::error::reason::fill(
                    crate::foundations::error::reason::RATIO_RANGE,
                    &[&ratio.value],
                ),
            ));
        }
        let (rounding, rounding_param) = params.money_rounding(date)?;
        Ok(CapRule { ratio: ratio.value, ratio_param: ratio, rounding, rounding_param })
    }

    /// The cap for a household monthly income, rounded.
    pub(crate) fn cap(&self, income: Decimal) -> Result<Decimal, FeeError> {
        Ok(self.rounding.apply(mul(self.ratio, income, "cap")?))
    }

    /// The smallest income, in steps of the money unit, whose cap is at least `fee`.
    pub(crate) fn lowest_passing_income(&self, fee: Decimal) -> Result<Decimal, FeeError> {
        let unit = self.rounding.unit();
        if fee <= Decimal::ZERO {
            return Ok(Decimal::ZERO);
        }
        // Caps are multiples of the unit, so cap ≥ fee exactly when cap ≥ fee rounded up to the unit.
        let fee_up = money::ceil_to(fee, self.rounding);
        let mut hi = money::ceil_to(div(fee_up, self.ratio, "lowest_passing_income")?, self.rounding);
        // For every mode hi passes: ratio × hi ≥ fee_up and fee_up is a multiple of the unit.
        let mut lo = Decimal::ZERO; // cap(0) = 0 < fee: fails.
        while sub(hi, lo, "lowest_passing_income")? > unit {
            let mid = self.rounding.floor((lo + hi) / Decimal::TWO);
            let mid = if mid <= lo { lo + unit } else { mid };
            if self.cap(mid)? >= fee {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Ok(hi)
    }
}

/// Resolves an income basis to a household monthly income and pushes the step.
pub(crate) fn household_income(
    income: &IncomeBasis,
    params: &ParameterSet,
    trace: &mut Trace,
) -> Result<Decimal, FeeError> {
    const LABEL_ZH: &str = "上年度本区家庭月均可支配收入";
    const LABEL_EN: &str = "Previous-year district household monthly disposable income";
    match income {
        IncomeBasis::HouseholdMonthly { amount } => {
            let amount = money::positive(*amount, "income.amount")?;
            trace.record("income.household_monthly", LABEL_ZH, LABEL_EN, "income = entered amount", |step| {
                step.add_input("amount", amount).input_field("income.amount").set_result(amount, "yuan/month");
            });
            Ok(amount)
        }
        IncomeBasis::PerCapitaAnnual { per_capita_annual, household_size } => {
            let pc = money::positive(*per_capita_annual, "income.per_capita_annual")?;
            let size = money::within(*household_size, Decimal::ONE, Decimal::from(20), "income.household_size")?;
            let annual = mul(pc, size, "income")?;
            let monthly = div(annual, Decimal::from(12), "income")?;
            trace.record(
                "income.household_monthly",
                LABEL_ZH,
                LABEL_EN,
                "income = per_capita_annual × household_size ÷ 12",
                |step| {
                    step.add_input("per_capita_annual", pc)
                        .add_input("household_size", size)
                        .input_field("income.per_capita_annual")
                        .method(
                            "household income = per-capita income × persons per household, per month",
                            "户均月收入 = 人均可支配收入 × 户均人数 ÷ 12",
                        )
                        .set_result(monthly, "yuan/month");
                },
            );
            Ok(monthly)
        }
        IncomeBasis::District { year } => {
            let date = Date::end_of_year(*year).map_err(|e| e.within("income"))?;
            let v = params.known_decimal(Known::IncomeHouseholdMonthly, date)?;
            trace.record(
                "income.household_monthly",
                LABEL_ZH,
                LABEL_EN,
                "income = district figure for the year",
                |step| {
                    step.add_input("year", Decimal::from(*year)).cite(&v).set_result(v.value, "yuan/month");
                },
            );
            Ok(v.value)
        }
    }
}

/// Pushes the cap steps and returns the result (without the trace) and the rule it
/// resolved, so callers that need the ratio or rounding again do not look them up twice.
pub(crate) fn compute_cap<'a>(
    income: &IncomeBasis,
    fee: Option<Decimal>,
    params: &'a ParameterSet,
    date: Date,
    trace: &mut Trace,
) -> Result<(CapResult, CapRule<'a>), FeeError> {
    let household = household_income(income, params, trace)?;
    // An entered income below the set's plausibility bound (an example value) is a typing error;
    // the district's own figure comes from the set and is not held to it.
    let field = match income {
        IncomeBasis::HouseholdMonthly { .. } => Some("income.amount"),
        IncomeBasis::PerCapitaAnnual { .. } => Some("income"),
        IncomeBasis::District { .. } => None,
    };
    if let (Some(field), Some(b)) = (field, params.optional_known_decimal(Known::BoundHouseholdIncome, date)?) {
        if household < b.value {
            return Err(FeeError::out_of_range(
                field,
                household,
                crate::foundations::error::reason::at_least(format_args!("{} = {}", b.name, b.value)),
            ));
        }
    }
    let rule = CapRule::at(params, date)?;
    let cap = rule.cap(household)?;
    trace.record("cap.amount", "收费上限", "Fee cap", "cap = round(ratio × income)", |step| {
        step.add_input("ratio", rule.ratio)
            .add_input("income", household)
            .clause("二(二)1")
            .cite(&rule.ratio_param)
            .cite(&rule.rounding_param)
            .set_result(cap, "yuan/month");
    });
    let mut result = CapResult {
        household_monthly_income: household,
        ratio: rule.ratio,
        cap,
        fee: None,
        headroom: None,
        passes: None,
        lowest_passing_income: None,
    };
    if let Some(fee) = fee {
        let fee = non_negative(fee, "fee")?;
        let headroom = sub(cap, fee, "cap.headroom")?;
        trace.record("cap.headroom", "距上限空间", "Headroom under the cap", "headroom = cap − fee", |step| {
            step.add_input("cap", cap).add_input("fee", fee).clause("二(二)1").set_result(headroom, "yuan/month");
        });
        let lowest = rule.lowest_passing_income(fee)?;
        trace.record(
            "cap.lowest_passing_income",
            "该收费不超上限所需的最低家庭月均收入",
            "Lowest household income at which the fee is within the cap",
            "smallest income with round(ratio × income) ≥ fee",
            |step| {
                step.add_input("fee", fee)
                    .add_input("ratio", rule.ratio)
                    .cite(&rule.ratio_param)
                    .cite(&rule.rounding_param)
                    .set_result(lowest, "yuan/month");
            },
        );
        result.fee = Some(fee);
        result.headroom = Some(headroom);
        result.passes = Some(headroom >= Decimal::ZERO);
        result.lowest_passing_income = Some(lowest);
    }
    Ok((result, rule))
}

/// The cap for an income on `date`, and, given a fee, its headroom and the lowest income at which it passes.
///
/// # Errors
///
/// [`FeeError::OutOfRange`] for a zero or negative income, a household size outside 1–20,
/// or a negative fee; [`FeeError::Parameter`] when the cap ratio is not in force on `date`.
///
/// ```
/// use fee_core::{cap_for, IncomeBasis, ParameterSet};
/// let set = ParameterSet::chaoyang()?;
/// // Beijing 2022: 77,415 yuan per person per year, 2.31 persons per household.
/// let income = IncomeBasis::PerCapitaAnnual {
///     per_capita_annual: "77415".parse().unwrap(),
///     household_size: "2.31".parse().unwrap(),
/// };
/// let r = cap_for(&income, None, set, "2024-06-01".parse()?)?;
/// assert_eq!(r.value.cap.to_string(), "2980.48");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn cap_for(
    income: &IncomeBasis,
    fee: Option<Decimal>,
    params: &ParameterSet,
    date: Date,
) -> Result<Explained<CapResult>, FeeError> {
    let mut trace = Trace::default();
    let (value, _) = compute_cap(income, fee, params, date, &mut trace)?;
    Ok(Explained { value, trace })
}
