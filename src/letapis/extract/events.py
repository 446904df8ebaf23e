"""Events: what happened, when, to how many, where.

A sentence with an event cue (``event_cues`` of the lexicon: "were released", "вызвалены",
"приговорен", "died in custody") proposes an event of that type, with the date written in it,
collective counts ("123 political prisoners, including 13 foreign nationals", "18 палітвязняў, у
тым ліку трое замежных грамадзян"), destinations of forced exile as ISO codes, places, a sentence
term in months, the Criminal Code article and the regime. Events of one type that do not
contradict each other (date, count) are one event told in several sentences; an expulsion told
beside a release is the release's forced exile.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from letapis.extract.dates import DateMention
from letapis.extract.lexicons import compile_folded, fold, fold_pattern, load
from letapis.extract.model import EventFinding, PersonFinding, Sentence, Span
from letapis.extract.numbers import parse_number
from letapis.extract.statuses import Cue, StatusFinding, negated

__all__ = [
    "EventDraft",
    "attach_antecedent",
    "attach_given_name",
    "attach_headline",
    "attach_in_clause",
    "attach_persons",
    "date_lead_events",
    "date_parts",
    "events_in_sentence",
    "merge_events",
    "opens_list",
    "paragraph_of",
    "sentences_with_events",
    "term_follows",
]

#: the longest term a court gives in months (life is not a term): a larger figure is a year or
#: an age read as a term ("in 2022", "в возрасте 65 лет")
_MAX_TERM_MONTHS = 30 * 12
#: the event a status cue of a kind makes, whatever the event cues of its sentence say
_EVENT_OF_KIND = {"absentia": "sentence_in_absentia", "house_arrest": "house_arrest"}

#: the status an event gives the persons it happened to
_STATUS_OF_EVENT = {
    "release": "released",
    "expulsion": "released",
    "pardon": "released",
    "detention": "held",
    "sentence": "held",
    "transfer": "held",
    "death_in_custody": "died",
    "punishment_cell": "held",
    "hunger_strike": "held",
    "incommunicado": "held",
    "new_charge_in_custody": "held",
    "health_alert": "held",
}
#: events of a person that give no status of their own but are told of someone named before
#: ("The activist was sentenced to 30 days of administrative arrest")
_OF_A_PERSON = frozenset({"administrative_arrest", "charge", "trial", "family_visit"})
#: the events a status cue of a kind makes (a person read "tried in absentia" takes part in them)
_KIND_OF_EVENT = {
    "sentence_in_absentia": "absentia",
    "trial_in_absentia": "absentia",
    "house_arrest": "house_arrest",
}
#: roles of those who try, guard or speak for the state: never what an event happened to
_OFFICIAL_ROLES = frozenset({"judge", "prosecutor", "official", "police officer", "press secretary", "spokesperson"})
#: how a mention was read when it only reports, acts or asks: not what happened to it
_NOT_SUBJECT = frozenset({"speaker", "agent", "demand", "unreleased"})
#: the events of a news report's lead that take the report's date when they name none
_NEWS = frozenset(
    {"release", "expulsion", "pardon", "sentence", "sentence_in_absentia", "detention", "transfer", "death_in_custody"}
)

#: the longest dateline paragraph (place and date) before a report's lead
_DATELINE = 120
#: the longest dateline of a year or a month alone
_SHORT_DATELINE = 30

_NUMBER = r"(?P<n>\d[\d\s ]*\d|\d+|[^\W\d_]+(?:[- ][^\W\d_]+)?)"


@dataclass
class EventDraft:
    finding: EventFinding
    sentence: Sentence
    #: the words that name the event ("sentenced", "этапавалі")
    cue: Span | None = None
    #: no other verdict in the sentence (a verdict in absentia is then every verdict of it)
    alone: bool = True
    #: one of several verdicts of its sentence (:func:`_verdict_parts`): its persons are the ones
    #: its own part names, not whoever the sentence's cues read
    part: bool = False


@cache
def _event_cues(lang: str) -> list[tuple[re.Pattern[str], str]]:
    # event cues are stems ("освобожд", "вызвален"): anchored at the start of a word only
    return [(re.compile(r"(?<!\w)(?:" + fold_pattern(e["pattern"]) + ")"), e["type"]) for e in load(lang)["event_cues"]]


@cache
def _any_event_cue(lang: str) -> re.Pattern[str]:
    # the word-start check once, before the alternatives (the engine fails fast inside words)
    return re.compile(r"(?<!\w)(?:" + "|".join(fold_pattern(e["pattern"]) for e in load(lang)["event_cues"]) + ")")


def sentences_with_events(folded: str, spans: list[Span], lang: str) -> set[int]:
    """The indexes of the sentences (``spans``, in text order) where some event cue occurs: one
    pass over the text, so that the other sentences are not searched cue by cue."""
    starts = [s.start for s in spans]
    out: set[int] = set()
    for m in _any_event_cue(lang).finditer(folded):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < spans[i].end:
            out.add(i)
    return out


@cache
def _count(lang: str) -> re.Pattern[str]:
    nouns = fold_pattern(load(lang)["count_nouns"])
    return re.compile(rf"(?<!\w){_NUMBER}\s+(?:[^\W\d_]+\s+)?{nouns}(?!\w)")


@cache
def _single(lang: str, key: str) -> re.Pattern[str]:
    return compile_folded(load(lang)[key])


@cache
def _destination(lang: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + fold_pattern(load(lang)["destination_cue"]))


@cache
def _foreign(lang: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(load(lang)["foreign_nationals"]))


def _stems_pattern(stems: list[str]) -> re.Pattern[str]:
    """Latin names as whole words (Minsk, Minsk's); Cyrillic stems with a case ending (Мінску)."""
    return re.compile(rf"(?<!\w)(?:{_stems_body(stems)})(?!\w)")


def _stems_body(stems: list[str]) -> str:
    latin = [re.escape(fold(s)) for s in stems if not any("\u0400" <= c <= "\u04ff" for c in s)]
    cyrillic = [re.escape(fold(s)) for s in stems if any("\u0400" <= c <= "\u04ff" for c in s) and not s.endswith("$")]
    # a form ending in "$" is a whole word, with no case ending after it
    words = [re.escape(fold(s[:-1])) for s in stems if s.endswith("$")]
    parts = []
    if len(words) > 0:
        parts.append(rf"(?:{'|'.join(words)})")
    if len(latin) > 0:
        parts.append(rf"(?:{'|'.join(latin)})(?:'s|’s)?")
    if len(cyrillic) > 0:
        parts.append(rf"(?:{'|'.join(cyrillic)})[^\W\d_]{{0,3}}")
    return "|".join(parts)


@cache
def _countries() -> list[tuple[re.Pattern[str], str]]:
    return [(_stems_pattern(stems), str(code)) for code, stems in load("common")["countries"].items()]


@cache
def _cities() -> list[tuple[re.Pattern[str], str]]:
    return [(_stems_pattern(stems), str(name)) for name, stems in load("common")["cities"].items()]


@cache
def _any_city() -> re.Pattern[str]:
    """Every city in one pattern, group ``c<i>`` for the ``i``-th of :func:`_cities` (one search
    per sentence instead of one per city)."""
    parts = [f"(?P<c{i}>{_stems_body(stems)})" for i, stems in enumerate(load("common")["cities"].values())]
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)")


