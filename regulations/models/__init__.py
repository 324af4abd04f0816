"""Models of the regulations app."""

from regulations.models.regions import Region, Regulation, RegulationQuerySet, Revocation
from regulations.models.rule import Rule
from regulations.models.texts import (
    AmbiguousCitation,
    Annex,
    Provision,
    ProvisionNotFound,
    Recital,
)

__all__ = [
    "AmbiguousCitation",
    "Annex",
    "Provision",
    "ProvisionNotFound",
    "Recital",
    "Region",
    "Regulation",
    "RegulationQuerySet",
    "Revocation",
    "Rule",
]
