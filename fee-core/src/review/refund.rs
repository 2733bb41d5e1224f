//! Refunds of care and meal fees for absence and withdrawal, under a rule that is data.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::money::{div, mul, non_negative, sub, within};
use crate::foundations::parameters::{ParameterSet, SourceLabel};
use crate::foundations::trace::{Source, Step, Trace};

/// How the care fee is refunded for absence.
///
/// ```
/// let c: fee_core::CareRefund = serde_json::from_str(r#"{"method":"pro_rata_by_absent_days"}"#).unwrap();
/// assert_eq!(c, fee_core::CareRefund::ProRataByAbsentDays);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum CareRefund {
    /// No refund of the care fee for absence.
    None,
    /// care × absent days ÷ working days.
    ProRataByAbsentDays,
    /// A share of the care fee when the child is absent the whole month; nothing otherwise.
    WholeMonthAbsent {
        /// Share refunded (1 = all).
        share: Decimal,
    },
    /// Tiers by the share of working days attended: the first tier whose bound is not exceeded applies.
    Tiered {
        /// Tiers, by ascending bound.
        tiers: Vec<RefundTier>,
    },
}

/// One tier of a tiered refund.
///
/// ```
/// let t = fee_core::RefundTier { attended_at_most: "0.5".parse().unwrap(), refund_share: "0.1".parse().unwrap() };
/// assert_eq!(t.refund_share.to_string(), "0.1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RefundTier {
    /// Applies when attended days ÷ working days is at most this.
    pub attended_at_most: Decimal,
    /// Share of the care fee refunded.
    pub refund_share: Decimal,
}

/// How meals are refunded for absence.
///
/// ```
/// assert_eq!(fee_core::MealRefund::default(), fee_core::MealRefund::ProRataByAbsentDays);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MealRefund {
    /// meals × absent days ÷ working days.
    #[default]
    ProRataByAbsentDays,
    /// No refund.
    None,
}

/// What is charged for the month a child withdraws.
///
/// ```
/// let w: fee_core::WithdrawalCharge = serde_json::from_str(r#"{"method":"by_days_attended"}"#).unwrap();
/// assert_eq!(w, fee_core::WithdrawalCharge::ByDaysAttended);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum WithdrawalCharge {
    /// care × attended days ÷ working days.
    ByDaysAttended,
    /// Half a month when fewer than `threshold` of the working days were attended, else the whole month.
    HalfOrWholeMonth {
        /// Share of working days (0.5 = half).
        threshold: Decimal,
    },
}

/// A refund rule, as an institution discloses it.
///
/// ```
/// let rules = fee_core::RefundRule::examples()?;
/// assert!(rules.iter().any(|r| r.id == "taian-tiered"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RefundRule {
    /// Stable id.
    pub id: String,
    /// Name in Chinese.
    pub name_zh: String,
    /// Name in English.
    pub name_en: String,
    /// How sure / where from.
    pub label: SourceLabel,
    /// Its source.
    pub reference: String,
    /// Its source in Chinese, for a Chinese reader (the `reference` where empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference_zh: String,
    /// Care fee refund for absence.
    pub care: CareRefund,
    /// Meal refund for absence.
    #[serde(default)]
    pub meals: MealRefund,
    /// Charge for the month of withdrawal.
    pub withdrawal: WithdrawalCharge,
}

// `generated_examples`, written by build.rs from `refund-rules/*.json`.
include!(concat!(env!("OUT_DIR"), "/refund_examples.rs"));

/// A decimal of a refund rule file, read exactly.
fn exact(text: &str) -> Result<Decimal, FeeError> {
    Decimal::from_str_exact(text)
        .map_err(|_| FeeError::invalid("refund_rule", text, crate::foundations::error::reason::NOT_A_NUMBER))
}

impl RefundRule {
    /// The example rules of docs/sources.md ("Examples from other places"), labelled `example`
    /// (none is a Beijing rule).
    ///
    /// # Errors
    ///
    /// Only if a rule file held an inexact decimal, which the tests rule out.
    ///
    /// ```
    /// assert_eq!(fee_core::RefundRule::examples()?.len(), 4);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn examples() -> Result<Vec<RefundRule>, FeeError> {
        generated_examples()
    }
}

