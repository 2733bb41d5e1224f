//! Every public entry point of fee-core, given extreme values, returns a value or an
//! error and never panics (a panic fails the test).

use fee_core::*;
use rust_decimal::Decimal;

fn extremes() -> Vec<Decimal> {
    vec![
        Decimal::MAX,
        Decimal::MIN,
        Decimal::MAX / Decimal::TWO,
        Decimal::new(1, 28),
        Decimal::new(-1, 28),
        Decimal::ZERO,
        Decimal::ONE,
        Decimal::NEGATIVE_ONE,
        Decimal::new(15, 1), // 150%
        Decimal::new(1, 0) * Decimal::from(1_000_000_000_000i64),
        Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 0),
    ]
}

type Setter = fn(&mut Scenario, Decimal);

fn setters() -> Vec<(&'static str, Setter)> {
    vec![
        ("carer wage", |s, v| s.cost.carer_monthly_wage = v),
        ("staff wage", |s, v| s.cost.staff[0].monthly_wage = v),
        ("staff count", |s, v| s.cost.staff[0].count = v),
        ("social insurance", |s, v| s.cost.social_insurance_rate = v),
        ("housing fund", |s, v| s.cost.housing_fund_rate = v),
        ("rent", |s, v| s.cost.rent_monthly = v),
        ("asset", |s, v| s.cost.assets[0].cost = v),
        ("utility quantity", |s, v| s.cost.utilities[0].monthly_quantity = v),
        ("utility price", |s, v| s.cost.utilities[0].residential_price = v),
        ("other cost", |s, v| s.cost.other_costs[0].monthly_amount = v),
        ("food", |s, v| s.cost.food_per_child_month = v),
        ("occupancy", |s, v| s.cost.enrolment = Enrolment::Occupancy { rate: v }),
        ("children", |s, v| s.cost.enrolment = Enrolment::Children { count: v }),
        ("audit start", |s, v| {
            s.cost.enrolment = Enrolment::AuditAverage { start_of_year: v, end_of_year: Decimal::ONE }
        }),
        ("months", |s, v| s.cost.months_charged = v),
        ("income", |s, v| s.income = IncomeBasis::HouseholdMonthly { amount: v }),
        ("per capita", |s, v| {
            s.income = IncomeBasis::PerCapitaAnnual { per_capita_annual: v, household_size: Decimal::TWO }
        }),
        ("household size", |s, v| {
            s.income = IncomeBasis::PerCapitaAnnual { per_capita_annual: Decimal::ONE, household_size: v }
        }),
        ("quota", |s, v| s.offsets.quota_subsidy = Some(QuotaSubsidy::Amount { per_child_month: v })),
        ("rent subsidy", |s, v| s.offsets.rent_subsidy = Some(RentSubsidy::PerMonth { amount: v })),
        ("rent subsidy area", |s, v| {
            s.offsets.rent_subsidy = Some(RentSubsidy::PerSquareMetreDay {
                area_m2: v,
                yuan_per_m2_day: v,
                days_per_year: Decimal::from(365),
            })
        }),
        ("grant", |s, v| s.offsets.grants.push(Grant { name: "g".into(), amount: v, years: 1 })),
        ("donations", |s, v| s.offsets.donations_annual = v),
        ("base price", |s, v| s.fee = FeeBasis::Public { base_price: Some(v), float_up: Some(v), float_down: Some(v) }),
        ("target fee", |s, v| s.indicators.target_fee = Some(v)),
        ("proposed fee", |s, v| s.indicators.proposed_fee = Some(v)),
        ("quintile", |s, v| s.indicators.quintile_incomes = vec![v]),
        ("adjustment", |s, v| {
            s.cost.adjustments.push(Adjustment { line: "premises.rent".into(), approved_annual: v, reason: "r".into() })
        }),
    ]
}

