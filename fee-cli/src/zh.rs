//! The command line's own words in Chinese: the help of every command and argument, the
//! headings of the help, and clap's usage errors. English is clap's, from the doc comments.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::Command;

/// Each command's summary in Chinese, by name ("fee" for the program itself).
pub const ABOUT: &[(&str, &str)] = &[
    ("fee", "普惠托育收费测算（朝政办字〔2024〕1号）：精确、可解释的命令行工具"),
    ("evaluate", "测算情景文件（JSON），输出结果及计算过程"),
    ("cap", "按家庭收入计算收费上限，以及某一收费距上限的空间"),
    ("params", "列出内置参数集，或完整显示一个参数集（内置或文件）及每项取值的来源"),
    ("schema", "输出一种文件格式的 JSON Schema"),
    ("sensitivity", "敏感性：各输入变动对净成本的影响（龙卷风图）及达到上限的阈值"),
    ("fiscal", "方案普惠托位目标的财政补助预算"),
    ("check", "批量审核：核查 CSV 或 xlsx 文件中的每条收费申报，结果输出为 CSV、JSON 或 xlsx"),
    ("refund", "按退费规则计算某月退费（示例规则编号或规则文件）"),
    ("route", "普惠申请的审核顺序（二(二)4）"),
    ("dossier", "核查公办收费的定价档案（情景及程序记录）"),
    ("solve", "反推：某一因素取何值时情景的生均月净成本达到目标收费（未给出目标时为上限），并正向验算"),
    ("record", "测算情景、区级样本或定价档案，连同输入及参数集、输入、结果、程序版本的 SHA-256 摘要保存为记录"),
    ("verify", "核验记录：“已复现”，或列出每个不同的数字及原因（输入改动、结果改动、参数集不同、程序版本不同）；未复现时退出码为 1"),
    ("serve", "以 HTTP JSON 接口提供规则（上限、情景、核查、批量、区级样本、参数集、模式、/openapi.json）；错误为 application/problem+json"),
    ("clauses", "条款对照：方案（及规则所据其他文件）的每一条款，对应编码它的规则、参数和算例，或未编码的原因"),
    ("test", "运行算例（JSON 或 YAML 案例文件，格式同本项目 tests/cases/）：逐例给出通过或未通过及差额；有未通过时退出码为 1"),
    ("district", "区级定价：由审核过的样本机构测算定价成本与指导价（模板、导入、测算、报告）"),
    (
        "district template",
        "写出经营者在 Excel 或 WPS 中填写的成本调查表（文件名以 .csv 结尾时写出“工作表,单元格,值”格式的 CSV 调查表）",
    ),
    ("district import", "将填好的调查表（xlsx 或 CSV，或 JSON 格式的机构）读入一个区级样本文件"),
    ("district evaluate", "测算区级样本：各机构成本、定价成本、收费及收支差"),
    ("district report", "写出区级样本的成本监审报告：按文件名为可打印的 HTML 或 xlsx"),
    ("district help", "显示本说明，或指定命令的说明"),
    ("split", "按 CSV 文件中的权重（名称,权重）将托位目标分解到街乡"),
    ("help", "显示本说明，或指定命令的说明"),
];

