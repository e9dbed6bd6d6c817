"""Rules taught by the development stories dev49-dev51 (a mayoral runoff, river flooding, a cup final): one planted
pair each that the rules must catch, what they must leave alone, and the claims they read as one (the fakes-free
rule layer only)."""

import pytest

from factcheck.mismatch import find_mismatches, frames_agree

PLANTED = [
    # one person, two parties
    ("Elena Marsh of the Civic Alliance won Sunday's runoff.", "Elena Marsh of the Progress Party was elected mayor.",
     "entity"),
    ("Elena Marsh of the Progress Party has been elected mayor.", "Civic Alliance candidate Elena Marsh won.",
     "entity"),
    # a margin in votes and in ballots
    ("She defeated her rival by about 12,000 votes.", "Marsh finished some 21,000 ballots ahead of her opponent."),
    # "was up" is a level that moved
    ("Turnout fell compared with the first round.", "Compared with the first round, turnout was up.", "direction"),
    # taking office and being sworn in are one event
    ("She will take office on January 8.", "Marsh is due to be sworn in on January 18.", "date"),
    # an office held, said after the name
    ("The defeated candidate, Victor Hale, has served as the city's deputy mayor since 2019.",
     "Marsh's opponent was City Council President Victor Hale.", "title"),
    # a subject with an aside before its state
    ("The Kessel Bridge, the main crossing over the river in Brenmoor, remains closed to traffic.",
     "The Kessel Bridge in Brenmoor has reopened to traffic.", "change"),
    ("The Kessel Bridge, which links the two halves of Brenmoor, is still closed.",
     "The Kessel Bridge in Brenmoor has reopened to traffic.", "change"),
    # an order with its day between the verb and "by"; an order issued; residents told to leave
    ("The evacuation was ordered on Friday evening by the Hallendale Regional Emergency Agency.",
     "The Interior Ministry ordered the evacuation on Friday evening.", "entity"),
    ("Residents were told to leave by the Hallendale Regional Emergency Agency on Friday evening.",
     "The Interior Ministry ordered the evacuation on Friday evening.", "entity"),
    # a river's peak on two days
    ("The river crested at 6.2 metres in Brenmoor late Saturday.",
     "The Tarrow reached a high of 6.2 metres in Brenmoor early on Sunday.", "date"),
    # water rising against falling
    ("The water level is now falling slowly.", "The water was still rising after fresh rain overnight.",
     "direction"),
    ("The water has begun to go down.", "The water is still rising.", "direction"),
    # two venues of one kind
    ("The final was played at Harrowfield Park.", "The final was staged at Kingsmere Arena.", "entity"),
    # spectators and fans
    ("Some 41,000 spectators attended the final.", "About 14,000 fans attended the match.", "number"),
]
PLANTED = [(a, b, rest[0] if rest else "number") for a, b, *rest in PLANTED]

NOT = [
    # "mayor of Dorrington", "mayor on Sunday" name no one
    ("Elena Marsh has been elected mayor of Dorrington after winning 54 percent in Sunday's runoff.",
     "She will replace Mayor Paul Ostrander, who is leaving after two terms."),
    ("Voters in Dorrington elected Elena Marsh as their next mayor on Sunday.",
     "She will replace Mayor Paul Ostrander."),
    # one body named by both; two events on two dates
    ("Marta Kessling of the Allied Metalworkers union said so.",
     "Marta Kessling, head of the Allied Metalworkers union, spoke."),
    ("The bill was signed on January 8.", "He was sworn in on January 18."),
    # "set up", "up to": no level that moved
    ("The roads were down.", "The bridge was up."),
]


@pytest.mark.parametrize("a,b,kind", PLANTED)
def test_the_forty_ninth_to_fifty_first_stories_rules_catch(a, b, kind):
    assert kind in {m.kind for m in find_mismatches(a, b, 2026, 2026).mismatches}


@pytest.mark.parametrize("a,b", NOT)
def test_they_leave_different_things_alone(a, b):
    assert find_mismatches(a, b, 2026, 2026).mismatches == ()


def test_one_level_moving_one_way_without_a_figure_is_one_claim():
    assert frames_agree("The water has begun to go down.", "Water levels are now falling across the valley.")
    assert not frames_agree("Oil prices fell sharply.", "Gold prices fell sharply.")
    assert not frames_agree("The water has begun to go down.", "The water is still rising.")


MINUTES = [
    # one goal, two minutes of the match, in the forms match reports use
    ("Tomas Weyland struck the winner in the 88th minute.", "The winner came in the 78th minute."),
    ("The winner came in the 78th minute.", "Tomas Weyland then scored an 88th-minute winner."),
    ("The winner came in the 78th minute.", "Weyland settled the final two minutes from time."),
    ("Okoro equalised ten minutes into the second half.", "Okoro equalised in the 61st minute."),
]


@pytest.mark.parametrize("a,b", MINUTES)
def test_one_goal_at_two_minutes_of_the_match_is_a_time_mismatch(a, b):
    assert "time" in {m.kind for m in find_mismatches(a, b, 2026, 2026).mismatches}


def test_a_minute_inside_the_others_span_is_one_claim():
    assert frames_agree("Fenn headed Ravensholm in front shortly before the interval.",
                        "Fenn put Ravensholm ahead in the 44th minute.")
    assert find_mismatches("Fenn scored just before half-time.", "Fenn scored in the 44th minute.").mismatches == ()
    assert not frames_agree("Fenn scored in the 44th minute.", "Fenn scored in the 54th minute.")
