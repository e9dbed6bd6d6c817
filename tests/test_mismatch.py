"""Stage 7: planted contradictions of every kind are found; paraphrases and known false alarms are not."""

import pytest

from factcheck.mismatch import find_mismatches, frames_agree, quantities
from factcheck.mismatch.words import lemma

PLANTED = [
    ("27 people were injured in the blast.", "72 people were injured in the blast.", "number"),
    ("Russia has massed 100,000 troops near the border.", "Russia has massed 50,000 troops near the border.",
     "number"),
    ("The bridge is 2 km long.", "The bridge is five kilometres long.", "quantity"),
    ("Turnout was 64 percent.", "Turnout was 46%.", "number"),
    ("The talks were held on Wednesday.", "The talks were held on Thursday.", "date"),
    ("The summit opened on 3 March.", "The summit opened on March 4.", "date"),
    ("The ministers spoke on 27 January.", "The ministers spoke on Wednesday.", "date"),  # 2022-01-27: Thursday
    ("The dam was completed in 1998.", "The dam was completed in 2001.", "date"),
    ("Mayor John Smith opened the bridge.", "Governor John Smith opened the bridge.", "title"),
    ("Prime Minister Anna Berg resigned.", "Prime Minister Olaf Lund resigned.", "name"),
    ("The pacts known as Minsk I and Minsk II were signed.",
     "The First Minsk Agreement and the Second Russian Agreement were signed.", "entity"),
    ("The option has been ruled out.", "The option has not been ruled out.", "negation"),
    ("The company reported a profit for the quarter.", "The company reported a loss for the quarter.", "negation"),
    ("The ministry confirmed the report on Monday.", "The ministry denied the report on Monday.", "negation"),
    ("The firm lost $3bn last year.", "The firm lost $5 billion last year.", "number"),
    ("Troops were sent to South Korea on Monday.", "Troops were sent to North Korea on Monday.", "entity"),
    # claim frames: counts under other nouns, measures, direction, change, votes, phrasal negation, steps
    ("Four staff died in the fire.", "Six employees lost their lives in the blaze.", "number"),
    ("Residents within three miles were told to stay indoors.", "People within eight miles were told to leave.",
     "quantity"),
    ("Investigators have ruled out arson, the fire chief said.", "Arson has not been ruled out, according to police.",
     "negation"),
    ("Unemployment fell to 5.2% in March.", "Unemployment rose to 5.2% in March, figures showed.", "direction"),
    ("The council approved the plan on Monday.", "The council rejected the plan on Monday.", "direction"),
    ("The bank cut its rate by half a point to 3%.", "The bank left its rate unchanged at 3.5%.", "change"),
    ("The board approved the merger in an 8-1 vote.", "Six of the nine members voted in favour of the merger.",
     "vote"),
    ("The court ruled 8-1 in favour of the city.", "The court ruled 6-3 in favour of the city.", "vote"),
    ("The bank raised its rate by a quarter point to 2.75%.", "The bank raised its rate by 0.5 points to 3%.",
     "number"),
]

COMPATIBLE = [
    ("The road is two kilometres long.", "The road is 2 km long."),
    ("At least three people died in the crash.", "Three people died in the crash."),
    ("More than two dozen people were hurt.", "27 people were hurt."),
    ("About 100 people attended the rally.", "Some 97 people attended the rally."),
    ("Between 20 and 30 people attended.", "25 people attended."),
    ("Dozens of people were arrested.", "Police arrested 40 people."),
    ("The war began in 2014 and 300 soldiers died.", "In 2014, 300 soldiers died in the war."),
    ("The Airbus A320 crashed, killing 150.", "The A320 crashed and 150 people died."),
    ("COVID-19 cases rose by 12 percent.", "Cases of COVID-19 rose 12%."),
    ("Secretary of State Antony Blinken spoke to Wang.", "Secretary Anthony Blinken spoke to Wang."),
    ("Late on Wednesday in Washington, when it was already Thursday in Beijing, they spoke.",
     "They spoke on Wednesday."),
    ("Chinese Foreign Minister Wang Yi called.", "Wang, China's foreign minister, called."),
    ("Police said five people were hurt in the crash on Friday.",
     "Five people were injured in Friday's crash, according to police."),
    ("A student scores 72M playing the stock market.", "A student made 72 million trading stocks."),
    ("Apple will ship 15M watches in 2015.", "Apple will ship 15 million watches in 2015."),
    ("The board approved the merger in an 8-1 vote.", "Eight of the nine members voted in favour of the merger."),
    ("The measure passed 8-1.", "The measure passed by eight votes to one."),
    ("Four staff died in the fire.", "Four employees lost their lives in the blaze."),
    ("Investigators have ruled out arson.", "Arson has been ruled out, the fire chief said."),
    ("Unemployment fell to 5.2% in March.", "In March, the jobless rate fell to 5.2%."),
    ("The bank raised its rate by a quarter point to 2.75%.", "The bank raised rates by 25 basis points to 2.75%."),
    ("The bank kept its rate unchanged at 3%.", "Rates were left on hold at 3%, the bank said."),
    ("Exports rose 4% in May.", "Imports fell 2% in June."),  # two different things changing
    ("Six people died in the fire.", "The council voted 6-3 to approve the relief fund."),  # a count, a vote
    ("Sales rose in the first quarter.", "Profits fell in the first quarter."),  # two different things
    ("The bank raised its rate to 3%.", "The bank cut 200 jobs."),
    # from MRPC train paraphrases (real news pairs of two outlets)
    ("The Pentagon singled out an officer for failing to address the scandal.",
     "The Pentagon singled out an officer for not addressing the scandal."),  # "failing to" is a negation too
    ("I dont know anybody in the committee who is fighting it.", "I don't know anybody in the committee who is "
     "fighting it."),
    ("Fletcher, a three-term congressman, won 57 percent of the vote.", "Fletcher won 88,747 votes, or 57 percent."),
    ("Chinese Foreign Minister Wang Yi called.", "Foreign Minister Wang Yi called."),  # a portfolio dropped
    ("Acme shares fell 4% on Tuesday.", "Acme shares lost 4% on Tuesday."),
    ("The train was travelling at 140 km/h.", "The train was going at 140 kilometres per hour."),
    ("Five of the nine members voted on Tuesday to close the library.", "The council voted 5-4 to close it."),
    ("The firm was fined $4.2 million on Monday.", "The firm's profit rose to $310 million last year."),  # two sums
    ("Judge Maria Lindqvist dismissed the case.", "Judge M. Lindqvist dismissed the case."),  # an initial
    ("President George W. Bush spoke.", "President George Bush spoke."),
    ("The storm made landfall at around 2 a.m.", "The storm made landfall at 2:20 a.m."),
    ("The blast came at 11:50 p.m.", "The blast came just before midnight."),  # across midnight
    ("The quake struck at 3 a.m., killing 40.", "The quake killed 40 people."),  # "3 a.m." is no count
    ("It was the deadliest quake since 1998, when 112 people were killed.", "The quake killed 42 people."),
    ("Flights left from London.", "Flights left for Paris."),  # two places of a trip
    ("In Havana, the boy's father was outraged.", "His relatives want to keep him in the United States."),
    ("Shots were fired in Parliament.", "A soldier was shot in Ottawa."),  # an institution, not a place name
    ("Five carriages of the Harlow train overturned.", "The Harlow train had 200 passengers on board."),  # a place
    ("Shares jumped 18% on Monday.", "The offer is a 25% premium to Friday's close."),  # a reference day
    ("Acme expects to complete the deal in May.", "Acme does not expect any job cuts."),  # two predictions
    # Emergent train: "to stop him from turning" negates "turning" as "won't turn" does
    ("President of Argentina adopts godson to stop him from turning into a werewolf",
     "Argentina's President Just Adopted a Son So He Won't Turn into a Werewolf"),
]

