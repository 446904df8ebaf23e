from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "letapis.audit"
    label = "audit"
    verbose_name = "Audit log"
