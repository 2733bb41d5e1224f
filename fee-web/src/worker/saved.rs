//! The scenarios page's saved work as one file, and reading such a file back: every saved
//! scenario and the draft dossier as records with their digests (`fee_core::RecordBook`,
//! which `fee verify` checks), and every other form as the user entered it.

use fee_core::{
    make_record, read_json, Dossier, NamedRecord, ParameterSet, RecordBook, RecordKind, RecordRole, Scenario,
};
use serde_json::{Map, Value};

use crate::batch_protocol::Response;
use crate::store::SavedScenario;

/// Where a saved scenario that cannot be evaluated is kept in the file's forms, whole.
const NOT_EVALUATED: &str = "saved/not-evaluated";

/// The saved work as `scenarios.json`: `saved` (the page's saved scenarios, JSON), `draft`
/// (the draft dossier, JSON) and `forms` (each form's texts, led by its tag), recorded under
/// `params`. A saved scenario that does not evaluate is kept whole beside the records, so
/// nothing entered is lost.
pub fn export(saved: &str, draft: &str, forms: &[Vec<String>], params: &ParameterSet) -> (Response, Vec<u8>) {
    let saved: Vec<SavedScenario> = serde_json::from_str(saved).unwrap_or_default();
    let mut records = Vec::new();
    let mut kept = Vec::new();
    for s in saved {
        let made = serde_json::to_string(&s.scenario).ok().and_then(|text| make_record(&text, params).ok());
        match made {
            Some(record) => records.push(NamedRecord { name: s.name, role: RecordRole::Saved, record }),
            None => kept.push(serde_json::to_value(&s).unwrap_or(Value::Null)),
        }
    }
    if let Ok(record) = make_record(draft, params) {
        let name = read_json::<Dossier>(draft).map(|d| d.scenario.name).unwrap_or_default();
        records.push(NamedRecord { name, role: RecordRole::Draft, record });
    }
    let mut map = Map::new();
    for f in forms {
        if let Some((tag, texts)) = f.split_first() {
            map.insert(tag.clone(), Value::from(texts.to_vec()));
        }
    }
    if !kept.is_empty() {
        map.insert(NOT_EVALUATED.into(), Value::Array(kept));
    }
    match RecordBook::new(records, map).map(|b| serde_json::to_vec_pretty(&b)) {
        Ok(Ok(bytes)) => (Response::File { name: "scenarios.json".into(), mime: "application/json".into() }, bytes),
        Ok(Err(e)) => (Response::failed(format!("无法写出 JSON：{e}"), format!("cannot write JSON: {e}")), Vec::new()),
        Err(e) => (Response::failed_with(&e), Vec::new()),
    }
}

/// What an import file holds, for the page: saved scenarios, a draft dossier, forms, and a
/// note on the file's digests.
#[derive(Default)]
struct Imported {
    saved: Vec<SavedScenario>,
    draft: Option<Dossier>,
    forms: Vec<Vec<String>>,
    note: [String; 2],
}

/// Reads an import exactly: this page's saved work (a book of records), a record (`fee record`
/// or the procedure's dossier export), a list of saved scenarios (the earlier export), a dossier
/// or one scenario; a book's digests are checked under `params` and the result said.
pub fn import(text: &str, params: &ParameterSet) -> (Response, Vec<u8>) {
    match read(text, params) {
        Ok(i) => (
            Response::Imported {
                saved: serde_json::to_string(&i.saved).unwrap_or_default(),
                draft: i.draft.and_then(|d| serde_json::to_string(&d).ok()).unwrap_or_default(),
                forms: i.forms,
                note_zh: i.note[0].clone(),
                note_en: i.note[1].clone(),
            },
            Vec::new(),
        ),
        Err([zh, en]) => (Response::failed(zh, en), Vec::new()),
    }
}

/// Why an import was refused, in Chinese and English.
type Refusal = [String; 2];

fn refused(e: fee_core::FeeError) -> Refusal {
    [e.message_zh(), e.to_string()]
}

fn read(text: &str, params: &ParameterSet) -> Result<Imported, Refusal> {
    let value: Option<Value> = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok();
    let has = |key: &str| value.as_ref().is_some_and(|v| v.get(key).is_some());
    let mut out = Imported::default();
    // A book has the digest of its forms; a dossier has records too, but no such digest.
    if has("forms_sha256") {
        let book: RecordBook = read_json(text).map_err(refused)?;
        let checked = fee_core::verify_record_book(&book, params);
        for r in &book.records {
            let input = r.record.input.to_string();
            match r.role {
                RecordRole::Saved => out
                    .saved
                    .push(SavedScenario { name: r.name.clone(), scenario: read_json(&input).map_err(refused)? }),
                RecordRole::Draft => out.draft = Some(read_json(&input).map_err(refused)?),
            }
        }
        for (tag, texts) in &book.forms {
            if tag == NOT_EVALUATED {
                let kept: Vec<SavedScenario> = serde_json::from_value(texts.clone()).unwrap_or_default();
                out.saved.extend(kept);
            } else if let Some(texts) = texts.as_array() {
                let mut f = vec![tag.clone()];
                f.extend(texts.iter().map(|t| t.as_str().unwrap_or_default().to_string()));
                out.forms.push(f);
            }
        }
        out.note = match checked {
            Ok(v) if v.reproduced() => [
                format!("文件摘要核对一致：{}条记录按当前参数集重新测算结果相同。", v.records.len()),
                format!(
                    "The file's digests match: its {} record(s) give the same results under the active set.",
                    v.records.len()
                ),
            ],
            Ok(v) => {
                let names: Vec<&str> =
                    v.records.iter().filter(|(_, r)| !r.reproduced).map(|(n, _)| n.as_str()).collect();
                [
                    format!("注意：文件未能完全复现（{}），可在“规则核查”页逐项核验。", names.join("，")),
                    format!(
                        "Note: the file does not wholly reproduce ({}); verify it item by item on the Audit page.",
                        names.join(", ")
                    ),
                ]
            }
            Err(_) => Default::default(),
        };
    } else if has("provenance") {
        let record: fee_core::Record = read_json(text).map_err(refused)?;
        let input = record.input.to_string();
        match record.record {
            RecordKind::Evaluation => {
                let s: Scenario = read_json(&input).map_err(refused)?;
                out.saved.push(SavedScenario { name: name_of(&s), scenario: s });
            }
            RecordKind::Dossier => out.draft = Some(read_json(&input).map_err(refused)?),
            RecordKind::District => {
                return Err([
                    "这是区级样本的记录，请在“区级定价”页打开。".into(),
                    "This is a district sample's record: open it on the District page.".into(),
                ])
            }
        }
    } else if text.trim_start_matches('\u{feff}').trim_start().starts_with('[') {
        out.saved = read_json(text).map_err(refused)?;
    } else if let Ok(d) = read_json::<Dossier>(text) {
        out.draft = Some(d);
    } else {
        let s: Scenario = read_json(text).map_err(refused)?;
        out.saved.push(SavedScenario { name: name_of(&s), scenario: s });
    }
    Ok(out)
}

fn name_of(s: &Scenario) -> String {
    if s.name.is_empty() {
        "imported".into()
    } else {
        s.name.clone()
    }
}
