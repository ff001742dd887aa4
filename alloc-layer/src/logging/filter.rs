//! `logging.Filter` and `Filterer`: by logger name, or any closure.

use super::record::LogRecord;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use strata_core::sync::RwLock;

/// A filter on loggers and handlers: `logging.Filter(name)`, or a
/// closure (Python accepts any callable), which may also change the
/// record, as Python filters that add context do.
#[derive(Clone)]
pub struct Filter(Arc<Kind>);

enum Kind {
    Name(String),
    Func(Box<FilterFn>),
}

type FilterFn = dyn Fn(&mut LogRecord) -> bool + Send + Sync;

use alloc::boxed::Box;

impl Filter {
    /// `logging.Filter(name)`: passes records of the logger `name` and
    /// those below it (`a.b` passes `a.b` and `a.b.c`, not `a.bc`); an
    /// empty name passes everything.
    pub fn new(name: &str) -> Filter {
        Filter(Arc::new(Kind::Name(String::from(name))))
    }

    /// A filter that calls `f`: the record passes when it returns true.
    pub fn from_fn(f: impl Fn(&mut LogRecord) -> bool + Send + Sync + 'static) -> Filter {
        Filter(Arc::new(Kind::Func(Box::new(f))))
    }

    /// `filter(record)`.
    pub fn filter(&self, record: &mut LogRecord) -> bool {
        match &*self.0 {
            Kind::Name(name) => {
                if name.is_empty() || **name == *record.name {
                    return true;
                }
                record.name.starts_with(name.as_str())
                    && record.name.as_bytes().get(name.len()) == Some(&b'.')
            }
            Kind::Func(f) => f(record),
        }
    }

    /// The name a name filter passes (`Filter.name`); `None` for closures.
    pub fn name(&self) -> Option<&str> {
        match &*self.0 {
            Kind::Name(name) => Some(name),
            Kind::Func(_) => None,
        }
    }
}

impl PartialEq for Filter {
    fn eq(&self, other: &Filter) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl core::fmt::Debug for Filter {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &*self.0 {
            Kind::Name(name) => write!(f, "Filter({name:?})"),
            Kind::Func(_) => f.write_str("Filter(<function>)"),
        }
    }
}

/// `logging.Filterer`: the filter list loggers and handlers share.
#[derive(Default)]
pub struct Filters(RwLock<Vec<Filter>>);

impl Filters {
    /// `addFilter(filter)`; adding one already there does nothing.
    pub fn add(&self, filter: Filter) {
        let mut filters = self.0.write();
        if !filters.contains(&filter) {
            filters.push(filter);
        }
    }

    /// `removeFilter(filter)`.
    pub fn remove(&self, filter: &Filter) {
        self.0.write().retain(|f| f != filter);
    }

    /// `filters`.
    pub fn list(&self) -> Vec<Filter> {
        self.0.read().clone()
    }

    /// `filter(record)`: true when every filter passes the record.
    pub fn filter(&self, record: &mut LogRecord) -> bool {
        let filters = self.0.read();
        filters.iter().all(|f| f.filter(record))
    }
}
