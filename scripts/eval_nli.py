"""Evaluate an NLI model on every `test` file of ../shared/data/nli, held-out synthetic news pairs,
Emergent test headlines, unrelated same-story pairs, and speed. Prints one Markdown table.

Example:
    python scripts/eval_nli.py                                   # the shipped model
    python scripts/eval_nli.py --model some/hub-id --limit 500   # quick look at another model
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import nli_data as D  # noqa: E402

from factcheck.mismatch import find_mismatches  # noqa: E402
from factcheck.nli import HFNLIModel  # noqa: E402


def argmax_label(s) -> str:
    d = {"entailment": s.entailment, "neutral": s.neutral, "contradiction": s.contradiction}
    return max(d, key=d.__getitem__)


def sample(rows: list, limit: int | None, seed: int = 0) -> list:
    if limit is None or len(rows) <= limit:
        return rows
    return random.Random(seed).sample(rows, limit)


def three_way(model, rows) -> float:
    preds = model.predict([(r.premise, r.hypothesis) for r in rows])
    return sum(argmax_label(p) == r.label for p, r in zip(preds, rows)) / len(rows)


def binary(model, rows) -> float:
    preds = model.predict([(r.premise, r.hypothesis) for r in rows])
    ok = sum((argmax_label(p) == "entailment") == (r.label == "entailment") for p, r in zip(preds, rows))
    return ok / len(rows)


def synthetic_kinds(model, rows) -> list[tuple[str, str, str, str]]:
    """Per mismatch kind: contradiction recall (NLI alone; NLI + mismatch rules) and precision."""
    preds = model.predict([(r.premise, r.hypothesis) for r in rows])
    nli_c = [argmax_label(p) == "contradiction" for p in preds]
    rules = [bool(find_mismatches(r.premise, r.hypothesis).mismatches) for r in rows]
    both = [a or b for a, b in zip(nli_c, rules)]
    pos = [r.label == "contradiction" for r in rows]
    out = []
    kinds = sorted({r.kind for r in rows if r.label == "contradiction"})
    for name, pred in (("NLI", nli_c), ("NLI+rules", both)):
        tp = sum(p and y for p, y in zip(pred, pos))
        fp = sum(p and not y for p, y in zip(pred, pos))
        prec = tp / max(1, tp + fp)
        for k in kinds:
            idx = [i for i, r in enumerate(rows) if r.kind == k and r.label == "contradiction"]
            rec = sum(pred[i] for i in idx) / len(idx)
            out.append((f"synthetic news: {k} (n={len(idx)})", name, f"recall {rec:.1%}", f"precision {prec:.1%}"))
    ent = [i for i, r in enumerate(rows) if r.label == "entailment"]
    ent_ok = sum(argmax_label(preds[i]) == "entailment" for i in ent) / max(1, len(ent))
    out.append((f"synthetic news: entailment (n={len(ent)})", "NLI", f"accuracy {ent_ok:.1%}", ""))
    return out


def emergent(model, rows) -> tuple[float, float]:
    pairs = [(r.premise, r.hypothesis) for r in rows]
    ab = model.predict(pairs)
    ba = model.predict([(h, p) for p, h in pairs])
    con_ok, con_n, agr_ok, agr_n = 0, 0, 0, 0
    for r, x, y in zip(rows, ab, ba):
        if r.label == "contradiction":
            con_n += 1
            con_ok += max(x.contradiction, y.contradiction) > max(x.entailment, y.entailment, 0.5)
        else:
            agr_n += 1
            agr_ok += max(x.entailment, y.entailment) >= 0.5
    return con_ok / max(1, con_n), agr_ok / max(1, agr_n)


def false_contradictions(model, rows) -> float:
    preds = model.predict([(r.premise, r.hypothesis) for r in rows])
    return sum(argmax_label(p) == "contradiction" for p in preds) / len(rows)


def speed(model, rows, reps: int = 3) -> float:
    pairs = [(r.premise, r.hypothesis) for r in rows[:320]]
    model.predict(pairs[:32])
    rates = []
    for _ in range(reps):
        t = time.perf_counter()
        model.predict(pairs)
        rates.append(len(pairs) / (time.perf_counter() - t))
    return statistics.median(rates)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="HF id or path (default: the shipped model)")
    ap.add_argument("--limit", type=int, default=None, help="at most this many rows per test set")
    ap.add_argument("--out", default=None, help="also write the table to this file")
    ap.add_argument("--int8", action="store_true", help="int8 weights, as the pipeline's --int8 runs them")
    ap.add_argument("--bf16", action="store_true", help="bfloat16 on torch, as the pipeline's --bf16 runs it")
    ap.add_argument("--runtime", choices=["auto", "torch", "onnx"], default="auto",
                    help="as the pipeline: auto (ONNX Runtime for a local folder), torch or onnx")
    args = ap.parse_args()
    os.environ.setdefault("FACTCHECK_THREADS", "2")  # both runtimes' threads
    model = HFNLIModel(args.model, batch_size=32, int8=args.int8, runtime=args.runtime,
                       bf16=args.bf16)
    t0 = time.time()
    rows: list[tuple[str, str, str, str]] = []
    lim = args.limit
    for name, fn in (("SNLI test", D.snli), ("SICK test", D.sick), ("ANLI R1-R3 test", D.anli),
                     ("ConTRoL test", D.control), ("climate-fever odd claims", D.climate_fever)):
        data = sample(fn("test"), lim)
        rows.append((f"{name} (n={len(data)})", "3-way", f"accuracy {three_way(model, data):.1%}", ""))
        print(rows[-1], flush=True)
    for name, fn in (("MNLI binary dev", D.mnli_binary), ("FEVER binary test", D.fever_binary)):
        data = sample(fn("test"), lim)
        rows.append((f"{name} (n={len(data)})", "entail vs not", f"accuracy {binary(model, data):.1%}", ""))
        print(rows[-1], flush=True)
    syn = D.synthetic("train", "heldout")
    rows += synthetic_kinds(model, sample(syn, lim * 2 if lim else None))
    em = sample(D.emergent_pairs("test"), lim)
    c, a = emergent(model, em)
    rows.append((f"Emergent test headline pairs (n={len(em)})", "for vs against",
                 f"contradiction recall {c:.1%}", f"agreement recall {a:.1%}"))
    unrel = list(D.unrelated_same_story("test", n=lim or 2000))
    rows.append((f"unrelated same-story pairs, FNC-1 test bodies (n={len(unrel)})", "false contradiction",
                 f"rate {false_contradictions(model, unrel):.1%}", "target <= 2%"))
    rate = speed(model, D.snli("test"))
    rows.append(("speed, SNLI test pairs, batch 32, 2 CPU threads", "pairs/s", f"{rate:.0f}", "median of 3"))
    tag = f" ({model.runtime} runtime)"
    lines = [f"NLI model: {model.name}{tag}; {time.strftime('%Y-%m-%d')}; {time.time() - t0:.0f} s", "",
             "| test set | task | result | |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    table = "\n".join(lines)
    print(table)
    if args.out:
        Path(args.out).write_text(table + "\n")


if __name__ == "__main__":
    main()
