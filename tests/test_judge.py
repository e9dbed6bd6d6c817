"""The judge stage: which candidate pairs are judged (the NLI budget) and how a pair is labelled."""

from __future__ import annotations

import pytest

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
    cfg = Settings(nli_floor=0.4, nli_budget=0.05, nli_min_pairs=0, one_way=False)  # room for 5 pairs
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


# ------------------------------------------------------------------ the decision table and claim units
from factcheck.judge import DECISION_TABLE, aggregate_units, decide, decision_table  # noqa: E402
from factcheck.mismatch import KINDS, RULES, Found, RuleContext, find_mismatches, register  # noqa: E402
from factcheck.results import ClaimUnit, Mismatch, NLIScores, UnitPair  # noqa: E402

ENT, NEU, CON = NLIScores(0.95, 0.04, 0.01), NLIScores(0.05, 0.9, 0.05), NLIScores(0.02, 0.08, 0.9)


def test_the_decision_table_prints_and_every_row_is_reachable():
    table = decision_table()
    print(table)  # the one place a label comes from, readable in the test log
    assert len(table.splitlines()) == len(DECISION_TABLE)
    cfg = Settings()
    date = (Mismatch("date", "Monday", "Tuesday"),)
    cases = [
        (decide(CON, CON, 0.9, date, cfg), "typed mismatch at its gate, NLI agrees"),
        (decide(ENT, ENT, 0.9, date, cfg), "typed mismatch at its gate"),
        (decide(CON, CON, 0.95, (), cfg),
         "near-identical, nothing typed differs, not one side denying what the model contradicts"),
        (decide(None, None, 0.85, (), cfg), "no NLI, similar"),
        (decide(None, None, 0.5, (), cfg), "no NLI"),
        (decide(CON, CON, 0.7, (), cfg, same_frame=True),
         "same figures and the same change, similar, nothing typed differs"),
        (decide(CON, NEU, 0.45, date, cfg), "typed mismatch below its gate, NLI agrees"),
        (decide(NLIScores(0.0, 0.01, 0.99), ENT, 0.6, (), cfg, polar=True),
         "NLI contradicts a related pair, one side negates or denies, no figures of two things, a shared word"),
        (decide(CON, NEU, 0.6, (), cfg),
         "NLI contradicts a related pair, neither way entailed, no figures of two things, no headline, a shared word"),
        (decide(NEU, ENT, 0.6, (), cfg), "NLI entails"),
        (decide(NEU, NEU, 0.85, (), cfg), "similar, NLI does not contradict, neither side alone negates"),
        (decide(NEU, NEU, 0.6, (), cfg), "otherwise"),
    ]
    assert [d.row for d, _ in cases] == [r for _, r in cases]
    assert {d.row for d, _ in cases} == {r.name for r in DECISION_TABLE}
    assert decide(NEU, ENT, 0.6, (), cfg).direction == "b->a"
    # a near-identical pair one side of which denies what the model contradicts is read by the model's rows
    # ("Robert Plant ripped up a contract" / "Rumor Robert Plant ripped up a contract called rubbish")
    assert decide(CON, CON, 0.95, (), cfg, polar=True).label == "contradiction"
    assert decide(NEU, NEU, 0.95, (), cfg, polar=True).label == "agreement"


def test_a_model_contradiction_between_figures_of_two_different_things_is_not_a_contradiction():
    from factcheck.mismatch.numbers import figures_apart

    # DUC 2006 (train role): the model called these contradictions
    for a, b in [("Ten Russian ships were in the area where the submarine went down.",
                  "Russia's navy says it was about 2 tons of explosives going up."),
                 ("There are 1.43 million Indians living on or near reservations.",
                  "An estimated 12.2 percent of Indians are unemployed.")]:
        assert figures_apart(a, b)
    assert decide(CON, NEU, 0.6, (), Settings(), apart=True).label == "unique_detail"
    # one group's fate under two nouns, the same figure, or a headline in title case: left to the model
    assert not figures_apart("At least 17 protesters were rounded up and murdered.", "Police found 28 bodies.")
    assert not figures_apart("High school student scores 72M playing the stock market",
                             "Whiz kid stock picker: I didn't actually make 72M trading")
    assert not figures_apart("50ft Crustacean, Dubbed Crabzilla, Photographed Lurking Beneath The Waters",
                             "Five Reasons Crabzilla Is Definitely Not Real")


