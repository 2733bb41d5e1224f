//! A scenario (all inputs of one pricing case) and its evaluation.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::finding::{Finding, Message, Severity};
use crate::foundations::money::{mul, non_negative, sub, Rounding};
use crate::foundations::parameters::{ParameterSet, ParameterSetRef};
use crate::foundations::trace::{Source, Trace};
use crate::rules::cap::{compute_cap, CapResult, CapRule, IncomeBasis};
use crate::rules::cost::{compute_cost, CostModel, CostResult};
use crate::rules::fee::{derive_fee, Economics, FeeBasis, FeeContext, FeeResult};
use crate::rules::offsets::{compute_offsets, GovernmentInputs, OffsetResult};

/// The version of the scenario and evaluation formats.
pub const SCHEMA_VERSION: u32 = 1;

fn schema_version() -> u32 {
    SCHEMA_VERSION
}

/// Optional questions asked of a scenario.
///
/// ```
/// let i = fee_core::IndicatorInputs::default();
/// assert!(i.quintile_incomes.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndicatorInputs {
    /// A fee to test instead of the derived one (e.g. an operator's proposal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_fee: Option<Decimal>,
    /// A target fee: what subsidy per child-month would reach it?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_fee: Option<Decimal>,
    /// Household monthly incomes of income groups (e.g. quintiles, lowest first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quintile_incomes: Vec<Decimal>,
}

/// Whether the fee passes for one income group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IncomeGroupCheck {
    /// The group's household monthly income.
    pub income: Decimal,
    /// The cap at that income.
    pub cap: Decimal,
    /// The fee as a share of that income (4 places).
    pub share: Decimal,
    /// Whether fee ≤ cap.
    pub passes: bool,
}

/// Indicators of affordability and viability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Indicators {
    /// The fee the indicators refer to: the proposed fee, else the guided fee or the top of the reference range.
    pub fee: Decimal,
    /// fee ÷ household monthly income (4 places).
    pub share_of_income: Decimal,
    /// Occupancy at which the fee covers the net cost (may exceed 1: unreachable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub break_even_occupancy: Option<Decimal>,
    /// Subsidy per child-month needed to bring the net cost down to the target fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subsidy_needed_per_child_month: Option<Decimal>,
    /// The same, a year, at the current enrolment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subsidy_needed_annual: Option<Decimal>,
    /// Income groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub income_groups: Vec<IncomeGroupCheck>,
}

/// All inputs of one pricing case.
///
/// ```
/// let s = fee_core::Scenario::example();
/// let json = serde_json::to_string(&s).unwrap();
/// let back: fee_core::Scenario = serde_json::from_str(&json).unwrap();
/// assert_eq!(s, back);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Scenario {
    /// Format version ([`SCHEMA_VERSION`]).
    #[serde(default = "schema_version")]
    pub schema_version: u32,
    /// A name for people.
    #[serde(default)]
    pub name: String,
    /// The parameter set the scenario was made with.
    #[serde(default)]
    pub parameter_set: ParameterSetRef,
    /// The pricing date: parameters in force on it are used.
    pub date: Date,
    /// Household income for the cap.
    pub income: IncomeBasis,
    /// The cost survey or audit.
    pub cost: CostModel,
    /// Government input and donations.
    #[serde(default)]
    pub offsets: GovernmentInputs,
    /// How the fee is set.
    pub fee: FeeBasis,
    /// Optional questions.
    #[serde(default)]
    pub indicators: IndicatorInputs,
}

impl Scenario {
    /// An example public nursery in Chaoyang in 2024 (values are illustrative).
    ///
    /// ```
    /// let s = fee_core::Scenario::example();
    /// assert_eq!(s.parameter_set.id, "cn-bj-chaoyang");
    /// ```
    pub fn example() -> Self {
        Scenario {
            schema_version: SCHEMA_VERSION,
            name: "示例：公办托育园 Example public nursery".into(),
            parameter_set: ParameterSetRef::default(),
            date: Date::known(2024, 6, 1),
            income: IncomeBasis::District { year: 2022 },
            cost: CostModel::example(),
            offsets: GovernmentInputs::default(),
            fee: FeeBasis::Public { base_price: None, float_up: None, float_down: None },
            indicators: IndicatorInputs::default(),
        }
    }
}

