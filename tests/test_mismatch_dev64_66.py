"""Rules taught by the development stories dev64-dev66 (an airliner's emergency landing, a corruption sentencing, a
football manager's sacking), written after every rule of the ninth session; each case in other words than the
stories' own, with what the rule must not catch beside it (the fakes-free rule layer only)."""

import pytest

from factcheck.mismatch import find_mismatches
from factcheck.mismatch.number_words import digits_for_words
from factcheck.mismatch.votes import scores, votes


def kinds(a: str, b: str) -> list[str]:
    return [m.kind for m in find_mismatches(a, b).mismatches]


PLANTED = [
    # a fraction of a scale is its value, so a different sum still differs
    ("The council was fined half a million pounds.", "The council was fined £1 million.", "number"),
    # a negated claim said of "her client" is said of the person the other names
    ("Marrow would appeal against the verdict.", "Her client would not appeal, the lawyer said.", "negation"),
    # an irregular past tense is its verb ("caught" / "did not catch")
    ("The warehouse roof caught fire.", "The warehouse roof did not catch fire, the brigade said.", "negation"),
    # a freeze lifted against one still in place
    ("A freeze on the charity's accounts was lifted on Monday.", "The charity's accounts remain frozen.", "change"),
    # lower-case offices of a city
    ("Former city treasurer Ana Kessler was charged on Monday.", "Former mayor Ana Kessler was charged on Monday.",
     "title"),
    # a match's score beside a word of losing is a score, not a vote split
    ("Dunmore lost 4-1 at home on Saturday.", "Dunmore were beaten 2-1 at home on Saturday.", "number"),
    ("Dunmore went down 4-1 at home on Saturday.", "Dunmore suffered a 2-1 home defeat on Saturday.", "number"),
    ("Alder beat Dunmore 3-1 in the final.", "Alder won the final, defeating Dunmore 2-1.", "number"),
    # "not unanimous" against "unanimously"
    ("The board voted unanimously to dismiss him.", "The decision to dismiss him was not unanimous.", "vote"),
]

NOT = [
    ("The council was fined half a million pounds.", "The council was fined £500,000."),
    ("A quarter of a million people marched.", "About 250,000 people marched."),
    ("Half a dozen homes were damaged.", "Six homes were damaged."),
    ("Marrow would appeal against the verdict.", "Her lawyer would not comment."),
    ("The accounts were frozen at first.", "The freeze on the accounts was lifted later."),
    # a match lost is not a level that fell
    ("Dunmore have climbed to 12th in the table.", "Dunmore went down 3-1 at home on Saturday."),
    # a motion defeated on a split is still a vote
    ("The board voted unanimously to dismiss him.", "The board's decision to dismiss him was unanimous."),
    ("The decision was not unanimous.", "The board voted 7-2 to dismiss him."),
]


@pytest.mark.parametrize("a,b,kind", PLANTED)
def test_dev64_66_rules_catch_what_they_were_written_for(a, b, kind):
    assert kind in kinds(a, b)
    assert kind in kinds(b, a)


@pytest.mark.parametrize("a,b", NOT)
def test_dev64_66_rules_leave_compatible_pairs_alone(a, b):
    assert kinds(a, b) == []


def test_fractions_of_a_scale_are_written_in_digits_for_the_model():
    assert digits_for_words("a fine of half a million dollars and a quarter of a million euros") == \
        "a fine of 500,000 dollars and 250,000 euros"


def test_a_split_beside_a_word_of_losing_is_a_score_and_beside_a_vote_a_vote():
    assert scores("Dunmore lost 4-1 at home.") == ((4, 1, "4-1"),) and votes("Dunmore lost 4-1 at home.") == ()
    assert [v.text for v in votes("The motion was defeated 6-3.")] == ["6-3"]
    assert scores("The motion was defeated 6-3.") == ()
    assert [v.text for v in votes("The decision was not unanimous.")] == ["not unanimous"]
