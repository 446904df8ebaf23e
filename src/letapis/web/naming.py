"""Which form of a person's name the pages show first: a user's choice kept in the session.

A monitor chooses Cyrillic, Łacinka or the English-press form with the switch in the header
(``?names=lacinka`` on any page); the choice is kept in the session. Pages show the chosen form
when the person has one stored, the primary name otherwise, and the other forms beside it. No
spelling is derived here: a form the registry does not hold is not shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.registry.models import NameForm, NameVariant

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SESSION_KEY = "letapis_names"
DEFAULT = "primary"

#: choice → (label, the name forms that satisfy it, best first)
CHOICES: dict[str, tuple[StrOrPromise, tuple[str, ...]]] = {
    "primary": (_("Primary name"), ()),
    "cyrillic": (_("Cyrillic"), (NameForm.NATIVE, NameForm.RUSSIAN)),
    "lacinka": (_("Łacinka"), (NameForm.LACINKA,)),
    "english": (_("English press"), (NameForm.PASSPORT, NameForm.NATIONAL, NameForm.RUSSIAN_LATIN)),
}


def names_choice(request: HttpRequest) -> str:
    """The choice of this request: ``?names=`` (then kept in the session), else the session's."""
    asked = request.GET.get("names")
    if asked in CHOICES:
        request.session[SESSION_KEY] = asked
        return asked
    kept = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    return kept if kept in CHOICES else DEFAULT


@dataclass(frozen=True)
class ShownName:
    main: str
    others: tuple[str, ...]


@dataclass(frozen=True)
class Variant:
    text: str
    form: str
    is_primary: bool


def shown_name(display_name: str, variants: Sequence[Variant], choice: str) -> ShownName:
    """The name to show first for ``choice`` and the other forms (in their stored order)."""
    wanted = CHOICES.get(choice, CHOICES[DEFAULT])[1]
    main = None
    for form in wanted:
        main = next((v.text for v in variants if v.form == form), None)
        if main is not None:
            break
    if main is None:
        main = next((v.text for v in variants if v.is_primary), display_name)
    return ShownName(main, tuple(v.text for v in variants if v.text != main))


def variants_of(rows: Iterable[tuple[str, str, bool]]) -> list[Variant]:
    return [Variant(text, form, primary) for text, form, primary in rows]


#: the name forms of :class:`letapis.registry.models.NameForm`, labelled for the pages
FORM_LABELS: dict[str, StrOrPromise] = {
    NameForm.NATIVE: _("Belarusian Cyrillic"),
    NameForm.LACINKA: _("Łacinka"),
    NameForm.NATIONAL: _("national romanisation"),
    NameForm.PASSPORT: _("passport / English press"),
    NameForm.RUSSIAN: _("Russian"),
    NameForm.RUSSIAN_LATIN: _("Russian romanised"),
    NameForm.POLISH: _("Polish"),
    NameForm.OTHER: _("other"),
}


def names_by_person(ids: list[int], user: Viewer) -> dict[int, list[Any]]:
    """The names of these persons that ``user`` may see, grouped by form (primary first)."""
    rows: dict[int, list[tuple[str, str, bool]]] = {i: [] for i in ids}
    for person_id, text, form, primary in (
        access.visible_names(user, NameVariant.objects.filter(person_id__in=ids))
        .order_by("-is_primary", "id")
        .values_list("person_id", "text", "form", "is_primary")
    ):
        rows[person_id].append((text, form, primary))
    return {pk: variants_of(items) for pk, items in rows.items()}
