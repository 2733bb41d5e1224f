//! How the fee responds to its inputs: tornado bars, a two-input grid and exact thresholds.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::error::FeeError;
use crate::foundations::money::{ceil_count, div, mul, sub};
use crate::foundations::parameters::ParameterSet;
use crate::rules::classes::ClassType;
use crate::rules::cost::Enrolment;
use crate::rules::offsets::QuotaSubsidy;
use crate::rules::scenario::{evaluate_quiet as evaluate, Scenario};

/// An input the fee can be tested against.
///
/// ```
/// assert_eq!(fee_core::SensitivityInput::CarerWage.label_en(), "Carer wage");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SensitivityInput {
    /// Children enrolled (occupancy).
    Occupancy,
    /// Carer monthly wage.
    CarerWage,
    /// Wages of other staff.
    StaffWages,
    /// Employer social insurance rate.
    SocialInsuranceRate,
    /// Rent.
    Rent,
    /// Utility use.
    Utilities,
    /// Non-personnel costs.
    OtherCosts,
    /// The per-child quota subsidy.
    QuotaSubsidy,
    /// Children per carer (a higher ratio means fewer carers).
    CarerRatio,
}

/// What kind of value a [`SensitivityInput`] is.
///
/// ```
/// assert_eq!(fee_core::SensitivityInput::Occupancy.kind(), fee_core::InputKind::Ratio);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// An amount of money (its unit starts with `yuan`).
    Amount,
    /// A count of children (children per carer).
    Children,
    /// A share or rate (occupancy, the social insurance rate).
    Ratio,
    /// A quantity in its own units (utility use).
    Quantity,
}

impl SensitivityInput {
    /// Every input, in tornado order.
    pub const ALL: [SensitivityInput; 9] = [
        SensitivityInput::Occupancy,
        SensitivityInput::CarerWage,
        SensitivityInput::StaffWages,
        SensitivityInput::SocialInsuranceRate,
        SensitivityInput::Rent,
        SensitivityInput::Utilities,
        SensitivityInput::OtherCosts,
        SensitivityInput::QuotaSubsidy,
        SensitivityInput::CarerRatio,
    ];

    /// What kind of value the input is, which says how to show it: an amount to the fen with
    /// its unit, a count of children with its unit, a rate or a quantity as it is entered.
    ///
    /// ```
    /// use fee_core::{InputKind, SensitivityInput};
    /// assert_eq!(SensitivityInput::Rent.kind(), InputKind::Amount);
    /// assert_eq!(SensitivityInput::CarerRatio.kind(), InputKind::Children);
    /// ```
    pub fn kind(self) -> InputKind {
        match self {
            SensitivityInput::Occupancy | SensitivityInput::SocialInsuranceRate => InputKind::Ratio,
            SensitivityInput::CarerWage
            | SensitivityInput::StaffWages
            | SensitivityInput::Rent
            | SensitivityInput::OtherCosts
            | SensitivityInput::QuotaSubsidy => InputKind::Amount,
            SensitivityInput::Utilities => InputKind::Quantity,
            SensitivityInput::CarerRatio => InputKind::Children,
        }
    }

