//! The clause map: every clause of the documents the project encodes (the Chaoyang plan's
//! section 一 and 二, and the national, Beijing and local texts listed in docs/sources.md)
//! against the rules, parameters and worked cases that encode it.
//!
//! The catalogue of clauses is the documents' structure, written once below. The map is not:
//! [`clause_map`] runs the library's own examples and the worked cases it is given, reads every
//! clause their results cite (trace steps, findings, sources), and reads the references of
//! every built-in parameter and refund rule. A clause nothing cites is listed as not encoded,
//! with the catalogue's reason, and a citation of a clause the catalogue lacks is listed apart
//! (a test keeps that list empty).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cases::CaseFile;
use crate::foundations::date::Date;
use crate::foundations::error::FeeError;
use crate::foundations::parameters::ParameterSet;
use crate::foundations::trace::PLAN_DOCUMENT;

/// One clause of a document, as the catalogue lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    /// The document as the project cites it (its 文号, or the token docs/sources.md gives).
    pub document: &'static str,
    /// The clause as the code cites it: a section such as 二(二)1, an article such as 第四条,
    /// or, for a document without numbered articles, the rule's short name.
    pub id: &'static str,
    /// What the clause says, in Chinese.
    pub summary_zh: &'static str,
    /// What the clause says, in English.
    pub summary_en: &'static str,
    /// Why the code does not encode it, in Chinese; empty when it does.
    pub not_encoded_zh: &'static str,
    /// The same in English.
    pub not_encoded_en: &'static str,
}

const fn encoded(document: &'static str, id: &'static str, zh: &'static str, en: &'static str) -> Clause {
    Clause { document, id, summary_zh: zh, summary_en: en, not_encoded_zh: "", not_encoded_en: "" }
}

const fn not_encoded(
    document: &'static str,
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    why_zh: &'static str,
    why_en: &'static str,
) -> Clause {
    Clause { document, id, summary_zh: zh, summary_en: en, not_encoded_zh: why_zh, not_encoded_en: why_en }
}

const PLAN: &str = PLAN_DOCUMENT;
const NOT_PRICING_ZH: &str = "不涉及收费标准或补助金额的测算";
const NOT_PRICING_EN: &str = "sets no fee, cost or subsidy figure to compute";

