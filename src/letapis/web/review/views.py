"""The source page and the review queue.

Reading: the source page is open to anyone who may see the source (anonymous visitors: public
sources, and only their accepted claims about persons they may see — the API's rules,
:func:`letapis.access.visible_claims`); the review queue to every member of the team
(viewer and up). Deciding — accept, edit then accept, reject, link to a person, undo, accept a
source's claims in bulk — needs the editor's role, and goes through
:mod:`letapis.review.services` with the version of the claim the reviewer saw: a claim someone
else decided meanwhile is answered with the conflict and the reviewer's input kept (HTTP 409).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial, wraps
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from letapis import access
from letapis.accounts.actor import Actor, Viewer
from letapis.audit.reads import record_read
from letapis.claims import DEPENDENT_KINDS, stored_candidates
from letapis.registry.lookup import find_persons
from letapis.registry.models import Claim, ClaimState, Event, Person, Source
from letapis.registry.queries import claims_supporting
from letapis.review import candidates as candidates_of
from letapis.review import services as review
from letapis.review.models import ReviewAction
from letapis.review.proposals import SENTENCE_END
from letapis.web import common
from letapis.web.access import public, role_required, user_or_none
from letapis.web.review.claim_forms import ClaimForm, claim_form, value_rows
from letapis.web.review.describe import KIND_LABELS, STATE_LABELS, source_labels, summary
from letapis.web.review.highlight import Span, highlight
from letapis.web.review.reasons import MatchWords, match_words
from letapis.web.review.scan import claim_scan, scan_of

#: Claims of a source shown on one review page; a source with more is paged.
CLAIMS_PER_PAGE = 100

#: Candidate persons shown for a person claim (the best ones; the claim's page finds more).
CANDIDATES_SHOWN = 3


def _is_team(user: Actor) -> bool:
    return user is not None and user.has_role("viewer")


def _is_editor(user: Actor) -> bool:
    return user is not None and user.has_role("editor")


def _source_or_404(user: Viewer, pk: int) -> Source:
    source = access.visible_sources(user).filter(pk=pk).first()
    if source is None:
        raise Http404(_("No such source."))
    return source


def _claim_or_404(user: Viewer, pk: int) -> Claim:
    claim = access.visible_claims(user).filter(pk=pk).select_related("source", "reviewer", "person").first()
    if claim is None:
        raise Http404(_("No such claim."))
    return claim


def _spans(claims: list[Claim]) -> list[Span]:
    return [
        Span(c.pk, c.span_start, c.span_end, c.state, summary(c.kind, c.value))
        for c in claims
        if c.span_start is not None and c.span_end is not None
    ]


# ---------------------------------------------------------------------------------------------
# The source page


@require_GET
@public
def source_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The document's text with each claim marked at its span, and the source's metadata."""
    user = user_or_none(request)
    source = _source_or_404(user, pk)
    record_read(user, source, "web")
    claims = list(
        access.visible_claims(user).filter(source=source).select_related("reviewer").order_by("span_start", "id")
    )
    states = [(state, STATE_LABELS[state], sum(1 for c in claims if c.state == state)) for state in ClaimState.values]
    return render(
        request,
        "web/review/source.html",
        {
            "source": source,
            "labels": source_labels(source),
            "text": highlight(source.text, _spans(claims)),
            "claims": [
                {
                    "claim": c,
                    "summary": summary(c.kind, c.value),
                    "kind": KIND_LABELS.get(c.kind, c.kind),
                    "state": STATE_LABELS.get(c.state, c.state),
                }
                for c in claims
            ],
            "states": states,
            "team": _is_team(user),
            # the pages of a scan, for the team (the page images are their working copies)
            "scan": scan_of(source, []) if _is_team(user) else None,
            "unplaced": sum(1 for c in claims if c.span_start is None or c.span_end is None),
        },
    )


# ---------------------------------------------------------------------------------------------
# The queue: sources with claims to review


