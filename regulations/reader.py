"""The regulation as a reader sees it: the provision tree with an anchor for every provision."""

from __future__ import annotations

import contextlib
import re

from regulations import citations
from regulations.models import Regulation


def anchor(citation: str) -> str:
    """ "Pasal 13 ayat (5)" → "pasal-13-ayat-5"; "BAB III" → "bab-iii"; a place of the text
    that is no provision ("Menetapkan", "penutup", "Menimbang huruf a") → its own slug:
    "menetapkan", the id the reader page gives the enacting formula."""
    with contextlib.suppress(citations.CitationSyntaxError):
        citation = citations.canonical(citation)
    return re.sub(r"[^a-z0-9]+", "-", citation.lower()).strip("-")


def provision_tree(regulation: Regulation) -> list[dict]:
    """Every provision, nested, in one query."""
    nodes: dict[int, dict] = {}
    roots: list[dict] = []
    rows = regulation.provisions.order_by("position").values(
        "id", "parent_id", "kind", "label", "number", "heading", "text", "key"
    )
    for row in rows:
        citation = citations.display(
            tuple(citations.Segment(*part.split(":", 1)) for part in row["key"].split("/"))
        )
        node = {
            "id": row["id"],
            "kind": row["kind"],
            "label": row["label"],
            "number": row["number"],
            "heading": row["heading"],
            "text": row["text"],
            "citation": citation,
            "anchor": re.sub(r"[^a-z0-9]+", "-", citation.lower()).strip("-"),
            "children": [],
        }
        nodes[row["id"]] = node
        parent = nodes.get(row["parent_id"])
        (parent["children"] if parent else roots).append(node)
    return roots


def find(nodes: list[dict], provision_id: int) -> dict | None:
    for node in nodes:
        if node["id"] == provision_id:
            return node
        found = find(node["children"], provision_id)
        if found:
            return found
    return None
