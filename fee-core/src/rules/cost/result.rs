//! What the cost model gives: each line reported and approved (核增 / 核减), and the totals per year and per child-month.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::trace::Text;

use super::CostMethod;

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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
    pub(super) fn draft(
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
