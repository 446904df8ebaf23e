"""The extractor's pipeline: text → :class:`~letapis.extract.model.ExtractionResult`.

Sentences and clauses (:mod:`.text`) → the document's language and date (:mod:`.language`,
:mod:`.dates`) → name mentions grouped into persons (:mod:`.persons`, :mod:`.inflection`, the
names core) → roles, memberships, honours and degrees from appositions (:mod:`.roles`) → the
status of each person from its governing clause (:mod:`.statuses`) → events (:mod:`.events`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache

from letapis.extract import dates as dates_mod
from letapis.extract.events import (
    EventDraft,
    attach_antecedent,
    attach_given_name,
    attach_headline,
    attach_in_clause,
    attach_persons,
    date_lead_events,
    date_parts,
    events_in_sentence,
    merge_events,
    opens_list,
    paragraph_of,
    sentences_with_events,
    term_follows,
)
from letapis.extract.inflection import surname_forms
from letapis.extract.language import detect_language
from letapis.extract.lexicons import fold, fold_pattern, load
from letapis.extract.model import (
    DocumentInfo,
    EventFinding,
    ExtractionResult,
    Membership,
    PersonFinding,
    Resolver,
    Sentence,
    Span,
)
from letapis.extract.orthography import normalise, on_original, orthography_of
from letapis.extract.persons import (
    RUN,
    NameMention,
    find_name_mentions,
    surname_shape,
    unknown_pairs,
    vouched_by_person_noun,
)
from letapis.extract.roles import (
    Attribute,
    AttributeIndex,
    attributes_after,
    attributes_before,
    collective_roles,
    is_joiner,
    opening_roles,
    organisation_stems,
    predicate_roles,
    role_pronoun,
)
from letapis.extract.statuses import (
    Cue,
    StatusFinding,
    cues_by_sentence,
    governing_cue,
    is_anaphoric,
    is_heading,
    status_of_mention,
)
from letapis.extract.text import sentences as split

__all__ = ["run"]

_COLLECTIVE = frozenset({"release", "expulsion", "pardon"})
#: status cue kinds that make an event of their own, and its type
_EVENT_KINDS = {"absentia": ("sentence_in_absentia", "trial_in_absentia"), "house_arrest": ("house_arrest",)}
#: the confidence of a status by how it was read (see :class:`StatusFinding`); a claim below the
#: lexicon's ``review_threshold`` is marked for a closer look
_STATUS_CONFIDENCE = {
    "cue": 0.95,
    "agent": 0.9,
    "line": 0.9,
    "list": 0.85,
    "inherited": 0.85,
    "later": 0.75,
    "speaker": 0.75,
    "label": 0.75,
    "demand": 0.65,
    "weak": 0.6,
    "official": 0.9,
    "none": 0.6,
}


@dataclass
class _Person:
    mentions: list[NameMention] = field(default_factory=list)
    surname_mentions: list[Span] = field(default_factory=list)
    #: personal pronouns that open a sentence right after this person was named ("Ее отпустили")
    pronoun_mentions: list[Span] = field(default_factory=list)

    #: the document's text, for the words before an attribute
    source: str = ""

    def text_before(self, position: int, width: int = 40) -> str:
        return self.source[max(0, position - width) : position]

    @property
    def best(self) -> NameMention:
        return max(
            self.mentions,
            key=lambda m: (m.given is not None, m.alternative is None, len(m.nominative.split()), -m.span.start),
        )


@lru_cache(maxsize=65536)
def _ascii(word: str) -> str:
    from letapis.names import to_lacinka

    latin = to_lacinka(word) if any("\u0400" <= c <= "\u04ff" for c in word) else word
    s = unicodedata.normalize("NFKD", latin.lower().replace("ł", "l"))
    return "".join(c for c in s if c.isalpha() and not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def _lacinka(name: str) -> str:
    from letapis.names import to_lacinka

    return to_lacinka(name)


def _same_person(a: NameMention, b: NameMention) -> bool:
    from letapis.names import MATCH_THRESHOLD, score

    if a.nominative == b.nominative or a.alternative == b.nominative or b.alternative == a.nominative:
        return True
    if _ascii(a.surname)[:4] != _ascii(b.surname)[:4]:
        return False
    return score(a.nominative, b.nominative) >= MATCH_THRESHOLD


_ALIAS_OPEN = re.compile(r"\s*\(\s*$")


def _group(text: str, mentions: list[NameMention]) -> list[_Person]:
    """Mentions of one person together: the same name in any form, and a name in brackets right
    after another one ("Сергей Тихановский (Siarhei Tsikhanouski)") as that person's spelling."""
    persons: list[_Person] = []
    for mention in mentions:
        target = next((p for p in persons if any(_same_person(mention, m) for m in p.mentions[:3])), None)
        if target is None and len(persons) > 0:
            last = persons[-1].mentions[-1]
            gap = text[last.span.end : mention.span.start]
            if len(gap) <= 4 and _ALIAS_OPEN.match(gap) and text[mention.span.end : mention.span.end + 1] == ")":
                target = persons[-1]
        if target is None:
            persons.append(_Person([mention], source=text))
        else:
            target.mentions.append(mention)
    return persons


