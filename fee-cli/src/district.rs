//! `fee district`: the survey template, many filled workbooks in, the district sample
//! evaluated, and the cost-audit report out.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use fee_core::{grouped, DistrictResult, DistrictSample, Language, ParameterSet, SampleInstitution};

use crate::render::{pick, plain};
use crate::{parameter_set, parse_json, read, to_json, Failure, Format, Named};

/// What `fee district` does.
#[derive(Subcommand)]
pub enum DistrictCommand {
    /// Write the cost-survey workbook an operator fills in Excel or WPS (or, for a name ending in
    /// .csv, the same survey as `sheet,cell,value` rows for systems that write text).
    Template {
        /// The workbook to write (.xlsx), or the CSV survey (.csv).
        #[arg(long)]
        out: PathBuf,
        /// The date whose class standards bound the class sizes.
        #[arg(long, default_value = "2024-06-01")]
        date: String,
    },
    /// Read filled survey workbooks (or CSV surveys, or institutions as JSON) into one district sample file.
    Import {
        /// Workbooks (.xlsx), CSV surveys (.csv), institution files (.json), or folders of workbooks and CSV surveys.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The district sample to write (JSON); standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The district's name.
        #[arg(long, default_value = "")]
        district: String,
        /// The pricing date.
        #[arg(long, default_value = "2024-06-01")]
        date: String,
        /// The year of the district income the cap is taken from.
        #[arg(long, default_value = "2022")]
        income_year: i32,
    },
    /// Evaluate a district sample: each institution's cost, the pricing cost, the fee and the gaps.
    Evaluate {
        /// The district sample (JSON; `-`: standard input).
        sample: PathBuf,
        /// The form of the output.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Compare with the sample under this set (a built-in id or a file): each figure under
        /// both, with its change, and the findings that appear or disappear.
        #[arg(long, value_name = "ID|FILE")]
        compare_set: Option<String>,
    },
    /// Write the cost-audit report of a district sample: print-ready HTML or xlsx, by the name.
    Report {
        /// The district sample (JSON; `-`: standard input).
        sample: PathBuf,
        /// The report to write: .html or .xlsx.
        #[arg(long)]
        out: PathBuf,
    },
}

/// Runs a district command; the text to print on standard output.
pub fn run(command: DistrictCommand, params: Option<&str>, lang: Language) -> Result<String, Failure> {
    match command {
        DistrictCommand::Template { out, date } => {
            let set = parameter_set(params, Named::Chaoyang)?;
            let csv = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let bytes = if csv {
                fee_core::survey_template_csv().into_bytes()
            } else {
                fee_core::survey_template(set, date.parse()?).map_err(|e| Failure::at(&out, e))?
            };
            write_whole(&out, &bytes)?;
            Ok(format!("{}{}\n", pick(lang, "已写出调查表模板：", "survey template written: "), out.display()))
        }
        DistrictCommand::Import { files, out, district, date, income_year } => {
            let (institutions, report) = import(&files, lang)?;
            eprint!("{report}");
            if institutions.is_empty() {
                return Err(Failure::text(
                    "没有读入任何机构：请先改正上面列出的错误",
                    "no institution was read: correct the errors listed above first",
                ));
            }
            let sample = DistrictSample {
                schema_version: fee_core::DISTRICT_SCHEMA_VERSION,
                district,
                parameter_set: fee_core::ParameterSetRef::of(parameter_set(params, Named::Chaoyang)?),
                date: date.parse()?,
                income: fee_core::IncomeBasis::District { year: income_year },
                offsets: fee_core::GovernmentInputs::default(),
                float_up: None,
                float_down: None,
                fee: None,
                target_year: None,
                institutions,
                exclusions: Vec::new(),
            };
            let json = to_json(&sample)?;
            match out {
                Some(path) => {
                    write_whole(&path, json.as_bytes())?;
                    Ok(String::new())
                }
                None => Ok(json),
            }
        }
        DistrictCommand::Evaluate { sample: path, format, compare_set: Some(other) } => {
            let sample: DistrictSample = parse_json(&path, &read(&path)?)?;
            let set = parameter_set(params, Named::By(&path, &sample.parameter_set.id))?;
            let reform = parameter_set(Some(&other), Named::Chaoyang)?;
            let c = fee_core::compare_district(&sample, set, reform).map_err(|e| Failure::at(&path, e))?;
            match format {
                Format::Json => to_json(&c),
                Format::Text => Ok(crate::render::comparison(&c, set, sample.date, lang)),
            }
        }
        DistrictCommand::Evaluate { sample, format, compare_set: None } => {
            let (result, set) = evaluate(&sample, params)?;
            match format {
                Format::Json => to_json(&result),
                Format::Text => Ok(text(&result, set, lang)),
            }
        }
        DistrictCommand::Report { sample, out } => {
            let (result, set) = evaluate(&sample, params)?;
            let bytes = match out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
                Some("html" | "htm") => fee_core::district_report_html(&result, set, lang, today()).into_bytes(),
                Some("xlsx") => fee_core::district_report_xlsx(&result, set, lang).map_err(|e| Failure::at(&out, e))?,
                _ => {
                    return Err(Failure::text(
                        format!("--out {}：报告须为 .html 或 .xlsx 文件", out.display()),
                        format!("--out {}: the report must be an .html or .xlsx file", out.display()),
                    ))
                }
            };
            write_whole(&out, &bytes)?;
            Ok(format!("{}{}\n", pick(lang, "已写出成本监审报告：", "cost-audit report written: "), out.display()))
        }
    }
}

