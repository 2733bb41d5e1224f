//! Reading a filled survey back into an institution, every problem located by sheet and cell.

use rust_decimal::Decimal;

use crate::foundations::finding::Message;
use crate::foundations::input::parse_amount;
use crate::rules::classes::{ClassGroup, ClassType};
use crate::rules::cost::{
    Adjustment, Asset, CostBasis, CostMethod, CostModel, Enrolment, OtherCost, StaffLine, StaffRole, Tariff,
    UtilityKind, UtilityLine,
};

use super::{cell_name, table_header_row, CellError, Field, Kind, Sheet, SHEETS, SURVEY_TEMPLATE_VERSION};
use super::{AuditYear, SampleInstitution};

/// The largest workbook read, in bytes: a survey of one institution is a few dozen kilobytes.
pub(super) const MAX_BYTES: usize = 5 * 1024 * 1024;

/// Cells of one sheet as text, by 0-based row and column.
pub(super) struct Cells {
    rows: Vec<Vec<String>>,
}

impl Cells {
    fn get(&self, row: u32, col: u16) -> &str {
        let (r, c) = (usize::try_from(row).unwrap_or(usize::MAX), usize::from(col));
        self.rows.get(r).and_then(|cells| cells.get(c)).map(|s| s.trim()).unwrap_or("")
    }
}

/// A cell read by its kind: text, or the key of the chosen option.
pub(super) enum Value {
    Empty,
    Text(String),
    Number(Decimal),
}

pub(super) fn read_cell(
    sheet: &Sheet,
    cells: &Cells,
    row: u32,
    col: u16,
    f: &Field,
    errors: &mut Vec<CellError>,
) -> Value {
    let text = cells.get(row, col);
    if text.is_empty() {
        if f.required {
            errors.push(CellError::new(
                sheet.zh,
                cell_name(row, col),
                "",
                Message::new("须填写{0}", "{0} must be filled in").with(format!("{} {}", f.zh, f.en)),
            ));
        }
        return Value::Empty;
    }
    let bad =
        |zh: &'static str, en: &'static str| CellError::new(sheet.zh, cell_name(row, col), text, Message::new(zh, en));
    match f.kind {
        Kind::Text => Value::Text(text.to_string()),
        Kind::Choice(options) => {
            let key = options.iter().find(|(label, key)| {
                text == *label
                    || text == *key
                    || label.split(' ').next() == Some(text)
                    || label.ends_with(&format!(" {text}"))
            });
            match key {
                Some((_, key)) => Value::Text((*key).to_string()),
                None => {
                    let list: Vec<&str> = options.iter().map(|(l, _)| *l).collect();
                    errors.push(CellError::new(
                        sheet.zh,
                        cell_name(row, col),
                        text,
                        Message::new("应为下拉列表中的一项：{0}", "must be one of the list: {0}")
                            .with(list.join(" / ")),
                    ));
                    Value::Empty
                }
            }
        }
        Kind::Amount | Kind::Share | Kind::Count => match parse_amount(text, f.en) {
            Ok(v) if v.is_sign_negative() => {
                errors.push(bad("应为非负数", "must not be negative"));
                Value::Empty
            }
            Ok(v) if matches!(f.kind, Kind::Share) && v > Decimal::ONE => {
                errors.push(bad("应为 0 至 1 之间的比例", "must be a share from 0 to 1"));
                Value::Empty
            }
            Ok(v) if matches!(f.kind, Kind::Count) && !v.fract().is_zero() => {
                errors.push(bad("应为整数", "must be a whole number"));
                Value::Empty
            }
            Ok(v) => Value::Number(v),
            Err(_) => {
                errors.push(bad("应为非负数", "must be a number, not negative"));
                Value::Empty
            }
        },
    }
}

/// Reads the single fields of a sheet, in order.
pub(super) fn read_fields(sheet: &Sheet, cells: &Cells, errors: &mut Vec<CellError>) -> Vec<Value> {
    let mut out = Vec::with_capacity(sheet.fields.len());
    for (i, f) in sheet.fields.iter().enumerate() {
        let r = u32::try_from(i).unwrap_or(0) + 1;
        out.push(read_cell(sheet, cells, r, 1, f, errors));
    }
    out
}

