"""The status of each person on the document's date, from the clause that governs the name.

Cues are data (``status_cues`` of each language's lexicon): "Among those released are" governs
the names after it, to the end of the sentence (a list: "A; B; and C"); "remain behind bars"
governs the names before it in its clause; "continue to be held" either. A sentence opening with
"Among them are" / "Сярод іх" / "Среди них", or a list line after a heading ending in ":", takes
the cue of the sentence before. A name right before an active verb ("Lukashenka pardoned …") is
the one who acts, not a prisoner. Officials, judges and prosecutors are ``not_prisoner``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from letapis.extract.lexicons import compile_folded, fold_pattern, load
from letapis.extract.model import Sentence, Span

__all__ = ["Cue", "StatusFinding", "cues_by_sentence", "find_cues", "is_anaphoric", "negated", "status_of_mention"]

_PRIORITY = {"died": 3, "released": 2, "held": 1, "not_prisoner": 5}
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•*–—])\s*")
#: a subheading set between dashes ("- 'Appalling' - …"), no list line
_SUBHEADING = re.compile(r"^\s*[-–—]\s*[^-–—\n]{1,40}?\s[-–—]\s")


@dataclass(frozen=True)
class Cue:
    span: Span
    status: str
    scope: str  # before | after | both
    agent: bool
    weak: bool
    priority: int
    #: what the cue says besides the status: "" (a plain fact), "speaker" (the name it governs
    #: only reports or comments), "demand" (a demand or a plan: the person is not free yet, and
    #: nothing happened), "absentia" (tried in absentia), "house_arrest", "temporary" (a leave
    #: from prison: a release of its sentence is none), "unreleased" (a release
    #: negated or excepted: "was not released", "среди освобожденных нет", "except X": held,
    #: and no one the release happened to)
    kind: str = ""


@dataclass(frozen=True)
class StatusFinding:
    status: str
    evidence: Span
    priority: int
    weak: bool
    #: how the status was read (the confidence of the claim follows from it): "cue" (a cue of the
    #: name's own clause), "list" (a cue before a colon or a dash, or a verdict line "A – 10
    #: years"), "line" (a directory line "A: …; detained since …"), "later" (a later clause of the
    #: sentence), "inherited" (the sentence before), "speaker", "agent", "demand", "weak"
    source: str = "cue"
    #: the cue's kind (see :class:`Cue`)
    kind: str = ""


@dataclass(frozen=True)
class _CueEntry:
    pattern: re.Pattern[str]
    status: str
    scope: str
    agent: bool
    weak: bool
    priority: int
    kind: str
    #: a pattern that must occur in the sentence or the next one for the cue to count ("died"
    #: counts beside a colony, a prison or a political prisoner, not of anyone's relative)
    requires: re.Pattern[str] | None
    #: relatives ("мама", "mother"): a death cue with one right before or after it is theirs
    kin: re.Pattern[str] | None = None

    def cue(self, m: re.Match[str], folded: str) -> Cue:
        """The cue of the match; negated ("was not released", "не освободили", "яго не
        вызвалілі"), a release says the person is still held, and any other cue says nothing
        (kind "negated", dropped once the overlaps are settled)."""
        span = Span(m.start(), m.end())
        if self.status == "died" and self.kin is not None and _of_kin(folded, m, self.kin):
            return Cue(span, self.status, self.scope, self.agent, self.weak, self.priority, "negated")
        if self.kind in ("", "label") and negated(folded, m.start()):
            if self.status == "released":
                # a bare verb ("released", an agent's cue) negated is passive: "X was not released"
                scope = "both" if self.agent else self.scope
                return Cue(span, "held", scope, False, False, _PRIORITY["held"], "unreleased")
            return Cue(span, self.status, self.scope, self.agent, self.weak, self.priority, "negated")
        return Cue(span, self.status, self.scope, self.agent, self.weak, self.priority, self.kind)


#: a negation right before a cue, with at most two auxiliaries or adverbs between ("was not
#: released", "has not yet been freed", "яго зноў не вызвалілі", "так и не освободили")
def _of_kin(folded: str, m: re.Match[str], kin: re.Pattern[str]) -> bool:
    """A relative's noun is the word right before or right after the death cue ("у мяне памерла
    мама", "his mother died")."""
    after = re.match(r"\s+(\w+)", folded[m.end() : m.end() + 30])
    before = re.search(r"(\w+)\s+$", folded[max(0, m.start() - 30) : m.start()])
    return any(w is not None and kin.fullmatch(w.group(1)) is not None for w in (after, before))


def negated(folded: str, start: int) -> bool:
    """Whether a negation stands right before ``start`` ("was not released", "не освободили")."""
    return _NEGATION.search(folded, max(0, start - 40), start) is not None


_NEGATION = re.compile(
    r"(?<!\w)(?:не|not|never|ні|n't|no longer)\s+(?:(?:been|be|yet|again|снова|опять|еще|зноў|ізноў|яшчэ|так)\s+){0,2}$"
)


@cache
def _cues(lang: str) -> list[_CueEntry]:
    out = []
    contexts = load(lang).get("cue_contexts", {})
    kin_words = load(lang).get("kin_words")
    kin = None if kin_words is None else re.compile(fold_pattern(kin_words))
    for entry in load(lang)["status_cues"]:
        status = entry["status"]
        requires = entry.get("requires")
        out.append(
            _CueEntry(
                compile_folded(entry["pattern"]),
                status,
                entry.get("scope", "both"),
                bool(entry.get("agent", False)),
                bool(entry.get("weak", False)),
                int(entry.get("priority", _PRIORITY[status])),
                str(entry.get("kind", "")),
                None if requires is None else compile_folded(contexts[requires]),
                kin,
            )
        )
    return out


def _overlaps(taken: list[Cue], m: re.Match[str]) -> bool:
    return any(c.span.start < m.end() and m.start() < c.span.end for c in taken)


@cache
def _anaphora(lang: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(load(lang)["anaphora"]))


@cache
def _relative(lang: str) -> re.Pattern[str]:
    """A relative pronoun after a comma: ", who had been sentenced", ", которого задержали"."""
    return re.compile(r",\s*(?:[\w-]+\s+)?(?:" + fold_pattern(load(lang)["relative_pronouns"]) + r")(?!\w)")


def find_cues(folded: str, span: Span, lang: str) -> list[Cue]:
    """The status cues inside ``span``, in text order; of overlapping cues the one listed first in
    the lexicon wins."""
    taken: list[Cue] = []
    for entry in _cues(lang):
        if entry.requires is not None and entry.requires.search(folded, span.start, span.end) is None:
            continue
        for m in entry.pattern.finditer(folded, span.start, span.end):
            if not _overlaps(taken, m):
                taken.append(entry.cue(m, folded))
    return sorted((c for c in taken if c.kind != "negated"), key=lambda c: c.span.start)


def cues_by_sentence(folded: str, spans: list[Span], lang: str) -> list[list[Cue]]:
    """:func:`find_cues` of every sentence (``spans``, in text order), each pattern run once over
    the text instead of once per sentence; a pattern with a match across a sentence boundary is
    run sentence by sentence, as :func:`find_cues` would. A cue that ``requires`` a context
    counts where the context occurs in its sentence or the next one."""
    if len(spans) == 0:
        return []
    starts = [s.start for s in spans]
    taken: list[list[Cue]] = [[] for _ in spans]
    for entry in _cues(lang):
        pattern = entry.pattern
        found: list[tuple[int, re.Match[str]]] = []
        for m in pattern.finditer(folded, spans[0].start, spans[-1].end):
            i = bisect_right(starts, m.start()) - 1
            if i < 0 or m.end() > spans[i].end:
                found = [(j, m) for j, s in enumerate(spans) for m in pattern.finditer(folded, s.start, s.end)]
                break
            found.append((i, m))
        for i, m in found:
            if entry.requires is not None:
                end = spans[min(i + 1, len(spans) - 1)].end
                if entry.requires.search(folded, spans[i].start, end) is None:
                    continue
            if not _overlaps(taken[i], m):
                taken[i].append(entry.cue(m, folded))
    return [sorted((c for c in t if c.kind != "negated"), key=lambda c: c.span.start) for t in taken]


def is_anaphoric(folded: str, sentence: Sentence, lang: str, cues: list[Cue]) -> bool:
    """Whether the sentence takes its status from the one before: it opens with "Among them" or
    is a list line, or says "among them" later and has no status cue of its own."""
    head = folded[sentence.span.start : sentence.span.end]
    if _anaphora(lang).match(head) is not None:
        return True
    if _LIST_ITEM.match(head) is not None and _SUBHEADING.match(head) is None:
        return True
    inner = re.compile(r"(?<!\w)(?:" + _anaphora(lang).pattern.lstrip("^") + ")")
    # later in the sentence only a phrase counts ("… and among them is X"), not a short word
    # ("В то, что это не было случайностью" is no list)
    return all(c.weak or c.kind == "speaker" for c in cues) and any(
        len(m.group().strip()) >= 8 for m in inner.finditer(head)
    )


def is_heading(text: str, sentence: Sentence) -> bool:
    return text[sentence.span.start : sentence.span.end].rstrip().endswith(":")


_SPEAKER_BEFORE = 60  # characters from a name to the reporting verb after it ("X, Viasna's lawyer, said")
_SPEAKER_AFTER = 50  # characters from a reporting verb to the name after it ("said its spokesperson X")
_LINE_HEAD = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?:")
_COLON_REACH = 60  # characters from a cue to the colon that opens its list


def _between(others: list[Span], start: int, end: int) -> bool:
    return any(start <= o.start < end for o in others)


#: words that take a name out of the group a clause speaks of ("all were sent to Lithuania,
#: except X"): a release read for it is no release
_EXCEPT = re.compile(
    r"(?<!\w)(?:except(?: for)?|apart from|but not|other than|кроме|за исключением|помимо"
    r"|акрамя|апрача|за выключэннем|апроч)\s+(?:[\w-]+\s+){0,2}$"
)


def status_of_mention(
    folded: str,
    mention: Span,
    sentence: Sentence,
    cues: list[Cue],
    inherited: tuple[Cue, Span] | None,
    **options: Any,
) -> StatusFinding | None:
    """The status a mention gets from the cues of its sentence (see :func:`_reading`); a name
    excepted from the group a release speaks of ("усіх адправілі ў Літву, акрамя X") is held."""
    found = _reading(folded, mention, sentence, cues, inherited, **options)
    if found is not None and found.status == "released" and any(c.kind == "temporary" for c in cues):
        # "released … for three weeks on medical grounds": a leave, not a release
        return replace(found, status="held", priority=_PRIORITY["held"], kind="unreleased")
    if _EXCEPT.search(folded, max(0, mention.start - 40), mention.start) is None:
        return found
    if found is not None and found.status == "released":
        return replace(found, status="held", priority=_PRIORITY["held"], kind="unreleased")
    release = next((c for c in cues if c.status == "released" and c.span.end <= mention.start), None)
    if found is None and release is not None:  # "… were freed, except X": the cue before governs no one after
        evidence = Span(release.span.start, mention.end)
        return StatusFinding("held", evidence, _PRIORITY["held"], False, "cue", "unreleased")
    return found


def _reading(
    folded: str,
    mention: Span,
    sentence: Sentence,
    cues: list[Cue],
    inherited: tuple[Cue, Span] | None,
    *,
    possessive: bool = False,
    others: list[Span] | None = None,
    term_after: bool = False,
    oblique: bool = False,
    text: str | None = None,
    lang: str | None = None,
) -> StatusFinding | None:
    """The status a mention gets from the cues of its sentence (or the cue it inherits), read
    in this order: a directory line opening with the name ("A: …; detained since …"); a name
    right after a reporting verb ("said X"); the one who acts ("Лукашэнка памілаваў"); a cue
    after the name in its clause ("A was released"); the one who reports or comments ("X
    said"); a cue before it ("Among those released are A"), also across a colon ("Released
    after serving their terms: A, B"); a later clause with no other name between; the cue of
    the sentence before; a label right before the name ("political prisoner X"); a term right
    after the name ("A – 10 years", ``term_after``); a weak cue on its side of the name.

    A cue with a reporting verb between it and the name is not the name's. A ``possessive``
    mention ("Nyaklyayeu's colleague") is not what its clause speaks of: None. ``others``: the
    spans of the other names, which bound how far a later cue reaches; an ``oblique`` mention
    (a genitive: "противников Александра Лукашенко на выборах Николай Статкевич приговорен")
    leaves a cue after it to the name it is not coordinated with. ``text``: the original text,
    whose capitals tell a reporting verb's own subject ("…, сообщила Вясна"). ``lang``: the
    language, whose relative pronouns bound a relative clause: a cue inside one that opens after
    another name is that name's ("Among those released were A and B, who had been sentenced"),
    and a cue of the name's own relative clause yields to a stronger one of the main clause."""
    if possessive:
        return None
    others = others or []
    clause = next((c for c in sentence.clauses if c.start <= mention.start < c.end), sentence.span)
    speakers = [c for c in cues if c.kind == "speaker"]
    facts = [c for c in cues if c.kind != "speaker"]

    def reported(start: int, end: int) -> bool:
        """A reporting verb of the mention's clause stands between: "X said that Y was freed"."""
        return any(start <= c.span.start < end and clause.start <= c.span.start < clause.end for c in speakers)

    line = _directory_line(folded, mention, sentence, facts)
    if line is not None:
        return line
    before = _before(folded, mention, facts, reported)
    if len(before) > 0 and _governed_by_preposition(folded, mention, sentence, before[-1], others, lang):
        before = []  # "… campaign manager for the exiled candidate X": not the list's
    adjacent = _adjacent_reading(folded, mention, before, facts, others)
    said = _speaker(folded, text, mention, clause, speakers, others, after_verb=True, lang=lang)
    if said is not None and adjacent is None and not _subject_of_cue(folded, mention, clause, facts, others):
        return said
    # the one who acts: "Лукашэнка памілаваў …", "Judge X sentenced …"
    for cue in facts:
        if (
            cue.agent
            and cue.span.start >= mention.end
            and cue.span.start - mention.end <= 12
            and re.fullmatch(r"[\s\w]*", folded[mention.end : cue.span.start]) is not None
            and not _passive(folded[mention.end : cue.span.start], lang)
        ):
            return StatusFinding("not_prisoner", clause, 5, False, "agent", "agent")
    after = [
        c
        for c in facts
        if not c.weak
        and c.scope in ("before", "both")
        and c.span.start >= mention.end
        and clause.start <= c.span.start < clause.end
        and not reported(mention.end, c.span.start)
        and not (oblique and _owner_of(folded, mention, others, c.span.start))
        and _relative_owner(folded, mention, others, c, lang) in (None, mention)
        and not _opens_quote(folded[mention.end : c.span.start])
    ]
    if len(after) > 0:
        best = max(after, key=lambda c: (c.priority, -c.span.start))
        if _relative_owner(folded, mention, others, best, lang) is mention:
            # "Among those released was A, who had been sentenced to death": the main clause's
            # cue before the name, when it says more
            main = _before(folded, mention, facts, reported)
            if len(main) > 0 and main[-1].priority > best.priority:
                best = main[-1]
                evidence = Span(min(best.span.start, clause.start), clause.end)
                return StatusFinding(best.status, evidence, best.priority, False, "list", best.kind)
        return StatusFinding(best.status, clause, best.priority, False, _source(best), best.kind)
    if adjacent is not None:  # "Освобожденный политзаключенный X сказал": the label, not the speaker
        return adjacent
    speaker = _speaker(folded, text, mention, clause, speakers, others, after_verb=False)
    if speaker is not None:
        return speaker
    if len(before) > 0:
        best = before[-1]
        opener = next((c for c in before if c.scope == "after" and not c.agent), None)
        if best.agent and opener is not None and opener is not best and ";" in folded[best.span.end : mention.start]:
            best = opener  # "Among those released are A, convicted of …; B; and C": the list's cue
        source = "list" if _opens_list(folded, best, mention) else _source(best)
        evidence = Span(min(best.span.start, clause.start), clause.end)
        return StatusFinding(best.status, evidence, best.priority, False, source, best.kind)
    # "Statkevich refused to cross the border; he was returned to the colony": a later clause of
    # the sentence, when no other name comes between
    later = [
        c
        for c in facts
        if not c.weak
        and not c.agent
        and c.scope in ("before", "both")
        and c.span.start >= mention.end
        and (
            not _between(others, mention.end, c.span.start)
            or _listed(folded, mention, others, c.span.start)
            or _coordinated(folded, mention, others, c.span.start)
        )
        and not _opens_quote(folded[mention.end : c.span.start])
        and not reported(mention.end, c.span.start)
    ]
    if len(later) > 0:
        best = max(later, key=lambda c: (c.priority, -c.span.start))
        return StatusFinding(best.status, Span(mention.start, best.span.end), best.priority, False, "later", best.kind)
    if inherited is not None:  # the cue of the sentence before, and that sentence
        cue_before, sentence_before = inherited
        span = Span(sentence_before.start, max(clause.end, sentence_before.end))
        return StatusFinding(
            cue_before.status, span, cue_before.priority, cue_before.weak, "inherited", cue_before.kind
        )
    label = _label(folded, mention, facts, others)
    if label is not None:
        return label
    if term_after:
        absentia = next((c for c in facts if c.kind == "absentia"), None)
        if absentia is not None:
            return StatusFinding("not_prisoner", clause, absentia.priority, False, "list", "absentia")
        return StatusFinding("held", clause, 1, False, "list")
    # a weak cue ("political prisoners" somewhere in the sentence) only on its side of the name
    weak = [
        c
        for c in facts
        if c.weak
        and c.kind != "label"
        and (c.span.end <= mention.start if c.scope == "after" else c.span.start >= mention.end or c.scope == "both")
    ]
    if len(weak) > 0:
        return StatusFinding(weak[0].status, sentence.span, 0, True, "weak", weak[0].kind)
    return None


@cache
def _name_governors(lang: str) -> re.Pattern[str]:
    return compile_folded(load(lang)["name_governors"])


def _governed_by_preposition(
    folded: str, mention: Span, sentence: Sentence, cue: Cue, others: list[Span], lang: str | None
) -> bool:
    """The mention is the object of a preposition among the few words before it ("campaign
    manager for the now-exiled former candidate X", "между президентом A"), with other names
    between the cue and it: the cue governs those names, not this one."""
    if lang is None:
        return False
    if not _between(others, cue.span.end, mention.start):
        # a verb's own cue after its subject: the name after it with a preposition right before
        # it is an object ("Колесникова вышла на свободу и связалась со своей сестрой X")
        if cue.scope != "both":
            return False
        words = re.split(r"[,;:—–(]", folded[cue.span.end : mention.start])[-1].split()[-3:]
        return _name_governors(lang).search(" ".join(words)) is not None
    words = re.split(r"[,;:—–(]", folded[sentence.span.start : mention.start])[-1].split()[-6:]
    return _name_governors(lang).search(" ".join(words)) is not None


@cache
def _auxiliaries(lang: str) -> re.Pattern[str] | None:
    words = load(lang).get("passive_auxiliaries")
    return None if words is None else compile_folded(words)


def _passive(gap: str, lang: str | None) -> bool:
    """An auxiliary between a name and an agent's verb: "X was remanded" is done to X."""
    auxiliaries = None if lang is None else _auxiliaries(lang)
    return auxiliaries is not None and auxiliaries.search(gap) is not None


def _subject_of_cue(folded: str, mention: Span, clause: Span, facts: list[Cue], others: list[Span]) -> bool:
    """A cue follows the name in its clause with nothing but words between ("said his client X had
    been transferred"): the name is the subject of reported speech, not the one who reports."""
    for cue in facts:
        if cue.weak or cue.agent or cue.scope == "after" or not clause.start <= cue.span.start < clause.end:
            continue
        if (
            cue.span.start >= mention.end
            and not _between(others, mention.end, cue.span.start)
            and re.fullmatch(r"[\s\w-]{0,30}", folded[mention.end : cue.span.start]) is not None
        ):
            return True
    return False


def _adjacent_reading(
    folded: str, mention: Span, before: list[Cue], facts: list[Cue], others: list[Span]
) -> StatusFinding | None:
    """A cue right before the name, only words between ("the freed political prisoner X", "былы
    палітвязень X"): it says more of the name than a reporting verb beside it."""
    adjacent = [c for c in before if _adjacent_cue(folded, c, mention, others)]
    if len(adjacent) > 0:
        best = adjacent[-1]
        return StatusFinding(best.status, Span(best.span.start, mention.end), best.priority, False, "list", best.kind)
    label = None if len(before) > 0 else _label(folded, mention, facts, others)
    if label is not None and label.source == "label" and not _between(others, label.evidence.start, mention.start):
        return label
    return None


def _adjacent_cue(folded: str, cue: Cue, mention: Span, others: list[Span]) -> bool:
    """A cue that governs the names after it, a few words of role before the name, nothing
    between but words: "the freed political prisoner X", "вызвалены палітвязень X"."""
    if cue.agent or cue.scope not in ("after", "both") or _between(others, cue.span.end, mention.start):
        return False
    gap = folded[cue.span.end : mention.start]
    return len(gap) <= _LABEL_REACH and re.fullmatch(r"[\s\w-]*", gap) is not None


def _before(folded: str, mention: Span, facts: list[Cue], reported: Callable[[int, int], bool]) -> list[Cue]:
    """The strong cues before the mention that govern the names after them, or open a list."""
    return [
        c
        for c in facts
        if not c.weak
        and c.span.end <= mention.start
        and (c.scope in ("after", "both") or _opens_list(folded, c, mention))
        and not reported(c.span.end, mention.start)
    ]


def _relative_owner(folded: str, mention: Span, others: list[Span], cue: Cue, lang: str | None) -> Span | None:
    """The name whose relative clause holds the cue ("…, B, who had been sentenced"; "…, D,
    арестованный позднее" — a participle opens one too, and is the cue itself): the last name
    right before the relative pronoun, when no comma closes the clause before the cue; None when
    the cue is in no relative clause after ``mention``."""
    if lang is None:
        return None
    cue_start = cue.span.start
    found: re.Match[str] | None = None
    for m in _relative(lang).finditer(folded, mention.end, cue.span.end):
        if m.start() >= cue_start:
            break
        found = m
    if found is None or "," in folded[min(found.end(), cue_start) : cue_start]:
        return None
    inside = [o for o in others if found.end() <= o.start < cue_start]
    if len(inside) > 0:  # "A, whose husband B was detained": B's
        return inside[-1]
    names = [o for o in others if mention.end <= o.start and o.end <= found.start()]
    owner = names[-1] if len(names) > 0 else mention
    if folded[owner.end : found.start()].strip() != "":
        return None  # "A і B былі сярод 123 палітвязняў, якіх вызвалілі": the clause is a noun's
    return owner


_LABEL_REACH = 40  # characters of roles and other names between a label and the name it labels


def _label(folded: str, mention: Span, cues: list[Cue], others: list[Span]) -> StatusFinding | None:
    """A label right before the name, or before a list of names it opens ("political prisoner
    Vasil Berasneu", "палітвязні A, B і C", "у 43-летнего политзаключенного Степана Латыпова"):
    the name is held unless a clause says more."""
    for cue in reversed(cues):
        if cue.kind != "label" or cue.span.end > mention.start:
            continue
        gap = folded[cue.span.end : mention.start]
        for other in others:
            if cue.span.end <= other.start and other.end <= mention.start:
                start, end = other.start - cue.span.end, other.end - cue.span.end
                gap = gap[:start] + " " * (end - start) + gap[end:]
        if len(gap.strip()) <= _LABEL_REACH and re.search(r"[.;:!?«»\"“”]", gap) is None:
            return StatusFinding(cue.status, Span(cue.span.start, mention.end), cue.priority, False, "label", "label")
        if _colon_list(gap):  # "the custody level of 59 political prisoners was increased: A, B, C"
            return StatusFinding(cue.status, Span(cue.span.start, mention.end), cue.priority, False, "list", "label")
        return None
    return None


_LIST_SEPARATORS = re.compile(r"(?:[\s,;]|(?<!\w)(?:and|и|і|й|ды)(?!\w))*")


def _colon_list(gap: str) -> bool:
    """``gap`` (the other names blanked) is a few words ending in a colon, then only the
    separators of a list of names: the label before the colon governs the list after it. A dash
    between spaces opens a list as a colon does ("Имена новых политзаключенных — A, B, C")."""
    opener = re.search(r":|\s[—–]\s", gap)
    colon = -1 if opener is None else opener.end() - 1
    if colon < 0 or colon > _COLON_REACH or re.search(r"[.;!?«»\"“”]", gap[:colon]) is not None:
        return False
    return _LIST_SEPARATORS.fullmatch(gap, colon + 1) is not None


_COORDINATION = re.compile(r"[,;]|(?<!\w)(?:and|и|і|й|ды|а также|as well as)(?!\w)")


def _owner_of(folded: str, mention: Span, others: list[Span], cue_start: int) -> bool:
    """An oblique mention followed, before the cue, by another name it is not coordinated with
    is that name's owner or complement ("противников Александра Лукашенко на выборах Николай
    Статкевич приговорен"), not the cue's subject; "Паўла Севярынца і Ірыну Слаўнікаву, якія
    знаходзяцца ў калоніі" are coordinated."""
    following = [o for o in others if mention.end <= o.start < cue_start]
    if len(following) == 0:
        return False
    return _COORDINATION.search(folded, mention.end, following[0].start) is None


def _opens_quote(gap: str) -> bool:
    """The name is a speaker's at the head of an interview line, and what follows are their
    words: "Міхась Скобла: «Аляксандар, вы … правялі ў зняволенні»" says nothing of Скобла."""
    return re.match(r"\s*:\s*[«\"“„]", gap) is not None


def _listed(folded: str, mention: Span, others: list[Span], cue_start: int) -> bool:
    """The mention opens a list whose items are separated by semicolons and which the cue closes
    ("Translator A; writer and publicist B; and editor C, were also freed"): each item between
    has its name, and nothing ends the sentence."""
    gap = folded[mention.end : cue_start]
    if ";" not in gap or re.search(r"\.(?!\w)", gap) is not None:  # "TUT.BY" ends nothing
        return False
    position = mention.end
    for part in gap.split(";")[1:]:
        position = folded.index(part, position)
        if not any(position <= o.start < position + len(part) for o in others):
            return False
    return True


_CONJOINED = re.compile(
    r"\s*(?:,\s*)?(?:(?:и|і|й|ды|and|а также|а таксама|as well as)\s+)?(?:[\w-]+\s+){0,3}", re.IGNORECASE
)
_JOINED = re.compile(r",|(?<!\w)(?:и|і|й|ды|and|а также|а таксама|as well as)(?!\w)")


def _coordinated(folded: str, mention: Span, others: list[Span], cue_start: int) -> bool:
    """The mention opens a coordination of names that the cue closes, with a few words of role or
    citizenship before each ("Граждане Литвы A и B, а также гражданин Германии C были
    освобождены"): each gap is a comma or a conjunction and at most three words, and at most
    three words without a comma stand between the last name and the cue."""
    position = mention.end
    for other in sorted(o for o in others if mention.end <= o.start and o.end <= cue_start):
        gap = folded[position : other.start]
        if _CONJOINED.fullmatch(gap) is None or _JOINED.search(gap) is None:
            return False
        position = other.end
    return re.fullmatch(r"\s*(?:[\w-]+\s+){0,3}", folded[position:cue_start]) is not None


def _source(cue: Cue) -> str:
    return "demand" if cue.kind == "demand" else "cue"


def _opens_list(folded: str, cue: Cue, mention: Span) -> bool:
    """A colon (or a dash) right after the cue opens a list the cue governs: "Released after
    serving their terms: A, B", "Среди помилованных — A"."""
    gap = folded[cue.span.end : mention.start]
    colon = gap.find(":")
    if colon < 0:
        stripped = gap.lstrip()
        return stripped[:1] in ("—", "–") and not cue.agent
    return colon <= _COLON_REACH and "." not in gap[:colon]


def _directory_line(folded: str, mention: Span, sentence: Sentence, cues: list[Cue]) -> StatusFinding | None:
    """A line that opens with the name and a colon is about that name: "A B: opposition
    politician; detained since 1 November 2017". Every cue of the line is the name's, the
    strongest first (a release after a sentence)."""
    head = folded[sentence.span.start : mention.start]
    line_head = _LINE_HEAD.match(folded, mention.end)
    if _LIST_ITEM.sub("", head).strip() != "" or line_head is None:
        return None
    if folded[line_head.end() : line_head.end() + 3].lstrip()[:1] in ("«", '"', "“", "„", "—", "–", "-"):
        return None  # "Name: «…»": a line of an interview, what follows is said, not of the name
    strong = [c for c in cues if not c.weak and c.span.start > mention.end]
    if len(strong) == 0:
        return None
    best = max(strong, key=lambda c: (c.priority, c.span.start))
    return StatusFinding(best.status, sentence.span, best.priority, False, "line", best.kind)


def _speaker(
    folded: str,
    text: str | None,
    mention: Span,
    clause: Span,
    speakers: list[Cue],
    others: list[Span],
    *,
    after_verb: bool,
    lang: str | None = None,
) -> StatusFinding | None:
    """The one who reports or comments: with ``after_verb``, a name right after a reporting verb
    ("said Viasna's spokesperson X", "по словам X"); else a reporting verb after the name in its
    clause ("X, the family's lawyer, said") whose own subject does not follow it ("…, сообщила
    Вясна"). No other name may stand between."""
    for cue in speakers:
        if after_verb:
            if lang is not None and _object_verb(lang, folded[cue.span.start : cue.span.end]):
                continue  # "told the journalist X": X is told, not telling
            if (
                cue.span.end <= mention.start
                and mention.start - cue.span.end <= _SPEAKER_AFTER
                and (not _between(others, cue.span.end, mention.start) or _one_phrase(folded, cue.span.end, mention))
                and re.search(
                    r"[.,;:«»\"“”]|(?<!\w)(?:that|что|што|як|как)(?!\w)", folded[cue.span.end : mention.start]
                )
                is None
            ):
                return StatusFinding("not_prisoner", Span(cue.span.start, mention.end), 0, False, "speaker", "speaker")
            continue
        if (
            cue.span.start >= mention.end
            and cue.span.start - mention.end <= _SPEAKER_BEFORE
            and clause.start <= cue.span.start < clause.end
            and not _between(others, mention.end, cue.span.start)
            and "." not in folded[mention.end : cue.span.start]
            and not _has_own_subject(folded, text, cue)
            and not _names_its_subject(folded, cue, others)
        ):
            return StatusFinding("not_prisoner", Span(mention.start, cue.span.end), 0, False, "speaker", "speaker")
    return None


_NOT_ONE_PHRASE = re.compile(r"[,;:()«»\"“”]|(?<!\w)(?:and|и|і|й|ды|а|or|или|ці)(?!\w)")


def _one_phrase(folded: str, start: int, mention: Span) -> bool:
    """The words from ``start`` to the mention are one noun phrase, the names in it its owners
    ("по словам жены Лапко Ольги Козловой"): no punctuation, no conjunction."""
    return _NOT_ONE_PHRASE.search(folded, start, mention.start) is None


@cache
def _object_verbs(lang: str) -> re.Pattern[str] | None:
    verbs = load(lang).get("speaker_object_verbs")
    return None if verbs is None else re.compile(fold_pattern(verbs))


def _object_verb(lang: str, word: str) -> bool:
    verbs = _object_verbs(lang)
    return verbs is not None and verbs.fullmatch(word) is not None


def _names_its_subject(folded: str, cue: Cue, others: list[Span]) -> bool:
    """A reporting verb followed, within a few words and no punctuation, by another name has that
    name for its subject: "…, — брэсцкая актывістка A, расказаў яе муж B" is B's report."""
    following = [o for o in others if cue.span.end <= o.start <= cue.span.end + _SPEAKER_AFTER]
    return len(following) > 0 and re.search(r"[.,;:«»\"“”]", folded[cue.span.end : following[0].start]) is None


def _has_own_subject(folded: str, text: str | None, cue: Span | Cue) -> bool:
    """A reporting verb followed by a capitalised word or a quote has its subject after it."""
    end = cue.span.end if isinstance(cue, Cue) else cue.end
    rest = (text if text is not None else folded)[end : end + 3].lstrip()
    return rest[:1] in ("«", '"', "“", "„") or rest[:1].isupper()


def governing_cue(cues: list[Cue]) -> Cue | None:
    """The cue a following anaphoric sentence inherits: the last strong cue, else a weak one."""
    strong = [c for c in cues if not c.weak and c.kind != "speaker"]
    if len(strong) > 0:
        return strong[-1]
    weak = [c for c in cues if c.weak and c.kind != "speaker"]
    return weak[-1] if len(weak) > 0 else None
