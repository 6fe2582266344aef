"""Imports of employees from an HR system export: the stored file, its plan and its report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# When the people missing from a file would be marked as left, more than this share of the
# members with an employee ID asks the admin for an explicit confirmation: a partial export
# (one site, one department) uploaded by mistake would otherwise empty the organisation.
LARGE_DEPARTURE_PERCENT = 20


def is_large_departure(leaving: int, roster: int) -> bool:
    """More than LARGE_DEPARTURE_PERCENT of the `roster` (members with an employee ID)."""
    return leaving * 100 > roster * LARGE_DEPARTURE_PERCENT


class HrImportStatus(models.TextChoices):
    PLANNING = "planning", _("Checking the file")
    DRY_RUN = "dry_run", _("Ready to apply")
    APPLYING = "applying", _("Applying")
    APPLIED = "applied", _("Applied")
    FAILED = "failed", _("Failed")


class HrImport(models.Model):
    """One uploaded HR file: kept with its dry-run report so that Apply does what was shown."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="hr_imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    # The decoded file: Apply parses it again and re-plans against the organisation as it is.
    source = models.TextField(blank=True)
    # The admin said the file lists everyone still employed: members with an employee ID who
    # are missing from it are marked as left (see HrImportDeparture).
    absent_have_left = models.BooleanField(
        _("people missing from the file have left"), default=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=HrImportStatus.choices, default=HrImportStatus.PLANNING
    )
    # A whole-file problem (missing column, wrong encoding…): code and parameters, translated
    # when shown so that each admin reads it in their own language.
    file_error = models.JSONField(default=dict, blank=True)
    plan_digest = models.CharField(max_length=64, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    applied_counts = models.JSONField(default=dict, blank=True)
    skipped_rejected = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    planned_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    # Set when Apply found that the organisation had changed since the dry run and re-planned.
    replanned_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "accounts_hrimport"
        verbose_name = _("HR import")
        verbose_name_plural = _("HR imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"

    @property
    def is_busy(self) -> bool:
        return self.status in {HrImportStatus.PLANNING, HrImportStatus.APPLYING}

    def count(self, key: str) -> int:
        return int(self.counts.get(key, 0))

    @property
    def needs_departure_confirmation(self) -> bool:
        """The file would mark a large share of the organisation as left (see the constant)."""
        return is_large_departure(self.count("absent_leaving"), self.count("roster"))

    @property
    def departure_share(self) -> int:
        """Percentage of the members with an employee ID that the file marks as left."""
        roster = self.count("roster")
        return round(100 * self.count("absent_leaving") / roster) if roster else 0


class HrImportRowAction(models.TextChoices):
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    UNCHANGED = "unchanged", _("Unchanged")
    REJECT = "reject", _("Rejected")


class HrImportRow(models.Model):
    """One line of the dry-run report: what will happen to one employee, and why."""

    hr_import = models.ForeignKey(HrImport, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField()
    action = models.CharField(max_length=12, choices=HrImportRowAction.choices)
    employee_id = models.CharField(max_length=64, blank=True)
    email = models.CharField(max_length=254, blank=True)
    name = models.CharField(max_length=301, blank=True)
    # [[field, old, new], …] for updates; [[code, {params}], …] for rejections.
    changes = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "accounts_hrimportrow"
        ordering = ["line"]
        indexes = [models.Index(fields=["hr_import", "action", "line"])]

    def __str__(self) -> str:
        return f"{self.line}: {self.action}"


class HrImportDeparture(models.Model):
    """A member missing from a file that lists everyone still employed: left once applied.

    Kept after the import as the record of whom it marked as left, and why.
    """

    hr_import = models.ForeignKey(HrImport, on_delete=models.CASCADE, related_name="departures")
    membership = models.ForeignKey(
        "accounts.Membership", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    employee_id = models.CharField(max_length=64)
    email = models.CharField(max_length=254, blank=True)
    name = models.CharField(max_length=301, blank=True)
    # A leave date still to come (a notice period) that the import replaces with its own day.
    left_on_before = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "accounts_hrimportdeparture"
        ordering = ["name", "employee_id", "pk"]

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.name}"
