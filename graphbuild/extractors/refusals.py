"""FOI refusals and their legal basis, read from the answers (never from the request).

A refusal is the council saying it will not, or cannot, give what was asked:
an exemption (s40(2) personal data, s43(2) commercial interests, s21 already
accessible...), the cost limit (s12), or that it does not hold the information
(s1(1)). Section 17 is the refusal notice itself, not a basis, so it is skipped.

Scottish authorities answer under the Freedom of Information (Scotland) Act 2002, whose
sections are numbered differently (FOISA s38 is personal information, not health and
safety); a basis is always reported as the FOIA concept it corresponds to, so the same
exemption reads the same on both sides of the border.
"""

from __future__ import annotations

import re

from graphbuild.facts import Refusal
from graphbuild.parsing.answer_layouts import future_publication, item_label, pointer_only
from graphbuild.parsing.sections import MARKER, SUB_MARKER, Block, marker_number
from graphbuild.parsing.spans import answer_text, span
from graphbuild.readers.document import Document, Line

BASES = {
    "1": "s1(1) not held",
    "12": "s12 cost",
    "14": "s14 vexatious",
    "21": "s21 accessible by other means",
    "22": "s22 intended for future publication",
    "31": "s31 law enforcement",
    "36": "s36 prejudice to effective conduct",
    "38": "s38 health and safety",
    "40": "s40(2) personal data",
    "41": "s41 information provided in confidence",
    "43": "s43(2) commercial interests",
    "44": "s44 prohibitions on disclosure",
}
FOISA_BASES = {  # FOISA section -> the FOIA section protecting the same interest
    "12": "12",
    "14": "14",
    "17": "1",
    "25": "21",
    "26": "44",
    "27": "22",
    "30": "36",
    "33": "43",
    "35": "31",
    "36": "41",
    "38": "40",
    "39": "38",
}
FOISA = re.compile(
    r"(?i)\(Scotland\) Act 2002|\bFOISA\b|Scottish Information Commissioner|"
    r"Freedom of Information \(Scotland\)"
)
SECTION = re.compile(r"\b(?:section|s\.?)\s?(?P<num>\d{1,2})(?:\s?\(\s?\d\s?\)|\.\d)?", re.I)
_ADVERB = (  # "is therefore not held", "are currently not recorded"
    r"(?:(?:therefore|currently|simply|also|still|thus|consequently|unfortunately|generally|"
    r"routinely)\s+)?"
)
NOT_HELD = re.compile(  # "not held centrally" is held, only scattered: a cost argument, not s1
    rf"(?:(?:is|are)\s+{_ADVERB}not held(?!\s+centrally)|"
    r"(?P<subject_verb>(?:do|does|did) not (?:hold|record|collect|keep))|"
    r"not recorded|"
    r"no (?:such )?information (?:is )?held|hold no (?:such )?information|"
    rf"(?:is|are)\s+{_ADVERB}not (?:coded|recorded|collected|kept)|"
    r"(?:do|does) not allow (?:us|the council) to (?:identify|determine|separate|extract|report))",
    re.I,
)
_HOLDER = re.compile(  # who "does not hold" it: the authority, or the information itself
    r"(?i)\b(?:we|I|council|trust|icb|board|authority|department|team|nhs|organisation|"
    r"information|data|records?|figures?|system|systems|database)(?:\s*\([A-Z]{2,6}\))?\s*"
    r"(?:[a-z]+ly\s+|therefore\s+|also\s+|still\s+|thus\s+)?$"
)
_HELD_THING = re.compile(  # "... does not hold this information": whoever the subject is
    r"(?i)\s+(?:this|that|the|such|any|these|those|that)\s+(?:\w+\s+){0,2}?"
    r"(?:information|data|records?|figures?|details|breakdown)\b"
)
COST_LIMIT = re.compile(
    r"appropriate (?:time |cost )?limit|exceed(?:s|ed)? the cost|cost limit", re.I
)
_REFUSAL_CONTEXT = re.compile(
    r"exempt|exemption|refus|withh[oe]ld|not obliged|relying on|rely on|under section|"
    r"appropriate limit|not held|do not hold|does not hold|commercially sensitive|"
    r"neither (?:confirms?|to confirm) nor den(?:y|ies)|\bNCND\b",
    re.I,
)
NAMED_BASES = [  # exemptions named by what they protect, without a section number
    (re.compile(r"(?i)prejudice (?:the )?commercial interests|commercially sensitive"), "43"),
    (
        re.compile(
            r"(?i)\bpersonal (?:data|information)\b.{0,80}(?:exempt|withh[oe]ld|redact)|"
            r"(?:exempt|withh[oe]ld|redact).{0,80}\bpersonal (?:data|information)\b"
        ),
        "40",
    ),
    (
        re.compile(
            r"(?i)reasonably accessible (?:to you )?by other means|already (?:publicly )?"
            r"available|published on (?:our|the council's) website"
        ),
        "21",
    ),
    (re.compile(r"(?i)intended for (?:future )?publication"), "22"),
    (re.compile(r"(?i)\bvexatious\b"), "14"),
    (re.compile(r"(?i)provided (?:to us )?in confidence|breach of confidence"), "41"),
]
_COST_RATIONALE = re.compile(  # why finding it would cost: held, but not where it can be reported
    r"(?i)\b(?:reportable|searchable|retrievable|extractable|reporting)\s+(?:field|form|format|way)|"
    r"\bmanual(?:ly)?\s+(?:review|search|check|trawl|examin|read|extract|interrogat)"
)
_WHOLE_REQUEST = re.compile(  # a not-held sentence about everything asked, not one item
    r"(?i)\b(?:the|any of the|any|this)\s+information\s+(?:(?:you\s+have|you've|you)\s+)?"
    r"requested\b|\bany of the information\b|\bhold (?:this|the) information\b"
)
ASTERISK_NOTE = re.compile(r"^\s*\*+\s*(?=\S)(?=.*\b(?:section|s\.?)\s?\d)", re.I)
ASTERISKED = re.compile(r"^\s*\*+\s*(?:see|refer|please see|response|withheld)\b|^\s*\*+\s*$", re.I)
_EXTREMES = re.compile(r"(?i)\b(?:lowest|highest|minimum|maximum|min|max)\b")


