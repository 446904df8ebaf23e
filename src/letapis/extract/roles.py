"""Roles, memberships, honours and degrees said of a person in an apposition or a list.

"writer, publicist, translator … and PEN Belarus member Alaksandr Fiaduta", "журналістка
Кацярына Андрэева", "Максим Знак, юрист и писатель": the words next to a name are read as a chain
of attributes joined by commas and "and/і/и"; the chain ends at the first word that is neither an
attribute nor a joiner. Occupations are the terms of the occupations vocabulary
(:mod:`letapis.vocab`), matched in any case form through their stems; official roles (judge,
prosecutor, head of state) mark a person who is not a prisoner.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from letapis.extract.lexicons import LANGUAGES, compile_folded, fold, fold_pattern, load
from letapis.extract.model import Span

__all__ = [
    "Attribute",
    "AttributeIndex",
    "attributes_after",
    "attributes_before",
    "collective_roles",
    "find_attributes",
    "is_joiner",
    "opening_roles",
    "organisation_name",
    "predicate_roles",
    "role_pronoun",
]

#: occupations that make a person an official (status ``not_prisoner``)
OFFICIAL_CODES = frozenset({"official", "judge", "prosecutor", "police_officer"})

_ADJ_ENDINGS = [
    "ь",
    "й",
    "ага",
    "аму",
    "ім",
    "ым",
    "ая",
    "ую",
    "ай",
    "ой",
    "ого",
    "ому",
    "ие",
    "ія",
    "ых",
    "іх",
    "ыя",
    "ыі",
    "ые",
    "ий",
    "ый",
    "ій",
    "ими",
    "ымі",
    "імі",
    "ей",
    "ёй",
    "ьі",
    "ья",
    "ьі",
    "ью",
    "ьей",
]


@dataclass(frozen=True)
class Attribute:
    """One attribute found in the text: ``kind`` is role, official, membership, honour or degree."""

    kind: str
    label: str
    span: Span
    organization: str | None = None
    #: the words also name an official's post ("press secretary" of a ruler, "Спецдакладчыца")
    official: bool = False
    #: a plural role ("writers", "журналісты"): said of every name of the list that follows
    plural: bool = False


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


def _stem(word: str) -> str:
    """The part of a Cyrillic occupation word that every case form keeps (паэтк-а, пісьменнік-ам)."""
    return word[:-1] if len(word) > 4 and word[-1] in "аеёіиоуыэюяйь" else word


@cache
def _endings() -> frozenset[str]:
    return frozenset(load("common")["role_endings"]) | frozenset(_ADJ_ENDINGS)


def _word_pattern(word: str) -> str:
    """A loose pattern for one word of a form: the Latin word with a plural ending, or the Cyrillic
    stem with up to three more letters. :func:`_form_matches` then checks the exact endings."""
    if not _is_cyrillic(word):
        return re.escape(word) + "(?:s|es)?" if word.isalpha() else re.escape(word)
    return re.escape(_stem(word)) + r"[^\W\d_]{0,3}"


def _form_words(form: str) -> list[str]:
    return fold(form).replace("-", " ").split()


def _form_pattern(form: str) -> str:
    return r"[\s-]+".join(_word_pattern(w) for w in _form_words(form))


def _word_matches(form_word: str, word: str) -> bool:
    if not _is_cyrillic(form_word):
        return word == form_word or (form_word.isalpha() and word in (form_word + "s", form_word + "es"))
    stem = _stem(form_word)
    if word.startswith(stem) and (len(word) == len(stem) or word[len(stem) :] in _endings()):
        return True
    # a feminine noun in -ка changes its stem in the dative and locative (журналістка →
    # журналістцы) and in the genitive plural (активистка → активисток, актывістка → актывістак)
    return form_word.endswith("ка") and word.endswith(("цы", "ок", "ак")) and word[:-2] == form_word[:-2]


def _form_matches(form_words: list[str], matched: str) -> bool:
    words = matched.replace("-", " ").split()
    return len(words) == len(form_words) and all(_word_matches(f, w) for f, w in zip(form_words, words, strict=True))


@cache
def _vocab_patterns(name: str) -> tuple[re.Pattern[str], dict[str, list[tuple[list[str], str]]]]:
    """One loose pattern over every form of vocabulary ``name`` and, by first letter, the words
    of each form with the English label it stands for (checked exactly by :func:`_label_of`).

    One alternation of exact patterns (stem + every case ending) took seconds to compile; the
    loose one compiles in a fraction of that, and the exact check is a few string comparisons."""
    from letapis.vocab import vocabulary

    alternatives: set[str] = set()
    by_letter: dict[str, list[tuple[list[str], str]]] = {}
    for term in vocabulary(name):
        label = term.label("en")
        for form in term.all_forms():
            words = _form_words(form)
            if len(words) == 0:
                continue
            alternatives.add(_form_pattern(form))
            by_letter.setdefault(words[0][0], []).append((words, label))
    ordered = sorted(alternatives, key=len, reverse=True)
    big = re.compile(r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)")
    return big, by_letter


_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_BETWEEN = re.compile(r"[\s-]+")
_PLAIN_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


@dataclass(frozen=True)
class _Lexicon:
    """The forms of a vocabulary indexed by the key of their first word (a Latin word, a Cyrillic
    stem), and the few forms with other characters (UNESCO/…) as a pattern."""

    by_key: dict[str, list[list[str]]]
    longest: int
    rest: re.Pattern[str] | None
    #: text word → the forms it may start (filled as words are met: statements repeat their words)
    seen: dict[str, tuple[list[str], ...]]


def _keys(token: str) -> list[str]:
    """The keys a text word may be looked up by: itself, without a plural ending (Latin), or its
    stems up to three letters shorter (Cyrillic case endings)."""
    if not _is_cyrillic(token):
        keys = [token]
        if token.endswith("es"):
            keys.append(token[:-2])
        if token.endswith("s"):
            keys.append(token[:-1])
        return keys
    keys = [token[: len(token) - k] for k in range(4) if len(token) - k > 0]
    if token.endswith(("цы", "ок", "ак")):  # журналістцы, активисток: looked up as журналістк(а)
        keys.append(token[:-2] + "к")
    return keys


@lru_cache(maxsize=65536)
def _candidates(name: str, token: str) -> tuple[list[str], ...]:
    """The forms of vocabulary ``name`` whose first word ``token`` is (most words: none). Cached:
    the words of statements repeat, and most are looked up many times."""
    by_key = _lexicon(name).by_key
    return tuple(words for key in _keys(token) for words in by_key.get(key, ()) if _word_matches(words[0], token))


def _key(form_word: str) -> str:
    return _stem(form_word) if _is_cyrillic(form_word) else form_word


@cache
def _lexicon(name: str) -> _Lexicon:
    from letapis.vocab import vocabulary

    by_key: dict[str, list[list[str]]] = {}
    others: list[str] = []
    longest = 1
    for term in vocabulary(name):
        for form in term.all_forms():
            words = _form_words(form)
            if len(words) == 0:
                continue
            if not all(_PLAIN_WORD.fullmatch(w) for w in words):
                others.append(_form_pattern(form))
                continue
            entry = by_key.setdefault(_key(words[0]), [])
            if words not in entry:
                entry.append(words)
            longest = max(longest, len(words))
    rest = None
    if len(others) > 0:
        rest = re.compile(r"(?<!\w)(?:" + "|".join(sorted(set(others), key=len, reverse=True)) + r")(?!\w)")
    return _Lexicon(by_key, longest, rest, {})


def _vocab_spans(
    name: str, folded: str, start: int, end: int, tokens: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Where the forms of vocabulary ``name`` occur in ``folded[start:end]`` (whose words are
    ``tokens``): the longest form at each word, found by looking words up (a regular expression
    over a thousand forms is slow)."""
    lexicon = _lexicon(name)
    out: list[tuple[int, int, str]] = []
    seen = lexicon.seen
    candidates = []
    for _, _, word in tokens:
        found = seen.get(word)
        if found is None:
            found = _candidates(name, word)
            if len(seen) < 200_000:
                seen[word] = found
        candidates.append(found)
    i = 0
    while i < len(tokens):
        if len(candidates[i]) == 0:  # most words
            i += 1
            continue
        best: tuple[int, int] | None = None  # (end, tokens used)
        s = tokens[i][0]
        for words in candidates[i]:
            n = len(words)
            if i + n > len(tokens):
                continue
            if all(
                _BETWEEN.fullmatch(folded, tokens[i + k - 1][1], tokens[i + k][0]) is not None
                and _word_matches(words[k], tokens[i + k][2])
                for k in range(1, n)
            ) and (best is None or tokens[i + n - 1][1] > best[0]):
                best = (tokens[i + n - 1][1], n)
        if best is None:
            i += 1
            continue
        matched = " ".join(tokens[i + k][2] for k in range(best[1]))
        label = _label_of(name, matched)
        if label is not None:
            out.append((s, best[0], label))
        i += best[1]
    if lexicon.rest is not None:
        for m in lexicon.rest.finditer(folded, start, end):
            label = _label_of(name, m.group())
            if label is not None and not any(a < m.end() and m.start() < b for a, b, _ in out):
                out.append((m.start(), m.end(), label))
    return out


