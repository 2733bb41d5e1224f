//! The explanation every result carries: ordered steps with sources.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use std::sync::{Arc, OnceLock};

use crate::foundations::parameters::{Known, KnownIndex};

mod formula;
mod record;
mod source;
mod step;
#[cfg(test)]
mod tests;
pub use formula::{formula_text, value_name};
pub(crate) use record::Draft;
pub use source::{unit_name, Language, Source, PLAN_DOCUMENT};
pub use step::{Step, TraceValue};

/// Text that is usually a literal in the code but may be owned after a round trip.
pub type Text = Cow<'static, str>;

/// A source as a recorded step holds it: fixed text, or a place to look it up.
#[derive(Debug, Clone, Copy)]
enum Cite {
    Clause {
        document: &'static str,
        clause: &'static str,
    },
    Method(&'static str, &'static str),
    Input(&'static str),
    /// A dated value of a known parameter in the trace's parameter index.
    Known {
        known: Known,
        at: usize,
    },
    /// Any other source, kept whole in the trace's list of cited sources.
    Other(usize),
}

/// One step of a trace: recorded by the engine, or pushed whole.
#[derive(Debug, Clone)]
enum Entry {
    /// Fixed text and the result; the step's inputs and sources are the trace's `inputs`
    /// and `sources` from where the previous recorded step's ended up to these ends.
    Recorded {
        id: &'static str,
        label_zh: &'static str,
        label_en: &'static str,
        formula: &'static str,
        unit: &'static str,
        result: Decimal,
        inputs_end: usize,
        sources_end: usize,
    },
    Step(Box<Step>),
}

/// The ordered steps behind a result.
///
/// The engine records its steps compactly (fixed text by reference, parameters by place) and
/// writes them out as [`Step`]s the first time they are read, so a result nobody reads the
/// trace of costs little; reading, comparing and serializing see only the steps.
///
/// ```
/// use fee_core::{Step, Trace};
/// let mut t = Trace::default();
/// t.push(Step::new("a", "甲", "A", "a = 1").result(rust_decimal::Decimal::ONE, ""));
/// assert_eq!(t.find("a").map(|s| s.result), Some(rust_decimal::Decimal::ONE));
/// ```
#[derive(Clone, Default)]
pub struct Trace {
    /// Steps in the order they were computed.
    entries: Vec<Entry>,
    /// The inputs of the recorded steps, one after another.
    inputs: Vec<(&'static str, Decimal)>,
    /// The sources of the recorded steps, one after another.
    sources: Vec<Cite>,
    /// The known parameters of the set the recorded steps cite.
    known: Option<Arc<KnownIndex>>,
    /// Sources of recorded steps that are not fixed text or known parameters.
    cited: Vec<Source>,
    /// The steps written out, on first read.
    written: OnceLock<Vec<Step>>,
    /// When set, steps are not built at all (sensitivity grids, batch checks).
    quiet: bool,
}

impl Trace {
    /// Appends a step.
    ///
    /// ```
    /// let mut t = fee_core::Trace::default();
    /// t.push(fee_core::Step::new("a", "甲", "A", "a"));
    /// assert_eq!(t.len(), 1);
    /// ```
    pub fn push(&mut self, step: Step) {
        if !self.quiet {
            self.unwrite();
            self.entries.push(Entry::Step(Box::new(step)));
        }
    }

    /// A trace that records nothing: for callers that only want the numbers.
    ///
    /// ```
    /// let mut t = fee_core::Trace::quiet();
    /// t.push(fee_core::Step::new("a", "甲", "A", "a"));
    /// assert!(t.is_empty());
    /// ```
    pub fn quiet() -> Self {
        Trace { quiet: true, ..Trace::default() }
    }

    /// A recording trace with room for `steps` steps.
    pub(crate) fn with_capacity(steps: usize) -> Self {
        // Steps of `evaluate` have about three inputs and two sources each.
        Trace {
            entries: Vec::with_capacity(steps),
            inputs: Vec::with_capacity(steps * 3),
            sources: Vec::with_capacity(steps * 2),
            ..Trace::default()
        }
    }

    /// Whether the trace records nothing.
    pub(crate) fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// The steps, in the order they were computed.
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let e = fee_core::evaluate(&fee_core::Scenario::example(), set)?;
    /// assert_eq!(e.trace.steps()[0].id, "income.household_monthly");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn steps(&self) -> &[Step] {
        self.written.get_or_init(|| self.write_out())
    }

