from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice as ClearTOTPDevice

from letapis.accounts.models import EncryptedTOTPDevice, User
from letapis.readonly_admin import ReadOnlyAdmin

# django-otp's own device admin would make devices whose secret is stored in clear: devices are
# made with `letapis totp setup` or at login (letapis.accounts.totp), and only listed here.
if admin.site.is_registered(ClearTOTPDevice):
    admin.site.unregister(ClearTOTPDevice)


@admin.register(EncryptedTOTPDevice)
class EncryptedTOTPDeviceAdmin(ReadOnlyAdmin):
    """Who has a device, and when it was last used; never its secret. Read-only: set up and
    remove devices with ``letapis totp setup|remove USER`` (audited)."""

    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    fields = ("user", "name", "confirmed", "created_at", "last_used_at", "throttling_failure_count")
    readonly_fields = fields


if TYPE_CHECKING:  # the admin's generic parameter exists for the type checker only
    _UserAdmin = UserAdmin[User]
else:
    _UserAdmin = UserAdmin


@admin.register(User)
class LetapisUserAdmin(_UserAdmin):
    list_display = ("username", "email", "role", "sees_confidential", "is_active", "last_login")
    list_filter = ("role", "sees_confidential", "is_active")
    fieldsets = (*UserAdmin.fieldsets, ("Letapis", {"fields": ("role", "sees_confidential")}))  # type: ignore[misc]  # stubs: may be None