@cache
def _facilities() -> list[tuple[re.Pattern[str], str]]:
    return [(compile_folded(e["pattern"]), e["name"]) for e in load("common")["facilities"]]


@cache
def _regimes(lang: str) -> list[tuple[re.Pattern[str], str]]:
    # regimes are stems too ("усиленного режима", "строгага рэжыму"): anchored at the start of a word only
    return [(re.compile(r"(?<!\w)(?:" + fold_pattern(p) + ")"), code) for code, p in load(lang)["regimes"].items()]


def _number(text: str) -> int | None:
    value = parse_number(text.replace(" ", "").replace("\u00a0", "")) if text[:1].isdigit() else parse_number(text)
    return None if value is None or value != int(value) else int(value)


@cache
def _age(lang: str) -> re.Pattern[str]:
    """Words that make the number after them an age ("aged", "в возрасте", "ва ўзросце")."""
    return re.compile(r"(?:" + fold_pattern(load(lang)["age_before"]) + r")\s*$")


def _months(m: re.Match[str]) -> int | None:
    if m.group("only_months") is not None:
        months = parse_number(m.group("only_months"))
        return None if months is None else int(months)
    years = parse_number(m.group("years"))
    if years is None:
        return None
    extra = parse_number(m.group("months")) if m.group("months") is not None else 0.0
    half = 6.0 if m.groupdict().get("half") is not None else 0.0  # "two and a half years"
    return int(round(years * 12 + half + (extra or 0.0)))


def _first_count(folded: str, span: Span, lang: str) -> int | None:
    """The first number of persons in ``span``; a word before the number word is no number
    ("выйшлі пяцёра палітвязняў": the match that starts at "выйшлі" is tried again after it)."""
    position = span.start
    while position < span.end:
        m = _count(lang).search(folded, position, span.end)
        if m is None:
            return None
        value = _number(m.group("n"))
        if value is None and " " in m.group("n"):
            # "seven political prisoners": the number is the first word
            value = _number(m.group("n").split()[0])
        if value is not None and _OTHERS_ABOUT.search(folded, max(0, m.start("n") - 30), m.start("n")) is None:
            return value
        position = m.start("n") + len(m.group("n").split()[0]) + 1
    return None


#: "A, B и еще более 120 политзаключенных", "A and more than 120 others": a rough count of those
#: not named, not the event's number
_OTHERS_ABOUT = re.compile(r"(?<!\w)(?:еще|ещё|яшчэ) (?:более|свыше|больше|около|болей|звыш|каля) $")


def _term_months(folded: str, span: Span, lang: str) -> int | None:
    """The first term in ``span`` that is a term: not an age ("the 28-year-old journalist",
    "умер в возрасте 65 лет") and not a year ("в 2022 году")."""
    for m in _single(lang, "term").finditer(folded, span.start, span.end):
        months = _months(m)
        if months is None or months <= 0 or months > _MAX_TERM_MONTHS:
            continue
        if re.match(r"[- ]?old\b|-летн|-гадов", folded[m.end() : m.end() + 6]) is not None:
            continue
        if _age(lang).search(folded, max(span.start, m.start() - 20), m.start()) is not None:
            continue
        return months
    return None


