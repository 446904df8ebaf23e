"""Account commands: a user's second factor (``letapis totp …``) and lifting a login lockout."""

from __future__ import annotations

from typing import Any

import click

from letapis.cli import UserError, main, setup_django


def _user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise UserError(f"no user named {username!r}: create one with `letapis createuser`")
    return user


@main.group()
def totp() -> None:
    """Two-factor login: authenticator-app (TOTP) devices of users.

    Editors and admins must log in with a code from such a device. They can set one up at their
    first login; an administrator can also make one here and hand the URI to the user.
    """


@totp.command("setup")
@click.argument("username")
@click.option("--qr", is_flag=True, help="Also print the URI as a QR code in the terminal.")
def totp_setup(username: str, qr: bool) -> None:
    """Give USERNAME a new TOTP device (replacing any other) and print its otpauth:// URI once.

    Add the URI to an authenticator app (or scan it with --qr); it holds the secret, so hand it
    over privately. The user's old codes stop working at once.
    """
    setup_django()
    from letapis.accounts import totp as two_factor

    user = _user(username)
    if not user.is_active:
        raise UserError(f"user {username!r} is not active")
    device = two_factor.do_setup_totp(None, user)
    uri = two_factor.otpauth_uri(device)
    click.echo(f"TOTP device set up for {username} (shown once, keep it secret):")
    click.echo(uri)
    click.echo(f"Secret for typing by hand: {two_factor.secret_text(device)}")
    if qr:
        import segno

        segno.make(uri, error="m").terminal(compact=True)


@totp.command("remove")
@click.argument("username")
def totp_remove(username: str) -> None:
    """Remove every TOTP device of USERNAME (a lost phone). An editor or admin then sets up a
    new one at the next login, after the password."""
    setup_django()
    from letapis.accounts import totp as two_factor

    count = two_factor.do_remove_totp(None, _user(username))
    click.echo(f"Removed {count} device(s) of {username}.")


@totp.command("status")
def totp_status() -> None:
    """List users who must log in with a code, and whether they have a device."""
    setup_django()
    from django.contrib.auth import get_user_model

    from letapis.accounts import totp as two_factor

    for user in get_user_model().objects.filter(is_active=True).order_by("username"):
        required = two_factor.needs_two_factor(user)
        has = two_factor.has_device(user)
        if required or has:
            state = "device set up" if has else "NO DEVICE: sets one up at the next login"
            click.echo(f"{user.get_username():<20} {user.role:<11} {'required' if required else 'optional':<9} {state}")


@main.command()
@click.argument("username")
def unlock(username: str) -> None:
    """Lift the lockout of USERNAME after too many failed logins (from every address)."""
    setup_django()
    from axes.utils import reset

    count = reset(username=username)
    click.echo(f"Unlocked {username} ({count} lockout record(s) removed).")
