//! The cost model of a cost survey (成本调查) or cost audit (成本监审).

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::finding::{Finding, Message, Severity};
use crate::foundations::money::{add, div, mul, non_negative, sum, within, At, Path, Rounding};
use crate::foundations::parameters::{Known, ParamValue, ParameterSet};
use crate::foundations::trace::{Source, Text, Trace};
use crate::rules::classes::{check_group, ClassGroup};

/// Whether the figures come from a cost survey or a cost audit.
///
/// ```
/// let m: fee_core::CostMethod = serde_json::from_str("\"audit\"").unwrap();
/// assert_eq!(m, fee_core::CostMethod::Audit);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CostMethod {
    /// 成本调查: a survey of the institution's costs.
    #[default]
    Survey,
    /// 成本监审: an audit of its accounts.
    Audit,
}

/// A staff role other than carers (carers are derived from classes).
///
/// ```
/// assert_eq!(fee_core::StaffRole::Cook.name_zh(), "炊事人员");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// 教师 / 育婴师 beyond the carer ratio.
    Teacher,
    /// 保健人员.
    Health,
    /// 炊事人员.
    Cook,
    /// 管理人员.
    Admin,
    /// 安保、保洁等其他人员.
    Other,
}

impl StaffRole {
    /// The key used in cost line ids.
    ///
    /// ```
    /// assert_eq!(fee_core::StaffRole::Health.key(), "health");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            StaffRole::Teacher => "teacher",
            StaffRole::Health => "health",
            StaffRole::Cook => "cook",
            StaffRole::Admin => "admin",
            StaffRole::Other => "other",
        }
    }

    /// The cost line of this role's wages: id, Chinese and English labels.
    fn line(self) -> (&'static str, &'static str, &'static str) {
        match self {
            StaffRole::Teacher => ("personnel.teacher", "教师工资", "Wages of teachers"),
            StaffRole::Health => ("personnel.health", "保健人员工资", "Wages of health staff"),
            StaffRole::Cook => ("personnel.cook", "炊事人员工资", "Wages of cooks"),
            StaffRole::Admin => ("personnel.admin", "管理人员工资", "Wages of administrative staff"),
            StaffRole::Other => ("personnel.other", "其他人员工资", "Wages of other staff"),
        }
    }

    /// The Chinese name.
    ///
    /// ```
    /// assert_eq!(fee_core::StaffRole::Admin.name_zh(), "管理人员");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            StaffRole::Teacher => "教师",
            StaffRole::Health => "保健人员",
            StaffRole::Cook => "炊事人员",
            StaffRole::Admin => "管理人员",
            StaffRole::Other => "其他人员",
        }
    }

    /// The English name.
    ///
    /// ```
    /// assert_eq!(fee_core::StaffRole::Teacher.name_en(), "teachers");
    /// ```
    pub fn name_en(self) -> &'static str {
        match self {
            StaffRole::Teacher => "teachers",
            StaffRole::Health => "health staff",
            StaffRole::Cook => "cooks",
            StaffRole::Admin => "administrative staff",
            StaffRole::Other => "other staff",
        }
    }
}

/// Staff of one role.
///
/// ```
/// let s = fee_core::StaffLine { role: fee_core::StaffRole::Cook, count: "1.5".parse().unwrap(), monthly_wage: "6000".parse().unwrap() };
/// assert_eq!(s.role, fee_core::StaffRole::Cook);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StaffLine {
    /// The role.
    pub role: StaffRole,
    /// Full-time equivalents (may be fractional for part-time staff).
    pub count: Decimal,
    /// Gross monthly wage per person, yuan.
    pub monthly_wage: Decimal,
}

/// A fixed asset depreciated straight-line.
///
/// ```
/// let a = fee_core::Asset { name: "装修".into(), cost: "300000".parse().unwrap(), years: 10, government_funded: false };
/// assert_eq!(a.years, 10);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Asset {
    /// What it is (renovation, furniture, equipment…).
    pub name: String,
    /// Purchase cost, yuan.
    pub cost: Decimal,
    /// Useful life in years.
    pub years: u32,
    /// Bought with government money: its depreciation is excluded from the cost.
    #[serde(default)]
    pub government_funded: bool,
}

/// The utility tariff an institution is billed at.
///
/// ```
/// assert_eq!(fee_core::Tariff::default(), fee_core::Tariff::Residential);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tariff {
    /// 居民生活类价格.
    #[default]
    Residential,
    /// 商业（一般工商业）价格.
    Commercial,
}

/// A utility.
///
/// ```
/// assert_eq!(fee_core::UtilityKind::Heating.key(), "heating");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UtilityKind {
    /// 水.
    Water,
    /// 电.
    Electricity,
    /// 气.
    Gas,
    /// 热.
    Heating,
}

