"""URL configuration."""

from django.contrib import admin
from django.urls import include, path

from letapis.api.main import api as api_v1

urlpatterns = [
    path("admin/", admin.site.urls),
    path("reports/", include("letapis.reports.urls")),
    path("api/v1/", api_v1.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("letapis.web.urls")),
]
