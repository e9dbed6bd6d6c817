"""Evaluation sets used by ``scripts/evaluate.py`` beyond the headline stance sets.

- :func:`eval_gold_story`: a folder of articles with a hand-written gold file (the seeds, and the
  held-out fixture ``tests/fixtures/unseen`` that no rule, threshold or training row was tuned on):
  contradiction precision / recall / F1, agreement recall, false contradictions among the pairs the
  gold file calls compatible, and recall per planted kind.
- :func:`eval_mrpc`: MRPC test pairs (news sentences of one story from different outlets), each pair
  checked as two one-sentence sources: F1 of "agreement" for gold paraphrases, and the share of gold
  paraphrases labelled contradiction.
- :func:`eval_summac`: SummaC test sets, the draft check: the summary is the draft, the document the
  only source; a summary is predicted consistent when every one of its sentences is supported and none
  is contradicted (decided before looking at the data); balanced accuracy, next to SummaC-Conv's
  published figure (Laban et al. 2022, table 3).
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from pathlib import Path

import nli_data as D
import nli_data_v3 as V3

from factcheck import Checker, Document
from factcheck.errors import InputError
from factcheck.pipeline import prepare

SUMMAC_CONV = {"factcc": 0.895, "summeval": 0.817, "xsumfaith": 0.664, "polytope": 0.627}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_pairs(gold: dict, report, where: object) -> tuple[dict[frozenset[str], str], set[frozenset[str]],
                                                           set[frozenset[str]]]:
    """A gold file's contradicting pairs (with kinds), agreeing pairs and compatible pairs, as sentence-id pairs.

    Sentences are named by source prefix and a snippet that must occur in exactly one sentence.
    """
    def sid(src: str, snip: str) -> str:
        hits = [s.id for s in report.sentences if s.source.startswith(src) and snip in s.text]
        if len(hits) != 1:
            raise SystemExit(f"{where}: gold snippet {src}/{snip!r} matches {hits}")
        return hits[0]

    gc = {frozenset((sid(*c["a"]), sid(*c["b"]))): c["kind"] for c in gold["contradictions"]}
    ga: set[frozenset[str]] = set()
    for grp in gold["agreement_groups"]:
        ids = [sid(*x) for x in grp]
        ga |= {frozenset((x, y)) for i, x in enumerate(ids) for y in ids[i + 1:]}
    ok = {frozenset((sid(*c["a"]), sid(*c["b"]))) for c in gold.get("compatible", [])}
    return gc, ga, ok


def eval_gold_story(checker: Checker, folder: Path, gold_path: Path, name: str) -> list[tuple[str, str, str, str]]:
    gold = json.loads(gold_path.read_text())
    t0 = time.time()
    report = checker.check([folder])
    secs = time.time() - t0
    judged = {frozenset((p.a, p.b)): p for p in report.pairs}

    gc, ga, ok = gold_pairs(gold, report, gold_path)
    pc = {k for k, p in judged.items() if p.label == "contradiction"}
    pa = {k for k, p in judged.items() if p.label == "agreement"}
    p, r, f = prf(len(pc & set(gc)), len(pc - set(gc)), len(set(gc) - pc))
    per_kind = Counter(gc.values())
    found_kind = Counter(k for pair, k in gc.items() if pair in pc)
    kinds = ", ".join(f"{k} {found_kind[k]}/{n}" for k, n in sorted(per_kind.items()))
    rows = [(name, "(a) factcheck",
             f"contradiction P {p:.2f} R {r:.2f} F1 {f:.2f} ({len(pc - set(gc))} false); agreement recall "
             f"{len(pa & ga) / max(len(ga), 1):.2f}",
             f"found per kind: {kinds}" + (f"; compatible pairs called contradiction {len(pc & ok)}/{len(ok)}"
                                           if ok else "") + f"; {secs:.1f} s")]
    print(rows[-1], flush=True)
    return rows


def story_labels(checker: Checker, a: str, b: str) -> list[str]:
    """Labels of all judged pairs between two one-or-more-sentence texts treated as two sources."""
    try:
        prep = prepare([Document(text=a, source="a"), Document(text=b, source="b")], checker.settings, dedupe=False)
    except InputError:
        return []
    if len(prep.sources) < 2:
        return []
    return [p.label for p in checker.check_prepared(prep).pairs]


def aggregate(labels: list[str]) -> str:
    if "contradiction" in labels:
        return "contradiction"
    return "agreement" if "agreement" in labels else "unique_detail"


def eval_mrpc(checker: Checker, limit: int, role: str = "test") -> list[tuple[str, str, str, str]]:
    rows_in = random.Random(4).sample(V3.mrpc_rows(role), min(limit, len(V3.mrpc_rows(role))))
    t0 = time.time()
    pred = [aggregate(story_labels(checker, a, b)) for _, a, b in rows_in]
    gold = [q for q, _, _ in rows_in]
    tp = sum(p == "agreement" and g == 1 for p, g in zip(pred, gold))
    fp = sum(p == "agreement" and g == 0 for p, g in zip(pred, gold))
    fn = sum(p != "agreement" and g == 1 for p, g in zip(pred, gold))
    n_para = sum(gold)
    contra = sum(p == "contradiction" and g == 1 for p, g in zip(pred, gold))
    p, r, f = prf(tp, fp, fn)
    row = (f"MRPC {role}, news paraphrase pairs (n={len(rows_in)}, {n_para} paraphrases)", "(a) factcheck",
           f"paraphrase labelled agreement P {p:.2f} R {r:.2f} F1 {f:.2f}",
           f"gold paraphrases labelled contradiction {contra}/{n_para} ({contra / max(n_para, 1):.1%}); "
           f"{time.time() - t0:.0f} s")
    print(row, flush=True)
    return [row]


def eval_summac(checker: Checker, per_set: int) -> list[tuple[str, str, str, str]]:
    rows = []
    for name, published in SUMMAC_CONV.items():
        data = list(json.loads((D.DATA / "consistency/summac" / f"{name}.json").read_text()).values())
        items = random.Random(6).sample(data, min(per_set, len(data)))
        t0 = time.time()
        right = Counter()
        total = Counter(int(x["label"]) for x in items)
        for x in items:
            try:
                report = checker.check_draft(Document(text=x["claim"], source="draft"),
                                             [Document(text=x["document"], source="document")])
                draft = report.draft or ()
                ok = bool(draft) and all(d.status == "supported" for d in draft)
            except InputError:
                ok = False
            right[int(x["label"])] += ok == bool(int(x["label"]))
        bacc = 0.5 * sum(right[k] / max(total[k], 1) for k in (0, 1))
        rows.append((f"SummaC {name} (test, n={len(items)})", "(a) factcheck draft check",
                     f"balanced accuracy {bacc:.3f}", f"SummaC-Conv {published:.3f}; {time.time() - t0:.0f} s"))
        print(rows[-1], flush=True)
    return rows
