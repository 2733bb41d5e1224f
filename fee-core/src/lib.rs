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

mod cases;
mod clauses;
mod foundations;
mod planning;
mod provenance;
mod review;
mod rules;
#[cfg(feature = "schema")]
mod schema;

pub use cases::{Case, CaseFile, CaseMismatch, CaseOutcome, ExpectedError};
pub use clauses::{
    clause_map, project_cases, Clause, ClauseEntry, ClauseMap, ParameterCitation, RuleCitation, UnknownCitation,
    CLAUSES,
};
pub use foundations::date::Date;
pub use foundations::digest::{batch_provenance, parameter_set_digest, sha256_hex, PROGRAM};
pub use foundations::error::FeeError;
pub use foundations::finding::{Finding, Message, MessageArg, Severity};
pub use foundations::input::{parse_amount, read_json, TextEncoding};
pub use foundations::money::{grouped, Rounding, RoundingMode, SHARE_PLACES};
#[cfg(feature = "toml")]
pub use foundations::parameters::ParameterFileKind;
pub use foundations::parameters::{
    DatedValue, ParamValue, Parameter, ParameterChange, ParameterSet, ParameterSetRef, SourceLabel, ValueText,
};
pub use foundations::report::{escape_html, trace_figure};
pub use foundations::trace::{
    formula_text, unit_name, value_name, Language, Source, Step, Trace, TraceValue, PLAN_DOCUMENT,
};
pub use planning::district::{
    district_chart_svg, district_report_html, district_summary_html, evaluate_district, AuditYear, ClassTypeCost,
    ClassTypePricing, DistrictResult, DistrictSample, Exclusion, InstitutionCost, PooledCost, SampleInstitution,
    ServiceFormFees, DISTRICT_SCHEMA_VERSION,
};
#[cfg(feature = "xlsx")]
pub use planning::district::{
    district_report_xlsx, import_summary, import_surveys, read_survey_csv, read_survey_xlsx, survey_template,
    survey_template_csv, CellError, FileImport, SURVEY_TEMPLATE_VERSION,
};
pub use planning::fiscal::{
    budget_curve, curve_step, fiscal_plan, read_weights, split_target, Allocation, BudgetPoint, FiscalInput,
    FiscalPlan, FiscalYear, LineError, SubsidyLevel, Weight,
};
pub use planning::history::{parameter_history, HistoryPoint, ParameterHistory, Projection};
pub use planning::reform::{compare_district, compare_evaluations, compare_scenario, Comparison, FigureChange};
pub use planning::sensitivity::{
    grid, input_value, scaled, threshold, tornado, GridAxis, InputKind, SensitivityGrid, SensitivityInput, Threshold,
    Tornado, TornadoBar,
};
pub use planning::solve::{solve, Lever, Solution};
pub use provenance::{
    make_record, make_record_book, record_kind, verify_record, verify_record_book, BookVerification, NamedRecord,
    Provenance, Record, RecordBook, RecordDifference, RecordKind, RecordRole, Verification,
};
pub use review::approval::{approval_route, Application, ApplicationStatus, Authority, ReviewEvent, ReviewStep};
#[cfg(feature = "batch")]
pub use review::batch::{
    check_csv, check_csv_single_threaded, csv_cell, findings_column_names, findings_csv_fields, findings_fields,
    findings_fields_in, write_findings_csv, BatchChecker, BatchLine, BatchSummary, RowOutcome, COLUMNS,
    FINDINGS_COLUMNS,
};
#[cfg(feature = "xlsx")]
pub use review::batch::{check_xlsx, findings_xlsx, xlsx_room, FindingsWorkbook};
pub use review::checks::{check_schedule, CheckContext, CheckFinding, CheckReport};
pub use review::dossier::{check_dossier, Dossier, DossierReport, ProcedureRecord, ProcedureStep};
pub use review::refund::{
    refund, CareRefund, MealRefund, RefundInput, RefundResult, RefundRule, RefundTier, WithdrawalCharge,
};
pub use review::report::{check_report_html, dossier_report_html, scenario_report_html};
pub use review::schedule::{
    Disclosures, FeeItem, FeeItemKind, FeeSchedule, FeeUnit, Institution, InstitutionType, Negotiated, ServiceForm,
    StandardKind,
};
pub use rules::cap::{cap_for, CapResult, Explained, IncomeBasis};
pub use rules::classes::{licensing_findings, ClassGroup, ClassStandard, ClassType};
pub use rules::cost::{
    Adjustment, AdjustmentKind, Asset, CostBasis, CostLine, CostMethod, CostModel, CostResult, Enrolment, OtherCost,
    StaffLine, StaffRole, Tariff, UtilityKind, UtilityLine,
};
pub use rules::fee::{Economics, FeeBasis, FeeKind, FeeRange, FeeResult};
pub use rules::offsets::{GovernmentInputs, Grant, OffsetLine, OffsetResult, QualityTier, QuotaSubsidy, RentSubsidy};
pub use rules::scenario::{
    evaluate, evaluate_quiet, Evaluation, IncomeGroupCheck, IndicatorInputs, Indicators, Scenario, SCHEMA_VERSION,
};
#[cfg(feature = "schema")]
pub use schema::{
    district_result_schema, district_sample_schema, dossier_schema, evaluation_schema, parameter_set_schema,
    refund_rule_schema, scenario_schema,
};
