"""Words, folded keys, queries and snippets of the full-text search — Django-free.

A text is indexed twice, word by word (:func:`index_columns`):

- ``terms`` — each word as written, case-folded (``Нобелеўскай`` → ``нобелеўскай``): exact
  matches, ranked first;
- ``folded`` — each word's script-independent key from the names core
  (:func:`letapis.names.keys.part_keys`): Cyrillic is written in Łacinka and the spellings of
  Łacinka, the romanisations and English press forms meet (``Нобель``, ``Nobel`` → ``nabel``;
  ``Бяляцкі``, ``Bialacki``, ``Bialiatski`` → ``balatki``). A query in Łacinka or in English
  transliteration thus finds the Cyrillic text, and Russian and Belarusian spellings of a name
  meet where the names core makes them meet.

A query (:func:`parse`) is words, ANDed; ``OR`` between two words; ``"a phrase"``; ``-word`` to
exclude; ``word*`` for a prefix. On the folded side a word of five letters or more is matched as
a prefix of its key less its last two letters (never under four): a crude stemmer that lets
``Бяляцкі`` find ``Бяляцкага`` in any script — the exact side keeps the ranking honest.

Ranking depends on each document alone, never on the collection (no bm25, whose word
frequencies count every document, the hidden ones too: the order of a user's hits would then
change with records they may not see). PostgreSQL ranks with ``ts_rank`` (exact words weigh
more than folded keys); SQLite puts the documents with every word as written first, then the
newest.

The database part (FTS5 on SQLite, ``tsvector`` on PostgreSQL) only sees the two columns and the
expressions :func:`fts5_query` and :func:`tsquery` write; snippets are cut and marked here
(:func:`snippet`), by the same rule, so that a Łacinka query marks the Cyrillic words it found.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import islice

from letapis.names.keys import part_keys

__all__ = [
    "MAX_INDEXED",
    "Query",
    "QueryError",
    "Term",
    "fts5_query",
    "index_columns",
    "key_of",
    "parse",
    "snippet",
    "tsquery",
]

#: Characters of a text that are indexed (PostgreSQL's tsvector holds at most 1 MB); the rest
#: of a very long document is not searchable.
MAX_INDEXED = 500_000
#: Words of a query, at most (a longer one is refused rather than cut silently).
MAX_TERMS = 20

_WORD = re.compile(r"[^\W_]+")
#: part_keys writes ч ш ж дж х as the capitals C S Z J X; full-text tokenizers lower-case, so
#: they get letters that a key never holds otherwise (c, w, x, j, q are folded away).
_KEY_CODE = str.maketrans({"C": "c", "S": "w", "Z": "x", "J": "j", "X": "q"})
_STEM_MIN = 4


class QueryError(ValueError):
    """A query that cannot be searched (empty, only exclusions, too long)."""


def _exact(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


@lru_cache(maxsize=262144)
def _keys(word: str) -> tuple[str, ...]:
    if word.isdigit():
        return (word,)
    return tuple(k.translate(_KEY_CODE) for k in part_keys(word))


def key_of(word: str) -> str:
    """The folded key a word is indexed under (``""`` for a word without letters)."""
    keys = _keys(word)
    return keys[0] if keys else ""


def words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text[:MAX_INDEXED]))


def index_columns(*texts: str) -> tuple[str, str]:
    """The ``terms`` and ``folded`` columns of a document made of ``texts`` (title, text…)."""
    terms: list[str] = []
    folded: list[str] = []
    for text in texts:
        for m in words(text):
            word = m.group(0)
            terms.append(_exact(word))
            key = key_of(word)
            folded.append(key if key != "" else _exact(word))
    return " ".join(terms), " ".join(folded)


@dataclass(frozen=True)
class Term:
    """A word (or a phrase of several) of a query."""

    words: tuple[str, ...]
    prefix: bool = False

    @cached_property
    def exact(self) -> tuple[str, ...]:
        return tuple(_exact(w) for w in self.words)

    @cached_property
    def _folded(self) -> tuple[tuple[str, bool], ...]:
        return tuple(self.folded())

    @cached_property
    def _phrase_keys(self) -> frozenset[str]:
        return frozenset(key_of(w) for w in self.words)

    def folded(self) -> list[tuple[str, bool]]:
        """(key, as a prefix) alternatives of a one-word term; for a phrase, the words' keys."""
        if len(self.words) > 1:
            return [(" ".join(key_of(w) or _exact(w) for w in self.words), False)]
        word = self.words[0]
        keys = _keys(word) or (_exact(word),)
        out: list[tuple[str, bool]] = []
        for key in keys:
            if self.prefix or word.isdigit():
                out.append((key, self.prefix))
            elif len(key) >= _STEM_MIN + 1:
                out.append((key[: max(_STEM_MIN, len(key) - 2)], True))
            else:
                out.append((key, False))
        return out

    def matches(self, word: str) -> bool:
        """Whether one word of a text is one this term finds (a one-word term; for snippets)."""
        exact = _exact(word)
        if len(self.words) > 1:
            return exact in self.exact or key_of(word) in self._phrase_keys
        if exact == self.exact[0] or (self.prefix and exact.startswith(self.exact[0])):
            return True
        key = key_of(word)
        return any(key == k or (p and key.startswith(k)) for k, p in self._folded)


