"""The words for roles and kinds of unit as the region's texts write them ("Wakil Walikota",
"Sekretaris Daerah", "Dinas, Badan or Bagian"), composed in the reader's language. Used by the
models' display properties and the services alike (orgchart and coordination)."""

from __future__ import annotations

from django.utils.translation import gettext

from orgchart.vocabulary import UnitKind
from regulations.models import Region


def role_label(region: Region, role: str) -> str:
    """The title as the region's text writes it: "Walikota", "Wakil Bupati", "Sekretaris
    Daerah", "Asisten Sekretaris Daerah"."""
    head = region.head_title
    return {
        "kepala_daerah": head,
        "wakil": f"Wakil {head}",
        "sekda": "Sekretaris Daerah",
        "asisten": "Asisten Sekretaris Daerah",
        "staf_ahli": "Staf Ahli",
        "bappeda": "Bappeda",
        "parent_unit": gettext("the parent unit"),
    }.get(role, role)


def roles_label(region: Region, roles: list[str]) -> str:
    labels = [role_label(region, role) for role in roles]
    if len(labels) <= 1:
        return "".join(labels)
    return gettext("%(first)s or %(last)s") % {
        "first": ", ".join(labels[:-1]),
        "last": labels[-1],
    }


def kinds_label(kinds: list[str]) -> str:
    labels = [str(UnitKind(kind).label) if kind in UnitKind.values else kind for kind in kinds]
    if len(labels) <= 1:
        return "".join(labels)
    return gettext("%(first)s or %(last)s") % {
        "first": ", ".join(labels[:-1]),
        "last": labels[-1],
    }