# Related sentences of real multi-document news (DUC 2006, train role) that the first rules called
# contradictions: two different quantities, dates or people, not one fact reported two ways.
NOT_THE_SAME_THING = [
    ("ADHD affects 3 percent to 9 percent of all children.",
     "Between 3 and 6 percent of American school-age children suffer from ADHD."),  # one range, overlapping
    ("ADHD affects 3 percent of all children.", "An estimated 3 million school-age children have ADHD."),
    ("At the end, 75 percent of the unmedicated subjects had disorders.",
     "ADHD affects 3 percent to 5 percent of school-age children."),  # two shares of different groups
    ("The study involved 212 boys.", "Medication was used by three times as many boys as girls."),
    ("--Aug. 17 -- Government commission says the Kursk collided with another object.",
     "The Kursk was rising to the surface when 12 sailors were hurt."),  # a day of a date is no count
    ("An estimated 3 million school-age children have ADHD.",
     "Her research found 8 percent of pupils on medication in the 1995-96 school year."),  # years, not a count
    ("For pilots, flying a Concorde, which first took wing in 1969, is the pinnacle.",
     "-- Nov. 29, 1962: The French and British governments sign an agreement."),  # two events, two years
    ("The ferry, carrying about 300 people, sank on Friday.", "Nine people died when the ferry sank on Friday."),
    ("The route carries around 20,000 passengers a day.", "The ferry was carrying 312 passengers."),  # a rate
    ("The crash happened some 30 km north of the city.", "The bus was travelling at 130 km/h."),  # distance, speed
    ("The case of Elian Gonzalez is the most repugnant expression of this law.",
     "The boy's father, Juan Miguel Gonzalez, has demanded that the child be returned."),  # one family
]

# MRPC train paraphrases (news of two outlets, same facts) the rules called contradictions
SAME_FIGURES_OTHER_WORDS = [
    ("IBM stock rose $1.75, to $84.50, on the New York Stock Exchange.",
     "IBM shares closed up $1.75, or 2.11 percent, at $84.50 on the New York Stock Exchange."),  # both figures in both
    ("Contributions rose by 15 percent and 28.6 percent, respectively.",
     "Contributions rose by 15 percent at one and by 28.6 percent at the other."),
    ("Business confidence hit 60 after falling to 53 in its first quarter survey.",
     "Business confidence, which had fallen to 53 in the first quarter of 2003, improved to 60."),  # reordered
    ("The index slipped 12.27 points or 1.23 percent to 981.73.", "The index slipped 12.27 points, or 1.2 percent."),
    ("Another soldier died in Baghdad, a military statement said Tuesday.",
     "Also Monday, one soldier died in Baghdad."),  # the day of the statement, not of the death
    ("She heard the thud early Saturday morning.", "She heard the thud, she said in an interview Tuesday."),
    ("The spokesman said a search is in progress but would not comment on its status.",
     "The spokesman said a search is ongoing but declined comment on its status."),  # declined = would not
    ("After 14 months, 12 to 15 percent of kids on medication were diagnosed, and 32 to 35 percent of the others.",
     "Eighteen percent of the non-ADHD subjects were substance abusers."),  # which share answers which: unknown
    ("The immigration service said the boy should be sent back to Cuba by Jan. 14.",
     "The elder Gonzalez traveled to the United States on April 6 to reclaim his son."),  # two events, two dates
    ("--Aug. 17 -- Government commission says the Kursk collided with another object.",
     "The Kursk was preparing to fire a torpedo on Aug. 12 when disaster struck."),  # a chronology's entries
    ("Predictions ranged from 16 cents a share to 27 cents a share, according to Thomson First Call.",
     "Wall Street analysts had expected 22 cents a share, according to Thomson First Call."),  # 22 is in the range
    ("Advertising and circulation revenues from the magazine have declined.",
     "Advertising and circulation revenues for the magazine have taken a hit."),  # declined: fell, not refused
]

STILL_CONTRADICTIONS = [
    ("27 people were injured in the blast.", "72 people were injured in the blast and 27 died.", "number"),
    ("Unemployment rose to 5.2% in May.", "Unemployment rose to 5.8% in May.", "number"),
    ("The index slipped 1.23 percent.", "The index slipped 1.3 percent.", "number"),  # not a rounding
    ("The company agreed to pay the fine.", "The company refused to pay the fine.", "negation"),
    ("The minister said the talks were held on Monday.", "The minister said the talks were held on Friday.", "date"),
    ("Turnout was 62 percent, up from 55 percent.", "Turnout was 26 percent, up from 55 percent.", "number"),
    ("The rate fell to 5.2 percent from 5.4 percent.", "The rate fell to 5.1 percent from 5.3 percent.", "number"),
    ("27 people were injured and 3 died.", "72 people were injured and 3 died.", "number"),
    ("The summit opened on March 3.", "The summit began on March 5.", "date"),  # one event: "summit" near both
    ("The bridge collapsed on March 3, killing 12.", "The bridge fell on March 5, killing 12.", "date"),
    ("Estimates ranged from 16 cents a share to 27 cents a share.", "Estimates ranged from 6 cents to 7 cents a share.",
     "number"),
    ("The spokesman declined to comment on the search.", "The spokesman commented on the search.", "negation"),
    ("The company declined an offer from its rival.", "The company took an offer from its rival.", "negation"),
    # frames written as a second outlet would (dev story, tests/fixtures/dev)
    ("The bus was going at about 50 km/h when it crashed.", "The bus was travelling at 90 km/h on a road with a "
     "limit of 50 km/h.", "quantity"),  # "at" pairs with "at", not with the limit
    ("The ferry sank on Friday, killing 9 passengers.", "Fourteen people died when the ferry sank on Friday.",
     "number"),  # one fate, two nouns
    ("Acme shares lost 4% on Tuesday.", "Acme's share price rose 4% on Tuesday.", "direction"),
    ("Health Secretary Ann Poole opened the ward.", "Education Secretary Ann Poole opened the ward.", "title"),
    ("Five of the nine members of the city council voted on Tuesday to close the library.",
     "The city council voted 7-2 on Tuesday to close the library.", "vote"),
    ("The pilot was injured in the crash.", "The pilot was unhurt in the crash.", "negation"),
    # second development story (tests/fixtures/dev2): a court, a company
    ("The firm was fined $2.4 million by a federal court on Monday.",
     "A federal court on Monday fined the firm $4.2 million for the spill.", "number"),  # one fine, two sums
    ("Judge Maria Lindqvist dismissed the case.", "Judge Karin Lindqvist dismissed the case.", "name"),
    ("The union will strike next week, its leader said.",
     "Its leader said the union had accepted the offer and would not strike.", "negation"),
    ("The retailer raised its forecast for the year.", "The retailer kept its forecast for the year unchanged.",
     "change"),
    # third development story (tests/fixtures/dev3): an earthquake
    ("A magnitude 5.8 quake hit the coast on Friday.", "An earthquake measuring 6.3 hit the coast on Friday.",
     "number"),
    ("A 5.8-magnitude quake hit the coast on Friday.", "A magnitude 6.3 quake hit the coast on Friday.", "number"),
    ("The storm made landfall shortly after 2 a.m. on Friday.", "The storm made landfall around 6 a.m. on Friday.",
     "time"),
    ("The storm made landfall at 9 p.m. on Friday.", "The storm made landfall at 9 a.m. on Friday.", "time"),
    ("The epicentre was near Dorn, officials said.", "Its epicentre lay near Kessel, officials said.", "entity"),
    ("The talks were held in Oslo on Monday.", "The talks were held in Vienna on Monday.", "entity"),
    # fourth development story (tests/fixtures/dev4): an election
    ("Her rival, former police chief Ana Ruiz, won 40%.", "Ruiz, a former fire chief, won 40%.", "title"),
    ("The party won 23 of the 40 seats on the council.", "The party took 32 of the 40 council seats.", "number"),
    ("Support for the party rose in the south, analysts said.", "Support for the party fell in the south.",
     "direction"),
    # fifth development story (tests/fixtures/dev5): a takeover
    ("The firm is paying $54 for each share.", "The $45-a-share offer was accepted by the firm.", "number"),
    ("Chief executive Lena Marsh said the deal would grow sales.", "Chief executive Anna Marsh said the deal "
     "would grow sales.", "name"),
    ("The group will be based in Denton, Ohio.", "The group will have its headquarters in Cleveland, Ohio.",
     "entity"),
    ("Acme agreed on March 3 to buy Zeta for $2 billion in cash.", "Acme will buy Zeta for $2 billion, the "
     "companies announced on March 5.", "date"),
]


