"""Property: random unicode documents never crash the checker (fake models).

Two to four documents of random text (empty-ish, odd whitespace, control characters, emoji, right-to-left
script, very long words, ordinary English sentences mixed in) either raise an :class:`InputError` with a
one-line message, or give a valid schema-1 report.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from factcheck.errors import InputError
from factcheck.pipeline import Checker
from factcheck.results import SCHEMA_VERSION, Document

from .conftest import FakeEmbedder, FakeNLI

REQUIRED = ("schema_version", "sources", "sentences", "claims", "pairs", "sentence_verdicts", "summary", "models",
            "warnings")
SENTENCES = [
    "A fire destroyed 27 homes in the town on Wednesday, officials said.",
    "No one was hurt in the fire, the mayor told reporters.",
    "The fire did not destroy 27 homes on Wednesday.",
    "Police said the cause of the blaze is under investigation.",
    "Ten people were hurt on Monday.",
]
WEIRD = [
    "", " ", "\n", "\r\n", "\t", "\u00a0", "\u2003", "\u2028", "\u2029", "\u200b", "\u200f", "\u202e", "\ufeff",
    "\x00", "\x07", "\x1b[31m", "\x85", "\x0b", "\x0c", "|", "<script>alert(1)</script>", "**", "#", "...", ".",
    "🔥", "👩🏽‍🚒", "🇺🇸", "مرحبا بالعالم", "שלום עולם", "火灾造成十人受伤。", "Ünïcödé façade", "Dr.", "U.S.",
    "\ud7ff", "\U0001f600" * 5, "x" * 3000, "word " * 50,
]

fragment = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(WEIRD),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.from_regex(r"[A-Za-z]{1,12}( [A-Za-z]{1,12}){2,8}[.!?]", fullmatch=True),
)
document_text = st.lists(fragment, max_size=12).map("".join)


def check_schema1(data: dict[str, Any]) -> None:
    """Assert that ``data`` is a valid schema-1 report: keys, offsets, pairs across sources, JSON-able."""
    assert data["schema_version"] == SCHEMA_VERSION
    for key in REQUIRED:
        assert key in data, key
    texts = {s["id"]: s["text"] for s in data["sources"]}
    assert len(texts) == len(data["sources"]) >= 2
    ids = {}
    for s in data["sentences"]:
        assert s["source"] in texts
        assert texts[s["source"]][s["start"]:s["end"]] == s["text"], s
        ids[s["id"]] = s["source"]
    assert len(ids) == len(data["sentences"])
    for p in data["pairs"]:
        assert p["a"] in ids and p["b"] in ids and ids[p["a"]] != ids[p["b"]], p
    for c in data["claims"]:
        assert all(x in ids for x in c["sentences"])
    sm = data["summary"]
    assert sm["n_sources"] == len(data["sources"]) and sm["n_sentences"] == len(data["sentences"])
    assert sm["n_pairs_judged"] == len(data["pairs"])
    assert all(isinstance(w, str) and "\n" not in w for w in data["warnings"])
    json.loads(json.dumps(data, ensure_ascii=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(document_text, min_size=2, max_size=4), st.lists(st.text(max_size=8), min_size=4, max_size=4))
def test_random_documents_never_crash(texts: list[str], names: list[str]) -> None:
    docs = [Document(text=t, source=names[k] or None) for k, t in enumerate(texts)]
    checker = Checker(embedder=FakeEmbedder(), nli=FakeNLI())
    try:
        report = checker.check(docs)
    except InputError as exc:
        event(type(exc).__name__)
        msg = str(exc)
        assert msg and "\n" not in msg and "\r" not in msg and msg.isprintable(), msg
        return
    event("report")
    check_schema1(report.to_dict())