/// Each argument's help in Chinese, by command ("*" for every command) and argument id.
pub const HELP: &[(&str, &str, &str)] = &[
    ("*", "lang", "文本输出与错误信息的语言"),
    (
        "*",
        "params",
        "参数集：内置编号（`fee params` 列出）或 JSON、TOML、YAML 文件［默认：情景或档案指定的参数集，否则为 cn-bj-chaoyang］",
    ),
    ("*", "help", "显示帮助"),
    ("*", "version", "显示版本"),
    ("*", "format", "输出格式"),
    ("evaluate", "scenario", "情景文件（JSON；“-”为标准输入）"),
    ("serve", "addr", "监听地址（端口 0：任一空闲端口）"),
    ("serve", "body_limit", "请求体的最大字节数"),
    ("serve", "timeout_ms", "单个请求的最长用时（毫秒）"),
    ("clauses", "files", "另加的案例文件或文件夹（如本单位的算例），与本项目 tests/cases 一并对照"),
    ("test", "files", "案例文件（.json、.yaml 或 .yml），或存放案例文件的文件夹"),
    ("params", "key", "与 history 同用：参数名，如 income.household_monthly"),
    ("params", "uprate", "与 history 同用：按此年增长率（0.05 即 5%）推算下一年的值，标为假设"),
    ("evaluate", "compare_set", "与此参数集对比（内置编号或文件）：各项数字在两个参数集下的值、变动及新出现或消失的发现"),
    ("district evaluate", "compare_set", "与此参数集对比（内置编号或文件）：各项数字在两个参数集下的值、变动及新出现或消失的发现"),
    ("solve", "scenario", "情景文件（JSON；“-”为标准输入）"),
    ("solve", "lever", "反推的因素：quota-subsidy（生均定额补助）、rent-subsidy（租金补贴）、occupancy（入托率）、carer-wage（保育人员工资）或 class-size（班额）"),
    ("solve", "target", "目标收费（元/生/月）［默认：上限］"),
    ("record", "input", "情景、区级样本或定价档案（JSON；“-”为标准输入）"),
    ("record", "out", "写出的记录；不给出时输出到标准输出"),
    ("verify", "record", "记录文件（JSON）"),
    ("district template", "out", "写出的调查表（.xlsx），或 CSV 调查表（.csv）"),
    ("district template", "date", "取班级规模标准的日期"),
    ("district import", "files", "调查表（.xlsx）、CSV 调查表（.csv）、机构文件（.json），或存放调查表与 CSV 调查表的文件夹"),
    ("district import", "out", "写出的区级样本（JSON；不给出时输出到标准输出）"),
    ("district import", "district", "区名"),
    ("district import", "date", "测算日期"),
    ("district import", "income_year", "上限所依据的全区收入年度"),
    ("district evaluate", "sample", "区级样本文件（JSON；“-”为标准输入）"),
    ("district report", "sample", "区级样本文件（JSON；“-”为标准输入）"),
    ("district report", "out", "写出的报告：.html 或 .xlsx"),
    ("cap", "income", "家庭月均可支配收入（元/月）"),
    ("cap", "per_capita", "人均年可支配收入（元，配合 --household-size）"),
    ("cap", "household_size", "户均人口"),
    ("cap", "year", "采用参数集所载该年度的全区家庭月均可支配收入"),
    ("cap", "fee", "用于比较的收费（元/月）"),
    ("cap", "date", "测算日期（取当日有效的参数）"),
    ("params", "set", "完整显示的参数集：内置编号或 JSON、TOML、YAML 文件（也可用 --params 给出）；写作 history KEY 时改为显示一项参数的历年取值"),
    ("schema", "kind", "文件格式"),
    ("sensitivity", "scenario", "情景文件（JSON；“-”为标准输入）"),
    ("sensitivity", "change", "各输入的变动比例"),
    ("fiscal", "subsidy", "生均月补助（元）"),
    ("fiscal", "tier", "或按质量等级的生均定额补助（参数集在 --date 当日的取值）"),
    ("fiscal", "months", "每年补助月数"),
    ("fiscal", "occupancy", "入托率（0 至 1）"),
    ("fiscal", "date", "取等级定额的日期"),
    ("check", "proposals", "申报文件，CSV 或 xlsx（格式见 docs/batch-format.md；“-”为标准输入）"),
    ("check", "out", "审核结果写入的文件：.csv、.json 或 .xlsx（默认或“-”：CSV 输出到标准输出）"),
    ("check", "income", "用于上限的家庭月均可支配收入（默认：--income-year 年度的全区数据）"),
    ("check", "income_year", "上限所依据的全区收入年度"),
    ("check", "date", "测算日期（取当日有效的参数）"),
    (
        "check",
        "fail_on",
        "有达到此程度的行时以状态 1 退出：warning（警告、违规或无法读取的行）、violation（违规或无法读取的行）、rejected（无法读取的行）；不给出时无论结果如何均为 0",
    ),
    ("refund", "rule", "示例规则编号（未知编号会列出全部示例）或 JSON 规则文件（“-”为标准输入）"),
    ("refund", "care", "当月保育费（元）"),
    ("refund", "meals", "当月伙食费（元）"),
    ("refund", "working_days", "当月工作日数"),
    ("refund", "attended", "幼儿出勤天数"),
    ("refund", "withdrawn", "幼儿于本月退园"),
    ("refund", "date", "该月的日期（取当日有效的舍入规则）"),
    ("route", "institution_type", "机构类型，如 community_site 或 其他普惠托育机构"),
    ("dossier", "dossier", "档案文件（JSON：情景及程序记录，或本页面导出的档案记录；“-”为标准输入）"),
    ("split", "target", "待分解的托位数"),
    ("split", "date", "按当日的金额舍入规则显示各街乡的按比例份额"),
    ("split", "weights", "“名称,权重”各行（首行可为列名，可有空行，分隔符可用“，”或制表符；“-”为标准输入）"),
];