@pytest.mark.parametrize("a,b", SAME_FIGURES_OTHER_WORDS)
def test_the_same_figures_in_other_words_are_not_flagged(a, b):
    assert find_mismatches(a, b).mismatches == ()
    assert find_mismatches(b, a).mismatches == ()


@pytest.mark.parametrize("a,b,kind", STILL_CONTRADICTIONS)
def test_what_the_same_figures_rules_must_still_catch(a, b, kind):
    assert kind in {m.kind for m in find_mismatches(a, b).mismatches}


@pytest.mark.parametrize("a,b", NOT_THE_SAME_THING)
def test_different_things_in_related_sentences_are_not_flagged(a, b):
    assert find_mismatches(a, b, 2000, 2000).mismatches == ()


@pytest.mark.parametrize("a,b,kind", PLANTED)
def test_planted_mismatch_is_found_with_both_values(a, b, kind):
    found = find_mismatches(a, b, 2022, 2022).mismatches
    assert kind in [m.kind for m in found], found
    m = next(m for m in found if m.kind == kind)
    assert m.a and m.b and m.a != m.b


@pytest.mark.parametrize("a,b", COMPATIBLE)
def test_compatible_statements_are_not_flagged(a, b):
    assert find_mismatches(a, b, 2022, 2022).mismatches == ()


def test_spelling_variant_is_a_note_not_a_mismatch():
    r = find_mismatches("US Secretary of State Antony Blinken", "US Secretary of State Anthony Blinken")
    assert r.mismatches == ()
    assert [(n.kind, n.a, n.b) for n in r.notes] == [("spelling", "Antony", "Anthony")]


def test_years_ids_times_and_ordinals_are_not_counts():
    assert quantities("In 2014 the A320 landed at 10:40 in the 21st century with COVID-19 on board.") == []
    q = quantities("at least 3 people and more than two dozen soldiers")
    assert (q[0].lo, q[0].hi) == (3, 4.5)  # a floor with room for half as much again
    assert q[1].lo > 24


@pytest.mark.parametrize(
    "text, spelled",
    [
        ("Twenty-seven people were hurt.", "27 people were hurt."),
        ("about two dozen shops and a hundred and fifty cars", "about 24 shops and 150 cars"),
        ("three million dollars; one hundred thousand troops", "3 million dollars; 100,000 troops"),
        ("a nine-year-old girl", "a 9-year-old girl"),
        ("one of the men", "one of the men"),  # "one" alone may be a pronoun
        ("A one-sided match, fifty-fifty, two-thirds", "A one-sided match, fifty-fifty, two-thirds"),
        ("dozens of homes, several cars", "dozens of homes, several cars"),  # vague: left alone
        ("It struck at 03:15, just after 12 a.m.", "It struck at 3:15 a.m., just after midnight"),
        ("from 9:00 to 17:30 and at 9.30pm", "from 9 a.m. to 5:30 p.m. and at 9:30 p.m."),
        ("the score was 3:1 after 2:30 hours; Psalm 23:4", "the score was 3:1 after 2:30 hours; Psalm 23:4"),
        ("at 12:30 p.m. and 9 AM.", "at 12:30 p.m. and 9 a.m."),
    ],
)
def test_nli_spelling_writes_numbers_and_clock_times_one_way(text, spelled):
    from factcheck.mismatch import nli_spelling

    assert nli_spelling(text) == spelled


def test_a_decimal_without_its_leading_zero_is_a_fraction():
    from factcheck.mismatch.numbers import quantities

    assert [q.lo for q in quantities("Heating oil settled .85 cent lower.")] == [0.85]
    assert [q.lo for q in quantities("It ended. 85 people came.")] == [85.0]


def test_a_decimal_comma_is_a_decimal_and_a_numbered_name_is_not_a_count():
    from factcheck.mismatch.numbers import quantities

    assert [q.lo for q in quantities("1,2 million women and 1,250 men and 12,000 troops")] == [1.2e6, 1250, 12000]
    assert [q.text for q in quantities("The four were tried in the No. 1 Intermediate Court, the #3 seed said.")] \
        == ["four tried"]
    assert find_mismatches("Some 1.2 million women take the pills.", "Some 1,2 million women take the pills.") \
        .mismatches == ()
    # still a changed figure: a decimal comma against a different value
    assert find_mismatches("Some 1,2 million women take the pills.", "Some 3.4 million women take the pills.") \
        .mismatches


