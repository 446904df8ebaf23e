"""The web application monitors work in: dashboard, persons, sources, the review queue, uploads.

Views validate their input, read through the read layer (:mod:`letapis.read`, which the API
reads through too) and write through the same services as the command line and the API; what a
user may see is decided by :mod:`letapis.access` and :mod:`letapis.web.access`. The pages never
import the API (docs/architecture.md).
"""
