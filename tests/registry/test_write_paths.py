"""Every write to a registry record goes through the services, which check it and audit it.

Two nets. At run time, a save or delete of any registry model is caught by its ``pre_save`` and
``pre_delete`` signals and refused by the test unless a service module (``letapis.*.services``)
is on the call stack; the Django admin is then driven through every change form, every inline
(changed and deleted), every delete page and the bulk delete action. In the source, no module
outside the services writes a registry model through its manager (``Model.objects….create()``,
``.update()``, ``.delete()``, ``.bulk_create()``), which the signals would not see.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Iterator
from contextlib import contextmanager
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
REGISTRY_MODELS = [model for model in apps.get_app_config("registry").get_models() if model is not m.StatusSpan]


@contextmanager
def writes_outside_services() -> Iterator[list[str]]:
    """The registry saves and deletes made while the block runs with no service on the stack."""
    offenders: list[str] = []

    def check(sender: Any, instance: Any, **kwargs: Any) -> None:
        if not any(SERVICE_MODULE.match(frame.f_globals.get("__name__", "")) for frame, *_ in inspect.stack(0)):
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
