"""A blocking index of names: add many, get the top-k candidates for a query.

Each name is parsed once when added (:mod:`letapis.names.parse` precomputes the keys of every
part), and filed under its blocking keys (:func:`name_keys`):

- ``p:<surname skeleton>|<given family or skeleton>`` — tight: surname and given name agree;
- ``i:<surname skeleton>|<initial>`` — surname and the given name's initial;
- ``s:<surname skeleton>`` — the surname alone (wide).

A query looks in the tight buckets first and widens only while it has fewer than ``k``
candidates, then scores the candidates with the matcher (:func:`compare_parsed`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from letapis.names.match import PartMatch, compare_parsed, initials_of
from letapis.names.parse import InvalidName, ParsedName, readings

__all__ = ["Candidate", "NameIndex", "name_keys"]

#: At most this many entries are scored for one query (the widest buckets are cut).
MAX_CANDIDATES = 2000


@dataclass(frozen=True)
class Candidate:
    """One search result: who, under which name, how well, and why."""

    ident: int | str
    name: str
    score: float
    reason: str


def _keys_of(parsed: tuple[ParsedName, ...]) -> tuple[set[str], set[str], set[str]]:
    tight: set[str] = set()
    initial: set[str] = set()
    wide: set[str] = set()
    for reading in parsed:
        skeletons: set[str] = set()
        for part in reading.surname:
            skeletons.update(part.skeletons)
            for sub in part.subparts:
                skeletons.update(sub.skeletons)
        if len(skeletons) == 0:  # a lone given name: file it under itself
            for part in reading.given:
                if not part.initial:
                    wide.update(f"s:{s}" for s in part.skeletons)
            continue
        wide.update(f"s:{s}" for s in skeletons)
        for given in reading.given:
            marks = {f"f:{f}" for f in given.families} if not given.initial else set()
            if not given.initial and len(given.families) == 0:
                marks = {f"k:{s}" for s in given.skeletons}
            letters = initials_of(given)
            for s in skeletons:
                tight.update(f"p:{s}|{m}" for m in marks)
                initial.update(f"i:{s}|{letter}" for letter in letters)
    return tight, initial, wide


def name_keys(name: str) -> frozenset[str]:
    """The blocking keys of a name (see the module docstring); empty for input that is not a name.

    Two spellings of one person share at least one ``s:`` key, and one ``p:`` key when both
    have the full given name: ``Алесь Бяляцкі`` and ``Ales Bialiatski`` share ``p:bltk|f:ales``.
    """
    try:
        parsed = readings(name)
    except InvalidName:
        return frozenset()
    tight, initial, wide = _keys_of(parsed)
    return frozenset(tight | initial | wide)


class NameIndex:
    """Names of many persons, searchable by any spelling of a name.

    >>> index = NameIndex()
    >>> index.add(1, "Алесь Бяляцкі")
    >>> index.search("Ales Bialiatski")[0].ident
    1
    """

    def __init__(self) -> None:
        self._names: list[str] = []
        self._idents: list[int | str] = []
        self._parsed: list[tuple[ParsedName, ...]] = []
        self._buckets: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._names)

    def add(self, ident: int | str, name: str) -> None:
        """Add one name of a person. Raises :class:`InvalidName` for input that is not a name."""
        if not isinstance(name, str):
            raise InvalidName("a name must be text")
        parsed = readings(name)
        row = len(self._names)
        self._names.append(name)
        self._idents.append(ident)
        self._parsed.append(parsed)
        tight, initial, wide = _keys_of(parsed)
        for key in tight | initial | wide:
            self._buckets.setdefault(key, []).append(row)

    def add_many(self, pairs: Iterable[tuple[int | str, str]]) -> None:
        """Add (ident, name) pairs."""
        for ident, name in pairs:
            self.add(ident, name)

    def _candidates(self, query: tuple[ParsedName, ...], k: int) -> list[int]:
        tight, initial, wide = _keys_of(query)
        rows: dict[int, None] = {}
        for level in (tight, initial, wide):
            for key in sorted(level):
                for row in self._buckets.get(key, ()):
                    rows[row] = None
                    if len(rows) >= MAX_CANDIDATES:
                        return list(rows)
            if len(rows) >= k:
                break
        return list(rows)

    def search(self, query: str, k: int = 10) -> list[Candidate]:
        """The best ``k`` persons for ``query``, best first (one entry per ident).

        A query that is not a name returns an empty list.
        """
        if k <= 0:
            return []
        try:
            parsed = readings(query)
        except InvalidName:
            return []
        best: dict[int | str, tuple[float, int, list[PartMatch], list[str]]] = {}
        for row in self._candidates(parsed, k):
            top: tuple[float, list[PartMatch], list[str]] | None = None
            for qa in parsed:
                for qb in self._parsed[row]:
                    found = compare_parsed(qa, qb)
                    if top is None or found[0] > top[0]:
                        top = found
            if top is None:
                continue
            ident = self._idents[row]
            seen = best.get(ident)
            if seen is None or top[0] > seen[0]:
                best[ident] = (top[0], row, top[1], top[2])
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1]))[:k]
        # the reasons are written for the k returned only
        return [
            Candidate(
                ident, self._names[row], round(value, 4), "; ".join([f"{p.role}: {p.how}" for p in parts] + notes)
            )
            for ident, (value, row, parts, notes) in ranked
        ]
