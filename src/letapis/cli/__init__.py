"""The ``letapis`` command: one Click group with help on every command.

Commands that need the database call :func:`setup_django` first; commands of the Django-free
cores (``letapis names …``, ``letapis extract``) run without one. A user's mistake ends in one
clear line and a non-zero exit (:class:`UserError`), never a traceback.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path

import click
from click.decorators import FC

#: Modules that add their commands to :data:`main` when imported.
COMMAND_MODULES = (
    "letapis.cli.registry",
    "letapis.cli.names",
    "letapis.cli.dedupe",
    "letapis.cli.extract",
    "letapis.cli.review",
    "letapis.cli.reports",
    "letapis.cli.api",
    "letapis.cli.accounts",
    "letapis.cli.dev",
    "letapis.cli.audit",
    "letapis.cli.backup",
    "letapis.cli.following",
    "letapis.cli.following_digest",
    "letapis.cli.custody",
    "letapis.cli.search",
)


#: The confidentiality levels (letapis.access.levels, which needs Django set up to import).
LEVELS = ("public", "internal", "confidential")


def level_option(*names: str, default: str, help: str) -> Callable[[FC], FC]:
    """An option naming a confidentiality level, ``default`` unless given."""
    return click.option(*names, type=click.Choice(LEVELS), default=default, show_default=True, help=help)


def new_file_option(help: str) -> Callable[[FC], FC]:
    """The required ``--out`` option of a file the command writes (it must not exist)."""
    return click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help=help)


class UserError(click.ClickException):
    """A mistake of the caller: printed as ``Error: …`` with exit status 1."""


def setup_django() -> None:
    """Configure Django from the environment (idempotent)."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letapis.settings")
    try:
        django.setup()
    except ImproperlyConfigured as exc:  # a bad setting is the caller's to fix
        raise UserError(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="letapis")
def main() -> None:
    """Letapis: documentation and monitoring of political prisoners."""


def _load_commands() -> None:
    for name in COMMAND_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a module that exists but fails to import is a bug: show it
                raise


_load_commands()
