"""What befell what a figure counts ("killed", "on board", "stolen") and the period of a rate ("a year"),
read from the words next to a figure."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .quantities import Quantity

# What happened to what is counted, nearest word first: "killing 11 passengers" and "Seventeen people died" count
# one group (deaths) under two nouns; "200 people were on board" and "Eleven people lost their lives" count two.
_PEOPLE = frozenset({"people", "dead", "injured", "missing"})  # units that count people under a fate

_FATES = (
    ("death", r"kill\w*|dead|deaths?|die[ds]?|dying|lost\s+(?:their|his|her)\s+lives?|fatal\w*|perish\w*|bodies|"
              r"murder\w*"),
    ("injury", r"injur\w*|hurt|wound\w*|hospital\w*"),
    ("missing", r"missing|unaccounted"),
    ("trapped", r"trapped|stuck"),
    # who fell sick: "213 passengers reported vomiting" is not "2,500 passengers on board"
    ("illness", r"ill|sick\w*|illness\w*|vomit\w*|diarrho?ea|symptoms?"),
    ("rescue", r"rescu\w*|saved|survivors?|pulled\s+(?:alive\s+)?from|alive|(?:dug|brought|pulled)\s+out"),
    # who watched: "a crowd of 45,000", "54,000 fans", "The attendance ... was 45,000"
    ("attendance", r"crowds?|attend\w*|fans|spectators|supporters|watched"),
    ("arrest", r"arrest\w*|detain\w*|custody"),
    ("evacuation", r"evacuat\w*|displaced|fled|flee\w*|moved\s+out|(?:told|ordered|forced)\s+to\s+leave"),
    # who lost power: "400,000 homes lost power" / "Power was knocked out to some 400,000 homes"
    ("outage", r"(?:without|no)\s+(?:power|electricity)|lost\s+(?:power|electricity)|"
               r"power\s+(?:was\s+)?(?:knocked\s+out|cut)|cut\s+(?:off\s+)?(?:power|electricity)|outages?|blackouts?"),
    # what was stolen: "Seven paintings were stolen" / "They took five paintings"
    # ("taken to hospital", "taken into custody" are other fates)
    ("theft", r"stole|stolen|steal\w*|took(?!\s+(?:\w+\s+)?(?:to|into|ill|sick)\b)|taken(?!\s+(?:to|into|ill|sick)\b)|"
              r"snatched|"
              r"looted|seized|"
              # money taken by whoever held it: "embezzling $4.2 million" / "diverted $2.4 million in city funds"
              r"embezzl\w*|misappropriat\w*|siphon\w*|divert(?:ed|ing)(?=\s*$|\s+(?:about\s+|some\s+|nearly\s+)?[$€£\d])"),
    ("board", r"aboard|board|carr(?:y|ies|ying|ied)"),
    # what a sum is: "fined ... €4.2 million" / "a fine of €2.4 million"; "profit rose to €310 million"
    ("fine", r"fin(?:e|ed|es|ing)|penalt(?:y|ies)|damages|ordered\s+to\s+pay"),
    ("profit", r"profits?|earnings|net\s+income"),
    ("revenue", r"revenues?|sales|turnover"),
    ("loss", r"loss(?:es)?"),
    # what a thing is worth: "valued the haul at €40 million" / "worth about €14 million"
    ("worth", r"worth|valued?|values|priced"),
    # a prison term: "jailed for six years" / "sentenced to eight years in prison"
    ("sentence", r"jail\w*|sentenc\w*|prison|imprison\w*"),
    # what happened to buildings and the like: "14 homes were destroyed" / "homes lost to the flames"
    ("damage", r"destroy\w*|damag\w*|lost\s+to|razed|gutted|flattened|burned\s+down|burnt\s+down"),
    # who sat out a vote: "14 members abstained" / "Twenty lawmakers chose to abstain"
    ("abstention", r"abstain\w*|abstentions?"),
    # jobs that go: "cut 5,400 jobs" / "reduce its workforce by 4,500 positions" / "4,500 layoffs"
    ("layoff", r"eliminat\w*|slash\w*|axe[sd]?|axing|lay(?:s|ing)?\s+off|laid\s+off|layoffs?|redundan\w*|"
               r"cut|cuts|cutting|reduc(?:e|es|ed|ing)|shed(?:s|ding)?|job\s+loss(?:es)?"),
    # how long someone held a post: "served as deputy mayor for 12 years" is no prison term
    ("tenure", r"served|serving|tenure|in\s+office|worked|employed|career"),
    # how long a walkout lasted: "on strike for 15 days" / "12 days of strikes"
    ("strike", r"strikes?|striking|walkouts?|stoppages?"),
    # how long talks took: "after ten hours of negotiation" is no strike's length
    ("talks", r"negotiations?|negotiating|talks"),
)
_FATE = re.compile("|".join(rf"(?P<{name}>\b(?:{words})\b)" for name, words in _FATES), re.I)
# the periods of a rate, each in the words news uses for it ("$50 a day", "per year", "annually", "monthly")
_PERIODS = (("year", re.compile(r"\b(?:a|per|each)\s+year\b|\bannual(?:ly)?\b|\byearly\b", re.I)),
            ("month", re.compile(r"\b(?:a|per|each)\s+month\b|\bmonthly\b", re.I)),
            ("week", re.compile(r"\b(?:a|per|each)\s+week\b|\bweekly\b", re.I)),
            ("day", re.compile(r"\b(?:a|per|each|every)\s+day\b|\bdaily\b", re.I)))
# a rate said right after its figure ("$26,500 per year", "12 cases a day")
_RATE = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:" + "|".join(rx.pattern for _, rx in _PERIODS) + ")", re.I)
# "the annual cost will be $26,500", "a monthly fee of $12": a price per period said before its figure (an
# "annual net loss" is one year's figure, no rate)
_RATE_BEFORE = re.compile(r"\b(?:annual|yearly|monthly|weekly|daily)\s+(?:costs?|fees?|price|rent|salary|pay|wages?|"
                          r"premiums?|charges?|subscription)\b[^.;:!?]{0,30}$", re.I)


def _period(sentence: str, q: Quantity) -> str | None:
    """The period of a rate ("$26,500 per year", "the annual cost ... $26,500" -> "year"), if one is said next to it.

    Example:
        >>> from factcheck.mismatch.quantities import quantities
        >>> s = "The annual cost will be $26,500."
        >>> _period(s, quantities(s)[0]), _period("It costs $5.", quantities("It costs $5.")[0])
        ('year', None)
    """
    if not q.rate:
        return None
    near = sentence[max(0, q.span[0] - 40):q.span[1] + 30]
    return next((name for name, rx in _PERIODS if rx.search(near)), None)


_LOSS_OF = re.compile(r"\bloss(?:es)?\s+of\s+(?:about\s+|some\s+|nearly\s+|around\s+|up\s+to\s+)?$", re.I)
_JOBS = re.compile(r"\s+(?:jobs|positions|roles|posts)\b", re.I)


def _fate(sentence: str, start: int, end: int) -> str:
    """The fate word nearest a number, within 40 characters before it (one clause) or seven words after it."""
    before = sentence[max(0, start - 40):start]
    before = before[before.rfind(",") + 1:] if "," in before else before  # not across a clause break
    if _LOSS_OF.search(before) and _JOBS.match(sentence, end):
        return "layoff"  # "the loss of 1,400 jobs": jobs that go, not a company's loss
    after = " ".join(sentence[end:end + 60].split()[:7])
    found = [(len(before) - m.end(), m.lastgroup) for m in _FATE.finditer(before)]
    found += [(m.start(), m.lastgroup) for m in _FATE.finditer(after)]
    return min(found)[1] or "" if found else ""