def _surname_mentions(text: str, persons: list[_Person], taken: list[Span], read_elsewhere: bool = False) -> None:
    """Surnames alone of persons named in full; ``read_elsewhere``: names were read in Łacinka
    or the classical orthography, ``text`` is in the official one."""
    from letapis.extract.inflection import official_spelling
    from letapis.names.translit import lacinka_to_be

    by_surname: dict[str, _Person] = {}
    for person in persons:
        for mention in person.mentions:
            if mention.given is not None:
                by_surname.setdefault(mention.surname, person)
                if read_elsewhere:  # Kuźmič, Кузьміч: Кузміч in the text read
                    by_surname.setdefault(official_spelling(lacinka_to_be(mention.surname)), person)
                by_surname.setdefault(text[mention.span.start : mention.span.end].split()[-1], person)
    if len(by_surname) == 0:
        return
    covered = {position for t in taken for position in range(t.start, t.end)}
    for run in RUN.finditer(text):
        for word in re.finditer(r"\S+", run.group()):
            token = word.group()
            start = run.start() + word.start()
            span = Span(start, start + len(token))
            if span.start in covered or not surname_shape(token):
                continue
            named = next((by_surname[f] for f in surname_forms(token) if f in by_surname), None)
            if token.endswith(("'s", "’s")):  # "Losik's wife": the possessive is not the name
                span = Span(span.start, span.end - 2)
            if named is not None:
                named.surname_mentions.append(span)


def _sentence_of(sents: list[Sentence], position: int) -> Sentence:
    lo, hi = 0, len(sents) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sents[mid].span.start <= position:
            lo = mid
        else:
            hi = mid - 1
    return sents[lo]


def run(text: str, *, document_date: date | None, language: str | None, resolver: Resolver | None) -> ExtractionResult:
    """Everything the extractor proposes for ``text``: the document's language and date, the
    persons with their roles and statuses, the events and the organisations named.
    ``document_date`` and ``language`` override what the text says; ``resolver`` (a registry
    lookup) gives each person its candidates."""
    lang = language if language is not None else detect_language(text)
    if lang == "be":
        spelling = orthography_of(text)
        if spelling != "official":
            # names are read as written, everything else in the official orthography
            normalised = normalise(text, spelling)
            names = [replace(m, span=normalised.read(m.span)) for m in find_name_mentions(text, language=lang)]
            found = _run(normalised.text, lang, document_date, resolver, names)
            return on_original(found, text, normalised)
    return _run(text, lang, document_date, resolver)


def _run(
    text: str,
    lang: str,
    document_date: date | None,
    resolver: Resolver | None,
    names: list[NameMention] | None = None,
) -> ExtractionResult:
    folded = fold(text)
    sents = split(text)
    if len(sents) == 0:
        return ExtractionResult(DocumentInfo(lang, document_date, None))
    info, dates = _document(text, folded, lang, document_date)
    cues, inherited = _cues_and_inheritance(text, folded, sents, lang)
    reading = _read_names(text, folded, lang, sents, cues, names)
    readings: list[list[tuple[Span, StatusFinding]]] = [[] for _ in reading.groups]
    persons = [
        _person(text, folded, lang, sents, cues, inherited, reading, group, resolver, readings[i])
        for i, group in enumerate(reading.groups)
    ]
    _counted_roles(reading.index, sents, persons)
    events = _events(text, folded, sents, lang, dates, info, persons, readings, cues)
    return ExtractionResult(info, persons, events, _organisations(folded, persons), sents)


def _read_free(person: PersonFinding) -> bool:
    """Whether a person was read as no prisoner from what the text says of them (an official, a
    speaker, a verdict in absentia), not for want of a status cue."""
    return person.status == "not_prisoner" and "status_kind" in person.evidence


