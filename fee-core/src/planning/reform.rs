//! A reform comparison: one scenario, or one district sample, evaluated under two parameter sets
//! (this year's against last year's, or a proposed set against the one in force), each figure side
//! by side with its change, and the findings that appear or disappear.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::error::FeeError;
use crate::foundations::finding::Finding;
use crate::foundations::money::{div, sub};
use crate::foundations::parameters::{ParameterSet, ParameterSetRef};
use crate::planning::district::{evaluate_district, DistrictResult, DistrictSample};
use crate::rules::scenario::{evaluate, Evaluation, Scenario};

/// One figure under both sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FigureChange {
    /// A stable key, such as `fee.guided_fee`.
    pub key: String,
    /// What it is, in Chinese.
    pub label_zh: String,
    /// What it is, in English.
    pub label_en: String,
    /// Its unit, as the trace names units (`yuan/month`).
    pub unit: String,
    /// Under the base set.
    pub base: Decimal,
    /// Under the reform set.
    pub reform: Decimal,
    /// reform − base, exact.
    pub delta: Decimal,
    /// delta ÷ base, exact; absent when the base is 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta_share: Option<Decimal>,
}

impl FigureChange {
    /// Whether the figure is a fee (shown by the fee rule, to the yuan) rather than another
    /// amount (to the fen).
    ///
    /// ```
    /// use fee_core::{compare_scenario, ParameterSet, Scenario};
    /// let set = ParameterSet::chaoyang()?;
    /// let c = compare_scenario(&Scenario::example(), set, set)?;
    /// assert!(c.figures.iter().any(|f| f.is_fee()));
    /// assert!(!c.figures.iter().find(|f| f.key == "cap.cap").unwrap().is_fee());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn is_fee(&self) -> bool {
        self.key.starts_with("fee.") || self.key == "tested_fee" || self.key.ends_with(".fee")
    }
}

/// The two evaluations compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Comparison {
    /// The set compared against.
    pub base_set: ParameterSetRef,
    /// The set proposed.
    pub reform_set: ParameterSetRef,
    /// Each figure under both.
    pub figures: Vec<FigureChange>,
    /// Findings under the reform set that the base set does not give (by code and field).
    pub appear: Vec<Finding>,
    /// Findings under the base set that the reform set no longer gives.
    pub disappear: Vec<Finding>,
}

struct Figures(Vec<(&'static str, &'static str, &'static str, &'static str, Decimal)>);

fn change(base: Figures, reform: Figures) -> Result<Vec<FigureChange>, FeeError> {
    let mut out = Vec::with_capacity(base.0.len());
    for (key, zh, en, unit, a) in base.0 {
        let Some((.., b)) = reform.0.iter().find(|r| r.0 == key) else { continue };
        let delta = sub(*b, a, key)?;
        let delta_share = if a.is_zero() { None } else { Some(div(delta, a, key)?) };
        out.push(FigureChange {
            key: key.to_string(),
            label_zh: zh.to_string(),
            label_en: en.to_string(),
            unit: unit.to_string(),
            base: a,
            reform: *b,
            delta,
            delta_share,
        });
    }
    Ok(out)
}

fn same_finding(a: &Finding, b: &Finding) -> bool {
    a.code == b.code && a.field == b.field
}

fn findings(base: &[Finding], reform: &[Finding]) -> (Vec<Finding>, Vec<Finding>) {
    let appear = reform.iter().filter(|r| !base.iter().any(|b| same_finding(b, r))).cloned().collect();
    let disappear = base.iter().filter(|b| !reform.iter().any(|r| same_finding(b, r))).cloned().collect();
    (appear, disappear)
}

fn scenario_figures(e: &Evaluation) -> Figures {
    let mut f = vec![
        ("cap.cap", "收费上限", "Fee cap", "yuan/month", e.cap.cap),
        ("cost.total_approved", "核定成本（年）", "Approved cost (a year)", "yuan/year", e.cost.total_approved),
        (
            "cost.cost_per_child_month",
            "生均月核定成本",
            "Approved cost per child-month",
            "yuan/child-month",
            e.cost.cost_per_child_month,
        ),
        (
            "offsets.total_annual",
            "政府投入与捐赠（年）",
            "Government input and donations (a year)",
            "yuan/year",
            e.offsets.total_annual,
        ),
        (
            "offsets.net_per_child_month",
            "生均月净成本",
            "Net cost per child-month",
            "yuan/child-month",
            e.offsets.net_per_child_month,
        ),
        ("fee.cost_based_fee", "按成本测算的收费", "Cost-based fee", "yuan/month", e.fee.cost_based_fee),
        ("fee.final_fee", "收费", "Fee", "yuan/month", e.final_fee()),
    ];
    if let Some(b) = &e.fee.float_band {
        f.push(("fee.float_band.low", "浮动下限", "Band, low", "yuan/month", b.low));
        f.push(("fee.float_band.high", "浮动上限", "Band, high", "yuan/month", b.high));
    }
    Figures(f)
}

