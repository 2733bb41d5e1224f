//! What the app keeps in the browser (localStorage), versioned, and how a damaged
//! store is handled: kept aside under a backup key and reported, never overwritten.
//!
//! Two keys since version 3: [`KEY`] holds what the pages edit (the draft, the pages' inputs,
//! a loaded parameter set), written on every change; [`SAVED_KEY`] the saved scenarios, written
//! when they change. A version 2 store held both under [`KEY`]; a hundred saved scenarios
//! made every keystroke write 120 KB again.

use fee_core::{
    Disclosures, FeeError, FeeItem, FeeRange, FeeSchedule, FeeUnit, Language, ParameterSet, RefundInput, RefundRule,
    Scenario, StandardKind,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The key of the current store.
pub const KEY: &str = "fee-tool/store";
/// The key of the saved scenarios (since version 3).
pub const SAVED_KEY: &str = "fee-tool/saved";
/// The key of the district page's sample: a [`fee_core::DistrictSample`] as JSON, which carries
/// its own `schema_version`; the page never reads it, the batch worker does.
pub const DISTRICT_KEY: &str = "fee-tool/district";
/// Prefix of keys where unreadable stores are kept aside.
pub const BACKUP_PREFIX: &str = "fee-tool/backup/";
/// The version this app writes.
pub const VERSION: u32 = 3;

/// A scenario saved under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedScenario {
    pub name: String,
    pub scenario: Scenario,
}

/// Everything stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Store {
    pub version: u32,
    pub lang: Language,
    pub draft: Scenario,
    /// The saved scenarios, from wherever they were read: a version 2 store held them here;
    /// since version 3 they are read from and written to [`SAVED_KEY`], never under [`KEY`].
    #[serde(default, skip_serializing)]
    pub saved: Vec<SavedScenario>,
    /// The check page's inputs (added within version 2: a store without them reads as before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<StoredCheck>,
    /// The inputs of the cap, sensitivity and fiscal pages, each a list of texts led by its
    /// [`StoredForm::TAG`] (added within version 2, as `check`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<Vec<String>>,
    /// The parameter set in use when the user loaded one from a file, as JSON (a built-in set
    /// is found again by the draft's reference and is not stored). Kept as text and read with
    /// [`ParameterSet::from_json`], so a set that no longer reads is kept aside on its own,
    /// not with the whole store (added within version 2, as `check`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<String>,
}

impl Default for Store {
    fn default() -> Self {
        Store {
            version: VERSION,
            lang: Language::Zh,
            draft: Scenario::example(),
            saved: Vec::new(),
            check: None,
            forms: Vec::new(),
            params: None,
        }
    }
}

/// A fee unit as its select field and the store write it (`FeeUnit`'s parser reads it back).
pub fn unit_key(u: FeeUnit) -> &'static str {
    match u {
        FeeUnit::PerMonth => "元/月",
        FeeUnit::PerDay => "元/天",
        FeeUnit::PerHour => "元/小时",
    }
}

/// A flag as stored: `1` or `0`.
pub fn flag(b: bool) -> String {
    if b { "1" } else { "0" }.to_string()
}

/// Stored texts read back in order. A text that is missing or does not read gives the
/// caller's fallback, so a list cut short, or written by a later layout, still restores.
pub struct Texts<'a>(std::slice::Iter<'a, String>);

impl<'a> Texts<'a> {
    /// Reads `texts` from the first.
    pub fn new(texts: &'a [String]) -> Self {
        Texts(texts.iter())
    }

    /// The next text, or `None` past the end.
    pub fn next(&mut self) -> Option<&'a str> {
        self.0.next().map(String::as_str)
    }

    /// The next text, empty past the end.
    pub fn text(&mut self) -> &'a str {
        self.next().unwrap_or_default()
    }

    /// The next flag (`1` is set; anything else, or nothing, is not).
    pub fn flag(&mut self) -> bool {
        self.text() == "1"
    }

    /// The next amount, exactly as written, else `or`.
    pub fn amount(&mut self, or: Decimal) -> Decimal {
        self.some_amount().unwrap_or(or)
    }

    /// The next amount, exactly as written, or `None` (also for an empty text).
    pub fn some_amount(&mut self) -> Option<Decimal> {
        Decimal::from_str_exact(self.text()).ok()
    }

    /// The next value by its parser (a kind by its key, a count), else `or`.
    pub fn parse<T: std::str::FromStr>(&mut self, or: T) -> T {
        self.text().parse().unwrap_or(or)
    }

    /// The texts not read yet.
    pub fn rest(self) -> &'a [String] {
        self.0.as_slice()
    }
}

