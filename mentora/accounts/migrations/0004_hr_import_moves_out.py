# HR import models move to the hr_import app; their tables stay (state only).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_hr_import_departures'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='hrimport',
                    name='applied_by',
                ),
                migrations.RemoveField(
                    model_name='hrimport',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='hrimport',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='hrimportdeparture',
                    name='hr_import',
                ),
                migrations.RemoveField(
                    model_name='hrimportdeparture',
                    name='membership',
                ),
                migrations.RemoveIndex(
                    model_name='hrimportrow',
                    name='accounts_hr_hr_impo_8bb7d7_idx',
                ),
                migrations.DeleteModel(
                    name='HrImportDeparture',
                ),
                migrations.RemoveField(
                    model_name='hrimportrow',
                    name='hr_import',
                ),
                migrations.DeleteModel(
                    name='HrImport',
                ),
                migrations.DeleteModel(
                    name='HrImportRow',
                ),
            ],
        ),
    ]
