"""What a number counts: its unit, client group and council department.

FOI answers state counts as "12.5 fte people employed in ...", "63 young
people on our ... scheme", "9 drop-in sessions", "Total – 31.2". These
helpers read the words around a number the way an analyst would: the head
noun is the unit ("sessions"), people-like nouns count people, a client group
("learning disabilities") and a department ("Adult Social Care") are recorded
apart from the unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PEOPLE_NOUNS = (
    r"people|persons|individuals|service users|users|clients|residents|adults|"
    r"children|young people|older people|carers|customers|recipients|patients|"
    r"families|learners|pupils|students|staff|employees|workers|officers|commissioners|"
    r"managers|appointees|tenants"
)
COUNT_NOUNS = (
    r"hours|posts|vacanc(?:y|ies)|contracts?|providers?|placements?|packages?|sessions?|"
    r"plans?|events?|networks?|centres?|beds?|homes?|files?|cases?|referrals?|"
    r"assessments?|visits?|calls?|agencies|organisations?|schemes?|services?|"
    r"requests?|complaints?|people|persons?|individuals?|users?|clients?|residents?|"
    r"adults?|children|child|carers?|customers?|recipients?|patients?|families|"
    r"learners?|staff|employees?|workers?|officers?|frameworks?|lots?|"
    r"tenders?|suppliers?|days?|nights?|weeks?|months?|years?|minutes?|fte|wte|"
    r"tenants?|apartments?|flats?|units?|discharges?|admissions?"
)
# Dwellings are counted as 'units' whatever the letter calls one; a flat stays a flat.
_DWELLINGS = {"apartment": "units", "apartments": "units", "unit": "units"}
_TIME = {
    "day",
    "days",
    "night",
    "nights",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "minute",
    "minutes",
}
_ADJECTIVES = {
    "active",
    "current",
    "currently",
    "new",
    "live",
    "existing",
    "total",
    "open",
    "funded",
    "additional",
    "further",
    "separate",
    "different",
    "other",
    "unfilled",
    "vacant",
    "approximately",
    "about",
    "around",
    "some",
    "all",
    "our",
}
GROUPS = [
    (r"learning disabilit(?:y|ies)", "learning disabilities"),
    (r"physical disabilit(?:y|ies)", "physical disabilities"),
    (r"mental health", "mental health"),
    (r"dementia", "dementia"),
    (r"autis(?:m|tic)", "autism"),
    (r"sensory impairment", "sensory impairment"),
    (r"older people|elderly|over 65|65\+|aged 65", "older people"),
    (r"young people", "young people"),
]
DEPARTMENT = re.compile(
    r"\b(?P<dept>(?:Adults?'?|Children(?:'s)?(?: (?:&|and) Young People'?s?)?|"
    r"Education(?: (?:&|and) Children'?s)?|Public|Corporate|Housing|Community|"
    r"Health(?: (?:&|and) Social)?|Social)"
    r"(?:[ ](?:Social[ ]Care|Social[ ]Services|Services?|Health|Care|Procurement|Commissioning|"
    r"and[ ]Safeguarding|and[ ]Commissioning|&[ ]Commissioning|Directorate|Department|Team))"
    r"{1,3})\b"
)
FUNCTION = re.compile(
    r"(?i)\bthe (?P<dept>[a-z]+(?: [a-z]+)?) (?:function|team|department|directorate)\b"
)
LABEL_LINE = re.compile(
    r"^\s*(?:•\s*)?(?P<label>[A-Z][^:–—=]*?(?:\([^)]*\)[^:–—=(]*?)?)\s*"
    r"(?:(?:[–—]|\s-\s|\s-(?=\s?[£\d])|:|=)\s*(?P<figure>.+?)|\((?P<bracket>£?[\d.,]+\s?[mk]?)\);?)\s*$"
)


@dataclass(frozen=True)
class CountPhrase:
    unit: str  # normalised unit: people, FTE, hours, sessions, support plans ...
    noun_end: int  # offset (in the searched text) where the counted noun phrase ends
    group: str | None


def group_of(text: str) -> str | None:
    for pattern, group in GROUPS:
        if re.search(pattern, text, re.IGNORECASE):
            return group
    return None


def department_of(text: str) -> str | None:
    match = DEPARTMENT.search(text)
    if match:
        return match.group("dept").strip()
    match = FUNCTION.search(text)
    return match.group("dept").capitalize() if match else None


_STOP = (
    r"of|for|in|on|to|at|with|by|from|than|per|are|is|was|were|have|has|had|who|which|that|"
    r"the|our|their|its|this|these|those|and|or|but|would|will|can|could|should|may|across|"
    r"within|into|over|under|about|between"
)
_COUNT_PHRASE = re.compile(
    rf"^[ \t]?(?P<fte>[ \t]?(?:fte|wte)\b)?(?P<mods>(?:[ \t]+(?!(?:{_STOP})\b)[\w'’-]+){{0,4}})"
    rf"[ \t]+(?P<head>{COUNT_NOUNS})\b",
    re.IGNORECASE,
)
# '58 discharge to assess (D2A) beds': a bracketed acronym spells out the words before it,
# which may hold any word ('to', 'for'), so up to five are read as the noun's modifiers.
_ACRONYM_PHRASE = re.compile(
    rf"^[ \t]?(?P<mods>(?:[ \t]+[\w'’-]+){{1,5}}?[ \t]+\([A-Z][A-Za-z0-9&]{{1,7}}\))"
    rf"[ \t]+(?P<head>{COUNT_NOUNS})\b"
)
# Heads that do not say what they count without the noun before them.
NEEDS_QUALIFIER = {
    "plans",
    "plan",
    "networks",
    "network",
    "centres",
    "centre",
    "homes",
    "home",
    "schemes",
    "scheme",
    "packages",
    "package",
    "services",
    "service",
}
_PREPOSITIONS = {"of", "for", "in", "to", "on", "at", "with", "by", "from", "than", "per"}
ASKS_AREAS = re.compile(
    r"(?i)\bhow many (?:\w+ ){0,2}(?:contracts|providers)\b|\bvalue of (?:the |your |these )?"
    r"contracts|\b(?:how much|amount) (?:\w+ ){0,3}(?:spend|spent)\b|\bspend on\b"
)


_ACTION = re.compile(
    r"(?i)(?:\w+ing|\w+ed|receives?|attends?|uses?|are|were|have|had|who|aged|with|in|on|from)$"
)


def _people_acting(window: str, words: list[str]) -> tuple[int, str | None] | None:
    """'1,030 people attended a commissioned day opportunity', '402 people receive home care':
    the count is of the people; the nouns after the verb say what they do, not what is
    counted. Returns (end of the people noun in window, group) or None."""
    for index, word in enumerate(words[:-1]):
        if re.fullmatch(PEOPLE_NOUNS, word, re.IGNORECASE) and _ACTION.fullmatch(words[index + 1]):
            found = re.search(rf"\b{re.escape(word)}\b", window)
            if found:
                return found.end(), group_of(" ".join(words[: index + 1]))
    return None


_HOLDS = re.compile(
    r"(?i)(?:hold|held|have|had|provide|provided|deliver|delivered|offer|offered|operate|"
    r"operated|run|ran|supply|supplied|manage|managed|own|owned)$"
)


def _counted_holder(window: str, words: list[str], start: int) -> CountPhrase | None:
    """'Two providers hold block contracts': the number counts the providers, the noun
    that holds, not the contracts held."""
    if len(words) < 2 or not _HOLDS.fullmatch(words[1]):
        return None
    if not re.fullmatch(COUNT_NOUNS, words[0], re.IGNORECASE) or words[0].lower() in _TIME:
        return None
    found = re.search(rf"\b{re.escape(words[0])}\b", window)
    if found is None:
        return None
    people = re.fullmatch(PEOPLE_NOUNS, words[0], re.IGNORECASE)
    unit = "people" if people else "posts" if words[0].lower().startswith("vacanc") else words[0]
    return CountPhrase(unit.lower(), start + found.end(), group_of(words[0]))


def count_phrase(text: str, start: int) -> CountPhrase | None:
    """Read the noun phrase that follows a number at text[start:]; None if it counts nothing."""
    window = text[start : start + 90]
    if re.match(r"(?i)\s?(?:fte|wte)\b", window):
        end = start + re.match(r"(?i)\s?(?:fte|wte)", window).end()
        following = _COUNT_PHRASE.match(text[end : end + 60])
        group = group_of(following.group(0)) if following else None
        return CountPhrase("FTE", end, group)
    acronym = _ACRONYM_PHRASE.match(window)
    if acronym and acronym.group("head").lower() not in _TIME:
        head = acronym.group("head").lower()
        unit = "people" if re.fullmatch(PEOPLE_NOUNS, head, re.IGNORECASE) else head
        return CountPhrase(_DWELLINGS.get(unit, unit), start + acronym.end(), None)
    match = _COUNT_PHRASE.match(window)
    if not match:
        return None
    head = match.group("head").lower()
    words = match.group("mods").split()
    holder = _counted_holder(window, words, start)
    if holder is not None:
        return holder
    acting = _people_acting(window, words)
    if acting is not None:
        return CountPhrase("people", start + acting[0], acting[1])
    if any(re.search(r"[.,;:()]", w) or w.lower() in _PREPOSITIONS for w in words) or head in _TIME:
        return None
    modifiers = [
        w
        for w in words
        if "-" not in w
        and w.lower() not in _ADJECTIVES
        and not w.lower().endswith("ed")
        and not w[0].isupper()
    ]
    phrase = " ".join(words + [match.group("head")])
    group = group_of(phrase)
    if group:
        modifiers = [
            w
            for w in modifiers
            if not re.search(
                r"(?i)disabilit|learning|physical|"
                r"mental|health|older|young",
                w,
            )
        ]
    if re.fullmatch(PEOPLE_NOUNS, head, re.IGNORECASE) or head in {"persons", "person"}:
        unit = "people"
    elif head in {"vacancy", "vacancies"}:
        unit = "posts"
    elif head in NEEDS_QUALIFIER and modifiers:
        unit = " ".join(modifiers[-2:] + [head]).lower()
    else:
        unit = _DWELLINGS.get(head, head)
    return CountPhrase(unit, start + match.end(), group)


def clean_measure(text: str) -> str:
    """Trim a measure phrase of filler an analyst would drop."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(?i),?\s*\b(?:in|within|across) the (?:local authority|LA|council)\b", "", text)
    text = re.sub(r"(?i)\b(?:in|within) your (?:area|authority|local authority)\b", "", text)
    text = re.sub(
        r"(?i)^(?:there (?:are|is|were|was) |we (?:currently )?have |currently |"
        r"approximately |about |around )+",
        "",
        text,
    )
    text = re.sub(r"\(\s*\)", "", text).strip(" ,;:.-–*‘’'\"")
    # a bracket cut off by the clause's end ('beds)', 'Home (') is not part of the measure
    while text.endswith(("(", ")")) and text.count("(") != text.count(")"):
        text = text[:-1].rstrip(" ,;:.-–")
    if text.startswith(")"):
        text = text[1:].lstrip()
    return text
