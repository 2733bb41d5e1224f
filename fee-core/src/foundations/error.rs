//! The one error type of the crate.

use std::fmt;

/// Why an input, a parameter set or a computation was refused.
///
/// Every variant names the field (a dotted path into the input, such as
/// `cost.classes[0].children_per_class`), the value that was given and the
/// limit or reason it broke, so a person can fix the input without reading code.
///
/// # Example
///
/// ```
/// use fee_core::FeeError;
/// let e = FeeError::out_of_range("occupancy", "1.2", "at most 1");
/// assert_eq!(e.to_string(), "occupancy: value 1.2 is out of range (at most 1)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FeeError {
    /// A number outside what the rule allows.
    OutOfRange {
        /// Dotted path of the offending field.
        field: String,
        /// The value as given.
        value: String,
        /// The limit it broke.
        limit: String,
    },
    /// A value that cannot be used at all (wrong shape, unknown name, empty list).
    Invalid {
        /// Dotted path of the offending field.
        field: String,
        /// The value as given.
        value: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// A computation left the range of an exact decimal (about 7.9 × 10²⁸).
    Overflow {
        /// The quantity whose computation overflowed.
        field: String,
    },
    /// A parameter the rule needs is absent or not in force on the date asked.
    Parameter {
        /// Parameter name, such as `cap.ratio`.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl FeeError {
    /// An [`FeeError::OutOfRange`] error.
    ///
    /// ```
    /// let e = fee_core::FeeError::out_of_range("months_charged", "13", "at most 12");
    /// assert!(e.to_string().contains("months_charged"));
    /// ```
    pub fn out_of_range(field: impl Into<String>, value: impl fmt::Display, limit: impl Into<String>) -> Self {
        FeeError::OutOfRange { field: field.into(), value: value.to_string(), limit: limit.into() }
    }

    /// An [`FeeError::Invalid`] error.
    ///
    /// ```
    /// let e = fee_core::FeeError::invalid("income.basis", "", "no income given");
    /// assert!(e.to_string().contains("no income given"));
    /// ```
    pub fn invalid(field: impl Into<String>, value: impl fmt::Display, reason: impl Into<String>) -> Self {
        FeeError::Invalid { field: field.into(), value: value.to_string(), reason: reason.into() }
    }

    /// An [`FeeError::Overflow`] error.
    ///
    /// ```
    /// let e = fee_core::FeeError::overflow("cost.total");
    /// assert!(e.to_string().contains("cost.total"));
    /// ```
    pub fn overflow(field: impl Into<String>) -> Self {
        FeeError::Overflow { field: field.into() }
    }

    /// A [`FeeError::Parameter`] error.
    ///
    /// ```
    /// let e = fee_core::FeeError::parameter("cap.ratio", "not in force on 2023-01-01");
    /// assert!(e.to_string().starts_with("parameter cap.ratio"));
    /// ```
    pub fn parameter(name: impl Into<String>, reason: impl Into<String>) -> Self {
        FeeError::Parameter { name: name.into(), reason: reason.into() }
    }

    /// The field (or parameter name) the error is about.
    ///
    /// ```
    /// assert_eq!(fee_core::FeeError::overflow("x").field(), "x");
    /// ```
    pub fn field(&self) -> &str {
        match self {
            FeeError::OutOfRange { field, .. } | FeeError::Invalid { field, .. } | FeeError::Overflow { field } => {
                field
            }
            FeeError::Parameter { name, .. } => name,
        }
    }

    /// The same error with `prefix.` put before its field path.
    ///
    /// ```
    /// let e = fee_core::FeeError::overflow("total").within("cost");
    /// assert_eq!(e.field(), "cost.total");
    /// ```
    #[must_use]
    pub fn within(self, prefix: &str) -> Self {
        let join = |f: String| if f.is_empty() { prefix.to_string() } else { format!("{prefix}.{f}") };
        match self {
            FeeError::OutOfRange { field, value, limit } => FeeError::OutOfRange { field: join(field), value, limit },
            FeeError::Invalid { field, value, reason } => FeeError::Invalid { field: join(field), value, reason },
            FeeError::Overflow { field } => FeeError::Overflow { field: join(field) },
            other @ FeeError::Parameter { .. } => other,
        }
    }
}

/// Reasons people meet while typing or filling a file, in English as the errors carry them and
/// in Chinese: an error built with one of these texts reads wholly in Chinese too.
pub(crate) mod reason {
    pub(crate) const NOT_A_NUMBER: &str = "not a number";
    pub(crate) const NUMBER_NEEDED: &str = "a number is needed";
    pub(crate) const WRITE_IN_FULL: &str = "write the number out in full";
    pub(crate) const GROUPING: &str =
        "a thousands separator stands only between groups of three digits; for a decimal, write a decimal point (2800.50)";
    pub(crate) const NOT_NEGATIVE: &str = "must not be negative";
    pub(crate) const TOO_PRECISE: &str = "more digits than an exact amount holds (28 significant digits)";
    pub(crate) const TOO_LARGE: &str = "too large for an exact amount (at most 79,228,162,514,264,337,593,543,950,335)";
    pub(crate) const CLASS_TYPE: &str = "expected infant, toddler, older_toddler or mixed (or each one's Chinese name)";
    pub(crate) const SERVICE_FORM: &str = "expected full_day/half_day/hourly/temporary or 全日托/半日托/计时托/临时托";
    pub(crate) const UNIT: &str = "expected per_month/per_day/per_hour or 元/月/元/天/元/小时";
    pub(crate) const INSTITUTION_TYPE: &str = "not a known institution type (see docs/batch-format.md)";
    pub(crate) const ITEM_EMPTY: &str = "the fee item is empty";
    pub(crate) const POSITIVE: &str = "must be greater than 0";
    pub(crate) const AT_LEAST_ONE: &str = "at least 1";
    pub(crate) const AT_LEAST_ONE_YEAR: &str = "at least 1 year";
    pub(crate) const SAMPLE_EMPTY: &str = "the sample holds no institution: add at least one";
    pub(crate) const ID_TWICE: &str = "two institutions share this id: give each its own";
    pub(crate) const NO_SUCH_INSTITUTION: &str = "no institution of the sample has this id";
    pub(crate) const EXCLUSION_REASON: &str = "an exclusion needs a reason";
    pub(crate) const ALL_EXCLUDED: &str = "every institution is excluded: nothing is left to average";
    pub(crate) const DIVISION_BY_ZERO: &str = "division by zero";
    pub(crate) const NOT_UTF8: &str = "not UTF-8 text (GBK? save the file as UTF-8 CSV)";
    pub(crate) const UTF16: &str =
        "the file is UTF-16, not UTF-8: save it again as UTF-8 (Notepad or WPS: Save As, encoding UTF-8) and try again";
    pub(crate) const GBK: &str = "the file looks like GBK (GB 18030), the default of Chinese Windows, not UTF-8: save it again as UTF-8 (Notepad or WPS: Save As, encoding UTF-8) and try again";
    pub(crate) const NOT_UTF8_FILE: &str =
        "the file is not UTF-8 text: save it again as UTF-8 (Notepad or WPS: Save As, encoding UTF-8) and try again";
    pub(crate) const FILE_EMPTY: &str = "the file is empty: no header row";
    pub(crate) const SHEET_EMPTY: &str = "the sheet is empty: no header row";
    pub(crate) const NO_SHEET: &str = "the workbook has no sheet";
    pub(crate) const NO_HEADER: &str = "the file has no header row";
    pub(crate) const COLUMN_MISSING: &str = "this column is missing; see docs/batch-format.md";
    pub(crate) const ENROLMENT_POSITIVE: &str = "must be greater than 0: the cost is spread over enrolled children";
    pub(crate) const CLASS_NEEDED: &str = "at least one class group is needed";
    pub(crate) const MIXED_CARERS: &str =
        "carers per class must be entered for a mixed class (the standard sets no ratio for it)";
    pub(crate) const COMMERCIAL_PRICE: &str = "a commercial tariff needs its price";
    pub(crate) const ADJUSTMENT_REASON: &str = "an adjustment needs a reason";
    pub(crate) const OCCUPANCY_ABOVE_ZERO: &str = "occupancy must stay above 0";
    pub(crate) const RATIO_ABOVE_ZERO: &str = "children per carer must stay above 0";
    pub(crate) const STRICTLY_BETWEEN: &str = "between 0 and 1, exclusive";
    pub(crate) const BELOW_ONE: &str = "0 to 1, exclusive of 1";
    pub(crate) const AXES_DIFFER: &str = "the two axes must move different inputs";
    pub(crate) const DATE_FORMAT: &str = "expected YYYY-MM-DD";
    pub(crate) const WORKING_DAYS_NEEDED: &str = "the month needs its working days";
    pub(crate) const WORKING_DAY_TWICE: &str = "a working day is listed twice";
    pub(crate) const LEAVE_NOT_WORKING: &str = "a leave day must be one of the working days";
    pub(crate) const PLACE_NEEDED: &str = "at least one 街乡 is needed";
    pub(crate) const WEIGHTS_ZERO: &str = "the weights sum to zero";
    pub(crate) const NAME_WEIGHT: &str = "write it as name,weight";
    pub(crate) const APPLICATION_APPROVED: &str = "the application is approved: no step is left";
    pub(crate) const APPLICATION_REJECTED: &str = "the application is rejected: no step is left";
    pub(crate) const NO_BUILTIN_SET: &str = "no built-in parameter set has this id";
    pub(crate) const READER_STOPPED: &str = "the reading thread stopped unexpectedly";
    pub(crate) const XLSX_ROWS: &str = "at most 1,048,575 rows in xlsx";
    pub(crate) const XLSX_ROWS_CSV: &str =
        "at most 1,048,575 lines fit an xlsx sheet: write the findings as CSV or JSON (--out findings.csv)";
    pub(crate) const SHARE_TOO_LARGE: &str = "a share up to 10²⁶ can be written per hundred";
    pub(crate) const CURVE_POINTS: &str = "at most 1,000 points";
    pub(crate) const STEP_TWICE: &str = "this step is recorded twice";
    pub(crate) const MANIFEST_RULES: &str = "a set's manifest lists its rule files, each with a [parameters] table";
    pub(crate) const DEFINED_TWICE: &str = "two rule files define this parameter";
    pub(crate) const HAS_NO_VALUES: &str = "has no values";
    pub(crate) const ID_EMPTY: &str = "the id must not be empty";
    pub(crate) const VERSION_EMPTY: &str = "the version must not be empty";
    pub(crate) const PLACES: &str = "decimal places must be a whole number from 0 to 10";
    pub(crate) const ROUNDING_NAME: &str = "not a rounding strategy name";
    pub(crate) const NO_SUCH_RULE: &str = "no example refund rule has this id";
    pub(crate) const HEX: &str = "not hexadecimal bytes";
    pub(crate) const CSV_NEEDED: &str = "csv or csv_hex is needed";
    pub(crate) const CASE_KIND: &str = "expected cap, evaluate, check, refund, district or batch_csv";
    pub(crate) const CASES_TOO_LARGE: &str = "a case file is at most 4 MB";
    pub(crate) const RECORD_INPUT: &str = "not a scenario, a district sample or a dossier";
    pub(crate) const LEVER: &str = "expected quota_subsidy, rent_subsidy, occupancy, carer_wage or class_size";

    /// (English, Chinese) for each reason above.
    pub(super) const BOTH: [(&str, &str); 71] = [
        (NOT_A_NUMBER, "不是数字"),
        (NUMBER_NEEDED, "需要填写数字"),
        (WRITE_IN_FULL, "请写出完整的数字（不用科学计数法）"),
        (GROUPING, "千位分隔符只能隔开三位一组的数字；小数请用小数点（如 2800.50）"),
        (NOT_NEGATIVE, "不能为负数"),
        (TOO_PRECISE, "位数超过精确金额可容纳的 28 位有效数字"),
        (TOO_LARGE, "超出精确金额的上限（79,228,162,514,264,337,593,543,950,335）"),
        (CLASS_TYPE, "应为 乳儿班/托小班/托大班/混合班 或 infant/toddler/older_toddler/mixed"),
        (SERVICE_FORM, "应为 全日托/半日托/计时托/临时托 或 full_day/half_day/hourly/temporary"),
        (UNIT, "应为 元/月、元/天、元/小时 或 per_month/per_day/per_hour"),
        (INSTITUTION_TYPE, "不是可识别的机构类型（见文件格式说明）"),
        (ITEM_EMPTY, "收费项目为空"),
        (POSITIVE, "须大于 0"),
        (AT_LEAST_ONE, "至少为 1"),
        (AT_LEAST_ONE_YEAR, "至少 1 年"),
        (NOT_ZIP, "不是 xlsx 工作簿（xlsx 文件是 zip 压缩包，此文件不是）：请用 Excel 或 WPS 另存为 .xlsx"),
        (SAMPLE_EMPTY, "样本中没有机构：至少需要一个"),
        (ID_TWICE, "两个机构的编号相同：请各用各的编号"),
        (NO_SUCH_INSTITUTION, "样本中没有这个编号的机构"),
        (EXCLUSION_REASON, "剔除须写明理由"),
        (ALL_EXCLUDED, "所有机构都被剔除：没有可平均的机构"),
        (DIVISION_BY_ZERO, "除数为零"),
        (NOT_UTF8, "不是 UTF-8 文本（可能是 GBK 编码？请另存为 UTF-8 CSV）"),
        (UTF16, "文件是 UTF-16 编码，不是 UTF-8：请用记事本或 WPS“另存为”，编码选 UTF-8 后再试"),
        (GBK, "文件似乎是 GBK（GB 18030）编码，即 Windows 中文版的默认编码，不是 UTF-8：请用记事本或 WPS“另存为”，编码选 UTF-8 后再试"),
        (NOT_UTF8_FILE, "文件不是 UTF-8 编码的文本：请用记事本或 WPS“另存为”，编码选 UTF-8 后再试"),
        (FILE_EMPTY, "文件为空：没有表头行"),
        (SHEET_EMPTY, "工作表为空：没有表头行"),
        (NO_SHEET, "工作簿中没有工作表"),
        (NO_HEADER, "文件没有表头行"),
        (COLUMN_MISSING, "缺少这一列；见文件格式说明（docs/batch-format.md）"),
        (ENROLMENT_POSITIVE, "须大于 0：成本按在托人数分摊"),
        (CLASS_NEEDED, "至少需要一个班级组"),
        (MIXED_CARERS, "混合班须填写每班保育人员数（标准未规定混合班的配比）"),
        (COMMERCIAL_PRICE, "按商业价格计费的须填写商业价格"),
        (ADJUSTMENT_REASON, "核定调整须写明理由"),
        (OCCUPANCY_ABOVE_ZERO, "入托率须保持大于 0"),
        (RATIO_ABOVE_ZERO, "每名保育人员照护幼儿数须保持大于 0"),
        (STRICTLY_BETWEEN, "须大于 0 且小于 1"),
        (BELOW_ONE, "0 至 1（不含 1）"),
        (AXES_DIFFER, "两个坐标轴须变动不同的输入项"),
        (DATE_FORMAT, "日期应写作 年-月-日（YYYY-MM-DD）"),
        (WORKING_DAYS_NEEDED, "须列出当月的工作日"),
        (WORKING_DAY_TWICE, "有工作日重复列出"),
        (LEAVE_NOT_WORKING, "请假日须是当月的工作日"),
        (PLACE_NEEDED, "至少需要一个街乡"),
        (WEIGHTS_ZERO, "权重合计为零"),
        (NAME_WEIGHT, "应写作“名称,权重”"),
        (APPLICATION_APPROVED, "申请已获批准，没有后续步骤"),
        (APPLICATION_REJECTED, "申请已被驳回，没有后续步骤"),
        (NO_BUILTIN_SET, "没有这个编号的内置参数集"),
        (READER_STOPPED, "读取文件的线程意外停止"),
        (XLSX_ROWS, "xlsx 至多 1,048,575 行"),
        (XLSX_ROWS_CSV, "xlsx 工作表至多容纳 1,048,575 行：请将核查结果写为 CSV 或 JSON（--out findings.csv）"),
        (SHARE_TOO_LARGE, "只有不超过 10²⁶ 的比例能写成百分数"),
        (CURVE_POINTS, "至多 1,000 个点"),
        (STEP_TWICE, "该环节重复记录"),
        (MANIFEST_RULES, "参数集清单须列出其规则文件，每个规则文件含 [parameters] 表"),
        (DEFINED_TWICE, "两个规则文件定义了同一参数"),
        (HAS_NO_VALUES, "没有取值"),
        (ID_EMPTY, "编号不能为空"),
        (VERSION_EMPTY, "版本不能为空"),
        (PLACES, "小数位数须为 0 至 10 的整数"),
        (ROUNDING_NAME, "不是舍入方式的名称"),
        (NO_SUCH_RULE, "没有此编号的示例退费规则"),
        (HEX, "不是十六进制字节"),
        (CSV_NEEDED, "须给出 csv 或 csv_hex"),
        (CASE_KIND, "应为 cap、evaluate、check、refund、district 或 batch_csv"),
        (CASES_TOO_LARGE, "案例文件至多 4 MB"),
        (RECORD_INPUT, "不是情景、区级样本或定价档案文件"),
        (LEVER, "应为 quota_subsidy（生均定额补助）、rent_subsidy（租金补贴）、occupancy（入托率）、carer_wage（保育人员工资）或 class_size（班额）"),
    ];

    /// The limit "from `lo` to `hi`" (a rate's 0 to 1), which [`zh`] writes in Chinese.
    pub(crate) fn range(lo: impl std::fmt::Display, hi: impl std::fmt::Display) -> String {
        format!("{lo} to {hi}")
    }

    /// The limit "at most `bound`", where `bound` is a number or `name = number`.
    pub(crate) fn at_most(bound: impl std::fmt::Display) -> String {
        format!("at most {bound}")
    }

    /// The limit "at least `bound`", where `bound` is a number or `name = number`.
    pub(crate) fn at_least(bound: impl std::fmt::Display) -> String {
        format!("at least {bound}")
    }

    /// Reasons with values: English and Chinese patterns whose `{}` holes take the same values
    /// in the same order. The English is made by [`fill`]; [`zh`] finds the values in it again.
    pub(crate) const NOT_JSON: &str = "not JSON text: {}";
    pub(crate) const NOT_AS_EXPECTED: &str = "not in the form expected: {}";
    pub(crate) const UNREADABLE: &str = "cannot be read: {}";
    pub(crate) const FILE_TOO_LARGE: &str = "the file is larger than {} KB, far more than a parameter set needs";
    pub(crate) const TOO_DEEP: &str =
        "brackets and braces nest deeper than {} levels, far more than a parameter set needs";
    pub(crate) const UNKNOWN_FIELD_NEAR: &str = "unknown field `{}`; did you mean `{}`?";
    pub(crate) const UNKNOWN_FIELD: &str = "unknown field `{}`; the fields here are {}";
    pub(crate) const UNKNOWN_FIELD_NONE: &str = "unknown field `{}`; no field is expected here";
    pub(crate) const NOT_IN_FORCE: &str = "no value in force on {} (values start {})";
    pub(crate) const NOT_IN_SET: &str = "not in parameter set {} {}";
    pub(crate) const VALUES_OVERLAP: &str = "values from {} and {} overlap or are out of order";
    pub(crate) const ENDS_BEFORE: &str = "value from {} ends before it starts ({})";
    pub(crate) const NOT_EXACT: &str = "value {} is not an exact decimal number (at most 28 significant digits)";
    pub(crate) const RATIO_RANGE: &str = "ratio {} is not in (0, 1]";
    pub(crate) const NEXT_STEP: &str = "the next step is {} by {}";
    pub(crate) const STEP_TAKEN_BY: &str = "{} is taken by {} (二(二)4)";
    pub(crate) const EARLIER_THAN_PREVIOUS: &str = "earlier than the previous step on {}";
    pub(crate) const UNREADABLE_CSV: &str = "unreadable CSV: {}";
    pub(crate) const NOT_XLSX: &str = "not an xlsx workbook: {}";
    pub(crate) const NOT_ZIP: &str =
        "not an xlsx workbook (an xlsx file is a zip archive, this is not one): save it as .xlsx from Excel or WPS";
    pub(crate) const INFLATES: &str = "the workbook inflates to {} MB, more than the {} MB a file of its size may: it is damaged or made to exhaust memory; save it again from Excel or WPS, or send CSV";
    pub(crate) const NO_SUCH_LINE: &str = "no such cost line; lines are {}";
    pub(crate) const SCHEMA_TOO_NEW: &str = "this library reads versions up to {}";
    pub(crate) const OTHER_SET: &str = "the scenario names another parameter set than {}";
    pub(crate) const TIERS_ASCEND: &str = "tiers go by ascending bound: more than the tier before's {}";

    pub(crate) const NOT_DECIMAL: &str =
        "“{}” is not a number: write a decimal number such as 12 or 12.5 (line {}, column {})";
    pub(crate) const NOT_WHOLE: &str =
        "{} is not a whole number of 0 or more: write one such as 2 (line {}, column {})";
    pub(crate) const NOT_BOOL: &str = "{} is not true or false (line {}, column {})";
    pub(crate) const LIST_EXPECTED: &str = "a list in [ ] is expected here, not {} (line {}, column {})";
    pub(crate) const TEXT_EXPECTED: &str = "a text in quotes is expected here, not {} (line {}, column {})";
    pub(crate) const OBJECT_EXPECTED: &str = "an object in { } is expected here, not {} (line {}, column {})";
    pub(crate) const OTHER_KIND: &str = "{} is not the kind of value expected here (line {}, column {})";
    pub(crate) const FIELD_TWICE: &str = "field `{}` is given twice: keep one (line {}, column {})";
    pub(crate) const FIELD_MISSING: &str = "field `{}` is missing: add it (line {}, column {})";
    pub(crate) const NOT_ALLOWED_VALUE: &str = "`{}` is not one of the values allowed here: {} (line {}, column {})";
    pub(crate) const CUT_SHORT: &str =
        "the text ends too early, at line {}, column {}: it is cut short, or a bracket or quote is missing";
    pub(crate) const SYNTAX: &str = "not JSON at line {}, column {}: check the commas, quotes and brackets there";
    pub(crate) const TOML_SYNTAX: &str = "not TOML at line {}, column {}: check the place (text in quotes, = between a key and its value, brackets in pairs)";

    pub(super) const WITH_VALUES: [(&str, &str); 37] = [
        (NOT_DECIMAL, "“{}”不是数字：请写十进制数，如 12 或 12.5（第 {} 行第 {} 列）"),
        (NOT_WHOLE, "{} 不是 0 或以上的整数：请写整数，如 2（第 {} 行第 {} 列）"),
        (NOT_BOOL, "{} 不是 true 或 false（第 {} 行第 {} 列）"),
        (LIST_EXPECTED, "此处应为方括号 [ ] 中的列表，而不是 {}（第 {} 行第 {} 列）"),
        (TEXT_EXPECTED, "此处应为引号中的文字，而不是 {}（第 {} 行第 {} 列）"),
        (OBJECT_EXPECTED, "此处应为花括号 { } 中的对象，而不是 {}（第 {} 行第 {} 列）"),
        (OTHER_KIND, "{} 不是此处应有的取值类型（第 {} 行第 {} 列）"),
        (FIELD_TWICE, "字段“{}”出现了两次：请只保留一个（第 {} 行第 {} 列）"),
        (FIELD_MISSING, "缺少字段“{}”：请补上（第 {} 行第 {} 列）"),
        (NOT_ALLOWED_VALUE, "“{}”不是此处允许的取值：可选 {}（第 {} 行第 {} 列）"),
        (CUT_SHORT, "文本在第 {} 行第 {} 列提前结束：文件不完整，或缺少括号或引号"),
        (SYNTAX, "第 {} 行第 {} 列不是有效的 JSON：请检查该处的逗号、引号和括号"),
        (TOML_SYNTAX, "第 {} 行第 {} 列不是有效的 TOML：请检查该处（文字须加引号，键与值之间用 =，括号须成对）"),
        (NOT_JSON, "不是 JSON 文本：{}"),
        (NOT_AS_EXPECTED, "内容与应有的格式不符：{}"),
        (FILE_TOO_LARGE, "文件超过 {} KB，远大于参数集所需"),
        (TOO_DEEP, "括号嵌套超过 {} 层，远多于参数集所需"),
        (UNKNOWN_FIELD_NEAR, "未知字段“{}”；是否应为“{}”？"),
        (UNKNOWN_FIELD, "未知字段“{}”；此处可用的字段为：{}"),
        (UNKNOWN_FIELD_NONE, "未知字段“{}”；此处不应有字段"),
        (UNREADABLE, "无法读取：{}"),
        (NOT_IN_FORCE, "{} 无有效取值（取值自 {} 起）"),
        (NOT_IN_SET, "参数集 {} {} 中没有此项"),
        (VALUES_OVERLAP, "自 {} 与自 {} 的取值重叠或顺序颠倒"),
        (ENDS_BEFORE, "自 {} 的取值在开始之前结束（{}）"),
        (NOT_EXACT, "取值 {} 不是精确的十进制数（至多 28 位有效数字）"),
        (RATIO_RANGE, "比例 {} 不在 (0, 1] 之内"),
        (NEXT_STEP, "下一步是{}，由{}办理"),
        (STEP_TAKEN_BY, "{}由{}办理（二(二)4）"),
        (EARLIER_THAN_PREVIOUS, "早于上一步的日期 {}"),
        (UNREADABLE_CSV, "CSV 无法读取：{}"),
        (NOT_XLSX, "不是 xlsx 工作簿：{}"),
        (INFLATES, "工作簿解压后为 {} MB，超过此大小文件允许的 {} MB：文件已损坏或为耗尽内存而制作；请用 Excel 或 WPS 重新保存，或改用 CSV"),
        (NO_SUCH_LINE, "没有这一成本项；成本项有 {}"),
        (SCHEMA_TOO_NEW, "本工具只能读取版本 {} 及以下"),
        (OTHER_SET, "情景使用的参数集不是 {}"),
        (TIERS_ASCEND, "各档按上限从低到高排列：须大于上一档的 {}"),
    ];

    /// `pattern` (one of the patterns above) with its holes filled by `values`, in order.
    pub(crate) fn fill(pattern: &str, values: &[&dyn std::fmt::Display]) -> String {
        use std::fmt::Write;
        let mut out = String::with_capacity(pattern.len() + 16);
        let mut values = values.iter();
        for (i, piece) in pattern.split("{}").enumerate() {
            if i > 0 {
                if let Some(v) = values.next() {
                    let _ = write!(out, "{v}");
                }
            }
            out.push_str(piece);
        }
        out
    }

    /// The values in `text` at the holes of `pattern`, if `text` has its shape.
    fn holes<'a>(pattern: &str, text: &'a str) -> Option<Vec<&'a str>> {
        let mut pieces = pattern.split("{}").peekable();
        let mut rest = text.strip_prefix(pieces.next()?)?;
        let mut values = Vec::new();
        while let Some(piece) = pieces.next() {
            if pieces.peek().is_none() {
                values.push(rest.strip_suffix(piece)?);
                return Some(values);
            }
            let (value, after) = rest.split_once(piece)?;
            values.push(value);
            rest = after;
        }
        rest.is_empty().then_some(values)
    }

    /// Whether `text` is a number or `name = number`, as [`at_most`] and [`at_least`] take.
    fn is_bound(text: &str) -> bool {
        let number = text.rsplit_once(" = ").map_or(text, |(name, n)| if name.contains(' ') { "" } else { n });
        number.parse::<rust_decimal::Decimal>().is_ok()
    }

    /// The Chinese of a reason above (a reason with values keeps them as they are, a reader's
    /// detail too), of a [`range`], an [`at_most`] or an [`at_least`]; any other text as it is.
    pub(crate) fn zh(text: &str) -> std::borrow::Cow<'_, str> {
        if let Some((_, zh)) = BOTH.iter().find(|(en, _)| *en == text) {
            return (*zh).into();
        }
        for (en, zh) in WITH_VALUES {
            if let Some(values) = holes(en, text) {
                let values: Vec<&dyn std::fmt::Display> = values.iter().map(|v| v as &dyn std::fmt::Display).collect();
                return fill(zh, &values).into();
            }
        }
        if let Some(bound) = text.strip_prefix("at most ").filter(|b| is_bound(b)) {
            return format!("不超过 {bound}").into();
        }
        if let Some(bound) = text.strip_prefix("at least ").filter(|b| is_bound(b)) {
            return format!("不小于 {bound}").into();
        }
        match text.split_once(" to ") {
            Some((lo, hi)) if [lo, hi].iter().all(|n| n.parse::<rust_decimal::Decimal>().is_ok()) => {
                format!("{lo} 至 {hi}").into()
            }
            _ => text.into(),
        }
    }
}

