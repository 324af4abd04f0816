"""Every Lampiran renders for every valid tree: random trees, built through the tree service,
with empty portfolios, single units, 300-character names without a space and deep nesting,
and the 110-unit Banjar tree that once divided by zero."""

from __future__ import annotations

import datetime
import io
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import hypothesis
import pypdf
import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, example, given, note
from hypothesis import strategies as st

from orgchart import services
from orgchart.integrity import tree_errors
from orgchart.lampiran import document as documents
from orgchart.lampiran.geometry import problems
from orgchart.lampiran.measure import text_width
from orgchart.lampiran.shapes import Drawing
from orgchart.models import Unit, UnitLink
from orgchart.pdf import write_pdf
from orgchart.vocabulary import Category, UnitKind
from regulations.models import Region
from tests.factories import RegulationFactory

DAY = datetime.date(2024, 6, 3)
CHARTS = ("I", "II", "III", "table")
TOLERANCE = 0.02  # the SVG prints coordinates to two decimals


@dataclass(frozen=True)
class Node:
    name: str
    kind: str
    line: str
    category: str = ""
    children: tuple[Node, ...] = ()


@dataclass(frozen=True)
class TreeSpec:
    head: str
    deputies: tuple[Node, ...] = ()
    sekda: bool = True
    portfolios: tuple[tuple[Node, ...], ...] = ()  # one per Asisten
    bagian: tuple[Node, ...] = ()  # under the Sekda, outside any Asisten
    advisers: tuple[str, ...] = ()
    others: tuple[Node, ...] = ()  # under the Kepala Daerah
    chain: int = 0  # a line of units this deep under the first agency
    link: bool = False  # the last Asisten also coordinates the first agency


LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
names = st.one_of(
    st.lists(st.text(LETTERS, min_size=1, max_size=14), min_size=1, max_size=8).map(" ".join),
    st.lists(st.text(LETTERS, min_size=1, max_size=10), min_size=2, max_size=4).map("/".join),
    st.integers(1, 300).map(lambda n: ("Kelurahan" * 34)[:n]),  # no space to break at
)
kinds = st.sampled_from(
    [
        UnitKind.DINAS,
        UnitKind.BADAN,
        UnitKind.UPT,
        UnitKind.KECAMATAN,
        UnitKind.KELURAHAN,
        UnitKind.INSTANSI_VERTIKAL,
        UnitKind.BUMD,
        UnitKind.PERGURUAN_TINGGI,
        UnitKind.FORUM,
        UnitKind.LAINNYA,
    ]
)
lines = st.sampled_from(["komando", "koordinasi"])
categories = st.sampled_from(["", *Category.values])
leaves = st.builds(Node, names, kinds, lines, categories)
nodes = st.recursive(
    leaves,
    lambda below: st.builds(
        Node, names, kinds, lines, categories, st.lists(below, max_size=3).map(tuple)
    ),
    max_leaves=6,
)
trees = st.builds(
    TreeSpec,
    head=names,
    deputies=st.lists(
        st.builds(Node, names, st.just(UnitKind.WAKIL), lines, st.just(""), st.just(())),
        max_size=2,
    ).map(tuple),
    sekda=st.booleans(),
    portfolios=st.lists(st.lists(nodes, max_size=4).map(tuple), max_size=4).map(tuple),
    bagian=st.lists(st.builds(Node, names, st.just(UnitKind.BAGIAN), lines), max_size=2).map(tuple),
    advisers=st.lists(names, max_size=2).map(tuple),
    others=st.lists(nodes, max_size=2).map(tuple),
    chain=st.integers(0, 12),
    link=st.booleans(),
)


def _add(region: Region, parent: Unit, node: Node) -> Unit:
    unit = services.create_unit(
        region=region,
        target=parent,
        name=node.name,
        kind=node.kind,
        line=node.line,
        category=node.category,
    )
    for child in node.children:
        _add(region, unit, child)
    return unit


