//! Running a program and capturing what it does, with a time limit.

use crate::machine::Arch;
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// What a finished program left behind.
#[derive(Debug)]
pub struct Captured {
    /// Its exit status.
    pub status: ExitStatus,
    /// Everything it wrote to stdout.
    pub stdout: String,
    /// Everything it wrote to stderr.
    pub stderr: String,
}

/// A command that runs `program` for `arch`: directly on the host's own
/// architecture, under qemu-user otherwise.
pub fn command(arch: Arch, program: &Path) -> Command {
    if arch.is_host() {
        Command::new(program)
    } else {
        let mut cmd = Command::new(arch.qemu_user());
        cmd.arg(program);
        cmd
    }
}

/// Runs `cmd` with stdin closed and stdout/stderr captured (unless the
/// caller set them), killing it after `limit`.
pub fn capture(cmd: &mut Command, limit: Duration) -> Result<Captured, String> {
    let what = format!("{:?}", cmd.get_program());
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {what}: {e}"))?;
    let out = reader(child.stdout.take());
    let err = reader(child.stderr.take());
    let status = wait(&mut child, limit).ok_or_else(|| {
        format!(
            "{what} did not finish within {} s and was killed",
            limit.as_secs()
        )
    })?;
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    Ok(Captured {
        status,
        stdout,
        stderr,
    })
}

/// Drains a pipe on its own thread, so a chatty child never blocks.
fn reader(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Waits for `child` up to `limit`; kills it and returns `None` past that.
pub fn wait(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
