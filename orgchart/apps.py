"""App config for the org structure."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgchartConfig(AppConfig):
    name = "orgchart"
    verbose_name = _("Organisation structure")

    def ready(self) -> None:
        # permissions registers the predicates; the others connect their receivers.
        from orgchart import lockout, permissions, sessions, signals  # noqa: F401

        signals.connect()
        lockout.connect()
        sessions.connect()
