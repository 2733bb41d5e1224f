//! Checks of a proposed fee schedule, each finding citing its clause.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::finding::{Finding, Message, Severity};
use crate::foundations::money::{div, mul, non_negative, sub, At};
use crate::foundations::parameters::{Known, ParameterSet};
use crate::foundations::trace::{Source, Text, Trace, TraceValue};
use crate::review::schedule::{FeeItemKind, FeeSchedule, FeeUnit, ServiceForm, StandardKind};
use crate::rules::cap::{compute_cap, IncomeBasis};

/// A finding and the fee item it is about (`None`: the whole institution).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckFinding {
    /// Index into the schedule's items, or `None` for the institution as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    /// What was found.
    pub finding: Finding,
}

/// The result of checking a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CheckReport {
    /// The cap used for public fees.
    pub cap: Decimal,
    /// Findings, most serious first.
    pub findings: Vec<CheckFinding>,
}

impl CheckReport {
    /// Whether nothing more serious than a note was found.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let income = fee_core::IncomeBasis::District { year: 2022 };
    /// let r = fee_core::check_schedule(&fee_core::FeeSchedule::example(), set, "2024-06-01".parse()?, &income)?;
    /// assert!(r.passes());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn passes(&self) -> bool {
        self.findings.iter().all(|f| f.finding.severity == Severity::Note)
    }
}

const CATALOGUE: &str = "发改价格〔2024〕1477号";

/// The field paths of the first items' amounts, written out so that a finding about one of
/// them (most findings of a batch) costs no formatting.
const ITEM_AMOUNTS: [&str; 12] = [
    "items[0].amount",
    "items[1].amount",
    "items[2].amount",
    "items[3].amount",
    "items[4].amount",
    "items[5].amount",
    "items[6].amount",
    "items[7].amount",
    "items[8].amount",
    "items[9].amount",
    "items[10].amount",
    "items[11].amount",
];

/// The path of item `i`'s amount.
fn item_amount_path(i: usize) -> Text {
    match ITEM_AMOUNTS.get(i) {
        Some(path) => Text::Borrowed(*path),
        None => Text::Owned(format!("items[{i}].amount")),
    }
}

/// A finding about the amount of item `i`, made in one piece: findings are large, and a
/// chain of builder calls copies one at every step.
#[inline(always)]
fn item_finding(
    i: usize,
    code: &'static str,
    severity: Severity,
    message: Message,
    source: Source,
    values: Vec<TraceValue>,
) -> CheckFinding {
    CheckFinding {
        item: Some(i),
        finding: Finding {
            code: Text::Borrowed(code),
            severity,
            message,
            source,
            field: Some(item_amount_path(i)),
            values,
        },
    }
}

/// Checks a proposed fee schedule against the plan and the parameter set.
///
/// Public institutions: basic monthly fees within the cap. Private inclusive: care fee
/// within the negotiated range and not above the approved net cost. All: one standard
/// only (二(二)4), items from the catalogue, disclosures (二(二)2, 二(二)4), half-day and
/// hourly limits where the set has them, meals not above their cost.
///
/// # Errors
///
/// [`FeeError::OutOfRange`] for a negative amount (naming `items[i].amount`); any error of the cap.
///
/// ```
/// use fee_core::*;
/// let set = ParameterSet::chaoyang()?;
/// let mut s = FeeSchedule::example();
/// s.institution.kind = InstitutionType::PublicNursery;
/// s.items[0].amount = "3131.01".parse().unwrap();
/// let r = check_schedule(&s, set, "2024-06-01".parse()?, &IncomeBasis::District { year: 2022 })?;
/// assert_eq!(r.findings[0].finding.code, "fee.over_cap");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn check_schedule(
    schedule: &FeeSchedule,
    params: &ParameterSet,
    date: Date,
    income: &IncomeBasis,
) -> Result<CheckReport, FeeError> {
    CheckContext::new(params, date, income)?.check(schedule)
}