/// A page's inputs as stored: a list of texts led by a tag naming the page and the layout, so
/// the pages' own field types need no derived reader (which would add kilobytes to the first
/// load, see [`StoredCheck`]).
pub trait StoredForm: Default {
    /// The first text, naming the page and this layout (`cap/1`).
    const TAG: &'static str;

    /// The inputs as texts, in the layout's order, without the tag.
    fn texts(&self) -> Vec<String>;

    /// The inputs read back; each text that does not read leaves the default's value.
    fn read(t: &mut Texts) -> Self;
}

/// The form stored under `F`'s tag in `forms`, or `F`'s default when none is.
pub fn form<F: StoredForm>(forms: &[Vec<String>]) -> F {
    texts_of(forms, F::TAG).map(|t| F::read(&mut Texts::new(t))).unwrap_or_default()
}

/// The texts stored under `tag` (one compiled copy for every form).
#[inline(never)]
fn texts_of<'a>(forms: &'a [Vec<String>], tag: &str) -> Option<&'a [String]> {
    forms.iter().find_map(|f| match f.split_first() {
        Some((t, rest)) if t == tag => Some(rest),
        _ => None,
    })
}

/// Changes the form stored under `F`'s tag in `forms` by `f`: what the pages' edits do.
pub fn update_form<F: StoredForm>(forms: &mut Vec<Vec<String>>, f: impl FnOnce(&mut F)) {
    let mut stored: F = form(forms);
    f(&mut stored);
    put_form(forms, &stored);
}

/// Stores `form` in `forms` in place of what was stored under its tag.
pub fn put_form<F: StoredForm>(forms: &mut Vec<Vec<String>>, form: &F) {
    let mut texts = vec![F::TAG.to_string()];
    texts.extend(form.texts());
    put_texts(forms, texts);
}

/// Stores a form's `texts` (led by its tag) in `forms` in place of what was stored under that
/// tag; nothing for an empty list.
pub fn put_texts(forms: &mut Vec<Vec<String>>, texts: Vec<String>) {
    if texts.is_empty() {
        return;
    }
    match forms.iter_mut().find(|f| f.first() == texts.first()) {
        Some(f) => *f = texts,
        None => forms.push(texts),
    }
}

/// The check page's inputs as stored: one list of texts in a fixed order, read back through
/// the parsers the page already has (each kind by its key or name, as its select field gives
/// it, amounts exactly). A derived reader of the schedule's own types, or of tuples of them,
/// would add 7–9 KB to the first load. The refund rule is named by the id of an example rule,
/// the only rules the page offers.
///
/// The order: [`StoredCheck::TAG`]; the institution's name, type key and inclusive flag; the
/// five disclosures; the rule id (empty for none); the negotiated range's low and high, the
/// approved net cost and the food cost (empty for none); the refund month's care fee, meal
/// fee, working days, days attended and withdrawn flag; then six texts for each fee item:
/// name, class type key, service form, amount, unit, inclusive flag. Flags are `1` or `0`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoredCheck(pub Vec<String>);

impl StoredCheck {
    /// The first text, naming this layout.
    pub const TAG: &'static str = "check/1";

