"""Rules taught by the development stories dev70-dev75 (a by-election and its recount, a carmaker's brake recall, a
painkiller study; a heatwave blackout, a bank merger, a mountain rescue), written after dev64-dev69's rules; each case
in other words than the stories' own, with what the rule must not catch beside it (the fakes-free rule layer only)."""

import pytest

from factcheck.mismatch import find_mismatches


def kinds(a: str, b: str) -> list[str]:
    return [m.kind for m in find_mismatches(a, b).mismatches]


PLANTED = [
    # a margin with no noun of its own is of what the sentence counts
    ("Okoro won with a majority of 3,410 votes.", "Okoro finished with a majority of 4,310 over his rival.", "number"),
    # "X did Y and said Z": the first claim is not lost in the speaker
    ("Marsh conceded on Friday night.", "Marsh has not conceded and said he would seek a recount.", "negation"),
    # one office, two people
    ("Returning officer Dana Pike declared the result.", "Returning officer Omar Hale read out the result.", "name"),
    # counted nouns that name one thing
    ("The firm will call back 61,000 vehicles.", "The firm is recalling 16,000 cars.", "number"),
    ("The plant employs 1,200 workers.", "The plant has 2,100 employees.", "number"),
    # a company's stock is its shares
    ("Orvane shares rose after the news.", "Orvane stock slid after the announcement.", "direction"),
    # one inquiry, two months
    ("Regulators began investigating in February.", "The agency opened an investigation in October.", "date"),
]

NOT = [
    ("Okoro won with a majority of 3,410 votes.", "Okoro won with a majority of 3,410 over his rival."),
    ("The firm will call back 61,000 vehicles.", "The firm is recalling 61,000 cars."),
    ("Exports rose in May.", "Imports fell in June."),
    ("The plant employs 1,200 workers.", "The plant makes 2,100 cars a week."),
]


@pytest.mark.parametrize("a,b,kind", PLANTED)
def test_dev70_72_rules_catch_what_they_were_written_for(a, b, kind):
    assert kind in kinds(a, b)
    assert kind in kinds(b, a)


@pytest.mark.parametrize("a,b", NOT)
def test_dev70_72_rules_leave_compatible_pairs_alone(a, b):
    assert kinds(a, b) == []


# --- dev73-dev75 (a heatwave blackout, a bank merger, a mountain rescue), written after dev70-dev72's rules
PLANTED_73_75 = [
    # one deal however it is said: "will merge ... worth" / "is merging ... for"
    ("Ostra Bank will merge with Pell Trust in a deal worth $2.8 billion.",
     "Pell Trust is merging with Ostra Bank for $3.5 billion, the banks said.", "number"),
    # "the loss of N jobs" is a layoff, not a company's loss
    ("The merger will eliminate 600 jobs.", "The merger will lead to the loss of 900 jobs.", "number"),
    ("The takeover will lead to the loss of 900 jobs.", "Some 600 roles will go after the takeover.", "number"),
    # a chairman and a chief executive are two offices
    ("Pell chief executive Ana Roth welcomed the deal.", "Pell chairman Ana Roth welcomed the deal.", "title"),
    # "not the result of" is "not caused by"
    ("The fire was not the result of arson, police said.", "The blaze was caused by arson.", "negation"),
    # "able" against "unable"
    ("The lifeboat was able to launch despite the swell.", "The swell meant the lifeboat was unable to launch.",
     "negation"),
    # one rescue, two days; one rescue team reaching them at two times
    ("The climbers were brought to safety on March 9.", "The climbers were rescued on March 7.", "date"),
    ("The mountain team reached the climbers at 5:20 a.m.", "Mountain rescuers reached the two climbers at 8:45 a.m.",
     "time"),
]

NOT_73_75 = [
    ("Tens of thousands without power as heat grips Arlen", "Arlen grid fails in heatwave as thousands lose power"),
    ("The bank reported a loss of $40 million.", "The bank reported a loss of $40m."),
    ("The lifeboat was able to launch.", "He was unable to attend the meeting."),
]


@pytest.mark.parametrize("a,b,kind", PLANTED_73_75)
def test_dev73_75_rules_catch_what_they_were_written_for(a, b, kind):
    assert kind in kinds(a, b)
    assert kind in kinds(b, a)


@pytest.mark.parametrize("a,b", NOT_73_75)
def test_dev73_75_rules_leave_compatible_pairs_alone(a, b):
    assert kinds(a, b) == []
