//! 街乡 and weights pasted into the fiscal page or given to `fee split`: any text is read
//! into weights or refused naming a line, in either language; weights that are read split
//! any target into parts that add up to it exactly. Nothing may panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first eight bytes choose the target; the rest is the text.
    let (head, text) = data.split_at(data.len().min(8));
    let Ok(text) = std::str::from_utf8(text) else { return };
    let mut target = [0u8; 8];
    target[..head.len()].copy_from_slice(head);
    let target = u64::from_le_bytes(target);
    match fee_core::read_weights(text) {
        Ok(weights) => {
            if let Ok(parts) = fee_core::split_target(target, &weights) {
                assert_eq!(parts.iter().map(|p| u128::from(p.slots)).sum::<u128>(), u128::from(target));
            }
        }
        Err(e) => {
            assert!(e.line >= 1 && e.line <= text.lines().count());
            let _ = (e.message(fee_core::Language::Zh), e.message(fee_core::Language::En));
        }
    }
});
