"""Belarusian in Łacinka and in the classical orthography, read with the official one's cues.

The lexicons (``lexicon/be.yaml``) are written in the official Cyrillic orthography. A text in
Łacinka ("Ału asudzili na 2,5 hoda kałonii") or in the classical orthography ("сьмерць",
"зьняволеньне", "калёнія") is brought to it before it is read: Łacinka through the names core's
table (:func:`letapis.names.translit.lacinka_pieces`), then the soft signs and loan spellings of
the classical orthography (``lexicon/names.yaml`` ``classical``, ``lexicon/orthography.yaml``).
:class:`Normalised` keeps, for every character of the text read, the characters of the original
it came from, so that every span found is given back on the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

from letapis.extract.lexicons import load
from letapis.extract.model import DocumentInfo, ExtractionResult, Sentence, Span

__all__ = ["Normalised", "is_lacinka", "normalise", "on_original", "orthography_of"]


@dataclass(frozen=True)
class Normalised:
    """A text in the official orthography and where each of its characters comes from.

    ``starts[i]`` is the offset in the original of the first character that character ``i`` was
    read from, ``ends[i + 1]`` the offset after the last; ``starts`` ends with the original's
    length and ``ends`` begins with 0, so a span of ``text`` maps to a span of the original."""

    text: str
    orthography: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original(self, span: Span) -> Span:
        """The span of the original text that ``span`` of :attr:`text` was read from."""
        start = self.starts[span.start]
        return Span(start, max(start, self.ends[span.end]))

    def read(self, span: Span) -> Span:
        """The span of :attr:`text` read from ``span`` of the original (the inverse of
        :meth:`original`)."""
        start = bisect_left(self.starts, span.start)
        return Span(start, max(start, bisect_right(self.ends, span.end) - 1))


#: the short words that tell English from Łacinka (na, i, što, jak against the, and, of, to)
_SHORT_WORD = re.compile(r"(?<!\w)(?:the|and|of|to|was|in|is|for|na|i|u|ŭ|z|što|jak|jon|jana|ale|heta|pa|da|ad)(?!\w)")
_ENGLISH = frozenset({"the", "and", "of", "to", "was", "in", "is", "for"})


@cache
def _settings() -> tuple[frozenset[str], float, int, re.Pattern[str], int]:
    data = load("orthography")
    return (
        frozenset(str(data["lacinka_letters"])),
        float(data["lacinka_share"]),
        int(data["lacinka_min_u"]),
        re.compile(str(data["classical_marks"])),
        int(data["classical_min"]),
    )


def is_lacinka(text: str) -> bool:
    """Whether ``text`` (its first 20,000 characters) is Belarusian written in Łacinka: the
    Łacinka letters make a share of its Latin letters that no English or Polish text reaches,
    and its short words are Belarusian rather than English."""
    letters, share, min_u, _, _ = _settings()
    head = text[:20000]
    u = head.count("ŭ") + head.count("Ŭ")
    if u < min_u:
        return False
    low = head.lower()
    marked = sum(1 for c in low if c in letters)
    latin = sum(1 for c in head if ("a" <= c <= "z" or "A" <= c <= "Z")) + marked
    if latin == 0 or marked / latin < share:
        return False
    words = _SHORT_WORD.findall(low)
    return sum(1 for w in words if w in _ENGLISH) < sum(1 for w in words if w not in _ENGLISH)


_CAPITALISED = re.compile(r"(?<!\w)[^\W\d_a-zа-яёіў][\w'’ʼ-]*")


def orthography_of(text: str) -> str:
    """``lacinka``, ``classical`` or ``official``: how a Belarusian text is spelt."""
    if is_lacinka(text):
        return "lacinka"
    _, _, _, marks, minimum = _settings()
    for found, _ in enumerate(marks.finditer(_CAPITALISED.sub(" ", text[:20000])), start=1):
        if found >= minimum:
            return "classical"
    return "official"


@cache
def _rules() -> tuple[re.Pattern[str], dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    """The soft-sign table (with the words that keep their soft sign first) as one pattern and
    its replacements, and the spelling rules."""
    keep = [str(w) for w in load("orthography")["keep"]]
    table = {str(a): str(b) for a, b in load("names")["classical"]}
    for word in keep:
        table[word] = word
    alternatives = keep + sorted((k for k in table if k not in keep), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(a) for a in alternatives))
    spellings = tuple((re.compile(str(a)), str(b)) for a, b in load("orthography")["spellings"])
    return pattern, table, spellings


def _cased(rep: str, written: str) -> str:
    if written[:1].isupper():
        return rep.upper() if len(written) > 1 and written.isupper() else rep[:1].upper() + rep[1:]
    return rep


class _Builder:
    """The text read so far and the origin of each of its characters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = [0]

    def add(self, piece: str, start: int, end: int) -> None:
        self.parts.append(piece)
        self.starts.extend([start] * len(piece))
        self.ends.extend([end] * len(piece))

    def add_each(self, piece: str, start: int) -> None:
        """``piece``, as it is, from ``start`` on: each character from its own."""
        self.parts.append(piece)
        self.starts.extend(range(start, start + len(piece)))
        self.ends.extend(range(start + 1, start + len(piece) + 1))