fn evaluate<'a>(path: &Path, params: Option<&'a str>) -> Result<(DistrictResult, &'a ParameterSet), Failure> {
    let sample: DistrictSample = parse_json(path, &read(path)?)?;
    let set = parameter_set(params, Named::By(path, &sample.parameter_set.id))?;
    let result = fee_core::evaluate_district(&sample, set).map_err(|e| Failure::at(path, e))?;
    Ok((result, set))
}

/// Reads every file (folders are read one level deep, in name order); the institutions read
/// and a summary with every error located by file, sheet and cell.
fn import(paths: &[PathBuf], lang: Language) -> Result<(Vec<SampleInstitution>, String), Failure> {
    let files = crate::files_in(paths, &["xlsx", "csv"])?;
    let mut read = Vec::new();
    for file in &files {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        read.push((name, std::fs::read(file).map_err(|e| Failure::at(file, e))?));
    }
    let mut institutions: Vec<SampleInstitution> = Vec::new();
    let outcome = fee_core::import_surveys(&mut institutions, read.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    let mut report = String::new();
    for line in outcome.iter().flat_map(|f| f.errors(lang)) {
        let _ = writeln!(report, "{}", plain(line));
    }
    let _ = writeln!(report, "{}", fee_core::import_summary(&outcome, institutions.len(), lang));
    Ok((institutions, report))
}

/// Writes `bytes` to a temporary file beside `path` and moves it into place, so `path` is
/// always one whole output, never a mixture of two runs or half of one.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let mut tmp = crate::temporary_beside(path)?;
    tmp.write_all(bytes).map_err(|e| Failure::at(path, crate::Cause::writing(e)))?;
    tmp.persist(path).map_err(|e| Failure::at(path, crate::Cause::writing(e.error)))?;
    Ok(())
}