# --- rules from the sixth development story (a wildfire) and the misses left in the fourth and fifth
# (each list below is run by the two tests at the end of this file)
DEV6_PLANTED = [
    ("Governor Ellen Price declared a state of emergency.", "Gov. Ellen Park has declared a state of emergency.",
     "name"),
    ("Containment stood at 30 percent, said Dana Ruiz, the county's fire chief.",
     "Sheriff Dana Ruiz said the fire was 30% contained.", "title"),
    ("Sen. Mark Hill voted for the bill.", "Rep. Mark Hill voted for the bill.", "title"),
    ('"This deal doubles our presence," Harrow\'s chief executive, Lena Marsh, said.',
     "Harrow chief executive Anna Marsh said the deal would double its presence.", "name"),
    ("Fourteen homes were lost to the flames.", "No homes have been destroyed so far.", "number"),
    ("No one was killed in the blast.", "Three people were killed in the blast.", "number"),
    ("No injuries were reported in the crash.", "Two passengers were injured in the crash.", "number"),
    ("Highway 9 remains closed between Pine Ridge and Elmore.", "Highway 9 reopened to traffic on Wednesday.",
     "change"),
    ("The evacuation order was lifted on Friday.", "The evacuation order remains in place.", "change"),
    ("Winds gusting up to 45 mph were expected to ease on Thursday.",
     "Forecasters warned that winds would strengthen on Thursday.", "direction"),
    ("The deal still needs approval from the European Commission.",
     "The European Commission approved the takeover last week.", "negation"),
    ("The council has not yet approved the budget.", "The council approved the budget on Monday.", "negation"),
    ("Reyes refused to concede, saying he would challenge the result in court.",
     "Reyes conceded on Sunday evening, congratulating Ivers on her victory.", "negation"),
]
DEV6_NOT = [
    # two things: homes destroyed, people evacuated from theirs
    ("Fourteen homes were lost to the flames.", "Some 3,000 people fled their homes on Tuesday."),
    # an office contains the other (a second-in-line's office does not: "Lt. Gov." / "Gov.", DEV24_PLANTED)
    ("Finance Minister Ann Cole spoke at the rally.", "Minister Ann Cole spoke at the rally."),
    ("Shares closed up 2% on Friday.", "Shares opened lower on Friday."),  # a market's prices, not a state
    ("The board approved the plan, which still needs approval from shareholders.", "The board approved the plan."),
    # a name that is not the negation's subject, and a negated verb with an object the other does not state
    ("The authors studied 56 ADHD patients on medication, 19 ADHD patients not on medication and 137 others.",
     "ADHD is estimated to affect 3 percent of children, with less than 3 percent receiving medication."),
    ("Harrow does not expect any job cuts as a result of the deal, a spokeswoman said.",
     "Harrow expects to complete the deal in the third quarter."),
]


def test_one_event_word_next_to_two_weekdays_or_times_aligns_them():
    from factcheck import Settings
    from factcheck.results import Mismatch

    r = find_mismatches("The Pine Ridge fire started on Monday afternoon and scorched 12,500 acres.",
                        "Some 3,000 people fled their homes after a wildfire broke out near Pine Ridge on Tuesday.")
    assert [(m.kind, m.aligned) for m in r.mismatches] == [("date", True)]
    r = find_mismatches("The blaze was first reported at around 4 p.m.",
                        "Emergency dispatchers received the first call about the blaze shortly after 2 p.m.")
    assert [(m.kind, m.aligned) for m in r.mismatches] == [("time", True)]
    # two events of a story: different event words, so the kind's own gate applies
    r = find_mismatches("The minister died on Monday.", "The minister's funeral was held on Thursday.")
    assert [(m.kind, m.aligned) for m in r.mismatches] == [("date", False)]
    assert Settings().gate_of(Mismatch("date", "Monday", "Tuesday", aligned=True)) == Settings().aligned_gate
    assert Settings().gate_of(Mismatch("date", "Monday", "Tuesday")) == Settings().gate("date")
    assert Mismatch("date", "Monday", "Tuesday").to_dict() == {"kind": "date", "a": "Monday", "b": "Tuesday"}


# --- rules from the seventh development story (a rail strike)
DEV7_PLANTED = [
    ("The union called a 48-hour strike from Friday.", "Drivers began a 72-hour strike on Friday.", "number"),
    ("Drivers will stop work for two days from Friday.", "Drivers will begin a 72-hour strike on Friday.", "number"),
    ("Some 91% of union members who voted supported the strike.",
     "The walkout was backed by 84% of members who took part in the ballot.", "number"),
    ("Northfield Rail has put forward a pay offer of 5%, well short of the 9% the union wants.",
     "The company has offered a 4% pay rise this year; the union is demanding 9%.", "number"),
    ("The union's general secretary, Mick Harlan, said members had been pushed too far.",
     '"Our members have been left with no choice," said union president Mick Harlan.', "title"),
    ("Talks between the union and the company broke down on Tuesday evening.",
     "Talks between the two sides are continuing, a company spokesperson said.", "change"),
    ("Negotiations collapsed on Tuesday.", "Talks between the two sides are continuing.", "change"),
    ("Queensgate station will be shut during the walkout.", "Kingsbridge station will close for the strike.",
     "entity"),
    ("Train drivers at Northfield Rail will walk out for 48 hours starting on Thursday.",
     "The union has called a 48-hour strike by Northfield Rail drivers from Friday.", "date"),
]
DEV7_NOT = [
    ("The union called a 48-hour strike.", "Drivers will stop work for two days."),  # 48 hours are two days
    ("Some 91% of union members who voted supported the strike.", "The company offered a 4% pay rise."),
    # shares of two groups under words that only look alike
    ("75 percent of the unmedicated subjects had disorders, against 25 percent of the medicated ones.",
     "Less than 3 percent of children receive medication."),
    ("The bridge collapsed in 1998.", "Highway 9 reopened on Friday."),  # two things
]


def test_one_person_one_office_one_noun_and_one_fate_align_their_mismatches():
    def aligned(a: str, b: str) -> list[tuple[str, bool]]:
        return [(m.kind, m.aligned) for m in find_mismatches(a, b, 2022, 2022).mismatches]

    assert aligned("Transport Secretary Louise Crane urged both sides to talk.",
                   "Transport Secretary Laura Crane said the strike was disappointing.") == [("name", True)]
    assert aligned("Five firefighters were hurt battling the flames.",
                   "Two firefighters suffered injuries on Tuesday.") == [("number", True)]
    # a figure of another time does not align ("the deadliest since a collision in 2009 killed 23 people")
    assert aligned("Eleven people were killed when the train derailed.",
                   "It was the deadliest accident since a collision at Brenn in 2009 killed 23 people.") \
        == [("number", False)]
    assert aligned("Highway 9 reopened on Wednesday.", "Highway 9 is still closed.") == [("change", True)]


