//! District pricing from a sample of audited institutions: each institution's approved cost,
//! the social average cost (定价成本) as the child-month-weighted average of the sample, the
//! guided fee and float band within the cap, and each institution's gap at that fee.
//!
//! The pricing cost is "the social average reasonable expenditure of the operators in the
//! jurisdiction that provide the same service" (北京市发展和改革委员会《北京市〈政府制定价格成本监审办法〉
//! 实施细则》, 京发改〔2006〕1893号, 第四条); the NDRC price department's study 《定价成本监审若干问题研究》
//! (2007) reads it as the weighted average of the operators' individual costs. For a fee per
//! child-month the weight is child-months: Σ approved cost ÷ Σ child-months.

mod classes;
#[cfg(feature = "xlsx")]
mod import;
mod pool;
mod report;
#[cfg(feature = "xlsx")]
mod workbook;

pub use classes::{ClassTypeCost, ClassTypePricing, ServiceFormFees};
#[cfg(feature = "xlsx")]
pub use import::{import_summary, import_surveys, FileImport};
pub use pool::evaluate_district;
#[cfg(feature = "xlsx")]
pub use report::district_report_xlsx;
pub(crate) use report::REPORT_CLAUSE;
pub use report::{district_chart_svg, district_report_html, district_summary_html};
#[cfg(feature = "xlsx")]
pub use workbook::{
    read_survey_csv, read_survey_xlsx, survey_template, survey_template_csv, CellError, SURVEY_TEMPLATE_VERSION,
};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::finding::Finding;
use crate::foundations::parameters::ParameterSetRef;
use crate::foundations::trace::Trace;
use crate::rules::cap::{CapResult, IncomeBasis};
use crate::rules::cost::{Adjustment, CostModel, CostResult};
use crate::rules::fee::FeeResult;
use crate::rules::offsets::{GovernmentInputs, OffsetResult};

/// The format version of a [`DistrictSample`] file.
pub const DISTRICT_SCHEMA_VERSION: u32 = 1;

fn district_schema_version() -> u32 {
    DISTRICT_SCHEMA_VERSION
}

/// A district's sample of audited institutions, and how the fee is to be set from it.
///
/// ```
/// let sample: fee_core::DistrictSample = serde_json::from_str(include_str!("../../../../samples/district/sample.json"))?;
/// assert!(sample.institutions.len() >= 6);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DistrictSample {
    /// Format version ([`DISTRICT_SCHEMA_VERSION`]).
    #[serde(default = "district_schema_version")]
    pub schema_version: u32,
    /// The district (or pricing area) the fee is set for.
    pub district: String,
    /// The parameter set the sample was made with.
    #[serde(default)]
    pub parameter_set: ParameterSetRef,
    /// The pricing date: parameters in force on it are used.
    pub date: Date,
    /// Household income for the cap.
    pub income: IncomeBasis,
    /// Government input per child-month that every institution of the service receives (the
    /// quota subsidy); applied to the pooled cost.
    #[serde(default)]
    pub offsets: GovernmentInputs,
    /// Upward float of the band around the guided base fee, as a share (0.1 = 10%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub float_up: Option<Decimal>,
    /// Downward float of the band, as a share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub float_down: Option<Decimal>,
    /// A fee to test the institutions against, yuan per child-month; the guided fee when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Decimal>,
    /// The year of the plan's inclusive slot target to scale the fiscal cost to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_year: Option<i32>,
    /// The institutions audited.
    pub institutions: Vec<SampleInstitution>,
    /// Institutions left out of the average, each with its reason.
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
}

