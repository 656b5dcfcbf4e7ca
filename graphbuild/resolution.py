"""One provider across documents: when two listed names are one organisation.

Councils spell providers many ways ("X Ltd", "X LIMITED", "X (UK) Ltd", "X Ltd
t/a Y", "X Ltd - Branch"). `ProviderRegistry.resolve` decides, for each new
listing, whether it is a provider already known (merge into that node), or a
new node that *may* be one already known (candidates, for skos:closeMatch).

Merging is conservative (docs/decisions/0003-provider-resolution.md): a wrong
merge silently mixes two companies' contracts, while a missed merge is a
visible, scored candidate a person can confirm. So names merge only by rules
that are sure, modelled on the Companies House "same as" rules (two live
companies cannot hold names that differ only by case, punctuation, spacing,
"&"/"and", numerals/number words, a leading "The", the legal designator or a
"UK"/"GB" qualifier), by a trading name or branch the documents state, or by a
registration number. Typos and near misses are only ever candidates. How two
names compare (the "same as" form, the similarity score) is
graphbuild/provider_names.py; the rules and thresholds built on it are here.

Pure: no rdflib, no I/O. rapidfuzz scores the near misses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from graphbuild.identity import name_key
from graphbuild.parsing.identifiers import (  # noqa: F401  (re-exported)
    IdentifierMatch,
    find_identifiers,
    identifiers_in,
    normalise_identifier,
    normalise_identifiers,
)
from graphbuild.parsing.names import TRADING, parse_name
from graphbuild.provider_names import (  # noqa: F401  (EXTENSION_SCORE re-exported)
    EXTENSION_SCORE,
    SPOKEN,
    distinctive,
    is_registered_name,
    match_tokens,
    same_as_key,
    similarity,
)

CANDIDATE_SCORE = 0.80
"""Lowest similarity (0-1) reported as a candidate.

