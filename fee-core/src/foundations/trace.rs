//! The explanation every result carries: ordered steps with sources.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use std::sync::{Arc, OnceLock};

use crate::foundations::date::Date;
use crate::foundations::parameters::{Known, KnownIndex, ParamValue, SourceLabel};

/// Text that is usually a literal in the code but may be owned after a round trip.
pub type Text = Cow<'static, str>;

/// Where a step's rule or number comes from.
///
/// ```
/// use fee_core::Source;
/// let s = Source::clause("二(二)1");
/// assert!(s.to_string().contains("二(二)1"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// A clause of the Chaoyang plan (朝政办字〔2024〕1号) or another named document.
    Clause {
        /// The document, such as 朝政办字〔2024〕1号.
        document: Text,
        /// The clause, such as 二(二)1.
        clause: Text,
    },
    /// A dated value of the parameter set in use.
    Parameter {
        /// Parameter name, such as `cap.ratio`.
        // Shared with the parameter set, so citing it costs no copy.
        name: std::sync::Arc<str>,
        /// The first day the value is in force.
        from: Date,
        /// Its reference, as written in the parameter file.
        reference: std::sync::Arc<str>,
        /// How sure the value is.
        label: SourceLabel,
    },
    /// A method this tool uses where the policy names no formula.
    Method {
        /// What the method is and why.
        note: Text,
        /// The same in Chinese (files written before it was kept may lack it: then the note).
        #[serde(default, skip_serializing_if = "str::is_empty")]
        note_zh: Text,
    },
    /// A value the user entered.
    Input {
        /// Dotted path of the input field.
        field: Text,
    },
}

/// The plan's document number, used by [`Source::clause`].
pub const PLAN_DOCUMENT: &str = "朝政办字〔2024〕1号";

impl Source {
    /// A clause of the Chaoyang plan.
    ///
    /// ```
    /// let s = fee_core::Source::clause("二(二)4");
    /// assert!(matches!(s, fee_core::Source::Clause { .. }));
    /// ```
    pub fn clause(clause: &'static str) -> Self {
        Source::Clause { document: Cow::Borrowed(PLAN_DOCUMENT), clause: Cow::Borrowed(clause) }
    }

    /// A clause of another document.
    ///
    /// ```
    /// let s = fee_core::Source::document("发改价格〔2024〕1477号", "基本服务费");
    /// assert!(s.to_string().starts_with("发改价格"));
    /// ```
    pub fn document(document: &'static str, clause: &'static str) -> Self {
        Source::Clause { document: Cow::Borrowed(document), clause: Cow::Borrowed(clause) }
    }

    /// A method note, in English and in Chinese.
    ///
    /// ```
    /// use fee_core::{Language, Source};
    /// let s = Source::method("straight-line depreciation", "直线法折旧");
    /// assert!(s.to_string().contains("straight-line"));
    /// assert_eq!(s.text(Language::Zh), "计算方法：直线法折旧");
    /// ```
    pub fn method(note: &'static str, note_zh: &'static str) -> Self {
        Source::Method { note: Cow::Borrowed(note), note_zh: Cow::Borrowed(note_zh) }
    }

    /// A user input.
    ///
    /// ```
    /// let s = fee_core::Source::input("income.monthly");
    /// assert!(s.to_string().contains("income.monthly"));
    /// ```
    pub fn input(field: &'static str) -> Self {
        Source::Input { field: Cow::Borrowed(field) }
    }