@cache
def _term_after(lang: str) -> re.Pattern[str]:
    return re.compile(r"\s*(?:[—–-]|:|\()\s*(?:to |к |да |на |по |па )?(?:" + fold_pattern(load(lang)["term"]) + ")")


def term_follows(folded: str, position: int, lang: str) -> bool:
    """Whether a term follows a name ending at ``position`` after a dash, a colon or a bracket:
    the line of a verdict list ("A – 10 years; B – 9", "Сергей Шелест — 14 лет")."""
    m = _term_after(lang).match(folded, position)
    if m is None:
        return False
    months = _months(m)
    return months is not None and 0 < months <= _MAX_TERM_MONTHS


def _types(folded: str, sentence: Sentence, lang: str, cues: list[Cue]) -> dict[str, Span]:
    """The event types a sentence names, each with its cue. A demand or a plan ("must be freed",
    "патрабуюць вызвалення", "was due to be released") is no event; a sentence in absentia is
    a trial in absentia; a death a status cue reads (its context checked) is a death in custody.
    A verdict in another clause than the one in absentia is a verdict of its own ("B was given
    nine years; C was sentenced in absentia to eight")."""
    span = sentence.span
    demands = [c.span for c in cues if c.kind == "demand"]
    if any(c.kind == "temporary" for c in cues):  # a leave from prison is no release
        demands += [c.span for c in cues if c.status == "released"]
    types: dict[str, Span] = {}
    for pattern, event_type in _event_cues(lang):
        for m in pattern.finditer(folded, span.start, span.end):
            if any(d.start <= m.start() < d.end + 1 for d in demands) or negated(folded, m.start()):
                continue  # a demand, a plan or a negation ("не освободили") is no event
            if event_type not in types and not any(s.start < m.end() and m.start() < s.end for s in types.values()):
                types[event_type] = Span(m.start(), m.end())
            break
    for cue in cues:
        kind_type = _EVENT_OF_KIND.get(cue.kind)
        if kind_type is not None and kind_type not in types:
            types[kind_type] = cue.span
        if cue.status == "died" and not cue.weak and "death_in_custody" not in types:
            types["death_in_custody"] = cue.span
    if "administrative_arrest" in types and "sentence" in types and _term_months(folded, span, lang) is None:
        types.pop("sentence")  # "sentenced to 30 days of administrative arrest": no criminal verdict
    if "sentence_in_absentia" in types:
        # a verdict in absentia; without a verdict in the sentence, a trial in absentia
        verdict = types.pop("sentence_in_absentia")
        other = types.pop("sentence", None)
        types["sentence_in_absentia" if other is not None else "trial_in_absentia"] = verdict
        types.pop("detention", None)
        if other is not None and _clause(sentence, other) != _clause(sentence, verdict):
            types["sentence"] = other
    return types


def events_in_sentence(
    text: str,
    folded: str,
    sentence: Sentence,
    lang: str,
    dates: list[DateMention],
    document_date_span: Span | None,
    cues: list[Cue] | None = None,
    today: date | None = None,
) -> list[EventDraft]:
    """The events a sentence proposes (one per event type it names); ``cues``: the status cues
    of the sentence (demands, trials in absentia, deaths). The document's date counts as the
    event's only when it is not the dateline (``document_date_span``)."""
    span = sentence.span
    types = _types(folded, sentence, lang, cues or [])
    if len(types) == 0:
        return []
    when: DateMention | None = None
    for mention in dates:
        if (
            span.start <= mention.span.start < span.end
            and mention.date is not None
            and (mention.span != document_date_span or not _dateline(text, mention.span))
        ):
            when = mention
            break
    ago = _years_back(folded, span, lang)
    if ago is not None:
        # "два года назад арестовали", "14 июля исполняется два года со дня ареста": the event is
        # that many years before the day the sentence (or the report) speaks from
        base = when.date if when is not None and when.date is not None else today
        when = None if base is None else DateMention(ago[0], ago[1], _years_before(base, ago[2]), False)
    count = _first_count(folded, span, lang)
    foreign: int | None = None
    foreign_match = _foreign(lang).search(folded, span.start, span.end)
    if foreign_match is not None:
        foreign = _number(foreign_match.group("n"))
    destinations: list[str] = []
    cue = _destination(lang).search(folded, span.start, span.end)
    if cue is not None:
        # in the order the text names them, each country once
        found = sorted(
            (m.start(), code)
            for pattern, code in _countries()
            if (m := pattern.search(folded, cue.end(), span.end)) is not None
        )
        for _, code in found:
            if code not in destinations:
                destinations.append(code)
    exile = _single(lang, "exile_cue").search(folded, span.start, span.end) is not None
    places: list[str] = []
    for pattern, name in _facilities():
        for m in pattern.finditer(folded, span.start, span.end):
            place = name.format(n=m.groupdict().get("n"))
            if place not in places:
                places.append(place)
    cities = _cities()
    seen = sorted({int(str(m.lastgroup)[1:]) for m in _any_city().finditer(folded, span.start, span.end)})
    for i in seen:
        if cities[i][1] not in places:
            places.append(cities[i][1])
    term = article = regime = None
    if "sentence" in types or "sentence_in_absentia" in types:
        term = _term_months(folded, span, lang)
        am = _single(lang, "article").search(folded, span.start, span.end)
        if am is not None:
            groups = am.groupdict()
            part = groups.get("part") or groups.get("part2")
            article = am.group("num") + ("" if part is None else f" part {part}")
        for pattern, code in _regimes(lang):
            if pattern.search(folded, span.start, span.end) is not None:
                regime = code
                break
    out: list[EventDraft] = []
    cue_spans = sorted(types.values(), key=lambda s: s.start)
    for event_type in types:
        own_count = _count_of_cue(folded, span, types[event_type], cue_spans, lang)
        number = count if own_count is None else own_count
        finding = EventFinding(
            type=event_type,
            span=span,
            date=None if when is None else when.date,
            date_text=None if when is None else when.text,
            count=number if event_type in _COUNTED else None,
            foreign_nationals=foreign if event_type in ("release", "expulsion", "pardon") else None,
            destinations=list(destinations) if event_type in ("release", "expulsion") else [],
            forced_exile=exile and event_type in ("release", "expulsion"),
            places=places,
            term_months=term if event_type in ("sentence", "sentence_in_absentia") else None,
            article=article
            if event_type in ("sentence", "charge", "trial", "sentence_in_absentia", "trial_in_absentia")
            else None,
            regime=regime if event_type == "sentence" else None,
            confidence=0.6 + 0.1 * (when is not None) + 0.1 * (number is not None),
        )
        alone = not (event_type == "sentence_in_absentia" and "sentence" in types)
        one_kind = event_type == "sentence" and "sentence_in_absentia" not in types
        parts = _verdict_parts(folded, sentence, lang) if one_kind else []
        if len(parts) == 0:
            out.append(EventDraft(finding, sentence, types[event_type], alone))
            continue
        for part, part_cue in parts:
            own = next((d for d in dates if part.span.contains(d.span) and d.date is not None), None)
            piece = replace(
                finding,
                span=part.span,
                term_months=_term_months(folded, part.span, lang),
                count=_first_count(folded, part.span, lang),
                places=list(places),
                persons=[],
                destinations=[],
            )
            if own is not None:
                piece.date, piece.date_text = own.date, own.text
            out.append(EventDraft(piece, part, part_cue, alone, part=True))
    return out


