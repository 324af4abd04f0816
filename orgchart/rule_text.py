"""What a region's rule says, as a sentence composed in the reader's language from the rule's
value (the region page's "Rules of this regulation"). The pack's own ``summary`` stays the
regulation's wording in Bahasa Indonesia; this is the portal's reading of it."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext, gettext_noop, ngettext

from orgchart.labels import kinds_label, role_label, roles_label
from regulations.models import Region
from regulations.rule_kinds import RuleKind

CADENCES = {
    "periodic": lambda: gettext("periodically"),
    "monthly": lambda: gettext("monthly"),
    "quarterly": lambda: gettext("quarterly"),
    "semester": lambda: gettext("every semester"),
    "annual": lambda: gettext("yearly"),
}


# The regulations' own terms for the choices (Pasal 6, Pasal 13, Pasal 18): not translated.
TERMS = {
    "hierarki": "hierarki (intersektoral)",
    "fungsional": "fungsional (lintas sektoral)",
    "instansional": "instansional (multisektoral)",
    "permintaan_data": "permintaan data/informasi",
    "fasilitasi_mediasi": "fasilitasi dan mediasi",
}


def _listed(values: list[str]) -> str:
    return ", ".join(TERMS.get(value, value) for value in values)


def _reporters(kinds: list[str]) -> str:
    return kinds_label(
        ["Perangkat Daerah" if kind == "perangkat_daerah" else kind for kind in kinds]
    )


def _follow_up_deadline(region: Region, value: dict) -> str:
    days = value["working_days"]
    return ngettext(
        "Follow-ups are due %(days)d working day after the coordination.",
        "Follow-ups are due %(days)d working days after the coordination.",
        days,
    ) % {"days": days}


def _reporting(region: Region, value: dict) -> str:
    through = value.get("through") or []
    text = gettext("%(reporters)s report in writing to the %(recipient)s, %(cadence)s.") % {
        "reporters": _reporters(value["reporters"]) or gettext("The units"),
        "recipient": role_label(region, value["to"]),
        "cadence": CADENCES.get(value["cadence"], CADENCES["periodic"])(),
    }
    if through:
        text += " " + gettext("The report goes through the %(roles)s.") % {
            "roles": roles_label(region, through)
        }
    if value.get("incidental"):
        text += " " + gettext("They also report at any time.")
    return text


def _paraf(region: Region, value: dict) -> str:
    if not value["required"]:
        return gettext("No paraf is required before signature.")
    text = gettext(
        "A document to be signed by the %(signers)s is first initialled by the %(paraf_by)s."
    ) % {
        "signers": roles_label(region, value.get("signers", [])),
        "paraf_by": roles_label(region, value.get("paraf_by", [])),
    }
    if value.get("telaahan_paraf_by"):
        text += " " + gettext("A telaahan or pertimbangan also by the %(roles)s.") % {
            "roles": roles_label(region, value["telaahan_paraf_by"])
        }
    return text


def _takeover(region: Region, value: dict) -> str:
    if not value["allowed"]:
        return gettext("Nobody takes over an Asisten's coordination.")
    return gettext("The %(roles)s may take over the coordination of a unit from its Asisten.") % {
        "roles": roles_label(region, value.get("by", []))
    }


def _representation(region: Region, value: dict) -> str:
    levels = value["levels_below"]
    return ngettext(
        "The head of a %(kinds)s who cannot attend is represented by the official %(levels)d "
        "level below in the same unit.",
        "The head of a %(kinds)s who cannot attend is represented by the official %(levels)d "
        "levels below in the same unit.",
        levels,
    ) % {"kinds": kinds_label(value["unit_kinds"]), "levels": levels}


def _urgent(region: Region, value: dict) -> str:
    return gettext(
        "In very urgent matters the %(deciders)s may decide directly, if it is not a matter of "
        "principle, and report to the %(to)s as soon as possible."
    ) % {"deciders": kinds_label(value["deciders"]), "to": role_label(region, value["report_to"])}


def _conveners(region: Region, value: dict) -> str:
    words = {"roles": roles_label(region, value["roles"])}
    if value["scope"] == "technical":
        return gettext("The %(roles)s convene technical meetings within their portfolio.") % words
    return gettext("The %(roles)s convene general coordination meetings.") % words


def _choices(message: str, key: str) -> Callable[[Region, dict], str]:
    return lambda region, value: gettext(message) % {"list": _listed(value[key])}


def _attend(region: Region, value: dict) -> str:
    if value["required"]:
        return gettext("Units concerned by the matter must attend.")
    return gettext("Units concerned by the matter are invited.")


def _follow_up_report(region: Region, value: dict) -> str:
    return gettext("Follow-up reports go to the %(to)s through the %(through)s.") % {
        "to": role_label(region, value["to"]),
        "through": roles_label(region, value["through"]),
    }


DESCRIBE: dict[str, Callable[[Region, dict], str]] = {
    RuleKind.FOLLOW_UP_DEADLINE: _follow_up_deadline,
    RuleKind.REPORTING_CADENCE: _reporting,
    RuleKind.PARAF_REQUIRED: _paraf,
    RuleKind.TAKEOVER_ALLOWED: _takeover,
    RuleKind.REPRESENTATION: _representation,
    RuleKind.URGENT_DECISION_REPORT: _urgent,
    RuleKind.MEETING_CONVENERS: _conveners,
    RuleKind.COORDINATION_FORMS: _choices(
        gettext_noop("Forms of coordination: %(list)s."), "forms"
    ),
    RuleKind.MEETING_KINDS: _choices(gettext_noop("Kinds of coordination: %(list)s."), "kinds"),
    RuleKind.MEETING_MODES: _choices(gettext_noop("Modes of coordination: %(list)s."), "modes"),
    RuleKind.MEETING_PERIODICITY: _choices(
        gettext_noop("Coordination is held: %(list)s."), "periodicity"
    ),
    RuleKind.CONCERNED_UNITS_ATTEND: _attend,
    RuleKind.FOLLOW_UP_REPORT: _follow_up_report,
}


def describe(region: Region, kind: str, value: dict) -> str:
    """The rule in a sentence of the reader's language; a kind the portal does not describe
    (none today) shows its value as it is stored."""
    try:
        return DESCRIBE[kind](region, value)
    except (KeyError, TypeError):
        return ", ".join(f"{key}: {item}" for key, item in sorted(value.items()))