impl DistrictSample {
    /// A new sample of no institution yet, made under `set` for pricing on `date`.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let income = fee_core::IncomeBasis::District { year: 2022 };
    /// let sample = fee_core::DistrictSample::new("朝阳区", set, "2024-06-01".parse()?, income);
    /// assert!(sample.institutions.is_empty() && sample.parameter_set.id == "cn-bj-chaoyang");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn new(
        district: &str,
        set: &crate::foundations::parameters::ParameterSet,
        date: Date,
        income: IncomeBasis,
    ) -> Self {
        DistrictSample {
            schema_version: DISTRICT_SCHEMA_VERSION,
            district: district.to_string(),
            parameter_set: ParameterSetRef::of(set),
            date,
            income,
            offsets: GovernmentInputs::default(),
            float_up: None,
            float_down: None,
            fee: None,
            target_year: None,
            institutions: Vec::new(),
            exclusions: Vec::new(),
        }
    }

    /// Leaves institution `id` out of the average for `reason` (in place of an earlier reason).
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming `institution` for an id the sample does not hold, or
    /// `reason` for an empty reason: an exclusion without a reason is refused.
    ///
    /// ```
    /// let mut sample: fee_core::DistrictSample = serde_json::from_str(include_str!("../../../../samples/district/sample.json")).unwrap();
    /// sample.exclude("BJ-02", "停业整顿，当年数据不完整")?;
    /// assert!(sample.exclude("BJ-02", " ").unwrap_err().to_string().contains("needs a reason"));
    /// assert!(sample.exclude("XX-99", "理由").is_err());
    /// sample.include("BJ-02");
    /// assert!(sample.exclusions.iter().all(|e| e.institution != "BJ-02"));
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn exclude(&mut self, id: &str, reason: &str) -> Result<(), FeeError> {
        self.institution_mut(id)?;
        if reason.trim().is_empty() {
            return Err(FeeError::invalid("reason", id, crate::foundations::error::reason::EXCLUSION_REASON));
        }
        self.exclusions.retain(|e| e.institution != id);
        self.exclusions.push(Exclusion { institution: id.to_string(), reason: reason.trim().to_string() });
        Ok(())
    }

    /// Takes institution `id` back into the average.
    pub fn include(&mut self, id: &str) {
        self.exclusions.retain(|e| e.institution != id);
    }

    /// Removes institution `id` from the sample, with its exclusion.
    ///
    /// ```
    /// let mut sample: fee_core::DistrictSample = serde_json::from_str(include_str!("../../../../samples/district/sample.json")).unwrap();
    /// let before = sample.institutions.len();
    /// sample.remove("BJ-06");
    /// assert_eq!(sample.institutions.len(), before - 1);
    /// assert!(sample.exclusions.iter().all(|e| e.institution != "BJ-06"));
    /// ```
    pub fn remove(&mut self, id: &str) {
        self.institutions.retain(|i| i.id != id);
        self.exclusions.retain(|e| e.institution != id);
    }

    /// Sets the auditor's change (核增 / 核减) to `line` of institution `id`'s latest audit
    /// year, in place of an earlier one; `None` takes the change back.
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming `institution` for an id the sample does not hold, or
    /// `reason` for a change without a reason.
    ///
    /// ```
    /// use fee_core::Adjustment;
    /// let mut sample: fee_core::DistrictSample = serde_json::from_str(include_str!("../../../../samples/district/sample.json")).unwrap();
    /// let rent = Adjustment { line: "premises.rent".into(), approved_annual: "300000".parse().unwrap(), reason: "按评估租金核减".into() };
    /// sample.adjust("BJ-03", "premises.rent", Some(rent))?;
    /// let latest = sample.institutions[2].years.iter().max_by_key(|y| y.year).unwrap();
    /// assert!(latest.cost.adjustments.iter().any(|a| a.line == "premises.rent" && a.reason == "按评估租金核减"));
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn adjust(&mut self, id: &str, line: &str, adjustment: Option<Adjustment>) -> Result<(), FeeError> {
        if adjustment.as_ref().is_some_and(|a| a.reason.trim().is_empty()) {
            return Err(FeeError::invalid("reason", line, crate::foundations::error::reason::ADJUSTMENT_REASON));
        }
        let inst = self.institution_mut(id)?;
        if let Some(year) = inst.years.iter_mut().max_by_key(|y| y.year) {
            year.cost.adjustments.retain(|a| a.line != line);
            year.cost.adjustments.extend(adjustment);
        }
        Ok(())
    }

    fn institution_mut(&mut self, id: &str) -> Result<&mut SampleInstitution, FeeError> {
        self.institutions
            .iter_mut()
            .find(|i| i.id == id)
            .ok_or_else(|| FeeError::invalid("institution", id, crate::foundations::error::reason::NO_SUCH_INSTITUTION))
    }
}

/// One audited institution of the sample, with one or more audit years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SampleInstitution {
    /// A short id, unique in the sample (exclusions name it).
    pub id: String,
    /// The institution's name.
    pub name: String,
    /// Where its figures came from (a workbook's file name, say).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Its audited years (a common practice is the last three); averaged before pooling.
    pub years: Vec<AuditYear>,
}

/// One audited year of an institution: its cost model with the auditor's adjustments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AuditYear {
    /// The accounting year.
    pub year: i32,
    /// The cost survey or audit of that year.
    pub cost: CostModel,
}

/// An institution left out of the social average, with the auditor's reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The institution's id.
    pub institution: String,
    /// Why it is left out; an exclusion without a reason is refused.
    pub reason: String,
}

