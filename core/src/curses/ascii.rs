//! Python's `curses.ascii` module (being written).
