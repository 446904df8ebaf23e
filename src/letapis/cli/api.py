"""API token commands: ``letapis token create|list|revoke``.

A token is printed once, when it is created; only its SHA-256 is stored. Scripts send it as
``Authorization: Bearer <token>`` and act with the user's role and confidentiality.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from letapis.cli import UserError, main, setup_django

if TYPE_CHECKING:  # the models load after setup_django()
    from letapis.accounts.models import User


@main.group()
def token() -> None:
    """API tokens for scripts (Authorization: Bearer …)."""


def _user(username: str) -> User:
    from letapis.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        raise UserError(f"no user named {username!r}: create one with `letapis createuser`")
    if not user.is_active:
        raise UserError(f"user {username!r} is not active")
    return user


@token.command("create")
@click.argument("username")
@click.option("--name", default="", help="What the token is for, e.g. the script's name.")
def create(username: str, name: str) -> None:
    """Create a token for USERNAME and print it once (it cannot be shown again)."""
    setup_django()
    from letapis.api.tokens import do_create_token

    record, text = do_create_token(None, _user(username), name)
    click.echo(f"Created token {record.prefix}… for {username} (role and confidential access are the user's).")
    click.echo("Token (shown once, keep it secret):")
    click.echo(text)


@token.command("list")
@click.option("--user", "username", help="Only this user's tokens.")
def list_tokens(username: str | None) -> None:
    """List tokens by their prefix (never the tokens themselves)."""
    setup_django()
    from letapis.api.models import ApiToken

    tokens = ApiToken.objects.select_related("user").order_by("id")
    if username is not None:
        tokens = tokens.filter(user__username=username)
    for t in tokens:
        state = "revoked " + t.revoked_at.isoformat(timespec="seconds") if t.revoked_at else "active"
        used = t.last_used_at.isoformat(timespec="seconds") if t.last_used_at else "never"
        click.echo(f"{t.prefix}…  {t.user.get_username():<16} {state:<28} last used {used}  {t.name}")


@token.command("revoke")
@click.argument("prefix")
@click.option("--user", "username", help="Only among this user's tokens.")
def revoke(prefix: str, username: str | None) -> None:
    """Revoke a token by its PREFIX (see `letapis token list`); it stops working at once.

    PREFIX may also be the whole token."""
    setup_django()
    from letapis.api.models import ApiToken
    from letapis.api.tokens import digest_of, do_revoke_token

    prefix = prefix.rstrip("…").strip()
    if len(prefix) < 6:
        raise UserError("give at least 6 characters of the token (e.g. lt_AbC123)")
    tokens = ApiToken.objects.filter(revoked_at__isnull=True)
    if username is not None:
        tokens = tokens.filter(user__username=username)
    matches = list(tokens.filter(digest=digest_of(prefix))) or [t for t in tokens if prefix.startswith(t.prefix)]
    if len(matches) == 0:
        matches = list(tokens.filter(prefix__startswith=prefix))
    if len(matches) == 0:
        raise UserError(f"no active token starts with {prefix!r}")
    if len(matches) > 1:
        raise UserError(f"{len(matches)} tokens start with {prefix!r}: add --user or give more characters")
    done = do_revoke_token(None, matches[0])
    click.echo(f"Revoked token {done.prefix}… of {done.user.get_username()}.")
