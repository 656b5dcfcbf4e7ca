"""`carekg eval` matching rules that the corpus scores depend on."""

from __future__ import annotations

from graphbuild.evaluate import SPEC, gold_rows
from graphbuild.scoring import match_rows


def _gold(framework: str) -> dict:
    lot = {"number": "1", "title": "Town", "providers": ["Alder Care Ltd"]}
    return {"doc": "letter.txt", "frameworks": [{"name": framework, "lots": [lot]}]}


def test_a_lot_and_its_members_match_only_within_their_framework() -> None:
    expected = gold_rows(_gold("Westholm Home Care Framework"))
    right = gold_rows(_gold("Westholm Home Care Framework"))
    wrong = gold_rows(_gold("Day Opportunities Dynamic Purchasing System"))
    for kind in ("lots", "memberships"):
        keys, values = SPEC[kind]
        assert match_rows(kind, keys, values, expected[kind], right[kind]).hits == 1
        assert match_rows(kind, keys, values, expected[kind], wrong[kind]).hits == 0
