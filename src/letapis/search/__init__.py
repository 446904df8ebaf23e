"""Full-text search over sources and claims (PostgreSQL ``tsvector``, SQLite FTS5).

:mod:`.text` (Django-free) makes the indexed columns, reads queries and cuts snippets;
:mod:`.index` keeps :class:`~.models.SearchEntry` rows in step with sources and claims;
:mod:`.query` searches them as a user may see them. See ``docs/search.md``.
"""
