from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mentora.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Each app's `people.py` registers the sets of people its pickers offer.
        autodiscover_modules("people")