@cache
def _years_ago(lang: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + fold_pattern(load(lang)["years_ago"]) + r")(?!\w)")


def _years_back(folded: str, span: Span, lang: str) -> tuple[Span, str, int] | None:
    """The span, text and number of years of "N years ago" / "N years since" in ``span``."""
    m = _years_ago(lang).search(folded, span.start, span.end)
    if m is None:
        return None
    years = _number(m.group("n"))
    if years is None or not 0 < years <= 60:
        return None
    return Span(m.start(), m.end()), m.group(), years


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _verdict_parts(folded: str, sentence: Sentence, lang: str) -> list[tuple[Sentence, Span]]:
    """The verdicts of a sentence that hands several, each with its own term ("A was sentenced to
    14 years, while his wife B was handed nine years"; "A and B were sentenced to eight years,
    and C was sentenced to seven"): each part runs to the comma after its term. Empty when the
    sentence hands one verdict, or a verdict has no term of its own."""
    span = sentence.span
    found: list[re.Match[str]] = []
    for pattern, event_type in _event_cues(lang):
        if event_type == "sentence":
            found += [m for m in pattern.finditer(folded, span.start, span.end)]
    found.sort(key=lambda m: m.start())
    cues = [m for i, m in enumerate(found) if i == 0 or m.start() >= found[i - 1].end()]
    if len(cues) < 2:
        return []
    bounds: list[int] = []
    for cue, following in zip(cues, cues[1:], strict=False):
        # the cue may hold the term itself ("was handed four years")
        term = _single(lang, "term").search(folded, cue.start(), following.start())
        comma = None if term is None else re.compile(r"[,;]").search(folded, term.end(), following.start())
        if comma is None:
            return []
        bounds.append(comma.start())
    if _single(lang, "term").search(folded, cues[-1].start(), span.end) is None:
        return []
    starts = [span.start] + [b + 1 for b in bounds]
    ends = bounds + [span.end]
    parts: list[tuple[Sentence, Span]] = []
    for start, end, cue in zip(starts, ends, cues, strict=True):
        while folded[start].isspace():
            start += 1
        part = Span(start, end)
        clauses = tuple(c for c in sentence.clauses if part.contains(c)) or (part,)
        parts.append((Sentence(sentence.index, part, clauses), Span(cue.start(), cue.end())))
    return parts


#: the events a number of persons is given for
_COUNTED = frozenset({"release", "expulsion", "detention", "pardon", "sentence", "transfer", "new_charge_in_custody"})


def _count_of_cue(folded: str, sentence: Span, cue: Span, cues: list[Span], lang: str) -> int | None:
    """The number of persons in the part of the sentence that is the cue's: from the end of the
    cue before it to the start of the cue after it ("59 political prisoners were transferred to
    a prison and new criminal cases were initiated against another 29 people")."""
    if len(cues) < 2:
        return None
    start = max([c.end for c in cues if c.end <= cue.start], default=sentence.start)
    end = min([c.start for c in cues if c.start >= cue.end], default=sentence.end)
    return _first_count(folded, Span(start, end), lang)


