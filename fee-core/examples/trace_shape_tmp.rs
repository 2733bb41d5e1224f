fn main() {
    let set = fee_core::ParameterSet::chaoyang().unwrap();
    let mut s = fee_core::Scenario::example();
    s.offsets.quota_subsidy = Some(fee_core::QuotaSubsidy::Tier { tier: fee_core::QualityTier::SecondOrThird });
    s.offsets.rent_subsidy = Some(fee_core::RentSubsidy::PerMonth { amount: rust_decimal::Decimal::from(5000) });
    let e = fee_core::evaluate(&s, set).unwrap();
    println!("steps {}", e.trace.steps.len());
    for st in &e.trace.steps {
        println!(
            "{:30} in {} src {} params {}",
            st.id,
            st.inputs.len(),
            st.sources.len(),
            st.sources.iter().filter(|x| matches!(x, fee_core::Source::Parameter { .. })).count()
        );
    }
    println!("lines {} findings {}", e.cost.lines.len(), e.findings.len());
}
