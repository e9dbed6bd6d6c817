"""Measure the whole pipeline on multi-source news (test roles only) against the naive approach.

Systems, side by side in one run: (a) factcheck's pipeline; (b) naive: every cross-source pair through
NLI, SummaC-style (argmax of both directions), no clustering, no rules; (c) the pipeline without the
mismatch rules; (d) the mismatch rules without NLI. For each: quality figures and cost (NLI calls,
seconds). Clustering is tuned on DUC 2006 (train) and measured on DUC 2007 (test) against a plain
cosine-threshold baseline. Prints one Markdown table.

Example:
    python scripts/evaluate.py --limit 300
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import nli_data as D  # noqa: E402
from eval_sets import (  # noqa: E402
    aggregate,
    eval_gold_story,
    eval_mrpc,
    eval_summac,
    gold_pairs,
    prf,
    story_labels,
)

from factcheck import Checker, Settings  # noqa: E402
from factcheck.cluster import cluster_claims  # noqa: E402
from factcheck.embed import SentenceTransformerEmbedder  # noqa: E402
from factcheck.nli import HFNLIModel  # noqa: E402
from factcheck.results import NLIScores  # noqa: E402


class CountingNLI:
    """Wraps an NLI model and counts the pairs it scores."""

    def __init__(self, inner: HFNLIModel) -> None:
        self.inner, self.name, self.calls = inner, inner.name, 0

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        self.calls += len(pairs)
        return self.inner.predict(pairs)


def fmt(t: tuple[float, float, float]) -> str:
    return f"P {t[0]:.2f} R {t[1]:.2f} F1 {t[2]:.2f}"


# ------------------------------------------------------------------------------------------- clustering
def duc_clusters(folder: str) -> list[tuple[list[str], list[str], list[frozenset[str]]]]:
    """Per DUC topic: sentences, their document ids and their gold SCU sets."""
    out = []
    for path in sorted((D.DATA / "news/duc_scu" / folder).glob("*.scu")):
        text = path.read_text(encoding="utf-8", errors="replace")
        sents, docs, scus = [], [], []
        for doc in re.finditer(r'<document name="([^"]+)">(.*?)</document>', text, re.S):
            for line in re.findall(r"<line>(.*?)</line>", doc.group(2), re.S):
                plain = D._unescape(re.sub(r"<[^>]+>", "", line)).strip()
                if len(plain.split()) < 3:
                    continue
                sents.append(plain)
                docs.append(doc.group(1))
                scus.append(frozenset(re.findall(r'<scu uid="(\d+)"', line)))
        out.append((sents, docs, scus))
    return out


def cluster_scores(labels: list[int], docs: list[str], gold: list[frozenset[str]]) -> tuple[tuple, float]:
    """Cross-document pairwise P/R/F1 of "same claim", and B-cubed F1 (items sharing an SCU are gold-linked)."""
    n = len(labels)
    lab = np.asarray(labels)
    tp = fp = fn = 0
    prec, rec = [], []
    for i in range(n):
        same_pred = lab == lab[i]
        same_gold = np.array([bool(gold[i] & g) for g in gold]) if gold[i] else np.zeros(n, bool)
        same_gold[i] = True
        prec.append(same_gold[same_pred].mean())
        rec.append(same_pred[same_gold].mean())
        cross = np.array([d != docs[i] for d in docs])
        cross[: i + 1] = False
        tp += int((same_pred & same_gold & cross).sum())
        fp += int((same_pred & ~same_gold & cross).sum())
        fn += int((~same_pred & same_gold & cross).sum())
    bp, br = float(np.mean(prec)), float(np.mean(rec))
    return prf(tp, fp, fn), 2 * bp * br / (bp + br)


def threshold_components(vecs: np.ndarray, t: float) -> list[int]:
    """Baseline: sentences linked when cosine >= t, claims = connected components."""
    from scipy.sparse.csgraph import connected_components

    adj = (vecs @ vecs.T) >= t
    return list(connected_components(adj, directed=False)[1])


def eval_clustering(emb, max_docs: int) -> list[tuple[str, str, str, str]]:
    rows = []
    cache: dict[str, list] = {}
    for role, folder in (("train", "duc2006_scu"), ("test", "duc2007_scu")):
        items = []
        for sents, docs, scus in duc_clusters(folder):
            keep = sorted(set(docs))[:max_docs]
            idx = [i for i, d in enumerate(docs) if d in keep]
            s = [sents[i] for i in idx]
            items.append((emb.encode(s), [docs[i] for i in idx], [scus[i] for i in idx]))
        cache[role] = items

    def run(role: str, method: Callable[[np.ndarray], list[int]]) -> tuple[tuple, float]:
        res = [cluster_scores(method(v), d, g) for v, d, g in cache[role]]
        return tuple(np.mean([r[0] for r in res], axis=0)), float(np.mean([r[1] for r in res]))

    grid = [0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]
    best_ours = max(grid, key=lambda t: run("train", lambda v: cluster_claims(v, t))[1])
    def base_score(t: float) -> float:
        return run("train", lambda v: threshold_components(v, t))[1]

    best_base = max(grid, key=base_score)
    for name, method, t in (("factcheck: average-linkage clustering", cluster_claims, best_ours),
                            ("baseline: cosine threshold + components", threshold_components, best_base)):
        pair, b3 = run("test", functools.partial(lambda v, m, t: m(v, t), m=method, t=t))
        rows.append(("DUC 2007 claims (test)", f"{name}, t={t} (tuned on DUC 2006)",
                     f"cross-doc pairs {fmt(pair)}", f"B-cubed F1 {b3:.3f}"))
    ship = Settings().cluster_threshold
    pair, b3 = run("test", lambda v: cluster_claims(v, ship))
    rows.append(("DUC 2007 claims (test)", f"factcheck as shipped, t={ship}", f"cross-doc pairs {fmt(pair)}",
                 f"B-cubed F1 {b3:.3f}"))
    return rows


# ------------------------------------------------------------------------------------------- systems
def systems(emb, nli) -> dict[str, Checker]:
    return {
        "(a) factcheck": Checker(embedder=emb, nli=nli),
        "(c) NLI, no rules": Checker(embedder=emb, nli=nli, settings=Settings(use_rules=False)),
        "(d) rules, no NLI": Checker(embedder=emb, use_nli=False),
    }


def naive_label(x: NLIScores, y: NLIScores) -> str:
    ent, con = max(x.entailment, y.entailment), max(x.contradiction, y.contradiction)
    if con >= ent and con >= 0.5:
        return "contradiction"
    return "agreement" if ent >= 0.5 else "unique_detail"


def naive_pairs(nli, pairs: list[tuple[str, str]]) -> list[str]:
    ab = nli.predict(pairs)
    ba = nli.predict([(b, a) for a, b in pairs])
    return [naive_label(x, y) for x, y in zip(ab, ba)]


def score_stance(pred: list[str], gold: list[str]) -> tuple[str, str]:
    out = []
    for lab in ("contradiction", "agreement"):
        tp = sum(p == lab and g == lab for p, g in zip(pred, gold))
        fp = sum(p == lab and g != lab for p, g in zip(pred, gold))
        fn = sum(p != lab and g == lab for p, g in zip(pred, gold))
        out.append(fmt(prf(tp, fp, fn)))
    return out[0], out[1]


def fnc_test(limit: int, role: str = "test") -> list[tuple[str, str, str]]:
    bodies = D.fnc1_bodies(role)
    rows = []
    with (D.DATA / "news/fnc1/competition_test_stances.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if int(r["Body ID"]) in bodies and r["Stance"] in ("agree", "disagree"):
                rows.append((r["Headline"], bodies[int(r["Body ID"])],
                             "contradiction" if r["Stance"] == "disagree" else "agreement"))
    return random.Random(1).sample(rows, min(limit, len(rows)))


def split_body(text: str) -> list[str]:
    from factcheck.clean import clean_text
    from factcheck.split import split_sentences

    return [s.text for s in split_sentences(text, clean_text(text).kept)]


SYSTEMS = ["(a) factcheck", "(b) naive: all pairs, NLI only", "(c) NLI, no rules", "(d) rules, no NLI"]


def eval_stance(emb, base_nli, limit: int, role: str = "test") -> list[tuple[str, str, str, str]]:
    rows = []
    em = D.emergent_pairs(role)
    em = random.Random(0).sample(em, min(limit, len(em)))
    em_gold = ["contradiction" if r.label == "contradiction" else "agreement" for r in em]
    fnc = fnc_test(limit, role)
    fnc_gold = [g for _, _, g in fnc]
    cd = D.claimdiff(role)
    cd = random.Random(2).sample(cd, min(limit, len(cd)))
    cd_gold = ["unique_detail" if r.label == "0" else "contradiction" if r.source.endswith("w") else "agreement"
               for r in cd]
    for name in SYSTEMS:
        nli = CountingNLI(base_nli)
        t0 = time.time()
        if name.startswith("(b)"):
            em_pred = naive_pairs(nli, [(r.premise, r.hypothesis) for r in em])
            fnc_pred = []
            for head, body, _ in fnc:
                sents = split_body(body)
                fnc_pred.append(aggregate(naive_pairs(nli, [(s, head) for s in sents]) if sents else []))
            cd_pred = naive_pairs(nli, [(r.premise, r.hypothesis) for r in cd])
        else:
            checker = systems(emb, nli)[name]
            em_pred = [aggregate(story_labels(checker, r.premise, r.hypothesis)) for r in em]
            fnc_pred = [aggregate(story_labels(checker, body, head)) for head, body, _ in fnc]
            cd_pred = [aggregate(story_labels(checker, r.premise, r.hypothesis)) for r in cd]
        secs = time.time() - t0
        c, a = score_stance(em_pred, em_gold)
        rows.append((f"Emergent {role} headline pairs (n={len(em)})", name, f"contradiction {c}", f"agreement {a}"))
        c, a = score_stance(fnc_pred, fnc_gold)
        rows.append((f"FNC-1 {role} headline vs body, agree/disagree (n={len(fnc)})", name, f"disagree {c}",
                     f"agree {a}"))
        acc = sum(p == g for p, g in zip(cd_pred, cd_gold)) / len(cd)
        rows.append((f"ClaimDiff W+S {role} (n={len(cd)})", name, f"label matches relation {acc:.1%}",
                     f"cost: {nli.calls} NLI calls, {secs:.0f} s (all three sets)"))
        print(rows[-3:], flush=True)
    return rows


# ------------------------------------------------------------------------------------------- seeds
def eval_seeds(emb, base_nli) -> list[tuple[str, str, str, str]]:
    gold = json.loads((ROOT / "tests/fixtures/seeds_gold.json").read_text())
    rows = []
    for name in SYSTEMS:
        nli = CountingNLI(base_nli)
        t0 = time.time()
        base = Checker(embedder=emb, nli=nli)
        report = base.check([ROOT / "seeds"])
        nli.calls = 0
        if name.startswith("(b)"):
            sents = report.sentences
            pairs = [(a, b) for i, a in enumerate(sents) for b in sents[i + 1:] if a.source != b.source]
            labels = naive_pairs(nli, [(a.text, b.text) for a, b in pairs])
            judged = {frozenset((a.id, b.id)): lab for (a, b), lab in zip(pairs, labels)}
        else:
            report = systems(emb, nli)[name].check([ROOT / "seeds"])
            judged = {frozenset((p.a, p.b)): p.label for p in report.pairs}
        secs = time.time() - t0

        gc_kinds, ga, _ = gold_pairs(gold, report, "tests/fixtures/seeds_gold.json")
        gc = set(gc_kinds)
        pc = {k for k, v in judged.items() if v == "contradiction"}
        pa = {k for k, v in judged.items() if v == "agreement"}
        c = prf(len(pc & gc), len(pc - gc), len(gc - pc))
        a_rec = len(pa & ga) / len(ga)
        rows.append(("seeds (5 articles, gold by hand)", name, f"contradiction {fmt(c)}; agreement recall {a_rec:.2f}",
                     f"cost: {nli.calls} NLI calls, {secs:.1f} s"))
        print(rows[-1], flush=True)
    report = Checker(embedder=emb, use_nli=False).check([ROOT / "seeds"])
    dropped = {(s.id[:3], d.text) for s in report.sources for d in s.dropped}
    gb = {tuple(x) for x in gold["boilerplate"]}
    rows.append(("seeds boilerplate lines", "(a) factcheck", fmt(prf(len(dropped & gb), len(dropped - gb),
                                                                      len(gb - dropped))), ""))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nli-model", default=None)
    ap.add_argument("--limit", type=int, default=300, help="pairs per stance test set")
    ap.add_argument("--duc-docs", type=int, default=10, help="documents per DUC topic")
    ap.add_argument("--skip", nargs="*", default=[],
                    choices=["clustering", "stance", "seeds", "unseen", "dev", "mrpc", "summac"])
    ap.add_argument("--mrpc", type=int, default=300, help="MRPC test pairs")
    ap.add_argument("--summac", type=int, default=60, help="items per SummaC set")
    ap.add_argument("--out", default=None)
    ap.add_argument("--role", default="test", choices=["test", "train"],
                    help="stance sets: 'train' to calibrate thresholds, 'test' (default) to report")
    ap.add_argument("--bf16", action="store_true", help="the NLI model in bfloat16 on torch (batch's default)")
    ap.add_argument("--factcheck-only", action="store_true",
                    help="only system (a), not the naive / no-rules / no-NLI comparisons (a quicker check)")
    args = ap.parse_args()
    os.environ.setdefault("FACTCHECK_THREADS", "2")
    if args.factcheck_only:
        del SYSTEMS[1:]
    emb = SentenceTransformerEmbedder()
    nli = HFNLIModel(args.nli_model, bf16=args.bf16)
    t0 = time.time()
    rows = []
    if "seeds" not in args.skip:
        rows += eval_seeds(emb, nli)
    if "unseen" not in args.skip:
        rows += eval_gold_story(Checker(embedder=emb, nli=nli), ROOT / "tests/fixtures/unseen/story",
                                ROOT / "tests/fixtures/unseen/gold.json",
                                "held-out fixture story (4 outlets, never tuned on)")
    if "dev" not in args.skip:
        for k, name in enumerate(("dev", *(f"dev{n}" for n in range(2, 76))), 1):
            rows += eval_gold_story(Checker(embedder=emb, nli=nli), ROOT / "tests/fixtures" / name / "story",
                                    ROOT / "tests/fixtures" / name / "gold.json",
                                    f"development story {k} (4 outlets, tuned on: not a test)")
    if "mrpc" not in args.skip:
        rows += eval_mrpc(Checker(embedder=emb, nli=nli), args.mrpc, args.role)
    if "summac" not in args.skip and args.role == "test":
        rows += eval_summac(Checker(embedder=emb, nli=nli), args.summac)
    if "stance" not in args.skip:
        rows += eval_stance(emb, nli, args.limit, args.role)
    if "clustering" not in args.skip:
        rows += eval_clustering(emb, args.duc_docs)
    head = (f"factcheck evaluate, {time.strftime('%Y-%m-%d')}: embedder {emb.name}, NLI {nli.name}, "
            f"settings {json.dumps({k: v for k, v in Settings().to_dict().items() if not k.startswith('max')})}, "
            f"{time.time() - t0:.0f} s")
    lines = [head, "", "| data (test role) | system | quality | |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    print("\n".join(lines))
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