    /// What the page holds, to be stored.
    pub fn of(s: &FeeSchedule, m: &RefundInput) -> Self {
        let amount = |a: Option<Decimal>| a.map(|a| a.to_string()).unwrap_or_default();
        let d = &s.disclosures;
        let range = s.negotiated.reference_range;
        let mut t = vec![
            Self::TAG.to_string(),
            s.institution.name.clone(),
            s.institution.kind.key().into(),
            flag(s.institution.inclusive),
        ];
        for b in [d.items_published, d.service_content, d.refund_rules, d.agreement_signed, d.displayed_at_premises] {
            t.push(flag(b));
        }
        t.push(s.refund_rule.as_ref().map(|r| r.id.clone()).unwrap_or_default());
        for a in
            [range.map(|r| r.low), range.map(|r| r.high), s.negotiated.approved_net_cost, s.meal_cost_per_child_month]
        {
            t.push(amount(a));
        }
        t.extend([
            m.care_fee.to_string(),
            m.meal_fee.to_string(),
            m.working_days.to_string(),
            m.days_attended.to_string(),
            flag(m.withdrawn),
        ]);
        for i in &s.items {
            t.extend([
                i.item.name_zh().to_string(),
                i.class_type.key().into(),
                i.form.name_zh().into(),
                i.amount.to_string(),
                unit_key(i.unit).into(),
                flag(i.standard == StandardKind::Inclusive),
            ]);
        }
        StoredCheck(t)
    }

    /// The schedule and the month again, or `None` for texts of another layout. A value that
    /// does not read keeps the example's; an unknown rule id leaves the rule unset.
    pub fn restore(self) -> Option<(FeeSchedule, RefundInput)> {
        let (tag, rest) = self.0.split_first()?;
        if tag != Self::TAG {
            return None;
        }
        let mut t = Texts::new(rest);
        let mut s = FeeSchedule::example();
        s.institution.name = t.text().to_string();
        s.institution.kind = t.parse(s.institution.kind);
        s.institution.inclusive = t.flag();
        s.disclosures = Disclosures {
            items_published: t.flag(),
            service_content: t.flag(),
            refund_rules: t.flag(),
            agreement_signed: t.flag(),
            displayed_at_premises: t.flag(),
        };
        let id = t.text();
        s.refund_rule = RefundRule::examples().ok().and_then(|rules| rules.into_iter().find(|r| r.id == id));
        let (low, high) = (t.some_amount(), t.some_amount());
        s.negotiated.reference_range = low.zip(high).map(|(low, high)| FeeRange { low, high });
        s.negotiated.approved_net_cost = t.some_amount();
        s.meal_cost_per_child_month = t.some_amount();
        let month = RefundInput {
            care_fee: t.amount(Decimal::ZERO),
            meal_fee: t.amount(Decimal::ZERO),
            working_days: t.parse(22),
            days_attended: t.parse(0),
            withdrawn: t.flag(),
        };
        let template = s.items.first().cloned()?;
        s.items = t
            .rest()
            .chunks_exact(6)
            .map(|f| {
                let mut f = Texts::new(f);
                FeeItem {
                    item: f.parse(template.item.clone()),
                    class_type: f.parse(template.class_type),
                    form: f.parse(template.form),
                    amount: f.amount(template.amount),
                    unit: f.parse(template.unit),
                    standard: if f.flag() { StandardKind::Inclusive } else { StandardKind::NonInclusive },
                }
            })
            .collect();
        Some((s, month))
    }
}

/// Version 1 stored only the draft and the language.
#[derive(Deserialize)]
struct StoreV1 {
    lang: Language,
    draft: Scenario,
}

/// The result of reading the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub store: Store,
    /// Raw text to keep aside, with the reason, when the store could not be read.
    pub set_aside: Option<(String, String)>,
    /// The same for the saved scenarios' key: each key is read, or kept aside, on its own.
    pub saved_set_aside: Option<(String, String)>,
    /// Whether the saved scenarios came from a version 2 store and are still only there: the
    /// store must not be written without them until they are written under [`SAVED_KEY`].
    pub saved_to_move: bool,
    /// The parameter set the user had loaded from a file, read again from `store.params`.
    pub params: Option<ParameterSet>,
    /// The stored parameter set's text and why it no longer reads as one (a set this app's
    /// checks refuse): to keep aside on its own, while the rest of the store is read.
    pub params_set_aside: Option<(String, FeeError)>,
}

