"""The read layer: the queries both the JSON API and the pages render.

Views validate their input, services (``do_*``) write, and this package reads: the persons list
and a person's page (:mod:`letapis.read.persons`), events and organisations
(:mod:`letapis.read.events`), and the records as plain data (:mod:`letapis.read.records`). Every
query narrows its records with :mod:`letapis.access`, the one rule of who sees what, so that
``/persons/`` and ``/api/v1/persons`` answer the same thing for the same caller. Neither
:mod:`letapis.api` nor :mod:`letapis.web` imports the other (checked by ``lint-imports``).
"""