# --- rules from the eighth development story (a fraud trial)
DEV8_PLANTED = [
    ("Paul Dent was jailed for eight years on Wednesday.", "A former treasurer was jailed for six years on Monday.",
     "number"),
    ("Dent, 58, had denied three counts of fraud.", "A jury found him guilty of four counts of fraud.", "number"),
    ("The jury reached its verdict by a majority of 10-2.", "A unanimous jury found him guilty of fraud.", "vote"),
    ("His lawyer said Dent would appeal against the conviction.", "His lawyer said he would not appeal.", "negation"),
    ("Dent's wife, Susan, was cleared of money laundering.",
     "Dent's wife, Susan Dent, was convicted of money laundering and will be sentenced next month.", "negation"),
    ("His wife was found not guilty of money laundering.", "His wife was convicted of money laundering.", "negation"),
    ("Dent was sentenced to six years in prison on Wednesday for theft.",
     "A former city treasurer who stole from the council was jailed for six years on Thursday.", "date"),
]
DEV8_NOT = [
    ("Ivers, who is 48, plans to build 5,000 affordable homes by 2030.",
     "Ivers, 48, has promised to build 5,000 affordable homes by 2030."),  # ages are not counts
    ("A unanimous jury found him guilty.", "The jury found him guilty of four counts of fraud."),
]


def test_a_spokesman_or_lawyer_speaks_for_the_one_named_before():
    from factcheck.units import claim_units

    assert claim_units("His lawyer said he would not appeal.")[0].text == "He would not appeal."
    assert claim_units("China told Washington it hoped for calm.")[0].text == "China hoped for calm."


# --- rules from the ninth development story (an emergency landing)
DEV9_PLANTED = [
    ("First Officer Maria Kowalski was at the controls.", "Captain Maria Kowalski was praised by passengers.", "title"),
    ("The Irish Aviation Authority has opened an investigation.",
     "The Irish Aviation Authority said it did not plan to investigate.", "negation"),
    ("A flight from Dublin made an emergency landing at Shannon Airport on Saturday after an engine failed.",
     "Passengers on the Dublin flight heard a loud bang shortly after leaving on Sunday.", "date"),
]


# --- rules from the tenth development story (a measles outbreak)
DEV10_PLANTED = [
    ("Health officials in Corvin County have confirmed 43 cases of measles since the outbreak began.",
     "The number of confirmed measles cases in Corvin County has risen to 34.", "number"),
    ("Three young children are being treated in hospital.", "None of those infected has needed hospital treatment.",
     "number"),
    ("Only 87% of kindergarten pupils in the county are fully vaccinated, officials said.",
     "The county's kindergarten vaccination rate stands at 78%.", "number"),
    ("All schools in the county were closed on Monday as a precaution.", "Schools in the county are staying open.",
     "change"),
    ('"This is entirely preventable," said Dr. Anita Nair, the county\'s health officer.',
     "Dr. Priya Nair, the county health officer, said cases were still rising.", "name"),
    ("Cases were still rising, the health officer said.", "New cases have fallen for the past week.", "direction"),
]


def test_two_dates_with_a_word_next_to_both_align():
    r = find_mismatches("The first case was reported on March 2 in a child.",
                        "The outbreak began with a case reported on March 12.", 2022, 2022)
    assert [(m.kind, m.aligned) for m in r.mismatches] == [("date", True)]
    assert find_mismatches("Dr. Priya Nair spoke on Monday.", "Dr. Priya Nair said so on Monday.").mismatches == ()


# --- rules from the eleventh development story (a central bank's rate decision), in other words than its own
DEV11_PLANTED = [
    ("Inflation climbed to 3.8% in October.", "Inflation eased to 3.8% in October.", "direction"),
    ("Inflation accelerated to 2.9% last month.", "Consumer price inflation slowed to 2.9% last month.", "direction"),
    ("The jobless rate held steady at 5.1%.", "Unemployment dipped to 4.9%, the bank said.", "change"),
    ("The unemployment rate remained at 5.1%.", "Unemployment fell to 4.9%.", "change"),
    ("The bank lifted its key rate to 4.25%.",
     "The bank increased its key rate by half a point to 4.5% on Thursday, its first rise since 2023.", "number"),
    ("The committee's next meeting is scheduled for January.", "The committee will meet again in February.", "date"),
    ("The board backed the plan by a vote of 6-3.", "Two of the nine board members voted to keep the old plan.",
     "vote"),
]
DEV11_NOT = [
    # one vote told from its two sides; the counts of the two sides are the vote rule's
    ("Seven of the nine members voted for the increase.", "Two of the nine members voted to keep rates on hold."),
    # the level a change started from is not the level it reached
    ("Inflation eased to 3.8% in October from 4.1% in September.", "Inflation fell to 3.8% in October."),
    # two changed things: the rate and inflation; growth and inflation (an attribution word is no shared context)
    ("The bank lifted rates to 4.25% as it battles inflation.", "Inflation eased to 3.8% in October."),
    ("Annual inflation climbed to 3.8% in October, according to figures published last week.",
     "The economy is expected to grow 1.2% next year, according to the bank's forecasts."),
    # two months of two things
    ("Sales fell in March.", "Profits rose in April."),
]


def test_a_floor_is_not_any_larger_count():
    assert [m.kind for m in find_mismatches("At least 12 people were killed in the crash.",
                                            "Twenty-one people died in the crash.").mismatches] == ["number"]
    assert find_mismatches("More than 8,300 people were sickened.", "Some 8,500 people were sickened.").mismatches == ()


# --- rules from the twelfth development story (a carmaker's job cuts), in other words than its own
DEV12_PLANTED = [
    ("Brenner Steel announces 900 job cuts", "Brenner Steel to cut 1,900 jobs after a loss", "number"),
    ("Brenner reported a net loss of $75 million for the year.",
     "Brenner is to cut jobs after an annual net loss of 57 million dollars, it said.", "number"),
    ("Shares in Brenner slid 4% on Friday.", "Shares in the steelmaker rose 4% in Friday trading.", "direction"),
    ("The steelmaker announced on Monday that it would close two mills.",
     "Brenner Steel said on Wednesday it will close two mills.", "date"),
]
DEV12_NOT = [
    # two levels: the share price moved, the forecast did not
    ("Brenner shares fell 4% after the announcement.", "Brenner left its full-year sales forecast unchanged."),
    # two statements on two days, with nothing stated twice
    ("The mayor said on Monday that the road would reopen.", "Police said on Friday that two men were arrested."),
]


def test_a_plural_and_its_singular_are_one_lemma():
    assert [lemma(w) for w in ("rates", "prices", "taxes", "losses", "injuries", "jobs", "news")] == [
        lemma("rate"), lemma("price"), "tax", "loss", lemma("injury"), "job", "news"]


@pytest.mark.parametrize("a,b", [
    ("The jobless rate held steady at 5.1%.", "The unemployment rate remained at 5.1%."),
    ("Inflation fell to 3.8% in October.", "Consumer price inflation slowed to 3.8% in October."),
    ("The board approved it 8-1.", "Eight of the nine members voted for it."),
])
def test_the_same_figures_and_change_read_as_one_claim(a, b):
    assert frames_agree(a, b)


@pytest.mark.parametrize("a,b", [
    ("Inflation fell to 3.8%.", "Inflation rose to 3.8%."),
    ("Inflation fell to 3.8%.", "Unemployment fell to 3.8%."),
    ("Inflation fell to 3.8%.", "Inflation fell to 3.9%."),
    ("Seven of the nine voted for the plan.", "Six of the nine voted for the plan."),
    ("Oil prices fell sharply.", "Gold prices fell sharply."),  # no figures, two things of one kind
])
def test_other_figures_or_changes_are_not_one_claim(a, b):
    assert not frames_agree(a, b)


