"""URL configuration."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from letapis.api.main import api as api_v1
from letapis.health import healthz
from letapis.web.access import anyone

urlpatterns = [
    # the admin's own login would skip the second factor: it is the site's two-step login
    path("admin/login/", anyone(RedirectView.as_view(pattern_name="web:login", query_string=True))),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("reports/", include("letapis.reports.urls")),
    path("search/", include("letapis.search.urls")),
    path("api/v1/", api_v1.urls),
    path("i18n/setlang/", anyone(set_language), name="set_language"),  # django.conf.urls.i18n's one view
    path("", include("letapis.following.urls")),
    path("", include("letapis.web.urls")),
]

# Errors in the app's style and language (letapis.web.errors; templates 400/403/404/500.html).
handler500 = "letapis.web.errors.server_error"
