//! The integration suite: one binary, a module per area.

// In tests, helpers included, a failed assumption is the failure; a
// property test lists its cases in one place.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod suite;
