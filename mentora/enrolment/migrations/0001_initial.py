# Takes over the enrolment models of the programs app and their existing tables.

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _adopt_content_types(apps, schema_editor):
    """Permissions and admin history follow the models to this app."""
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in ['application', 'applicationevent', 'question', 'answer', 'enrolmentinvitation']:
        if not content_type.objects.filter(app_label='enrolment', model=model).exists():
            content_type.objects.filter(app_label='programs', model=model).update(app_label='enrolment')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('accounts', '0004_hr_import_moves_out'),
        ('programs', '0004_profiles_and_enrolment_move_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Application',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('mentor', 'Mentor'), ('mentee', 'Mentee'), ('peer', 'Peer')], max_length=10, verbose_name='role')),
                        ('status', models.CharField(choices=[('submitted', 'Awaiting review'), ('approved', 'Approved'), ('waitlisted', 'Waitlisted'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn')], default='submitted', max_length=12, verbose_name='status')),
                        ('goals', models.TextField(blank=True, verbose_name='your goals for this programme')),
                        ('department_preference', models.CharField(choices=[('any', 'No preference'), ('same', 'Someone from my department'), ('other', 'Someone from another department')], default='any', max_length=10, verbose_name='department')),
                        ('meeting_mode', models.CharField(choices=[('either', 'Remote or in person'), ('remote', 'Remote'), ('in_person', 'In person')], default='either', max_length=10, verbose_name='meetings')),
                        ('language', models.CharField(blank=True, choices=[('en', 'English'), ('fr', 'French')], max_length=8, verbose_name='preferred language')),
                        ('capacity', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(20)], verbose_name='how many mentees you can take')),
                        ('submitted_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('decision_message', models.TextField(blank=True)),
                        ('avoided_people', models.ManyToManyField(blank=True, related_name='+', to='accounts.membership', verbose_name='people you would rather not be paired with')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('membership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='applications', to='accounts.membership')),
                        ('preferred_people', models.ManyToManyField(blank=True, related_name='+', to='accounts.membership', verbose_name='people you would like to be paired with')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='applications', to='programs.programme')),
                    ],
                    options={
                        'verbose_name': 'application',
                        'verbose_name_plural': 'applications',
                        'db_table': 'programs_application',
                        'ordering': ['submitted_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ApplicationEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('submitted', 'Awaiting review'), ('approved', 'Approved'), ('waitlisted', 'Waitlisted'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn')], max_length=12)),
                        ('message', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='enrolment.application')),
                    ],
                    options={
                        'db_table': 'programs_applicationevent',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='EnrolmentInvitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(blank=True, choices=[('mentor', 'Mentor'), ('mentee', 'Mentee'), ('peer', 'Peer')], max_length=10)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('membership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.membership')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='enrolment_invitations', to='programs.programme')),
                    ],
                    options={
                        'db_table': 'programs_enrolmentinvitation',
                    },
                ),
                migrations.CreateModel(
                    name='Question',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('label', models.CharField(max_length=300, verbose_name='question')),
                        ('help_text', models.CharField(blank=True, max_length=300, verbose_name='help text')),
                        ('kind', models.CharField(choices=[('short_text', 'Short text'), ('long_text', 'Long text'), ('single_choice', 'Single choice'), ('multiple_choice', 'Multiple choice'), ('scale', 'Scale from 1 to 5'), ('skills', 'Pick skills')], max_length=20, verbose_name='type of answer')),
                        ('choices', models.JSONField(blank=True, default=list, verbose_name='choices')),
                        ('required', models.BooleanField(default=False, verbose_name='required')),
                        ('audience', models.CharField(choices=[('all', 'Everyone'), ('mentor', 'Mentors only'), ('mentee', 'Mentees only')], default='all', max_length=10, verbose_name='asked to')),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='programs.programme')),
                    ],
                    options={
                        'verbose_name': 'question',
                        'verbose_name_plural': 'questions',
                        'db_table': 'programs_question',
                        'ordering': ['position', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Answer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('value', models.JSONField()),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='enrolment.application')),
                        ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='enrolment.question')),
                    ],
                    options={
                        'db_table': 'programs_answer',
                    },
                ),
                migrations.AddIndex(
                    model_name='application',
                    index=models.Index(fields=['programme', 'status', 'role'], name='programs_ap_program_f3d916_idx'),
                ),
                migrations.AddConstraint(
                    model_name='application',
                    constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['submitted', 'approved', 'waitlisted'])), fields=('programme', 'membership'), name='one_active_application'),
                ),
                migrations.AddConstraint(
                    model_name='enrolmentinvitation',
                    constraint=models.UniqueConstraint(fields=('programme', 'membership'), name='uniq_enrolment_invitation'),
                ),
                migrations.AddConstraint(
                    model_name='answer',
                    constraint=models.UniqueConstraint(fields=('application', 'question'), name='uniq_answer'),
                ),
            ],
        ),
        migrations.RunPython(_adopt_content_types, migrations.RunPython.noop),
    ]
