"""Rules taught by the development stories dev46-dev48 (an embezzlement verdict, an earthquake, quarterly results and
job cuts) and by the entity misses of dev36-dev45 (who ordered, called, claimed, measured or audited it): one planted
pair each that the rules must catch, and what they must leave alone (the fakes-free rule layer only)."""

import pytest

from factcheck.mismatch import find_mismatches, frames_agree
from factcheck.mismatch.agents import agent_mismatches
from factcheck.mismatch.clock import clock_times_as_words

PLANTED = [
    # a sentence's first word is the sum's own noun, not a party paying part of a total
    ("Quarterly revenue totalled $3.1 billion, Halvergate said.", "Revenue was $3.8 billion, according to the company.",
     "number"),
    # a quarter without its year
    ("The company published its results for the third quarter.", "The company reported results for the second quarter.",
     "date"),
    # one first name, two close surnames that are not one spelling
    ("Marta Kessling, who leads the Allied Metalworkers union, called the decision a betrayal.",
     "Marta Kessler, head of the Allied Metalworkers union, said the union would fight the cuts.", "name"),
    # the death toll names its fate however far before the figure
    ("In all, 23 people lost their lives when an earthquake shook the Varden Mountains on Thursday.",
     "The death toll from Thursday's earthquake in the Varden Mountains stood at 14.", "number"),
    # a magnitude put at a figure
    ("The Kestrel Seismic Institute put the magnitude at 6.1.", "It registered magnitude 6.4.", "number"),
    # a time in words with its part of the day
    ("The quake struck at twenty to eleven in the morning.", "The quake struck at 9:40 a.m. near the town.", "time"),
    ("The march began at half past ten in the morning.", "The march began at 14:00 local time.", "time"),
    # grown weaker against intensified
    ("Aftershocks intensified overnight.", "Those aftershocks have since grown weaker.", "direction"),
    # money taken under two verbs
    ("She was found guilty on Thursday of embezzling $4.2 million.",
     "A jury found that she diverted $2.4 million in city funds.", "number"),
    # taking the stand is testifying
    ("Maskell testified in her own defence.", "Maskell, who chose not to take the stand during the trial, wept.",
     "negation"),
    ("Maskell testified in her own defence.", "Maskell never took the witness stand.", "negation"),
    # one act, two named doers
    ("The recall was ordered by the Federal Drug Standards Office.",
     "The Medicines Safety Authority ordered the recall.", "entity"),
    ("The strike was called by the Federation of Municipal Workers.",
     "The General Union of Public Servants, the country's largest labour federation, called the strike.", "entity"),
    ("Quillpoint was advised by Castellan Partners.", "Harlow Brothers acted as financial adviser to Quillpoint.",
     "entity"),
    ("The shallow quake was recorded by the National Geological Survey.",
     "The Kestrel Seismic Institute measured the quake.", "entity"),
    ("A gang calling itself Vanta Spider claimed responsibility for the attack.",
     "A group known as Grey Lotus later claimed the attack.", "entity"),
]

NOT = [
    # a dividend per share is no level of the shares
    ("The dividend was kept unchanged at 40 cents per share, the board said.",
     "Shares in the company fell after the announcement."),
    # a day before a comma is no name ("reopen Monday, the governor said")
    ("Schools will reopen Monday, the governor said.", "More than 200 people were injured, Governor Anselm Reyk said."),
    # one spelling of one name; the same person
    ("Marta Kessling said so.", "Marta Kessling, head of the union, said workers were angry."),
    # a fine and a total are still a part and a whole
    ("Fines totalling 412 million euros were imposed.", "Brennhof was ordered to pay 118 million euros."),
    # what is higher is the noun after it: profit up, jobs cut are two things
    ("Halvergate made a higher profit.", "Halvergate will cut jobs."),
    # two acts of one kind done to two things; one agent named by both; a shared word of the name
    ("The evacuation was ordered by the Harlow County Sheriff.", "The Harlow County Council ordered the evacuation."),
    ("The recall was ordered by the Federal Drug Standards Office.",
     "The Federal Drug Standards Office and the Medicines Safety Authority ordered the recall."),
    ("The Red Cross put the death toll at 20.", "The National Geological Survey measured the quake."),
    # a bare "ten to one" is odds
    ("The bookmakers gave odds of ten to one.", "The race began at 9:40 a.m."),
]


@pytest.mark.parametrize("a,b,kind", PLANTED)
def test_the_forty_sixth_to_forty_eighth_stories_rules_catch(a, b, kind):
    assert kind in {m.kind for m in find_mismatches(a, b, 2026, 2026).mismatches}


@pytest.mark.parametrize("a,b", NOT)
def test_they_leave_different_things_alone(a, b):
    assert find_mismatches(a, b, 2026, 2026).mismatches == ()


def test_a_time_in_words_reaches_the_model_as_a_clock_time():
    assert clock_times_as_words("It began at half past ten in the morning.") == "It began at 10:30 a.m."
    assert clock_times_as_words("It ended at eight o'clock in the evening.") == "It ended at 8 p.m."
    assert clock_times_as_words("Odds of ten to one.") == "Odds of ten to one."


def test_an_agent_shown_is_the_name_as_written_and_aligned_when_one_thing_is_done():
    found = agent_mismatches("The recall was ordered by the Federal Drug Standards Office.",
                             "The Medicines Safety Authority ordered the recall.")
    assert [(m.a, m.b, m.aligned) for m in found] == [
        ("Federal Drug Standards Office", "Medicines Safety Authority", True)]


def test_a_body_named_by_its_initials_is_the_same_body():
    assert agent_mismatches("The test was conducted by the University of California at Los Angeles and Riverside.",
                            "The test, conducted by UCLA and UC Riverside, was paid for by the board.") == []


AGREE = [
    # one sentence's upper bound told two ways, one fate
    ("She faces a maximum of 20 years in prison.", "She could receive up to 20 years when she is sentenced."),
    ("Maskell faces up to 20 years in prison.", "Maskell could face as much as 20 years behind bars."),
    # jobs that go, two verbs of one direction
    ("Halvergate Systems will cut 1,200 positions.", "Halvergate Systems plans to shed 1,200 jobs."),
    # one strength, two words
    ("By Friday the aftershocks had eased.", "Those aftershocks have since grown weaker."),
    # one clock time, in digits and in words
    ("The quake hit at 10:40 a.m., shaking the town.", "The quake struck at twenty to eleven in the morning."),
    # one negated predicate of one person
    ("Maskell did not testify.", "Maskell, who chose not to take the stand during the trial, showed no reaction."),
]

NOT_AGREE = [
    ("The quake hit at 10:40 a.m.", "The quake hit at 9:40 a.m."),
    ("Winds eased overnight.", "Winds strengthened overnight."),
    ("Maskell did not testify.", "Maskell did not appeal."),
    ("Maskell did not testify.", "Okafor did not testify."),
]


@pytest.mark.parametrize("a,b", AGREE)
def test_one_claim_in_two_wordings_is_one_frame(a, b):
    assert frames_agree(a, b)


@pytest.mark.parametrize("a,b", NOT_AGREE)
def test_two_claims_are_not_one_frame(a, b):
    assert not frames_agree(a, b)
