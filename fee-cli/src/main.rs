//! `fee`: the command line over fee-core, for pipelines and batch review.
//!
//! Every failure prints one line naming the file, the field and the reason, and exits
//! with status 2; the program never shows a panic trace. Text output and failures are in
//! Chinese unless `--lang en` (or `FEE_LANG=en`) asks for English.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use failure::{Cause, Failure};
use fee_core::{Language, ParameterSet};
use flags::{amount, whole};
use params::{parameter_set, Named};
use rust_decimal::Decimal;

mod batch;
mod cases;
mod district;
mod encoding;
mod failure;
mod flags;
mod params;
mod render;
mod serve;
mod zh;

/// Exact, explainable childcare fee pricing (Chaoyang plan 朝政办字〔2024〕1号).
#[derive(Parser)]
#[command(name = "fee", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of text output and of failures.
    #[arg(long, value_enum, global = true, env = "FEE_LANG", default_value = "zh")]
    lang: Lang,
    /// The parameter set: a built-in id (`fee params` lists them) or a JSON, TOML or YAML file
    /// [default: the set a scenario or dossier names, else cn-bj-chaoyang].
    #[arg(long, global = true, value_name = "ID|FILE")]
    params: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Text,
}

/// The forms of a result that can also be filed: a report as a self-contained HTML page for
/// print (A4, the same layout as the app's print).
#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Json,
    Text,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum Lang {
    Zh,
    En,
}