    /// The unit of the input's value, as a trace step writes units: `"ratio"` for a share or
    /// rate, `"yuan/month"` or `"yuan/child-month"` for an amount, `"children"` for children
    /// per carer, `"quantity/month"` for utility use.
    ///
    /// ```
    /// use fee_core::SensitivityInput;
    /// assert_eq!(SensitivityInput::CarerWage.unit(), "yuan/month");
    /// assert_eq!(SensitivityInput::Occupancy.unit(), "ratio");
    /// ```
    pub fn unit(self) -> &'static str {
        match self {
            SensitivityInput::Occupancy | SensitivityInput::SocialInsuranceRate => "ratio",
            SensitivityInput::CarerWage
            | SensitivityInput::StaffWages
            | SensitivityInput::Rent
            | SensitivityInput::OtherCosts => "yuan/month",
            SensitivityInput::QuotaSubsidy => "yuan/child-month",
            SensitivityInput::Utilities => "quantity/month",
            SensitivityInput::CarerRatio => "children",
        }
    }

    /// Chinese label.
    ///
    /// ```
    /// assert_eq!(fee_core::SensitivityInput::Rent.label_zh(), "租金");
    /// ```
    pub fn label_zh(self) -> &'static str {
        match self {
            SensitivityInput::Occupancy => "入托率",
            SensitivityInput::CarerWage => "保育人员工资",
            SensitivityInput::StaffWages => "其他人员工资",
            SensitivityInput::SocialInsuranceRate => "社保费率",
            SensitivityInput::Rent => "租金",
            SensitivityInput::Utilities => "水电气热用量",
            SensitivityInput::OtherCosts => "其他运营成本",
            SensitivityInput::QuotaSubsidy => "生均定额补助",
            SensitivityInput::CarerRatio => "保育人员配比（每人照护婴幼儿数）",
        }
    }

    /// English label.
    ///
    /// ```
    /// assert_eq!(fee_core::SensitivityInput::Occupancy.label_en(), "Occupancy");
    /// ```
    pub fn label_en(self) -> &'static str {
        match self {
            SensitivityInput::Occupancy => "Occupancy",
            SensitivityInput::CarerWage => "Carer wage",
            SensitivityInput::StaffWages => "Other staff wages",
            SensitivityInput::SocialInsuranceRate => "Social insurance rate",
            SensitivityInput::Rent => "Rent",
            SensitivityInput::Utilities => "Utility use",
            SensitivityInput::OtherCosts => "Other operating costs",
            SensitivityInput::QuotaSubsidy => "Quota subsidy",
            SensitivityInput::CarerRatio => "Children per carer",
        }
    }
}

/// The scenario with one input multiplied by `factor`.
///
/// # Errors
///
/// [`FeeError::OutOfRange`] for a factor of zero or less where it would divide
/// (occupancy, carer ratio), or as the scenario's own evaluation.
///
/// ```
/// use fee_core::{scaled, ParameterSet, Scenario, SensitivityInput};
/// let set = ParameterSet::chaoyang()?;
/// let s = scaled(&Scenario::example(), set, SensitivityInput::Rent, "2".parse().unwrap())?;
/// assert_eq!(s.cost.rent_monthly.to_string(), "60000");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn scaled(
    scenario: &Scenario,
    params: &ParameterSet,
    input: SensitivityInput,
    factor: Decimal,
) -> Result<Scenario, FeeError> {
    if factor < Decimal::ZERO {
        return Err(FeeError::out_of_range("factor", factor, crate::foundations::error::reason::NOT_NEGATIVE));
    }
    let mut s = scenario.clone();
    let c = &mut s.cost;
    let f = |v: Decimal| mul(v, factor, "factor");
    match input {
        SensitivityInput::Occupancy => {
            if factor.is_zero() {
                return Err(FeeError::out_of_range(
                    "factor",
                    factor,
                    crate::foundations::error::reason::OCCUPANCY_ABOVE_ZERO,
                ));
            }
            let base = evaluate(scenario, params)?.cost.enrolment;
            c.enrolment = Enrolment::Children { count: f(base)? };
        }
        SensitivityInput::CarerWage => c.carer_monthly_wage = f(c.carer_monthly_wage)?,
        SensitivityInput::StaffWages => {
            for st in &mut c.staff {
                st.monthly_wage = f(st.monthly_wage)?;
            }
        }
        SensitivityInput::SocialInsuranceRate => {
            c.social_insurance_rate = f(c.social_insurance_rate)?.min(Decimal::ONE)
        }
        SensitivityInput::Rent => c.rent_monthly = f(c.rent_monthly)?,
        SensitivityInput::Utilities => {
            for u in &mut c.utilities {
                u.monthly_quantity = f(u.monthly_quantity)?;
            }
        }
        SensitivityInput::OtherCosts => {
            for o in &mut c.other_costs {
                o.monthly_amount = f(o.monthly_amount)?;
            }
        }
        SensitivityInput::QuotaSubsidy => {
            if let Some(q) = &s.offsets.quota_subsidy {
                let amount = match q {
                    QuotaSubsidy::Tier { tier } => params.known_decimal(tier.known(), s.date)?.value,
                    QuotaSubsidy::Amount { per_child_month } => *per_child_month,
                };
                s.offsets.quota_subsidy = Some(QuotaSubsidy::Amount { per_child_month: f(amount)? });
            }
        }
        SensitivityInput::CarerRatio => {
            if factor.is_zero() {
                return Err(FeeError::out_of_range(
                    "factor",
                    factor,
                    crate::foundations::error::reason::RATIO_ABOVE_ZERO,
                ));
            }
            for g in &mut c.classes {
                let per_carer = match g.carers_per_class {
                    Some(n) if n > 0 => div(Decimal::from(g.children_per_class), Decimal::from(n), "carer_ratio")?,
                    _ => match ratio_of(g.class_type, params, s.date)? {
                        Some(r) => r,
                        None => continue,
                    },
                };
                let k = f(per_carer)?;
                g.carers_per_class = Some(ceil_count(Decimal::from(g.children_per_class), k, "carer_ratio")?);
            }
        }
    }
    Ok(s)
}

