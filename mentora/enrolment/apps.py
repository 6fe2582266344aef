from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentConfig(AppConfig):
    name = "mentora.enrolment"
    label = "enrolment"
    verbose_name = _("Enrolment")

    def ready(self) -> None:
        from mentora.enrolment.receivers import rewrite_skill_answers
        from mentora.profiles.signals import skill_merged

        skill_merged.connect(rewrite_skill_answers, dispatch_uid="enrolment.skill_answers")
