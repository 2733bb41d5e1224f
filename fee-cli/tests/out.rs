//! `--out` is always one whole output: two runs writing the same file each leave a whole file
//! (before, both wrote one `.partial` name and the run that said it succeeded left a mixture),
//! and a folder given as `--out` is refused before any work, leaving nothing behind.

mod common;

use common::{fee_command, scratch};

/// A proposals file of `n` rows, every fifth over the cap, from the sample's header.
fn proposals(dir: &std::path::Path, n: usize, amount_base: usize) -> std::path::PathBuf {
    let sample = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/proposals.csv")).unwrap();
    let header = sample.lines().next().unwrap();
    let mut text = format!("{header}\n");
    for i in 0..n {
        let amount = amount_base + (i % 5) * 100;
        text.push_str(&format!(
            "机构{},public_nursery,yes,保育费,托大班,全日托,{amount},元/月,普惠,是,是,是,是,是,,,,\n",
            i / 4
        ));
    }
    let path = dir.join(format!("p{amount_base}.csv"));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn two_runs_writing_the_same_out_each_leave_one_whole_file() {
    let dir = scratch("race");
    let (a, b) = (proposals(&dir, 60_000, 2_700), proposals(&dir, 60_000, 2_900));
    let out = dir.join("findings.csv");
    let run = |input: &std::path::Path| {
        fee_command().args(["check", input.to_str().unwrap(), "--out", out.to_str().unwrap()]).spawn().unwrap()
    };
    let (mut first, mut second) = (run(&a), run(&b));
    assert!(first.wait().unwrap().success() && second.wait().unwrap().success());
    let written = std::fs::read_to_string(&out).unwrap();
    // Each run alone, written to standard output, for comparison.
    let alone = |input: &std::path::Path| {
        String::from_utf8(fee_command().args(["check", input.to_str().unwrap()]).output().unwrap().stdout).unwrap()
    };
    assert!(written == alone(&a) || written == alone(&b), "the file mixes the two runs");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 3, "no temporary file is left: {left:?}");
}

#[test]
fn a_folder_as_out_is_refused_before_any_work_and_leaves_nothing() {
    let dir = scratch("folder");
    let input = proposals(&dir, 10, 2_800);
    let folder = dir.join("results");
    std::fs::create_dir_all(&folder).unwrap();
    let o = fee_command().args(["check", input.to_str().unwrap(), "--out", folder.to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--out 是一个文件夹"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2, "no temporary file beside it either");
}

#[test]
fn csv_output_never_carries_a_formula_from_the_input() {
    // OWASP's CSV injection: a cell starting with = + - @ or a tab runs in a spreadsheet.
    let dir = scratch("injection");
    let sample = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/proposals.csv")).unwrap();
    let header = sample.lines().next().unwrap();
    let input = dir.join("p.csv");
    std::fs::write(
        &input,
        format!("{header}\n\"=HYPERLINK(\"\"http://x\"\")\",public_nursery,yes,+SUM(1),托大班,全日托,2800,元/月,普惠,是,是,是,是,是,,,,\n"),
    )
    .unwrap();
    let o = fee_command().args(["check", input.to_str().unwrap()]).output().unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    let row = rows.records().next().unwrap().unwrap();
    assert_eq!((&row[1], &row[2]), ("'=HYPERLINK(\"http://x\")", "'+SUM(1)"));
    assert!(row.iter().all(|cell| !cell.starts_with(['=', '+', '@', '\t', '\r'])), "{row:?}");
}

#[test]
fn a_name_with_a_newline_or_an_escape_cannot_fake_a_line_of_text_output() {
    let dir = scratch("control");
    let mut s: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/public-nursery.json")).unwrap(),
    )
    .unwrap();
    s["name"] = serde_json::Value::String("甲园\n  收费上限  0.00 元/月\u{1b}[2J".into());
    let path = dir.join("s.json");
    std::fs::write(&path, s.to_string()).unwrap();
    let o = fee_command().args(["evaluate", path.to_str().unwrap(), "--format", "text"]).output().unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "an escape reached the terminal");
    assert!(!text.lines().any(|l| l.starts_with("  收费上限  0.00")), "{text}");
    assert!(text.lines().next().unwrap().starts_with("甲园  收费上限"));
}