fn ratio_of(
    class: ClassType,
    params: &ParameterSet,
    date: crate::foundations::date::Date,
) -> Result<Option<Decimal>, FeeError> {
    Ok(class.standard(params, date)?.children_per_carer.map(|r| r.value))
}

/// One bar of a tornado chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TornadoBar {
    /// The input moved.
    pub input: SensitivityInput,
    /// Net cost per child-month with the input at (1 − x).
    pub net_low: Decimal,
    /// Net cost per child-month with the input at (1 + x).
    pub net_high: Decimal,
    /// |net_high − net_low|, the bar's width.
    pub swing: Decimal,
}

/// A tornado chart: the net cost per child-month with each input moved ±x.
///
/// ```
/// use fee_core::{tornado, ParameterSet, Scenario};
/// let t = tornado(&Scenario::example(), ParameterSet::chaoyang()?, "0.1".parse().unwrap())?;
/// // Each bar's width is the gap between its two ends, and the widest comes first.
/// assert!(t.bars.iter().all(|b| b.swing == (b.net_high - b.net_low).abs()));
/// assert!(t.bars.windows(2).all(|w| w[0].swing >= w[1].swing));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Tornado {
    /// The share each input was moved by.
    pub change: Decimal,
    /// Net cost per child-month of the scenario as given.
    pub base_net: Decimal,
    /// The cap.
    pub cap: Decimal,
    /// Bars, widest first.
    pub bars: Vec<TornadoBar>,
}

/// Moves each input by ±`change` (0.1 = 10%) and records the net cost per child-month.
///
/// # Errors
///
/// [`FeeError::OutOfRange`] when `change` is not in (0, 1); any evaluation error.
///
/// ```
/// use fee_core::{tornado, ParameterSet, Scenario};
/// let set = ParameterSet::chaoyang()?;
/// let t = tornado(&Scenario::example(), set, "0.1".parse().unwrap())?;
/// assert!(t.bars.windows(2).all(|w| w[0].swing >= w[1].swing));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn tornado(scenario: &Scenario, params: &ParameterSet, change: Decimal) -> Result<Tornado, FeeError> {
    if change <= Decimal::ZERO || change >= Decimal::ONE {
        return Err(FeeError::out_of_range("change", change, crate::foundations::error::reason::STRICTLY_BETWEEN));
    }
    let base = evaluate(scenario, params)?;
    let mut bars = Vec::new();
    for input in SensitivityInput::ALL {
        let low =
            evaluate(&scaled(scenario, params, input, Decimal::ONE - change)?, params)?.offsets.net_per_child_month;
        let high =
            evaluate(&scaled(scenario, params, input, Decimal::ONE + change)?, params)?.offsets.net_per_child_month;
        bars.push(TornadoBar { input, net_low: low, net_high: high, swing: sub(high, low, "swing")?.abs() });
    }
    bars.sort_by_key(|b| std::cmp::Reverse(b.swing));
    Ok(Tornado { change, base_net: base.offsets.net_per_child_month, cap: base.cap.cap, bars })
}