@lru_cache(maxsize=16384)
def _label_of(name: str, matched: str) -> str | None:
    _, by_letter = _vocab_patterns(name)
    for words, label in by_letter.get(matched[:1], []):
        if _form_matches(words, matched):
            return label
    return None


def _alternatives(key: str) -> str:
    """The patterns of lexicon ``key`` of every language as one alternation."""
    return "|".join(f"(?:{load(lang)[key]})" for lang in LANGUAGES)


@cache
def _official_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + fold_pattern(_alternatives("official_roles")) + r")[^\W\d_]{0,4}(?!\w)")


@cache
def _joiner_pattern() -> re.Pattern[str]:
    words = _alternatives("role_joiners")
    return re.compile(r"^(?:[\s,;:()\-–—]|(?<!\w)(?:" + fold(words) + r")(?!\w))*$")


@cache
def _membership_patterns() -> list[re.Pattern[str]]:
    return [re.compile(entry["pattern"]) for lang in LANGUAGES for entry in load(lang)["memberships"]]


@cache
def _degree_patterns() -> list[re.Pattern[str]]:
    return [re.compile(load("en")["degrees"])] + [compile_folded(load(lang)["degrees"]) for lang in ("be", "ru")]


@cache
def organisation_stems() -> list[tuple[str, str]]:
    """The organisations' folded stems with their names, the longest stem first."""
    out = [(fold(stem), name) for name, stems in load("common")["organizations"].items() for stem in stems]
    return sorted(out, key=lambda e: len(e[0]), reverse=True)


