//! Findings: what a check found, how serious it is, and the clause it rests on.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::foundations::trace::{Language, Source, Text, TraceValue};

/// How serious a finding is.
///
/// ```
/// use fee_core::Severity;
/// assert!(Severity::Violation > Severity::Warning);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Note,
    /// Probably wrong or worth a second look.
    Warning,
    /// Breaks a rule.
    Violation,
}

impl Severity {
    /// The name used in files: `note`, `warning`, `violation`.
    ///
    /// ```
    /// assert_eq!(fee_core::Severity::Warning.as_str(), "warning");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Violation => "violation",
        }
    }

    /// The Chinese name a reader sees: 违规, 提示, 说明.
    ///
    /// ```
    /// assert_eq!(fee_core::Severity::Violation.name_zh(), "违规");
    /// ```
    pub fn name_zh(self) -> &'static str {
        match self {
            Severity::Note => "说明",
            Severity::Warning => "提示",
            Severity::Violation => "违规",
        }
    }

    /// The English name a reader sees: Violation, Warning, Note.
    ///
    /// ```
    /// assert_eq!(fee_core::Severity::Note.name_en(), "Note");
    /// ```
    pub fn name_en(self) -> &'static str {
        match self {
            Severity::Note => "Note",
            Severity::Warning => "Warning",
            Severity::Violation => "Violation",
        }
    }
}

/// A value that fills a hole of a [`Message`].
///
/// ```
/// use fee_core::MessageArg;
/// assert_eq!(MessageArg::from(3u32).to_string(), "3");
/// assert_eq!(MessageArg::from("托小班").to_string(), "托小班");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageArg {
    /// An amount or rate, written as `Decimal` displays it, grouped by thousands (3,131.00).
    Decimal(Decimal),
    /// A whole number.
    Whole(u64),
    /// Text, such as a class name or an item as the user wrote it.
    Text(Text),
}

impl std::fmt::Display for MessageArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MessageArg::Decimal(d) => f.write_str(&crate::foundations::money::grouped(*d)),
            MessageArg::Whole(n) => n.fmt(f),
            MessageArg::Text(t) => f.write_str(t),
        }
    }
}

impl From<Decimal> for MessageArg {
    fn from(d: Decimal) -> Self {
        MessageArg::Decimal(d)
    }
}

impl From<u32> for MessageArg {
    fn from(n: u32) -> Self {
        MessageArg::Whole(u64::from(n))
    }
}

impl From<&'static str> for MessageArg {
    fn from(t: &'static str) -> Self {
        MessageArg::Text(Text::Borrowed(t))
    }
}

impl From<String> for MessageArg {
    fn from(t: String) -> Self {
        MessageArg::Text(Text::Owned(t))
    }
}

/// A finding's message in Chinese and in English: fixed text with numbered holes `{0}`, `{1}`,
/// … and the values that fill them. The text is written out only when it is read, so checking
/// a large file costs no formatting for messages nobody looks at; JSON carries the written
/// text as `message_zh` and `message_en`.
///
/// ```
/// use fee_core::Message;
/// let m = Message::new("伙食费{0}元/月高于伙食成本{1}元", "meal fee {0} a month is above the food cost {1}")
///     .with("520".parse::<rust_decimal::Decimal>().unwrap())
///     .with("500".parse::<rust_decimal::Decimal>().unwrap());
/// assert_eq!(m.zh(), "伙食费520元/月高于伙食成本500元");
/// assert_eq!(m.en(), "meal fee 520 a month is above the food cost 500");
/// ```
#[derive(Debug, Clone)]
pub struct Message {
    zh: Text,
    en: Text,
    // Held inline up to four: most messages have no more holes.
    args: SmallVec<[MessageArg; 4]>,
}

impl Message {
    /// A message from its two texts; fill the holes with [`Message::with`], in order.
    ///
    /// ```
    /// let m = fee_core::Message::new("同一机构同时存在两种标准", "two standards at one institution");
    /// assert_eq!(m.en(), "two standards at one institution");
    /// ```
    #[inline(always)]
    pub fn new(zh: impl Into<Text>, en: impl Into<Text>) -> Self {
        Message { zh: zh.into(), en: en.into(), args: SmallVec::new() }
    }

    /// A message with the values of all its holes at once, in order.
    ///
    /// ```
    /// let m = fee_core::Message::with_args("{0}与{1}", "{0} and {1}", ["甲".into(), 2u32.into()]);
    /// assert_eq!(m.zh(), "甲与2");
    /// ```
    #[inline(always)]
    pub fn with_args<const N: usize>(zh: &'static str, en: &'static str, args: [MessageArg; N]) -> Self {
        Message { zh: Text::Borrowed(zh), en: Text::Borrowed(en), args: args.into_iter().collect() }
    }