def build_tree(region: Region, spec: TreeSpec) -> None:
    """The tree ``spec`` describes, written unit by unit through orgchart.services."""
    root = services.create_unit(region=region, name=spec.head, kind=UnitKind.KEPALA_DAERAH)
    for deputy in spec.deputies:
        _add(region, root, deputy)
    for name in spec.advisers:
        _add(region, root, Node(name, UnitKind.STAF_AHLI, "komando"))
    for other in spec.others:
        _add(region, root, other)
    if not spec.sekda:
        return
    sekda = _add(region, root, Node("Sekretaris Daerah", UnitKind.SETDA, "komando"))
    asisten = [
        _add(region, sekda, Node(f"Asisten {n}", UnitKind.ASISTEN, "komando"))
        for n in range(1, len(spec.portfolios) + 1)
    ]
    agencies = [
        _add(region, leader, node)
        for leader, portfolio in zip(asisten, spec.portfolios, strict=True)
        for node in portfolio
    ]
    for bagian in spec.bagian:
        _add(region, sekda, bagian)
    below = agencies[0] if agencies else sekda
    for depth in range(spec.chain):
        below = _add(region, below, Node(f"UPT tingkat {depth + 1}", UnitKind.UPT, "komando"))
    if spec.link and agencies and len(asisten) > 1:
        UnitLink.objects.create(
            source=asisten[-1], target=agencies[0], kind=UnitLink.Kind.KOORDINASI
        )


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _numbers(element: ET.Element) -> list[tuple[str, float]]:
    found = [
        (name, float(element.get(name)))
        for name in ("x", "y", "x1", "y1", "x2", "y2", "width", "height")
        if element.get(name) is not None
    ]
    for point in (element.get("points") or "").split():
        px, py = point.split(",")
        found += [("x", float(px)), ("y", float(py))]
    return found


def assert_svg_within_its_view_box(svg: str) -> None:
    """Every coordinate is a finite number inside the viewBox; every size is positive."""
    root = ET.fromstring(svg)
    vx, vy, vw, vh = (float(part) for part in root.get("viewBox").split())
    assert all(math.isfinite(v) for v in (vx, vy, vw, vh)) and vw > 0 and vh > 0
    for attr in ("width", "height"):
        assert math.isfinite(float(root.get(attr).removesuffix("pt")))
    for element in root.iter():
        if element is root:
            continue
        values = dict(_numbers(element))
        assert all(math.isfinite(value) for _name, value in _numbers(element)), element.attrib
        for name, value in _numbers(element):
            low, high = (vx, vx + vw) if name in {"x", "x1", "x2", "width"} else (vy, vy + vh)
            if name in {"width", "height"}:
                assert value >= 0, element.attrib
                start = values["x" if name == "width" else "y"]
                assert start + value <= high + TOLERANCE, element.attrib
            else:
                assert low - TOLERANCE <= value <= high + TOLERANCE, (name, element.attrib)


def assert_lampiran_sound(region: Region, chart: str) -> documents.LampiranDocument:
    doc = documents.build(region, chart, DAY, "a4")
    names = dict(Unit.objects.filter(region=region).values_list("pk", "name"))
    union = Drawing()
    for number, page in enumerate(doc.layout.pages, start=1):
        assert math.isfinite(page.scale) and page.scale > 0
        drawing = page.drawing
        assert math.isfinite(drawing.width) and drawing.width > 0
        assert math.isfinite(drawing.height) and drawing.height > 0
        assert problems(drawing) == [], (chart, number)
        for box in drawing.boxes:
            # every line fits its box; unit boxes hold the whole name, wrapped
            assert all(text_width(line, box.size, box.bold) <= box.w for line in box.lines)
            if box.unit_id is not None:
                assert squash("".join(box.lines)) == squash(names[box.unit_id])
        for label in drawing.labels:
            if label.unit_id is not None:  # a table entry: "3. name"
                assert squash("".join(label.lines)).endswith(squash(names[label.unit_id]))
        assert_svg_within_its_view_box(documents.svg(doc, number))
        union.boxes += drawing.boxes
        union.labels += drawing.labels
    unit_problems = problems(union, doc.layout.expected, repeats_allowed=chart == "table")
    assert [p for p in unit_problems if p.startswith("units")] == [], chart
    if chart == "I":
        assert doc.layout.expected == set(names)
    if len(doc.layout.pages) > 1:  # the key page points at the first page of each portfolio
        key = {" ".join(label.lines) for label in doc.layout.pages[0].drawing.labels}
        starts = [
            f"rincian: halaman {number}"
            for number, page in enumerate(doc.layout.pages[1:], start=2)
            if not page.heading.endswith("(lanjutan)")
        ]
        assert set(starts) == {text for text in key if text.startswith("rincian:")}
    page_html = documents.html(doc)
    assert page_html.count('<svg xmlns="http://www.w3.org/2000/svg"') == len(doc.layout.pages)
    return doc


@pytest.fixture
def region(db) -> Region:
    return RegulationFactory(region__code="32.79", region__name="Banjar").region


