//! Tests of the cost model.

use super::*;

use super::compute::OTHER_IDS;
use super::{CostBasis, OtherCost};

/// Other-cost lines are numbered from 0 in the order given, past the written-out ids too.
#[test]
fn other_cost_ids_count_past_the_written_out_ones() {
    let mut s = crate::rules::scenario::Scenario::example();
    s.cost.other_costs = (0..OTHER_IDS.len() + 3)
        .map(|i| OtherCost { name: format!("其他{i}"), basis: CostBasis::PerSite, monthly_amount: Decimal::ONE })
        .collect();
    let e = crate::rules::scenario::evaluate(&s, crate::foundations::parameters::ParameterSet::chaoyang().unwrap())
        .unwrap();
    let ids: Vec<&str> = e.cost.lines.iter().filter(|l| l.id.starts_with("other.")).map(|l| l.id.as_ref()).collect();
    let expected: Vec<String> = (0..OTHER_IDS.len() + 3).map(|i| format!("other.{i}")).collect();
    assert_eq!(ids, expected);
}