/// Reads the filled rows of a sheet's table: a row with every cell empty ends nothing and is
/// skipped; a row with some cells filled is read whole, and each missing required cell named.
pub(super) fn read_table(sheet: &Sheet, cells: &Cells, errors: &mut Vec<CellError>) -> Vec<Vec<Value>> {
    let h = table_header_row(sheet);
    let last = u32::try_from(cells.rows.len()).unwrap_or(u32::MAX);
    let mut out = Vec::new();
    for r in h + 1..last {
        let filled = (0..sheet.table.len()).any(|c| !cells.get(r, u16::try_from(c).unwrap_or(0)).is_empty());
        if !filled {
            continue;
        }
        let row = sheet
            .table
            .iter()
            .enumerate()
            .map(|(c, f)| read_cell(sheet, cells, r, u16::try_from(c).unwrap_or(0), f, errors))
            .collect();
        out.push(row);
    }
    out
}

pub(super) fn number(v: &Value) -> Decimal {
    match v {
        Value::Number(n) => *n,
        _ => Decimal::ZERO,
    }
}

pub(super) fn text(v: &Value) -> String {
    match v {
        Value::Text(t) => t.clone(),
        Value::Number(n) => n.to_string(),
        Value::Empty => String::new(),
    }
}

pub(super) fn count(v: &Value) -> u32 {
    u32::try_from(number(v).trunc().mantissa()).unwrap_or(0)
}

/// Reads a filled cost-survey workbook into one institution with one audit year.
///
/// # Errors
///
/// Every problem found, each located by sheet and cell: not an xlsx file, a workbook that is
/// not this template (its version cell names what was found), a missing sheet, an empty
/// required cell, a value that is not a number, negative, not one of a list's options, or a
/// class type its model cannot cost (a mixed class without carers given).
///
/// ```
/// let errors = fee_core::read_survey_xlsx(b"not a zip").unwrap_err();
/// assert_eq!(errors.len(), 1);
/// ```
pub fn read_survey_xlsx(bytes: &[u8]) -> Result<SampleInstitution, Vec<CellError>> {
    use calamine::Reader;
    let whole = |zh: &'static str, en: &'static str| vec![CellError::new("", String::new(), "", Message::new(zh, en))];
    if bytes.len() > MAX_BYTES {
        return Err(whole(
            "文件超过 5 MB，不像一家机构的成本调查表",
            "the file is over 5 MB, too large for one institution's cost survey",
        ));
    }
    if let Err(e) = crate::foundations::input::workbook_bounds(bytes) {
        return Err(vec![CellError::new("", String::new(), "", Message::from(&e))]);
    }
    let Ok(mut book) = calamine::Xlsx::new(std::io::Cursor::new(bytes)) else {
        return Err(whole(
            "不是 xlsx 工作簿：请用 Excel 或 WPS 另存为 .xlsx",
            "not an xlsx workbook: save it as .xlsx from Excel or WPS",
        ));
    };
    let mut sheets = Vec::with_capacity(SHEETS.len());
    let mut errors = Vec::new();
    for sheet in &SHEETS {
        match book.worksheet_range(sheet.zh) {
            Ok(range) => {
                let (height, width) = range.get_size();
                if height > 1000 || width > 50 {
                    errors.push(CellError::new(
                        sheet.zh,
                        String::new(),
                        "",
                        Message::new(
                            "工作表过大（超过 1000 行或 50 列）",
                            "the sheet is too large (over 1,000 rows or 50 columns)",
                        ),
                    ));
                    sheets.push(Cells { rows: Vec::new() });
                    continue;
                }
                let start = range.start().unwrap_or((0, 0));
                let mut rows = vec![Vec::new(); usize::try_from(start.0).unwrap_or(0)];
                for r in range.rows() {
                    let mut cells = vec![String::new(); usize::try_from(start.1).unwrap_or(0)];
                    cells.extend(r.iter().map(|c| c.to_string()));
                    rows.push(cells);
                }
                sheets.push(Cells { rows });
            }
            Err(_) => {
                errors.push(CellError::new(
                    sheet.zh,
                    String::new(),
                    "",
                    Message::new(
                        "缺少工作表“{0}”：请使用本工具生成的调查表模板",
                        "the sheet {0} is missing: use the survey template this tool writes",
                    )
                    .with(sheet.zh),
                ));
                sheets.push(Cells { rows: Vec::new() });
            }
        }
    }
    from_cells(&sheets, errors)
}

