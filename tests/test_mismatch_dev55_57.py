"""Rules taught by the development stories dev55-dev57 (a bank data breach, a rail strike, a satellite launch): one
planted pair each that the rules must catch, and what they must leave alone (the fakes-free rule layer only)."""

import pytest

from factcheck.mismatch import find_mismatches, frames_agree
from factcheck.units import claim_units

PLANTED = [
    # account holders and customers are people
    ("Hackers gained access to the personal details of 830,000 account holders.",
     "Some 380,000 customers had their personal information exposed.", "number"),
    # a spokesperson and a chief information officer, one person
    ("Chief information officer Daniel Okafor said the intrusion was spotted on Thursday.",
     "The bank discovered the intrusion on Thursday, according to spokesperson Daniel Okafor.", "title"),
    # who investigates
    ("Ravelstone Security has been hired to investigate the intrusion.",
     "Northgate Cyber, a security firm, has been called in to investigate the attack.", "entity"),
    ("Investigators from Ravelstone Security are examining how the attackers got in.",
     "Northgate Cyber, a security firm, has been called in to investigate the attack.", "entity"),
    # a service restored against still suspended, with an aside before the state
    ("Online banking remains suspended while the investigation continues.",
     "Online banking, which was shut down as a precaution, has been restored.", "change"),
    ("Online banking remains suspended while the investigation continues.",
     "Online banking, switched off after the breach was found, is working again.", "change"),
    # an offer raised against cut
    ("The state operator raised its pay offer earlier this month.",
     "Calvenian National Railways cut its pay offer earlier this month.", "direction"),
    # a speaker between the claim and its purpose
    ("Freight trains will not run during the stoppage, the operator said.",
     "Freight trains will run as normal, the operator said, to keep supply chains moving.", "negation"),
    # reaching an orbit, said three ways
    ("Velsat-3 was placed in its intended orbit.", "Velsat-3 failed to reach its planned orbit.", "negation"),
    ("Velsat-3 failed to reach its planned orbit.", "The satellite had successfully entered its planned orbit.",
     "negation"),
    # a launch on two days
    ("Velmaria sent its newest weather satellite, Velsat-3, into space on Friday from the Tarrow Point spaceport.",
     "A Calder-2 rocket carrying the Velsat-3 weather satellite blasted off from Tarrow Point on Thursday.", "date"),
]

NOT = [
    # a place left at a time is no level kept
    ("The rocket left the pad at 14 minutes past six in the morning.", "The rocket lifted off at 6:14 a.m."),
    # talks' hours are no strike's length; negotiators are no talks
    ("Talks broke down last week after ten hours of negotiation.",
     "The network faces a three-day walkout from Monday."),
]


@pytest.mark.parametrize("a,b,kind", PLANTED)
def test_the_fifty_fifth_to_fifty_seventh_stories_rules_catch(a, b, kind):
    assert kind in {m.kind for m in find_mismatches(a, b, 2026, 2026).mismatches}


@pytest.mark.parametrize("a,b", NOT)
def test_they_leave_different_things_alone(a, b):
    assert find_mismatches(a, b, 2026, 2026).mismatches == ()


def test_a_time_in_minutes_past_the_hour_is_one_clock_time():
    assert frames_agree("The rocket left the pad at 14 minutes past six in the morning.",
                        "The rocket lifted off at 6:14 a.m. local time.")


def test_a_speaker_between_a_claim_and_its_purpose_is_taken_out_but_a_dated_one_stays():
    assert [u.text for u in claim_units("Freight trains will run as normal, the operator said, to keep supply "
                                        "chains moving.")] == ["Freight trains will run as normal, to keep supply "
                                                                "chains moving."]
    units = claim_units("Rovers have sacked Vandermolen, the club confirmed on Monday, after Saturday's loss.")
    assert "Monday" in units[0].text


def test_a_share_in_words_is_compared_with_one_in_digits_and_shown_to_the_model_as_it():
    from factcheck.mismatch.numbers import harmonise

    assert find_mismatches("Nearly all services will be cancelled.",
                           "About 40 percent of services are expected to be cancelled.").mismatches
    assert find_mismatches("Nearly all services will be cancelled.",
                           "About 95 percent of services are expected to be cancelled.").mismatches == ()
    assert harmonise("Nearly all services will be cancelled.", "About 95 percent of services will be cancelled.")[0] \
        == "About 95 percent of services will be cancelled."


def test_what_would_have_happened_did_not():
    assert find_mismatches("The aim was to make sure shoppers did not end up paying more at the checkout.",
                           "Shoppers would have ended up paying more, the chair said.").mismatches == ()


def test_a_negated_verb_is_not_said_of_the_same_object_by_its_ing_form():
    # DUC 2006 (train): "won't address all the problems" / "addressing the housing problem" are two claims
    assert find_mismatches("To begin addressing the housing problem, Clinton announced a partnership.",
                           "The head of the bureau said the money is welcome but won't address all the problems."
                           ).mismatches == ()