def organisation_name(text: str) -> str:
    """The name an organisation is reported under (``Беларускага ПЭН-цэнтра`` → PEN Belarus), or the
    text itself, trimmed, when it is not one we know."""
    folded = fold(text)
    for stem, name in organisation_stems():
        if stem in folded:
            return name
    return text.strip(' ,;:«»"')


def _membership_role(text: str) -> str:
    t = fold(text)
    if any(w in t for w in ("honorary", "ганаров", "почетн")):
        return "honorary member"
    if "board" in t:
        return "board member"
    if any(w in t for w in ("founder", "заснав", "основат")):
        return "founder"
    if any(w in t for w in ("chair", "head", "leader", "старшын", "председат", "кіраўні", "руковод")):
        return "chair"
    if any(w in t for w in ("coordinator", "каардынат", "координат")):
        return "coordinator"
    if any(w in t for w in ("volunteer", "валанц", "волонт")):
        return "volunteer"
    if "director" in t or "editor" in t:
        return "director"
    return "member"


def _bounded(text: str, folded: str, start: int, end: int) -> list[Attribute]:
    """Memberships and degrees: their patterns run over capitalised words ("member of Catalan
    PEN"), so where the range ends decides where they end (before the name that follows)."""
    found: list[Attribute] = []
    segment = text[start:end]
    for pattern in _membership_patterns():
        for m in pattern.finditer(segment):
            org = organisation_name(m.group("org"))
            found.append(
                Attribute(
                    "membership", _membership_role(m.group("role")), Span(start + m.start(), start + m.end()), org
                )
            )
    for index, pattern in enumerate(_degree_patterns()):
        for m in pattern.finditer(segment if index == 0 else folded[start:end]):
            found.append(
                Attribute("degree", segment[m.start() : m.end()].strip(), Span(start + m.start(), start + m.end()))
            )
    return found