def test_an_nli_only_contradiction_entailed_the_other_way_is_not_a_contradiction():
    # "The broad Standard & Poor's 500" / "The Standard & Poor's 500 Index": 0.96 one way, contradiction the other
    one_way = NLIScores(0.96, 0.03, 0.01), NLIScores(0.0, 0.004, 0.996)
    strict = Settings(contradiction_entail_ceiling=0.5)
    assert decide(*one_way, 0.79, (), strict).label == "agreement"
    assert decide(*one_way, 0.79, (), Settings(contradiction_entail_ceiling=1.0)).label == "contradiction"
    assert decide(CON, CON, 0.6, (), strict).label == "contradiction"  # both ways: still a contradiction
    typed = (Mismatch("date", "Monday", "Tuesday"),)
    assert decide(*one_way, 0.9, typed, strict).label == "contradiction"  # the ceiling is for model-only calls


def test_a_denial_keeps_a_strong_contradiction_the_model_also_finds_entailed_one_way():
    # "Judd Nelson found dead" / "Judd Nelson is not dead": the model entails one way (0.92) and contradicts the
    # other (0.99); one side negates, so the contradiction stands. Without the negation, the ceiling decides.
    one_way = NLIScores(0.92, 0.03, 0.05), NLIScores(0.0, 0.01, 0.99)
    assert decide(*one_way, 0.64, (), Settings(), polar=True).label == "contradiction"
    assert decide(*one_way, 0.64, (), Settings(), polar=False).label == "agreement"
    assert decide(*one_way, 0.3, (), Settings(), polar=True).label != "contradiction"  # below the gate: unrelated
    assert decide(ENT, NEU, 0.64, (), Settings(), polar=True).label == "agreement"  # the model must contradict
    assert decide(*one_way, 0.64, (), Settings(use_rules=False), polar=True).label == "agreement"


def test_polarity_differs_reads_negation_and_denial_words():
    from factcheck.mismatch import polarity_differs

    assert polarity_differs("Iraq denies Lebanon holds Baghdadi's wife", "Lebanon holds Baghdadi's wife")
    assert polarity_differs("The crab photo is a hoax", "A giant crab was photographed")
    assert polarity_differs("Banksy wasn't arrested", "Banksy arrested in London")
    assert not polarity_differs("Police did not comment", "Officials would not say")  # both negate
    assert not polarity_differs("Not only did he bless it", "He blessed it")  # "not only" affirms
    assert not polarity_differs("Wang urged calm", "Wang called for restraint")


def test_gates_are_per_kind():
    quantity = (Mismatch("quantity", "three miles", "eight miles"),)
    assert decide(NEU, NEU, 0.5, quantity, Settings()).label == "contradiction"  # aligned measure: gate 0.45
    assert decide(NEU, NEU, 0.5, quantity, Settings(gates=())).label != "contradiction"  # default gate 0.6


def _opt(ab, ba, text_a="a", text_b="b", label=None, basis="nli"):
    d = decide(ab, ba, 0.7, (), Settings())
    if label:
        from factcheck.judge import Decision
        d = Decision(label, None, basis, "test")
    return (d, ab, ba, UnitPair(ClaimUnit(text_a), ClaimUnit(text_b)))


def test_an_nli_only_contradiction_of_one_clause_does_not_override_a_stronger_entailment():
    weak_con = (NLIScores(0.1, 0.15, 0.75), NLIScores(0.1, 0.2, 0.7))
    agree = _opt(ENT, ENT, "x1", "y1")
    con = _opt(*weak_con, "x2", "y1")
    assert con[0].label == "contradiction"
    assert aggregate_units([agree, con])[3].a.text == "x1"  # the entailment (0.95) decides
    strong = _opt(NLIScores(0.01, 0.01, 0.98), NLIScores(0.01, 0.01, 0.98), "x2", "y1")
    assert aggregate_units([agree, strong])[3].a.text == "x2"  # a stronger contradiction decides
    typed = _opt(ENT, ENT, "x3", "y1", label="contradiction", basis="typed")
    assert aggregate_units([agree, typed])[3].a.text == "x3"  # a typed mismatch always decides


