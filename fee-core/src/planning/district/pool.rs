//! Pooling a district sample: each institution's years averaged, the weighted average cost,
//! its spread, outliers, the fee from the pooled cost, and each institution's gap at the fee.

use rust_decimal::Decimal;

use crate::foundations::date::Date;
use crate::foundations::error::{reason, FeeError};
use crate::foundations::finding::{Finding, Message, Severity};
use crate::foundations::money::{add, div, grouped, mul, non_negative, sub, sum, within, Rounding, SHARE_PLACES};
use crate::foundations::parameters::{ParameterSet, ParameterSetRef};
use crate::foundations::trace::{Source, Step, Trace};
use crate::rules::cap::compute_cap;
use crate::rules::cost::{compute_cost, CostMethod, CostResult};
use crate::rules::fee::{derive_fee, Economics, FeeBasis, FeeContext};
use crate::rules::offsets::compute_offsets;

use super::classes::{allocate_year, average_years, price_class_types, Pricing};
use super::{DistrictResult, DistrictSample, InstitutionCost, PooledCost, DISTRICT_SCHEMA_VERSION};

/// The rule on the pricing cost, cited by every pooled figure.
const PRICING_COST_RULE: (&str, &str) = ("京发改〔2006〕1893号", "第四条");

/// The parameter holding the outlier threshold.
pub(super) const OUTLIER_PARAMETER: &str = "district.outlier_deviation";

