#!/usr/bin/env python3
"""Writes N exam records for measuring `smishdrill report --merge` at scale.

    python3 benches/merge-scale.py N DIR

writes DIR/class-N.json (the `report --format json` export: one array, pretty-printed like the
export), DIR/class-N.jsonl (one record a line) and DIR/class-N.pretty.json (the records
pretty-printed one after the other, as `jq . class-N.jsonl` prints them). The records are the fixtures in
tests/data/records with learner and start varied, so every attempt is distinct. Data goes in a
temporary folder, never into the repository.
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
templates = []
for f in sorted((root / "tests/data/records").glob("*.json")):
    data = json.loads(f.read_text())
    templates.extend(data if isinstance(data, list) else [data])

n, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)


def records():
    for i in range(n):
        r = dict(templates[i % len(templates)])
        r["learner"] = f"learner-{i // 3:06d}@example.com"
        r["started"] = r["started"] + i
        yield r


with open(out / f"class-{n}.json", "w") as f:
    f.write("[\n")
    for i, r in enumerate(records()):
        body = json.dumps(r, indent=2)
        f.write(("" if i == 0 else ",\n") + "\n".join("  " + line for line in body.splitlines()))
    f.write("\n]\n")
with open(out / f"class-{n}.jsonl", "w") as f:
    for r in records():
        f.write(json.dumps(r, separators=(",", ":")) + "\n")
with open(out / f"class-{n}.pretty.json", "w") as f:
    for r in records():
        f.write(json.dumps(r, indent=2) + "\n")
