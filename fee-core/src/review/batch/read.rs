//! Reading proposals from CSV (on a second thread where there is one) and xlsx into the checker.

use crate::foundations::date::Date;
use crate::foundations::error::reason::{self, NOT_UTF8};
use crate::foundations::error::FeeError;
use crate::foundations::finding::Message;
use crate::foundations::parameters::ParameterSet;
use crate::rules::cap::IncomeBasis;

use super::check::BatchChecker;
use super::{BatchLine, BatchSummary};

/// Why a row that is not UTF-8 was not read, in both languages.
pub(super) fn not_utf8() -> Message {
    Message::new(reason::zh(NOT_UTF8).into_owned(), NOT_UTF8)
}

/// Opens a CSV reader and reads its header row.
pub(super) fn csv_header<R: std::io::Read>(reader: R) -> Result<(Vec<String>, csv::Reader<R>), FeeError> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader);
    let mut first = csv::ByteRecord::new();
    let header = match rdr.read_byte_record(&mut first) {
        Ok(false) => return Err(FeeError::invalid("file", "", reason::FILE_EMPTY)),
        Ok(true) => first
            .iter()
            .map(|f| String::from_utf8(f.to_vec()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| NOT_UTF8.to_string()),
        Err(e) => Err(reason::fill(reason::UNREADABLE_CSV, &[&e])),
    }
    .map_err(|reason| FeeError::invalid("header", "", reason))?;
    Ok((header, rdr))
}

/// Checks a CSV file of proposals, streaming: `out` receives every output line, `progress` the rows read so far (every 1,000 rows).
///
/// Where the machine has more than one core, the file is read and parsed on a second thread
/// while this one checks, a few hundred rows apart: output, errors and memory are as if it
/// were read here (a bounded number of rows is in flight).
///
/// # Errors
///
/// [`FeeError::Invalid`] when the file is empty, its header is not UTF-8, a column is missing,
/// or the reader fails (an I/O error).
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let e = fee_core::check_csv(&b""[..], set, "2024-06-01".parse()?, &fee_core::IncomeBasis::District { year: 2022 }, &mut |_| {}, &mut |_| {});
/// assert!(e.unwrap_err().to_string().contains("empty"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn check_csv<R: std::io::Read + Send>(
    reader: R,
    params: &ParameterSet,
    date: Date,
    income: &IncomeBasis,
    out: &mut dyn FnMut(BatchLine),
    progress: &mut dyn FnMut(usize),
) -> Result<BatchSummary, FeeError> {
    let second_thread = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    check_csv_reading(reader, params, date, income, out, progress, second_thread)
}

/// [`check_csv`] on the calling thread only: for embedders that keep to one thread (a
/// server with its own pool, say). In the browser this is what `check_csv` does anyway.
///
/// # Errors
///
/// As [`check_csv`].
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let csv = "institution,institution_type,inclusive,item,class_type,service_form,amount,unit,standard,items_published,service_content,refund_rules,agreement_signed,displayed_at_premises,reference_low,reference_high,approved_net_cost,meal_cost\n\
///            公办甲园,public_nursery,yes,保育费,托大班,全日托,3000,元/月,inclusive,yes,yes,yes,yes,yes,,,,\n";
/// let s = fee_core::check_csv_single_threaded(csv.as_bytes(), set, "2024-06-01".parse()?,
///     &fee_core::IncomeBasis::District { year: 2022 }, &mut |_| {}, &mut |_| {})?;
/// assert_eq!(s.rows_passed, 1);
/// # Ok::<(), fee_core::FeeError>(())
/// ```
pub fn check_csv_single_threaded<R: std::io::Read>(
    reader: R,
    params: &ParameterSet,
    date: Date,
    income: &IncomeBasis,
    out: &mut dyn FnMut(BatchLine),
    progress: &mut dyn FnMut(usize),
) -> Result<BatchSummary, FeeError> {
    let (mut rdr, rows) = RowCounter::start(sniffed(reader)?, params, date, income)?;
    rows.check_here(&mut rdr, out, progress)
}

