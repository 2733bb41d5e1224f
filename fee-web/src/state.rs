//! The app's state and the actions that change it (a pure reducer; effects live in hooks).

use std::rc::Rc;

use fee_core::{FeeSchedule, Language, ParameterSet, ParameterSetRef, RefundInput, Scenario};
use yew::Reducible;

use crate::route::Route;
use crate::store::{SavedScenario, Store, StoredCheck, VERSION};

/// A message for the user at the top of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub error: bool,
    pub zh: String,
    pub en: String,
}

impl Notice {
    /// Good news.
    pub fn ok(zh: String, en: String) -> Self {
        Notice { error: false, zh, en }
    }

    /// Something went wrong.
    pub fn error(zh: String, en: String) -> Self {
        Notice { error: true, zh, en }
    }
}

/// The check page's inputs: the fee schedule being checked and the month of the refund
/// calculator.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckDraft {
    pub schedule: FeeSchedule,
    pub month: RefundInput,
}

impl CheckDraft {
    /// The example schedule and a month of 22 working days with 12 attended, fees 2,200 and 440.
    pub fn example() -> Self {
        CheckDraft {
            schedule: FeeSchedule::example(),
            month: RefundInput {
                care_fee: 2200.into(),
                meal_fee: 440.into(),
                working_days: 22,
                days_attended: 12,
                withdrawn: false,
            },
        }
    }
}

/// The whole app state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub lang: Language,
    pub route: Route,
    /// The scenario being edited on the cost and sensitivity pages.
    pub draft: Scenario,
    /// What the check page holds, kept here so that it outlives the page.
    pub check: CheckDraft,
    /// The inputs of the cap, sensitivity and fiscal pages as stored (see [`StoredForm`]): read
    /// by their pages on every render, kept here so that they outlive the page and a reload.
    ///
    /// [`StoredForm`]: crate::store::StoredForm
    pub forms: Vec<Vec<String>>,
    /// Saved scenarios, shared between states: an edit of the draft copies a pointer, not
    /// every scenario, and the store writes them again only when this changes.
    pub saved: Rc<Vec<SavedScenario>>,
    /// Names of saved scenarios ticked for comparison.
    pub compare: Vec<String>,
    pub notice: Option<Notice>,
    /// The parameter set in use.
    pub params: Rc<ParameterSet>,
    /// Whether `params` was chosen or loaded by the user (not the draft's own).
    pub params_loaded: bool,
    /// `params` as JSON when it is not a built-in set, to be stored (written once, when the
    /// set is loaded, not on every save).
    pub params_text: Option<Rc<str>>,
}

/// A change to part of the state, applied to it as it is when the change arrives.
pub type Change<S> = Box<dyn FnOnce(&mut S)>;

/// What can happen.
pub enum Action {
    SetLang(Language),
    Navigate(Route),
    /// A change to the draft, applied to it as it is then.
    Edit(Change<Scenario>),
    /// A change to what the check page holds, applied to it as it is then.
    EditCheck(Change<CheckDraft>),
    /// A change to the stored inputs of the other pages, applied to them as they are then.
    EditForms(Change<Vec<Vec<String>>>),
    ReplaceDraft(Box<Scenario>),
    Save(String),
    Load(String),
    Delete(String),
    ToggleCompare(String),
    Import(Vec<SavedScenario>),
    UseParams(ParameterSet),
    Notify(Option<Notice>),
}

impl State {
    /// The state a stored `store` starts, with the parameter set the user had loaded from a
    /// file (`loaded`, read again from `store.params`), else the built-in set the draft names.
    pub fn new(store: Store, loaded: Option<ParameterSet>, route: Route) -> Self {
        let params_text = loaded.as_ref().and(store.params.as_deref()).map(Rc::from);
        let params_loaded = loaded.is_some();
        let params = match loaded {
            Some(set) => Rc::new(set),
            None => ParameterSet::builtin_by_id(&store.draft.parameter_set.id)
                .or_else(|_| ParameterSet::chaoyang())
                .map(|p| Rc::new(p.clone()))
                .unwrap_or_else(|_| Rc::new(ParameterSet::default())),
        };
        State {
            lang: store.lang,
            route,
            draft: store.draft,
            check: store
                .check
                .and_then(StoredCheck::restore)
                .map_or_else(CheckDraft::example, |(schedule, month)| CheckDraft { schedule, month }),
            forms: store.forms,
            saved: Rc::new(store.saved),
            compare: Vec::new(),
            notice: None,
            params,
            params_loaded,
            params_text,
        }
    }

