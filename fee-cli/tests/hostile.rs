//! The hostile-input suite: each careless or hostile input of the input-handling issue, made
//! here at test time (the large ones too), run through `fee` as a user would, with the outcome
//! expected of it: refused with exit 2 and a message naming what is wrong, in plain words, in
//! both languages; or read, with what was wrong in it made harmless. Each row says which.

mod common;
#[path = "../../tests/support/zip_bomb.rs"]
mod zip_bomb;

use std::path::{Path, PathBuf};

use common::{fee, root, scratch};
use zip_bomb::zip_bomb;

/// The sample scenario's text.
fn scenario() -> String {
    std::fs::read_to_string(root().join("samples/public-nursery.json")).unwrap()
}

/// The sample proposals' text.
fn proposals() -> String {
    std::fs::read_to_string(root().join("samples/proposals.csv")).unwrap()
}

/// One hostile input: what `fee` is given, the exit code expected, and what its messages
/// (standard error, in Chinese and then in English) must hold.
struct Case {
    name: &'static str,
    args: Vec<String>,
    code: i32,
    zh: &'static str,
    en: &'static str,
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

fn cases(dir: &Path) -> Vec<Case> {
    let s = scenario();
    let p = proposals();
    let header = p.lines().next().unwrap().to_string();
    let row = p.lines().nth(1).unwrap().to_string();
    // The row as Chinese Windows would save it: its Chinese in GBK (示例 → CA BE C0 FD here).
    let gbk_row: Vec<u8> = [
        &b"\xCA\xBE\xC0\xFD"[..],
        row.chars().map(|c| if c.is_ascii() { c } else { '?' }).collect::<String>().as_bytes(),
    ]
    .concat();
    let yaml_head = "id: x\nversion: '1'\ntitle_zh: 例\ntitle_en: Example\nparameters: ";
    vec![
        // 1. A misspelled field changes nothing silently: refused with the nearest name.
        Case {
            name: "misspelled field",
            args: args(&[
                "evaluate",
                &write(dir, "misspelled.json", s.replacen("\"rent_monthly\"", "\"rent_monthy\"", 1)),
            ]),
            code: 2,
            zh: "未知字段“rent_monthy”；是否应为“rent_monthly”？",
            en: "unknown field `rent_monthy`; did you mean `rent_monthly`?",
        },
        // 2. A comma out of its place of three is not a thousands separator.
        Case {
            name: "comma out of place",
            args: args(&["cap", "--income", "15655", "--fee", "2800,50"]),
            code: 2,
            zh: "2800,50",
            en: "2800,50",
        },
        // 3. Implausible values are refused with the bound's parameter.
        Case {
            name: "4,000,000,000 classes",
            args: args(&[
                "evaluate",
                &write(dir, "classes.json", s.replacen("\"classes\": 1,", "\"classes\": 4000000000,", 1)),
            ]),
            code: 2,
            zh: "bounds.classes_per_group",
            en: "at most bounds.classes_per_group = 100",
        },
        Case {
            name: "a wage of 10^26",
            args: args(&[
                "evaluate",
                &write(
                    dir,
                    "wage.json",
                    s.replacen(
                        "\"carer_monthly_wage\": \"6000\"",
                        "\"carer_monthly_wage\": \"100000000000000000000000000\"",
                        1,
                    ),
                ),
            ]),
            code: 2,
            zh: "cost.carer_monthly_wage",
            en: "at most bounds.monthly_wage = 100000",
        },
        Case {
            name: "an income of 1.5 yuan",
            args: args(&["cap", "--income", "1.5"]),
            code: 2,
            zh: "bounds.household_monthly_income",
            en: "at least bounds.household_monthly_income = 1000",
        },
        Case {
            name: "40 working days",
            args: args(&["refund", "--care", "3000", "--working-days", "40", "--attended", "10"]),
            code: 2,
            zh: "working_days",
            en: "at most 31",
        },
        Case {
            name: "attended more days than worked",
            args: args(&["refund", "--care", "3000", "--working-days", "20", "--attended", "25"]),
            code: 2,
            zh: "days_attended",
            en: "at most working_days = 20",
        },
        // 2. Whole-number flags go through the same reader: a negative year reaches the
        // validator, a count past its type is said in plain words, full-width digits are read.
        Case {
            name: "negative year",
            args: args(&["cap", "--year", "-1"]),
            code: 2,
            zh: "income.date.year：数值 -1 超出范围",
            en: "income.date.year: value -1 is out of range",
        },
        Case {
            name: "a count past its type",
            args: args(&["refund", "--care", "3000", "--working-days", "99999999999", "--attended", "1"]),
            code: 2,
            zh: "须在 0 至 4,294,967,295 之间",
            en: "must be from 0 to 4,294,967,295",
        },
        Case {
            name: "half a day attended",
            args: args(&["refund", "--care", "3000", "--working-days", "２２", "--attended", "1.5"]),
            code: 2,
            zh: "须为整数",
            en: "a whole number is needed",
        },
        // 4. --out naming a folder is refused before any work.
        Case {
            name: "--out is a folder",
            args: args(&["check", &write(dir, "ok.csv", &p), "--out", dir.to_str().unwrap()]),
            code: 2,
            zh: "文件夹",
            en: "folder",
        },
        // 7. A zip bomb: refused from its directory before anything is inflated.
        Case {
            name: "zip bomb",
            args: args(&["check", &write(dir, "bomb.xlsx", zip_bomb(64))]),
            code: 2,
            zh: "解压后为 64 MB",
            en: "inflates to 64 MB",
        },
        // 8. Deep nesting and size: refused before parsing, with a short message.
        Case {
            name: "nested YAML",
            args: args(&[
                "params",
                "--params",
                &write(dir, "nested.yaml", format!("{yaml_head}{}1{}\n", "{a: ".repeat(20_000), "}".repeat(20_000))),
            ]),
            code: 2,
            zh: "32",
            en: "nest deeper than 32 levels",
        },
        // 10. A reader's own words never reach the user.
        Case {
            name: "a word for a number",
            args: args(&[
                "evaluate",
                &write(dir, "word.json", s.replacen("\"months_charged\": \"12\"", "\"months_charged\": \"twelve\"", 1)),
            ]),
            code: 2,
            zh: "“twelve”不是数字：请写十进制数",
            en: "“twelve” is not a number: write a decimal number",
        },
        Case {
            name: "a file cut short",
            args: args(&["evaluate", &write(dir, "cut.json", &s[..s.len() / 2])]),
            code: 2,
            zh: "提前结束：文件不完整",
            en: "the text ends too early",
        },
        Case {
            name: "a folder for a file",
            args: args(&["check", dir.to_str().unwrap()]),
            code: 2,
            zh: "这是一个文件夹，不是文件",
            en: "this is a folder, not a file",
        },
        // 11. Other encodings are named; a GBK batch file gets one message.
        Case {
            name: "GBK proposals",
            args: args(&["check", &write(dir, "gbk.csv", [header.as_bytes(), b"\n", &gbk_row, b"\n"].concat())]),
            code: 2,
            zh: "文件似乎是 GBK（GB 18030）编码",
            en: "looks like GBK (GB 18030)",
        },
    ]
}

#[test]
fn every_hostile_input_gets_its_expected_outcome_in_both_languages() {
    let dir = scratch("hostile");
    let mut failures = Vec::new();
    for case in cases(&dir) {
        for (lang, want) in [("zh", case.zh), ("en", case.en)] {
            let mut a: Vec<&str> = case.args.iter().map(String::as_str).collect();
            a.extend(["--lang", lang]);
            let started = std::time::Instant::now();
            let o = fee(&a);
            let err = String::from_utf8_lossy(&o.stderr).to_string();
            if o.status.code() != Some(case.code) || !err.contains(want) {
                failures.push(format!("{} ({lang}): exit {:?}, stderr {err}", case.name, o.status.code()));
            }
            // Nothing blows up: every case is answered at once (a debug build, so generously).
            if started.elapsed() > std::time::Duration::from_secs(10) {
                failures.push(format!("{} ({lang}): took {:?}", case.name, started.elapsed()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // No temporary file is left beside an output that was refused.
    let left: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".tmp") || p.to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn what_is_read_has_its_harm_taken_out() {
    let dir = scratch("hostile-read");
    let p = proposals();
    let header = p.lines().next().unwrap();
    let row = p.lines().nth(1).unwrap();
    // 9. A cell that would be a formula in a spreadsheet, and a name with terminal escape codes.
    let first_cell_end = row.find(',').unwrap();
    let formula = format!("{header}\n=HYPERLINK(\"x\"){}\n", &row[first_cell_end..]);
    let file = write(&dir, "formula.csv", formula);
    let out = dir.join("findings.csv");
    let o = fee(&["check", &file, "--out", out.to_str().unwrap()]);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&o.stderr));
    let written = std::fs::read_to_string(&out).unwrap();
    // The output is made as any file the user writes (0666 less the umask), not private as a
    // temporary file would be.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let umask = std::process::Command::new("sh").args(["-c", "umask"]).output().unwrap();
        let umask = u32::from_str_radix(String::from_utf8_lossy(&umask.stdout).trim(), 8).unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask, "{mode:o}");
    }
    assert!(!written.lines().any(|l| l.starts_with('=') || l.contains(",=")), "{written}");
    assert!(written.contains("'=HYPERLINK"), "{written}");
    let ansi = s_with_name("\u{1b}[2J\u{1b}[31mFee cap 0.00\nfake");
    let o = fee(&["evaluate", &write(&dir, "ansi.json", ansi), "--lang", "en"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(!text.contains('\u{1b}'), "escape codes reached the terminal");
    assert!(!text.lines().any(|l| l.starts_with("Fee cap 0.00")), "a name faked a line: {text}");
    // 11. A byte-order mark, as Windows Notepad writes, is accepted.
    let o = fee(&["evaluate", &write(&dir, "bom.json", format!("\u{feff}{}", scenario())), "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::remove_dir_all(dir).unwrap();
}

/// The sample scenario with another name.
fn s_with_name(name: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&scenario()).unwrap();
    v["name"] = name.into();
    v.to_string()
}
