//! A writer for the "newc" cpio format, the one the kernel unpacks as an
//! initramfs (`Documentation/driver-api/early-userspace/buffer-format.rst`).

/// One archive member: `path` is relative to the root, `mode` holds the
/// permission bits (the file type is added from the variant).
#[allow(missing_docs)]
pub enum Entry<'a> {
    /// A directory.
    Dir { path: &'a str, mode: u32 },
    /// A regular file and its contents.
    File {
        path: &'a str,
        mode: u32,
        data: &'a [u8],
    },
    /// A character device node, `major:minor`.
    CharDevice {
        path: &'a str,
        mode: u32,
        major: u32,
        minor: u32,
    },
}

const S_IFDIR: u32 = 0o040000;
const S_IFREG: u32 = 0o100000;
const S_IFCHR: u32 = 0o020000;

/// Builds a newc archive of `entries`, ending with the `TRAILER!!!` record.
pub fn archive(entries: &[Entry<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    for (ino, entry) in (1u32..).zip(entries) {
        let (path, mode, data, rdev) = match *entry {
            Entry::Dir { path, mode } => (path, S_IFDIR | mode, &[][..], (0, 0)),
            Entry::File { path, mode, data } => (path, S_IFREG | mode, data, (0, 0)),
            Entry::CharDevice {
                path,
                mode,
                major,
                minor,
            } => (path, S_IFCHR | mode, &[][..], (major, minor)),
        };
        let nlink = if mode & S_IFDIR != 0 { 2 } else { 1 };
        member(&mut out, ino, mode, nlink, path, data, rdev);
    }
    member(&mut out, 0, 0, 1, "TRAILER!!!", &[], (0, 0));
    out
}

fn member(
    out: &mut Vec<u8>,
    ino: u32,
    mode: u32,
    nlink: u32,
    path: &str,
    data: &[u8],
    rdev: (u32, u32),
) {
    let fields = [
        ino,
        mode,
        0, // uid
        0, // gid
        nlink,
        0, // mtime
        u32::try_from(data.len()).expect("an initramfs member over 4 GiB"),
        0, // devmajor
        0, // devminor
        rdev.0,
        rdev.1,
        u32::try_from(path.len() + 1).expect("a path over 4 GiB"),
        0, // check
    ];
    out.extend_from_slice(b"070701");
    for field in fields {
        out.extend_from_slice(format!("{field:08x}").as_bytes());
    }
    out.extend_from_slice(path.as_bytes());
    out.push(0);
    pad4(out);
    out.extend_from_slice(data);
    pad4(out);
}

fn pad4(out: &mut Vec<u8>) {
    while !out.len().is_multiple_of(4) {
        out.push(0);
    }
}

/// The initramfs for booting `program` as `/init`: `/dev/console` exists so
/// the kernel can give init its stdin, stdout and stderr; nothing is
/// mounted.
pub fn initramfs(program: &[u8]) -> Vec<u8> {
    archive(&[
        Entry::Dir {
            path: "dev",
            mode: 0o755,
        },
        Entry::CharDevice {
            path: "dev/console",
            mode: 0o600,
            major: 5,
            minor: 1,
        },
        Entry::File {
            path: "init",
            mode: 0o755,
            data: program,
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_names_and_data_are_aligned_and_trailed() {
        let bytes = archive(&[Entry::File {
            path: "init",
            mode: 0o755,
            data: b"abc",
        }]);
        assert_eq!(&bytes[..6], b"070701");
        // 110-byte header, "init\0" padded to 116, data padded to 120.
        assert_eq!(&bytes[110..115], b"init\0");
        assert_eq!(&bytes[116..119], b"abc");
        assert_eq!(bytes[120..126], *b"070701");
        assert!(bytes.windows(10).any(|w| w == b"TRAILER!!!"));
        assert_eq!(bytes.len() % 4, 0);
        // mode field: regular file, 0755.
        assert_eq!(&bytes[14..22], b"000081ed");
    }

    #[test]
    fn cpio_tool_lists_what_we_wrote() {
        // The system's cpio, where present, is an independent reader.
        let Ok(out) = std::process::Command::new("cpio").arg("--version").output() else {
            return;
        };
        if !out.status.success() {
            return;
        }
        let archive = initramfs(b"\x7fELF");
        let mut child = std::process::Command::new("cpio")
            .args(["-t", "--quiet"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(&archive).unwrap();
        let listing = child.wait_with_output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&listing.stdout),
            "dev\ndev/console\ninit\n"
        );
    }
}