impl Loaded {
    /// A store read, with its parameter set read again (or taken out of it to keep aside).
    fn of(mut store: Store) -> Self {
        let (params, params_set_aside) = match store.params.take() {
            None => (None, None),
            Some(text) => match ParameterSet::from_json(&text) {
                Ok(set) => {
                    store.params = Some(text);
                    (Some(set), None)
                }
                Err(e) => (None, Some((text, e))),
            },
        };
        Loaded { store, set_aside: None, saved_set_aside: None, saved_to_move: false, params, params_set_aside }
    }
}

/// Reads and migrates the stored texts: `raw` under [`KEY`], `raw_saved` under [`SAVED_KEY`].
/// Unreadable text is returned for keeping aside; the other key is still read.
pub fn load(raw: Option<&str>, raw_saved: Option<&str>) -> Loaded {
    let (mut loaded, holds_saved) = load_store(raw);
    if holds_saved {
        // A version 2 store: its saved scenarios, until they are written under their own key.
        loaded.saved_to_move = !loaded.store.saved.is_empty();
        return loaded;
    }
    match load_saved(raw_saved) {
        Ok(saved) => loaded.store.saved = saved,
        Err(why) => {
            loaded.store.saved = Vec::new();
            loaded.saved_set_aside = raw_saved.map(|raw| (raw.to_string(), why));
        }
    }
    loaded
}

/// Reads the text under [`KEY`]; the flag says whether it held the saved scenarios (version 2).
fn load_store(raw: Option<&str>) -> (Loaded, bool) {
    let Some(raw) = raw else {
        return (Loaded::of(Store::default()), false);
    };
    let fail =
        |why: String| (Loaded { set_aside: Some((raw.to_string(), why)), ..Loaded::of(Store::default()) }, false);
    let version = match version_of(raw) {
        Ok(v) => v,
        Err(why) => return fail(why),
    };
    match version {
        Some(1) => match serde_json::from_str::<StoreV1>(raw) {
            Ok(v1) => (Loaded::of(Store { lang: v1.lang, draft: v1.draft, ..Store::default() }), false),
            Err(e) => fail(format!("version 1 store: {e}")),
        },
        // Versions 2 and 3 differ only in where the saved scenarios are.
        Some(v @ (2 | 3)) => match serde_json::from_str::<Store>(raw) {
            Ok(s) => (Loaded::of(Store { version: VERSION, ..s }), v == 2),
            Err(e) => fail(format!("version {v} store: {e}")),
        },
        Some(v) => fail(format!("store version {v} is newer than this app ({VERSION})")),
        None => fail("no version field".into()),
    }
}

/// Reads the saved scenarios' text, or says why it cannot be read.
fn load_saved(raw: Option<&str>) -> Result<Vec<SavedScenario>, String> {
    let Some(raw) = raw else { return Ok(Vec::new()) };
    #[derive(Deserialize)]
    struct SavedList {
        saved: Vec<SavedScenario>,
    }
    match version_of(raw)? {
        Some(3) => serde_json::from_str::<SavedList>(raw).map(|l| l.saved).map_err(|e| format!("saved scenarios: {e}")),
        Some(v) if v > u64::from(VERSION) => {
            Err(format!("saved scenarios of version {v}, newer than this app ({VERSION})"))
        }
        _ => Err("saved scenarios without a version this app knows".into()),
    }
}

/// The version a stored text says it is, read alone first (each version's full shape is
/// then read from the same text).
fn version_of(raw: &str) -> Result<Option<u64>, String> {
    #[derive(Deserialize)]
    struct Version {
        version: Option<u64>,
    }
    serde_json::from_str::<Version>(raw).map(|v| v.version).map_err(|e| format!("not JSON: {e}"))
}

/// Serialises the store (without the saved scenarios: see [`dump_saved`]); `None` if it
/// cannot be, so that nothing stored is replaced by an empty text.
pub fn dump(store: &Store) -> Option<String> {
    serde_json::to_string(store).ok()
}

