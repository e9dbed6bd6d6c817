"""Rules taught by the development stories dev34-dev42 (a derailment, a carmaker's results, a corruption verdict, a
wildfire, a hospital ransomware attack, a football manager sacked, a council budget vote, an emergency landing, a
drug recall):
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
    # dev37-39: a cause suspected against ruled out; winds that dropped or are calmer against strengthening
    ("Arson has been ruled out, and investigators believe lightning sparked the blaze.",
     "Police suspect arson and appealed for witnesses.", "negation"),
    ("Arson is not suspected, and investigators have attributed the blaze to lightning.",
     "Police suspect arson and appealed for witnesses.", "negation"),
    ("Police are treating the crash as sabotage.", "Investigators found no evidence of sabotage.", "negation"),
    ("Forecasters said winds were strengthening across the ridge overnight.",
     "Winds had dropped considerably by the evening.", "direction"),
    ("Forecasters said winds were strengthening across the ridge overnight.",
     "Calmer winds overnight allowed firefighters to reinforce containment lines.", "direction"),
    # planned work went ahead against postponed
    ("Non-urgent surgeries were postponed at all four sites.", "Planned operations went ahead as scheduled.",
     "change"),
    # a subject before an aside
    ("Shares in the club, which is listed in Harrowgate, rose 4 percent after the announcement.",
     "The club's shares fell 4 percent in Harrowgate trading after the news broke.", "direction"),
    # resigned against sacked; one match, two scores; a spell of months written as an adjective
    ("Piet Vandermolen resigned as manager of Harrowgate Rovers on Monday.",
     "Harrowgate Rovers dismissed manager Piet Vandermolen on Monday.", "negation"),
    ("Rovers dismissed him following a 4-1 thrashing at home.", "Rovers sacked him after a 3-1 loss at home.",
     "number"),
    ("He had been manager for 18 months.", "Vandermolen's 14-month spell in charge ends.", "number"),
    # dev40-42: a tally of both sides, a sum written as an adjective, a rate that will go up
    ("Councillors in Veldmoor passed the city's budget on Tuesday, 36-15.",
     "Thirty-one councillors backed the plan and 20 opposed it.", "vote"),
    ("Councillors passed the budget 36-15.", "The council approved it with more than 30 councillors in favour and "
                                              "20 against.", "vote"),
    ("The council approved a budget of 4.2 billion euros.", "The council voted to approve a 2.4-billion-euro budget.",
     "number"),
    ("Under the package, the property tax rate will go up by 3.5 percent next year.",
     "The budget raises property tax by 5.3%.", "number"),
    # one person, two offices; a challenge in court and its denial; a cost revised both ways
    ("Finance chair Tomas Rehn said the rise was painful.", "Deputy Mayor Tomas Rehn defended the increase.", "title"),
    ("The opposition Civic Alliance said it would not challenge the budget in court.",
     "The opposition Civic Alliance has said it will contest the budget in court.", "negation"),
    ("The estimated cost of the tram had been revised upward after new surveys.",
     "The projected cost of the tram had been cut after a review of tenders.", "direction"),
    # a fleet grounded against in service; a landing at two times; a span after one event; one unit in two spellings
    ("Solvane Air said it had grounded its remaining A-220 aircraft.",
     "Solvane Air's other A-220 jets remain in service.", "change"),
    ("The plane landed at 5:40 p.m.", "Captain Marta Ostrowe brought the jet down safely at 3:40 p.m.", "time"),
    ("The engine shut down 18 minutes after departure.", "The engine failed 40 minutes after take-off.", "number"),
    ("The batches contained the compound at 0.6 ppm.", "Tests showed the impurity at 1.6 parts per million.",
     "number"),
    ("Patients should keep taking their medicine until they have spoken to a doctor.",
     "Dr. Lena Okafor said patients should stop taking the tablets.", "negation"),
    # parts that are among the others add up to nothing
    ("Seven paintings were stolen from the museum.", "They took five paintings, among them two portraits.", "number"),
    # dev43-45: marchers under other nouns, two demands, one deal's price, parts of a year, storeys, sign-off
    ("Police said about 84,000 people marched through central Orsenne.",
     "Some 48,000 demonstrators filled the streets of Orsenne.", "number"),
    ("The unions are demanding a 12 percent pay rise.", "The union is pressing for a 21 percent rise in basic pay.",
     "number"),
    ("Varnell said it would buy Quillpoint Labs in a cash-and-stock deal worth $3.4 billion.",
     "Varnell Systems is buying Quillpoint Labs, its rival for data contracts, for $4.3 billion, the companies said.",
     "number"),
    ("The companies expect the deal to close in the first quarter of 2027.",
     "The companies expect the transaction to close in the third quarter of 2027.", "date"),
    ("A five-storey apartment building collapsed on Tuesday.", "A seven-storey building collapsed on Tuesday.",
     "number"),
    ("Regulators must still sign off on the purchase.", "The regulator has already approved the acquisition.",
     "negation"),
    # a negated predicate said of the same object; a search called off against continuing; two premiums
    ("City records show the building had never been declared unsafe.",
     "Inspectors had declared the building unsafe last year, city officials said.", "negation"),
    ("The search for survivors is continuing, officials said.",
     "After 32 hours, rescue officials called off the search for survivors.", "change"),
    ("The offer represents a premium of 28 percent over the closing share price.",
     "The price is 48 percent above where the shares closed the previous day.", "number"),
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
    # "not ruled out" is no denial; one result in either order; a vote is not a score
    ("Police have not ruled out arson.", "Police suspect arson."),
    ("They lost 1-3 at home.", "A 3-1 home defeat ended his spell."),
    # the parts add up to the total; who was on board is not who was hurt; keep taking is not stopping
    ("The aircraft was carrying 186 passengers and six crew members, or 192 people on board.",
     "None of those on board was hurt."),
    ("Solvane Air jet diverts after engine failure, all 192 on board safe",
     "The jet had 186 passengers and a crew of six on board."),
    ("Patients should keep taking their medicine.", "Patients should not stop taking the drug."),
    ("Thirty-one councillors backed the plan.", "The plan was backed by 31 councillors."),
    # a union's leader and its general secretary; nearly 30 percent is 28; a collapsed building ends no search; the
    # dead are not the rescued
    ('"We cannot live on promises," union leader Marta Kovel told the crowd.',
     '"It is a slap in the face," said Marta Kovel, the union\'s general secretary.'),
    ("The offer is a premium of 28 percent over the closing price.",
     "The package is worth nearly 30 percent more than the last closing price."),
    ("The search for survivors is continuing, officials said.",
     "Rescuers pull survivors from collapsed Marrowgate building"),
    ("Six people were confirmed dead.", "Eleven residents and workers were dug out alive."),
    ("Sales rose in the first quarter of 2027.", "Profit fell in the third quarter of 2027."),
    ("The companies expect the deal to close in the first quarter of 2027.",
     "The companies expect the deal to close in the first half of 2027."),
    # "no" before a noun is no negated predicate of an object the other names
    ("The study compared families with an ADHD child and families with no ADHD children.",
     "Other conditions can mimic the symptoms of ADHD, said McCormick, a family doctor."),
    # an assistant manager, twice
    ("Declan Orrey, the club's assistant manager, is in temporary charge.",
     "Assistant manager Declan Orrey will lead the team."),
    # a player suspended is not the play resumed
    ("Play resumed after the rain.", "The league suspended the player for three matches."),
]


@pytest.mark.parametrize("a,b,kind", PLANTED)
def test_the_thirty_fourth_to_forty_second_stories_rules_catch(a, b, kind):
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


def test_a_possessive_day_beside_another_day_is_an_earlier_event():
    found = find_mismatches("Vandermolen resigned as manager on Monday.",
                            "Rovers sacked Vandermolen, the club confirmed on Monday, after Saturday's loss.")
    assert "date" not in {m.kind for m in found.mismatches}
    # alone, it dates the event: "Monday's crash" against "crashed on Tuesday"
    found = find_mismatches("Monday's crash killed three people.", "The train crashed on Tuesday.")
    assert "date" in {m.kind for m in found.mismatches}
