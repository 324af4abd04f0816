"""A region's unit tree as one nested dict."""

from __future__ import annotations

import datetime

from orgchart.models import Unit
from regulations.models import Region


def tree(region: Region, day: datetime.date) -> dict | None:
    """The root node with nested ``children``, or None if no structure holds on ``day``.

    One query. Rows come in nested-set order, so every parent precedes its children.
    """
    rows = (
        Unit.objects.filter(region=region)
        .as_of(day)
        .order_by("lft")
        .values_list("id", "parent_id", "key", "name", "kind", "line", "category")
    )
    nodes: dict[int, dict] = {}
    root = None
    for unit_id, parent_id, key, name, kind, line, category in rows:
        node = {
            "id": unit_id,
            "key": key,
            "name": name,
            "kind": kind,
            "line": line or None,
            "category": category or None,
            "children": [],
        }
        nodes[unit_id] = node
        parent = nodes.get(parent_id)
        if parent is not None:
            parent["children"].append(node)
        elif parent_id is None:
            root = node
    return root
