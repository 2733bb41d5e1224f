//! The cost-survey workbook (成本调查表) an operator fills in Excel or WPS, and reading a filled
//! one back into a [`SampleInstitution`]: every problem located by sheet and cell, all of them
//! at once, never a cell dropped silently.

use rust_decimal::Decimal;

use crate::foundations::error::{reason, FeeError};
use crate::foundations::finding::Message;
use crate::foundations::input::parse_amount;
use crate::rules::classes::{ClassGroup, ClassType};
use crate::rules::cost::{
    Adjustment, Asset, CostBasis, CostMethod, CostModel, Enrolment, OtherCost, StaffLine, StaffRole, Tariff,
    UtilityKind, UtilityLine,
};

use super::{AuditYear, SampleInstitution};

/// The version written in every template; a workbook without it is not one of ours.
pub const SURVEY_TEMPLATE_VERSION: &str = "fee-survey/1";

/// The largest workbook read, in bytes: a survey of one institution is a few dozen kilobytes.
const MAX_BYTES: usize = 5 * 1024 * 1024;

/// Rows of each table in the template.
const TABLE_ROWS: u32 = 20;

/// What a cell holds.
#[derive(Clone, Copy)]
enum Kind {
    /// A non-negative amount.
    Amount,
    /// A share between 0 and 1.
    Share,
    /// A whole number of at least 0.
    Count,
    /// Free text.
    Text,
    /// One of a list: (shown label, key).
    Choice(&'static [(&'static str, &'static str)]),
}

/// A labelled cell or column: Chinese, English, unit, kind, whether it must be filled.
struct Field {
    zh: &'static str,
    en: &'static str,
    unit: &'static str,
    kind: Kind,
    required: bool,
}

const fn field(zh: &'static str, en: &'static str, unit: &'static str, kind: Kind, required: bool) -> Field {
    Field { zh, en, unit, kind, required }
}

/// One sheet: single fields at the top (label in A, value in B, unit in C), then a table.
struct Sheet {
    zh: &'static str,
    en: &'static str,
    fields: &'static [Field],
    table: &'static [Field],
}

const METHODS: &[(&str, &str)] = &[("成本监审 audit", "audit"), ("成本调查 survey", "survey")];
const CLASS_TYPES: &[(&str, &str)] = &[
    ("乳儿班 infant", "infant"),
    ("托小班 toddler", "toddler"),
    ("托大班 older toddler", "older_toddler"),
    ("混合班 mixed", "mixed"),
];
const ROLES: &[(&str, &str)] = &[
    ("教师 teacher", "teacher"),
    ("保健人员 health", "health"),
    ("炊事人员 cook", "cook"),
    ("管理人员 admin", "admin"),
    ("其他 other", "other"),
];
const UTILITIES: &[(&str, &str)] =
    &[("水 water", "water"), ("电 electricity", "electricity"), ("燃气 gas", "gas"), ("供暖 heating", "heating")];
const TARIFFS: &[(&str, &str)] = &[("居民价 residential", "residential"), ("商业价 commercial", "commercial")];
const BASES: &[(&str, &str)] =
    &[("按幼儿 per child", "per_child"), ("按班级 per class", "per_class"), ("按园所 per site", "per_site")];
const YES_NO: &[(&str, &str)] = &[("否 no", "no"), ("是 yes", "yes")];
const LINES: &[(&str, &str)] = &[
    ("保育人员工资 carer wages", "personnel.carers"),
    ("社会保险 social insurance", "personnel.social_insurance"),
    ("住房公积金 housing fund", "personnel.housing_fund"),
    ("房屋租金 rent", "premises.rent"),
    ("固定资产折旧 depreciation", "premises.depreciation"),
];

/// The sheets of the template, in order. The first field of the first sheet is the version.
const SHEETS: [Sheet; 8] = [
    Sheet {
        zh: "基本情况",
        en: "Basics",
        fields: &[
            field("模板版本", "Template version", "", Kind::Text, true),
            field("机构编号", "Institution id", "", Kind::Text, true),
            field("机构名称", "Institution name", "", Kind::Text, true),
            field("会计年度", "Accounting year", "年 year", Kind::Count, true),
            field("成本方法", "Cost method", "", Kind::Choice(METHODS), true),
            field("每年收费月数", "Months charged a year", "月 months", Kind::Count, true),
            field("年初在托人数", "Children enrolled at the start of the year", "人 children", Kind::Amount, true),
            field("年末在托人数", "Children enrolled at the end of the year", "人 children", Kind::Amount, true),
        ],
        table: &[],
    },
    Sheet {
        zh: "班级与人员",
        en: "Classes",
        fields: &[],
        table: &[
            field("班级类型", "Class type", "", Kind::Choice(CLASS_TYPES), true),
            field("班级数", "Classes", "个 classes", Kind::Count, true),
            field("每班托位", "Places per class", "个 places", Kind::Count, true),
            field("每班保育人员（混合班必填）", "Carers per class (mixed: required)", "人 carers", Kind::Count, false),
        ],
    },
    Sheet {
        zh: "人员支出",
        en: "Staff",
        fields: &[
            field("保育人员月工资", "Carer monthly wage", "元/人·月 yuan per person-month", Kind::Amount, true),
            field("社会保险单位缴费比例", "Employer social insurance rate", "比例 share (0–1)", Kind::Share, false),
            field("住房公积金单位缴存比例", "Employer housing fund rate", "比例 share (0–1)", Kind::Share, false),
        ],
        table: &[
            field("岗位", "Role", "", Kind::Choice(ROLES), true),
            field("人数", "Staff", "人 persons", Kind::Amount, true),
            field("月工资", "Monthly wage", "元/人·月 yuan per person-month", Kind::Amount, true),
        ],
    },
    Sheet {
        zh: "房屋与资产",
        en: "Premises and assets",
        fields: &[field("房屋月租金", "Monthly rent", "元/月 yuan a month", Kind::Amount, false)],
        table: &[
            field("资产名称", "Asset", "", Kind::Text, true),
            field("原值", "Cost", "元 yuan", Kind::Amount, true),
            field("折旧年限", "Years of depreciation", "年 years", Kind::Count, true),
            field("政府投资形成", "Funded by government", "", Kind::Choice(YES_NO), false),
        ],
    },
    Sheet {
        zh: "水电气暖",
        en: "Utilities",
        fields: &[],
        table: &[
            field("类别", "Kind", "", Kind::Choice(UTILITIES), true),
            field("月用量", "Monthly quantity", "吨/千瓦时/立方米 units", Kind::Amount, true),
            field("居民价", "Residential price", "元/单位 yuan per unit", Kind::Amount, true),
            field("商业价", "Commercial price", "元/单位 yuan per unit", Kind::Amount, false),
            field("计价方式", "Tariff", "", Kind::Choice(TARIFFS), false),
        ],
    },
    Sheet {
        zh: "其他费用",
        en: "Other costs",
        fields: &[],
        table: &[
            field("费用名称", "Cost", "", Kind::Text, true),
            field("分摊基础", "Basis", "", Kind::Choice(BASES), true),
            field("月金额", "Monthly amount", "元/月 yuan a month", Kind::Amount, true),
        ],
    },
    Sheet {
        zh: "收入与补助",
        en: "Income and subsidies",
        fields: &[field("伙食成本", "Food cost", "元/生·月 yuan per child-month", Kind::Amount, false)],
        table: &[],
    },
    Sheet {
        zh: "核定调整",
        en: "Auditor's adjustments",
        fields: &[],
        table: &[
            field("成本项目", "Cost line", "", Kind::Choice(LINES), true),
            field("核定年金额", "Approved a year", "元/年 yuan a year", Kind::Amount, true),
            field("理由", "Reason", "", Kind::Text, true),
        ],
    },
];

/// The row (0-based) of a sheet's table header: after its title, fields and a blank row.
fn table_header_row(sheet: &Sheet) -> u32 {
    let fields = u32::try_from(sheet.fields.len()).unwrap_or(0);
    if fields == 0 {
        1
    } else {
        fields + 2
    }
}

/// A cell's name as a spreadsheet shows it: column letter and 1-based row ("C7").
fn cell_name(row: u32, col: u16) -> String {
    let letter = char::from(b'A' + u8::try_from(col % 26).unwrap_or(0));
    format!("{letter}{}", row + 1)
}

/// A problem in a workbook, located by sheet and cell.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CellError {
    /// The sheet's Chinese name (the name shown on its tab), empty for the workbook as a whole.
    pub sheet: String,
    /// The cell, such as `C7`, empty for a sheet or the workbook as a whole.
    pub cell: String,
    /// What was found there, cut to a short excerpt.
    pub value: String,
    /// What is wrong and what is expected, in both languages.
    pub message: Message,
}

