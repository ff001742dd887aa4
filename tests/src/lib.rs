//! What the static test programs share: TAP-style reporting.
#![no_std]
