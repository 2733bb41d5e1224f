//! Computing the cost model: staff by the classes' ratios, depreciation, utilities at their tariffs, other costs, the auditor's adjustments, enrolment and the cost per child-month.

use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::finding::{Finding, Message, Severity};
use crate::foundations::money::{add, div, mul, non_negative, sum, within, At, Path, Rounding};
use crate::foundations::parameters::{Known, ParamValue, ParameterSet};
use crate::foundations::trace::{Source, Text, Trace};
use crate::rules::classes::check_group;

use super::result::{CostLine, CostResult};
use super::{CostModel, Enrolment, Tariff};

pub(super) const TWELVE: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

/// The ids of the first other-cost lines, written out (more are formatted when needed).
pub(super) const OTHER_IDS: [&str; 8] =
    ["other.0", "other.1", "other.2", "other.3", "other.4", "other.5", "other.6", "other.7"];

/// Refuses `v` past the set's plausibility `bound` (an example value: past it a figure is a
/// typing error), naming `field`, the value and the bound's parameter.
pub(crate) fn plausible(v: Decimal, bound: Option<&ParamValue<'_>>, field: impl Path) -> Result<(), FeeError> {
    match bound {
        Some(b) if v > b.value => Err(FeeError::out_of_range(
            field.path(),
            v,
            crate::foundations::error::reason::at_most(format_args!("{} = {}", b.name, b.value)),
        )),
        _ => Ok(()),
    }
}