impl CellError {
    fn new(sheet: &str, cell: String, value: &str, message: Message) -> Self {
        let mut value: String = value.chars().filter(|c| !c.is_control()).take(40).collect();
        if value.chars().count() == 40 {
            value.push('…');
        }
        CellError { sheet: sheet.to_string(), cell, value, message }
    }

    /// The error on one line, located: `园所B.xlsx › 人员支出 › C7：应为非负数，实为"约3000"`.
    ///
    /// ```
    /// let e = fee_core::read_survey_xlsx(b"not a zip").unwrap_err();
    /// assert!(e[0].located("园所B.xlsx", fee_core::Language::Zh).starts_with("园所B.xlsx"));
    /// ```
    pub fn located(&self, file: &str, lang: crate::foundations::trace::Language) -> String {
        let mut place = file.to_string();
        for part in [&self.sheet, &self.cell] {
            if !part.is_empty() {
                place.push_str(" › ");
                place.push_str(part);
            }
        }
        let text = self.message.text(lang);
        match (lang, self.value.is_empty()) {
            (crate::foundations::trace::Language::Zh, true) => format!("{place}：{text}"),
            (crate::foundations::trace::Language::Zh, false) => format!("{place}：{text}，实为“{}”", self.value),
            (crate::foundations::trace::Language::En, true) => format!("{place}: {text}"),
            (crate::foundations::trace::Language::En, false) => format!("{place}: {text}, found {:?}", self.value),
        }
    }
}

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