impl FeeError {
    /// The message in Chinese (a limit or reason in Chinese where the crate has it in both
    /// languages; otherwise in the wording of the rule that set it).
    ///
    /// ```
    /// let e = fee_core::FeeError::out_of_range("occupancy", "1.2", "0 to 1");
    /// assert_eq!(e.message_zh(), "occupancy：数值 1.2 超出范围（0 至 1）");
    /// ```
    pub fn message_zh(&self) -> String {
        self.message_naming(crate::foundations::trace::Language::Zh, self.field())
    }

    /// The message in the chosen language.
    ///
    /// ```
    /// let e = fee_core::FeeError::overflow("cost.total");
    /// assert!(e.message(fee_core::Language::Zh).contains("数额过大"));
    /// ```
    pub fn message(&self, lang: crate::foundations::trace::Language) -> String {
        self.message_naming(lang, self.field())
    }

    /// Why, without the field or the value: the limit broken or the reason the value cannot be
    /// used, in the chosen language (for a caller that names the field and shows the value
    /// itself, as a command line's argument parser does).
    ///
    /// ```
    /// use fee_core::{parse_amount, Language};
    /// let e = parse_amount("三千", "fee").unwrap_err();
    /// assert_eq!(e.reason(Language::Zh), "不是数字");
    /// assert_eq!(e.reason(Language::En), "not a number");
    /// ```
    pub fn reason(&self, lang: crate::foundations::trace::Language) -> String {
        let text = match self {
            FeeError::OutOfRange { limit: text, .. }
            | FeeError::Invalid { reason: text, .. }
            | FeeError::Parameter { reason: text, .. } => text.as_str(),
            FeeError::Overflow { .. } => "the amount is too large to compute exactly",
        };
        match (lang, self) {
            (crate::foundations::trace::Language::Zh, FeeError::Overflow { .. }) => "数额过大，无法精确计算".into(),
            (crate::foundations::trace::Language::Zh, _) => reason::zh(text).into_owned(),
            (crate::foundations::trace::Language::En, _) => text.to_string(),
        }
    }

