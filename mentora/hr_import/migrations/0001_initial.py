# Takes over the HR import models of the accounts app and their existing tables.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _adopt_content_types(apps, schema_editor):
    """Permissions and admin history follow the models to this app."""
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in ['hrimport', 'hrimportrow', 'hrimportdeparture']:
        if not content_type.objects.filter(app_label='hr_import', model=model).exists():
            content_type.objects.filter(app_label='accounts', model=model).update(app_label='hr_import')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('accounts', '0004_hr_import_moves_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HrImport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file_name', models.CharField(max_length=255, verbose_name='file name')),
                        ('sha256', models.CharField(max_length=64)),
                        ('source', models.TextField(blank=True)),
                        ('absent_have_left', models.BooleanField(default=False, verbose_name='people missing from the file have left')),
                        ('status', models.CharField(choices=[('planning', 'Checking the file'), ('dry_run', 'Ready to apply'), ('applying', 'Applying'), ('applied', 'Applied'), ('failed', 'Failed')], default='planning', max_length=20, verbose_name='status')),
                        ('file_error', models.JSONField(blank=True, default=dict)),
                        ('plan_digest', models.CharField(blank=True, max_length=64)),
                        ('counts', models.JSONField(blank=True, default=dict)),
                        ('applied_counts', models.JSONField(blank=True, default=dict)),
                        ('skipped_rejected', models.BooleanField(default=False)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('planned_at', models.DateTimeField(blank=True, null=True)),
                        ('applied_at', models.DateTimeField(blank=True, null=True)),
                        ('replanned_at', models.DateTimeField(blank=True, null=True)),
                        ('applied_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='hr_imports', to='accounts.organisation')),
                    ],
                    options={
                        'verbose_name': 'HR import',
                        'verbose_name_plural': 'HR imports',
                        'db_table': 'accounts_hrimport',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HrImportDeparture',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('employee_id', models.CharField(max_length=64)),
                        ('email', models.CharField(blank=True, max_length=254)),
                        ('name', models.CharField(blank=True, max_length=301)),
                        ('left_on_before', models.DateField(blank=True, null=True)),
                        ('hr_import', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='departures', to='hr_import.hrimport')),
                        ('membership', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.membership')),
                    ],
                    options={
                        'db_table': 'accounts_hrimportdeparture',
                        'ordering': ['name', 'employee_id', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HrImportRow',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('line', models.PositiveIntegerField()),
                        ('action', models.CharField(choices=[('create', 'Create'), ('update', 'Update'), ('unchanged', 'Unchanged'), ('reject', 'Rejected')], max_length=12)),
                        ('employee_id', models.CharField(blank=True, max_length=64)),
                        ('email', models.CharField(blank=True, max_length=254)),
                        ('name', models.CharField(blank=True, max_length=301)),
                        ('changes', models.JSONField(blank=True, default=list)),
                        ('errors', models.JSONField(blank=True, default=list)),
                        ('hr_import', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rows', to='hr_import.hrimport')),
                    ],
                    options={
                        'db_table': 'accounts_hrimportrow',
                        'ordering': ['line'],
                        'indexes': [models.Index(fields=['hr_import', 'action', 'line'], name='accounts_hr_hr_impo_8bb7d7_idx')],
                    },
                ),
            ],
        ),
        migrations.RunPython(_adopt_content_types, migrations.RunPython.noop),
    ]
