"""URLs of following (issue 19), mounted at the site root: each part keeps its own patterns."""

from __future__ import annotations

from letapis.following.web import digest, places, terms, watch

app_name = "following"
urlpatterns = [*terms.urlpatterns, *watch.urlpatterns, *places.urlpatterns, *digest.urlpatterns]
