//! The policy in use while the server runs: loaded once with its reading
//! vocabulary, and reloaded when its file changes on disk. A file that does
//! not pass the checks is refused; the last good policy stays in use and the
//! refusal is kept for the page to show. A valid edit that changes advice
//! waits, with its impact, until the manager confirms it on /manager (unless
//! the policy's `settings.confirm_changes` is false).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use crate::impact;
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
        let lexicon = Arc::new(Lexicon::new(&policy.words()));
        let mut check = String::new();
        for w in policy.warnings() {
            check.push_str(&render::diagnostics::diagnostic(w, policy.source()));
            check.push_str("\n\n");
        }
        check.push_str(&analysis::table::text(&analysis::analyse(&policy)));
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

/// A valid edit waiting for the manager's confirmation.
pub struct Pending {
    /// The edited policy, ready to go live.
    pub loaded: Arc<Loaded>,
    /// What it does to the advice, against the policy in use.
    pub impact: String,
}

/// The policy in use, and the file it is watched in.
pub struct Live {
    path: Option<PathBuf>,
    current: RwLock<Arc<Loaded>>,
    /// An edit that changes advice, shown on /manager until confirmed.
    pending: Mutex<Option<Arc<Pending>>>,
    /// The impact of the last edit that went live.
    last_impact: Mutex<Option<String>>,
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
            pending: Mutex::new(None),
            last_impact: Mutex::new(None),
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

    /// The edit waiting for confirmation, if any.
    pub fn pending(&self) -> Option<Arc<Pending>> {
        self.pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// What the last edit that went live did to the advice.
    pub fn last_impact(&self) -> Option<String> {
        self.last_impact
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Puts the waiting edit in use when its hash is `hash` (the one the
    /// manager saw); whether it went live.
    pub fn confirm(&self, hash: &str) -> bool {
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        match pending.take() {
            Some(p) if p.loaded.policy.hash() == hash => {
                *self.last_impact.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some(p.impact.clone());
                *self.current.write().unwrap_or_else(|p| p.into_inner()) = p.loaded.clone();
                true
            }
            other => {
                *pending = other;
                false
            }
        }
    }

    /// [`Live::check_file_with`] without journal cases.
    pub fn check_file(&self) -> bool {
        self.check_file_with(Vec::new)
    }

    /// Looks at the file once; loads it when it changed, comparing it with
    /// the policy in use on the generated sample and `journal`'s cases.
    /// Whether a new policy is now in use.
    pub fn check_file_with(&self, journal: impl FnOnce() -> Vec<(i64, String)>) -> bool {
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
                let old = self.current();
                let imp = impact::compare(
                    &old.policy,
                    &policy,
                    "正在使用的策略",
                    &impact::sample(&journal()),
                );
                let text = impact::render(&imp);
                let wait = imp.any() && policy.confirm_changes();
                let loaded = Arc::new(Loaded::new(policy, &path.display().to_string()));
                seen.1 = None;
                if wait {
                    *self.pending.lock().unwrap_or_else(|p| p.into_inner()) =
                        Some(Arc::new(Pending {
                            loaded,
                            impact: text,
                        }));
                    return false;
                }
                *self.pending.lock().unwrap_or_else(|p| p.into_inner()) = None;
                *self.last_impact.lock().unwrap_or_else(|p| p.into_inner()) = Some(text);
                *self.current.write().unwrap_or_else(|p| p.into_inner()) = loaded;
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
