"""Numbers written as words: their values ("twenty-seven" -> 27, "a dozen" -> 12) and the digits the NLI model is
shown for them (:func:`digits_for_words`); digit strings with a decimal comma (:func:`_digits`).

Example:
    >>> word_number("eight"), _words_value("a hundred and fifty"), _words_value("half a million"), _digits("1,2")
    (8.0, 150.0, 500000.0, 1.2)
"""

from __future__ import annotations

import re

__all__ = ["digits_for_words", "word_number"]

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
}
_NUMWORD = "|".join(sorted(list(_UNITS) + list(_SCALES), key=len, reverse=True))
# a fraction of a scale: "half a million", "a quarter of a billion", "half-million", "half a dozen"
_FRACTION = (r"(?:(?:half|(?:a\s+)?quarter(?:\s+of)?)[\s-]+(?:an?\s+)?"
             r"(?=(?:hundred|thousand|million|billion|trillion|dozen)(?!\w)))")
_FRACTIONS = {"half": 0.5, "quarter": 0.25}
# spelled-out numbers: "twenty-seven", "a hundred and fifty", "two dozen" (no trailing separator)
_SPELLED = rf"(?:{_FRACTION}|a\s+)?(?:{_NUMWORD})(?!\w)(?:[\s-]+(?:and\s+)?(?:{_NUMWORD})(?!\w))*"

def word_number(word: str) -> float | None:
    """The value of one spelled-out number word ("eight" -> 8.0), else None.

    Example:
        >>> word_number("eight"), word_number("members")
        (8.0, None)
    """
    return _words_value(word) if word.lower() in _UNITS or word.lower() in _SCALES else None


def _words_value(text: str) -> float | None:
    total, cur, seen, part = 0.0, 0.0, False, 1.0
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in ("a", "an", "and", "of"):
            continue  # "a dozen" = 12: the scale below starts from 1
        if w in _FRACTIONS:
            part = _FRACTIONS[w]  # "half a million": the next scale, halved
        elif w in _UNITS:
            cur += _UNITS[w]
            seen = True
        elif w in _SCALES:
            cur = (cur or 1.0) * _SCALES[w] * part
            part = 1.0
            seen = True
            if _SCALES[w] >= 1000:
                total, cur = total + cur, 0.0
    return total + cur if seen else None


_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")


def _digits(text: str) -> float:
    """The value of a digit string: "1,250" is 1250, but "1,2" (a decimal comma: thousands take 3 digits) is 1.2."""
    core = re.sub(r"[^\d.,]", "", text)
    if _DECIMAL_COMMA.fullmatch(core):
        core = core.replace(",", ".")
    return float(core.replace(",", "") or "nan")


_WORD_SPAN = re.compile(rf"(?<![\w-]){_SPELLED}(?!-(?:thirds?|quarters?|halves|fifths?|tenths?)\b)", re.I)


def _well_formed(words: str) -> bool:
    """ "twenty-seven", "a hundred and fifty": yes; "fifty-fifty", "one two three": no."""
    tokens = [w for w in re.findall(r"[a-z]+", words.lower()) if w != "and"]
    if tokens in (["one"], ["a", "one"]) or tokens[0] in _SCALES:
        return False  # a pronoun or article ("one of them"); "million and two" after a digit
    prev = None
    for w in tokens:
        if w in _UNITS:
            if prev is not None and prev in _UNITS and not (_UNITS[prev] >= 20 and _UNITS[w] < 10):
                return False
            prev = w
        elif w in _SCALES:
            prev = None
    return True


def _as_digits(value: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale and (value / scale * 10) % 1 == 0:
            return f"{value / scale:g} {word}"
    return f"{value:,.0f}"


def digits_for_words(sentence: str) -> str:
    """The sentence with spelled-out numbers written in digits, for the NLI model's input.

    The NLI model reads "Twenty-seven people" against "27 people" as a changed number; the rules
    already know they are equal, so the model is shown one spelling. "one" alone stays a word (a
    pronoun as often as a number), vague words ("dozens", "several") and fractions stay as they are.

    Example:
        >>> digits_for_words("Twenty-seven people were hurt and about two dozen shops were hit.")
        '27 people were hurt and about 24 shops were hit.'
    """
    def sub(m: re.Match[str]) -> str:
        lead, words = "", m.group(0)
        article = re.match(r"an?\s+", words, re.I)
        if article and words[article.end():].split("-")[0].split()[0].lower() not in (*_SCALES, *_FRACTIONS):
            lead, words = words[:article.end()], words[article.end():]  # "a nine-year-old": keep "a"
        value = _words_value(words)
        return m.group(0) if value is None or not _well_formed(words) else lead + _as_digits(value)

    return _WORD_SPAN.sub(sub, sentence)
