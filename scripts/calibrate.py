"""Choose the judge's NLI thresholds on train-role news pairs, never on a test file.

Calibration data (all of role ``train`` in ../shared/data/README.md):
- Emergent, first 200 claims: headline pairs about one claim, for/for (agreement) and for/against
  (contradiction). The NLI model was trained on claim-vs-headline rows of these claims, never on
  headline-vs-headline pairs.
- Unrelated sentence pairs from one news article (FNC-1 even bodies and DUC 2006, the 10% of articles
  held out of the synthetic training pairs): each one called a contradiction is a false alarm.
- MRPC train paraphrases (news sentences of two outlets that state the same facts; NLI v3 saw part of
  this file as entailment rows, so its rates here are optimistic): each one called a contradiction is
  a false alarm an editor would see.

Every pair is embedded, checked by the mismatch rules and scored by the NLI model both ways once; each
setting is then replayed through :func:`factcheck.judge.decide` exactly as the pipeline would (a pair
below ``pair_floor`` is never judged; one below ``nli_floor`` without a mismatch gets no NLI call).
Prints the current settings and the best ones that call at most 2% of unrelated pairs a
contradiction and at most 2% an agreement.

Example:
    python scripts/calibrate.py --limit 800
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
import nli_data as D  # noqa: E402
import nli_data_v3 as V3  # noqa: E402

from factcheck.cluster import Candidate  # noqa: E402
from factcheck.config import Settings  # noqa: E402
from factcheck.judge import aggregate_units, decide, is_close, nli_inputs, unit_pairs  # noqa: E402
from factcheck.mismatch import find_mismatches  # noqa: E402

GRID: dict[str, list[float]] = {
    "pair_floor": [0.3, 0.4, 0.45],
    "nli_floor": [0.3, 0.4, 0.5, 0.55, 0.6],
    "contradiction_threshold": [0.5, 0.6, 0.7, 0.8],
    "contradiction_gate": [0.3, 0.4, 0.5, 0.65],
    "entail_threshold": [0.5, 0.6, 0.7],
    "agree_similarity_no_nli": [0.75, 0.8, 0.85],
    "contradiction_entail_ceiling": [1.0, 0.9, 0.7, 0.5, 0.3],
}


def features(pairs: list[D.Pair], emb, nli) -> list[tuple]:
    """Per pair what the judge reads: similarity, typed mismatches, and NLI scores of every claim-unit pair."""
    a = emb.encode([p.premise for p in pairs])
    b = emb.encode([p.hypothesis for p in pairs])
    sims = np.sum(a * b, axis=1)
    texts = [(p.premise, p.hypothesis) for p in pairs]
    units = [unit_pairs(x, y, Settings()) for x, y in texts]
    read = [nli_inputs(u.a.text, u.b.text, Settings()) for us in units for u in us]  # what the judge's NLI reads
    scores = nli.predict(read + [(y, x) for x, y in read])
    n, at, out = len(read), 0, []
    for k in range(len(pairs)):
        per_unit = []
        for u in units[k]:
            per_unit.append((scores[at], scores[n + at], u))
            at += 1
        out.append((float(sims[k]), find_mismatches(*texts[k]).mismatches, per_unit))
    return out


def label(f: tuple, cfg: Settings) -> str:
    sim, mm, per_unit = f
    if sim < cfg.pair_floor or not (mm or is_close(Candidate(0, 1, sim, True, 0), cfg)):
        return "unique_detail"  # never a candidate, or not judged: no pair in the report
    options = [(decide(ab, ba, sim, mm, cfg), ab, ba, u) for ab, ba, u in per_unit]
    return aggregate_units(options)[0].label


def f1(pred: list[str], gold: list[str], lab: str) -> float:
    tp = sum(p == lab == g for p, g in zip(pred, gold))
    fp = sum(p == lab != g for p, g in zip(pred, gold))
    fn = sum(g == lab != p for p, g in zip(pred, gold))
    return 2 * tp / max(2 * tp + fp + fn, 1)


def score(cfg: Settings, em: list[tuple], em_gold: list[str], un: list[tuple],
          para: list[tuple]) -> tuple[float, ...]:
    pred = [label(f, cfg) for f in em]
    un_pred = [label(f, cfg) for f in un]
    fc = un_pred.count("contradiction") / max(len(un), 1)
    fa = un_pred.count("agreement") / max(len(un), 1)
    c, a = f1(pred, em_gold, "contradiction"), f1(pred, em_gold, "agreement")
    para_pred = [label(f, cfg) for f in para]
    pc = para_pred.count("contradiction") / max(len(para), 1)
    pa = para_pred.count("agreement") / max(len(para), 1)
    return (c + a) / 2, c, a, fc, fa, pc, pa


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nli-model", default=None)
    ap.add_argument("--limit", type=int, default=800, help="pairs per calibration set")
    ap.add_argument("--max-false", type=float, default=0.02,
                    help="most unrelated pairs called contradiction, and most called agreement, allowed")
    ap.add_argument("--only", nargs="*", default=None, choices=list(GRID),
                    help="search only these settings (the others stay as shipped)")
    args = ap.parse_args()
    import torch

    from factcheck.embed import SentenceTransformerEmbedder
    from factcheck.nli import HFNLIModel

    torch.set_num_threads(2)
    t0 = time.time()
    emb, nli = SentenceTransformerEmbedder(), HFNLIModel(args.nli_model)
    em_pairs = random.Random(0).sample(D.emergent_pairs("train"), args.limit)
    em_gold = [p.label for p in em_pairs]
    un_pairs = list(D.unrelated_same_story("train", n=args.limit))
    mrpc = [(a, b) for q, a, b in V3.mrpc_rows("train") if q == 1]
    para_pairs = [D.Pair(a, b, "entailment", "mrpc", "paraphrase")
                  for a, b in random.Random(1).sample(mrpc, min(args.limit, len(mrpc)))]
    em, un, para = features(em_pairs, emb, nli), features(un_pairs, emb, nli), features(para_pairs, emb, nli)
    base = Settings()
    grid = {k: (v if args.only is None or k in args.only else [getattr(base, k)]) for k, v in GRID.items()}
    results = []
    for values in itertools.product(*grid.values()):
        cfg = dataclasses.replace(base, **dict(zip(grid, values)))  # type: ignore[arg-type]
        results.append((score(cfg, em, em_gold, un, para), dict(zip(grid, values))))
    ok = sorted((r for r in results if r[0][3] <= args.max_false and r[0][4] <= args.max_false),
                key=lambda r: -r[0][0])
    print(f"calibration: NLI {nli.name}; Emergent train headline pairs n={len(em)} "
          f"({em_gold.count('contradiction')} for/against); unrelated same-story train pairs n={len(un)}; "
          f"MRPC train paraphrases n={len(para)}; {len(results)} settings; {time.time() - t0:.0f} s\n")
    head = ("| settings | mean F1 | contradiction F1 | agreement F1 | false contradictions | false agreements "
            "| MRPC paraphrases called contradiction | called agreement |")
    print(head)
    print("|---|---|---|---|---|---|---|---|")

    def row(name: str, s: tuple[float, ...]) -> None:
        print(f"| {name} | {s[0]:.3f} | {s[1]:.3f} | {s[2]:.3f} | {s[3]:.1%} | {s[4]:.1%} | {s[5]:.1%} | {s[6]:.1%} |")

    row("current " + ", ".join(f"{k}={getattr(base, k)}" for k in GRID), score(base, em, em_gold, un, para))
    for sc, v in ok[:10]:
        row(", ".join(f"{k}={x}" for k, x in v.items()), sc)
    print("\nsensitivity: the best admissible setting with one parameter held at each value\n")
    print(head.replace("| settings |", "| parameter = value |"))
    print("|---|---|---|---|---|---|---|---|")
    for k, choices in grid.items():
        for x in choices:
            best = next((r for r in ok if r[1][k] == x), None)
            if best:
                row(f"{k} = {x}", best[0])


if __name__ == "__main__":
    main()
