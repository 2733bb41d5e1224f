//! A trace step's formula and its values' names in the reader's language.
//!
//! The engine records each formula once, in the names of its inputs (`cap = round(ratio ×
//! income)`), which is what JSON carries and a program reads. A printed report is read by a
//! clerk: these tables give each formula and each name in Chinese. A test walks every trace
//! the library's examples and worked cases produce and fails on a formula or a name that has
//! no Chinese form here.

use super::source::Language;

/// Each formula the engine records, and how a Chinese reader sees it.
const FORMULAS_ZH: &[(&str, &str)] = &[
    ("income = entered amount", "家庭月均可支配收入 = 录入金额"),
    ("income = district figure for the year", "家庭月均可支配收入 = 当年全区统计数"),
    ("income = per_capita_annual × household_size ÷ 12", "家庭月均可支配收入 = 人均年可支配收入 × 户均人数 ÷ 12"),
    ("cap = round(ratio × income)", "收费上限 = 取整(比例 × 家庭月均可支配收入)"),
    ("cap = ratio × income", "收费上限 = 比例 × 家庭月均可支配收入"),
    ("headroom = cap − fee", "距上限空间 = 收费上限 − 收费"),
    ("carers = Σ classes × ⌈children per class ÷ children per carer⌉", "保育人员数 = Σ 班数 × ⌈每班人数 ÷ 每名保育人员照护人数⌉"),
    ("enrolment = slots × occupancy", "在托人数 = 托位数 × 入托率"),
    ("enrolment = entered count", "在托人数 = 录入人数"),
    ("enrolment = (start × w_start + end × w_end) ÷ (w_start + w_end)", "在托人数 = (年初 × 年初权重 + 年末 × 年末权重) ÷ (年初权重 + 年末权重)"),
    ("child_months = enrolment × months_charged", "人月数 = 在托人数 × 收费月数"),
    ("depreciation = Σ cost ÷ years over assets not bought with government money", "折旧 = Σ 原值 ÷ 折旧年限（不含政府投入购置的资产）"),
    ("total = Σ approved lines (personnel, premises, utilities, other; meals excluded)", "核定总成本 = Σ 核定项目（人员、场地、水电、其他；不含伙食）"),
    ("cost_per_child_month = total_approved ÷ child_months", "生均月成本 = 核定总成本 ÷ 人月数"),
    ("meal_fee = food cost per child-month", "伙食费 = 生均月伙食成本"),
    ("quota_annual = quota × child_months", "定额补助（年） = 补助标准 × 人月数"),
    ("subsidy = quota of the tier", "补助标准 = 所在等级的定额"),
    ("subsidy = entered amount", "补助标准 = 录入金额"),
    ("rent_subsidy = min(monthly × 12, approved rent)", "房租补贴 = min(月补贴 × 12, 核定房租)"),
    ("rent_subsidy = min(area × rate × days, approved rent)", "房租补贴 = min(面积 × 标准 × 天数, 核定房租)"),
    ("grants_annual = Σ amount ÷ years", "专项补助（年） = Σ 金额 ÷ 分摊年数"),
    ("donations = entered annual amount", "社会捐赠 = 录入年额"),
    ("savings = entered annual amount", "水电气按居民价节省 = 录入年额"),
    ("net = max(0, total_approved − Σ deductions) ÷ child_months", "扣除补助后生均月成本 = max(0, 核定总成本 − Σ 抵减) ÷ 人月数"),
    ("cost_based_fee = round(net cost per child-month)", "按成本收费 = 取整(扣除补助后生均月成本)"),
    ("guided_fee = min(base, ⌊cap⌋)", "政府指导价 = min(基准, ⌊收费上限⌋)"),
    (
        "band = [round(base × (1 − down)), min(round(base × (1 + up)), ⌊cap⌋)]",
        "浮动区间 = [取整(基准 × (1 − 下浮)), min(取整(基准 × (1 + 上浮)), ⌊收费上限⌋)]",
    ),
    (
        "range = [round(net cost per child-month at full places), round(net cost at actual enrolment)]",
        "参考区间 = [取整(满额在托时扣除补助后生均月成本), 取整(实际在托时扣除补助后生均月成本)]",
    ),
    ("occupancy = fixed ÷ (fee × months − per_child) ÷ slots", "保本入托率 = 固定部分 ÷ (收费 × 月数 − 生均部分) ÷ 托位数"),
    ("share = fee ÷ income", "收入占比 = 收费 ÷ 家庭月均可支配收入"),
    ("subsidy = max(0, net cost per child-month − target fee)", "所需补助 = max(0, 扣除补助后生均月成本 − 目标收费)"),
    ("subsidy = max(0, cost − fee)", "所需补助 = max(0, 成本 − 收费)"),
    ("budget = slots × occupancy × subsidy × months", "财政预算 = 托位数 × 入托率 × 补助标准 × 月数"),
    ("refund = care_fee × refund share under the rule", "退保育费 = 月保育费 × 规则规定的退费比例"),
    ("refund = care_fee − charge for the month", "退保育费 = 月保育费 − 当月应收"),
    ("refund = meal_fee × absent days ÷ working days", "退伙食费 = 月伙食费 × 缺勤天数 ÷ 工作日数"),
    ("cost_i = mean(approved cost a year) ÷ mean(child-months a year)", "机构生均月成本 = 年均核定成本 ÷ 年均人月数"),
    (
        "cost_t = (direct_t + shared × child-months_t ÷ child-months) ÷ child-months_t",
        "班型生均月成本 = (班型直接成本 + 共同成本 × 班型人月数 ÷ 总人月数) ÷ 班型人月数",
    ),
    ("cv = √(Σ (cost_i − mean)² ÷ n) ÷ mean", "变异系数 = √(Σ (机构成本 − 平均)² ÷ 机构数) ÷ 平均"),
    (
        "outlier = |cost − weighted average of all| ÷ weighted average of all > threshold",
        "偏离较大 = |机构成本 − 全部加权平均| ÷ 全部加权平均 > 阈值",
    ),
    ("pricing_cost = Σ approved cost ÷ Σ child-months", "定价成本 = Σ 核定成本 ÷ Σ 人月数"),
    (
        "pricing_cost_t = Σ approved cost_t ÷ Σ child-months_t; fee_t = min(round(pricing_cost_t − offsets per child-month), ⌊cap⌋)",
        "班型定价成本 = Σ 班型核定成本 ÷ Σ 班型人月数；班型收费 = min(取整(班型定价成本 − 生均月抵减), ⌊收费上限⌋)",
    ),
    (
        "gap = Σ (fee + quota − cost_i) × child_months_i = (fee + quota) × Σ child_months − Σ approved cost",
        "收支差 = Σ (收费 + 定额补助 − 机构成本) × 机构人月数 = (收费 + 定额补助) × Σ 人月数 − Σ 核定成本",
    ),
    ("fiscal = quota × Σ child_months + Σ max(0, −gap_i)", "财政投入 = 定额补助 × Σ 人月数 + Σ max(0, −机构收支差)"),
    ("fiscal_at_target = fiscal ÷ pooled slots × target slots", "目标托位财政投入 = 财政投入 ÷ 样本托位数 × 目标托位数"),
    ("net cost per child-month(value) = target", "扣除补助后生均月成本(取值) = 目标收费"),
    (
        "occupancy = fixed net cost ÷ ((target × months − per-child net cost) × places)",
        "入托率 = 固定净成本 ÷ ((目标收费 × 月数 − 生均净成本) × 托位数)",
    ),
    ("smallest income with round(ratio × income) ≥ fee", "使 取整(比例 × 家庭月均可支配收入) ≥ 收费 的最低收入"),
    (
        "net cost = fixed + per-child × enrolment; solved for the enrolment at which fee covers it",
        "净成本 = 固定部分 + 生均部分 × 在托人数；求收费恰好覆盖成本时的在托人数",
    ),
];

