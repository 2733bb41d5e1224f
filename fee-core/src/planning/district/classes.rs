//! Costs and fees per class type: each institution's approved cost split between its class
//! types, the district's pricing cost of each type, and the guided fee of each type and
//! service form.
//!
//! A cost that belongs to a class goes to its class type: carer wages by the carers each class
//! type needs or has (its ratio), and other costs counted per class by its classes. Every other
//! cost (management, premises, utilities, on-costs, costs per child or per site) is shared and
//! allocated by child-months. An institution reports its enrolment as a whole, so its
//! child-months are split between class types by their places: each type is taken to be filled
//! at the institution's rate.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::finding::{Finding, Message, Severity};
use crate::foundations::money::{add, div, mul, sub, sum, Rounding};
use crate::foundations::parameters::{Known, ParameterSet};
use crate::foundations::trace::{Step, Trace};
use crate::rules::classes::{check_group, ClassType};
use crate::rules::cost::{CostBasis, CostModel, CostResult};
use crate::rules::fee::{derive_fee, Economics, FeeBasis, FeeContext, FeeResult};
use crate::rules::offsets::OffsetResult;

use super::PooledCost;

/// One class type's share of an institution's approved cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClassTypeCost {
    /// The class type.
    pub class_type: ClassType,
    /// Places of the type, averaged over the audit years.
    pub slots: Decimal,
    /// Child-months of the type: the institution's child-months × the type's share of places.
    pub child_months: Decimal,
    /// Approved costs that belong to the type's classes (carer wages, costs per class), yuan a year.
    pub direct_annual: Decimal,
    /// The type's share of the shared costs, by child-months, yuan a year.
    pub shared_annual: Decimal,
    /// direct_annual + shared_annual.
    pub approved_annual: Decimal,
    /// Approved cost per child-month of the type, exact.
    pub cost_per_child_month: Decimal,
    /// The same, rounded by `rounding.money`.
    pub cost_per_child_month_rounded: Decimal,
}

/// The fees of the service forms derived from a full-day fee by the set's limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ServiceFormFees {
    /// Half-day fee, yuan per child-month: ⌊full-day fee × `limits.half_day_share`⌋ to the
    /// fee's places; absent when the set has no half-day limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_day: Option<Decimal>,
    /// Hourly fee, yuan an hour: ⌊full-day fee ÷ `limits.working_days_per_month` ×
    /// `limits.hourly_share`⌋ to the fen; absent when the set has no hourly limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly: Option<Decimal>,
}

/// The district's pricing cost and fees of one class type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClassTypePricing {
    /// The class type.
    pub class_type: ClassType,
    /// The pooled cost of the type over the pooled institutions that run it.
    pub pooled: PooledCost,
    /// Government input per child-month deducted (the sample's, the same for every type), exact.
    pub offsets_per_child_month: Decimal,
    /// The full-day fee: the guided base fee within the cap, and its float band.
    pub fee: FeeResult,
    /// Half-day and hourly fees from the full-day guided fee.
    pub service_forms: ServiceFormFees,
}

/// A type's running totals in one institution year.
#[derive(Clone, Copy)]
struct Tally {
    slots: Decimal,
    classes: Decimal,
    carers: Decimal,
}

/// Splits one audit year's approved cost between its class types.
pub(super) fn allocate_year(
    model: &CostModel,
    cost: &CostResult,
    params: &ParameterSet,
    date: Date,
) -> Result<Vec<ClassTypeCost>, FeeError> {
    let zero = Tally { slots: Decimal::ZERO, classes: Decimal::ZERO, carers: Decimal::ZERO };
    let mut tallies = [zero; 4];
    let mut ignored = Vec::new();
    for (i, g) in model.classes.iter().enumerate() {
        let staffing = check_group(g, i, params, date, &mut ignored)?;
        let k = type_index(g.class_type);
        let n = Decimal::from(g.classes);
        let t = &mut tallies[k];
        t.slots = add(t.slots, Decimal::from(g.slots()), "cost.slots")?;
        t.classes = add(t.classes, n, "cost.classes")?;
        t.carers = add(t.carers, mul(n, Decimal::from(staffing.used_per_class), "cost.carers")?, "cost.carers")?;
    }
    let approved_of = |id: &str| cost.lines.iter().find(|l| l.id == id).map(|l| l.approved_annual);
    let carers_approved = approved_of("personnel.carers").unwrap_or_default();
    let mut per_class_approved = Decimal::ZERO;
    for (i, c) in model.other_costs.iter().enumerate() {
        if c.basis == CostBasis::PerClass {
            let line = approved_of(&format!("other.{i}")).unwrap_or_default();
            per_class_approved = add(per_class_approved, line, "cost.other_costs")?;
        }
    }
    let mut out = Vec::with_capacity(4);
    let mut direct_total = Decimal::ZERO;
    for (k, t) in tallies.iter().enumerate() {
        if t.slots.is_zero() {
            continue;
        }
        let carers = share(carers_approved, t.carers, cost.carers)?;
        let classes = share(per_class_approved, t.classes, cost.classes)?;
        let direct = add(carers, classes, "cost")?;
        direct_total = add(direct_total, direct, "cost")?;
        out.push(ClassTypeCost {
            class_type: ClassType::ALL[k],
            slots: t.slots,
            child_months: share(cost.child_months, t.slots, cost.slots)?,
            direct_annual: direct,
            shared_annual: Decimal::ZERO,
            approved_annual: Decimal::ZERO,
            cost_per_child_month: Decimal::ZERO,
            cost_per_child_month_rounded: Decimal::ZERO,
        });
    }
    let shared = sub(cost.total_approved, direct_total, "cost")?;
    for c in &mut out {
        c.shared_annual = share(shared, c.slots, cost.slots)?;
        c.approved_annual = add(c.direct_annual, c.shared_annual, "cost")?;
    }
    Ok(out)
}

