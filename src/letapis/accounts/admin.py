from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from letapis.accounts.models import User


@admin.register(User)
class LetapisUserAdmin(UserAdmin):
    list_display = ("username", "email", "role", "sees_confidential", "is_active", "last_login")
    list_filter = ("role", "sees_confidential", "is_active")
    fieldsets = (*UserAdmin.fieldsets, ("Letapis", {"fields": ("role", "sees_confidential")}))  # type: ignore[misc]