/// The Chinese help of argument `id` of command `command`, if the table has it.
fn help_of(command: &str, id: &str) -> Option<&'static str> {
    HELP.iter()
        .find(|(c, a, _)| *c == command && *a == id)
        .or_else(|| HELP.iter().find(|(c, a, _)| *c == "*" && *a == id))
        .map(|(_, _, zh)| *zh)
}

/// `command`, built, with its help and that of every command under it in Chinese.
pub fn localize(mut command: Command) -> Command {
    command.build();
    localize_built(command, "")
}

/// The key of a command in the tables: its name, or "parent name" for a command under a
/// command other than the program (`district import`).
fn key(parent: &str, name: &str) -> String {
    if parent.is_empty() || parent == "fee" {
        name.to_string()
    } else {
        format!("{parent} {name}")
    }
}

fn localize_built(command: Command, parent: &str) -> Command {
    let name = key(parent, command.get_name());
    // Headings with a full-width colon: clap puts an ASCII one after its own, so the template
    // writes them; a command shows only the sections it has.
    let mut template = String::from("{before-help}{about-with-newline}\n用法：{usage}\n");
    if command.has_subcommands() {
        template.push_str("\n命令：\n{subcommands}\n");
    }
    if command.get_positionals().any(|a| !a.is_hide_set()) {
        template.push_str("\n参数：\n{positionals}\n");
    }
    template.push_str("\n选项：\n{options}\n{after-help}");
    let mut command = command.help_template(template).mut_args(|arg| {
        let Some(zh) = help_of(&name, arg.get_id().as_str()) else { return arg };
        // clap writes the environment variable, the default and the choices in English
        // brackets after the help; written here in Chinese instead, from the argument itself.
        let mut help = zh.to_string();
        if let Some(env) = arg.get_env() {
            help.push_str(&format!("［环境变量：{}］", env.to_string_lossy()));
        }
        let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        if !defaults.is_empty() && arg.get_action().takes_values() {
            help.push_str(&format!("［默认：{}］", defaults.join("、")));
        }
        let choices: Vec<String> = arg.get_possible_values().iter().map(|v| v.get_name().to_string()).collect();
        if !choices.is_empty() && arg.get_action().takes_values() {
            help.push_str(&format!("［可选：{}］", choices.join("、")));
        }
        arg.help(help).hide_env(true).hide_default_value(true).hide_possible_values(true)
    });
    if let Some((_, zh)) = ABOUT.iter().find(|(n, _)| *n == name) {
        command = command.about(*zh);
    }
    // The usage line's placeholders in Chinese, in the help and in usage errors alike.
    let usage = command.render_usage().to_string();
    let usage = usage.trim().strip_prefix("Usage:").unwrap_or(usage.trim()).trim();
    command = command.override_usage(usage.replace("[OPTIONS]", "[选项]").replace("<COMMAND>", "<命令>"));
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for sub in names {
        command = command.mut_subcommand(sub, |c| localize_built(c, &name));
    }
    command
}

