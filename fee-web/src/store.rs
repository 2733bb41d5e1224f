//! What the app keeps in the browser (localStorage), versioned, and how a damaged
//! store is handled: kept aside under a backup key and reported, never overwritten.

use fee_core::{Language, Scenario};
use serde::{Deserialize, Serialize};

/// The key of the current store.
pub const KEY: &str = "fee-tool/store";
/// Prefix of keys where unreadable stores are kept aside.
pub const BACKUP_PREFIX: &str = "fee-tool/backup/";
/// The version this app writes.
pub const VERSION: u32 = 2;

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
    #[serde(default)]
    pub saved: Vec<SavedScenario>,
}

impl Default for Store {
    fn default() -> Self {
        Store { version: VERSION, lang: Language::Zh, draft: Scenario::example(), saved: Vec::new() }
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
}

/// Reads and migrates a stored text. Unreadable text is returned for keeping aside.
pub fn load(raw: Option<&str>) -> Loaded {
    let Some(raw) = raw else {
        return Loaded { store: Store::default(), set_aside: None };
    };
    let fail = |why: String| Loaded { store: Store::default(), set_aside: Some((raw.to_string(), why)) };
    // Read the version alone first; each version's full shape is then read from the same text.
    #[derive(Deserialize)]
    struct Version {
        version: Option<u64>,
    }
    let version = match serde_json::from_str::<Version>(raw) {
        Ok(v) => v.version,
        Err(e) => return fail(format!("not JSON: {e}")),
    };
    match version {
        Some(1) => match serde_json::from_str::<StoreV1>(raw) {
            Ok(v1) => Loaded {
                store: Store { version: VERSION, lang: v1.lang, draft: v1.draft, saved: Vec::new() },
                set_aside: None,
            },
            Err(e) => fail(format!("version 1 store: {e}")),
        },
        Some(2) => match serde_json::from_str::<Store>(raw) {
            Ok(s) => Loaded { store: s, set_aside: None },
            Err(e) => fail(format!("version 2 store: {e}")),
        },
        Some(v) => fail(format!("store version {v} is newer than this app ({VERSION})")),
        None => fail("no version field".into()),
    }
}

/// Serialises the store.
pub fn dump(store: &Store) -> String {
    serde_json::to_string(store).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_store_starts_fresh() {
        let l = load(None);
        assert_eq!(l.store, Store::default());
        assert!(l.set_aside.is_none());
    }

    #[test]
    fn corrupt_text_is_set_aside_not_lost() {
        let l = load(Some("{not json"));
        let (raw, why) = l.set_aside.unwrap();
        assert_eq!(raw, "{not json");
        assert!(why.starts_with("not JSON"));
    }

    #[test]
    fn a_newer_version_is_set_aside() {
        let l = load(Some(r#"{"version": 99}"#));
        assert!(l.set_aside.unwrap().1.contains("newer"));
    }

    #[test]
    fn version_1_is_migrated() {
        let draft = serde_json::to_value(Scenario::example()).unwrap();
        let v1 = serde_json::json!({ "version": 1, "lang": "en", "draft": draft }).to_string();
        let l = load(Some(&v1));
        assert!(l.set_aside.is_none());
        assert_eq!(l.store.version, VERSION);
        assert_eq!(l.store.lang, Language::En);
    }

    #[test]
    fn round_trip() {
        let mut s = Store::default();
        s.saved.push(SavedScenario { name: "a".into(), scenario: Scenario::example() });
        assert_eq!(load(Some(&dump(&s))).store, s);
    }
}