    /// The source as a reader sees it in `lang`: in English as [`Display`](std::fmt::Display)
    /// writes it, in Chinese with the parameter's label as the plan's text, a secondary source
    /// or an example.
    ///
    /// ```
    /// use fee_core::{Language, Source};
    /// let s = Source::input("income.monthly");
    /// assert_eq!(s.text(Language::Zh), "用户输入 income.monthly");
    /// assert_eq!(s.text(Language::En), "input income.monthly");
    /// ```
    pub fn text(&self, lang: Language) -> String {
        if lang == Language::En {
            return self.to_string();
        }
        match self {
            Source::Clause { document, clause } => format!("{document} {clause}"),
            Source::Parameter { name, from, reference, label } => {
                format!("参数 {name}（{from}起，{}）：{reference}", label.name_zh())
            }
            Source::Method { note, note_zh } => {
                format!("计算方法：{}", if note_zh.is_empty() { note } else { note_zh })
            }
            Source::Input { field } => format!("用户输入 {field}"),
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Clause { document, clause } => write!(f, "{document} {clause}"),
            Source::Parameter { name, from, reference, label } => {
                write!(f, "parameter {name} (from {from}, {label}): {reference}")
            }
            Source::Method { note, .. } => write!(f, "method: {note}"),
            Source::Input { field } => write!(f, "input {field}"),
        }
    }
}

/// A unit in the reader's language: a step's unit (as steps record it, `yuan/child-month`) or
/// a parameter's (as parameter files write it, `yuan_per_child_month`). A unit it does not know
/// is left as it is.
///
/// ```
/// use fee_core::{unit_name, Language};
/// assert_eq!(unit_name("yuan/child-month", Language::Zh), "元/生/月");
/// assert_eq!(unit_name("yuan/child-month", Language::En), "yuan/child-month");
/// assert_eq!(unit_name("yuan_per_child_month", Language::En), "yuan/child-month");
/// assert_eq!(unit_name("ratio", Language::Zh), "比例");
/// assert_eq!(unit_name("furlongs", Language::Zh), "furlongs");
/// ```
pub fn unit_name(unit: &str, lang: Language) -> &str {
    let (zh, en) = match unit {
        "yuan/month" | "yuan_per_month" => ("元/月", "yuan/month"),
        "yuan/year" => ("元/年", "yuan/year"),
        "yuan/child-month" | "yuan_per_child_month" => ("元/生/月", "yuan/child-month"),
        "yuan_per_place" => ("元/托位", "yuan/place"),
        "yuan" => ("元", "yuan"),
        "children" => ("人", "children"),
        "persons" => ("人", "persons"),
        "child-months" => ("人月", "child-months"),
        "slots" => ("个托位", "slots"),
        "months" => ("个月", "months"),
        "days" => ("天", "days"),
        "ratio" => ("比例", "ratio"),
        "decimal_places" => ("位小数", "decimal places"),
        "rounding_mode" => ("取整方式", "rounding mode"),
        "flag" => ("是/否（1 = 是）", "flag (1 = yes)"),
        _ => return unit,
    };
    match lang {
        Language::Zh => zh,
        Language::En => en,
    }
}

/// One named value a step used.
///
/// ```
/// use fee_core::TraceValue;
/// let v = TraceValue::new("ratio", "0.20".parse().unwrap());
/// assert_eq!(v.name, "ratio");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TraceValue {
    /// The name in the step's formula.
    pub name: Text,
    /// Its exact value.
    pub value: Decimal,
}

impl TraceValue {
    /// A named value.
    ///
    /// ```
    /// let v = fee_core::TraceValue::new("n", rust_decimal::Decimal::ONE);
    /// assert_eq!(v.value, rust_decimal::Decimal::ONE);
    /// ```
    pub fn new(name: impl Into<Text>, value: Decimal) -> Self {
        TraceValue { name: name.into(), value }
    }
}

