// TEMPORARY SHIM - NOT FOR COMMIT
use super::{Error, Object};
use alloc::string::String;
use alloc::vec::Vec;
pub(crate) struct Parsed;
impl Parsed {
    pub(crate) fn parse(_fmt: &str) -> Result<Parsed, Error> {
        Err(Error::value_error("shim"))
    }
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        Vec::<&str>::new().into_iter()
    }
    pub(crate) fn apply<'v>(
        &self,
        _p: &[&'v dyn Object],
        _l: &mut dyn FnMut(&str) -> Option<&'v dyn Object>,
        _o: &mut String,
    ) -> Result<(), Error> {
        Err(Error::value_error("shim"))
    }
}
pub(crate) fn validate_logging(_fmt: &str) -> Result<(), String> {
    Err(String::from("shim"))
}