_PLURAL_GENITIVE = ("ы", "і", "и", "ов", "ев", "аў", "яў", "ок", "істак", "ыстак", "нтак")
_PLURAL_RU_BE = (*_PLURAL_GENITIVE, "ами", "ями", "амі", "ямі", "ах", "ях")


def _is_plural(last: str) -> bool:
    """Whether a role whose last word is ``last`` is plural: writers, журналисты, пісьменьнікаў
    (the endings of the nominative and oblique plurals; a genitive singular in -ы/-і reads as
    plural too, which only matters when a list of names follows it)."""
    if not _is_cyrillic(last):
        return last.endswith("s") and not last.endswith("ss")
    if last.endswith(("ам", "ям")):  # a Russian dative plural; in Belarusian an instrumental singular
        return "и" in last
    return last.endswith(_PLURAL_RU_BE) and not last.endswith(("ый", "ий", "ей", "ой"))


@cache
def _post_words() -> frozenset[str]:
    return frozenset(w for lang in LANGUAGES for w in load(lang).get("post_words", []))


def _words(folded: str, start: int, end: int) -> list[Attribute]:
    """Honours, occupations and official posts: whole words, the same whatever the range."""
    found: list[Attribute] = []
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded, start, end)]
    for s, e, label in _vocab_spans("honours", folded, start, end, tokens):
        found.append(Attribute("honour", label, Span(s, e)))
    for s, e, label in _vocab_spans("occupations", folded, start, end, tokens):
        if folded[s:e] in _post_words():
            continue
        kind = "official" if label.replace(" ", "_") in OFFICIAL_CODES else "role"
        last = _TOKEN.findall(folded, s, e)[-1]
        found.append(Attribute(kind, label, Span(s, e), plural=_is_plural(last)))
    for m in _official_pattern().finditer(folded, start, end):
        found.append(Attribute("official", fold(m.group()), Span(m.start(), m.end())))
    return found


def _resolve(found: list[Attribute]) -> list[Attribute]:
    found.sort(key=lambda a: (a.span.start, -(a.span.end - a.span.start), a.kind == "official"))
    out: list[Attribute] = []
    for attribute in found:
        if len(out) > 0 and attribute.span.start < out[-1].span.end:
            if attribute.kind == "official" and out[-1].kind == "role":  # "press secretary": both
                last = out[-1]
                out[-1] = Attribute(last.kind, last.label, last.span, last.organization, True)
            continue  # inside a longer one ("member" inside "honorary member of Catalan PEN")
        out.append(attribute)
    return out


def find_attributes(text: str, folded: str, start: int, end: int) -> list[Attribute]:
    """Every attribute inside ``text[start:end]``, in text order, without overlaps."""
    return _resolve(_bounded(text, folded, start, end) + _words(folded, start, end))


