#!/usr/bin/env python3
"""Writes a learner's progress file of N answers, for measuring start-up and `stats` with a long
history (docs/performance.md, session 11).

    python3 benches/history-scale.py N DATA_HOME [PROFILE]

writes DATA_HOME/smishdrill/profiles/PROFILE/answers.jsonl (PROFILE: $USER, as the trainer's
default profile), N answers over the bundled scenarios in rounds of ten, as the trainer writes
them: a third wrong, spotting on (about one flag in five missed), a follow-up question on most.
Run the program with XDG_DATA_HOME=DATA_HOME (benches/first-frame.py sets /tmp/ff-data). Data
goes in a temporary folder, never into the repository.
"""
import json
import os
import pathlib
import sys
import tomllib

root = pathlib.Path(__file__).resolve().parent.parent
scenarios = []
for f in sorted((root / "scenarios").rglob("*.toml")):
    s = tomllib.loads(f.read_text())
    if "id" in s and "verdict" in s:
        kinds = [flag["kind"] for flag in s.get("flag", [])]
        scenarios.append((s["id"], s["category"], s["verdict"], s.get("difficulty"), kinds))

n, home = int(sys.argv[1]), pathlib.Path(sys.argv[2])
profile = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("USER", "default")
out = home / "smishdrill" / "profiles" / profile
out.mkdir(parents=True, exist_ok=True)
levels = ["sure", "fairly sure", "guessing"]
with open(out / "answers.jsonl", "w") as f:
    for i in range(n):
        sid, category, verdict, difficulty, kinds = scenarios[(i * 7) % len(scenarios)]
        said = ("legit" if verdict == "scam" else "scam") if i % 3 == 0 else verdict
        found = [k for j, k in enumerate(kinds) if (i + j) % 5 != 0]
        missed = [k for j, k in enumerate(kinds) if (i + j) % 5 == 0]
        r = {"time": 1_700_000_000 + i * 20, "round": f"1700000000-4242-{i // 10 + 1}", "scenario": sid,
             "category": category, "truth": verdict, "said": said, "confidence": levels[i % 3]}
        if difficulty is not None:
            r["difficulty"] = difficulty
        r.update({"flags_found": found, "flags_missed": missed, "false_marks": i % 2, "spotted": True})
        if i % 4:
            r["question"] = i % 5 != 0
            r["choice"] = 1 + i % 3
        f.write(json.dumps(r, separators=(",", ":")) + "\n")
print(out / "answers.jsonl")
