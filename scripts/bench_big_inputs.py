"""Time and peak memory of very big inputs through the library, with the fake models of tests/conftest.py.

Each case runs in its own process (so peak RSS is that case's alone) and prints one row of a Markdown
table: case, outcome, seconds, peak RSS MB. The numbers are quoted in docs/robustness.md.

Cases:
  20-MB-article          a 20 MB news article (paragraphs of ordinary sentences) read from a file with
                         --max-chars raised to 25,000,000, beside a short article
  20-MB-one-line         20 MB of words on one line, no punctuation at all (the worst case of both)
  200k-char-sentence     one 200,000-character sentence without punctuation, beside a short article

Seconds are from the file on disk to the report (or the error), after a small warm-up check in the same
process (so imports such as scikit-learn and pysbd are not counted); peak RSS is the whole process's.

Example:
    python scripts/bench_big_inputs.py                  # every case
    python scripts/bench_big_inputs.py --case 20-MB-article
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHORT = ("A fire destroyed 27 homes in the town of Millbrook on Wednesday, officials said.\n"
         "No one was hurt in the fire, the mayor told reporters at the scene.\n")
WORDS = ("fire crews worked through the night to save the town and its people while the river rose "
         "slowly under the old stone bridge near the mill").split()
CASES = ("20-MB-article", "20-MB-one-line", "200k-char-sentence")


def article(n_chars: int) -> str:
    """Paragraphs of distinct ordinary sentences, about ``n_chars`` characters."""
    parts, size, k = [], 0, 0
    while size < n_chars:
        para = " ".join(f"Crews from station {k + j} fought the fire near the old mill for {j + 2} hours, "
                        f"the chief said on Monday." for j in range(6))
        parts.append(para)
        size += len(para) + 2
        k += 6
    return "\n\n".join(parts)


def no_punctuation(n_chars: int) -> str:
    out, size, k = [], 0, 0
    while size < n_chars:
        w = WORDS[k % len(WORDS)]
        out.append(w)
        size += len(w) + 1
        k += 1
    return " ".join(out)[:n_chars]


def run_case(name: str) -> dict[str, object]:
    from factcheck import Checker, Document, Settings
    from factcheck.errors import FactcheckError
    from factcheck.load import load_documents
    from tests.conftest import FakeEmbedder, FakeNLI

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(max_chars=25_000_000)
        if name == "20-MB-article":
            text = article(20_000_000)
        elif name == "20-MB-one-line":
            text = no_punctuation(20_000_000)
        else:
            text = "Fire report\n\n" + no_punctuation(200_000)
        path = Path(tmp) / "big.txt"
        path.write_text(text, encoding="utf-8")
        del text
        Checker(embedder=FakeEmbedder(), nli=FakeNLI()).check([Document(SHORT, source="a"),
                                                              Document(SHORT + "The mayor spoke.", source="b")])
        t0 = time.perf_counter()
        try:
            docs = load_documents([path], max_chars=settings.max_chars)
            report = Checker(embedder=FakeEmbedder(), nli=FakeNLI(), settings=settings).check(
                [*docs, Document(SHORT, source="short")])
            big = [s for s in report.sentences if s.source != "short"]
            outcome = (f"report: {len(big):,} sentences of the big source, longest {max(len(s.text) for s in big):,} "
                       f"characters; {len(report.pairs)} pairs judged")
        except FactcheckError as exc:
            outcome = f"{type(exc).__name__}: {str(exc).split(': ', 1)[-1][:110]}"
        seconds = time.perf_counter() - t0
    return {"case": name, "outcome": outcome, "seconds": round(seconds, 2),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", choices=CASES, help="run one case in this process and print it as JSON")
    args = ap.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case)))
        return
    print("| case | outcome | seconds | peak RSS MB |\n|---|---|---|---|")
    for name in CASES:
        res = subprocess.run([sys.executable, __file__, "--case", name], capture_output=True, text=True, check=True)
        row = json.loads(res.stdout.strip().splitlines()[-1])
        print(f"| {row['case']} | {row['outcome']} | {row['seconds']} | {row['peak_rss_mb']} |", flush=True)


if __name__ == "__main__":
    main()
