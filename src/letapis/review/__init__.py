"""Ingest and review: documents in, proposed claims out, and the reviewer's decisions.

- :mod:`.ingest` — :func:`~letapis.review.ingest.do_ingest`: read a document, store it once as
  a Source, run the extractor and record its proposals as claims, in one transaction.
- :mod:`.jobs` — the job table and the worker that claims jobs from it (``letapis worker``).
- :mod:`.services` — accept (or edit then accept), reject and undo a claim; accepting writes the
  registry through its services, and every decision can be undone exactly.
- :mod:`.models` — :class:`~letapis.review.models.Job` and
  :class:`~letapis.review.models.ReviewAction`.
"""
