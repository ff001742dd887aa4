//! Just enough ELF reading to prove a program static: an executable with no
//! program interpreter and no dynamic section (so no `DT_NEEDED` either).

/// What the checks found in one file.
#[derive(Debug, PartialEq, Eq)]
pub struct Linkage {
    /// `e_machine`: 62 x86_64, 183 aarch64, 243 riscv, 40 arm.
    pub machine: u16,
    /// `e_type`: 2 is `ET_EXEC` (position-dependent), 3 is `ET_DYN`.
    pub kind: u16,
    /// A `PT_INTERP` header is present.
    pub interp: bool,
    /// A `PT_DYNAMIC` header is present.
    pub dynamic: bool,
}

impl Linkage {
    /// Statically linked, position-dependent, nothing for a loader to do.
    pub fn is_static(&self) -> bool {
        self.kind == 2 && !self.interp && !self.dynamic
    }
}

/// Reads the ELF header and program headers of `bytes`.
pub fn linkage(bytes: &[u8]) -> Result<Linkage, String> {
    if bytes.get(..4) != Some(b"\x7fELF") {
        return Err("not an ELF file".into());
    }
    let wide = match bytes.get(4) {
        Some(1) => false,
        Some(2) => true,
        _ => return Err("bad ELF class".into()),
    };
    if bytes.get(5) != Some(&1) {
        return Err("not little-endian".into());
    }
    let u16_at = |off: usize| {
        bytes
            .get(off..off + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    let u32_at = |off: usize| {
        bytes
            .get(off..off + 4)
            .map(|b| u32::from_le_bytes(b.try_into().unwrap()))
    };
    let u64_at = |off: usize| {
        bytes
            .get(off..off + 8)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap()))
    };
    let short = || "truncated ELF header".to_string();
    let kind = u16_at(16).ok_or_else(short)?;
    let machine = u16_at(18).ok_or_else(short)?;
    let (phoff, phentsize, phnum) = if wide {
        (
            u64_at(32).ok_or_else(short)?,
            u16_at(54).ok_or_else(short)?,
            u16_at(56).ok_or_else(short)?,
        )
    } else {
        (
            u64::from(u32_at(28).ok_or_else(short)?),
            u16_at(42).ok_or_else(short)?,
            u16_at(44).ok_or_else(short)?,
        )
    };
    let (mut interp, mut dynamic) = (false, false);
    for i in 0..u64::from(phnum) {
        let at = usize::try_from(phoff + i * u64::from(phentsize)).map_err(|_| short())?;
        match u32_at(at).ok_or_else(|| "truncated program headers".to_string())? {
            2 => dynamic = true,
            3 => interp = true,
            _ => {}
        }
    }
    Ok(Linkage {
        machine,
        kind,
        interp,
        dynamic,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dynamic_host_binary_is_not_static() {
        let sh = std::fs::read("/bin/sh").unwrap();
        let l = linkage(&sh).unwrap();
        assert!(l.interp && l.dynamic && !l.is_static(), "{l:?}");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(linkage(b"").is_err());
        assert!(linkage(b"\x7fELF\x02\x01").is_err());
        let mut header = vec![0u8; 64];
        header[..6].copy_from_slice(b"\x7fELF\x02\x01");
        header[32] = 0xff; // phoff far past the end
        header[56] = 1;
        assert!(linkage(&header).is_err());
    }
}
