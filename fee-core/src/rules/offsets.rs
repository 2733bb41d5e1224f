//! Government input and donations deducted from the approved cost (发改价格〔2024〕1477号).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::finding::{Finding, Message, Severity};
use crate::foundations::money::{add, div, mul, non_negative, sub, sum};
use crate::foundations::parameters::{Known, ParameterSet};
use crate::foundations::trace::{Source, Text, Trace};
use crate::rules::cost::CostResult;

/// A quality tier for the per-child quota subsidy.
///
/// ```
/// assert_eq!(fee_core::QualityTier::ModelOrFirst.parameter(), "subsidy.quota.tier_1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QualityTier {
    /// 市级示范、一级.
    ModelOrFirst,
    /// 二级、三级.
    SecondOrThird,
}

impl QualityTier {
    /// The parameter holding this tier's quota.
    ///
    /// ```
    /// assert_eq!(fee_core::QualityTier::SecondOrThird.parameter(), "subsidy.quota.tier_2");
    /// ```
    pub fn parameter(self) -> &'static str {
        self.known().name()
    }

    /// The parameter as the engine finds it in a set.
    pub(crate) fn known(self) -> Known {
        match self {
            QualityTier::ModelOrFirst => Known::QuotaTier1,
            QualityTier::SecondOrThird => Known::QuotaTier2,
        }
    }
}

/// The per-child quota subsidy (生均定额补助), per child-month.
///
/// ```
/// let q: fee_core::QuotaSubsidy = serde_json::from_str(r#"{"standard":"tier","tier":"model_or_first"}"#).unwrap();
/// assert!(matches!(q, fee_core::QuotaSubsidy::Tier { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "standard", rename_all = "snake_case")]
pub enum QuotaSubsidy {
    /// The parameter set's amount for a quality tier.
    Tier {
        /// The tier.
        tier: QualityTier,
    },
    /// An amount given directly.
    Amount {
        /// Yuan per child per month.
        per_child_month: Decimal,
    },
}

/// A rent subsidy (租金补贴).
///
/// ```
/// let r: fee_core::RentSubsidy = serde_json::from_str(r#"{"basis":"per_month","amount":"5000"}"#).unwrap();
/// assert!(matches!(r, fee_core::RentSubsidy::PerMonth { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum RentSubsidy {
    /// Yuan per square metre per day.
    PerSquareMetreDay {
        /// Floor area subsidised, m².
        area_m2: Decimal,
        /// Yuan per m² per day.
        yuan_per_m2_day: Decimal,
        /// Days counted a year (calendar days: 365).
        days_per_year: Decimal,
    },
    /// A fixed amount per month.
    PerMonth {
        /// Yuan per month.
        amount: Decimal,
    },
}

/// A one-off grant, spread over years.
///
/// ```
/// let g = fee_core::Grant { name: "扩学位补助".into(), amount: "100000".parse().unwrap(), years: 5 };
/// assert_eq!(g.years, 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Grant {
    /// What it is.
    pub name: String,
    /// Total amount, yuan.
    pub amount: Decimal,
    /// Years it is spread over.
    pub years: u32,
}

/// Government input and donations to deduct.
///
/// ```
/// let g = fee_core::GovernmentInputs::default();
/// assert!(g.grants.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GovernmentInputs {
    /// Per-child quota subsidy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_subsidy: Option<QuotaSubsidy>,
    /// Rent subsidy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rent_subsidy: Option<RentSubsidy>,
    /// One-off grants.
    #[serde(default)]
    pub grants: Vec<Grant>,
    /// Free donations (无偿捐赠), yuan a year.
    #[serde(default)]
    pub donations_annual: Decimal,
    /// Other utility savings paid by government, yuan a year.
    #[serde(default)]
    pub utility_savings_annual: Decimal,
}

/// One deduction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OffsetLine {
    /// Stable id, such as `offset.quota`.
    pub id: Text,
    /// Label in Chinese.
    pub label_zh: Text,
    /// Label in English.
    pub label_en: Text,
    /// Yuan a year.
    pub annual: Decimal,
    /// Yuan per child-month (annual ÷ child-months), exact.
    pub per_child_month: Decimal,
}

