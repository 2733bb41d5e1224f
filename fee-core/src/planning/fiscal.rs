//! The fiscal plan: subsidy budgets for the slot targets, and splitting a target across 街乡.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::money::{add, div, mul, non_negative, sub, within, Rounding, RoundingMode};
use crate::foundations::parameters::ParameterSet;
use crate::foundations::trace::{Source, Step, Trace};
use crate::rules::offsets::QualityTier;

/// The subsidy per child-month the budget pays.
///
/// ```
/// let s: fee_core::SubsidyLevel = serde_json::from_str(r#"{"level":"per_child_month","amount":"1000"}"#).unwrap();
/// assert!(matches!(s, fee_core::SubsidyLevel::PerChildMonth { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "level", rename_all = "snake_case")]
pub enum SubsidyLevel {
    /// An amount per child-month.
    PerChildMonth {
        /// Yuan per child per month.
        amount: Decimal,
    },
    /// The quota of a quality tier in the parameter set.
    Tier {
        /// The tier.
        tier: QualityTier,
    },
    /// The gap between the cost per child-month and the fee: max(0, cost − fee).
    GapToFee {
        /// Net cost per child-month before this subsidy.
        cost_per_child_month: Decimal,
        /// The fee level charged to families.
        fee: Decimal,
    },
}

/// Inputs of a fiscal plan.
///
/// ```
/// let i = fee_core::FiscalInput::example();
/// assert_eq!(i.months_per_year.to_string(), "12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FiscalInput {
    /// The subsidy standard.
    pub subsidy: SubsidyLevel,
    /// Months a year the subsidy is paid.
    pub months_per_year: Decimal,
    /// Share of inclusive slots filled (0 to 1).
    pub occupancy: Decimal,
    /// The date whose parameters are used (tier quotas).
    pub date: Date,
}

impl FiscalInput {
    /// An example: the tier-2 quota, 12 months, full places.
    ///
    /// ```
    /// assert_eq!(fee_core::FiscalInput::example().occupancy.to_string(), "1");
    /// ```
    pub fn example() -> Self {
        FiscalInput {
            subsidy: SubsidyLevel::Tier { tier: QualityTier::SecondOrThird },
            months_per_year: Decimal::from(12),
            occupancy: Decimal::ONE,
            date: Date::known(2024, 6, 1),
        }
    }
}

/// The budget for one slot target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FiscalYear {
    /// The target, in Chinese.
    pub label_zh: String,
    /// The target, in English.
    pub label_en: String,
    /// The target year.
    pub year: i32,
    /// Inclusive slots in the target.
    pub inclusive_slots: Decimal,
    /// Children subsidised: slots × occupancy.
    pub children: Decimal,
    /// Annual subsidy budget, yuan.
    pub annual_budget: Decimal,
}

/// A fiscal plan over the plan's inclusive slot targets.
///
/// ```
/// use fee_core::{fiscal_plan, FiscalInput, ParameterSet, SubsidyLevel};
/// let input = FiscalInput {
///     subsidy: SubsidyLevel::PerChildMonth { amount: "700".parse().unwrap() },
///     months_per_year: "12".parse().unwrap(),
///     occupancy: "1".parse().unwrap(),
///     date: "2024-06-01".parse()?,
/// };
/// let plan = fiscal_plan(&input, ParameterSet::chaoyang()?)?;
/// // The plan's first target, 3,283 inclusive slots (§一), at 700 a child-month for 12
/// // months: 3,283 × 700 × 12 = 27,577,200 a year.
/// let first = &plan.years[0];
/// assert_eq!(first.inclusive_slots.to_string(), "3283");
/// assert_eq!(first.annual_budget.normalize().to_string(), "27577200");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FiscalPlan {
    /// The subsidy per child-month used.
    pub subsidy_per_child_month: Decimal,
    /// One entry per target.
    pub years: Vec<FiscalYear>,
    /// How it was computed.
    pub trace: Trace,
}

