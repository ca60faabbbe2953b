#!/usr/bin/env python3
"""Blind batches -> case files: pastes read right go to tests/intake/blind/, the rest to
tests/intake_misses/blind/, each pinned to the writer's expectation (never to our reading)."""
import json, os, subprocess, sys, re
bin_, repo = sys.argv[1], sys.argv[2]
batches = sys.argv[3:]
KEYS = {"province","region_group","promo_tags","defect","fault","material","price","ask","offered",
        "stage","platform","free_shipping","signed_at","wants","refund_type"}
def run_misses(batch):
    out = subprocess.run([os.path.join(repo,"../shared/corpus/run"),"--bin",bin_,f"/work/blind/{batch}.json"],
                         capture_output=True,text=True,cwd=repo).stdout
    miss = {}
    for l in out.splitlines():
        if l.startswith("MISS "):
            name = l[5:].split(":")[0]
            miss[name[:3]] = l
    return miss
def yq(s):  # a YAML scalar, always quoted
    return json.dumps(str(s), ensure_ascii=False)
def value(key, want, got):
    """The writer's value in the runner's terms; `got` (our reading) only picks among the writer's own alternatives."""
    if want is None:
        return "none"
    if isinstance(want, dict):
        if "contains" in want:
            w = want["contains"]
            return got if (got and w in str(got)) else w
        if "min" in want:
            return None
    if isinstance(want, list):
        def same(a, b):
            try:
                return float(a) == float(b)
            except (TypeError, ValueError):
                return str(a) == str(b)
        for w in want:
            if got is not None and same(got, w):
                return w
        return want[0]
    return want
for batch in batches:
    cases = json.load(open(f"/work/blind/{batch}.json"))
    miss = run_misses(batch)
    for c in cases:
        cid = c["name"][:3]
        env = dict(os.environ, AFTERSALE_TODAY=c["today"])
        r = subprocess.run([bin_,"extract","--json","--text",c["text"]],capture_output=True,text=True,env=env)
        facts = json.loads(r.stdout) if r.returncode == 0 else {}
        lines = []
        for path, want in c["facts"].items():
            key = path.split(".")[0]
            if key not in KEYS:
                continue
            got = (facts.get(key) or {}).get("value") if isinstance(facts.get(key), dict) else None
            if key == "promo_tags":
                continue
            v = value(key, want, got)
            if v is None:
                continue
            # A stage or fault the engine infers from the defect is not a read fact:
            # the advice's case_facts carry it, and the corpus runner counts it there.
            if key in ("stage", "fault") and got is None and v != "none":
                continue
            if key == "promo_tags":
                continue
            if key in ("price","ask","offered") and v != "none":
                v = f"{float(v):.2f}"
            if key == "free_shipping" and v != "none":
                v = "true" if v in (True,"true") else "false"
            if key == "signed_at" and v != "none" and got and str(v) in str(got):
                v = got
            lines.append(f"  {key}: {yq(v)}")
        held = cid not in miss
        folder = os.path.join(repo, "tests/intake/blind" if held else "tests/intake_misses/blind")
        os.makedirs(folder, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+","_",c["name"][:3].lower())
        with open(os.path.join(folder, f"{batch}_{slug}.yaml"),"w") as f:
            f.write(f"name: {yq(c['name'])}\n")
            f.write(f"source: {yq('blind batch ' + batch + ': written from the seeds and the playbook alone, before the reader saw it')}\n")
            f.write(f"today: {c['today']}\n")
            f.write("paste: |\n" + "".join("  "+l+"\n" for l in c["text"].split("\n")))
            f.write("facts:\n" + "\n".join(lines) + "\n")
            if not held:
                f.write("# first seen wrong: " + miss[cid].split(": ",1)[1].replace("\n"," ")[:600] + "\n")
