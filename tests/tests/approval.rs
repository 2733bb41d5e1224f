//! Approval routing (二(二)4) as a state machine: legal paths complete, illegal transitions are errors.

use fee_core::{Application, ApplicationStatus, Authority, InstitutionType, ReviewEvent, ReviewStep};

fn ev(step: ReviewStep, by: Authority, date: &str, passed: bool) -> ReviewEvent {
    ReviewEvent { step, by, date: date.parse().unwrap(), passed }
}

#[test]
fn a_nursery_goes_through_its_sub_district_then_the_health_commission() {
    use Authority::*;
    use ReviewStep::{InitialReview, Publication, ReReview, SiteInspection};
    let mut a = fee_core::Application::new(InstitutionType::OtherInclusiveNursery);
    for (step, by, d) in [
        (ReviewStep::Application, SubDistrict, "2024-03-01"),
        (InitialReview, SubDistrict, "2024-03-05"),
        (SiteInspection, SubDistrict, "2024-03-06"),
        (ReReview, DistrictHealthCommission, "2024-03-20"),
        (Publication, DistrictHealthCommission, "2024-03-25"),
    ] {
        assert_eq!(a.status(), ApplicationStatus::InProgress);
        a.record(ev(step, by, d, true)).unwrap();
    }
    assert_eq!(a.status(), ApplicationStatus::Approved);
    assert!(a.record(ev(Publication, DistrictHealthCommission, "2024-03-26", true)).is_err());
}

#[test]
fn the_health_commission_cannot_do_the_initial_review() {
    let mut a = Application::new(InstitutionType::EmployerRun);
    a.record(ev(ReviewStep::Application, Authority::SubDistrict, "2024-03-01", true)).unwrap();
    let e =
        a.record(ev(ReviewStep::InitialReview, Authority::DistrictHealthCommission, "2024-03-02", true)).unwrap_err();
    assert_eq!(e.field(), "by");
}

#[test]
fn a_kindergarten_cannot_skip_the_site_inspection_and_a_failed_review_ends_it() {
    let ed = Authority::DistrictEducationCommission;
    let mut a = Application::new(InstitutionType::PrivateInclusiveKindergarten);
    a.record(ev(ReviewStep::Application, ed, "2024-03-01", true)).unwrap();
    assert_eq!(a.record(ev(ReviewStep::Review, ed, "2024-03-02", true)).unwrap_err().field(), "step");
    a.record(ev(ReviewStep::SiteInspection, ed, "2024-03-03", false)).unwrap();
    assert_eq!(a.status(), ApplicationStatus::Rejected);
    assert!(a.next_step().is_none());
}

#[test]
fn steps_cannot_go_back_in_time() {
    let ed = Authority::DistrictEducationCommission;
    let mut a = Application::new(InstitutionType::CommunitySite);
    a.record(ev(ReviewStep::Application, ed, "2024-03-10", true)).unwrap();
    assert_eq!(a.record(ev(ReviewStep::SiteInspection, ed, "2024-03-09", true)).unwrap_err().field(), "date");
}

/// Every refusal of the state machine reads in Chinese (and in English), naming the step,
/// who takes it (二(二)4) or the date it must not precede.
#[test]
fn a_refused_step_says_why_in_both_languages() {
    use Authority::*;
    use ReviewStep::{InitialReview, SiteInspection};
    let mut a = Application::new(InstitutionType::OtherInclusiveNursery);
    // A nursery's first step is its application, taken by its sub-district.
    let e = a.record(ev(InitialReview, SubDistrict, "2024-03-01", true)).unwrap_err();
    assert_eq!(e.message_zh(), "step：“条件初审”无法使用（下一步是提出申请，由所在街乡办理）");
    let e = a.record(ev(ReviewStep::Application, DistrictEducationCommission, "2024-03-01", true)).unwrap_err();
    assert_eq!(e.message_zh(), "by：“区教委”无法使用（提出申请由所在街乡办理（二(二)4））");
    assert_eq!(e.to_string(), "by: value \"区教委\" is invalid (提出申请 is taken by 所在街乡 (二(二)4))");
    a.record(ev(ReviewStep::Application, SubDistrict, "2024-03-05", true)).unwrap();
    let e = a.record(ev(InitialReview, SubDistrict, "2024-03-04", true)).unwrap_err();
    assert_eq!(e.message_zh(), "date：“2024-03-04”无法使用（早于上一步的日期 2024-03-05）");
    // A failed review ends the application; nothing can follow it.
    a.record(ev(InitialReview, SubDistrict, "2024-03-06", false)).unwrap();
    let e = a.record(ev(SiteInspection, SubDistrict, "2024-03-07", true)).unwrap_err();
    assert_eq!(e.message_zh(), "step：“实地查验”无法使用（申请已被驳回，没有后续步骤）");
    assert_eq!(e.to_string(), "step: value \"实地查验\" is invalid (the application is rejected: no step is left)");
}

