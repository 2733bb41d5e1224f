//! A zip bomb made at test time, shared by the library's and the command line's hostile-input
//! tests (each includes this file).

use std::io::Write;

/// An xlsx-shaped zip of `megabytes` of zeros in one part (deflate packs them about 1,000 : 1).
pub fn zip_bomb(megabytes: usize) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/sharedStrings.xml", options).unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..megabytes {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}
