#!/usr/bin/env python3
"""First frame and peak memory of the trainer with a long saved history, beside the same binary
with an empty one, in a real pseudo-terminal (80x24), one run of each in turn.

Usage: benches/history-first-frame.py [--no-cache] BINARY EMPTY_HOME LONG_HOME [RUNS]
  --no-cache  remove LONG_HOME's summary cache (answers.summary.json) before each run, so that
              every run is a first start (after an upgrade, or after the cache was deleted)
  BINARY      target/release/smishdrill (run as `smishdrill --seed 1`)
  EMPTY_HOME  an XDG_DATA_HOME with no progress (an empty folder)
  LONG_HOME   an XDG_DATA_HOME with a long history (benches/history-scale.py N LONG_HOME)

The first frame is the moment the verdict buttons ("Genuine") have been written; peak memory is
the child's maximum resident set (getrusage through wait4). USER is set to "default", the
profile history-scale.py writes."""
import glob, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pty_frame  # noqa: E402  (benches/pty_frame.py)

args = sys.argv[1:]
no_cache = "--no-cache" in args
args = [a for a in args if a != "--no-cache"]
binary, empty, long_home = args[0:3]
runs = int(args[3]) if len(args) > 3 else 15


def remove_cache(home):
    for cache in glob.glob(os.path.join(home, "smishdrill", "profiles", "*", "answers.summary.json")):
        os.remove(cache)


def first_frame(home):
    if no_cache:
        remove_cache(home)
    return pty_frame.first_frame([binary, "--seed", "1"], {"XDG_DATA_HOME": home, "USER": "default"})


results = {empty: [], long_home: []}
for _ in range(runs):
    for home in results:
        results[home].append(first_frame(home))
medians = {}
for home, rs in results.items():
    t = sorted(r[0] for r in rs)
    m = sorted(r[1] for r in rs)
    medians[home] = t[len(t) // 2]
    print(f"{home}: first frame median {t[len(t) // 2]:.1f} ms (min {t[0]:.1f}, max {t[-1]:.1f}), "
          f"peak RSS median {m[len(m) // 2]:.1f} MB (max {m[-1]:.1f}) over {runs} runs")
print("every run without a summary cache" if no_cache else "the summary cache kept between runs")
print(f"ratio long / empty (medians): {medians[long_home] / medians[empty]:.2f}")
