"""Rules taught by the development stories dev34-dev36 (a derailment, a carmaker's results, a corruption verdict):
one planted pair each that the rules must catch, and what they must leave alone (the fakes-free rule layer only)."""

import pytest

from factcheck.mismatch import find_mismatches, levels_apart
from factcheck.mismatch.names import two_offices

PLANTED = [
    # a level changed both ways, the thing named in a hyphenated compound
    ("Kestrel lowered its forecast for the full year.", "Despite the loss, Kestrel raised its full-year forecast.",
     "direction"),
    # a service resumed against one suspended or halted
    ("Services on the Larkmoor line resumed later on Monday.",
     "The operator suspended all services on the Larkmoor line for the rest of the week.", "change"),
    ("Services on the Larkmoor line resumed later on Monday.",
     "Trains on the Larkmoor line have been halted for the rest of the week.", "change"),
    # a phrasal negation with a condition after it
    ("Vossberg did not rule out further cuts if demand stays weak next year.",
     "Annika Vossberg, the chief executive, ruled out further cuts beyond the announced plan.", "negation"),
    # a verdict and its opposite, said of one charge (the defendant's name between them)
    ("He was also convicted of money laundering.",
     "However, the judges acquitted Mestek of money laundering, citing a lack of evidence.", "negation"),
    ("The court also found him guilty of laundering the money.",
     "However, the judges acquitted Mestek of money laundering.", "negation"),
    # one office and its second-in-line, for one named person
    ("Transport Minister Ines Varga visited the site.",
     "Deputy Transport Minister Ines Varga described the derailment as deeply shocking.", "title"),
    # jobs under another noun
    ("Kestrel said it would cut 5,400 jobs.", "The carmaker plans to reduce its workforce by 4,500 positions.",
     "number"),
    # one year, two months of one deadline
    ("Kestrel will close its plants in Halden and Morsund by September 2027.",
     "Plants in Halden and Morsund are to be closed by March 2027.", "date"),
    # kept where it is against cut
    ("The company said its dividend would stay where it is.", "It also slashed its dividend to preserve cash.",
     "change"),
    # a part of a whole, counted in the whole's noun
    ("Five carriages came off the tracks.", "Four of the train's six carriages derailed.", "number"),
    # power cut to homes is the homes that lost power, not jobs cut
    ("About 810,000 homes lost power on Tuesday.", "A fault cut electricity to 180,000 homes on Tuesday.", "number"),
    ("Norvik to shed 1,200 jobs as losses mount", "Norvik Motors will cut 2,100 jobs.", "number"),
]

ALIGNED = [
    # a loss said with a verb and with a noun: one figure of one result
    ("The company lost 2.1 billion euros in the quarter.", "Kestrel posted a net loss of 1.2 billion euros."),
    ("Transport Minister Ines Varga visited the site.", "Deputy Transport Minister Ines Varga spoke."),
    ("The court found him guilty of laundering the money.", "The judges acquitted Mestek of money laundering."),
    ("It also slashed its dividend.", "The dividend will remain the same as last year."),
    # jobs that go, under two nouns and two verbs
    ("Kestrel said it would cut 5,400 jobs.", "The carmaker plans to reduce its workforce by 4,500 positions."),
    # one derailment on two days
    ("Four carriages came off the tracks in Harwick Vale on Monday.",
     "A packed commuter train derailed in the town of Harwick Vale on Sunday."),
]

NOT = [
    # a loss and revenue are two results
    ("The company lost 2.1 billion euros in the quarter.", "Quarterly revenue was 31.4 billion euros."),
    ("The company lost 2.1 billion euros in the quarter.", "Revenue came in at more than 31 billion euros."),
    # a figure asked for is not the one handed down
    ("A court sentenced Mestek to six years in prison.", "Prosecutors, who had wanted an eight-year sentence, "
                                                         "said they were satisfied."),
    # years in office are no prison term
    ("Mestek served as deputy mayor for 12 years before resigning.", "Mestek was jailed for six years on Tuesday."),
    # the whole a part is counted of
    ("Four carriages came off the tracks on Monday.", "Four of the train's six carriages derailed."),
    # a player suspended is not the play resumed
    ("Play resumed after the rain.", "The league suspended the player for three matches."),
]


@pytest.mark.parametrize("a,b,kind", PLANTED)
def test_the_thirty_fourth_to_thirty_sixth_stories_rules_catch(a, b, kind):
    assert kind in {m.kind for m in find_mismatches(a, b, 2026, 2026).mismatches}


@pytest.mark.parametrize("a,b", ALIGNED)
def test_their_spans_align(a, b):
    assert [m.aligned for m in find_mismatches(a, b, 2026, 2026).mismatches] == [True]


@pytest.mark.parametrize("a,b", NOT)
def test_they_leave_different_things_alone(a, b):
    assert find_mismatches(a, b, 2026, 2026).mismatches == ()


def test_an_eight_year_sentence_is_shown_as_written():
    found = find_mismatches("He was jailed for six years.", "He was handed an eight-year prison term.")
    assert "eight-year" in [m.b for m in found.mismatches][0]


def test_one_person_a_chief_financial_officer_and_a_ceo_is_checked_across_sources():
    texts = ['"We have to adapt," said Annika Vossberg, Kestrel\'s chief financial officer.',
             "Kestrel's CEO, Annika Vossberg, said more job cuts were possible."]
    assert two_offices(texts, [0, 1]) == [(0, 1)]
    assert two_offices([texts[1], "Kestrel's chief executive, Annika Vossberg, said so."], [0, 1]) == []


def test_two_levels_that_moved_are_two_claims():
    assert levels_apart("Kestrel shares fell 7.8% by midday.", "Kestrel lowered its forecast for the full year.")
    assert not levels_apart("Kestrel shares fell 7.8%.", "Kestrel shares rose 7.8%.")