/// Every clause of the documents the project draws on, in the documents' order.
///
/// ```
/// let c = fee_core::CLAUSES.iter().find(|c| c.id == "二(二)1").unwrap();
/// assert_eq!(c.document, "朝政办字〔2024〕1号");
/// assert!(c.not_encoded_zh.is_empty());
/// ```
pub const CLAUSES: &[Clause] = &[
    encoded(PLAN, "一", "工作目标：2023—2025年托位数及普惠托位数目标", "Targets: places and inclusive places, 2023–2025"),
    not_encoded(
        PLAN,
        "二(一)",
        "落实托位任务：托位任务分解到各街乡",
        "Slot tasks divided among the sub-districts",
        "各街乡的任务数未公布；全区目标见“一”",
        "the sub-districts' shares are not published; the district targets are under 一",
    ),
    not_encoded(
        PLAN,
        "二(二)",
        "制定区级普惠政策：依京卫家庭〔2023〕22号动态调整普惠政策",
        "District inclusive policy under 京卫家庭〔2023〕22号, adjusted over time",
        "本段为依据与原则，其规则见二(二)1—4；动态调整由参数集的生效日期表达",
        "a statement of basis: its rules are 二(二)1–4; adjustment over time is the parameter sets' dated values",
    ),
    encoded(
        PLAN,
        "二(二)1",
        "公办托育收费实行政府指导价：履行价格调查、成本监审或成本调查等程序，在上年度本区家庭月均可支配收入20%（2022年为3,131元/月）上限内制定",
        "Public fees are government-guided prices, set by the pricing procedure within 20% of the previous year's district household monthly disposable income (3,131 yuan/month for 2022)",
    ),
    encoded(
        PLAN,
        "二(二)2",
        "民办普惠托育收费根据办托成本、补助标准等协商确定；收费项目、标准和收退费规则向家长告知",
        "Private inclusive fees negotiated from operating cost and subsidy standards; items, standards and refund rules disclosed to parents",
    ),
    encoded(
        PLAN,
        "二(二)3",
        "补贴资金保障：区财政局保障资金，租金补贴按细则发放，加强补贴审计",
        "Subsidies funded by the district finance bureau; rent subsidies by detailed rules; subsidy audits",
    ),
    encoded(
        PLAN,
        "二(二)4",
        "普惠审批流程：区教委或街乡初审、区卫生健康委复审并公示；不得同时存在普惠和非普惠两种服务标准；收费公示",
        "Approval: the education commission, or the sub-district then the health commission, reviews and publishes; no dual inclusive / non-inclusive standard; fees displayed",
    ),
    not_encoded(
        PLAN,
        "二(三)5",
        "鼓励支持用人单位举办托育机构",
        "Employers encouraged to run nurseries",
        NOT_PRICING_ZH,
        NOT_PRICING_EN,
    ),
    not_encoded(PLAN, "二(三)6", "补齐社区托育服务短板", "Community childcare places", NOT_PRICING_ZH, NOT_PRICING_EN),
    not_encoded(PLAN, "二(四)7", "落实北京市托育服务规范", "Beijing's service standards", NOT_PRICING_ZH, NOT_PRICING_EN),
    not_encoded(PLAN, "二(四)8", "加强托育机构综合监管", "Supervision of nurseries", NOT_PRICING_ZH, NOT_PRICING_EN),
    not_encoded(
        PLAN,
        "二(四)9",
        "托育机构数字化监管及督导",
        "Digital supervision and inspection",
        NOT_PRICING_ZH,
        NOT_PRICING_EN,
    ),
    encoded(
        PLAN,
        "二(五)10",
        "托育机构水电气热按居民生活类价格执行",
        "Water, electricity, gas and heating at residential prices",
    ),
    not_encoded(
        PLAN,
        "二(五)11",
        "引导金融机构对托育机构提供支持",
        "Financial support for nurseries",
        NOT_PRICING_ZH,
        NOT_PRICING_EN,
    ),
    not_encoded(PLAN, "二(六)12", "建设朝阳区托育综合服务中心", "A district childcare centre", NOT_PRICING_ZH, NOT_PRICING_EN),
    not_encoded(PLAN, "二(六)13", "托育服务人才培养体系建设", "Training of childcare staff", NOT_PRICING_ZH, NOT_PRICING_EN),
    not_encoded(PLAN, "二(六)14", "提升从业人员职业能力", "Skills of childcare staff", NOT_PRICING_ZH, NOT_PRICING_EN),
    not_encoded(PLAN, "二(六)15", "加强对家庭养育的指导", "Guidance for families", NOT_PRICING_ZH, NOT_PRICING_EN),
    not_encoded(
        "京卫家庭〔2023〕22号",
        "收费上限原则",
        "公办托育收费原则上不高于本区上年度家庭月均可支配收入的20%",
        "Public fees in principle not above 20% of the district's previous-year household monthly income",
        "朝阳区方案二(二)1 对本区作了规定，代码引用该条",
        "the Chaoyang plan's 二(二)1 sets it for the district; the code cites that clause",
    ),
    encoded(
        "京卫家庭〔2023〕22号",
        "生均定额补助",
        "普惠托育机构享受北京市普惠性幼儿园生均定额补助",
        "Inclusive institutions receive the per-child quota subsidy of Beijing's inclusive kindergartens",
    ),
    encoded(
        "京卫家庭〔2023〕22号",
        "扩学位补助",
        "新增学位一次性补助",
        "A one-off subsidy per added place",
    ),
    encoded(
        "京发改〔2006〕1893号",
        "第四条",
        "定价成本为同一服务经营者的社会平均合理费用支出",
        "The pricing cost is the social average reasonable expenditure of operators providing the same service",
    ),
    encoded(
        "发改价格〔2024〕1477号",
        "基本服务费与其他服务费",
        "基本服务费（保育费等）与其他服务费（伙食费等）分别收取，伙食费按成本收取",
        "Basic service fees (care) apart from other service fees (meals, at cost)",
    ),
    encoded(
        "发改价格〔2024〕1477号",
        "基准收费标准和浮动幅度",
        "公办托育实行政府指导价，制定基准收费标准和浮动幅度",
        "A public fee is a guided price: a base standard and a float band",
    ),
    encoded(
        "发改价格〔2024〕1477号",
        "以扣除政府投入和社会无偿捐赠后的服务成本为基础",
        "收费以扣除政府投入和社会无偿捐赠后的服务成本为基础",
        "Fees are based on the service cost after deducting government input and free donations",
    ),
    encoded(
        "发改价格〔2024〕1477号",
        "全日托、半日托、计时托",
        "按全日托、半日托、计时托等服务形式分别定价",
        "Fees per service form: full-day, half-day, hourly",
    ),
    encoded(
        "发改价格〔2024〕1477号",
        "不得在规定项目之外收费",
        "不得在规定的收费项目之外收取其他费用",
        "No fee outside the listed items",
    ),
    not_encoded(
        "发改价格〔2024〕1477号",
        "定期评估",
        "收费标准原则上每三年评估一次",
        "Fee standards reviewed at least every three years",
        "评估周期是定价机关的工作安排，不是收费标准的算式；参数的生效日期记录每次调整",
        "the review cycle is the bureau's schedule, not a fee formula; each change is a dated parameter value",
    ),
    encoded(
        "国家发展改革委令2017年第8号",
        "政府投入形成的资产折旧不计入定价成本",
        "政府投入、社会无偿捐赠形成的资产，其折旧不计入定价成本",
        "Depreciation of assets from government input or donations is not in the pricing cost",
    ),
    encoded(
        "成本监审表",
        "平均在园人数",
        "平均在园人数 = (年初 × 8 + 年末 × 4) ÷ 12",
        "Average enrolment = (start of year × 8 + end of year × 4) ÷ 12",
    ),
    encoded(
        "国卫人口发〔2019〕58号",
        "托育机构设置标准（试行）",
        "乳儿班10人以下、1:3；托小班15人以下、1:5；托大班20人以下、1:7；混合班不超过18人",
        "Class sizes and carer ratios: infant classes ≤ 10 at 1:3, toddler classes ≤ 15 at 1:5, older toddler classes ≤ 20 at 1:7, mixed ≤ 18",
    ),
    encoded(
        "安徽省政府制定价格成本监审实施细则",
        "第二十一条",
        "成本监审报告的内容，监审人员签字并加盖公章",
        "The contents of a cost-audit report, signed by the auditors and sealed",
    ),
    encoded("南昌", "半日托", "半日托收费不超过全日托的50%", "A half-day fee at most 50% of the full-day fee"),
    encoded("南昌", "计时托", "计时托每小时不超过日收费的20%", "An hourly fee at most 20% of the daily rate"),
    encoded(
        "多地收费规定",
        "不足整月按月标准",
        "不足整月按月标准 ÷ 22天折算",
        "A partial month charged at the monthly standard ÷ 22 days",
    ),
];

