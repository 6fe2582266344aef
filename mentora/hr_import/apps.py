from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HrImportConfig(AppConfig):
    name = "mentora.hr_import"
    label = "hr_import"
    verbose_name = _("HR import")