/// Each name a formula's values go by, and how a Chinese reader sees it.
const NAMES_ZH: &[(&str, &str)] = &[
    ("a", "a"),
    ("amount", "金额"),
    ("annual_at_enrolment", "按在托人数的年额"),
    ("approved_rent", "核定房租"),
    ("at_enrolment", "实际在托时"),
    ("at_full_places", "满额在托时"),
    ("base", "基准"),
    ("basic_fee", "基本收费"),
    ("cap", "收费上限"),
    ("care_fee", "月保育费"),
    ("carers_required", "应配保育人员"),
    ("charged", "当月应收"),
    ("child_months", "人月数"),
    ("classes", "班数"),
    ("cost", "成本"),
    ("count", "数量"),
    ("days_absent", "缺勤天数"),
    ("days_attended", "入托天数"),
    ("deductions", "抵减"),
    ("end", "年末"),
    ("enrolment", "在托人数"),
    ("exact", "精确值"),
    ("excluded_government_funded", "剔除的政府投入资产"),
    ("fee", "收费"),
    ("fiscal_cost_annual", "年财政投入"),
    ("fixed", "固定部分"),
    ("fixed_net_annual", "年固定净成本"),
    ("float_down", "下浮比例"),
    ("float_up", "上浮比例"),
    ("food_per_child_month", "生均月伙食成本"),
    ("half_day_share", "半日托比例"),
    ("headroom", "距上限空间"),
    ("high", "上限"),
    ("hourly_share", "计时托比例"),
    ("household_size", "户均人数"),
    ("income", "家庭月均可支配收入"),
    ("limit", "限额"),
    ("low", "下限"),
    ("max", "最大值"),
    ("meal_fee", "月伙食费"),
    ("median", "中位数"),
    ("min", "最小值"),
    ("monthly", "月补贴"),
    ("months", "月数"),
    ("months_charged", "收费月数"),
    ("n", "机构数"),
    ("net_at_0", "零收费时净成本"),
    ("net_cost", "扣除补助后成本"),
    ("net_per_child_month", "扣除补助后生均月成本"),
    ("net_per_child_month_now", "当前扣除补助后生均月成本"),
    ("occupancy", "入托率"),
    ("offsets_per_child_month", "生均月抵减"),
    ("per_capita_annual", "人均年可支配收入"),
    ("per_child", "生均部分"),
    ("per_child_net_annual", "年生均净成本"),
    ("pooled_slots", "样本托位数"),
    ("pricing_cost", "定价成本"),
    ("quota", "定额补助"),
    ("quota_annual", "年定额补助"),
    ("quota_per_child_month", "生均月定额补助"),
    ("ratio", "比例"),
    ("refund_share", "退费比例"),
    ("simple_mean", "简单平均"),
    ("slope_per_yuan", "每元斜率"),
    ("slots", "托位数"),
    ("standard_deviation", "标准差"),
    ("start", "年初"),
    ("subsidy", "补助"),
    ("target", "目标"),
    ("target_fee", "目标收费"),
    ("top_ups_annual", "年补足额"),
    ("total_approved", "核定总成本"),
    ("total_approved_annual", "年核定总成本"),
    ("total_child_months", "总人月数"),
    ("total_reported", "申报总成本"),
    ("w_end", "年末权重"),
    ("w_start", "年初权重"),
    ("weighted_average_of_all", "全部加权平均"),
    ("working_days", "工作日数"),
    ("year", "年度"),
    ("years", "年数"),
    ("approved_annual", "年核定成本"),
    ("direct_annual", "年直接成本"),
    ("shared_annual", "年分摊的共同成本"),
    // A class type, as the part of a name an institution's figure goes by.
    ("infant", "乳儿班"),
    ("toddler", "托小班"),
    ("older_toddler", "托大班"),
    ("mixed", "混龄班"),
];

