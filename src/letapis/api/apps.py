from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "letapis.api"
    label = "api"
    verbose_name = "JSON API"
