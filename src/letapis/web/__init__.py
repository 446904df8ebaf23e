"""The web application monitors work in: dashboard, persons, sources, the review queue, uploads.

Views validate their input and call the same services as the command line and the API; what a
user may see is decided by :mod:`letapis.access` and :mod:`letapis.web.access`.
"""