def _compatible(a: EventFinding, b: EventFinding) -> bool:
    def same(x: object, y: object) -> bool:
        return x is None or y is None or x == y

    return (
        a.type == b.type
        and same(a.date, b.date)
        and same(a.count, b.count)
        and same(a.term_months, b.term_months)
        and same(a.article, b.article)
    )


def _absorb(into: EventFinding, other: EventFinding) -> None:
    if into.date is None and other.date is not None:
        into.date, into.date_text, into.span = other.date, other.date_text, other.span
    if into.count is None and other.count is not None:
        into.count = other.count
        if into.date is None:
            into.span = other.span
    for attr in ("foreign_nationals", "term_months", "article", "regime"):
        if getattr(into, attr) is None:
            setattr(into, attr, getattr(other, attr))
    into.destinations += [d for d in other.destinations if d not in into.destinations]
    into.places += [p for p in other.places if p not in into.places]
    into.persons += [p for p in other.persons if p not in into.persons]
    into.forced_exile = into.forced_exile or other.forced_exile
    into.confidence = max(into.confidence, other.confidence)


def merge_events(drafts: list[EventDraft], collective: bool) -> list[EventFinding]:
    """One event per happening: compatible drafts of one type merged; an expulsion folded into
    the release beside it (``collective``: merge across the document, else only within a
    sentence's neighbourhood of persons)."""
    merged: list[EventFinding] = []
    for draft in drafts:
        event = draft.finding
        # the nearest one told before: "Among those released were A and B" after two releases is
        # the second one's
        target = next(
            (
                m
                for m in reversed(merged)
                if _compatible(m, event)
                and (
                    collective or len(m.persons) == 0 or len(event.persons) == 0 or set(m.persons) & set(event.persons)
                )
            ),
            None,
        )
        if target is None:
            merged.append(event)
        else:
            _absorb(target, event)
    releases = [e for e in merged if e.type == "release"]
    verdicts = [e for e in merged if e.type == "sentence_in_absentia"]
    out: list[EventFinding] = []
    for event in merged:
        if event.type == "trial_in_absentia" and len(verdicts) > 0:
            # "The case was heard under special proceedings" beside the verdict in absentia: one trial
            verdicts[0].persons += [p for p in event.persons if p not in verdicts[0].persons]
            continue
        if event.type == "expulsion" and len(releases) > 0:
            release = releases[0]
            release.forced_exile = True
            release.destinations += [d for d in event.destinations if d not in release.destinations]
            release.persons += [p for p in event.persons if p not in release.persons]
            if release.count is None:
                release.count = event.count
            continue
        out.append(event)
    return out


_DATELINE_END = re.compile(r"[^\n]{0,15}?(?:\n|:|\s[—–-]\s)")
#: the longest place before a dateline's date on its line ("Vilnius, ", "MINSK, ")
_DATELINE_PLACE = 40


def _dateline(text: str, date: Span) -> bool:
    """The document's date as its dateline ("Vilnius, 21 June 2025" on a line of its own, "14
    December 2025: PEN Belarus welcomes …", "MINSK, June 3 (Reuters) - "), not the day of an
    event told in a sentence ("He was detained on 21 January 2021", the text's first date)."""
    line_start = text.rfind("\n", 0, date.start) + 1
    if date.start - line_start > _DATELINE_PLACE:
        return False
    return _DATELINE_END.match(text, date.end) is not None or date.end >= len(text.rstrip())


def _clause(sentence: Sentence, cue: Span) -> Span:
    return next((c for c in sentence.clauses if c.start <= cue.start < c.end), sentence.span)


def paragraph_of(text: str, span: Span) -> Span:
    """The paragraph (text between blank lines) around ``span``."""
    start = text.rfind("\n\n", 0, span.start)
    end = text.find("\n\n", span.end)
    return Span(0 if start < 0 else start + 2, len(text) if end < 0 else end)


def attach_persons(
    draft: EventDraft,
    persons: list[PersonFinding],
    readings: list[list[tuple[Span, StatusFinding]]],
    reach: Span,
    *,
    by_status: bool = True,
    folded: str | None = None,
    lang: str = "en",
) -> None:
    """The persons an event happened to, among those named in ``reach`` (its sentence, or the
    list its heading opens): a person one of whose mentions there is read with the status the
    event gives ("The court sentenced reporter A B" — held at that mention, whatever the
    person's final status), or tried in absentia, put under house arrest by that cue; with
    ``by_status``, also a person whose final status is the event's and rests on a clause of
    ``reach``. Those who act, report or ask (the judge, the press secretary, the quoted
    relative) and the officials stay out. ``readings``: per person, each mention's reading."""
    event = draft.finding
    wanted = _STATUS_OF_EVENT.get(event.type)
    kind = _KIND_OF_EVENT.get(event.type)
    for person, read in zip(persons, readings, strict=True):
        if person.name in event.persons or any(role in _OFFICIAL_ROLES for role in person.roles):
            continue
        if folded is not None:
            said = [m for m in person.mentions if draft.sentence.span.contains(m)]
            if len(said) > 0 and all(_in_another_phrase(folded, lang, m, draft) for m in said):
                continue
        if by_status and _by_final_status(person, event.type, wanted, kind, reach):
            event.persons.append(person.name)
            continue
        for span, finding in read:
            if not reach.contains(span) or finding.source in _NOT_SUBJECT or finding.kind in _NOT_SUBJECT:
                continue
            if finding.kind == kind if kind is not None else finding.status == wanted and finding.kind == "":
                event.persons.append(person.name)
                break
            if event.type == "sentence_in_absentia" and finding.status == "held" and finding.kind == "" and draft.alone:
                # "заочно приговорил A к 12 годам": the verdict's persons are the ones tried in absentia
                event.persons.append(person.name)
                break


