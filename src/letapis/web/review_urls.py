"""URLs of the review queue, source pages and uploads (names in the ``web`` namespace)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