def _bases_in(text: str, scottish: bool = False) -> list[tuple[str, int, int]]:
    """(basis, start, end) for each legal basis the text relies on, in order. Under FOISA
    (`scottish`) a section number is first turned into its FOIA counterpart."""
    found = []
    for match in SECTION.finditer(text):
        number = match.group("num")
        if scottish:
            number = FOISA_BASES.get(number, "")
        if number in BASES and _REFUSAL_CONTEXT.search(text):
            found.append((BASES[number], match.start(), match.end()))
    named = [  # "will be published on our website": future publication (s22), not s21
        (BASES["22" if number == "21" and future_publication(text, *m.span()) else number],)
        + m.span()
        for pattern, number in NAMED_BASES
        for m in [pattern.search(text)]
        if m
    ]
    found += [n for n in named if n[0] not in {f[0] for f in found}]
    cost = COST_LIMIT.search(text)
    if cost:
        found.append((BASES["12"], cost.start(), cost.end()))
    held = next((m for m in NOT_HELD.finditer(text) if _authority_holds(text, m)), None)
    costed = any(basis == BASES["12"] for basis, _, _ in found)
    if held and costed and _COST_RATIONALE.search(text, *_sentence_around(text, *held.span())):
        held = None  # "not recorded in a reportable field", so a manual search: why it costs
    if held and not (cost and _same_sentence(text, held.start(), cost.start())):
        found.append((BASES["1"], held.start(), held.end()))
    return found


def _authority_holds(text: str, match: re.Match) -> bool:
    """'We do not hold ...', 'The data does not record ...': a not-held answer. A provider
    that 'does not hold any contract with the council' is a statement about the provider."""
    if not match.group("subject_verb"):
        return True
    before = text[: match.start("subject_verb")].rstrip()
    if re.search(r"(?i)\byou$", before):  # "please state if you do not hold ...": the request
        return False
    return bool(_HOLDER.search(before) or _HELD_THING.match(text, match.end("subject_verb")))


def _same_sentence(text: str, a: int, b: int) -> bool:
    low, high = sorted((a, b))
    return not re.search(r"[.!?]\s", text[low:high])


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    # a stop is not one inside a figure or a web address ("£1.2m", "www.council.gov.uk/x")
    stops_before = [m.end() for m in re.finditer(r"[.!?](?![\w/])|\n", text[:start])]
    left = stops_before[-1] if stops_before else 0
    after = re.search(r"[.!?](?![\w/])|\n", text[end:])
    return left, (end + after.end() if after else len(text))


