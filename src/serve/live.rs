//! The policy in use while the server runs: loaded once with its reading
//! vocabulary, and reloaded when its file changes on disk. A file that does
//! not pass the checks is refused; the last good policy stays in use and the
//! refusal is kept for the page to show.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use crate::intake::Lexicon;
use crate::policy::{Policy, PolicyError, analysis};
use crate::render;

/// A policy ready to answer with.
pub struct Loaded {
    /// The checked policy.
    pub policy: Policy,
    /// Its paste-reading vocabulary, built once.
    pub lexicon: Arc<Lexicon>,
    /// When it was loaded (local time).
    pub loaded_at: String,
    /// What `aftersale check` says of it.
    pub check: String,
}

impl Loaded {
    fn new(policy: Policy, shown: &str) -> Loaded {
        let lexicon = Arc::new(Lexicon::new(&policy));
        let mut check = String::new();
        for w in policy.warnings() {
            check.push_str(&render::diagnostics::diagnostic(w, policy.source()));
            check.push_str("\n\n");
        }
        check.push_str(&render::table::analysis(&analysis::analyse(&policy)));
        check.push_str(&format!(
            "{shown}: ok — {} rules, {} warning(s), hash {}\n",
            policy.rules().len(),
            policy.warnings().len(),
            policy.hash()
        ));
        Loaded {
            policy,
            lexicon,
            loaded_at: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            check,
        }
    }
}

/// The file's modification time and length: a change in either means reload.
type Stamp = (Option<SystemTime>, u64);

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok(), m.len()))
}

/// The policy in use, and the file it is watched in.
pub struct Live {
    path: Option<PathBuf>,
    current: RwLock<Arc<Loaded>>,
    /// The stamp of the file last looked at, and why it was refused (if it was).
    seen: Mutex<(Option<Stamp>, Option<String>)>,
}

impl Live {
    /// Loads the policy at `path`, or the bundled one.
    pub fn load(path: Option<&Path>) -> Result<Live, PolicyError> {
        let (policy, shown) = match path {
            Some(p) => (Policy::from_path(p)?, p.display().to_string()),
            None => (
                Policy::bundled()?,
                "policies/default.yaml (bundled)".to_string(),
            ),
        };
        Ok(Live {
            path: path.map(Path::to_path_buf),
            current: RwLock::new(Arc::new(Loaded::new(policy, &shown))),
            seen: Mutex::new((path.and_then(stamp), None)),
        })
    }

    /// The policy to answer the next request with.
    pub fn current(&self) -> Arc<Loaded> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The watched file, when one was given.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Why the file on disk is refused, while it is.
    pub fn reload_error(&self) -> Option<String> {
        self.seen
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .1
            .clone()
    }

    /// Looks at the file once; loads it when it changed. Whether a new policy is now in use.
    pub fn check_file(&self) -> bool {
        let Some(path) = &self.path else {
            return false;
        };
        let now = stamp(path);
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if now == seen.0 {
            return false;
        }
        seen.0 = now;
        match Policy::from_path(path) {
            Ok(policy) => {
                let loaded = Arc::new(Loaded::new(policy, &path.display().to_string()));
                *self.current.write().unwrap_or_else(|p| p.into_inner()) = loaded;
                seen.1 = None;
                true
            }
            Err(e) => {
                seen.1 = Some(format!(
                    "策略文件有错误，已拒绝，仍在使用上一版 / the edited policy was refused; the previous one stays in use\n\n{}",
                    render::diagnostics::policy_error(&e)
                ));
                false
            }
        }
    }
}