/// Evaluates a district sample: every institution's approved cost per child-month (its audit
/// years averaged), the pricing cost (定价成本) as Σ approved cost ÷ Σ child-months of the
/// institutions not excluded, its spread, outliers flagged by `district.outlier_deviation`, the
/// guided base fee and float band within the cap, and each institution's surplus or deficit at
/// the tested fee.
///
/// # Errors
///
/// [`FeeError::OutOfRange`] naming `institutions` for an empty sample, or
/// `institutions[i].years` for an institution without years; an institution's cost errors
/// under `institutions[i].years[j].cost…` (no enrolment, say); [`FeeError::Invalid`] naming
/// `exclusions[k].reason` for an exclusion without a reason, `exclusions[k].institution` for one
/// that names no institution, `institutions[i].id` for an id given twice, and `exclusions` when
/// every institution is excluded; any error of the cap, offsets and fee rules.
///
/// ```
/// use fee_core::{evaluate_district, DistrictSample, ParameterSet};
/// let sample: DistrictSample = serde_json::from_str(include_str!("../../../../samples/district/sample.json")).unwrap();
/// let result = evaluate_district(&sample, ParameterSet::chaoyang()?)?;
/// // The pricing cost is the child-month-weighted average of the pooled institutions.
/// let pooled: Vec<_> = result.institutions.iter().filter(|i| i.excluded.is_none()).collect();
/// let cost: rust_decimal::Decimal = pooled.iter().map(|i| i.approved_annual).sum();
/// let months: rust_decimal::Decimal = pooled.iter().map(|i| i.child_months).sum();
/// assert_eq!(result.pooled.weighted_average, cost / months);
/// assert!(result.fee.guided_fee.unwrap() <= result.fee.cap);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn evaluate_district(sample: &DistrictSample, params: &ParameterSet) -> Result<DistrictResult, FeeError> {
    if sample.schema_version > DISTRICT_SCHEMA_VERSION {
        return Err(FeeError::out_of_range(
            "schema_version",
            sample.schema_version,
            reason::fill(reason::SCHEMA_TOO_NEW, &[&DISTRICT_SCHEMA_VERSION]),
        ));
    }
    if sample.parameter_set.id != params.id {
        return Err(FeeError::invalid(
            "parameter_set.id",
            &sample.parameter_set.id,
            reason::fill(reason::OTHER_SET, &[&params.id]),
        ));
    }
    if sample.institutions.is_empty() {
        return Err(FeeError::out_of_range("institutions", 0, reason::SAMPLE_EMPTY));
    }
    let date = sample.date;
    let mut trace = Trace::with_capacity(16 + sample.institutions.len());
    let mut findings = Vec::new();
    let (money, money_param) = params.money_rounding(date)?;
    let excluded = exclusions(sample)?;

    // Each institution: its years computed and averaged.
    let mut institutions = Vec::with_capacity(sample.institutions.len());
    for (i, why) in excluded.into_iter().enumerate() {
        institutions.push(institution_cost(sample, i, params, date, money, why, &mut trace)?);
    }

    // Deviation from the weighted average of the whole sample, before any exclusion.
    let all_cost = sum(institutions.iter().map(|c| c.approved_annual), "institutions")?;
    let all_months = sum(institutions.iter().map(|c| c.child_months), "institutions")?;
    let all_average = div(all_cost, all_months, "institutions")?;
    let threshold = params.decimal(OUTLIER_PARAMETER, date)?;
    let limit = within(threshold.value, Decimal::ZERO, Decimal::ONE, OUTLIER_PARAMETER)?;
    let share = Rounding::new(SHARE_PLACES, money.mode);
    let percent = format!("{}%", mul(limit, Decimal::ONE_HUNDRED, OUTLIER_PARAMETER)?.normalize());
    for c in &mut institutions {
        c.deviation = share.div(sub(c.cost_per_child_month, all_average, "deviation")?, all_average, "deviation")?;
        c.outlier = c.deviation.abs() > limit;
        if c.outlier {
            findings.push(
                Finding::new(
                    "district.outlier",
                    Severity::Warning,
                    Message::new(
                        "{0}：生均月成本{1}元，偏离样本加权平均{2}元超过{3}；如剔除须写明理由",
                        "{0}: cost per child-month {1} deviates from the sample's weighted average {2} by more than {3}; exclude it only with a reason",
                    )
                    .with(c.name.clone())
                    .with(grouped(c.cost_per_child_month_rounded))
                    .with(grouped(money.apply(all_average)))
                    .with(percent.clone()),
                    threshold.source(),
                )
                .field(format!("institutions.{}", c.id))
                .value("deviation", c.deviation),
            );
        }
        if let Some(why) = &c.excluded {
            findings.push(
                Finding::new(
                    "district.excluded",
                    Severity::Note,
                    Message::new("{0}未计入社会平均成本：{1}", "{0} is left out of the social average: {1}")
                        .with(c.name.clone())
                        .with(why.clone()),
                    Source::input("exclusions"),
                )
                .field(format!("institutions.{}", c.id)),
            );
        }
    }
    trace.record(
        "district.outlier_rule",
        "偏离样本加权平均的标记阈值",
        "Threshold for flagging a deviation from the sample's weighted average",
        "outlier = |cost − weighted average of all| ÷ weighted average of all > threshold",
        |step| {
            step.add_input("weighted_average_of_all", all_average).cite(&threshold).set_result(limit, "ratio");
        },
    );

    let pooled_list: Vec<&InstitutionCost> = institutions.iter().filter(|c| c.excluded.is_none()).collect();
    let pooled = pool(&pooled_list, money, &mut trace)?;
    trace.record(
        "district.class_allocation",
        "成本按班型分摊",
        "Costs allocated to class types",
        "cost_t = (direct_t + shared × child-months_t ÷ child-months) ÷ child-months_t",
        |step| {
            step.method(
                "carer wages go to each class type by the carers its classes need or have, costs per class by its classes; the other costs are shared by child-months; an institution's child-months are split by places",
                "保育人员工资按各班型所需或实有保育人员数计入该班型，按班计的费用按班数计入；其余费用按人月数分摊；机构的人月数按各班型托位数分配",
            )
            .document(PRICING_COST_RULE.0, PRICING_COST_RULE.1)
            .set_result(Decimal::from(pooled_list.len()), "institutions");
        },
    );

    // The fee from the pooled cost, by the rules one institution is priced by.
    let (cap, rule) = compute_cap(&sample.income, None, params, date, &mut trace)?;
    let slots = sum(pooled_list.iter().map(|c| c.slots), "institutions")?;
    // Average children enrolled: each institution's mean over its years, summed.
    let enrolment = pooled_list.iter().try_fold(Decimal::ZERO, |a, c| {
        let each = sum(c.statements.iter().map(|s| s.enrolment), "institutions")?;
        add(a, div(each, Decimal::from(c.statements.len()), "institutions")?, "institutions")
    })?;
    let total_reported = sum(pooled_list.iter().map(|c| c.reported_annual), "institutions")?;
    let pooled_cost = CostResult {
        method: CostMethod::Audit,
        lines: Vec::new(),
        total_reported,
        total_approved: pooled.total_approved_annual,
        per_child_approved: Decimal::ZERO,
        slots,
        classes: Decimal::ZERO,
        carers_required: Decimal::ZERO,
        carers: Decimal::ZERO,
        enrolment,
        child_months: pooled.total_child_months,
        months_charged: div(pooled.total_child_months, enrolment, "institutions")?,
        cost_per_child_month: pooled.weighted_average,
        cost_per_child_month_rounded: pooled.weighted_average_rounded,
        meal_fee_per_child_month: Decimal::ZERO,
    };
    let offsets = compute_offsets(&sample.offsets, &pooled_cost, params, date, &mut trace, &mut findings)
        .map_err(|e| e.within("offsets"))?;
    let (fee_rounding, fee_rounding_param) = params.fee_rounding(date)?;
    let ctx = FeeContext {
        cost: &pooled_cost,
        offsets: &offsets,
        economics: Economics::of(&pooled_cost, &offsets)?,
        cap: cap.cap,
        cap_param: rule.ratio_param,
        rounding: fee_rounding,
        rounding_param: fee_rounding_param,
    };
    let basis = FeeBasis::Public { base_price: None, float_up: sample.float_up, float_down: sample.float_down };
    let fee = derive_fee(&basis, &ctx, &mut trace, &mut findings)?;
    if let (Some(up), Some(band)) = (sample.float_up, &fee.float_band) {
        let unbounded = fee_rounding.apply(mul(fee.cost_based_fee, Decimal::ONE + up, "float_up")?);
        if unbounded > band.high {
            findings.push(
                Finding::new(
                    "district.band_held_at_cap",
                    Severity::Note,
                    Message::new(
                        "浮动上限{0}元/月超过收费上限，按上限{1}元/月确定",
                        "the top of the float band, {0}, is above the cap and is held at {1}",
                    )
                    .with(grouped(unbounded))
                    .with(grouped(band.high)),
                    Source::clause("二(二)1"),
                )
                .field("float_up")
                .value("unbounded", unbounded)
                .value("cap", fee.cap_in_fee_units),
            );
        }
    }
    let pricing = Pricing {
        params,
        date,
        money,
        offsets: &offsets,
        weighted_average: pooled.weighted_average,
        cap: cap.cap,
        cap_param: rule.ratio_param,
        basis: basis.clone(),
    };
    let pooled_types: Vec<(&str, &[super::ClassTypeCost])> =
        pooled_list.iter().map(|c| (c.id.as_str(), c.class_types.as_slice())).collect();
    let class_types = price_class_types(&pooled_types, &pricing, |e| stats(e, money), &mut trace, &mut findings)?;
    let tested_fee = match sample.fee {
        Some(f) => non_negative(f, "fee")?,
        None => fee.guided_fee.unwrap_or(fee.cost_based_fee),
    };

    // Each institution at the tested fee; the pooled gap and the fiscal cost.
    let revenue = add(tested_fee, offsets.quota_per_child_month, "fee")?;
    let mut gap = Decimal::ZERO;
    let mut needed = Decimal::ZERO;
    for c in &mut institutions {
        c.surplus_per_child_month = sub(revenue, c.cost_per_child_month, "fee")?;
        let exact = mul(c.surplus_per_child_month, c.child_months, "fee")?;
        c.surplus_annual = money.apply(exact);
        let shortfall = exact.min(Decimal::ZERO).abs();
        c.subsidy_needed_annual = money.apply(shortfall);
        if c.excluded.is_none() {
            gap = add(gap, exact, "fee")?;
            needed = add(needed, shortfall, "fee")?;
        }
    }
    let pooled_gap_annual = money.apply(gap);
    trace.record(
        "district.gap",
        "样本按测试收费的收支差（年）",
        "The sample's surplus or gap at the tested fee (a year)",
        "gap = Σ (fee + quota − cost_i) × child_months_i = (fee + quota) × Σ child_months − Σ approved cost",
        |step| {
            step.add_input("fee", tested_fee)
                .add_input("quota_per_child_month", offsets.quota_per_child_month)
                .add_input("total_child_months", pooled.total_child_months)
                .add_input("total_approved_annual", pooled.total_approved_annual)
                .cite(&money_param)
                .set_result(pooled_gap_annual, "yuan/year");
        },
    );
    let quota_annual = mul(offsets.quota_per_child_month, pooled.total_child_months, "offsets")?;
    let fiscal_cost_annual = money.apply(add(quota_annual, needed, "fee")?);
    trace.record(
        "district.fiscal_cost",
        "样本的年度财政投入（定额补助与收支缺口补助）",
        "The sample's annual fiscal cost (quota subsidy and the top-up each institution needs)",
        "fiscal = quota × Σ child_months + Σ max(0, −gap_i)",
        |step| {
            step.add_input("quota_annual", quota_annual)
                .add_input("top_ups_annual", needed)
                .clause("二(二)3")
                .set_result(fiscal_cost_annual, "yuan/year");
        },
    );
    let (target_slots, fiscal_cost_at_target_annual) = match sample.target_year {
        None => (None, None),
        Some(year) => {
            let on = Date::end_of_year(year).map_err(|e| e.within("target_year"))?;
            let target = params.decimal("slots.inclusive", on)?;
            let scaled = money.apply(mul(div(fiscal_cost_annual, slots, "pooled_slots")?, target.value, "target")?);
            trace.record(
                "district.fiscal_at_target",
                "按规划普惠托位目标放大的年度财政投入",
                "The annual fiscal cost scaled to the plan's inclusive slot target",
                "fiscal_at_target = fiscal ÷ pooled slots × target slots",
                |step| {
                    step.add_input("fiscal_cost_annual", fiscal_cost_annual)
                        .add_input("pooled_slots", slots)
                        .cite(&target)
                        .set_result(scaled, "yuan/year");
                },
            );
            (Some(target.value), Some(scaled))
        }
    };
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    Ok(DistrictResult {
        schema_version: DISTRICT_SCHEMA_VERSION,
        district: sample.district.clone(),
        parameter_set: ParameterSetRef::of(params),
        date,
        institutions,
        pooled,
        cap,
        offsets,
        fee,
        tested_fee,
        pooled_gap_annual,
        fiscal_cost_annual,
        pooled_slots: slots,
        target_slots,
        fiscal_cost_at_target_annual,
        class_types,
        findings,
        trace,
    })
}

