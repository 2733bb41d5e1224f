//! Tests of the trace: recorded steps write out as steps built by hand, round trips and sources.

use super::*;
use crate::foundations::date::Date;
use crate::foundations::parameters::ParamValue;
use crate::foundations::parameters::ParameterSet;

use super::source::Source;
use super::step::Step;
use super::Trace;

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

/// The step a recorded step must write out as, built by hand with the public builders.
fn by_hand(ratio: &ParamValue<'_>, rounding: &ParamValue<'_>) -> Step {
    Step::new("cap.amount", "收费上限", "Fee cap", "cap = round(ratio × income)")
        .input("ratio", ratio.value)
        .input("income", Decimal::from(15655))
        .source(Source::clause("二(二)1"))
        .source(Source::method("m", "法"))
        .source(Source::input("income.amount"))
        .source(ratio.source())
        .source(rounding.source())
        .result(Decimal::new(313100, 2), "yuan/month")
}

fn record(trace: &mut Trace, ratio: &ParamValue<'_>, rounding: &ParamValue<'_>) {
    trace.record("cap.amount", "收费上限", "Fee cap", "cap = round(ratio × income)", |step| {
        step.add_input("ratio", ratio.value)
            .add_input("income", Decimal::from(15655))
            .clause("二(二)1")
            .method("m", "法")
            .input_field("income.amount")
            .cite(ratio)
            .cite(rounding)
            .set_result(Decimal::new(313100, 2), "yuan/month");
    });
}

/// A recorded step reads exactly as the same step built whole, whether its parameters are
/// cited by place (known, from the trace's set), or whole (looked up by name, or from
/// another set than the first one cited); steps pushed whole keep their place in between.
#[test]
fn recorded_steps_read_as_built_by_hand() {
    let set = ParameterSet::chaoyang().unwrap();
    let d = date("2024-06-01");
    let ratio = set.known_decimal(Known::CapRatio, d).unwrap();
    let (_, rounding) = set.money_rounding(d).unwrap();
    let by_name = set.decimal("cap.ratio", d).unwrap();
    let mut changed = set.parameter("cap.ratio").unwrap().clone();
    changed.values[0].reference = "another reference".into();
    changed.values[0].reference_en = None;
    let other_set = set.with_parameter("cap.ratio", changed).unwrap();
    let other = other_set.known_decimal(Known::CapRatio, d).unwrap();
    assert!(by_name.origin().is_none() && ratio.origin().is_some());

    let mut trace = Trace::default();
    record(&mut trace, &ratio, &rounding);
    trace.push(Step::new("pushed", "乙", "B", "b"));
    record(&mut trace, &by_name, &rounding);
    record(&mut trace, &other, &rounding);
    let expected = vec![
        by_hand(&ratio, &rounding),
        Step::new("pushed", "乙", "B", "b"),
        by_hand(&by_name, &rounding),
        by_hand(&other, &rounding),
    ];
    assert_eq!(trace.steps(), expected.as_slice());
    assert_eq!(trace.len(), 4);
    // The other set's reference is cited, not the first set's.
    assert!(trace.steps()[3].sources[3].to_string().contains("another reference"));
    assert_eq!(trace, Trace::from(expected));
}

/// A step added after the steps were read is read too.
#[test]
fn steps_read_before_a_change_are_read_again() {
    let set = ParameterSet::chaoyang().unwrap();
    let d = date("2024-06-01");
    let ratio = set.known_decimal(Known::CapRatio, d).unwrap();
    let (_, rounding) = set.money_rounding(d).unwrap();
    let mut trace = Trace::default();
    record(&mut trace, &ratio, &rounding);
    assert_eq!(trace.steps().len(), 1);
    trace.push(Step::new("a", "甲", "A", "a"));
    record(&mut trace, &ratio, &rounding);
    let ids: Vec<&str> = trace.steps().iter().map(|s| s.id.as_ref()).collect();
    assert_eq!(ids, ["cap.amount", "a", "cap.amount"]);
    let json = serde_json::to_string(&trace).unwrap();
    assert!(json.starts_with(r#"{"steps":[{"id":"cap.amount""#), "{json}");
    let back: Trace = serde_json::from_str(&json).unwrap();
    assert_eq!(back, trace);
    assert_eq!(back.into_steps(), trace.clone().into_steps());
}
