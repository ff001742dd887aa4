//! Python's `logging.config`: `dictConfig` and `fileConfig`.
