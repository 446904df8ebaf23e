from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "letapis.review"
    label = "review"
    verbose_name = "Ingest and review"
