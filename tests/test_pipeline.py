"""The pipeline end to end with fake models: shapes, invariants, determinism, draft mode, errors."""

import json

import pytest

from factcheck import Checker, Document, Settings
from factcheck.errors import TooFewSourcesError
from factcheck.judge import unit_pairs
from factcheck.results import NLIScores

from .conftest import SEEDS, FakeEmbedder, FakeNLI

A = Document(text="Fire in Lisbon\n\nA fire destroyed 27 homes in Lisbon on Wednesday, officials said. "
                  "The mayor said the cause was not known. Firefighters worked through the night.", source="AP")
B = Document(text="A fire destroyed 72 homes in Lisbon on Wednesday, officials said. "
                  "The mayor said the cause was known. Residents were moved to a school gym.", source="AFP")
C = Document(text="A fire destroyed 27 homes in Lisbon on Wednesday, officials said. "
                  "Firefighters worked through the night. Share on Facebook", source="DW")


def test_report_shapes_and_invariants(fake_checker):
    report = fake_checker.check([A, B, C])
    d = json.loads(report.to_json())
    assert d["schema_version"] == "1"
    assert set(d) >= {"sources", "sentences", "claims", "pairs", "summary", "models"}
    assert d["models"] == {"embedder": "fake-embedder", "nli": "fake-nli"}
    texts = {s.id: s for s in report.sentences}
    originals = {s.id: s.text for s in report.sources}
    for s in report.sentences:
        assert originals[s.source][s.start:s.end] == s.text
        assert s.id == f"{s.source}#{s.index}"
    for p in report.pairs:
        assert texts[p.a].source != texts[p.b].source
        assert p.label in ("agreement", "contradiction", "unique_detail")
    sm = d["summary"]
    assert sm["n_pairs_judged"] == len(report.pairs) <= sm["n_pairs_possible"]
    assert sorted(x for c in report.claims for x in c.sentences) == sorted(texts)
    assert set(sm["per_source"]) == {"AP", "AFP", "DW"} and sm["matrix"]["AP"]["AP"] == 1.0
    assert "Share on Facebook" not in " ".join(s.text for s in report.sentences)
    assert [s.n_dropped for s in report.sources] == [0, 0, 1]


def test_planted_contradictions_and_agreements(fake_checker):
    report = fake_checker.check([A, B, C])
    kinds = {(p.a.split("#")[0], p.b.split("#")[0], m.kind) for p in report.contradictions for m in p.mismatches}
    assert ("AP", "AFP", "number") in kinds
    assert ("AP", "AFP", "negation") in kinds
    agree = {(p.a, p.b) for p in report.agreements}
    assert ("AP#1", "DW#0") in agree or ("AP#1", "DW#0")[::-1] in agree
    v = {x.sentence: x for x in report.sentence_verdicts}
    assert v["AFP#0"].status == "contradicted" and v["AFP#0"].contradicted_by == ("AP", "DW")
    assert v["AFP#2"].status == "unique"
    assert v["DW#1"].status == "corroborated" and v["DW#1"].corroborated_by == ("AP",)


def test_same_input_same_report():
    r1 = Checker(embedder=FakeEmbedder(), nli=FakeNLI()).check([SEEDS])
    r2 = Checker(embedder=FakeEmbedder(), nli=FakeNLI()).check([SEEDS])
    assert r1.to_json() == r2.to_json()


def test_never_all_pairs_and_models_reused():
    emb, nli = FakeEmbedder(), FakeNLI()
    checker = Checker(embedder=emb, nli=nli)
    report = checker.check([SEEDS])
    sm = report.to_dict()["summary"]
    assert sm["n_pairs_judged"] <= 0.15 * sm["n_pairs_possible"]
    text = {s.id: s.text for s in report.sentences}
    unit_pairs_judged = sum(len(unit_pairs(text[p.a], text[p.b], Settings())) for p in report.pairs)
    assert sm["n_pairs_judged"] <= unit_pairs_judged <= 1.5 * sm["n_pairs_judged"]  # most sentences: one claim
    # the first direction of every claim-unit pair, the second only where the first does not settle it
    assert unit_pairs_judged <= nli.pairs_seen <= 2 * unit_pairs_judged
    checker.check([SEEDS])
    assert emb.calls == 2


def test_one_source_duplicates_and_no_nli(fake_checker):
    with pytest.raises(TooFewSourcesError, match="at least two"):
        fake_checker.check([A])
    with pytest.raises(TooFewSourcesError):
        fake_checker.check([A, Document(text=A.text, source="copy")])
    r = fake_checker.check([A, Document(text=A.text, source="copy"), B])
    assert any("same text" in w for w in r.warnings) and len(r.sources) == 2
    r2 = Checker(embedder=FakeEmbedder(), use_nli=False).check([A, B])
    assert r2.models["nli"].startswith("none") and any("NLI disabled" in w for w in r2.warnings)
    assert all(p.scores is None for p in r2.pairs)
    assert r2.contradictions


def test_draft_mode(fake_checker):
    draft = Document(text="A fire destroyed 72 homes in Lisbon on Wednesday. Firefighters worked through the night. "
                          "The fire was started by a cat called Tom.", source="my draft")
    r = fake_checker.check_draft(draft, [A, C])
    d = r.to_dict()["draft"]
    assert [x["status"] for x in d] == ["contradicted", "supported", "not_found"]
    assert d[0]["contradicted_by"] and d[0]["pairs"][0]["mismatches"][0]["kind"] == "number"
    assert d[1]["supported_by"]
    r1 = fake_checker.check_draft(draft, [A])  # one source is enough for a draft
    assert r1.draft is not None and any("only one source" in w for w in r1.warnings)


def test_limits(fake_checker):
    with pytest.raises(Exception, match="over the limit"):
        Checker(embedder=FakeEmbedder(), nli=FakeNLI(), settings=Settings(max_sentences=2)).check([A, B])
    with pytest.raises(Exception, match="over the limit"):
        Checker(embedder=FakeEmbedder(), nli=FakeNLI(), settings=Settings(max_sources=2)).check([A, B, C])


def test_planted_fixture_with_fakes(fake_checker):
    from .planted import PLANTED_DIR, check_planted

    check_planted(fake_checker.check([PLANTED_DIR]))


class _SourceEntailsDraft:
    """The source entails the (longer) draft sentence; the draft, read as premise, says nothing of it."""

    name = "scripted"

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        return [NLIScores(0.005, 0.99, 0.005) if "widely" in p else NLIScores(0.95, 0.04, 0.01) for p, _ in pairs]


def test_the_draft_check_reads_every_pair_in_the_direction_that_supports_the_draft():
    # one_way would settle this pair on the draft-as-premise reading (the longer text) and never read the
    # source -> draft direction that support needs
    src = Document(text="The fire destroyed fourteen homes in the valley.", source="A")
    draft = Document(text="The fire destroyed fourteen homes in the valley and widely damaged the old mill.",
                     source="draft")
    report = Checker(embedder=FakeEmbedder(), nli=_SourceEntailsDraft()).check_draft(draft, [src])
    assert [d.status for d in report.draft] == ["supported"]