def _sub_question(block: Block, offset: int) -> str | None:
    """The lettered part ("b)", "(b)") a refusal at this offset answers.

    Only where the parts are answered one by one (an answer sits before the lettered line, or
    the lettered line is an answer), and the part belongs to the request (the question has
    it, or the question's parts run on to it: a, b, c): a refusal after a question's whole
    list of parts refuses the question, and an answer's own "(a) (b)" list is not a question.
    """
    answered = {ln.number for ln in block.answer if not ln.blank}
    asked = {ln.number for ln in block.question}
    parts: list[tuple[Line, str]] = []
    for line in sorted({*block.question, *block.answer}, key=lambda ln: ln.start):
        marker = _sub_marker(line.text)
        if line.start <= offset and marker:
            parts.append((line, marker.group("sub").lower()))
    last_asked = max((i for i, (ln, _) in enumerate(parts) if ln.number in asked), default=-1)
    if not parts or last_asked < 0:
        return None
    line, sub = parts[-1]
    if sub not in {part for ln, part in parts if ln.number in asked}:
        run = "".join(part for _, part in parts[last_asked:])
        if len(run) != len(parts) - last_asked or run not in _SUBS:
            return None  # the answer's own list, not a part the request runs on to
    one_by_one = line.number in answered or any(n < line.number for n in answered)
    return sub if one_by_one else None


_SUBS = "abcdefgh"


def _sub_marker(text: str) -> re.Match | None:
    return SUB_MARKER.match(text.strip().lstrip("\"“'‘> "))


def _label(block: Block, labels: dict[int, str], offset: int) -> str:
    """The question's label, narrowed to its lettered part: '4(c)', or '(b)' when unnumbered."""
    label = labels[id(block)]
    sub = _sub_question(block, offset)
    if block.number and not block.number[0].isdigit():
        return label  # a lettered item ("(c)") is already as narrow as the letter goes
    if sub and block.number and label == block.number:
        return f"{block.number}({sub})"
    if sub and not block.number:
        return f"({sub})"
    return label


def _asked(block: Block) -> bool:
    """A block answering a question: one quoting it, or one numbered as an answer ("3. The
    budget ..."), whose number names the question even where the request is not quoted."""
    return bool(block.question or block.number)


def _lone_request(blocks: list[Block], labels: dict[int, str]) -> str:
    """The question a refusal outside any question block refuses: the letter's only request
    ('1' when the request is not quoted at all); unknown ('') when there are several."""
    asked = [b for b in blocks if b.question]
    if not asked:
        return "1"
    return labels[id(asked[0])] if len(asked) == 1 else ""


def _request_items(blocks: list[Block]) -> list[str]:
    """The numbered items of a request quoted as one list and answered once for all of them
    (no numbered answers): what a 'we do not hold the information you have requested'
    refuses, item by item. Empty for any other layout."""
    asked = [b for b in blocks if b.question]
    if len(asked) != 1 or asked[0].number:
        return []
    numbers = [
        marker_number(m)
        for line in asked[0].question
        for m in [MARKER.match(line.text)]
        if m and line.text[m.end() :].strip()
    ]
    return numbers if len(numbers) >= 2 and len(set(numbers)) == len(numbers) else []


def _labels(blocks: list[Block]) -> dict[int, str]:
    """Question labels: the number, plus the question's words when numbers repeat or are missing."""
    numbered = [b for b in blocks if _asked(b)]
    counts: dict[str | None, int] = {}
    for block in numbered:
        counts[block.number] = counts.get(block.number, 0) + 1
    labels = {}
    for block in numbered:
        text = re.sub(r"^\s*>?\s*(?:•\s*)?(?:Q\.?\s*)?\d+[a-z]?[.):]?\s*", "", block.question_text)
        text = " ".join(text.split()[:16])
        if block.number and counts[block.number] == 1:
            lettered = not block.number[0].isdigit()  # a lettered item reads "(c)", as asked
            labels[id(block)] = f"({block.number})" if lettered else block.number
        elif block.number:
            labels[id(block)] = f"{block.number} ({text})"
        else:
            labels[id(block)] = "1" if len(numbered) <= 2 else text
    return labels


def _asterisk_basis(
    doc: Document, blocks: list[Block], scottish: bool = False
) -> tuple[str, int, int] | None:
    """A footnote '*For every item marked with an asterisk ... Section 43(2)' and its span."""
    for block in blocks:
        for line in block.answer:
            if ASTERISK_NOTE.match(line.text):
                bases = _bases_in(line.text, scottish)
                if bases:
                    return bases[0][0], line.content_start, line.end
    return None


