//! Recording a step compactly as the engine goes: fixed text by reference, parameters by place.

use rust_decimal::Decimal;

use std::sync::Arc;

use crate::foundations::parameters::{KnownIndex, ParamValue};

use super::source::{Source, PLAN_DOCUMENT};
use super::Cite;

/// A recorded step being filled: see [`Trace::record`].
pub(crate) struct Draft<'t> {
    pub(super) result: Decimal,
    pub(super) unit: &'static str,
    pub(super) inputs: &'t mut Vec<(&'static str, Decimal)>,
    pub(super) sources: &'t mut Vec<Cite>,
    pub(super) known: &'t mut Option<Arc<KnownIndex>>,
    pub(super) cited: &'t mut Vec<Source>,
}

impl Draft<'_> {
    /// Adds a named input value.
    #[inline]
    pub(crate) fn add_input(&mut self, name: &'static str, value: Decimal) -> &mut Self {
        self.inputs.push((name, value));
        self
    }

    /// Cites a clause of the Chaoyang plan (see [`Source::clause`]).
    #[inline]
    pub(crate) fn clause(&mut self, clause: &'static str) -> &mut Self {
        self.document(PLAN_DOCUMENT, clause)
    }

    /// Cites a clause of another document (see [`Source::document`]).
    #[inline]
    pub(crate) fn document(&mut self, document: &'static str, clause: &'static str) -> &mut Self {
        self.sources.push(Cite::Clause { document, clause });
        self
    }

    /// Cites a method, in English and in Chinese (see [`Source::method`]).
    #[inline]
    pub(crate) fn method(&mut self, note: &'static str, note_zh: &'static str) -> &mut Self {
        self.sources.push(Cite::Method(note, note_zh));
        self
    }

    /// Cites a user input (see [`Source::input`]).
    #[inline]
    pub(crate) fn input_field(&mut self, field: &'static str) -> &mut Self {
        self.sources.push(Cite::Input(field));
        self
    }

    /// Cites a parameter value: by its place among the set's known parameters where it is one
    /// (the first such citation shares the set's index with the trace), else whole.
    #[inline]
    pub(crate) fn cite(&mut self, value: &ParamValue<'_>) -> &mut Self {
        let Some((index, known, at)) = value.origin() else {
            return self.keep(value.source());
        };
        match self.known {
            Some(mine) if Arc::ptr_eq(index, mine) => {}
            None => *self.known = Some(Arc::clone(index)),
            Some(_) => return self.keep(value.source()),
        }
        self.sources.push(Cite::Known { known, at });
        self
    }

    /// Sets the result and its unit.
    #[inline]
    pub(crate) fn set_result(&mut self, value: Decimal, unit: &'static str) -> &mut Self {
        self.result = value;
        self.unit = unit;
        self
    }

    /// Cites a source kept whole in the trace.
    #[cold]
    fn keep(&mut self, source: Source) -> &mut Self {
        self.sources.push(Cite::Other(self.cited.len()));
        self.cited.push(source);
        self
    }
}
