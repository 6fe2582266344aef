from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from mentora.accounts.models import (
    AuditEntry,
    Department,
    Invitation,
    Membership,
    Organisation,
    Site,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("first_name", "last_name", "language")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


admin.site.register(Organisation)
admin.site.register(Department)
admin.site.register(Site)
admin.site.register(Invitation)
admin.site.register(AuditEntry)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "department", "seniority_level"]
    list_filter = ["organisation", "role"]
    raw_id_fields = ["user", "manager"]
