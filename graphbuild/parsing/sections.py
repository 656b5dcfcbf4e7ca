"""Split an FOI response into request text, answer text and boilerplate.

Figures in a request ("into which band: up to £500,000 ...") are not facts,
and the closing paragraphs (re-use licence, appeal rights, addresses) name
organisations that are not part of the market. Extractors therefore read only
answer lines, with the question they answer as context. The rules key on the
conventions FOI letters share: numbered items, "You asked:", "Answer:",
"Request"/"Response"/"Decision" headings, questions ending in "?", questions
quoted back to the requester (in quote marks, or behind an e-mail's ">").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphbuild.parsing.answer_layouts import (
    inline_answer,
    lettered_items,
    prose_answer_number,
    qa_table_rows,
)
from graphbuild.parsing.chrome import (
    ANNEX,
    CONTACT_LINE,
    MAIL_HEADER,
    RESUME,
    SIGN_OFF,
    is_boilerplate,
)
from graphbuild.parsing.requester import mask_lines
from graphbuild.readers.document import Document, Line

MARKER = re.compile(  # "3.", "Q3:", "4b)", "> 3." quoting the request e-mail, '**"3.' quoted back
    r"^\s*(?:>\s*)?(?:•\s*)?(?:\*\*\s*)?(?:[\"“'‘]\s*)?"
    r"(?:(?:(?:Q(?:uestion)?|Part)\.?\s*(?P<qnum>\d{1,2})(?P<qsub>[a-z])?[.):]?)|"
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
ASKED = re.compile(  # "Request reference: ..." / "Request received: ..." are letter headers
    r"^\s*(?:you asked(?: for)?|your request|the requester (?:asked|wrote)|request(?:ed)?"
    r"(?!\s*(?:ref\b|reference|no\b|number|id\b|date|received))|"
    r"my questions are|you clarified|clarification)\b.*:?\s*$",
    re.IGNORECASE,
)
_CLARIFIED = re.compile(r"(?i)\s*(?:you clarified|clarification)")
REQUEST_HEADING = re.compile(
    r"^\s*(?:request|the request|your request|request details|question)\s*:?\s*$", re.I
)
RESPONSE_HEADING = re.compile(
    r"^\s*(?:response|decision|our response|answers|reply|information provided)\s*:?\s*$", re.I
)
_QUOTES = "\"“”'‘’"
_OPENING = "\"“'‘"
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
    body = MARKER.sub("", text, count=1).strip().lstrip("•> ").strip(_QUOTES + "*")
    body = SUB_MARKER.sub("", body, count=1).strip().strip(_QUOTES + "*").strip()
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


def _has_answer(block: Block) -> bool:
    return any(not line.blank for line in block.answer)


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
        self.asked: list[Block] = []  # blocks opened by a "You asked:" / "Request:" label
        self.section_items = 0  # numbered items since the last request heading
        self.awaiting = False  # a request label waits for its (quoted) question
        self.quoting = False  # inside a question quoted over several lines
        self.signed_off = False  # boilerplate began at a sign-off, not at appeal rights
        self.table_rows = qa_table_rows(doc)  # question | response tables, by line number
        self.after_table = False  # text after such a table answers none of its questions
        self.lettered = lettered_items(doc, is_request_like)  # "(a) ...?" answered by "(a) ..."

    def run(self) -> list[Block]:
        for index, line in enumerate(self.doc.lines):
            self.step(index, line)
        for block in self.blocks:
            block.answer = mask_lines(block.answer)
        blocks = [b for b in self.blocks if b.question or _has_answer(b)]
        if len(self.asked) > 1 and not any(b.number for b in blocks):
            # Unnumbered requests ("You asked: ..." again and again) are read as 1, 2, 3...
            for number, block in enumerate((b for b in self.asked if b.question), 1):
                block.number = str(number)
        return blocks

    def _asked_block(self, current: Block) -> Block:
        """A request label starts a new question once the current block has been answered."""
        block = self._new_block(None) if _has_answer(current) else current
        if not any(b is block for b in self.asked):
            self.asked.append(block)
        return block

    def _answers_current(self, index: int, current: Block) -> bool:
        """Does a bare "Response:" heading answer the question just asked?

        It does under one question, or under a request with at most one numbered item. Under
        a run of questions still unanswered, or before numbered answers, the answers find
        their own questions by number.
        """
        if not current.question or _has_answer(current):
            return False
        if self.section == "request":
            return self.section_items <= 1
        follower = self._next_content(index)
        if follower is not None and MARKER.match(follower.text):
            return False
        earlier = self.blocks[-2] if len(self.blocks) > 1 else None
        return not (earlier is not None and earlier.question and not _has_answer(earlier))

    def _quoted(self, line: Line, text: str, current: Block) -> bool:
        """A question quoted back to the requester, perhaps over several lines."""
        starts = self.awaiting and text[0] in _OPENING and self.section != "request"
        self.awaiting = False
        if not (starts or self.quoting):
            return False
        self._ask(current, line, text)
        body = text.rstrip(".,;: ")
        self.quoting = (starts and len(body) == 1) or not body.endswith(tuple(_QUOTES))
        return True

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
            # a signed-off message may be followed by the next one in the thread (the requester
            # signs off, the council replies); appeal rights end the letter for good
            if RESUME.match(text) or (self.signed_off and MAIL_HEADER.match(text)):
                self.mode, self.section = "answer", "none"
                self._new_block(None).answer.append(line)
            elif is_boilerplate(line):
                self.signed_off = False
            return
        if not text:
            self.open = self.quoting = False
            if self.mode == "answer":
                current.answer.append(line)
            return
        if is_boilerplate(line) and self.section != "request":
            self.mode = "boilerplate"
            self.signed_off = bool(SIGN_OFF.match(text))
            return
        if CONTACT_LINE.search(text):
            return
        if line.number in self.table_rows:
            self._table_row(self.table_rows[line.number])
            self.after_table = True
            return
        if self.after_table:
            self.after_table, current = False, self._new_block(None)
        if self._quoted(line, text, current):
            return
        prose = prose_answer_number(text)
        if prose and not is_request_like(prose[1]):
            self._prose_answer(line, prose[0])
            return
        if REQUEST_HEADING.match(text):
            self.section, self.mode, self.section_items = "request", "question", 0
            self._asked_block(self._new_block(None))
            return
        if RESPONSE_HEADING.match(text):
            if not self._answers_current(index, current):
                self._new_block(None)
            self.section, self.mode, self.open = "response", "answer", False
            return
        if ASKED.match(text) and len(text) < 80:
            self.clarifying = bool(_CLARIFIED.match(text))
            if not self.clarifying:
                current = self._asked_block(current)
            self._ask(current, line, text)
            self.open = self.awaiting = True
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
        if line.number in self.lettered:
            letter, answers = self.lettered[line.number]
            if answers:
                self._prose_answer(line, letter)  # answers its item, wherever that was asked
            else:
                self._ask(self._new_block(letter), line, text)
            return
        if self.section == "request":
            self._request_line(line, text)
        elif self.mode == "answer" and ANNEX.match(text) and len(text) < 100:
            self._new_block(None).answer.append(line)
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
            inline = inline_answer(line, is_request_like)
            if inline is None:
                self._ask(block, line, text)
                return
            block.question.append(inline[0])
            block.answer.append(inline[1])
            self.mode, self.open = "answer", False
            return
        if marker and rest and self._next_item(marker_number(marker)):
            # "2. The service is ..." after block 1 in a response: answer 2, not more of 1
            self._new_block(marker_number(marker)).answer.append(line)
            self.mode, self.open = "answer", False
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

    def _table_row(self, row: tuple[Line, list[Line]] | None) -> None:
        """A question | response table row: a block of its own, each cell with its offsets."""
        if row is not None:
            marker = MARKER.match(row[0].text)
            block = self._new_block(marker_number(marker) if marker else None)
            block.question.append(row[0])
            block.answer.extend(row[1])
        self.mode, self.open = "answer", False

    def _prose_answer(self, line: Line, number: str) -> None:
        """'In response to question 4, ...' answers question 4, wherever it was asked: its
        still unanswered block moves to the end, to collect the lines that follow."""
        asked = next((b for b in self.blocks if b.number == number and b.question), None)
        if asked is not None and not _has_answer(asked):
            self.blocks.remove(asked)
            self.blocks.append(asked)
        else:
            asked = self._new_block(number)
            asked.question.extend(self.request_items.get(number, []))
        asked.answer.append(line)
        self.mode, self.open, self.clarifying = "answer", False, False
        self.section = "response" if self.section == "request" else self.section

    def _next_item(self, number: str) -> bool:
        """Is `number` the item after the last numbered block, in a response section?"""
        if self.section != "response" or not number.isdigit():
            return False
        last = next((b.number for b in reversed(self.blocks) if b.number), None)
        return last is not None and last.isdigit() and int(number) == int(last) + 1

    def _request_line(self, line: Line, text: str) -> None:
        self.request_texts.add(_plain(text))
        marker = MARKER.match(text)
        if marker and text[marker.end() :].strip():
            self.section_items += 1
            self.last_request = marker_number(marker)
            self.request_items[self.last_request] = [line]
        elif self.last_request:
            self.request_items[self.last_request].append(line)
        self.blocks[-1].question.append(line)


def segment(doc: Document) -> list[Block]:
    """Question/answer blocks of a document, in order; boilerplate dropped."""
    return _Segmenter(doc).run()


def without_answer_label(text: str) -> str:
    """'Response: 412 people' -> '412 people'; 'A2. £21.50' -> '£21.50'."""
    return ANSWER_LABEL.sub("", text, count=1)
