"""A scanned source's pages beside its recognised text, with each claim's words boxed on the image.

OCR keeps, for every page it read, the page image the words were found on (a ``page-image``
derived file, PNG) and every word's box on it and place in the text (the ``ocr-words`` derived
file: :func:`letapis.documents.pages.pages_to_json`). A claim's evidence is a span of the text; the
words whose ``[start, end)`` overlap it are the claim's words on the image. Their boxes are given
in percent of the page image, so that they stay on their words however wide the image is shown
(a phone, a wide screen) without any script.

The page images are the team's working copies: they are served (:func:`page_image`) to viewers and
up who may see the source (:mod:`letapis.access`), 404 to everyone else, and never
cached by shared caches; an image with metadata is served stripped of it
(:func:`letapis.documents.strip.strip_metadata`), like every image that leaves.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from letapis import access
from letapis.custody.models import DerivedFile
from letapis.documents.pages import OCR_WORDS, PAGE_IMAGE, Page, Word, pages_from_json
from letapis.documents.strip import has_metadata, strip_metadata
from letapis.registry import storage
from letapis.registry.models import Source
from letapis.web.access import role_required, user_or_none
from letapis.web.review.highlight import Span

#: A word the engine is less sure of than this (0–100) is boxed with a dotted line.
LOW_WORD = 60.0
#: A page whose mean word confidence is below this says so above its image.
LOW_PAGE = 75.0


@dataclass(frozen=True)
class Box:
    """A box on a page image, in percent of the image: a claim's word, or a doubtful word."""

    left: float
    top: float
    width: float
    height: float
    text: str
    confidence: float
    claims: tuple[int, ...] = ()  # the claims whose span holds the word (innermost first)
    state: str = ""  # the state of the innermost of them

    @property
    def low(self) -> bool:
        return self.confidence < LOW_WORD

    @property
    def style(self) -> str:
        return f"left:{self.left:.3f}%;top:{self.top:.3f}%;width:{self.width:.3f}%;height:{self.height:.3f}%"

    @property
    def claim_ids(self) -> str:
        return " ".join(str(c) for c in self.claims)


@dataclass
class ScanPage:
    """One page as the review page shows it."""

    number: int
    count: int
    method: str
    start: int
    end: int
    confidence: float | None
    language: str
    rotation: int
    width: int
    height: int
    image_url: str = ""
    boxes: list[Box] = field(default_factory=list)

    @property
    def ocr(self) -> bool:
        return self.method == "ocr"

    @property
    def confidence_text(self) -> str:
        return "" if self.confidence is None else f"{self.confidence:.0f}"

    @property
    def low(self) -> bool:
        return self.confidence is not None and self.confidence < LOW_PAGE

    @property
    def doubtful(self) -> int:
        """How many words on the page are boxed as doubtful."""
        return sum(1 for b in self.boxes if b.low)


@dataclass
class Scan:
    """A source's pages and which page holds each claim's span."""

    pages: list[ScanPage]
    page_of_claim: dict[int, int]
    first: int  # the page to show first

    @property
    def count(self) -> int:
        return len(self.pages)

    @property
    def has_images(self) -> bool:
        return any(p.image_url for p in self.pages)


def source_pages(source: Source) -> tuple[Page, ...]:
    """The pages of ``source`` as OCR stored them (``()`` for a source that was not OCRed or whose
    words file cannot be read). The caller has decided the user may see the source."""
    stored = DerivedFile.objects.filter(source=source, kind=OCR_WORDS).order_by("-id").first()
    if stored is None:
        return ()
    try:
        data = json.loads(storage.read(stored.sha256).decode("utf-8"))
        return pages_from_json(data) if isinstance(data, dict) else ()
    except (OSError, ValueError, KeyError, TypeError):
        return ()


def _image_pages(source: Source) -> set[int]:
    pages = DerivedFile.objects.filter(source=source, kind=PAGE_IMAGE, page__isnull=False).values_list(
        "page", flat=True
    )
    return {page for page in pages if page is not None}  # the filter leaves none


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole > 0 else 0.0