/// Everything computed for a scenario, with its trace.
///
/// ```
/// use fee_core::{evaluate, ParameterSet, Scenario};
/// let e = evaluate(&Scenario::example(), ParameterSet::chaoyang()?)?;
/// // It records what it was computed with, and each part feeds the next: the cap is 20% of
/// // the 2022 district income of 15,655 a month; the break-even fee is the net cost.
/// assert_eq!((e.parameter_set.id.as_str(), e.date.to_string().as_str()), ("cn-bj-chaoyang", "2024-06-01"));
/// assert_eq!(e.cap.cap.to_string(), "3131.00");
/// assert_eq!(e.fee.cap, e.cap.cap);
/// assert_eq!(e.fee.break_even_fee, e.offsets.net_per_child_month);
/// assert!(!e.trace.steps().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Evaluation {
    /// Format version.
    pub schema_version: u32,
    /// The scenario's name.
    pub scenario: String,
    /// The parameter set used.
    pub parameter_set: ParameterSetRef,
    /// The pricing date.
    pub date: Date,
    /// The cap.
    pub cap: CapResult,
    /// The cost model.
    pub cost: CostResult,
    /// Deductions and net cost.
    pub offsets: OffsetResult,
    /// Fixed and per-child parts of the net cost.
    pub economics: Economics,
    /// The fee.
    pub fee: FeeResult,
    /// Indicators.
    pub indicators: Indicators,
    /// Findings, most serious first.
    pub findings: Vec<Finding>,
    /// How every number was reached.
    pub trace: Trace,
}

impl Evaluation {
    /// The fee the scenario ends at: the guided fee (public) or the top of the reference range (private).
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let e = fee_core::evaluate(&fee_core::Scenario::example(), set)?;
    /// assert!(e.final_fee() <= e.cap.cap);
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn final_fee(&self) -> Decimal {
        self.fee.final_fee()
    }
}

/// Evaluates a scenario with a parameter set.
///
/// # Errors
///
/// [`FeeError::Invalid`] when the scenario's format is newer than this library or it
/// names another parameter set; any input error of the cost model, offsets or fee,
/// naming the field, the value and the limit; [`FeeError::Parameter`] when a rule is
/// not in force on the scenario's date.
///
/// ```
/// use fee_core::{evaluate, ParameterSet, Scenario};
/// let e = evaluate(&Scenario::example(), ParameterSet::chaoyang()?)?;
/// assert_eq!(e.cap.cap.to_string(), "3131.00");
/// assert!(e.trace.steps().iter().any(|s| s.id == "fee.guided"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn evaluate(scenario: &Scenario, params: &ParameterSet) -> Result<Evaluation, FeeError> {
    // Room for the steps of a full evaluation (about 20), so the list is not regrown.
    evaluate_into(scenario, params, Trace::with_capacity(20))
}

/// Like [`evaluate`], but without building the trace and without the cost lines' shares
/// (left at zero): the same fee, cost, offsets, indicators and findings, for sensitivity
/// grids and other bulk work.
///
/// # Errors
///
/// As [`evaluate`].
///
/// ```
/// use fee_core::{evaluate, evaluate_quiet, ParameterSet, Scenario};
/// let set = ParameterSet::chaoyang()?;
/// let s = Scenario::example();
/// let q = evaluate_quiet(&s, set)?;
/// assert!(q.trace.is_empty());
/// assert_eq!(q.fee, evaluate(&s, set)?.fee);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn evaluate_quiet(scenario: &Scenario, params: &ParameterSet) -> Result<Evaluation, FeeError> {
    evaluate_into(scenario, params, Trace::quiet())
}

