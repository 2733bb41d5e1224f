//! What the command-line tests share: the `fee` binary run from the workspace root, and a
//! folder of each test's own.
#![allow(dead_code)]

use std::process::{Command, Output};

/// The `fee` command from the workspace root, in its default language (Chinese).
pub fn fee_command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_fee"));
    c.env_remove("FEE_LANG").current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    c
}

/// `fee` run with `args`, to its end.
pub fn fee(args: &[&str]) -> Output {
    fee_command().args(args).output().unwrap()
}

/// A folder of this test run's own for the files a test writes.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("fee-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The workspace root, where the samples are.
pub fn root() -> std::path::PathBuf {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/..")).to_path_buf()
}