def _counted_roles(index: AttributeIndex, sents: list[Sentence], persons: list[PersonFinding]) -> None:
    """ "The court sentenced four journalists. … A was sentenced to 14 years, B …": a group counted
    by its role before it is named gives the role to the persons named first after the count's
    sentence who are not read as free (none at all when fewer are named)."""
    for count, attribute in collective_roles(index):
        end = _sentence_of(sents, attribute.span.start).span.end
        after = sorted(
            (p for p in persons if len(p.mentions) > 0 and p.mentions[0].start > end and not _read_free(p)),
            key=lambda p: p.mentions[0].start,
        )
        if len(after) < count:
            continue
        for person in after[:count]:
            if attribute.label not in person.roles:
                person.roles.append(attribute.label)
                person.evidence["roles"][attribute.label] = attribute.span


def _document(
    text: str, folded: str, lang: str, document_date: date | None
) -> tuple[DocumentInfo, list[dates_mod.DateMention]]:
    """The document's date (``document_date`` if given, else the date near its top) and every
    date the text mentions, resolved against it. The head is read first so that relative dates
    ("yesterday") elsewhere are resolved against the right day."""
    doc_span: Span | None = None
    doc_date = document_date
    head = dates_mod.head_length(text)
    found = dates_mod.document_date(dates_mod.find_dates(text[:head], folded[:head], lang, document_date), text)
    if found is not None:
        doc_span = found.span
        if doc_date is None:
            doc_date = found.date
    if doc_date is None:
        month = dates_mod.month_dateline(text, folded, lang)
        if month is not None:
            # "May 2023" on the first line: a day and month written in the text ("on March 3")
            # has its year, a relative date ("on Thursday") still has no day to count from
            mentions = dates_mod.find_dates(text, folded, lang, month)
            return DocumentInfo(lang, None, None), [
                m if any(c.isdigit() for c in m.text) else replace(m, date=None) for m in mentions
            ]
    mentions = dates_mod.find_dates(text, folded, lang, doc_date)
    return DocumentInfo(lang, doc_date, doc_span), mentions


def _cues_and_inheritance(
    text: str, folded: str, sents: list[Sentence], lang: str
) -> tuple[list[list[Cue]], list[tuple[Cue, Span] | None]]:
    """The status cues of each sentence, and the cue (with its sentence) each sentence inherits:
    an anaphoric sentence ("Among them …") or a line of a list after a heading takes the
    governing cue of the sentence before; a sentence that neither inherits nor has a cue breaks
    the chain."""
    cues: list[list[Cue]] = []
    inherited: list[tuple[Cue, Span] | None] = []
    carry: tuple[Cue, Span] | None = None
    carry_is_list = False
    own_cues = cues_by_sentence(folded, [s.span for s in sents], lang)
    for sentence in sents:
        own = own_cues[sentence.index]
        cues.append(own)
        anaphoric = is_anaphoric(folded, sentence, lang, own)
        inherits = carry if anaphoric or carry_is_list else None
        inherited.append(inherits)
        governing = governing_cue(own)
        if governing is not None:
            carry = (governing, sentence.span)
            carry_is_list = is_heading(text, sentence)
        elif inherits is not None and anaphoric:
            carry_is_list = carry_is_list or is_heading(text, sentence)
        else:
            carry, carry_is_list = None, False
    return cues, inherited


@dataclass
class _Reading:
    """The names of the document: mentions grouped into persons, every name span in text order
    (full names and surnames alone), which mentions are in an oblique case, and the index of
    role and membership words."""

    groups: list[_Person]
    spans: list[Span]
    oblique: set[Span]
    index: AttributeIndex


def _read_names(
    text: str,
    folded: str,
    lang: str,
    sents: list[Sentence],
    cues: list[list[Cue]],
    found: list[NameMention] | None = None,
) -> _Reading:
    """Name mentions (known given names — ``found`` when they were read elsewhere —, and unknown
    ones a role or list marker vouches for), grouped into persons, with surnames alone and
    sentence-opening pronouns added to them."""
    name_mentions = find_name_mentions(text, language=lang) if found is None else list(found)
    index = AttributeIndex(text, folded)
    name_mentions += _vouched_pairs(text, folded, name_mentions, index)
    name_mentions.sort(key=lambda m: m.span.start)
    groups = _group(text, name_mentions)
    _surname_mentions(text, groups, [m.span for m in name_mentions], found is not None)
    all_spans = sorted([m.span for m in name_mentions] + [s for p in groups for s in p.surname_mentions])
    _pronoun_mentions(folded, lang, sents, cues, groups, all_spans)
    oblique = {m.span for m in name_mentions if m.text != m.nominative}
    return _Reading(groups, all_spans, oblique, index)


