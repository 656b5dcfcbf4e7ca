"""The letter around the answers: appeal rights, sign-offs, contact lines, mail headers.

A response ends with how to complain, who to contact and a sign-off; a WhatDoTheyKnow page
or a forwarded e-mail strings several messages together. None of it answers anything, so
the segmenter skips it; these patterns say where it starts, where answers resume (an
annex, the next message in a thread) and which whole lines are only contact details.
"""

from __future__ import annotations

import re

from graphbuild.readers.document import Line

BOILERPLATE = re.compile(
    r"(?:re-?use the information|open government licen[cs]e|if you are (?:dissatisfied|unhappy|not "
    r"satisfied)|(?:request|ask for|apply for|seek|asking for|requesting)\s+(?:an?\s+)?internal "
    r"review|internal review (?:procedure|process)|information commissioner|yours sincerely|"
    r"yours faithfully|the legislation allows you|copyright|you may also (?:seek|complain)|"
    r"you can also complain|right to (?:appeal|complain)|apologise for the delay)",
    re.IGNORECASE,
)
CONTACT_LINE = re.compile(  # a whole line of contact details, never a sentence naming a URL
    r"(?:^\s*(?:telephone|tel|phone|e-?mail|fax|web(?:site)?)\s*:|freepost|wycliffe house|"
    r"^\s*(?:https?://|www\.)\S+\s*$|^\s*[\w.-]+@[\w.-]+\s*$|"
    r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\s\d[A-Z]{2}\W*$)",
    re.IGNORECASE,
)
RESUME = re.compile(
    r"^\s*(?:appendix|annex|schedule|attachment|enclosure)\b|^\s*(?:FOIA?|EIR)\s+(?:request|ref)",
    re.IGNORECASE,
)
ANNEX = re.compile(  # "Annex A - public interest test": not part of the last answer
    r"^\s*(?:appendix|annex)\s+[A-Z0-9]{1,3}\s*(?:[-–—:.]|$)", re.IGNORECASE
)
SIGN_OFF = re.compile(r"(?i)^\W*yours (?:sincerely|faithfully)\b")
MAIL_HEADER = re.compile(  # a new message in a thread (a WhatDoTheyKnow page, a forwarded e-mail)
    r"^\s*(?:(?:from|sent|date)\s*:\s*\S|dear\s+\S)", re.IGNORECASE
)


def is_boilerplate(line: Line) -> bool:
    return bool(BOILERPLATE.search(line.text))
