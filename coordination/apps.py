"""App config for the coordination workflows."""

from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The workflow packages, in their dependency order: each may import those before it, never
# one after it (the import-linter contracts in pyproject.toml enforce it).
WORKFLOWS = ("core", "oversight", "meetings", "follow_ups", "reports", "compliance", "desk")


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = _("Coordination")

    def ready(self) -> None:
        # Each workflow registers its ``rules`` permissions in its access module, and fills
        # the slots of lower workflows' pages in its views (coordination.core.slots).
        for workflow in WORKFLOWS:
            for part in ("access", "views"):
                name = f"coordination.{workflow}.{part}"
                try:
                    import_module(name)
                except ModuleNotFoundError as missing:
                    if missing.name != name:
                        raise
