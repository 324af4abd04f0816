"""Models of the regulations app."""

from regulations.models.regions import (
    Certifier,
    Region,
    Regulation,
    RegulationQuerySet,
    Revocation,
)
from regulations.models.rule import Rule
from regulations.models.texts import (
    AmbiguousCitation,
    Annex,
    AnnexEntry,
    Provision,
    ProvisionNotFound,
    Recital,
)

__all__ = [
    "AmbiguousCitation",
    "Annex",
    "AnnexEntry",
    "Certifier",
    "Provision",
    "ProvisionNotFound",
    "Recital",
    "Region",
    "Regulation",
    "RegulationQuerySet",
    "Revocation",
    "Rule",
]
