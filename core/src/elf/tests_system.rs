//! Tests against real libraries.