class AttributeIndex:
    """Every attribute of one document, found in one pass; the attributes of a range are then read
    from it instead of searching the range again for each name (the extractor's hot spot)."""

    def __init__(self, text: str, folded: str) -> None:
        self.text = text
        self.folded = folded
        self._all = sorted(_words(folded, 0, len(folded)), key=lambda a: a.span.start)
        self._starts = [a.span.start for a in self._all]

    @property
    def attributes(self) -> list[Attribute]:
        """Every honour, occupation and official post of the document, in text order."""
        return self._all

    def between(self, start: int, end: int) -> list[Attribute]:
        """What :func:`find_attributes` gives for ``[start, end)``: the words found once, the
        memberships and degrees (bounded by the range) found again."""
        words: list[Attribute] = []
        i = bisect_left(self._starts, start)
        while i < len(self._all) and self._all[i].span.start < end:
            if self._all[i].span.end <= end:
                words.append(self._all[i])
            i += 1
        return _resolve(_bounded(self.text, self.folded, start, end) + words)


def _attributes(text: str, folded: str, start: int, end: int, index: AttributeIndex | None) -> list[Attribute]:
    return find_attributes(text, folded, start, end) if index is None else index.between(start, end)


def is_joiner(folded_gap: str) -> bool:
    return _joiner_pattern().match(folded_gap) is not None


_LATIN_RUN = re.compile(r"\s*(?:[a-z][\w.&'’-]*\s+){1,4}")
#: a photo credit: "Фото: Name", "Photo: Name"; "Name / AP", "Name/BelTA Pool Photo"
#: ("На фото: Name", "in the photo: Name" is who is pictured, not who took it)
_CREDIT_BEFORE = re.compile(r"(?<![Нн]а )(?<![Nn]a )(?<!the )(?<!\w)(?:[Pp]hoto|PHOTO|[Фф]ото|[Фф]ота|[Ff]ota)\s*:\s*$")
_CREDIT_AFTER = re.compile(r"\s*/\s*(?:[A-Z][A-Za-z]+|[A-Z]{2,})(?:\s+(?:Pool\s+)?Photo\b|\s*/|\s*$|\s*\n)")


def attributes_before(
    text: str, folded: str, start: int, name_start: int, index: AttributeIndex | None = None
) -> list[Attribute]:
    """The chain of attributes that ends right before a name starting at ``name_start``
    (``index``: the document's attributes, found once)."""
    found = _attributes(text, folded, start, name_start, index)
    chain: list[Attribute] = []
    position = name_start
    for attribute in reversed(found):
        gap = folded[attribute.span.end : position]
        # "репортер Wall Street Journal Эван Гершкович": an outlet in Latin letters in a Cyrillic text
        outlet = position == name_start and _is_cyrillic(folded[attribute.span.start : attribute.span.end])
        if not is_joiner(gap) and not (outlet and _LATIN_RUN.fullmatch(gap) is not None):
            break
        if _source_pattern().search(folded, max(0, attribute.span.start - 24), attribute.span.start):
            break
        chain.append(attribute)
        position = attribute.span.start
    chain.reverse()
    credit = _CREDIT_BEFORE.search(text, max(start, name_start - 12), name_start)
    if len(chain) == 0 and credit is not None:
        chain = [Attribute("role", "photographer", Span(credit.start(), credit.end()))]
    # "признанному правозащитниками политзаключенным X": an instrumental plural with no
    # preposition before it is the one who acts in a passive, not the name's role
    chain = [a for a in chain if not _agent_instrumental(folded, a)]
    singular = [i for i, a in enumerate(chain) if a.kind == "role" and not a.plural]
    if len(singular) > 0:  # "сообщила журналистам пресс-секретарь X": the plural is not X's
        chain = [a for i, a in enumerate(chain) if not (a.plural and i < singular[-1])]
    return chain


_INSTRUMENTAL_PLURAL = ("ами", "ями", "амі", "ямі")
#: prepositions that take the instrumental of those named with the name ("с журналистами A и B")
_WITH = re.compile(r"(?<!\w)(?:с|со|з|са|между|паміж|над|перед|перад|под|пад|за)\s+(?:[\w-]+\s+){0,2}$")