/// One institution's approved cost and its position at the tested fee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InstitutionCost {
    /// The institution's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Audit years averaged.
    pub years: usize,
    /// Each year's cost statement (reported, 核增 / 核减, approved), in the order given.
    pub statements: Vec<CostResult>,
    /// The approved cost split between its class types, years averaged.
    pub class_types: Vec<ClassTypeCost>,
    /// Reported cost, yuan a year, averaged over the years.
    pub reported_annual: Decimal,
    /// Approved cost, yuan a year, averaged over the years.
    pub approved_annual: Decimal,
    /// Child-months a year, averaged over the years.
    pub child_months: Decimal,
    /// Places (托位), averaged over the years.
    pub slots: Decimal,
    /// Approved cost per child-month, exact: approved_annual ÷ child_months.
    pub cost_per_child_month: Decimal,
    /// The same, rounded by `rounding.money`.
    pub cost_per_child_month_rounded: Decimal,
    /// Deviation from the sample's weighted average before exclusions, as a share (signed).
    pub deviation: Decimal,
    /// Whether the deviation exceeds the outlier threshold.
    pub outlier: bool,
    /// The reason it was excluded from the average, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded: Option<String>,
    /// Fee plus quota subsidy less cost, per child-month, exact (negative: a deficit).
    pub surplus_per_child_month: Decimal,
    /// The same over a year: surplus_per_child_month × child_months, rounded by `rounding.money`.
    pub surplus_annual: Decimal,
    /// Subsidy it needs beyond the quota to break even at the fee, yuan a year (0 when in surplus).
    pub subsidy_needed_annual: Decimal,
}

/// The statistics of the pooled institutions' approved cost per child-month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PooledCost {
    /// Institutions pooled (the sample less its exclusions).
    pub institutions: usize,
    /// Σ approved cost of the pooled institutions, yuan a year.
    pub total_approved_annual: Decimal,
    /// Σ child-months of the pooled institutions.
    pub total_child_months: Decimal,
    /// The pricing cost (定价成本): Σ approved cost ÷ Σ child-months, exact.
    pub weighted_average: Decimal,
    /// The pricing cost rounded by `rounding.money`.
    pub weighted_average_rounded: Decimal,
    /// The simple mean of the institutions' costs per child-month (rounded by `rounding.money`).
    pub simple_mean: Decimal,
    /// The median (rounded by `rounding.money`).
    pub median: Decimal,
    /// The lowest cost per child-month (rounded by `rounding.money`).
    pub min: Decimal,
    /// The highest cost per child-month (rounded by `rounding.money`).
    pub max: Decimal,
    /// Coefficient of variation: population standard deviation ÷ simple mean (4 places).
    pub coefficient_of_variation: Decimal,
}

/// What a district sample gives: every institution's cost, the pricing cost, the fee and the gaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DistrictResult {
    /// Format version ([`DISTRICT_SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The district.
    pub district: String,
    /// The parameter set used.
    pub parameter_set: ParameterSetRef,
    /// The pricing date.
    pub date: Date,
    /// Every institution, in the order given, excluded ones included.
    pub institutions: Vec<InstitutionCost>,
    /// The pooled cost and its statistics.
    pub pooled: PooledCost,
    /// The cap.
    pub cap: CapResult,
    /// The government input applied to the pooled cost.
    pub offsets: OffsetResult,
    /// The guided base fee, its float band and the cap.
    pub fee: FeeResult,
    /// The fee the institutions are tested against (the sample's `fee`, or the guided fee).
    pub tested_fee: Decimal,
    /// Σ of the pooled institutions' signed annual surpluses (negative: the sample's gap).
    pub pooled_gap_annual: Decimal,
    /// Quota subsidy and the extra subsidy the pooled institutions need, yuan a year.
    pub fiscal_cost_annual: Decimal,
    /// Σ places of the pooled institutions.
    pub pooled_slots: Decimal,
    /// The plan's inclusive slot target of `target_year`, when one was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_slots: Option<Decimal>,
    /// The fiscal cost scaled to the target: fiscal_cost_annual ÷ pooled_slots × target_slots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_cost_at_target_annual: Option<Decimal>,
    /// The pricing cost and the full-day, half-day and hourly fees of each class type the
    /// pooled institutions run, youngest first.
    pub class_types: Vec<ClassTypePricing>,
    /// Findings: outliers, exclusions, a band held at the cap.
    pub findings: Vec<Finding>,
    /// Every step.
    pub trace: Trace,
}