# --- rules from the thirteenth development story (a ferry capsizes), in other words than its own
DEV13_PLANTED = [
    ("The freighter, the MV Orla, ran aground on Monday.", "The MV Dunmore ran aground off the cape on Monday.",
     "entity"),
    ("At least 9 people were killed when the bus overturned.", "Seventeen people died when the bus overturned.",
     "number"),
    ("Some 130 survivors were pulled from the water.", "A total of 95 people were rescued.", "number"),
    ("Eleven people died when a boat with 60 people on board sank.", "The boat was carrying 90 passengers.", "number"),
]
DEV13_NOT = [
    # two fates of people: the rescued and the missing, the dead and the rescued
    ("A total of 180 people were rescued.", "Forty-eight people are still missing."),
    ("Twenty-one people died when the ferry sank.", "Rescuers saved 180 people."),
]


# --- rules from the fourteenth development story (a cup semi-final), in other words than its own
DEV14_PLANTED = [
    # (a match's score, read by the score rule since "lost 4-2" is no longer taken for a vote split)
    ("Dunmore lost 4-2 to Alder United on Tuesday.", "Alder United reached the final after a 3-2 win over Dunmore.",
     "number"),
    ("The match was played in front of 31,000 fans.", "A crowd of 13,000 watched the match.", "number"),
    ("City manager Rui Lopes said the team deserved it.", "Manager Tomas Lopes said his team deserved the win.",
     "name"),
]
DEV14_NOT = [
    ("A crowd of 31,000 watched the match.", "Some 31,000 supporters attended the game."),
    ("Alder United beat Dunmore 3-2 on Tuesday.", "Dunmore lost 3-2 to Alder United."),
]


# --- rules from the fifteenth development story (a minister resigns), in other words than its own
DEV15_PLANTED = [
    ("The mayor denied any wrongdoing in an interview.", "The mayor admitted wrongdoing on Friday.", "negation"),
]
DEV15_NOT = [
    # the two words said of two things
    ("The minister denied the report.", "The minister admitted defeat on Monday."),
]

DEV16_PLANTED = [
    # a market's move written "up" / "down" before the figure
    ("Harlow shares rose 4% in early trading.", "Harlow shares closed down 4%.", "direction"),
    ("The index was up 1.2 percent at noon.", "The index fell 1.2 percent by noon.", "direction"),
    # corporate offices, spelled out or abbreviated
    ("Chief executive Omar Patel said the deal was done.", "Chief financial officer Omar Patel said the deal was done.",
     "title"),
    ("CFO Omar Patel said the deal was done.", "Chief operating officer Omar Patel said the deal was done.", "title"),
    # the day something was found out
    ("The leak was discovered on Sunday, the utility said.", "The leak was first noticed on Saturday.", "date"),
]
DEV16_NOT = [
    ("They set up 3 teams after the flood.", "Three teams fell apart after the flood."),
    ("Gusts of up to 45 mph were recorded.", "Gusts fell to 30 mph overnight."),
    ("Harlow shares fell 4% in early trading.", "Harlow shares closed down 4%."),
    ("CEO Omar Patel said the deal was done.", "Chief executive Omar Patel said the deal was done."),
    ("Founder and chief executive Omar Patel spoke.", "Chief executive Omar Patel spoke."),
]

DEV17_PLANTED = [
    # "no evidence of X" negates X
    ("Investigators said there was no evidence of arson.", "Investigators are treating the blaze as arson.",
     "negation"),
    # the time something was restored, told with two verbs
    ("Water supplies were restored to most homes by 8 p.m.", "Water returned to most homes by 10 p.m.", "time"),
]
DEV17_NOT = [
    # a state of lacking something is no negated claim
    ("About 40,000 homes were left without power on Monday.", "Power returned to the 40,000 homes on Monday."),
    ("The storm leaves thousands without electricity.", "The storm cut electricity to thousands of homes."),
]

DEV18_PLANTED = [
    # a price per period said before or after its figure
    ("The subscription will cost $120 a year.", "The annual cost will be $210.", "number"),
    # one predicate in two words: "includes" / "does not carry"
    ("The bill includes a tax on sugar.", "The bill does not carry a tax on sugar.", "negation"),
]
DEV18_NOT = [
    ("The subscription will cost $120 a year.", "The annual cost will be $120."),
]

DEV19_PLANTED = [
    # two deadlines
    ("The city aims to plant a million trees by 2030.", "The city aims to plant a million trees by 2040.", "date"),
    # nations are countries
    ("About 60 nations signed the treaty.", "About 90 countries signed the treaty.", "number"),
]
DEV19_NOT = [
    ("Emissions fell 3% in 2019.", "The plan cuts emissions by 2030."),  # one deadline, one year of a past figure
    ("Almost 190 nations agreed.", "Nearly 190 countries agreed."),
]

DEV20_PLANTED = [
    # how many times something happened, in a word or in figures
    ("The vote had been postponed twice.", "The vote had been postponed three times.", "number"),
]
DEV20_NOT = [
    ("The vote had been postponed twice.", "The vote had been postponed two times."),
    ("Sales were three times as high as in 2019.", "Sales were twice as high as in 2019."),  # multipliers
]

DEV21_PLANTED = [
    # a measure written as an adjective
    ("A 30-metre section of the sea wall collapsed.", "A 12-metre section of the sea wall collapsed.", "quantity"),
    # a claim and what was said besides it: "X, saying Y" and "said X and that Y" are two claims each
    ("Police had not ruled out arson and that detectives were at the scene.",
     "Police ruled out arson, saying the wiring was to blame.", "negation"),
    # the title after the name, and a multi-word office
    ("Dana Ruiz, the city's chief fire officer, visited the site.", "Police superintendent Dana Ruiz visited the site.",
     "title"),
]
DEV21_NOT = [
    ("A 30-metre section of the sea wall collapsed.", "A 30 metre section of the sea wall collapsed."),
    ("Dana Ruiz, the city's chief fire officer, visited the site.", "Chief fire officer Dana Ruiz visited the site."),
]

DEV22_PLANTED = [
    # the size of a change by a share: the noun after it, or the verb before it
    ("Teachers accepted a 4.5% pay rise.", "Pay will increase by 3.5% under the deal.", "number"),
    # how long a walkout lasted
    ("Drivers were on strike for nine days.", "The walkout ended after six days of strikes.", "number"),
    # two days for one announcement, in other words
    ("Results of the referendum were released on Friday.", "Officials announced the referendum outcome on Saturday.",
     "date"),
]
DEV22_NOT = [
    ("Of those who voted, 64% backed the deal.", "Turnout in the ballot was 52%."),  # support is not turnout
]

DEV23_PLANTED = [
    ("The airline kept its full-year profit forecast for 2027 unchanged.", "The airline trimmed its profit forecast.",
     "change"),
]
DEV23_NOT = [
    # "thousands of" stands for any number of thousands
    ("Mirex recalls thousands of scooters.", "Mirex is recalling 41,300 scooters."),
    ("The recall will cost about €90 million.", "The recall will cost 90 million euros."),
    # a rival's shares are another thing
    ("Shares in the carmaker closed 2% lower.", "Shares of rival carmaker Osto rose 3%."),
]

