#!/usr/bin/env python3
"""The first start with a long history and no summary cache, for several builds in turn: the
first frame in a real pseudo-terminal (80x24) of each binary, one run of each in turn (with
one empty-history run of the first binary before them), so that a noisy machine slows them all
alike. Prints each binary's median and its ratio to the empty-history median.

Usage: benches/history-first-frame-ab.py RUNS EMPTY_HOME LONG_HOME BINARY...
  EMPTY_HOME  an XDG_DATA_HOME with no progress (an empty folder)
  LONG_HOME   an XDG_DATA_HOME with a long history (benches/history-scale.py N LONG_HOME);
              its summary cache is removed before every run
  BINARY      builds of smishdrill (run as `smishdrill --seed 1`, USER=default)

The first frame is the moment the verdict buttons ("Genuine") have been written, as in
benches/history-first-frame.py, which measures one binary (with or without the cache)."""
import glob, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pty_frame  # noqa: E402  (benches/pty_frame.py)

runs, empty, long_home, binaries = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]


def remove_cache(home):
    for cache in glob.glob(os.path.join(home, "smishdrill", "profiles", "*", "answers.summary.json")):
        os.remove(cache)


def first_frame(binary, home):
    return pty_frame.first_frame([binary, "--seed", "1"], {"XDG_DATA_HOME": home, "USER": "default"})[0]


times = {b: [] for b in binaries}
empties = []
for _ in range(runs):
    empties.append(first_frame(binaries[0], empty))
    for b in binaries:
        remove_cache(long_home)
        times[b].append(first_frame(b, long_home))
base = statistics.median(empties)
print(f"empty history ({binaries[0]}): median {base:.1f} ms over {runs} runs")
for b in binaries:
    m = statistics.median(times[b])
    print(f"{b}: no cache, median {m:.1f} ms, x{m / base:.2f} of the empty-history start")
