from __future__ import annotations

from django.apps import AppConfig


class FollowingConfig(AppConfig):
    name = "letapis.following"
    label = "following"
    verbose_name = "Following each case"

    def ready(self) -> None:
        from letapis.following import refresh

        refresh.connect()  # follow-ups follow the spans, cases, term changes, contacts and places