fn lookup<'a>(table: &'static [(&'static str, &'static str)], key: &'a str, lang: Language) -> Option<&'a str> {
    match lang {
        Language::En => Some(key),
        Language::Zh => table.iter().find(|(en, _)| *en == key).map(|(_, zh)| *zh),
    }
}

/// A step's formula as a reader of `lang` sees it: the recorded formula in English, its
/// Chinese form in Chinese (`None` for a formula without one, which a test rules out).
///
/// ```
/// use fee_core::{formula_text, Language};
/// assert_eq!(formula_text("cap = round(ratio × income)", Language::Zh), Some("收费上限 = 取整(比例 × 家庭月均可支配收入)"));
/// assert_eq!(formula_text("cap = round(ratio × income)", Language::En), Some("cap = round(ratio × income)"));
/// assert_eq!(formula_text("x = y", Language::Zh), None);
/// ```
pub fn formula_text(formula: &str, lang: Language) -> Option<&str> {
    lookup(FORMULAS_ZH, formula, lang)
}

/// The name of a formula's value as a reader of `lang` sees it (`None` for a name without a
/// Chinese form, which a test rules out). A name of an institution's figure, such as
/// `BJ-01.toddler.child_months`, keeps the institution's id and gives each known part in
/// Chinese.
///
/// ```
/// use fee_core::{value_name, Language};
/// assert_eq!(value_name("income", Language::Zh).as_deref(), Some("家庭月均可支配收入"));
/// assert_eq!(value_name("income", Language::En).as_deref(), Some("income"));
/// assert_eq!(value_name("BJ-01.toddler.child_months", Language::Zh).as_deref(), Some("BJ-01 托小班 人月数"));
/// ```
pub fn value_name(name: &str, lang: Language) -> Option<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    if let Some(found) = lookup(NAMES_ZH, name, lang) {
        return Some(Cow::Borrowed(found));
    }
    let (id, rest) = name.split_once('.')?;
    let parts: Option<Vec<&str>> = rest.split('.').map(|p| lookup(NAMES_ZH, p, lang)).collect();
    Some(Cow::Owned(format!("{id} {}", parts?.join(" "))))
}
