"""What monitors publish: statistics, charts, monitoring reports, statement drafts, imports,
exports and the static public site — all built on the registry's own queries
(:mod:`letapis.registry.status`, :mod:`letapis.registry.queries`) and its access rules
(:mod:`letapis.access`).

Modules, one job each:

``stats``       numbers with the ids of the persons behind each of them
``language``    labels, numerals, dates, countries and person names in en/be/ru (data in ``data/``)
``statement``   a statement draft for an event, each sentence linked to the facts it uses
``charts``      SVG/PNG charts with titles, labelled axes and data tables
``monitoring``  the monitoring report for a period (HTML, Markdown, PDF)
``pdf``         the PDF renderer (fpdf2 with the DejaVu font shipped by matplotlib)
``exports``     CSV, XLSX, JSON and FollowTheMoney exports
``imports``     import of existing lists (CSV/XLSX) with a column mapping and a dry run
``publish``     the static public site
"""