/// Computes the cost model: lines, totals, enrolment and cost per child-month.
pub(crate) fn compute_cost(
    model: &CostModel,
    params: &ParameterSet,
    date: Date,
    trace: &mut Trace,
    findings: &mut Vec<Finding>,
) -> Result<CostResult, FeeError> {
    let (money_rounding, money_param) = params.money_rounding(date)?;
    if model.classes.is_empty() {
        return Err(FeeError::invalid("cost.classes", "[]", crate::foundations::error::reason::CLASS_NEEDED));
    }
    let months = within(model.months_charged, Decimal::ONE, TWELVE, "cost.months_charged")?;
    let carer_wage = non_negative(model.carer_monthly_wage, "cost.carer_monthly_wage")?;
    // Plausibility bounds of the set (example values): past one, a figure is a typing error.
    let wage_bound = params.optional_known_decimal(Known::BoundMonthlyWage, date)?;
    let classes_bound = params.optional_known_decimal(Known::BoundClassesPerGroup, date)?;
    plausible(carer_wage, wage_bound.as_ref(), "cost.carer_monthly_wage")?;
    let si_rate = within(model.social_insurance_rate, Decimal::ZERO, Decimal::ONE, "cost.social_insurance_rate")?;
    let hf_rate = within(model.housing_fund_rate, Decimal::ZERO, Decimal::ONE, "cost.housing_fund_rate")?;

    // Classes, places and carers.
    let mut slots = Decimal::ZERO;
    let mut classes = Decimal::ZERO;
    let mut carers = Decimal::ZERO;
    let mut carers_required = Decimal::ZERO;
    // The ratio of each class type in use, cited once in the trace.
    let mut ratios: SmallVec<[(crate::rules::classes::ClassType, ParamValue<'_>); 4]> = SmallVec::new();
    for (i, g) in model.classes.iter().enumerate() {
        plausible(Decimal::from(g.classes), classes_bound.as_ref(), At("cost.classes", i, ".classes"))?;
        let staffing = check_group(g, i, params, date, findings)?;
        if let Some(r) = staffing.ratio {
            if !ratios.iter().any(|(t, _)| *t == g.class_type) {
                ratios.push((g.class_type, r));
            }
        }
        let n = Decimal::from(g.classes);
        classes = add(classes, n, "cost.classes")?;
        slots = add(slots, Decimal::from(g.slots()), "cost.slots")?;
        carers = add(carers, mul(n, Decimal::from(staffing.used_per_class), "cost.carers")?, "cost.carers")?;
        if let Some(r) = staffing.required_per_class {
            carers_required = add(carers_required, mul(n, Decimal::from(r), "cost.carers")?, "cost.carers")?;
        }
    }
    trace.record(
        "cost.carers",
        "保育人员数（按班级与配比推算）",
        "Carers (derived from classes and ratios)",
        "carers = Σ classes × ⌈children per class ÷ children per carer⌉",
        |step| {
            step.add_input("classes", classes)
                .add_input("slots", slots)
                .add_input("carers_required", carers_required)
                .document("国卫人口发〔2019〕58号", "托育机构设置标准（试行）");
            // Cite the ratio of each class type in use, in the order of the class types.
            for class_type in crate::rules::classes::ClassType::ALL {
                if let Some((_, r)) = ratios.iter().find(|(t, _)| *t == class_type) {
                    step.cite(r);
                }
            }
            step.set_result(carers, "persons");
        },
    );

    // Enrolment.
    let enrolment = match &model.enrolment {
        Enrolment::Occupancy { rate } => {
            let rate = within(*rate, Decimal::ZERO, Decimal::ONE, "cost.enrolment.rate")?;
            let e = mul(slots, rate, "cost.enrolment")?;
            trace.record(
                "cost.enrolment",
                "平均在托人数",
                "Average children enrolled",
                "enrolment = slots × occupancy",
                |step| {
                    step.add_input("slots", slots)
                        .add_input("occupancy", rate)
                        .input_field("cost.enrolment.rate")
                        .set_result(e, "children");
                },
            );
            e
        }
        Enrolment::AuditAverage { start_of_year, end_of_year } => {
            let s = non_negative(*start_of_year, "cost.enrolment.start_of_year")?;
            let e = non_negative(*end_of_year, "cost.enrolment.end_of_year")?;
            let ws = params.known_decimal(Known::AuditStartWeight, date)?;
            let we = params.known_decimal(Known::AuditEndWeight, date)?;
            let weights = add(ws.value, we.value, "cost.enrolment")?;
            let num = add(mul(s, ws.value, "cost.enrolment")?, mul(e, we.value, "cost.enrolment")?, "cost.enrolment")?;
            let avg = div(num, weights, "audit.enrolment weights")?;
            trace.record(
                "cost.enrolment",
                "平均在托人数（监审口径）",
                "Average children enrolled (audit method)",
                "enrolment = (start × w_start + end × w_end) ÷ (w_start + w_end)",
                |step| {
                    step.add_input("start", s)
                        .add_input("end", e)
                        .add_input("w_start", ws.value)
                        .add_input("w_end", we.value)
                        .cite(&ws)
                        .cite(&we)
                        .set_result(avg, "children");
                },
            );
            avg
        }
        Enrolment::Children { count } => {
            let c = non_negative(*count, "cost.enrolment.count")?;
            trace.record(
                "cost.enrolment",
                "平均在托人数",
                "Average children enrolled",
                "enrolment = entered count",
                |step| {
                    step.add_input("count", c).input_field("cost.enrolment.count").set_result(c, "children");
                },
            );
            c
        }
    };
    if enrolment.is_zero() {
        return Err(FeeError::out_of_range(
            "cost.enrolment",
            enrolment,
            crate::foundations::error::reason::ENROLMENT_POSITIVE,
        ));
    }
    if enrolment > slots {
        findings.push(
            Finding::new(
                "enrolment.over_slots",
                Severity::Warning,
                Message::new("平均在托人数{0}超过托位数{1}", "average enrolment {0} exceeds the {1} places")
                    .with(enrolment)
                    .with(slots),
                Source::document("国卫人口发〔2019〕58号", "托育机构设置标准（试行）"),
            )
            .field("cost.enrolment")
            .value("enrolment", enrolment)
            .value("slots", slots),
        );
    }

    // Personnel.
    // The lines as drafted; shares and adjustments are filled in at the end.
    let mut lines: Vec<CostLine> = Vec::with_capacity(16);
    let carer_annual = mul(mul(carers, carer_wage, "cost.personnel.carers")?, TWELVE, "cost.personnel.carers")?;
    lines.push(CostLine::draft("personnel.carers", "保育人员工资", "Carer wages", carer_annual));
    let mut roles: Vec<(crate::rules::cost::StaffRole, Decimal)> = Vec::with_capacity(4);
    for (i, s) in model.staff.iter().enumerate() {
        let field = At("cost.staff", i, "");
        let count = non_negative(s.count, At("cost.staff", i, ".count"))?;
        let wage = non_negative(s.monthly_wage, At("cost.staff", i, ".monthly_wage"))?;
        plausible(wage, wage_bound.as_ref(), At("cost.staff", i, ".monthly_wage"))?;
        let annual = mul(mul(count, wage, field)?, TWELVE, field)?;
        match roles.iter_mut().find(|(r, _)| *r == s.role) {
            Some((_, total)) => *total = add(*total, annual, field)?,
            None => roles.push((s.role, annual)),
        }
    }
    for (role, annual) in roles {
        let (id, zh, en) = role.line();
        lines.push(CostLine::draft(id, zh, en, annual));
    }
    let wages = sum(lines.iter().map(|d| d.reported_annual), "cost.wages")?;
    lines.push(CostLine::draft(
        "personnel.social_insurance",
        "社会保险（单位缴纳）",
        "Social insurance (employer)",
        mul(wages, si_rate, "cost.social_insurance")?,
    ));
    lines.push(CostLine::draft(
        "personnel.housing_fund",
        "住房公积金（单位缴纳）",
        "Housing fund (employer)",
        mul(wages, hf_rate, "cost.housing_fund")?,
    ));

    // Premises.
    let rent = non_negative(model.rent_monthly, "cost.rent_monthly")?;
    if !rent.is_zero() {
        lines.push(CostLine::draft("premises.rent", "房屋租金", "Rent", mul(rent, TWELVE, "cost.rent")?));
    }
    let mut depreciation = Decimal::ZERO;
    let mut excluded = Decimal::ZERO;
    for (i, a) in model.assets.iter().enumerate() {
        let field = At("cost.assets", i, "");
        let cost = non_negative(a.cost, At("cost.assets", i, ".cost"))?;
        if a.years == 0 {
            return Err(FeeError::out_of_range(
                At("cost.assets", i, ".years").path(),
                0,
                crate::foundations::error::reason::AT_LEAST_ONE_YEAR,
            ));
        }
        let annual = div(cost, Decimal::from(a.years), field)?;
        if a.government_funded {
            excluded = add(excluded, annual, field)?;
        } else {
            depreciation = add(depreciation, annual, field)?;
        }
    }
    if !model.assets.is_empty() {
        trace.record(
            "cost.depreciation",
            "固定资产折旧（直线法，政府投入资产不计）",
            "Depreciation (straight line; government-funded assets excluded)",
            "depreciation = Σ cost ÷ years over assets not bought with government money",
            |step| {
                step.add_input("excluded_government_funded", excluded)
                    .document("国家发展改革委令2017年第8号", "政府投入形成的资产折旧不计入定价成本")
                    .method("straight-line depreciation over the asset's useful life", "按资产使用年限直线法折旧")
                    .set_result(depreciation, "yuan/year");
            },
        );
        lines.push(CostLine::draft("premises.depreciation", "固定资产折旧", "Depreciation", depreciation));
    }

    // Utilities: an institution billed commercially is entitled to residential prices (二(五)10).
    let residential_rule = params.optional_known_decimal(Known::ResidentialTariff, date)?;
    for (i, u) in model.utilities.iter().enumerate() {
        let field = At("cost.utilities", i, "");
        let q = non_negative(u.monthly_quantity, At("cost.utilities", i, ".monthly_quantity"))?;
        let rp = non_negative(u.residential_price, At("cost.utilities", i, ".residential_price"))?;
        let (zh, en) = u.kind.names();
        let at_residential = mul(mul(q, rp, field)?, TWELVE, field)?;
        let mut draft = CostLine::draft(u.kind.line_id(), zh, en, at_residential);
        if u.tariff == Tariff::Commercial {
            let cp = u.commercial_price.ok_or_else(|| {
                FeeError::invalid(
                    At("cost.utilities", i, ".commercial_price").path(),
                    "",
                    crate::foundations::error::reason::COMMERCIAL_PRICE,
                )
            })?;
            let cp = non_negative(cp, At("cost.utilities", i, ".commercial_price"))?;
            draft.reported_annual = mul(mul(q, cp, field)?, TWELVE, field)?;
            if let Some(rule) = residential_rule.as_ref().filter(|r| r.value == Decimal::ONE) {
                draft.reason = Some("按居民生活类价格核定（朝政办字〔2024〕1号 二(五)10）".into());
                findings.push(
                    Finding::new(
                        "utilities.commercial_tariff",
                        Severity::Warning,
                        Message::new(
                            "{0}按商业价格计费；托育机构应执行居民生活类价格，已按居民价格核定",
                            "{1} is billed at the commercial tariff; nurseries pay residential prices, so the residential price is approved",
                        )
                        .with(zh)
                        .with(en),
                        rule.source(),
                    )
                    .field(At("cost.utilities", i, ".tariff").path())
                    .value("reported", draft.reported_annual)
                    .value("approved", draft.approved_annual),
                );
            } else {
                draft.approved_annual = draft.reported_annual;
            }
        }
        lines.push(draft);
    }

    // Other costs.
    for (i, c) in model.other_costs.iter().enumerate() {
        let field = At("cost.other_costs", i, "");
        let amount = non_negative(c.monthly_amount, At("cost.other_costs", i, ".monthly_amount"))?;
        let units = match c.basis {
            crate::rules::cost::CostBasis::PerChild => enrolment,
            crate::rules::cost::CostBasis::PerClass => classes,
            crate::rules::cost::CostBasis::PerSite => Decimal::ONE,
        };
        let annual = mul(mul(amount, units, field)?, TWELVE, field)?;
        let id = match OTHER_IDS.get(i) {
            Some(id) => Text::Borrowed(*id),
            None => Text::Owned(format!("other.{i}")),
        };
        let mut d = CostLine::draft(id, c.name.clone(), c.name.clone(), annual);
        d.per_child = c.basis == crate::rules::cost::CostBasis::PerChild;
        lines.push(d);
    }

    // Auditor's adjustments.
    for (i, a) in model.adjustments.iter().enumerate() {
        // Field paths are formatted only when an error needs them.
        let approved = non_negative(a.approved_annual, At("cost.adjustments", i, ".approved_annual"))?;
        let Some(at) = lines.iter().position(|d| d.id == a.line) else {
            let known = lines.iter().map(|d| d.id.as_ref()).collect::<Vec<&str>>().join(", ");
            return Err(FeeError::invalid(
                At("cost.adjustments", i, ".line").path(),
                &a.line,
                crate::foundations::error::reason::fill(crate::foundations::error::reason::NO_SUCH_LINE, &[&known]),
            ));
        };
        if a.reason.trim().is_empty() {
            return Err(FeeError::invalid(
                At("cost.adjustments", i, ".reason").path(),
                "",
                crate::foundations::error::reason::ADJUSTMENT_REASON,
            ));
        }
        let d = &mut lines[at];
        d.approved_annual = approved;
        d.reason = Some(a.reason.clone());
        // An approved amount is a fixed sum: it no longer scales with enrolment.
        d.per_child = false;
    }

    let total_reported = sum(lines.iter().map(|d| d.reported_annual), "cost.total_reported")?;
    let total_approved = sum(lines.iter().map(|d| d.approved_annual), "cost.total_approved")?;
    let per_child_approved = sum(lines.iter().filter(|d| d.per_child).map(|d| d.approved_annual), "cost.per_child")?;
    let share_rounding = Rounding::new(crate::foundations::money::SHARE_PLACES, money_rounding.mode);
    // Shares are for people; bulk (quiet) evaluations skip the divisions.
    let shares = !total_approved.is_zero() && !trace.is_quiet();
    for d in &mut lines {
        if shares {
            d.share = share_rounding.div(d.approved_annual, total_approved, "cost.share")?;
        }
        d.adjustment = match crate::foundations::money::compare(d.approved_annual, d.reported_annual) {
            std::cmp::Ordering::Greater => Some(crate::rules::cost::AdjustmentKind::Increase),
            std::cmp::Ordering::Less => Some(crate::rules::cost::AdjustmentKind::Decrease),
            std::cmp::Ordering::Equal => None,
        };
    }
    trace.record(
        "cost.total_approved",
        "核定年度总成本",
        "Approved annual cost",
        "total = Σ approved lines (personnel, premises, utilities, other; meals excluded)",
        |step| {
            step.add_input("total_reported", total_reported)
                .clause("二(二)1")
                .document("发改价格〔2024〕1477号", "基本服务费与其他服务费")
                .set_result(total_approved, "yuan/year");
        },
    );
    let child_months = mul(enrolment, months, "cost.child_months")?;
    trace.record(
        "cost.child_months",
        "年收费人月数",
        "Child-months charged a year",
        "child_months = enrolment × months_charged",
        |step| {
            step.add_input("enrolment", enrolment)
                .add_input("months_charged", months)
                .input_field("cost.months_charged")
                .set_result(child_months, "child-months");
        },
    );
    let per_child_month = div(total_approved, child_months, "cost.cost_per_child_month")?;
    let rounded = money_rounding.apply(per_child_month);
    trace.record(
        "cost.per_child_month",
        "生均月成本",
        "Cost per child-month",
        "cost_per_child_month = total_approved ÷ child_months",
        |step| {
            step.add_input("total_approved", total_approved)
                .add_input("child_months", child_months)
                .clause("二(二)1")
                .cite(&money_param)
                .set_result(rounded, "yuan/child-month");
        },
    );
    let meal = non_negative(model.food_per_child_month, "cost.food_per_child_month")?;
    trace.record(
        "cost.meal_fee",
        "伙食费（其他服务费，单列）",
        "Meal fee (other service fee, kept apart)",
        "meal_fee = food cost per child-month",
        |step| {
            step.add_input("food_per_child_month", meal)
                .document("发改价格〔2024〕1477号", "基本服务费与其他服务费")
                .set_result(meal, "yuan/child-month");
        },
    );
    Ok(CostResult {
        method: model.method,
        lines,
        total_reported,
        total_approved,
        per_child_approved,
        slots,
        classes,
        carers_required,
        carers,
        enrolment,
        child_months,
        months_charged: months,
        cost_per_child_month: per_child_month,
        cost_per_child_month_rounded: rounded,
        meal_fee_per_child_month: meal,
    })
}
