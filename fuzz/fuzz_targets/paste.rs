//! Any bytes as a pasted case: facts or a clear refusal, then advice or a question.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static POLICY: OnceLock<aftersale::policy::Policy> = OnceLock::new();
    static INTAKE: OnceLock<aftersale::intake::Intake> = OnceLock::new();
    let policy = POLICY.get_or_init(|| aftersale::policy::Policy::bundled().expect("bundled policy"));
    let intake = INTAKE.get_or_init(|| aftersale::intake::Intake::new(&policy.words()));
    if let Ok(facts) = intake.extract_bytes(data) {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
        let base = facts.to_input();
        let _ = aftersale::session::answer(policy, Some(facts), base, Default::default(), today, true);
    }
});
