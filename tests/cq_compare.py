"""Reading competency answers (CSV text) into rows for graphbuild.scoring."""

from __future__ import annotations

import csv
import io


def read_rows(text: str) -> list[dict[str, str]]:
    return [
        {k.strip(): (v or "") for k, v in row.items() if k}
        for row in csv.DictReader(io.StringIO(text))
    ]
