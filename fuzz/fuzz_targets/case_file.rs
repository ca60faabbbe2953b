//! Any bytes as a case file: an error or a case, and the engine answers or asks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static POLICY: OnceLock<aftersale::policy::Policy> = OnceLock::new();
    let policy = POLICY.get_or_init(|| aftersale::policy::Policy::bundled().expect("bundled policy"));
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = aftersale::session::is_structured(text);
    if let Ok(input) = aftersale::case::CaseInput::from_yaml(text, "fuzz.yaml") {
        if let Ok(case) = input.into_case(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")) {
            let _ = aftersale::engine::advise(policy, &case);
            let _ = aftersale::engine::explain(policy, &case);
        }
    }
});
