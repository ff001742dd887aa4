//! Running a program and capturing what it does, with a time limit.

use crate::machine::Arch;
use std::ffi::{OsStr, OsString};
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

/// How programs are started: their architecture and the words put before
/// the program on the command line — none natively, the emulator under
/// qemu-user (`[<dir>/qemu-aarch64-static]`), a wrapper that constrains
/// the system (`[<dir>/enosys]`, `[prlimit, --as=N:]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Runner {
    /// The architecture the programs are built for.
    pub arch: Arch,
    /// The command prefix: the program and its arguments follow it.
    pub prefix: Vec<OsString>,
}

impl Runner {
    /// Runs programs directly: `arch` must be the host's.
    pub fn native(arch: Arch) -> Runner {
        Runner {
            arch,
            prefix: Vec::new(),
        }
    }

    /// Runs programs after `prefix`.
    pub fn new<S: Into<OsString>>(arch: Arch, prefix: impl IntoIterator<Item = S>) -> Runner {
        Runner {
            arch,
            prefix: prefix.into_iter().map(Into::into).collect(),
        }
    }

    /// A command that runs `program` (its arguments still to add).
    pub fn command(&self, program: &Path) -> Command {
        match self.prefix.split_first() {
            None => Command::new(program),
            Some((first, rest)) => {
                let mut cmd = Command::new(first);
                cmd.args(rest).arg(program);
                cmd
            }
        }
    }

    /// The argv that runs `program`, prefix first.
    pub fn argv(&self, program: &Path) -> Vec<OsString> {
        let mut argv = self.prefix.clone();
        argv.push(program.into());
        argv
    }

    /// The same, as one line for `sh -c`, every word quoted.
    pub fn shell_line(&self, program: &Path) -> String {
        let words: Vec<String> = self.argv(program).iter().map(|w| shell_quote(w)).collect();
        words.join(" ")
    }
}

/// `word` quoted for a POSIX shell: in single quotes, each `'` as `'\''`.
pub fn shell_quote(word: &OsStr) -> String {
    format!("'{}'", word.to_string_lossy().replace('\'', r"'\''"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_and_quoting() {
        let r = Runner::new(Arch::Aarch64, ["/q dir/qemu-aarch64-static"]);
        let cmd = r.command(Path::new("/t/prog"));
        assert_eq!(cmd.get_program(), "/q dir/qemu-aarch64-static");
        assert_eq!(cmd.get_args().collect::<Vec<_>>(), ["/t/prog"]);
        assert_eq!(
            r.shell_line(Path::new("/t/it's")),
            r"'/q dir/qemu-aarch64-static' '/t/it'\''s'"
        );
        let native = Runner::native(Arch::X86_64);
        assert_eq!(native.command(Path::new("/t/p")).get_program(), "/t/p");
        assert_eq!(native.shell_line(Path::new("/t/p")), "'/t/p'");
    }
}
