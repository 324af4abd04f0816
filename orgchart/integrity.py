"""Checks that a region's nested-set columns agree with its parent pointers.

Equivalent to mptt's rebuild: recompute lft, rght and level from the parent pointers (keeping
sibling order) and report every node whose stored values differ, plus structural faults.
"""

from __future__ import annotations

from collections import defaultdict

from orgchart.models import Unit


def tree_errors(region_id: int) -> list[str]:
    """Every inconsistency in ``region_id``'s unit tree; an empty list means it is sound."""
    rows = list(
        Unit.objects.filter(region_id=region_id)
        .order_by("lft")
        .values("id", "parent_id", "lft", "rght", "level", "tree_id", "region_id")
    )
    if not rows:
        return []
    errors: list[str] = []
    by_id = {row["id"]: row for row in rows}
    roots = [row for row in rows if row["parent_id"] is None]
    if len(roots) != 1:
        return [f"expected one root, found {len(roots)}"]
    tree_ids = {row["tree_id"] for row in rows}
    if len(tree_ids) != 1:
        errors.append(f"region spans several tree ids: {sorted(tree_ids)}")
    children: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        if row["parent_id"] is not None:
            if row["parent_id"] not in by_id:
                errors.append(f"unit {row['id']}: parent {row['parent_id']} is not in the region")
                continue
            children[row["parent_id"]].append(row)
    expected = _renumber(roots[0], children)
    if len(expected) != len(rows):
        errors.append(f"{len(rows) - len(expected)} units are unreachable from the root")
    for node_id, (lft, rght, level) in expected.items():
        row = by_id[node_id]
        if (row["lft"], row["rght"], row["level"]) != (lft, rght, level):
            errors.append(
                f"unit {node_id}: stored lft/rght/level {row['lft']}/{row['rght']}/{row['level']}"
                f", expected {lft}/{rght}/{level}"
            )
    other_trees = Unit.objects.filter(tree_id__in=tree_ids).exclude(region_id=region_id)
    if other_trees.exists():
        errors.append("another region's units share this region's tree id")
    return errors


def _renumber(root: dict, children: dict[int, list[dict]]) -> dict[int, tuple[int, int, int]]:
    """Depth-first numbering from the parent pointers, siblings in their stored order."""
    expected: dict[int, tuple[int, int, int]] = {}
    counter = 1
    stack: list[tuple[dict, int, bool]] = [(root, 0, False)]
    lefts: dict[int, int] = {}
    while stack:
        node, level, done = stack.pop()
        if done:
            expected[node["id"]] = (lefts[node["id"]], counter, level)
            counter += 1
            continue
        if node["id"] in lefts:  # a cycle in the parent pointers
            continue
        lefts[node["id"]] = counter
        counter += 1
        stack.append((node, level, True))
        for child in reversed(children.get(node["id"], [])):
            stack.append((child, level + 1, False))
    return expected
