# The link to the programmes that require a module is now declared on the programme;
# its table stays (state only).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='trainingmodule',
                    name='required_by',
                ),
            ],
        ),
    ]
