"""Every write to a registry record goes through the services, which check it and audit it.

Two nets. At run time, a save or delete of any registry model is caught by its ``pre_save`` and
``pre_delete`` signals and refused by the test unless the code that made it (the innermost frame
outside Django and the models' own saves) is a service module's (``letapis.*.services``): a
view's callback that a service runs for it does not pass. The Django admin is then driven through
every change form, every inline (changed and deleted), every delete page and the bulk delete
action; and every form of the pages (each page of the site opened with ids of a small registry,
each ``<form method="post">`` on it posted as a browser would send it) is posted under the net,
every POST-only URL being the action of some form or saying why not. In the source, no module
outside the services writes a registry model through its manager (``Model.objects….create()``,
``.update()``, ``.delete()``, ``.bulk_create()``), which the signals would not see.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.db.models.signals import pre_delete, pre_save
from django.test import Client

import letapis
from letapis.audit.models import AuditEntry
from letapis.registry import models as m
from letapis.registry import services as s

pytestmark = pytest.mark.django_db

SERVICE_MODULE = re.compile(r"^letapis\.(\w+\.)*services(\.\w+)?$")
#: Modules a write passes through on its way from its caller (a model's own save), beside Django's.
PASSING = frozenset({"letapis.registry.models", "letapis.crypto", "contextlib", "functools"})
REGISTRY_MODELS = [model for model in apps.get_app_config("registry").get_models() if model is not m.StatusSpan]


@contextmanager
def writes_outside_services() -> Iterator[list[str]]:
    """The registry saves and deletes made while the block runs with no service on the stack."""
    offenders: list[str] = []

    def check(sender: Any, instance: Any, **kwargs: Any) -> None:
        # the innermost frame of the project's code that made the write (not a model's own save,
        # nor this net) must be a service's: a view's callback run by a service does not count
        callers = [frame.f_globals.get("__name__", "") for frame, *_ in inspect.stack(0)[1:]]
        ours = [name for name in callers if not name.startswith("django.") and name not in PASSING]
        if not ours or not SERVICE_MODULE.match(ours[0]):
            offenders.append(f"{sender.__name__} {instance.pk}")

    for model in REGISTRY_MODELS:
        for signal in (pre_save, pre_delete):
            signal.connect(check, sender=model, weak=False, dispatch_uid=f"write-paths-{model.__name__}")
    try:
        yield offenders
    finally:
        for model in REGISTRY_MODELS:
            for signal in (pre_save, pre_delete):
                signal.disconnect(sender=model, dispatch_uid=f"write-paths-{model.__name__}")


def test_the_net_catches_a_write_a_service_runs_for_its_caller() -> None:
    person = s.do_create_person(None, names=["Ales Probe"])
    with writes_outside_services() as offenders:
        s.do_cited(None, None, lambda: m.Occupation.objects.create(person=person, code="poet"))
    assert offenders == ["Occupation None"]  # caught before it is saved (no id yet)


def test_the_net_catches_a_save_outside_the_services() -> None:
    person = s.do_create_person(None, names=["Ales Probe"])
    with writes_outside_services() as offenders:
        person.gender = "male"
        person.save()
        s.do_update_person(None, person, gender="female")
    assert offenders == [f"Person {person.pk}"]


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """One record of every model the admin edits, most with a row in each of their inlines."""
    person = s.do_create_person(None, names=["Maria Probe", "Марыя Проба"], occupations=["journalist"])
    s.do_add_honour(None, person, text="A prize")
    organisation = s.do_create_organisation(None, "Probe Court", kind="court")
    s.do_add_membership(None, person, organisation)
    place = s.do_create_place(None, "Probe Prison", kind="prison")
    event = s.do_create_event(None, type="detention", date="2021-05", place=place, victims=[person])
    s.do_add_note(None, text="a note", person=person)
    s.do_add_note(None, text="a note", event=event)
    case = s.do_create_criminal_case(None, person, articles=["342"], court=organisation)
    from letapis.following import services as fs

    fs.do_add_term_change(None, case, kind="added", months=12, date="2024-06")
    m.ExternalId.objects.create(person=person, scheme="probe", value="1")
    text = "Maria Probe was detained in May 2021."
    source, _ = s.do_create_source(None, data=text.encode(), filename="p.txt", text=text)
    s.do_record_claim(None, source, kind="event", value={"type": "detention"}, quote="detained", person=person)
    for n in (1, 2):  # an organisation, a place and a source nothing refers to, which may be deleted
        s.do_create_organisation(None, f"Probe NGO {n}", kind="ngo")
        s.do_create_place(None, f"Probe Town {n}", kind="city")
        s.do_create_source(None, data=f"note {n}".encode(), filename=f"n{n}.txt", text=f"note {n}")
    return {"person": person}


@pytest.fixture
def client(django_user_model: Any) -> Client:
    root = django_user_model.objects.create_user(
        "root", password="x-long-password-0", role="admin", is_staff=True, is_superuser=True, sees_confidential=True
    )
    client = Client()
    client.force_login(root)
    return client


def _admins() -> list[tuple[type[Any], Any]]:
    return [(model, model_admin) for model, model_admin in admin.site._registry.items() if model in REGISTRY_MODELS]


def _form_data(form: Any) -> dict[str, Any]:
    """What the browser would post back for ``form`` as shown."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        key = form.add_prefix(name)
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif value is not None:
            data[key] = str(value)
    return data