/// The institution in the cells of the template's sheets, in the order of `SHEETS`;
/// `errors` holds what was found reading them.
fn from_cells(sheets: &[Cells], mut errors: Vec<CellError>) -> Result<SampleInstitution, Vec<CellError>> {
    let whole = |zh: &'static str, en: &'static str| vec![CellError::new("", String::new(), "", Message::new(zh, en))];
    if errors.len() == SHEETS.len() {
        return Err(whole(
            "这不是本工具的成本调查表（没有一个工作表名称相符）：请用“下载调查表模板”生成的文件",
            "this is not this tool's cost survey (no sheet has the template's names): use the template the tool writes",
        ));
    }
    let version = sheets[0].get(1, 1);
    if version != SURVEY_TEMPLATE_VERSION {
        errors.push(CellError::new(
            SHEETS[0].zh,
            cell_name(1, 1),
            version,
            Message::new(
                "模板版本应为 {0}：这是旧版或其他来源的工作簿，请把数据抄入新模板",
                "the template version must be {0}: this workbook is older or from elsewhere; copy its figures into a new template",
            )
            .with(SURVEY_TEMPLATE_VERSION),
        ));
        return Err(errors);
    }
    let basics = read_fields(&SHEETS[0], &sheets[0], &mut errors);
    let classes = read_table(&SHEETS[1], &sheets[1], &mut errors);
    let staff_fields = read_fields(&SHEETS[2], &sheets[2], &mut errors);
    let staff = read_table(&SHEETS[2], &sheets[2], &mut errors);
    let premises = read_fields(&SHEETS[3], &sheets[3], &mut errors);
    let assets = read_table(&SHEETS[3], &sheets[3], &mut errors);
    let utilities = read_table(&SHEETS[4], &sheets[4], &mut errors);
    let others = read_table(&SHEETS[5], &sheets[5], &mut errors);
    let income = read_fields(&SHEETS[6], &sheets[6], &mut errors);
    let adjustments = read_table(&SHEETS[7], &sheets[7], &mut errors);
    if classes.is_empty() {
        errors.push(CellError::new(
            SHEETS[1].zh,
            cell_name(table_header_row(&SHEETS[1]) + 1, 0),
            "",
            Message::new("至少需要一个班级组", "at least one class group is needed"),
        ));
    }
    let months = number(&basics[5]);
    if !(Decimal::ONE..=Decimal::from(12)).contains(&months) && matches!(basics[5], Value::Number(_)) {
        errors.push(CellError::new(
            SHEETS[0].zh,
            cell_name(6, 1),
            &months.to_string(),
            Message::new("每年收费月数应为 1 至 12", "months charged a year must be from 1 to 12"),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let choice = |v: &Value| text(v);
    let cost = CostModel {
        method: if choice(&basics[4]) == "survey" { CostMethod::Survey } else { CostMethod::Audit },
        classes: classes
            .iter()
            .map(|r| ClassGroup {
                class_type: choice(&r[0]).parse().unwrap_or(ClassType::OlderToddler),
                classes: count(&r[1]),
                children_per_class: count(&r[2]),
                carers_per_class: matches!(r[3], Value::Number(_)).then(|| count(&r[3])),
            })
            .collect(),
        carer_monthly_wage: number(&staff_fields[0]),
        staff: staff
            .iter()
            .map(|r| StaffLine {
                role: match choice(&r[0]).as_str() {
                    "teacher" => StaffRole::Teacher,
                    "health" => StaffRole::Health,
                    "cook" => StaffRole::Cook,
                    "admin" => StaffRole::Admin,
                    _ => StaffRole::Other,
                },
                count: number(&r[1]),
                monthly_wage: number(&r[2]),
            })
            .collect(),
        social_insurance_rate: number(&staff_fields[1]),
        housing_fund_rate: number(&staff_fields[2]),
        rent_monthly: number(&premises[0]),
        assets: assets
            .iter()
            .map(|r| Asset {
                name: text(&r[0]),
                cost: number(&r[1]),
                years: count(&r[2]),
                government_funded: choice(&r[3]) == "yes",
            })
            .collect(),
        utilities: utilities
            .iter()
            .map(|r| UtilityLine {
                kind: match choice(&r[0]).as_str() {
                    "water" => UtilityKind::Water,
                    "gas" => UtilityKind::Gas,
                    "heating" => UtilityKind::Heating,
                    _ => UtilityKind::Electricity,
                },
                monthly_quantity: number(&r[1]),
                residential_price: number(&r[2]),
                commercial_price: matches!(r[3], Value::Number(_)).then(|| number(&r[3])),
                tariff: if choice(&r[4]) == "commercial" { Tariff::Commercial } else { Tariff::Residential },
            })
            .collect(),
        other_costs: others
            .iter()
            .map(|r| OtherCost {
                name: text(&r[0]),
                basis: match choice(&r[1]).as_str() {
                    "per_class" => CostBasis::PerClass,
                    "per_site" => CostBasis::PerSite,
                    _ => CostBasis::PerChild,
                },
                monthly_amount: number(&r[2]),
            })
            .collect(),
        food_per_child_month: number(&income[0]),
        enrolment: Enrolment::AuditAverage { start_of_year: number(&basics[6]), end_of_year: number(&basics[7]) },
        months_charged: months,
        adjustments: adjustments
            .iter()
            .map(|r| Adjustment { line: choice(&r[0]), approved_annual: number(&r[1]), reason: text(&r[2]) })
            .collect(),
    };
    let year = i32::try_from(count(&basics[3])).unwrap_or(0);
    Ok(SampleInstitution {
        id: text(&basics[1]),
        name: text(&basics[2]),
        source: String::new(),
        years: vec![AuditYear { year, cost }],
    })
}

/// The largest CSV survey read, in rows: the template has a few hundred input cells.
const MAX_CSV_ROWS: usize = 5000;

/// Reads a cost survey written as CSV, one row per filled cell, `sheet,cell,value` (an optional
/// fourth column is a note and is ignored; a header row naming the columns is skipped), into one
/// institution: the same cells as the workbook, so the same checks and the same locations.
///
/// # Errors
///
/// As [`read_survey_xlsx`], and a row whose sheet is not one of the template's, whose cell is
/// not a cell name such as `B2`, or that names a cell twice; a file that is not UTF-8 text.
///
/// ```
/// let csv = "工作表,单元格,值\n基本情况,B2,1\n";
/// let errors = fee_core::read_survey_csv(csv.as_bytes()).unwrap_err();
/// // The version cell B2 of 基本情况 holds 1, not the template's version.
/// assert_eq!((errors[0].sheet.as_str(), errors[0].cell.as_str()), ("基本情况", "B2"));
/// ```
pub fn read_survey_csv(bytes: &[u8]) -> Result<SampleInstitution, Vec<CellError>> {
    let whole = |zh: &'static str, en: &'static str| vec![CellError::new("", String::new(), "", Message::new(zh, en))];
    if bytes.len() > MAX_BYTES {
        return Err(whole(
            "文件超过 5 MB，不像一家机构的成本调查表",
            "the file is over 5 MB, too large for one institution's cost survey",
        ));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(whole(
            "文件不是 UTF-8 文本：请在 Excel 或 WPS 中另存为“CSV UTF-8”",
            "the file is not UTF-8 text: save it as \"CSV UTF-8\" from Excel or WPS",
        ));
    };
    let text = crate::foundations::input::without_bom(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut sheets: Vec<Cells> = SHEETS.iter().map(|_| Cells { rows: Vec::new() }).collect();
    let mut errors = Vec::new();
    let mut filled = vec![Vec::<(u32, u16)>::new(); SHEETS.len()];
    for (k, record) in reader.records().enumerate() {
        let line = (k + 1).to_string();
        if k >= MAX_CSV_ROWS {
            return Err(whole(
                "超过 5000 行，不像一家机构的成本调查表",
                "over 5,000 rows, too many for one institution's cost survey",
            ));
        }
        let record = match record {
            Ok(r) => r,
            Err(_) => {
                errors.push(CellError::new(
                    "",
                    String::new(),
                    "",
                    Message::new(
                        "第 {0} 行无法按 CSV 读取（引号未闭合？）",
                        "line {0} does not read as CSV (an unclosed quote?)",
                    )
                    .with(line.clone()),
                ));
                break;
            }
        };
        let field = |i: usize| record.get(i).map(str::trim).unwrap_or("");
        let (sheet_name, cell, value) = (field(0), field(1), field(2));
        if k == 0 && SHEETS.iter().all(|s| s.zh != sheet_name) && parse_cell(cell).is_none() {
            continue; // The header row.
        }
        if sheet_name.is_empty() && cell.is_empty() && value.is_empty() {
            continue;
        }
        let Some(at) = SHEETS.iter().position(|s| s.zh == sheet_name || s.en.eq_ignore_ascii_case(sheet_name)) else {
            let names = SHEETS.iter().map(|s| s.zh).collect::<Vec<_>>().join("、");
            errors.push(CellError::new(
                "",
                String::new(),
                sheet_name,
                Message::new("第 {0} 行：工作表应为 {1} 之一", "line {0}: the sheet must be one of {1}")
                    .with(line.clone())
                    .with(names),
            ));
            continue;
        };
        let Some((row, col)) = parse_cell(cell) else {
            errors.push(CellError::new(
                SHEETS[at].zh,
                String::new(),
                cell,
                Message::new("第 {0} 行：单元格应写作如 B2", "line {0}: the cell must be written like B2")
                    .with(line.clone()),
            ));
            continue;
        };
        if filled[at].contains(&(row, col)) {
            errors.push(CellError::new(
                SHEETS[at].zh,
                cell_name(row, col),
                value,
                Message::new("第 {0} 行：此单元格已填写过一次", "line {0}: this cell was already given")
                    .with(line.clone()),
            ));
            continue;
        }
        filled[at].push((row, col));
        let rows = &mut sheets[at].rows;
        let (r, c) = (usize::try_from(row).unwrap_or(0), usize::from(col));
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        if rows[r].len() <= c {
            rows[r].resize(c + 1, String::new());
        }
        rows[r][c] = value.to_string();
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // A sheet may be left out (no adjustments, say); a file of no cell at all is not a survey.
    if filled.iter().all(Vec::is_empty) {
        return Err(whole(
            "没有任何单元格：每行应为“工作表,单元格,值”，如“人员支出,B2,5800”",
            "no cell is given: each row must be sheet,cell,value, such as 人员支出,B2,5800",
        ));
    }
    from_cells(&sheets, errors)
}

/// A cell name such as `B2` as a 0-based row and column; columns up to `AX` (the sheets are
/// at most 50 columns wide) and rows up to 1,000.
fn parse_cell(name: &str) -> Option<(u32, u16)> {
    let name = name.trim().to_ascii_uppercase();
    let split = name.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = name.split_at(split);
    if letters.is_empty() || letters.len() > 2 || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let col = letters.bytes().fold(0u16, |a, b| a * 26 + u16::from(b - b'A' + 1)) - 1;
    let row: u32 = digits.parse().ok()?;
    (1..=1000).contains(&row).then_some(())?;
    (col < 50).then_some((row - 1, col))
}