/// One month of one child.
///
/// ```
/// let m = fee_core::RefundInput { care_fee: "2000".parse().unwrap(), meal_fee: "440".parse().unwrap(),
///     working_days: 22, days_attended: 11, withdrawn: false };
/// assert_eq!(m.working_days, 22);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RefundInput {
    /// Monthly care fee paid in advance.
    pub care_fee: Decimal,
    /// Monthly meal fee paid in advance.
    pub meal_fee: Decimal,
    /// Working days in the month.
    pub working_days: u32,
    /// Days the child attended (before withdrawal, if withdrawn).
    pub days_attended: u32,
    /// Whether the child withdrew this month.
    #[serde(default)]
    pub withdrawn: bool,
}

impl RefundInput {
    /// A month from its calendar: the working days, the days the child was on leave, and
    /// the withdrawal date if the child left. Days attended are the working days before the
    /// withdrawal date that are not leave days.
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming `working_dates` when it is empty or repeats a day, or
    /// `leave_dates` when a leave day is not a working day.
    ///
    /// ```
    /// use fee_core::{Date, RefundInput};
    /// let d = |s: &str| s.parse::<Date>().unwrap();
    /// let working: Vec<Date> = (3..=7).map(|day| Date::new(2024, 6, day).unwrap()).collect();
    /// // On leave 4 June, withdrew on 6 June: attended 3 and 5 June.
    /// let m = RefundInput::from_calendar("2000".parse().unwrap(), "100".parse().unwrap(), &working, &[d("2024-06-04")], Some(d("2024-06-06")))?;
    /// assert_eq!((m.working_days, m.days_attended, m.withdrawn), (5, 2, true));
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn from_calendar(
        care_fee: Decimal,
        meal_fee: Decimal,
        working_dates: &[Date],
        leave_dates: &[Date],
        withdrawal: Option<Date>,
    ) -> Result<Self, FeeError> {
        if working_dates.is_empty() {
            return Err(FeeError::invalid(
                "working_dates",
                "[]",
                crate::foundations::error::reason::WORKING_DAYS_NEEDED,
            ));
        }
        let mut sorted = working_dates.to_vec();
        sorted.sort();
        if sorted.windows(2).any(|w| w[0] == w[1]) {
            return Err(FeeError::invalid("working_dates", "", crate::foundations::error::reason::WORKING_DAY_TWICE));
        }
        if let Some(bad) = leave_dates.iter().find(|d| !sorted.contains(d)) {
            return Err(FeeError::invalid("leave_dates", bad, crate::foundations::error::reason::LEAVE_NOT_WORKING));
        }
        let attended =
            sorted.iter().filter(|d| withdrawal.is_none_or(|w| **d < w)).filter(|d| !leave_dates.contains(d)).count();
        let count = |n: usize, field: &str| {
            u32::try_from(n).map_err(|_| FeeError::out_of_range(field, n, "at most 4,294,967,295"))
        };
        Ok(RefundInput {
            care_fee,
            meal_fee,
            working_days: count(sorted.len(), "working_dates")?,
            days_attended: count(attended, "leave_dates")?,
            withdrawn: withdrawal.is_some(),
        })
    }
}

/// The refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RefundResult {
    /// Care fee refunded.
    pub care_refund: Decimal,
    /// Meal fee refunded.
    pub meal_refund: Decimal,
    /// Total refunded.
    pub total: Decimal,
    /// How it was computed.
    pub trace: Trace,
}

