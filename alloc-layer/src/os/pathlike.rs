//! `os.PathLike`: what a path argument may be.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::ffi::CString;
use alloc::string::String;
use alloc::vec::Vec;
use core::ffi::CStr;

/// Python's `os.PathLike` (and `os.fspath`): anything that is a file
/// name, as the bytes the kernel takes. Every path argument of the alloc
/// layer's `os` and `os.path` takes one.
///
/// Text and bytes of every owned and borrowed kind implement it; in a std
/// program (the `std` feature, which strata-std turns on) so do `Path`,
/// `PathBuf`, `OsStr` and `OsString`.
///
/// ```
/// use strata_alloc::os::{self, path};
///
/// assert_eq!(path::join("/usr", b"lib".to_vec()), b"/usr/lib");
/// assert!(path::isdir(String::from("/")));
/// assert!(os::listdir("/")?.len() > 0);
/// # Ok::<(), os::Error>(())
/// ```
#[doc(alias = "fspath")]
pub trait PathLike {
    /// `os.fspath(path)` as bytes.
    fn path_bytes(&self) -> &[u8];
}

impl<T: PathLike + ?Sized> PathLike for &T {
    fn path_bytes(&self) -> &[u8] {
        (**self).path_bytes()
    }
}

impl<T: PathLike + ?Sized> PathLike for &mut T {
    fn path_bytes(&self) -> &[u8] {
        (**self).path_bytes()
    }
}

/// Types whose bytes are their `AsRef<[u8]>`.
macro_rules! bytes_path {
    ($($ty:ty),*) => {$(
        impl PathLike for $ty {
            fn path_bytes(&self) -> &[u8] {
                AsRef::<[u8]>::as_ref(self)
            }
        }
    )*};
}

bytes_path!(str, [u8], String, Vec<u8>, Box<[u8]>, Cow<'_, [u8]>);

impl PathLike for Box<str> {
    fn path_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl PathLike for Cow<'_, str> {
    fn path_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl<const N: usize> PathLike for [u8; N] {
    fn path_bytes(&self) -> &[u8] {
        self
    }
}

impl PathLike for CStr {
    fn path_bytes(&self) -> &[u8] {
        self.to_bytes()
    }
}

impl PathLike for CString {
    fn path_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// std's path types, as their bytes (Linux paths are bytes).
#[cfg(feature = "std")]
macro_rules! std_path {
    ($($ty:ty),*) => {$(
        impl PathLike for $ty {
            fn path_bytes(&self) -> &[u8] {
                std::os::unix::ffi::OsStrExt::as_bytes(AsRef::<std::ffi::OsStr>::as_ref(self))
            }
        }
    )*};
}

#[cfg(feature = "std")]
std_path!(
    std::path::Path,
    std::path::PathBuf,
    std::ffi::OsStr,
    std::ffi::OsString
);
