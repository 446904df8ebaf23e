from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "letapis.registry"
    label = "registry"
    verbose_name = "Registry"

    def ready(self) -> None:
        from letapis.registry import spans

        spans.connect()  # status spans follow every change of events and involvements
