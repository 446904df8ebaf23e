"""Walk every URL of the project and every API operation as every kind of user.

For each user — anonymous, viewer, researcher, editor, admin, a viewer granted confidential
records and an admin-role user without them — the walk opens every URL pattern of the resolver
(the admin, the reports, the API, the web pages) with its path parameters filled with the ids of
public, internal, confidential and unpublishable records, and calls every write operation of the
API. It checks the status code against :data:`RULES` and that no marker of a record the user may
not see (:data:`MARKERS`) appears in any answer — and, so that the walk cannot pass by seeing
nothing, that every marker the user may see does appear somewhere.

A URL name without a rule fails :func:`test_every_url_has_an_expectation` loudly: a new page is
walked only once someone has said who may open it. Add a line to :data:`RULES` (the longest
prefix of the URL name wins).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from letapis import access
from letapis.registry import services as s
from letapis.registry.models import ClaimState, Confidentiality

INTERNAL = "INTERNAL-MARKER-7f3a"
CONFIDENTIAL = "CONFIDENTIAL-MARKER-91c2"
UNPUBLISHED = "UNPUBLISHED-MARKER-5d1e"  # a public record of a person who may not be published
CONTACTS = "CONTACTS-MARKER-3b8e"  # a person's contacts: confidential, whatever the person's level
#: Who may read a marker: the confidentiality levels that include it.
MARKERS = {
    INTERNAL: Confidentiality.INTERNAL,
    CONFIDENTIAL: Confidentiality.CONFIDENTIAL,
    UNPUBLISHED: "team",
    CONTACTS: Confidentiality.CONFIDENTIAL,
}
#: Markers that no page has to show (contacts: in no page nor admin form; confidential when shown).
NOT_NECESSARILY_SHOWN = {CONTACTS}

# ---------------------------------------------------------------------------------------------
# The expectations


@dataclass(frozen=True)
class Rule:
    """Who may open the URLs whose name starts with a prefix.

    ``access``: ``public`` (anyone; records as the user may see them), ``anyone`` (login pages and
    the like: no registry data), ``viewer``/``researcher``/``editor``/``admin`` (signed-in users
    of that role or above; anonymous visitors are sent to the login page), ``staff`` (the Django
    admin: staff members with the model's view permission), ``api`` (API reads: public, hidden
    records are a JSON 404) or ``skip`` (a route walked another way, say why in ``why``).
    ``get``: what a GET answers when allowed: ``page`` (200, or 404 for a record the user may not
    see), ``post`` (a POST-only URL: 405), ``redirect`` (302).
    """

    access: str
    get: str = "page"
    queries: tuple[str, ...] = ("",)
    why: str = ""


RULES: dict[str, Rule] = {
    # the API: reads are walked by the URL walk, every operation (writes too) by the API walk
    "api-v1:": Rule("api"),
    "api-v1:openapi": Rule("anyone"),
    "api-v1:api-root": Rule("skip", why="ninja's catch-all root (404 JSON), checked by the API error tests"),
    "api-v1:patch_person": Rule("skip", why="same route as get_person; walked by the API walk"),
    "api-v1:propose_claim": Rule("skip", why="same route as list_claims; walked by the API walk"),
    "api-v1:search": Rule("api", queries=("q=Walker",)),
    "api-v1:stats_series": Rule("api", queries=("from=2020-01-01&to=2026-12-31",)),
    "api-v1:accept_claim": Rule("api", get="post"),
    "api-v1:list_subscriptions": Rule("skip", why="the caller's own (401 for nobody); walked by the API walk"),
    "api-v1:list_inbox": Rule("skip", why="the caller's own (401 for nobody); walked by the API walk"),
    "api-v1:create_subscription": Rule("skip", why="same route as list_subscriptions; walked by the API walk"),
    "api-v1:delete_subscription": Rule("skip", why="same route as list_subscriptions; walked by the API walk"),
    "api-v1:reject_claim": Rule("api", get="post"),
    "api-v1:edit_claim": Rule("api", get="post"),
    "api-v1:settle_claim": Rule("api", get="post"),
    "api-v1:add_source": Rule("skip", why="same route as list_sources; walked by the API walk"),
    "api-v1:get_source_file": Rule("skip", why="the team's (401 for nobody); walked by the API walk"),
    # reports: as the user may see the registry
    "reports:hub": Rule("public"),
    "reports:stats": Rule("public", queries=("on=2025-12-14", "on=2025-12-14&format=json")),
    "reports:stat_persons": Rule(
        "public",
        queries=("on=2025-12-14&by=held&code=2025-12-14", "from=2025-12-01&to=2025-12-31&by=movement&code=release"),
    ),
    "reports:statement": Rule("public", queries=("", "format=json", "format=md")),
    "reports:monitoring": Rule(
        "public", queries=("from=2020-01-01&to=2026-12-31", "from=2020-01-01&to=2026-12-31&format=md")
    ),
    "reports:exports": Rule("public", queries=("", "list=held&on=2025-12-14")),
    "reports:export": Rule("public", queries=("", "public=1", "lang=be")),
    "reports:import": Rule("editor"),
    # full-text search: as the user may see the registry
    "search:search": Rule("public", queries=("", "q=MARKER", "q=Walker&kind=claim", "q=letter&from=2020-01-01")),
    # the Django admin
    "admin:": Rule("staff"),
    "admin:login": Rule("anyone", get="redirect"),
    "admin:logout": Rule("skip", why="logging out ends the walk's session"),
    "admin:view_on_site": Rule("skip", why="needs a content type id; no model defines get_absolute_url"),
    "admin:jsi18n": Rule("anyone"),
    "admin:?": Rule("skip", why="admin redirects to the change view and its catch-all"),
    "admin:app_list": Rule("skip", why="a regex route; the index covers the apps"),
    "admin:password_change": Rule("skip", why="Django's own password views, behind the admin login"),
    "admin:otp_totp_totpdevice_config": Rule("skip", why="django-otp's device views, walked with the device admin"),
    "admin:otp_totp_totpdevice_qrcode": Rule("skip", why="django-otp's device views, walked with the device admin"),
    "admin:auth_user_password_change": Rule("skip", why="Django's own password view, behind the admin login"),
    # the web pages
    "?admin/login/": Rule("anyone", get="redirect"),  # the admin's login is the site's two-step one
    "set_language": Rule("anyone", get="redirect"),
    "healthz": Rule("anyone"),
    "web:dashboard": Rule("public"),
    "web:login": Rule("anyone"),
    "web:logout": Rule("skip", why="logging out ends the walk's session"),
    "web:two_factor": Rule("viewer"),
    "web:persons": Rule("public", queries=("", "q=MARKER")),
    "web:person": Rule("public"),
    "web:person_": Rule("editor", get="post"),
    "web:person_history": Rule("viewer"),
    "web:person_fact": Rule("skip", why="a person's fact by two ids: tests/web/test_corrections.py"),
    "web:case_new": Rule("editor"),
    "web:case_edit": Rule("skip", why="a criminal case by its id: tests/web/test_case_form.py"),
    "web:events": Rule("public"),
    "web:event": Rule("public"),
    "web:event_history": Rule("viewer"),
    "web:event_edit": Rule("editor"),
    "web:event_add_person": Rule("editor", get="post"),
    "web:event_remove_person": Rule("skip", why="an event's person by two ids: tests/web/test_corrections.py"),
    "web:organisations": Rule("public"),
    "web:organisation": Rule("public"),
    "web:source": Rule("public"),
    "web:source_": Rule("viewer"),  # the custody record (page, PDF) and the file: the team's
    "web:review_": Rule("editor", get="post"),
    "web:page_image": Rule("skip", why="page images of scans (none in the walk): tests/web/test_scan_review.py"),
    "web:review_queue": Rule("viewer"),
    "web:review_source": Rule("viewer"),
    "web:review_claim": Rule("viewer"),
    "web:upload": Rule("researcher"),
    "web:audit": Rule("admin"),
    "web:extraction": Rule("viewer"),  # the extractor against reviewed claims (issue 15)
    "web:audit_verify": Rule("admin", get="post"),
    # following: terms (the person page's contact and term change forms)
    "following:term_": Rule("editor", get="post"),
    # following (issue 19): the watch lists are the team's
    "following:watch": Rule("viewer", queries=("", "format=csv", "days=3650")),
    # following: places of detention and the letter sheet
    "following:places": Rule("public", queries=("", "on=2025-06-01")),
    "following:place": Rule("public", queries=("", "on=2025-06-01")),
    "following:place_edit": Rule("editor", get="post"),
    "following:letters": Rule("public", queries=("", "persons=1,2,3,4,5,6,7,8,9,10")),
    # following: the weekly digest, alerts and the inbox (issue 19)
    "following:digest": Rule("public", queries=("week=2025-01-01", "week=2025-01-01&format=md")),
    "following:alerts": Rule("viewer", queries=("", "q=Walker")),
    "following:alerts_": Rule("viewer", get="post"),
    "following:inbox": Rule("viewer"),
    "following:inbox_read": Rule("viewer", get="post"),
}

#: URL names that need a signed-in user but answer an anonymous visitor with a page of their own.
LOGIN_FLOW = ("web:login",)


def rule_for(name: str) -> Rule | None:
    prefixes = [p for p in RULES if name.startswith(p)]
    return RULES[max(prefixes, key=len)] if prefixes else None


# ---------------------------------------------------------------------------------------------
# The users

USERS: dict[str, dict[str, Any] | None] = {
    "anonymous": None,
    "viewer": {"role": "viewer"},
    "researcher": {"role": "researcher"},
    "editor": {"role": "editor", "is_staff": True},  # as `letapis user create --role editor` makes them
    "admin": {"role": "admin", "is_staff": True, "is_superuser": True},
    "confidant": {"role": "viewer", "sees_confidential": True},
    "limited_admin": {"role": "admin", "is_staff": True},  # an admin role without confidential access
}


def _levels(user: Any) -> tuple[str, ...]:
    return access.levels_for(user)


def may_read(user: Any, level: str) -> bool:
    if level == "team":
        return user is not None
    return level in _levels(user)


# ---------------------------------------------------------------------------------------------
# The world: the demo registry and records carrying the markers


@dataclass
class World:
    #: kind → [(pk, level)] where level says who may see the record (as in :data:`MARKERS`)
    records: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def add(self, kind: str, obj: Any, level: str) -> None:
        self.records.setdefault(kind, []).append((obj.pk, level))


def build_world() -> World:
    from letapis.registry.demo import load_demo

    load_demo()
    world = World()
    pen = s.do_create_organisation(None, f"Org {INTERNAL}", kind="ngo", confidentiality="internal")
    secret_org = s.do_create_organisation(None, f"Org {CONFIDENTIAL}", kind="ngo", confidentiality="confidential")
    public_org = s.do_create_organisation(None, "Walk Public Centre", kind="ngo", confidentiality="public")
    walker = s.do_create_person(
        None, names=["Walker Public"], confidentiality="public", publishable=True, occupations=["writer"]
    )
    s.do_update_person(None, walker, contacts=f"sister: +375 29 000 {CONTACTS}")
    walker.refresh_from_db()
    s.do_add_membership(None, walker, public_org)
    s.do_add_membership(None, walker, pen, confidentiality="internal")
    s.do_add_membership(None, walker, secret_org, confidentiality="confidential")
    s.do_add_note(None, text=f"note {INTERNAL}", person=walker, confidentiality="internal")
    s.do_add_note(None, text=f"note {CONFIDENTIAL}", person=walker, confidentiality="confidential")
    s.do_add_note(None, text="a public note", person=walker, confidentiality="public")
    detention = s.do_create_event(
        None, type="detention", date="2025-01-01", description="walk public detention", victims=[walker]
    )
    s.do_add_note(None, text=f"event note {INTERNAL}", event=detention, confidentiality="internal")
    internal_event = s.do_create_event(
        None, type="search", date="2025-02-01", description=f"search {INTERNAL}", confidentiality="internal"
    )
    s.do_add_involvement(None, internal_event, person=walker)
    secret_event = s.do_create_event(
        None, type="search", date="2025-03-01", description=f"search {CONFIDENTIAL}", confidentiality="confidential"
    )
    s.do_add_involvement(None, secret_event, person=walker)
    s.do_create_criminal_case(None, walker, case_number=f"{INTERNAL}/1", confidentiality="internal")
    s.do_create_criminal_case(None, walker, case_number=f"{CONFIDENTIAL}/2", confidentiality="confidential")
    ina = s.do_create_person(None, names=[f"Ina {INTERNAL}"], confidentiality="internal", publishable=True)
    cora = s.do_create_person(None, names=[f"Cora {CONFIDENTIAL}"], confidentiality="confidential", publishable=True)
    una = s.do_create_person(None, names=[f"Una {UNPUBLISHED}"], confidentiality="public", publishable=False)
    hidden_events = {}
    for person, level in ((ina, "internal"), (cora, "confidential"), (una, "team")):
        # a public event of a person the public may not see: hidden with them
        hidden_events[level] = s.do_create_event(
            None, type="detention", date="2025-01-02", description=f"{person.display_name} detained", victims=[person]
        )
        world.add("person", person, level)
        world.add("event", hidden_events[level], level)
    world.add("person", walker, "public")
    world.add("event", detention, "public")
    world.add("event", internal_event, "internal")
    world.add("event", secret_event, "confidential")
    world.add("organisation", public_org, "public")
    world.add("organisation", pen, "internal")
    world.add("organisation", secret_org, "confidential")
    # places of detention: the team's letter rules of a public one are internal
    open_place = s.do_create_place(
        None,
        "Walk Colony",
        kind="penal_colony",
        postal_address="Walk street 1",
        letter_rules=f"rules {INTERNAL}",
        confidentiality="public",
    )
    inner_place = s.do_create_place(None, f"SIZO {INTERNAL}", kind="sizo", confidentiality="internal")
    secret_place = s.do_create_place(
        None,
        f"Prison {CONFIDENTIAL}",
        kind="prison",
        letter_rules=f"rules {CONFIDENTIAL}",
        confidentiality="confidential",
    )
    world.add("place", open_place, "public")
    world.add("place", inner_place, "internal")
    world.add("place", secret_place, "confidential")

    text = "Walker Public was detained. Una and Cora and Ina were detained too."
    public_source = s.do_create_source(
        None, data=text.encode(), filename="walk.txt", text=text, title="Walk statement", confidentiality="public"
    )[0]
    world.add("source", public_source, "public")
    for level, marker in (("internal", INTERNAL), ("confidential", CONFIDENTIAL)):
        body = f"A {level} letter: {marker} says Walker Public is held."
        source = s.do_create_source(
            None, data=body.encode(), filename=f"{level}.txt", text=body, title=f"{level} letter", confidentiality=level
        )[0]
        world.add("source", source, level)
        claim = s.do_record_claim(
            None, source, kind="person", value={"name": "Walker Public"}, quote="Walker Public", person=walker
        )
        world.add("claim", claim, level)

    def claim(level: str, value: str, **extra: Any) -> None:
        made = s.do_record_claim(None, public_source, kind="person", value={"name": value}, **extra)
        world.add("claim", made, level)

    claim("public", "Walker Public", quote="Walker Public", person=walker, state=ClaimState.ACCEPTED)
    claim("team", f"proposed {UNPUBLISHED}", quote="Una", confidentiality="public")  # the queue is the team's
    claim("internal", f"internal {INTERNAL}", quote="Ina", confidentiality="internal", state=ClaimState.ACCEPTED)
    claim("confidential", f"secret {CONFIDENTIAL}", quote="Cora", confidentiality="confidential")
    claim("confidential", f"about {CONFIDENTIAL}", quote="Cora", person=cora, state=ClaimState.ACCEPTED)
    claim("team", f"about {UNPUBLISHED}", quote="Una", person=una, state=ClaimState.ACCEPTED)
    return world


def make_user(kind: str) -> Any:
    from django.contrib.auth import get_user_model

    spec = USERS[kind]
    if spec is None:
        return None
    return get_user_model().objects.create_user(f"walk-{kind}", password="x-long-password-0", **spec)


# ---------------------------------------------------------------------------------------------
# The URLs


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    params: tuple[str, ...]


def _patterns(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            own = p.name or f"?{route}"  # an unnamed pattern is named by its route
            name = f"{namespace}:{own}" if namespace else own
            yield Route(name, route, tuple(re.findall(r"<(?:\w+:)?(\w+)>", route)))


def all_routes() -> list[Route]:
    return list(_patterns(get_resolver().url_patterns))


KINDS = {"person", "event", "organisation", "source", "claim", "place"}


def _kind_of(route: Route, param: str) -> str | None:
    """The kind of record a path parameter names: ``person_id`` → person, ``sources/<pk>`` → source."""
    if param.endswith("_id") and param[:-3] in KINDS:
        return param[:-3]
    before = route.route.split("<")[route.params.index(param)].rstrip("/").split("/")[-1]
    singular = before[:-1] if before.endswith("s") else before
    return singular if singular in KINDS else None


@dataclass(frozen=True)
class Visit:
    url: str
    level: str  # who may see the record in it ("public" when it names none)


def visits(route: Route, world: World) -> list[Visit]:
    rule = rule_for(route.name)
    assert rule is not None
    path = "/" + route.route.replace("^", "").replace("$", "")
    found: list[Visit] = []
    if route.name.startswith("admin:") and route.params:
        label = re.match(r"admin/(\w+)/(\w+)/", route.route)
        if label is None:
            return []
        model = apps.get_model(label.group(1), label.group(2))
        last = model._default_manager.order_by("-pk").first()
        fills = [{route.params[0]: str(last.pk if last is not None else 999999)}]
        if len(route.params) > 1:
            return []
        levels = ["public"]
    elif route.name == "admin:audit_auditentry_record" or not route.params:
        fills, levels = [{}], ["public"]
    elif route.params == ("fmt",):
        fills, levels = [{"fmt": f} for f in ("csv", "xlsx", "json", "ftm")], ["public"] * 4
    elif route.params == ("spec",):
        fills = [{"spec": str(pk)} for pk, _ in world.records["event"]] + [{"spec": "detention:2025-01-01"}]
        levels = [lvl for _, lvl in world.records["event"]] + ["public"]
    else:
        kinds = [_kind_of(route, p) for p in route.params]
        assert len(kinds) == 1 and kinds[0] is not None, f"{route.name}: say how to fill {route.params}"
        fills = [{route.params[0]: str(pk)} for pk, _ in world.records[kinds[0]]]
        levels = [lvl for _, lvl in world.records[kinds[0]]]
    for fill, level in zip(fills, levels, strict=True):
        url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m, fill=fill: fill[m.group(1)], path)
        for query in rule.queries:
            q = query.replace("MARKER", "MARKER-")
            found.append(Visit(url + ("?" + q if q else ""), level))
    return found


# ---------------------------------------------------------------------------------------------
# What each answer should be


def expected(rule: Rule, user: Any, level: str, route: Route) -> set[int]:
    """The status codes allowed for ``user`` opening a URL of ``rule`` that shows a record of
    ``level`` (``public`` when it shows none)."""
    visible = may_read(user, level)
    allowed = {"page": {200} if visible else {404}, "post": {405}, "redirect": {302}}[rule.get]
    if rule.access in ("public", "api"):
        return allowed
    if rule.access == "anyone":
        return {200, 302} if rule.get == "page" else allowed
    if rule.access == "staff":
        if user is None or not user.is_staff:
            return {302}  # to the login page
        if user.is_superuser:
            return {200, 302, 403}  # 403: adding or deleting what is read-only (the audit log, sources)
        if route.name == "admin:index":
            return {200}
        # staff without the model's permissions: refused; a record's history redirects to the audit
        # history view, which refuses them in turn
        return {302, 403} if route.name.endswith("_history") else {403}
    # a role: anonymous visitors go to the login page, users below the role get 403
    if user is None:
        return {302, 405} if rule.get == "post" else {302}
    if not user.has_role(rule.access):
        return {403, 405} if rule.get == "post" else {403}
    return allowed


def body_text(response: Any) -> str:
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if content[:2] == b"PK":  # xlsx: the text is in the zipped XML
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    text = content.decode("utf-8", "replace")
    return text.replace("\\u002d", "-")


def forbidden_markers(user: Any) -> list[str]:
    return [m for m, level in MARKERS.items() if not may_read(user, level)]


@dataclass
class Walk:
    user: Any
    client: Client
    failures: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)

    def check(self, method: str, url: str, allowed: set[int], **kwargs: Any) -> Any:
        response = getattr(self.client, method)(url, **kwargs)
        status = response.status_code
        where = f"{method.upper()} {url}"
        if status not in allowed:
            self.failures.append(f"{where}: {status}, expected {sorted(allowed)}")
        if status == 302 and allowed == {302} and self.user is None and not url.startswith("/i18n/"):
            login = reverse("web:login")
            if not response["Location"].startswith(login) and not response["Location"].startswith("/admin/login"):
                self.failures.append(f"{where}: redirects to {response['Location']}, not to the login page")
        text = body_text(response)
        searched = re.search(r"[?&]q=([^&]*)", url)
        if searched is not None:  # the answer may repeat the words searched for
            q = searched.group(1)
            for echo in (f'"q": "{q}"', f'"q":"{q}"', f"q={q}", f'value="{q}"'):
                text = text.replace(echo, "")
        for marker in forbidden_markers(self.user):
            if marker in text:
                self.failures.append(f"{where}: shows {marker}")
        self.seen.update(m for m in MARKERS if m in text)
        return response


def client_for(user: Any) -> Client:
    """A browser session of ``user``, logged in with both factors when their role needs two."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from letapis.accounts.totp import needs_two_factor

    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        if needs_two_factor(user):
            device = TOTPDevice.objects.create(user=user, name="walk", confirmed=True)
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
    return client


