//! The regression run drawn: `ok`/`FAIL` per case with what differed, the
//! closing count line, and how many cases each rule decided.

use crate::policy::Policy;

/// `ok`/`FAIL` per case with what differed, and the closing count line.
pub fn text(r: &super::Report) -> String {
    let mut o = String::new();
    for r in &r.results {
        if r.ok() {
            o.push_str(&format!("ok   {} — {}\n", r.path.display(), r.name));
        } else {
            o.push_str(&format!("FAIL {} — {}\n", r.path.display(), r.name));
            for d in &r.diffs {
                o.push_str(&format!("     {d}\n"));
            }
        }
    }
    o.push_str(&format!("{} passed, {} failed\n", r.passed(), r.failed()));
    o
}

/// How many cases each rule of the policy decided, and the rules no case reaches.
pub fn coverage(r: &super::Report, policy: &Policy) -> String {
    let count = |id: &str| {
        r.results
            .iter()
            .filter(|r| r.rule.as_deref() == Some(id))
            .count()
    };
    let mut o = String::from("coverage (cases per rule):\n");
    let mut unreached = Vec::new();
    for rule in &policy.rules {
        let n = count(&rule.id);
        o.push_str(&format!(
            "  {n:>4}  {} [{}]\n",
            rule.id,
            rule.playbook.join(", ")
        ));
        if n == 0 {
            unreached.push(rule.id.to_string());
        }
    }
    let fallback = crate::policy::FALLBACK;
    o.push_str(&format!(
        "  {:>4}  {fallback} (no rule applies)\n",
        count(fallback)
    ));
    if unreached.is_empty() {
        o.push_str(&format!(
            "every one of the {} rules is exercised by a case\n",
            policy.rules.len()
        ));
    } else {
        o.push_str(&format!(
            "{} of {} rules no case reaches: {}\n",
            unreached.len(),
            policy.rules.len(),
            unreached.join(", ")
        ));
    }
    o
}