impl From<Lang> for Language {
    fn from(l: Lang) -> Self {
        match l {
            Lang::Zh => Language::Zh,
            Lang::En => Language::En,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate a scenario file (JSON) and print the result with its trace.
    Evaluate {
        /// The scenario file (`-`: standard input).
        scenario: PathBuf,
        /// The form of the output (html: the pricing report for print, with a signature block).
        #[arg(long, value_enum, default_value = "json")]
        format: ReportFormat,
        /// Compare with the scenario under this set (a built-in id or a file): each figure under
        /// both, with its change, and the findings that appear or disappear.
        #[arg(long, value_name = "ID|FILE")]
        compare_set: Option<String>,
    },
    /// The fee cap for a household income, and a fee's headroom under it.
    Cap {
        /// Household monthly disposable income, yuan.
        #[arg(long, value_parser = amount, allow_hyphen_values = true, conflicts_with_all = ["per_capita", "year"])]
        income: Option<Decimal>,
        /// Per-capita annual disposable income, yuan (with --household-size).
        #[arg(long, value_parser = amount, allow_hyphen_values = true, requires = "household_size")]
        per_capita: Option<Decimal>,
        /// Persons per household.
        #[arg(long, value_parser = amount, allow_hyphen_values = true)]
        household_size: Option<Decimal>,
        /// Use the district income the parameter set records for this year.
        #[arg(long, value_parser = whole::<i32>, allow_hyphen_values = true)]
        year: Option<i32>,
        /// A fee to compare, yuan per month.
        #[arg(long, value_parser = amount, allow_hyphen_values = true)]
        fee: Option<Decimal>,
        /// The pricing date (parameters in force on it).
        #[arg(long, default_value = "2024-06-01")]
        date: String,
        /// The form of the output.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// List the built-in parameter sets, or show one (built in or a file) with every value's source.
    Params {
        /// Show this set in full: a built-in id or a JSON, TOML or YAML file (or give `--params`);
        /// `history KEY` shows one parameter's values over time instead.
        #[arg(value_name = "ID|FILE")]
        set: Option<String>,
        /// With `history`: the parameter's name, such as income.household_monthly.
        #[arg(value_name = "KEY")]
        key: Option<String>,
        /// With `history`: project next year's value by this uprating rate (0.05 = 5%), labelled
        /// as an assumption.
        #[arg(long, value_parser = amount, allow_hyphen_values = true)]
        uprate: Option<Decimal>,
        /// The form of the output.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Print the JSON Schema of a file format.
    Schema {
        /// The file format.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
    /// Tornado and thresholds: how the net cost moves with each input.
    Sensitivity {
        /// The scenario file (`-`: standard input).
        scenario: PathBuf,
        /// Share each input is moved by.
        #[arg(long, value_parser = amount, allow_hyphen_values = true, default_value = "0.1")]
        change: Decimal,
        /// The form of the output.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Subsidy budget for the plan's inclusive slot targets.
    Fiscal {
        /// Subsidy per child-month, yuan.
        #[arg(long, value_parser = amount, allow_hyphen_values = true, required_unless_present = "tier", conflicts_with = "tier")]
        subsidy: Option<Decimal>,
        /// Or the per-child quota of a quality tier, as the parameter set records it on --date.
        #[arg(long, value_enum)]
        tier: Option<Tier>,
        /// Months a year the subsidy is paid for.
        #[arg(long, value_parser = amount, allow_hyphen_values = true, default_value = "12")]
        months: Decimal,
        /// Share of the slots taken up (0 to 1).
        #[arg(long, value_parser = amount, allow_hyphen_values = true, default_value = "1")]
        occupancy: Decimal,
        /// The date whose tier quota is used.
        #[arg(long, default_value = "2024-06-01")]
        date: String,
        /// The form of the output.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Batch review: check every proposal in a CSV or xlsx file; findings to CSV, JSON or xlsx.
    Check {
        /// The proposals file, CSV or xlsx (layout: docs/batch-format.md; `-`: standard input).
        proposals: PathBuf,
        /// Where to write findings: .csv, .json or .xlsx (default, or `-`: CSV on standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Household monthly income for the cap (default: the district figure for --income-year).
        #[arg(long, value_parser = amount, allow_hyphen_values = true)]
        income: Option<Decimal>,
        /// The year of the district income the cap is taken from.
        #[arg(long, default_value = "2022", value_parser = whole::<i32>, allow_hyphen_values = true)]
        income_year: i32,
        /// The pricing date (parameters in force on it).
        #[arg(long, default_value = "2024-06-01")]
        date: String,
        /// Exit with status 1 when a row is at least this serious: `warning` (a warning, a violation or an
        /// unreadable row), `violation` (a violation or an unreadable row), `rejected` (an unreadable row).
        /// Without it, 0 whatever the findings.
        #[arg(long, value_enum)]
        fail_on: Option<batch::FailOn>,
    },
    /// A month's refund under a refund rule (an example id or a rule file).
    Refund {
        /// An example rule's id (an unknown one lists them) or a JSON rule file (`-`: standard input).
        #[arg(long, default_value = "pro-rata")]
        rule: String,
        /// The month's care fee, yuan.
        #[arg(long, value_parser = amount, allow_hyphen_values = true)]
        care: Decimal,
        /// The month's meal fee, yuan.
        #[arg(long, value_parser = amount, allow_hyphen_values = true, default_value = "0")]
        meals: Decimal,
        /// Working days in the month.
        #[arg(long, value_parser = whole::<u32>, allow_hyphen_values = true)]
        working_days: u32,
        /// Days the child attended.
        #[arg(long, value_parser = whole::<u32>, allow_hyphen_values = true)]
        attended: u32,
        /// The child withdrew this month.
        #[arg(long)]
        withdrawn: bool,
        /// The month's date (the rounding in force on it).
        #[arg(long, default_value = "2024-06-01")]
        date: String,
        /// The form of the output.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Who reviews an inclusive application, in order (二(二)4).
    Route {
        /// Institution type, e.g. community_site or 其他普惠托育机构.
        institution_type: String,
    },
    /// Check a pricing dossier (scenario + procedure records) for a public fee.
    Dossier {
        /// The dossier file (JSON: a scenario and its procedure records, or a record of one as the
        /// app exports it; `-`: standard input).
        dossier: PathBuf,
        /// The form of the output (html: the dossier's report for print, with a signature block).
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
    },
    /// Solve backwards: the value of one lever at which the scenario's net cost per child-month
    /// meets a target fee (the cap when no target is given), checked by evaluating forward.
    Solve {
        /// The scenario file (`-`: standard input).
        scenario: PathBuf,
        /// What to move: quota-subsidy, rent-subsidy, occupancy, carer-wage or class-size.
        #[arg(long)]
        lever: String,
        /// The target fee, yuan per child-month [default: the cap].
        #[arg(long, value_parser = amount, allow_hyphen_values = true)]
        target: Option<Decimal>,
        /// The form of the output.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Evaluate a scenario, district sample or dossier and save the result with its input and
    /// SHA-256 digests of the parameter set, input, result and program version.
    Record {
        /// The scenario, district sample or dossier (JSON; `-`: standard input).
        input: PathBuf,
        /// The record to write; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check a record: "reproduced", or each figure that differs and why (changed input, edited
    /// result, another parameter set, another program version); exit 1 when not reproduced.
    Verify {
        /// The record file (JSON).
        record: PathBuf,
        /// The form of the output.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Run worked cases (JSON or YAML case files, the format of the project's tests/cases/):
    /// pass or fail per case with the difference; exit 1 when any case fails.
    Test {
        /// Case files (.json, .yaml or .yml), or folders of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The form of the output.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The clause map: every clause of the plan (and of the other documents the rules draw on)
    /// against the rules, parameters and worked cases that encode it, or why none does.
    Clauses {
        /// More case files or folders (a bureau's own) to map beside the project's tests/cases.
        files: Vec<PathBuf>,
        /// The form of the output.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Serve the rules as an HTTP JSON API (cap, evaluate, check, batch, district, parameter sets,
    /// schemas, /openapi.json); errors as application/problem+json.
    Serve {
        /// The address to listen on (port 0: any free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// The largest request body read, bytes.
        #[arg(long, default_value = "4194304", value_parser = whole::<usize>)]
        body_limit: usize,
        /// The longest a request may take, milliseconds.
        #[arg(long, default_value = "10000", value_parser = whole::<u64>)]
        timeout_ms: u64,
    },
    /// District pricing from a sample of audited institutions: template, import, evaluate, report.
    District {
        #[command(subcommand)]
        command: district::DistrictCommand,
    },
    /// Split a slot target across 街乡 by weights from a CSV file (name,weight).
    Split {
        /// The slots to split.
        #[arg(long)]
        target: u64,
        /// `name,weight` lines (a first line of column names, blank lines, `，` or a tab are fine; `-`: standard input).
        weights: PathBuf,
        /// The date whose money rule shows each exact share.
        #[arg(long, default_value = "2024-06-01")]
        date: String,
        /// The form of the output.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

/// A quality tier of the per-child quota subsidy.
#[derive(Clone, Copy, ValueEnum)]
enum Tier {
    /// 市级示范、一级.
    ModelOrFirst,
    /// 二级、三级.
    SecondOrThird,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Scenario,
    Evaluation,
    Parameters,
    RefundRule,
    Dossier,
    DistrictSample,
    DistrictResult,
}

fn main() -> ExitCode {
    let asked = requested_language();
    let mut command = Cli::command();
    if asked == Language::Zh {
        command = zh::localize(command);
    }
    let cli = match command.try_get_matches_from_mut(std::env::args_os()).and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            match zh::error(&e).filter(|_| asked == Language::Zh) {
                Some(text) => eprint!("{text}"),
                None => {
                    let _ = e.print();
                }
            }
            return ExitCode::from(code);
        }
    };
    let lang = cli.lang.into();
    match run(cli.command, cli.params.as_deref(), lang) {
        Ok(Done::Text(out)) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Ok(Done::Checked(status)) => status,
        Err(failure) => {
            eprintln!("fee: {}", failure.message(lang).replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

/// The language asked for, known before the line is parsed (for the help, usage errors and
/// amounts, which clap words or reads while parsing): the last `--lang`, else `FEE_LANG`,
/// else Chinese, as clap itself will read `--lang` afterwards.
fn requested_language() -> Language {
    // `args_os`: an argument that is not Unicode is clap's to refuse, not a panic here.
    let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    let mut asked = None;
    for (i, a) in args.iter().enumerate() {
        let value = if a == "--lang" { args.get(i + 1).map(String::as_str) } else { a.strip_prefix("--lang=") };
        match value {
            Some("en") => asked = Some(Language::En),
            Some("zh") => asked = Some(Language::Zh),
            _ => {}
        }
    }
    asked.unwrap_or(if std::env::var("FEE_LANG").is_ok_and(|l| l == "en") { Language::En } else { Language::Zh })
}

/// Whether `path` is `-`, standard input, as pipelines write it.
fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The text of the file at `path`, or of standard input for `-`.
fn read(path: &Path) -> Result<String, Failure> {
    if is_stdin(path) {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| Failure::at(path, e))?;
        return Ok(text);
    }
    let bytes = std::fs::read(path).map_err(|e| Failure::at(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let (zh, en) = encoding::hint(e.as_bytes());
        Failure { file: Some(path.to_path_buf()), cause: Cause::Text { zh, en } }
    })
}

/// Reads JSON into `T` exactly (`fee_core::read_json`), naming the field path on error.
fn parse_json<T: serde::de::DeserializeOwned + serde::Serialize>(path: &Path, text: &str) -> Result<T, Failure> {
    fee_core::read_json(text).map_err(|e| Failure::at(path, e))
}

/// A temporary file of a unique name beside `out` (`.NAME.XXXXXX.partial`), to be moved into
/// its place whole when the output is complete: `out` is never half written, never a mixture of
/// two runs, and a file left by a killed run never has an output's name. A folder as `out` is
/// refused before any work.
fn temporary_beside(out: &Path) -> Result<tempfile::NamedTempFile, Failure> {
    if out.is_dir() {
        return Err(Failure::at(
            out,
            Cause::Text {
                zh: "--out 是一个文件夹：请给出要写出的文件的名称".into(),
                en: "--out is a folder: give the name of the file to write".into(),
            },
        ));
    }
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let prefix = format!(".{}.", out.file_name().unwrap_or_default().to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".partial");
    // Created as any file the user writes is (0666 less the umask), not private to the user as
    // temporary files are: the output takes this file's place.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir).map_err(|e| Failure::at(out, Cause::writing(e)))
}

/// The files `paths` name: a file as given, a folder's files ending in one of `extensions` (one
/// level deep, in name order).
fn files_in(paths: &[PathBuf], extensions: &[&str]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Failure::at(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|e| extensions.iter().any(|k| e.eq_ignore_ascii_case(k))))
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(v)
        .map(|s| s + "\n")
        .map_err(|e| Failure::text(format!("无法写出 JSON（{e}）"), e.to_string()))
}

/// What a command that succeeded leaves to do.
enum Done {
    /// Print this on standard output.
    Text(String),
    /// A batch check, its output written, with its status.
    Checked(ExitCode),
}

fn run(command: Command, params: Option<&str>, lang: Language) -> Result<Done, Failure> {
    let text = match command {
        Command::Evaluate { scenario, format, compare_set: Some(other) } => {
            let s: fee_core::Scenario = parse_json(&scenario, &read(&scenario)?)?;
            let set = parameter_set(params, Named::By(&scenario, &s.parameter_set.id))?;
            let reform = parameter_set(Some(&other), Named::Chaoyang)?;
            let c = fee_core::compare_scenario(&s, set, reform).map_err(|e| Failure::at(&scenario, e))?;
            match format {
                ReportFormat::Json => to_json(&c),
                ReportFormat::Text => Ok(render::comparison(&c, set, s.date, lang)),
                ReportFormat::Html => Err(Failure::text(
                    "--compare-set 不能与 --format html 同用：对比结果请用 text 或 json",
                    "--compare-set cannot be used with --format html: write a comparison as text or json",
                )),
            }
        }
        Command::Evaluate { scenario, format, compare_set: None } => {
            let s: fee_core::Scenario = parse_json(&scenario, &read(&scenario)?)?;
            let set = parameter_set(params, Named::By(&scenario, &s.parameter_set.id))?;
            let e = fee_core::evaluate(&s, set).map_err(|e| Failure::at(&scenario, e))?;
            match format {
                ReportFormat::Json => to_json(&e),
                ReportFormat::Text => Ok(render::evaluation(&e, set, lang)),
                ReportFormat::Html => Ok(fee_core::scenario_report_html(&s, &e, set, lang, district::today())),
            }
        }
        Command::Cap { income, per_capita, household_size, year, fee, date, format } => {
            let basis = match (income, per_capita, household_size, year) {
                (Some(amount), _, _, _) => fee_core::IncomeBasis::HouseholdMonthly { amount },
                (None, Some(pc), Some(size), _) => {
                    fee_core::IncomeBasis::PerCapitaAnnual { per_capita_annual: pc, household_size: size }
                }
                (None, None, _, Some(year)) => fee_core::IncomeBasis::District { year },
                _ => {
                    return Err(Failure::text(
                        "cap：请给出 --income，或 --per-capita 与 --household-size，或 --year",
                        "cap: give --income, --per-capita with --household-size, or --year",
                    ))
                }
            };
            let date: fee_core::Date = date.parse()?;
            let set = parameter_set(params, Named::Chaoyang)?;
            let r = fee_core::cap_for(&basis, fee, set, date)?;
            match format {
                Format::Json => to_json(&r),
                Format::Text => Ok(render::cap(&r, set, date, lang)),
            }
        }
        Command::Params { set, key, uprate, format } if set.as_deref() == Some("history") => {
            let Some(key) = key else {
                return Err(Failure::text(
                    "params history：请给出参数名，如 income.household_monthly",
                    "params history: give a parameter name, such as income.household_monthly",
                ));
            };
            let set = parameter_set(params, Named::Chaoyang)?;
            let h = fee_core::parameter_history(set, &key, uprate)?;
            match format {
                Format::Json => to_json(&h),
                Format::Text => Ok(render::history(&h, lang)),
            }
        }
        Command::Params { set, format, .. } => match set.as_deref().or(params) {
            None => {
                let sets = ParameterSet::builtin()?;
                match format {
                    Format::Json => {
                        let list: Vec<_> = sets.iter().map(fee_core::ParameterSetRef::of).collect();
                        to_json(&list)
                    }
                    Format::Text => Ok(render::param_sets(sets, lang)),
                }
            }
            Some(id) => {
                let set = parameter_set(Some(id), Named::Chaoyang)?;
                match format {
                    Format::Json => to_json(set),
                    Format::Text => Ok(render::param_set(set, lang)),
                }
            }
        },
        Command::Schema { kind } => to_json(&match kind {
            SchemaKind::Scenario => fee_core::scenario_schema(),
            SchemaKind::Evaluation => fee_core::evaluation_schema(),
            SchemaKind::Parameters => fee_core::parameter_set_schema(),
            SchemaKind::RefundRule => fee_core::refund_rule_schema(),
            SchemaKind::Dossier => fee_core::dossier_schema(),
            SchemaKind::DistrictSample => fee_core::district_sample_schema(),
            SchemaKind::DistrictResult => fee_core::district_result_schema(),
        }),
        Command::Sensitivity { scenario, change, format } => {
            let s: fee_core::Scenario = parse_json(&scenario, &read(&scenario)?)?;
            let set = parameter_set(params, Named::By(&scenario, &s.parameter_set.id))?;
            let t = fee_core::tornado(&s, set, change).map_err(|e| Failure::at(&scenario, e))?;
            let th = fee_core::SensitivityInput::ALL
                .iter()
                .map(|i| fee_core::threshold(&s, set, *i))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| Failure::at(&scenario, e))?;
            match format {
                Format::Json => to_json(&serde_json::json!({ "tornado": t, "thresholds": th })),
                Format::Text => Ok(render::sensitivity(&t, &th, set, s.date, lang)),
            }
        }
        Command::Fiscal { subsidy, tier, months, occupancy, date, format } => {
            let subsidy = match (subsidy, tier) {
                (Some(amount), _) => fee_core::SubsidyLevel::PerChildMonth { amount },
                (None, Some(Tier::ModelOrFirst)) => {
                    fee_core::SubsidyLevel::Tier { tier: fee_core::QualityTier::ModelOrFirst }
                }
                (None, Some(Tier::SecondOrThird)) => {
                    fee_core::SubsidyLevel::Tier { tier: fee_core::QualityTier::SecondOrThird }
                }
                (None, None) => {
                    return Err(Failure::text("fiscal：请给出 --subsidy 或 --tier", "fiscal: give --subsidy or --tier"))
                }
            };
            let input = fee_core::FiscalInput { subsidy, months_per_year: months, occupancy, date: date.parse()? };
            let set = parameter_set(params, Named::Chaoyang)?;
            let plan = fee_core::fiscal_plan(&input, set)?;
            match format {
                Format::Json => to_json(&plan),
                Format::Text => Ok(render::fiscal(&plan, set, input.date, lang)),
            }
        }
        Command::Check { proposals, out, income, income_year, date, fail_on } => {
            return batch::run(&batch::Options {
                proposals,
                // `--out -` is standard output, as a pipeline writes it.
                out: out.filter(|p| !is_stdin(p)),
                income: match income {
                    Some(amount) => fee_core::IncomeBasis::HouseholdMonthly { amount },
                    None => fee_core::IncomeBasis::District { year: income_year },
                },
                date: date.parse()?,
                params: parameter_set(params, Named::Chaoyang)?,
                lang,
                fail_on,
            })
            .map(Done::Checked);
        }
        Command::Refund { rule, care, meals, working_days, attended, withdrawn, date, format } => {
            let rules = fee_core::RefundRule::examples()?;
            let ids = rules.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ");
            let rule = match rules.iter().find(|r| r.id == rule) {
                Some(r) => r.clone(),
                None => {
                    let path = PathBuf::from(&rule);
                    if !is_stdin(&path) && !path.exists() {
                        return Err(Failure::text(
                            format!("没有退费规则“{rule}”：示例规则有 {ids}，或给出规则文件（JSON）"),
                            format!("no refund rule {rule:?}: the example rules are {ids}, or give a rule file (JSON)"),
                        ));
                    }
                    parse_json(&path, &read(&path)?)?
                }
            };
            let input = fee_core::RefundInput {
                care_fee: care,
                meal_fee: meals,
                working_days,
                days_attended: attended,
                withdrawn,
            };
            let (set, date) = (parameter_set(params, Named::Chaoyang)?, date.parse()?);
            let r = fee_core::refund(&rule, &input, set, date)?;
            match format {
                Format::Json => to_json(&r),
                Format::Text => Ok(render::refund(&rule, &r, set, date, lang)),
            }
        }
        Command::Route { institution_type } => {
            let kind: fee_core::InstitutionType = institution_type.parse()?;
            Ok(render::route(kind, lang))
        }
        Command::Dossier { dossier, format } => {
            let text = read(&dossier)?;
            // A dossier as the app exports it is a record (`fee record`'s format): its input.
            let d: fee_core::Dossier = match fee_core::read_json::<fee_core::Record>(&text) {
                Ok(r) if r.record == fee_core::RecordKind::Dossier => {
                    parse_json(&dossier, &serde_json::to_string(&r.input).unwrap_or_default())?
                }
                _ => parse_json(&dossier, &text)?,
            };
            let set = parameter_set(params, Named::By(&dossier, &d.scenario.parameter_set.id))?;
            let r = fee_core::check_dossier(&d, set).map_err(|e| Failure::at(&dossier, e))?;
            match format {
                ReportFormat::Json => to_json(&r),
                ReportFormat::Text => Ok(render::dossier(&r, set, lang)),
                ReportFormat::Html => Ok(fee_core::dossier_report_html(&d, &r, set, lang, district::today())),
            }
        }
        Command::District { command } => district::run(command, params, lang),
        Command::Solve { scenario, lever, target, format } => {
            let s: fee_core::Scenario = parse_json(&scenario, &read(&scenario)?)?;
            let set = parameter_set(params, Named::By(&scenario, &s.parameter_set.id))?;
            let lever: fee_core::Lever = lever.parse()?;
            let target = match target {
                Some(t) => t,
                None => fee_core::evaluate(&s, set).map_err(|e| Failure::at(&scenario, e))?.cap.cap,
            };
            let solved = fee_core::solve(&s, set, lever, target).map_err(|e| Failure::at(&scenario, e))?;
            match format {
                Format::Json => to_json(&solved),
                Format::Text => Ok(render::solution(&solved, set, s.date, lang)),
            }
        }
        Command::Record { input, out } => {
            let text = read(&input)?;
            let id = match fee_core::record_kind(&text).map_err(|e| Failure::at(&input, e))? {
                fee_core::RecordKind::Evaluation => parse_json::<fee_core::Scenario>(&input, &text)?.parameter_set.id,
                fee_core::RecordKind::District => {
                    parse_json::<fee_core::DistrictSample>(&input, &text)?.parameter_set.id
                }
                fee_core::RecordKind::Dossier => {
                    parse_json::<fee_core::Dossier>(&input, &text)?.scenario.parameter_set.id
                }
            };
            let set = parameter_set(params, Named::By(&input, &id))?;
            let record = fee_core::make_record(&text, set).map_err(|e| Failure::at(&input, e))?;
            let json = to_json(&record)?;
            match out {
                Some(path) => {
                    district::write_whole(&path, json.as_bytes())?;
                    Ok(format!("{}{}\n", render::pick(lang, "已写出记录：", "record written: "), path.display()))
                }
                None => Ok(json),
            }
        }
        Command::Verify { record, format } => {
            let text = read(&record)?;
            // A book of records (the app's saved work) is checked record by record.
            if serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'))
                .is_ok_and(|v| v.get("forms_sha256").is_some())
            {
                let book: fee_core::RecordBook = parse_json(&record, &text)?;
                let id = book.records.first().map(|r| r.record.provenance.parameter_set.id.clone()).unwrap_or_default();
                let set = parameter_set(params, Named::By(&record, &id))?;
                let v = fee_core::verify_record_book(&book, set).map_err(|e| Failure::at(&record, e))?;
                let out = match format {
                    Format::Json => to_json(&v)?,
                    Format::Text => render::book_verification(&v, &book, lang),
                };
                print!("{out}");
                return Ok(Done::Checked(if v.reproduced() { ExitCode::SUCCESS } else { ExitCode::from(1) }));
            }
            let r: fee_core::Record = parse_json(&record, &text)?;
            let set = parameter_set(params, Named::By(&record, &r.provenance.parameter_set.id))?;
            let v = fee_core::verify_record(&r, set).map_err(|e| Failure::at(&record, e))?;
            let out = match format {
                Format::Json => to_json(&v)?,
                Format::Text => render::verification(&v, &r, lang),
            };
            print!("{out}");
            return Ok(Done::Checked(if v.reproduced { ExitCode::SUCCESS } else { ExitCode::from(1) }));
        }
        Command::Clauses { files, format } => cases::clauses(&files, format, lang),
        Command::Serve { addr, body_limit, timeout_ms } => {
            let set = parameter_set(params, Named::Chaoyang)?.clone();
            let limits =
                serve::Limits { body_bytes: body_limit, timeout: std::time::Duration::from_millis(timeout_ms) };
            serve::serve(addr, set, limits)
                .map_err(|e| Failure::text(format!("无法启动服务：{e}"), format!("cannot serve: {e}")))?;
            return Ok(Done::Checked(ExitCode::SUCCESS));
        }
        Command::Test { files, format } => {
            let set = match params {
                Some(p) => Some(parameter_set(Some(p), Named::Chaoyang)?),
                None => None,
            };
            let (out, failed) = cases::run(&files, set, format, lang)?;
            print!("{out}");
            return Ok(Done::Checked(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }));
        }
        Command::Split { target, weights, date, format } => {
            let list = fee_core::read_weights(&read(&weights)?).map_err(|e| Failure::at(&weights, e))?;
            let parts = fee_core::split_target(target, &list).map_err(|e| Failure::at(&weights, e))?;
            match format {
                Format::Json => to_json(&parts),
                Format::Text => Ok(render::split(&parts, parameter_set(params, Named::Chaoyang)?, date.parse()?, lang)),
            }
        }
    };
    text.map(Done::Text)
}
