"""Answer layouts the line-by-line segmenter cannot see on its own.

Two common ways of answering a numbered request carry no "Answer:" label:

* prose that names the question it answers: "In response to question 4, ...",
  "In reply to your question 5:", "With regard to question 6, ...";
* a table with a question column and a response column ("Question | Response"),
  or one whose first cells are the numbered questions themselves.

Both tie each answer to its question by the letter's own numbering, so a refusal or a
figure lands on the right question instead of on the last item of the request.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graphbuild.readers.document import Cell, Document, Line, Table

PROSE_ANSWER = re.compile(  # "In response to question 4," / "Regarding question 2b:"
    r"^\s*(?:in\s+(?:response|reply|answer|relation)\s+to|with\s+(?:regard|reference|respect)\s+"
    r"to|regarding|as\s+regards|turning\s+to|concerning)\s+(?:your\s+)?(?:question|q\.?)\s*"
    r"(?P<n>\d{1,2}[a-z]?)\b(?:\s+of\s+your\s+request)?\s*[,:;.-]?\s*",
    re.IGNORECASE,
)
_QUESTION_HEAD = re.compile(
    r"(?i)^\W*(?:questions?|requests?|(?:your\s+|information\s+)?(?:question|request)(?:ed)?|"
    r"information\s+requested|q(?:uestion)?\s*(?:no\.?|number)?)\W*$"
)
_RESPONSE_HEAD = re.compile(
    r"(?i)^\W*(?:(?:our\s+|council\s+|trust\s+)?(?:responses?|answers?|replies|reply)|"
    r"information\s+(?:provided|held)|disclosure)\W*$"
)
_NUMBERED_CELL = re.compile(r"^\s*(?:Q(?:uestion)?\.?\s*)?\d{1,2}[a-z]?[.):]?\s+\S", re.I)


def prose_answer_number(text: str) -> tuple[str, str] | None:
    """'In response to question 4, the council ...' -> ('4', 'the council ...'): the question
    answered and the words after the marker; None for any other line."""
    match = PROSE_ANSWER.match(text)
    if not match or not text[match.end() :].strip():
        return None
    return match.group("n").lower(), text[match.end() :].strip()


def _is_qa_table(table: Table) -> tuple[bool, bool]:
    """(is a question/response table, its first row is a header)."""
    if len(table.rows) < 2 or any(len(row) < 2 for row in table.rows):
        return False, False
    header = table.header
    if _QUESTION_HEAD.match(header[0].text) and any(
        _RESPONSE_HEAD.match(cell.text) for cell in header[1:]
    ):
        return True, True
    numbered = sum(1 for row in table.rows if _NUMBERED_CELL.match(row[0].text))
    asking = sum(1 for row in table.rows if row[0].text.rstrip().endswith("?"))
    rows = len(table.rows)
    return numbered == rows and asking * 2 >= rows, False


def _cell_line(line: Line, cell: Cell) -> Line:
    """A cell as a Line of its own: same line number, the cell's own offsets."""
    return Line(line.number, cell.start, cell.end, cell.text)


def qa_table_rows(doc: Document) -> dict[int, tuple[Line, list[Line]] | None]:
    """Lines of question/response tables by line number: (question cell, answer cells) for
    a question row, None for a header, rule or any other line the table covers."""
    found: dict[int, tuple[Line, list[Line]] | None] = {}
    for table in doc.tables:
        is_qa, headed = _is_qa_table(table)
        if not is_qa:
            continue
        covered = [ln for ln in doc.lines if table.start <= ln.end and ln.start <= table.end]
        for line in covered:
            found[line.number] = None
        for row in table.rows[1 if headed else 0 :]:
            line = doc.line_at(row[0].start)
            answers = [c for c in row[1:] if c.text.strip()]
            if line is None or not row[0].text.strip() or not answers:
                continue
            found[line.number] = (
                _cell_line(line, row[0]),
                [_cell_line(line, cell) for cell in answers],
            )
    return found


def inline_answer(line: Line, asks: Callable[[str], bool]) -> tuple[Line, Line] | None:
    """'Q2 - How many people ...? 47': the question up to its last '?', the answer after it.

    Both halves keep the line's number and their own offsets, so evidence still indexes the
    document. Words after the '?' that still ask ("Please give ...", "(by year)") are not
    an answer (`asks` is the segmenter's test for request wording).
    """
    cut = line.text.rfind("?") + 1
    tail = line.text[cut:]
    if not cut or not re.match(r"\s*[A-Z0-9£]", tail) or asks(tail.strip()):
        return None
    question = Line(line.number, line.start, line.start + cut, line.text[:cut], line.bullet)
    return question, Line(line.number, line.start + cut, line.end, tail)