def _person(
    text: str,
    folded: str,
    lang: str,
    sents: list[Sentence],
    cues: list[list[Cue]],
    inherited: list[tuple[Cue, Span] | None],
    reading: _Reading,
    group: _Person,
    resolver: Resolver | None,
    readings: list[tuple[Span, StatusFinding]],
) -> PersonFinding:
    """One person's finding: the attributes and the status each of its mentions is given
    (each mention's own reading added to ``readings``, for the events it takes part in)."""
    spans = sorted([m.span for m in group.mentions] + group.surname_mentions)
    attributes: list[tuple[Attribute, Span]] = []
    statuses: list[StatusFinding] = []
    for span in spans:
        sentence = _sentence_of(sents, span.start)
        attributes += _attributes_of(text, folded, sentence, span, reading)
        finding = status_of_mention(
            folded,
            span,
            sentence,
            cues[sentence.index],
            inherited[sentence.index],
            possessive=(text[span.end : span.end + 2] in ("'s", "’s") and not _own_noun(folded, span.end + 2, lang))
            or (_oblique(text, span, group, reading) and _kin_owner(folded, span, reading.spans, lang)),
            others=[s for s in reading.spans if s != span and sentence.span.contains(s)],
            term_after=term_follows(folded, _coordinated_end(text, span, reading.spans), lang),
            oblique=span in reading.oblique,
            text=text,
            lang=lang,
        )
        if finding is not None:
            statuses.append(finding)
            readings.append((span, finding))
    attributes += _pronoun_roles(text, folded, sents, reading, spans)
    for span in group.pronoun_mentions:
        sentence = _sentence_of(sents, span.start)
        # the court's decision is about the person, but the court is the one who acts and speaks
        own = [c for c in cues[sentence.index] if not c.agent]
        finding = status_of_mention(folded, span, sentence, own, None)
        if finding is not None and finding.source not in ("agent", "speaker"):
            statuses.append(finding)
            readings.append((span, finding))
    return _finding(group, group.best, spans, attributes, statuses, resolver)


def _attributes_of(
    text: str, folded: str, sentence: Sentence, span: Span, reading: _Reading
) -> list[tuple[Attribute, Span]]:
    """The roles, memberships and honours said of the mention ``span`` in its clause, each with
    its evidence span: the words between the previous name and this one, and the apposition
    after it up to the next name. "Прэс-сакратарка Аляксандра Лукашэнкі Наталля Эйсмант": a name
    in an oblique case right before a nominative one is its owner's, and the role before both is
    the second name's."""
    clause = next((c for c in sentence.clauses if c.start <= span.start < c.end), sentence.span)
    previous = [s for s in reading.spans if clause.start <= s.end <= span.start]
    left = previous[-1].end if len(previous) > 0 else clause.start
    following = [s for s in reading.spans if span.end <= s.start < clause.end]
    right = following[0].start if len(following) > 0 else clause.end
    owned = len(following) > 0 and span in reading.oblique and _adjacent(text, span, following[0], reading.oblique)
    owner = len(previous) > 0 and _adjacent(text, previous[-1], span, reading.oblique)
    out: list[tuple[Attribute, Span]] = []
    if owner:
        start = previous[-2].end if len(previous) > 1 else clause.start
        for attribute in attributes_before(text, folded, start, previous[-1].start, reading.index):
            out.append((attribute, Span(attribute.span.start, span.end)))
    before = [] if owned else attributes_before(text, folded, left, span.start, reading.index)
    if len(before) == 0 and not owned:
        before = _list_roles(text, folded, clause, previous, span, reading.index)
    for attribute in before:
        out.append((attribute, Span(attribute.span.start, span.end)))
    after = attributes_after(text, folded, span.end, right, next_name=len(following) > 0, index=reading.index)
    if len(after) == 0 and text[span.end : span.end + 2] not in ("'s", "’s"):
        after = predicate_roles(text, folded, span.end, right, reading.index)
    for attribute in after:
        out.append((attribute, Span(span.start, attribute.span.end)))
    return out


