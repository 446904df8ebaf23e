"""Dashboard, persons, events and organisations pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def dashboard(request: HttpRequest) -> HttpResponse:
    """The first page: who is held today, recent events, the review queue's size."""
    return render(request, "web/dashboard.html", {})
