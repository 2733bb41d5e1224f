//! Solving backwards: for a target fee, the value of one lever (quota subsidy, rent subsidy,
//! occupancy, carer wage, class size) at which the scenario's net cost per child-month meets it,
//! exact, then rounded by the set's rules in the direction that still meets it, and checked by
//! evaluating forward.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::error::FeeError;
use crate::foundations::finding::Message;
use crate::foundations::money::{div, sub, Rounding, RoundingMode, SHARE_PLACES};
use crate::foundations::parameters::ParameterSet;
use crate::foundations::trace::{Source, Step, Trace};
use crate::rules::classes::ClassType;
use crate::rules::offsets::{QuotaSubsidy, RentSubsidy};
use crate::rules::scenario::{evaluate, Scenario};

/// What a solve may move, one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Lever {
    /// The per-child quota subsidy, yuan per child-month (given as an amount).
    QuotaSubsidy,
    /// The rent subsidy, yuan a month.
    RentSubsidy,
    /// The share of places filled, 0 to 1.
    Occupancy,
    /// The carer monthly wage, yuan.
    CarerWage,
    /// Children added to every class, each class type up to its licensed maximum.
    ClassSize,
}

impl Lever {
    /// Every lever.
    pub const ALL: [Lever; 5] =
        [Lever::QuotaSubsidy, Lever::RentSubsidy, Lever::Occupancy, Lever::CarerWage, Lever::ClassSize];

    /// Its name in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            Lever::QuotaSubsidy => "生均定额补助",
            Lever::RentSubsidy => "租金补贴（每月）",
            Lever::Occupancy => "入托率",
            Lever::CarerWage => "保育人员月工资",
            Lever::ClassSize => "每班增加的托位",
        }
    }

    /// Its name in English.
    pub fn name_en(self) -> &'static str {
        match self {
            Lever::QuotaSubsidy => "quota subsidy",
            Lever::RentSubsidy => "rent subsidy (a month)",
            Lever::Occupancy => "occupancy",
            Lever::CarerWage => "carer monthly wage",
            Lever::ClassSize => "places added to each class",
        }
    }

    /// Its unit, as the trace names units.
    pub fn unit(self) -> &'static str {
        match self {
            Lever::QuotaSubsidy => "yuan/child-month",
            Lever::RentSubsidy | Lever::CarerWage => "yuan/month",
            Lever::Occupancy => "ratio",
            Lever::ClassSize => "children",
        }
    }
}

impl std::str::FromStr for Lever {
    type Err = FeeError;

    /// `quota_subsidy`, `rent_subsidy`, `occupancy`, `carer_wage` or `class_size` (hyphens too).
    fn from_str(s: &str) -> Result<Self, FeeError> {
        match s.trim().replace('-', "_").as_str() {
            "quota_subsidy" => Ok(Lever::QuotaSubsidy),
            "rent_subsidy" => Ok(Lever::RentSubsidy),
            "occupancy" => Ok(Lever::Occupancy),
            "carer_wage" => Ok(Lever::CarerWage),
            "class_size" => Ok(Lever::ClassSize),
            _ => Err(FeeError::invalid("lever", s, crate::foundations::error::reason::LEVER)),
        }
    }
}

/// The lever's value that meets a target fee, or why none within its bounds does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Solution {
    /// The lever moved.
    pub lever: Lever,
    /// The target fee, yuan per child-month: the net cost per child-month must not exceed it.
    pub target: Decimal,
    /// The lever's value now, where it is one number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Decimal>,
    /// The exact value at which the net cost per child-month equals the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact: Option<Decimal>,
    /// The value to use: the exact one rounded by the set's rules in the direction that still
    /// meets the target (a subsidy or occupancy up, a wage down), within the lever's bounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    /// The net cost per child-month evaluated forward at `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net_at_value: Option<Decimal>,
    /// The fee evaluated forward at `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_at_value: Option<Decimal>,
    /// What the solve found, in both languages.
    pub message: Message,
    /// How the value was reached.
    pub trace: Trace,
}

