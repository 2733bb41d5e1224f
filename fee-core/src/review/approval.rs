//! Who reviews an inclusive application, in what order (二(二)4), as a state machine.

use serde::{Deserialize, Serialize};

use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::review::schedule::InstitutionType;

/// A reviewing body.
///
/// ```
/// assert_eq!(fee_core::Authority::DistrictHealthCommission.name_zh(), "区卫生健康委");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// 区教委.
    DistrictEducationCommission,
    /// 所在街乡.
    SubDistrict,
    /// 区卫生健康委.
    DistrictHealthCommission,
}

impl Authority {
    /// The Chinese name.
    ///
    /// ```
    /// assert_eq!(fee_core::Authority::SubDistrict.name_zh(), "所在街乡");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            Authority::DistrictEducationCommission => "区教委",
            Authority::SubDistrict => "所在街乡",
            Authority::DistrictHealthCommission => "区卫生健康委",
        }
    }

    /// The English name.
    ///
    /// ```
    /// assert_eq!(fee_core::Authority::SubDistrict.name_en(), "sub-district (街乡) office");
    /// ```
    pub fn name_en(self) -> &'static str {
        match self {
            Authority::DistrictEducationCommission => "district education commission",
            Authority::SubDistrict => "sub-district (街乡) office",
            Authority::DistrictHealthCommission => "district health commission",
        }
    }
}

/// A step of the review.
///
/// ```
/// assert_eq!(fee_core::ReviewStep::ReReview.name_zh(), "复审");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewStep {
    /// 提出申请.
    Application,
    /// 条件初审.
    InitialReview,
    /// 实地查验.
    SiteInspection,
    /// 审核.
    Review,
    /// 复审.
    ReReview,
    /// 公示.
    Publication,
}

impl ReviewStep {
    /// The Chinese name.
    ///
    /// ```
    /// assert_eq!(fee_core::ReviewStep::Publication.name_zh(), "公示");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            ReviewStep::Application => "提出申请",
            ReviewStep::InitialReview => "条件初审",
            ReviewStep::SiteInspection => "实地查验",
            ReviewStep::Review => "审核",
            ReviewStep::ReReview => "复审",
            ReviewStep::Publication => "公示",
        }
    }

    /// The English name.
    ///
    /// ```
    /// assert_eq!(fee_core::ReviewStep::InitialReview.name_en(), "initial review of conditions");
    /// ```
    pub fn name_en(self) -> &'static str {
        match self {
            ReviewStep::Application => "application",
            ReviewStep::InitialReview => "initial review of conditions",
            ReviewStep::SiteInspection => "site inspection",
            ReviewStep::Review => "review",
            ReviewStep::ReReview => "second review",
            ReviewStep::Publication => "public notice",
        }
    }
}

/// The clause [`approval_route`] encodes, for the clause map.
pub(crate) const APPROVAL_CLAUSE: (&str, &str) = (crate::foundations::trace::PLAN_DOCUMENT, "二(二)4");

/// The ordered steps and who takes each, for an institution type (二(二)4).
///
/// ```
/// use fee_core::{approval_route, Authority, InstitutionType, ReviewStep};
/// let r = approval_route(InstitutionType::OtherInclusiveNursery);
/// assert_eq!(r[1], (ReviewStep::InitialReview, Authority::SubDistrict));
/// assert_eq!(r.last(), Some(&(ReviewStep::Publication, Authority::DistrictHealthCommission)));
/// let k = approval_route(InstitutionType::CommunitySite);
/// assert!(k.iter().all(|(_, a)| *a == Authority::DistrictEducationCommission));
/// ```
pub fn approval_route(kind: InstitutionType) -> Vec<(ReviewStep, Authority)> {
    use Authority::*;
    use ReviewStep::*;
    if kind.reviewed_by_education_commission() {
        vec![
            (Application, DistrictEducationCommission),
            (SiteInspection, DistrictEducationCommission),
            (Review, DistrictEducationCommission),
            (Publication, DistrictEducationCommission),
        ]
    } else {
        vec![
            (Application, SubDistrict),
            (InitialReview, SubDistrict),
            (SiteInspection, SubDistrict),
            (ReReview, DistrictHealthCommission),
            (Publication, DistrictHealthCommission),
        ]
    }
}

/// One recorded step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReviewEvent {
    /// The step taken.
    pub step: ReviewStep,
    /// Who took it.
    pub by: Authority,
    /// When.
    pub date: Date,
    /// Whether it passed (a failed review ends the application).
    pub passed: bool,
}

