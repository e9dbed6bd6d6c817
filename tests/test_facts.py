"""Disputed facts, corroborated facts and unique details, built from judged pairs (no models)."""

from __future__ import annotations

import pytest

from factcheck.facts import build_facts, disputed_facts, draft_facts
from factcheck.ids import SentenceId, source_of
from factcheck.report import fact_line, render_markdown, summary_lines
from factcheck.results import (
    Claim,
    Mismatch,
    NLIScores,
    PairJudgement,
    Sentence,
    SentenceVerdict,
)
from factcheck.verdict import claim_verdicts, sentence_verdicts


def sent(sid: str, text: str) -> Sentence:
    i = SentenceId.parse(sid)
    return Sentence(sid, i.source, i.index, text, 0, len(text))


def contra(a: str, b: str, *mm: tuple[str, str, str], p: float = 0.9, basis: str | None = None) -> PairJudgement:
    mismatches = tuple(Mismatch(k, x, y) for k, x, y in mm)
    return PairJudgement(a, b, "contradiction", None, NLIScores(0.05, 1 - p - 0.05, p), 0.8, mismatches,
                         basis=basis or ("typed+nli" if mismatches else "nli"))


def agree(a: str, b: str) -> PairJudgement:
    return PairJudgement(a, b, "agreement", "both", NLIScores(0.95, 0.04, 0.01), 0.9, basis="nli")


def facts_of(sentences: list[Sentence], labels: list[int], pairs: list[PairJudgement]):
    claims = claim_verdicts(sentences, labels, pairs)
    verdicts = sentence_verdicts(sentences, labels, pairs)
    sources = list(dict.fromkeys(s.source for s in sentences))
    return build_facts(sentences, claims, pairs, verdicts, sources)


def test_sentence_ids_are_one_type_with_one_parser() -> None:
    assert str(SentenceId("a#b", 3)) == "a#b#3" and SentenceId.parse("a#b#3") == SentenceId("a#b", 3)
    assert source_of("AP#12") == "AP" and source_of("no-index") == "no-index"


def test_three_outlets_against_one_is_one_fact_with_the_lone_outlet_on_its_own_side() -> None:
    s = [sent("A#0", "The ministers spoke on Wednesday evening."), sent("B#0", "They held talks late Wednesday."),
         sent("C#0", "The call took place on Wednesday."), sent("D#0", "The two spoke on Thursday."),
         sent("E#0", "Markets fell sharply in Asia.")]
    pairs = [contra("A#0", "D#0", ("date", "Wednesday", "Thursday")),
             contra("B#0", "D#0", ("date", "Wednesday", "Thursday")),
             agree("A#0", "C#0"), agree("A#0", "B#0")]  # C-D was never judged a contradiction
    f = facts_of(s, [0, 0, 0, 0, 1], pairs)
    assert len(f.disputed) == 1
    fact = f.disputed[0]
    assert fact.id == "f1" and fact.kind == "date" and fact.basis == "typed+nli"
    assert [side.value for side in fact.sides] == ["Wednesday", "Thursday"]
    assert [side.sources for side in fact.sides] == [("A", "B", "C"), ("D",)]
    assert fact.silent == ("E",) and set(fact.pairs) == {("A#0", "D#0"), ("B#0", "D#0")}
    assert fact.title == "date: Wednesday vs Thursday"


def test_two_values_split_two_against_two_is_one_fact_with_two_sources_a_side() -> None:
    s = [sent("A#0", "27 people were injured."), sent("B#0", "The blast injured 27 people."),
         sent("C#0", "72 people were injured."), sent("D#0", "Officials said 72 were hurt.")]
    pairs = [contra(a, b, ("number", x, y)) for a, x in (("A#0", "27"), ("B#0", "27"))
             for b, y in (("C#0", "72"), ("D#0", "72"))] + [agree("A#0", "B#0"), agree("C#0", "D#0")]
    f = facts_of(s, [0, 0, 0, 0], pairs)
    assert len(f.disputed) == 1
    assert sorted(side.sources for side in f.disputed[0].sides) == [("A", "B"), ("C", "D")]
    assert f.disputed[0].silent == ()


