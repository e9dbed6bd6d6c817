"""Render a report as ONE self-contained HTML page: inline CSS and JS, no network, works opened from disk.

The page holds a header (headline, sources, counts, models, warnings), the contradictions side by side
with the mismatched values marked, the draft check (when the report has one), a source x source
agreement heat map, per-source stacked bars, a filterable claims x sources grid, and every article
with its sentences marked by status and its dropped boilerplate greyed.

Safety: every piece of article text reaches the page through Jinja2 autoescape. Highlighting is done by
splitting text into ``(text, marked)`` segments in Python, so the template wraps marked segments in
``<mark>`` and escapes every segment; no article text is ever marked safe.

Example:
    >>> highlight("27 people were hurt on Monday.", ["27 people"])
    [('27 people', True), (' were hurt on Monday.', False)]
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from .ids import source_of

if TYPE_CHECKING:
    import jinja2

Segment = tuple[str, bool]

STATUS_ICON = {"corroborated": "✔", "contradicted": "✖", "unique": "◆", "agreement": "✔", "contradiction": "✖",
               "mixed": "◐", "supported": "✔", "not_found": "?"}
STATUS_TEXT = {"not_found": "not found"}
VERDICTS = ("contradiction", "mixed", "agreement", "unique")
BASIS_TEXT = {"typed+nli": "typed rule and model", "typed": "typed rule", "nli": "model only, no typed evidence",
              "similarity": "similarity"}
_WORD = re.compile(r"[^\W_][\w'’.-]*")
_STOP = frozenset("a an the of and or to in on at by for with from as is are was were be".split())


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """The Jinja2 environment (autoescape on for every template), built on first use."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("factcheck", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda v: f"{round((v or 0.0) * 100)}%"
    env.globals.update(icon=lambda s: STATUS_ICON.get(s, "•"), status_text=lambda s: STATUS_TEXT.get(s, s))
    return env


def render_html(data: dict[str, Any]) -> str:
    """Render a schema-1 report dict (``Report.to_dict()`` or a saved JSON) as one self-contained HTML page.

    Args:
        data: the report dict.

    Returns:
        The whole page as a string (UTF-8 text, ``<!doctype html>`` first).
    """
    from markupsafe import Markup

    css, js = _asset("report.css"), _asset("report.js")
    script_hash = "sha256-" + base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    # css and js are this package's own static files (no report data in them), so they go in unescaped
    return _environment().get_template("report.html.j2").render(
        **build_context(data), css=Markup(css), js=Markup(js), script_hash=script_hash)


@cache
def _asset(name: str) -> str:
    """The text of a static file in ``factcheck/templates`` (the page's stylesheet or script)."""
    env = _environment()
    assert env.loader is not None
    text = env.loader.get_source(env, name)[0]
    if "</" in text:
        raise ValueError(f"templates/{name} must not contain '</' (it is inlined in the page)")
    return text


# ---------------------------------------------------------------------------------------------- highlighting
def _find(text: str, needle: str) -> list[tuple[int, int]]:
    """Spans of ``needle`` in ``text``: word-bounded, case-sensitive first, then case-insensitive."""
    pat = re.escape(needle)
    if needle[0].isalnum():
        pat = r"(?<!\w)" + pat
    if needle[-1].isalnum():
        pat += r"(?!\w)"
    for flags in (0, re.IGNORECASE):
        hits = [m.span() for m in re.finditer(pat, text, flags)]
        if hits:
            return hits
    return []


def _spans_for(text: str, value: str, other: str) -> list[tuple[int, int]]:
    """Where a mismatch value shows in a sentence: the whole value, else its parts, else its distinct words."""
    value = value.strip()
    if not value:
        return []
    hits = _find(text, value)
    if hits:
        return hits
    parts = [p.strip() for p in re.split(r"[/()]", value) if p.strip()]
    hits = [h for p in parts if p != value for h in _find(text, p)]
    if hits:
        return hits
    other_words = {w.lower() for w in _WORD.findall(other)}
    words = [w for w in _WORD.findall(value) if w.lower() not in _STOP]
    distinct = [w for w in words if w.lower() not in other_words] or words
    merged: list[tuple[int, int]] = []
    for start, end in sorted(h for w in distinct for h in _find(text, w)):
        gap = text[merged[-1][1]:start] if merged else "x"
        if merged and start >= merged[-1][1] and all(g.lower() in _STOP for g in gap.split()):
            merged[-1] = (merged[-1][0], end)  # "Secretary of State": one mark, not two
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, values: Iterable[str | tuple[str, str]]) -> list[Segment]:
    """Split ``text`` into ``(piece, marked)`` segments, marking where the given values occur.

    Args:
        text: a sentence (plain text, not escaped: the template escapes every segment).
        values: strings to mark, or ``(value, other_side_value)`` pairs (the other side helps pick the
            words that differ when the value does not occur verbatim).

    Returns:
        Segments that join back to ``text``; overlapping matches are merged.
    """
    spans: list[tuple[int, int]] = []
    for v in values:
        value, other = (v, "") if isinstance(v, str) else v
        spans += _spans_for(text, value, other)
    out: list[Segment] = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        if start > pos:
            out.append((text[pos:start], False))
        if out and out[-1][1] and start == pos:
            out[-1] = (out[-1][0] + text[start:end], True)
        else:
            out.append((text[start:end], True))
        pos = end
    if pos < len(text) or not out:
        out.append((text[pos:], False))
    return out


