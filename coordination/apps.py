"""App config for the coordination workflows."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = _("Coordination")

    def ready(self) -> None:
        from coordination import permissions  # noqa: F401  registers the predicates
