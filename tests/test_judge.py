"""The judge stage: which candidate pairs are judged (the NLI budget) and how a pair is labelled."""

from __future__ import annotations

from factcheck import Settings
from factcheck.cluster import Candidate
from factcheck.judge import judge_pairs, nli_budget
from factcheck.results import Sentence

from .conftest import FakeNLI

WORDS = ["budget", "housing", "transport", "library", "parks", "schools", "water", "police", "harbour", "tax"]


def _sentences(n_per_source: int, sources: int = 2) -> list[Sentence]:
    out = []
    for s in range(sources):
        for k in range(n_per_source):
            text = f"The council met about the {WORDS[k % len(WORDS)]} item on the agenda."  # no typed mismatch
            out.append(Sentence(id=f"s{s}#{k}", source=f"s{s}", index=k, text=text, start=0, end=len(text)))
    return out


def test_budget_is_a_share_of_cross_source_pairs_with_a_floor():
    sents = _sentences(30, sources=2)  # 900 cross-source pairs
    assert nli_budget(sents, Settings(nli_budget=0.1, nli_min_pairs=10)) == 90
    assert nli_budget(sents, Settings(nli_budget=0.1, nli_min_pairs=200)) == 200
    assert nli_budget(_sentences(30, sources=1), Settings(nli_min_pairs=0)) == 0


def test_close_pairs_beyond_the_budget_are_dropped_most_similar_first():
    sents = _sentences(10, sources=2)  # 100 cross-source pairs
    cands = [Candidate(i, 10 + i, 0.5 + 0.04 * i, False, 0) for i in range(10)]
    nli = FakeNLI()
    cfg = Settings(nli_floor=0.4, nli_budget=0.05, nli_min_pairs=0)  # room for 5 pairs
    judged = judge_pairs(sents, cands, nli, cfg)
    assert [p.a for p in judged] == [f"s0#{i}" for i in range(5, 10)]
    assert nli.pairs_seen == 2 * 5  # both directions, budgeted pairs only
    every = judge_pairs(sents, cands, FakeNLI(), Settings(nli_floor=0.4, nli_budget=1.0, nli_min_pairs=0))
    assert len(every) == 10


def test_pairs_with_a_typed_mismatch_are_always_judged():
    a = Sentence(id="a#0", source="a", index=0, text="The fire injured 27 people on Monday.", start=0, end=37)
    b = Sentence(id="b#0", source="b", index=0, text="The fire injured 72 people on Monday.", start=0, end=37)
    judged = judge_pairs([a, b], [Candidate(0, 1, 0.95, True, 0)], FakeNLI(),
                         Settings(nli_budget=0.0, nli_min_pairs=0))
    assert [p.label for p in judged] == ["contradiction"]
    assert judged[0].mismatches[0].kind == "number"


class RecordingNLI(FakeNLI):
    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[tuple[str, str]] = []

    def predict(self, pairs):
        self.inputs.extend(pairs)
        return super().predict(pairs)


def test_the_model_reads_numbers_and_times_in_one_spelling_the_report_keeps_the_text():
    ta, tb = "Twenty-seven people were hurt at 03:15.", "27 people were hurt at 3.15am."
    a = Sentence(id="a#0", source="a", index=0, text=ta, start=0, end=len(ta))
    b = Sentence(id="b#0", source="b", index=0, text=tb, start=0, end=len(tb))
    nli = RecordingNLI()
    judged = judge_pairs([a, b], [Candidate(0, 1, 0.8, True, 0)], nli, Settings())
    assert nli.inputs[0] == ("27 people were hurt at 3:15 a.m.", "27 people were hurt at 3:15 a.m.")
    assert judged[0].label == "agreement"  # FakeNLI: same words both ways
    raw = RecordingNLI()
    judge_pairs([a, b], [Candidate(0, 1, 0.8, True, 0)], raw, Settings(use_rules=False))
    assert raw.inputs[0] == (ta, tb)  # "NLI without rules" reads the articles' own spelling
