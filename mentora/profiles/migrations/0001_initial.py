# Takes over the profile and skill models of the programs app and their existing tables.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def _adopt_content_types(apps, schema_editor):
    """Permissions and admin history follow the models to this app."""
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in ['skill', 'profile', 'profileskill']:
        if not content_type.objects.filter(app_label='profiles', model=model).exists():
            content_type.objects.filter(app_label='programs', model=model).update(app_label='profiles')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('accounts', '0004_hr_import_moves_out'),
        ('programs', '0003_profile_skills_taxonomy'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Profile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('bio', models.TextField(blank=True, verbose_name='short bio')),
                        ('career_goals', models.TextField(blank=True, verbose_name='career goals')),
                        ('years_of_experience', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='years of experience')),
                        ('time_zone', models.CharField(default='Europe/Paris', max_length=64, verbose_name='time zone')),
                        ('languages', models.JSONField(blank=True, default=list, verbose_name='languages')),
                        ('availability', models.JSONField(blank=True, default=list, verbose_name='weekly availability')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('membership', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='profile', to='accounts.membership')),
                    ],
                    options={
                        'verbose_name': 'profile',
                        'verbose_name_plural': 'profiles',
                        'db_table': 'programs_profile',
                    },
                ),
                migrations.CreateModel(
                    name='Skill',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('category', models.CharField(blank=True, max_length=120, verbose_name='category')),
                        ('status', models.CharField(choices=[('accepted', 'Accepted'), ('proposed', 'Awaiting review')], default='accepted', max_length=10, verbose_name='status')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='skills', to='accounts.organisation')),
                        ('proposed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='proposed_skills', to='accounts.membership', verbose_name='proposed by')),
                    ],
                    options={
                        'verbose_name': 'skill',
                        'verbose_name_plural': 'skills',
                        'db_table': 'programs_skill',
                        'ordering': ['category', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='ProfileSkill',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('direction', models.CharField(choices=[('offered', 'Offered'), ('sought', 'Sought')], max_length=10)),
                        ('level', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='level')),
                        ('priority', models.CharField(blank=True, choices=[('must_have', 'Must-have'), ('nice_to_have', 'Nice-to-have')], default='', max_length=12, verbose_name='priority')),
                        ('profile', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='skills', to='profiles.profile')),
                        ('skill', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='profile_links', to='profiles.skill')),
                    ],
                    options={
                        'db_table': 'programs_profileskill',
                    },
                ),
                migrations.AddConstraint(
                    model_name='skill',
                    constraint=models.UniqueConstraint(fields=('organisation', 'name'), name='uniq_skill_name'),
                ),
                migrations.AddConstraint(
                    model_name='profileskill',
                    constraint=models.UniqueConstraint(fields=('profile', 'skill', 'direction'), name='uniq_profile_skill'),
                ),
            ],
        ),
        migrations.RunPython(_adopt_content_types, migrations.RunPython.noop),
    ]
