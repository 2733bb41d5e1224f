//! The parameter set a command prices by: `--params` (a built-in id, or a JSON, TOML or YAML
//! file, a TOML set in its shipped layout read with its rule files), else the set a scenario
//! or dossier names, else the Chaoyang set.

use std::path::{Path, PathBuf};

use fee_core::{Language, ParameterSet};

use crate::{read, Cause, Failure};

fn load_params(path: &Path) -> Result<ParameterSet, Failure> {
    let text = read(path)?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let set = match ext.as_str() {
        "toml" => match ParameterSet::toml_file_kind(&text) {
            // A set in its shipped layout (fee-core/parameters/): the manifest with its rule
            // files, each found beside it by the path it writes.
            fee_core::ParameterFileKind::Manifest(_) => {
                let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                let mut failed_at: Option<PathBuf> = None;
                let set = ParameterSet::from_toml_manifest(&text, &mut |rule| {
                    let file = dir.join(rule);
                    std::fs::read_to_string(&file).map_err(|e| {
                        let error = fee_core::FeeError::invalid("parameter_set.rules", rule, e.kind().to_string());
                        failed_at = Some(file);
                        error
                    })
                });
                return match (set, failed_at) {
                    (Ok(set), _) => Ok(set),
                    (Err(_), Some(file)) => Err(Failure::at(&file, Cause::Text {
                        zh: "参数集清单列出的这个规则文件无法读取（它应与 set.toml 按清单中的相对路径放置）".into(),
                        en: "this rule file the set's manifest lists cannot be read (it belongs at the manifest's relative path from set.toml)".into(),
                    })),
                    (Err(e), None) => Err(Failure::at(path, e)),
                };
            }
            kind @ fee_core::ParameterFileKind::RuleFile => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                return Err(Failure::at(
                    path,
                    Cause::Text {
                        zh: kind.hint(&name, Language::Zh).unwrap_or_default(),
                        en: kind.hint(&name, Language::En).unwrap_or_default(),
                    },
                ));
            }
            _ => ParameterSet::from_toml(&text),
        },
        "yaml" | "yml" => ParameterSet::from_yaml(&text),
        _ => ParameterSet::from_json(&text),
    };
    set.map_err(|e| Failure::at(path, e))
}

/// The parameter set a command uses: `choice` (`--params`, a built-in id or a file), else
/// the set `named` (by a scenario or dossier file, or the Chaoyang set).
///
/// A set read from a file is kept for the life of the process, as a built-in set is.
pub(crate) fn parameter_set(choice: Option<&str>, named: Named<'_>) -> Result<&'static ParameterSet, Failure> {
    let Some(choice) = choice else {
        return match named {
            Named::Chaoyang => Ok(ParameterSet::chaoyang()?),
            Named::By(file, id) => ParameterSet::builtin_by_id(id).map_err(|e| Failure::at(file, e)),
        };
    };
    if let Ok(set) = ParameterSet::builtin_by_id(choice) {
        return Ok(set);
    }
    let path = Path::new(choice);
    if !path.exists() {
        let ids = ParameterSet::builtin()?.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ");
        return Err(Failure::text(
            format!("--params：找不到参数集“{choice}”（既非内置编号，也非文件）；内置参数集有 {ids}，或给出参数文件（JSON、TOML 或 YAML）"),
            format!("--params: no parameter set {choice:?} (neither a built-in id nor a file): the built-in sets are {ids}, or give a parameter file (JSON, TOML or YAML)"),
        ));
    }
    Ok(Box::leak(Box::new(load_params(path)?)))
}

/// Which set a command uses when `--params` is not given.
pub(crate) enum Named<'a> {
    /// The Chaoyang set, for commands without a file that names one.
    Chaoyang,
    /// The built-in set with this id, named by this file.
    By(&'a Path, &'a str),
}