/// The subsidy per child-month of a level, and its step.
fn subsidy_amount(
    level: &SubsidyLevel,
    params: &ParameterSet,
    date: Date,
    trace: &mut Trace,
) -> Result<Decimal, FeeError> {
    let step = Step::new("fiscal.subsidy", "生均月补助标准", "Subsidy per child-month", "");
    let (amount, step) = match level {
        SubsidyLevel::PerChildMonth { amount } => {
            let a = non_negative(*amount, "subsidy.amount")?;
            (a, Step { formula: "subsidy = entered amount".into(), ..step }.source(Source::input("subsidy.amount")))
        }
        SubsidyLevel::Tier { tier } => {
            let v = params.known_decimal(tier.known(), date)?;
            (v.value, Step { formula: "subsidy = quota of the tier".into(), ..step }.source(v.source()))
        }
        SubsidyLevel::GapToFee { cost_per_child_month, fee } => {
            let c = non_negative(*cost_per_child_month, "subsidy.cost_per_child_month")?;
            let f = non_negative(*fee, "subsidy.fee")?;
            let gap = sub(c, f, "subsidy")?.max(Decimal::ZERO);
            (
                gap,
                Step { formula: "subsidy = max(0, cost − fee)".into(), ..step }
                    .input("cost", c)
                    .input("fee", f)
                    .source(Source::clause("二(二)3")),
            )
        }
    };
    trace.push(step.result(amount, "yuan/child-month"));
    Ok(amount)
}

/// The annual budget for `slots` inclusive places.
fn budget(slots: Decimal, subsidy: Decimal, input: &FiscalInput) -> Result<(Decimal, Decimal), FeeError> {
    let children = mul(slots, input.occupancy, "fiscal.children")?;
    let annual = mul(mul(children, subsidy, "fiscal.budget")?, input.months_per_year, "fiscal.budget")?;
    Ok((children, annual))
}

/// The annual subsidy budget for each inclusive slot target of the plan (section 一):
/// the 2024 floor target, the 2025 high-quality target and the 2025 plan target.
///
/// # Errors
///
/// [`FeeError::OutOfRange`] for months outside 1–12 or occupancy outside 0–1;
/// [`FeeError::Parameter`] when the set lacks the targets.
///
/// ```
/// use fee_core::{fiscal_plan, FiscalInput, ParameterSet, SubsidyLevel};
/// let set = ParameterSet::chaoyang()?;
/// let mut input = FiscalInput::example();
/// input.subsidy = SubsidyLevel::PerChildMonth { amount: "1000".parse().unwrap() };
/// let plan = fiscal_plan(&input, set)?;
/// // 3,283 slots × 1,000 yuan × 12 months.
/// assert_eq!(plan.years[0].annual_budget.to_string(), "39396000");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn fiscal_plan(input: &FiscalInput, params: &ParameterSet) -> Result<FiscalPlan, FeeError> {
    within(input.months_per_year, Decimal::ONE, Decimal::from(12), "months_per_year")?;
    within(input.occupancy, Decimal::ZERO, Decimal::ONE, "occupancy")?;
    let mut trace = Trace::default();
    let subsidy = subsidy_amount(&input.subsidy, params, input.date, &mut trace)?;
    let targets: [(&str, &str, i32, &str); 3] = [
        ("2024年底线目标", "2024 floor target", 2024, "slots.inclusive"),
        ("2025年高质量发展目标", "2025 high-quality target", 2025, "slots.inclusive"),
        ("2025年规划目标", "2025 plan target", 2025, "slots.plan_inclusive"),
    ];
    let mut years = Vec::new();
    for (zh, en, year, name) in targets {
        let slots = params.decimal(name, Date::end_of_year(year)?)?;
        let (children, annual) = budget(slots.value, subsidy, input)?;
        trace.push(
            Step::new(
                "fiscal.budget",
                "年度普惠托位补助预算",
                "Annual subsidy budget for inclusive slots",
                "budget = slots × occupancy × subsidy × months",
            )
            .input("year", Decimal::from(year))
            .input("slots", slots.value)
            .input("occupancy", input.occupancy)
            .input("subsidy", subsidy)
            .input("months", input.months_per_year)
            .source(Source::clause("一"))
            .source(slots.source())
            .result(annual, "yuan/year"),
        );
        years.push(FiscalYear {
            label_zh: zh.into(),
            label_en: en.into(),
            year,
            inclusive_slots: slots.value,
            children,
            annual_budget: annual,
        });
    }
    Ok(FiscalPlan { subsidy_per_child_month: subsidy, years, trace })
}

/// One point of the fee-versus-budget curve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BudgetPoint {
    /// Fee charged to families, per child-month.
    pub fee: Decimal,
    /// Subsidy per child-month: max(0, cost − fee).
    pub subsidy: Decimal,
    /// Annual budget for the slots.
    pub annual_budget: Decimal,
}

