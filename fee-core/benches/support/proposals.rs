//! The generated proposal file shared by the batch bench and `examples/profile_batch.rs`.

/// `n` proposal rows, four per institution (three care fees and a meal fee), the three
/// institution types in turn, amounts spread so that about half the rows have findings.
pub fn proposals_csv(n: usize) -> Vec<u8> {
    let mut out = String::from(
        "institution,institution_type,inclusive,item,class_type,service_form,amount,unit,standard,items_published,service_content,refund_rules,agreement_signed,displayed_at_premises,reference_low,reference_high,approved_net_cost,meal_cost\n",
    );
    for i in 0..n {
        let inst = i / 4;
        let (kind, amount) = match inst % 3 {
            0 => ("public_nursery", 2800 + (i % 7) * 100),
            1 => ("other_inclusive_nursery", 2500 + (i % 9) * 100),
            _ => ("community_site", 2400 + (i % 5) * 100),
        };
        let item = if i % 4 == 3 { "伙食费" } else { "保育费" };
        let class = ["托小班", "托大班", "乳儿班"][i % 3];
        out.push_str(&format!(
            "机构{inst},{kind},yes,{item},{class},全日托,{amount},元/月,普惠,是,是,是,是,是,2400,3000,2900,500\n"
        ));
    }
    out.into_bytes()
}
