//! embedded-io's traits on Strata's streams inside a std program (feature
//! `embedded-io`), beside std's own.

#![cfg(feature = "embedded-io")]

use strata_std::io::BytesIO;
use strata_std::io::embedded_io::{BufRead, Read, Seek, SeekFrom, Write};

#[test]
fn embedded_io_and_std_io_on_one_stream() {
    let mut b = BytesIO::new();
    Write::write_all(&mut b, b"embedded ").unwrap();
    std::io::Write::write_all(&mut b, b"and std").unwrap();
    Seek::seek(&mut b, SeekFrom::Start(0)).unwrap();
    let mut word = [0u8; 8];
    Read::read_exact(&mut b, &mut word).unwrap();
    assert_eq!(&word, b"embedded");
    assert_eq!(BufRead::fill_buf(&mut b).unwrap(), b" and std");
}