#[test]
fn evaluate_and_sensitivity_never_panic_on_extreme_inputs() {
    let set = ParameterSet::chaoyang().unwrap();
    let mut ok = 0;
    let mut errors = 0;
    for (name, set_field) in setters() {
        for v in extremes() {
            let mut s = Scenario::example();
            set_field(&mut s, v);
            match evaluate(&s, set) {
                Ok(e) => {
                    ok += 1;
                    // A result that came back is consistent: a public fee never exceeds the cap.
                    if let Some(g) = e.fee.guided_fee {
                        assert!(g <= e.cap.cap, "{name} = {v}: fee {g} over cap {}", e.cap.cap);
                    }
                }
                Err(err) => {
                    errors += 1;
                    assert!(!err.to_string().is_empty());
                }
            }
            // The same scenario without its trace, and as the scenario of a pricing dossier.
            assert_eq!(evaluate_quiet(&s, set).is_ok(), evaluate(&s, set).is_ok(), "{name} = {v}");
            let _ = check_dossier(&Dossier { scenario: s.clone(), records: vec![] }, set);
            for input in SensitivityInput::ALL {
                let _ = threshold(&s, set, input);
                let _ = scaled(&s, set, input, v);
            }
            let _ = tornado(&s, set, Decimal::new(1, 1));
            // A small grid whose factors are the extreme value itself, on either axis.
            let axis = |input, factors: Vec<Decimal>| GridAxis { input, factors };
            let _ = grid(
                &s,
                set,
                &axis(SensitivityInput::Occupancy, vec![v, Decimal::ONE]),
                &axis(SensitivityInput::Rent, vec![v]),
            );
            let _ = grid(
                &s,
                set,
                &axis(SensitivityInput::CarerWage, vec![Decimal::ONE]),
                &axis(SensitivityInput::Rent, vec![v, v]),
            );
        }
    }
    // Both outcomes occur: the extremes are not all refused, nor all accepted.
    assert!(ok > 0 && errors > 0, "ok {ok}, errors {errors}");
}

#[test]
fn empty_inputs_are_errors_not_panics() {
    let set = ParameterSet::chaoyang().unwrap();
    let mut s = Scenario::example();
    s.cost.classes.clear();
    assert_eq!(evaluate(&s, set).unwrap_err().field(), "cost.classes");
    assert!(split_target(10, &[]).is_err());
    assert!(licensing_findings(&[], set, "2024-06-01".parse().unwrap()).unwrap().is_empty());
    for check in [check_csv::<&[u8]>, check_csv_single_threaded::<&[u8]>] {
        let e = check(
            &b""[..],
            set,
            "2024-06-01".parse().unwrap(),
            &IncomeBasis::District { year: 2022 },
            &mut |_| {},
            &mut |_| {},
        );
        assert!(e.is_err());
    }
    assert!(check_xlsx(
        b"",
        set,
        "2024-06-01".parse().unwrap(),
        &IncomeBasis::District { year: 2022 },
        &mut |_| {},
        &mut |_| {}
    )
    .is_err());
    // A set with an empty id or version, or a parameter without values, is refused when made.
    assert!(ParameterSet::new("", "1", "", "", Default::default()).is_err());
    assert!(ParameterSet::new("x", " ", "", "", Default::default()).is_err());
    let empty = Parameter { title_zh: String::new(), title_en: String::new(), unit: "ratio".into(), values: vec![] };
    assert!(ParameterSet::new("x", "1", "", "", [("cap.ratio".into(), empty.clone())].into()).is_err());
    assert!(set.with_parameter("cap.ratio", empty).is_err());
    assert!(ParameterSet::from_json("").is_err());
    assert!(ParameterSet::from_toml("").is_err());
    assert!(ParameterSet::from_yaml("").is_err());
    assert!(parse_amount("", "x").is_err());
    assert_eq!(fee_core::read_json::<Scenario>("").unwrap_err().field(), "json");
}