def test_the_same_values_in_other_claims_join_one_fact_but_another_kind_is_another_fact() -> None:
    s = [sent("A#0", "27 people were injured."), sent("B#0", "72 people were injured."),
         sent("A#1", "Hospitals treated 27 patients."), sent("B#1", "Hospitals treated 72 patients."),
         sent("A#2", "It happened on Monday."), sent("B#2", "It happened on Tuesday.")]
    pairs = [contra("A#0", "B#0", ("number", "27", "72")), contra("A#1", "B#1", ("number", "27", "72")),
             contra("A#2", "B#2", ("date", "Monday", "Tuesday"))]
    f = facts_of(s, [0, 0, 1, 1, 2, 2], pairs)
    assert sorted(x.kind for x in f.disputed) == ["date", "number"]
    number = next(x for x in f.disputed if x.kind == "number")
    assert len(number.pairs) == 2 and [side.sentences for side in number.sides] == [("A#0", "A#1"), ("B#0", "B#1")]


def test_typed_facts_come_first_and_model_only_facts_are_marked() -> None:
    s = [sent("A#0", "China wants calm."), sent("B#0", "China wants escalation."),
         sent("A#1", "It happened on Monday."), sent("B#1", "It happened on Tuesday.")]
    pairs = [contra("A#0", "B#0", p=0.99), contra("A#1", "B#1", ("date", "Monday", "Tuesday"), p=0.1, basis="typed")]
    f = facts_of(s, [0, 0, 1, 1], pairs)
    assert [(x.id, x.basis) for x in f.disputed] == [("f1", "typed"), ("f2", "nli")]
    nli = f.disputed[1]
    assert nli.kind == "nli" and nli.strength == pytest.approx(0.99) and nli.title.startswith("nli: ")
    assert [side.sentences for side in nli.sides] == [("A#0",), ("B#0",)]


def test_an_agreement_about_the_claim_does_not_put_a_sentence_on_a_side_it_does_not_state() -> None:
    s = [sent("A#0", "Minister Blinken said the talks went well."),
         sent("B#0", "Secretary of State Blinken said the talks went well."),
         sent("C#0", "Blinken said the talks went well.")]
    pairs = [contra("A#0", "B#0", ("title", "minister Blinken", "secretary of state Blinken")), agree("B#0", "C#0")]
    fact = facts_of(s, [0, 0, 0], pairs).disputed[0]
    assert [side.sources for side in fact.sides] == [("A",), ("B",)] and fact.silent == ("C",)


def test_corroborated_facts_count_outlets_per_claim_and_unique_details_count_sentences() -> None:
    s = [sent("A#0", "Ten people died."), sent("B#0", "Ten people were killed."), sent("C#0", "The toll was ten."),
         sent("A#1", "The fire began at noon."), sent("B#1", "Rain fell later."), sent("C#1", "Schools closed.")]
    pairs = [agree("A#0", "B#0"), agree("B#0", "C#0"),
             PairJudgement("A#1", "B#1", "unique_detail", None, NLIScores(0.1, 0.8, 0.1), 0.5, basis="nli")]
    f = facts_of(s, [0, 0, 0, 1, 1, 2], pairs)
    assert [(c.claim, c.sources, c.sentence) for c in f.corroborated] == [("c0", ("A", "B", "C"), "B#0")]
    assert f.unique == ("A#1", "B#1", "C#1")  # sentences, not the one unique-detail pair


