//! Deriving the fee: guided fee for public institutions, reference range for private inclusive ones.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::error::FeeError;
use crate::foundations::finding::{Finding, Message, Severity};
use crate::foundations::money::{add, div, mul, non_negative, sub, within, Rounding};
use crate::foundations::parameters::ParamValue;
use crate::foundations::trace::{Source, Trace};
use crate::rules::cost::CostResult;
use crate::rules::offsets::OffsetResult;

/// How the fee is set (二(二)1–2).
///
/// ```
/// let f: fee_core::FeeBasis = serde_json::from_str(r#"{"kind":"public"}"#).unwrap();
/// assert!(matches!(f, fee_core::FeeBasis::Public { base_price: None, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FeeBasis {
    /// 公办: a government-guided price from net cost, within the cap.
    Public {
        /// A base price set by the pricing authority; when absent, the cost-based fee is the base.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        base_price: Option<Decimal>,
        /// Upward float allowed, as a share of the base (0.2 = 20%).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        float_up: Option<Decimal>,
        /// Downward float allowed, as a share of the base.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        float_down: Option<Decimal>,
    },
    /// 民办普惠: negotiated from cost, subsidy standard and enrolment.
    PrivateInclusive,
}

/// A range of fees.
///
/// ```
/// let r = fee_core::FeeRange { low: "2000".parse().unwrap(), high: "2400".parse().unwrap() };
/// assert!(r.contains("2200".parse().unwrap()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FeeRange {
    /// Lowest fee, yuan per child-month.
    pub low: Decimal,
    /// Highest fee, yuan per child-month.
    pub high: Decimal,
}

impl FeeRange {
    /// Whether `fee` lies in the range, ends included.
    ///
    /// ```
    /// let r = fee_core::FeeRange { low: rust_decimal::Decimal::ONE, high: rust_decimal::Decimal::TWO };
    /// assert!(r.contains(rust_decimal::Decimal::TWO));
    /// ```
    pub fn contains(&self, fee: Decimal) -> bool {
        self.low <= fee && fee <= self.high
    }
}

/// Public or private inclusive.
///
/// ```
/// assert_eq!(serde_json::to_string(&fee_core::FeeKind::Public).unwrap(), "\"public\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// 公办.
    Public,
    /// 民办普惠.
    PrivateInclusive,
}

/// The derived fee.
///
/// ```
/// use fee_core::{evaluate, ParameterSet, Scenario};
/// let f = evaluate(&Scenario::example(), ParameterSet::chaoyang()?)?.fee;
/// // The highest fee that passes is the cap in the fee's units, never above the cap, and a
/// // guided fee is never above that.
/// assert!(f.cap_in_fee_units <= f.cap);
/// assert!(f.guided_fee.is_none_or(|g| g <= f.cap_in_fee_units));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FeeResult {
    /// Public or private inclusive.
    pub kind: FeeKind,
    /// Net cost per child-month, exact (the break-even fee).
    pub break_even_fee: Decimal,
    /// The break-even fee rounded by `rounding.fee`.
    pub cost_based_fee: Decimal,
    /// The cap (yuan per month, to the fen).
    pub cap: Decimal,
    /// The cap rounded down to the fee's places: the highest fee that passes.
    pub cap_in_fee_units: Decimal,
    /// The guided fee (public only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guided_fee: Option<Decimal>,
    /// Whether the cap bound the guided fee.
    pub capped: bool,
    /// The float band around the base price (public only, when floats are given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub float_band: Option<FeeRange>,
    /// The negotiation reference range (private inclusive only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_range: Option<FeeRange>,
    /// Meal fee per child-month, charged apart.
    pub meal_fee: Decimal,
}

impl FeeResult {
    /// The fee the derivation ends at: the guided fee (public), the top of the reference
    /// range (private inclusive), or else the cost-based fee.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let e = fee_core::evaluate(&fee_core::Scenario::example(), set)?;
    /// assert_eq!(e.fee.final_fee(), e.fee.guided_fee.unwrap());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn final_fee(&self) -> Decimal {
        self.guided_fee.or(self.reference_range.map(|r| r.high)).unwrap_or(self.cost_based_fee)
    }
}