# ---------------------------------------------------------------------------------------------- context
def _safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links (no ``javascript:`` or ``data:``)."""
    return url if url and re.match(r"https?://", url.strip(), re.IGNORECASE) else None


def heat_style(value: float | None) -> str:
    """Inline CSS for one agreement-matrix cell: red (0, all contradictions) to green (1, all agreements).

    Example:
        >>> heat_style(1.0)
        'background:hsl(140 55% 82%)'
    """
    if value is None:
        return ""
    v = min(max(float(value), 0.0), 1.0)
    return f"background:hsl({round(5 + 135 * v)} {round(70 - 15 * v)}% {round(88 - 6 * v)}%)"


def _sides(pair: dict[str, Any]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    mm = pair.get("mismatches") or []
    return [(m["a"], m["b"]) for m in mm], [(m["b"], m["a"]) for m in mm]


def _scores(pair: dict[str, Any]) -> list[tuple[str, str]] | None:
    sc = pair.get("scores")
    if not sc:
        return None
    return [(k, f"{float(sc[k]):.2f}") for k in ("entailment", "neutral", "contradiction") if k in sc]


def _pair_view(pair: dict[str, Any], sent: dict[str, dict[str, Any]], info: dict[str, dict[str, Any]],
               tags: dict[str, str]) -> dict[str, Any]:
    """One judged pair: both sentences with the mismatched values marked, kinds, scores."""
    va, vb = _sides(pair)

    def side(sid: str, values: list[tuple[str, str]]) -> dict[str, Any]:
        s = sent.get(sid, {})
        src = s.get("source", source_of(sid))
        return {"id": sid, "source": src, "tag": tags.get(src, src), "dom": info.get(sid, {}).get("dom"),
                "claim": info.get(sid, {}).get("claim_dom"), "segments": highlight(s.get("text", ""), values)}

    return {"a": side(pair["a"], va), "b": side(pair["b"], vb), "label": pair.get("label", ""),
            "mismatches": pair.get("mismatches") or [], "notes": pair.get("notes") or [],
            "scores": _scores(pair), "direction": pair.get("direction"),
            "similarity": f"{float(pair.get('similarity') or 0.0):.2f}", "basis": pair.get("basis") or "",
            "units": _units(pair, sent)}


def _units(pair: dict[str, Any], sent: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The claim units the model compared, when they differ from the sentences as printed."""
    units = pair.get("units")
    if not isinstance(units, dict) or not all(isinstance(units.get(k), dict) for k in ("a", "b")):
        return None
    same = all(str(units[k].get("text", "")) == sent.get(pair[k], {}).get("text") for k in ("a", "b"))
    return None if same else {k: {"text": str(units[k].get("text", "")), "speaker": units[k].get("speaker")}
                              for k in ("a", "b")}