/// The district result for a terminal: the pooled figures, the fee, then each institution.
fn text(r: &DistrictResult, set: &ParameterSet, lang: Language) -> String {
    let money = |v| grouped(set.round_money(v, r.date).unwrap_or(v));
    let fee = |v| grouped(set.round_fee(v, r.date).unwrap_or(v));
    let pct = |v| set.round_percent(v, r.date).map_or_else(|_| format!("{v}"), |p| format!("{p}%"));
    let per_cm = pick(lang, "元/生·月", "yuan/child-month");
    let mut out = String::new();
    let _ = writeln!(out, "{} — {} {} ({})", plain(&r.district), r.parameter_set.id, r.parameter_set.version, r.date);
    let p = &r.pooled;
    let mut rows: Vec<(&str, String, &str)> = vec![
        (pick(lang, "计入平均的机构", "Institutions pooled"), p.institutions.to_string(), ""),
        (pick(lang, "定价成本（加权平均）", "Pricing cost (weighted)"), grouped(p.weighted_average_rounded), per_cm),
        (pick(lang, "简单平均", "Simple mean"), grouped(p.simple_mean), per_cm),
        (pick(lang, "中位数", "Median"), grouped(p.median), per_cm),
        (pick(lang, "最低 – 最高", "Lowest – highest"), format!("{} – {}", grouped(p.min), grouped(p.max)), per_cm),
        (pick(lang, "变异系数", "Coefficient of variation"), pct(p.coefficient_of_variation), ""),
        (pick(lang, "收费上限", "Fee cap"), grouped(r.fee.cap), pick(lang, "元/月", "yuan/month")),
    ];
    if let Some(g) = r.fee.guided_fee {
        rows.push((pick(lang, "基准收费（指导价）", "Guided base fee"), fee(g), pick(lang, "元/月", "yuan/month")));
    }
    if let Some(b) = &r.fee.float_band {
        rows.push((
            pick(lang, "浮动区间", "Float band"),
            format!("{} – {}", fee(b.low), fee(b.high)),
            pick(lang, "元/月", "yuan/month"),
        ));
    }
    rows.push((
        pick(lang, "样本年度收支差", "Sample's annual balance"),
        money(r.pooled_gap_annual),
        pick(lang, "元/年", "yuan/year"),
    ));
    rows.push((
        pick(lang, "样本年度财政投入", "Sample's annual fiscal cost"),
        money(r.fiscal_cost_annual),
        pick(lang, "元/年", "yuan/year"),
    ));
    if let Some(v) = r.fiscal_cost_at_target_annual {
        rows.push((
            pick(lang, "按托位目标的财政投入", "Fiscal cost at the slot target"),
            money(v),
            pick(lang, "元/年", "yuan/year"),
        ));
    }
    let sep = pick(lang, "：", ": ");
    for (label, value, unit) in rows {
        let line = format!("  {label}{sep}{value} {unit}");
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if !r.class_types.is_empty() {
        let _ = writeln!(out, "\n{}", pick(lang, "分班型：", "By class type:"));
        let none = pick(lang, "未测算（参数集无限额）", "not derived (no limit in the set)");
        for c in &r.class_types {
            let full = c.fee.guided_fee.unwrap_or(c.fee.cost_based_fee);
            let month = pick(lang, "元/月", "yuan/month");
            let half = c.service_forms.half_day.map_or_else(|| none.to_string(), |v| format!("{} {month}", fee(v)));
            let hour = c
                .service_forms
                .hourly
                .map_or_else(|| none.to_string(), |v| format!("{} {}", money(v), pick(lang, "元/小时", "yuan/hour")));
            let (name, cost, n) = (
                pick(lang, c.class_type.name_zh(), c.class_type.name_en()),
                grouped(c.pooled.weighted_average_rounded),
                c.pooled.institutions,
            );
            let full = fee(full);
            let held = if c.fee.capped { pick(lang, "（按上限）", " (held at the cap)") } else { "" };
            let _ = match lang {
                Language::Zh => writeln!(
                    out,
                    "  {name}：定价成本 {cost} {per_cm}（{n} 家机构）；全日托 {full} {month}{held}；半日托 {half}；计时托 {hour}"
                ),
                Language::En => writeln!(
                    out,
                    "  {name}: pricing cost {cost} {per_cm} ({n} {}); full day {full} {month}{held}; half day {half}; hourly {hour}",
                    if n == 1 { "institution" } else { "institutions" }
                ),
            };
        }
    }
    let _ = writeln!(out, "\n{}", pick(lang, "机构：", "Institutions:"));
    for c in &r.institutions {
        let status = match (&c.excluded, c.outlier) {
            (Some(why), _) => format!("{}{}{}", pick(lang, "已剔除", "excluded"), pick(lang, "：", ": "), plain(why)),
            (None, true) => pick(lang, "偏离较大", "far from the average").to_string(),
            (None, false) => String::new(),
        };
        let _ = writeln!(
            out,
            "  {} {} {per_cm}  {} {}  {} {}  {status}",
            plain(&c.name),
            grouped(c.cost_per_child_month_rounded),
            pick(lang, "偏离", "deviation"),
            pct(c.deviation),
            pick(lang, "年度收支差", "annual balance"),
            grouped(c.surplus_annual),
        );
    }
    if !r.findings.is_empty() {
        let _ = writeln!(out, "\n{}", pick(lang, "发现：", "Findings:"));
        for f in &r.findings {
            let _ = writeln!(
                out,
                "  [{}] {}",
                pick(lang, f.severity.name_zh(), f.severity.name_en()),
                f.message.text(lang)
            );
        }
    }
    let _ = writeln!(out, "\n{}", pick(lang, "计算过程：", "Trace:"));
    out + &r.trace.to_text_rounded(lang, set, r.date)
}

/// Today's date in UTC from the system clock, for the report's print date; none when the
/// clock is before 1970 or the date does not read.
pub(crate) fn today() -> Option<fee_core::Date> {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    let days = i64::try_from(secs / 86_400).ok()?;
    // Days since 1970-01-01 to a civil date (the proleptic Gregorian calendar, by 400-year eras).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    fee_core::Date::new(i32::try_from(year).ok()?, u32::try_from(month).ok()?, u32::try_from(day).ok()?).ok()
}
