"""A document's text as HTML with every evidence span marked, safely escaped.

Spans can nest (a lot's quote inside a framework's) and can overlap. Marks
must nest to be valid HTML, so a span that runs past the end of the mark it
starts inside is split: its first piece carries the id that links target,
the rest is a continuation mark with the same title and no id.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from markupsafe import Markup, escape

from server.describe import Span


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """`text` escaped, each span wrapped in <mark id="START-END" title="facts">."""
    queue = [
        (s.start, -s.end, 0, n, s) for n, s in enumerate(spans) if 0 <= s.start < s.end <= len(text)
    ]
    counter = len(queue)
    heapq.heapify(queue)
    out: list[str] = []
    stack: list[int] = []
    pos = 0
    while queue:
        start, neg_end, piece, _, span = heapq.heappop(queue)
        end = -neg_end
        while stack and stack[-1] <= start:
            pos = _close(text, out, pos, stack.pop())
        out.append(str(escape(text[pos:start])))
        pos = start
        if stack and end > stack[-1]:
            heapq.heappush(queue, (stack[-1], -end, 1, counter, span))
            counter += 1
            end = stack[-1]
        ident = "" if piece else f' id="{span.start}-{span.end}"'
        kind = ' class="cont"' if piece else ""
        out.append(f'<mark{ident}{kind} title="{escape(span.facts or "evidence")}">')
        stack.append(end)
    while stack:
        pos = _close(text, out, pos, stack.pop())
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _close(text: str, out: list[str], pos: int, end: int) -> int:
    out.append(str(escape(text[pos:end])))
    out.append("</mark>")
    return end
