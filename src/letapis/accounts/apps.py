from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "letapis.accounts"
    label = "accounts"
    verbose_name = "Accounts"