/// A step of whole yuan that spans `0..=to` in at most `points` steps (at least 1 yuan):
/// ⌈to ÷ points⌉, for a budget curve of about `points` points.
///
/// # Errors
///
/// [`FeeError::OutOfRange`] when `points` is 0 or `to` is negative.
///
/// ```
/// // 3,000 yuan in 30 steps: 100 yuan each; 3,001 yuan: 101.
/// assert_eq!(fee_core::curve_step("3000".parse().unwrap(), 30)?.to_string(), "100");
/// assert_eq!(fee_core::curve_step("3001".parse().unwrap(), 30)?.to_string(), "101");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn curve_step(to: Decimal, points: u32) -> Result<Decimal, FeeError> {
    if points == 0 {
        return Err(FeeError::out_of_range("points", points, crate::foundations::error::reason::AT_LEAST_ONE));
    }
    let to = non_negative(to, "to")?;
    // A chart's step, not a policy amount: always up, so the curve never has more than `points` steps.
    let step = Rounding::new(0, RoundingMode::ToPositiveInfinity).div(to, Decimal::from(points), "points")?;
    Ok(step.max(Decimal::ONE))
}

/// The annual budget for `slots` at fee levels from `from` to `to` in steps of `step`.
///
/// # Errors
///
/// [`FeeError::OutOfRange`] for a non-positive step, `to < from`, more than 1,000 points,
/// or months/occupancy out of range.
///
/// ```
/// use fee_core::budget_curve;
/// let d = |s: &str| s.parse().unwrap();
/// let pts = budget_curve(d("3000"), d("2000"), d("3000"), d("500"), d("100"), d("12"), d("1"))?;
/// // At a 2,500 fee: (3,000 − 2,500) × 100 children × 12 months = 600,000.
/// assert_eq!(pts[1].annual_budget.to_string(), "600000");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn budget_curve(
    cost_per_child_month: Decimal,
    from: Decimal,
    to: Decimal,
    step: Decimal,
    slots: Decimal,
    months_per_year: Decimal,
    occupancy: Decimal,
) -> Result<Vec<BudgetPoint>, FeeError> {
    if step <= Decimal::ZERO {
        return Err(FeeError::out_of_range("step", step, crate::foundations::error::reason::POSITIVE));
    }
    if to < from {
        return Err(FeeError::out_of_range(
            "to",
            to,
            crate::foundations::error::reason::at_least(format_args!("from = {from}")),
        ));
    }
    let n = div(sub(to, from, "to")?, step, "step")?.floor();
    if n > Decimal::from(1000) {
        return Err(FeeError::out_of_range("step", step, crate::foundations::error::reason::CURVE_POINTS));
    }
    within(months_per_year, Decimal::ONE, Decimal::from(12), "months_per_year")?;
    within(occupancy, Decimal::ZERO, Decimal::ONE, "occupancy")?;
    let cost = non_negative(cost_per_child_month, "cost_per_child_month")?;
    let slots = non_negative(slots, "slots")?;
    let mut out = Vec::new();
    let mut fee = from;
    while fee <= to {
        let subsidy = sub(cost, fee, "subsidy")?.max(Decimal::ZERO);
        let annual = mul(mul(mul(slots, occupancy, "budget")?, subsidy, "budget")?, months_per_year, "budget")?;
        out.push(BudgetPoint { fee, subsidy, annual_budget: annual });
        fee = add(fee, step, "fee")?;
    }
    Ok(out)
}

/// A 街乡's share of a district target.
///
/// ```
/// use fee_core::{split_target, Weight};
/// let w = |name: &str, weight: &str| Weight { name: name.into(), weight: weight.parse().unwrap() };
/// // 10 slots by 1 : 3 is 2.5 and 7.5; whole slots add up to the target, each within one
/// // of its exact share.
/// let parts = split_target(10, &[w("甲", "1"), w("乙", "3")])?;
/// assert_eq!(parts.iter().map(|a| a.slots).sum::<u64>(), 10);
/// assert_eq!(parts[0].exact, "2.5".parse().unwrap());
/// assert!(parts.iter().all(|a| (rust_decimal::Decimal::from(a.slots) - a.exact).abs() < rust_decimal::Decimal::ONE));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Allocation {
    /// The 街乡.
    pub name: String,
    /// Its weight as given.
    pub weight: Decimal,
    /// Its exact proportional share: target × weight ÷ Σ weights.
    pub exact: Decimal,
    /// Whole slots allocated.
    pub slots: u64,
}

