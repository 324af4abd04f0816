"""The shape of a region pack, version 1 (docs/region-pack.md), and its cross-checks."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import jsonschema
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from orgchart.models import Appointment, KindRelation, UnitLink
from orgchart.vocabulary import Category, LineKind, UnitKind
from regulations import citations
from regulations.models import Annex, AnnexEntry, Certifier, Region, Regulation

PACK_FORMAT = 1

_STR = {"type": "string"}
_OPT_DATE = {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}
_CITATION = {"type": "string", "minLength": 1}
_KEY = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}


def _obj(properties: dict, required: list[str]) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


_PROVISION: dict = _obj(
    {
        "kind": {"enum": ["bab", "bagian", "paragraf", "pasal", "ayat", "huruf", "angka"]},
        "label": _STR,
        "heading": _STR,
        "text": _STR,
        "children": {"type": "array", "items": {"$ref": "#/$defs/provision"}},
    },
    ["kind", "label"],
)
_UNIT: dict = _obj(
    {
        "key": _KEY,
        "name": {"type": "string", "minLength": 1},
        "kind": {"enum": list(UnitKind.values)},
        "line": {"enum": list(LineKind.values)},
        "category": {"enum": list(Category.values)},
        "acronym": _STR,
        "citation": _CITATION,
        "affairs": {"type": "array", "items": _STR},
        "children": {"type": "array", "items": {"$ref": "#/$defs/unit"}},
    },
    ["key", "name", "kind", "citation"],
)
_CELL = {"type": "array", "items": _obj({"text": _STR, "unit": _STR}, ["text", "unit"])}

SCHEMA: dict = {
    "$defs": {"provision": _PROVISION, "unit": _UNIT},
    **_obj(
        {
            "pack_format": {"const": PACK_FORMAT},
            "region": _obj(
                {
                    "code": {"type": "string", "pattern": r"^\d{2}\.\d{2}$"},
                    "name": _STR,
                    "kind": {"enum": list(Region.Kind.values)},
                    "province": _STR,
                    "head_title": {"enum": list(Region.HeadTitle.values)},
                    "seat": _STR,
                    "timezone": {"enum": list(Region.TimeZone.values)},
                },
                ["code", "name", "kind", "province", "head_title", "seat", "timezone"],
            ),
            "regulation": _obj(
                {
                    "kind": {"enum": list(Regulation.Kind.values)},
                    "number": _STR,
                    "year": {"type": "integer"},
                    "title": _STR,
                    "enacting_formula": _STR,
                    "enacted_line": _STR,
                    "enacted_place": _STR,
                    "enacted_on": _OPT_DATE,
                    "promulgated_line": _STR,
                    "promulgated_place": _STR,
                    "promulgated_on": _OPT_DATE,
                    "gazette_year": {"type": ["integer", "null"]},
                    "gazette_number": _STR,
                    "signer_acting": {"enum": list(Regulation.Acting.values)},
                    "signer_title": _STR,
                    "signer_name": _STR,
                    "promulgator_title": _STR,
                    "promulgator_name": _STR,
                    "valid_from": _OPT_DATE,
                    "valid_until": _OPT_DATE,
                    "status": {"enum": list(Regulation.Status.values)},
                    "closing": _STR,
                    "certifiers": {
                        "type": "array",
                        "items": _obj(
                            {
                                # "penutup" or the Lampiran it is printed under; left out, penutup.
                                "citation": _CITATION,
                                "wording": {"type": "array", "items": _STR},
                                "title": _STR,
                                "name": _STR,
                                "nip": _STR,
                            },
                            ["title", "name", "nip"],
                        ),
                    },
                    "revokes": {
                        "type": "array",
                        "items": _obj(
                            {
                                "kind": {"enum": list(Regulation.Kind.values)},
                                "number": _STR,
                                "year": {"type": "integer"},
                                "title": _STR,
                                "citation": _CITATION,
                                # Only as the revoking provision gives them; left out, unknown.
                                "enacted_on": _OPT_DATE,
                                "promulgated_on": _OPT_DATE,
                            },
                            ["kind", "number", "year", "title", "citation"],
                        ),
                    },
                    "menimbang": {
                        "type": "array",
                        "items": _obj({"label": _STR, "text": _STR}, ["label", "text"]),
                    },
                    "mengingat": {
                        "type": "array",
                        "items": _obj({"label": _STR, "text": _STR}, ["label", "text"]),
                    },
                    "provisions": {"type": "array", "items": {"$ref": "#/$defs/provision"}},
                    "annexes": {
                        "type": "array",
                        "items": _obj(
                            {
                                "number": _STR,
                                "title": _STR,
                                "kind": {"enum": list(Annex.Kind.values)},
                                "attached_by": _STR,
                                "legend": _STR,
                                "rows": {
                                    "type": "array",
                                    "items": _obj(
                                        {"number": {"type": "integer", "minimum": 1}}
                                        | dict.fromkeys(AnnexEntry.Column.values, _CELL),
                                        ["number"],
                                    ),
                                },
                            },
                            ["number", "title", "kind"],
                        ),
                    },
                    "rules": {
                        "type": "array",
                        "items": _obj(
                            {
                                "kind": _STR,
                                # One provision, or several with the main one first.
                                "citation": {
                                    "anyOf": [
                                        _CITATION,
                                        {
                                            "type": "array",
                                            "items": _CITATION,
                                            "minItems": 2,
                                            "uniqueItems": True,
                                        },
                                    ]
                                },
                                "value": {"type": "object"},
                                "summary": _STR,
                            },
                            ["kind", "citation", "value"],
                        ),
                    },
                },
                ["kind", "number", "year", "title", "provisions"],
            ),
            "structure": {"$ref": "#/$defs/unit"},
            "links": {
                "type": "array",
                "items": _obj(
                    {
                        "from": _KEY,
                        "to": _KEY,
                        "kind": {"enum": list(UnitLink.Kind.values)},
                        "citation": _CITATION,
                    },
                    ["from", "to", "kind", "citation"],
                ),
            },
            "portfolio_affairs": {
                "type": "array",
                "items": _obj(
                    {"unit": _KEY, "affair": _STR, "wording": _STR, "citation": _CITATION},
                    ["unit", "affair", "citation"],
                ),
            },
            "kind_relations": {
                "type": "array",
                "items": _obj(
                    {
                        "from": {"enum": list(UnitKind.values)},
                        "to": {"enum": list(UnitKind.values)},
                        "natures": {
                            "type": "array",
                            "items": {"enum": list(KindRelation.Nature.values)},
                            "minItems": 1,
                            "uniqueItems": True,
                        },
                        "citation": _CITATION,
                    },
                    ["from", "to", "natures", "citation"],
                ),
            },
            "officials": {
                "type": "array",
                "items": _obj(
                    {
                        "name": _STR,
                        "nip": _STR,
                        "unit": _KEY,
                        "position": _STR,
                        "level": {"type": "integer", "minimum": 1},
                        "kind": {"enum": list(Appointment.Kind.values)},
                        "start": {"type": "string", "format": "date"},
                        "end": _OPT_DATE,
                        "basis": _STR,
                    },
                    ["name", "unit", "position", "level", "kind", "start"],
                ),
            },
        },
        ["pack_format", "region", "regulation", "structure"],
    ),
}


class PackError(ValueError):
    """A pack that cannot be loaded; the message names the place in the file."""


@contextlib.contextmanager
def located(where: str) -> Iterator[None]:
    """Turn a model's ValidationError into a PackError naming the place in the pack."""
    try:
        yield
    except ValidationError as exc:
        details = (
            "; ".join(
                f"{field}: {', '.join(messages)}" for field, messages in exc.message_dict.items()
            )
            if hasattr(exc, "error_dict")
            else "; ".join(exc.messages)
        )
        raise PackError(f"{where}: {details}") from exc


