//! An institution's proposed fee schedule: who it is, what it charges, what it discloses.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::error::FeeError;
use crate::review::refund::RefundRule;
use crate::rules::classes::ClassType;
use crate::rules::fee::FeeRange;
use crate::rules::offsets::QualityTier;

/// The kinds of institution the plan names (二(二)2, 二(二)4).
///
/// ```
/// use fee_core::InstitutionType;
/// assert!(InstitutionType::PublicNursery.is_public());
/// assert!(InstitutionType::CommunitySite.reviewed_by_education_commission());
/// assert_eq!("社区办园点".parse::<InstitutionType>()?, InstitutionType::CommunitySite);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum InstitutionType {
    /// 公办幼儿园托班.
    PublicKindergartenClass,
    /// 公办托育机构.
    PublicNursery,
    /// 民办普惠幼儿园（托班）.
    PrivateInclusiveKindergarten,
    /// 社区办园点（托班）.
    CommunitySite,
    /// 其他普惠托育机构.
    OtherInclusiveNursery,
    /// 用人单位办托育机构.
    EmployerRun,
}

impl InstitutionType {
    /// Every type.
    pub const ALL: [InstitutionType; 6] = [
        InstitutionType::PublicKindergartenClass,
        InstitutionType::PublicNursery,
        InstitutionType::PrivateInclusiveKindergarten,
        InstitutionType::CommunitySite,
        InstitutionType::OtherInclusiveNursery,
        InstitutionType::EmployerRun,
    ];

    /// The key used in files.
    ///
    /// ```
    /// assert_eq!(fee_core::InstitutionType::EmployerRun.key(), "employer_run");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            InstitutionType::PublicKindergartenClass => "public_kindergarten_class",
            InstitutionType::PublicNursery => "public_nursery",
            InstitutionType::PrivateInclusiveKindergarten => "private_inclusive_kindergarten",
            InstitutionType::CommunitySite => "community_site",
            InstitutionType::OtherInclusiveNursery => "other_inclusive_nursery",
            InstitutionType::EmployerRun => "employer_run",
        }
    }

    /// The Chinese name.
    ///
    /// ```
    /// assert_eq!(fee_core::InstitutionType::PublicNursery.name_zh(), "公办托育机构");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            InstitutionType::PublicKindergartenClass => "公办幼儿园托班",
            InstitutionType::PublicNursery => "公办托育机构",
            InstitutionType::PrivateInclusiveKindergarten => "民办普惠幼儿园",
            InstitutionType::CommunitySite => "社区办园点",
            InstitutionType::OtherInclusiveNursery => "其他普惠托育机构",
            InstitutionType::EmployerRun => "用人单位办托育机构",
        }
    }

    /// The English name.
    ///
    /// ```
    /// assert_eq!(fee_core::InstitutionType::CommunitySite.name_en(), "community site");
    /// ```
    pub fn name_en(self) -> &'static str {
        match self {
            InstitutionType::PublicKindergartenClass => "public kindergarten nursery class",
            InstitutionType::PublicNursery => "public nursery",
            InstitutionType::PrivateInclusiveKindergarten => "private inclusive kindergarten",
            InstitutionType::CommunitySite => "community site",
            InstitutionType::OtherInclusiveNursery => "other inclusive nursery",
            InstitutionType::EmployerRun => "employer-run nursery",
        }
    }

    /// Public institutions charge government-guided prices (二(二)1).
    ///
    /// ```
    /// assert!(!fee_core::InstitutionType::EmployerRun.is_public());
    /// ```
    pub fn is_public(self) -> bool {
        matches!(self, InstitutionType::PublicKindergartenClass | InstitutionType::PublicNursery)
    }

    /// Kindergartens and community sites apply to 区教委; nurseries to their 街乡 and 区卫健委 (二(二)4).
    ///
    /// ```
    /// assert!(!fee_core::InstitutionType::OtherInclusiveNursery.reviewed_by_education_commission());
    /// ```
    pub fn reviewed_by_education_commission(self) -> bool {
        matches!(
            self,
            InstitutionType::PublicKindergartenClass
                | InstitutionType::PrivateInclusiveKindergarten
                | InstitutionType::CommunitySite
        )
    }
}

impl std::str::FromStr for InstitutionType {
    type Err = FeeError;