/// One axis of a sensitivity grid: an input and the factors it takes.
///
/// ```
/// let a = fee_core::GridAxis::spread(fee_core::SensitivityInput::Rent, "0.2".parse().unwrap(), 5)?;
/// assert_eq!(a.factors.len(), 5);
/// assert_eq!(a.factors[0].to_string(), "0.8");
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GridAxis {
    /// The input.
    pub input: SensitivityInput,
    /// Multipliers of the input, in order.
    pub factors: Vec<Decimal>,
}

impl GridAxis {
    /// The most factors an axis may have: a grid is at most 201 × 201 evaluations.
    pub const MAX_FACTORS: u32 = 201;

    /// `steps` factors evenly spread from (1 − spread) to (1 + spread).
    ///
    /// # Errors
    ///
    /// [`FeeError::OutOfRange`] for fewer than 2 or more than 201 steps, or a spread outside [0, 1).
    ///
    /// ```
    /// use fee_core::{GridAxis, SensitivityInput};
    /// // ±30% in 7 steps: 0.7, 0.8, …, 1.3, the middle one the scenario itself.
    /// let a = GridAxis::spread(SensitivityInput::Occupancy, "0.3".parse().unwrap(), 7)?;
    /// assert_eq!(a.factors[3].to_string(), "1");
    /// assert_eq!(a.factors[6].to_string(), "1.3");
    /// assert!(GridAxis::spread(SensitivityInput::Occupancy, "0.3".parse().unwrap(), 1).is_err());
    /// assert!(GridAxis::spread(SensitivityInput::Occupancy, "1".parse().unwrap(), 7).is_err());
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn spread(input: SensitivityInput, spread: Decimal, steps: u32) -> Result<Self, FeeError> {
        if !(2..=GridAxis::MAX_FACTORS).contains(&steps) {
            return Err(FeeError::out_of_range(
                "steps",
                steps,
                crate::foundations::error::reason::range(2, GridAxis::MAX_FACTORS),
            ));
        }
        if spread < Decimal::ZERO || spread >= Decimal::ONE {
            return Err(FeeError::out_of_range("spread", spread, crate::foundations::error::reason::BELOW_ONE));
        }
        let lo = Decimal::ONE - spread;
        let step = div(mul(spread, Decimal::TWO, "spread")?, Decimal::from(steps - 1), "spread")?;
        let factors = (0..steps)
            .map(|i| {
                Ok(crate::foundations::money::add(lo, mul(step, Decimal::from(i), "spread")?, "spread")?.normalize())
            })
            .collect::<Result<_, FeeError>>()?;
        Ok(GridAxis { input, factors })
    }
}

/// A two-input grid of net costs, marked by whether each passes the cap.
///
/// ```
/// use fee_core::{grid, GridAxis, ParameterSet, Scenario, SensitivityInput};
/// let spread = |i| GridAxis::spread(i, "0.3".parse().unwrap(), 3);
/// let g = grid(
///     &Scenario::example(),
///     ParameterSet::chaoyang()?,
///     &spread(SensitivityInput::Occupancy)?,
///     &spread(SensitivityInput::Rent)?,
/// )?;
/// // One row per x factor, one column per y factor, each cell marked against the cap.
/// assert_eq!((g.net.len(), g.net[0].len()), (3, 3));
/// assert!((0..3).all(|i| (0..3).all(|j| g.passes[i][j] == (g.net[i][j] <= g.cap))));
/// // Fewer children (x factor 0.7) share the fixed costs: each costs more than at 1.3.
/// assert!(g.net[0][1] > g.net[2][1]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SensitivityGrid {
    /// Rows.
    pub x: GridAxis,
    /// Columns.
    pub y: GridAxis,
    /// The cap.
    pub cap: Decimal,
    /// `net[i][j]`: net cost per child-month at x factor i and y factor j.
    pub net: Vec<Vec<Decimal>>,
    /// `passes[i][j]`: whether that net cost is within the cap.
    pub passes: Vec<Vec<bool>>,
}