def validate(data: object) -> None:
    """Check the shape, then that keys are unique and every reference and citation is sound."""
    if not isinstance(data, dict):
        raise PackError(_("A region pack is a YAML mapping."))
    errors = sorted(
        jsonschema.Draft202012Validator(SCHEMA).iter_errors(data),
        key=lambda e: list(e.absolute_path),
    )
    if errors:
        raise PackError("\n".join(_describe(error) for error in errors[:20]))
    problems = _cross_check(data)
    if problems:
        raise PackError("\n".join(problems))


def _describe(error: jsonschema.ValidationError) -> str:
    path = "/".join(str(part) for part in error.absolute_path) or "(top)"
    return f"{path}: {error.message}"


def walk_units(node: dict, parent: dict | None = None):
    """Yield (node, parent) for the structure in document order."""
    yield node, parent
    for child in node.get("children", []):
        yield from walk_units(child, node)


def walk_provisions(nodes: list[dict], trail: tuple = ()):
    """Yield (node, citation segments) for the provisions in document order."""
    for node in nodes:
        segment = citations.Segment(
            node["kind"], citations.normalise_number(node["kind"], node["label"])
        )
        own = (segment,) if node["kind"] in {"pasal", "bab"} else (*trail, segment)
        yield node, own
        yield from walk_provisions(node.get("children", []), own)


def _cross_check(data: dict) -> list[str]:
    """Keys are unique, every reference names a unit of the pack and every citation resolves in
    the pack's provisions or Lampiran (docs/region-pack.md, Conventions)."""
    try:
        known = _known_citations(data["regulation"])
    except citations.CitationSyntaxError as exc:
        return [f"regulation/provisions: {exc}"]
    keys, problems = _structure_problems(data["structure"], known)
    problems += _reference_problems(data, keys, known)
    problems += _regulation_problems(data["regulation"], keys, known)
    return problems


