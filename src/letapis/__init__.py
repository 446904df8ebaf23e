"""Letapis — a chronicle of political prisoners and violations of cultural rights.

Two Django-free cores, :mod:`letapis.names` and :mod:`letapis.extract`, sit beside the Django
apps (:mod:`letapis.registry`, :mod:`letapis.review`, …) that call them.
"""

__version__ = "0.1.0"