def test_report_dict_gains_facts_and_counts_and_the_renderers_lead_with_them() -> None:
    from factcheck.results import Report

    s = [sent("A#0", "It happened on Monday."), sent("B#0", "It happened on Tuesday."),
         sent("C#0", "It happened on Monday.")]
    pairs = [contra("A#0", "B#0", ("date", "Monday", "Tuesday")), agree("A#0", "C#0")]
    f = facts_of(s, [0, 0, 0], pairs)
    report = Report(sources=(), sentences=tuple(s), claims=tuple(claim_verdicts(s, [0, 0, 0], pairs)),
                    pairs=tuple(pairs), sentence_verdicts=(), per_source=(), matrix={}, n_pairs_possible=3,
                    models={"embedder": "e", "nli": "n"}, facts=f)
    d = report.to_dict()
    assert d["summary"]["n_disputed_facts"] == 1 and d["summary"]["n_corroborated_facts"] == 1
    assert d["facts"]["disputed"][0]["sides"][0] == {"value": "Monday", "values": ["Monday"], "sources": ["A", "C"],
                                                    "sentences": ["A#0", "C#0"]}
    d["sources"] = [{"id": x, "title": None, "date": None, "n_sentences": 1, "n_dropped": 0} for x in "ABC"]
    md = render_markdown(d)
    assert md.index("## Disputed facts (1)") < md.index("## Contradicting pairs (1)")
    assert "**Monday**: A, C" in md and "**Tuesday**: B" in md
    assert fact_line(d["facts"]["disputed"][0]) == "f1 date: Monday (A, C) vs Tuesday (B) [typed+nli]"
    assert summary_lines(d, 1.0)[2] == "    f1 date: Monday (A, C) vs Tuesday (B) [typed+nli]"


def test_a_contradicted_draft_sentence_names_its_fact_with_the_draft_on_one_side() -> None:
    s = [sent("A#0", "It happened on Monday."), sent("B#0", "It happened on Monday, police said."),
         sent("C#0", "It happened on Tuesday."), sent("draft#0", "It happened on Tuesday night.")]
    claims = [Claim("c0", "mixed", ("A#0", "B#0", "C#0"), ("A", "B", "C"))]
    source_pairs = [agree("A#0", "B#0"), contra("A#0", "C#0", ("date", "Monday", "Tuesday"))]
    draft_pairs = [contra("A#0", "draft#0", ("date", "Monday", "Tuesday")),
                   contra("B#0", "draft#0", p=0.6),  # model only, did not decide: left out
                   agree("C#0", "draft#0")]
    facts = draft_facts(source_pairs, draft_pairs, {"draft#0": ("A#0",)}, s, claims, ["A", "B", "C"])
    fact = facts["draft#0"]
    assert fact.id == "d1" and fact.kind == "date"
    assert {side.value: side.sources for side in fact.sides} == {"Monday": ("A", "B"), "Tuesday": ("C", "draft")}
    assert ("B#0", "draft#0") not in fact.pairs


def test_no_contradictions_no_facts() -> None:
    assert disputed_facts([agree("A#0", "B#0")], [sent("A#0", "x y z"), sent("B#0", "x y z")], {}, ["A", "B"]) == ()
    assert build_facts([], [], [], [SentenceVerdict("A#0", "unique", "c0", (), ())], ["A"]).unique == ("A#0",)


def test_the_markdown_draft_table_names_the_disputed_fact() -> None:
    fact = {"id": "d1", "kind": "date", "basis": "typed", "sides": [
        {"value": "Monday", "sources": ["A", "B"]}, {"value": "Tuesday", "sources": ["C", "draft"]}]}
    data = {"sources": [{"id": "A", "title": None, "date": None, "n_sentences": 1, "n_dropped": 0}],
            "sentences": [{"id": "A#0", "text": "It happened on Monday."}], "claims": [], "pairs": [],
            "summary": {"n_sources": 1, "n_sentences": 1, "n_claims": 0, "n_pairs_judged": 0,
                        "n_pairs_possible": 0, "pair_labels": {}, "per_source": {}, "matrix": {}},
            "models": {"embedder": "e", "nli": "n"},
            "draft": [{"id": "draft#0", "text": "It happened on Tuesday.", "status": "contradicted",
                       "supported_by": [], "contradicted_by": ["A#0"], "fact": fact}]}
    md = render_markdown(data)
    assert "| disputed fact |" in md and r"d1 date: Monday \(A, B\) vs Tuesday \(C, draft\) \[typed\]" in md