/// `whole × part ÷ total`, or 0 when the total is 0.
fn share(whole: Decimal, part: Decimal, total: Decimal) -> Result<Decimal, FeeError> {
    if total.is_zero() {
        return Ok(Decimal::ZERO);
    }
    div(mul(whole, part, "allocation")?, total, "allocation")
}

fn type_index(t: ClassType) -> usize {
    ClassType::ALL.iter().position(|x| *x == t).unwrap_or(0)
}

/// Averages the class types of an institution's years (a type missing from a year counts 0 in
/// it), and finds each type's cost per child-month.
pub(super) fn average_years(
    years: &[Vec<ClassTypeCost>],
    money: Rounding,
    field: &str,
) -> Result<Vec<ClassTypeCost>, FeeError> {
    let n = Decimal::from(years.len().max(1));
    let mut out = Vec::with_capacity(4);
    for class_type in ClassType::ALL {
        let of_type: Vec<&ClassTypeCost> = years.iter().flatten().filter(|c| c.class_type == class_type).collect();
        if of_type.is_empty() {
            continue;
        }
        let mean = |f: fn(&ClassTypeCost) -> Decimal| -> Result<Decimal, FeeError> {
            div(sum(of_type.iter().map(|c| f(c)), field)?, n, field)
        };
        let child_months = mean(|c| c.child_months)?;
        let approved = mean(|c| c.approved_annual)?;
        let cost = if child_months.is_zero() { Decimal::ZERO } else { div(approved, child_months, field)? };
        out.push(ClassTypeCost {
            class_type,
            slots: mean(|c| c.slots)?,
            child_months,
            direct_annual: mean(|c| c.direct_annual)?,
            shared_annual: mean(|c| c.shared_annual)?,
            approved_annual: approved,
            cost_per_child_month: cost,
            cost_per_child_month_rounded: money.apply(cost),
        });
    }
    Ok(out)
}

/// The district figures every class type is priced with.
pub(super) struct Pricing<'a> {
    pub params: &'a ParameterSet,
    pub date: Date,
    pub money: Rounding,
    pub offsets: &'a OffsetResult,
    /// The overall pricing cost, exact: the offsets per child-month are its net difference.
    pub weighted_average: Decimal,
    pub cap: Decimal,
    pub cap_param: crate::foundations::parameters::ParamValue<'a>,
    pub basis: FeeBasis,
}

