#!/usr/bin/env python3
"""Time from starting a program in a real pseudo-terminal (80x24) to its first frame on screen:
the moment the verdict buttons ("[ g Genuine ]") have been written.

Usage: benches/first-frame.py [--floor FLOOR] BINARY [RUNS] [ARGS...]
  BINARY  target/release/smishdrill (run as `smishdrill --seed 1 ARGS...`), or the floor,
          target/release/examples/first-frame-floor (raw mode, alternate screen, one write;
          `cargo build --release --example first-frame-floor`), run without arguments
  ARGS    more arguments for smishdrill, e.g. --scenarios DIR
  --floor FLOOR  also time FLOOR (the floor program), one run of each in turn, and print the
          ratio of the medians: on a shared machine both then see the same load"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pty_frame  # noqa: E402  (benches/pty_frame.py)

args = sys.argv[1:]
floor_binary = None
if args[:1] == ["--floor"]:
    floor_binary, args = args[1], args[2:]
binary = args[0]
runs = int(args[1]) if len(args) > 1 else 20
extra = args[2:]


def argv_of(binary):
    floor = os.path.basename(binary).startswith("first-frame-floor")
    return [binary] if floor else [binary, "--seed", "1", *extra]


def first_frame(argv):
    return pty_frame.first_frame(argv, {"XDG_DATA_HOME": "/tmp/ff-data"})[0]


programs = [argv_of(b) for b in ([floor_binary] if floor_binary else []) + [binary]]
times = {i: [] for i in range(len(programs))}
for _ in range(runs):
    for i, argv in enumerate(programs):
        times[i].append(first_frame(argv))
medians = []
for i, argv in enumerate(programs):
    t = sorted(times[i])
    medians.append(t[len(t) // 2])
    print(f"{' '.join(argv)}: first frame median {medians[-1]:.1f} ms, min {t[0]:.1f} ms, max {t[-1]:.1f} ms over {runs} runs")
if floor_binary:
    print(f"ratio to the floor (medians): {medians[1] / medians[0]:.2f}")