def attach_in_clause(
    draft: EventDraft,
    persons: list[PersonFinding],
    readings: list[list[tuple[Span, StatusFinding]]],
    text: str,
    folded: str,
    lang: str,
    reach: Span,
) -> None:
    """The persons an event's own words name though no status cue reads them there ("Bialiatski
    was on Friday handed a 10-year sentence"; "Ihar Bantsar was taken from the jail in Zhodzina
    to penal colony No. 22"; the list after "В обменный список попали:"; "… помиловал двух
    священников. Ими оказались A и B"): those named in ``reach`` (the sentence, the list its
    heading opens, a next sentence that names its list) with no reading at that mention —
    in the sentence itself, only the names its cue governs —, and, for an event no one was
    found for, those of its cue's clause read with the event's status or held. Never an
    official, nor a possessive ("Bialiatski's wife"), nor one read there as reporting, acting
    or asking."""
    if draft.cue is None:
        return
    event = draft.finding
    wanted = _STATUS_OF_EVENT.get(event.type)
    sentence = draft.sentence.span
    clause = _clause(draft.sentence, draft.cue)
    empty = len(event.persons) == 0
    for person, read in zip(persons, readings, strict=True):
        if person.name in event.persons or any(role in _OFFICIAL_ROLES for role in person.roles):
            continue
        here = [m for m in person.mentions if reach.contains(m) and text[m.end : m.end + 2] not in ("'s", "’s")]
        read_here = {span: f for span, f in read if span in here}
        if any(f.source in _NOT_SUBJECT or f.kind in _NOT_SUBJECT for f in read_here.values()):
            continue
        unread = [m for m in here if m not in read_here]
        if any(not sentence.contains(m) or _governed(folded, lang, m, draft) for m in unread):
            event.persons.append(person.name)
            continue
        in_clause = [m for m in here if clause.contains(m)]
        if empty and len(in_clause) > 0 and all(
            f.status in (wanted, "held") for f in (read_here[m] for m in in_clause if m in read_here)
        ):
            event.persons.append(person.name)


@cache
def _list_next(lang: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(load(lang)["list_next"]))


def opens_list(folded: str, span: Span, lang: str) -> bool:
    """Whether the sentence at ``span`` names the persons of the sentence before it ("Ими
    оказались A и B", "They are A and B")."""
    return _list_next(lang).match(folded, span.start, span.end) is not None


#: how far after its cue an event's unread person may be named ("sentenced the well-known writer
#: and journalist A"); one further away is another clause's ("… for insulting B")
_OBJECT_REACH = 60


def _in_another_phrase(folded: str, lang: str, mention: Span, draft: EventDraft) -> bool:
    """A name of the event's sentence in another phrase than the event's: before the cue with a
    preposition just before it ("договоренностей между президентом A … помилован"), or after
    the cue with a preposition between (after the last comma) and no colon, dash or words
    opening a list ("including"), nor a term after it ("sentenced … for insulting A")."""
    cue = draft.cue
    if cue is None or not draft.sentence.span.contains(mention):
        return False
    if mention.end <= cue.start:
        return _governed_before(folded, lang, mention, draft.sentence.span)
    if mention.start < cue.end:
        return False
    # the words after the last comma: "приговорил A к 4 годам, а блогера B — к 10" governs B too
    if term_follows(folded, mention.end, lang):
        return False  # a gapped verdict: "…, а блогера B — к 10 годам"
    # after the last comma: "sentenced A to 20 years in prison, while B was handed 19" is B's own
    between = re.split(r"[,;]", folded[cue.end : mention.start])[-1]
    terms = list(_single(lang, "term").finditer(between))
    if len(terms) > 0:
        # the term's own preposition does not count: "приговорил к 8 годам колонии журналистку A"
        between = between[terms[-1].end() :]
        # nor the place of the term before a coordinated object: "sentenced A to two years in
        # prison and B to four years"
        joined = _next_object(lang).match(between)
        if joined is not None:
            between = between[joined.end() :]
    if re.search(r"[:—–]", between) or _openers(lang).search(between) is not None:
        return False
    return _breaks(lang).search(between) is not None


def _governed_before(folded: str, lang: str, mention: Span, sentence: Span) -> bool:
    """A preposition among the few words before a name ("между президентом A", "by B")."""
    before = re.split(r"[,;:—–]", folded[sentence.start : mention.start])[-1].split()[-4:]
    return _governors(lang).search(" ".join(before)) is not None


@cache
def _next_object(lang: str) -> re.Pattern[str]:
    """The words that may follow a term up to a coordinator that opens the next object of a
    verdict ("… in prison and", "… колонии, а также")."""
    lexicon = load(lang)
    tail = fold_pattern(lexicon["term_tail"])
    return re.compile(rf"(?:\s+(?:{tail}))*\s*,?\s*(?:{fold_pattern(lexicon['coordinators'])})(?!\w)")


