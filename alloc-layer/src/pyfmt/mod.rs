//! Python's string formatting, shared by the modules that reproduce
//! Python's text byte for byte: the `%` operator, `str.format` and its
//! format-spec mini-language, `string.Template`, `repr`.