def _pronoun_roles(
    text: str, folded: str, sents: list[Sentence], reading: _Reading, spans: list[Span]
) -> list[tuple[Attribute, Span]]:
    """ "Ала Зуева з Бабруйска. Яна працавала настаўніцай": the roles a predicate gives a
    sentence-opening pronoun in a sentence that names nobody are the person's named last in the
    sentence before it (``spans``: that person's mentions); the roles a sentence opens with
    ("The blogger, jailed since …") are the only person's named in the sentence before."""
    out: list[tuple[Attribute, Span]] = []
    for span in spans:
        sentence = _sentence_of(sents, span.start)
        if sentence.index + 1 >= len(sents) or any(
            s.start > span.start and sentence.span.contains(s) for s in reading.spans
        ):
            continue
        following = sents[sentence.index + 1].span
        named = [s for s in reading.spans if following.contains(s)]
        pronoun_end = role_pronoun(folded, following.start, following.end)
        if pronoun_end is not None and len(named) == 0:
            for attribute in predicate_roles(text, folded, pronoun_end, following.end, reading.index):
                out.append((attribute, Span(following.start, attribute.span.end)))
        elif all(s in spans for s in reading.spans if sentence.span.contains(s)):
            # "X is free. The blogger, jailed since May 2020, …": the only person of the sentence
            # before, unless the roles are the next name's ("The blogger Y …")
            chain, chain_end = opening_roles(text, folded, following.start, following.end, reading.index)
            if len(chain) > 0 and not any(is_joiner(folded[chain_end : s.start]) for s in named):
                out += [(attribute, Span(following.start, attribute.span.end)) for attribute in chain]
    return out


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(?:and|и|і|й)\s+)?|(?:and|и|і|й)\s+)", re.IGNORECASE)


@cache
def _own_nouns(lang: str) -> re.Pattern[str] | None:
    nouns = load(lang).get("own_nouns")
    return None if nouns is None else re.compile(r"\s+(?:" + fold_pattern(nouns) + r")(?!\w)")


def _own_noun(folded: str, position: int, lang: str) -> bool:
    """A possessive followed by a noun of the person's own ("X's detention was extended"): the
    name is what the clause speaks of, not an owner."""
    nouns = _own_nouns(lang)
    return nouns is not None and nouns.match(folded, position) is not None


@cache
def _kin(lang: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + fold_pattern(load(lang)["kin_nouns"]) + r")\s+(?:[\w-]+\s+){0,2}$")


def _oblique(text: str, span: Span, group: _Person, reading: _Reading) -> bool:
    """The mention is in an oblique case: a full name not in its nominative, or a surname alone
    written otherwise than the person's surname ("Дударава" of Дудараў)."""
    if span in reading.oblique:
        return True
    if any(m.span == span for m in group.mentions):
        return False
    return text[span.start : span.end] not in {m.surname for m in group.mentions} | {group.best.surname}


def _kin_owner(folded: str, span: Span, spans: list[Span], lang: str) -> bool:
    """A genitive name after a relative's noun, right before another name, is that name's owner:
    "Партнэрку Дударава, Ксеню Бязрук, … адпусцілі", "жена Николая Статкевича Марина Адамович"."""
    following = next((s for s in spans if s.start >= span.end), None)
    if following is None or re.fullmatch(r"\s*,?\s*", folded[span.end : following.start]) is None:
        return False
    return _kin(lang).search(folded, max(0, span.start - 60), span.start) is not None


def _coordinated_end(text: str, span: Span, spans: list[Span]) -> int:
    """Where the names coordinated with ``span`` after it end ("A і B — па два гады": A's verdict
    line ends after B)."""
    position = span.end
    for other in spans:
        if other.start < position:
            continue
        if _LIST_GAP.fullmatch(text, position, other.start) is None:
            break
        position = other.end
    return position


def _list_roles(
    text: str, folded: str, clause: Span, previous: list[Span], span: Span, index: AttributeIndex
) -> list[Attribute]:
    """The plural roles before the first name of the list ``span`` ends ("writers A, B and C",
    "журналісты A, B і C"): said of every name of the list."""
    position, k = span.start, len(previous) - 1
    while k >= 0 and _LIST_GAP.fullmatch(text, previous[k].end, position) is not None:
        position, k = previous[k].start, k - 1
    if position == span.start:
        return []
    start = previous[k].end if k >= 0 else clause.start
    chain = attributes_before(text, folded, start, position, index)
    return [a for a in chain if a.plural] if len(chain) > 0 and chain[-1].plural else []


