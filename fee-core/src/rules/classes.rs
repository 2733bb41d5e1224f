//! Class types, their size and carer-ratio standards, and licensing checks.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::finding::{Finding, Message, Severity};
use crate::foundations::money::{ceil_count, At, Path};
use crate::foundations::parameters::{Known, ParamValue, ParameterSet};
use crate::foundations::trace::Source;

/// A class type of the nursery standard (托育机构设置标准（试行）).
///
/// ```
/// use fee_core::ClassType;
/// assert_eq!(ClassType::Infant.name_zh(), "乳儿班");
/// assert_eq!("toddler".parse::<ClassType>()?, ClassType::Toddler);
/// assert_eq!("托大班".parse::<ClassType>()?, ClassType::OlderToddler);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClassType {
    /// 乳儿班, 6–12 months.
    Infant,
    /// 托小班, 12–24 months.
    Toddler,
    /// 托大班, 24–36 months.
    OlderToddler,
    /// 混合班, 18 months and up.
    Mixed,
}

impl ClassType {
    /// All class types, youngest first.
    pub const ALL: [ClassType; 4] = [ClassType::Infant, ClassType::Toddler, ClassType::OlderToddler, ClassType::Mixed];

    /// The key used in parameter names and files.
    ///
    /// ```
    /// assert_eq!(fee_core::ClassType::OlderToddler.key(), "older_toddler");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            ClassType::Infant => "infant",
            ClassType::Toddler => "toddler",
            ClassType::OlderToddler => "older_toddler",
            ClassType::Mixed => "mixed",
        }
    }

    /// The Chinese name.
    ///
    /// ```
    /// assert_eq!(fee_core::ClassType::Mixed.name_zh(), "混合班");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            ClassType::Infant => "乳儿班",
            ClassType::Toddler => "托小班",
            ClassType::OlderToddler => "托大班",
            ClassType::Mixed => "混合班",
        }
    }

    /// The English name.
    ///
    /// ```
    /// assert_eq!(fee_core::ClassType::Infant.name_en(), "infant class");
    /// ```
    pub fn name_en(self) -> &'static str {
        match self {
            ClassType::Infant => "infant class",
            ClassType::Toddler => "younger toddler class",
            ClassType::OlderToddler => "older toddler class",
            ClassType::Mixed => "mixed-age class",
        }
    }

    /// The class's maximum size and children per carer on `date` (the mixed class has no ratio).
    ///
    /// # Errors
    ///
    /// [`FeeError::Parameter`] when the set lacks the standard on that date.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let s = fee_core::ClassType::Toddler.standard(set, "2025-01-01".parse()?)?;
    /// assert_eq!(s.max_size.value.to_string(), "15");
    /// assert_eq!(s.children_per_carer.unwrap().value.to_string(), "5");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn standard(self, params: &ParameterSet, date: Date) -> Result<ClassStandard<'_>, FeeError> {
        let (size, ratio) = match self {
            ClassType::Infant => (Known::InfantMaxSize, Known::InfantChildrenPerCarer),
            ClassType::Toddler => (Known::ToddlerMaxSize, Known::ToddlerChildrenPerCarer),
            ClassType::OlderToddler => (Known::OlderToddlerMaxSize, Known::OlderToddlerChildrenPerCarer),
            ClassType::Mixed => (Known::MixedMaxSize, Known::MixedChildrenPerCarer),
        };
        let max_size = params.known_decimal(size, date)?;
        let children_per_carer = params.optional_known_decimal(ratio, date)?;
        Ok(ClassStandard { max_size, children_per_carer })
    }
}

impl std::str::FromStr for ClassType {
    type Err = FeeError;

    fn from_str(s: &str) -> Result<Self, FeeError> {
        let t = crate::foundations::input::trim(s);
        ClassType::ALL
            .into_iter()
            .find(|c| t == c.key() || t == c.name_zh() || t.eq_ignore_ascii_case(c.name_en()))
            .ok_or_else(|| FeeError::invalid("class_type", s, crate::foundations::error::reason::CLASS_TYPE))
    }
}

/// A class type's standard on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassStandard<'a> {
    /// Maximum children in one class.
    pub max_size: ParamValue<'a>,
    /// Children per carer (1:n), if the standard sets one.
    pub children_per_carer: Option<ParamValue<'a>>,
}

/// A group of identical classes in the cost model.
///
/// ```
/// use fee_core::{ClassGroup, ClassType};
/// let g = ClassGroup { class_type: ClassType::OlderToddler, classes: 2, children_per_class: 20, carers_per_class: None };
/// assert_eq!(g.slots(), 40);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClassGroup {
    /// The class type.
    pub class_type: ClassType,
    /// How many classes of this type.
    pub classes: u32,
    /// Places (托位) per class.
    pub children_per_class: u32,
    /// Carers per class; derived from the ratio when absent (required for mixed classes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carers_per_class: Option<u32>,
}