/// One step of a computation: what was computed, how, from what, and on whose authority.
///
/// ```
/// use fee_core::{Source, Step};
/// let s = Step::new("cap", "收费上限", "Fee cap", "cap = ratio × income")
///     .input("ratio", "0.2".parse().unwrap())
///     .input("income", "15655".parse().unwrap())
///     .source(Source::clause("二(二)1"))
///     .result("3131.00".parse().unwrap(), "yuan/month");
/// assert_eq!(s.inputs.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Step {
    /// A stable identifier, such as `cap.amount`.
    pub id: Text,
    /// What the step computes, in Chinese.
    pub label_zh: Text,
    /// What the step computes, in English.
    pub label_en: Text,
    /// The formula, in the names of `inputs`.
    pub formula: Text,
    /// The values the formula used.
    // Held inline up to five (the most any step of `evaluate` has), so building a trace allocates little.
    pub inputs: SmallVec<[TraceValue; 5]>,
    /// The value the step produced.
    pub result: Decimal,
    /// The unit of `result`, such as `yuan/month`.
    pub unit: Text,
    /// Clauses and parameters the step rests on.
    // Held inline up to three; only a carers step citing several class ratios has more.
    pub sources: SmallVec<[Source; 3]>,
}

impl Step {
    /// Starts a step; finish it with [`Step::result`].
    ///
    /// ```
    /// let s = fee_core::Step::new("x", "甲", "X", "x = 1");
    /// assert_eq!(s.id, "x");
    /// ```
    #[inline]
    pub fn new(id: &'static str, label_zh: &'static str, label_en: &'static str, formula: &'static str) -> Self {
        Step {
            id: Cow::Borrowed(id),
            label_zh: Cow::Borrowed(label_zh),
            label_en: Cow::Borrowed(label_en),
            formula: Cow::Borrowed(formula),
            inputs: SmallVec::new(),
            result: Decimal::ZERO,
            unit: Cow::Borrowed(""),
            sources: SmallVec::new(),
        }
    }

    /// Adds a named input value.
    ///
    /// ```
    /// let s = fee_core::Step::new("x", "甲", "X", "x = a").input("a", rust_decimal::Decimal::TWO);
    /// assert_eq!(s.inputs[0].name, "a");
    /// ```
    #[must_use]
    #[inline]
    pub fn input(mut self, name: impl Into<Text>, value: Decimal) -> Self {
        self.inputs.push(TraceValue::new(name, value));
        self
    }

    /// Adds a source.
    ///
    /// ```
    /// let s = fee_core::Step::new("x", "甲", "X", "x").source(fee_core::Source::clause("一"));
    /// assert_eq!(s.sources.len(), 1);
    /// ```
    #[must_use]
    #[inline]
    pub fn source(mut self, source: Source) -> Self {
        self.sources.push(source);
        self
    }

