//! Python's `time` module (being written).
