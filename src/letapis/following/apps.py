from __future__ import annotations

from django.apps import AppConfig


class FollowingConfig(AppConfig):
    name = "letapis.following"
    label = "following"
    verbose_name = "Following each case"