impl ClassGroup {
    /// Places in the group: classes × children per class (saturating).
    ///
    /// ```
    /// let g = fee_core::ClassGroup { class_type: fee_core::ClassType::Infant, classes: 3, children_per_class: 10, carers_per_class: None };
    /// assert_eq!(g.slots(), 30);
    /// ```
    pub fn slots(&self) -> u64 {
        u64::from(self.classes) * u64::from(self.children_per_class)
    }
}

/// The carers a group needs and has, after checking it against the standard.
#[derive(Debug, Clone)]
pub(crate) struct Staffing<'a> {
    /// Carers per class the ratio requires (None for a mixed class).
    pub required_per_class: Option<u32>,
    /// Carers per class used in the cost.
    pub used_per_class: u32,
    /// The ratio parameter the requirement rests on, to cite.
    pub ratio: Option<ParamValue<'a>>,
}

/// Checks a class group against the standard, pushing findings, and settles its carers.
pub(crate) fn check_group<'a>(
    group: &ClassGroup,
    index: usize,
    params: &'a ParameterSet,
    date: Date,
    findings: &mut Vec<Finding>,
) -> Result<Staffing<'a>, FeeError> {
    // Field paths are formatted only when an error or finding needs them.
    let field = At("cost.classes", index, "");
    let size_field = At("cost.classes", index, ".children_per_class");
    let carers_field = At("cost.classes", index, ".carers_per_class");
    if group.children_per_class == 0 {
        return Err(FeeError::out_of_range(size_field.path(), 0, crate::foundations::error::reason::AT_LEAST_ONE));
    }
    let std = group.class_type.standard(params, date)?;
    let size = Decimal::from(group.children_per_class);
    if size > std.max_size.value {
        findings.push(
            Finding::new(
                "class.over_size",
                Severity::Violation,
                Message::new("{0}每班{2}人，超过班额上限{3}人", "{1} of {2} children exceeds the maximum of {3}")
                    .with(group.class_type.name_zh())
                    .with(group.class_type.name_en())
                    .with(size)
                    .with(std.max_size.value),
                std.max_size.source(),
            )
            .field(size_field.path())
            .value("children_per_class", size)
            .value("max_size", std.max_size.value),
        );
    }
    let required = match &std.children_per_carer {
        Some(ratio) => Some(ceil_count(size, ratio.value, field)?),
        None => None,
    };
    let used = match (group.carers_per_class, required) {
        (Some(given), Some(need)) => {
            if given < need {
                let ratio = std.children_per_carer.as_ref().map(|r| r.value).unwrap_or_default();
                findings.push(
                    Finding::new(
                        "class.under_ratio",
                        Severity::Violation,
                        Message::new(
                            "{0}每班{2}名保育人员，按1:{3}应不少于{4}名",
                            "{1} has {2} carers per class; the 1:{3} ratio needs at least {4}",
                        )
                        .with(group.class_type.name_zh())
                        .with(group.class_type.name_en())
                        .with(given)
                        .with(ratio)
                        .with(need),
                        std.children_per_carer
                            .as_ref()
                            .map(|r| r.source())
                            .unwrap_or_else(|| Source::document("国卫人口发〔2019〕58号", "托育机构设置标准（试行）")),
                    )
                    .field(carers_field.path())
                    .value("carers_per_class", Decimal::from(given))
                    .value("required", Decimal::from(need)),
                );
            }
            given
        }
        (Some(given), None) => given,
        (None, Some(need)) => need,
        (None, None) => {
            return Err(FeeError::invalid(carers_field.path(), "", crate::foundations::error::reason::MIXED_CARERS))
        }
    };
    Ok(Staffing { required_per_class: required, used_per_class: used, ratio: std.children_per_carer })
}

/// Licensing findings for a list of class groups, for an app to show while the user types.
///
/// # Errors
///
/// [`FeeError::OutOfRange`] for a class of zero children; [`FeeError::Invalid`] for a
/// mixed class without carers; [`FeeError::Parameter`] when the standard is not in force.
///
/// ```
/// use fee_core::{licensing_findings, ClassGroup, ClassType, ParameterSet};
/// let set = ParameterSet::chaoyang()?;
/// let groups = [ClassGroup { class_type: ClassType::Infant, classes: 1, children_per_class: 12, carers_per_class: Some(3) }];
/// let f = licensing_findings(&groups, set, "2025-01-01".parse()?)?;
/// // 12 > 10 children, and 12 children at 1:3 need 4 carers, not 3.
/// assert_eq!(f.len(), 2);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn licensing_findings(groups: &[ClassGroup], params: &ParameterSet, date: Date) -> Result<Vec<Finding>, FeeError> {
    let mut findings = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        check_group(g, i, params, date, &mut findings)?;
    }
    Ok(findings)
}