/// Evaluates the net cost at every pair of factors of two inputs.
///
/// # Errors
///
/// [`FeeError::Invalid`] when both axes move the same input; [`FeeError::OutOfRange`] for an
/// axis of more than [`GridAxis::MAX_FACTORS`] factors (an axis made by hand rather than by
/// [`GridAxis::spread`]); any evaluation error.
///
/// ```
/// use fee_core::{grid, GridAxis, ParameterSet, Scenario, SensitivityInput};
/// let set = ParameterSet::chaoyang()?;
/// let x = GridAxis::spread(SensitivityInput::Occupancy, "0.2".parse().unwrap(), 3)?;
/// let y = GridAxis::spread(SensitivityInput::CarerWage, "0.2".parse().unwrap(), 3)?;
/// let g = grid(&Scenario::example(), set, &x, &y)?;
/// assert_eq!(g.net.len(), 3);
/// // More children and lower wages: the corner with the lowest cost.
/// assert!(g.net[2][0] < g.net[0][2]);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn grid(
    scenario: &Scenario,
    params: &ParameterSet,
    x: &GridAxis,
    y: &GridAxis,
) -> Result<SensitivityGrid, FeeError> {
    if x.input == y.input {
        return Err(FeeError::invalid(
            "grid.y.input",
            format!("{:?}", y.input),
            crate::foundations::error::reason::AXES_DIFFER,
        ));
    }
    // A grid's work is the product of its axes: bounded, so an axis built by hand cannot
    // ask for billions of evaluations.
    for (field, axis) in [("grid.x.factors", x), ("grid.y.factors", y)] {
        if axis.factors.len() > GridAxis::MAX_FACTORS as usize {
            return Err(FeeError::out_of_range(
                field,
                axis.factors.len(),
                crate::foundations::error::reason::at_most(GridAxis::MAX_FACTORS),
            ));
        }
    }
    let base = evaluate(scenario, params)?;
    let cap = base.cap.cap;
    if x.input == SensitivityInput::Occupancy || y.input == SensitivityInput::Occupancy {
        // Occupancy only changes the enrolment the net cost is spread over, so one evaluation
        // per value of the other input gives its fixed and per-child parts, and each cell is
        // the closed form fee(E) = max(0, fixed + per_child × E) ÷ (E × months), exactly.
        let occ_is_x = x.input == SensitivityInput::Occupancy;
        let (occ, other) = if occ_is_x { (x, y) } else { (y, x) };
        let mut by_other = Vec::with_capacity(other.factors.len());
        for f in &other.factors {
            let e = evaluate(&scaled(scenario, params, other.input, *f)?, params)?.economics;
            let row = occ
                .factors
                .iter()
                .map(|fo| e.fee_at(mul(base.cost.enrolment, *fo, "grid.enrolment")?))
                .collect::<Result<Vec<_>, _>>()?;
            by_other.push(row);
        }
        let net: Vec<Vec<Decimal>> = if occ_is_x {
            (0..occ.factors.len()).map(|i| by_other.iter().map(|r| r[i]).collect()).collect()
        } else {
            by_other
        };
        let passes = net.iter().map(|r| r.iter().map(|v| *v <= cap).collect()).collect();
        return Ok(SensitivityGrid { x: x.clone(), y: y.clone(), cap, net, passes });
    }
    let mut net = Vec::with_capacity(x.factors.len());
    let mut passes = Vec::with_capacity(x.factors.len());
    for fx in &x.factors {
        let sx = scaled(scenario, params, x.input, *fx)?;
        let mut row = Vec::with_capacity(y.factors.len());
        let mut prow = Vec::with_capacity(y.factors.len());
        for fy in &y.factors {
            let v = evaluate(&scaled(&sx, params, y.input, *fy)?, params)?.offsets.net_per_child_month;
            prow.push(v <= cap);
            row.push(v);
        }
        net.push(row);
        passes.push(prow);
    }
    Ok(SensitivityGrid { x: x.clone(), y: y.clone(), cap, net, passes })
}

