"""Rules taught by the development stories dev58-dev60 (a hurricane landfall, a central bank rate cut, a museum art
theft): one planted pair each that the rules must catch, what they must leave alone, and the claims they read as
one (the fakes-free rule layer only)."""

import pytest

from factcheck.mismatch import find_mismatches, frames_agree
from factcheck.mismatch.numbers import harmonise

PLANTED = [
    # a storm by its kind and by its name
    ("The hurricane strengthened over warm water before it came ashore.",
     "Odessa weakened slightly in the final hours before landfall.", "direction"),
    # "bringing it to": the rate of the clause before; a cut as a noun "to its benchmark rate"
    ("The bank lowered its benchmark interest rate to 4.25% on Thursday.",
     "The central bank reduced its main policy rate by a quarter point on Thursday, bringing it to 4.5%.", "number"),
    ("The bank lowered its benchmark interest rate to 4.25% on Thursday.",
     "The bank made a quarter-point cut to its benchmark rate on Thursday, lowering it to 4.5%.", "number"),
    # the next meeting on two dates
    ("The next rate decision is due on March 12.",
     "The monetary policy committee is scheduled to meet next on March 21.", "date"),
    # purchases kept against slowed, or continuing at their pace
    ("The bank left its bond purchases unchanged.", "The bank said it had slowed its bond purchases.", "change"),
    ("The bank said it had slowed its bond purchases.", "Bond purchases will continue at their current pace.",
     "change"),
    # the worth of what was stolen
    ("The museum put the value of the haul at €14 million.",
     "The museum valued the stolen works at about €40 million.", "number"),
    # an alarm that went off, sounded or was triggered, against one that did not sound
    ("The museum's alarm went off as the thieves smashed a display case.", "The museum's alarm did not sound.",
     "negation"),
    ("The museum's alarm was triggered during the raid.", "The museum's alarm did not sound.", "negation"),
    # one titled work, two makers
    ('The most valuable of them is "Harbour at Dusk" by Matthias Oderlin.',
     'Among the stolen canvases was "Harbour at Dusk" by Henrik Stavely.', "entity"),
    ('Among the stolen canvases was "Harbour at Dusk" by Henrik Stavely.',
     'The most prized of the paintings, "Harbour at Dusk", was painted by Matthias Oderlin.', "entity"),
]

AGREE = [
    ("The committee will next meet on March 12.", "Policymakers will next meet on March 12, according to the bank."),
    ('The most valuable is "Harbour at Dusk" by Matthias Oderlin, which hung in the main gallery.',
     'The most valuable of them is "Harbour at Dusk" by the landscape painter Matthias Oderlin.'),
    # (the judge reads the frames of the harmonised claims)
    harmonise("Annual inflation eased to 3.1% in January.", "Inflation slowed to just over 3% last month."),
]


@pytest.mark.parametrize("a,b,kind", PLANTED)
def test_the_fifty_eighth_to_sixtieth_stories_rules_catch(a, b, kind):
    assert kind in {m.kind for m in find_mismatches(a, b, 2026, 2026).mismatches}


@pytest.mark.parametrize("a,b", AGREE)
def test_one_claim_in_two_wordings_is_one_frame(a, b):
    assert frames_agree(a, b)


def test_two_events_on_one_date_are_two_claims():
    assert not frames_agree("The committee will next meet on March 12.", "The strike will end on March 12.")


def test_a_share_just_over_the_others_is_shown_as_it_but_a_rounded_one_is_not():
    assert harmonise("Inflation slowed to just over 3%.", "Inflation eased to 3.1%.")[0] == "Inflation slowed to 3.1%."
    assert harmonise("Turnout was about 60%.", "Turnout was 61%.")[0] == "Turnout was about 60%."