def _events(
    text: str,
    folded: str,
    sents: list[Sentence],
    lang: str,
    dates: list[dates_mod.DateMention],
    info: DocumentInfo,
    persons: list[PersonFinding],
    readings: list[list[tuple[Span, StatusFinding]]],
    cues: list[list[Cue]],
) -> list[EventFinding]:
    """The events of the sentences with an event cue (or a status cue that makes one: a death,
    a trial in absentia), each with the persons it happened to (:func:`attach_persons`; an
    event whose sentence names none of them takes those its paragraph says it happened to),
    merged into one event per happening, in text order."""
    drafts: list[EventDraft] = []
    with_events = sentences_with_events(folded, [s.span for s in sents], lang)
    for sentence in sents:
        own = cues[sentence.index]
        if sentence.index in with_events or any(c.kind in _EVENT_KINDS or c.status == "died" for c in own):
            drafts.extend(events_in_sentence(text, folded, sentence, lang, dates, info.date_span, own, info.date))
    for draft in drafts:
        reach = _reach(text, draft.sentence)
        attach_persons(draft, persons, readings, reach, by_status=not draft.part, folded=folded, lang=lang)
    for draft in drafts:
        said = draft.sentence.span
        if len(draft.finding.persons) == 0 and not _names_a_subject(said, persons, readings):
            # a sentence that names no one it could be about: its paragraph's persons ("The
            # terms: A – 5 years; …"), not when it names someone the cue does not read ("B was
            # previously sentenced to two years")
            attach_persons(draft, persons, readings, paragraph_of(text, said), folded=folded, lang=lang)
        reach = _reach(text, draft.sentence)
        following = sents[draft.sentence.index + 1] if draft.sentence.index + 1 < len(sents) else None
        if following is not None and opens_list(folded, following.span, lang):
            reach = Span(reach.start, max(reach.end, following.span.end))
        attach_in_clause(draft, persons, readings, text, folded, lang, reach)
    given = _given_names_alone(text, persons)
    for draft in drafts:
        if len(draft.finding.persons) == 0:
            attach_given_name(draft, persons, given, folded, lang)
    previous = sorted([(m.start, i) for i, person in enumerate(persons) for m in person.mentions] + given)
    speakers = frozenset(i for i, read in enumerate(readings) if any(f.source == "speaker" for _, f in read))
    for draft in drafts:
        attach_antecedent(draft, persons, folded, lang, previous, speakers)
    attach_headline(drafts, persons, text, info.date_span)
    _verdicts_in_absentia(drafts, persons)
    date_parts(drafts, persons, sents, text, folded, dates, lang)
    collective = [d for d in drafts if d.finding.type in _COLLECTIVE]
    single = [d for d in drafts if d.finding.type not in _COLLECTIVE]
    events = merge_events(collective, True) + merge_events(single, False)
    events.sort(key=lambda e: e.span.start)
    dateline = next((d for d in dates if d.span == info.date_span), None)
    if dateline is not None:
        date_lead_events(events, text, dateline.date, dateline.span)
    return events


_NOT_ABOUT = frozenset({"speaker", "agent", "demand", "official"})


def _names_a_subject(
    sentence: Span, persons: list[PersonFinding], readings: list[list[tuple[Span, StatusFinding]]]
) -> bool:
    """Whether the sentence names a person who is neither an official nor read there as acting,
    reporting or asking ("Лукашенко помиловал 23 человека" names none)."""
    for person, read in zip(persons, readings, strict=True):
        if _read_free(person) and person.evidence.get("status_kind") == "":
            continue  # an official, a speaker: read as no prisoner from what the text says of them
        found = dict(read)
        for mention in person.mentions:
            if not sentence.contains(mention):
                continue
            finding = found.get(mention)
            if finding is None or (finding.source not in _NOT_ABOUT and finding.kind not in _NOT_ABOUT):
                return True
    return False


_WORD = re.compile(r"[^\W\d_][^\W\d_'’ʼ-]*")


def _given_names_alone(text: str, persons: list[PersonFinding]) -> list[tuple[int, int]]:
    """Where a person is named by the first word of their name alone, in any case form of the
    word the text writes beside the surname ("Maksim Siarheyenka" … "On February 29, Maksim was
    released"; "Мікалая Статкевіча" … "Мікалай"): (start, index of the person). A word that
    opens the names of two persons names neither."""
    owners: dict[str, set[int]] = {}
    for i, person in enumerate(persons):
        for mention in person.mentions:
            words = text[mention.start : mention.end].split()
            if len(words) >= 2 and len(words[0]) >= 3 and words[0][:1].isupper():
                # the stem of a case form: "Мікалая" → "Мікала" (Мікалай, Мікалаю)
                stem = words[0][:-1] if len(words[0]) > 4 else words[0]
                owners.setdefault(stem, set()).add(i)
    taken = [m for p in persons for m in p.mentions]
    found: list[tuple[int, int]] = []
    for word, who in owners.items():
        if len(who) != 1:
            continue
        (i,) = who
        for m in re.finditer(rf"(?<![^\W\d_]){re.escape(word)}[^\W\d_]{{0,2}}(?![^\W\d_])", text):
            if not any(t.start <= m.start() < t.end for t in taken):
                found.append((m.start(), i))
    return sorted(found)


