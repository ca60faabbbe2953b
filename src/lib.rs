//! `aftersale`: tells the after-sale agents of a Taobao / Tmall shop what to offer
//! a buyer who wrote in, and who pays the shipping.
//!
//! The pipeline flows one way. From the bottom, each layer imports only
//! from the layers below it:
//!
//! 1. leaves: [`vocab`] (the words of a case and the one table of facts),
//!    [`text`] (normalising), [`money`], [`located`], [`place`] (addresses),
//!    [`mask`], [`bilingual`] (a message as a Chinese-English pair);
//! 2. [`policy`] (the shop's playbook as a checked YAML file; it hands its
//!    keywords and tags to the paste reader as [`vocab::ShopWords`]);
//! 3. [`case`] (typed facts from flags, case files and log rows; a case
//!    file's YAML slips are told as the policy file's are);
//! 4. [`intake`] (pasted text -> facts), which needs no policy: the words it
//!    is given, and no region group;
//! 5. [`advice`] (the result) and [`engine`] (case x policy -> decision and
//!    advice with its trace; it names the region group of a read province);
//! 6. on top, using the layers below and one another: [`session`] answers
//!    one agent request end to end; [`queue`] reads the
//!    day's refund list (the seller centre's export or the open platform's
//!    records) into the same facts, stated by their columns, and advises
//!    every refund in the order its deadline runs out; [`render`] draws
//!    the advice and facts as text and JSON, diagnostics, and the table
//!    drawing every report shares (each report draws itself beside its
//!    data); [`regress`] runs folders of case
//!    files with expected advice; [`replay`] totals a log of past cases under
//!    two policies; [`generate`] writes such logs; [`journal`] and [`serve`]
//!    are the workbench.
//!
//! ```
//! use aftersale::{case::CaseInput, engine, located::Located, policy::Policy};
//!
//! let policy = Policy::bundled()?;
//! let case = CaseInput {
//!     defect: Some(Located::flag("小瑕疵")),
//!     region: Some(Located::flag("新疆")),
//!     ..CaseInput::default()
//! }
//! .into_case(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date"))?;
//! let advice = engine::advise(&policy, &case)?;
//! let offer = advice.offer.expect("a small defect gets an offer");
//! assert_eq!((offer.open.to_string(), offer.max.to_string()), ("10.00".into(), "15.00".into()));
//! assert!(advice.playbook.contains(&"S2".to_string()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod advice;
pub mod bilingual;
pub mod case;
pub mod engine;
pub mod generate;
pub mod impact;
pub mod intake;
pub mod journal;
mod labels;
pub mod located;
pub mod mask;
pub mod money;
pub mod place;
pub mod policy;
pub mod queue;
pub mod regress;
pub mod render;
pub mod replay;
pub mod serve;
pub mod session;
pub mod text;
pub mod vocab;