    pub fn store(&self) -> Store {
        Store {
            version: VERSION,
            lang: self.lang,
            draft: self.draft.clone(),
            // Written under their own key when they change (`use_persist`).
            saved: Vec::new(),
            check: Some(StoredCheck::of(&self.check.schedule, &self.check.month)),
            forms: self.forms.clone(),
            params: self.params_text.as_deref().map(str::to_string),
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(l) => s.lang = l,
            Action::Navigate(r) => s.route = r,
            Action::Edit(f) => f(&mut s.draft),
            Action::EditCheck(f) => f(&mut s.check),
            Action::EditForms(f) => f(&mut s.forms),
            Action::ReplaceDraft(d) => s.draft = *d,
            Action::Save(name) => {
                let mut sc = s.draft.clone();
                sc.name = name.clone();
                let saved = Rc::make_mut(&mut s.saved);
                match saved.iter_mut().find(|x| x.name == name) {
                    Some(x) => x.scenario = sc,
                    None => saved.push(SavedScenario { name, scenario: sc }),
                }
            }
            Action::Load(name) => {
                if let Some(x) = s.saved.iter().find(|x| x.name == name) {
                    s.draft = x.scenario.clone();
                }
            }
            Action::Delete(name) => {
                Rc::make_mut(&mut s.saved).retain(|x| x.name != name);
                s.compare.retain(|x| *x != name);
            }
            Action::ToggleCompare(name) => {
                if s.compare.contains(&name) {
                    s.compare.retain(|x| *x != name);
                } else {
                    s.compare.push(name);
                }
            }
            Action::Import(list) => {
                // Names are made unique before (see `unique_names`): nothing saved is replaced.
                Rc::make_mut(&mut s.saved).extend(list);
            }
            Action::UseParams(set) => {
                s.draft.parameter_set = ParameterSetRef::of(&set);
                // A built-in set is found again by the draft's reference; another is stored whole.
                let builtin = ParameterSet::builtin_by_id(&set.id).is_ok_and(|b| *b == set);
                s.params_text = if builtin { None } else { serde_json::to_string(&set).ok().map(Rc::from) };
                s.params = Rc::new(set);
                s.params_loaded = true;
            }
            Action::Notify(n) => s.notice = n,
        }
        Rc::new(s)
    }
}

/// The state handle every component reads through context.
pub type AppState = yew::UseReducerHandle<State>;