/// The reason each institution is excluded, if it is; checks the exclusions and the ids.
fn exclusions(sample: &DistrictSample) -> Result<Vec<Option<String>>, FeeError> {
    let mut out = vec![None; sample.institutions.len()];
    for (i, inst) in sample.institutions.iter().enumerate() {
        if sample.institutions[..i].iter().any(|o| o.id == inst.id) {
            return Err(FeeError::invalid(format!("institutions[{i}].id"), &inst.id, reason::ID_TWICE));
        }
    }
    for (k, e) in sample.exclusions.iter().enumerate() {
        let Some(i) = sample.institutions.iter().position(|inst| inst.id == e.institution) else {
            return Err(FeeError::invalid(
                format!("exclusions[{k}].institution"),
                &e.institution,
                reason::NO_SUCH_INSTITUTION,
            ));
        };
        let why = e.reason.trim();
        if why.is_empty() {
            return Err(FeeError::invalid(format!("exclusions[{k}].reason"), &e.institution, reason::EXCLUSION_REASON));
        }
        out[i] = Some(why.to_string());
    }
    if out.iter().all(Option::is_some) {
        return Err(FeeError::invalid("exclusions", sample.exclusions.len(), reason::ALL_EXCLUDED));
    }
    Ok(out)
}

/// One institution's years computed by the cost model and averaged.
fn institution_cost(
    sample: &DistrictSample,
    i: usize,
    params: &ParameterSet,
    date: Date,
    money: Rounding,
    excluded: Option<String>,
    trace: &mut Trace,
) -> Result<InstitutionCost, FeeError> {
    let inst = &sample.institutions[i];
    if inst.years.is_empty() {
        return Err(FeeError::out_of_range(format!("institutions[{i}].years"), 0, reason::AT_LEAST_ONE_YEAR));
    }
    let mut statements = Vec::with_capacity(inst.years.len());
    let (mut reported, mut approved, mut months, mut slots) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut types = Vec::with_capacity(inst.years.len());
    for (j, year) in inst.years.iter().enumerate() {
        let mut ignored = Vec::new();
        let cost = compute_cost(&year.cost, params, date, &mut Trace::quiet(), &mut ignored)
            .map_err(|e| e.within(&format!("institutions[{i}].years[{j}]")))?;
        types.push(
            allocate_year(&year.cost, &cost, params, date)
                .map_err(|e| e.within(&format!("institutions[{i}].years[{j}]")))?,
        );
        reported = add(reported, cost.total_reported, "institutions")?;
        approved = add(approved, cost.total_approved, "institutions")?;
        months = add(months, cost.child_months, "institutions")?;
        slots = add(slots, cost.slots, "institutions")?;
        statements.push(cost);
    }
    let years = Decimal::from(inst.years.len());
    let (reported, approved, months, slots) = (
        div(reported, years, "institutions")?,
        div(approved, years, "institutions")?,
        div(months, years, "institutions")?,
        div(slots, years, "institutions")?,
    );
    let cost = div(approved, months, format!("institutions[{i}]").as_str())?;
    let class_types = average_years(&types, money, "institutions")?;
    let mut step = Step::new(
        "district.institution",
        "机构核定成本（生均月，多年平均）",
        "Institution's approved cost per child-month (years averaged)",
        "cost_i = mean(approved cost a year) ÷ mean(child-months a year)",
    )
    .input(format!("{}.years", inst.id), years)
    .input(format!("{}.approved_annual", inst.id), approved)
    .input(format!("{}.child_months", inst.id), months);
    // The allocation to class types, so the trace shows it.
    for t in &class_types {
        let key = t.class_type.key();
        step = step
            .input(format!("{}.{key}.direct_annual", inst.id), t.direct_annual)
            .input(format!("{}.{key}.shared_annual", inst.id), t.shared_annual)
            .input(format!("{}.{key}.child_months", inst.id), t.child_months);
    }
    trace
        .push(step.source(Source::document(PRICING_COST_RULE.0, PRICING_COST_RULE.1)).result(cost, "yuan/child-month"));
    Ok(InstitutionCost {
        id: inst.id.clone(),
        name: inst.name.clone(),
        years: inst.years.len(),
        statements,
        class_types,
        reported_annual: reported,
        approved_annual: approved,
        child_months: months,
        slots,
        cost_per_child_month: cost,
        cost_per_child_month_rounded: money.apply(cost),
        deviation: Decimal::ZERO,
        outlier: false,
        excluded,
        surplus_per_child_month: Decimal::ZERO,
        surplus_annual: Decimal::ZERO,
        subsidy_needed_annual: Decimal::ZERO,
    })
}

