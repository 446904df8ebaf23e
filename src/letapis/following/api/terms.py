"""API of following: the term section of a person (in ``GET /api/v1/persons/{id}``).

:func:`letapis.read.persons.term_section` reads the :class:`~letapis.following.models.FollowUp`
row of the caller's tier (:func:`letapis.access.tier_for`): the case being served, the expected
end with the steps of its computation and the sentence saying them in en, be and ru, the place
of detention now and the last contact — each derived only from the records that tier reads.
Its shapes are the read layer's :class:`~letapis.read.shapes.TermSection` and
:class:`~letapis.read.shapes.TermPlace`.
"""

from __future__ import annotations

from ninja import Router

from letapis.read.shapes import TermPlace, TermSection

router = Router(tags=["following"])

__all__ = ["TermPlace", "TermSection", "router"]
