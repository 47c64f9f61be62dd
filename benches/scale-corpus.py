#!/usr/bin/env python3
"""Writes N scenario files into DIR for whole-process measurements of `check` and of the
trainer's first frame with `--scenarios DIR`.

  bundled  copies of the bundled corpus (scenarios/), variables and all, each with a new id:
           what benches/smishdrill.rs calls bundled-style
  generated  the bench's generated toll scams, without variables

Usage: benches/scale-corpus.py bundled|generated N DIR"""
import os, pathlib, re, sys

kind, n, out = sys.argv[1], int(sys.argv[2]), pathlib.Path(sys.argv[3])
root = pathlib.Path(__file__).resolve().parent.parent
out.mkdir(parents=True, exist_ok=True)

GENERATED = '''id = "toll-generated-{i}"
verdict = "scam"
category = "toll"
title = "Generated toll text {i}"
context = "You drive on toll roads now and then."
difficulty = 2
verify = ["Type the agency's site yourself.", "Forward the text to 7726 (SPAM), then delete it."]
sources = ["https://www.ic3.gov/PSA/2024/PSA240412"]

[[thread]]
sender = "+63 917 555 01{a:02}"
time = "Today 7:{b:02} PM"
text = "E-ZPass: You have an unpaid toll of ${c}.{a:02}. Pay by Nov 26 to avoid a $50.00 late fee: https://e-zpassny.com-pay{i}.top/ny"

[[flag]]
kind = "sender"
quote = "+63 917 555 01{a:02}"
why = "A US toll agency does not text from a number in the Philippines."

[[flag]]
kind = "lookalike-link"
quote = "e-zpassny.com-pay{i}.top"
why = "Read an address from the right: the real site is what follows `.com-`."

[[question]]
ask = "What should you do now?"
choices = ["Pay it", "Check your account at the agency's site, typed by hand", "Reply STOP"]
answer = 2
why = "Go to the agency yourself; never through the text's link."
'''

written = 0
if kind == "generated":
    for i in range(n):
        (out / f"{i}.toml").write_text(GENERATED.format(i=i, a=i % 100, b=i % 60, c=i % 13))
    written = n
else:
    bundled = sorted(p for p in (root / "scenarios").rglob("*.toml"))
    copy = 0
    while written < n:
        folder = out / f"copy-{copy}"
        folder.mkdir(exist_ok=True)
        for path in bundled:
            if written == n:
                break
            text = path.read_text()
            m = re.search(r'^id = "([^"]*)"', text, re.M)
            if not m:
                continue
            text = text.replace(f'id = "{m.group(1)}"', f'id = "{m.group(1)}-copy-{copy}"', 1)
            name = str(path.relative_to(root / "scenarios")).replace("/", "-")
            (folder / name).write_text(text)
            written += 1
        copy += 1
print(f"{written} {kind} files in {out}")