def test_the_model_compares_claim_units_and_the_report_shows_them():
    ta = '"All sides must remain calm and avoid escalation," Wang Yi said on Wednesday.'
    tb = "All sides must remain calm and avoid escalation, according to the ministry."
    a = Sentence(id="a#0", source="a", index=0, text=ta, start=0, end=len(ta))
    b = Sentence(id="b#0", source="b", index=0, text=tb, start=0, end=len(tb))
    nli = RecordingNLI()
    (p,) = judge_pairs([a, b], [Candidate(0, 1, 0.7, True, 0)], nli, Settings())
    assert nli.inputs[0] == ("All sides must remain calm and avoid escalation.",) * 2
    assert p.label == "agreement" and p.basis == "nli"
    assert p.units is not None and (p.units.a.speaker, p.units.b.speaker) == ("Wang Yi", "the ministry")
    assert p.to_dict()["units"]["a"] == {"text": "All sides must remain calm and avoid escalation.",
                                         "speaker": "Wang Yi"}


def test_every_kind_comes_from_one_registered_rule_and_new_rules_plug_in():
    assert {k for r in RULES for k in r.kinds} == KINDS
    assert len({r.name for r in RULES}) == len(RULES)

    class Colour:
        name = "colour"
        kinds = ("colour",)

        def find(self, a: str, b: str, ctx: RuleContext) -> Found:
            if "red" in a and "blue" in b:
                return Found((Mismatch("colour", "red", "blue"),))
            return Found()

    register(Colour())
    try:
        found = find_mismatches("The car was red.", "The car was blue.").mismatches
        assert [m.kind for m in found] == ["colour"]
        assert Settings(gates=(("colour", 0.3),)).gate("colour") == 0.3
        from factcheck.errors import SettingsError
        with pytest.raises(SettingsError, match="already registered"):
            register(Colour())
    finally:
        RULES.remove(next(r for r in RULES if r.name == "colour"))
        KINDS.discard("colour")


def test_settings_refuse_a_gate_for_an_unknown_kind():
    from factcheck.errors import SettingsError
    with pytest.raises(SettingsError, match="kinds: change, date"):
        Settings(gates=(("colour", 0.3),))


def test_draft_evidence_is_weighed_not_counted():
    from factcheck.results import PairJudgement
    from factcheck.verdict import draft_verdict

    sup = PairJudgement("A#0", "draft#0", "agreement", "a->b", NLIScores(0.97, 0.02, 0.01), 0.9, basis="nli")
    weak = PairJudgement("B#2", "draft#0", "contradiction", None, NLIScores(0.1, 0.1, 0.8), 0.55, basis="nli")
    close = PairJudgement("C#1", "draft#0", "contradiction", None, NLIScores(0.01, 0.01, 0.98), 0.92, basis="nli")
    typed = PairJudgement("D#4", "draft#0", "contradiction", None, NLIScores(0.5, 0.3, 0.2), 0.6,
                          (Mismatch("number", "27", "72"),), basis="typed")
    assert draft_verdict([sup, weak]).status == "supported"  # a farther, weaker NLI call does not override
    assert draft_verdict([sup, close]).contradicted_by == ("C#1",)  # closer and stronger: it does
    assert draft_verdict([sup, weak, typed]).contradicted_by == ("D#4",)  # a typed frame always does
    assert draft_verdict([weak]).status == "contradicted"  # nothing supports it
    assert draft_verdict([]).status == "not_found"
    back = PairJudgement("A#0", "draft#0", "agreement", "b->a", NLIScores(0.97, 0.02, 0.01), 0.9, basis="nli")
    assert draft_verdict([back]).status == "not_found"  # the draft entails the source, not the other way


def test_the_model_reads_an_approximate_figure_as_the_exact_one_the_other_sentence_gives():
    from factcheck.judge import nli_inputs

    a, b = nli_inputs("Almost 200 passengers were on board.", "The train carried 197 people.", Settings())
    assert (a, b) == ("197 passengers were on board.", "The train carried 197 people.")
    # not when the figures differ, nor when two figures could answer, nor shares and sums, nor without rules
    assert nli_inputs("About 50 people died.", "97 people died.", Settings())[0] == "About 50 people died."
    two = nli_inputs("About 100 people were hurt.", "98 people were hurt and 101 people were treated.", Settings())
    assert two[0] == "About 100 people were hurt."
    assert nli_inputs("Turnout was about 60%.", "Turnout was 61%.", Settings())[0] == "Turnout was about 60%."
    assert nli_inputs("Almost 200 passengers.", "197 passengers.", Settings(use_rules=False))[0] == \
        "Almost 200 passengers."