    /// Sets the result and its unit.
    ///
    /// ```
    /// let s = fee_core::Step::new("x", "甲", "X", "x").result(rust_decimal::Decimal::ONE, "yuan");
    /// assert_eq!(s.unit, "yuan");
    /// ```
    #[must_use]
    #[inline]
    pub fn result(mut self, value: Decimal, unit: &'static str) -> Self {
        self.result = value;
        self.unit = Cow::Borrowed(unit);
        self
    }
}

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
        use std::fmt::Write;
        let mut out = String::new();
        for (i, s) in self.steps().iter().enumerate() {
            let label = match lang {
                Language::Zh => &s.label_zh,
                Language::En => &s.label_en,
            };
            let _ = writeln!(out, "{:>2}. {label} = {} {}", i + 1, s.result, unit_name(&s.unit, lang));
            let _ = writeln!(out, "    {}", s.formula);
            if !s.inputs.is_empty() {
                let inputs: Vec<String> = s.inputs.iter().map(|v| format!("{} = {}", v.name, v.value)).collect();
                let _ = writeln!(out, "    {}", inputs.join(", "));
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

/// A recorded step being filled: see [`Trace::record`].
pub(crate) struct Draft<'t> {
    result: Decimal,
    unit: &'static str,
    inputs: &'t mut Vec<(&'static str, Decimal)>,
    sources: &'t mut Vec<Cite>,
    known: &'t mut Option<Arc<KnownIndex>>,
    cited: &'t mut Vec<Source>,
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

/// The language of labels and messages.
///
/// ```
/// assert_eq!(fee_core::Language::default(), fee_core::Language::Zh);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Simplified Chinese (zh-CN), the default.
    #[default]
    Zh,
    /// English.
    En,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundations::parameters::ParameterSet;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// The step a recorded step must write out as, built by hand with the public builders.
    fn by_hand(ratio: &ParamValue<'_>, rounding: &ParamValue<'_>) -> Step {
        Step::new("cap.amount", "收费上限", "Fee cap", "cap = round(ratio × income)")
            .input("ratio", ratio.value)
            .input("income", Decimal::from(15655))
            .source(Source::clause("二(二)1"))
            .source(Source::method("m", "法"))
            .source(Source::input("income.amount"))
            .source(ratio.source())
            .source(rounding.source())
            .result(Decimal::new(313100, 2), "yuan/month")
    }

    fn record(trace: &mut Trace, ratio: &ParamValue<'_>, rounding: &ParamValue<'_>) {
        trace.record("cap.amount", "收费上限", "Fee cap", "cap = round(ratio × income)", |step| {
            step.add_input("ratio", ratio.value)
                .add_input("income", Decimal::from(15655))
                .clause("二(二)1")
                .method("m", "法")
                .input_field("income.amount")
                .cite(ratio)
                .cite(rounding)
                .set_result(Decimal::new(313100, 2), "yuan/month");
        });
    }

    /// A recorded step reads exactly as the same step built whole, whether its parameters are
    /// cited by place (known, from the trace's set), or whole (looked up by name, or from
    /// another set than the first one cited); steps pushed whole keep their place in between.
    #[test]
    fn recorded_steps_read_as_built_by_hand() {
        let set = ParameterSet::chaoyang().unwrap();
        let d = date("2024-06-01");
        let ratio = set.known_decimal(Known::CapRatio, d).unwrap();
        let (_, rounding) = set.money_rounding(d).unwrap();
        let by_name = set.decimal("cap.ratio", d).unwrap();
        let mut changed = set.parameter("cap.ratio").unwrap().clone();
        changed.values[0].reference = "another reference".into();
        let other_set = set.with_parameter("cap.ratio", changed).unwrap();
        let other = other_set.known_decimal(Known::CapRatio, d).unwrap();
        assert!(by_name.origin().is_none() && ratio.origin().is_some());

        let mut trace = Trace::default();
        record(&mut trace, &ratio, &rounding);
        trace.push(Step::new("pushed", "乙", "B", "b"));
        record(&mut trace, &by_name, &rounding);
        record(&mut trace, &other, &rounding);
        let expected = vec![
            by_hand(&ratio, &rounding),
            Step::new("pushed", "乙", "B", "b"),
            by_hand(&by_name, &rounding),
            by_hand(&other, &rounding),
        ];
        assert_eq!(trace.steps(), expected.as_slice());
        assert_eq!(trace.len(), 4);
        // The other set's reference is cited, not the first set's.
        assert!(trace.steps()[3].sources[3].to_string().contains("another reference"));
        assert_eq!(trace, Trace::from(expected));
    }

    /// A step added after the steps were read is read too.
    #[test]
    fn steps_read_before_a_change_are_read_again() {
        let set = ParameterSet::chaoyang().unwrap();
        let d = date("2024-06-01");
        let ratio = set.known_decimal(Known::CapRatio, d).unwrap();
        let (_, rounding) = set.money_rounding(d).unwrap();
        let mut trace = Trace::default();
        record(&mut trace, &ratio, &rounding);
        assert_eq!(trace.steps().len(), 1);
        trace.push(Step::new("a", "甲", "A", "a"));
        record(&mut trace, &ratio, &rounding);
        let ids: Vec<&str> = trace.steps().iter().map(|s| s.id.as_ref()).collect();
        assert_eq!(ids, ["cap.amount", "a", "cap.amount"]);
        let json = serde_json::to_string(&trace).unwrap();
        assert!(json.starts_with(r#"{"steps":[{"id":"cap.amount""#), "{json}");
        let back: Trace = serde_json::from_str(&json).unwrap();
        assert_eq!(back, trace);
        assert_eq!(back.into_steps(), trace.clone().into_steps());
    }
}