/// Cells of one sheet as text, by 0-based row and column.
struct Cells {
    rows: Vec<Vec<String>>,
}

impl Cells {
    fn get(&self, row: u32, col: u16) -> &str {
        let (r, c) = (usize::try_from(row).unwrap_or(usize::MAX), usize::from(col));
        self.rows.get(r).and_then(|cells| cells.get(c)).map(|s| s.trim()).unwrap_or("")
    }
}

/// A cell read by its kind: text, or the key of the chosen option.
enum Value {
    Empty,
    Text(String),
    Number(Decimal),
}

fn read_cell(sheet: &Sheet, cells: &Cells, row: u32, col: u16, f: &Field, errors: &mut Vec<CellError>) -> Value {
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
fn read_fields(sheet: &Sheet, cells: &Cells, errors: &mut Vec<CellError>) -> Vec<Value> {
    let mut out = Vec::with_capacity(sheet.fields.len());
    for (i, f) in sheet.fields.iter().enumerate() {
        let r = u32::try_from(i).unwrap_or(0) + 1;
        out.push(read_cell(sheet, cells, r, 1, f, errors));
    }
    out
}

/// Reads the filled rows of a sheet's table: a row with every cell empty ends nothing and is
/// skipped; a row with some cells filled is read whole, and each missing required cell named.
fn read_table(sheet: &Sheet, cells: &Cells, errors: &mut Vec<CellError>) -> Vec<Vec<Value>> {
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

fn number(v: &Value) -> Decimal {
    match v {
        Value::Number(n) => *n,
        _ => Decimal::ZERO,
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::Text(t) => t.clone(),
        Value::Number(n) => n.to_string(),
        Value::Empty => String::new(),
    }
}

fn count(v: &Value) -> u32 {
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