def _agent_instrumental(folded: str, attribute: Attribute) -> bool:
    """A plural role in the instrumental ("правозащитниками", "праваабаронцамі") with no
    preposition before it: the agent of a passive ("признан правозащитниками")."""
    if attribute.kind != "role" or not attribute.plural:
        return False
    last = _TOKEN.findall(folded, attribute.span.start, attribute.span.end)[-1]
    if not (_is_cyrillic(last) and last.endswith(_INSTRUMENTAL_PLURAL)):
        return False
    return _WITH.search(folded, max(0, attribute.span.start - 40), attribute.span.start) is None


@cache
def _source_pattern() -> re.Pattern[str]:
    """Words before a role that make it the source of what follows ("паводле праваабаронцаў")."""
    return re.compile(str(load("common")["source_openers"]))


@cache
def _continues_pattern() -> re.Pattern[str]:
    words = _alternatives("apposition_continues")
    return re.compile(r"\s*(?:$|[,.;:!?)\]»”\"—–]|-\s|(?:" + fold(words) + r")(?!\w))")


_OUTLET = re.compile(r"\s*(?:[«\"“]|[A-ZА-ЯЁІЎ0-9][A-ZА-ЯЁІЎ0-9.\-/]+(?![\w.\-/]*[a-zа-яёіў]))")


def _outlet_follows(text: str, position: int, end: int) -> bool:
    """Whether an outlet follows a role: a quoted name or one in capitals ("рэдактарка TUT.BY",
    "journalist «Белсата»"), which continues the apposition."""
    return _OUTLET.match(text, position, end) is not None


_OPENING = re.compile(
    r"^\s*(?:,|—|–|-|\(|:)\s*"
    # an age before the role: "Ольга Петрова, 47 лет, воспитательница", "A B, 36, journalist"
    r"(?:\d{1,3}(?:\s*(?:лет|года|год|гадоў|гады|год|years? old))?\s*[,;—–]\s*)?"
    r"(?:(?:a|an|the|вядомы|вядомая|известный|известная)\s+)?"
)
_ALIAS = re.compile(r"^\s*\([^()]{1,40}\)")


def _chain_from(
    text: str, folded: str, start: int, end: int, index: AttributeIndex | None
) -> tuple[list[Attribute], int]:
    """The chain of attributes that starts at ``start`` (only joiners before each), and where it
    ends."""
    chain: list[Attribute] = []
    position = start
    for attribute in _attributes(text, folded, start, end, index):
        if not is_joiner(folded[position : attribute.span.start]):
            break
        chain.append(attribute)
        position = attribute.span.end
    return chain, position


def attributes_after(
    text: str, folded: str, name_end: int, end: int, *, next_name: bool = False, index: AttributeIndex | None = None
) -> list[Attribute]:
    """The chain of attributes in an apposition right after a name ("Максим Знак, юрист и
    писатель", "Ales Bialiatski (writer)"). ``next_name``: another name starts at ``end``, and a
    chain that runs up to it is that name's ("Лосик, анархист Николай Дедок")."""
    if _CREDIT_AFTER.match(text, name_end, end) is not None:  # "Name / AP", "Name/BelTA Pool Photo"
        return [Attribute("role", "photographer", Span(name_end, name_end + 1))]
    alias = _ALIAS.match(folded[name_end:end])
    if alias is not None and len(_attributes(text, folded, name_end, name_end + alias.end(), index)) == 0:
        name_end += alias.end()  # "Кацярына Андрэева (Бахвалава), журналістка"
    opening = _OPENING.match(folded[name_end:end])
    if opening is None:
        return []
    chain, position = _chain_from(text, folded, name_end + opening.end(), end, index)
    if next_name and len(chain) > 0 and is_joiner(folded[position:end]):
        return []
    # "Александр Шпак, музыканта поместили …": the role words open a new clause; "Labkovich,
    # opposition figures Vitkar Babaryka": they are the next name's (a name not read as one)
    ends = _continues_pattern().match(folded, position, end) is not None or _outlet_follows(text, position, end)
    return chain if len(chain) == 0 or ends else []