def _words_in(words: tuple[Word, ...], starts: list[int], start: int, end: int) -> Iterable[int]:
    """Indices of the words (sorted by ``start``) that overlap ``[start, end)``."""
    i = max(0, bisect_left(starts, start) - 1)
    while i < len(words) and words[i].start < end:
        if words[i].end > start:
            yield i
        i += 1


def _page_boxes(page: Page, spans: list[Span]) -> list[Box]:
    """The boxes of ``page``: each word inside a claim's span (with every claim that holds it,
    the innermost first) and each doubtful word."""
    if page.width <= 0 or page.height <= 0 or not page.words:
        return []
    words = tuple(sorted(page.words, key=lambda w: (w.start, w.end)))
    starts = [w.start for w in words]
    holders: dict[int, list[Span]] = {}
    for span in spans:
        if span.end <= page.start or span.start >= page.end:
            continue
        for i in _words_in(words, starts, span.start, span.end):
            holders.setdefault(i, []).append(span)
    boxes = []
    for i, word in enumerate(words):
        held = sorted(holders.get(i, []), key=lambda s: (s.end - s.start, s.claim_id))
        if not held and word.confidence >= LOW_WORD:
            continue
        boxes.append(
            Box(
                left=_percent(word.left, page.width),
                top=_percent(word.top, page.height),
                width=_percent(word.width, page.width),
                height=_percent(word.height, page.height),
                text=word.text,
                confidence=word.confidence,
                claims=tuple(s.claim_id for s in held),
                state=held[0].state if held else "",
            )
        )
    return boxes


def _page_holding(pages: list[ScanPage], start: int) -> int | None:
    for page in pages:
        if page.start <= start < page.end:
            return page.number
    return None


def scan_of(source: Source, spans: list[Span], *, first_claim: int | None = None) -> Scan | None:
    """The pages of an OCRed ``source`` with the boxes of ``spans`` (the claims the user may see),
    or ``None`` for a source that has no recognised pages. ``first_claim``: the claim whose page
    is shown first (else the first page)."""
    pages = source_pages(source)
    if not any(p.method == "ocr" for p in pages):
        return None
    images = _image_pages(source)
    shown = []
    for page in pages:
        shown.append(
            ScanPage(
                number=page.number,
                count=len(pages),
                method=page.method,
                start=page.start,
                end=page.end,
                confidence=page.confidence,
                language=page.language,
                rotation=page.rotation,
                width=page.width,
                height=page.height,
                image_url=reverse("web:page_image", args=[source.pk, page.number]) if page.number in images else "",
                boxes=_page_boxes(page, spans),
            )
        )
    holding = {s.claim_id: n for s in spans if (n := _page_holding(shown, s.start)) is not None}
    first = holding.get(first_claim, shown[0].number) if first_claim is not None else shown[0].number
    return Scan(shown, holding, first)


def claim_scan(source: Source, span: Span) -> ScanPage | None:
    """The page holding one claim's span, with that claim's words boxed (the claim's page)."""
    scan = scan_of(source, [span], first_claim=span.claim_id)
    if scan is None or span.claim_id not in scan.page_of_claim:
        return None
    number = scan.page_of_claim[span.claim_id]
    return next(p for p in scan.pages if p.number == number)


@require_GET
@role_required("viewer")
def page_image(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The PNG of page ``number`` of source ``pk`` as OCR read it — to a member of the team who may
    see the source; 404 to everyone else, as for a page that does not exist."""
    source = access.visible(user_or_none(request), Source.objects.filter(pk=pk)).first()
    if source is None:
        raise Http404(_("No such source."))
    image = DerivedFile.objects.filter(source=source, kind=PAGE_IMAGE, page=number).order_by("-id").first()
    if image is None:
        raise Http404(_("No such page."))
    try:
        data = storage.read(image.sha256)
    except OSError as exc:
        raise Http404(_("No such page.")) from exc
    if has_metadata(data):  # OCR's page images carry none; a file from another tool might
        data = strip_metadata(data)
    answer = HttpResponse(data, content_type=image.media_type or "image/png")
    answer["Cache-Control"] = "private, max-age=3600"
    answer["Content-Disposition"] = f'inline; filename="source-{source.pk}-page-{number}.png"'
    return answer
