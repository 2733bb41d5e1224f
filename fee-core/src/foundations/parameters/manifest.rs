//! The shipped layout of a parameter set: a manifest (`set.toml`: id, version, titles and the
//! rule files it is made of) and rule files (`cap.toml`: a rule's titles and its parameters),
//! as in `fee-core/parameters/`. A person who copies one of those files must either load the
//! set with its rule files or be told exactly which file is expected.

use crate::foundations::error::{reason, FeeError};
use crate::foundations::trace::Language;

use super::ParameterSet;

/// What a TOML parameter file is, by its keys.
///
/// ```
/// use fee_core::{ParameterFileKind, ParameterSet};
/// let manifest = "id = \"x\"\nversion = \"1\"\ntitle_zh = \"例\"\ntitle_en = \"X\"\nrules = [\"cap.toml\"]\n";
/// assert_eq!(ParameterSet::toml_file_kind(manifest), ParameterFileKind::Manifest(vec!["cap.toml".into()]));
/// assert_eq!(ParameterSet::toml_file_kind("rule_zh = \"上限\"\n[parameters]\n"), ParameterFileKind::RuleFile);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterFileKind {
    /// A whole set: id, version, titles and its parameters.
    Set,
    /// A set's manifest: id, version, titles and the rule files it lists (paths as written).
    Manifest(Vec<String>),
    /// One rule file of a set: a rule's titles and its parameters, no id or version.
    RuleFile,
    /// Not TOML, or none of these.
    Other,
}

impl ParameterFileKind {
    /// What to do with a file of this kind that was loaded alone, in `lang` (`None` for a
    /// whole set, which loads as it is). `name` is the file's name as the user gave it.
    ///
    /// ```
    /// use fee_core::{Language, ParameterFileKind};
    /// let hint = ParameterFileKind::RuleFile.hint("district-income.toml", Language::Zh).unwrap();
    /// assert!(hint.contains("district-income.toml 是参数集的一个规则文件"));
    /// ```
    pub fn hint(&self, name: &str, lang: Language) -> Option<String> {
        match (self, lang) {
            (ParameterFileKind::Set, _) => None,
            (ParameterFileKind::Manifest(rules), Language::Zh) => Some(format!(
                "{name} 是参数集的清单文件，它由 {} 个规则文件组成（{}）：命令行用 --params {name} 时会一并读取它们；在本页请载入整合后的参数集（fee params <id> --format json 写出的 JSON）",
                rules.len(),
                rules.join("、")
            )),
            (ParameterFileKind::Manifest(rules), Language::En) => Some(format!(
                "{name} is a parameter set's manifest, made of {} rule files ({}): on the command line --params {name} reads them with it; on this page load the whole set (the JSON `fee params <id> --format json` writes)",
                rules.len(),
                rules.join(", ")
            )),
            (ParameterFileKind::RuleFile, Language::Zh) => Some(format!(
                "{name} 是参数集的一个规则文件，不含参数集的编号和版本：请载入参数集的清单文件 set.toml（与其规则文件放在一起，用于命令行）或整合后的参数集 JSON"
            )),
            (ParameterFileKind::RuleFile, Language::En) => Some(format!(
                "{name} is one rule file of a parameter set, without the set's id and version: load the set's manifest set.toml (beside its rule files, on the command line) or the whole set as JSON"
            )),
            (ParameterFileKind::Other, _) => None,
        }
    }
}

impl ParameterSet {
    /// What a TOML parameter file is, by its top-level keys (see [`ParameterFileKind`]).
    pub fn toml_file_kind(text: &str) -> ParameterFileKind {
        let Ok(table) = crate::foundations::input::without_bom(text).parse::<toml::Table>() else {
            return ParameterFileKind::Other;
        };
        if let Some(toml::Value::Array(rules)) = table.get("rules") {
            return ParameterFileKind::Manifest(rules.iter().filter_map(|r| r.as_str().map(String::from)).collect());
        }
        match (table.contains_key("id"), table.contains_key("parameters")) {
            (true, _) => ParameterFileKind::Set,
            (false, true) => ParameterFileKind::RuleFile,
            (false, false) => ParameterFileKind::Other,
        }
    }

    /// Reads a set in its shipped layout: the manifest's text and each rule file it lists,
    /// got by `rule_file` from its path as the manifest writes it (relative to the manifest's
    /// folder); the parameters of all rule files make the set, which is checked as any set is.
    ///
    /// # Errors
    ///
    /// [`FeeError::Invalid`] naming `parameter_set.rules` when the manifest lists no rule
    /// files, a rule file cannot be had or read, or two rule files define one parameter; as
    /// [`ParameterSet::from_toml`] for the set they make.
    ///
    /// ```
    /// let manifest = "id = \"x\"\nversion = \"1\"\ntitle_zh = \"例\"\ntitle_en = \"X\"\nrules = [\"cap.toml\"]\n";
    /// let cap = r#"rule_zh = "上限"
    /// rule_en = "Cap"
    /// [parameters."cap.ratio"]
    /// title_zh = "比例"
    /// title_en = "Ratio"
    /// unit = "ratio"
    /// values = [{ from = "2024-01-01", value = "0.2", label = "example", reference = "test" }]
    /// "#;
    /// let set = fee_core::ParameterSet::from_toml_manifest(manifest, &mut |path| {
    ///     assert_eq!(path, "cap.toml");
    ///     Ok(cap.to_string())
    /// })?;
    /// assert_eq!(set.decimal("cap.ratio", "2024-06-01".parse()?)?.value.to_string(), "0.2");
    /// # Ok::<(), fee_core::FeeError>(())
    /// ```
    pub fn from_toml_manifest(
        manifest: &str,
        rule_file: &mut dyn FnMut(&str) -> Result<String, FeeError>,
    ) -> Result<Self, FeeError> {
        let unreadable = |e: toml::de::Error| FeeError::invalid("parameter_set", "", super::load::unreadable(&e));
        let mut set: toml::Table = crate::foundations::input::without_bom(manifest).parse().map_err(unreadable)?;
        let rules = match set.remove("rules") {
            Some(toml::Value::Array(a)) if !a.is_empty() => a,
            _ => return Err(FeeError::invalid("parameter_set.rules", "", reason::MANIFEST_RULES)),
        };
        let mut parameters = toml::Table::new();
        for rule in rules {
            let Some(path) = rule.as_str() else {
                return Err(FeeError::invalid("parameter_set.rules", rule, reason::MANIFEST_RULES));
            };
            let text = rule_file(path)?;
            let mut table: toml::Table =
                crate::foundations::input::without_bom(&text).parse().map_err(|e: toml::de::Error| {
                    FeeError::invalid("parameter_set.rules", path, super::load::unreadable(&e))
                })?;
            let Some(toml::Value::Table(params)) = table.remove("parameters") else {
                return Err(FeeError::invalid("parameter_set.rules", path, reason::MANIFEST_RULES));
            };
            for (name, value) in params {
                if parameters.insert(name.clone(), value).is_some() {
                    return Err(FeeError::invalid(format!("parameters.{name}"), path, reason::DEFINED_TWICE));
                }
            }
        }
        set.insert("parameters".into(), toml::Value::Table(parameters));
        ParameterSet::from_toml(
            &toml::to_string(&set).map_err(|e| FeeError::invalid("parameter_set", "", e.to_string()))?,
        )
    }
}
