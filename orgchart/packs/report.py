"""What loading a pack changed, collection by collection."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable


class Report:
    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()

    def created(self, label: str, count: int = 1) -> None:
        self.counts[(label, "created")] += count

    def changed(self, label: str, count: int = 1) -> None:
        self.counts[(label, "changed")] += count

    def deleted(self, label: str, count: int = 1) -> None:
        self.counts[(label, "deleted")] += count

    def replaced(self, label: str, count: int) -> None:
        self.counts[(label, "replaced")] += count

    @property
    def unchanged(self) -> bool:
        return not any(self.counts.values())

    def lines(self) -> list[str]:
        if self.unchanged:
            return ["no changes"]
        return [f"{label}: {count} {what}" for (label, what), count in sorted(self.counts.items())]


def replace_if_changed(
    current: list, wanted: list, queryset, create: Callable[..., None], report: Report, label: str
) -> None:
    """Rewrite a collection only if the pack's rows differ from the stored ones, in order."""
    if current == wanted:
        return
    queryset.delete()
    for row in wanted:
        create(*row)
    report.replaced(label, len(wanted))