    /// The steps, taken out of the trace.
    ///
    /// ```
    /// let mut t = fee_core::Trace::default();
    /// t.push(fee_core::Step::new("a", "甲", "A", "a"));
    /// assert_eq!(t.into_steps()[0].id, "a");
    /// ```
    pub fn into_steps(mut self) -> Vec<Step> {
        self.steps();
        self.written.take().unwrap_or_default()
    }

    /// The number of steps.
    ///
    /// ```
    /// assert_eq!(fee_core::Trace::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the trace has no steps.
    ///
    /// ```
    /// assert!(fee_core::Trace::quiet().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Forgets steps written out before a change.
    fn unwrite(&mut self) {
        if self.written.get().is_some() {
            self.written = OnceLock::new();
        }
    }

    /// Records a step, filled in place by `fill`, only when the trace records.
    #[inline]
    pub(crate) fn record(
        &mut self,
        id: &'static str,
        label_zh: &'static str,
        label_en: &'static str,
        formula: &'static str,
        fill: impl FnOnce(&mut Draft<'_>),
    ) {
        if self.quiet {
            return;
        }
        self.unwrite();
        let mut draft = Draft {
            result: Decimal::ZERO,
            unit: "",
            inputs: &mut self.inputs,
            sources: &mut self.sources,
            known: &mut self.known,
            cited: &mut self.cited,
        };
        fill(&mut draft);
        let (result, unit) = (draft.result, draft.unit);
        self.entries.push(Entry::Recorded {
            id,
            label_zh,
            label_en,
            formula,
            unit,
            result,
            inputs_end: self.inputs.len(),
            sources_end: self.sources.len(),
        });
    }

    /// Every step written out as a [`Step`].
    fn write_out(&self) -> Vec<Step> {
        // Where the current recorded step's inputs and sources start.
        let (mut inputs_start, mut sources_start) = (0, 0);
        let mut steps = Vec::with_capacity(self.entries.len());
        for entry in &self.entries {
            let step = match entry {
                Entry::Step(step) => (**step).clone(),
                Entry::Recorded { id, label_zh, label_en, formula, unit, result, inputs_end, sources_end } => {
                    let inputs = self.inputs.get(inputs_start..*inputs_end).unwrap_or_default();
                    let sources = self.sources.get(sources_start..*sources_end).unwrap_or_default();
                    (inputs_start, sources_start) = (*inputs_end, *sources_end);
                    Step {
                        id: Cow::Borrowed(id),
                        label_zh: Cow::Borrowed(label_zh),
                        label_en: Cow::Borrowed(label_en),
                        formula: Cow::Borrowed(formula),
                        inputs: inputs.iter().map(|(name, value)| TraceValue::new(*name, *value)).collect(),
                        result: *result,
                        unit: Cow::Borrowed(unit),
                        sources: sources.iter().map(|c| self.source(*c)).collect(),
                    }
                }
            };
            steps.push(step);
        }
        steps
    }

    /// A recorded citation as a [`Source`].
    fn source(&self, cite: Cite) -> Source {
        match cite {
            Cite::Clause { document, clause } => Source::document(document, clause),
            Cite::Method(note, note_zh) => Source::method(note, note_zh),
            Cite::Input(field) => Source::input(field),
            // Recorded only with the index it was found in, and `cited` only grows.
            Cite::Known { known, at } => {
                self.known.as_ref().and_then(|k| k.citation(known, at)).unwrap_or_else(|| Source::input(known.name()))
            }
            Cite::Other(i) => self.cited.get(i).cloned().unwrap_or_else(|| Source::method("", "")),
        }
    }

    /// Appends all steps of another trace.
    ///
    /// ```
    /// let mut a = fee_core::Trace::default();
    /// let mut b = fee_core::Trace::default();
    /// b.push(fee_core::Step::new("b", "乙", "B", "b"));
    /// a.extend(b);
    /// assert_eq!(a.len(), 1);
    /// ```
    pub fn extend(&mut self, other: Trace) {
        for step in other.into_steps() {
            self.push(step);
        }
    }

    /// The first step with this id.
    ///
    /// ```
    /// let t = fee_core::Trace::default();
    /// assert!(t.find("missing").is_none());
    /// ```
    pub fn find(&self, id: &str) -> Option<&Step> {
        self.steps().iter().find(|s| s.id == id)
    }

    /// A plain-text rendering, one step per block, in the chosen language: labels, units and
    /// sources.
    ///
    /// ```
    /// use fee_core::{Language, Source, Step, Trace};
    /// let mut t = Trace::default();
    /// t.push(Step::new("a", "甲", "A", "a = 1").result(rust_decimal::Decimal::ONE, "yuan").source(Source::input("a")));
    /// assert_eq!(t.to_text(Language::En), " 1. A = 1 yuan\n    a = 1\n    ← input a\n");
    /// assert_eq!(t.to_text(Language::Zh), " 1. 甲 = 1 元\n    a = 1\n    ← 用户输入 a\n");
    /// ```
    pub fn to_text(&self, lang: Language) -> String {
        self.text_with(lang, |_, v| v.to_string())
    }

    /// The steps as text, as [`Trace::to_text`], with every figure rounded by `set`'s rules on
    /// `date` for a reader: a share (below 1 in size, or a ratio) to the set's share places, any
    /// other figure to the fen, grouped by thousands. The exact values stay in the trace (JSON).
    ///
    /// ```
    /// let set = fee_core::ParameterSet::chaoyang()?;
    /// let e = fee_core::evaluate(&fee_core::Scenario::example(), set)?;
    /// let text = e.trace.to_text_rounded(fee_core::Language::En, set, "2024-06-01".parse()?);
    /// assert!(text.contains("= 3,131.00 yuan/month"));
    /// // No figure runs to the 28 digits an exact decimal may hold.
    /// assert!(!text.chars().collect::<Vec<_>>().windows(9).any(|w| w.iter().all(|c| c.is_ascii_digit())));
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn to_text_rounded(
        &self,
        lang: Language,
        set: &crate::foundations::parameters::ParameterSet,
        date: crate::foundations::date::Date,
    ) -> String {
        let places = set.money_rounding(date).map_or(2, |(r, _)| r.decimal_places);
        self.text_with(lang, |name, v| {
            if name == "year" || name.ends_with(".year") || name.ends_with("_year") {
                // A year is a name, not an amount: never grouped.
                v.to_string()
            } else if v.abs() < rust_decimal::Decimal::ONE {
                set.round_share(v, date).map_or_else(|_| v.to_string(), |r| r.normalize().to_string())
            } else if v.scale() <= places {
                // Already within the money rule's places: shown as it stands, never padded.
                crate::foundations::money::grouped(v)
            } else {
                crate::foundations::money::grouped(set.round_money(v, date).unwrap_or(v))
            }
        })
    }

    fn text_with(&self, lang: Language, shown: impl Fn(&str, rust_decimal::Decimal) -> String) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for (i, s) in self.steps().iter().enumerate() {
            let label = match lang {
                Language::Zh => &s.label_zh,
                Language::En => &s.label_en,
            };
            let _ = writeln!(out, "{:>2}. {label} = {} {}", i + 1, shown("", s.result), unit_name(&s.unit, lang));
            // The formula and its names in the reader's language (as recorded where none is known).
            let _ = writeln!(out, "    {}", formula_text(&s.formula, lang).unwrap_or(&s.formula));
            if !s.inputs.is_empty() {
                let inputs: Vec<String> = s
                    .inputs
                    .iter()
                    .map(|v| {
                        let name = value_name(&v.name, lang).unwrap_or(Cow::Borrowed(&v.name));
                        format!("{name} = {}", shown(&v.name, v.value))
                    })
                    .collect();
                let _ = writeln!(out, "    {}", inputs.join(if lang == Language::Zh { "，" } else { ", " }));
            }
            for src in &s.sources {
                let _ = writeln!(out, "    ← {}", src.text(lang));
            }
        }
        out
    }
}

/// A trace is its steps, whether recorded or pushed, written out or not yet.
impl PartialEq for Trace {
    fn eq(&self, other: &Self) -> bool {
        self.steps() == other.steps()
    }
}

impl Eq for Trace {}

impl std::fmt::Debug for Trace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trace").field("steps", &self.steps()).finish()
    }
}

impl From<Vec<Step>> for Trace {
    /// A trace of these steps.
    ///
    /// ```
    /// let t = fee_core::Trace::from(vec![fee_core::Step::new("a", "甲", "A", "a")]);
    /// assert!(t.find("a").is_some());
    /// ```
    fn from(steps: Vec<Step>) -> Self {
        Trace { entries: steps.into_iter().map(|s| Entry::Step(Box::new(s))).collect(), ..Trace::default() }
    }
}

/// A trace as written: its steps.
#[derive(Serialize)]
#[serde(rename = "Trace")]
struct TraceOut<'a> {
    steps: &'a [Step],
}

/// The ordered steps behind a result.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Trace"))]
#[serde(rename = "Trace")]
struct TraceData {
    /// Steps in the order they were computed.
    steps: Vec<Step>,
}

impl Serialize for Trace {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        TraceOut { steps: self.steps() }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Trace {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        TraceData::deserialize(d).map(|t| Trace::from(t.steps))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Trace {
    fn schema_name() -> Cow<'static, str> {
        TraceData::schema_name()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        TraceData::json_schema(g)
    }
}