impl UtilityKind {
    /// The key used in cost line ids.
    ///
    /// ```
    /// assert_eq!(fee_core::UtilityKind::Water.key(), "water");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            UtilityKind::Water => "water",
            UtilityKind::Electricity => "electricity",
            UtilityKind::Gas => "gas",
            UtilityKind::Heating => "heating",
        }
    }

    fn line_id(self) -> &'static str {
        match self {
            UtilityKind::Water => "utilities.water",
            UtilityKind::Electricity => "utilities.electricity",
            UtilityKind::Gas => "utilities.gas",
            UtilityKind::Heating => "utilities.heating",
        }
    }

    fn names(self) -> (&'static str, &'static str) {
        match self {
            UtilityKind::Water => ("水费", "water"),
            UtilityKind::Electricity => ("电费", "electricity"),
            UtilityKind::Gas => ("燃气费", "gas"),
            UtilityKind::Heating => ("采暖费", "heating"),
        }
    }
}

/// A utility's monthly use and its prices under both tariffs.
///
/// ```
/// use fee_core::{Tariff, UtilityKind, UtilityLine};
/// let u = UtilityLine { kind: UtilityKind::Electricity, monthly_quantity: "2000".parse().unwrap(),
///     residential_price: "0.49".parse().unwrap(), commercial_price: Some("0.80".parse().unwrap()), tariff: Tariff::Commercial };
/// assert_eq!(u.tariff, Tariff::Commercial);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UtilityLine {
    /// Which utility.
    pub kind: UtilityKind,
    /// Quantity used per month (kWh, m³, GJ…).
    pub monthly_quantity: Decimal,
    /// Residential unit price, yuan.
    pub residential_price: Decimal,
    /// Commercial unit price, yuan, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commercial_price: Option<Decimal>,
    /// The tariff actually billed.
    #[serde(default)]
    pub tariff: Tariff,
}

/// What a non-personnel cost scales with.
///
/// ```
/// assert_eq!(fee_core::CostBasis::PerChild.key(), "per_child");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CostBasis {
    /// Per enrolled child.
    PerChild,
    /// Per class.
    PerClass,
    /// Per site (once).
    PerSite,
}

impl CostBasis {
    /// The key used in files.
    ///
    /// ```
    /// assert_eq!(fee_core::CostBasis::PerSite.key(), "per_site");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            CostBasis::PerChild => "per_child",
            CostBasis::PerClass => "per_class",
            CostBasis::PerSite => "per_site",
        }
    }
}

/// A non-personnel cost (supplies, repairs, insurance, training…).
///
/// ```
/// let c = fee_core::OtherCost { name: "教玩具".into(), basis: fee_core::CostBasis::PerChild, monthly_amount: "80".parse().unwrap() };
/// assert_eq!(c.basis, fee_core::CostBasis::PerChild);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OtherCost {
    /// What it is.
    pub name: String,
    /// What it scales with.
    pub basis: CostBasis,
    /// Yuan per month per unit of the basis.
    pub monthly_amount: Decimal,
}

/// How many children the cost is spread over.
///
/// ```
/// let e: fee_core::Enrolment = serde_json::from_str(r#"{"method":"occupancy","rate":"0.9"}"#).unwrap();
/// assert!(matches!(e, fee_core::Enrolment::Occupancy { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Enrolment {
    /// Places × occupancy rate.
    Occupancy {
        /// Share of places filled, 0 to 1.
        rate: Decimal,
    },
    /// The audit average: (start-of-year × 8 + end-of-year × 4) ÷ 12.
    AuditAverage {
        /// Children enrolled at the start of the year.
        start_of_year: Decimal,
        /// Children enrolled at the end of the year.
        end_of_year: Decimal,
    },
    /// A number of children given directly.
    Children {
        /// Average children enrolled.
        count: Decimal,
    },
}

/// An auditor's change to a reported cost line (核增 / 核减).
///
/// ```
/// let a = fee_core::Adjustment { line: "premises.rent".into(), approved_annual: "360000".parse().unwrap(), reason: "按市场租金核减".into() };
/// assert_eq!(a.line, "premises.rent");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Adjustment {
    /// The id of the cost line, such as `premises.rent` or `personnel.carers`.
    pub line: String,
    /// The approved annual amount, yuan.
    pub approved_annual: Decimal,
    /// Why it was changed.
    pub reason: String,
}

