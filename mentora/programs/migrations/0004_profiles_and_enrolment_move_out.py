# Profiles and skills move to the profiles app, applications to the enrolment app, and
# the link to required training from the module to the programme; every table stays
# (state only).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0002_required_by_moves_to_programme'),
        ('programs', '0003_profile_skills_taxonomy'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='answer',
                    name='uniq_answer',
                ),
                migrations.RemoveIndex(
                    model_name='application',
                    name='programs_ap_program_f3d916_idx',
                ),
                migrations.RemoveConstraint(
                    model_name='application',
                    name='one_active_application',
                ),
                migrations.RemoveField(
                    model_name='applicationevent',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='applicationevent',
                    name='actor',
                ),
                migrations.RemoveConstraint(
                    model_name='enrolmentinvitation',
                    name='uniq_enrolment_invitation',
                ),
                migrations.RemoveField(
                    model_name='profile',
                    name='membership',
                ),
                migrations.RemoveConstraint(
                    model_name='profileskill',
                    name='uniq_profile_skill',
                ),
                migrations.RemoveField(
                    model_name='question',
                    name='programme',
                ),
                migrations.RemoveConstraint(
                    model_name='skill',
                    name='uniq_skill_name',
                ),
                migrations.AddField(
                    model_name='programme',
                    name='required_modules',
                    field=models.ManyToManyField(blank=True, db_table='learning_trainingmodule_required_by', related_name='required_by', to='learning.trainingmodule', verbose_name='required training'),
                ),
                migrations.RemoveField(
                    model_name='answer',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='answer',
                    name='question',
                ),
                migrations.RemoveField(
                    model_name='application',
                    name='avoided_people',
                ),
                migrations.RemoveField(
                    model_name='application',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='application',
                    name='membership',
                ),
                migrations.RemoveField(
                    model_name='application',
                    name='preferred_people',
                ),
                migrations.RemoveField(
                    model_name='application',
                    name='programme',
                ),
                migrations.DeleteModel(
                    name='ApplicationEvent',
                ),
                migrations.RemoveField(
                    model_name='enrolmentinvitation',
                    name='invited_by',
                ),
                migrations.RemoveField(
                    model_name='enrolmentinvitation',
                    name='membership',
                ),
                migrations.RemoveField(
                    model_name='enrolmentinvitation',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='profileskill',
                    name='profile',
                ),
                migrations.RemoveField(
                    model_name='profileskill',
                    name='skill',
                ),
                migrations.RemoveField(
                    model_name='skill',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='skill',
                    name='proposed_by',
                ),
                migrations.DeleteModel(
                    name='Answer',
                ),
                migrations.DeleteModel(
                    name='Question',
                ),
                migrations.DeleteModel(
                    name='Application',
                ),
                migrations.DeleteModel(
                    name='EnrolmentInvitation',
                ),
                migrations.DeleteModel(
                    name='Profile',
                ),
                migrations.DeleteModel(
                    name='ProfileSkill',
                ),
                migrations.DeleteModel(
                    name='Skill',
                ),
            ],
        ),
    ]