    /// Adds the value of the next hole.
    ///
    /// ```
    /// let m = fee_core::Message::new("{0}人", "{0} children").with(25u32);
    /// assert_eq!(m.zh(), "25人");
    /// ```
    #[must_use]
    #[inline(always)]
    pub fn with(mut self, arg: impl Into<MessageArg>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// The message in Chinese.
    ///
    /// ```
    /// assert_eq!(fee_core::Message::new("甲{0}", "A{0}").with(1u32).zh(), "甲1");
    /// ```
    pub fn zh(&self) -> String {
        self.render(&self.zh)
    }

    /// The message in English.
    ///
    /// ```
    /// assert_eq!(fee_core::Message::new("甲{0}", "A{0}").with(1u32).en(), "A1");
    /// ```
    pub fn en(&self) -> String {
        self.render(&self.en)
    }

    /// The message in `lang`.
    ///
    /// ```
    /// use fee_core::{Language, Message};
    /// assert_eq!(Message::new("甲", "A").text(Language::En), "A");
    /// ```
    pub fn text(&self, lang: Language) -> String {
        match lang {
            Language::Zh => self.zh(),
            Language::En => self.en(),
        }
    }

    /// Writes `template` with its holes filled. A message with no values (such as one read
    /// back from JSON) is its text as it stands, braces and all.
    fn render(&self, template: &str) -> String {
        if self.args.is_empty() {
            return template.to_string();
        }
        let mut out = String::with_capacity(template.len() + 16 * self.args.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let (before, hole) = rest.split_at(open);
            out.push_str(before);
            let arg = hole
                .find('}')
                .and_then(|close| hole[1..close].parse::<usize>().ok().map(|n| (n, close)))
                .and_then(|(n, close)| self.args.get(n).map(|a| (a, close)));
            match arg {
                Some((a, close)) => {
                    let _ = write!(out, "{a}");
                    rest = &hole[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = &hole[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// An error as a message: its Chinese and English texts as they stand (with no values to fill,
/// a brace in them is kept as written).
///
/// ```
/// let e = fee_core::FeeError::overflow("cost.total");
/// let m = fee_core::Message::from(&e);
/// assert_eq!((m.zh(), m.en()), (e.message_zh(), e.to_string()));
/// ```
impl From<&crate::foundations::error::FeeError> for Message {
    fn from(e: &crate::foundations::error::FeeError) -> Self {
        Message::new(e.message_zh(), e.to_string())
    }
}

/// Two messages are equal when they read the same in both languages.
impl PartialEq for Message {
    fn eq(&self, other: &Self) -> bool {
        self.zh() == other.zh() && self.en() == other.en()
    }
}

impl Eq for Message {}

/// The written form of a [`Message`], as files carry it.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
struct MessageText {
    /// The message in Chinese.
    message_zh: String,
    /// The message in English.
    message_en: String,
}

impl Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        MessageText { message_zh: self.zh(), message_en: self.en() }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let t = MessageText::deserialize(d)?;
        Ok(Message::new(t.message_zh, t.message_en))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Message {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Message".into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        MessageText::json_schema(g)
    }
}

/// One thing a check found.
///
/// ```
/// use fee_core::{Finding, Message, Severity, Source};
/// let f = Finding::new("class.over_size", Severity::Violation,
///     Message::new("班额超标", "Class over its maximum size"),
///     Source::document("国卫人口发〔2019〕58号", "班级规模"));
/// assert_eq!(f.severity, Severity::Violation);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finding {
    /// A stable code, such as `cap.exceeded`.
    pub code: Text,
    /// How serious it is.
    pub severity: Severity,
    /// What was found, in Chinese and English (`message_zh` and `message_en` in JSON).
    #[serde(flatten)]
    pub message: Message,
    /// The clause or parameter it rests on.
    pub source: Source,
    /// The input field it is about, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Text>,
    /// The numbers compared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<TraceValue>,
}

impl Finding {
    /// A finding with no field and no values yet.
    ///
    /// ```
    /// use fee_core::{Finding, Message, Severity, Source};
    /// let f = Finding::new("x", Severity::Note, Message::new("甲", "A"), Source::clause("一"));
    /// assert!(f.values.is_empty());
    /// ```
    #[inline(always)]
    pub fn new(code: impl Into<Text>, severity: Severity, message: Message, source: Source) -> Self {
        Finding { code: code.into(), severity, message, source, field: None, values: Vec::new() }
    }

    /// Sets the field the finding is about.
    ///
    /// ```
    /// use fee_core::{Finding, Message, Severity, Source};
    /// let f = Finding::new("x", Severity::Note, Message::new("甲", "A"), Source::clause("一"))
    ///     .field("cost.classes[0]");
    /// assert_eq!(f.field.as_deref(), Some("cost.classes[0]"));
    /// ```
    #[must_use]
    #[inline(always)]
    pub fn field(mut self, field: impl Into<Text>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Adds a compared number.
    ///
    /// ```
    /// use fee_core::{Finding, Message, Severity, Source};
    /// let f = Finding::new("x", Severity::Note, Message::new("甲", "A"), Source::clause("一"))
    ///     .value("fee", rust_decimal::Decimal::ONE);
    /// assert_eq!(f.values.len(), 1);
    /// ```
    #[must_use]
    #[inline(always)]
    pub fn value(mut self, name: &'static str, value: rust_decimal::Decimal) -> Self {
        self.values.push(TraceValue::new(name, value));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_are_filled_in_order_and_other_braces_kept() {
        let m = Message::new("{1}与{0}{", "{0} and {1} {x} {9}").with("甲").with(2u32);
        assert_eq!(m.zh(), "2与甲{");
        assert_eq!(m.en(), "甲 and 2 {x} {9}");
        // Text read back has no values: braces stay as written.
        assert_eq!(Message::new("{0}", "{0}").zh(), "{0}");
    }

    #[test]
    fn json_carries_the_written_text_and_reads_back_equal() {
        let f = Finding::new(
            "fee.above_net_cost",
            Severity::Warning,
            Message::new("保育费{0}元/月", "care fee {0} a month").with(Decimal::new(265000, 2)),
            Source::clause("二(二)2"),
        );
        // Amounts in messages are grouped by thousands, as every figure shown is.
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["message_zh"], "保育费2,650.00元/月");
        assert_eq!(json["message_en"], "care fee 2,650.00 a month");
        let back: Finding = serde_json::from_value(json).unwrap();
        assert_eq!(back, f);
    }
}
