from __future__ import annotations

from django.apps import AppConfig


class FollowingConfig(AppConfig):
    name = "letapis.following"
    label = "following"
    verbose_name = "Following each case"

    def ready(self) -> None:
        from letapis.following import refresh

        refresh.connect()  # follow-ups follow the spans, cases, term changes, contacts and places

        # alerts hear of accepted claims through the review app's signal: review does not
        # depend on following
        from letapis.following.alerts import on_claim_accepted
        from letapis.review.signals import claim_accepted

        claim_accepted.connect(on_claim_accepted, dispatch_uid="following.alerts")
