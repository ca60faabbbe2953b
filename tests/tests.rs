//! The integration suite: one binary, a module per area.

// In tests, helpers included, a failed assumption is the failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod suite;