/// A rule that cites a clause: a trace step, a finding or a refund rule, by its id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RuleCitation {
    /// The step's id (`cap.amount`), the finding's code (`cap.exceeded`) or `refund:<rule id>`.
    pub id: String,
    /// What it is, in Chinese.
    pub label_zh: String,
    /// What it is, in English.
    pub label_en: String,
}

/// A parameter whose reference cites a clause.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ParameterCitation {
    /// The set's id.
    pub set: String,
    /// The parameter's name.
    pub name: String,
    /// Its title in Chinese.
    pub title_zh: String,
    /// Its title in English.
    pub title_en: String,
}

/// One clause and what encodes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClauseEntry {
    /// The document.
    pub document: String,
    /// The clause.
    pub clause: String,
    /// What it says, in Chinese.
    pub summary_zh: String,
    /// What it says, in English.
    pub summary_en: String,
    /// The rules (trace steps, findings, refund rules) that cite it.
    pub rules: Vec<RuleCitation>,
    /// The parameters whose references cite it.
    pub parameters: Vec<ParameterCitation>,
    /// The worked cases whose results cite it (`file: case`).
    pub cases: Vec<String>,
    /// Why nothing encodes it (Chinese, English), when nothing does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_encoded: Option<(String, String)>,
}

impl ClauseEntry {
    /// Whether a rule or a parameter encodes the clause.
    pub fn is_encoded(&self) -> bool {
        !self.rules.is_empty() || !self.parameters.is_empty()
    }
}