/// The cost and offsets split into what is fixed and what scales with enrolment,
/// so the net fee can be recomputed for any enrolment exactly.
///
/// net(E) = max(0, fixed + per_child × E); fee(E) = net(E) ÷ (E × months).
///
/// ```
/// use fee_core::{evaluate, ParameterSet, Scenario};
/// use rust_decimal::{Decimal, RoundingStrategy};
/// let e = evaluate(&Scenario::example(), ParameterSet::chaoyang()?)?;
/// let x = e.economics;
/// // At the scenario's own enrolment the split gives back its net cost (to the fen: the
/// // per-child part is a 28-digit quotient).
/// let net = x.fixed_net_annual + x.per_child_net_annual * e.cost.enrolment;
/// let fen = |d: Decimal| d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
/// assert_eq!(fen(net), fen(e.offsets.net_annual));
/// assert_eq!(x.months, e.cost.months_charged);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Economics {
    /// Approved fixed cost less fixed deductions, yuan a year (may be negative).
    pub fixed_net_annual: Decimal,
    /// Approved per-child cost less the quota subsidy, yuan per child a year.
    pub per_child_net_annual: Decimal,
    /// Months charged a year.
    pub months: Decimal,
    /// Places.
    pub slots: Decimal,
}

impl Economics {
    pub(crate) fn of(cost: &CostResult, offsets: &OffsetResult) -> Result<Self, FeeError> {
        let fixed_cost = sub(cost.total_approved, cost.per_child_approved, "economics.fixed")?;
        let per_child_cost = div(cost.per_child_approved, cost.enrolment, "economics.per_child")?;
        let quota_annual = mul(offsets.quota_per_child_month, cost.months_charged, "economics.quota")?;
        Ok(Economics {
            fixed_net_annual: sub(fixed_cost, offsets.fixed_annual, "economics.fixed")?,
            per_child_net_annual: sub(per_child_cost, quota_annual, "economics.per_child")?,
            months: cost.months_charged,
            slots: cost.slots,
        })
    }

    /// The net cost per child-month at an enrolment.
    ///
    /// # Errors
    ///
    /// [`FeeError::OutOfRange`] for an enrolment of zero or less; overflow.
    ///
    /// ```
    /// let e = fee_core::Economics { fixed_net_annual: "120000".parse().unwrap(), per_child_net_annual: "0".parse().unwrap(),
    ///     months: "12".parse().unwrap(), slots: "10".parse().unwrap() };
    /// // 120000 ÷ (10 children × 12 months) = 1000.
    /// assert_eq!(e.fee_at("10".parse().unwrap())?.to_string(), "1000");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn fee_at(&self, enrolment: Decimal) -> Result<Decimal, FeeError> {
        if enrolment <= Decimal::ZERO {
            return Err(FeeError::out_of_range("enrolment", enrolment, crate::foundations::error::reason::POSITIVE));
        }
        let net = add(self.fixed_net_annual, mul(self.per_child_net_annual, enrolment, "enrolment")?, "net")?;
        let net = net.max(Decimal::ZERO);
        div(net, mul(enrolment, self.months, "child_months")?, "fee")
    }

    /// The enrolment at which the net cost per child-month equals `fee`, if any.
    ///
    /// Solves fixed + per_child × E = fee × months × E. `None` when the fee never
    /// covers the per-child cost, or when fixed costs are already covered (any enrolment breaks even).
    ///
    /// ```
    /// let e = fee_core::Economics { fixed_net_annual: "120000".parse().unwrap(), per_child_net_annual: "0".parse().unwrap(),
    ///     months: "12".parse().unwrap(), slots: "10".parse().unwrap() };
    /// // 120000 ÷ (2000 × 12) = 5 children.
    /// assert_eq!(e.enrolment_for_fee("2000".parse().unwrap())?.unwrap().to_string(), "5");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Overflow only.
    pub fn enrolment_for_fee(&self, fee: Decimal) -> Result<Option<Decimal>, FeeError> {
        let margin = sub(mul(fee, self.months, "break_even")?, self.per_child_net_annual, "break_even")?;
        if margin <= Decimal::ZERO || self.fixed_net_annual <= Decimal::ZERO {
            return Ok(None);
        }
        div(self.fixed_net_annual, margin, "break_even").map(Some)
    }
}

pub(crate) struct FeeContext<'a> {
    pub cost: &'a CostResult,
    pub offsets: &'a OffsetResult,
    pub economics: Economics,
    pub cap: Decimal,
    pub cap_param: ParamValue<'a>,
    pub rounding: Rounding,
    pub rounding_param: ParamValue<'a>,
}

