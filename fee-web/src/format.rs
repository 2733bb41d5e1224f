//! Figures as text, each rounded by a rule of the parameter set. fee-core does the rounding
//! and the grouping of digits; the app only picks the rule a figure is shown by. Where the
//! set has no rule on the date, the error is shown in the figure's place.

use fee_core::{grouped, Date, FeeError, Language, ParameterSet};
use rust_decimal::Decimal;

fn shown(rounded: Result<Decimal, FeeError>, lang: Language) -> String {
    rounded.map_or_else(|e| e.message(lang), grouped)
}

/// A result fee-core has already rounded (a cap, a fee, a refund): its digits grouped.
pub fn amount(v: Decimal) -> String {
    grouped(v)
}

/// An amount that is not itself a rounded result (a break-even fee, an annual cost), by the
/// set's money rule: to the fen.
pub fn money(params: &ParameterSet, date: Date, v: Decimal, lang: Language) -> String {
    shown(params.round_money(v, date), lang)
}

/// A fee-sized amount where whole units read best (a chart's labels), by the set's fee rule:
/// to the yuan.
pub fn fee(params: &ParameterSet, date: Date, v: Decimal, lang: Language) -> String {
    shown(params.round_fee(v, date), lang)
}

/// A share of a whole (of a household's income, of the total cost) as a percentage, to two
/// places: 0.18254 reads "18.25%".
pub fn percent(params: &ParameterSet, date: Date, v: Decimal, lang: Language) -> String {
    params.round_percent(v, date).map_or_else(|e| e.message(lang), |p| format!("{p}%"))
}