/// The file's first 64 KB read and checked: a file in UTF-16 or GBK is refused once, saying
/// which encoding it seems to be and how to save it as UTF-8, instead of a refusal per row.
/// The bytes read go on ahead of the rest, so nothing is lost; a reader that fails within them
/// fails after them, where the rows would have met it.
fn sniffed<R: std::io::Read>(mut reader: R) -> Result<Sniffed<R>, FeeError> {
    use crate::foundations::input::TextEncoding;
    use std::io::Read;
    const HEAD: u64 = 64 * 1024;
    let mut head = Vec::new();
    let failed = (&mut reader).take(HEAD).read_to_end(&mut head).err();
    let whole = failed.is_none() && (head.len() as u64) < HEAD;
    // Only an encoding recognised is refused here; other bytes that are not UTF-8 are refused
    // row by row, as before, so the rest of the file is still checked.
    if matches!(TextEncoding::of(&head, whole), TextEncoding::Utf16 | TextEncoding::Gbk) {
        TextEncoding::check(&head, whole, "file")?;
    }
    Ok(Sniffed { head: std::io::Cursor::new(head), failed, rest: reader })
}

/// A reader's first bytes, read ahead, then (if reading them failed) that failure, then the rest.
struct Sniffed<R> {
    head: std::io::Cursor<Vec<u8>>,
    failed: Option<std::io::Error>,
    rest: R,
}

impl<R: std::io::Read> std::io::Read for Sniffed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.head.read(buf)?;
        if n > 0 || buf.is_empty() {
            return Ok(n);
        }
        match self.failed.take() {
            Some(e) => Err(e),
            None => self.rest.read(buf),
        }
    }
}

/// [`check_csv`], reading on a second thread if `second_thread` (and the target has threads).
pub(super) fn check_csv_reading<R: std::io::Read + Send>(
    reader: R,
    params: &ParameterSet,
    date: Date,
    income: &IncomeBasis,
    out: &mut dyn FnMut(BatchLine),
    progress: &mut dyn FnMut(usize),
    second_thread: bool,
) -> Result<BatchSummary, FeeError> {
    // Without threads (the browser) only the reading below uses these.
    #[cfg_attr(target_arch = "wasm32", allow(unused_mut))]
    let (mut rdr, mut rows) = RowCounter::start(sniffed(reader)?, params, date, income)?;
    #[cfg(not(target_arch = "wasm32"))]
    if second_thread {
        if let Some(done) = pipelined::check_rows(&mut rdr, &mut rows, out, progress) {
            done?;
            return Ok(rows.finish(out, progress));
        }
    }
    #[cfg(target_arch = "wasm32")]
    let _ = second_thread;
    rows.check_here(&mut rdr, out, progress)
}

/// Reads the next record into `record`: `None` at the end, `Some(None)` for a record that
/// reads, `Some(Some(reason))` for one that does not (the reading goes on after it).
pub(super) fn read_row<R: std::io::Read>(
    rdr: &mut csv::Reader<R>,
    record: &mut csv::StringRecord,
) -> Result<Option<Option<Message>>, FeeError> {
    match rdr.read_record(record) {
        Ok(false) => Ok(None),
        Ok(true) => Ok(Some(None)),
        Err(e) if e.is_io_error() => Err(FeeError::invalid("file", "", reason::fill(reason::UNREADABLE, &[&e]))),
        Err(e) if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) => Ok(Some(Some(not_utf8()))),
        Err(e) => {
            let why = reason::fill(reason::UNREADABLE_CSV, &[&e]);
            Ok(Some(Some(Message::new(reason::zh(&why).into_owned(), why))))
        }
    }
}

/// The reason a line that opens a quote and never closes it is refused. Written here, not in
/// the shared table of reasons, which the page's first load carries.
fn unclosed_quote(line: usize) -> Message {
    Message::new(
        "引号自第 {0} 行起未闭合：其后各行已逐行读取；请补上或删去引号",
        "the quote opened on line {0} is not closed: the lines after it are read one by one; close the quote or remove it",
    )
    .with(crate::foundations::finding::MessageArg::Whole(line as u64))
}

/// The checker with the row number (the header is row 1) and the progress reports.
pub(super) struct RowCounter {
    checker: BatchChecker,
    row: usize,
}

impl RowCounter {
    /// Reads the header and makes the checker for it.
    fn start<R: std::io::Read>(
        reader: R,
        params: &ParameterSet,
        date: Date,
        income: &IncomeBasis,
    ) -> Result<(csv::Reader<R>, RowCounter), FeeError> {
        let (header, rdr) = csv_header(reader)?;
        Ok((rdr, RowCounter { checker: BatchChecker::new(&header, params, date, income.clone())?, row: 1 }))
    }