    /// The message in the chosen language with the field called `name`: a form names it by
    /// its label, where the error names it by its path.
    ///
    /// ```
    /// use fee_core::{FeeError, Language};
    /// let e = FeeError::out_of_range("cost.rent_monthly", "-1", "must not be negative");
    /// assert_eq!(e.message_naming(Language::Zh, "月租金"), "月租金：数值 -1 超出范围（不能为负数）");
    /// assert_eq!(e.message_naming(Language::En, "Monthly rent"), "Monthly rent: value -1 is out of range (must not be negative)");
    /// ```
    pub fn message_naming(&self, lang: crate::foundations::trace::Language, name: &str) -> String {
        let why = self.reason(lang);
        match (lang, self) {
            (crate::foundations::trace::Language::Zh, FeeError::OutOfRange { value, .. }) => {
                format!("{name}：数值 {value} 超出范围（{why}）")
            }
            (crate::foundations::trace::Language::Zh, FeeError::Invalid { value, .. }) if !value.is_empty() => {
                format!("{name}：“{value}”无法使用（{why}）")
            }
            (crate::foundations::trace::Language::Zh, FeeError::Invalid { .. } | FeeError::Overflow { .. }) => {
                format!("{name}：{why}")
            }
            (crate::foundations::trace::Language::Zh, FeeError::Parameter { .. }) => format!("参数 {name}：{why}"),
            (crate::foundations::trace::Language::En, FeeError::OutOfRange { value, .. }) => {
                format!("{name}: value {value} is out of range ({why})")
            }
            (crate::foundations::trace::Language::En, FeeError::Invalid { value, .. }) if !value.is_empty() => {
                format!("{name}: value {value:?} is invalid ({why})")
            }
            (crate::foundations::trace::Language::En, FeeError::Invalid { .. } | FeeError::Overflow { .. }) => {
                format!("{name}: {why}")
            }
            (crate::foundations::trace::Language::En, FeeError::Parameter { .. }) => format!("parameter {name}: {why}"),
        }
    }
}