@require_GET
@role_required("viewer")
def review_queue(request: HttpRequest) -> HttpResponse:
    """Sources with proposed claims (``?all=1``: every source), oldest first, with their counts."""
    user = user_or_none(request)
    show_all = request.GET.get("all") == "1"
    counts: dict[int, dict[str, int]] = {}
    for row in (
        access.visible_claims(user).values("source_id", "state").annotate(n=Count("id")).order_by("source_id", "state")
    ):
        counts.setdefault(row["source_id"], {})[row["state"]] = row["n"]
    sources = access.visible_sources(user).order_by("created_at", "id")
    if not show_all:
        sources = sources.filter(pk__in=[pk for pk, by in counts.items() if by.get(ClaimState.PROPOSED, 0) > 0])
    page = Paginator(sources, 50).get_page(request.GET.get("page"))
    rows = [
        {
            "source": s,
            "level": source_labels(s)["confidentiality"],
            "proposed": counts.get(s.pk, {}).get(ClaimState.PROPOSED, 0),
            "accepted": counts.get(s.pk, {}).get(ClaimState.ACCEPTED, 0),
            "rejected": counts.get(s.pk, {}).get(ClaimState.REJECTED, 0),
        }
        for s in page.object_list
    ]
    total = sum(by.get(ClaimState.PROPOSED, 0) for by in counts.values())
    return render(
        request,
        "web/review/queue.html",
        {
            "rows": rows,
            "page": page,
            "pager": common.pager(request, page),
            "show_all": show_all,
            "total_proposed": total,
        },
    )


# ---------------------------------------------------------------------------------------------
# One source's claims, to decide


@dataclass
class Candidate:
    person: Person
    score: float
    reason: str
    words: MatchWords | None = None  # how the claim's name matches the person's, in words

    @property
    def score_text(self) -> str:
        return f"{self.score:.2f}"


@dataclass
class ClaimRow:
    claim: Claim
    summary: str
    kind: str
    before: str  # the sentence around the span: text before it, the span, text after it
    quote: str
    after: str
    state: str = ""
    confidence: str = ""
    urls: dict[str, str] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    person_claim: Claim | None = None
    person_claim_state: str = ""
    action: ReviewAction | None = None
    scan_page: int | None = None  # the page of a scan that holds the claim's span
    waiting_for: Claim | None = None  # the person claim to decide before this one
    group_size: int = 0  # a person claim's proposed claims, which "accept with its claims" takes

    @property
    def landable(self) -> bool:
        """Whether the keys stop here: a claim that can be decided now, or undone."""
        return self.waiting_for is None