/// A citation of a clause the catalogue does not list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnknownCitation {
    /// The document cited.
    pub document: String,
    /// The clause cited.
    pub clause: String,
    /// What cited it: a rule's id or `set/parameter`.
    pub by: String,
}

/// The clause map, as [`clause_map`] makes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClauseMap {
    /// Every catalogue clause, in the documents' order.
    pub clauses: Vec<ClauseEntry>,
    /// Citations of clauses the catalogue does not list (none, when the code is right).
    pub unknown: Vec<UnknownCitation>,
    /// Catalogue clauses marked as encoded that nothing cites (none, when the code is right).
    pub uncited: Vec<String>,
}

#[derive(Default)]
struct Found {
    /// Rules by id, each with its first labels.
    rules: BTreeMap<String, (String, String)>,
    parameters: BTreeSet<ParameterCitation>,
    cases: BTreeSet<String>,
}

/// What the map is being built from.
struct Builder {
    found: BTreeMap<(String, String), Found>,
    unknown: BTreeSet<UnknownCitation>,
}

impl Builder {
    fn entry(&mut self, document: &str, clause: &str, by: &str) -> Option<&mut Found> {
        let known = CLAUSES.iter().any(|c| c.document == document && c.id == clause);
        if !known {
            self.unknown.insert(UnknownCitation { document: document.into(), clause: clause.into(), by: by.into() });
            return None;
        }
        Some(self.found.entry((document.to_string(), clause.to_string())).or_default())
    }

    /// Every clause source in a result, with the step or finding that cites it; `case` names the
    /// worked case the result is of.
    fn walk(&mut self, v: &Value, case: Option<&str>) {
        match v {
            Value::Array(items) => items.iter().for_each(|x| self.walk(x, case)),
            Value::Object(map) => {
                let mut sources: Vec<&Value> = Vec::new();
                if let Some(Value::Array(list)) = map.get("sources") {
                    sources.extend(list);
                }
                if let Some(s @ Value::Object(_)) = map.get("source") {
                    sources.push(s);
                }
                let text = |k: &str| map.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
                let id = map.get("id").or_else(|| map.get("code")).and_then(Value::as_str).unwrap_or_default();
                for s in sources {
                    if s.get("kind").and_then(Value::as_str) != Some("clause") {
                        continue;
                    }
                    let doc = s.get("document").and_then(Value::as_str).unwrap_or_default();
                    let clause = s.get("clause").and_then(Value::as_str).unwrap_or_default();
                    // A step has its labels; a finding's message holds one case's figures, so
                    // it is named as a finding.
                    let labels = if map.contains_key("label_zh") {
                        (text("label_zh"), text("label_en"))
                    } else {
                        ("核查结论".to_string(), "finding".to_string())
                    };
                    if let Some(found) = self.entry(doc, clause, id) {
                        if !id.is_empty() {
                            found.rules.entry(id.to_string()).or_insert(labels);
                        }
                        if let Some(case) = case {
                            found.cases.insert(case.to_string());
                        }
                    }
                }
                map.values().for_each(|x| self.walk(x, case));
            }
            _ => {}
        }
    }

    /// A reference cites every catalogue clause whose document it names with the clause after
    /// it (`朝政办字〔2024〕1号 二(二)1：`), or, for a clause of three characters or more,
    /// anywhere in it.
    fn cited_by(reference: &str) -> Vec<&'static Clause> {
        CLAUSES
            .iter()
            .filter(|c| {
                let Some(at) = reference.find(c.document) else { return false };
                let rest = reference[at + c.document.len()..].trim_start_matches(' ');
                let adjacent = rest
                    .strip_prefix(c.id)
                    .is_some_and(|after| !after.starts_with(|ch: char| ch.is_ascii_digit() || ch == '(' || ch == '（'));
                // The plan's sections nest (二(二) holds 二(二)1), so they are matched only
                // right after the document.
                adjacent || (c.document != PLAN && c.id.chars().count() >= 3 && reference.contains(c.id))
            })
            .collect()
    }

    fn references(&mut self, sets: &[ParameterSet]) {
        for set in sets {
            for (name, p) in set.parameters() {
                for value in &p.values {
                    for c in Builder::cited_by(&value.reference) {
                        if let Some(found) = self.entry(c.document, c.id, name) {
                            found.parameters.insert(ParameterCitation {
                                set: set.id.clone(),
                                name: name.to_string(),
                                title_zh: p.title_zh.clone(),
                                title_en: p.title_en.clone(),
                            });
                        }
                    }
                }
            }
        }
    }
}