    fn from_str(s: &str) -> Result<Self, FeeError> {
        let t = crate::foundations::input::trim(s);
        InstitutionType::ALL
            .into_iter()
            .find(|k| t == k.key() || t == k.name_zh() || t.eq_ignore_ascii_case(k.name_en()))
            .ok_or_else(|| {
                FeeError::invalid("institution_type", s, crate::foundations::error::reason::INSTITUTION_TYPE)
            })
    }
}

/// A fee item of the catalogue (发改价格〔2024〕1477号): basic service fees and other service fees.
///
/// ```
/// use fee_core::FeeItemKind;
/// assert_eq!("保育费".parse::<FeeItemKind>()?, FeeItemKind::Care);
/// assert!(FeeItemKind::Care.is_basic());
/// assert_eq!("赞助费".parse::<FeeItemKind>()?, FeeItemKind::Unlisted("赞助费".into()));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeeItemKind {
    /// 保育费 (basic service fee).
    Care,
    /// 住宿费 (basic service fee, where boarding).
    Boarding,
    /// 伙食费 (other service fee).
    Meals,
    /// 材料费 / 教材费 (other service fee).
    Materials,
    /// Anything else: not in the catalogue.
    Unlisted(String),
}

impl FeeItemKind {
    /// Basic service fee (基本服务费) as opposed to other service fees.
    ///
    /// ```
    /// assert!(!fee_core::FeeItemKind::Meals.is_basic());
    /// ```
    pub fn is_basic(&self) -> bool {
        matches!(self, FeeItemKind::Care | FeeItemKind::Boarding)
    }

    /// The Chinese name.
    ///
    /// ```
    /// assert_eq!(fee_core::FeeItemKind::Boarding.name_zh(), "住宿费");
    /// ```
    pub fn name_zh(&self) -> &str {
        match self {
            FeeItemKind::Care => "保育费",
            FeeItemKind::Boarding => "住宿费",
            FeeItemKind::Meals => "伙食费",
            FeeItemKind::Materials => "材料费",
            FeeItemKind::Unlisted(s) => s,
        }
    }

    /// The English name.
    ///
    /// ```
    /// assert_eq!(fee_core::FeeItemKind::Care.name_en(), "care fee");
    /// ```
    pub fn name_en(&self) -> &str {
        match self {
            FeeItemKind::Care => "care fee",
            FeeItemKind::Boarding => "boarding fee",
            FeeItemKind::Meals => "meal fee",
            FeeItemKind::Materials => "materials fee",
            FeeItemKind::Unlisted(s) => s,
        }
    }
}

impl std::str::FromStr for FeeItemKind {
    type Err = FeeError;

    fn from_str(s: &str) -> Result<Self, FeeError> {
        let t = crate::foundations::input::trim(s);
        if t.is_empty() {
            return Err(FeeError::invalid("item", s, crate::foundations::error::reason::ITEM_EMPTY));
        }
        Ok(match t {
            "保育费" | "care" | "care fee" => FeeItemKind::Care,
            "住宿费" | "boarding" | "boarding fee" => FeeItemKind::Boarding,
            "伙食费" | "meals" | "meal fee" => FeeItemKind::Meals,
            "材料费" | "教材费" | "materials" | "materials fee" => FeeItemKind::Materials,
            other => FeeItemKind::Unlisted(other.to_string()),
        })
    }
}

/// The form of service (发改价格〔2024〕1477号).
///
/// ```
/// assert_eq!("半日托".parse::<fee_core::ServiceForm>()?, fee_core::ServiceForm::HalfDay);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceForm {
    /// 全日托.
    FullDay,
    /// 半日托.
    HalfDay,
    /// 计时托.
    Hourly,
    /// 临时托.
    Temporary,
}

impl ServiceForm {
    const NAMES: [(ServiceForm, &'static str, &'static str, &'static str); 4] = [
        (ServiceForm::FullDay, "full_day", "全日托", "full-day"),
        (ServiceForm::HalfDay, "half_day", "半日托", "half-day"),
        (ServiceForm::Hourly, "hourly", "计时托", "hourly"),
        (ServiceForm::Temporary, "temporary", "临时托", "temporary"),
    ];

    /// The Chinese name.
    ///
    /// ```
    /// assert_eq!(fee_core::ServiceForm::Hourly.name_zh(), "计时托");
    /// ```
    pub fn name_zh(self) -> &'static str {
        Self::NAMES.iter().find(|n| n.0 == self).map(|n| n.2).unwrap_or("")
    }