pub(crate) fn derive_fee(
    basis: &FeeBasis,
    ctx: &FeeContext<'_>,
    trace: &mut Trace,
    findings: &mut Vec<Finding>,
) -> Result<FeeResult, FeeError> {
    let r = ctx.rounding;
    let net = ctx.offsets.net_per_child_month;
    let cost_based = r.apply(net);
    let cap_units = r.floor(ctx.cap);
    trace.record(
        "fee.cost_based",
        "按成本测算的收费（取整）",
        "Cost-based fee (rounded)",
        "cost_based_fee = round(net cost per child-month)",
        |step| {
            step.add_input("net_per_child_month", net)
                .cite(&ctx.rounding_param)
                .set_result(cost_based, "yuan/child-month");
        },
    );
    let mut result = FeeResult {
        kind: FeeKind::Public,
        break_even_fee: net,
        cost_based_fee: cost_based,
        cap: ctx.cap,
        cap_in_fee_units: cap_units,
        guided_fee: None,
        capped: false,
        float_band: None,
        reference_range: None,
        meal_fee: ctx.cost.meal_fee_per_child_month,
    };
    match basis {
        FeeBasis::Public { base_price, float_up, float_down } => {
            let base = match base_price {
                Some(b) => r.apply(non_negative(*b, "fee.base_price")?),
                None => cost_based,
            };
            if base > cap_units {
                let severity = if base_price.is_some() { Severity::Violation } else { Severity::Warning };
                findings.push(
                    Finding::new(
                        "fee.over_cap",
                        severity,
                        Message::new(
                            "基准收费{0}元/月超过上限{1}元/月，指导价按上限确定，差额需财政投入弥补",
                            "base fee {0} exceeds the cap {1}; the guided fee is held at the cap and the gap needs fiscal input",
                        )
                        .with(base)
                        .with(ctx.cap),
                        Source::clause("二(二)1"),
                    )
                    .field(if base_price.is_some() { "fee.base_price" } else { "fee" })
                    .value("base", base)
                    .value("cap", ctx.cap),
                );
            }
            let guided = base.min(cap_units);
            result.capped = base > cap_units;
            result.guided_fee = Some(guided);
            trace.record(
                "fee.guided",
                "政府指导价（不超过上限）",
                "Government-guided fee (within the cap)",
                "guided_fee = min(base, ⌊cap⌋)",
                |step| {
                    step.add_input("base", base)
                        .add_input("cap", ctx.cap)
                        .clause("二(二)1")
                        .cite(&ctx.cap_param)
                        .cite(&ctx.rounding_param)
                        .set_result(guided, "yuan/child-month");
                },
            );
            if float_up.is_some() || float_down.is_some() {
                let up = within(float_up.unwrap_or_default(), Decimal::ZERO, Decimal::ONE, "fee.float_up")?;
                let down = within(float_down.unwrap_or_default(), Decimal::ZERO, Decimal::ONE, "fee.float_down")?;
                let high = r.apply(mul(base, Decimal::ONE + up, "fee.float_band")?).min(cap_units);
                let low = r.apply(mul(base, Decimal::ONE - down, "fee.float_band")?).min(high);
                result.float_band = Some(FeeRange { low, high });
                trace.record(
                    "fee.float_band",
                    "浮动幅度内的收费上限（不超过上限）",
                    "Highest fee within the float band (and the cap)",
                    "band = [round(base × (1 − down)), min(round(base × (1 + up)), ⌊cap⌋)]",
                    |step| {
                        step.add_input("base", base)
                            .add_input("float_up", up)
                            .add_input("float_down", down)
                            .add_input("low", low)
                            .document("发改价格〔2024〕1477号", "基准收费标准和浮动幅度")
                            .set_result(high, "yuan/child-month");
                    },
                );
            }
        }
        FeeBasis::PrivateInclusive => {
            result.kind = FeeKind::PrivateInclusive;
            let full = r.apply(ctx.economics.fee_at(ctx.economics.slots)?);
            let low = full.min(cost_based);
            let high = full.max(cost_based);
            result.reference_range = Some(FeeRange { low, high });
            trace.record(
                "fee.reference_range",
                "协商收费参考区间（满员至实际在托）",
                "Negotiation reference range (full places to actual enrolment)",
                "range = [round(net cost per child-month at full places), round(net cost at actual enrolment)]",
                |step| {
                    step.add_input("at_full_places", full)
                        .add_input("at_enrolment", cost_based)
                        .add_input("slots", ctx.economics.slots)
                        .add_input("enrolment", ctx.cost.enrolment)
                        .clause("二(二)2")
                        .method(
                            "the range spans the net cost per child-month from full places to the actual enrolment",
                            "区间为满员时至实际在托人数时的生均月净成本",
                        )
                        .set_result(high, "yuan/child-month");
                },
            );
            if high > cap_units {
                findings.push(
                    Finding::new(
                        "fee.reference_above_public_cap",
                        Severity::Note,
                        Message::new(
                            "参考区间上限{0}元/月高于公办收费上限{1}元/月",
                            "the top of the reference range, {0}, is above the public fee cap {1}",
                        )
                        .with(high)
                        .with(ctx.cap),
                        Source::clause("二(二)1"),
                    )
                    .value("high", high)
                    .value("cap", ctx.cap),
                );
            }
        }
    }
    Ok(result)
}
