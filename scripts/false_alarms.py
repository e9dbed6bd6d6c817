"""Contradictions the pipeline reports on real multi-document news where few are expected (train role).

DUC 2006 topics (role ``train`` in ../shared/data/README.md): each is a set of wire articles on one
subject, written days or months apart. They agree on much and rarely contradict one another, so most
contradictions reported there are false alarms: two different figures, dates or people in related
sentences. The script checks a fixed random sample of topics (the first ``--docs`` articles of each)
and prints, per topic, the sentences, the pairs judged and the contradictions reported, with the kind
of evidence behind each (a typed mismatch, or the NLI model alone). ``--show`` prints every pair, to
read them. No gold: this is a diagnostic for the rules, not a score.

Example:
    python scripts/false_alarms.py --topics 6 --docs 4
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from evaluate import duc_clusters  # noqa: E402

from factcheck import Checker, Document  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--topics", type=int, default=6, help="DUC 2006 topics, a fixed random sample")
    ap.add_argument("--docs", type=int, default=4, help="articles per topic")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--bf16", action="store_true", help="the NLI model in bfloat16 on torch (batch's default)")
    ap.add_argument("--show", action="store_true", help="print each reported contradiction")
    args = ap.parse_args()
    t0 = time.time()
    checker = Checker(bf16=args.bf16)
    topics = random.Random(args.seed).sample(duc_clusters("duc2006_scu"), args.topics)
    print("| DUC 2006 topic (train) | sentences | pairs judged | contradictions | by kind |")
    print("|---|---|---|---|---|")
    total: Counter[str] = Counter()
    for sents, docs, _ in topics:
        names = sorted(set(docs))[: args.docs]
        report = checker.check([Document(text="\n".join(s for s, d in zip(sents, docs) if d == n), source=n)
                                for n in names])
        kinds = Counter(p.mismatches[0].kind if p.mismatches else "NLI only" for p in report.contradictions)
        judged = report.to_dict()["summary"]["n_pairs_judged"]
        total.update(kinds)
        total["sentences"] += len(report.sentences)
        total["judged"] += judged
        print(f"| {names[0]} | {len(report.sentences)} | {judged} | {len(report.contradictions)} | "
              f"{', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))} |", flush=True)
        if args.show:
            text = {s.id: s.text for s in report.sentences}
            for p in report.contradictions:
                print(f"|  | {p.similarity:.2f} | {[(m.kind, m.a, m.b) for m in p.mismatches]} | "
                      f"{text[p.a][:140]} | {text[p.b][:140]} |")
    n = sum(v for k, v in total.items() if k not in ("sentences", "judged"))
    print(f"| all {args.topics} topics | {total['sentences']} | {total['judged']} | {n} | "
          f"{', '.join(f'{k} {v}' for k, v in sorted(total.items()) if k not in ('sentences', 'judged'))} |")
    nli = checker.nli.name if checker.nli else None
    print(f"\nembedder {checker.embedder.name}, NLI {nli}; {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