_LETTER = re.compile(r"^\s*(?:•\s*)?\(?(?P<sub>[a-h])[.)]\s+\S", re.IGNORECASE)
_NUMBERED_LINE = re.compile(r"^\s*(?:>\s*)?(?:Q(?:uestion)?\.?\s*)?\d{1,2}[a-z]?[.):]\s+\S", re.I)


def lettered_items(doc: Document, asks: Callable[[str], bool]) -> dict[int, tuple[str, bool]]:
    """Lettered questions answered by lines repeating their letter, by line number:
    (letter, is the answer).

    Some letters number nothing and letter everything: "(a) How many ...?" then, beneath or
    after the whole list, "(a) 1,243 adults ...". Without a numbered question above them the
    letters are the items themselves, not parts of one question, and a line repeating an
    asked letter without asking anything answers that item. Only a letter with both an
    asked line and an answering line counts, and at least two of them must, so an answer's
    own "(a) ... (b) ..." list and the parts of a numbered question read as before.
    """
    asked: dict[str, int] = {}
    answers: dict[str, int] = {}
    for line in doc.lines:
        if _NUMBERED_LINE.match(line.text):
            break  # numbered questions: letters below are their parts
        match = _LETTER.match(line.text)
        if not match:
            continue
        letter = match.group("sub").lower()
        if letter not in asked and asks(line.text):
            asked[letter] = line.number
        elif letter in asked and letter not in answers and not asks(line.text):
            answers[letter] = line.number  # the first such line: later ones are lists
    paired = [letter for letter in asked if letter in answers]
    if len(paired) < 2:
        return {}
    found = {asked[letter]: (letter, False) for letter in paired}
    found.update({answers[letter]: (letter, True) for letter in paired})
    return found


ITEM_LINE = re.compile(  # "Request F: ...", "Question 6: ...", "v. the names ...", "(iv) ..."
    r"^\s*[\"“'‘>]?\s*(?:(?:request|question|item|part)\s+(?P<w>[A-Z]|[ivx]{1,5}|\d{1,2})"
    r"\s*[:.)-]|\(?(?P<r>[ivx]{1,5})[.)])\s+\S",
    re.IGNORECASE,
)


def item_label(doc: Document, offset: int, label: str) -> str:
    """The lettered or roman item ("F", "v") a refusal at `offset` answers, else `label`.

    Requests lettered "Request A ... Request F" or numbered "i. ... v." are answered item by
    item under the same markers, but the segmenter may number its blocks 1, 2, 3 by
    position, so the block's number names the wrong item. The nearest marker at or above
    the refusal names the right one when the request uses it too: a "Request F:" line says
    so itself, a bare "v." must also appear earlier in the letter (the quoted request). A
    numbered "Question 6:" marker leaves the label as it is.
    """
    above = [ln for ln in doc.lines if ln.start <= offset and not ln.blank]
    for line in reversed(above):
        item = ITEM_LINE.match(line.text)
        if item is None:
            continue
        mark = item["w"] or item["r"]
        if mark.isdigit() or label.strip("()").lower() == mark.lower():
            return label
        if item["w"]:
            return mark
        earlier = [
            ln
            for ln in above
            if ln.start < line.start
            and (m := ITEM_LINE.match(ln.text))
            and (m["r"] or "").lower() == mark.lower()
        ]
        return mark if earlier else label
    return label


FUTURE = re.compile(
    r"(?i)\bwill\s+(?:be|then\s+be)\b|\bat\s+that\s+time\b|\bin\s+due\s+course\b|"
    r"\bdue\s+to\s+be\s+published\b|\bonce\s+(?:it\s+is\s+)?(?:approved|published|finali[sz]ed)\b"
)


def future_publication(text: str, start: int, end: int) -> bool:
    """'... will be published on our website at that time': information to be published is
    a section 22 matter; section 21 covers only what is already reasonably accessible."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right = text.find(". ", end)
    return bool(FUTURE.search(text[left : right if right >= 0 else len(text)]))


def pointer_only(basis: str, text: str, sentence: tuple[int, int], bases: list[str]) -> bool:
    """A section 21 note ('details of all contracts are published in our register') in an
    answer that gives the figures itself and refuses nothing else: a pointer to where more
    is published, not a refusal of the question."""
    if not basis.startswith("s21"):
        return False
    rest = text[: sentence[0]] + text[sentence[1] :]
    others = [b for b in bases if not b.startswith("s21")]
    return not others and bool(re.search(r"£\s?\d", rest))
