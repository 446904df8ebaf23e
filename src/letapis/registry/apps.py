from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "letapis.registry"
    label = "registry"
    verbose_name = "Registry"

    def ready(self) -> None:
        from letapis.registry import audited, spans

        spans.connect()  # status spans follow every change of events and involvements
        audited.register()  # what the audit log verifies of the registry, and who reads its entries