fn evaluate_into(scenario: &Scenario, params: &ParameterSet, mut trace: Trace) -> Result<Evaluation, FeeError> {
    if scenario.schema_version > SCHEMA_VERSION {
        return Err(FeeError::out_of_range(
            "schema_version",
            scenario.schema_version,
            crate::foundations::error::reason::fill(
                crate::foundations::error::reason::SCHEMA_TOO_NEW,
                &[&SCHEMA_VERSION],
            ),
        ));
    }
    if scenario.parameter_set.id != params.id {
        return Err(FeeError::invalid(
            "parameter_set.id",
            &scenario.parameter_set.id,
            crate::foundations::error::reason::fill(crate::foundations::error::reason::OTHER_SET, &[&params.id]),
        ));
    }
    let date = scenario.date;
    let mut findings = Vec::new();
    if scenario.parameter_set.version != params.version {
        findings.push(
            Finding::new(
                "parameters.version_changed",
                Severity::Note,
                Message::new(
                    "情景按参数版本{0}制作，现按{1}计算",
                    "the scenario was made with parameter version {0}, evaluated with {1}",
                )
                .with(scenario.parameter_set.version.clone())
                .with(params.version.clone()),
                Source::input("parameter_set.version"),
            )
            .field("parameter_set.version"),
        );
    }
    let (cap, rule) = compute_cap(&scenario.income, None, params, date, &mut trace)?;
    // A cap the set publishes for the income's year that its own income no longer gives (a
    // bureau's set with a new income and the old published figure) is flagged.
    if let crate::rules::cap::IncomeBasis::District { year } = scenario.income {
        let published = Date::new(year, 6, 30)
            .ok()
            .and_then(|d| params.known_decimal(crate::foundations::parameters::Known::CapPublishedAmount, d).ok());
        if let Some(p) = published.filter(|p| p.value != cap.cap) {
            findings.push(Finding::new(
                "cap.published_differs",
                Severity::Warning,
                Message::new(
                    "参数集所载{0}年测算上限{1}元/月，与按其收入算得的上限{2}元/月不一致：请核对参数集",
                    "the set publishes a cap of {1} a month for {0}, but its own income gives {2}: check the set",
                )
                .with(year.to_string())
                .with(crate::foundations::money::grouped(p.value))
                .with(crate::foundations::money::grouped(cap.cap)),
                p.source(),
            ));
        }
    }
    let cost = compute_cost(&scenario.cost, params, date, &mut trace, &mut findings)?;
    let offsets = compute_offsets(&scenario.offsets, &cost, params, date, &mut trace, &mut findings)?;
    let economics = Economics::of(&cost, &offsets)?;
    let (fee_rounding, fee_rounding_param) = params.fee_rounding(date)?;
    let ctx = FeeContext {
        cost: &cost,
        offsets: &offsets,
        economics,
        cap: cap.cap,
        cap_param: rule.ratio_param,
        rounding: fee_rounding,
        rounding_param: fee_rounding_param,
    };
    let fee = derive_fee(&scenario.fee, &ctx, &mut trace, &mut findings)?;
    let indicators =
        compute_indicators(&scenario.indicators, &cap, &cost, &offsets, &economics, &fee, &rule, &mut trace)?;
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    Ok(Evaluation {
        schema_version: SCHEMA_VERSION,
        scenario: scenario.name.clone(),
        parameter_set: ParameterSetRef::of(params),
        date,
        cap,
        cost,
        offsets,
        economics,
        fee,
        indicators,
        findings,
        trace,
    })
}

