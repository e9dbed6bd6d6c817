"""Rules taught by the development stories dev70-dev72 (a by-election and its recount, a carmaker's brake recall, a
painkiller study), written after dev64-dev69's rules; each case in other words than the stories' own, with what the
rule must not catch beside it (the fakes-free rule layer only)."""

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