DEV24_PLANTED = [
    # a second-in-line's office is another office
    ("Lt. Gov. Ann Cole spoke at the rally.", "Gov. Ann Cole spoke at the rally.", "title"),
    ("Labour leader Sam Reid tabled the motion.", "Sam Reid, Labour's deputy leader, tabled the motion.", "title"),
    # a side of a vote
    ("The Green Party voted against the motion.", "The Green Party backed the motion.", "direction"),
    # members of a chamber under other nouns
    ("Only 120 deputies supported the bill.", "The bill was supported by 131 lawmakers.", "number"),
]
DEV24_NOT = [
    # a tally against its two sides: the figures pair
    ("Deputies rejected the motion by 212 votes to 198.", "A total of 198 lawmakers voted in favour and 212 against."),
    ("Deputies rejected the motion by 212 votes to 198.", "The opposition mustered 198 votes."),
    ("A total of 198 lawmakers voted in favour.", "198 lawmakers voted in favour."),
]

DEV25_PLANTED = [
    # who was moved out, in other words
    ("About 9,000 residents were evacuated.", "Some 6,000 residents were moved out of the area.", "number"),
    # the title after the name: a manager
    ("Corvane's chief executive, Erik Solberg, spoke.", "Erik Solberg, the plant manager, spoke.", "title"),
]
DEV25_NOT = [
    ("About 9,000 residents were evacuated.", "Some 9,000 residents were moved out of the area."),
]

DEV26_PLANTED = [
    # what was stolen, under two verbs; a painting is a thing, not a participle
    ("Seven paintings were stolen.", "They took five paintings.", "number"),
    # what it is worth
    ("The museum valued the haul at €40 million.", "The paintings are worth about €14 million.", "number"),
    # arrested "since" the raid: since then, not another time
    ("Police have since arrested three men.", "Officers detained two men within hours.", "number"),
    # one office of one owner, two people
    ("Museum director Helena Marsh spoke.", "Clara Voss, the museum's director, spoke.", "name"),
]
DEV26_NOT = [
    ("Museum director Helena Marsh spoke.", "Helena Marsh, the museum's director, spoke."),
    ("Seven paintings were stolen.", "Thieves took seven paintings."),
]

DEV27_PLANTED = [
    # a storm's class on its scale
    ("It came ashore as a Category 4 hurricane.", "The hurricane came ashore as a Category 3 storm.", "quantity"),
    # a death toll counts the dead; a weekday after a figure says when
    ("The storm killed 21 people.", "The death toll stood at 12 on Thursday evening.", "number"),
]
DEV27_NOT = [
    ("It came ashore as a Category 4 hurricane.", "Forecasters classed it as a Category 4 storm."),
    ("The storm killed 21 people.", "The death toll stood at 21 on Thursday."),
]

DEV28_PLANTED = [
    # miners are workers; "nearly" is just under its figure
    ("A total of 32 miners were trapped underground.", "The collapse trapped 23 workers underground.", "number"),
    ("The survivors had been stuck for nearly two days.", "They had been stuck for 60 hours.", "number"),
    # "about" is within a tenth: "about 650 metres" is not 560
    ("The tunnel gave way at a depth of 560 metres.", "The trapped men were about 650 metres down.", "number"),
    # a region has one governor in a story, whoever's she is said to be
    ("Regional governor Elena Marsk spoke.", "Governor Helena Varga spoke.", "name"),
]
DEV28_NOT = [
    ("The survivors had been stuck for nearly two days.", "They had been stuck for 40 hours."),
    ("A total of 32 miners were trapped underground.", "Four miners are still missing."),  # trapped / missing
    ("Almost 190 nations agreed.", "About 180 countries agreed."),
]

DEV29_PLANTED = [
    ("Brennhof Foods was ordered to pay €118 million.", "Brennhof's fine was €188 million.", "number"),
    ("The fines totalled €412 million.", "The fines came to €421 million in total.", "number"),
]
DEV29_NOT = [
    # a total and one party's share of it, or two parties' shares
    ("The authority imposed fines totalling €412 million.", "Brennhof's fine was €188 million."),
    ("The authority imposed fines totalling €412 million.", "Brennhof Foods was ordered to pay €118 million."),
    ("Miravel Dairy's fine came to almost €150 million.", "Brennhof's fine was €188 million."),
]


# every rule the development stories dev6-dev29 taught, one planted pair each, and what each must leave alone
STORY_RULES_PLANTED = [*DEV6_PLANTED, *DEV7_PLANTED, *DEV8_PLANTED, *DEV9_PLANTED, *DEV10_PLANTED, *DEV11_PLANTED,
                       *DEV12_PLANTED, *DEV13_PLANTED, *DEV14_PLANTED, *DEV15_PLANTED, *DEV16_PLANTED, *DEV17_PLANTED,
                       *DEV18_PLANTED, *DEV19_PLANTED, *DEV20_PLANTED, *DEV21_PLANTED, *DEV22_PLANTED,
                       *DEV23_PLANTED, *DEV24_PLANTED, *DEV25_PLANTED, *DEV26_PLANTED, *DEV27_PLANTED,
                       *DEV28_PLANTED, *DEV29_PLANTED]
STORY_RULES_NOT = [*DEV6_NOT, *DEV7_NOT, *DEV8_NOT, *DEV11_NOT, *DEV12_NOT, *DEV13_NOT, *DEV14_NOT, *DEV15_NOT,
                   *DEV16_NOT, *DEV17_NOT, *DEV18_NOT, *DEV19_NOT, *DEV20_NOT, *DEV21_NOT, *DEV22_NOT, *DEV23_NOT,
                   *DEV24_NOT, *DEV25_NOT, *DEV26_NOT, *DEV27_NOT, *DEV28_NOT, *DEV29_NOT]


@pytest.mark.parametrize("a,b", [
    ("Teachers accepted a 4.5% pay rise.", "Pay will increase by 3.5% under the deal."),
    ("Twelve members abstained.", "Nine lawmakers chose to abstain."),
    ("The airline kept its full-year profit forecast for 2027 unchanged.", "The airline trimmed its profit forecast."),
    ("Results of the referendum were released on Friday.", "Officials announced the referendum outcome on Saturday."),
])
def test_the_seventh_sessions_frames_align_their_spans(a, b):
    # one kind of change, one fate, one level, one announcement: the spans align (the aligned gate applies)
    assert [m.aligned for m in find_mismatches(a, b).mismatches] == [True]


@pytest.mark.parametrize("a,b,kind", STORY_RULES_PLANTED)
def test_development_story_rules_catch_what_they_were_written_for(a, b, kind):
    assert kind in {m.kind for m in find_mismatches(a, b, 2022, 2022).mismatches}


@pytest.mark.parametrize("a,b", STORY_RULES_NOT)
def test_development_story_rules_leave_different_things_alone(a, b):
    assert find_mismatches(a, b, 2022, 2022).mismatches == ()