def _page(client: Client, url: str) -> tuple[dict[str, Any], list[Any]]:
    page = client.get(url)
    assert page.status_code == 200, url
    data = _form_data(page.context["adminform"].form)
    inlines = [inline.formset for inline in page.context["inline_admin_formsets"]]
    for formset in inlines:
        data.update(_form_data(formset.management_form))
        data[formset.management_form.add_prefix("TOTAL_FORMS")] = str(len(formset.initial_forms))  # no blank rows
        for form in formset.initial_forms:
            data.update(_form_data(form))
    return data, inlines


def _errors(answer: Any) -> list[Any]:
    if answer.context is None:
        return [answer]
    formsets = [inline.formset for inline in answer.context["inline_admin_formsets"]]
    return [answer.context["adminform"].form.errors] + [(f.prefix, f.errors, f.non_form_errors()) for f in formsets]


def _changed(form: Any) -> dict[str, str]:
    """One field of an inline form changed, as an editor would: a level, or the text."""
    if "confidentiality" in form.fields:
        level = "internal" if form["confidentiality"].value() != "internal" else "confidential"
        return {form.add_prefix("confidentiality"): level}
    return {form.add_prefix("text"): f"{form['text'].value()} Probe"}


@pytest.mark.parametrize("model", [model for model, _ in _admins()], ids=lambda model: model.__name__)
def test_every_admin_change_and_inline_goes_through_the_services(world: Any, client: Client, model: Any) -> None:
    obj = model.objects.order_by("pk").first()
    assert obj is not None, f"the world has no {model.__name__}"
    url = f"/admin/registry/{model._meta.model_name}/{obj.pk}/change/"
    data, inlines = _page(client, url)
    with writes_outside_services() as offenders:
        answer = client.post(url, data)
    assert answer.status_code == 302, _errors(answer)
    assert offenders == []
    assert AuditEntry.objects.filter(action=f"admin:{model._meta.model_name}.update", object_id=str(obj.pk)).exists()
    for formset in inlines:
        if len(formset.initial_forms) == 0:
            continue
        first = formset.initial_forms[0]
        inline_model = formset.model._meta.model_name
        for edit, action in ((_changed(first), "update"), ({first.add_prefix("DELETE"): "on"}, "delete")):
            data, _ = _page(client, url)
            with writes_outside_services() as offenders:
                answer = client.post(url, {**data, **edit})
            assert answer.status_code == 302, (inline_model, _errors(answer))
            assert offenders == []
            assert AuditEntry.objects.filter(
                action=f"admin:{inline_model}.{action}", object_id=str(first.instance.pk)
            ).exists(), (inline_model, action)