def _verdicts_in_absentia(drafts: list[EventDraft], persons: list[PersonFinding]) -> None:
    """A verdict whose every person was tried in absentia ("Among those tried in absentia was A.
    He and four other defendants were sentenced to 12 years") is a verdict in absentia."""
    kinds = {p.name: p.evidence.get("status_kind") for p in persons}
    for draft in drafts:
        named = draft.finding.persons
        if draft.finding.type == "sentence" and len(named) > 0 and all(kinds.get(n) == "absentia" for n in named):
            draft.finding.type = "sentence_in_absentia"


def _reach(text: str, sentence: Sentence) -> Span:
    """The text an event's persons are named in: its sentence, and when the sentence is a
    heading ending in a colon, the lines of the list after it, up to the paragraph's end."""
    if not is_heading(text, sentence):
        return sentence.span
    end = text.find("\n\n", sentence.span.end)
    if end >= 0 and text[sentence.span.end : end].strip() == "":
        end = text.find("\n\n", end + 2)  # the list after a blank line: "попали:\n\n  • A,\n  • B"
    return Span(sentence.span.start, len(text) if end < 0 else end)


def _organisations(folded: str, persons: list[PersonFinding]) -> list[str]:
    """The organisations of the persons' memberships, then the others the text names."""
    organizations: list[str] = []
    for person in persons:
        for membership in person.memberships:
            if membership.organization not in organizations:
                organizations.append(membership.organization)
    for name in _organisations_in(folded):
        if name not in organizations:
            organizations.append(name)
    return organizations


def _adjacent(text: str, first: Span, second: Span, oblique: set[Span]) -> bool:
    """``first`` (in an oblique case) stands right before ``second`` (in the nominative)."""
    return first in oblique and second not in oblique and text[first.end : second.start].strip() == ""


@cache
def _pronoun_pattern(lang: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(load(lang)["pronoun_subject"]))


def _pronoun_mentions(
    folded: str, lang: str, sents: list[Sentence], cues: list[list[Cue]], groups: list[_Person], spans: list[Span]
) -> None:
    """A sentence that opens with a personal pronoun, names nobody and has a status cue speaks of
    the person named last in the sentence before it: the pronoun counts as their mention. So does
    a sentence opening with the court (``court_subject``) with a cue that is not the court's own
    act, of the person named first before it."""
    for sentence in sents[1:]:
        own = [c for c in cues[sentence.index] if not c.weak]
        head = folded[sentence.span.start : sentence.span.end]
        opening = _pronoun_pattern(lang).match(head)
        court_pattern = _court_subject(lang)
        court = opening is None and court_pattern is not None
        if court and court_pattern is not None:
            # "Суд постановил отсрочить исполнение приговора" after a sentence naming one person:
            # a court's decision with a cue of its own (not an agent's verb) is about that person
            opening = court_pattern.match(head)
            own = [c for c in own if not c.agent and c.kind != "speaker"]
        if len(own) == 0 or opening is None:
            continue
        if any(sentence.span.contains(s) for s in spans):
            continue
        before = sents[sentence.index - 1].span
        named = [s for s in spans if before.contains(s)]
        if len(named) == 0:
            continue
        # the pronoun speaks of the person named last; the court's decision of the one the
        # sentence before is about, named first ("X приговорен … за оскорбление Y. Суд …"; an
        # official named first stays an official)
        last = named[0] if court else named[-1]
        person = next(
            (p for p in groups if any(m.span == last for m in p.mentions) or last in p.surname_mentions), None
        )
        if person is not None:
            # the pronoun, with the date it may follow ("3 марта он умер")
            person.pronoun_mentions.append(Span(sentence.span.start, sentence.span.start + opening.end()))


@cache
def _court_subject(lang: str) -> re.Pattern[str] | None:
    pattern = load(lang).get("court_subject")
    return None if pattern is None else re.compile(fold_pattern(pattern))


