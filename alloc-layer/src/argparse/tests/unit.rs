//! Checks through the public API that the oracle does not reach.