@cache
def _predicate_pattern() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + fold_pattern(_alternatives("role_predicates")) + r")(?!\w)")


@cache
def _role_pronoun_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{fold_pattern(load(lang)['role_pronouns'])})" for lang in LANGUAGES))


_GAP_WORDS = re.compile(r"^\s*(?:[^\W\d_]+\s+){0,2}$")


def role_pronoun(folded: str, start: int, end: int) -> int | None:
    """Where the subject pronoun that opens ``folded[start:end]`` ends ("Яна працавала …"), if
    one does."""
    m = _role_pronoun_pattern().match(folded[start:end])
    return None if m is None else start + m.end()


def predicate_roles(
    text: str, folded: str, start: int, end: int, index: AttributeIndex | None = None
) -> list[Attribute]:
    """The roles a predicate gives the subject that ends at ``start`` ("… працавала настаўніцай",
    "… worked as a teacher", "… is a journalist"): the verb within two words of the subject, the
    roles right after it, before ``end`` (the next name or the clause's end)."""
    m = _predicate_pattern().search(folded, start, end)
    if m is None or _GAP_WORDS.match(folded[start : m.start()]) is None:
        return []
    return [a for a in _chain_from(text, folded, m.end(), end, index)[0] if a.kind == "role"]


def _count_before(folded: str, position: int) -> int | None:
    """The number among the three words before ``position`` ("four journalists", "двух
    католических священников"), if one is there."""
    from letapis.extract.numbers import parse_number

    words = folded[max(0, position - 48) : position].split()[-3:]
    if len(words) == 0 or not folded[position - 1 : position].isspace():
        return None
    for word in reversed(words):
        n = parse_number(word)
        if n is not None:
            return int(n) if n == int(n) else None
    return None


def collective_roles(index: AttributeIndex) -> list[tuple[int, Attribute]]:
    """The groups a text counts by their role before it names them ("sentenced four journalists",
    "двух католических священников", "four anarchist activists"): each count with the role of
    its noun (the first of two role words in a row: "anarchist activists" are anarchists), a
    group counted again with the same role and number only once."""
    out: list[tuple[int, Attribute]] = []
    seen: set[tuple[int, str]] = set()
    roles = [a for a in index.attributes if a.kind == "role"]
    for i, attribute in enumerate(roles):
        if not attribute.plural:
            continue
        first = attribute
        if i > 0 and index.folded[roles[i - 1].span.end : attribute.span.start].isspace():
            first = roles[i - 1]  # "anarchist activists"
        n = _count_before(index.folded, first.span.start)
        if n is None or not 2 <= n <= 12 or (n, first.label) in seen:
            continue
        seen.add((n, first.label))
        out.append((n, first))
    return out


_ARTICLE = re.compile(r"\s*(?:(?:the|this|that)\s+)?")


def opening_roles(
    text: str, folded: str, start: int, end: int, index: AttributeIndex | None = None
) -> tuple[list[Attribute], int]:
    """The singular roles a sentence opens with ("The blogger, jailed since May 2020, …",
    "Актывісту з Пінску і блогеру …"), and where they end; none when one of them is plural (a
    group) or an official post."""
    article = _ARTICLE.match(folded, start, end)
    position = start if article is None else article.end()
    chain, chain_end = _chain_from(text, folded, position, end, index)
    if len(chain) == 0 or chain[0].span.start != position:
        return [], start
    if any(a.kind != "role" or a.plural or a.official for a in chain):
        return [], start
    rest = text[chain_end:end].lstrip()
    if rest[:1].isupper() or rest[:1] in ("«", '"', "“"):  # "Адвакатка Ксеніі, Іна …": a name's
        return [], start
    return chain, chain_end