/// The project's own worked cases (its `tests/cases/`), built in so that the map names them
/// wherever it is drawn: the command line and the app.
const PROJECT_CASES: &[(&str, &str)] = &[
    ("tests/cases/cap.json", include_str!("../../tests/cases/cap.json")),
    ("tests/cases/evaluate.json", include_str!("../../tests/cases/evaluate.json")),
    ("tests/cases/checks.json", include_str!("../../tests/cases/checks.json")),
    ("tests/cases/refunds.json", include_str!("../../tests/cases/refunds.json")),
    ("tests/cases/district.json", include_str!("../../tests/cases/district.json")),
    ("tests/cases/batch.json", include_str!("../../tests/cases/batch.json")),
];

/// The project's own worked cases, each named by its file.
///
/// # Errors
///
/// [`FeeError`] naming `cases` when a built-in case file does not read (a defect of the build).
///
/// ```
/// let cases = fee_core::project_cases()?;
/// assert!(cases.iter().any(|(file, _)| file == "tests/cases/cap.json"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn project_cases() -> Result<Vec<(String, CaseFile)>, FeeError> {
    PROJECT_CASES.iter().map(|(name, text)| Ok((name.to_string(), CaseFile::from_json(text)?))).collect()
}

/// The library's own examples, run so that the map sees every rule they reach: the sample
/// scenario, a fee schedule checked, the fiscal plan, the example refund rules and the
/// approval route.
fn examples(b: &mut Builder) -> Result<(), FeeError> {
    let set = ParameterSet::chaoyang()?;
    let json = |r: Result<Value, serde_json::Error>| r.map_err(|e| FeeError::invalid("clauses", "", e.to_string()));
    let date = Date::new(2024, 6, 1)?;
    let scenario = crate::rules::scenario::Scenario::example();
    for set in ParameterSet::builtin()? {
        if let Ok(e) = crate::rules::scenario::evaluate(&scenario, set) {
            b.walk(&json(serde_json::to_value(e))?, None);
        }
    }
    let income = crate::rules::cap::IncomeBasis::District { year: 2022 };
    let schedule = crate::review::schedule::FeeSchedule::example();
    b.walk(&json(serde_json::to_value(crate::review::checks::check_schedule(&schedule, set, date, &income)?))?, None);
    let fiscal = crate::planning::fiscal::fiscal_plan(&crate::planning::fiscal::FiscalInput::example(), set)?;
    b.walk(&json(serde_json::to_value(fiscal))?, None);
    for rule in crate::review::refund::RefundRule::examples()? {
        for c in Builder::cited_by(&rule.reference).into_iter().chain(Builder::cited_by(&rule.reference_zh)) {
            let id = format!("refund:{}", rule.id);
            if let Some(found) = b.entry(c.document, c.id, &id) {
                found.rules.entry(id).or_insert((rule.name_zh.clone(), rule.name_en.clone()));
            }
        }
    }
    // Rules whose results cite no source, each declared with its clause where it is written.
    let declared = [
        ("approval_route", "普惠审批流程", "Approval route", crate::review::approval::APPROVAL_CLAUSE),
        ("district.report", "成本监审报告", "Cost-audit report", crate::planning::district::REPORT_CLAUSE),
    ];
    for (id, zh, en, (doc, clause)) in declared {
        if let Some(found) = b.entry(doc, clause, id) {
            found.rules.entry(id.to_string()).or_insert((zh.to_string(), en.to_string()));
        }
    }
    Ok(())
}

