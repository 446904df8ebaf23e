"""The API object: version 1, mounted at ``/api/v1/`` by :mod:`letapis.urls`."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from letapis.api import events, held, persons, sources
from letapis.api.auth import AUTH
from letapis.api.errors import install_handlers
from letapis.following.api import digest as following_digest
from letapis.following.api import places as following_places
from letapis.following.api import terms as following_terms
from letapis.following.api import watch as following_watch


class Utf8Json(JSONRenderer):
    """JSON with names as they are written (Алесь, Łacinka), not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Letapis API",
    version="1",
    description=(
        "The registry of political prisoners as JSON: persons, events, organisations, sources, "
        "claims, who is held on a day, search and numbers. Anonymous callers see public records "
        "of publishable persons; scripts authenticate with `Authorization: Bearer <token>` "
        '(`letapis token create USER`). Errors are JSON: `{"detail": "…"}`.'
    ),
    urls_namespace="api-v1",
    auth=AUTH,
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=Utf8Json(),
)
install_handlers(api)
api.add_router("", persons.router)
api.add_router("", events.router)
api.add_router("", sources.router)
api.add_router("", held.router)
for following_router in (following_terms, following_watch, following_places, following_digest):
    api.add_router("", following_router.router)
