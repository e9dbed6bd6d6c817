"""Compare the warm seeds check of two commits on this machine, in alternating processes (one noisy hour).

    python scripts/bench_ab.py 09c7e00 HEAD --rounds 3

Each commit is checked out into a temporary git worktree; each round starts one process per commit (in
turn), which loads the models, checks the seeds once, then times ``--reps`` more checks and reports their
median. The table gives the median of the rounds per commit and the ratio of the second to the first: a
speed change between commits measured in one run, when the machine's own speed drifts through the day.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import os, statistics, sys, time
sys.path.insert(0, sys.argv[1])
os.chdir(sys.argv[2])
from factcheck import Checker
checker = Checker()
checker.check(["seeds"])
times = []
for _ in range(int(sys.argv[3])):
    t = time.perf_counter()
    checker.check(["seeds"])
    times.append(time.perf_counter() - t)
print(statistics.median(times))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("first", help="commit (the baseline)")
    ap.add_argument("second", help="commit compared with it")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--reps", type=int, default=3, help="timed checks per process")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trees = []
        for k, rev in enumerate((args.first, args.second)):
            tree = Path(tmp) / f"tree{k}"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), rev], check=True)
            trees.append(tree)
        try:
            times: list[list[float]] = [[], []]
            for _ in range(args.rounds):
                for k, tree in enumerate(trees):
                    out = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(ROOT), str(args.reps)],
                                         capture_output=True, text=True, check=True).stdout
                    times[k].append(float(out.split()[-1]))
        finally:
            for tree in trees:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    first, second = (statistics.median(t) for t in times)
    print(f"| commit | warm seeds check, median of {args.rounds} processes (each the median of {args.reps}) |")
    print("|---|---|")
    print(f"| {args.first} | {first:.2f} s ({', '.join(f'{t:.2f}' for t in times[0])}) |")
    print(f"| {args.second} | {second:.2f} s ({', '.join(f'{t:.2f}' for t in times[1])}) |")
    print(f"| ratio second / first | {second / first:.3f} |")


if __name__ == "__main__":
    main()
