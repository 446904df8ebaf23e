"""URLs of the reports app, included under ``/reports/``."""

from __future__ import annotations

from django.urls import path

from letapis.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.hub_view, name="hub"),
    path("stats/", views.stats_view, name="stats"),
    path("stats/persons/", views.stat_persons_view, name="stat_persons"),
    path("statement/<str:spec>/", views.statement_view, name="statement"),
    path("monitoring/", views.monitoring_view, name="monitoring"),
    path("export/", views.export_page, name="exports"),
    path("export/<str:fmt>/", views.export_view, name="export"),
    path("import/", views.import_view, name="import"),
]
