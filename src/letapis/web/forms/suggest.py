"""A text input with the browser's own autocomplete over names the user may see."""

from __future__ import annotations

from typing import Any

from django import forms

from letapis import access
from letapis.accounts.actor import Viewer
from letapis.web import common

#: At most this many names are suggested in one list.
MAX_SUGGESTIONS = 2000


def place_suggestions(user: Viewer) -> list[str]:
    """The names of the places ``user`` may see, alphabetically (:func:`letapis.access.visible_places`)."""
    names = access.visible_places(user).values_list("name", flat=True)[:MAX_SUGGESTIONS]
    return [name for name, _ in common.alphabetical((name, name) for name in set(names))]


def organisation_suggestions(user: Viewer, kind: str | None = None) -> list[str]:
    """The names of the organisations ``user`` may see (of ``kind`` when given), alphabetically."""
    rows = access.visible_organisations(user)
    if kind is not None:
        rows = rows.filter(kind=kind)
    names = rows.values_list("name", flat=True)[:MAX_SUGGESTIONS]
    return [name for name, _ in common.alphabetical((name, name) for name in set(names))]


class SuggestInput(forms.TextInput):
    """A text input tied to a ``<datalist>`` of ``suggestions`` (set per request, e.g. from
    :func:`place_suggestions`): any text may be typed, the list only helps."""

    template_name = "web/forms/suggest.html"

    def __init__(self, attrs: dict[str, Any] | None = None, suggestions: list[str] | None = None) -> None:
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.suggestions = suggestions or []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id') or name}-suggestions"
        context["widget"]["attrs"]["list"] = list_id
        context["widget"]["list_id"] = list_id
        context["widget"]["options"] = common.option_tags(((s, s) for s in self.suggestions), None)
        return context
