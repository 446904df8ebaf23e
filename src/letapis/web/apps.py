from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "letapis.web"
    label = "web"
    verbose_name = "Web pages"
