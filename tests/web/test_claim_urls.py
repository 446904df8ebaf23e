"""The review page builds a claim's action URLs from its page's URL: they must be the routes'."""

from __future__ import annotations

from django.urls import reverse

from letapis.web.review.views import CLAIM_ACTIONS, claim_urls


def test_it_builds_the_urls_the_routes_reverse_to() -> None:
    for pk in (1, 907, 123456789):
        expected = {"claim": reverse("web:review_claim", args=[pk])}
        expected |= {action: reverse(f"web:review_{action}", args=[pk]) for action in CLAIM_ACTIONS}
        assert claim_urls(pk) == expected
