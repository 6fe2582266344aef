from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorshipsConfig(AppConfig):
    name = "mentora.mentorships"
    label = "mentorships"
    verbose_name = _("Mentoring relationships")