/// The deductions and the net cost.
///
/// ```
/// use fee_core::{evaluate, ParameterSet, Scenario};
/// use rust_decimal::Decimal;
/// let mut s = Scenario::example();
/// s.offsets.donations_annual = "60000".parse().unwrap();
/// let e = evaluate(&s, ParameterSet::chaoyang()?)?;
/// let o = &e.offsets;
/// // The donation is a deduction of its own; the net cost is what is left of the approved
/// // cost, a child-month's share of it the break-even fee.
/// let gift = o.lines.iter().find(|l| l.id == "offset.donations").map(|l| l.annual);
/// assert_eq!(gift, Some("60000".parse().unwrap()));
/// assert_eq!(o.total_annual, o.lines.iter().map(|l| l.annual).sum::<Decimal>());
/// assert_eq!(o.net_annual, (e.cost.total_approved - o.total_annual).max(Decimal::ZERO));
/// assert_eq!(o.net_per_child_month, o.net_annual / e.cost.child_months);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OffsetResult {
    /// Deductions in order.
    pub lines: Vec<OffsetLine>,
    /// Their sum, yuan a year.
    pub total_annual: Decimal,
    /// The quota subsidy per child-month (0 if none).
    pub quota_per_child_month: Decimal,
    /// Deductions that do not scale with enrolment, yuan a year.
    pub fixed_annual: Decimal,
    /// Approved cost less deductions, never below 0, yuan a year.
    pub net_annual: Decimal,
    /// Net cost per child-month, exact: the break-even fee.
    pub net_per_child_month: Decimal,
}

