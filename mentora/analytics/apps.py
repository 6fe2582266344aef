from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "mentora.analytics"
    label = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from mentora.analytics.receivers import (
            WATCHED,
            on_programme_saved,
            on_relationship_change,
        )
        from mentora.programs.models import Programme

        for model in WATCHED:
            post_save.connect(
                on_relationship_change,
                sender=model,
                dispatch_uid=f"analytics.health.{model._meta.label_lower}",
            )
        post_save.connect(
            on_programme_saved, sender=Programme, dispatch_uid="analytics.health.programme"
        )