/// The inputs of a cost survey or audit.
///
/// All amounts are yuan; wages and rents are monthly and are counted for 12 months a year.
///
/// ```
/// let m = fee_core::CostModel::example();
/// assert_eq!(m.months_charged.to_string(), "12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostModel {
    /// Survey or audit.
    #[serde(default)]
    pub method: CostMethod,
    /// Class groups; carers are derived from their ratios.
    pub classes: Vec<ClassGroup>,
    /// Gross monthly wage of one carer, yuan.
    pub carer_monthly_wage: Decimal,
    /// Other staff.
    #[serde(default)]
    pub staff: Vec<StaffLine>,
    /// Employer social insurance as a share of wages (e.g. 0.16 + 0.08 + …).
    #[serde(default)]
    pub social_insurance_rate: Decimal,
    /// Employer housing fund as a share of wages.
    #[serde(default)]
    pub housing_fund_rate: Decimal,
    /// Monthly rent of the premises, yuan (0 when owned).
    #[serde(default)]
    pub rent_monthly: Decimal,
    /// Fixed assets depreciated straight-line.
    #[serde(default)]
    pub assets: Vec<Asset>,
    /// Utilities.
    #[serde(default)]
    pub utilities: Vec<UtilityLine>,
    /// Non-personnel costs per child, class or site.
    #[serde(default)]
    pub other_costs: Vec<OtherCost>,
    /// Food cost per child per month, kept apart as the meal fee (伙食费, an other service fee).
    #[serde(default)]
    pub food_per_child_month: Decimal,
    /// How many children the cost is spread over.
    pub enrolment: Enrolment,
    /// Months a year the fee is charged (1 to 12).
    pub months_charged: Decimal,
    /// Auditor's changes to reported lines.
    #[serde(default)]
    pub adjustments: Vec<Adjustment>,
}

impl CostModel {
    /// A small example nursery (values are illustrative, not policy).
    ///
    /// ```
    /// assert_eq!(fee_core::CostModel::example().classes.len(), 2);
    /// ```
    pub fn example() -> Self {
        use crate::rules::classes::ClassType;
        let d = Decimal::from;
        CostModel {
            method: CostMethod::Survey,
            classes: vec![
                ClassGroup {
                    class_type: ClassType::Toddler,
                    classes: 1,
                    children_per_class: 15,
                    carers_per_class: None,
                },
                ClassGroup {
                    class_type: ClassType::OlderToddler,
                    classes: 2,
                    children_per_class: 20,
                    carers_per_class: None,
                },
            ],
            carer_monthly_wage: d(6000),
            staff: vec![
                StaffLine { role: StaffRole::Health, count: d(1), monthly_wage: d(6000) },
                StaffLine { role: StaffRole::Cook, count: d(1), monthly_wage: d(5000) },
                StaffLine { role: StaffRole::Admin, count: d(1), monthly_wage: d(8000) },
            ],
            social_insurance_rate: Decimal::new(25, 2),
            housing_fund_rate: Decimal::new(12, 2),
            rent_monthly: d(30000),
            assets: vec![Asset { name: "装修".into(), cost: d(300_000), years: 10, government_funded: false }],
            utilities: vec![UtilityLine {
                kind: UtilityKind::Electricity,
                monthly_quantity: d(2000),
                residential_price: Decimal::new(49, 2),
                commercial_price: Some(Decimal::new(80, 2)),
                tariff: Tariff::Residential,
            }],
            other_costs: vec![
                OtherCost { name: "教玩具与耗材".into(), basis: CostBasis::PerChild, monthly_amount: d(100) },
                OtherCost { name: "保险与维修".into(), basis: CostBasis::PerSite, monthly_amount: d(3000) },
            ],
            food_per_child_month: d(500),
            enrolment: Enrolment::Occupancy { rate: Decimal::new(9, 1) },
            months_charged: d(12),
            adjustments: Vec::new(),
        }
    }
}

/// Which way an auditor moved a line.
///
/// ```
/// assert_eq!(fee_core::AdjustmentKind::Decrease.name_zh(), "核减");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AdjustmentKind {
    /// 核增: approved above reported.
    Increase,
    /// 核减: approved below reported.
    Decrease,
}

impl AdjustmentKind {
    /// 核增 or 核减.
    ///
    /// ```
    /// assert_eq!(fee_core::AdjustmentKind::Increase.name_zh(), "核增");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            AdjustmentKind::Increase => "核增",
            AdjustmentKind::Decrease => "核减",
        }
    }

    /// `increased` or `decreased`, as an auditor's note says.
    ///
    /// ```
    /// assert_eq!(fee_core::AdjustmentKind::Decrease.name_en(), "decreased");
    /// ```
    pub fn name_en(self) -> &'static str {
        match self {
            AdjustmentKind::Increase => "increased",
            AdjustmentKind::Decrease => "decreased",
        }
    }
}

