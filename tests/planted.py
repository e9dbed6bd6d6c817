"""Expectations on tests/fixtures/planted, shared by the fake-model tier and the real-model tier."""

from __future__ import annotations

from pathlib import Path

from factcheck.results import Report

PLANTED_DIR = Path(__file__).resolve().parent / "fixtures" / "planted"

# (source a, words in sentence a, source b, words in sentence b, mismatch kind)
CONTRADICTIONS = [
    ("wire", "27 people", "daily", "72 people", "number"),
    ("wire", "Thursday", "daily", "Friday", "date"),
    ("daily", "Friday", "local", "Thursday", "date"),
    ("wire", "Mayor Rui Lopes", "daily", "Governor Rui Lopes", "title"),
    ("daily", "Governor Rui Lopes", "local", "Mayor Rui Lopes", "title"),
    ("wire", "Joana Reis", "daily", "Marta Sousa", "name"),
    ("wire", "Vasco Bridge", "daily", "Salazar Bridge", "entity"),
    ("wire", "not ruled out", "daily", "have ruled out", "negation"),
]
# pairs that say the same thing in other words: never a contradiction
PARAPHRASES = [
    ("wire", "two-kilometre", "daily", "2 km section"),
    ("wire", "two-kilometre", "local", "two kilometres"),
    ("wire", "Mayor Rui Lopes", "local", "Mayor Rui Lopes"),
    ("wire", "visited the town of Faro on Thursday", "local", "came to Faro on Thursday"),
    ("wire", "27 people", "local", "More than two dozen"),
]


def find(report: Report, source: str, words: str) -> str:
    hits = [s.id for s in report.sentences if s.source == source and words in s.text]
    assert len(hits) == 1, (source, words, hits)
    return hits[0]


def pair_of(report: Report, a: str, b: str):
    return next((p for p in report.pairs if {p.a, p.b} == {a, b}), None)


def check_planted(report: Report) -> None:
    for sa, wa, sb, wb, kind in CONTRADICTIONS:
        p = pair_of(report, find(report, sa, wa), find(report, sb, wb))
        assert p is not None and p.label == "contradiction", (wa, wb, p)
        assert kind in [m.kind for m in p.mismatches], (wa, wb, p.mismatches)
    for sa, wa, sb, wb in PARAPHRASES:
        p = pair_of(report, find(report, sa, wa), find(report, sb, wb))
        assert p is None or p.label != "contradiction", (wa, wb, p)
    eu = find(report, "local", "European Union")
    v = next(v for v in report.sentence_verdicts if v.sentence == eu)
    assert v.status == "unique"
    text = " ".join(s.text for s in report.sentences)
    for junk in ("Copyright", "Share this article", "Follow us", "Read more"):
        assert junk not in text
