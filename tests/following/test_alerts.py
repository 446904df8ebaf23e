"""Alerts (issue 19): following a person, a place, an occupation or an organisation; an inbox
item (and an email when asked) when a reviewer accepts a claim about it — only for users who
may see the claim and what links it to their subscription."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from letapis.following import alerts
from letapis.following.models import InboxItem, Subscription
from letapis.registry import services as s
from letapis.registry.models import Claim
from letapis.registry.services import ServiceError
from letapis.review.services import do_accept_claim

TEXT = "Ina Writer was detained in Minsk. Ina Writer is a poet. A letter says more."


@pytest.fixture
def world(db: Any, django_user_model: Any) -> dict[str, Any]:
    """A public writer, a place, an organisation, a source with proposed claims, an editor who
    accepts them and three followers: a viewer, a viewer with the grant, and one more."""
    ina = s.do_create_person(None, names=["Ina Writer"], confidentiality="public", publishable=True)
    s.do_add_occupation(None, ina, "writer", confidentiality="public")
    pen = s.do_create_organisation(None, "Alert PEN", kind="pen_centre", confidentiality="public")
    s.do_add_membership(None, ina, pen, confidentiality="public")
    sizo = s.do_create_place(None, "Alert SIZO No. 1", kind="sizo", confidentiality="public")
    source = s.do_create_source(
        None, data=TEXT.encode(), filename="alert.txt", text=TEXT, title="Alert letter", confidentiality="public"
    )[0]
    editor = django_user_model.objects.create_user("alert-editor", role="editor", sees_confidential=True)
    viewer = django_user_model.objects.create_user("alert-viewer", role="viewer", email="viewer@example.org")
    confidant = django_user_model.objects.create_user(
        "alert-confidant", role="viewer", email="confidant@example.org", sees_confidential=True
    )
    return {
        "ina": ina,
        "pen": pen,
        "sizo": sizo,
        "source": source,
        "editor": editor,
        "viewer": viewer,
        "confidant": confidant,
    }


def accept(w: dict[str, Any], capture: Any, **claim: Any) -> Claim:
    made = s.do_record_claim(None, w["source"], **claim)
    with capture(execute=True):
        return do_accept_claim(w["editor"], made)


def occupation_claim(w: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "kind": "occupation",
        "value": {"occupation": "poet"},
        "quote": "Ina Writer is a poet",
        "person": w["ina"],
    } | extra


@pytest.mark.parametrize("target", ["person", "occupation", "organisation"])
def test_an_accepted_claim_reaches_each_follower_once(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any, target: str
) -> None:
    w = world
    ids = {"person": (w["ina"].pk, ""), "occupation": (None, "writer"), "organisation": (w["pen"].pk, "")}
    target_id, code = ids[target]
    alerts.do_subscribe(w["viewer"], target, target_id=target_id, target_code=code, email=True)
    other = ("occupation", None, "writer") if target == "person" else ("person", w["ina"].pk, "")
    alerts.do_subscribe(w["viewer"], other[0], target_id=other[1], target_code=other[2])  # two matches: one item
    mail.outbox.clear()
    claim = accept(w, django_capture_on_commit_callbacks, **occupation_claim(w))
    (item,) = InboxItem.objects.filter(user=w["viewer"])
    assert item.claim_id == claim.pk
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["viewer@example.org"]
    assert "Ina Writer" in mail.outbox[0].body and "Ina Writer is a poet" in mail.outbox[0].body
    html, kind = mail.outbox[0].alternatives[0]
    assert kind == "text/html" and "Ina Writer" in html
    assert not InboxItem.objects.filter(user=w["confidant"]).exists()  # follows nothing


def test_a_place_subscription_hears_of_an_event_there(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    w = world
    alerts.do_subscribe(w["viewer"], "place", target_id=w["sizo"].pk)
    event = s.do_create_event(None, type="detention", date="2025-12-10", place=w["sizo"], victims=[w["ina"]])
    accept(
        w,
        django_capture_on_commit_callbacks,
        kind="event",
        value={"type": "detention", "date": "2025-12-10"},
        quote="Ina Writer was detained in Minsk",
        event=event,
    )
    assert InboxItem.objects.filter(user=w["viewer"]).count() == 1
    assert mail.outbox == []  # no email asked


def test_a_confidential_claim_never_reaches_a_user_without_the_grant(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    w = world
    for user in (w["viewer"], w["confidant"]):
        alerts.do_subscribe(user, "person", target_id=w["ina"].pk, email=True)
    mail.outbox.clear()
    claim = accept(w, django_capture_on_commit_callbacks, **occupation_claim(w, confidentiality="confidential"))
    assert not InboxItem.objects.filter(user=w["viewer"]).exists()
    assert InboxItem.objects.filter(user=w["confidant"], claim=claim).exists()
    assert [m.to for m in mail.outbox] == [["confidant@example.org"]]
    assert alerts.inbox_rows(w["viewer"], list(alerts.inbox_items(w["viewer"]))) == []


def test_a_public_claim_reached_only_through_a_confidential_link_is_not_told(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """Following "journalist": Ina's journalism is confidential, so a public fact about her must
    not tell a viewer that she is one."""
    w = world
    s.do_add_occupation(None, w["ina"], "journalist", confidentiality="confidential")
    secret_org = s.do_create_organisation(None, "Secret Circle", kind="ngo", confidentiality="confidential")
    s.do_add_membership(None, w["ina"], secret_org, confidentiality="confidential")
    for user in (w["viewer"], w["confidant"]):
        alerts.do_subscribe(user, "occupation", target_code="journalist", email=True)
    with pytest.raises(ServiceError):  # an organisation the viewer may not see: as if none
        alerts.do_subscribe(w["viewer"], "organisation", target_id=secret_org.pk)
    alerts.do_subscribe(w["confidant"], "organisation", target_id=secret_org.pk)
    mail.outbox.clear()
    accept(w, django_capture_on_commit_callbacks, **occupation_claim(w))
    assert not InboxItem.objects.filter(user=w["viewer"]).exists()
    assert InboxItem.objects.filter(user=w["confidant"]).count() == 1
    assert [m.to for m in mail.outbox] == [["confidant@example.org"]]


def test_a_hidden_person_or_place_cannot_be_followed(world: dict[str, Any]) -> None:
    w = world
    secret = s.do_create_person(None, names=["Secret"], confidentiality="confidential", publishable=True)
    hidden_place = s.do_create_place(None, "Hidden SIZO", kind="sizo", confidentiality="confidential")
    for target, pk in (("person", secret.pk), ("place", hidden_place.pk), ("person", 999999)):
        with pytest.raises(ServiceError, match=f"no {target}"):
            alerts.do_subscribe(w["viewer"], target, target_id=pk)
    assert alerts.do_subscribe(w["confidant"], "person", target_id=secret.pk).pk
    with pytest.raises(ServiceError):
        alerts.do_subscribe(w["viewer"], "occupation", target_code="no-such-occupation")
    with pytest.raises(ServiceError):
        alerts.do_subscribe(None, "person", target_id=w["ina"].pk)


def test_subscribing_again_changes_only_the_email_and_unsubscribe_is_ones_own(world: dict[str, Any]) -> None:
    w = world
    first = alerts.do_subscribe(w["viewer"], "occupation", target_code="writer")
    again = alerts.do_subscribe(w["viewer"], "occupation", target_code="writer", email=True)
    assert first.pk == again.pk and Subscription.objects.get(pk=first.pk).email
    with pytest.raises(ServiceError):
        alerts.do_unsubscribe(w["confidant"], first.pk)
    assert alerts.do_unsubscribe(w["viewer"], target="occupation", target_code="writer")
    assert not Subscription.objects.exists()


def test_the_inbox_renders_at_read_time(world: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    w = world
    alerts.do_subscribe(w["viewer"], "person", target_id=w["ina"].pk)
    claim = accept(w, django_capture_on_commit_callbacks, **occupation_claim(w))
    client = Client()
    client.force_login(w["viewer"])
    page = client.get("/inbox/")
    assert page.status_code == 200 and "Ina Writer is a poet" in page.content.decode()
    assert alerts.unread_count(w["viewer"]) == 1
    item = InboxItem.objects.get(user=w["viewer"])
    assert client.post("/inbox/read/", {"item": str(item.pk)}).status_code == 302
    assert alerts.unread_count(w["viewer"]) == 0
    # the claim is made confidential later: the item is no longer shown to the viewer
    s.do_set_confidentiality(w["editor"], claim, "confidential")
    assert "Ina Writer is a poet" not in client.get("/inbox/").content.decode()
    assert client.get("/api/v1/inbox").json()["count"] == 0


def test_the_alerts_page_and_the_follow_button(world: dict[str, Any]) -> None:
    w = world
    client = Client()
    client.force_login(w["viewer"])
    person_page = client.get(f"/persons/{w['ina'].pk}/").content.decode()
    assert 'data-testid="follow"' in person_page and "Follow" in person_page
    answer = client.post(
        "/following/alerts/add/",
        {"target": "person", "target_id": str(w["ina"].pk), "next": f"/persons/{w['ina'].pk}/"},
    )
    assert answer.status_code == 302 and answer["Location"] == f"/persons/{w['ina'].pk}/"
    assert "Stop following" in client.get(f"/persons/{w['ina'].pk}/").content.decode()
    page = client.get("/following/alerts/?q=Ina Writer").content.decode()
    assert "Ina Writer" in page and 'data-testid="found"' in page
    client.post("/following/alerts/add/", {"target": "occupation", "target_code": "poet", "email": "1"})
    subs = {x.target: x for x in Subscription.objects.filter(user=w["viewer"])}
    assert set(subs) == {"person", "occupation"} and subs["occupation"].email
    client.post("/following/alerts/remove/", {"subscription": str(subs["person"].pk)})
    assert set(Subscription.objects.filter(user=w["viewer"]).values_list("target", flat=True)) == {"occupation"}
    assert 'data-testid="follow"' not in Client().get(f"/persons/{w['ina'].pk}/").content.decode()
    organisation_page = client.get(f"/organisations/{w['pen'].pk}/").content.decode()
    assert 'data-testid="follow"' in organisation_page and 'name="target" value="organisation"' in organisation_page


def test_the_api(world: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    w = world
    anonymous = Client()
    assert anonymous.get("/api/v1/subscriptions").status_code == 401
    assert anonymous.get("/api/v1/inbox").status_code == 401
    client = Client()
    client.force_login(w["viewer"])
    made = client.post(
        "/api/v1/subscriptions", {"target": "person", "target_id": w["ina"].pk}, content_type="application/json"
    )
    assert made.status_code == 201 and made.json()["label"] == "Ina Writer"
    secret = s.do_create_person(None, names=["Secret"], confidentiality="confidential", publishable=True)
    hidden = client.post(
        "/api/v1/subscriptions", {"target": "person", "target_id": secret.pk}, content_type="application/json"
    )
    assert hidden.status_code == 404
    assert client.get("/api/v1/subscriptions").json()["count"] == 1
    accept(w, django_capture_on_commit_callbacks, **occupation_claim(w))
    inbox = client.get("/api/v1/inbox").json()
    assert inbox["count"] == 1 and inbox["unread"] == 1
    assert inbox["results"][0]["person"]["name"] == "Ina Writer"
    assert inbox["results"][0]["summary"] == "poet"
    assert inbox["results"][0]["subscription"]["label"] == "Ina Writer"
    gone = client.delete(f"/api/v1/subscriptions?id={made.json()['id']}")
    assert gone.status_code == 200 and client.get("/api/v1/subscriptions").json()["count"] == 0
    assert client.delete("/api/v1/subscriptions").status_code == 400
    assert client.delete("/api/v1/subscriptions?id=999").status_code == 404


def test_a_rejected_or_unaccepted_claim_alerts_nobody(world: dict[str, Any]) -> None:
    w = world
    alerts.do_subscribe(w["viewer"], "person", target_id=w["ina"].pk)
    claim = s.do_record_claim(None, w["source"], **occupation_claim(w))
    assert alerts.notify_accepted(claim) == []


def test_an_undone_accept_leaves_the_inbox(world: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    from letapis.review.services import do_undo_review

    w = world
    alerts.do_subscribe(w["viewer"], "person", target_id=w["ina"].pk)
    claim = accept(w, django_capture_on_commit_callbacks, **occupation_claim(w))
    assert alerts.unread_count(w["viewer"]) == 1
    do_undo_review(w["editor"], claim)
    assert alerts.unread_count(w["viewer"]) == 0 and list(alerts.inbox_items(w["viewer"])) == []
