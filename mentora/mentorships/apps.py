from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipsConfig(AppConfig):
    name = "mentora.mentorships"
    label = "mentorships"
    verbose_name = _("Mentoring relationships")

    def ready(self) -> None:
        from mentora.mentorships.receivers import refuse_running_without_pairs
        from mentora.programs.signals import programme_status_changing

        programme_status_changing.connect(
            refuse_running_without_pairs, dispatch_uid="mentorships.running_needs_pairs"
        )