/// Where an application stands.
///
/// ```
/// assert_eq!(fee_core::ApplicationStatus::InProgress.to_string(), "in_progress");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Steps remain.
    InProgress,
    /// Published.
    Approved,
    /// A step did not pass.
    Rejected,
}

impl std::fmt::Display for ApplicationStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ApplicationStatus::InProgress => "in_progress",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
        })
    }
}

/// An inclusive application moving through its route.
///
/// ```
/// use fee_core::*;
/// let mut a = Application::new(InstitutionType::CommunitySite);
/// let d: Date = "2024-03-01".parse()?;
/// a.record(ReviewEvent { step: ReviewStep::Application, by: Authority::DistrictEducationCommission, date: d, passed: true })?;
/// // Publishing before the site inspection is refused.
/// let skip = ReviewEvent { step: ReviewStep::Publication, by: Authority::DistrictEducationCommission, date: d, passed: true };
/// assert!(a.record(skip).is_err());
/// assert_eq!(a.next_step(), Some((ReviewStep::SiteInspection, Authority::DistrictEducationCommission)));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Application {
    /// The applicant's type, which fixes the route.
    pub kind: InstitutionType,
    /// Steps taken so far.
    pub events: Vec<ReviewEvent>,
}

impl Application {
    /// A new application with no steps taken.
    ///
    /// ```
    /// let a = fee_core::Application::new(fee_core::InstitutionType::EmployerRun);
    /// assert!(a.events.is_empty());
    /// ```
    pub fn new(kind: InstitutionType) -> Self {
        Application { kind, events: Vec::new() }
    }

    /// The status.
    ///
    /// ```
    /// assert_eq!(fee_core::Application::new(fee_core::InstitutionType::PublicNursery).status(), fee_core::ApplicationStatus::InProgress);
    /// ```
    pub fn status(&self) -> ApplicationStatus {
        if self.events.iter().any(|e| !e.passed) {
            ApplicationStatus::Rejected
        } else if self.events.len() == approval_route(self.kind).len() {
            ApplicationStatus::Approved
        } else {
            ApplicationStatus::InProgress
        }
    }

    /// The next step and its authority, if any remains.
    ///
    /// ```
    /// use fee_core::*;
    /// let a = Application::new(InstitutionType::OtherInclusiveNursery);
    /// assert_eq!(a.next_step(), Some((ReviewStep::Application, Authority::SubDistrict)));
    /// ```
    pub fn next_step(&self) -> Option<(ReviewStep, Authority)> {
        if self.status() != ApplicationStatus::InProgress {
            return None;
        }
        approval_route(self.kind).get(self.events.len()).copied()
    }

    /// Records a step.
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming `step` when the step is out of order or the application has
    /// ended, `by` when the wrong authority takes it, or `date` when it is earlier than the previous step.
    ///
    /// ```
    /// use fee_core::*;
    /// let mut a = Application::new(InstitutionType::OtherInclusiveNursery);
    /// let wrong = ReviewEvent { step: ReviewStep::Application, by: Authority::DistrictEducationCommission, date: "2024-03-01".parse()?, passed: true };
    /// assert_eq!(a.record(wrong).unwrap_err().field(), "by");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn record(&mut self, event: ReviewEvent) -> Result<(), FeeError> {
        use crate::foundations::error::reason;
        let Some((step, by)) = self.next_step() else {
            let closed = match self.status() {
                ApplicationStatus::Rejected => reason::APPLICATION_REJECTED,
                ApplicationStatus::Approved | ApplicationStatus::InProgress => reason::APPLICATION_APPROVED,
            };
            return Err(FeeError::invalid("step", event.step.name_zh(), closed));
        };
        if event.step != step {
            let why = reason::fill(reason::NEXT_STEP, &[&step.name_zh(), &by.name_zh()]);
            return Err(FeeError::invalid("step", event.step.name_zh(), why));
        }
        if event.by != by {
            let why = reason::fill(reason::STEP_TAKEN_BY, &[&step.name_zh(), &by.name_zh()]);
            return Err(FeeError::invalid("by", event.by.name_zh(), why));
        }
        if let Some(prev) = self.events.last() {
            if event.date < prev.date {
                let why = reason::fill(reason::EARLIER_THAN_PREVIOUS, &[&prev.date]);
                return Err(FeeError::invalid("date", event.date, why));
            }
        }
        self.events.push(event);
        Ok(())
    }
}
