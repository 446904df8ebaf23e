"""``{% load following %}{% follow_button "person" person.pk %}``: the Follow (or Stop
following) button of a record's page, for a signed-in user (nothing for an anonymous visitor)."""

from __future__ import annotations

from typing import Any

from django import template

from letapis.following.alerts import is_following

register = template.Library()


@register.inclusion_tag("following/_follow_button.html", takes_context=True)
def follow_button(context: Any, target: str, target_id: int | None = None, target_code: str = "") -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    return {
        "follow": {
            "signed_in": signed_in,
            "subscription": is_following(user, target, target_id, target_code)
            if user is not None and signed_in
            else None,
            "target": target,
            "target_id": target_id,
            "target_code": target_code,
            "next": request.get_full_path() if request is not None else "",
        },
        "csrf_token": context.get("csrf_token"),
    }
