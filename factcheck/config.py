"""Tunable settings of the pipeline in one frozen dataclass.

Thresholds were chosen on train-role data only: the NLI ones by ``scripts/calibrate.py`` (Emergent train
headline pairs, unrelated same-story pairs), the clustering one by ``scripts/evaluate.py --role train``.

Example:
    >>> Settings().cluster_threshold
    0.6
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import Enum
from typing import Any

from .errors import SettingsError
from .results import Mismatch


class Engine(str, Enum):
    """Where ``factcheck batch`` runs its stories: ``local`` (this machine's processes) or ``ray`` (see
    :mod:`factcheck.engines`). The one list of engines: the CLI's ``--engine`` and ``batch.ENGINES`` come from it.

    Example:
        >>> [e.value for e in Engine]
        ['local', 'ray']
    """

    local = "local"
    ray = "ray"


_AT_LEAST_ONE = {"neighbours", "max_chars", "max_sources", "max_sentences", "max_total_sentences"}


@dataclass(frozen=True)
class Settings:
    """Thresholds and limits.

    Attributes:
        cluster_threshold: cosine similarity at which sentences join one claim (average linkage).
        pair_floor: least cosine similarity for a pair to be checked by the (cheap) mismatch rules.
        rule_floor: pairs at least this similar but under ``pair_floor`` are checked too, and kept only when a
            rule ties their values to one fact ("The storm killed 21 people" / "The death toll stood at 12":
            :func:`factcheck.mismatch.aligned_pairs`); ``aligned_gate`` then decides.
        neighbours: nearest neighbours per sentence in every other source checked by the rules.
        nli_floor: least similarity for a same-claim or nearest-neighbour pair to go through NLI
            (pairs with a typed mismatch always do).
        nli_budget: most pairs judged, as a share of all cross-source sentence pairs (bounds the NLI
            cost of long stories; the most similar close pairs go first; typed mismatches always count).
        nli_min_pairs: the budget is never below this many pairs (short stories are judged in full).
        entail_threshold: entailment probability (either direction) for an agreement.
        contradiction_threshold: contradiction probability (either direction) for a contradiction.
        contradiction_gate: least similarity for an NLI-only contradiction (guards unrelated pairs).
        contradiction_entail_ceiling: an NLI-only contradiction needs both directions' entailment below
            this: a pair one way entailed and the other way contradicted is the model reading a rewording
            or a headline, not two facts that exclude each other (contradiction is symmetric).
        mismatch_gate: least similarity at which a typed mismatch makes a contradiction on its own (the
            default for every kind not in ``gates``).
        gates: per-kind gates, ``(kind, least similarity)``: kinds whose rule aligns what it compares
            (the same unit and predicate, the same vote, the same changing thing) or that are rarer and
            more specific (``entity``) need less similarity of the whole sentences. Kinds are those of
            the registered rules (:data:`factcheck.mismatch.KINDS`).
        aligned_gate: least similarity for a mismatch whose rule tied both values to one event by the
            words next to them (``Mismatch.aligned``: the same start, strike or death verb next to two
            weekdays); the kind's own gate when that is lower.
        aligned_gates: per-kind gates of aligned mismatches, ``(kind, least similarity)``, where the
            alignment alone ties the two sentences: a ``title`` mismatch is aligned when both name one person
            by first name and surname ("chief executive Dana Reyes" / "chief technology officer Dana Reyes"),
            whatever else the sentences say (such pairs are checked even when not similar:
            :func:`factcheck.mismatch.people.two_offices`); a ``name`` mismatch when one owner's one-holder office
            goes to two people ("Museum director Helena Marsh" / "Clara Voss, the museum's director";
            :func:`factcheck.mismatch.people.two_holders`).
        mismatch_support: NLI contradiction probability that, with a typed mismatch below its gate,
            still makes a contradiction (the model and the rule agree).
        similar_contradiction_ceiling: a near-identical pair with no typed mismatch is an agreement unless
            NLI contradiction reaches this.
        same_frame_gate: least similarity at which a pair whose rules read the same figures and the same
            change of the same thing (:func:`factcheck.mismatch.frames_agree`) is an agreement, whatever the
            model says ("held steady at 5.1%" / "remained at 5.1%").
        one_way: read a pair the other way round only where the first direction (the longer claim unit as
            premise) does not settle it (:func:`factcheck.judge.one_way`); ``False`` reads every pair both
            ways.
        one_way_neutral: neutral probability of the first direction that settles a pair (unrelated).
        one_way_entailment: entailment probability of the first direction that settles a pair (agreement).
        direction_margin: two entailment probabilities closer than this count as "both" directions.
        agree_similarity_no_nli: similarity that counts as agreement when nothing typed differs and NLI
            does not say contradiction (or with ``use_nli=False``).
        paraphrase_similarity: at or above this similarity, with no typed mismatch, a pair is an agreement
            whatever NLI says (NLI models over-read tiny rewordings of one wire copy as contradictions).
        use_rules: ``False`` switches the typed mismatch rules off (NLI only; for evaluation).
        strict: refuse a story with an unusable source (an empty export, a PDF in the folder) instead of
            skipping it with a warning.
        max_chars: largest article, in characters.
        max_sources: most sources per story.
        max_sentences: most sentences per source.
        max_total_sentences: most sentences per story, all sources together (bounds time and memory).
    """

    cluster_threshold: float = 0.6
    pair_floor: float = 0.4
    rule_floor: float = 0.25
    neighbours: int = 3
    nli_floor: float = 0.4
    nli_budget: float = 0.1
    nli_min_pairs: int = 128
    entail_threshold: float = 0.6
    contradiction_threshold: float = 0.7
    contradiction_gate: float = 0.4
    contradiction_entail_ceiling: float = 0.9
    mismatch_gate: float = 0.6
    gates: tuple[tuple[str, float], ...] = (("entity", 0.5), ("quantity", 0.45), ("vote", 0.45),
                                            ("direction", 0.5), ("change", 0.5), ("negation", 0.45))
    aligned_gate: float = 0.25
    aligned_gates: tuple[tuple[str, float], ...] = (("title", 0.0), ("name", 0.0))
    mismatch_support: float = 0.3
    similar_contradiction_ceiling: float = 0.5
    same_frame_gate: float = 0.5
    one_way: bool = True
    one_way_neutral: float = 0.98
    one_way_entailment: float = 0.9
    direction_margin: float = 0.2
    agree_similarity_no_nli: float = 0.8
    paraphrase_similarity: float = 0.9
    use_rules: bool = True
    strict: bool = False
    max_chars: int = 2_000_000
    max_sources: int = 200
    max_sentences: int = 2_000
    max_total_sentences: int = 10_000

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type in ("float", float) and not (isinstance(value, (int, float)) and 0.0 <= value <= 1.0):
                raise SettingsError(f"Settings.{f.name}={value!r} is out of range: use a number from 0 to 1")
            if f.type in ("int", int):
                low = 1 if f.name in _AT_LEAST_ONE else 0
                if isinstance(value, bool) or not isinstance(value, int) or value < low:
                    raise SettingsError(f"Settings.{f.name}={value!r} is out of range: use a whole number >= {low}")

        from .mismatch import KINDS  # the registry is the list of valid kinds

        for item in (*self.gates, *self.aligned_gates):
            if not (isinstance(item, tuple) and len(item) == 2 and item[0] in KINDS
                    and isinstance(item[1], (int, float)) and 0.0 <= item[1] <= 1.0):
                raise SettingsError(f"Settings.gates / aligned_gates entry {item!r} is not (kind, similarity from 0 "
                                    f"to 1); kinds: "
                                    f"{', '.join(sorted(KINDS))}")

    def gate(self, kind: str) -> float:
        """Least similarity at which a ``kind`` mismatch makes a contradiction on its own.

        Example:
            >>> Settings().gate("entity"), Settings().gate("date")
            (0.5, 0.6)
        """
        return dict(self.gates).get(kind, self.mismatch_gate)

    def gate_of(self, mismatch: Mismatch) -> float:
        """The gate of one mismatch: its kind's, or ``aligned_gate`` when its rule aligned it and that is lower.

        Example:
            >>> Settings().gate_of(Mismatch("date", "Monday", "Tuesday", aligned=True))
            0.25
            >>> Settings().gate_of(Mismatch("title", "chief executive Reyes", "founder Reyes", aligned=True))
            0.0
        """
        gate = self.gate(mismatch.kind)
        if not mismatch.aligned:
            return gate
        return min(gate, dict(self.aligned_gates).get(mismatch.kind, self.aligned_gate))

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["gates"] = dict(self.gates)
        out["aligned_gates"] = dict(self.aligned_gates)
        return out
