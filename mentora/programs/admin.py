from django.contrib import admin

from mentora.programs.models import Objective, Programme


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "status", "starts_on"]
    list_filter = ["organisation", "kind", "status"]
    inlines = [ObjectiveInline]