/// Scenario text as it may arrive: nested past any sense, a number of a million digits, every
/// amount at an extreme. An error or a value, never a panic (nor a stack overflow).
#[test]
fn reading_a_scenario_survives_extreme_text() {
    use fee_core::read_json;
    let deep = "[".repeat(100_000);
    assert!(read_json::<Scenario>(&deep).is_err());
    let digits = format!("0.{}", "1".repeat(1_000_000));
    let text = serde_json::to_string(&Scenario::example()).unwrap();
    let long = text.replace(r#""rent_monthly":"30000""#, &format!(r#""rent_monthly":{digits}"#));
    assert!(read_json::<Scenario>(&long).unwrap_err().to_string().contains("28 significant digits"));
    for v in extremes() {
        let text = text.replace(r#""rent_monthly":"30000""#, &format!(r#""rent_monthly":"{v}""#));
        let read = read_json::<Scenario>(&text).unwrap();
        assert_eq!(read.cost.rent_monthly, v, "an amount a decimal holds is read back exactly");
        let _ = evaluate(&read, ParameterSet::chaoyang().unwrap());
    }
}

#[test]
fn other_entry_points_survive_extremes() {
    let set = ParameterSet::chaoyang().unwrap();
    let date: Date = "2024-06-01".parse().unwrap();
    for v in extremes() {
        let _ = cap_for(&IncomeBasis::HouseholdMonthly { amount: v }, Some(v), set, date);
        let _ = budget_curve(v, Decimal::ZERO, v, v, v, Decimal::from(12), Decimal::ONE);
        for points in [0, 1, 30, u32::MAX] {
            let _ = curve_step(v, points);
        }
        let _ = set.round_money(v, date);
        let _ = set.round_fee(v, date);
        let _ = set.round_share(v, date);
        let _ = set.round_percent(v, date);
        let _ = fee_core::grouped(v);
        for mode in RoundingMode::ALL {
            for places in [0, 2, 10, 28, u32::MAX] {
                let _ = Rounding::new(places, mode).apply(v);
                let _ = Rounding::new(places, mode).floor(v);
            }
        }
        let _ = split_target(
            u64::MAX,
            &[Weight { name: "a".into(), weight: v }, Weight { name: "b".into(), weight: Decimal::ONE }],
        );
        let _ = fiscal_plan(
            &FiscalInput { subsidy: SubsidyLevel::PerChildMonth { amount: v }, ..FiscalInput::example() },
            set,
        );
        for rule in RefundRule::examples().unwrap() {
            let m = RefundInput {
                care_fee: v,
                meal_fee: v,
                working_days: u32::MAX,
                days_attended: u32::MAX,
                withdrawn: true,
            };
            let _ = refund(&rule, &m, set, date);
            let m = RefundInput { care_fee: v, meal_fee: v, working_days: 0, days_attended: 0, withdrawn: false };
            assert!(refund(&rule, &m, set, date).is_err());
        }
        let mut sched = FeeSchedule::example();
        for item in &mut sched.items {
            item.amount = v;
        }
        sched.negotiated.approved_net_cost = Some(v);
        sched.meal_cost_per_child_month = Some(v);
        let _ = check_schedule(&sched, set, date, &IncomeBasis::HouseholdMonthly { amount: v });
        let e = Economics { fixed_net_annual: v, per_child_net_annual: v, months: v, slots: v };
        let _ = e.fee_at(v);
        let _ = e.enrolment_for_fee(v);
        for steps in [0, 1, 2, 201, 202, u32::MAX] {
            let _ = GridAxis::spread(SensitivityInput::Rent, v, steps);
        }
        // A parameter set whose cap ratio is the extreme value: made, or refused, never a panic.
        let mut ratio = set.parameter("cap.ratio").unwrap().clone();
        ratio.values[0].value = v.to_string().into();
        if let Ok(changed) = set.with_parameter("cap.ratio", ratio) {
            let _ = evaluate(&Scenario::example(), &changed);
        }
    }
    // An axis made by hand past the limit is refused before any evaluation (a million by a
    // million would otherwise run for days); empty axes make an empty grid.
    let wide = GridAxis { input: SensitivityInput::Rent, factors: vec![Decimal::ONE; 1_000_000] };
    let narrow = GridAxis { input: SensitivityInput::CarerWage, factors: vec![Decimal::ONE] };
    let e = grid(&Scenario::example(), set, &narrow, &wide).unwrap_err();
    assert_eq!((e.field(), e.to_string().contains("at most 201")), ("grid.y.factors", true), "{e}");
    let empty = GridAxis { input: SensitivityInput::Rent, factors: vec![] };
    assert!(grid(&Scenario::example(), set, &narrow, &empty).unwrap().net[0].is_empty());
    // Dossier records: a step recorded twice is refused, naming the step.
    let step = ProcedureRecord {
        step: ProcedureStep::ALL[0],
        date: "2024-01-02".parse().unwrap(),
        document: String::new(),
        outcome: "x".repeat(100_000),
    };
    let twice = Dossier { scenario: Scenario::example(), records: vec![step.clone(), step] };
    assert!(check_dossier(&twice, set).is_err());
    // Names in both languages for any unit text, known or not, empty or long.
    for unit in ["", "yuan", "元", "yuan_per_month", &"x".repeat(100_000)] {
        let _ = (unit_name(unit, Language::Zh), unit_name(unit, Language::En));
    }
    for kind in InstitutionType::ALL {
        assert!(!approval_route(kind).is_empty());
    }
    let _ = Date::new(i32::MAX, u32::MAX, u32::MAX);
    let _ = "9999-99-99".parse::<Date>();
    let _ = split_target(
        u64::MAX,
        &[Weight { name: "a".into(), weight: Decimal::MAX }, Weight { name: "b".into(), weight: Decimal::MAX }],
    );
    // Pasted weights at a decimal's limits: two of the largest are read, and their sum is
    // an error of the split, not a panic; one past the limit is refused naming its line.
    let max = Decimal::MAX;
    let w = read_weights(&format!("a,{max}\nb\t{max}")).unwrap();
    assert_eq!(split_target(u64::MAX, &w).unwrap_err(), FeeError::overflow("weights"));
    assert_eq!(read_weights("a,79228162514264337593543950336").unwrap_err().line, 1);
    for text in ["", ",", "\t", "\n\n,\n", ",,,", "a,-0", "a,０", "\u{feff}", "名称,权重"] {
        if let Err(e) = read_weights(text) {
            let _ = (e.message(Language::Zh), e.message(Language::En));
        }
    }
}
