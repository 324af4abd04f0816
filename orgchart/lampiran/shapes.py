"""What a laid-out chart is made of: boxes, orthogonal line segments, free text and arrows,
in points, with the top-left corner at (0, 0)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Box:
    key: str
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    size: float
    bold: bool = False
    style: str = "unit"  # unit | head | group
    unit_id: int | None = None

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass(frozen=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float
    dashed: bool = False


@dataclass(frozen=True)
class Label:
    """Free text: a category heading, a note, a page reference. ``unit_id`` is set when the
    text stands for a unit (a table cell's entry)."""

    x: float
    y: float  # top of the first line
    lines: tuple[str, ...]
    size: float
    bold: bool = False
    italic: bool = False
    anchor: str = "start"
    unit_id: int | None = None
    w: float = 0.0

    @property
    def h(self) -> float:
        return len(self.lines) * self.size * 1.2


@dataclass(frozen=True)
class Arrow:
    """A filled arrowhead at (x, y) pointing in ``direction`` (up/down/left/right)."""

    x: float
    y: float
    direction: str
    size: float


@dataclass
class Drawing:
    boxes: list[Box] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0

    def add(self, other: Drawing, dx: float, dy: float) -> None:
        """Copy ``other`` into this drawing, moved by (dx, dy)."""
        self.boxes += [replace(b, x=b.x + dx, y=b.y + dy) for b in other.boxes]
        self.segments += [
            replace(s, x1=s.x1 + dx, y1=s.y1 + dy, x2=s.x2 + dx, y2=s.y2 + dy)
            for s in other.segments
        ]
        self.labels += [replace(label, x=label.x + dx, y=label.y + dy) for label in other.labels]
        self.arrows += [replace(a, x=a.x + dx, y=a.y + dy) for a in other.arrows]
        self.width = max(self.width, other.width + dx)
        self.height = max(self.height, other.height + dy)

    def enclose(self) -> None:
        """Grow the drawing to hold everything placed in it directly, not only what ``add``
        copied in: a chart of one box is as tall as that box."""
        right = [b.right for b in self.boxes] + [max(s.x1, s.x2) for s in self.segments]
        bottom = [b.bottom for b in self.boxes] + [max(s.y1, s.y2) for s in self.segments]
        right += [a.x + a.size for a in self.arrows]
        bottom += [a.y + a.size for a in self.arrows]
        self.width = max([self.width, *right])
        self.height = max([self.height, *bottom])

    def line(self, x1: float, y1: float, x2: float, y2: float, dashed: bool = False) -> None:
        if (x1, y1) != (x2, y2):
            self.segments.append(Segment(x1, y1, x2, y2, dashed))
