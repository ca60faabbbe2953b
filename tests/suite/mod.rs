//! Shared helpers for the integration tests.

mod bad_policies;
mod cli;
mod intake;
mod places;
mod policy;
mod properties;
mod queue;
mod regression;
mod replay;
mod robust;
mod serve;
mod workbench;
mod zen;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A path inside the repository.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Runs the built `aftersale` binary with arguments and optional standard input.
pub fn aftersale(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_aftersale"));
    cmd.args(args)
        .current_dir(std::env::temp_dir())
        .env_remove("AFTERSALE_POLICY")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("the aftersale binary runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child
        .wait_with_output()
        .expect("the aftersale binary finishes")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
