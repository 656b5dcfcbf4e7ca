"""Split an FOI response into request text, answer text and boilerplate.

Figures in a request ("into which band: up to £500,000 ...") are not facts,
and the closing paragraphs (re-use licence, appeal rights, addresses) name
organisations that are not part of the market. Extractors therefore read only
answer lines, with the question they answer as context. The rules key on the
conventions FOI letters share: numbered items, "You asked:", "Answer:",
"Request"/"Response"/"Decision" headings, questions ending in "?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphbuild.readers.document import Document, Line

MARKER = re.compile(
    r"^\s*(?:•\s*)?(?:(?:Q(?:uestion)?\.?\s*(?P<qnum>\d{1,2})(?P<qsub>[a-z])?[.):]?)|"
    r"(?:(?P<num>\d{1,2})(?P<sub>[a-z])?[.):]))(?=\s|$)\s*",
    re.IGNORECASE,
)


def marker_number(match: re.Match) -> str:
    """'Q3.' -> '3', '4b)' -> '4b'."""
    number = match.group("qnum") or match.group("num")
    return number + (match.group("qsub") or match.group("sub") or "")


SUB_MARKER = re.compile(r"^\s*(?:•\s*)?\(?(?P<sub>[a-h]|i{1,3}|iv|v)[.)]\s+", re.IGNORECASE)
REQUEST_START = re.compile(
    r"^(?:how\b|what\b|when\b|where\b|which\b|who\b|whose\b|why\b|whether\b|do\b|does\b|did\b|"
    r"have you\b|has (?:the|your)\b|are you\b|are there\b|is there\b|is (?:the|your)\b|can\b|"
    r"could\b|would\b|will you\b|please (?!note|see|refer|find|be aware)|provide\b|give\b|"
    r"list\b|i would\b|i am\b|i'd\b|if (?:any|so|these|you|this|not|yes|no)\b)",
    re.IGNORECASE,
)
_DECLARATIVE = re.compile(
    r"^(?:[£\d]|[\w'’ ()&/-]{2,40}:\s*\S|(?:the |our |this |these |there )?(?:[\w'’()&/-]+ ){0,4}"
    r"(?:is|are|was|were|has|have|had|will|stood|runs?|contains?)\b)",
    re.IGNORECASE,
)
ANSWER_LABEL = re.compile(  # "Answer:", "Response -", "A:", "A2." (but not a sub-item "a.")
    r"^\s*(?:(?i:answer|response|reply|our response|council response)\s*[:.-]|A\d*\s*[:-]|"
    r"A\d+[.)])\s*"
)
ASKED = re.compile(
    r"^\s*(?:you asked(?: for)?|your request|the requester (?:asked|wrote)|request(?:ed)?|"
    r"my questions are|you clarified|clarification)\b.*:?\s*$",
    re.IGNORECASE,
)
REQUEST_HEADING = re.compile(
    r"^\s*(?:request|the request|your request|request details)\s*:?\s*$", re.I
)
RESPONSE_HEADING = re.compile(
    r"^\s*(?:response|decision|our response|answers|reply|information provided)\s*:?\s*$", re.I
)
BOILERPLATE = re.compile(
    r"(?:re-?use the information|open government licen[cs]e|if you are (?:dissatisfied|unhappy|not "
    r"satisfied)|internal review|information commissioner|yours sincerely|yours faithfully|"
    r"the legislation allows you|copyright|you may also (?:seek|complain)|"
    r"you can also complain|right to (?:appeal|complain)|apologise for the delay)",
    re.IGNORECASE,
)
CONTACT_LINE = re.compile(
    r"(?:^\s*(?:telephone|tel|e-?mail|email|fax|web)\s*:|freepost|wycliffe house|www\.|"
    r"^\s*[\w.-]+@[\w.-]+\s*$|\b[A-Z]{1,2}\d{1,2}[A-Z]?\s\d[A-Z]{2}\b)",
    re.IGNORECASE,
)
RESUME = re.compile(
    r"^\s*(?:appendix|annex|schedule|attachment|enclosure)\b|^\s*(?:FOIA?|EIR)\s+(?:request|ref)",
    re.IGNORECASE,
)
_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will be|stood|runs?|contains?)\b", re.I)


@dataclass
class Block:
    """A question (possibly none, for preamble or appendix text) and the lines answering it."""

    number: str | None
    question: list[Line] = field(default_factory=list)
    answer: list[Line] = field(default_factory=list)

    @property
    def question_text(self) -> str:
        return " ".join(line.content for line in self.question if line.content)

    @property
    def answer_text(self) -> str:
        return "\n".join(line.text for line in self.answer)


def is_request_like(text: str, numbered: bool = False) -> bool:
    """Does this read as something asked for rather than something told?"""
    body = MARKER.sub("", text, count=1).strip().lstrip("• ")
    body = SUB_MARKER.sub("", body, count=1).strip()
    if not body:
        return False
    if REQUEST_START.match(body):
        return True
    if body.endswith("?"):
        return True
    if numbered:
        return not _DECLARATIVE.match(body)
    return False


_CONTINUES = (":", ",", ";", "-", "–", " and", " or", " for", " of", " the")


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _is_boilerplate(line: Line) -> bool:
    return bool(BOILERPLATE.search(line.text))


class _Segmenter:
    """A small state machine over lines: request, answer or boilerplate."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.blocks: list[Block] = [Block(None)]
        self.mode = "answer"  # answer | question | boilerplate
        self.section = "none"  # none | request | response
        self.request_items: dict[str, list[Line]] = {}
        self.request_texts: set[str] = set()  # request lines, to recognise them echoed later
        self.last_request: str | None = None
        self.open = False  # the current question line runs on to the next line
        self.clarifying = False  # inside "You clarified:" text, which is still the request

    def run(self) -> list[Block]:
        for index, line in enumerate(self.doc.lines):
            self.step(index, line)
        return [b for b in self.blocks if b.question or any(not ln.blank for ln in b.answer)]

    def _new_block(self, number: str | None) -> Block:
        block = Block(number)
        self.blocks.append(block)
        return block

    def _next_content(self, index: int) -> Line | None:
        for line in self.doc.lines[index + 1 :]:
            if not line.blank:
                return line
        return None

    def _ask(self, block: Block, line: Line, text: str) -> None:
        if MARKER.match(text):
            self.clarifying = False
        block.question.append(line)
        self.mode = "question"
        self.open = text.endswith(_CONTINUES) or bool(MARKER.fullmatch(text))

    def step(self, index: int, line: Line) -> None:
        text = line.text.strip()
        current = self.blocks[-1]
        if self.mode == "boilerplate":
            if RESUME.match(text):
                self.mode = "answer"
                self._new_block(None).answer.append(line)
            return
        if not text:
            self.open = False
            if self.mode == "answer":
                current.answer.append(line)
            return
        if _is_boilerplate(line) and self.section != "request":
            self.mode = "boilerplate"
            return
        if CONTACT_LINE.search(text):
            return
        if REQUEST_HEADING.match(text):
            self.section, self.mode = "request", "question"
            self._new_block(None)
            return
        if RESPONSE_HEADING.match(text):
            self.section, self.mode = "response", "answer"
            self._new_block(None)
            return
        if ASKED.match(text) and len(text) < 80:
            self._ask(current, line, text)
            self.open = True
            self.clarifying = bool(re.match(r"(?i)\s*(?:you clarified|clarification)", text))
            return
        label = ANSWER_LABEL.match(text)
        short_a = text[: label.end()].strip(" :.-").lower() == "a" if label else False
        if label and (self.mode == "question" or not short_a):
            self.mode, self.open, self.clarifying = "answer", False, False
            if self.section == "request":
                self.section = "response"
            if text[label.end() :].strip():
                current.answer.append(line)
            return
        if self.clarifying and not MARKER.match(text):
            self._ask(current, line, text)
            return
        if self.section == "request":
            self._request_line(line, text)
        else:
            self._classify(index, line, text, current)

    def _classify(self, index: int, line: Line, text: str, current: Block) -> None:
        if self.section == "response" and _plain(text) in self.request_texts and len(text) > 20:
            self._ask(self._new_block(current.number), line, text)
            self.open = False
            return
        marker = MARKER.match(text)
        rest = text[marker.end() :].strip() if marker else text
        if (
            marker
            and rest
            and self.section == "response"
            and marker_number(marker) in self.request_items
            and not is_request_like(rest)
        ):
            block = self._new_block(marker_number(marker))
            block.question.extend(self.request_items[marker_number(marker)])
            block.answer.append(line)
            self.mode, self.open = "answer", False
            return
        headed = marker and text.lstrip("• ").lower().startswith("q")
        if marker and (not rest or headed or is_request_like(text, numbered=True)):
            number = marker_number(marker)
            block = self._new_block(number)
            follower = self._next_content(index)
            if not rest and (
                self.section == "response"
                or not (follower and is_request_like(follower.text, numbered=True))
            ):
                block.question.extend(self.request_items.get(number, []))
                self.mode, self.open = "answer", False
                return
            self._ask(block, line, text)
            return
        sub_item = self.open and current.number is not None
        if line.bullet and is_request_like(text) and not sub_item:
            self._ask(self._new_block(None), line, text)
            return
        if self.mode == "question" and (
            self.open or SUB_MARKER.match(text) or is_request_like(text)
        ):
            self._ask(current, line, text)
            if SUB_MARKER.match(text) and re.search(r"\?\s*\S", text):
                current.answer.append(line)  # "a) contract term? 5 years." answers inline
            return
        if self.mode == "answer" and is_request_like(text) and ("?" in text or line.bullet):
            self._ask(self._new_block(current.number), line, text)
            return
        self.mode, self.open = "answer", False
        current.answer.append(line)

    def _request_line(self, line: Line, text: str) -> None:
        self.request_texts.add(_plain(text))
        marker = MARKER.match(text)
        if marker and text[marker.end() :].strip():
            self.last_request = marker_number(marker)
            self.request_items[self.last_request] = [line]
        elif self.last_request:
            self.request_items[self.last_request].append(line)
        self.blocks[-1].question.append(line)


def segment(doc: Document) -> list[Block]:
    """Question/answer blocks of a document, in order; boilerplate dropped."""
    return _Segmenter(doc).run()


def answer_lines(doc: Document) -> list[tuple[Block, Line]]:
    """Every non-blank answer line with the block it belongs to."""
    return [(b, line) for b in segment(doc) for line in b.answer if not line.blank]


def first_paragraph(lines: list[Line]) -> list[Line]:
    """An answer's lines up to its first blank line (page furniture often follows)."""
    found: list[Line] = []
    for line in lines:
        if line.blank and found:
            break
        if not line.blank:
            found.append(line)
    return found


def heading_like(text: str) -> bool:
    """A short line with no figures and no closing punctuation: a heading, not a sentence."""
    text = text.strip()
    return len(text) < 100 and not re.search(r"\d", text) and not text.endswith((".", "?", ":"))


def without_answer_label(text: str) -> str:
    """'Response: 412 people' -> '412 people'; 'A2. £21.50' -> '£21.50'."""
    return ANSWER_LABEL.sub("", text, count=1)