/// One line of the cost statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostLine {
    /// Stable id, such as `personnel.carers`; adjustments refer to it.
    pub id: Text,
    /// Label in Chinese.
    pub label_zh: Text,
    /// Label in English.
    pub label_en: Text,
    /// Annual amount as reported, yuan.
    pub reported_annual: Decimal,
    /// Annual amount approved, yuan.
    pub approved_annual: Decimal,
    /// 核增 / 核减, if the approved amount differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjustment: Option<AdjustmentKind>,
    /// Why the approved amount differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Share of the approved total (4 places).
    pub share: Decimal,
    /// Whether the line scales with enrolment (per-child costs).
    pub per_child: bool,
}

/// The approved cost and what it comes to per child-month.
///
/// ```
/// use fee_core::{evaluate, ParameterSet, Scenario};
/// use rust_decimal::Decimal;
/// let cost = evaluate(&Scenario::example(), ParameterSet::chaoyang()?)?.cost;
/// // The approved total is the sum of its lines, and child-months are enrolment × months.
/// let sum: Decimal = cost.lines.iter().map(|l| l.approved_annual).sum();
/// assert_eq!(cost.total_approved, sum);
/// assert_eq!(cost.child_months, cost.enrolment * cost.months_charged);
/// assert!(cost.lines.iter().any(|l| l.id == "personnel.carers"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostResult {
    /// Survey or audit.
    pub method: CostMethod,
    /// Cost lines.
    pub lines: Vec<CostLine>,
    /// Sum of reported lines, yuan a year.
    pub total_reported: Decimal,
    /// Sum of approved lines, yuan a year.
    pub total_approved: Decimal,
    /// The part of the approved total that scales with enrolment, yuan a year.
    pub per_child_approved: Decimal,
    /// Places: Σ classes × children per class.
    pub slots: Decimal,
    /// Number of classes.
    pub classes: Decimal,
    /// Carers the ratios require (Σ over classes that have one).
    pub carers_required: Decimal,
    /// Carers counted in the cost.
    pub carers: Decimal,
    /// Average children enrolled.
    pub enrolment: Decimal,
    /// Child-months charged a year: enrolment × months charged.
    pub child_months: Decimal,
    /// Months charged a year.
    pub months_charged: Decimal,
    /// Approved cost per child-month, exact.
    pub cost_per_child_month: Decimal,
    /// Approved cost per child-month, rounded by `rounding.money`.
    pub cost_per_child_month_rounded: Decimal,
    /// Meal fee per child-month (food cost, an other service fee), kept out of the basic fee.
    pub meal_fee_per_child_month: Decimal,
}

impl CostLine {
    /// A line as reported and, until an adjustment or rule changes it, approved; its share and
    /// adjustment are filled in once the total is known.
    fn draft(
        id: impl Into<Cow<'static, str>>,
        zh: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
        amount: Decimal,
    ) -> Self {
        CostLine {
            id: id.into(),
            label_zh: zh.into(),
            label_en: en.into(),
            reported_annual: amount,
            approved_annual: amount,
            adjustment: None,
            reason: None,
            share: Decimal::ZERO,
            per_child: false,
        }
    }
}

const TWELVE: Decimal = Decimal::from_parts(12, 0, 0, false, 0);

/// The ids of the first other-cost lines, written out (more are formatted when needed).
const OTHER_IDS: [&str; 8] = ["other.0", "other.1", "other.2", "other.3", "other.4", "other.5", "other.6", "other.7"];

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
                    .document("定价成本监审办法", "政府投入形成的资产折旧不计入定价成本")
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
                .document("发改价格〔2024〕1477号", "基本服务费不含伙食费等其他服务费")
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
                .document("发改价格〔2024〕1477号", "其他服务费（伙食费）")
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Other-cost lines are numbered from 0 in the order given, past the written-out ids too.
    #[test]
    fn other_cost_ids_count_past_the_written_out_ones() {
        let mut s = crate::rules::scenario::Scenario::example();
        s.cost.other_costs = (0..OTHER_IDS.len() + 3)
            .map(|i| OtherCost { name: format!("其他{i}"), basis: CostBasis::PerSite, monthly_amount: Decimal::ONE })
            .collect();
        let e = crate::rules::scenario::evaluate(&s, crate::foundations::parameters::ParameterSet::chaoyang().unwrap())
            .unwrap();
        let ids: Vec<&str> =
            e.cost.lines.iter().filter(|l| l.id.starts_with("other.")).map(|l| l.id.as_ref()).collect();
        let expected: Vec<String> = (0..OTHER_IDS.len() + 3).map(|i| format!("other.{i}")).collect();
        assert_eq!(ids, expected);
    }
}
