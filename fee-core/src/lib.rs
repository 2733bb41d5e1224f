//! Exact, explainable pricing rules for public and inclusive childcare (普惠托育) for
//! children under three, as set out in the Chaoyang district plan
//! (朝政办字〔2024〕1号, section 二(二), slot targets in section 一).
//!
//! * [`cap_for`]: the fee cap, 20% of the previous year's district household monthly
//!   disposable income (3,131 yuan/month for 2022).
//! * [`evaluate`]: a whole [`Scenario`]: cost model, government-input offsets, guided or
//!   negotiated fee, indicators, findings and a [`Trace`] of every step.
//! * Parameters are dated data ([`ParameterSet`]), never constants in code.
//!
//! ```
//! use fee_core::{cap_for, IncomeBasis, ParameterSet};
//! let set = ParameterSet::chaoyang()?;
//! let income = IncomeBasis::HouseholdMonthly { amount: "15655".parse().unwrap() };
//! let cap = cap_for(&income, None, set, "2024-06-01".parse()?)?;
//! assert_eq!(cap.value.cap.to_string(), "3131.00");
//! # Ok::<(), fee_core::FeeError>(())
//! ```
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
#![warn(missing_docs)]

mod approval;
#[cfg(feature = "batch")]
mod batch;
mod cap;
mod checks;
mod classes;
mod cost;
mod date;
mod dossier;
mod error;
mod fee;
mod finding;
mod fiscal;
mod input;
mod money;
mod offsets;
mod parameters;
mod refund;
mod scenario;
mod schedule;
#[cfg(feature = "schema")]
mod schema;
mod sensitivity;
mod trace;

pub use approval::{approval_route, Application, ApplicationStatus, Authority, ReviewEvent, ReviewStep};
#[cfg(feature = "batch")]
pub use batch::{
    check_csv, check_csv_single_threaded, findings_fields, write_findings_csv, BatchChecker, BatchLine, BatchSummary,
    RowOutcome, COLUMNS, FINDINGS_COLUMNS,
};
#[cfg(feature = "xlsx")]
pub use batch::{check_xlsx, findings_xlsx};
pub use cap::{cap_for, CapResult, Explained, IncomeBasis};
pub use checks::{check_schedule, CheckContext, CheckFinding, CheckReport};
pub use classes::{licensing_findings, ClassGroup, ClassStandard, ClassType};
pub use cost::{
    Adjustment, AdjustmentKind, Asset, CostBasis, CostLine, CostMethod, CostModel, CostResult, Enrolment, OtherCost,
    StaffLine, StaffRole, Tariff, UtilityKind, UtilityLine,
};
pub use date::Date;
pub use dossier::{check_dossier, Dossier, DossierReport, ProcedureRecord, ProcedureStep};
pub use error::FeeError;
pub use fee::{Economics, FeeBasis, FeeKind, FeeRange, FeeResult};
pub use finding::{Finding, Message, MessageArg, Severity};
pub use fiscal::{
    budget_curve, curve_step, fiscal_plan, read_weights, split_target, Allocation, BudgetPoint, FiscalInput,
    FiscalPlan, FiscalYear, LineError, SubsidyLevel, Weight,
};
pub use input::{parse_amount, read_json};
pub use money::{grouped, Rounding, RoundingMode, SHARE_PLACES};
pub use offsets::{GovernmentInputs, Grant, OffsetLine, OffsetResult, QualityTier, QuotaSubsidy, RentSubsidy};
pub use parameters::{
    DatedValue, ParamValue, Parameter, ParameterChange, ParameterSet, ParameterSetRef, SourceLabel, ValueText,
};
pub use refund::{refund, CareRefund, MealRefund, RefundInput, RefundResult, RefundRule, RefundTier, WithdrawalCharge};
pub use scenario::{
    evaluate, evaluate_quiet, Evaluation, IncomeGroupCheck, IndicatorInputs, Indicators, Scenario, SCHEMA_VERSION,
};
pub use schedule::{
    Disclosures, FeeItem, FeeItemKind, FeeSchedule, FeeUnit, Institution, InstitutionType, Negotiated, ServiceForm,
    StandardKind,
};
#[cfg(feature = "schema")]
pub use schema::{dossier_schema, evaluation_schema, parameter_set_schema, refund_rule_schema, scenario_schema};
pub use sensitivity::{
    grid, scaled, threshold, tornado, GridAxis, InputKind, SensitivityGrid, SensitivityInput, Threshold, Tornado,
    TornadoBar,
};
pub use trace::{unit_name, Language, Source, Step, Trace, TraceValue, PLAN_DOCUMENT};