    /// Reads and checks the rest of the file on this thread.
    fn check_here<R: std::io::Read>(
        mut self,
        rdr: &mut csv::Reader<R>,
        out: &mut dyn FnMut(BatchLine),
        progress: &mut dyn FnMut(usize),
    ) -> Result<BatchSummary, FeeError> {
        // One record is read into again and again: no string is copied for a row that reads.
        let mut record = csv::StringRecord::new();
        while let Some(reason) = read_row(rdr, &mut record)? {
            self.push(&record, reason, out, progress);
        }
        Ok(self.finish(out, progress))
    }

    /// Checks the next record, or rejects it for `unreadable`'s reason.
    #[inline]
    fn push(
        &mut self,
        record: &csv::StringRecord,
        unreadable: Option<Message>,
        out: &mut dyn FnMut(BatchLine),
        progress: &mut dyn FnMut(usize),
    ) {
        // Rows are numbered by the physical line they start on (the header is line 1).
        let line = record.position().map_or(self.row + 1, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
        self.row = line.max(self.row + 1);
        // No field of a proposal holds a line break: a record that spans lines is a quote left
        // open, which would swallow the rows after it. The line that opened it is refused, and
        // every line it swallowed is read on its own, so each line gets its outcome.
        // One search over the row's text, then the field, only for a row that has a break.
        let swallowed = (unreadable.is_none() && record.as_slice().contains('\n'))
            .then(|| record.iter().position(|f| f.contains('\n')))
            .flatten();
        if let Some(k) = swallowed {
            self.checker.push_fields::<[String]>(self.row, Err(unclosed_quote(self.row)), out);
            let mut lines: Vec<String> = record.get(k).unwrap_or("").split('\n').skip(1).map(str::to_string).collect();
            // The file's last line break is not a line of its own.
            if lines.last().is_some_and(|l| l.trim().is_empty()) && record.len() == k + 1 {
                lines.pop();
            }
            // The fields after the open one came from the last line swallowed.
            if let Some(last) = lines.last_mut() {
                for f in record.iter().skip(k + 1) {
                    last.push(',');
                    last.push_str(f);
                }
            }
            for text in lines {
                self.row += 1;
                let mut rdr = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(text.trim_end_matches('\r').as_bytes());
                let mut one = csv::StringRecord::new();
                match read_row(&mut rdr, &mut one) {
                    Ok(Some(None)) if !one.iter().any(|f| f.contains('\n')) => {
                        self.checker.push_fields(self.row, Ok(&one), out)
                    }
                    // A line that holds another open quote, or reads as nothing.
                    _ => self.checker.push_fields::<[String]>(self.row, Err(unclosed_quote(self.row)), out),
                }
            }
        } else {
            match unreadable {
                None => self.checker.push_fields(self.row, Ok(record), out),
                Some(reason) => self.checker.push_fields::<[String]>(self.row, Err(reason), out),
            }
        }
        if self.row.is_multiple_of(1000) {
            progress(self.row - 1);
        }
    }

    fn finish(self, out: &mut dyn FnMut(BatchLine), progress: &mut dyn FnMut(usize)) -> BatchSummary {
        let summary = self.checker.finish(out);
        progress(summary.rows_read);
        summary
    }
}

/// Reading on a second thread while this one checks.
#[cfg(not(target_arch = "wasm32"))]
mod pipelined {
    use std::sync::mpsc;

    use super::{read_row, BatchLine, RowCounter};
    use crate::foundations::error::FeeError;

    /// Rows handed over at a time: enough to make the hand-over cheap, few enough to keep
    /// memory flat (at most four chunks exist).
    const CHUNK: usize = 256;

    /// Rows read by the reading thread: each record with the reason it did not read, if any.
    #[derive(Default)]
    struct Chunk {
        rows: Vec<(csv::StringRecord, Option<crate::foundations::finding::Message>)>,
        len: usize,
    }

