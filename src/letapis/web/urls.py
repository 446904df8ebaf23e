"""URLs of the web pages, mounted at the site root.

The review queue, source pages and uploads live in :mod:`letapis.web.review_urls`; the rest here.
"""

from __future__ import annotations

from django.urls import include, path

from letapis.web import accounts, cases, corrections, persons, records, views

app_name = "web"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", accounts.login_view, name="login"),
    path("login/code/", accounts.login_code, name="login_code"),
    path("login/enrol/", accounts.login_enrol, name="login_enrol"),
    path("logout/", accounts.logout_view, name="logout"),
    path("account/two-factor/", accounts.two_factor, name="two_factor"),
    path("persons/", persons.persons_list, name="persons"),
    path("persons/<int:person_id>/", persons.person_page, name="person"),
    path("persons/<int:person_id>/edit/", persons.person_edit, name="person_edit"),
    path("persons/<int:person_id>/history/", persons.person_history, name="person_history"),
    *(
        path(f"persons/<int:person_id>/{kind}/", corrections.person_add, {"kind": kind}, name=name)
        for kind, name in corrections.ADD_URLS.items()
    ),
    path("persons/<int:person_id>/<str:kind>/<int:fact_id>/<str:action>", corrections.person_fact, name="person_fact"),
    path("persons/<int:person_id>/cases/new/", cases.case_new, name="case_new"),
    path("cases/<int:case_id>/edit/", cases.case_edit, name="case_edit"),
    path("events/", records.events_list, name="events"),
    path("events/<int:event_id>/", records.event_page, name="event"),
    path("events/<int:event_id>/history/", records.event_history, name="event_history"),
    path("events/<int:event_id>/edit/", corrections.event_edit, name="event_edit"),
    path("events/<int:event_id>/persons/", corrections.event_add_person, name="event_add_person"),
    path(
        "events/<int:event_id>/persons/<int:i>/remove", corrections.event_remove_involvement, name="event_remove_person"
    ),
    path("organisations/", records.organisations_list, name="organisations"),
    path("organisations/<int:organisation_id>/", records.organisation_page, name="organisation"),
    path("extraction/", views.extraction, name="extraction"),
    path("", include("letapis.web.review_urls")),
]