/// The clause map of the library, its built-in parameter sets and refund rules, and the worked
/// `cases` given (each named, as by its file).
///
/// # Errors
///
/// [`FeeError`] when a built-in set or example does not read (a defect of the build); a case
/// that fails to run is left out of the map, not an error.
///
/// ```
/// let map = fee_core::clause_map(&[])?;
/// let cap = map.clauses.iter().find(|c| c.clause == "二(二)1").unwrap();
/// assert!(cap.rules.iter().any(|r| r.id == "cap.amount"));
/// assert!(cap.parameters.iter().any(|p| p.name == "cap.ratio"));
/// let staff = map.clauses.iter().find(|c| c.clause == "二(六)14").unwrap();
/// assert!(!staff.is_encoded() && staff.not_encoded.is_some());
/// assert!(map.unknown.is_empty());
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn clause_map(cases: &[(String, CaseFile)]) -> Result<ClauseMap, FeeError> {
    let mut b = Builder { found: BTreeMap::new(), unknown: BTreeSet::new() };
    examples(&mut b)?;
    b.references(ParameterSet::builtin()?);
    for (file, cases) in cases {
        for case in &cases.cases {
            if let Ok(result) = case.result(None) {
                b.walk(&result, Some(&format!("{file}: {}", case.name)));
            }
        }
    }
    let mut uncited = Vec::new();
    let clauses = CLAUSES
        .iter()
        .map(|c| {
            let found = b.found.remove(&(c.document.to_string(), c.id.to_string())).unwrap_or_default();
            let entry = ClauseEntry {
                document: c.document.into(),
                clause: c.id.into(),
                summary_zh: c.summary_zh.into(),
                summary_en: c.summary_en.into(),
                rules: found
                    .rules
                    .into_iter()
                    .map(|(id, (label_zh, label_en))| RuleCitation { id, label_zh, label_en })
                    .collect(),
                parameters: found.parameters.into_iter().collect(),
                cases: found.cases.into_iter().collect(),
                not_encoded: None,
            };
            let not_encoded = (!entry.is_encoded() && !c.not_encoded_zh.is_empty())
                .then(|| (c.not_encoded_zh.to_string(), c.not_encoded_en.to_string()));
            if !entry.is_encoded() && c.not_encoded_zh.is_empty() {
                uncited.push(format!("{} {}", c.document, c.id));
            }
            ClauseEntry { not_encoded, ..entry }
        })
        .collect();
    Ok(ClauseMap { clauses, unknown: b.unknown.into_iter().collect(), uncited })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_of_a_clause_not_in_the_catalogue_is_listed_apart() {
        let mut b = Builder { found: BTreeMap::new(), unknown: BTreeSet::new() };
        let step = serde_json::json!({"steps": [{"id": "x.y", "label_zh": "甲", "label_en": "A", "sources": [
            {"kind": "clause", "document": "朝政办字〔2024〕1号", "clause": "二(二)9"},
            {"kind": "clause", "document": "朝政办字〔2024〕1号", "clause": "二(二)1"}]}]});
        b.walk(&step, Some("f: c"));
        assert_eq!(b.unknown.len(), 1);
        let u = b.unknown.iter().next().unwrap();
        assert_eq!((u.clause.as_str(), u.by.as_str()), ("二(二)9", "x.y"));
        let found = &b.found[&("朝政办字〔2024〕1号".to_string(), "二(二)1".to_string())];
        assert_eq!(found.rules["x.y"], ("甲".to_string(), "A".to_string()));
        assert!(found.cases.contains("f: c"));
    }

    #[test]
    fn a_reference_cites_the_plans_clause_right_after_the_document_only() {
        let ids = |r: &str| Builder::cited_by(r).iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids("朝政办字〔2024〕1号 二(二)1：20%"), vec!["二(二)1"]);
        assert_eq!(ids("朝政办字〔2024〕1号 一：2023年托位数"), vec!["一"]);
        // "一" inside other text is not the clause 一.
        assert!(ids("每新增一个学位").is_empty());
        assert_eq!(ids("北京市普惠性幼儿园生均定额补助（京卫家庭〔2023〕22号引用）"), vec!["生均定额补助"]);
    }
}