    /// The English name.
    ///
    /// ```
    /// assert_eq!(fee_core::ServiceForm::FullDay.name_en(), "full-day");
    /// ```
    pub fn name_en(self) -> &'static str {
        Self::NAMES.iter().find(|n| n.0 == self).map(|n| n.3).unwrap_or("")
    }
}

impl std::str::FromStr for ServiceForm {
    type Err = FeeError;

    fn from_str(s: &str) -> Result<Self, FeeError> {
        let t = crate::foundations::input::trim(s);
        Self::NAMES
            .iter()
            .find(|n| t == n.1 || t == n.2 || t.eq_ignore_ascii_case(n.3))
            .map(|n| n.0)
            .ok_or_else(|| FeeError::invalid("service_form", s, crate::foundations::error::reason::SERVICE_FORM))
    }
}

/// The unit of an amount.
///
/// ```
/// assert_eq!("元/月".parse::<fee_core::FeeUnit>()?, fee_core::FeeUnit::PerMonth);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeeUnit {
    /// Yuan per month.
    PerMonth,
    /// Yuan per day.
    PerDay,
    /// Yuan per hour.
    PerHour,
}

impl std::str::FromStr for FeeUnit {
    type Err = FeeError;

    fn from_str(s: &str) -> Result<Self, FeeError> {
        Ok(match crate::foundations::input::trim(s) {
            "per_month" | "month" | "元/月" | "月" => FeeUnit::PerMonth,
            "per_day" | "day" | "元/天" | "元/日" | "天" | "日" => FeeUnit::PerDay,
            "per_hour" | "hour" | "元/小时" | "元/时" | "小时" => FeeUnit::PerHour,
            _ => return Err(FeeError::invalid("unit", s, crate::foundations::error::reason::UNIT)),
        })
    }
}

/// Whether a standard is the inclusive (普惠) one.
///
/// ```
/// assert_eq!(fee_core::StandardKind::default(), fee_core::StandardKind::Inclusive);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StandardKind {
    /// 普惠.
    #[default]
    Inclusive,
    /// 非普惠.
    NonInclusive,
}

/// One fee item of a schedule.
///
/// ```
/// use fee_core::*;
/// let i = FeeItem { item: FeeItemKind::Care, class_type: ClassType::OlderToddler, form: ServiceForm::FullDay,
///     amount: "2800".parse().unwrap(), unit: FeeUnit::PerMonth, standard: StandardKind::Inclusive };
/// assert!(i.item.is_basic());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FeeItem {
    /// What is charged.
    pub item: FeeItemKind,
    /// For which class type.
    pub class_type: ClassType,
    /// For which form of service.
    pub form: ServiceForm,
    /// Yuan per `unit`.
    pub amount: Decimal,
    /// The unit.
    pub unit: FeeUnit,
    /// Inclusive or not.
    #[serde(default)]
    pub standard: StandardKind,
}

/// What the institution tells parents and the public (二(二)2, 二(二)4).
///
/// ```
/// let d = fee_core::Disclosures::all();
/// assert!(d.missing().is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Disclosures {
    /// Fee items and standards published (e.g. in the enrolment brochure).
    pub items_published: bool,
    /// Service content published.
    pub service_content: bool,
    /// Refund rules published.
    pub refund_rules: bool,
    /// A service agreement signed with parents.
    pub agreement_signed: bool,
    /// Fee items and standards displayed prominently at the premises.
    pub displayed_at_premises: bool,
}

impl Disclosures {
    /// Everything disclosed.
    ///
    /// ```
    /// assert!(fee_core::Disclosures::all().refund_rules);
    /// ```
    pub fn all() -> Self {
        Disclosures {
            items_published: true,
            service_content: true,
            refund_rules: true,
            agreement_signed: true,
            displayed_at_premises: true,
        }
    }

