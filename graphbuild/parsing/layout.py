"""Layouts FOI answers use to give several items at once: total rows and label records.

A table of providers or service areas usually ends with a "Total" (or "Sub-total",
"Grand total", "All providers") row: that row sums the others and names nothing.
Answers about a handful of schemes or contracts often give one record per item as
"Label: value" lines ("Scheme: ...", "Care provider: ...", "Contract value: ...");
a new record starts where a label repeats. These helpers read the layout only;
what a label means is decided by the extractor that uses the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphbuild.parsing.sections import ANSWER_LABEL
from graphbuild.readers.document import Line

TOTAL_ROW = re.compile(
    r"(?i)^[\s*]*(?:sub[- ]?totals?|grand totals?|totals?|overall(?: totals?)?|sum|"
    r"all (?:providers|suppliers|services|service areas|areas|client groups|categories))"
    r"(?:\s+(?:spend|expenditure|cost|value|amount|for\b.*))?[\s*:]*$"
)


def is_total_row(label: str) -> bool:
    """'Total', 'Sub-total', 'Grand Total', 'All providers': a row summing the others."""
    return bool(TOTAL_ROW.match(label or ""))


LABEL_VALUE = re.compile(
    r"^\s*(?:•\s*)?(?P<label>[A-Z][A-Za-z'’/&() -]{0,38}?)\s*:\s+(?P<value>\S.*?)\s*$"
)


@dataclass
class Field:
    """One "Label: value" line; `value_start` is the value's offset in the document."""

    label: str
    value: str
    line: Line
    value_start: int

    @property
    def key(self) -> str:
        return " ".join(self.label.lower().split())


@dataclass
class Record:
    """Consecutive "Label: value" lines that describe one item."""

    fields: list[Field] = field(default_factory=list)

    def first(self, pattern: re.Pattern) -> Field | None:
        """The first field whose label matches `pattern`."""
        return next((f for f in self.fields if pattern.search(f.key)), None)

    @property
    def lines(self) -> list[Line]:
        return [f.line for f in self.fields]


def label_field(line: Line) -> Field | None:
    """The line as a "Label: value" field, or None (answer labels and numbered items are not)."""
    if line.blank or "\t" in line.text.strip() or ANSWER_LABEL.match(line.text):
        return None
    match = LABEL_VALUE.match(line.text)
    if not match or re.search(r"\d", match.group("label")):
        return None
    label, value = match.group("label").strip(), match.group("value")
    return Field(label, value, line, line.start + match.start("value"))


def records(lines: list[Line]) -> list[Record]:
    """Records of "Label: value" lines: a repeated label starts the next record.

    Only runs of at least three labelled lines count, and a run must either repeat
    its labels (several records) or stand alone; a single "Note: ..." is not a record.
    """
    runs: list[list[Field]] = []
    current: list[Field] = []
    for line in lines:
        if line.blank:
            continue
        found = label_field(line)
        if found is not None:
            current.append(found)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    found_records: list[Record] = []
    for run in runs:
        if len(run) < 3:
            continue
        record = Record()
        for item in run:
            if any(f.key == item.key for f in record.fields):
                found_records.append(record)
                record = Record()
            record.fields.append(item)
        found_records.append(record)
    return found_records