def _merge_extremes(refusals: list[Refusal]) -> list[Refusal]:
    """'Lowest X' and 'Highest X' refused on one basis are one refusal of 'lowest and highest X'."""
    merged: list[Refusal] = []
    for refusal in refusals:
        key = _EXTREMES.sub("#", refusal.question)
        twin = next(
            (
                r
                for r in merged
                if r.basis == refusal.basis
                and r.question != refusal.question
                and _EXTREMES.sub("#", r.question) == key
                and "#" in key
            ),
            None,
        )
        if twin is None:
            merged.append(refusal)
            continue
        twin.question = _EXTREMES.sub("lowest and highest", twin.question, count=1)
    return merged


def _starred_cells(doc: Document, block: Block) -> Refusal | None:
    """Table cells given only as '*' with no footnote: withheld without a stated reason."""
    start = min((ln.start for ln in block.answer), default=0)
    end = max((ln.end for ln in block.answer), default=0)
    for table in doc.tables:
        if start <= table.start <= end:
            for row in table.rows:
                for cell in row:
                    if cell.text == "*":
                        return Refusal(
                            block.number or "",
                            "other",
                            span(doc, row[0].start, row[-1].end),
                        )
    return None


def extract_refusals(doc: Document, blocks: list[Block]) -> list[Refusal]:
    """One refusal per answered question and basis.

    Text outside any question (a refusal letter that never quotes the request, an annex on
    the public interest test) refuses too, but only on a basis not already given for a
    question: an annex explains a refusal made above, it does not make a second one.
    """
    labels = _labels(blocks)
    scottish = bool(FOISA.search(doc.text))
    footnote = _asterisk_basis(doc, blocks, scottish)
    asked = [b for b in blocks if _asked(b)]
    refusals = _question_refusals(doc, asked, labels, footnote, scottish)
    given = {r.basis for r in refusals}
    lone = _lone_request(blocks, labels)
    items = _request_items(blocks)
    for block in blocks:
        lines = [ln for ln in block.answer if not ln.blank]
        if _asked(block) or not lines:
            continue
        start = lines[0].start
        text = answer_text(doc, lines)
        for basis, b_start, b_end in _bases_in(text, scottish):
            if basis in given or (footnote and _in_footnote(start + b_start, footnote)):
                continue
            given.add(basis)
            s_start, s_end = _sentence_around(text, b_start, b_end)
            whole = basis == BASES["1"] and _WHOLE_REQUEST.search(text[s_start:s_end])
            for label in items if whole and items else [lone]:
                refusals.append(Refusal(label, basis, span(doc, start + s_start, start + s_end)))
    return _merge_extremes(refusals)


def _question_refusals(
    doc: Document,
    blocks: list[Block],
    labels: dict[int, str],
    footnote: tuple[str, int, int] | None,
    scottish: bool = False,
) -> list[Refusal]:
    refusals: list[Refusal] = []
    for block in blocks:
        lines = [ln for ln in block.answer if not ln.blank]
        if not lines:
            continue
        label = labels[id(block)]
        start = lines[0].start
        text = answer_text(doc, lines)
        seen: set[str] = set()
        if footnote and ASTERISKED.match(lines[0].text):
            seen.add(footnote[0])
            refusals.append(
                Refusal(label, footnote[0], span(doc, lines[0].content_start, lines[0].end))
            )
        for basis, b_start, b_end in (bases := _bases_in(text, scottish)):
            s_start, s_end = _sentence_around(text, b_start, b_end)
            if basis in seen or (footnote and _in_footnote(start + b_start, footnote)):
                continue
            if pointer_only(basis, text, (s_start, s_end), [b[0] for b in bases]):
                continue
            seen.add(basis)
            refusals.append(
                Refusal(
                    item_label(doc, start + b_start, _label(block, labels, start + b_start)),
                    basis,
                    span(doc, start + s_start, start + s_end),
                )
            )
        if not seen and not footnote:
            starred = _starred_cells(doc, block)
            if starred is not None:
                starred.question = label
                refusals.append(starred)
    return refusals


def _in_footnote(offset: int, footnote: tuple[str, int, int]) -> bool:
    return footnote[1] <= offset <= footnote[2]
