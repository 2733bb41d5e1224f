//! Reading one row's columns: the fee item from every row, the institution's columns from its first.

use rust_decimal::Decimal;

use crate::foundations::error::reason::{self};
use crate::foundations::error::FeeError;
use crate::foundations::finding::{Message, MessageArg};
use crate::foundations::input::parse_amount;
use crate::review::schedule::{
    Disclosures, FeeItem, FeeItemKind, FeeUnit, InstitutionType, Negotiated, ServiceForm, StandardKind,
};
use crate::rules::classes::ClassType;
use crate::rules::fee::FeeRange;

use super::{COLUMNS, OPTIONAL};

/// The columns read once per institution, from its first row; the others are read on every row.
pub(super) const INSTITUTION_COLUMNS: [usize; 11] = [1, 2, 9, 10, 11, 12, 13, 14, 15, 16, 17];

/// The columns read on every row: the name and the item's.
pub(super) const ROW_COLUMNS: [usize; 7] = [0, 3, 4, 5, 6, 7, 8];

/// A row's fields, however the reader holds them.
pub(crate) trait RowFields {
    /// The number of fields.
    fn count(&self) -> usize;
    /// Field `i`, or `""` past the end.
    fn field(&self, i: usize) -> &str;
}

impl RowFields for [String] {
    fn count(&self) -> usize {
        self.len()
    }
    fn field(&self, i: usize) -> &str {
        self.get(i).map_or("", String::as_str)
    }
}

impl RowFields for csv::StringRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn field(&self, i: usize) -> &str {
        self.get(i).unwrap_or("")
    }
}

/// A yes/no column: yes/y/true/1/是 or no/n/false/0/否, in any ASCII case.
pub(super) fn yes_no(t: &str) -> Option<bool> {
    let is = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
    if is(&["yes", "y", "true", "1", "是"]) {
        Some(true)
    } else if is(&["no", "n", "false", "0", "否"]) {
        Some(false)
    } else {
        None
    }
}

/// What a row says of its institution.
pub(super) struct InstitutionColumns {
    pub(super) kind: InstitutionType,
    pub(super) inclusive: bool,
    pub(super) disclosures: Disclosures,
    pub(super) negotiated: Negotiated,
    pub(super) meal_cost: Option<Decimal>,
}

/// A column that could not be read: its index in [`COLUMNS`] and why (boxed: the rare case
/// stays out of the way of the common one).
pub(super) type ColumnError = (usize, Box<Message>);

/// Why field `k` cannot be used, in both languages, quoting it as written:
/// "“-5”：不能为负数" and "\"-5\": must not be negative".
pub(super) fn quoted(
    f: &[&str; COLUMNS.len()],
    k: usize,
    zh: impl Into<MessageArg>,
    en: impl Into<MessageArg>,
) -> ColumnError {
    let message =
        Message::new("“{0}”：{1}", "{2}: {3}").with(f[k].to_string()).with(zh).with(format!("{:?}", f[k])).with(en);
    (k, Box::new(message))
}

/// The reason for a field that did not parse, quoting the field.
pub(super) fn column_error(f: &[&str; COLUMNS.len()], k: usize, e: FeeError) -> ColumnError {
    match e {
        FeeError::Invalid { reason: r, .. } | FeeError::OutOfRange { limit: r, .. } => {
            quoted(f, k, reason::zh(&r).to_string(), r)
        }
        other => (k, Box::new(Message::from(&other))),
    }
}

/// An amount column: empty is `None` where the column is optional; negative is an error.
pub(super) fn amount(f: &[&str; COLUMNS.len()], k: usize) -> Result<Option<Decimal>, ColumnError> {
    let t = f[k];
    if t.is_empty() {
        if OPTIONAL.contains(&COLUMNS[k]) {
            return Ok(None);
        }
        return Err((k, Box::new(Message::new("空白：需要填写数字", "empty: a number is needed"))));
    }
    let v = parse_amount(t, COLUMNS[k]).map_err(|e| column_error(f, k, e))?;
    if v.is_sign_negative() && !v.is_zero() {
        return Err(quoted(f, k, reason::zh(reason::NOT_NEGATIVE).into_owned(), reason::NOT_NEGATIVE));
    }
    Ok(Some(v))
}

/// A yes/no column.
pub(super) fn flag(f: &[&str; COLUMNS.len()], k: usize) -> Result<bool, ColumnError> {
    yes_no(f[k]).ok_or_else(|| quoted(f, k, "应为 是/否", "expected yes/no (是/否)"))
}

/// The fee item of a row (columns read on every row).
pub(super) fn parse_item(f: &[&str; COLUMNS.len()]) -> Result<FeeItem, ColumnError> {
    let item: FeeItemKind = f[3].parse().map_err(|e| column_error(f, 3, e))?;
    let class_type: ClassType = f[4].parse().map_err(|e| column_error(f, 4, e))?;
    let form: ServiceForm = f[5].parse().map_err(|e| column_error(f, 5, e))?;
    let amount = amount(f, 6)?.unwrap_or_default();
    let unit: FeeUnit = f[7].parse().map_err(|e| column_error(f, 7, e))?;
    let standard = match f[8] {
        "" | "inclusive" | "普惠" => StandardKind::Inclusive,
        "non_inclusive" | "非普惠" => StandardKind::NonInclusive,
        other if other.eq_ignore_ascii_case("inclusive") => StandardKind::Inclusive,
        other if other.eq_ignore_ascii_case("non_inclusive") => StandardKind::NonInclusive,
        _ => return Err(quoted(f, 8, "应为 普惠/非普惠", "expected inclusive/non_inclusive (普惠/非普惠)")),
    };
    Ok(FeeItem { item, class_type, form, amount, unit, standard })
}

/// What a row says of its institution (columns read from an institution's first row).
pub(super) fn parse_institution(f: &[&str; COLUMNS.len()]) -> Result<InstitutionColumns, ColumnError> {
    let kind: InstitutionType = f[1].parse().map_err(|e| column_error(f, 1, e))?;
    let inclusive = flag(f, 2)?;
    let disclosures = Disclosures {
        items_published: flag(f, 9)?,
        service_content: flag(f, 10)?,
        refund_rules: flag(f, 11)?,
        agreement_signed: flag(f, 12)?,
        displayed_at_premises: flag(f, 13)?,
    };
    let reference_range = match (amount(f, 14)?, amount(f, 15)?) {
        (Some(low), Some(high)) if low <= high => Some(FeeRange { low, high }),
        (Some(_), Some(_)) => {
            return Err((15, Box::new(Message::new("参考区间上限低于下限", "reference_high is below reference_low"))))
        }
        (None, None) => None,
        _ => {
            let both = Message::new(
                "参考区间上下限须同时填写或同时留空",
                "give both reference_low and reference_high, or neither",
            );
            return Err((14, Box::new(both)));
        }
    };
    let negotiated = Negotiated { reference_range, approved_net_cost: amount(f, 16)? };
    Ok(InstitutionColumns { kind, inclusive, disclosures, negotiated, meal_cost: amount(f, 17)? })
}