/// Where an input makes the net cost reach the cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Threshold {
    /// The input.
    pub input: SensitivityInput,
    /// The factor (multiplier of the scenario's value) at which net cost = cap; `None` if no value reaches it.
    pub factor: Option<Decimal>,
    /// The input's value there, in its own unit (occupancy share, yuan, rate, children per carer).
    pub value: Option<Decimal>,
    /// The cap.
    pub cap: Decimal,
}

/// The exact value of an input at which the net cost per child-month reaches the cap.
///
/// Costs are affine in wages, rent, rates, use and subsidy, so two evaluations fix the line
/// and the crossing is solved exactly; occupancy is solved from fixed and per-child costs;
/// the carer ratio, a step function, is searched over whole children per carer (1 to 30).
///
/// # Errors
///
/// Any evaluation error.
///
/// ```
/// use fee_core::{threshold, ParameterSet, Scenario, SensitivityInput};
/// let set = ParameterSet::chaoyang()?;
/// let t = threshold(&Scenario::example(), set, SensitivityInput::CarerWage)?;
/// assert!(t.value.is_some());
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn threshold(scenario: &Scenario, params: &ParameterSet, input: SensitivityInput) -> Result<Threshold, FeeError> {
    let base = evaluate(scenario, params)?;
    let cap = base.cap.cap;
    let none = Threshold { input, factor: None, value: None, cap };
    match input {
        SensitivityInput::Occupancy => {
            let e = base.economics;
            match e.enrolment_for_fee(cap)? {
                Some(enrolment) if !e.slots.is_zero() => {
                    let factor = div(enrolment, base.cost.enrolment, "threshold")?;
                    Ok(Threshold {
                        input,
                        factor: Some(factor),
                        value: Some(div(enrolment, e.slots, "threshold")?),
                        cap,
                    })
                }
                _ => Ok(none),
            }
        }
        SensitivityInput::CarerRatio => {
            for k in 1..=30u32 {
                let mut s = scenario.clone();
                for g in &mut s.cost.classes {
                    if g.class_type != ClassType::Mixed || g.carers_per_class.is_some() {
                        let per_carer = Decimal::from(k);
                        g.carers_per_class =
                            Some(ceil_count(Decimal::from(g.children_per_class), per_carer, "threshold")?);
                    }
                }
                if evaluate(&s, params)?.offsets.net_per_child_month <= cap {
                    return Ok(Threshold { input, factor: None, value: Some(Decimal::from(k)), cap });
                }
            }
            Ok(none)
        }
        _ => {
            let at = |f: Decimal| -> Result<Decimal, FeeError> {
                Ok(evaluate(&scaled(scenario, params, input, f)?, params)?.offsets.net_per_child_month)
            };
            let a = at(Decimal::ZERO)?;
            let slope = sub(at(Decimal::ONE)?, a, "threshold")?;
            if slope.is_zero() {
                return Ok(none);
            }
            let factor = div(sub(cap, a, "threshold")?, slope, "threshold")?;
            if factor < Decimal::ZERO {
                return Ok(none);
            }
            let base_value = base_value(scenario, params, input)?;
            let value = base_value.map(|v| mul(v, factor, "threshold")).transpose()?;
            Ok(Threshold { input, factor: Some(factor), value, cap })
        }
    }
}