/// Computes a month's refund under `rule`; amounts are rounded by `rounding.money`.
///
/// # Errors
///
/// [`FeeError::OutOfRange`] for zero working days, more days attended than working days,
/// negative fees, shares outside 0–1, or tiers whose bounds do not ascend.
///
/// ```
/// use fee_core::{refund, ParameterSet, RefundInput, RefundRule};
/// let rule = RefundRule::examples()?.into_iter().find(|r| r.id == "pro-rata").unwrap();
/// let m = RefundInput { care_fee: "2200".parse().unwrap(), meal_fee: "440".parse().unwrap(), working_days: 22, days_attended: 12, withdrawn: false };
/// let r = refund(&rule, &m, ParameterSet::chaoyang()?, "2024-06-01".parse()?)?;
/// // 10 of 22 days absent: care 2,200 × 10/22 = 1,000; meals 440 × 10/22 = 200.
/// assert_eq!(r.total.to_string(), "1200.00");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn refund(
    rule: &RefundRule,
    input: &RefundInput,
    params: &ParameterSet,
    date: Date,
) -> Result<RefundResult, FeeError> {
    let (rounding, rounding_param) = params.money_rounding(date)?;
    let rounding_source = rounding_param.source();
    let care = non_negative(input.care_fee, "care_fee")?;
    let meal = non_negative(input.meal_fee, "meal_fee")?;
    if input.working_days == 0 {
        return Err(FeeError::out_of_range("working_days", 0, crate::foundations::error::reason::AT_LEAST_ONE));
    }
    // A month has at most 31 days, so at most 31 working days: a calendar fact, not a policy number.
    if input.working_days > 31 {
        return Err(FeeError::out_of_range(
            "working_days",
            input.working_days,
            crate::foundations::error::reason::at_most(31),
        ));
    }
    if input.days_attended > input.working_days {
        return Err(FeeError::out_of_range(
            "days_attended",
            input.days_attended,
            crate::foundations::error::reason::at_most(format_args!("working_days = {}", input.working_days)),
        ));
    }
    let wd = Decimal::from(input.working_days);
    let att = Decimal::from(input.days_attended);
    let absent = sub(wd, att, "days_absent")?;
    let attended_share = div(att, wd, "attended_share")?;
    let rule_src = Source::Method {
        note: format!("{} ({}): {}", rule.name_en, rule.label, rule.reference).into(),
        note_zh: format!(
            "{}（{}）：{}",
            rule.name_zh,
            rule.label.name_zh(),
            if rule.reference_zh.is_empty() { &rule.reference } else { &rule.reference_zh }
        )
        .into(),
    };
    let mut trace = Trace::default();

    let care_refund = if input.withdrawn {
        let charged = match &rule.withdrawal {
            WithdrawalCharge::ByDaysAttended => mul(care, attended_share, "care")?,
            WithdrawalCharge::HalfOrWholeMonth { threshold } => {
                let t = within(*threshold, Decimal::ZERO, Decimal::ONE, "withdrawal.threshold")?;
                if attended_share < t {
                    div(care, Decimal::TWO, "care")?
                } else {
                    care
                }
            }
        };
        let r = rounding.apply(sub(care, charged, "care_refund")?);
        trace.push(
            Step::new(
                "refund.care",
                "退园当月保育费退费",
                "Care fee refunded in the month of withdrawal",
                "refund = care_fee − charge for the month",
            )
            .input("care_fee", care)
            .input("days_attended", att)
            .input("working_days", wd)
            .input("charged", charged)
            .source(rule_src.clone())
            .source(rounding_source.clone())
            .result(r, "yuan"),
        );
        r
    } else {
        let share = match &rule.care {
            CareRefund::None => Decimal::ZERO,
            CareRefund::ProRataByAbsentDays => div(absent, wd, "care")?,
            CareRefund::WholeMonthAbsent { share } => {
                let s = within(*share, Decimal::ZERO, Decimal::ONE, "care.share")?;
                if input.days_attended == 0 {
                    s
                } else {
                    Decimal::ZERO
                }
            }
            CareRefund::Tiered { tiers } => {
                // Every tier is checked, not only those before the one that applies: a rule
                // out of order would refund by a tier its author did not mean.
                let mut s = None;
                for (i, t) in tiers.iter().enumerate() {
                    within(t.refund_share, Decimal::ZERO, Decimal::ONE, &format!("care.tiers[{i}].refund_share"))?;
                    if let Some(before) = i.checked_sub(1).and_then(|j| tiers.get(j)) {
                        if t.attended_at_most <= before.attended_at_most {
                            return Err(FeeError::out_of_range(
                                format!("care.tiers[{i}].attended_at_most"),
                                t.attended_at_most,
                                crate::foundations::error::reason::fill(
                                    crate::foundations::error::reason::TIERS_ASCEND,
                                    &[&before.attended_at_most],
                                ),
                            ));
                        }
                    }
                    if s.is_none() && attended_share <= t.attended_at_most {
                        s = Some(t.refund_share);
                    }
                }
                s.unwrap_or(Decimal::ZERO)
            }
        };
        let r = rounding.apply(mul(care, share, "care_refund")?);
        trace.push(
            Step::new(
                "refund.care",
                "缺勤保育费退费",
                "Care fee refunded for absence",
                "refund = care_fee × refund share under the rule",
            )
            .input("care_fee", care)
            .input("days_attended", att)
            .input("working_days", wd)
            .input("refund_share", share)
            .source(rule_src.clone())
            .source(rounding_source.clone())
            .result(r, "yuan"),
        );
        r
    };
    let meal_refund = match rule.meals {
        MealRefund::None => Decimal::ZERO,
        MealRefund::ProRataByAbsentDays => rounding.div(mul(meal, absent, "meal_refund")?, wd, "meal_refund")?,
    };
    trace.push(
        Step::new("refund.meals", "伙食费退费", "Meal fee refunded", "refund = meal_fee × absent days ÷ working days")
            .input("meal_fee", meal)
            .input("days_absent", absent)
            .input("working_days", wd)
            .source(rule_src)
            .source(rounding_source)
            .result(meal_refund, "yuan"),
    );
    let total = crate::foundations::money::add(care_refund, meal_refund, "total")?;
    Ok(RefundResult { care_refund, meal_refund, total, trace })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules built in equal their files read by the library's own reader, in the files'
    /// order: the build script that writes them as values dropped or changed nothing.
    #[test]
    fn built_in_rules_equal_their_files() {
        let built = RefundRule::examples().unwrap();
        let read: Vec<RefundRule> = EXAMPLE_FILES.iter().map(|t| serde_json::from_str(t).unwrap()).collect();
        assert_eq!(built, read);
        assert_eq!(built.len(), 4);
        // Every kind of care refund and withdrawal charge the files use is among them.
        assert!(built.iter().any(|r| matches!(r.care, CareRefund::Tiered { ref tiers } if tiers.len() == 2)));
        assert!(built.iter().any(|r| matches!(r.withdrawal, WithdrawalCharge::HalfOrWholeMonth { .. })));
    }

    /// Tiers out of order are refused, naming the tier and the bound before it, even when the
    /// month falls in a tier before the disorder: the rule itself is wrong.
    #[test]
    fn tiers_out_of_order_are_refused() {
        let mut rule = RefundRule::examples().unwrap().into_iter().find(|r| r.id == "taian-tiered").unwrap();
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        rule.care = CareRefund::Tiered {
            tiers: vec![
                RefundTier { attended_at_most: d("0"), refund_share: d("0.6") },
                RefundTier { attended_at_most: d("0.8"), refund_share: d("0.1") },
                RefundTier { attended_at_most: d("0.5"), refund_share: d("0.3") },
            ],
        };
        // 0 of 22 days attended falls in the first tier; the third tier's bound 0.5 is not above 0.8.
        let month =
            RefundInput { care_fee: d("2000"), meal_fee: d("0"), working_days: 22, days_attended: 0, withdrawn: false };
        let e = refund(&rule, &month, ParameterSet::chaoyang().unwrap(), "2024-06-01".parse().unwrap()).unwrap_err();
        assert_eq!(e.field(), "care.tiers[2].attended_at_most");
        assert_eq!(
            e.message(crate::foundations::trace::Language::En),
            "care.tiers[2].attended_at_most: value 0.5 is out of range (tiers go by ascending bound: more than the tier before's 0.8)"
        );
        assert!(
            e.message(crate::foundations::trace::Language::Zh).contains("须大于上一档的 0.8"),
            "{}",
            e.message(crate::foundations::trace::Language::Zh)
        );
        // In order, the same tiers refund 60% of 2,000 = 1,200.00 for a month absent.
        rule.care = CareRefund::Tiered {
            tiers: vec![
                RefundTier { attended_at_most: d("0"), refund_share: d("0.6") },
                RefundTier { attended_at_most: d("0.5"), refund_share: d("0.3") },
                RefundTier { attended_at_most: d("0.8"), refund_share: d("0.1") },
            ],
        };
        let r = refund(&rule, &month, ParameterSet::chaoyang().unwrap(), "2024-06-01".parse().unwrap()).unwrap();
        assert_eq!(r.care_refund.to_string(), "1200.00");
    }
}
