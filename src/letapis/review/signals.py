"""Signals of the review app: other apps follow its decisions without review depending on them.

``claim_accepted`` is sent once the transaction that accepted a claim has committed (never for
an accept that was rolled back), with ``claim``: the accepted :class:`~letapis.registry.models.Claim`.
It is sent robustly: a failing receiver (the alerts of :mod:`letapis.following.alerts`) is
logged by Django and never undoes or fails the reviewer's decision.
"""

from __future__ import annotations

from django.dispatch import Signal

claim_accepted = Signal()
