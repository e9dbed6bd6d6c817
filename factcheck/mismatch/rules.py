"""The rule registry: every typed mismatch rule is one class behind the :class:`Rule` protocol.

A rule has the ``kinds`` it can report and ``find(a, b, context)`` returning mismatches and notes.
Rules are registered once (:func:`register`); :func:`factcheck.mismatch.find_mismatches` runs them all
in registration order. How similar two sentences must be for a kind to make a contradiction on its
own is ``Settings.gate(kind)``; nothing here knows thresholds. Adding a kind is one class here and,
if it needs its own gate, one entry in ``Settings.gates``.

Example:
    >>> [r.name for r in RULES][:3]
    ['number', 'date', 'people']
    >>> sorted(KINDS)[:4]
    ['change', 'date', 'direction', 'entity']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ..errors import SettingsError
from ..results import Mismatch
from .agents import affiliation_mismatches, agent_mismatches, deal_mismatches, work_mismatches
from .dates import date_mismatches
from .frames import (
    approval_mismatches,
    change_mismatches,
    direction_mismatches,
    score_mismatches,
    state_mismatches,
    vote_mismatches,
)
from .names import entity_mismatches, people_mismatches, spelling_notes, vessel_mismatches
from .negation import negation_mismatches
from .numbers import number_mismatches
from .rulings import ruling_mismatches
from .votes import seat_mismatches


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know besides the two sentences.

    Attributes:
        year_a, year_b: publication year of each sentence's article (resolves "27 January"'s weekday).
        units_a, units_b: the claim units of each sentence (attribution removed, clauses split;
            :func:`factcheck.units.claim_units`), for rules that compare claims rather than sentences.
    """

    year_a: int | None = None
    year_b: int | None = None
    units_a: tuple[str, ...] = ()
    units_b: tuple[str, ...] = ()


@dataclass(frozen=True)
class Found:
    """What one rule found: mismatches that make a contradiction, and notes that do not."""

    mismatches: tuple[Mismatch, ...] = ()
    notes: tuple[Mismatch, ...] = ()


@runtime_checkable
class Rule(Protocol):
    """A typed mismatch rule: a ``name``, the ``kinds`` it reports, and ``find``."""

    @property
    def name(self) -> str: ...

    @property
    def kinds(self) -> tuple[str, ...]: ...

    def find(self, a: str, b: str, ctx: RuleContext) -> Found:
        """Mismatches (and notes) between sentences ``a`` and ``b``."""
        ...


RULES: list[Rule] = []
KINDS: set[str] = set()


def register(rule: Rule) -> Rule:
    """Add a rule to the registry (once; its kinds become valid ``Settings.gates`` keys)."""
    if any(r.name == rule.name for r in RULES):
        raise SettingsError(f"a rule named {rule.name!r} is already registered; give the new rule another name")
    RULES.append(rule)
    KINDS.update(rule.kinds)
    return rule


def _unit_pairs(a: str, b: str, ctx: RuleContext) -> list[tuple[str, str]]:
    return [(x, y) for x in (ctx.units_a or (a,)) for y in (ctx.units_b or (b,))]


class NumberRule:
    """Counts, shares, money (``number``) and measures in one unit (``quantity``), as intervals."""

    name = "number"
    kinds: tuple[str, ...] = ("number", "quantity")

    def find(self, a: str, b: str, ctx: RuleContext) -> Found:
        return Found(tuple(number_mismatches(a, b)))


class DateRule:
    """Weekdays, day and month (with the weekday it falls on in the article's year), single years, clock times."""

    name = "date"
    kinds: tuple[str, ...] = ("date", "time")

    def find(self, a: str, b: str, ctx: RuleContext) -> Found:
        return Found(tuple(date_mismatches(a, b, ctx.year_a, ctx.year_b)))


class PeopleRule:
    """One person, two titles (``title``); one title, two people (``name``)."""

    name = "people"
    kinds: tuple[str, ...] = ("title", "name")

    def find(self, a: str, b: str, ctx: RuleContext) -> Found:
        return Found(tuple(people_mismatches(a, b)))


class EntityRule:
    """Same-role named entities with different names; spelling variants of one name are notes."""

    name = "entity"
    kinds: tuple[str, ...] = ("entity", "spelling")

    def find(self, a: str, b: str, ctx: RuleContext) -> Found:
        mism, notes = entity_mismatches(a, b)
        mism += [m for m in vessel_mismatches(a, b) if (m.a, m.b) not in {(x.a, x.b) for x in mism}]
        spell = {(n.a, n.b) for n in notes}
        notes += [n for n in spelling_notes(a, b) if (n.a, n.b) not in spell]
        return Found(tuple(mism), tuple(notes))


@dataclass(frozen=True)
class UnitRule:
    """A rule that compares claim units (attribution removed): ``compare`` on each pair of units, first hit.

    Negation, direction, change and vote frames are read from claims, not sentences: "Investigators have
    ruled out arson, the fire chief said" and "Arson has not been ruled out, according to police" share
    their predicate only once the attributions are off.
    """

    name: str
    kinds: tuple[str, ...]
    compare: Callable[[str, str], list[Mismatch]]

    def find(self, a: str, b: str, ctx: RuleContext) -> Found:
        for x, y in _unit_pairs(a, b, ctx):
            hit = self.compare(x, y)
            if hit:
                return Found(tuple(hit))
        return Found()


for _rule in (NumberRule(), DateRule(), PeopleRule(), EntityRule(),
              UnitRule("negation", ("negation",), negation_mismatches),    # "ruled out" vs "not ruled out"
              UnitRule("direction", ("direction",), direction_mismatches),  # rose/fell, raised/cut, approved/rejected
              UnitRule("change", ("change",), change_mismatches),           # cut to 3% vs left unchanged
              UnitRule("state", ("change",), state_mismatches),             # reopened vs remains closed
              UnitRule("approval", ("negation",), approval_mismatches),     # still needs approval vs approved
              UnitRule("vote", ("vote",), vote_mismatches),                 # "8-1" vs "six of the nine"
              UnitRule("score", ("number",), score_mismatches),             # "a 3-1 defeat" vs "lost 4-1"
              UnitRule("seat", ("change",), seat_mismatches),               # "held the seat" vs "took the seat from"
              UnitRule("agent", ("entity",), agent_mismatches),             # "ordered by X" vs "Y ordered"
              UnitRule("affiliation", ("entity",), affiliation_mismatches),  # "Marsh of the X" vs "Y's Marsh"
              UnitRule("deal", ("entity",), deal_mismatches),               # "X's takeover of Y" vs "Y buys X"
              UnitRule("ruling", ("direction",), ruling_mismatches),        # "upheld the law" vs "struck it down"
              UnitRule("work", ("entity",), work_mismatches)):              # '"Dusk" by X' vs '"Dusk" by Y'
    register(_rule)
