//! Parameter-set files in JSON, TOML and YAML, then lookups on what they hold and a round trip.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for set in [
        fee_core::ParameterSet::from_json(text),
        fee_core::ParameterSet::from_toml(text),
        fee_core::ParameterSet::from_yaml(text),
    ]
    .into_iter()
    .flatten()
    {
        let date = "2024-06-01".parse().unwrap_or_else(|_| unreachable!());
        for name in set.parameters().keys() {
            let _ = set.decimal(name, date);
        }
        let _ = set.rounding("rounding.money", date);
        // Written out and read back, a set is the same set (its index of known parameters too).
        if let Ok(json) = serde_json::to_string(&set) {
            assert_eq!(fee_core::ParameterSet::from_json(&json).ok().as_ref(), Some(&set));
        }
        let _ = fee_core::evaluate(&fee_core::Scenario { parameter_set: fee_core::ParameterSetRef::of(&set), ..fee_core::Scenario::example() }, &set);
    }
});
