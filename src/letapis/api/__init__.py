"""The JSON API under ``/api/v1/`` (django-ninja), with its OpenAPI schema at
``/api/v1/openapi.json`` and a docs page at ``/api/v1/docs``.

Reads go through the read layer (:mod:`letapis.read`, :mod:`letapis.access`) like the pages;
writes go through the ``do_*`` services (audited). The API never imports the pages. Scripts
authenticate with a token (``Authorization: Bearer …``, see :mod:`letapis.api.tokens`); the
browser with its session (CSRF checked on unsafe methods).
"""