@pytest.mark.parametrize("model", [model for model, _ in _admins()], ids=lambda model: model.__name__)
def test_every_admin_delete_goes_through_the_services(world: Any, client: Client, model: Any) -> None:
    first, last = (
        list(model.objects.order_by("-pk")[:2])[::-1] if model.objects.count() > 1 else [model.objects.get()] * 2
    )
    label = model._meta.model_name
    with writes_outside_services() as offenders:
        answer = client.post(f"/admin/registry/{label}/{last.pk}/delete/", {"post": "yes"})
        assert answer.status_code == 302
        if model.objects.filter(pk=first.pk).exists():
            answer = client.post(
                f"/admin/registry/{label}/",
                {"action": "delete_selected", "_selected_action": [first.pk], "post": "yes"},
            )
            assert answer.status_code == 302
    assert offenders == []
    assert not model.objects.filter(pk__in=[first.pk, last.pk]).exists()
    for pk in {first.pk, last.pk}:
        assert AuditEntry.objects.filter(action=f"admin:{label}.delete", object_id=str(pk)).exists()


def test_a_refused_admin_save_changes_nothing_and_says_why(world: Any, client: Client) -> None:
    event = m.Event.objects.get()
    url = f"/admin/registry/event/{event.pk}/change/"
    data, _ = _page(client, url)
    with writes_outside_services() as offenders:
        answer = client.post(url, {**data, "destinations": '["not a country"]'}, follow=True)
    assert offenders == []
    assert "is not an ISO 3166 alpha-2 country code" in answer.content.decode()
    assert m.Event.objects.get().destinations == [] and m.Event.objects.get().version == event.version


WRITES = {"create", "get_or_create", "update_or_create", "bulk_create", "bulk_update", "update", "delete"}
#: Modules that write registry models in bulk by design, with the reason.
BULK_WRITERS = {
    "letapis/registry/spans.py": "status spans are derived from events and rebuilt, never edited",
    "letapis/registry/synth/generate.py": "the synthetic registry for benchmarks: one audit entry for the load",
}


def _manager_writes(tree: ast.AST, names: set[str]) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
            chain: ast.expr = node.func.value
            while isinstance(chain, ast.Call | ast.Attribute):
                if isinstance(chain, ast.Attribute) and chain.attr == "objects" and isinstance(chain.value, ast.Name):
                    if chain.value.id in names:
                        yield node.lineno, f"{chain.value.id}.objects….{node.func.attr}()"
                    break
                chain = chain.func if isinstance(chain, ast.Call) else chain.value


def test_no_module_outside_the_services_writes_a_registry_model_through_its_manager() -> None:
    root = Path(letapis.__file__).parent
    names = {model.__name__ for model in REGISTRY_MODELS}
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent).as_posix()
        if "/migrations/" in relative or "services" in path.parts or path.stem == "services":
            continue
        if relative in BULK_WRITERS:
            continue
        found += [f"{relative}:{line} {what}" for line, what in _manager_writes(ast.parse(path.read_text()), names)]
    assert found == []


def test_the_source_check_sees_a_manager_write() -> None:
    tree = ast.parse("Person.objects.filter(pk=1).update(gender='x')\nPlace.objects.create(name='x')\n")
    assert [what for _, what in _manager_writes(tree, {"Person", "Place"})] == [
        "Person.objects….update()",
        "Place.objects….create()",
    ]


# ---------------------------------------------------------------------------------------------
# Every form of the pages: each form a page shows is posted as a browser would send it (its
# values as shown, the required fields it leaves empty filled in), with the net on.


