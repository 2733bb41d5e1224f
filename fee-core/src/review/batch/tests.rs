//! Tests of batch review: reading, checking and writing.

use super::*;
use crate::foundations::error::reason::NOT_UTF8;
use crate::foundations::error::FeeError;
use crate::foundations::parameters::ParameterSet;
use crate::rules::cap::IncomeBasis;

use super::read::{check_csv_reading, check_csv_single_threaded};
use super::{BatchLine, BatchSummary, RowOutcome, COLUMNS};

/// A header and `n` rows, four per institution; rows in `bad` are not UTF-8: every other one
/// carries GBK bytes, the rest a character split across two fields (the name ends in the
/// first byte of 机, E6 9C BA, and the type starts with the other two: UTF-8 only when the
/// fields are put together).
fn file(n: usize, bad: &[usize]) -> Vec<u8> {
    let mut out = COLUMNS.join(",").into_bytes();
    out.push(b'\n');
    for i in 0..n {
        let amount = 2900 + (i % 5) * 100;
        let rest = format!("public_nursery,yes,保育费,托大班,全日托,{amount},元/月,普惠,是,是,是,是,是,,,,\n");
        match bad.iter().position(|b| *b == i) {
            Some(k) if k % 2 == 0 => out.extend_from_slice(b"\xbb\xfa\xb9\xb9,"),
            Some(_) => out.extend_from_slice(b"\xe6\x9c\xba\xe6,\x9c\xba"),
            None => out.extend_from_slice(format!("机构{},", i / 4).as_bytes()),
        }
        out.extend_from_slice(rest.as_bytes());
    }
    out
}

/// Every way a row can be rejected says why in Chinese too: the Chinese reason is not the
/// English one, and has Chinese outside the text it quotes.
#[test]
fn every_rejection_reads_in_both_languages() {
    let ok = "public_nursery,yes,保育费,托大班,全日托,2800,元/月,普惠,是,是,是,是,是,,,,";
    let rows = [
        "public_nursery,yes".to_string(),                            // 3 columns of 18
        ok.replacen("2800", "两千", 1),                              // not a number
        ok.replacen("2800", "-5", 1),                                // negative
        ok.replacen("2800", "", 1),                                  // empty amount
        ok.replacen("2800", "1e3", 1),                               // exponent
        ok.replacen("托大班", "大大班", 1),                          // class type
        ok.replacen("全日托", "整日托", 1),                          // service form
        ok.replacen("元/月", "元/周", 1),                            // unit
        ok.replacen("普惠,是", "半普惠,是", 1),                      // standard
        ok.replacen("public_nursery,yes", "public_nursery,也许", 1), // yes/no
        ok.replacen("public_nursery", "kindergarten_maybe", 1),      // institution type
        ok.replacen("保育费", "", 1),                                // empty item
        ok.replacen(",,,,", ",2400,,,", 1),                          // half a range
        ok.replacen(",,,,", ",3000,2400,,", 1),                      // range upside down
    ];
    let mut csv = COLUMNS.join(",");
    for (i, r) in rows.iter().enumerate() {
        csv.push_str(&format!("\n园{i},{r}"));
    }
    // An empty name, a type unlike the institution's first row's, and a name met again after another.
    let other_type = ok.replacen("public_nursery", "community_site", 1);
    csv.push_str(&format!("\n,{ok}\n新园,{ok}\n新园,{other_type}\n旧园,{ok}\n新园,{ok}\n"));
    let set = ParameterSet::chaoyang().unwrap();
    let mut lines = Vec::new();
    let summary = check_csv_single_threaded(
        csv.as_bytes(),
        set,
        "2024-06-01".parse().unwrap(),
        &IncomeBasis::District { year: 2022 },
        &mut |l| lines.push(l),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(summary.rows_rejected, rows.len() + 3, "{lines:#?}");
    let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for l in lines.iter().filter(|l| l.outcome == RowOutcome::Rejected) {
        let reason = l.reason.as_ref().unwrap();
        let (zh, en) = (reason.zh(), reason.en());
        let outside_quotes = zh.rsplit('”').next().unwrap_or_default();
        assert!(zh != en && chinese(outside_quotes), "row {}: {zh} / {en}", l.row);
    }
}

/// A reader that fails after `left` bytes.
struct Failing<'a> {
    data: &'a [u8],
    left: usize,
}

impl std::io::Read for Failing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::Error::other("disk gone"));
        }
        let n = buf.len().min(self.left).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        self.left -= n;
        Ok(n)
    }
}

fn run<R: std::io::Read + Send>(
    reader: R,
    second_thread: bool,
) -> (Result<BatchSummary, FeeError>, Vec<BatchLine>, Vec<usize>) {
    let set = ParameterSet::chaoyang().unwrap();
    let (mut lines, mut progress) = (Vec::new(), Vec::new());
    let r = check_csv_reading(
        reader,
        set,
        "2024-06-01".parse().unwrap(),
        &IncomeBasis::District { year: 2022 },
        &mut |l| lines.push(l),
        &mut |n| progress.push(n),
        second_thread,
    );
    (r, lines, progress)
}