/// The pricing cost and the spread of the pooled institutions' costs.
fn pool(list: &[&InstitutionCost], money: Rounding, trace: &mut Trace) -> Result<PooledCost, FeeError> {
    let entries: Vec<(Decimal, Decimal, Decimal)> =
        list.iter().map(|c| (c.approved_annual, c.child_months, c.cost_per_child_month)).collect();
    let (pooled, sd) = spread(&entries, money)?;
    let (total_cost, total_months, weighted) =
        (pooled.total_approved_annual, pooled.total_child_months, pooled.weighted_average);
    trace.record(
        "district.pricing_cost",
        "定价成本（社会平均成本，按人月加权）",
        "Pricing cost (the social average cost, weighted by child-months)",
        "pricing_cost = Σ approved cost ÷ Σ child-months",
        |step| {
            step.add_input("total_approved_annual", total_cost)
                .add_input("total_child_months", total_months)
                .document(PRICING_COST_RULE.0, PRICING_COST_RULE.1)
                .method(
                    "the social average cost is the weighted average of the operators' costs (NDRC price department, 定价成本监审若干问题研究, 2007); for a fee per child-month the weight is child-months",
                    "社会平均成本为各经营者个别成本的加权平均（国家发展改革委价格司《定价成本监审若干问题研究》，2007年）；按生均月收费，权数为人月数",
                )
                .set_result(weighted, "yuan/child-month");
        },
    );
    trace.record(
        "district.spread",
        "样本成本的离散程度",
        "The spread of the sample's costs",
        "cv = √(Σ (cost_i − mean)² ÷ n) ÷ mean",
        |step| {
            step.add_input("simple_mean", pooled.simple_mean)
                .add_input("median", pooled.median)
                .add_input("min", pooled.min)
                .add_input("max", pooled.max)
                .add_input("standard_deviation", sd)
                .method(
                    "population standard deviation over the simple mean of the institutions' costs per child-month",
                    "各机构生均月成本的总体标准差除以简单平均数",
                )
                .set_result(pooled.coefficient_of_variation, "ratio");
        },
    );
    Ok(pooled)
}

