from __future__ import annotations

from django.apps import AppConfig


class CustodyConfig(AppConfig):
    name = "letapis.custody"
    label = "custody"
    verbose_name = "Chain of custody"