/// The scenario with `lever` set to `x`.
fn with(scenario: &Scenario, lever: Lever, x: Decimal, k: u32, params: &ParameterSet) -> Result<Scenario, FeeError> {
    let mut s = scenario.clone();
    match lever {
        Lever::QuotaSubsidy => s.offsets.quota_subsidy = Some(QuotaSubsidy::Amount { per_child_month: x }),
        Lever::RentSubsidy => s.offsets.rent_subsidy = Some(RentSubsidy::PerMonth { amount: x }),
        Lever::Occupancy => s.cost.enrolment = crate::rules::cost::Enrolment::Occupancy { rate: x },
        Lever::CarerWage => s.cost.carer_monthly_wage = x,
        Lever::ClassSize => {
            for g in &mut s.cost.classes {
                let max = g.class_type.standard(params, s.date)?.max_size.value;
                let max = u32::try_from(max.trunc().mantissa()).unwrap_or(u32::MAX);
                g.children_per_class = g.children_per_class.saturating_add(k).min(max.max(g.children_per_class));
                if g.class_type != ClassType::Mixed {
                    // Carers follow the ratio as the classes grow.
                    g.carers_per_class = None;
                }
            }
        }
    }
    Ok(s)
}

/// The value of `lever` that brings the scenario's net cost per child-month to `target`.
///
/// Costs are affine in a subsidy and a wage, so two evaluations fix the line and the crossing is
/// solved exactly; occupancy is solved from the fixed and per-child costs; class size, a step
/// function, is searched child by child up to each class type's licensed maximum. The value is
/// then checked by evaluating the scenario forward with it.
///
/// # Errors
///
/// Any evaluation error of the scenario; [`FeeError::OutOfRange`] naming `target` for a negative
/// target.
///
/// ```
/// use fee_core::{solve, Lever, ParameterSet, Scenario};
/// let set = ParameterSet::chaoyang()?;
/// let s = Scenario::example();
/// let target = "1800".parse().unwrap();
/// let q = solve(&s, set, Lever::QuotaSubsidy, target)?;
/// // Checked forward: at the rounded subsidy the net cost is at most the target.
/// assert!(q.net_at_value.unwrap() <= target);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn solve(scenario: &Scenario, params: &ParameterSet, lever: Lever, target: Decimal) -> Result<Solution, FeeError> {
    let target = crate::foundations::money::non_negative(target, "target")?;
    let base = evaluate(scenario, params)?;
    let (money, money_param) = params.money_rounding(scenario.date)?;
    let up = Rounding::new(money.decimal_places, RoundingMode::ToPositiveInfinity);
    let down = Rounding::new(money.decimal_places, RoundingMode::ToNegativeInfinity);
    let share_up = Rounding::new(SHARE_PLACES, RoundingMode::ToPositiveInfinity);
    let net = |s: &Scenario| -> Result<Decimal, FeeError> { Ok(evaluate(s, params)?.offsets.net_per_child_month) };
    let current = match lever {
        Lever::QuotaSubsidy => Some(base.offsets.quota_per_child_month),
        Lever::RentSubsidy => match &scenario.offsets.rent_subsidy {
            Some(RentSubsidy::PerMonth { amount }) => Some(*amount),
            None => Some(Decimal::ZERO),
            Some(RentSubsidy::PerSquareMetreDay { .. }) => None,
        },
        Lever::Occupancy => {
            if base.cost.slots.is_zero() {
                None
            } else {
                Some(div(base.cost.enrolment, base.cost.slots, "occupancy")?)
            }
        }
        Lever::CarerWage => Some(scenario.cost.carer_monthly_wage),
        Lever::ClassSize => None,
    };
    let mut trace = Trace::with_capacity(2);
    let mut step = Step::new(
        "solve.lever",
        "反推：达到目标收费所需的取值",
        "Solved backwards: the value that meets the target fee",
        "net cost per child-month(value) = target",
    )
    .input("target", target)
    .input("net_per_child_month_now", base.offsets.net_per_child_month)
    .source(Source::input("target"));
    let (exact, value) = match lever {
        Lever::QuotaSubsidy | Lever::RentSubsidy | Lever::CarerWage => {
            let probe = Decimal::from(1000);
            let a = net(&with(scenario, lever, Decimal::ZERO, 0, params)?)?;
            let slope = div(sub(net(&with(scenario, lever, probe, 0, params)?)?, a, "solve")?, probe, "solve")?;
            step = step.input("net_at_0", a).input("slope_per_yuan", slope).source(Source::method(
                "the net cost is affine in a subsidy and in a wage: two evaluations fix the line, and the crossing is solved exactly",
                "净成本是补助、工资的一次函数：两次测算定出直线，交点精确求得",
            ));
            if slope.is_zero() {
                (None, None)
            } else {
                // The net costs are repeating decimals cut at 28 digits; the crossing is kept to 12
                // places, so an exact 17,690 is not read as 17,690.000…01 and rounded up a fen.
                let x = Rounding::new(12, RoundingMode::MidpointNearestEven).apply(div(
                    sub(target, a, "solve")?,
                    slope,
                    "solve",
                )?);
                let rounded = match lever {
                    Lever::CarerWage => down.apply(x),
                    _ => up.apply(x),
                };
                // A subsidy below 0 means the target is met without one; a wage below 0, never.
                let value = match lever {
                    Lever::CarerWage if rounded < Decimal::ZERO => None,
                    Lever::CarerWage => Some(rounded),
                    _ => Some(rounded.max(Decimal::ZERO)),
                };
                (Some(x), value)
            }
        }
        Lever::Occupancy => {
            let e = base.economics;
            step = step
                .input("fixed_net_annual", e.fixed_net_annual)
                .input("per_child_net_annual", e.per_child_net_annual)
                .input("slots", e.slots)
                .source(Source::method(
                    "occupancy = fixed net cost ÷ ((target × months − per-child net cost) × places)",
                    "入托率 = 固定净成本 ÷ ((目标收费 × 月数 − 生均净成本) × 托位数)",
                ));
            match e.enrolment_for_fee(target)? {
                Some(enrolment) if !e.slots.is_zero() => {
                    let x = div(enrolment, e.slots, "occupancy")?;
                    let v = share_up.apply(x);
                    (Some(x), (v <= Decimal::ONE).then_some(v))
                }
                _ => (None, None),
            }
        }
        Lever::ClassSize => {
            step = step.source(Source::method(
                "children are added to every class, each class type up to its licensed maximum, one at a time, carers by the ratio",
                "各班逐一增加托位（不超过各班型班额上限），保育人员按配比配置",
            ));
            let mut found = None;
            for k in 0..=30u32 {
                let s = with(scenario, lever, Decimal::ZERO, k, params)?;
                if net(&s)? <= target {
                    found = Some(Decimal::from(k));
                    break;
                }
                // Every class at its maximum: adding more changes nothing.
                if k > 0 && s.cost.classes == with(scenario, lever, Decimal::ZERO, k - 1, params)?.cost.classes {
                    break;
                }
            }
            (found, found)
        }
    };
    let (net_at_value, fee_at_value) = match value {
        Some(v) => {
            let k = u32::try_from(v.trunc().mantissa()).unwrap_or(0);
            let forward = evaluate(&with(scenario, lever, v, k, params)?, params)?;
            (Some(forward.offsets.net_per_child_month), Some(forward.final_fee()))
        }
        None => (None, None),
    };
    // The forward check: a value that does not meet the target (a subsidy limited by the rent,
    // say) is not offered.
    let (value, net_at_value, fee_at_value) = match net_at_value {
        Some(n) if n > target && lever != Lever::ClassSize => (None, None, None),
        _ => (value, net_at_value, fee_at_value),
    };
    let (zh, en) = (lever.name_zh(), lever.name_en());
    let shown = |v: Decimal| match lever {
        Lever::Occupancy => params.round_percent(v, scenario.date).map_or_else(|_| v.to_string(), |p| format!("{p}%")),
        _ => crate::foundations::money::grouped(v),
    };
    let message = match (value, exact) {
        (Some(v), _) => Message::new(
            "{0}取{1}时，生均月净成本为{2}元，不超过目标{3}元",
            "with the {4} at {1}, the net cost per child-month is {2}, within the target {3}",
        )
        .with(zh)
        .with(shown(v))
        .with(crate::foundations::money::grouped(money.apply(net_at_value.unwrap_or_default())))
        .with(crate::foundations::money::grouped(target))
        .with(en),
        (None, _) => {
            Message::new("{0}在允许范围内取任何值都达不到目标{1}元", "no {2} within its bounds meets the target {1}")
                .with(zh)
                .with(crate::foundations::money::grouped(target))
                .with(en)
        }
    };
    if let Some(x) = exact {
        step = step.input("exact", x);
    }
    trace.push(step.source(money_param.source()).result(value.unwrap_or_default(), lever.unit()));
    Ok(Solution { lever, target, current, exact, value, net_at_value, fee_at_value, message, trace })
}
