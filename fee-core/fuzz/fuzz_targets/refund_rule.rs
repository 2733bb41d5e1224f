//! A refund rule file given to `fee refund --rule`: any text is read into a rule or refused,
//! and a rule that is read refunds any month with care and meals each between nothing and
//! what was paid, adding up to the total. Nothing may panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    // The first six bytes choose the month; the rest is the rule file.
    let (head, text) = data.split_at(data.len().min(6));
    let Ok(text) = std::str::from_utf8(text) else { return };
    let Ok(rule) = fee_core::read_json::<fee_core::RefundRule>(text) else { return };
    let Ok(set) = fee_core::ParameterSet::chaoyang() else { return };
    let Ok(date) = "2024-06-01".parse() else { return };
    let mut b = [0u8; 6];
    b[..head.len()].copy_from_slice(head);
    let month = fee_core::RefundInput {
        care_fee: Decimal::new(i64::from(u16::from_le_bytes([b[0], b[1]])), u32::from(b[2] % 4)),
        meal_fee: Decimal::new(i64::from(b[3]) * 7, 0),
        working_days: u32::from(b[4] % 32),
        days_attended: u32::from(b[5] % 32),
        withdrawn: b[5] & 0x80 != 0,
    };
    if let Ok(r) = fee_core::refund(&rule, &month, set, date) {
        assert!(r.care_refund >= Decimal::ZERO && r.care_refund <= month.care_fee, "{r:?}");
        assert!(r.meal_refund >= Decimal::ZERO && r.meal_refund <= month.meal_fee, "{r:?}");
        assert_eq!(r.total, r.care_refund + r.meal_refund);
        let _ = (r.trace.to_text(fee_core::Language::Zh), r.trace.to_text(fee_core::Language::En));
    }
});
