"""The vocabulary of adult social-care services, for naming what a framework buys.

Councils call the same service by several names ("homecare", "home care",
"domiciliary care", "care at home"); this maps each phrase to one label.
"""

from __future__ import annotations

import re

SERVICES: list[tuple[str, str]] = [
    (r"live[- ]in care|'live in' care|live in care", "live-in care"),
    (
        r"domiciliary|home ?care|care at home|care and support at home|home support",
        "domiciliary care",
    ),
    (r"supported living", "supported living"),
    (r"extra care", "extra care"),
    (r"nursing (?:care|home)", "nursing care"),
    (r"residential (?:care|home)|care homes?", "residential care"),
    (
        r"day (?:care|services?|opportunit(?:y|ies)|centres?)|community opportunit",
        "day opportunities",
    ),
    (r"reablement", "reablement"),
    (r"respite|short breaks?", "respite care"),
    (r"advocacy", "advocacy"),
    (r"direct payments?", "direct payments support"),
    (r"drugs?(?: and | & )alcohol|substance misuse", "drug and alcohol services"),
    (r"floating support", "floating support"),
    (r"shared lives", "shared lives"),
    (r"sleep[- ]ins?", "sleep-in support"),
    (r"learning disabilit", "learning disability services"),
    (r"mental health", "mental health support"),
]
_COMPILED = [(re.compile(pattern, re.IGNORECASE), label) for pattern, label in SERVICES]


def service_of(text: str | None) -> str | None:
    """The first service the phrase names, or None."""
    if not text:
        return None
    for pattern, label in _COMPILED:
        if pattern.search(text):
            return label
    return None
