//! Any bytes as a policy file: refused with an error or loaded whole, never a panic;
//! a loaded policy advises on a case without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(policy) = aftersale::policy::Policy::parse(text, "fuzz.yaml") {
        let case = aftersale::case::CaseInput {
            defect: Some(aftersale::located::Located::flag("小瑕疵")),
            region: Some(aftersale::located::Located::flag("浙江")),
            ..Default::default()
        }
        .into_case(chrono::NaiveDate::MIN)
        .expect("a valid case");
        let _ = aftersale::engine::advise(&policy, &case);
        let _ = aftersale::policy::analysis::analyse(&policy);
    }
});
