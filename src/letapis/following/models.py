"""What following the cases keeps: a per-tier cache of each person's term and place, and the
alerts a monitor subscribes to.

:class:`FollowUp` is derived, never typed in, like :class:`~letapis.registry.models.StatusSpan`:
one row per person and audience tier (``level``, :data:`letapis.access.TIERS`), computed
only from the records that tier reads — a confidential transfer or a confidential added sentence
is no part of the public's place or expected end. The watch lists read it with one indexed range.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from letapis.registry.models import Claim, Confidentiality, CriminalCase, Event, Person, Place


class FollowUp(models.Model):
    """One person's term, place of detention and last contact as one audience tier sees them."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="follow_ups")
    level = models.CharField(max_length=12, choices=Confidentiality.choices)
    case = models.ForeignKey(
        CriminalCase,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The case whose term is being served (the latest custodial verdict).",
    )
    custody_start = models.DateField(null=True, blank=True, help_text="First day in custody counted to the term.")
    end_earliest = models.DateField(null=True, blank=True, help_text="Expected end of term, earliest day.")
    end_latest = models.DateField(null=True, blank=True, help_text="Expected end of term, latest day.")
    reasoning = models.JSONField(default=list, blank=True, help_text="The steps of the computation, as data.")
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    place_since = models.DateField(null=True, blank=True)
    place_event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    held_from = models.DateField(null=True, blank=True, help_text="First day of the latest held period.")
    held_until = models.DateField(
        null=True, blank=True, help_text="Day the latest held period ended (exclusive); 9999-12-31 while it lasts."
    )
    last_contact = models.DateField(null=True, blank=True, help_text="The latest contact event's day.")
    contact_event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "level"], name="unique_follow_up")]
        indexes = [
            models.Index(fields=["level", "end_latest", "end_earliest", "person"], name="follow_up_end"),
            # overdue: terms ended by a day, of persons whose latest held period covers it, read
            # from the index alone (most ended terms are of persons long released)
            models.Index(fields=["level", "end_latest", "held_until", "held_from", "person"], name="follow_up_overdue"),
            models.Index(fields=["level", "last_contact", "person"], name="follow_up_contact"),
            models.Index(fields=["level", "place", "person"], name="follow_up_place"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} ({self.level}) ends {self.end_earliest}…{self.end_latest}"


class SubscriptionTarget(models.TextChoices):
    PERSON = "person", "person"
    PLACE = "place", "place of detention"
    OCCUPATION = "occupation", "occupation"
    ORGANISATION = "organisation", "organisation"


class Subscription(models.Model):
    """A monitor's alert: tell me when a fact about this person, place, occupation or
    organisation is accepted (``target_id`` for records, ``target_code`` for an occupation)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    target = models.CharField(max_length=20, choices=SubscriptionTarget.choices)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_code = models.CharField(max_length=60, blank=True)
    email = models.BooleanField(default=False, help_text="Also send each alert by email.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "target", "target_id", "target_code"], name="unique_subscription")
        ]
        indexes = [models.Index(fields=["target", "target_id", "target_code"], name="subscription_target")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.target} {self.target_id or self.target_code}"


class InboxItem(models.Model):
    """One alert in a monitor's inbox: an accepted claim that a subscription matched. Only
    references are kept; the page renders them through the access rules when it is read."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox")
    subscription = models.ForeignKey(Subscription, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "claim"], name="unique_inbox_claim")]
        indexes = [models.Index(fields=["user", "read_at"], name="inbox_unread")]

    def __str__(self) -> str:
        return f"alert {self.pk} for {self.user_id}"
