"""Rules taught by the development stories dev52-dev54 (a merger ruling, a measles outbreak, a constitutional court
ruling): one planted pair each that the rules must catch, and what they must leave alone (the fakes-free rule layer
only)."""

import pytest

from factcheck.mismatch import find_mismatches
from factcheck.mismatch.quantities import quantities

PLANTED = [
    # one board's vote, two splits
    ("The commission's board voted 4-1 in favour.", "The regulator's board backed the merger by a vote of 3-2.",
     "vote"),
    # stores and shops
    ("Harvestmart must sell 120 stores.", "Harvestmart will have to dispose of 210 shops.", "number"),
    # a decision in force on two dates
    ("The decision takes effect on May 1.", "The decision comes into force on March 1.", "date"),
    # an office of two words at a sentence's start
    ("The board voted, chair Ruth Calloway told reporters.",
     "Deputy chair Ruth Calloway said the conditions were fair.", "title"),
    # buyer and target swapped
    ("The commission approved Harvestmart's purchase of rival supermarket chain Greenbay Foods.",
     "Greenbay Foods' takeover of Harvestmart has been approved with conditions.", "entity"),
    # a pace of new cases, the cause after it left out
    ("The number of new infections slowed this week, officials said, crediting a surge in vaccinations.",
     "New infections accelerated this week.", "direction"),
    # infections are cases
    ("Health officials have confirmed 64 measles infections.", "The outbreak has grown to 46 confirmed cases.",
     "number"),
    # a law upheld against struck down or ruled unconstitutional
    ("The Constitutional Court upheld the Communications Security Act on Tuesday.",
     "Judges struck down the Communications Security Act on Tuesday.", "direction"),
    ("The Constitutional Court upheld the Communications Security Act, rejecting a challenge to the surveillance law.",
     "The court ruled on Tuesday that the country's disputed surveillance law is unconstitutional.", "direction"),
    # one justice, one first name, two surnames
    ("Justice Ilse Varga wrote the majority opinion.", "Justice Ilse Hartmann, writing for the majority, spoke.",
     "name"),
    # who brought the case, and a body whose aside tells its act
    ("The challenge was brought by the Civic Privacy Alliance.", "The case was brought by the Open Line Foundation.",
     "entity"),
    ("The case was brought by the Open Line Foundation.",
     "The Civic Privacy Alliance, which filed the challenge, welcomed the decision.", "entity"),
    # amending the law is changing it
    ("The government will ask parliament to amend the law, according to Interior Minister Pavel Dorn.",
     "Interior Minister Pavel Dorn said the government would not change the law.", "negation"),
]

NOT = [
    # a chief justice is a justice; a ministry after a title word names no one
    ("Chief Justice Ilse Varga wrote it.", "Justice Ilse Varga wrote it."),
    ("The Justice Ministry said so.", "Justice Ilse Hartmann said so."),
    # two rulings on two things
    ("The appeals court upheld his conviction.", "The court overturned the ban on protests."),
    # schools that grew an outbreak are not what is counted
    ("A child has died of measles in Carrowmoor, where an outbreak has spread through six schools.",
     "A measles outbreak in Carrowmoor's schools has grown to 46 confirmed cases."),
]


@pytest.mark.parametrize("a,b,kind", PLANTED)
def test_the_fifty_second_to_fifty_fourth_stories_rules_catch(a, b, kind):
    assert kind in {m.kind for m in find_mismatches(a, b, 2026, 2026).mismatches}


@pytest.mark.parametrize("a,b", NOT)
def test_they_leave_different_things_alone(a, b):
    assert find_mismatches(a, b, 2026, 2026).mismatches == ()


@pytest.mark.parametrize("sentence,counted", [
    ("Two Carrowmoor schools stay shut as measles cases rise", "Two schools"),
    ("Officials confirmed 64 measles infections linked to six of the city's schools.", "64 infections"),
    ("The outbreak has grown to 46 confirmed cases.", "46 cases"),
    ("Three children were killed.", "Three children"),
])
def test_what_a_figure_counts_skips_places_and_modifiers(sentence, counted):
    assert counted in [q.text for q in quantities(sentence)]
