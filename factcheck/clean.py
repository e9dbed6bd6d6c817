"""Stage 2, clean: keep the lines of an article that make claims about the story.

Drops, line by line and with a reason for each: share/follow/subscribe/comment/cookie prompts,
copyright and agency credit lines, navigation crumbs, "Most Read"/"Related" blocks, image credits,
bare timestamps, and a repeated headline. Also strips dateline prefixes ("WASHINGTON (AP) --",
"Washington, Jan 26 (EFE) .-", "date 2022-01-27") from the kept text and reads the headline and
date of the article. Rules are about the *shape* of web boilerplate, not any outlet's lines.

Example:
    >>> c = clean_text("Fire hits town\\n\\nA fire hit the town on Monday.\\n\\nShare on Facebook")
    >>> c.title, [c.reason for c in c.dropped]
    ('Fire hits town', ['prompt'])
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .months import MONTH_PATTERN, month_number
from .results import Dropped

_PROMPT = re.compile(
    r"^\W*(follow|share|subscribe|sign\s*up|sign\s*in|log\s*in|register|like\s+us|join\s+us|"
    r"leave\s+a\s+(comment|reply)|post\s+a\s+comment|\d*\s*comments?\b|click\s+here|read\s+(more|also|next)|"
    r"see\s+also|continue\s+reading|advertisement|sponsored|this\s+site\s+uses|learn\s+how\s+your|"
    r"we\s+use\s+cookies|this\s+(website|site)\s+uses\s+cookies|accept\s+(all\s+)?cookies|cookie|"
    r"download\s+(our|the)\s+app|get\s+the\s+app|newsletter|email\s+this|print\s+this|tweet\b|"
    r"whatsapp|facebook|twitter|telegram|instagram|linkedin|skip\s+to|back\s+to\s+top|"
    r"more\s+from|you\s+may\s+also\s+like|trending|watch\s*:|listen\s*:|also\s+read|also\s+see)\b",
    re.I,
)
_WEB_TALK = re.compile(
    r"\b(cookies?|this (web)?site|your comment|newsletter|sign up|subscribe|click|app store|"
    r"browser|javascript|spam)\b",
    re.I,
)
_SOCIAL = re.compile(
    r"\b(twitter|facebook|instagram|telegram|whatsapp|youtube|linkedin|newsletter|"
    r"subscribe|comments?)\b",
    re.I,
)
_COPYRIGHT = re.compile(
    r"(©|\(c\)\s|\bcopyright\b|all rights reserved|\bprovided by\b|^\W*source\s*:|"
    r"^\W*(reporting|writing|editing|additional reporting) by\b)",
    re.I,
)
_IMAGE = re.compile(
    r"^\W*(\(?\s*(image|photo|picture|pic|file photo|photograph|credit|video|getty|ap photo|"
    r"reuters photo)s?\s*(credit)?\s*[:/)])",
    re.I,
)
_NAV = re.compile(r"(>>|»|›|\s>\s.*\s>\s|\s\|\s.*\s\|\s)")
_BLOCK_HEAD = re.compile(
    r"^\W*(most\s+(read|popular|viewed|shared)|related(\s+(articles?|stories|news|"
    r"content|coverage))?|recommended|read\s+more|more\s+stories|top\s+stories|"
    r"latest\s+news|trending(\s+now)?|you\s+may\s+also\s+like|also\s+read)\s*:?\s*$",
    re.I,
)
_TIMESTAMP = re.compile(
    rf"(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[:.]\d{{2}}(:\d{{2}})?|\b({MONTH_PATTERN})\.?\s+\d{{1,2}}|"
    rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\b(am|pm|gmt|utc|est|cet)\b)",
    re.I,
)
_DATE_PREFIX = re.compile(
    r"^\s*(date|published|updated|posted)\s*:?\s*\d{4}-\d{2}-\d{2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*", re.I
)
_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Za-z.'\- ]{{1,30}}?,\s*)?(?:[A-Z][A-Za-z.]{{1,12}}\s*,\s*)?"
    rf"(?:(?:{MONTH_PATTERN})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*)?(?:\((?:[A-Z][A-Za-z]{{1,12}}|AP|AFP|EFE|UPI)\)\s*)?"
    rf"(?:\.-|--|—|–|-)\s+(?=[A-Z\"“])",
    re.I,
)
_CAPS_DATELINE = re.compile(r"^\s*[A-Z][A-Z .,']{2,40}(?:\([A-Za-z]{2,12}\))?\s*(?:\.-|--|—|–|-)\s+(?=[A-Z\"“])")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MDY = re.compile(rf"\b({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:,?\s+(\d{{4}}))?\b", re.I)


@dataclass(frozen=True)
class CleanText:
    """Kept spans (start, end) of the original text, dropped lines, and the headline and date."""

    kept: tuple[tuple[int, int], ...]
    dropped: tuple[Dropped, ...]
    title: str | None
    date: str | None


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_STAMP_WORDS = frozenset(("link", "updated", "published", "posted", "date", "am", "pm"))


def _n_words(s: str, most: int) -> int:
    """The number of words in ``s``, counted up to ``most + 1`` (enough to compare with ``most``) without a
    list of every word (a 20 MB line would need 200 MB for it)."""
    return sum(1 for _ in itertools.islice(_WORD.finditer(s), most + 1))


def _few_stamp_words(s: str) -> bool:
    """At most two words of ``s`` longer than two letters besides 'updated', 'published', 'am'...: a timestamp."""
    n = 0
    for m in _WORD.finditer(s):
        w = m.group(0)
        if len(w) > 2 and w.lower() not in _STAMP_WORDS:
            n += 1
            if n > 2:
                return False
    return True


def line_reason(line: str) -> str | None:
    """Why a single line is boilerplate, or ``None`` if it may carry a claim."""
    s = line.strip()
    n_words = _n_words(s, 30)  # every test below compares with at most 30
    if not n_words:
        return "no_text"
    if _IMAGE.search(s):
        return "image_credit"
    if _COPYRIGHT.search(s) and n_words <= 25:
        return "copyright"
    if _NAV.search(s) and not re.search(r"[.!?\"”]$", s):
        return "navigation"
    if _PROMPT.search(s) and (
        n_words <= 6 or not re.search(r"[.!?]['\"”’]?$", s) or (_WEB_TALK.search(s) and n_words <= 30)
    ):
        return "prompt"
    if _SOCIAL.search(s) and n_words <= 8 and not re.search(r"[.!?]$", s):
        return "prompt"
    if _TIMESTAMP.search(s) and _few_stamp_words(s):
        return "timestamp"
    if re.fullmatch(r"/?\s*[A-Z]{2,8}\s*", s) or re.fullmatch(r"/\s*\w+", s):
        return "credit"
    return None


def clean_text(text: str) -> CleanText:
    """Split ``text`` into lines, drop boilerplate lines, and find the headline and date.

    Args:
        text: the article's original text.

    Returns:
        The kept spans (offsets into ``text``), the dropped lines with reasons, title and date.
    """
    kept: list[tuple[int, int]] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    title: str | None = None
    in_block = False
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        s = raw.strip()
        if not s:  # a "Most Read" block goes on across blank lines
            continue
        lstart = start + (len(raw) - len(raw.lstrip()))
        lend = lstart + len(s)
        key = re.sub(r"\W+", " ", s.lower()).strip()
        reason = line_reason(s)
        if reason is None and _BLOCK_HEAD.match(s):
            reason, in_block = "related_block", True
        elif reason is None and in_block and _n_words(s, 15) < 15:
            reason = "related_block"
        elif reason is None:
            in_block = False
        if reason is None and key in seen:
            reason = "repeated"
        if reason:
            dropped.append(Dropped(text=s, start=lstart, end=lend, reason=reason))
            continue
        seen.add(key)
        m = _DATE_PREFIX.match(s)
        if m:
            lstart += m.end()
        if title is None and not kept:
            if _n_words(s, 30) <= 30 and not re.search(r"[.!?]['\"”’]?$", s):
                title = s
        else:
            head = text[lstart:lend]
            d = (_DATELINE.match(head) or _CAPS_DATELINE.match(head)) if len(kept) <= 2 else None
            if d and d.end() < 60:
                lstart += d.end()
        if lend > lstart:
            kept.append((lstart, lend))
    return CleanText(kept=tuple(kept), dropped=tuple(dropped), title=title, date=find_date(text))


def find_date(text: str) -> str | None:
    """The article's date from its first 600 characters: ISO when the year is known, else 'Mon DD'."""
    head = text[:600]
    m = _ISO.search(head)
    if m:
        return m.group(0)
    m2 = _MDY.search(head)
    if m2:
        mon = month_number(m2.group(1))
        day = int(m2.group(2))
        if 1 <= day <= 31:
            return f"{m2.group(3)}-{mon:02d}-{day:02d}" if m2.group(3) else f"--{mon:02d}-{day:02d}"
    return None