#[test]
fn a_dossier_reports_missing_steps_and_order() {
    use fee_core::{check_dossier, Dossier, ParameterSet, ProcedureRecord, ProcedureStep, Scenario};
    let rec = |step, d: &str| ProcedureRecord {
        step,
        date: d.parse().unwrap(),
        document: "文号".into(),
        outcome: "完成".into(),
    };
    let mut d = Dossier {
        scenario: Scenario::example(),
        records: vec![
            rec(ProcedureStep::PriceSurvey, "2024-03-01"),
            rec(ProcedureStep::CostAuditOrSurvey, "2024-03-10"),
            rec(ProcedureStep::PublicComment, "2024-04-01"),
            rec(ProcedureStep::LegalityReview, "2024-04-10"),
        ],
    };
    let set = ParameterSet::chaoyang().unwrap();
    let r = check_dossier(&d, set).unwrap();
    // Collective deliberation is missing, so no decision is lawful yet.
    assert!(!r.decision_lawful);
    assert_eq!(
        r.missing,
        vec![
            ProcedureStep::CollectiveDeliberation,
            ProcedureStep::Decision,
            ProcedureStep::DistrictGovernmentAgreement
        ]
    );
    d.records.push(rec(ProcedureStep::CollectiveDeliberation, "2024-04-20"));
    assert!(check_dossier(&d, set).unwrap().decision_lawful);
    // A deliberation dated before the legality review is out of order.
    d.records[4].date = "2024-04-05".parse().unwrap();
    let r = check_dossier(&d, set).unwrap();
    assert!(!r.decision_lawful);
    assert!(r.findings.iter().any(|f| f.code == "procedure.out_of_order"));
}

#[test]
fn a_step_is_reported_missing_only_once_it_is_due() {
    use fee_core::{check_dossier, Dossier, ParameterSet, ProcedureRecord, ProcedureStep, Scenario};
    let set = ParameterSet::chaoyang().unwrap();
    // A fresh draft: all seven steps are still to come, none is due, so no finding.
    let mut d = Dossier { scenario: Scenario::example(), records: vec![] };
    let r = check_dossier(&d, set).unwrap();
    assert_eq!(r.missing.len(), 7);
    assert!(r.findings.is_empty());
    // A decision on record with nothing before it: the five steps before the decision are due
    // and missing (violations); the district government's agreement comes after it, not due.
    d.records.push(ProcedureRecord {
        step: ProcedureStep::Decision,
        date: "2024-06-01".parse().unwrap(),
        document: "朝发改价〔2024〕1号".into(),
        outcome: "定价".into(),
    });
    let r = check_dossier(&d, set).unwrap();
    let missing: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.code == "procedure.missing")
        .map(|f| f.message.text(fee_core::Language::Zh).to_string())
        .collect();
    assert_eq!(
        missing,
        [
            "缺少程序：价格调查",
            "缺少程序：成本监审或成本调查",
            "缺少程序：听取社会意见",
            "缺少程序：合法性审查",
            "缺少程序：集体审议"
        ]
    );
    assert!(r.findings.iter().all(|f| f.severity == fee_core::Severity::Violation));
}

#[test]
fn a_refund_from_the_calendar_of_a_withdrawal_month() {
    use fee_core::{Date, ParameterSet, RefundInput, RefundRule};
    // 3–28 June 2024 has 20 weekdays; the Dragon Boat holiday on Monday the 10th leaves 19 working days.
    let working: Vec<Date> = (3..=28)
        .filter_map(|d| Date::new(2024, 6, d).ok())
        .filter(|d| ![8, 9, 10, 15, 16, 22, 23].contains(&d.day()))
        .collect();
    assert_eq!(working.len(), 19);
    // Leave on 4 and 5 June, withdrew on 7 June: attended 3 and 6 June = 2 of 19 days.
    let leave = ["2024-06-04".parse().unwrap(), "2024-06-05".parse().unwrap()];
    let m = RefundInput::from_calendar(
        "1900".parse().unwrap(),
        "380".parse().unwrap(),
        &working,
        &leave,
        Some("2024-06-07".parse().unwrap()),
    )
    .unwrap();
    assert_eq!((m.working_days, m.days_attended), (19, 2));
    // By days attended: care charged 1,900 × 2/19 = 200, refunded 1,700; meals 380 × 17/19 = 340.
    let rule = RefundRule::examples().unwrap().into_iter().find(|r| r.id == "pro-rata").unwrap();
    let r = fee_core::refund(&rule, &m, ParameterSet::chaoyang().unwrap(), "2024-06-30".parse().unwrap()).unwrap();
    assert_eq!(r.care_refund.to_string(), "1700.00");
    assert_eq!(r.meal_refund.to_string(), "340.00");
    // A leave day that is not a working day is refused.
    assert!(RefundInput::from_calendar(
        "1".parse().unwrap(),
        "1".parse().unwrap(),
        &working,
        &["2024-06-08".parse().unwrap()],
        None
    )
    .is_err());
}