/// A value of an error's context as text (a list joined by "、").
fn text(value: Option<&ContextValue>) -> Option<String> {
    match value? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(list.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

/// clap's usage error in Chinese, or `None` for a kind this does not word (clap's English
/// stands then) and for help and version, which are not errors.
pub fn error(e: &clap::Error) -> Option<String> {
    let arg = text(e.get(ContextKind::InvalidArg)).unwrap_or_default();
    let value = text(e.get(ContextKind::InvalidValue)).unwrap_or_default();
    let mut message = match e.kind() {
        ErrorKind::UnknownArgument => format!("无法识别的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!("无法识别的命令“{}”", text(e.get(ContextKind::InvalidSubcommand)).unwrap_or_default())
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 需要一个取值"),
        ErrorKind::InvalidValue => {
            let mut m = format!("“{value}”不是 {arg} 的有效取值");
            if let Some(valid) = text(e.get(ContextKind::ValidValue)) {
                m.push_str(&format!("；可选：{valid}"));
            }
            m
        }
        ErrorKind::ValueValidation => {
            let mut m = format!("“{value}”不是 {arg} 的有效取值");
            match std::error::Error::source(e) {
                // The standard library's words for a count or a year that is not a whole number.
                Some(source) if source.downcast_ref::<std::num::ParseIntError>().is_some() => {
                    m.push_str("：须为整数（不带小数点或单位）");
                }
                Some(source) => m.push_str(&format!("：{source}")),
                None => {}
            }
            m
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::ArgumentConflict => match text(e.get(ContextKind::PriorArg)) {
            Some(prior) if prior != arg => format!("{arg} 不能与 {prior} 同时使用"),
            _ => format!("{arg} 只能给出一次"),
        },
        ErrorKind::TooManyValues => format!("{arg} 不接受多余的取值“{value}”"),
        ErrorKind::InvalidUtf8 => "参数中有不是 UTF-8 编码的字节".to_string(),
        _ => return None,
    };
    if let Some(s) = text(e.get(ContextKind::SuggestedArg)).or_else(|| text(e.get(ContextKind::SuggestedSubcommand))) {
        message.push_str(&format!("；是否想用“{s}”？"));
    }
    let mut out = format!("错误：{message}\n");
    if let Some(usage) = text(e.get(ContextKind::Usage)) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").or_else(|| usage.strip_prefix("用法：")).unwrap_or(usage).trim();
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    out.push_str("\n运行“fee --help”或“fee <命令> --help”查看说明。\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and argument has its Chinese words, and every row of the tables names a
    /// command and argument that exist (a renamed argument would otherwise fall back to English
    /// unnoticed).
    #[test]
    fn every_command_and_argument_has_chinese_help_and_no_row_is_stale() {
        let mut root = crate::Cli::command();
        root.build();
        let mut seen = Vec::new();
        let mut commands: Vec<(String, clap::Command)> = vec![("fee".to_string(), root.clone())];
        let mut k = 0;
        while k < commands.len() {
            let (parent, c) = commands[k].clone();
            // `help` lists the commands again under itself; its own words are clap's.
            for sub in c.get_subcommands().filter(|_| c.get_name() != "help") {
                commands.push((key(&parent, sub.get_name()), sub.clone()));
            }
            k += 1;
        }
        for (name, c) in &commands {
            let name = name.as_str();
            assert!(ABOUT.iter().any(|(n, zh)| *n == name && !zh.is_empty()), "no Chinese summary for {name}");
            for arg in c.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = arg.get_id().as_str();
                assert!(arg.get_help().is_some(), "no English help for {name} {id}");
                assert!(help_of(name, id).is_some(), "no Chinese help for {name} {id}");
                seen.push((name.to_string(), id.to_string()));
            }
        }
        for (command, id, _) in HELP {
            let used = seen.iter().any(|(c, a)| a == id && (*command == "*" || c == command));
            assert!(used, "stale row: {command} {id}");
        }
        for (name, _) in ABOUT {
            assert!(commands.iter().any(|(n, _)| n == name), "stale summary: {name}");
        }
    }
}
