"""Speed and memory of `factcheck check` on the seeds. Prints a Markdown table (quoted in the README).

Measures, in one run on this machine: the warm check (models loaded) as the median of --reps runs
(also on torch, with the int8 NLI model, and with the bf16 NLI model on torch),
the whole cold CLI process (median of --cold runs), the cold process's peak RSS, NLI pairs judged
against all cross-source pairs, and the NLI model's throughput (pairs/s at the default batch and at 32 with --threads
threads, on the seeds' own NLI inputs, median of --reps).

Example:
    python scripts/bench.py --reps 5 --cold 3
    python scripts/bench.py --nli-only --threads 2      # just the NLI pairs/s
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def unit_pairs_judged(report) -> int:
    """Claim-unit pairs the model read for the judged pairs (a sentence may hold more than one claim)."""
    from factcheck import Settings
    from factcheck.judge import unit_pairs

    text = {s.id: s.text for s in report.sentences}
    return sum(len(unit_pairs(text[p.a], text[p.b], Settings())) for p in report.pairs)


class Recorder:
    """An NLI model that remembers every pair it was asked to score (the seeds' real NLI inputs)."""

    def __init__(self, model) -> None:
        self.model, self.name, self.pairs = model, model.name, []

    def predict(self, pairs):
        self.pairs += pairs
        return self.model.predict(pairs)


def nli_pairs_per_s(model, pairs: list[tuple[str, str]], reps: int) -> float:
    """Median pairs/s of ``model.predict(pairs)``."""
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        model.predict(pairs)
        times.append(time.perf_counter() - t)
    return len(pairs) / statistics.median(times)


# The cold process is started by a small launcher, and its peak RSS read from the launcher's
# RUSAGE_CHILDREN: on Linux a process started straight from this one (fork + exec) carries this process's
# RSS high-water mark into its own ru_maxrss (it counted 1.05-1.24 GB for a check that peaks under 0.5 GB).
LAUNCH = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
print("MAXRSS", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""
CHILD = """
import sys
from factcheck.cli import main
sys.argv = ["factcheck", "check", sys.argv[1], "--out", sys.argv[2]]
try:
    main()
finally:
    print("TORCH", "torch" in sys.modules, file=sys.stderr)
"""


def cold_runs(n: int, target: str, want: dict) -> tuple[list[float], list[float], list[str]]:
    """``n`` cold ``factcheck check`` processes: wall seconds, peak RSS (MB), and whether each imported torch."""
    cold, rss, torch_seen = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(n):
            out = Path(tmp) / f"r{k}.json"
            cmd = [sys.executable, "-c", LAUNCH, sys.executable, "-c", CHILD, target, str(out)]
            t = time.perf_counter()
            res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env={**os.environ})
            cold.append(time.perf_counter() - t)
            if res.returncode != 0:
                sys.exit(res.stderr)
            rss.append(int(res.stderr.split("MAXRSS")[-1].split()[0]) / 1024)
            torch_seen.append(res.stderr.split("TORCH")[-1].split()[0])
            assert json.loads(out.read_text())["summary"] == want
    return cold, rss, torch_seen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--cold", type=int, default=3)
    ap.add_argument("--input", default=str(ROOT / "seeds"))
    ap.add_argument("--threads", type=int, default=2, help="model threads (FACTCHECK_THREADS) for every row")
    ap.add_argument("--nli-only", action="store_true", help="only measure NLI pairs/s")
    args = ap.parse_args()
    os.environ["FACTCHECK_THREADS"] = str(args.threads)

    from factcheck import Checker, HFNLIModel, SentenceTransformerEmbedder

    checker = Checker()  # the defaults: both models on ONNX Runtime where installed
    assert checker.nli is not None
    rec = Recorder(checker.nli)
    checker.nli = rec
    t = time.perf_counter()
    report = checker.check([args.input])
    first = time.perf_counter() - t
    checker.nli = rec.model
    batch = getattr(rec.model, "batch_size", 0)
    rate = nli_pairs_per_s(rec.model, rec.pairs, args.reps)
    rec.model.batch_size = 32  # the measure: batch 32
    rate32 = nli_pairs_per_s(rec.model, rec.pairs, args.reps)
    rec.model.batch_size = batch
    torch_nli = HFNLIModel(runtime="torch")
    torch_nli.predict(rec.pairs[:32])
    torch_rate = nli_pairs_per_s(torch_nli, rec.pairs, args.reps)
    default_rt = getattr(rec.model, "runtime", "?")
    if args.nli_only:
        print(f"NLI pairs/s, {args.threads} threads, {len(rec.pairs)} pairs, median of {args.reps}: "
              f"{default_rt} {rate:.1f} (batch {batch}), {rate32:.1f} (batch 32), "
              f"torch {torch_rate:.1f} (batch {batch})")
        return

    def timed(c: Checker) -> list[float]:
        out = []
        for _ in range(args.reps):
            t = time.perf_counter()
            c.check([args.input])
            out.append(time.perf_counter() - t)
        return out

    warm = timed(checker)
    sm = report.to_dict()["summary"]
    torch_checker = Checker(embedder=SentenceTransformerEmbedder(backend="transformers"), nli=torch_nli)
    torch_checker.check([args.input])
    warm_torch = timed(torch_checker)
    fast = Checker(embedder=checker.embedder, int8=True)  # same embedder, int8 NLI (ONNX Runtime's where it runs)
    fast.check([args.input])
    warm8 = timed(fast)
    half = Checker(embedder=checker.embedder, bf16=True)  # same embedder, bf16 NLI on torch (batch's default)
    half.check([args.input])
    warm16 = timed(half)
    half_nli = half.nli
    assert half_nli is not None
    bf16_rate = nli_pairs_per_s(half_nli, rec.pairs, args.reps)
    half_batch = getattr(half_nli, "batch_size", 0)
    half_nli.batch_size = 8  # type: ignore[attr-defined]
    bf16_rate8 = nli_pairs_per_s(half_nli, rec.pairs, args.reps)
    cold, rss, torch_seen = cold_runs(args.cold, args.input, sm)
    ratio = sm["n_pairs_judged"] / sm["n_pairs_possible"]
    backend = getattr(checker.embedder, "backend", "?")
    rows = [
        ("input", f"{sm['n_sources']} sources, {sm['n_sentences']} sentences ({Path(args.input).name})", ""),
        (f"warm check, models loaded, default ({backend} embedder, {default_rt} NLI; median of {args.reps})",
         f"{statistics.median(warm):.2f} s", "<= 2 s"),
        (f"warm check on torch (FACTCHECK_NLI_RUNTIME=torch, transformers embedder; median of {args.reps})",
         f"{statistics.median(warm_torch):.2f} s", ""),
        (f"warm check with --int8 NLI ({getattr(fast.nli, 'runtime', '?')}; median of {args.reps})",
         f"{statistics.median(warm8):.2f} s", "<= 2 s (opt-in: less accurate)"),
        (f"warm check with --bf16 NLI (torch; median of {args.reps})", f"{statistics.median(warm16):.2f} s",
         "<= 2 s"),
        ("first check in a process (loads models)", f"{first:.2f} s", ""),
        (f"cold `factcheck check` process (median of {args.cold})", f"{statistics.median(cold):.2f} s", "<= 5 s"),
        ("peak RSS of the cold process (max)", f"{max(rss):.0f} MB", "<= 1024 MB"),
        ("torch imported by the cold process", ", ".join(sorted(set(torch_seen))), ""),
        (
            "NLI pairs judged / cross-source pairs",
            f"{sm['n_pairs_judged']} / {sm['n_pairs_possible']} ({ratio:.1%})",
            "<= 10%",
        ),
        ("NLI forward passes (claim-unit pairs, the second direction only where the first does not settle "
         "the pair; repeats scored once), of both directions of every unit pair",
         f"{len(set(rec.pairs))} of {2 * unit_pairs_judged(report)}", ""),
        (f"NLI pairs/s, default ({default_rt}), batch {batch} (the default), {args.threads} threads (median of "
         f"{args.reps})", f"{rate:.0f}", ""),
        (f"NLI pairs/s, default ({default_rt}), batch 32, {args.threads} threads (median of {args.reps})",
         f"{rate32:.0f}", ">= 250"),
        (f"NLI pairs/s, torch, batch {batch}, {args.threads} threads (median of {args.reps})", f"{torch_rate:.0f}", ""),
        (f"NLI pairs/s, bf16 (torch; batch and serve's default where the CPU has AMX / AVX-512 BF16), batch "
         f"{half_batch} (its default), {args.threads} threads (median of {args.reps})", f"{bf16_rate:.0f}", ">= 250"),
        (f"NLI pairs/s, bf16 (torch), batch 8, {args.threads} threads (median of {args.reps})", f"{bf16_rate8:.0f}",
         ""),
    ]
    print(
        f"factcheck bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end, models: "
        f"{report.models['embedder']} (through {backend}) + {report.models['nli']}\n"
    )
    print("| measure | value | target |\n|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} |")


if __name__ == "__main__":
    main()