fn district_figures(r: &DistrictResult) -> Figures {
    let mut f = vec![
        ("cap.cap", "收费上限", "Fee cap", "yuan/month", r.cap.cap),
        (
            "pooled.weighted_average",
            "定价成本（加权平均）",
            "Pricing cost (weighted)",
            "yuan/child-month",
            r.pooled.weighted_average,
        ),
        (
            "offsets.quota_per_child_month",
            "生均定额补助",
            "Quota subsidy",
            "yuan/child-month",
            r.offsets.quota_per_child_month,
        ),
        ("fee.cost_based_fee", "按成本测算的收费", "Cost-based fee", "yuan/month", r.fee.cost_based_fee),
        ("tested_fee", "测试收费", "Tested fee", "yuan/month", r.tested_fee),
        ("pooled_gap_annual", "样本年度收支差", "The sample's annual balance", "yuan/year", r.pooled_gap_annual),
        (
            "fiscal_cost_annual",
            "样本年度财政投入",
            "The sample's annual fiscal cost",
            "yuan/year",
            r.fiscal_cost_annual,
        ),
    ];
    for c in &r.class_types {
        let (key, zh, en) = match c.class_type {
            crate::rules::classes::ClassType::Infant => {
                ("class_types.infant.fee", "乳儿班全日托收费", "Infant class, full-day fee")
            }
            crate::rules::classes::ClassType::Toddler => {
                ("class_types.toddler.fee", "托小班全日托收费", "Toddler class, full-day fee")
            }
            crate::rules::classes::ClassType::OlderToddler => {
                ("class_types.older_toddler.fee", "托大班全日托收费", "Older toddler class, full-day fee")
            }
            crate::rules::classes::ClassType::Mixed => {
                ("class_types.mixed.fee", "混合班全日托收费", "Mixed class, full-day fee")
            }
        };
        f.push((key, zh, en, "yuan/month", c.fee.guided_fee.unwrap_or(c.fee.cost_based_fee)));
    }
    if let Some(v) = r.fiscal_cost_at_target_annual {
        f.push((
            "fiscal_cost_at_target_annual",
            "按目标放大的年度财政投入",
            "Annual fiscal cost at the target",
            "yuan/year",
            v,
        ));
    }
    Figures(f)
}

/// Each figure of two evaluations side by side (as [`compare_scenario`] compares one scenario
/// under two sets): `other`'s against `base`'s, with the change and its share of the base, for
/// comparing saved scenarios with the first.
///
/// # Errors
///
/// [`FeeError::Overflow`] if a change cannot be computed exactly.
///
/// ```
/// use fee_core::{compare_evaluations, evaluate, ParameterSet, Scenario};
/// let set = ParameterSet::chaoyang()?;
/// let a = evaluate(&Scenario::example(), set)?;
/// let mut s = Scenario::example();
/// s.cost.rent_monthly += rust_decimal::Decimal::from(1000);
/// let b = evaluate(&s, set)?;
/// let changes = compare_evaluations(&a, &b)?;
/// // 1,000 more rent a month is 12,000.00 more approved cost a year.
/// let cost = changes.iter().find(|c| c.key == "cost.total_approved").unwrap();
/// assert_eq!(cost.delta.to_string(), "12000.00");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn compare_evaluations(base: &Evaluation, other: &Evaluation) -> Result<Vec<FigureChange>, FeeError> {
    change(scenario_figures(base), scenario_figures(other))
}

/// `scenario` evaluated under `base` and under `reform` (its own set reference replaced by
/// each), figure by figure, with the findings that appear and disappear.
///
/// # Errors
///
/// Any error of evaluating the scenario under either set (a value not in force on its date, say).
///
/// ```
/// use fee_core::{compare_scenario, ParameterSet, Scenario};
/// // The same set on both sides: nothing changes.
/// let set = ParameterSet::chaoyang()?;
/// let c = compare_scenario(&Scenario::example(), set, set)?;
/// assert!(c.figures.iter().all(|f| f.delta.is_zero()) && c.appear.is_empty());
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn compare_scenario(
    scenario: &Scenario,
    base: &ParameterSet,
    reform: &ParameterSet,
) -> Result<Comparison, FeeError> {
    let under = |set: &ParameterSet| {
        let mut s = scenario.clone();
        s.parameter_set = ParameterSetRef::of(set);
        evaluate(&s, set)
    };
    let (a, b) = (under(base)?, under(reform).map_err(|e| e.within("reform"))?);
    let (appear, disappear) = findings(&a.findings, &b.findings);
    Ok(Comparison {
        base_set: ParameterSetRef::of(base),
        reform_set: ParameterSetRef::of(reform),
        figures: change(scenario_figures(&a), scenario_figures(&b))?,
        appear,
        disappear,
    })
}

/// `sample` evaluated under `base` and under `reform`, as [`compare_scenario`] does.
///
/// # Errors
///
/// Any error of evaluating the sample under either set.
pub fn compare_district(
    sample: &DistrictSample,
    base: &ParameterSet,
    reform: &ParameterSet,
) -> Result<Comparison, FeeError> {
    let under = |set: &ParameterSet| {
        let mut s = sample.clone();
        s.parameter_set = ParameterSetRef::of(set);
        evaluate_district(&s, set)
    };
    let (a, b) = (under(base)?, under(reform).map_err(|e| e.within("reform"))?);
    let (appear, disappear) = findings(&a.findings, &b.findings);
    Ok(Comparison {
        base_set: ParameterSetRef::of(base),
        reform_set: ParameterSetRef::of(reform),
        figures: change(district_figures(&a), district_figures(&b))?,
        appear,
        disappear,
    })
}