# ---------------------------------------------------------------------------------------------
# The API walk: every operation of the OpenAPI schema, with each method


def api_operations() -> list[tuple[str, str, dict[str, Any]]]:
    from letapis.api.main import api

    schema = api.get_openapi_schema()
    return [(method, path, op) for path, ops in schema["paths"].items() for method, op in ops.items()]


def _api_queries(op: dict[str, Any]) -> list[str]:
    names = {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
    queries = ["limit=500" if "limit" in names else ""]
    if "q" in names:
        queries = [f"q={m}" for m in MARKERS] + ["q=Walker", "q=MARKER"]
    if "on" in names:
        queries += ["on=2025-06-01" + ("&limit=500" if "limit" in names else "")]
    if "state" in names:
        queries += ["state=proposed&limit=500"]
    if "from" in names and "q" not in names:  # a period is required (the search's is a filter)
        queries = ["from=2020-01-01&to=2026-12-31"]
    return queries


WRITE_ROLES = {
    "patch": "editor",
    "post /claims": "researcher",
    "post /sources": "researcher",
    "post": "editor",
    "delete": "editor",
    "post /subscriptions": "viewer",  # one's own alerts
    "delete /subscriptions": "viewer",
}
#: API reads that need a signed-in caller (their own records: 401 for nobody).
READ_ROLES = {
    "/api/v1/subscriptions": "viewer",
    "/api/v1/inbox": "viewer",
    "/api/v1/sources/{source_id}/file": "viewer",  # the team's, like the custody record
}


def _write_role(method: str, path: str) -> str:
    return WRITE_ROLES.get(f"{method} {path.removeprefix('/api/v1')}", WRITE_ROLES[method])


def walk_api(walk: Walk, world: World) -> None:
    user = walk.user
    for method, path, op in api_operations():
        kinds = re.findall(r"\{(\w+)_id\}", path)
        fills = [(None, "public")] if not kinds else [(pk, lvl) for pk, lvl in world.records[kinds[0]]]
        for pk, level in fills:
            url = path if pk is None else re.sub(r"\{\w+\}", str(pk), path)
            if method == "get":
                for query in _api_queries(op):
                    allowed = {200} if may_read(user, level) else {404}
                    if path in READ_ROLES and user is None:
                        allowed = {401}
                    if "q=" in query and "search" in path and query.endswith("MARKER"):
                        allowed = {200}
                    walk.check("get", url + ("?" + query if query else ""), allowed)
                continue
            role = _write_role(method, path)
            if user is None:
                allowed = {401}
            elif not user.has_role(role):
                allowed = {403}
            elif not may_read(user, level):
                allowed = {404}
            else:
                allowed = {200, 201, 400, 404, 409, 422, 428}  # 428: an edit without its version
            body = {"source_id": world.records["source"][0][0], "kind": "person", "value": {"name": "Walk"}}
            payload = body if path.endswith("/claims") else {}
            if path.endswith("/subscriptions") and method == "post":
                payload = {"target": "occupation", "target_code": "writer"}
            walk.check(method, url, allowed, data=json.dumps(payload), content_type="application/json")


# ---------------------------------------------------------------------------------------------
# The tests


def test_every_url_has_an_expectation() -> None:
    missing = sorted({r.name for r in all_routes() if rule_for(r.name) is None})
    assert missing == [], (
        "URLs without an access expectation (add them to RULES in tests/test_access_walk.py, saying who may "
        f"open them): {missing}"
    )


def test_every_api_operation_is_walked() -> None:
    operations = {(m, p) for m, p, _ in api_operations()}
    assert ("get", "/api/v1/held") in operations and ("post", "/api/v1/claims/{claim_id}/accept") in operations
    for method, path in operations:
        if method != "get":
            assert method in WRITE_ROLES, f"{method.upper()} {path}: say which role may call it in WRITE_ROLES"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(USERS))
def test_walk_every_url_as(kind: str) -> None:
    world = build_world()
    user = make_user(kind)
    walk = Walk(user, client_for(user))
    for route in all_routes():
        rule = rule_for(route.name)
        assert rule is not None, f"{route.name} has no rule: see test_every_url_has_an_expectation"
        if rule.access == "skip":
            continue
        for visit in visits(route, world):
            walk.check("get", visit.url, expected(rule, user, visit.level, route))
    walk_api(walk, world)
    assert walk.failures == [], f"{len(walk.failures)} problems as {kind}:\n" + "\n".join(walk.failures[:60])
    missing = sorted(
        m for m, level in MARKERS.items() if may_read(user, level) and m not in walk.seen | NOT_NECESSARILY_SHOWN
    )
    assert missing == [], f"{kind} may read {missing} but no page showed them: the walk saw too little"