@dataclass(frozen=True)
class Query:
    """Groups of terms: every group must match (AND), one term of a group is enough (OR);
    no excluded term may match."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = field(default=())

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for g in self.groups for t in g)


_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def parse(text: str) -> Query:
    """A query from what a user typed; :class:`QueryError` when nothing is left to search."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    count = 0
    for m in _TOKEN.finditer(text.replace("“", '"').replace("”", '"').replace("„", '"')):
        negate, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None and bare == "OR":
            join_next = len(groups) > 0
            continue
        if bare is not None:
            negate = "-" if bare.startswith("-") else ""
            prefix = bare.rstrip().endswith("*")
            found = _WORD.findall(bare)
            terms = [Term((w,), prefix and i == len(found) - 1) for i, w in enumerate(found)]
        else:
            found = _WORD.findall(phrase)
            terms = [Term(tuple(found))] if found else []
        if not terms:
            continue
        count += len(terms)
        if negate:
            excluded.extend(terms)
            continue
        for i, term in enumerate(terms):
            if join_next and i == 0:
                groups[-1].append(term)
            else:
                groups.append([term])
        join_next = False
    if count > MAX_TERMS:
        raise QueryError(f"a query has at most {MAX_TERMS} words")
    if not groups:
        raise QueryError("a query needs at least one word to find")
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


# --- SQLite FTS5 -----------------------------------------------------------------------------


def _fts5_term(term: Term, exact_only: bool = False) -> str:
    star = " *" if term.prefix else ""
    alternatives = [f'terms : "{" ".join(term.exact)}"{star}']
    for key, prefix in [] if exact_only else term.folded():
        alternatives.append(f'folded : "{key}"' + (" *" if prefix else ""))
    return "(" + " OR ".join(alternatives) + ")"


def fts5_query(query: Query, exact_only: bool = False) -> str:
    """The FTS5 MATCH expression of ``query`` over the columns ``terms`` and ``folded``; with
    ``exact_only``, of its words as written alone (no exclusions: for ranking)."""
    body = " AND ".join("(" + " OR ".join(_fts5_term(t, exact_only) for t in g) + ")" for g in query.groups)
    if exact_only:
        return body
    if query.excluded:
        body = f"({body}) NOT (" + " OR ".join(_fts5_term(t) for t in query.excluded) + ")"
    return body


# --- PostgreSQL tsquery ----------------------------------------------------------------------


def _ts_words(words: list[str], weight: str, prefix: bool) -> str:
    lexemes = [f"'{w}':{'*' if prefix and i == len(words) - 1 else ''}{weight}" for i, w in enumerate(words)]
    return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"


def _ts_term(term: Term) -> str:
    alternatives = [_ts_words(list(term.exact), "A", term.prefix)]
    for key, prefix in term.folded():
        alternatives.append(_ts_words(key.split(" "), "B", prefix))
    return "(" + " | ".join(alternatives) + ")"


def tsquery(query: Query) -> str:
    """The ``to_tsquery('simple', …)`` text of ``query``: exact words carry weight A, folded keys
    weight B (the vector is ``terms`` weighted A and ``folded`` weighted B)."""
    body = " & ".join("(" + " | ".join(_ts_term(t) for t in g) + ")" for g in query.groups)
    if query.excluded:
        body = f"({body}) & !(" + " | ".join(_ts_term(t) for t in query.excluded) + ")"
    return body


# --- snippets --------------------------------------------------------------------------------


def snippet(text: str, query: Query, width: int = 32, seen: dict[str, bool] | None = None) -> str:
    """An HTML fragment of ``text`` around its best stretch of ``width`` words, the words the
    query found wrapped in ``<mark>``; escaped. The start of the text when no word matches
    (a match in the title only). ``seen`` remembers which words the query finds: given the
    same dict for the texts of one page of hits, each distinct word is tried once a page."""
    tokens = _WORD.findall(text[:MAX_INDEXED])  # the words alone: their places only where shown
    if not tokens:
        return ""
    terms = query.terms
    if seen is None:
        seen = {}  # a text repeats its words: each is tried against the terms once
    for word in set(tokens).difference(seen):
        seen[word] = any(t.matches(word) for t in terms)
    hits = [i for i, word in enumerate(tokens) if seen[word]]
    start = 0
    if hits:
        # the hit that starts the stretch with the most hits (the first such): hits are in order
        best = hits[max(range(len(hits)), key=lambda i: bisect_left(hits, hits[i] + width) - i)]
        start = max(0, best - 4)
    end = min(len(tokens), start + width)
    found = list(islice(_WORD.finditer(text), end))
    out: list[str] = []
    pos = 0 if start == 0 else found[start].start()
    # escaping is letter by letter: the stretches between marked words are escaped whole
    for i in (h for h in hits if start <= h < end):
        m = found[i]
        out.append(html.escape(text[pos : m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        pos = m.end()
    if end > start:
        out.append(html.escape(text[pos : found[end - 1].end()]))
        pos = max(pos, found[end - 1].end())
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(tokens) else html.escape(text[pos : pos + 40].rstrip())
    return prefix + "".join(out).strip() + suffix
