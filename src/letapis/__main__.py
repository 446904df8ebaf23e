"""``python -m letapis`` runs the ``letapis`` command."""

from letapis.cli import main

main()
