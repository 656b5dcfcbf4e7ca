"""Where an FOI letter states its reference: "Our ref", "Request number", "RE: FOI …".

The reference follows a label; a requester's own "Your ref" only counts when
the letter gives no other. An attachment (a spreadsheet sent with a response)
states whose it is in its caption, "attachment to FOI response <ref>".
"""

from __future__ import annotations

import re

from graphbuild.facts import Evidence
from graphbuild.parsing.spans import line_span, span
from graphbuild.readers.document import Document, Line

CODE = r"[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)*"
REFERENCE = re.compile(
    r"(?i:(?P<short>\b(?:FOIA?|EIR|FOI/EIR)\s+(?:request|ref(?:erence)?|case)\.?"
    r"(?:\s+(?:no\.?|number))?)|"
    r"\b(?P<yours>your\s+ref(?:erence)?)\.?(?:\s+(?:no\.?|number))?|"
    # "Freedom of Information Request FOI-FM-24-118": no label, so only an ID-shaped code
    r"\bfreedom\s+of\s+information\s+(?:act\s+)?request(?=\s*[:#]?\s*(?=[\w/-]*\d)\w+[-/]\w)|"
    r"\b(?:(?:our|case|request|foi|foia|eir|information\s+request)\s+)?"
    r"ref(?:erence)?\.?(?:\s+(?:no\.?|number))?|"
    r"\brequest\s+(?:number|no\.?|id)|"
    r"\b(?:attachment|annex|appendix|enclosure)\s+to\s+(?:the\s+|our\s+)?(?:FOIA?|EIR)\s+"
    r"(?:response|request)|"
    r"\b(?:re|subject)\s*:(?:\s*(?:re|fw|fwd)\s*:)*(?=\s*(?:FOIA?|EIR)\b))"
    rf"(?:\s*[:.#]\s*|\s+|(?<=:))(?P<ref>(?:[A-Z]{{2,5}}\s(?=\d))?{CODE})"
)
_REFERENCE_ONLY = re.compile(
    r"(?i)\s*(?:(?:our|your|case|request|foi)\s+)?(?:ref(?:erence)?|request(?=\s+(?:number|no)))"
    r"(?:\s+(?:number|no\.?))?\s*:?\s*"
)


def _reference(doc: Document, line: Line, match: re.Match[str]) -> Evidence:
    """The code; 'FOIA Request 0748' keeps its label, as the letter names the request so."""
    start, end = line.start + match.start("ref"), line.start + match.end("ref")
    bare_number = re.fullmatch(r"[\d/.-]+", match.group("ref"))
    if match.group("short") and bare_number and ":" not in match.group(0):
        start = line.start + match.start()
    return span(doc, start, end)


def _plausible_reference(line: Line, match: re.Match[str]) -> bool:
    """A code with a digit; after a bare "reference" in prose, one mixing letters and digits.

    "see reference 2023/24 budget" is not a reference, nor a code that runs on
    into another group of digits ("FOI 2023 1234"): unsure, so nothing is read.
    """
    ref = match.group("ref")
    if not re.search(r"\d", ref) or len(ref) < 4:
        return False
    if re.match(r"\s\d", line.text[match.end() :]):
        return False
    label = line.text[match.start() : match.start("ref")]
    return not re.fullmatch(r"(?i)ref(?:erence)?\s+", label) or bool(re.search(r"[A-Za-z]", ref))


_LEADING_CODE = re.compile(r"^\s*(?P<ref>(?:FOIA?|EIR)\s+\d[\d/-]*\d)(?=\s*(?:[|,;]|$))")


def find_reference(doc: Document) -> tuple[Evidence | None, int | None]:
    """The first labelled reference code (the requester's own "Your ref" only failing others);
    a heading line that starts 'FOI 2024-0193 | ...' names the request by its number."""
    theirs: tuple[Evidence | None, int | None] = (None, None)
    for line in doc.lines[:12]:
        leading = _LEADING_CODE.match(line.text)
        if leading:
            start = line.start + leading.start("ref")
            return span(doc, start, line.start + leading.end("ref")), line.number
    for line in doc.lines:
        for match in REFERENCE.finditer(line.text):
            if not _plausible_reference(line, match):
                continue
            if match.group("yours"):
                theirs = theirs if theirs[0] else (_reference(doc, line, match), line.number)
                continue
            return _reference(doc, line, match), line.number
        if re.fullmatch(_REFERENCE_ONLY, line.text):
            following = [ln for ln in doc.lines[line.number + 1 :] if not ln.blank][:1]
            if following and re.fullmatch(rf"\s*(?=\S*\d){CODE}\s*", following[0].text):
                return line_span(doc, following[0]), following[0].number
    return theirs