/// The scenario's own value of an input, where it is one number: the occupancy (average
/// enrolment ÷ places), the carer wage, the social-insurance rate, the rent or the quota
/// subsidy; `None` for inputs that are several lines (other staff's wages, utilities, other
/// costs) and for the carer ratio, which differs by class type.
///
/// # Errors
///
/// Any evaluation error (for the occupancy), or a quota tier the set lacks.
///
/// ```
/// use fee_core::{input_value, ParameterSet, Scenario, SensitivityInput};
/// let set = ParameterSet::chaoyang()?;
/// let s = Scenario::example();
/// assert_eq!(input_value(&s, set, SensitivityInput::CarerWage)?, Some(s.cost.carer_monthly_wage));
/// assert_eq!(input_value(&s, set, SensitivityInput::Utilities)?, None);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn input_value(s: &Scenario, params: &ParameterSet, input: SensitivityInput) -> Result<Option<Decimal>, FeeError> {
    if input == SensitivityInput::Occupancy {
        let e = evaluate(s, params)?;
        if e.economics.slots.is_zero() {
            return Ok(None);
        }
        return Ok(Some(div(e.cost.enrolment, e.economics.slots, "occupancy")?));
    }
    base_value(s, params, input)
}

/// The scenario's own value of an input, where it is one number.
fn base_value(s: &Scenario, params: &ParameterSet, input: SensitivityInput) -> Result<Option<Decimal>, FeeError> {
    Ok(match input {
        SensitivityInput::CarerWage => Some(s.cost.carer_monthly_wage),
        SensitivityInput::SocialInsuranceRate => Some(s.cost.social_insurance_rate),
        SensitivityInput::Rent => Some(s.cost.rent_monthly),
        SensitivityInput::QuotaSubsidy => match &s.offsets.quota_subsidy {
            Some(QuotaSubsidy::Tier { tier }) => Some(params.known_decimal(tier.known(), s.date)?.value),
            Some(QuotaSubsidy::Amount { per_child_month }) => Some(*per_child_month),
            None => None,
        },
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An input's kind and its unit say the same: amounts are in yuan, the carer ratio in
    /// children, and nothing else has a unit of either.
    #[test]
    fn kind_agrees_with_unit() {
        for i in SensitivityInput::ALL {
            assert_eq!(i.kind() == InputKind::Amount, i.unit().starts_with("yuan"), "{i:?}");
            assert_eq!(i.kind() == InputKind::Children, i.unit() == "children", "{i:?}");
            assert_eq!(i.kind() == InputKind::Ratio, i.unit() == "ratio", "{i:?}");
        }
    }

    /// An occupancy grid's rows follow the x axis and its columns the y axis, whichever of the
    /// two moves occupancy: each cell is, to the bit, the closed form at that row's economics
    /// and that column's enrolment, and swapping the axes transposes the grid.
    #[test]
    fn occupancy_grid_cells_sit_where_their_axes_say() {
        let set = ParameterSet::chaoyang().unwrap();
        let s = Scenario::example();
        let x = GridAxis::spread(SensitivityInput::CarerWage, Decimal::new(30, 2), 7).unwrap();
        let y = GridAxis::spread(SensitivityInput::Occupancy, Decimal::new(50, 2), 9).unwrap();
        let g = grid(&s, set, &x, &y).unwrap();
        let enrolment = evaluate(&s, set).unwrap().cost.enrolment;
        for (row, fx) in g.net.iter().zip(&x.factors) {
            let e = evaluate(&scaled(&s, set, x.input, *fx).unwrap(), set).unwrap().economics;
            for (cell, fy) in row.iter().zip(&y.factors) {
                let expected = e.fee_at(mul(enrolment, *fy, "x").unwrap()).unwrap();
                assert_eq!(cell.serialize(), expected.serialize(), "wage × {fx}, occupancy × {fy}");
            }
        }
        assert_eq!(g.net.len(), 7);
        assert_eq!(g.net[0].len(), 9);
        // With occupancy on the other axis, the same cells, transposed.
        let t = grid(&s, set, &y, &x).unwrap();
        for (i, row) in g.net.iter().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                assert_eq!(t.net[j][i].serialize(), cell.serialize());
            }
        }
    }
}