class _Forms(HTMLParser):
    """The ``<form method="post">`` of a page: action and fields (name → values, as a browser
    would send them; a required empty field gets a value a person could type)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, list[str]]]] = []
        self._form: dict[str, list[str]] | None = None
        self._select: tuple[str, list[str], bool, bool] | None = None  # name, options, chosen, required
        self._textarea: tuple[str, bool] | None = None
        self._suggested: list[tuple[dict[str, list[str]], str, str]] = []  # form, field, its datalist
        self._datalists: dict[str, list[str]] = {}
        self._datalist: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = {}
            self.forms.append((a.get("action", ""), self._form))
        if tag == "datalist":
            self._datalist = a.get("id", "")
            self._datalists[self._datalist] = []
        elif tag == "option" and self._datalist is not None:
            self._datalists[self._datalist].append(a.get("value", ""))
            return
        if self._form is None or "name" not in a and tag != "option":
            return
        name = a.get("name", "")
        if tag == "input" and a.get("type", "text") not in ("submit", "button", "file"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            value = a.get("value", "")
            if value == "" and "list" in a:  # a name from the suggestions, as a person picks one
                self._suggested.append((self._form, name, a["list"]))
            elif value == "" and "required" in a:
                dated = name == "date" or name.endswith("_date")
                value = "2024-01-02" if dated or kind == "date" else "1" if kind == "number" else "Probe"
            self._form.setdefault(name, []).append(value)
        elif tag == "select":
            self._select = (name, [], False, "required" in a)
        elif tag == "option" and self._select is not None:
            sel_name, options, chosen, required = self._select
            options.append(a.get("value", ""))
            if "selected" in a:
                self._form.setdefault(sel_name, []).append(a.get("value", ""))
                self._select = (sel_name, options, True, required)
        elif tag == "textarea":
            self._textarea = (name, "required" in a)
            self._form.setdefault(name, []).append("")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and self._form is not None:
            text = self._form[self._textarea[0]][-1] + data
            self._form[self._textarea[0]][-1] = text.removeprefix("\n")  # as a browser reads a text area

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None and self._form is not None:
            name, options, chosen, required = self._select
            if not chosen:  # the browser sends the first option
                self._form.setdefault(name, []).append(options[0] if options else "")
            if required and self._form[name] == [""]:  # "—" left for the editor: a person picks a choice
                self._form[name] = [next((o for o in options if o != ""), "")]
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            name, required = self._textarea
            if required and self._form[name][-1].strip() == "":
                self._form[name][-1] = "Probe"
            self._textarea = None
        elif tag == "form":
            self._form = None
        elif tag == "datalist":
            self._datalist = None

    def close(self) -> None:
        super().close()
        for form, name, datalist in self._suggested:
            form[name] = self._datalists.get(datalist, [""])[:1] or [""]


def test_the_form_reader_reads_what_a_browser_sends() -> None:
    reader = _Forms()
    reader.feed(
        '<form method="post" action="/x/"><input name="a" value="1"><input name="b" required>'
        '<input type="checkbox" name="c"><select name="d" required><option value="">—</option>'
        '<option value="p">P</option></select><select name="g"><option value="">—</option>'
        '<option value="x">X</option></select><textarea name="e" required></textarea>'
        '<input name="f" list="l"><datalist id="l">'
        '<option value="Minsk"></datalist></form><form method="get"><input name="q"></form>'
    )
    reader.close()
    assert reader.forms == [
        ("/x/", {"a": ["1"], "b": ["Probe"], "d": ["p"], "g": [""], "e": ["Probe"], "f": ["Minsk"]})
    ]


#: Forms that write no registry record, by URL name, and why they are not posted.
NOT_POSTED = {
    "web:logout": "ends the session the walk runs in",
    "set_language": "the session's language",
}
#: POST-only URLs no page shows a form for, and why.
NO_FORM = {
    "web:login_code": "the second step of the login, for the session that passed the first",
    "web:login_enrol": "the second factor's enrolment, for a session without a device",
    "web:review_undo": "shown once a claim is decided (review tests decide first)",
    "web:review_save": "the claim page's form posts here once a claim is edited: tests/web/test_review_queue.py",
    "following:alerts_remove": "shown once an alert exists: no registry record",
    "web:review_settle": "shown on a claim in conflict with the registry: tests/web/test_settle_page.py",
    "following:inbox_read": "shown once the inbox holds items: no registry record",
    "following:term_add_change": "shown once a case has a term (a sentence): tests/following/test_terms.py",
}
#: Forms whose post must write the registry (an audit entry): the walk fills them as a person would.
MUST_WRITE = {
    "web:person_edit",
    "web:person_add_name",
    "web:person_add_occupation",
    "web:person_add_membership",
    "web:person_add_honour",
    "web:person_add_note",
    "web:person_fact",
    "web:event_edit",
    "web:event_remove_person",
    "web:review_accept",
    "web:review_reject",
    "following:term_record_contact",
}


#: What a person types into a form that, left as shown, asks for nothing (an honour's name, an
#: event's changed description).
TYPED = {
    "web:person_add_honour": {"text": "A probe prize"},
    "web:event_edit": {"description": "Detained at home."},
}


def _fill(route: Any, world: dict[str, Any]) -> str | None:
    """The URL of ``route`` with the world's ids, or ``None`` when it takes a parameter the walk does not fill."""
    fills = {
        "person_id": world["person"].pk,
        "event_id": world["event"].pk,
        "organisation_id": world["organisation"].pk,
        "place_id": world["place"].pk,
        "case_id": world["case"].pk,
        "fmt": "csv",
        "spec": world["event"].pk,
    }
    path = "/" + route.route
    for param in route.params:
        if param == "pk":
            value = world["claim"].pk if "claims/" in route.route else world["source"].pk
        elif param in fills:
            value = fills[param]
        else:
            return None
        path = re.sub(rf"<(?:\w+:)?{param}>", str(value), path)
    return path