def _sentence_around(ends: list[int], starts: list[int], length: int, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence holding ``start:end``, given where the text's sentence breaks
    start and end (sorted)."""
    i = bisect_right(ends, start)
    left = ends[i - 1] if i > 0 else 0
    j = bisect_left(starts, end)
    right = starts[j] if j < len(starts) else length
    return min(left, start), max(right, end)


#: The actions on a claim, each at its name under the claim's page (``review/claims/<pk>/accept``):
#: :mod:`letapis.web.review_urls` includes them under that prefix.
CLAIM_ACTIONS = ("accept", "save", "reject", "undo", "settle")


def claim_urls(pk: int) -> dict[str, str]:
    """The URLs of claim ``pk``'s page and of the actions on it: one ``reverse()`` for all
    (a page lists up to :data:`CLAIMS_PER_PAGE` claims), the actions lying under the page."""
    page = reverse("web:review_claim", args=[pk])
    return {"claim": page, **{action: page + action for action in CLAIM_ACTIONS}}


@dataclass(frozen=True)
class _Beside:
    """What the rows of some claims show beside them, read in a fixed number of queries."""

    persons: dict[int, Person]  # the candidates ``user`` may see
    sight: Any  # which candidates of the claims' values ``user`` may see
    claims: dict[int, Claim]  # the claims, and the person claims they refer to
    actions: dict[int, ReviewAction]  # the latest decision on each claim not undone


def _beside(user: Viewer, claims: list[Claim]) -> _Beside:
    wanted: set[int] = set()
    for c in claims:
        wanted.update(found.person_id for found in stored_candidates(c.value.get("candidates")))
        if isinstance(c.value.get("candidate"), int):
            wanted.add(c.value["candidate"])
    persons = {p.pk: p for p in access.visible_persons(user).filter(pk__in=wanted)} if wanted else {}
    by_id = {c.pk: c for c in claims}
    refs = {c.value.get("person_claim") for c in claims} - set(by_id) - {None}
    if refs:
        by_id.update(
            {c.pk: c for c in access.visible_claims(user).filter(pk__in=[r for r in refs if isinstance(r, int)])}
        )
    actions: dict[int, ReviewAction] = {}
    for action in (
        ReviewAction.objects.filter(claim__in=[c.pk for c in claims], undone_at__isnull=True)
        .select_related("actor", "group")
        .order_by("id")
    ):
        actions[action.claim_id] = action
    return _Beside(persons, candidates_of.sight_of(user, [c.value for c in claims]), by_id, actions)


class _Sentences:
    """The sentence breaks of a source's text, found once (as
    :func:`letapis.review.proposals.sentence_around`), to cut out the sentence of each claim."""

    def __init__(self, text: str) -> None:
        self.text = text
        breaks = [(m.start(), m.end()) for m in SENTENCE_END.finditer(text)]
        self.starts, self.ends = [b for b, _e in breaks], [e for _b, e in breaks]

    def around(self, claim: Claim) -> tuple[str, str, str]:
        """The text before the claim's span in its sentence, the span, the text after it; the
        claim's quote alone when its span is missing or outside the text."""
        start, end, text = claim.span_start, claim.span_end, self.text
        if start is None or end is None or not 0 <= start <= end <= len(text):
            return "", claim.quote, ""
        left, right = _sentence_around(self.ends, self.starts, len(text), start, end)
        return text[left:start], text[start:end], text[end:right]


def _candidates(claim: Claim, beside: _Beside) -> list[Candidate]:
    """The candidate persons of a person claim that the user may see, best first; the
    extractor's single candidate when it gave no list."""
    shown = candidates_of.shown_value(claim.value, beside.sight)
    persons = beside.persons
    name = str(claim.value.get("name") or "")
    found = [
        Candidate(
            persons[stored.person_id],
            stored.score,
            stored.reason,
            match_words(name, beside.sight.partial.get(stored.person_id, [])),
        )
        for stored in stored_candidates(shown.get("candidates"))
        if stored.person_id in persons
    ]
    single = claim.value.get("candidate")
    if claim.kind == "person" and len(found) == 0 and isinstance(single, int) and single in persons:
        found.append(Candidate(persons[single], 1.0, _("the extractor's candidate")))
    return found[:CANDIDATES_SHOWN]


def claim_rows(
    user: Viewer, source: Source, claims: list[Claim], queue: review.SourceClaims | None = None
) -> list[ClaimRow]:
    """The claims with what the page shows beside each, in a fixed number of queries: the
    candidate persons (those ``user`` may see) in one, the person claims in one, the latest
    decisions in one. With the source's ``queue``: which claims wait for their person claim,
    and how many claims each person claim carries."""
    beside = _beside(user, claims)
    sentences = _Sentences(source.text)
    rows = []
    for c in claims:
        before, quote, after = sentences.around(c)
        ref = c.value.get("person_claim")
        person_claim = beside.claims.get(ref) if isinstance(ref, int) else None
        rows.append(
            ClaimRow(
                claim=c,
                summary=summary(c.kind, c.value),
                kind=str(KIND_LABELS.get(c.kind, c.kind)),
                state=str(STATE_LABELS.get(c.state, c.state)),
                confidence=f"{c.confidence:.2f}",
                urls=claim_urls(c.pk),
                before=before.lstrip(),
                quote=quote,
                after=after.rstrip(),
                candidates=_candidates(c, beside),
                person_claim=person_claim,
                person_claim_state="" if person_claim is None else str(STATE_LABELS.get(person_claim.state, "")),
                action=beside.actions.get(c.pk),
                waiting_for=None if queue is None else queue.waiting_for(c),
                group_size=0 if queue is None or c.kind != "person" else _group_size(queue, c),
            )
        )
    return rows


