// TEMPORARY SHIM - NOT FOR COMMIT
use super::{Error, Object};
use alloc::string::String;
use alloc::vec::Vec;
pub(crate) fn identifiers(_fmt: &str) -> Vec<&str> {
    Vec::new()
}
pub(crate) fn substitute<'v>(
    _fmt: &str,
    _l: &mut dyn FnMut(&str) -> Option<&'v dyn Object>,
) -> Result<String, Error> {
    Err(Error::value_error("shim"))
}
