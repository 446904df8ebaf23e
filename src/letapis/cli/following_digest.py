"""The weekly digest on the command line (issue 19):

    letapis following digest --week DATE [--markdown] [--lang en|be|ru] [--public] [--out FILE]
    letapis following digest --week DATE --email USER… | --email-all

Printed, the digest is the operator's (every level) unless ``--public``; mailed, each recipient
gets the digest of their own tier, built for them (:func:`letapis.following.digest.send_digests`).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from letapis.cli import UserError, main, setup_django
from letapis.cli.registry import parse_day
from letapis.cli.reports import LANG, report_user


def following_group() -> click.Group:
    """The ``letapis following`` group, shared by the parts of issue 19 (made by whichever
    module is loaded first)."""
    try:  # the watch lists' module makes the group when it is there: load it first
        importlib.import_module("letapis.cli.following")
    except ModuleNotFoundError as exc:
        if exc.name != "letapis.cli.following":
            raise
    existing = main.commands.get("following")
    if isinstance(existing, click.Group):
        return existing

    @main.group(name="following")
    def following() -> None:
        """Following each case: the weekly digest, watch lists, places and terms."""

    return following


@following_group().command(name="digest")
@click.option("--week", metavar="DATE", help="Any day of the week (YYYY-MM-DD); default today.")
@click.option("--markdown", is_flag=True, help="Markdown instead of HTML.")
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.option("--public", is_flag=True, help="Printed: only public records of publishable persons.")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: standard output)."
)
@click.option("--email", "email", is_flag=True, help="Mail it to the USERS given (by user name) instead of printing.")
@click.option("--email-all", is_flag=True, help="Mail it to every active user with an email address.")
@click.option("--site-url", metavar="URL", help="Base of the links (default: the LETAPIS_SITE_URL setting).")
@click.argument("users", nargs=-1, metavar="[USERS]...")
def digest_command(
    week: str | None,
    markdown: bool,
    lang: str,
    public: bool,
    out: Path | None,
    email: bool,
    email_all: bool,
    site_url: str | None,
    users: tuple[str, ...],
) -> None:
    """The weekly digest (Monday to Sunday): arrests, verdicts, releases, expulsions, transfers
    and deaths in custody, each with its persons and sources. Mailed with --email USER… or
    --email-all, each recipient gets the digest of their own access, in text and HTML."""
    day = parse_day(week)
    if users and not email:
        raise UserError("user names are given only with --email")
    if email and not users:
        raise UserError("--email needs the user names to mail to (or use --email-all)")
    if email and email_all:
        raise UserError("use --email USER… or --email-all, not both")
    setup_django()
    from letapis.following import digest as digests

    try:
        digests.week_of(day)
    except digests.WeekOutOfRange as exc:
        raise UserError(str(exc)) from exc
    if email or email_all:
        from django.contrib.auth import get_user_model

        model = get_user_model()
        if email_all:
            recipients = list(model.objects.filter(is_active=True).exclude(email="").order_by("username"))
        else:
            found = {u.get_username(): u for u in model.objects.filter(username__in=users)}
            unknown = [name for name in users if name not in found]
            if unknown:
                raise UserError(f"no user {', '.join(unknown)}")
            recipients = [found[name] for name in users]
            without = [u.get_username() for u in recipients if not u.email or not u.is_active]
            if without:
                raise UserError(f"no email address (or not active): {', '.join(without)}")
        sent = digests.send_digests(day, recipients, lang, site_url)
        for s in sent:
            counts = ", ".join(f"{k} {n}" for k, n in s.sections.items())
            click.echo(f"Mailed {s.username} <{s.email}> the {s.tier} digest ({counts}).")
        if not sent:
            click.echo("Nobody to mail: no active user with an email address.")
        return
    data = digests.build_digest(day, report_user(public), lang)
    url = digests.site_url() if site_url is None else site_url
    content = digests.render_markdown(data, url) if markdown else digests.render_html(data, url)
    if out is None:
        click.echo(content, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(content, encoding="utf-8")
    click.echo(f"Wrote {out}.", err=True)
