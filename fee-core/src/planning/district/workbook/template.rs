//! Writing the survey template: labels, units, validation, dropdowns, input cells apart.

use crate::foundations::error::{reason, FeeError};
use crate::rules::classes::ClassType;

use super::{cell_name, table_header_row, Field, Kind, SHEETS, SURVEY_TEMPLATE_VERSION};

/// Rows of each table in the template.
pub(super) const TABLE_ROWS: u32 = 20;

/// The cost-survey workbook: a sheet per section with Chinese and English labels, units in
/// the headers, data validation on every numeric cell (non-negative; class sizes up to the
/// largest class standard of `params` on `date`), a dropdown for every list, input cells
/// shaded apart from fixed ones, and the template version in 基本情况!B2.
///
/// # Errors
///
/// [`FeeError::Invalid`] naming `template` if the workbook cannot be written, or a
/// parameter error when the set has no class standard on `date`.
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let bytes = fee_core::survey_template(set, "2024-06-01".parse()?)?;
/// assert_eq!(&bytes[..2], b"PK");
/// // An unfilled template is recognised and each missing cell named.
/// let errors = fee_core::read_survey_xlsx(&bytes).unwrap_err();
/// assert!(errors.iter().any(|e| e.sheet == "基本情况" && e.cell == "B3"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn survey_template(
    params: &crate::foundations::parameters::ParameterSet,
    date: crate::foundations::date::Date,
) -> Result<Vec<u8>, FeeError> {
    use rust_xlsxwriter::{Color, DataValidation, DataValidationRule, Format, FormatBorder, Formula, Workbook};
    let fail =
        |e: rust_xlsxwriter::XlsxError| FeeError::invalid("template", "", reason::fill(reason::UNREADABLE, &[&e]));
    let mut max_size = 0u32;
    for t in ClassType::ALL {
        let size = t.standard(params, date)?.max_size.value;
        max_size = max_size.max(u32::try_from(size.trunc().normalize().mantissa()).unwrap_or(0));
    }
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new().set_bold().set_background_color(Color::RGB(0xD9D9D9)).set_border(FormatBorder::Thin);
    let fixed = Format::new().set_background_color(Color::RGB(0xEFEFEF)).set_border(FormatBorder::Thin);
    let input = Format::new().set_background_color(Color::RGB(0xFFF2CC)).set_border(FormatBorder::Thin).set_unlocked();
    let mut book = Workbook::new();
    for sheet in &SHEETS {
        let ws = book.add_worksheet().set_name(sheet.zh).map_err(fail)?;
        ws.set_column_width(0, 34).map_err(fail)?;
        for c in 1..6u16 {
            ws.set_column_width(c, 24).map_err(fail)?;
        }
        ws.write_string_with_format(0, 0, format!("{} {}", sheet.zh, sheet.en), &title).map_err(fail)?;
        let validate = |ws: &mut rust_xlsxwriter::Worksheet, r1: u32, c1: u16, r2: u32, f: &Field| {
            let first = cell_name(r1, c1);
            let rule = match f.kind {
                Kind::Amount => Some(
                    DataValidation::new()
                        .allow_custom(Formula::new(format!("=AND(ISNUMBER({first}),{first}>=0)")))
                        .set_error_message("应为非负数 / must be a number, not negative"),
                ),
                Kind::Share => Some(
                    DataValidation::new()
                        .allow_custom(Formula::new(format!("=AND(ISNUMBER({first}),{first}>=0,{first}<=1)")))
                        .set_error_message("应为 0 至 1 之间的比例 / a share from 0 to 1"),
                ),
                Kind::Count => {
                    let limit = if f.zh == "每班托位" { max_size } else { 100_000 };
                    Some(
                        DataValidation::new()
                            .allow_whole_number(DataValidationRule::Between(
                                0,
                                i32::try_from(limit).unwrap_or(i32::MAX),
                            ))
                            .set_error_message(format!("应为 0 至 {limit} 的整数 / a whole number from 0 to {limit}")),
                    )
                }
                Kind::Choice(options) => {
                    let list: Vec<&str> = options.iter().map(|(label, _)| *label).collect();
                    Some(DataValidation::new().allow_list_strings(&list))
                }
                Kind::Text => None,
            };
            match rule {
                Some(rule) => ws.add_data_validation(r1, c1, r2, c1, &rule.map_err(fail)?).map(|_| ()).map_err(fail),
                None => Ok(()),
            }
        };
        for (i, f) in sheet.fields.iter().enumerate() {
            let r = u32::try_from(i).unwrap_or(0) + 1;
            ws.write_string_with_format(r, 0, format!("{} {}", f.zh, f.en), &fixed).map_err(fail)?;
            ws.write_string_with_format(r, 2, f.unit, &fixed).map_err(fail)?;
            if i == 0 && sheet.zh == SHEETS[0].zh {
                ws.write_string_with_format(r, 1, SURVEY_TEMPLATE_VERSION, &fixed).map_err(fail)?;
            } else {
                ws.write_blank(r, 1, &input).map_err(fail)?;
                validate(ws, r, 1, r, f)?;
            }
        }
        if !sheet.table.is_empty() {
            let h = table_header_row(sheet);
            for (c, f) in sheet.table.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(0);
                let unit = if f.unit.is_empty() { String::new() } else { format!("（{}）", f.unit) };
                ws.write_string_with_format(h, c, format!("{} {}{unit}", f.zh, f.en), &head).map_err(fail)?;
                for r in h + 1..=h + TABLE_ROWS {
                    ws.write_blank(r, c, &input).map_err(fail)?;
                }
                validate(ws, h + 1, c, h + TABLE_ROWS, f)?;
            }
        }
        ws.protect();
    }
    book.save_to_buffer().map_err(fail)
}

