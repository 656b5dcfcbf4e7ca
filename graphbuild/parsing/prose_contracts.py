"""Contracts told in running prose: one provider, its value, term and dates in a paragraph.

"The extra care contract is held by X Ltd. The contract value is £1.2m per annum.
The term is 3 years + 1 + 1, starting on 1 April 2023." A paragraph of an answer
is read as contracts only when it uses a contract word and cues a provider
("held by", "awarded to", "contract with"). Each provider's sentences run from the
sentence naming it to the next one naming another provider, so one provider's
value is never given to another; a stretch naming several providers is skipped.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from graphbuild.facts import Contract, Money
from graphbuild.parsing.cues import Mention, provider_mentions
from graphbuild.parsing.dates import find_dates
from graphbuild.parsing.money import find_money
from graphbuild.parsing.requester import restates_request
from graphbuild.parsing.sections import Block
from graphbuild.parsing.services import service_of
from graphbuild.parsing.spans import clean, sentences, span
from graphbuild.parsing.terms import END_WORDS, START_WORDS, extension_months, term_months
from graphbuild.readers.document import Document

CONTRACT_WORD = re.compile(r"(?i)\bcontract(?:s|ed)?\b")
SUBJECT = re.compile(  # "The extra care contract for adults is held by", "The X service is ..."
    r"(?i)\b(?:the|our|this)\s+(?P<t>[^.,;:]{3,80}?)\s+(?P<w>contract|service)\b"
    r"(?P<rest>\s+for\s+[^.,;:]{3,80}?)?\s+(?:is|was|has been|are|were|will be)\s+"
    r"(?:held|provided|delivered|awarded|let|run|operated)\b"
)
WITH = re.compile(  # "the block contract with X", "The X Contract (North) with Y is worth"
    r"(?i)\b(?:the|our|a|this)\s+(?P<t>[\w'’ -]{2,60}?)\s+(?P<c>contract)"
    r"(?P<part>\s+\([^)]{1,40}\))?\s+with\b"
)
UNDER = re.compile(  # "provided by X under the Y Step Contract, worth ...": a named contract
    r"\bunder\s+(?:the|a|an)\s+(?P<t>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,8}\s+Contract)\b"
)
VALUE_WORD = re.compile(  # an answer can give a value without the word "contract"
    r"(?i)\b(?:worth|total value|annual value|contract value|valued at)\b"
)
WORTH = re.compile(r"(?i)\b(?:worth|valued at|value of|value is|value was)\s*$")
SAME_TERM = re.compile(r"(?i)\b(?:over|for|on)\s+the\s+same\s+(?:term|dates|period)\b")
USERS = re.compile(
    r"(?i)\b(?:supports?|serves?|for)\s+(?P<a>\d[\d,]*)\s+(?:tenants|people|service users|"
    r"residents|clients|adults)\b|(?P<b>\d[\d,]*)\s+(?:people|service users|adults|clients)\s+"
    r"(?:attend|use|receive)"
)
TOTAL_BEFORE = re.compile(r"(?i)\btotal\b[^.£]{0,30}$")
ANNUAL_BEFORE = re.compile(r"(?i)\b(?:annual|yearly)\s+(?:contract\s+)?value\s+(?:is|was|of)\s*$")
_RANGE = re.compile(r"\s*(?:to|until|till|-|–)\s*")
BARE_TO = re.compile(r"(?i)(?:,|\byears?|\bmonths?)\s+to\s*$")
EXTEND = re.compile(r"(?i)\bextend|\bextension")
PROVIDED = re.compile(  # "On-site care at the schemes is provided by X under a block contract"
    r"^\s*(?P<t>[A-Z][^.,;:]{3,80}?)\s+(?:is|are|was|were)\s+(?:provided|delivered)\s+by\b"
)


def _title(sentence: str, topic: str | None) -> str | None:
    subject = SUBJECT.search(sentence)
    if subject:
        word = subject.group("w")
        words = subject.group("t") + (f" {word}" if word.lower() == "service" else "")
        return clean(words + (subject.group("rest") or ""))
    joined = WITH.search(sentence)
    if joined:
        name = clean(f"{joined.group('t')} {joined.group('c')}{joined.group('part') or ''}")
        return f"{topic} {name}" if topic and len(joined.group("t").split()) == 1 else name
    under = UNDER.search(sentence)
    return clean(under.group("t")) if under else None


def _dates(text: str) -> dict:
    """Start and end from the words before each date; 'from X to Y' is a range."""
    found: dict = {}
    dates = find_dates(text)
    for index, found_date in enumerate(dates):
        before = text[max(0, found_date.start - 40) : found_date.start]
        previous = dates[index - 1] if index else None
        if previous and _RANGE.fullmatch(text[previous.end : found_date.start]):
            found.setdefault("end", found_date.iso)
            continue
        if "start" in found and BARE_TO.search(before) and not EXTEND.search(before):
            # "started on 1 July 2021 for five years, to 30 June 2026": the bare "to" ends it
            found.setdefault("end", found_date.iso)
            continue
        ends = [m.end() for m in END_WORDS.finditer(before)]
        starts = [m.end() for m in START_WORDS.finditer(before)]
        if ends and (not starts or max(ends) > max(starts)):
            found.setdefault("end", found_date.iso)
        elif starts:
            found.setdefault("start", found_date.iso)
    return found


def months_between(start: str | None, end: str | None) -> int | None:
    """Whole months from a start day to the day before its anniversary (1 May to 30 April)."""
    if not start or not end or len(start) != 10 or len(end) != 10:
        return None
    first, last = date.fromisoformat(start), date.fromisoformat(end) + timedelta(days=1)
    if first.day != last.day or last <= first:
        return None
    return (last.year - first.year) * 12 + last.month - first.month


def _value(text: str) -> Money | None:
    """The amount the text says the contract is worth, else the one amount stated.

    Several different amounts cannot be told apart, so none, unless exactly one of
    them follows "worth" or "value of" ("worth £1m a year ... £900 per bed").
    """
    money = find_money(text)
    if not money:
        return None
    if len({m.amount for m in money}) > 1:
        worth = [m for m in money if WORTH.search(text[max(0, m.start - 25) : m.start])]
        if len({m.amount for m in worth}) != 1:
            return None
        money = worth
    found = money[0]
    period = found.period
    if period is None and TOTAL_BEFORE.search(text[: found.start]):
        period = "total"
    if period is None and ANNUAL_BEFORE.search(text[: found.start]):
        period = "annual"  # "The annual contract value is £186,000"
    return Money(found.amount, period, found.stated(text))


def _contract(
    doc: Document, text: str, base: int, mention: Mention, topic: str | None, before=None
):
    """The contract one provider's stretch states; `before` is the one stated just before it,
    whose term and dates a stretch "over the same term" shares."""
    if not (CONTRACT_WORD.search(text) or VALUE_WORD.search(text)):
        return None
    value = _value(text)
    dates = _dates(text)
    term = term_months(text)
    if value is None and not dates and term is None:
        return None
    first = sentences(text, 0, len(text))[0]
    opening = text[first[0] : first[1]]
    provided = PROVIDED.search(opening)
    subject = clean(provided.group("t")) if provided else None  # what the sentence says is provided
    title = _title(opening, topic) or topic or subject or "contract"
    contract = Contract(
        title,
        span(doc, base, base + len(text.rstrip())),
        providers=[mention.name],
        value=value,
        term_months=term,
        extension_months=extension_months(text),
        start=dates.get("start"),
        end=dates.get("end"),
        service=service_of(title),
    )
    if before is not None and SAME_TERM.search(text):
        contract.term_months = contract.term_months or before.term_months
        contract.start = contract.start or before.start
        contract.end = contract.end or before.end
    if contract.term_months is None:
        contract.term_months = months_between(contract.start, contract.end)
    users = USERS.search(text)
    if users:
        contract.service_users = int((users.group("a") or users.group("b")).replace(",", ""))
    return contract


def prose_contracts(doc: Document, blocks: list[Block], topic_of) -> list[Contract]:
    """One contract per provider stretch of an answer paragraph that states its terms.

    `topic_of(block)` names what the question asks about, for a bare "the block
    contract with X" sentence.
    """
    found: list[Contract] = []
    for block in blocks:
        for line in block.answer:
            if line.blank or "\t" in line.text.strip():
                continue
            if not (CONTRACT_WORD.search(line.text) or VALUE_WORD.search(line.text)):
                continue
            stretches: list[tuple[int, int, list[Mention]]] = []
            for begin, end in sentences(line.text, 0, len(line.text)):
                sentence = line.text[begin:end]
                if restates_request(sentence):
                    continue
                named = [m for m in provider_mentions(sentence) if not m.negated]
                if named or any(m.negated for m in provider_mentions(sentence)):
                    stretches.append((begin, end, named))
                elif stretches:
                    stretches[-1] = (stretches[-1][0], end, stretches[-1][2])
            before = None
            for begin, end, named in stretches:
                if len({m.name for m in named}) != 1:
                    continue  # none, or several providers whose figures cannot be paired
                text = line.text[begin:end]
                contract = _contract(
                    doc, text, line.start + begin, named[0], topic_of(block), before
                )
                if contract is not None:
                    found.append(contract)
                    before = contract
    return found
