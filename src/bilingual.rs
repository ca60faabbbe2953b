//! A message in Chinese and English, kept as a typed pair until the edge
//! draws it: `中文 / English` on a terminal, two fields for the workbench.
//! A leaf: it depends on nothing in the crate.

use std::fmt;

/// What the program says, Chinese first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    /// For the agent and the shop.
    pub zh: String,
    /// The same in English.
    pub en: String,
}

impl Bilingual {
    /// A pair.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Bilingual {
        Bilingual {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

impl fmt::Display for Bilingual {
    /// As a terminal shows it: `中文 / English`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.zh, self.en)
    }
}