@hypothesis.settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=trees)
@example(spec=TreeSpec(head="Wali Kota", sekda=False))  # a single unit
@example(
    spec=TreeSpec(
        head="W" * 300,
        portfolios=((), (Node("D" * 300, UnitKind.DINAS, "koordinasi"),)),
        chain=12,
    )
)
def test_every_lampiran_of_a_random_valid_tree_renders_legibly_and_completely(region, client, spec):
    note(repr(spec))
    with transaction.atomic():
        build_tree(region, spec)
        assert tree_errors(region.pk) == []
        for chart in CHARTS:
            assert_lampiran_sound(region, chart)
        preview = client.get(reverse("lampiran-preview", args=[region.code, "I"]) + f"?as_of={DAY}")
        assert preview.status_code == 200 and "<svg" in preview.content.decode()
        transaction.set_rollback(True)


def banjar_with_110_units(region: Region) -> None:
    """The tree that failed: 44 units as Perwal Banjar 6/2023 draws them, 65 UPT under
    Dinas Kesehatan, and an Asisten whose portfolio is still empty (110 units)."""
    kelurahan = Node("Kelurahan", UnitKind.KELURAHAN, "koordinasi")
    forum = Node(
        "Forum Koordinasi Pimpinan di Kecamatan",
        UnitKind.FORUM,
        "koordinasi",
        children=(Node("Pimpinan Kepolisian", UnitKind.INSTANSI_VERTIKAL, "koordinasi"),),
    )
    health = Node(
        "Dinas Kesehatan",
        UnitKind.DINAS,
        "koordinasi",
        children=tuple(Node(f"UPT Puskesmas {n}", UnitKind.UPT, "komando") for n in range(1, 66)),
    )
    first = (
        health,
        *(Node(f"Dinas Pemerintahan {n}", UnitKind.DINAS, "koordinasi") for n in range(1, 11)),
        Node("Kecamatan", UnitKind.KECAMATAN, "koordinasi", children=(forum,)),
        kelurahan,
    )
    second = tuple(Node(f"Dinas Ekonomi {n}", UnitKind.DINAS, "koordinasi") for n in range(1, 10))
    third = tuple(Node(f"Badan Umum {n}", UnitKind.BADAN, "koordinasi") for n in range(1, 8))
    forkopimda = Node(
        "Forum Koordinasi Pimpinan Daerah",
        UnitKind.FORUM,
        "koordinasi",
        children=tuple(
            Node(f"Pimpinan Instansi {n}", UnitKind.INSTANSI_VERTIKAL, "koordinasi")
            for n in range(1, 6)
        ),
    )
    spec = TreeSpec(
        head="Wali Kota",
        deputies=(Node("Wakil Wali Kota", UnitKind.WAKIL, "komando"),),
        portfolios=(first, second, third, ()),
        advisers=("Staf Ahli",),
        others=(forkopimda,),
    )
    build_tree(region, spec)


def test_the_110_unit_banjar_tree_renders_on_every_page_and_through_the_api(
    region, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # rendered files are cached by region code and version
    banjar_with_110_units(region)
    assert Unit.objects.filter(region=region).count() == 110
    assert tree_errors(region.pk) == []
    one = assert_lampiran_sound(region, "I")
    for chart in CHARTS[1:]:
        assert_lampiran_sound(region, chart)
    pages = one.layout.pages
    assert len(pages) > 2  # too large for one page: the key page and the details
    assert all(page.font >= 6.0 for page in pages)
    pdf = pypdf.PdfReader(io.BytesIO(write_pdf(documents.html(one))))
    assert len(pdf.pages) == len(pages)
    assert "Asisten 4" in [" ".join(box.lines) for box in pages[0].drawing.boxes]
    assert not any(page.heading.startswith("Asisten 4") for page in pages)  # nothing to detail
    svg = client.get(f"/api/v1/regions/{region.code}/lampiran/I.svg?as_of={DAY}")
    assert svg.status_code == 200 and svg.content.startswith(b"<svg")
    preview = client.get(reverse("lampiran-preview", args=[region.code, "I"]) + f"?as_of={DAY}")
    assert preview.status_code == 200 and "<svg" in preview.content.decode()
    page = client.get(f"/regions/{region.code}/?as_of={DAY}")
    assert page.status_code == 200


def test_a_sekda_with_seventy_bagian_of_its_own_lists_them_legibly_on_the_key_page(region):
    """Seventy leads side by side would print at under 1 pt: the key page stacks them."""
    bagian = tuple(Node(f"Bagian {n}", UnitKind.BAGIAN, "komando") for n in range(1, 71))
    build_tree(region, TreeSpec(head="Wali Kota", bagian=bagian))
    doc = assert_lampiran_sound(region, "I")
    key = doc.layout.pages[0]
    assert key.font >= 6.0, f"key page at {key.font:.2f} pt"
    on_key = {" ".join(box.lines) for box in key.drawing.boxes}
    assert {node.name for node in bagian} <= on_key
