//! Parameter-set files in JSON, TOML and YAML, then lookups on what they hold.
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
        let _ = fee_core::evaluate(&fee_core::Scenario { parameter_set: fee_core::ParameterSetRef::of(&set), ..fee_core::Scenario::example() }, &set);
    }
});
