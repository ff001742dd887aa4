//! Python's `getopt` module (being written).
