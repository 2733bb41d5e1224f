//! Writes `samples/proposals.xlsx` from `samples/proposals.csv` (same rows, one sheet),
//! so the xlsx path of batch review has a sample. Run: `cargo run -p fee-tests --example make-proposals-xlsx`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_path(root.join("samples/proposals.csv"))?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, rec) in rdr.records().enumerate() {
        for (c, field) in rec?.iter().enumerate() {
            sheet.write_string(u32::try_from(r)?, u16::try_from(c)?, field)?;
        }
    }
    book.save(root.join("samples/proposals.xlsx"))?;
    Ok(())
}