/// A named weight for [`split_target`].
///
/// ```
/// let w = fee_core::Weight { name: "三里屯街道".into(), weight: "120".parse().unwrap() };
/// assert_eq!(w.name, "三里屯街道");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Weight {
    /// The 街乡.
    pub name: String,
    /// Births, population aged 0–3, or any non-negative weight.
    pub weight: Decimal,
}

/// A line of a text that cannot be read: its number (the first line is 1) and why.
///
/// ```
/// let e = fee_core::read_weights("甲,1\n乙,x").unwrap_err();
/// assert_eq!(e.line, 2);
/// assert_eq!(e.to_string(), "line 2, weight: value \"x\" is invalid (not a number)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The line's number, from 1.
    pub line: usize,
    /// What is wrong with it: the field is `weight` for its number, `line` for its shape.
    pub error: FeeError,
}

impl LineError {
    /// The message in the chosen language, naming the line.
    ///
    /// ```
    /// use fee_core::{read_weights, Language};
    /// let e = read_weights("三里屯街道 120").unwrap_err();
    /// assert_eq!(e.message(Language::Zh), "第 1 行：“三里屯街道 120”无法使用（应写作“名称,权重”）");
    /// ```
    pub fn message(&self, lang: crate::foundations::trace::Language) -> String {
        let n = self.line;
        let name = match (lang, self.error.field()) {
            (crate::foundations::trace::Language::Zh, "weight") => format!("第 {n} 行的权重"),
            (crate::foundations::trace::Language::Zh, _) => format!("第 {n} 行"),
            (crate::foundations::trace::Language::En, "weight") => format!("line {n}, weight"),
            (crate::foundations::trace::Language::En, _) => format!("line {n}"),
        };
        self.error.message_naming(lang, &name)
    }
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::foundations::trace::Language::En))
    }
}

impl std::error::Error for LineError {}

/// Reads 街乡 and their weights, one `name,weight` a line, as people paste them from a
/// spreadsheet: the name and the weight are split at the last tab, or where a line has none at
/// the last `,` or `，` (so `1,500` is a weight only after a tab); the weight is
/// read as [`parse_amount`](crate::parse_amount) reads amounts, exactly, and must not be
/// negative. Blank lines, a byte-order mark and a first line of column names (`name,weight`,
/// `名称,权重`) are passed over.
///
/// # Errors
///
/// [`LineError`] naming the first line that has no separator, a weight that is not a
/// number, or a negative weight.
///
/// ```
/// let w = fee_core::read_weights("\u{feff}名称,权重\n三里屯街道,120\n\n朝外街道\t80\n")?;
/// assert_eq!(w.len(), 2);
/// assert_eq!((w[1].name.as_str(), w[1].weight), ("朝外街道", 80.into()));
/// # Ok::<(), fee_core::LineError>(())
/// ```
pub fn read_weights(text: &str) -> Result<Vec<Weight>, LineError> {
    let mut weights = Vec::new();
    let mut first = true;
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = |error| LineError { line: i + 1, error };
        // A spreadsheet's cells are split by tabs, and then a comma is a thousands separator.
        let split = if line.contains('\t') { line.rsplit_once('\t') } else { line.rsplit_once([',', '，']) };
        let (name, weight) =
            split.ok_or_else(|| at(FeeError::invalid("line", line, crate::foundations::error::reason::NAME_WEIGHT)))?;
        let (name, weight) = (name.trim(), weight.trim());
        let header = |cell: &str, words: &[&str]| words.iter().any(|w| cell.eq_ignore_ascii_case(w));
        if std::mem::take(&mut first)
            && (header(name, &["name", "名称", "街乡"]) || header(weight, &["weight", "权重"]))
        {
            continue;
        }
        let weight = crate::foundations::input::parse_amount(weight, "weight")
            .and_then(|w| non_negative(w, "weight"))
            .map_err(at)?;
        weights.push(Weight { name: name.to_string(), weight });
    }
    Ok(weights)
}