/// The pooled cost of `(approved a year, child-months, cost per child-month)` entries.
fn stats(entries: &[(Decimal, Decimal, Decimal)], money: Rounding) -> Result<PooledCost, FeeError> {
    spread(entries, money).map(|(p, _)| p)
}

/// The pooled cost and the standard deviation of the entries' costs per child-month.
fn spread(entries: &[(Decimal, Decimal, Decimal)], money: Rounding) -> Result<(PooledCost, Decimal), FeeError> {
    let total_cost = sum(entries.iter().map(|e| e.0), "institutions")?;
    let total_months = sum(entries.iter().map(|e| e.1), "institutions")?;
    let weighted = div(total_cost, total_months, "institutions")?;
    let mut costs: Vec<Decimal> = entries.iter().map(|e| e.2).collect();
    costs.sort();
    let n = Decimal::from(costs.len());
    let total = sum(costs.iter().copied(), "institutions")?;
    let mean = div(total, n, "institutions")?;
    let mid = costs.len() / 2;
    let median = match (costs.len() % 2, costs.get(mid), mid.checked_sub(1).and_then(|k| costs.get(k))) {
        (1, Some(m), _) => *m,
        (_, Some(high), Some(low)) => div(add(*low, *high, "median")?, Decimal::TWO, "median")?,
        _ => mean,
    };
    let squares = costs.iter().try_fold(Decimal::ZERO, |a, c| {
        let d = sub(*c, mean, "variance")?;
        add(a, mul(d, d, "variance")?, "variance")
    })?;
    let sd = square_root(div(squares, n, "variance")?)?;
    let cv = Rounding::new(SHARE_PLACES, money.mode).div(sd, mean, "coefficient_of_variation")?;
    let (min, max) = (costs.first().copied().unwrap_or_default(), costs.last().copied().unwrap_or_default());
    let pooled = PooledCost {
        institutions: entries.len(),
        total_approved_annual: total_cost,
        total_child_months: total_months,
        weighted_average: weighted,
        weighted_average_rounded: money.apply(weighted),
        simple_mean: money.apply(mean),
        median: money.apply(median),
        min: money.apply(min),
        max: money.apply(max),
        coefficient_of_variation: cv,
    };
    Ok((pooled, sd))
}

/// The square root of a non-negative decimal by Newton's method, to the last digit a decimal holds.
fn square_root(value: Decimal) -> Result<Decimal, FeeError> {
    let value = non_negative(value, "variance")?;
    if value.is_zero() {
        return Ok(Decimal::ZERO);
    }
    let mut x = if value > Decimal::ONE { value } else { Decimal::ONE };
    for _ in 0..200 {
        let next = div(add(x, div(value, x, "variance")?, "variance")?, Decimal::TWO, "variance")?;
        if next == x {
            break;
        }
        x = next;
    }
    Ok(x)
}
