from __future__ import annotations

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "letapis.search"
    label = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from letapis.search import index

        index.connect()