/// Splits a target across 街乡 in proportion to weights, in whole slots that add up
/// exactly to the target (largest-remainder method; ties go to the larger weight, then
/// to the earlier entry).
///
/// # Errors
///
/// [`FeeError::Invalid`] for an empty list or weights that sum to zero;
/// [`FeeError::OutOfRange`] for a negative weight.
///
/// ```
/// use fee_core::{split_target, Weight};
/// let w = |n: &str, x: u32| Weight { name: n.into(), weight: x.into() };
/// let parts = split_target(10, &[w("甲", 1), w("乙", 1), w("丙", 1)])?;
/// // 10 ÷ 3 = 3.33 each: the one remaining slot goes to the first of the tied entries.
/// assert_eq!(parts.iter().map(|p| p.slots).collect::<Vec<_>>(), vec![4, 3, 3]);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn split_target(target: u64, weights: &[Weight]) -> Result<Vec<Allocation>, FeeError> {
    if weights.is_empty() {
        return Err(FeeError::invalid("weights", "[]", crate::foundations::error::reason::PLACE_NEEDED));
    }
    let mut total = Decimal::ZERO;
    for (i, w) in weights.iter().enumerate() {
        non_negative(w.weight, &format!("weights[{i}].weight"))?;
        total = add(total, w.weight, "weights")?;
    }
    if total.is_zero() {
        return Err(FeeError::invalid("weights", "0", crate::foundations::error::reason::WEIGHTS_ZERO));
    }
    let t = Decimal::from(target);
    let mut parts = Vec::with_capacity(weights.len());
    let mut given: u64 = 0;
    for w in weights {
        let exact = div(mul(t, w.weight, "split")?, total, "split")?;
        let floor = exact.floor();
        let slots = u64::try_from(floor.mantissa()).map_err(|_| FeeError::overflow("split"))?;
        given = given.saturating_add(slots);
        parts.push((Allocation { name: w.name.clone(), weight: w.weight, exact, slots }, exact - floor));
    }
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| parts[b].1.cmp(&parts[a].1).then(parts[b].0.weight.cmp(&parts[a].0.weight)).then(a.cmp(&b)));
    let left = target.saturating_sub(given);
    // The remainders sum to less than the number of entries, so each gets at most one more.
    for &i in order.iter().cycle().take(usize::try_from(left).unwrap_or(0)) {
        parts[i].0.slots += 1;
    }
    Ok(parts.into_iter().map(|(a, _)| a).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::trace::Language;

    fn names_and_weights(text: &str) -> Vec<(String, String)> {
        read_weights(text).unwrap().into_iter().map(|w| (w.name, w.weight.to_string())).collect()
    }

    /// Lines pasted from a spreadsheet: each separator, a header, blank lines, a byte-order
    /// mark, thousands separators where the separator is a tab, full-width digits.
    #[test]
    fn weights_read_as_people_paste_them() {
        let pairs = |v: &[(&str, &str)]| v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
        assert_eq!(
            names_and_weights("\u{feff}name,weight\n甲,120\n\n乙，80\n丙\t1,500\n丁, ３００ \n"),
            pairs(&[("甲", "120"), ("乙", "80"), ("丙", "1500"), ("丁", "300")])
        );
        // Only a first line is taken for column names; later, it is a line that cannot be read.
        let e = read_weights("甲,1\n名称,权重").unwrap_err();
        assert_eq!((e.line, e.message(Language::Zh).as_str()), (2, "第 2 行的权重：“权重”无法使用（不是数字）"));
        assert!(read_weights("").unwrap().is_empty());
    }

    /// Every refusal names the line as the reader counts it (blank lines too) and keeps
    /// every digit: 28 decimal places are what a decimal holds, a 29th is refused, never
    /// rounded away.
    #[test]
    fn a_weight_that_cannot_be_used_names_its_line() {
        let e = read_weights("甲,1\n\n乙 2").unwrap_err();
        assert_eq!(e.message(Language::En), "line 3: value \"乙 2\" is invalid (write it as name,weight)");
        let e = read_weights("甲,-1").unwrap_err();
        assert_eq!(e.message(Language::Zh), "第 1 行的权重：数值 -1 超出范围（不能为负数）");
        let places = |n: usize| format!("1.{}1", "0".repeat(n - 1));
        let e = read_weights(&format!("甲,{}", places(29))).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().contains("28 significant digits"), "{e}");
        assert_eq!(names_and_weights(&format!("甲,{}", places(28)))[0].1, places(28));
    }
}
