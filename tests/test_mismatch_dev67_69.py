"""Rules taught by the development stories dev67-dev69 (a council's light-rail vote, a measles outbreak in schools, a
tech company's data breach), written after dev64-dev66's rules; each case in other words than the stories' own,
with what the rule must not catch beside it (the fakes-free rule layer only)."""

import pytest

from factcheck.mismatch import find_mismatches
from factcheck.mismatch.votes import split_against_figures


def kinds(a: str, b: str) -> list[str]:
    return [m.kind for m in find_mismatches(a, b).mismatches]


PLANTED = [
    # a sum the clause names, at the end of it
    ("The new stadium's budget totals $610 million.", "Officials said the budget is set at $540m.", "number"),
    # one kind of event next to two months of one year
    ("Demolition is due to begin in April 2026.", "Work at the site is scheduled to start in October 2026.", "date"),
    # a part of a plan kept against one dropped
    ("The Millbrook stop remains part of the route.", "The board dropped the planned Millbrook stop from the route.",
     "change"),
    ("The Millbrook stop is still on the route.", "The board scrapped the planned Millbrook stop.", "change"),
    # a title in an aside of two words before the office
    ("There are 30 cases, according to Dana Voss, the regional health director.",
     "Chief Medical Officer Dana Voss said there were 30 cases.", "title"),
    # one discovery, two days
    ("The first case was diagnosed on May 4.", "The first infection was identified on May 14.", "date"),
    ("The intruders broke in on June 2.", "The hackers first got into the network on June 12.", "date"),
    # "shut" is "closed", "stolen" is "taken"
    ("The libraries would be closed until Friday.", "The libraries will not be shut.", "negation"),
    ("Card numbers were also stolen.", "Card numbers were not taken.", "negation"),
    # a two-word name between a count and what it counts
    ("Hackers accessed 1.6 million customer accounts.", "Data from 6.1 million Norvale Bank accounts was stolen.",
     "number"),
]

NOT = [
    ("Exports rose 4% in May 2027.", "Imports fell 2% in June 2027."),
    ("The council dropped the planned Kelby stop from the route.", "The council dropped the planned Arne stop."),
    ("The schools were closed on Monday.", "The roads were not shut."),
    ("The first case was diagnosed on May 4.", "The first case was diagnosed on 4 May."),
]


@pytest.mark.parametrize("a,b,kind", PLANTED)
def test_dev67_69_rules_catch_what_they_were_written_for(a, b, kind):
    assert kind in kinds(a, b)
    assert kind in kinds(b, a)


@pytest.mark.parametrize("a,b", NOT)
def test_dev67_69_rules_leave_compatible_pairs_alone(a, b):
    assert kinds(a, b) == []


def test_a_vote_split_and_a_sum_are_two_claims_whatever_the_model_reads():
    assert split_against_figures("The budget passed 7-6.", "The budget is set at $412m.")
    assert split_against_figures("Rovers lost 4-1.", "Tickets cost $40.")
    assert not split_against_figures("The judges voted 6-3.", "Five of the nine judges backed the ruling.")
    assert not split_against_figures("The budget passed 7-6.", "The budget passed 9-4.")
    assert not split_against_figures("The budget passed 7-6.", "The mayor welcomed the vote.")