@pytest.fixture
def pages_world(world: Any) -> dict[str, Any]:
    text = "Maria Probe was detained in May 2021 and sentenced to three years."
    source, _ = s.do_create_source(None, data=text.encode(), filename="walk.txt", text=text)
    claim = s.do_record_claim(None, source, kind="event", value={"type": "detention"}, quote="detained")
    s.do_record_claim(None, source, kind="event", value={"type": "sentence"}, quote="sentenced")
    person = world["person"]
    place = m.Place.objects.get(name="Probe Prison")
    s.do_create_place(None, "Probe Colony", kind="penal_colony")
    s.do_create_organisation(None, "Aa Probe Union", kind="ngo")  # first suggested: not yet a membership
    return {
        "person": person,
        "event": m.Event.objects.get(),
        "organisation": m.Organisation.objects.get(name="Probe Court"),
        "place": m.Place.objects.get(name="Probe Colony") if place.kind not in s.detention_kinds() else place,
        "case": m.CriminalCase.objects.get(),
        "source": source,
        "claim": claim,
    }


def test_every_form_of_the_pages_writes_through_the_services(pages_world: Any, django_user_model: Any) -> None:
    from django.urls import resolve

    from tests.test_access_walk import all_routes
    from tests.web.review_helpers import login, make_user

    user = make_user(django_user_model, "walker", "admin", confidential=True)
    browser = login(Client(), user)
    routes = [r for r in all_routes() if not r.name.startswith(("admin:", "api-v1:", "?admin"))]
    post_only: set[str] = set()
    forms_found: list[tuple[str, str, dict[str, list[str]]]] = []
    for route in routes:
        url = _fill(route, pages_world)
        if url is None:
            continue
        answer = browser.get(url)
        if answer.status_code == 405:
            post_only.add(route.name)
        if answer.status_code != 200 or not answer.get("Content-Type", "").startswith("text/html"):
            continue
        reader = _Forms()
        reader.feed(answer.content.decode())
        reader.close()
        for action, fields in reader.forms:
            target = action or url
            forms_found.append((resolve(target.split("?")[0]).view_name, target, fields))
    actions = {name for name, _, _ in forms_found}
    assert post_only - actions - set(NO_FORM) == set(), "a POST URL no page posts to: say why in NO_FORM"
    wrote: set[str] = set()
    for name, target, fields in forms_found:
        if name in NOT_POSTED or name in wrote:  # one write a URL: a claim accepted is not rejected after
            continue
        before = AuditEntry.objects.count()
        with writes_outside_services() as offenders:
            answer = browser.post(target, {**fields, **TYPED.get(name, {})})
        assert answer.status_code < 500, (target, answer.status_code)
        assert offenders == [], (target, offenders)
        if AuditEntry.objects.count() > before:
            wrote.add(name)

    assert MUST_WRITE - wrote == set(), "these forms, posted as shown, wrote nothing"