def _group_size(queue: review.SourceClaims, person: Claim) -> int:
    return sum(1 for c in queue.dependants(person) if c.state == ClaimState.PROPOSED)


@dataclass
class Section:
    """The rows of one person (``person``: their person claim) on a page, or of the collective
    events and the claims about no one (``person`` ``None``)."""

    person: Claim | None
    name: str
    rows: list[ClaimRow]


def _sections(queue: review.SourceClaims, rows: list[ClaimRow]) -> list[Section]:
    """The page's rows under their person, in the queue's order."""
    sections: list[Section] = []
    for row in rows:
        owner = row.claim if row.claim.kind == "person" else queue.person_claim_of(row.claim)
        if not sections or sections[-1].person != owner:
            sections.append(Section(owner, "" if owner is None else review.person_name(owner), []))
        sections[-1].rows.append(row)
    return sections


STATE_FILTERS = ("proposed", "accepted", "rejected", "all")


@require_GET
@role_required("viewer")
def review_source(request: HttpRequest, pk: int) -> HttpResponse:
    """A source's claims beside its text: accept, edit, reject, link, undo; bulk accept."""
    user = user_or_none(request)
    source = _source_or_404(user, pk)
    record_read(user, source, "web:review")
    state = request.GET.get("state", "all")
    if state not in STATE_FILTERS:
        state = "all"
    every = list(
        access.visible_claims(user)
        .filter(source=source)
        .select_related("reviewer", "person")
        .order_by("span_start", "id")
    )
    counts = {key: sum(1 for c in every if c.state == key) for key in ClaimState.values}
    queue = review.SourceClaims(every)
    ordered = queue.ordered()
    shown = ordered if state == "all" else [c for c in ordered if c.state == state]
    page = Paginator(shown, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    claims = list(page.object_list)
    rows = claim_rows(user, source, claims, queue)
    proposed = [r.claim for r in rows if r.claim.state == ClaimState.PROPOSED]
    spans = _spans(every)
    # the claim reviewed first (as review.js selects it): the first decidable one shown
    first_row = next((r for r in rows if r.claim.state == ClaimState.PROPOSED and r.landable), None)
    first = first_row.claim.pk if first_row is not None else (rows[0].claim.pk if rows else None)
    scan = scan_of(source, spans, first_claim=first)
    if scan is not None:
        for row in rows:
            row.scan_page = scan.page_of_claim.get(row.claim.pk)
    return render(
        request,
        "web/review/review_source.html",
        {
            "source": source,
            "labels": source_labels(source),
            "text": highlight(source.text, spans),
            "scan": scan,
            "rows": rows,
            "sections": _sections(queue, rows),
            "page": page,
            "pager": common.pager(request, page),
            "state": state,
            "filters": [
                *((key, STATE_LABELS[key], counts.get(key, 0)) for key in ("proposed", "accepted", "rejected")),
                ("all", _("all"), len(every)),
            ],
            "proposed": proposed,
            "bulk_value": " ".join(f"{c.pk}:{c.version}" for c in proposed),
            "editor": _is_editor(user),
            "here": request.get_full_path(),
        },
    )


# ---------------------------------------------------------------------------------------------
# One claim: details, the edit form, person search


@dataclass(frozen=True)
class Found:
    """A person the search found, with how the name matches in words."""

    person: Person
    name: str
    words: MatchWords


def _person_search(user: Viewer, query: str) -> list[Found]:
    if query.strip() == "":
        return []
    found = find_persons(
        query, limit=10, persons=access.visible_persons(user), min_score=0.3, levels=access.levels_for(user)
    )
    return [Found(c.person, c.name, words) for c in found if (words := match_words(query, [c.name])) is not None]


def _claim_page(
    request: HttpRequest,
    claim: Claim,
    *,
    status: int = 200,
    error: str | None = None,
    conflict: bool = False,
    form: ClaimForm | None = None,
    reason: str = "",
    next_url: str = "",
    fact_conflict: review.FactConflict | None = None,
    person: Person | None = None,
) -> HttpResponse:
    user = user_or_none(request)
    claim.refresh_from_db()
    query = request.GET.get("q", "") if claim.kind == "person" else ""
    if query == "" and claim.kind == "person":
        query = str(claim.value.get("name") or "")
    if form is None:
        form = claim_form(claim.kind, claim.value, user)
    rows = claim_rows(user, claim.source, [claim], review.SourceClaims.of_source(user, claim.source_id))
    history = list(ReviewAction.objects.filter(claim=claim).select_related("actor").order_by("-id")[:20])
    scan_page = None
    if claim.span_start is not None and claim.span_end is not None:
        span = Span(claim.pk, claim.span_start, claim.span_end, claim.state, rows[0].summary)
        scan_page = claim_scan(claim.source, span)
    return render(
        request,
        "web/review/claim.html",
        {
            "row": rows[0],
            "claim": claim,
            "source": claim.source,
            "value_rows": value_rows(claim.kind, claim.value),
            "form": form,
            "person_claim": claim.kind == "person",
            "about_person": claim.kind in DEPENDENT_KINDS,
            "query": query,
            "found": _person_search(user, query) if claim.kind == "person" else [],
            "history": history,
            "scan_page": scan_page,
            "editor": _is_editor(user),
            "error": error,
            "conflict": conflict,
            "reason": reason,
            "kept": form.is_bound and claim.state != ClaimState.PROPOSED,
            "next": next_url,
            "fact_conflict": None if fact_conflict is None else _side_by_side(user, claim, fact_conflict.event),
            "conflict_person": person,
        },
        status=status,
    )


def _side_by_side(user: Viewer, claim: Claim, event: Event) -> dict[str, Any]:
    """What the registry holds against the claim — the contradicting event, as ``user`` sees it,
    with the sources behind it that ``user`` may see — beside the claim and its source."""
    return {
        "event": event,
        "type_label": common.label("event_types", event.type),
        "sources": claims_supporting([event.pk], user).get(event.pk, []),
        "claim_source": claim.source,
    }


@require_GET
@role_required("viewer")
def review_claim(request: HttpRequest, pk: int) -> HttpResponse:
    """A claim's sentence and value, the edit form, the person search, its decisions."""
    claim = _claim_or_404(user_or_none(request), pk)
    return _claim_page(request, claim, next_url=_safe_next(request, request.GET.get("next"), claim))


# ---------------------------------------------------------------------------------------------
# Decisions


def _source_review_url(claim: Claim, anchor_claim: int | None = None) -> str:
    url = reverse("web:review_source", args=[claim.source_id])
    return url if anchor_claim is None else f"{url}#claim-{anchor_claim}"


def _next_place(user: Viewer, claim: Claim, base: str) -> str:
    """Where to look after deciding ``claim``: the next claim of the source that can be decided,
    in the queue's order (a person's claims after it, once it is accepted), at its anchor on
    ``base`` (the page the reviewer came from) — on the page of the list that shows it."""
    queue = review.SourceClaims(access.visible_claims(user).filter(source_id=claim.source_id))
    following = queue.next_decidable(claim)
    if following is None:
        return base
    url = urlsplit(base)
    if url.path == reverse("web:review_source", args=[claim.source_id]):
        query = QueryDict(url.query, mutable=True)
        state = query.get("state", "all")
        shown = [c.pk for c in queue.ordered() if state not in ClaimState.values or c.state == state]
        if following.pk in shown:
            page = shown.index(following.pk) // CLAIMS_PER_PAGE + 1
            if page == 1:
                query.pop("page", None)
            else:
                query["page"] = str(page)
            base = urlunsplit(url._replace(query=query.urlencode()))
    return f"{base}#claim-{following.pk}"


def _safe_next(request: HttpRequest, candidate: str | None, claim: Claim) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return _source_review_url(claim)


def _version(request: HttpRequest) -> int | HttpResponse:
    """The version of the claim the form showed, or a 400 answer when the form does not say."""
    raw = request.POST.get("version", "")
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value > 0:
        return value
    return HttpResponseBadRequest(_("The form does not say which version of the claim you saw: reload the page."))


def _claim_decision(
    view: Callable[[HttpRequest, Actor, Claim, int], HttpResponse],
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A reviewer's POST on claim ``pk``: ``view`` is given the caller, the claim (404 when they
    may not see it) and the version of it that the form showed (a form that does not say is
    refused with 400)."""

    @require_POST
    @role_required("editor")
    @wraps(view)
    def decision(request: HttpRequest, pk: int) -> HttpResponse:
        user = user_or_none(request)
        claim = _claim_or_404(user, pk)
        version = _version(request)
        if isinstance(version, HttpResponse):
            return version
        return view(request, user, claim, version)

    return decision


def _decide(request: HttpRequest, claim: Claim, call: Callable[[], Claim], **page: Any) -> Claim | HttpResponse:
    """The claim as the review service ``call`` left it, or the claim's page (with ``page``)
    again with the service's refusal: 409 for a stale version, 400 for anything else."""
    try:
        return call()
    except review.Conflict as exc:
        return _claim_page(request, claim, status=409, error=str(exc), conflict=True, **page)
    except review.ServiceError as exc:
        return _claim_page(request, claim, status=400, error=str(exc), **page)


def _after_decision(request: HttpRequest, user: Viewer, claim: Claim, text: str) -> HttpResponse:
    messages.success(request, text)
    target = request.POST.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        base = target.split("#", 1)[0]
    else:
        base = _source_review_url(claim)
    return HttpResponseRedirect(_next_place(user, claim, base))


def _outcome(claim: Claim) -> str:
    if claim.record_type:
        return f"{claim.record_type.split('.')[1]} {claim.record_id}"
    return _("no change to the registry")


def _bound_form(request: HttpRequest, claim: Claim) -> ClaimForm | None:
    """The claim's edit form as sent (``edit=1``), or ``None`` when the request sends none."""
    if request.POST.get("edit") != "1":
        return None
    return claim_form(claim.kind, claim.value, user_or_none(request), request.POST)


def _form_errors(form: ClaimForm) -> str:
    return " ".join([_("The form has mistakes:"), *form.errors_in_words()])


@_claim_decision
def accept_claim(request: HttpRequest, user: Actor, claim: Claim, version: int) -> HttpResponse:
    """Accept a claim; with ``person`` linked to that registry person; with ``edit=1`` after
    applying the changes of the claim's edit form (:mod:`letapis.web.review.claim_forms`)."""
    form = _bound_form(request, claim)
    next_url = request.POST.get("next", "")
    person = None
    raw_person = request.POST.get("person", "").strip().lstrip("#")
    try:
        if raw_person != "":
            if not raw_person.isdigit():
                raise review.ServiceError(_("%(value)s is not a person number") % {"value": raw_person[:20]})
            person = access.visible_persons(user).filter(pk=int(raw_person)).first()
            if person is None:
                raise review.ServiceError(_("There is no person %(id)s.") % {"id": raw_person})
        if form is not None and not form.is_valid():
            return _claim_page(request, claim, status=400, error=_form_errors(form), form=form, next_url=next_url)
        edits = None if form is None else form.edits() or None
        if request.POST.get("with_claims") == "1":
            if edits is not None:
                raise review.ServiceError(_("Edit the person claim alone, then accept its claims."))
            group = review.do_accept_with_claims(user, claim, person=person, expected_version=version)
            done = group.accepted[0]
        else:
            group = None
            done = review.do_accept_claim(user, claim, person=person, edits=edits, expected_version=version)
    except review.Conflict as exc:
        return _claim_page(request, claim, status=409, error=str(exc), conflict=True, form=form, next_url=next_url)
    except review.FactConflict as exc:
        return _claim_page(
            request, claim, status=409, error=str(exc), form=form, next_url=next_url, fact_conflict=exc, person=person
        )
    except review.ServiceError as exc:
        return _claim_page(request, claim, status=400, error=str(exc), form=form, next_url=next_url)
    text = _("Claim %(id)s accepted (%(what)s) → %(outcome)s.") % {
        "id": done.pk,
        "what": summary(done.kind, done.value),
        "outcome": _outcome(done),
    }
    if group is not None:
        text += " " + ngettext(
            "With it %(n)s claim of this person.", "With it %(n)s claims of this person.", len(group.accepted) - 1
        ) % {"n": len(group.accepted) - 1}
        for left in group.left:
            messages.warning(request, _left_text(left))
    return _after_decision(request, user, done, text)


def _left_text(left: review.Left) -> str:
    """Why a claim was left proposed, in a sentence of the page's language."""
    words = {"id": left.claim.pk, "what": summary(left.claim.kind, left.claim.value), "why": left.why.rstrip(".")}
    if left.person is None:
        return _("Claim %(id)s (%(what)s) left: %(why)s.") % words
    words |= {"name": review.person_name(left.person), "person": left.person.pk}
    if left.because == review.PERSON_REJECTED:
        text = _("Claim %(id)s (%(what)s) left: it is about %(name)s, whose person claim %(person)s is rejected.")
    elif left.because == review.PERSON_LEFT:
        text = _("Claim %(id)s (%(what)s) left: it is about %(name)s, whose person claim %(person)s was not accepted.")
    else:
        text = _(
            "Claim %(id)s (%(what)s) left: it is about %(name)s, whose person claim %(person)s is not decided yet."
        )
    return text % words


@_claim_decision
def save_claim(request: HttpRequest, user: Actor, claim: Claim, version: int) -> HttpResponse:
    """Save the changes of a proposed claim's edit form without deciding on it
    (:func:`letapis.review.services.do_edit_claim`); back to the claim's page."""
    form = claim_form(claim.kind, claim.value, user, request.POST)
    next_url = request.POST.get("next", "")
    if not form.is_valid():
        return _claim_page(request, claim, status=400, error=_form_errors(form), form=form, next_url=next_url)
    edits = form.edits()
    if len(edits) == 0:
        messages.info(request, _("Nothing was changed."))
    else:
        edit = partial(review.do_edit_claim, user, claim, edits, expected_version=version)
        saved = _decide(request, claim, edit, form=form, next_url=next_url)
        if isinstance(saved, HttpResponse):
            return saved
        messages.success(request, _("Claim %(id)s saved; it is still to be decided.") % {"id": claim.pk})
    url = reverse("web:review_claim", args=[claim.pk])
    safe = _safe_next(request, next_url, claim) if next_url else ""
    return HttpResponseRedirect(url if safe == "" else f"{url}?{urlencode({'next': safe})}")


@_claim_decision
def reject_claim(request: HttpRequest, user: Actor, claim: Claim, version: int) -> HttpResponse:
    """Reject a claim, with the reviewer's reason."""
    reason = request.POST.get("reason", "").replace("\x00", "").strip()[:2000]
    next_url = request.POST.get("next", "")
    reject = partial(review.do_reject_claim, user, claim, reason, expected_version=version)
    done = _decide(request, claim, reject, reason=reason, next_url=next_url)
    if isinstance(done, HttpResponse):
        return done
    return _after_decision(request, user, done, _("Claim %(id)s rejected.") % {"id": done.pk})


@_claim_decision
def settle_claim(request: HttpRequest, user: Actor, claim: Claim, version: int) -> HttpResponse:
    """Decide on a claim the registry contradicts, as the reviewer chose: keep the registry's
    fact, take the claim's, or keep both (:func:`letapis.review.services.do_settle_conflict`)."""
    choice = request.POST.get("choice", "")
    if choice not in review.CHOICES:
        return HttpResponseBadRequest(_("Choose which fact to keep: the registry's, the claim's, or both."))
    next_url = request.POST.get("next", "")
    raw_person = request.POST.get("person", "").strip()
    person = access.visible_persons(user).filter(pk=int(raw_person)).first() if raw_person.isdigit() else None
    settle = partial(review.do_settle_conflict, user, claim, choice, person=person, expected_version=version)
    done = _decide(request, claim, settle, next_url=next_url)
    if isinstance(done, HttpResponse):
        return done
    if done.state == ClaimState.REJECTED:
        text = _("Claim %(id)s rejected: the registry's fact is kept.") % {"id": done.pk}
    else:
        text = _("Claim %(id)s accepted (%(what)s) → %(outcome)s.") % {
            "id": done.pk,
            "what": summary(done.kind, done.value),
            "outcome": _outcome(done),
        }
    return _after_decision(request, user, done, text)


@_claim_decision
def undo_claim(request: HttpRequest, user: Actor, claim: Claim, version: int) -> HttpResponse:
    """Undo the last decision on a claim (refused, with the reason, when something rests on it)."""
    next_url = request.POST.get("next", "")
    undo = partial(review.do_undo_review, user, claim, expected_version=version)
    done = _decide(request, claim, undo, next_url=next_url)
    if isinstance(done, HttpResponse):
        return done
    messages.success(request, _("Claim %(id)s is proposed again.") % {"id": done.pk})
    return HttpResponseRedirect(f"{_safe_next(request, next_url, done).split('#', 1)[0]}#claim-{done.pk}")


def parse_bulk(raw: str) -> dict[int, int]:
    """``"12:1 13:2"`` (claim:version pairs, as the page listed them) → ``{12: 1, 13: 2}``."""
    pairs: dict[int, int] = {}
    for item in raw.split():
        claim_id, sep, version = item.partition(":")
        if sep == "" or not claim_id.isdigit() or not version.isdigit():
            raise ValueError(item)
        pairs[int(claim_id)] = int(version)
    return pairs


@require_POST
@role_required("editor")
def accept_all(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept the proposed claims of a source that the reviewer saw (the page lists them with
    their versions), persons first; each in its own transaction. A claim changed since is not
    accepted: the result page says which and why."""
    user = user_or_none(request)
    source = _source_or_404(user, pk)
    if request.POST.get("read") != "1":
        messages.error(request, _("Tick “I have read the source and its claims” to accept them all."))
        return HttpResponseRedirect(reverse("web:review_source", args=[source.pk]))
    try:
        seen = parse_bulk(request.POST.get("claims", ""))
    except ValueError:
        return HttpResponseBadRequest(_("The list of claims is damaged: reload the page."))
    done = review.accept_all(user, source.pk, seen)
    return render(
        request,
        "web/review/bulk_result.html",
        {
            "source": source,
            "accepted": [(c, summary(c.kind, c.value), _outcome(c)) for c in done.accepted],
            "left": [(left.claim, _left_text(left)) for left in done.left],
            "missing": len(seen) - len(done.accepted) - len(done.left),
        },
    )