def test_a_price_per_period_aligns():
    found = find_mismatches("Veyra said the treatment would cost $62,500 a year.", "The annual cost will be $26,500.")
    assert [(m.kind, m.aligned) for m in found.mismatches] == [("number", True)]
    once = find_mismatches("Veyra said the treatment would cost $62,500.", "The annual cost will be $26,500.")
    assert not once.mismatches  # a one-off sum against a yearly one: two things


def test_no_plans_is_no_count_and_no_fate():
    # "no plans": no fate, no count (the number rule); the negation rule reads "no plans to close" against "will
    # close" as one predicate negated on one side, and the similarity gate of its kind decides
    found = find_mismatches("There are no plans to close the plant.", "Two plants will close next year.")
    assert [m.kind for m in found.mismatches] == ["negation"]


def test_one_person_given_two_offices_is_checked_whatever_else_the_sentences_say():
    from factcheck.config import Settings
    from factcheck.mismatch.names import two_offices

    texts = ["Chief executive Dana Reyes apologised to customers.", "Marlow shares fell 6%.",
             "Chief technology officer Dana Reyes said no card data was taken.",
             "Chief executive Dana Reyes said sorry.", "CTO Dana Reyes spoke.", "Chief executive Omar Reyes spoke."]
    # "CTO" is the chief technology officer; 3 and 4 are one source; Omar Reyes is someone else
    assert two_offices(texts, [0, 1, 2, 3, 3, 2]) == [(0, 2), (0, 4), (2, 3)]
    assert two_offices(texts, [0, 0, 0, 0, 0, 0]) == []  # one source: nothing to compare
    title = find_mismatches(texts[0], texts[2]).mismatches
    assert [(m.kind, m.aligned) for m in title] == [("title", True)]
    assert Settings().gate_of(title[0]) == 0.0  # the person ties the two sentences
    assert find_mismatches("Chief executive Omar Reyes spoke.", texts[2]).mismatches[0].aligned is False


def test_a_sum_of_one_noun_and_one_thing_moved_both_ways_align():
    loss = find_mismatches("Brenner reported a net loss of $75 million.", "It made a loss of 57 million dollars.")
    assert [(m.kind, m.aligned) for m in loss.mismatches] == [("number", True)]
    moved = find_mismatches("Shares in Brenner slid 4% on Friday.", "Shares in the steelmaker rose 4% on Friday.")
    assert [(m.kind, m.aligned) for m in moved.mismatches] == [("direction", True)]
    two = find_mismatches("Sales rose to $5 million.", "Costs fell to $7 million.")
    assert all(not m.aligned for m in two.mismatches)


def test_people_released_are_no_announcement():
    # "released" is an announcement only of results, figures or a report: freed hostages are another event, so the
    # two days are compared under the whole-sentence gate, not aligned
    found = find_mismatches("Hostages were released on Monday.",
                            "Officials announced the hostages' release on Tuesday.")
    assert [(m.kind, m.aligned) for m in found.mismatches] == [("date", False)]


def test_one_office_of_one_owner_given_to_two_people_is_checked_whatever_else_the_sentences_say():
    from factcheck.config import Settings
    from factcheck.mismatch.names import two_holders

    texts = ["Museum director Helena Marsh called the theft a wound.", "Rain fell.",
             "Clara Voss, the museum's director, was heartbroken.", "Zoo director Ann Hale spoke.",
             "Spokesman John Hale said little.", "Spokesman Bill Ray said more."]
    # one owner's director twice; the zoo's is another office; a spokesman is one of many
    assert two_holders(texts, [0, 1, 2, 2, 0, 1]) == [(0, 2)]
    name = find_mismatches(texts[0], texts[2]).mismatches
    assert [(m.kind, m.aligned) for m in name] == [("name", True)]
    assert Settings().gate_of(name[0]) == 0.0  # the owner's office ties the two sentences
    assert [m.aligned for m in find_mismatches(texts[4], texts[5]).mismatches] == [False]


def test_figures_tied_to_one_fact_are_checked_below_the_pair_floor():
    import numpy as np

    from factcheck.mismatch import aligned_pairs

    texts = ["The storm killed 21 people.", "The death toll stood at 12 on Thursday.", "It rained.",
             "Winds reached 140 mph.", "The storm killed 21 people."]
    sims = np.full((5, 5), 0.3)
    assert aligned_pairs(texts, sims, [0, 1, 1, 1, 0], 0.25, 0.4) == [(0, 1), (1, 4)]
    assert aligned_pairs(texts, sims, [0, 1, 1, 1, 0], 0.35, 0.4) == []  # under the floor
    assert aligned_pairs(texts, np.full((5, 5), 0.5), [0, 1, 1, 1, 0], 0.25, 0.4) == []  # already candidates


def test_taken_to_hospital_is_no_theft_and_a_sentence_is_no_verdict():
    from factcheck.mismatch import quantities

    assert [q.fate for q in quantities("63 people were taken to hospital.")] == ["injury"]
    assert [q.fate for q in quantities("They took five paintings.")] == ["theft"]
    # a break-in in other words is one event
    found = find_mismatches("The thieves broke in at 2 a.m.", "The thieves entered the shop at 4 a.m.")
    assert [(m.kind, m.aligned) for m in found.mismatches] == [("time", True)]
    # a labour strike is another event than the collapse of a tunnel
    found = find_mismatches("The tunnel collapsed on Tuesday.", "Unions called a strike on Monday over the tunnel.")
    assert all(not m.aligned for m in found.mismatches)
    # convicted on one day, jailed on another: two events, so the days are not aligned
    found = find_mismatches("A jury convicted him on Monday.", "He was jailed for six years on Thursday.")
    assert all(not m.aligned for m in found.mismatches)


def test_the_thirty_first_to_thirty_third_stories_leave_these_alone():
    from factcheck.mismatch.clock import time_against_figures

    # who fell ill is not who was on board
    ill = find_mismatches("213 passengers reported vomiting.", "It had about 2,500 passengers on board.")
    assert not ill.mismatches
    # one denial in two forms
    assert not find_mismatches("Velora ruled out a cyberattack.", "There was no sign of a cyberattack.").mismatches
    assert time_against_figures("The bridge fell at 7:40 p.m.", "The bridge was 55 years old.")
    # one fate, two named groups: crew are not passengers; "taken ill" is no theft
    assert not find_mismatches("Only 14 crew members fell ill.", "More than 300 passengers became ill.").mismatches
    sick = find_mismatches("Another 41 crew members were also taken ill.", "Only 14 crew members fell ill.")
    assert [(m.kind, m.aligned) for m in sick.mismatches] == [("number", True)]


def test_a_possessive_before_a_figure_makes_it_a_partys_share_only_when_it_owns_the_figure():
    # "Brennhof's fine was €188 million" is one party's share of a total; "Ship's doctors recorded 312" is not
    found = find_mismatches("A total of 213 passengers reported vomiting.",
                            "Ship's doctors recorded 312 passengers with symptoms.")
    assert [m.kind for m in found.mismatches] == ["number"]