class ScriptedNLI:
    """Answers by premise: "settled ..." premises are unrelated one way; everything else is undecided."""

    name = "scripted"

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, str]]] = []

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        self.calls.append(list(pairs))
        return [NLIScores(0.001, 0.998, 0.001) if a.startswith("settled") else NLIScores(0.3, 0.4, 0.3)
                for a, _ in pairs]


def test_the_second_direction_is_read_only_where_the_first_does_not_settle_the_pair():
    from factcheck.judge import score_pairs

    nli = ScriptedNLI()
    pairs = [("settled: a long premise about the fire", "short one"),  # longer first, settled: one way
             ("short", "undecided: the longer text reads first"),  # longer is b: read (b, a) first, undecided
             ("undecided, and a mismatch was found here", "x")]  # careful: read both ways
    out = score_pairs(nli, pairs, [False, False, True], Settings())
    assert nli.calls[0] == [pairs[0], pairs[1][::-1], pairs[2]]
    assert nli.calls[1] == [pairs[1], pairs[2][::-1]]  # the second direction of the two unsettled ones
    assert out[0][0] is not None and out[0][1] is None
    assert out[1][0] is not None and out[1][1] is not None
    every = ScriptedNLI()
    score_pairs(every, pairs, [False, False, False], Settings(one_way=False))
    assert [len(c) for c in every.calls] == [3, 3]


def test_a_pair_read_one_way_is_decided_from_that_way():
    cfg = Settings()
    unrelated = NLIScores(0.005, 0.99, 0.005)
    assert decide(unrelated, None, 0.5, (), cfg).label == "unique_detail"
    d = decide(None, NLIScores(0.95, 0.04, 0.01), 0.6, (), cfg)
    assert (d.label, d.direction) == ("agreement", "b->a")
    # scores one way still count as NLI: a near pair with one unrelated direction is not "no NLI"
    assert decide(unrelated, None, 0.85, (), cfg).row == "similar, NLI does not contradict, neither side alone negates"


def test_a_model_only_contradiction_needs_no_headline_and_a_shared_word_inside_the_claims():
    cfg = Settings()
    nli_only = ("NLI contradicts a related pair, neither way entailed, no figures of two things, no headline, "
                "a shared word")
    assert decide(CON, NEU, 0.6, (), cfg).row == nli_only
    assert decide(CON, NEU, 0.6, (), cfg, headline=True).label != "contradiction"
    assert decide(CON, NEU, 0.6, (), cfg, unrelated=True).label != "contradiction"
    polar = decide(NLIScores(0.0, 0.01, 0.99), ENT, 0.6, (), cfg, polar=True, unrelated=True)
    assert polar.label != "contradiction"
    # a typed mismatch still decides with a headline on one side
    date = (Mismatch("date", "Monday", "Tuesday"),)
    assert decide(CON, CON, 0.9, date, cfg, headline=True).label == "contradiction"


def test_the_same_figures_and_change_are_an_agreement_only_when_similar_and_nothing_typed_differs():
    cfg = Settings()
    assert decide(CON, CON, 0.7, (), cfg, same_frame=True).label == "agreement"
    # less similar: no agreement, and the model's contradiction alone does not overrule what the rules read
    # ("Rescue teams have recovered 23 bodies" / "The collapse killed 23 people")
    assert decide(CON, CON, cfg.same_frame_gate - 0.05, (), cfg, same_frame=True).label == "unique_detail"
    date = (Mismatch("date", "Monday", "Tuesday"),)
    assert decide(CON, CON, 0.7, date, cfg, same_frame=True).label == "contradiction"


def test_similar_sentences_where_one_alone_negates_are_no_agreement_by_similarity():
    # "Orsini Mills ... received immunity" / "Orsini Mills ... was not granted immunity": close wording, one denial
    from factcheck.config import Settings

    assert decide(NEU, NEU, 0.85, (), Settings()).label == "agreement"
    assert decide(NEU, NEU, 0.85, (), Settings(), polar=True).label == "unique_detail"