/// The scenarios of an import as they are to be saved beside `saved`: one the same as a saved
/// one under its name is left out; one whose name is taken by another is kept under the first
/// free name "名称 (2)", "名称 (3)", …. Returns them and, for each renamed one, its old and new names.
pub fn unique_names(saved: &[SavedScenario], list: Vec<SavedScenario>) -> (Vec<SavedScenario>, Vec<(String, String)>) {
    let mut out: Vec<SavedScenario> = Vec::new();
    let mut renamed = Vec::new();
    for mut item in list {
        let taken = |name: &str, out: &[SavedScenario]| saved.iter().chain(out).find(|x| x.name == name).cloned();
        match taken(&item.name, &out) {
            None => {}
            Some(same) if same.scenario == item.scenario => continue,
            Some(_) => {
                let name = (2..)
                    .map(|k| format!("{} ({k})", item.name))
                    .find(|n| taken(n, &out).is_none())
                    .unwrap_or_default();
                renamed.push((item.name.clone(), name.clone()));
                item.name = name;
            }
        }
        out.push(item);
    }
    (out, renamed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> Rc<State> {
        Rc::new(State::new(Store::default(), None, Route::Cap))
    }

    #[test]
    fn save_load_and_delete_keep_names_unique() {
        let s = state().reduce(Action::Save("A".into()));
        let s = s.reduce(Action::Edit(Box::new(|d: &mut Scenario| {
            d.cost.rent_monthly = rust_decimal::Decimal::from(40000)
        })));
        let s = s.reduce(Action::Save("A".into()));
        assert_eq!(s.saved.len(), 1, "saving under a used name replaces it");
        assert_eq!(s.saved[0].scenario.cost.rent_monthly, rust_decimal::Decimal::from(40000));
        assert_eq!(s.saved[0].scenario.name, "A");
        let s = s.reduce(Action::ToggleCompare("A".into()));
        assert_eq!(s.compare, vec!["A".to_string()]);
        let s = s.reduce(Action::Delete("A".into()));
        assert!(s.saved.is_empty() && s.compare.is_empty(), "deleting also unticks the comparison");
    }

    #[test]
    fn an_import_keeps_both_of_two_scenarios_of_one_name_and_load_replaces_the_draft() {
        let mut other = Scenario::example();
        other.cost.months_charged = rust_decimal::Decimal::from(10);
        let s = state().reduce(Action::Save("A".into()));
        let same = s.saved[0].clone();
        // "A" is taken by a different scenario: kept as "A (2)"; "B" is new; the saved "A" itself is left out.
        let (list, renamed) = unique_names(
            &s.saved,
            vec![
                SavedScenario { name: "A".into(), scenario: other.clone() },
                SavedScenario { name: "B".into(), scenario: other.clone() },
                same,
            ],
        );
        assert_eq!(renamed, vec![("A".to_string(), "A (2)".to_string())]);
        let s = s.reduce(Action::Import(list));
        let names: Vec<&str> = s.saved.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["A", "A (2)", "B"]);
        assert_ne!(s.saved[0].scenario, s.saved[1].scenario, "the saved A is not replaced");
        let s = s.reduce(Action::Load("B".into()));
        assert_eq!(s.draft.cost.months_charged, rust_decimal::Decimal::from(10));
    }

    /// Two edits of a page's inputs sent before the page draws again both land (each applies
    /// to the inputs as the one before left them), and they are stored and read back.
    #[test]
    fn edits_of_a_page_s_inputs_both_land_and_are_stored() {
        use crate::forms::CapForm;
        use crate::store::{form, update_form};
        // As `edit_form` sends them.
        let edit = |f: fn(&mut CapForm)| {
            Action::EditForms(Box::new(move |forms: &mut Vec<Vec<String>>| update_form(forms, f)))
        };
        let s = state().reduce(edit(|c| c.fee = rust_decimal::Decimal::from(2500)));
        let s = s.reduce(edit(|c| c.mode = "district".into()));
        let cap: CapForm = form(&s.forms);
        assert_eq!((cap.fee, cap.mode.as_str()), (rust_decimal::Decimal::from(2500), "district"));
        let again = State::new(s.store(), None, Route::Cap);
        assert_eq!(form::<CapForm>(&again.forms), cap);
    }

    #[test]
    fn using_another_parameter_set_records_it_on_the_draft() {
        let mut set = ParameterSet::chaoyang().unwrap().clone();
        set.version = "2025.1".into();
        let s = state().reduce(Action::UseParams(set));
        assert_eq!(s.draft.parameter_set.version, "2025.1");
        assert!(s.params_loaded);
        assert_eq!(s.store().draft.parameter_set.version, "2025.1");
    }

    /// A set loaded from a file is stored whole and used again after a reload; choosing a
    /// built-in set again stores nothing more than the draft's reference to it.
    #[test]
    fn a_loaded_parameter_set_outlives_a_reload_and_a_built_in_one_is_not_stored() {
        let mut set = ParameterSet::chaoyang().unwrap().clone();
        set.version = "2025.1".into();
        let s = state().reduce(Action::UseParams(set.clone()));
        let loaded = crate::store::load(crate::store::dump(&s.store()).as_deref(), None);
        let again = State::new(loaded.store, loaded.params, Route::Cap);
        assert_eq!(*again.params, set);
        assert!(again.params_loaded);
        assert_eq!(again.draft.parameter_set.version, "2025.1");
        let s = Rc::new(again).reduce(Action::UseParams(ParameterSet::chaoyang().unwrap().clone()));
        assert_eq!(s.store().params, None);
        let again = State::new(s.store(), None, Route::Cap);
        assert_eq!(again.params.version, ParameterSet::chaoyang().unwrap().version);
    }
}
