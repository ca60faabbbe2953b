//! The side-by-side with zen-engine, without building zen-engine: the bench in
//! `benches/zen` records zen's answers on `ladder.json` in `agreed.json`, and
//! this test holds the engine to them. A policy edit the ladder did not learn
//! fails here; so does a ladder edit whose answers were not recorded again.

use sha2::{Digest, Sha256};

#[path = "../../benches/zen/src/same.rs"]
mod same;

#[test]
fn the_engine_gives_zen_engines_answers_on_the_small_defect_ladder() {
    let read = |p: &str| std::fs::read_to_string(super::repo(p)).expect("the bench's files");
    let ladder = read("benches/zen/ladder.json");
    let agreed: serde_json::Value =
        serde_json::from_str(&read("benches/zen/agreed.json")).expect("JSON");
    let sha: String = Sha256::digest(ladder.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        agreed["ladder_sha256"], sha,
        "ladder.json changed since zen's answers were recorded: run `cargo run --release -- --record` in benches/zen"
    );
    let policy = aftersale::policy::Policy::bundled().expect("the bundled policy");
    let cases = agreed["cases"].as_array().expect("cases");
    assert!(cases.len() >= 300, "a few hundred cases: {}", cases.len());
    let differ: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let case = same::case_of(&c["input"]).expect("a valid case");
            let ours = same::ours(&aftersale::engine::advise(&policy, &case).expect("advice"));
            let theirs = same::theirs(&c["zen"]);
            (ours != theirs).then(|| format!("{}: aftersale {ours:?}, zen {theirs:?}", c["input"]))
        })
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} cases differ from zen-engine on benches/zen/ladder.json; if the policy change is meant, teach the ladder and record again (`cargo run --release -- --record` in benches/zen):\n{}",
        differ.len(),
        cases.len(),
        differ[..differ.len().min(5)].join("\n")
    );
}
