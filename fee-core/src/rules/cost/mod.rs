//! The cost model of a cost survey (成本调查) or cost audit (成本监审).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::rules::classes::ClassGroup;

mod compute;
mod result;
#[cfg(test)]
mod tests;
pub(crate) use compute::compute_cost;
pub use result::{AdjustmentKind, CostLine, CostResult};

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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