_LIST_MARKER = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,3}[.)]|[-•*–—])[ \t]*$")


def _vouched_pairs(text: str, folded: str, found: list[NameMention], index: AttributeIndex) -> list[NameMention]:
    """Names whose given name we do not know, kept when a role stands right before them
    ("musician Dzmitryj Hałavač"), an apposition right after them ("Насця Кузьміч, паэтка") or
    a list marker opens their line."""
    out: list[NameMention] = []
    for pair in unknown_pairs(text, [m.span for m in found]):
        start, end = pair.span.start, pair.span.end
        before = index.between(max(0, start - 60), start)
        vouched = len(before) > 0 and is_joiner(folded[before[-1].span.end : start]) and before[-1].kind != "membership"
        vouched = vouched or len(attributes_after(text, folded, end, min(len(text), end + 80), index=index)) > 0
        vouched = vouched or _LIST_MARKER.search(text, max(0, start - 8), start) is not None
        vouched = vouched or vouched_by_person_noun(folded, start)
        if vouched:
            out.append(pair)
    return out


def _organisations_in(folded: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for stem, name in organisation_stems():
        position = folded.find(stem)
        if position >= 0 and (position == 0 or not folded[position - 1].isalpha()):
            found.append((position, name))
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return out


_FORMER = re.compile(r"(?:former|ex-|экс-|был(?:ы|ая|ыя|ога|ой|ым|ых)|бывш\w+)\b[^,.;]{0,30}$", re.IGNORECASE)


def _former(group: _Person, attribute: Attribute) -> bool:
    """An official post the person held before ("former Belarusian PEN President") or of an
    organisation is no office now: it does not make the person ``not_prisoner``."""
    if attribute.kind != "official" and not attribute.official:
        return False
    return _FORMER.search(group.text_before(attribute.span.start)) is not None


def _finding(
    group: _Person,
    best: NameMention,
    spans: list[Span],
    attributes: list[tuple[Attribute, Span]],
    statuses: list[StatusFinding],
    resolver: Resolver | None,
) -> PersonFinding:
    from letapis.names import MATCH_THRESHOLD

    name = best.nominative
    person = PersonFinding(name=name, name_latin=_lacinka(name))
    person.names = list(dict.fromkeys(m.text for m in group.mentions if m.text != name))
    person.mentions = spans
    roles: dict[str, Span] = {}
    memberships: dict[str, Span] = {}
    honours: dict[str, Span] = {}
    official = False
    for attribute, evidence in attributes:
        if _former(group, attribute):
            continue
        official = official or attribute.official
        if attribute.kind == "role" and attribute.label not in person.roles:
            person.roles.append(attribute.label)
            roles[attribute.label] = evidence
        elif attribute.kind == "official":
            official = True
            if (
                attribute.label in ("judge", "prosecutor", "official", "police officer")
                and attribute.label not in person.roles
            ):
                person.roles.append(attribute.label)
                roles[attribute.label] = evidence
        elif attribute.kind == "membership" and attribute.organization is not None:
            membership = Membership(attribute.organization, attribute.label)
            if membership not in person.memberships:
                person.memberships.append(membership)
                memberships[attribute.organization] = evidence
        elif attribute.kind == "honour" and attribute.label not in person.honours:
            person.honours.append(attribute.label)
            honours[attribute.label] = evidence
        elif attribute.kind == "degree" and attribute.label not in person.degrees:
            person.degrees.append(attribute.label)
    person.evidence = {"roles": roles, "memberships": memberships, "honours": honours}
    status: StatusFinding | None = None
    if official:
        status = StatusFinding("not_prisoner", attributes[0][1], 9, False, "official")
    elif len(statuses) > 0:
        status = max(statuses, key=lambda s: (not s.weak, s.source not in ("speaker", "demand"), s.priority))
    if status is None:
        person.status = "not_prisoner"
        person.evidence["status"] = spans[0]
        person.confidence = best.confidence * _STATUS_CONFIDENCE["none"]
    else:
        person.status = status.status
        person.evidence["status"] = status.evidence
        person.evidence["status_kind"] = status.kind
        person.confidence = best.confidence * _STATUS_CONFIDENCE[status.source]
    if resolver is not None:
        candidates = sorted(resolver(name), key=lambda c: -c[1])
        person.candidates = candidates
        if len(candidates) > 0 and candidates[0][1] >= MATCH_THRESHOLD:
            person.person_id = candidates[0][0]
    return person