impl fmt::Display for FeeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_naming(crate::foundations::trace::Language::En, self.field()))
    }
}

impl std::error::Error for FeeError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reasons written out in Chinese by hand; a range of two numbers reads "lo 至 hi";
    /// anything else is left as it is (a reason the crate has only in English stays readable).
    #[test]
    fn reasons_people_meet_read_in_chinese() {
        let e = FeeError::invalid("fee", "三千", reason::NOT_A_NUMBER);
        assert_eq!(e.message_zh(), "fee：“三千”无法使用（不是数字）");
        assert_eq!(e.to_string(), "fee: value \"三千\" is invalid (not a number)");
        let e = FeeError::out_of_range("cost.enrolment.rate", "1.5", reason::range(0, 1));
        assert_eq!(e.message_zh(), "cost.enrolment.rate：数值 1.5 超出范围（0 至 1）");
        assert_eq!(e.to_string(), "cost.enrolment.rate: value 1.5 is out of range (0 to 1)");
        assert_eq!(reason::zh(reason::NOT_NEGATIVE), "不能为负数");
        assert_eq!(reason::zh("1 to {last}"), "1 to {last}");
        assert_eq!(reason::zh("from a to b"), "from a to b");
        assert_eq!(reason::zh("no such set"), "no such set");
        // A bound by name reads in Chinese; a sentence that merely starts "at most" does not.
        assert_eq!(reason::zh(&reason::at_most("working_days = 21")), "不超过 working_days = 21");
        assert_eq!(reason::zh(&reason::at_least(3000)), "不小于 3000");
        assert_eq!(reason::zh("at most 12 months a year"), "at most 12 months a year");
        assert_eq!(reason::zh("at least one thing = 2"), "at least one thing = 2");
        // A reader's detail keeps its words; the frame around it reads in Chinese.
        assert_eq!(reason::zh(&reason::fill(reason::UNREADABLE, &[&"expected `=`"])), "无法读取：expected `=`");
        assert_eq!(reason::zh(&reason::fill(reason::NOT_JSON, &[&"EOF"])), "不是 JSON 文本：EOF");
        // Values go back to their holes in order, whatever they hold.
        let e = FeeError::parameter("cap.ratio", reason::fill(reason::NOT_IN_FORCE, &[&"2023-01-01", &"2024-02-22"]));
        assert_eq!(e.to_string(), "parameter cap.ratio: no value in force on 2023-01-01 (values start 2024-02-22)");
        assert_eq!(e.message_zh(), "参数 cap.ratio：2023-01-01 无有效取值（取值自 2024-02-22 起）");
        let overlap = reason::fill(reason::VALUES_OVERLAP, &[&"2024-01-01", &"2023-06-01"]);
        assert_eq!(reason::zh(&overlap), "自 2024-01-01 与自 2023-06-01 的取值重叠或顺序颠倒");
        // Text of another shape is left as it is.
        assert_eq!(reason::zh("no value in force"), "no value in force");
        assert_eq!(
            reason::zh("values from 1 and 2 overlap or are out of order!"),
            "values from 1 and 2 overlap or are out of order!"
        );
    }

    /// Reasons with values, worked out by hand from the two patterns of each.
    #[test]
    fn reasons_with_values_read_in_chinese_with_the_same_values() {
        let both = |pattern: &str, values: &[&dyn std::fmt::Display]| {
            let en = reason::fill(pattern, values);
            let zh = reason::zh(&en).into_owned();
            (en, zh)
        };
        assert_eq!(
            both(reason::SCHEMA_TOO_NEW, &[&1]),
            ("this library reads versions up to 1".into(), "本工具只能读取版本 1 及以下".into())
        );
        assert_eq!(both(reason::OTHER_SET, &[&"cn-bj-chaoyang"]).1, "情景使用的参数集不是 cn-bj-chaoyang");
        assert_eq!(both(reason::NO_SUCH_LINE, &[&"rent, utilities"]).1, "没有这一成本项；成本项有 rent, utilities");
        assert_eq!(both(reason::NOT_XLSX, &[&"invalid zip"]).1, "不是 xlsx 工作簿：invalid zip");
        assert_eq!(both(reason::STEP_TAKEN_BY, &[&"复审", &"区卫生健康委"]).1, "复审由区卫生健康委办理（二(二)4）");
        assert_eq!(both(reason::NEXT_STEP, &[&"公示", &"区教委"]).1, "下一步是公示，由区教委办理");
    }

    /// Every reason in the table has a Chinese text of its own, written in Chinese.
    #[test]
    fn every_reason_in_the_table_is_written_in_chinese() {
        for (en, zh) in reason::BOTH {
            assert_ne!(en, zh);
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{en:?} → {zh:?}");
            assert_eq!(reason::zh(en), zh);
        }
        assert_eq!(
            reason::BOTH.iter().map(|(en, _)| en).collect::<std::collections::HashSet<_>>().len(),
            reason::BOTH.len()
        );
        for (en, zh) in reason::WITH_VALUES {
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{en:?} → {zh:?}");
            assert_eq!(en.matches("{}").count(), zh.matches("{}").count(), "{en:?} → {zh:?}");
        }
    }
}