def _known_citations(regulation: dict) -> set[str]:
    """What a citation may name: a provision of the pack's text, or one of its Lampiran."""
    known = set()
    for _node, segments in walk_provisions(regulation["provisions"]):
        known.add(citations.display(segments))
    known.update(f"Lampiran {annex['number']}".strip() for annex in regulation.get("annexes", []))
    return known


def _citation_problems(where: str, text: str, known: set[str]) -> list[str]:
    """A citation is written in canonical form and resolves in this pack."""
    try:
        canonical = citations.canonical(text)
    except citations.CitationSyntaxError as exc:
        return [f"{where}: {exc}"]
    if canonical not in known:
        return [f"{where}: {canonical} is not in this pack's provisions."]
    return []


def rule_citations(rule: dict) -> list[str]:
    """A pack rule's citations, the main one first (``citation`` is one or a list)."""
    cited = rule["citation"]
    return [cited] if isinstance(cited, str) else list(cited)


def _unit_problems(where: str, key: str, keys: dict[str, dict]) -> list[str]:
    """Other sections refer to units by key, so the key must be one the structure gives."""
    return [] if key in keys else [f"{where}: no unit with key {key}."]


def _structure_problems(structure: dict, known: set[str]) -> tuple[dict[str, dict], list[str]]:
    """The unit tree: each key used once, each unit cited, the root (the Kepala Daerah) with no
    line to a parent and every other unit's line to its parent komando or koordinasi."""
    keys: dict[str, dict] = {}
    problems: list[str] = []
    for node, parent in walk_units(structure):
        where = f"structure/{node['key']}"
        if node["key"] in keys:
            problems.append(f"{where}: the key is used twice.")
        keys[node["key"]] = node
        problems += _citation_problems(where, node["citation"], known)
        if parent is None and "line" in node:
            problems.append(f"{where}: the root has no line to a parent.")
        if parent is not None and "line" not in node:
            problems.append(
                f"{where}: say whether the line to {parent['key']} is komando or koordinasi."
            )
    return keys, problems


def _reference_problems(data: dict, keys: dict[str, dict], known: set[str]) -> list[str]:
    """Links, portfolio affairs and officials name units of the structure; links, portfolio
    affairs and kind relations cite the pack's provisions."""
    problems: list[str] = []
    for index, link in enumerate(data.get("links", [])):
        for end in ("from", "to"):
            problems += _unit_problems(f"links/{index}", link[end], keys)
        problems += _citation_problems(f"links/{index}", link["citation"], known)
    for index, entry in enumerate(data.get("portfolio_affairs", [])):
        problems += _unit_problems(f"portfolio_affairs/{index}", entry["unit"], keys)
        problems += _citation_problems(f"portfolio_affairs/{index}", entry["citation"], known)
    for index, entry in enumerate(data.get("kind_relations", [])):
        problems += _citation_problems(f"kind_relations/{index}", entry["citation"], known)
    for index, entry in enumerate(data.get("officials", [])):
        problems += _unit_problems(f"officials/{index}", entry["unit"], keys)
    return problems


def _regulation_problems(regulation: dict, keys: dict[str, dict], known: set[str]) -> list[str]:
    """The regulation's rules and what it revokes cite its provisions; its Lampiran's cells
    name units of the structure; its certifications are printed where it has a place."""
    problems = _certifier_problems(regulation)
    for index, rule in enumerate(regulation.get("rules", [])):
        for text in rule_citations(rule):
            problems += _citation_problems(f"regulation/rules/{index}", text, known)
    for index, revoked in enumerate(regulation.get("revokes", [])):
        problems += _citation_problems(f"regulation/revokes/{index}", revoked["citation"], known)
    for index, annex in enumerate(regulation.get("annexes", [])):
        for row in annex.get("rows", []):
            for column in AnnexEntry.Column.values:
                for cell in row.get(column, []):
                    if cell["unit"] and cell["unit"] not in keys:
                        problems.append(
                            f"regulation/annexes/{index}/rows/{row['number']}/{column}: "
                            f"no unit with key {cell['unit']}."
                        )
    return problems


def _certifier_problems(regulation: dict) -> list[str]:
    """A certification is printed after the closing ("penutup") or under one of the Lampiran."""
    annexes = {f"Lampiran {annex['number']}".strip() for annex in regulation.get("annexes", [])}
    problems = []
    for index, certifier in enumerate(regulation.get("certifiers", [])):
        printed_at = certifier.get("citation", Certifier.CLOSING)
        if printed_at != Certifier.CLOSING and printed_at not in annexes:
            problems.append(
                f"regulation/certifiers/{index}: {printed_at} is neither "
                f"{Certifier.CLOSING} nor a Lampiran of this pack."
            )
    return problems