/// Reading on a second thread gives the same lines, counts and progress as reading here,
/// with rows that are not UTF-8 on both sides of the hand-over boundaries (every 256 rows).
#[test]
fn reading_on_a_second_thread_changes_nothing() {
    let bad = [0, 255, 256, 257, 511, 1000, 1001, 1999];
    let data = file(2000, &bad);
    let (a, lines_a, progress_a) = run(data.as_slice(), false);
    let (b, lines_b, progress_b) = run(data.as_slice(), true);
    let (a, b) = (a.unwrap(), b.unwrap());
    // 2,000 rows read, the eight that are not UTF-8 rejected (as such), the rest passed or
    // with findings.
    assert_eq!(a.rows_read, 2000);
    assert_eq!(a.rows_rejected, 8);
    let rejected = lines_a.iter().filter(|l| l.outcome == RowOutcome::Rejected);
    assert!(rejected.clone().all(|l| l.reason.as_deref().map(Message::en).as_deref() == Some(NOT_UTF8)));
    assert_eq!(rejected.map(|l| l.row).collect::<Vec<_>>(), bad.map(|i| i + 2));
    assert_eq!(a, b);
    assert_eq!(lines_a, lines_b);
    // Progress at rows 999 and 1,999 (row numbers count the header), then the total.
    assert_eq!(progress_a, vec![999, 1999, 2000]);
    assert_eq!(progress_a, progress_b);
}

/// A reader that fails part-way: both ways report the error after the same lines.
#[test]
fn a_failing_reader_stops_both_ways_alike() {
    let data = file(2000, &[]);
    let (a, lines_a, _) = run(Failing { data: &data, left: 60_000 }, false);
    let (b, lines_b, _) = run(Failing { data: &data, left: 60_000 }, true);
    assert!(a.unwrap_err().to_string().contains("disk gone"));
    assert!(b.unwrap_err().to_string().contains("disk gone"));
    assert!(!lines_a.is_empty());
    assert_eq!(lines_a, lines_b);
}

/// A cell longer than xlsx holds (32,767 characters) is cut with a marker that gives the
/// whole length; text that fits is left alone.
#[cfg(feature = "xlsx")]
#[test]
fn an_over_long_cell_is_cut_with_a_marker() {
    let long = "园".repeat(40_000);
    let cut = super::write::cut_cell(&long).unwrap();
    // 40,000 characters, grouped as every figure shown is.
    assert!(
        cut.ends_with("cut: 40,000 characters in all, see the CSV or JSON output］"),
        "{}",
        &cut[cut.len() - 120..]
    );
    assert!(cut.encode_utf16().count() <= 32_767);
    assert!(cut.starts_with("园园园"));
    assert_eq!(super::write::cut_cell(&"园".repeat(32_767)), None);
}

/// The findings workbook records where it came from: the program, the set with its digest, and
/// the digest of the proposals file, on its summary sheet.
#[cfg(feature = "xlsx")]
#[test]
fn the_findings_workbook_carries_its_provenance() {
    use std::io::Read;
    let set = ParameterSet::chaoyang().unwrap();
    let input = b"institution,item\n";
    let about = crate::foundations::digest::batch_provenance(set, input).unwrap();
    let book =
        super::write::findings_xlsx(&[], &BatchSummary::default(), &about, crate::foundations::trace::Language::En)
            .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml").unwrap().read_to_string(&mut strings).unwrap();
    for text in ["input_sha256", "parameter_set_sha256", "cn-bj-chaoyang 2024.1", crate::foundations::digest::PROGRAM] {
        assert!(strings.contains(text), "{text}");
    }
    // The file's digest, as `sha256sum` gives it for those 17 bytes.
    assert!(strings.contains("57b67965f8bd5681361bd37e23676a08ee3e570b01d0053cbd2591574b87f925"));
}

/// A findings workbook is for a person: in Chinese its sheets, header, outcomes, severities and
/// summary labels are Chinese, with each summary label's stable key beside it for a program.
#[cfg(feature = "xlsx")]
#[test]
fn the_findings_workbook_is_written_in_the_readers_language() {
    use std::io::Read;
    let lines = [
        BatchLine {
            row: 2,
            institution: "甲".into(),
            item: "保育费".into(),
            outcome: RowOutcome::Passed,
            finding: None,
            column: None,
            reason: None,
        },
        BatchLine {
            row: 3,
            institution: "乙".into(),
            item: "保育费".into(),
            outcome: RowOutcome::Findings,
            finding: Some(std::sync::Arc::new(crate::foundations::finding::Finding::new(
                "fee.above_cap",
                crate::foundations::finding::Severity::Violation,
                crate::foundations::finding::Message::new("高于上限", "above the cap"),
                crate::foundations::trace::Source::clause("二(二)1"),
            ))),
            column: None,
            reason: None,
        },
    ];
    let zh = crate::foundations::trace::Language::Zh;
    let book = super::write::findings_xlsx(&lines, &BatchSummary::default(), &[], zh).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let (mut strings, mut names) = (String::new(), String::new());
    // Shared strings, and the sheets' own (a sheet written in constant-memory mode holds its text inline).
    for part in ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
        if let Ok(mut f) = zip.by_name(part) {
            f.read_to_string(&mut strings).unwrap();
        }
    }
    zip.by_name("xl/workbook.xml").unwrap().read_to_string(&mut names).unwrap();
    assert!(names.contains("审核结果") && names.contains("汇总"), "{names}");
    for text in ["行号", "结果", "通过", "有问题", "违规", "读取行数", "rows_read"] {
        assert!(strings.contains(text), "{text} missing: {strings}");
    }
    for key in [">passed<", ">finding<", ">violation<"] {
        assert!(!strings.contains(key), "{key} in a Chinese workbook");
    }
}
