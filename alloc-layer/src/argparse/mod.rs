//! Python's `argparse` module (being written).