#[allow(clippy::too_many_arguments)]
fn compute_indicators(
    input: &IndicatorInputs,
    cap: &CapResult,
    cost: &CostResult,
    offsets: &OffsetResult,
    economics: &Economics,
    fee: &FeeResult,
    rule: &CapRule,
    trace: &mut Trace,
) -> Result<Indicators, FeeError> {
    let share_rounding = Rounding::new(crate::foundations::money::SHARE_PLACES, rule.rounding.mode);
    let the_fee = match input.proposed_fee {
        Some(f) => non_negative(f, "indicators.proposed_fee")?,
        None => fee.final_fee(),
    };
    let share = share_rounding.div(the_fee, cap.household_monthly_income, "indicators.share_of_income")?;
    trace.record(
        "indicator.share_of_income",
        "收费占家庭月均可支配收入比例",
        "Fee as a share of household income",
        "share = fee ÷ income",
        |step| {
            step.add_input("fee", the_fee)
                .add_input("income", cap.household_monthly_income)
                .clause("二(二)1")
                .set_result(share, "ratio");
        },
    );
    let break_even_occupancy = match economics.enrolment_for_fee(the_fee)? {
        Some(e) if !economics.slots.is_zero() => {
            let occ = share_rounding.div(e, economics.slots, "indicators.break_even_occupancy")?;
            trace.record(
                "indicator.break_even_occupancy",
                "保本入托率",
                "Break-even occupancy",
                "occupancy = fixed ÷ (fee × months − per_child) ÷ slots",
                |step| {
                    step.add_input("fee", the_fee)
                        .add_input("fixed", economics.fixed_net_annual)
                        .add_input("per_child", economics.per_child_net_annual)
                        .add_input("months", economics.months)
                        .add_input("slots", economics.slots)
                        .method(
                            "net cost = fixed + per-child × enrolment; solved for the enrolment at which fee covers it",
                            "净成本 = 固定部分 + 生均部分 × 在托人数；求收费恰好覆盖成本时的在托人数",
                        )
                        .set_result(occ, "ratio");
                },
            );
            Some(occ)
        }
        _ => None,
    };
    let (needed, needed_annual) = match input.target_fee {
        Some(t) => {
            let t = non_negative(t, "indicators.target_fee")?;
            let need = sub(offsets.net_per_child_month, t, "indicators.subsidy_needed")?.max(Decimal::ZERO);
            let annual = mul(need, cost.child_months, "indicators.subsidy_needed_annual")?;
            trace.record(
                "indicator.subsidy_needed",
                "达到目标收费所需的生均月补助",
                "Subsidy per child-month needed to reach the target fee",
                "subsidy = max(0, net cost per child-month − target fee)",
                |step| {
                    step.add_input("net_per_child_month", offsets.net_per_child_month)
                        .add_input("target_fee", t)
                        .add_input("annual_at_enrolment", annual)
                        .clause("二(二)3")
                        .set_result(need, "yuan/child-month");
                },
            );
            (Some(need), Some(annual))
        }
        None => (None, None),
    };
    let mut groups = Vec::with_capacity(input.quintile_incomes.len());
    for (i, inc) in input.quintile_incomes.iter().enumerate() {
        let field = format!("indicators.quintile_incomes[{i}]");
        let inc = crate::foundations::money::positive(*inc, &field)?;
        let c = rule.cap(inc)?;
        groups.push(IncomeGroupCheck {
            income: inc,
            cap: c,
            share: share_rounding.div(the_fee, inc, &field)?,
            passes: the_fee <= c,
        });
    }
    Ok(Indicators {
        fee: the_fee,
        share_of_income: share,
        break_even_occupancy,
        subsidy_needed_per_child_month: needed,
        subsidy_needed_annual: needed_annual,
        income_groups: groups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::trace::Language;

    /// A trace read in Chinese cites its methods in Chinese: the example scenario depreciates
    /// an asset and finds its break-even occupancy, both methods of this tool.
    #[test]
    fn methods_are_cited_in_chinese_too() {
        let e = evaluate(&Scenario::example(), ParameterSet::chaoyang().unwrap()).unwrap();
        let methods: Vec<String> = e
            .trace
            .steps()
            .iter()
            .flat_map(|s| s.sources.iter())
            .filter(|s| matches!(s, Source::Method { .. }))
            .map(|s| s.text(Language::Zh))
            .collect();
        assert!(methods.len() >= 2, "{methods:?}");
        for m in &methods {
            let note = m.trim_start_matches("计算方法：");
            assert!(note.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && !note.contains("the "), "{m}");
        }
    }
}
