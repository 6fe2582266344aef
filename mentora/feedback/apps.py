from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "mentora.feedback"
    label = "feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        from mentora.feedback.receivers import invite_after_held_meeting
        from mentora.mentorships.signals import meeting_held

        meeting_held.connect(invite_after_held_meeting, dispatch_uid="feedback.session_invitations")