Scores compare names after shared generic words ("care", "home", ...) are
removed, so "Sunrise Care" v "Sunshine Care" compares "sunrise" v "sunshine"
(0.67) and "Eden Care" v "Edenvale Care" 0.67, while a one-letter slip
(dropped, added, changed or swapped) in a distinctive word of six letters or
more scores 0.83 or more ("Homely" v "Homley" 0.83, "Welesley" v "Wellesley"
0.94; five letters: 0.80). 0.80 sits in that gap; it also keeps "Lantern 1" v
"Lantern Care" (0.76) and "ABC" v "ABD" (0.67) out.
"""

PREFILTER_SCORE = 60
"""rapidfuzz score (0-100) a label needs before it is scored in full: WRatio on the
distinctive words (best of plain, partial and token ratios) or plain ratio on the
space-free "same as" forms. Both run in C over every label; 60 is generous, and
tests/test_resolution.py checks the prefilter loses no candidate."""

MAX_CANDIDATES = 5
"""Candidates kept per resolution, best first: enough for a reviewer, not noise."""

STRONG_SCHEMES = frozenset({"companies-house", "charity", "cqc-provider"})
"""Schemes naming the legal entity: equal values merge, different values forbid a merge.
A CQC location ID names a location: equal values merge, different ones prove nothing."""

_SAME_AS = "same name once legal form, case, spacing and punctuation are set aside"
_TRADING = "name is a known provider's stated trading name or brand"
_KNOWN = "a stated trading or legal name is a known provider's name"
_BRANCH = "branch of the same registered company"


@dataclass
class Resolution:
    """What to do with one listed provider.

    `key` is the node key to use: an existing provider's when `merged`, else the
    name's own key (suffixed with its registration number if that key belongs to
    a different registered entity). `candidates` are other keys that may be the
    same organisation, best first, with a 0-1 score, for skos:closeMatch.
    """

    key: str
    merged: bool
    candidates: list[tuple[str, float]] = field(default_factory=list)
    reason: str = ""
    rule: str = "new"


@dataclass
class KnownProvider:
    key: str
    name: str
    names: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    identifiers: dict[str, str] = field(default_factory=dict)


@dataclass
class _Listing:
    name: str
    aliases: list[str]
    identifiers: dict[str, str]

    @classmethod
    def of(cls, name: str, aliases: Iterable[str], identifiers: dict[str, str] | None):
        aliases = [a for a in aliases if a and a.strip()]
        if TRADING.search(name):
            parsed = parse_name(name)
            name, aliases = parsed.name, parsed.aliases + aliases
        return cls(name, aliases, normalise_identifiers(identifiers))


class ProviderRegistry:
    """Providers known so far (key -> names, aliases, identifiers), and the merge rules.

    Feed documents in a fixed order (sorted file names) so a rebuild gives the
    same keys: a merge always keeps the key the provider was first known by.
    Lookups are indexed; near misses are prefiltered by rapidfuzz over all labels.
    """

    def __init__(self) -> None:
        self._providers: dict[str, KnownProvider] = {}
        self._index: dict[str, dict[str, set[str]]] = {
            kind: defaultdict(set) for kind in ("name", "alias", "legal-alias", "id")
        }
        self._labels: list[str] = []  # distinctive words of each name and alias
        self._compact: list[str] = []  # and its "same as" form
        self._owners: list[tuple[str, bool]] = []  # (key, is a name) per label

    def __len__(self) -> int:
        return len(self._providers)

    def __contains__(self, key: object) -> bool:
        return key in self._providers

    def __iter__(self) -> Iterator[KnownProvider]:
        return iter(self._providers.values())

    def get(self, key: str) -> KnownProvider:
        return self._providers[key]

    def add(
        self,
        name: str,
        aliases: Iterable[str] = (),
        identifiers: dict[str, str] | None = None,
        key: str | None = None,
    ) -> KnownProvider:
        """Record a provider under `key` (default: its own name key), extending it if known."""
        listing = _Listing.of(name, aliases, identifiers)
        return self._record(key or name_key(listing.name) or "unnamed", listing)

    def observe(
        self, name: str, aliases: Iterable[str] = (), identifiers: dict[str, str] | None = None
    ) -> Resolution:
        """Resolve, then remember the listing under the key chosen."""
        aliases = list(aliases)
        resolution = self.resolve(name, aliases, identifiers)
        listing = _Listing.of(name, aliases, identifiers)
        self._record(resolution.key, listing, name_is_alias=resolution.rule == "trading-name")
        return resolution

    def _record(self, key: str, listing: _Listing, name_is_alias: bool = False) -> KnownProvider:
        known = self._providers.setdefault(key, KnownProvider(key, listing.name))
        names = [] if name_is_alias else [listing.name]
        aliases = listing.aliases + ([listing.name] if name_is_alias else [])
        for label, is_name in [(n, True) for n in names] + [(a, False) for a in aliases]:
            if not label or label in known.names or label in known.aliases:
                continue
            (known.names if is_name else known.aliases).append(label)
            self._index["name" if is_name else "alias"][same_as_key(label)].add(key)
            if not is_name and is_registered_name(label):
                self._index["legal-alias"][same_as_key(label)].add(key)
            self._labels.append(_text(label))
            self._compact.append(same_as_key(label))
            self._owners.append((key, is_name))
        for scheme, value in listing.identifiers.items():
            if scheme not in known.identifiers:
                known.identifiers[scheme] = value
                self._index["id"][f"{scheme} {value}"].add(key)
        return known

    def resolve(
        self, name: str, aliases: Iterable[str] = (), identifiers: dict[str, str] | None = None
    ) -> Resolution:
        """Which node a listed provider belongs to, and which others it may be. Read-only."""
        listing = _Listing.of(name, aliases, identifiers)
        own = name_key(listing.name) or "unnamed"
        leads = self._leads(listing)
        passed_over: set[str] = set()
        for rule, reason, keys in leads:
            viable = [k for k in keys if not self._block(k, listing, rule)]
            passed_over |= set(keys) - set(viable)
            if len(viable) == 1:
                others = passed_over | {k for _, _, ks in leads for k in ks}
                return self._outcome(listing, viable[0], True, reason, rule, others)
            if len(viable) > 1:
                why = f"{reason}, but {len(viable)} providers match: {', '.join(viable)}"
                return self._outcome(
                    listing, own, False, why, "ambiguous", set(viable) | passed_over
                )
        why = "; ".join(filter(None, (self._block(k, listing, "") for k in sorted(passed_over))))
        result = self._outcome(listing, own, False, why, "new", passed_over)
        if not result.reason:
            near = bool(result.candidates)
            result.reason = "near misses only, none sure" if near else "no known provider matches"
        return result

    def _leads(self, listing: _Listing) -> list[tuple[str, str, list[str]]]:
        """The rules, surest first: (rule, reason, keys of the providers it points to)."""
        ids = [f"{s} {v}" for s, v in listing.identifiers.items()]
        same = same_as_key(listing.name)
        named = bool(distinctive(match_tokens(listing.name)))
        brands = [same_as_key(a) for a in listing.aliases if distinctive(match_tokens(a))]
        legal = [same_as_key(a) for a in listing.aliases if is_registered_name(a)]
        own = name_key(listing.name)
        rules = [
            ("identifier", f"same registration number ({', '.join(ids)})", "id", ids),
            ("key", "same name key", "", [own] if own in self._providers else []),
            ("same-as", _SAME_AS, "name", [same]),
            ("trading-name", _TRADING, "alias", [same] if named else []),
            ("known-name", _KNOWN, "name", brands),
            ("branch", _BRANCH, "legal-alias", legal),
        ]
        return [
            (rule, why, sorted(set().union(*(self._index[kind].get(f, ()) for f in forms))))
            if kind
            else (rule, why, forms)
            for rule, why, kind, forms in rules
        ]

    def _block(self, key: str, listing: _Listing, rule: str) -> str:
        """Why `listing` must not merge into `key` (empty when it may)."""
        known = self._providers[key]
        clash = [
            f"{s} {v} v {known.identifiers[s]}"
            for s, v in listing.identifiers.items()
            if s in STRONG_SCHEMES and known.identifiers.get(s, v) != v
        ]
        if clash:
            return f"{key}: registration numbers differ ({', '.join(clash)})"
        registered = [n for n in known.names if is_registered_name(n)]
        listed = is_registered_name(listing.name) and same_as_key(listing.name)
        if rule != "identifier" and registered and listed and listed not in _forms(registered):
            return f"{key}: two different registered names ({registered[0]})"
        return ""

    def _outcome(
        self, listing: _Listing, key: str, merged: bool, reason: str, rule: str, also: set[str]
    ) -> Resolution:
        if not merged and key in self._providers:
            key = self._free_key(key, listing.identifiers)
        scored = self._candidates(listing, exclude=key)
        for other in also - {key}:
            scored[other] = max(scored.get(other, 0.0), self._score(listing, other))
            scored[other] = max(scored[other], CANDIDATE_SCORE)
        best = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]
        return Resolution(key, merged, best, reason, rule)

    def _free_key(self, key: str, identifiers: dict[str, str]) -> str:
        """A key for a second, different entity with the same name: add its number."""
        for scheme in sorted(identifiers):
            candidate = f"{key} {scheme} {identifiers[scheme].lower()}"
            if candidate not in self._providers:
                return candidate
        n = 2
        while f"{key} {n}" in self._providers:
            n += 1
        return f"{key} {n}"

    def _candidates(
        self, listing: _Listing, exclude: str, exhaustive: bool = False
    ) -> dict[str, float]:
        """Known providers scoring at least CANDIDATE_SCORE, found through a cheap prefilter."""
        labels = [(listing.name, True)] + [(a, False) for a in listing.aliases]
        keys = set(self._providers) if exhaustive else set()
        for label, is_name in [] if exhaustive else labels:
            keys |= {key for key, named in self._prefilter(label) if is_name or named}
        scores = {k: self._score(listing, k) for k in keys - {exclude}}
        return {k: s for k, s in scores.items() if s >= CANDIDATE_SCORE}

    def _prefilter(self, label: str) -> set[tuple[str, bool]]:
        """(key, is a name) of labels alike in their distinctive words or in their letters."""
        hits = set()
        for texts, query, scorer, cutoff in (
            (self._labels, _text(label), fuzz.WRatio, PREFILTER_SCORE),
            (self._compact, same_as_key(label), fuzz.ratio, PREFILTER_SCORE),
        ):
            for _, _, i in process.extract(
                query, texts, scorer=scorer, score_cutoff=cutoff, limit=None
            ):
                hits.add(self._owners[i])
        return hits

    def _score(self, listing: _Listing, key: str) -> float:
        """Best similarity over name-name, name-alias and alias-name pairs.

        Alias-alias pairs are left out: franchisees share a brand, not an identity.
        """
        known = self._providers[key]
        mine = [match_tokens(listing.name)]
        aliases = [match_tokens(a) for a in listing.aliases]
        theirs = [match_tokens(n) for n in known.names]
        their_aliases = [match_tokens(a) for a in known.aliases]
        pairs = [(a, b) for a in mine for b in theirs + their_aliases]
        pairs += [(a, b) for a in aliases for b in theirs]
        return max((similarity(a, b) for a, b in pairs), default=0.0)


def _text(name: str) -> str:
    """A label as the prefilter sees it: distinctive words, text-speak read aloud."""
    words = [SPOKEN.get(w, w) for w in match_tokens(name)]
    return " ".join(distinctive(words) or words)


def _forms(names: Iterable[str]) -> set[str]:
    return {same_as_key(n) for n in names}
