from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "letapis.reports"
    label = "reports"
    verbose_name = "Reports, exports and publishing"
