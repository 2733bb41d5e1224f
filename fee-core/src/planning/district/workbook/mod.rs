//! The cost-survey workbook (成本调查表) an operator fills in Excel or WPS, and reading a filled
//! one back into a [`SampleInstitution`]: every problem located by sheet and cell, all of them
//! at once, never a cell dropped silently.

use crate::foundations::finding::Message;

use super::{AuditYear, SampleInstitution};

mod read;
mod template;
pub use read::{read_survey_csv, read_survey_xlsx};
pub use template::{survey_template, survey_template_csv};

/// The version written in every template; a workbook without it is not one of ours.
pub const SURVEY_TEMPLATE_VERSION: &str = "fee-survey/1";

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
