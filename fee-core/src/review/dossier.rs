//! The pricing dossier of a public fee: the procedure of 《政府制定价格行为规则》 (二(二)1).

use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::finding::{Finding, Message, Severity};
use crate::foundations::parameters::ParameterSet;
use crate::foundations::trace::Source;
use crate::rules::scenario::{evaluate, Evaluation, Scenario};

/// A step of the pricing procedure, in the order the rule names them.
///
/// ```
/// assert_eq!(fee_core::ProcedureStep::ALL.len(), 7);
/// assert_eq!(fee_core::ProcedureStep::PublicComment.name_zh(), "听取社会意见");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProcedureStep {
    /// 价格调查.
    PriceSurvey,
    /// 成本监审或者成本调查.
    CostAuditOrSurvey,
    /// 听取社会意见.
    PublicComment,
    /// 合法性审查.
    LegalityReview,
    /// 集体审议.
    CollectiveDeliberation,
    /// 作出制定价格的决定.
    Decision,
    /// 经区政府同意.
    DistrictGovernmentAgreement,
}

impl ProcedureStep {
    /// All steps in order.
    pub const ALL: [ProcedureStep; 7] = [
        ProcedureStep::PriceSurvey,
        ProcedureStep::CostAuditOrSurvey,
        ProcedureStep::PublicComment,
        ProcedureStep::LegalityReview,
        ProcedureStep::CollectiveDeliberation,
        ProcedureStep::Decision,
        ProcedureStep::DistrictGovernmentAgreement,
    ];

    /// The Chinese name.
    ///
    /// ```
    /// assert_eq!(fee_core::ProcedureStep::Decision.name_zh(), "作出制定价格的决定");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            ProcedureStep::PriceSurvey => "价格调查",
            ProcedureStep::CostAuditOrSurvey => "成本监审或成本调查",
            ProcedureStep::PublicComment => "听取社会意见",
            ProcedureStep::LegalityReview => "合法性审查",
            ProcedureStep::CollectiveDeliberation => "集体审议",
            ProcedureStep::Decision => "作出制定价格的决定",
            ProcedureStep::DistrictGovernmentAgreement => "经区政府同意",
        }
    }

    /// The English name.
    ///
    /// ```
    /// assert_eq!(fee_core::ProcedureStep::PriceSurvey.name_en(), "price survey");
    /// ```
    pub fn name_en(self) -> &'static str {
        match self {
            ProcedureStep::PriceSurvey => "price survey",
            ProcedureStep::CostAuditOrSurvey => "cost audit or cost survey",
            ProcedureStep::PublicComment => "public comment",
            ProcedureStep::LegalityReview => "legality review",
            ProcedureStep::CollectiveDeliberation => "collective deliberation",
            ProcedureStep::Decision => "pricing decision",
            ProcedureStep::DistrictGovernmentAgreement => "district government agreement",
        }
    }
}

/// A step as it was carried out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProcedureRecord {
    /// Which step.
    pub step: ProcedureStep,
    /// When.
    pub date: Date,
    /// The document that records it.
    pub document: String,
    /// What came of it.
    pub outcome: String,
}

/// A pricing dossier: the scenario and the procedure records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dossier {
    /// The cost model, offsets and fee basis.
    pub scenario: Scenario,
    /// Steps carried out.
    #[serde(default)]
    pub records: Vec<ProcedureRecord>,
}

/// The dossier checked: the evaluation, the steps missing, and whether a decision is lawful yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DossierReport {
    /// Cost model, offsets, guided fee, cap check and trace.
    pub evaluation: Evaluation,
    /// Steps without a record.
    pub missing: Vec<ProcedureStep>,
    /// Whether every step before the decision is recorded, in order.
    pub decision_lawful: bool,
    /// Procedure findings: a step missing where a later one is on record, or steps out of order.
    pub findings: Vec<Finding>,
}

/// Evaluates the dossier's scenario and checks its procedure records.
///
/// # Errors
///
/// Any error of [`evaluate`]; [`FeeError::Invalid`] when a step is recorded twice.
///
/// ```
/// use fee_core::*;
/// let d = Dossier { scenario: Scenario::example(), records: vec![] };
/// let r = check_dossier(&d, ParameterSet::chaoyang()?)?;
/// assert!(!r.decision_lawful);
/// assert_eq!(r.missing.len(), 7);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn check_dossier(dossier: &Dossier, params: &ParameterSet) -> Result<DossierReport, FeeError> {
    let evaluation = evaluate(&dossier.scenario, params)?;
    for (i, r) in dossier.records.iter().enumerate() {
        if dossier.records[..i].iter().any(|p| p.step == r.step) {
            return Err(FeeError::invalid(
                format!("records[{i}].step"),
                r.step.name_zh(),
                crate::foundations::error::reason::STEP_TWICE,
            ));
        }
    }
    let find = |s: ProcedureStep| dossier.records.iter().find(|r| r.step == s);
    let missing: Vec<ProcedureStep> = ProcedureStep::ALL.into_iter().filter(|s| find(*s).is_none()).collect();
    let mut findings = Vec::new();
    // A step is due once a later one is on record: a fresh draft owes nothing yet, a decision
    // recorded without a public comment owes the comment.
    let last = dossier.records.iter().map(|r| r.step).max();
    for s in missing.iter().filter(|s| last.is_some_and(|l| **s < l)) {
        let severity = if *s < ProcedureStep::Decision { Severity::Violation } else { Severity::Note };
        findings.push(Finding::new(
            "procedure.missing",
            severity,
            Message::new("缺少程序：{0}", "missing step: {1}").with(s.name_zh()).with(s.name_en()),
            Source::clause("二(二)1"),
        ));
    }
    let mut in_order = true;
    let present: Vec<&ProcedureRecord> = ProcedureStep::ALL.iter().filter_map(|s| find(*s)).collect();
    for w in present.windows(2) {
        if w[1].date < w[0].date {
            in_order = false;
            findings.push(Finding::new(
                "procedure.out_of_order",
                Severity::Violation,
                Message::new("{0}（{2}）早于{3}（{5}）", "{1} ({2}) is dated before {4} ({5})")
                    .with(w[1].step.name_zh())
                    .with(w[1].step.name_en())
                    .with(w[1].date.to_string())
                    .with(w[0].step.name_zh())
                    .with(w[0].step.name_en())
                    .with(w[0].date.to_string()),
                Source::clause("二(二)1"),
            ));
        }
    }
    let before_decision_done = missing.iter().all(|s| *s >= ProcedureStep::Decision);
    Ok(DossierReport { evaluation, missing, decision_lawful: before_decision_done && in_order, findings })
}
