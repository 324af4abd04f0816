"""The kinds of per-region rule the portal enforces, the shape of each one's value, and the
portal's fallback when a region's regulation is silent."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleKind(models.TextChoices):
    FOLLOW_UP_DEADLINE = "follow_up_deadline", _("follow-up deadline in working days")
    REPORTING_CADENCE = "reporting_cadence", _("written reporting cadence")
    PARAF_REQUIRED = "paraf_required", _("paraf before signature")
    TAKEOVER_ALLOWED = "takeover_allowed", _("take-over of coordination")
    REPRESENTATION = "representation_one_level_below", _("representation one level below")
    URGENT_DECISION_REPORT = "urgent_decision_report", _("report of urgent decisions")
    MEETING_CONVENERS = "meeting_conveners", _("who may convene coordination meetings")
    COORDINATION_FORMS = "coordination_forms", _("forms of coordination")
    MEETING_KINDS = "meeting_kinds", _("kinds of coordination")
    MEETING_MODES = "meeting_modes", _("modes of coordination")
    MEETING_PERIODICITY = "meeting_periodicity", _("periodicity of coordination")
    CONCERNED_UNITS_ATTEND = "concerned_units_attend", _("units concerned must attend")
    FOLLOW_UP_REPORT = "follow_up_report", _("route of follow-up reports")


_ROLES = [
    "kepala_daerah",
    "wakil",
    "sekda",
    "asisten",
    "staf_ahli",
    "bappeda",
    "parent_unit",
]
_ROLE_LIST = {"type": "array", "items": {"enum": _ROLES}, "uniqueItems": True}
_KIND_LIST = {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}
_DAYS = {"type": ["integer", "null"], "minimum": 0, "maximum": 365}

SCHEMAS: dict[str, dict] = {
    RuleKind.FOLLOW_UP_DEADLINE: {
        "type": "object",
        "properties": {"working_days": {"type": "integer", "minimum": 0, "maximum": 365}},
        "required": ["working_days"],
        "additionalProperties": False,
    },
    RuleKind.REPORTING_CADENCE: {
        "type": "object",
        "properties": {
            "cadence": {"enum": ["periodic", "monthly", "quarterly", "semester", "annual"]},
            "incidental": {"type": "boolean"},
            "reporters": _KIND_LIST,
            "to": {"enum": _ROLES},
            "through": _ROLE_LIST,
        },
        "required": ["cadence", "reporters", "to"],
        "additionalProperties": False,
    },
    RuleKind.PARAF_REQUIRED: {
        "type": "object",
        "properties": {
            "required": {"type": "boolean"},
            "signers": _ROLE_LIST,
            "paraf_by": _ROLE_LIST,
            "telaahan_paraf_by": _ROLE_LIST,
        },
        "required": ["required"],
        "additionalProperties": False,
    },
    RuleKind.TAKEOVER_ALLOWED: {
        "type": "object",
        "properties": {"allowed": {"type": "boolean"}, "by": _ROLE_LIST},
        "required": ["allowed"],
        "additionalProperties": False,
    },
    RuleKind.REPRESENTATION: {
        "type": "object",
        "properties": {
            "unit_kinds": _KIND_LIST,
            "levels_below": {"type": "integer", "minimum": 1, "maximum": 3},
        },
        "required": ["unit_kinds", "levels_below"],
        "additionalProperties": False,
    },
    RuleKind.URGENT_DECISION_REPORT: {
        "type": "object",
        "properties": {
            "working_days": _DAYS,
            "deadline_text": {"type": "string"},
            "deciders": _KIND_LIST,
            "report_to": {"enum": _ROLES},
        },
        "required": ["deciders", "report_to"],
        "additionalProperties": False,
    },
    # One rule per scope, so that each cites its own provision (Pasal 9 huruf c and huruf e).
    RuleKind.MEETING_CONVENERS: {
        "type": "object",
        "properties": {"scope": {"enum": ["general", "technical"]}, "roles": _ROLE_LIST},
        "required": ["scope", "roles"],
        "additionalProperties": False,
    },
}

_FORMS = ["hierarki", "fungsional", "instansional"]
_KINDS = ["rapat", "permintaan_data", "konsultasi", "fasilitasi_mediasi"]
SCHEMAS.update(
    {
        RuleKind.COORDINATION_FORMS: {
            "type": "object",
            "properties": {"forms": {"type": "array", "items": {"enum": _FORMS}, "minItems": 1}},
            "required": ["forms"],
            "additionalProperties": False,
        },
        RuleKind.MEETING_KINDS: {
            "type": "object",
            "properties": {"kinds": {"type": "array", "items": {"enum": _KINDS}, "minItems": 1}},
            "required": ["kinds"],
            "additionalProperties": False,
        },
        RuleKind.MEETING_MODES: {
            "type": "object",
            "properties": {
                "modes": {
                    "type": "array",
                    "items": {"enum": ["langsung", "elektronik"]},
                    "minItems": 1,
                }
            },
            "required": ["modes"],
            "additionalProperties": False,
        },
        RuleKind.MEETING_PERIODICITY: {
            "type": "object",
            "properties": {
                "periodicity": {
                    "type": "array",
                    "items": {"enum": ["periodik", "insidental"]},
                    "minItems": 1,
                }
            },
            "required": ["periodicity"],
            "additionalProperties": False,
        },
        RuleKind.CONCERNED_UNITS_ATTEND: {
            "type": "object",
            "properties": {"required": {"type": "boolean"}},
            "required": ["required"],
            "additionalProperties": False,
        },
        RuleKind.FOLLOW_UP_REPORT: {
            "type": "object",
            "properties": {"to": {"enum": _ROLES}, "through": _ROLE_LIST},
            "required": ["to", "through"],
            "additionalProperties": False,
        },
    }
)

# What applies where a region's text sets nothing. Deadlines come from settings at call time
# (PORTAL_RULE_DEFAULTS); the rest are "the text does not provide for it".
FALLBACKS: dict[str, dict] = {
    RuleKind.FOLLOW_UP_DEADLINE: {"working_days": 5},
    RuleKind.REPORTING_CADENCE: {
        "cadence": "periodic",
        "incidental": True,
        "reporters": [],
        "to": "kepala_daerah",
        "through": ["sekda"],
    },
    RuleKind.PARAF_REQUIRED: {"required": False},
    RuleKind.TAKEOVER_ALLOWED: {"allowed": False},
    RuleKind.REPRESENTATION: {"unit_kinds": [], "levels_below": 1},
    RuleKind.URGENT_DECISION_REPORT: {
        "working_days": 1,
        "deciders": [],
        "report_to": "sekda",
    },
    RuleKind.MEETING_CONVENERS: {"scope": "general", "roles": ["kepala_daerah", "wakil", "sekda"]},
    RuleKind.COORDINATION_FORMS: {"forms": _FORMS},
    RuleKind.MEETING_KINDS: {"kinds": _KINDS},
    RuleKind.MEETING_MODES: {"modes": ["langsung", "elektronik"]},
    RuleKind.MEETING_PERIODICITY: {"periodicity": ["periodik", "insidental"]},
    RuleKind.CONCERNED_UNITS_ATTEND: {"required": True},
    RuleKind.FOLLOW_UP_REPORT: {"to": "kepala_daerah", "through": ["sekda"]},
}
