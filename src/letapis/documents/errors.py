"""The one error of the documents core."""

from __future__ import annotations


class DocumentError(ValueError):
    """A file that is refused, with one line saying why (naming the file)."""
