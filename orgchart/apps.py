"""App config for the org structure."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgchartConfig(AppConfig):
    name = "orgchart"
    verbose_name = _("Organisation structure")

    def ready(self) -> None:
        from orgchart import permissions, signals  # noqa: F401  registers the predicates

        signals.connect()
