import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="HrImport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("file_name", models.CharField(max_length=255, verbose_name="file name")),
                ("sha256", models.CharField(max_length=64)),
                ("source", models.TextField(blank=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("planning", "Checking the file"),
                            ("dry_run", "Ready to apply"),
                            ("applying", "Applying"),
                            ("applied", "Applied"),
                            ("failed", "Failed"),
                        ],
                        default="planning",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("file_error", models.JSONField(blank=True, default=dict)),
                ("plan_digest", models.CharField(blank=True, max_length=64)),
                ("counts", models.JSONField(blank=True, default=dict)),
                ("applied_counts", models.JSONField(blank=True, default=dict)),
                ("skipped_rejected", models.BooleanField(default=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("planned_at", models.DateTimeField(blank=True, null=True)),
                ("applied_at", models.DateTimeField(blank=True, null=True)),
                ("replanned_at", models.DateTimeField(blank=True, null=True)),
                (
                    "applied_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hr_imports",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "HR import",
                "verbose_name_plural": "HR imports",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="HrImportRow",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("line", models.PositiveIntegerField()),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("create", "Create"),
                            ("update", "Update"),
                            ("unchanged", "Unchanged"),
                            ("reject", "Rejected"),
                        ],
                        max_length=12,
                    ),
                ),
                ("employee_id", models.CharField(blank=True, max_length=64)),
                ("email", models.CharField(blank=True, max_length=254)),
                ("name", models.CharField(blank=True, max_length=301)),
                ("changes", models.JSONField(blank=True, default=list)),
                ("errors", models.JSONField(blank=True, default=list)),
                (
                    "hr_import",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="rows",
                        to="accounts.hrimport",
                    ),
                ),
            ],
            options={
                "ordering": ["line"],
                "indexes": [models.Index(fields=["hr_import", "action", "line"], name="accounts_hr_hr_impo_8bb7d7_idx")],
            },
        ),
    ]