#: a run of letters (a decomposed ź keeps its combining acute): Łacinka is read word by word
_LETTERS = re.compile(r"(?:[^\W\d_]|\u0301)+")


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """A Łacinka word in Cyrillic, with the start and end in ``word`` of each letter's source."""
    from letapis.names.translit import lacinka_pieces

    starts: list[int] = []
    ends: list[int] = []
    for start, end, piece in lacinka_pieces(word):
        starts.extend([start] * len(piece))
        ends.extend([end] * len(piece))
    return "".join(p for _, _, p in lacinka_pieces(word)), tuple(starts), tuple(ends)


def _lacinka(text: str) -> _Builder:
    """The Cyrillic of a Łacinka text; words are read once each (what the table does depends on
    the letters of the word only)."""
    out = _Builder()
    last = 0
    for match in _LETTERS.finditer(text):
        if match.start() > last:
            out.add_each(text[last : match.start()], last)
        at = match.start()
        cyrillic, starts, ends = _word(match.group())
        out.parts.append(cyrillic)
        out.starts.extend([at + s for s in starts])
        out.ends.extend([at + e for e in ends])
        last = match.end()
    out.add_each(text[last:], last)
    return out


def _identity(text: str) -> _Builder:
    out = _Builder()
    out.parts.append(text)
    out.starts = list(range(len(text)))
    out.ends = list(range(len(text) + 1))
    return out


def _replace(
    text: str, starts: list[int], ends: list[int], pattern: re.Pattern[str], rep: dict[str, str] | str
) -> _Builder:
    """``text`` with every match of ``pattern`` (on lower case) replaced; the characters put in
    come from the whole match."""
    low = text.lower()
    out = _Builder()
    last = 0
    for match in pattern.finditer(low):
        a, b = match.start(), match.end()
        new = rep[match.group()] if isinstance(rep, dict) else match.expand(rep)
        if new == match.group():
            continue
        out.parts.append(text[last:a])
        out.starts.extend(starts[last:a])
        out.ends.extend(ends[last + 1 : a + 1])
        out.add(_cased(new, text[a:b]), starts[a] if a < len(starts) else starts[-1], ends[b])
        last = b
    out.parts.append(text[last:])
    out.starts.extend(starts[last : len(text)])
    out.ends.extend(ends[last + 1 : len(text) + 1])
    return out


def normalise(text: str, orthography: str) -> Normalised:
    """``text`` (in ``lacinka`` or ``classical`` spelling) in the official Cyrillic orthography,
    with the origin of every character."""
    built = _lacinka(text) if orthography == "lacinka" else _identity(text)
    current = "".join(built.parts)
    starts, ends = built.starts + [len(text)], built.ends
    soft, table, spellings = _rules()
    steps: list[tuple[re.Pattern[str], dict[str, str] | str]] = [*spellings, (soft, table)]
    for pattern, rep in steps:
        if pattern.search(current.lower()) is None:
            continue
        step = _replace(current, starts, ends, pattern, rep)
        current = "".join(step.parts)
        starts, ends = step.starts + [len(text)], step.ends
    return Normalised(current, orthography, tuple(starts), tuple(ends))


def on_original(result: ExtractionResult, original: str, normalised: Normalised) -> ExtractionResult:
    """``result``, read in ``normalised.text``, given on the ``original`` text: every span mapped
    back; a person's name as written where a mention of it is in the nominative (else, for
    Łacinka, the nominative in Łacinka), with the name read in Cyrillic among its other names."""
    from letapis.names.translit import be_to_lacinka

    def back(span: Span) -> Span:
        return normalised.original(span)

    from letapis.names.translit import lacinka_to_be

    lacinka = normalised.orthography == "lacinka"
    read = normalised.text
    renamed: dict[str, str] = {}
    for person in result.persons:
        as_written = {read[m.start : m.end]: back(m).text(original) for m in person.mentions}
        name = as_written.get(person.name)
        if name is None:
            name = be_to_lacinka(person.name) if lacinka else person.name
        others = [as_written.get(n, be_to_lacinka(n) if lacinka else n) for n in person.names]
        others.append(lacinka_to_be(name) if lacinka else person.name)
        renamed[person.name] = name
        person.names = [n for n in dict.fromkeys(others) if n != name]
        person.name = name
        if lacinka:
            person.name_latin = name
        person.mentions = [back(m) for m in person.mentions]
        for key, value in person.evidence.items():
            if isinstance(value, Span):
                person.evidence[key] = back(value)
            elif isinstance(value, dict):
                person.evidence[key] = {k: back(v) if isinstance(v, Span) else v for k, v in value.items()}
    for event in result.events:
        event.span = back(event.span)
        event.persons = [renamed.get(p, p) for p in event.persons]
        if lacinka:
            event.places = [be_to_lacinka(p) for p in event.places]
            event.date_text = None if event.date_text is None else be_to_lacinka(event.date_text)
    info = result.document
    result.document = DocumentInfo(info.language, info.date, None if info.date_span is None else back(info.date_span))
    result.sentences = [Sentence(s.index, back(s.span), tuple(back(c) for c in s.clauses)) for s in result.sentences]
    return result