    /// Reads the rest of `rdr` on a second thread and checks the rows here, in order.
    /// `None` if the thread could not be started (nothing has been read then).
    pub(super) fn check_rows<R: std::io::Read + Send>(
        rdr: &mut csv::Reader<R>,
        rows: &mut RowCounter,
        out: &mut dyn FnMut(BatchLine),
        progress: &mut dyn FnMut(usize),
    ) -> Option<Result<(), FeeError>> {
        let (full_tx, full_rx) = mpsc::sync_channel::<Chunk>(2);
        let (empty_tx, empty_rx) = mpsc::channel::<Chunk>();
        std::thread::scope(|scope| {
            let reader = std::thread::Builder::new()
                .name("fee-csv-reader".into())
                .spawn_scoped(scope, move || read_chunks(rdr, &full_tx, &empty_rx))
                .ok()?;
            for mut chunk in full_rx {
                for (record, unreadable) in chunk.rows.iter_mut().take(chunk.len) {
                    rows.push(record, unreadable.take(), out, progress);
                }
                // The reader may have finished; then the chunk is simply dropped.
                let _ = empty_tx.send(chunk);
            }
            Some(reader.join().unwrap_or_else(|_| {
                Err(FeeError::invalid("file", "", crate::foundations::error::reason::READER_STOPPED))
            }))
        })
    }

    /// The reading thread: fills chunks (reusing those handed back) until the file ends.
    fn read_chunks<R: std::io::Read>(
        rdr: &mut csv::Reader<R>,
        full: &mpsc::SyncSender<Chunk>,
        empty: &mpsc::Receiver<Chunk>,
    ) -> Result<(), FeeError> {
        loop {
            let mut chunk = empty.try_recv().unwrap_or_default();
            chunk.len = 0;
            let mut ended = false;
            while chunk.len < CHUNK {
                if chunk.rows.len() == chunk.len {
                    chunk.rows.push(Default::default());
                }
                let Some((record, unreadable)) = chunk.rows.get_mut(chunk.len) else { break };
                match read_row(rdr, record) {
                    Ok(Some(reason)) => *unreadable = reason,
                    Ok(None) => {
                        ended = true;
                        break;
                    }
                    Err(e) => {
                        // Rows read before the failure are still checked, as when reading in one thread.
                        let _ = full.send(chunk);
                        return Err(e);
                    }
                }
                chunk.len += 1;
            }
            // A send fails only when the checking side has stopped: nothing more to do.
            if (chunk.len > 0 && full.send(chunk).is_err()) || ended {
                return Ok(());
            }
        }
    }
}

/// Checks the first sheet of an xlsx workbook of proposals.
///
/// # Errors
///
/// [`FeeError::Invalid`] when the bytes are not an xlsx workbook, it has no sheet, or a column is missing.
///
/// ```
/// let set = fee_core::ParameterSet::chaoyang()?;
/// let e = fee_core::check_xlsx(b"not a zip", set, "2024-06-01".parse()?, &fee_core::IncomeBasis::District { year: 2022 }, &mut |_| {}, &mut |_| {});
/// assert!(e.unwrap_err().to_string().contains("not an xlsx workbook"));
/// # Ok::<(), fee_core::FeeError>(())
/// ```
#[cfg(feature = "xlsx")]
pub fn check_xlsx(
    bytes: &[u8],
    params: &ParameterSet,
    date: Date,
    income: &IncomeBasis,
    out: &mut dyn FnMut(BatchLine),
    progress: &mut dyn FnMut(usize),
) -> Result<BatchSummary, FeeError> {
    use calamine::Reader;
    crate::foundations::input::workbook_bounds(bytes)?;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| FeeError::invalid("file", "", reason::fill(reason::NOT_XLSX, &[&e])))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| FeeError::invalid("file", "", reason::NO_SHEET))?
        .map_err(|e| FeeError::invalid("file", "", e.to_string()))?;
    let mut rows = range.rows();
    let header: Vec<String> = match rows.next() {
        Some(h) => h.iter().map(|c| c.to_string()).collect(),
        None => return Err(FeeError::invalid("file", "", reason::SHEET_EMPTY)),
    };
    let mut checker = BatchChecker::new(&header, params, date, income.clone())?;
    for (i, r) in rows.enumerate() {
        let mut fields: Vec<String> = r.iter().map(|c| c.to_string()).collect();
        while fields.len() > header.len() && fields.last().is_some_and(String::is_empty) {
            fields.pop();
        }
        checker.push(i + 2, Ok(fields), out);
        if (i + 1) % 1000 == 0 {
            progress(i + 1);
        }
    }
    let summary = checker.finish(out);
    progress(summary.rows_read);
    Ok(summary)
}