/// The cost survey as CSV, for systems that write text rather than workbooks: one row per input
/// cell of the workbook template, `sheet,cell,value,note`, the note naming the field and its
/// unit. Each table lists its first row; further rows take the next row numbers (a 班级与人员
/// table row 4 is followed by row 5, and so on). [`read_survey_csv`](super::read_survey_csv)
/// reads it back with the same checks as the workbook.
///
/// ```
/// let csv = fee_core::survey_template_csv();
/// assert!(csv.starts_with("\u{feff}工作表 sheet,单元格 cell,值 value,说明 note\n"));
/// assert!(csv.contains(&format!("基本情况,B2,{}", fee_core::SURVEY_TEMPLATE_VERSION)));
/// // Unfilled, it is recognised and each missing cell named, as the workbook is.
/// let errors = fee_core::read_survey_csv(csv.as_bytes()).unwrap_err();
/// assert!(errors.iter().any(|e| e.sheet == "基本情况" && e.cell == "B3"));
/// ```
pub fn survey_template_csv() -> String {
    let mut out = String::from("\u{feff}工作表 sheet,单元格 cell,值 value,说明 note\n");
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for sheet in &SHEETS {
        for (i, f) in sheet.fields.iter().enumerate() {
            let r = u32::try_from(i).unwrap_or(0) + 1;
            let value = if i == 0 && sheet.zh == SHEETS[0].zh { SURVEY_TEMPLATE_VERSION } else { "" };
            let unit = if f.unit.is_empty() { String::new() } else { format!("（{}）", f.unit) };
            let note = format!("{} {}{unit}{}", f.zh, f.en, choices(f));
            out.push_str(&format!("{},{},{value},{}\n", sheet.zh, cell_name(r, 1), quote(&note)));
        }
        if !sheet.table.is_empty() {
            let r = table_header_row(sheet) + 1;
            for (c, f) in sheet.table.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(0);
                let unit = if f.unit.is_empty() { String::new() } else { format!("（{}）", f.unit) };
                let note = format!("{} {}{unit}{}；表格第 1 行 table row 1", f.zh, f.en, choices(f));
                out.push_str(&format!("{},{},,{}\n", sheet.zh, cell_name(r, c), quote(&note)));
            }
        }
    }
    out
}

/// The options of a list field, as a note: `：乳儿班 infant / 托小班 toddler / …`.
fn choices(f: &Field) -> String {
    match f.kind {
        Kind::Choice(options) => {
            format!("：{}", options.iter().map(|(label, _)| *label).collect::<Vec<_>>().join(" / "))
        }
        _ => String::new(),
    }
}