@cache
def _governors(lang: str) -> re.Pattern[str]:
    return compile_folded(load(lang)["name_governors"])


@cache
def _openers(lang: str) -> re.Pattern[str]:
    return compile_folded(load(lang)["list_openers"])


def _governed(folded: str, lang: str, mention: Span, draft: EventDraft) -> bool:
    """A name the event's cue governs: before it in its sentence with no preposition just before
    it ("A was on Friday handed ten years", not "между президентом B … помилован"), or right
    after it ("приговорил журналиста A"; a preposition between does not
    exclude it here: "приговорил по делу о госизмене медсестру из Курска A")."""
    cue = draft.cue
    if cue is None:
        return True
    if mention.end <= cue.start:
        return not _governed_before(folded, lang, mention, draft.sentence.span)
    return 0 <= mention.start - cue.end <= _OBJECT_REACH


@cache
def _breaks(lang: str) -> re.Pattern[str]:
    return compile_folded(load(lang)["object_breaks"])


@cache
def _anaphor(lang: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + fold_pattern(load(lang)["event_anaphora"]) + r")(?!\w)")


def _free_by_text(person: PersonFinding) -> bool:
    """A person the text makes no prisoner by what it says of them (an official, a head of state,
    one who only reports): never the antecedent of an event."""
    return person.status == "not_prisoner" and person.evidence.get("status_kind", None) == ""


@cache
def _first_person(lang: str) -> re.Pattern[str]:
    return compile_folded(load(lang)["first_person"])


@cache
def _pair(lang: str) -> re.Pattern[str]:
    return compile_folded(load(lang)["event_anaphora_pair"])


def attach_antecedent(
    draft: EventDraft,
    persons: list[PersonFinding],
    folded: str,
    lang: str,
    previous: list[tuple[int, int]],
    speakers: frozenset[int] = frozenset(),
) -> None:
    """An event no one was found for, whose sentence speaks of someone named before ("The
    political prisoner served his term …, where he was released on March 6", "Ён памёр"): the
    person last named before it (no official), within ``_ANTECEDENT_REACH`` characters.
    ``previous``: (start of a mention, index of its person) in text order. A sentence told in
    the first person ("апошнія дзевяць дзён я знаходзіўся ў ШІЗА") is the last one quoted before
    it (``speakers``: the indexes of the persons read as speaking)."""
    kind = draft.finding.type
    kind_known = kind in _STATUS_OF_EVENT or kind in _KIND_OF_EVENT or kind in _OF_A_PERSON
    if len(draft.finding.persons) > 0 or not kind_known:
        return
    span = draft.sentence.span
    before = [(start, i) for start, i in previous if span.start - _ANTECEDENT_REACH <= start < span.start]
    if _pair(lang).search(folded, span.start, span.end) is not None:
        # "The pair have been in jail since May 23": the two last named before, if not officials
        two: list[str] = []
        for _, i in reversed(before):
            person = persons[i]
            official = any(role in _OFFICIAL_ROLES for role in person.roles) or _free_by_text(person)
            if person.name not in two and not official:
                two.append(person.name)
            if len(two) == 2:
                draft.finding.persons.extend(reversed(two))
                return
        return
    if _first_person(lang).search(folded, span.start, span.end) is not None:
        speaker = next((i for _, i in reversed(before) if i in speakers), None)
        if speaker is not None and (len(before) == 0 or before[-1][1] == speaker):
            draft.finding.persons.append(persons[speaker].name)
        return
    if _anaphor(lang).search(folded, span.start, span.end) is None:
        return
    for _, i in reversed(before):
        person = persons[i]
        if any(role in _OFFICIAL_ROLES for role in person.roles) or _free_by_text(person):
            continue
        draft.finding.persons.append(person.name)
        return


def attach_given_name(
    draft: EventDraft, persons: list[PersonFinding], given: list[tuple[int, int]], folded: str, lang: str
) -> None:
    """An event no one was found for whose sentence names a person by the first word of their
    name alone ("On February 29, Maksim was released", "Sa strohaha režymu Mikałaja pieraviali"):
    that person, unless an official or the word follows a preposition ("support for Vitold")."""
    span = draft.sentence.span
    kind = draft.finding.type
    if kind not in _STATUS_OF_EVENT and kind not in _KIND_OF_EVENT and kind not in _OF_A_PERSON:
        return
    for start, i in given:
        person = persons[i]
        if not span.start <= start < span.end or person.name in draft.finding.persons:
            continue
        if any(role in _OFFICIAL_ROLES for role in person.roles):
            continue
        before = folded[span.start : start].split()[-1:]
        if len(before) > 0 and _governors(lang).fullmatch(before[0]) is not None:
            continue  # the word right before governs it: "support for Vitold"
        draft.finding.persons.append(person.name)


#: how far before an event's sentence its antecedent may be named
_ANTECEDENT_REACH = 800


