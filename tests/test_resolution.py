"""One provider across documents: which listed names merge, which are only candidates.

Every name here is invented or a well-known national one; none comes from the
bundled samples. A side is a listed string (split by `parse_name`, as the
pipeline does), or `(name, aliases)` / `(name, aliases, identifiers)` given
as already split.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from graphbuild.identity import Minter, name_key
from graphbuild.parsing.names import parse_name
from graphbuild.resolution import (
    CANDIDATE_SCORE,
    EXTENSION_SCORE,
    ProviderRegistry,
    _Listing,
    find_identifiers,
    identifiers_in,
    match_tokens,
    same_as_key,
    similarity,
)
from tests.test_architecture import imports, sample_specifics

GRAPHBUILD = Path(__file__).resolve().parent.parent / "graphbuild"
RESOLUTION = GRAPHBUILD / "resolution.py"
RESOLUTION_MODULES = [RESOLUTION, GRAPHBUILD / "provider_names.py"]
CH, CHARITY, CQC = "companies-house", "charity", "cqc-provider"
FRANCHISE = [("Alder Care Ltd", ["Caremark"]), ("Birch Care Ltd", ["Caremark"])]

# (known listings, new listing, expected decision, why)
CASES = [
    # legal form, case, punctuation, spacing: the Companies House "same as" rules
    ("Clearbrook Care Ltd", "Clearbrook Care Limited", "merge", "Ltd = Limited"),
    ("CLEARBROOK CARE LTD", "clearbrook care", "merge", "case; designator optional"),
    ("Oakfield Support PLC", "Oakfield Support", "merge", "plc"),
    ("Kestrel Homecare LLP", "Kestrel Homecare Limited Liability Partnership", "merge", "LLP"),
    (
        "Meadowsweet Community Care CIC",
        "Meadowsweet Community Care Community Interest Company",
        "merge",
        "CIC spelt out",
    ),
    ("Smith & Jones Care Ltd", "Smith and Jones Care Limited", "merge", "& = and"),
    ("St. Anne's Home-Care", "ST ANNES HOMECARE", "merge", "punctuation and spaces"),
    ("St Anne’s Home–Care Ltd", "St Anne's Home-Care Ltd", "merge", "typographic quote, dash"),
    ("The Willow Tree Care Group", "Willow Tree Care Group Ltd", "merge", "leading The"),
    ("Fernhill Nursing (UK) Limited", "Fernhill Nursing Limited", "merge", "(UK) disregarded"),
    ("Fernhill Nursing Ltd", "Fernhill Nursing U.K.", "merge", "dotted U.K."),
    ("Care UK", "Care Ltd", "distinct", "UK is not dropped when only 'care' would be left"),
    ("Kare 4U Homecare", "Kare 4 U Homecare", "merge", "spacing inside a number-name"),
    ("Lantern One Care", "Lantern 1 Care", "merge", "number word = numeral"),
    ("A.B.C. Home Care Ltd", "ABC Home Care Limited", "merge", "dotted initials"),
    # trading names, brands and branches the documents state
    (
        "Northmoor Care Ltd (trading as Sunflower Homecare)",
        "Sunflower Homecare",
        "merge",
        "name is a known trading name",
    ),
    (
        "Sunflower Homecare",
        "Northmoor Care Ltd t/a Sunflower Homecare",
        "merge",
        "stated trading name is a known name",
    ),
    (
        "Northmoor Care Ltd t/a Sunflower Homecare",
        "Sunflower Homecare Ltd",
        "candidate",
        "a registered company of that name is another company",
    ),
    ("Redwood Healthcare Ltd (Bluebell Care)", "Bluebell Care", "merge", "bracketed brand"),
    (
        "Royal National Institute of Blind People (RNIB)",
        "RNIB",
        "merge",
        "initialism stated as a brand",
    ),
    ("Royal National Institute of Blind People", "RNIB", "distinct", "initialisms not guessed"),
    (FRANCHISE, "Caremark", "candidate", "a brand two franchisees use is ambiguous"),
    (FRANCHISE[:1], FRANCHISE[1], "distinct", "franchisees share a brand, not an identity"),
    ("Caremark Ltd", FRANCHISE[0], "candidate", "franchisee trading as the franchisor's name"),
    ("Hollybank Care Ltd", "Hollybank Care Ltd - Riverside", "merge", "branch of the company"),
    (
        "Hollybank Care Ltd - Riverside",
        "Hollybank Care Ltd - Meadows",
        "merge",
        "two branches of one registered company",
    ),
    ("Hollybank Care", "Hollybank Care - Riverside", "candidate", "no legal name before dash"),
    # different entities that share words
    ("Lantern 1", "Lantern Care", "distinct", "share one word"),
    ("Care UK", "Care UK Community Partnerships Ltd", "candidate", "group company"),
    ("Caring Hands", "Caring Hands Home Care", "candidate", "brand v descriptive extension"),
    ("Kingsley Care Ltd", "Kingsley Care Services Ltd", "candidate", "'Services' counts"),
    ("Allied Healthcare", "Allied Healthcare Group", "candidate", "'Group' counts"),
    ("Bright Care", "Bright Horizons Care", "distinct", "word inserted, not extended"),
    ("Sunrise Care", "Sunshine Care", "distinct", "only 'care' in common"),
    ("Eden Care", "Edenvale Care", "distinct", "prefix of a word is not a typo"),
    ("Care 4 U", "Care 4 Me", "distinct", "different short names"),
    ("ABC Home Care", "ABD Home Care", "distinct", "one letter of a short initialism"),
    # typos, word order, near misses
    ("Wellesley Care", "Welesley Care", "candidate", "typo"),
    ("Abbeyfield Homecare", "Abbeyfeild Homecare", "candidate", "transposed letters"),
    ("Homely Care Ltd", "Homley Care Ltd", "candidate", "typo in a registered name"),
    ("Bramley Care Homes", "Care Homes Bramley", "candidate", "word order"),
    ("Care4You Homecare", "Care 4 U Homecare", "candidate", "'U' for 'You'"),
    # national chains and local franchises
    ("Home Instead", "Home Instead Senior Care (Derby)", "candidate", "chain v franchisee"),
    (
        ("Home Instead Senior Care (Derby)", []),
        ("Home Instead Senior Care (Nottingham)", []),
        "distinct",
        "two franchisees",
    ),
    # registration numbers
    (
        ("Wellesley Care", [], {CH: "01234567"}),
        ("Welesley Care & Support Ltd", [], {"ch": "1234567"}),
        "merge",
        "same company number overrides spelling",
    ),
    (
        ("Oldname Care Ltd", [], {CH: "SC123456"}),
        ("Newname Care Ltd", [], {CH: "sc 123456"}),
        "merge",
        "renamed company",
    ),
    (
        ("Sunrise Living Ltd", [], {CQC: "1-123456789"}),
        ("Sunrise Senior Living UK", [], {"cqc": "1-123456789"}),
        "merge",
        "same CQC provider ID",
    ),
    (
        ("Pinegrove Trust", [], {CHARITY: "1234567"}),
        ("Pinegrove Trust Ltd", [], {CH: "07654321"}),
        "merge",
        "numbers of different registers do not clash",
    ),
    (
        ("Meadowview Care Ltd", [], {CH: "01111111"}),
        ("Meadowview Care Limited", [], {CH: "02222222"}),
        "candidate",
        "different company numbers forbid a merge",
    ),
    (
        ("Pinegrove Trust", [], {CHARITY: "1234567"}),
        ("Pinegrove Trust", [], {CHARITY: "1123456"}),
        "candidate",
        "different charity numbers forbid a merge",
    ),
    (
        ("Hollybank Care Ltd", [], {"cqc-location": "1-111111111"}),
        ("Hollybank Care Limited", [], {"cqc-location": "1-222222222"}),
        "merge",
        "two CQC locations of one provider",
    ),
]


def listing(side) -> tuple[str, list[str], dict[str, str]]:
    if isinstance(side, str):
        parsed = parse_name(side)
        return parsed.name, parsed.aliases, {}
    name, aliases, *rest = side
    return name, list(aliases), rest[0] if rest else {}


def registry_of(known) -> tuple[ProviderRegistry, str]:
    """A registry holding the known listings, and the key of the first one."""
    registry = ProviderRegistry()
    keys = [registry.observe(*listing(side)).key for side in _sides(known)]
    return registry, keys[0]


def _sides(known) -> list:
    return known if isinstance(known, list) else [known]


def decision(known, new) -> tuple[str, object]:
    registry, target = registry_of(known)
    result = registry.resolve(*listing(new))
    if result.merged:
        return ("merge" if result.key == target else "merged elsewhere"), result
    return ("candidate" if target in dict(result.candidates) else "distinct"), result


@pytest.mark.parametrize(("known", "new", "expected", "why"), CASES, ids=[c[3] for c in CASES])
def test_decision_table(known, new, expected, why) -> None:
    got, result = decision(known, new)
    assert got == expected, f"{why}: {result}"


def test_the_table_is_big_and_covers_all_three_decisions() -> None:
    assert len(CASES) >= 30
    assert {c[2] for c in CASES} == {"merge", "candidate", "distinct"}


@pytest.mark.parametrize(
    ("known", "new"), [(c[0], c[1]) for c in CASES if c[2] == "merge"], ids=str
)
def test_merges_are_symmetric_when_single(known, new) -> None:
    """Whichever document comes first, the two listings end on one node."""
    if isinstance(known, list):
        pytest.skip("several known listings")
    assert decision(new, known)[0] == "merge"


# -- keys, scores, reasons ----------------------------------------------------


def test_merge_keeps_the_first_key_and_learns_the_new_names() -> None:
    registry = ProviderRegistry()
    first = registry.observe("Northmoor Care Ltd", ["Sunflower Homecare"], {})
    again = registry.observe("Sunflower Homecare", [], {"company number": "1234567"})
    assert (first.merged, again.merged, again.key) == (False, True, "northmoor care")
    assert again.rule == "trading-name" and "trading name" in again.reason
    known = registry.get("northmoor care")
    assert known.names == ["Northmoor Care Ltd"] and known.aliases == ["Sunflower Homecare"]
    assert known.identifiers == {CH: "01234567"}


def test_a_different_company_of_the_same_name_gets_its_own_key_and_a_candidate() -> None:
    registry = ProviderRegistry()
    registry.observe("Meadowview Care Ltd", [], {CH: "01111111"})
    other = registry.observe("Meadowview Care Ltd", [], {CH: "02222222"})
    assert not other.merged and other.key == "meadowview care companies-house 02222222"
    assert other.candidates == [("meadowview care", 1.0)]
    assert "registration numbers differ" in other.reason and other.key in registry


def test_a_typo_is_scored_below_one_and_never_merged() -> None:
    registry = ProviderRegistry()
    registry.observe("Wellesley Care", [], {})
    result = registry.resolve("Welesley Care", [], {})
    assert not result.merged and result.key == "welesley care" and result.rule == "new"
    [(key, score)] = result.candidates
    assert key == "wellesley care" and CANDIDATE_SCORE <= score < 1


def test_a_registration_number_outranks_a_name_which_becomes_a_candidate() -> None:
    registry = ProviderRegistry()
    registry.observe("Larchmont Care Ltd", [], {CH: "04444444"})
    registry.observe("Larchmont Homecare Ltd", [], {})
    result = registry.resolve("Larchmont Homecare Ltd", [], {CH: "4444444"})
    assert (result.merged, result.key, result.rule) == (True, "larchmont care", "identifier")
    assert "larchmont homecare" in dict(result.candidates)


def test_an_ambiguous_brand_lists_every_provider_using_it() -> None:
    registry, _ = registry_of(FRANCHISE)
    result = registry.resolve("Caremark", [], {})
    assert result.rule == "ambiguous" and not result.merged
    assert {k for k, _ in result.candidates} == {"alder care", "birch care"}


def test_candidates_are_capped_and_ordered() -> None:
    registry = ProviderRegistry()
    for town in ("Derby", "Leek", "Ripon", "Selby", "Thirsk", "Whitby", "Wigan"):
        registry.observe(f"Home Instead {town}", [], {})
    result = registry.resolve("Home Instead", [], {})
    scores = [s for _, s in result.candidates]
    assert len(scores) == 5 and scores == sorted(scores, reverse=True)
    assert all(s == EXTENSION_SCORE for s in scores)


def variants(name: str) -> list[str]:
    """Near misses of a name: a letter dropped, doubled or swapped, words reordered."""
    out = [name[:i] + name[i + 1 :] for i in range(0, len(name), 3)]
    out += [name[:i] + name[i] + name[i:] for i in range(1, len(name), 4)]
    out += [name[:i] + name[i + 1] + name[i] + name[i + 2 :] for i in range(0, len(name) - 1, 5)]
    return out + [" ".join(reversed(name.split())), name + " Services"]


def test_the_prefilter_loses_no_candidate() -> None:
    registry = ProviderRegistry()
    sides = [s for c in CASES for s in _sides(c[0]) + [c[1]]]
    for side in sides:
        registry.observe(*listing(side))
    probes = [listing(side) for side in sides]
    probes += [(v, [], {}) for side in sides for v in variants(listing(side)[0])]
    for name, aliases, ids in probes:
        probe = _Listing.of(name, aliases, ids)
        fast = registry._candidates(probe, exclude="")
        assert fast == registry._candidates(probe, exclude="", exhaustive=True), name


def test_resolving_does_not_change_the_registry_and_is_repeatable() -> None:
    registry, _ = registry_of("Wellesley Care")
    before = [vars(p).copy() for p in registry]
    results = {repr(registry.resolve("Welesley Care", ["GC"], {})) for _ in range(3)}
    assert len(results) == 1 and [vars(p) for p in registry] == before


def test_empty_and_legal_only_names_do_not_crash() -> None:
    registry = ProviderRegistry()
    assert registry.resolve("Ltd", [], {}).key == "unnamed"
    assert registry.resolve("", [""], {}).candidates == []


# -- name forms ---------------------------------------------------------------


def test_name_key_keeps_brackets_branches_and_qualifiers_in_the_node_key() -> None:
    """The node key is unchanged by resolution: IRIs stay as tests/test_graph.py pins them."""
    assert name_key("Kare 2U (Rutland) Limited") == "kare 2u rutland"
    assert name_key("JB Care Limited - Riverside") == "jb care riverside"
    assert name_key("Fernhill Nursing UK LTD") == "fernhill nursing uk"
    assert Minter("https://example.org/kg").organisation("The Kare 2U Ltd") == (
        "https://example.org/kg/organisation/kare-2u"
    )


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("St Anne’s Home–Care", "st anne s home care"),
        ("The Willow Trust", "willow trust"),
        ("The", "the"),
        ("Care Co-operative Ltd", "care co operative"),
        ("Smith & Co.", "smith"),
        ("Meadowsweet Care Community Interest Company", "meadowsweet care"),
        ("ＡＢＣ Care", "abc care"),
    ],
)
def test_name_key_folds_typography_the_and_legal_words(name: str, key: str) -> None:
    assert name_key(name) == key


def test_match_tokens_split_join_and_drop_what_does_not_identify() -> None:
    assert match_tokens("Care4You") == ("care", "4", "you")
    assert match_tokens("M.C.C. Care (U.K.) Ltd") == ("mcc", "care")
    assert match_tokens("Chapter Two Great Britain") == ("chapter", "2")
    assert match_tokens("Care UK") == ("care", "uk")
    assert same_as_key("Home Care Direct") == same_as_key("Homecare Direct Ltd")


def test_similarity_sets_shared_generic_words_aside() -> None:
    assert similarity(match_tokens("Sunrise Care"), match_tokens("Sunshine Care")) < 0.7
    assert similarity(match_tokens("Wellesley Care"), match_tokens("Welesley Care")) > 0.9
    assert similarity((), ("care",)) == 0.0


# -- registration numbers -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme Care Ltd, company number 01234567.", {CH: "01234567"}),
        ("Company No. SC123456", {CH: "SC123456"}),
        ("Registered in England and Wales No. 1234567", {CH: "01234567"}),
        ("Companies House number: 09876543", {CH: "09876543"}),
        ("registered charity no. 1234567", {CHARITY: "1234567"}),
        ("Registered Charity Number 220949", {CHARITY: "220949"}),
        ("Scottish charity no. SC012345", {CHARITY: "SC012345"}),
        ("CQC provider ID 1-123456789", {CQC: "1-123456789"}),
        ("CQC Location ID: 1-1234567890", {"cqc-location": "1-1234567890"}),
        (
            "Pinegrove Trust (registered charity 1123456; company no. 05555555)",
            {CHARITY: "1123456", CH: "05555555"},
        ),
        ("Call 0116 454 1234 or quote reference 1234567", {}),
        ("company number 123", {}),
        ("VAT registration number 123456789", {}),
        ("provider ID 123456789", {}),
    ],
)
def test_identifiers_in(text: str, expected: dict[str, str]) -> None:
    assert identifiers_in(text) == expected


def test_find_identifiers_gives_spans_in_order() -> None:
    text = "Company No. 01234567; CQC provider ID 1-999999999"
    found = find_identifiers(text)
    assert [(m.scheme, text[m.start : m.end]) for m in found] == [
        (CH, "01234567"),
        (CQC, "1-999999999"),
    ]


# -- rules of the codebase ----------------------------------------------------


@pytest.mark.parametrize("path", RESOLUTION_MODULES, ids=lambda p: p.name)
def test_resolution_is_pure(path: Path) -> None:
    for module in imports(path):
        assert not module.startswith(("rdflib", "pyoxigraph", "flask", "server")), module
    assert "open(" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", RESOLUTION_MODULES, ids=lambda p: p.name)
def test_resolution_names_no_sample_provider(path: Path) -> None:
    code = path.read_text(encoding="utf-8").lower()
    leaked = [s for s in sample_specifics() if re.search(rf"(?<![\w]){re.escape(s)}(?![\w])", code)]
    assert not leaked


def test_table_uses_no_sample_provider() -> None:
    names = {
        node.value.lower()
        for node in ast.walk(ast.parse(Path(__file__).read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert not names & sample_specifics()
