"""URLs of the web pages, mounted at the site root.

The review queue, source pages and uploads live in :mod:`letapis.web.review_urls`; the rest here.
"""

from __future__ import annotations

from django.urls import include, path

from letapis.web import views

app_name = "web"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("", include("letapis.web.review_urls")),
]