pub(crate) fn compute_offsets(
    inputs: &GovernmentInputs,
    cost: &CostResult,
    params: &ParameterSet,
    date: Date,
    trace: &mut Trace,
    findings: &mut Vec<Finding>,
) -> Result<OffsetResult, FeeError> {
    let mut lines: Vec<OffsetLine> = Vec::with_capacity(6);
    let cm = cost.child_months;
    let mut push = |id: &'static str, zh: &'static str, en: &'static str, annual: Decimal| -> Result<(), FeeError> {
        let per = div(annual, cm, id)?;
        lines.push(OffsetLine {
            id: Text::Borrowed(id),
            label_zh: Text::Borrowed(zh),
            label_en: Text::Borrowed(en),
            annual,
            per_child_month: per,
        });
        Ok(())
    };
    let twelve = Decimal::from(12);

    let mut quota = Decimal::ZERO;
    if let Some(q) = &inputs.quota_subsidy {
        // The amount, and the tier's parameter where the quota is a tier's.
        let (amount, tier_value) = match q {
            QuotaSubsidy::Tier { tier } => {
                let v = params.known_decimal(tier.known(), date)?;
                (v.value, Some(v))
            }
            QuotaSubsidy::Amount { per_child_month } => {
                (non_negative(*per_child_month, "offsets.quota_subsidy.per_child_month")?, None)
            }
        };
        quota = amount;
        let annual = mul(amount, cm, "offsets.quota")?;
        trace.record(
            "offset.quota",
            "生均定额补助",
            "Per-child quota subsidy",
            "quota_annual = quota × child_months",
            |step| {
                step.add_input("quota", amount).add_input("child_months", cm).clause("二(二)3");
                match &tier_value {
                    Some(v) => step.cite(v),
                    None => step.input_field("offsets.quota_subsidy"),
                };
                step.set_result(annual, "yuan/year");
            },
        );
        push("offset.quota", "生均定额补助", "Per-child quota subsidy", annual)?;
    }

    let mut fixed = Decimal::ZERO;
    if let Some(r) = &inputs.rent_subsidy {
        // The amount before the rent bound, the formula, and the inputs it used.
        let (raw, formula, used): (Decimal, &'static str, &[(&'static str, Decimal)]) = match r {
            RentSubsidy::PerSquareMetreDay { area_m2, yuan_per_m2_day, days_per_year } => {
                let a = non_negative(*area_m2, "offsets.rent_subsidy.area_m2")?;
                let y = non_negative(*yuan_per_m2_day, "offsets.rent_subsidy.yuan_per_m2_day")?;
                let d = crate::foundations::money::within(
                    *days_per_year,
                    Decimal::ONE,
                    Decimal::from(366),
                    "offsets.rent_subsidy.days_per_year",
                )?;
                let v = mul(mul(a, y, "offsets.rent")?, d, "offsets.rent")?;
                (
                    v,
                    "rent_subsidy = min(area × rate × days, approved rent)",
                    &[("area_m2", a), ("yuan_per_m2_day", y), ("days_per_year", d)],
                )
            }
            RentSubsidy::PerMonth { amount } => {
                let m = non_negative(*amount, "offsets.rent_subsidy.amount")?;
                let v = mul(m, twelve, "offsets.rent")?;
                (v, "rent_subsidy = min(monthly × 12, approved rent)", &[("monthly", m)])
            }
        };
        let rent = cost.lines.iter().find(|l| l.id == "premises.rent").map(|l| l.approved_annual).unwrap_or_default();
        let annual = raw.min(rent);
        if raw > rent {
            findings.push(
                Finding::new(
                    "offsets.rent_subsidy_over_rent",
                    Severity::Warning,
                    Message::new(
                        "租金补贴{0}元/年超过核定租金{1}元/年，按租金计",
                        "rent subsidy {0} a year exceeds the approved rent {1}; counted up to the rent",
                    )
                    .with(raw)
                    .with(rent),
                    Source::clause("二(二)3"),
                )
                .field("offsets.rent_subsidy")
                .value("subsidy", raw)
                .value("rent", rent),
            );
        }
        trace.record("offset.rent", "租金补贴", "Rent subsidy", formula, |step| {
            for (name, value) in used {
                step.add_input(name, *value);
            }
            step.add_input("approved_rent", rent)
                .clause("二(二)3")
                .input_field("offsets.rent_subsidy")
                .set_result(annual, "yuan/year");
        });
        fixed = add(fixed, annual, "offsets.fixed")?;
        push("offset.rent", "租金补贴", "Rent subsidy", annual)?;
    }

    let mut grants_annual = Decimal::ZERO;
    for (i, g) in inputs.grants.iter().enumerate() {
        let field = format!("offsets.grants[{i}]");
        let amount = non_negative(g.amount, &format!("{field}.amount"))?;
        if g.years == 0 {
            return Err(FeeError::out_of_range(
                format!("{field}.years"),
                0,
                crate::foundations::error::reason::AT_LEAST_ONE_YEAR,
            ));
        }
        grants_annual = add(grants_annual, div(amount, Decimal::from(g.years), &field)?, &field)?;
    }
    if !inputs.grants.is_empty() {
        trace.record(
            "offset.grants",
            "一次性补助（按年摊销）",
            "One-off grants (spread over years)",
            "grants_annual = Σ amount ÷ years",
            |step| {
                step.document("发改价格〔2024〕1477号", "以扣除政府投入和社会无偿捐赠后的服务成本为基础")
                    .input_field("offsets.grants")
                    .set_result(grants_annual, "yuan/year");
            },
        );
        fixed = add(fixed, grants_annual, "offsets.fixed")?;
        push("offset.grants", "一次性补助摊销", "One-off grants, per year", grants_annual)?;
    }
    let donations = non_negative(inputs.donations_annual, "offsets.donations_annual")?;
    if !donations.is_zero() {
        fixed = add(fixed, donations, "offsets.fixed")?;
        trace.record(
            "offset.donations",
            "社会无偿捐赠",
            "Free donations",
            "donations = entered annual amount",
            |step| {
                step.document("发改价格〔2024〕1477号", "以扣除政府投入和社会无偿捐赠后的服务成本为基础")
                    .set_result(donations, "yuan/year");
            },
        );
        push("offset.donations", "社会无偿捐赠", "Free donations", donations)?;
    }
    let savings = non_negative(inputs.utility_savings_annual, "offsets.utility_savings_annual")?;
    if !savings.is_zero() {
        fixed = add(fixed, savings, "offsets.fixed")?;
        trace.record(
            "offset.utility_savings",
            "水电气热优惠",
            "Utility savings",
            "savings = entered annual amount",
            |step| {
                step.clause("二(五)10").set_result(savings, "yuan/year");
            },
        );
        push("offset.utility_savings", "水电气热优惠", "Utility savings", savings)?;
    }

    let total = sum(lines.iter().map(|l| l.annual), "offsets.total")?;
    let mut net = sub(cost.total_approved, total, "offsets.net")?;
    if net < Decimal::ZERO {
        findings.push(
            Finding::new(
                "offsets.exceed_cost",
                Severity::Note,
                Message::new(
                    "政府投入与捐赠{0}元/年超过核定成本{1}元/年，净成本按0计",
                    "government input and donations {0} a year exceed the approved cost {1}; net cost taken as 0",
                )
                .with(total)
                .with(cost.total_approved),
                Source::document("发改价格〔2024〕1477号", "以扣除政府投入和社会无偿捐赠后的服务成本为基础"),
            )
            .value("offsets", total)
            .value("approved_cost", cost.total_approved),
        );
        net = Decimal::ZERO;
    }
    let net_pcm = div(net, cm, "offsets.net_per_child_month")?;
    trace.record(
        "offset.net_per_child_month",
        "扣除政府投入后的生均月成本（保本收费）",
        "Net cost per child-month after government input (break-even fee)",
        "net = max(0, total_approved − Σ deductions) ÷ child_months",
        |step| {
            step.add_input("total_approved", cost.total_approved)
                .add_input("deductions", total)
                .add_input("child_months", cm)
                .document("发改价格〔2024〕1477号", "以扣除政府投入和社会无偿捐赠后的服务成本为基础")
                .set_result(net_pcm, "yuan/child-month");
        },
    );
    Ok(OffsetResult {
        lines,
        total_annual: total,
        quota_per_child_month: quota,
        fixed_annual: fixed,
        net_annual: net,
        net_per_child_month: net_pcm,
    })
}