def _by_final_status(person: PersonFinding, event_type: str, wanted: str | None, kind: str | None, reach: Span) -> bool:
    """The person's final status is the event's (tried in absentia or under house arrest by
    that cue), and rests on a clause of ``reach`` or names the person there."""
    status_kind = person.evidence.get("status_kind", "")
    if kind is not None:
        if status_kind != kind:
            return False
    elif person.status == "not_prisoner" or person.status != wanted:
        return False
    evidence = person.evidence.get("status")
    by_cue = isinstance(evidence, Span) and reach.start <= evidence.start < reach.end
    return by_cue or any(reach.contains(m) for m in person.mentions)


#: the events whose parts a report tells one by one after it ("sentenced four journalists. …
#: A was sentenced to 14 years")
_TOLD_IN_PARTS = frozenset({"sentence", "sentence_in_absentia", "release"})


def date_parts(
    drafts: list[EventDraft],
    persons: list[PersonFinding],
    sentences: list[Sentence],
    text: str,
    folded: str,
    dates: list[DateMention],
    lang: str,
) -> None:
    """The parts of a dated event told after it take its date: the verdicts of the persons a
    counted group names ("On Thursday the court sentenced four journalists. … A was sentenced to
    14 years, while B was handed nine") — only when they are among the first so many persons
    named after it —, and the verdicts of the next sentence of its paragraph when that sentence
    gives no date and tells nothing earlier ("On Friday, the court sentenced A to nine years.
    B and C were sentenced to eight years")."""
    for i, told in enumerate(drafts):
        event = told.finding
        if event.date is None or event.type not in _TOLD_IN_PARTS:
            continue
        group: set[str] = set()
        if event.count is not None:
            end = sentences[told.sentence.index].span.end
            named = sorted(
                (min(m.start for m in p.mentions if m.start >= end), p.name)
                for p in persons
                if any(m.start >= end for m in p.mentions)
                and (p.status != "not_prisoner" or event.type == "sentence_in_absentia")
                and not any(role in _OFFICIAL_ROLES for role in p.roles)
            )
            group = {name for _, name in named[: event.count]}
        paragraph = paragraph_of(text, told.sentence.span)
        for later in drafts[i + 1 :]:
            part = later.finding
            if part.type != event.type or part.date is not None or len(part.persons) == 0:
                continue
            if len(group) > 0 and set(part.persons) <= group:
                part.date, part.date_text = event.date, event.date_text
                part.confidence = round(part.confidence - 0.1, 2)
                continue
            whole = sentences[later.sentence.index].span
            if (
                later.sentence.index in (told.sentence.index, told.sentence.index + 1)
                and paragraph.contains(whole)
                and not any(whole.contains(d.span) for d in dates)
                and _earlier(lang).search(folded, whole.start, whole.end) is None
            ):
                part.date, part.date_text = event.date, event.date_text
                part.confidence = round(part.confidence - 0.1, 2)


@cache
def _earlier(lang: str) -> re.Pattern[str]:
    return compile_folded(load(lang)["earlier_words"])


def attach_headline(drafts: list[EventDraft], persons: list[PersonFinding], text: str, date_span: Span | None) -> None:
    """An event of the report's headline or lead that names no one ("Журналісту прысудзілі 1,5
    года калоніі", "Journalist sentenced to eight years") is the one person the report reads
    with the status the event gives, when there is exactly one (no official)."""
    lead = _lead(text, date_span)
    for draft in drafts:
        event = draft.finding
        wanted = _STATUS_OF_EVENT.get(event.type)
        if len(event.persons) > 0 or wanted is None or not lead.contains(draft.sentence.span):
            continue
        if event.count is not None and event.count > 1:
            continue  # "52 political prisoners were released": a group, not the one named
        alike = [
            p for p in persons if p.status == wanted and not any(role in _OFFICIAL_ROLES for role in p.roles)
        ]
        if len(alike) == 1:
            event.persons.append(alike[0].name)
            event.confidence = round(event.confidence - 0.1, 2)


def date_lead_events(events: list[EventFinding], text: str, when: date | None, date_span: Span | None) -> None:
    """A news event told in the report's lead (the first paragraph after the dateline) without
    a date of its own ("The regional court sentenced X to 13 years") happened on the report's
    day: it takes ``when``, the date the text's own dateline (``date_span``) says, with a lower
    confidence. Only a written dateline dates the lead: a date given with an upload is when the
    monitor received the text, not when its events happened, and nothing in the text says so."""
    if when is None:
        return
    lead = _lead(text, date_span)
    for event in events:
        if event.date is None and event.type in _NEWS and lead.contains(event.span):
            event.date = when
            event.confidence = round(event.confidence - 0.1, 2)


def _lead(text: str, date_span: Span | None) -> Span:
    """The first paragraph of the body: the one after a dateline ("Minsk, 2 March 2025"), else
    the first one."""
    start = len(text) - len(text.lstrip())
    first = paragraph_of(text, Span(start, start))
    undated = date_span is None and first.end - first.start <= _SHORT_DATELINE
    if undated and re.search(r"\d{4}", text[first.start : first.end]) is not None:
        date_span = first  # a dateline of a year or a month only ("2022", "Сакавік 2006")
    if date_span is not None and first.contains(date_span) and first.end - first.start <= _DATELINE:
        rest = text[first.end :]
        start = first.end + len(rest) - len(rest.lstrip())
        return paragraph_of(text, Span(start, start))
    return first