/// A limit from the parameter set with its source, resolved once.
#[derive(Debug, Clone)]
struct Limit {
    value: Decimal,
    source: Source,
}

/// The rules of a check resolved for one date and income: the cap, the rounding and the
/// optional limits. Checking many schedules against one context (batch review) resolves
/// the parameters once.
#[derive(Debug, Clone)]
pub struct CheckContext {
    cap: Decimal,
    rounding: crate::foundations::money::Rounding,
    half: Option<Limit>,
    hourly: Option<Limit>,
    days: Option<Decimal>,
}

impl CheckContext {
    /// Resolves the cap and the limits.
    ///
    /// # Errors
    ///
    /// Any error of the cap for `income` on `date`, or of a limit parameter.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let ctx = fee_core::CheckContext::new(set, "2024-06-01".parse()?, &fee_core::IncomeBasis::District { year: 2022 })?;
    /// assert_eq!(ctx.check(&fee_core::FeeSchedule::example())?.cap.to_string(), "3131.00");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn new(params: &ParameterSet, date: Date, income: &IncomeBasis) -> Result<Self, FeeError> {
        let (cap, rule) = compute_cap(income, None, params, date, &mut Trace::quiet())?;
        let cap = cap.cap;
        let limit = |k: Known| -> Result<Option<Limit>, FeeError> {
            Ok(params.optional_known_decimal(k, date)?.map(|p| Limit { value: p.value, source: p.source() }))
        };
        Ok(CheckContext {
            cap,
            rounding: rule.rounding,
            half: limit(Known::HalfDayShare)?,
            hourly: limit(Known::HourlyShare)?,
            days: params.optional_known_decimal(Known::WorkingDaysPerMonth, date)?.map(|p| p.value),
        })
    }

    /// Checks one schedule (see [`check_schedule`]).
    ///
    /// # Errors
    ///
    /// As [`check_schedule`].
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let ctx = fee_core::CheckContext::new(set, "2024-06-01".parse()?, &fee_core::IncomeBasis::District { year: 2022 })?;
    /// assert!(ctx.check(&fee_core::FeeSchedule::example())?.passes());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn check(&self, schedule: &FeeSchedule) -> Result<CheckReport, FeeError> {
        let cap = self.cap;
        let rule = self;
        // Room for a finding per item and a few about the institution, so the list is not moved.
        let mut out: Vec<CheckFinding> = Vec::with_capacity(schedule.items.len() + 4);
        let kind = schedule.institution.kind;
        for (i, item) in schedule.items.iter().enumerate() {
            non_negative(item.amount, At("items", i, ".amount"))?;
            // A care fee of 0 is priced as nothing at all: most likely a cell left empty.
            if item.amount.is_zero() && item.item == FeeItemKind::Care {
                out.push(item_finding(
                    i,
                    "fee.zero",
                    Severity::Warning,
                    Message::new(
                        "保育费为0元：请核对是否漏填（免收的应写明依据）",
                        "the care fee is 0: check whether it was left out (a fee waived needs its basis)",
                    ),
                    Source::input("items.amount"),
                    vec![TraceValue::new("fee", item.amount)],
                ));
            }
        }

        // Catalogue.
        for (i, item) in schedule.items.iter().enumerate() {
            if let FeeItemKind::Unlisted(name) = &item.item {
                out.push(CheckFinding {
                    item: Some(i),
                    finding: Finding::new(
                        "item.unlisted",
                        Severity::Violation,
                        Message::new(
                            "“{0}”不在收费项目目录内，不得收取",
                            "“{0}” is not in the fee catalogue and may not be charged",
                        )
                        .with(name.clone()),
                        Source::document(CATALOGUE, "不得在规定项目之外收费"),
                    )
                    .field(format!("items[{i}].item")),
                });
            }
        }

        // One standard only.
        let has_inclusive = schedule.items.iter().any(|i| i.standard == StandardKind::Inclusive);
        let has_other = schedule.items.iter().any(|i| i.standard == StandardKind::NonInclusive);
        if has_other && (has_inclusive || schedule.institution.inclusive) {
            out.push(CheckFinding {
                item: None,
                finding: Finding::new(
                    "standard.dual",
                    Severity::Violation,
                    Message::new(
                        "同一机构同时存在普惠和非普惠两种服务标准",
                        "the institution runs both an inclusive and a non-inclusive standard",
                    ),
                    Source::clause("二(二)4"),
                ),
            });
        }

        // Disclosures.
        for (key, zh, en, clause) in schedule.disclosures.missing() {
            let clause_src =
                if clause == "二(二)4" { Source::clause("二(二)4") } else { Source::clause("二(二)2") };
            out.push(CheckFinding {
                item: None,
                finding: Finding::new(
                    format!("disclosure.{key}"),
                    Severity::Violation,
                    Message::new(zh, en),
                    clause_src,
                )
                .field(format!("disclosures.{key}")),
            });
        }

        // The refund rule disclosed should be on record, so refunds can be computed by it.
        if schedule.disclosures.refund_rules && schedule.refund_rule.is_none() {
            out.push(CheckFinding {
            item: None,
            finding: Finding::new(
                "refund_rule.not_recorded",
                Severity::Note,
                Message::new(
                    "已告知收退费规则，但规则未录入，退费计算无法按其执行",
                    "refund rules are said to be published but the rule is not on record, so refunds cannot be computed by it",
                ),
                Source::clause("二(二)2"),
            ),
        });
        }

        // Public: basic monthly fees within the cap (care + boarding of the same class and form).
        if kind.is_public() {
            let cap_units = cap;
            for (i, item) in schedule.items.iter().enumerate() {
                if !(item.item.is_basic() && item.unit == FeeUnit::PerMonth && item.item == FeeItemKind::Care) {
                    continue;
                }
                let boarding: Decimal = schedule
                    .items
                    .iter()
                    .filter(|o| {
                        o.item == FeeItemKind::Boarding
                            && o.class_type == item.class_type
                            && o.form == item.form
                            && o.unit == FeeUnit::PerMonth
                    })
                    .map(|o| o.amount)
                    .try_fold(Decimal::ZERO, |a, b| crate::foundations::money::add(a, b, "items"))?;
                let basic = crate::foundations::money::add(item.amount, boarding, At("items", i, ".amount"))?;
                if basic > cap_units {
                    let headroom = sub(cap_units, basic, At("items", i, ".amount"))?;
                    out.push(item_finding(
                        i,
                        "fee.over_cap",
                        Severity::Violation,
                        Message::with_args(
                            "{0}{1}基本服务费{4}元/月超过上限{5}元/月（超出{6}元）",
                            "basic fee {4} a month for the {2} ({3}) exceeds the cap {5} by {6}",
                            [
                                item.class_type.name_zh().into(),
                                item.form.name_zh().into(),
                                item.class_type.name_en().into(),
                                item.form.name_en().into(),
                                basic.into(),
                                cap.into(),
                                (-headroom).into(),
                            ],
                        ),
                        Source::clause("二(二)1"),
                        vec![
                            TraceValue::new("basic_fee", basic),
                            TraceValue::new("cap", cap),
                            TraceValue::new("headroom", headroom),
                        ],
                    ));
                }
            }
        } else if schedule.institution.inclusive {
            // Private inclusive: negotiated range and approved net cost.
            for (i, item) in schedule.items.iter().enumerate() {
                // The negotiated range and the net cost are the inclusive (普惠) standard's: an
                // item offered at a non-inclusive standard is not measured by them.
                if item.item != FeeItemKind::Care
                    || item.form != ServiceForm::FullDay
                    || item.unit != FeeUnit::PerMonth
                    || item.standard != StandardKind::Inclusive
                {
                    continue;
                }
                if let Some(range) = schedule.negotiated.reference_range {
                    if !range.contains(item.amount) {
                        out.push(item_finding(
                            i,
                            "fee.outside_reference_range",
                            Severity::Warning,
                            Message::with_args(
                                "保育费{0}元/月不在协商参考区间{1}–{2}元内",
                                "care fee {0} a month is outside the negotiated range {1}–{2}",
                                [item.amount.into(), range.low.into(), range.high.into()],
                            ),
                            Source::clause("二(二)2"),
                            vec![
                                TraceValue::new("fee", item.amount),
                                TraceValue::new("low", range.low),
                                TraceValue::new("high", range.high),
                            ],
                        ));
                    }
                }
                if let Some(net) = schedule.negotiated.approved_net_cost {
                    if item.amount > net {
                        out.push(item_finding(
                            i,
                            "fee.above_net_cost",
                            Severity::Warning,
                            Message::with_args(
                                "保育费{0}元/月高于核定的扣除补助后成本{1}元",
                                "care fee {0} a month is above the approved net cost {1}",
                                [item.amount.into(), net.into()],
                            ),
                            Source::document(CATALOGUE, "以扣除政府投入和社会无偿捐赠后的服务成本为基础"),
                            vec![TraceValue::new("fee", item.amount), TraceValue::new("net_cost", net)],
                        ));
                    }
                }
            }
        }

        // Half-day and hourly limits, where the parameter set has them.
        let (half, hourly, days) = (&self.half, &self.hourly, &self.days);
        for (i, item) in schedule.items.iter().enumerate() {
            let full = |unit: FeeUnit| {
                schedule.items.iter().find(|o| {
                    o.item == item.item
                        && o.class_type == item.class_type
                        && o.form == ServiceForm::FullDay
                        && o.unit == unit
                        && o.standard == item.standard
                })
            };
            // A limit the active set does not hold cannot be checked: said, not passed in silence.
            let unchecked = match (item.form, half.is_some(), hourly.is_some()) {
                (ServiceForm::HalfDay, false, _) => Some(("半日托", "half-day")),
                (ServiceForm::Hourly, _, false) => Some(("计时托", "hourly")),
                _ => None,
            };
            if let (Some((zh, en)), Some(_)) = (unchecked, full(item.unit).or_else(|| full(FeeUnit::PerMonth))) {
                out.push(item_finding(
                    i,
                    "limits.not_in_set",
                    Severity::Note,
                    Message::with_args(
                        "当前参数集没有{0}收费限额，此项{0}收费未与全日托比较（北京未见此类规定；外地示例见参数集 example-service-limits）",
                        "the active parameter set has no {1} fee limit, so this {1} fee was not compared with the full-day fee (no Beijing rule found; an example from another locality is in the set example-service-limits)",
                        [zh.into(), en.into()],
                    ),
                    Source::method("a check the set cannot run is reported", "参数集不能支持的核查予以说明"),
                    vec![TraceValue::new("fee", item.amount)],
                ));
            }
            if let (ServiceForm::HalfDay, Some(share)) = (item.form, &half) {
                if let Some(f) = full(item.unit) {
                    let limit = rule.rounding.apply(mul(f.amount, share.value, "limits.half_day_share")?);
                    if item.amount > limit {
                        out.push(item_finding(
                            i,
                            "fee.half_day_over_share",
                            Severity::Warning,
                            Message::with_args(
                                "半日托{0}元高于全日托{1}元的{2}（{3}元）",
                                "half-day fee {0} exceeds {2} of the full-day fee {1} ({3})",
                                [item.amount.into(), f.amount.into(), share.value.into(), limit.into()],
                            ),
                            share.source.clone(),
                            vec![TraceValue::new("fee", item.amount), TraceValue::new("limit", limit)],
                        ));
                    }
                }
            }
            if let (ServiceForm::Hourly, FeeUnit::PerHour, Some(share)) = (item.form, item.unit, &hourly) {
                let daily = match (full(FeeUnit::PerDay), full(FeeUnit::PerMonth), &days) {
                    (Some(d), _, _) => Some(d.amount),
                    (None, Some(m), Some(days)) => Some(div(m.amount, *days, "limits.working_days_per_month")?),
                    _ => None,
                };
                if let Some(daily) = daily {
                    let limit = rule.rounding.apply(mul(daily, share.value, "limits.hourly_share")?);
                    if item.amount > limit {
                        out.push(item_finding(
                            i,
                            "fee.hourly_over_share",
                            Severity::Warning,
                            Message::with_args(
                                "计时托{0}元/小时高于日收费{1}的{2}（{3}元）",
                                "hourly fee {0} exceeds {2} of the daily rate {1} ({3})",
                                [
                                    item.amount.into(),
                                    rule.rounding.apply(daily).into(),
                                    share.value.into(),
                                    limit.into(),
                                ],
                            ),
                            share.source.clone(),
                            vec![TraceValue::new("fee", item.amount), TraceValue::new("limit", limit)],
                        ));
                    }
                }
            }
        }

        // Meals at cost.
        if let Some(cost) = schedule.meal_cost_per_child_month {
            for (i, item) in schedule.items.iter().enumerate() {
                if item.item == FeeItemKind::Meals && item.unit == FeeUnit::PerMonth && item.amount > cost {
                    out.push(item_finding(
                        i,
                        "meals.above_cost",
                        Severity::Warning,
                        Message::with_args(
                            "伙食费{0}元/月高于伙食成本{1}元",
                            "meal fee {0} a month is above the food cost {1}",
                            [item.amount.into(), cost.into()],
                        ),
                        Source::document(CATALOGUE, "基本服务费与其他服务费"),
                        vec![TraceValue::new("fee", item.amount), TraceValue::new("cost", cost)],
                    ));
                }
            }
        }
        // Most serious first; findings are large, so a list already in that order is left as it is.
        if !out.is_sorted_by_key(|f| std::cmp::Reverse(f.finding.severity)) {
            out.sort_by_key(|f| std::cmp::Reverse(f.finding.severity));
        }
        Ok(CheckReport { cap, findings: out })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A care fee of 3,500 offered at a non-inclusive standard by an inclusive institution: the
    /// negotiated range (2,400–3,000) and the approved net cost (2,900) are the inclusive
    /// standard's, so neither is held against it; only the standard itself is a finding.
    #[test]
    fn a_non_inclusive_item_is_not_measured_by_the_inclusive_range() {
        use crate::review::schedule::{FeeSchedule, StandardKind};
        let set = ParameterSet::chaoyang().unwrap();
        let date = Date::new(2024, 6, 1).unwrap();
        let mut s = FeeSchedule::example();
        s.items.truncate(1);
        s.items[0].amount = Decimal::from(3500);
        let codes = |s: &FeeSchedule| -> Vec<String> {
            let r = check_schedule(s, set, date, &IncomeBasis::District { year: 2022 }).unwrap();
            r.findings.iter().map(|f| f.finding.code.to_string()).collect()
        };
        // At the inclusive standard, 3,500 is outside the range and above the net cost.
        assert_eq!(codes(&s), ["fee.outside_reference_range", "fee.above_net_cost"]);
        s.items[0].standard = StandardKind::NonInclusive;
        // An inclusive institution charging at a non-inclusive standard is its own finding.
        assert_eq!(codes(&s), ["standard.dual"]);
    }

    #[test]
    fn written_out_item_paths_read_as_formatted_ones() {
        for i in 0..ITEM_AMOUNTS.len() + 2 {
            let f = item_finding(i, "x", Severity::Note, Message::new("甲", "A"), Source::clause("一"), Vec::new());
            assert_eq!(f.finding.field.as_deref(), Some(format!("items[{i}].amount").as_str()));
        }
    }
}
