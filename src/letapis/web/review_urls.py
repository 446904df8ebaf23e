"""URLs of the review queue, source pages, uploads and the audit page (names in the ``web``
namespace); the views are in :mod:`letapis.web.review`."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from letapis.web.review import audit, custody, scan, upload, views

#: A claim's page, and the actions on it under it (:data:`letapis.web.review.views.CLAIM_ACTIONS`).
claim_urls: list[URLPattern] = [
    path("", views.review_claim, name="review_claim"),
    path("accept", views.accept_claim, name="review_accept"),
    path("save", views.save_claim, name="review_save"),
    path("reject", views.reject_claim, name="review_reject"),
    path("undo", views.undo_claim, name="review_undo"),
    path("settle", views.settle_claim, name="review_settle"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("sources/<int:pk>/", views.source_page, name="source"),
    path("sources/<int:pk>/custody/", custody.custody_page, name="source_custody"),
    path("sources/<int:pk>/custody.pdf", custody.custody_pdf, name="source_custody_pdf"),
    path("sources/<int:pk>/file", custody.source_file, name="source_file"),
    path("sources/<int:pk>/pages/<int:number>.png", scan.page_image, name="page_image"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/sources/<int:pk>/", views.review_source, name="review_source"),
    path("review/sources/<int:pk>/accept-all", views.accept_all, name="review_accept_all"),
    path("review/claims/<int:pk>/", include(claim_urls)),
    path("upload/", upload.upload, name="upload"),
    path("upload/jobs/", upload.upload_status, name="upload_status"),
    path("audit/", audit.audit, name="audit"),
    path("audit/verify", audit.audit_verify, name="audit_verify"),
]