/// Prices each class type from its pooled institutions: its pricing cost, less the sample's
/// government input per child-month, gives the full-day guided fee within the cap and its band;
/// the service forms follow from the set's limits.
pub(super) fn price_class_types(
    pooled: &[(&str, &[ClassTypeCost])],
    pricing: &Pricing<'_>,
    pool: impl Fn(&[(Decimal, Decimal, Decimal)]) -> Result<PooledCost, FeeError>,
    trace: &mut Trace,
    findings: &mut Vec<Finding>,
) -> Result<Vec<ClassTypePricing>, FeeError> {
    let deduction = sub(pricing.weighted_average, pricing.offsets.net_per_child_month, "offsets")?;
    let (fee_rounding, fee_rounding_param) = pricing.params.fee_rounding(pricing.date)?;
    let half = pricing.params.optional_known_decimal(Known::HalfDayShare, pricing.date)?;
    let hourly = pricing.params.optional_known_decimal(Known::HourlyShare, pricing.date)?;
    let days = pricing.params.optional_known_decimal(Known::WorkingDaysPerMonth, pricing.date)?;
    let mut out = Vec::with_capacity(4);
    for class_type in ClassType::ALL {
        let entries: Vec<(Decimal, Decimal, Decimal)> = pooled
            .iter()
            .flat_map(|(_, types)| types.iter())
            .filter(|c| c.class_type == class_type && !c.child_months.is_zero())
            .map(|c| (c.approved_annual, c.child_months, c.cost_per_child_month))
            .collect();
        if entries.is_empty() {
            continue;
        }
        let stats = pool(&entries)?;
        let net = sub(stats.weighted_average, deduction, "offsets")?;
        let offsets = OffsetResult { net_per_child_month: net, ..pricing.offsets.clone() };
        let cost = CostResult {
            method: crate::rules::cost::CostMethod::Audit,
            lines: Vec::new(),
            total_reported: stats.total_approved_annual,
            total_approved: stats.total_approved_annual,
            per_child_approved: Decimal::ZERO,
            slots: Decimal::ZERO,
            classes: Decimal::ZERO,
            carers_required: Decimal::ZERO,
            carers: Decimal::ZERO,
            enrolment: stats.total_child_months,
            child_months: stats.total_child_months,
            months_charged: Decimal::ONE,
            cost_per_child_month: stats.weighted_average,
            cost_per_child_month_rounded: stats.weighted_average_rounded,
            meal_fee_per_child_month: Decimal::ZERO,
        };
        let ctx = FeeContext {
            cost: &cost,
            offsets: &offsets,
            economics: Economics::of(&cost, &offsets)?,
            cap: pricing.cap,
            cap_param: pricing.cap_param,
            rounding: fee_rounding,
            rounding_param: fee_rounding_param,
        };
        let fee = derive_fee(&pricing.basis, &ctx, &mut Trace::quiet(), &mut Vec::new())?;
        let full = fee.guided_fee.unwrap_or(fee.cost_based_fee);
        let service_forms = ServiceFormFees {
            half_day: match &half {
                Some(h) => Some(fee_rounding.floor(mul(full, h.value, "limits.half_day_share")?)),
                None => None,
            },
            hourly: match (&hourly, &days) {
                (Some(h), Some(d)) => Some(pricing.money.floor(mul(
                    div(full, d.value, "limits.working_days_per_month")?,
                    h.value,
                    "limits.hourly_share",
                )?)),
                _ => None,
            },
        };
        let (label_zh, label_en) = labels(class_type);
        let mut step = Step::new(
            "district.class_type",
            label_zh,
            label_en,
            "pricing_cost_t = Σ approved cost_t ÷ Σ child-months_t; fee_t = min(round(pricing_cost_t − offsets per child-month), ⌊cap⌋)",
        )
        .input("total_approved_annual", stats.total_approved_annual)
        .input("total_child_months", stats.total_child_months)
        .input("pricing_cost", stats.weighted_average)
        .input("offsets_per_child_month", deduction)
        .input("cap", pricing.cap)
        .source(crate::foundations::trace::Source::document("京发改〔2006〕1893号", "第四条"))
        .source(crate::foundations::trace::Source::method(
            "carer wages and costs per class go to the class type that incurs them; the rest is shared by child-months, and an institution's child-months are split by places",
            "保育人员工资与按班计的费用计入所属班型；其余共同费用按人月数分摊，机构的人月数按各班型托位数分配",
        ))
        .source(pricing.cap_param.source())
        .source(fee_rounding_param.source());
        if let Some(h) = &half {
            step = step.input("half_day_share", h.value).source(h.source());
        }
        if let (Some(h), Some(d)) = (&hourly, &days) {
            step = step
                .input("hourly_share", h.value)
                .input("working_days", d.value)
                .source(h.source())
                .source(d.source());
        }
        trace.push(step.result(full, "yuan/child-month"));
        out.push(ClassTypePricing {
            class_type,
            pooled: stats,
            offsets_per_child_month: deduction,
            fee,
            service_forms,
        });
    }
    if !out.is_empty() && (half.is_none() || hourly.is_none() || days.is_none()) {
        findings.push(
            Finding::new(
                "district.no_service_form_limits",
                Severity::Note,
                Message::new(
                    "参数集“{0}”未设半日托或计时托收费限额（limits.half_day_share、limits.hourly_share、limits.working_days_per_month），相应收费未测算",
                    "the parameter set “{0}” has no half-day or hourly limit (limits.half_day_share, limits.hourly_share, limits.working_days_per_month); those fees are not derived",
                )
                .with(pricing.params.id.clone()),
                crate::foundations::trace::Source::document("发改价格〔2024〕1477号", "全日托、半日托、计时托"),
            )
            .field("service_forms"),
        );
    }
    Ok(out)
}

/// The trace labels of a class type's pricing step.
fn labels(t: ClassType) -> (&'static str, &'static str) {
    match t {
        ClassType::Infant => ("乳儿班定价成本与全日托收费", "Infant class: pricing cost and full-day fee"),
        ClassType::Toddler => ("托小班定价成本与全日托收费", "Toddler class: pricing cost and full-day fee"),
        ClassType::OlderToddler => ("托大班定价成本与全日托收费", "Older toddler class: pricing cost and full-day fee"),
        ClassType::Mixed => ("混合班定价成本与全日托收费", "Mixed class: pricing cost and full-day fee"),
    }
}