/// Serialises the saved scenarios for [`SAVED_KEY`] (`None` as [`dump`]).
pub fn dump_saved(saved: &[SavedScenario]) -> Option<String> {
    let list = serde_json::to_string(saved).ok()?;
    Some(format!(r#"{{"version":{VERSION},"saved":{list}}}"#))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_store_starts_fresh() {
        let l = load(None, None);
        assert_eq!(l.store, Store::default());
        assert!(l.set_aside.is_none());
    }

    /// The check page's inputs come back as they were typed: every field, an item of each
    /// unit, a refund rule, an amount past two places, and the refund month.
    #[test]
    fn the_check_page_inputs_come_back_as_typed() {
        let mut s = FeeSchedule::example();
        s.institution.name = "阳光\t托育, \"园\"\n二部".into();
        s.institution.kind = fee_core::InstitutionType::CommunitySite;
        s.institution.inclusive = false;
        s.disclosures.refund_rules = false;
        s.disclosures.displayed_at_premises = false;
        s.refund_rule = RefundRule::examples().unwrap().into_iter().find(|r| r.id == "taian-tiered");
        s.negotiated.reference_range = Some(FeeRange { low: "2400.5".parse().unwrap(), high: "3000".parse().unwrap() });
        s.negotiated.approved_net_cost = None;
        s.meal_cost_per_child_month = Some("512.125".parse().unwrap());
        let mut item = s.items[0].clone();
        for (unit, form) in
            [(FeeUnit::PerDay, fee_core::ServiceForm::HalfDay), (FeeUnit::PerHour, fee_core::ServiceForm::Hourly)]
        {
            item.unit = unit;
            item.form = form;
            item.standard = StandardKind::NonInclusive;
            item.amount = "123.4567".parse().unwrap();
            item.class_type = fee_core::ClassType::Mixed;
            s.items.push(item.clone());
        }
        let month = RefundInput {
            care_fee: "2200.01".parse().unwrap(),
            meal_fee: "0".parse().unwrap(),
            working_days: 21,
            days_attended: 3,
            withdrawn: true,
        };
        let store = Store { check: Some(StoredCheck::of(&s, &month)), ..Store::default() };
        let text = dump(&store).unwrap();
        let back = load(Some(&text), None).store.check.unwrap().restore().unwrap();
        assert_eq!(back, (s, month));
    }

    /// A store written before the check page was kept has no `check`: it reads as before, and
    /// texts of a layout this app does not know restore nothing rather than garbage.
    #[test]
    fn a_store_without_the_check_page_reads_as_before() {
        let store = Store { check: None, ..Store::default() };
        let text = dump(&store).unwrap();
        assert!(!text.contains("check"));
        assert_eq!(load(Some(&text), None).store, store);
        assert_eq!(StoredCheck(vec!["check/0".into()]).restore(), None);
        assert_eq!(StoredCheck(vec![]).restore(), None);
        // A list cut short still restores, each missing value taking the example's or none.
        let (s, m) = StoredCheck(vec![StoredCheck::TAG.into(), "只有名称".into()]).restore().unwrap();
        assert_eq!((s.institution.name.as_str(), s.items.len(), m.working_days), ("只有名称", 0, 22));
    }

    /// A set of the user's own: the Chaoyang set's values under another bureau's id and version.
    fn own_set() -> ParameterSet {
        let mut set = ParameterSet::chaoyang().unwrap().clone();
        set.id = "own-bureau".into();
        set.version = "2025.1".into();
        set
    }

    /// A parameter set loaded from a file is stored as JSON and read again as it was.
    #[test]
    fn a_loaded_parameter_set_comes_back() {
        let set = own_set();
        let store = Store { params: Some(serde_json::to_string(&set).unwrap()), ..Store::default() };
        let l = load(Some(&dump(&store).unwrap()), None);
        assert_eq!(l.params, Some(set));
        assert_eq!((l.set_aside, l.params_set_aside), (None, None));
        assert_eq!(l.store, store, "the text stays, to be stored again");
    }

    /// A stored set that no longer reads (here one without an id, which a set's checks refuse) is taken out to be
    /// kept aside on its own, with why; the draft and everything else still read.
    #[test]
    fn a_parameter_set_that_no_longer_reads_is_set_aside_alone() {
        let mut json: serde_json::Value = serde_json::to_value(own_set()).unwrap();
        json["id"] = "".into();
        let text = json.to_string();
        let mut draft = Scenario::example();
        draft.name = "留下的草稿".into();
        let store = Store { params: Some(text.clone()), draft: draft.clone(), ..Store::default() };
        let l = load(Some(&dump(&store).unwrap()), None);
        assert_eq!(l.set_aside, None);
        assert_eq!(l.params, None);
        let (raw, e) = l.params_set_aside.unwrap();
        assert_eq!(raw, text);
        assert!(e.to_string().contains("id"), "{e}");
        assert_eq!((l.store.draft, l.store.params), (draft, None));
    }

    #[test]
    fn corrupt_text_is_set_aside_not_lost() {
        let l = load(Some("{not json"), None);
        let (raw, why) = l.set_aside.unwrap();
        assert_eq!(raw, "{not json");
        assert!(why.starts_with("not JSON"));
    }

    #[test]
    fn a_newer_version_is_set_aside() {
        let l = load(Some(r#"{"version": 99}"#), None);
        assert!(l.set_aside.unwrap().1.contains("newer"));
    }

    #[test]
    fn version_1_is_migrated() {
        let draft = serde_json::to_value(Scenario::example()).unwrap();
        let v1 = serde_json::json!({ "version": 1, "lang": "en", "draft": draft }).to_string();
        let l = load(Some(&v1), None);
        assert!(l.set_aside.is_none());
        assert_eq!(l.store.version, VERSION);
        assert_eq!(l.store.lang, Language::En);
    }

    fn saved(names: &[&str]) -> Vec<SavedScenario> {
        names.iter().map(|n| SavedScenario { name: n.to_string(), scenario: Scenario::example() }).collect()
    }

    /// The saved scenarios go under their own key, not with the draft, and come back from it.
    #[test]
    fn round_trip() {
        let s = Store { saved: saved(&["a", "乙"]), ..Store::default() };
        let text = dump(&s).unwrap();
        assert!(!text.contains("saved"), "the store is written without them: {text}");
        let list = dump_saved(&s.saved).unwrap();
        let l = load(Some(&text), Some(&list));
        assert_eq!(l.store, s);
        assert_eq!((l.set_aside, l.saved_set_aside, l.saved_to_move), (None, None, false));
    }

    /// A version 2 store held the saved scenarios with the draft: they are read from it, and
    /// marked to be moved under their own key before the store is written without them.
    #[test]
    fn version_2_is_migrated_with_its_saved_scenarios() {
        let mut v2 = serde_json::to_value(Store::default()).unwrap();
        v2["version"] = 2.into();
        v2["saved"] = serde_json::to_value(saved(&["旧方案"])).unwrap();
        let l = load(Some(&v2.to_string()), None);
        assert_eq!((l.store.version, l.store.saved.len(), l.saved_to_move), (VERSION, 1, true));
        assert_eq!(l.store.saved[0].name, "旧方案");
        // Without saved scenarios there is nothing to move.
        v2["saved"] = serde_json::json!([]);
        assert!(!load(Some(&v2.to_string()), None).saved_to_move);
    }

    /// Each key is read or kept aside on its own: damaged saved scenarios do not take the
    /// draft with them, nor a damaged store the saved scenarios.
    #[test]
    fn each_key_is_set_aside_alone() {
        let draft = Store { lang: Language::En, ..Store::default() };
        let text = dump(&draft).unwrap();
        let l = load(Some(&text), Some("[broken"));
        assert_eq!((l.store.lang, l.set_aside), (Language::En, None));
        let (raw, why) = l.saved_set_aside.unwrap();
        assert_eq!(raw, "[broken");
        assert!(why.starts_with("not JSON"), "{why}");
        let newer = r#"{"version": 9, "saved": []}"#;
        assert!(load(Some(&text), Some(newer)).saved_set_aside.unwrap().1.contains("newer"));
        let list = dump_saved(&saved(&["甲"])).unwrap();
        let l = load(Some("{broken"), Some(&list));
        assert!(l.set_aside.is_some());
        assert_eq!(l.store.saved, saved(&["甲"]));
    }
}