def _article(source: dict[str, Any], sentences: Sequence[dict[str, Any]],
             info: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The source's original text cut into plain, sentence and dropped segments using the offsets."""
    text = source.get("text") or ""
    spans = [(s["start"], s["end"], {"kind": "sentence", **info[s["id"]]}) for s in sentences
             if 0 <= s.get("start", -1) < s.get("end", -1) <= len(text)]
    spans += [(d["start"], d["end"], {"kind": "dropped", "reason": d.get("reason", "")})
              for d in source.get("dropped") or [] if 0 <= d.get("start", -1) < d.get("end", -1) <= len(text)]
    out: list[dict[str, Any]] = []
    pos = 0
    for start, end, seg in sorted(spans, key=lambda t: (t[0], t[1])):
        if start < pos:  # overlapping spans: keep the first
            continue
        if start > pos:
            out.append({"kind": "text", "text": text[pos:start]})
        out.append({**seg, "text": text[start:end]})
        pos = end
    if pos < len(text):
        out.append({"kind": "text", "text": text[pos:]})
    return out


def build_context(data: dict[str, Any]) -> dict[str, Any]:
    """Everything the template shows, computed from the report dict (no escaping here: the template does it).

    Args:
        data: a schema-1 report dict.

    Returns:
        The template's variables.
    """
    sources = data.get("sources") or []
    sentences = data.get("sentences") or []
    sm = data.get("summary") or {}
    tags = {s["id"]: f"S{k + 1}" for k, s in enumerate(sources)}
    sent = {s["id"]: s for s in sentences}
    claim_dom = {c["id"]: f"claim-{k}" for k, c in enumerate(data.get("claims") or [])}
    verdict_of = {v["sentence"]: v for v in data.get("sentence_verdicts") or []}
    info: dict[str, dict[str, Any]] = {}
    for k, s in enumerate(sentences):
        v = verdict_of.get(s["id"], {})
        info[s["id"]] = {"id": s["id"], "dom": f"s-{k}", "status": v.get("status", "unique"),
                         "claim": v.get("claim"), "claim_dom": claim_dom.get(v.get("claim", "")),
                         "corroborated_by": [tags.get(x, x) for x in v.get("corroborated_by") or []],
                         "contradicted_by": [tags.get(x, x) for x in v.get("contradicted_by") or []]}
    src_views = [{"id": s["id"], "title": s.get("title"), "date": s.get("date"), "tag": tags[s["id"]],
                  "dom": f"src-{k}", "url": _safe_url(s.get("url")), "n_sentences": s.get("n_sentences", 0),
                  "n_dropped": s.get("n_dropped", len(s.get("dropped") or []))} for k, s in enumerate(sources)]
    by_source: dict[str, list[dict[str, Any]]] = {}
    for s in sentences:
        by_source.setdefault(s["source"], []).append(s)
    pairs = data.get("pairs") or []
    contradictions = [{**_pair_view(p, sent, info, tags), "dom": f"pair-{k}"}
                      for k, p in enumerate(p for p in pairs if p.get("label") == "contradiction")]
    pair_dom = {(p["a"]["id"], p["b"]["id"]): p["dom"] for p in contradictions}
    claims = []
    for c in data.get("claims") or []:
        members = [sent[x] for x in c.get("sentences", []) if x in sent]
        cells = [{"source": s["id"], "tag": tags[s["id"]],
                  "sentences": [{"text": m["text"], **info[m["id"]]} for m in members if m["source"] == s["id"]]}
                 for s in sources]
        claims.append({"id": c["id"], "dom": claim_dom[c["id"]], "verdict": c.get("verdict", "unique"),
                       "cells": cells, "n_sources": sum(bool(x["sentences"]) for x in cells)})
    verdict_counts = {v: sum(c["verdict"] == v for c in claims) for v in VERDICTS}
    matrix = sm.get("matrix") or {}
    heat = [{"source": a, "cells": [{"source": b, "value": matrix.get(a, {}).get(b), "self": a == b,
                                     "style": heat_style(matrix.get(a, {}).get(b))} for b in tags]}
            for a in tags]
    per = sm.get("per_source") or {}
    bars = [{"source": sid, "tag": tags.get(sid, sid), "n": v.get("n_sentences", 0),
             "parts": [(st, float(v.get(st) or 0.0)) for st in ("corroborated", "contradicted", "unique")]}
            for sid, v in per.items()]
    articles = [{**sv, "segments": _article(s, by_source.get(s["id"], []), info)}
                for s, sv in zip(sources, src_views, strict=True)]
    labels = sm.get("pair_labels") or {}
    judged, possible = sm.get("n_pairs_judged", len(pairs)), sm.get("n_pairs_possible", 0)
    title = next((s.get("title") for s in sources if s.get("title")), None) or "Consistency report"
    return {"title": title, "schema": data.get("schema_version", "1"), "sources": src_views, "summary": sm,
            "models": data.get("models") or {}, "warnings": data.get("warnings") or [],
            "contradictions": contradictions, "claims": claims, "verdicts": VERDICTS,
            "verdict_counts": verdict_counts, "heat": heat, "tags": tags, "bars": bars,
            "articles": articles, "draft": _draft(data, sent, info, tags),
            "facts": _facts(data.get("facts"), sent, info, tags, pair_dom),
            "counts": {"agreement": labels.get("agreement", 0), "contradiction": labels.get("contradiction", 0),
                       "unique_detail": labels.get("unique_detail", 0), "judged": judged, "possible": possible,
                       "disputed": sm.get("n_disputed_facts"), "corroborated": sm.get("n_corroborated_facts"),
                       "unique_sentences": sm.get("n_unique_details"),
                       "share": f"{judged / possible:.1%}" if possible else "–",
                       "sentences": sm.get("n_sentences", len(sentences)),
                       "claims": sm.get("n_claims", len(claims))}}


def _draft(data: dict[str, Any], sent: dict[str, dict[str, Any]], info: dict[str, dict[str, Any]],
           tags: dict[str, str]) -> list[dict[str, Any]] | None:
    """Draft sentences with status, marked values, and the evidence pairs (supporting or contradicting)."""
    if "draft" not in data or data["draft"] is None:
        return None
    out = []
    for d in data["draft"]:
        status = d.get("status", "not_found")
        wanted = set(d.get("contradicted_by") or []) if status == "contradicted" else set(d.get("supported_by") or [])
        evidence = [_pair_view(p, sent, info, tags) for p in d.get("pairs") or []
                    if p.get("a") in wanted or p.get("b") in wanted]
        values = [(m["b"], m["a"]) for p in d.get("pairs") or [] if p.get("a") in wanted
                  for m in p.get("mismatches") or []]
        shown = {p["a"]["id"] for p in evidence}
        evidence += [{"a": {"id": x, "tag": tags.get(source_of(x), source_of(x)), "source": source_of(x),
                            "dom": info.get(x, {}).get("dom"), "claim": info.get(x, {}).get("claim_dom"),
                            "segments": [(sent.get(x, {}).get("text", x), False)]},
                      "mismatches": [], "notes": [], "scores": None, "label": "", "similarity": "", "direction": None}
                     for x in sorted(wanted - shown)]
        rest = sorted((p for p in d.get("pairs") or [] if p.get("a") not in wanted),
                      key=lambda p: -float(p.get("similarity") or 0.0))[:3]
        fact = d.get("fact")
        out.append({"id": d.get("id", ""), "status": status, "segments": highlight(d.get("text", ""), values),
                    "evidence": evidence, "closest": [_pair_view(p, sent, info, tags) for p in rest],
                    "fact": _fact_view(fact, 0, sent | {d.get("id", ""): d}, info, tags, {}, "draft-fact")
                    if isinstance(fact, dict) else None})
    return out


def _chips(sources: Iterable[str], tags: dict[str, str]) -> list[dict[str, str]]:
    return [{"tag": tags.get(s, s), "source": s} for s in sources]


def _fact_view(f: dict[str, Any], k: int, sent: dict[str, dict[str, Any]], info: dict[str, dict[str, Any]],
               tags: dict[str, str], pair_dom: dict[tuple[str, str], str], prefix: str = "fact") -> dict[str, Any]:
    """One disputed fact: each value with its outlets (chips) and sentences (the value marked), its pairs."""
    sides = []
    for side in f.get("sides") or []:
        values = [str(v) for v in side.get("values") or [side.get("value") or ""] if v]
        sides.append({"value": str(side.get("value") or ""), "chips": _chips(side.get("sources") or [], tags),
                      "sentences": [{"id": x, "tag": tags.get(source_of(x), source_of(x)),
                                     "dom": info.get(x, {}).get("dom"),
                                     "segments": highlight(str(sent.get(x, {}).get("text", "")), values)}
                                    for x in side.get("sentences") or []]})
    pairs = [pair_dom[(a, b)] for a, b in f.get("pairs") or [] if (a, b) in pair_dom]
    basis = str(f.get("basis") or "")
    return {"id": str(f.get("id") or ""), "dom": f"{prefix}-{k}", "kind": str(f.get("kind") or ""),
            "title": str(f.get("title") or ""), "basis": basis, "basis_text": BASIS_TEXT.get(basis, basis),
            "typed": basis not in ("nli", ""), "strength": f"{float(f.get('strength') or 0.0):.2f}",
            "sides": sides, "silent": _chips(f.get("silent") or [], tags), "pairs": pairs}


def _facts(facts: Any, sent: dict[str, dict[str, Any]], info: dict[str, dict[str, Any]], tags: dict[str, str],
           pair_dom: dict[tuple[str, str], str]) -> dict[str, Any] | None:
    """Disputed facts, corroborated facts and unique details; None for a report saved before facts existed."""
    if not isinstance(facts, dict):
        return None
    corroborated = [{"claim": c.get("claim"), "claim_dom": info.get(c.get("sentence", ""), {}).get("claim_dom"),
                     "text": str(sent.get(c.get("sentence", ""), {}).get("text", "")),
                     "chips": _chips(c.get("sources") or [], tags), "n": len(c.get("sources") or []),
                     "disputed_by": c.get("disputed_by") or []} for c in facts.get("corroborated") or []]
    unique = [{"id": x, "tag": tags.get(source_of(x), source_of(x)), "dom": info.get(x, {}).get("dom"),
               "text": str(sent.get(x, {}).get("text", ""))} for x in facts.get("unique_details") or []]
    disputed = [_fact_view(f, k, sent, info, tags, pair_dom) for k, f in enumerate(facts.get("disputed") or [])]
    return {"disputed": disputed, "corroborated": corroborated, "unique": unique}