    /// The disclosures missing, as (key, zh, en, clause).
    ///
    /// ```
    /// let d = fee_core::Disclosures { refund_rules: false, ..fee_core::Disclosures::all() };
    /// assert_eq!(d.missing()[0].0, "refund_rules");
    /// ```
    pub fn missing(&self) -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
        let all = [
            (
                self.items_published,
                "items_published",
                "未公示收费项目和标准",
                "fee items and standards are not published",
                "二(二)2",
            ),
            (self.service_content, "service_content", "未告知服务内容", "service content is not published", "二(二)2"),
            (self.refund_rules, "refund_rules", "未告知收退费规则", "refund rules are not published", "二(二)2"),
            (
                self.agreement_signed,
                "agreement_signed",
                "未与家长签订服务协议",
                "no service agreement signed with parents",
                "二(二)2",
            ),
            (
                self.displayed_at_premises,
                "displayed_at_premises",
                "收费项目和标准未在营业场所显著位置公示",
                "fees are not displayed prominently at the premises",
                "二(二)4",
            ),
        ];
        all.into_iter().filter(|a| !a.0).map(|a| (a.1, a.2, a.3, a.4)).collect()
    }
}

/// An institution.
///
/// ```
/// let i = fee_core::Institution { name: "阳光托育".into(), kind: fee_core::InstitutionType::OtherInclusiveNursery, inclusive: true, quality_tier: None };
/// assert!(i.inclusive);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Institution {
    /// Name.
    pub name: String,
    /// Type.
    pub kind: InstitutionType,
    /// Whether it is an inclusive (普惠) institution.
    pub inclusive: bool,
    /// Quality tier, if rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_tier: Option<QualityTier>,
}

/// What the district negotiated or approved for a private inclusive institution.
///
/// ```
/// let n = fee_core::Negotiated { reference_range: None, approved_net_cost: Some("2600".parse().unwrap()) };
/// assert!(n.reference_range.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Negotiated {
    /// The negotiated reference range of the monthly full-day care fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_range: Option<FeeRange>,
    /// The approved net cost per child-month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_net_cost: Option<Decimal>,
}

/// A proposed fee schedule.
///
/// ```
/// let s = fee_core::FeeSchedule::example();
/// assert_eq!(s.items.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FeeSchedule {
    /// Who proposes it.
    pub institution: Institution,
    /// Its fee items.
    pub items: Vec<FeeItem>,
    /// What it discloses.
    #[serde(default)]
    pub disclosures: Disclosures,
    /// The refund rule it discloses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_rule: Option<RefundRule>,
    /// What was negotiated (private inclusive).
    #[serde(default)]
    pub negotiated: Negotiated,
    /// Food cost per child-month, to check the meal fee against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meal_cost_per_child_month: Option<Decimal>,
}

impl FeeSchedule {
    /// An example private inclusive nursery with care, half-day care and meals.
    ///
    /// ```
    /// assert!(fee_core::FeeSchedule::example().institution.inclusive);
    /// ```
    pub fn example() -> Self {
        let d = Decimal::from;
        FeeSchedule {
            institution: Institution {
                name: "示例普惠托育园 Example inclusive nursery".into(),
                kind: InstitutionType::OtherInclusiveNursery,
                inclusive: true,
                quality_tier: None,
            },
            items: vec![
                FeeItem {
                    item: FeeItemKind::Care,
                    class_type: ClassType::OlderToddler,
                    form: ServiceForm::FullDay,
                    amount: d(2800),
                    unit: FeeUnit::PerMonth,
                    standard: StandardKind::Inclusive,
                },
                FeeItem {
                    item: FeeItemKind::Care,
                    class_type: ClassType::OlderToddler,
                    form: ServiceForm::HalfDay,
                    amount: d(1500),
                    unit: FeeUnit::PerMonth,
                    standard: StandardKind::Inclusive,
                },
                FeeItem {
                    item: FeeItemKind::Meals,
                    class_type: ClassType::OlderToddler,
                    form: ServiceForm::FullDay,
                    amount: d(500),
                    unit: FeeUnit::PerMonth,
                    standard: StandardKind::Inclusive,
                },
            ],
            disclosures: Disclosures::all(),
            refund_rule: crate::review::refund::RefundRule::examples().ok().and_then(|r| r.into_iter().next()),
            negotiated: Negotiated {
                reference_range: Some(FeeRange { low: d(2400), high: d(3000) }),
                approved_net_cost: Some(d(2900)),
            },
            meal_cost_per_child_month: Some(d(500)),
        }
    }
}
