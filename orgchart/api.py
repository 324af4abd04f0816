"""The public, read-only structure API (Perwal Banjar 6/2023 Pasal 16: the structure is public).

Views parse and check parameters (every bad value is a 400), then hand over to orgchart.read.
Tree, portfolio and unit responses carry an ETag from the region's structure version; a
matching If-None-Match gets a 304 before the view runs.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import condition
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from apitools.params import (
    as_of_or_400,
    code_or_400,
    find_region,
    id_or_400,
    region_or_400,
    structure_etag,
    text_or_400,
    today_in,
)
from apitools.refusals import AsOfErrorSerializer, DateNotAnswered
from apitools.renderers import ORJSONRenderer
from orgchart import api_docs as docs
from orgchart.models import Affair, Unit
from orgchart.read import affairs as affairs_read
from orgchart.read.held import require_structure_on
from orgchart.read.popolo import popolo
from orgchart.read.portfolios import portfolios
from orgchart.read.tree import tree
from orgchart.read.units import unit_detail, unit_list
from orgchart.vocabulary import UnitKind
from regulations.models import Region
from regulations.reader import anchor


class CoordinatorsOnDaySerializer(type(docs.CoordinatorsSerializer)):
    not_answered = AsOfErrorSerializer(
        many=True,
        help_text="Each region that cannot answer for the date, with the 400 body its own "
        "endpoints give: the regulation in force whose structure is not held, or the earliest.",
    )


class PublicAPI(viewsets.ViewSet):
    """Anyone may read; no session lookup, so the query count does not depend on the caller."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [ORJSONRenderer]


def _region_etag(request, code: str | None = None, **kwargs) -> str | None:
    region = find_region(code)
    request._portal_region = region
    return structure_etag(region, request, today_in(region) if region else "")


def _cached_region(request, code: str) -> Region:
    region = getattr(request, "_portal_region", None)
    return region if region is not None and region.code == code else region_or_400(code)


def _unit_etag(request, pk: str | None = None, **kwargs) -> str | None:
    unit = (
        Unit.objects.select_related("region").filter(pk=pk).first() if str(pk).isdigit() else None
    )
    request._portal_unit = unit
    return structure_etag(unit.region, request, today_in(unit.region)) if unit else None


class RegionViewSet(PublicAPI):
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    @extend_schema(responses=docs.RegionSerializer(many=True))
    def list(self, request):
        regions = Region.objects.prefetch_related("regulations__region").order_by("code")
        return Response([_region(region) for region in regions])

    @extend_schema(responses={200: docs.RegionSerializer, 400: docs.ErrorSerializer})
    def retrieve(self, request, code=None):
        regions = Region.objects.prefetch_related("regulations__region")
        region = regions.filter(code=code_or_400(code, "region")).first()
        return Response(_region(region or region_or_400(code)))

    @extend_schema(
        parameters=[docs.AS_OF],
        responses={200: docs.TreeSerializer, 304: None, 400: AsOfErrorSerializer},
    )
    @method_decorator(condition(etag_func=_region_etag))
    @action(detail=True)
    def tree(self, request, code=None):
        region = _cached_region(request, code)
        day = as_of_or_400(request, region)
        root = tree(region, day)
        if root is None:  # only now find out why, so that an answer costs no query more
            regulation = require_structure_on(region, day)
            raise DateNotAnswered.structure_not_held(region, day, regulation)
        return Response({"region": region.code, "as_of": day, "root": root})

    @extend_schema(
        parameters=[docs.AS_OF],
        responses={200: docs.PortfoliosSerializer, 304: None, 400: AsOfErrorSerializer},
    )
    @method_decorator(condition(etag_func=_region_etag))
    @action(detail=True)
    def portfolios(self, request, code=None):
        region, day = self._region_on(request, code)
        return Response({"region": region.code, "as_of": day, **portfolios(region, day)})

    @extend_schema(
        parameters=[
            docs.AS_OF,
            OpenApiParameter("kind", str, description="A kind of unit, e.g. dinas."),
            OpenApiParameter("coordinator", str, description="Id or key of an Asisten."),
            OpenApiParameter("affair", str, description="An urusan code, e.g. 1.02."),
            OpenApiParameter(
                "q", str, description="Words of the name (case and punctuation ignored)."
            ),
        ],
        responses={200: docs.UnitListSerializer, 304: None, 400: AsOfErrorSerializer},
    )
    @method_decorator(condition(etag_func=_region_etag))
    @action(detail=True)
    def units(self, request, code=None):
        region, day = self._region_on(request, code)
        params = request.query_params
        kind = code_or_400(params.get("kind"), "kind")
        if kind and kind not in UnitKind.values:
            raise ParseError(
                _("Unknown kind “%(kind)s”. Kinds: %(kinds)s.")
                % {"kind": kind, "kinds": ", ".join(UnitKind.values)}
            )
        affair = code_or_400(params.get("affair"), "affair")
        if affair and not Affair.objects.filter(code=affair).exists():
            raise ParseError(_("Unknown urusan code “%(code)s”.") % {"code": affair})
        units = unit_list(
            region,
            day,
            kind=kind,
            coordinator=self._coordinator(region, params.get("coordinator")),
            affair=affair,
            q=text_or_400(params.get("q"), "q"),
        )
        return Response(units)

    @extend_schema(
        parameters=[docs.AS_OF], responses={200: docs.PopoloSerializer, 400: AsOfErrorSerializer}
    )
    @method_decorator(condition(etag_func=_region_etag))
    @action(detail=True)
    def popolo(self, request, code=None):
        region, day = self._region_on(request, code)

        def link(regulation_id: int, citation: str) -> str:
            url = reverse("regulation-reader", args=[regulation_id])
            return request.build_absolute_uri(url) + (f"#{anchor(citation)}" if citation else "")

        return Response(popolo(region, day, link))

    def _region_on(self, request, code: str):
        region = _cached_region(request, code)
        day = as_of_or_400(request, region)
        require_structure_on(region, day)
        return region, day

    @staticmethod
    def _coordinator(region: Region, value: str | None) -> Unit | None:
        value = text_or_400(value, "coordinator")
        if not value:
            return None
        digits = value.isascii() and value.isdigit()
        lookup = {"pk": id_or_400(value, "coordinator")} if digits else {"key": value}
        unit = Unit.objects.filter(region=region, kind=UnitKind.ASISTEN, **lookup).first()
        if unit is None:
            raise ParseError(
                _("coordinator must be the id or key of an Asisten of %(region)s, not “%(value)s”.")
                % {"region": region, "value": value}
            )
        return unit


def _region(region: Region) -> dict:
    day = today_in(region)
    in_force = [
        regulation for regulation in region.regulations.all() if regulation.in_force_on(day)
    ]
    in_force.sort(
        key=lambda regulation: (regulation.valid_from is not None, regulation.valid_from),
        reverse=True,
    )
    regulation = in_force[0] if in_force else None
    return {
        "code": region.code,
        "name": region.name,
        "full_name": region.full_name,
        "kind": region.kind,
        "province": region.province,
        "head_title": region.head_title,
        "seat": region.seat,
        "timezone": region.timezone,
        "regulation": None if regulation is None else regulation_ref(regulation),
    }


def regulation_ref(regulation) -> dict:
    """A regulation as the public answers name it (RegulationRefSerializer)."""
    return {
        "id": regulation.pk,
        "title": regulation.title,
        "number": regulation.number,
        "year": regulation.year,
        "citation": regulation.short_citation,
    }


class UnitViewSet(PublicAPI):
    lookup_value_regex = "[0-9]+"

    @extend_schema(
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH), docs.AS_OF],
        responses={
            200: docs.UnitDetailSerializer,
            304: None,
            400: AsOfErrorSerializer,
            404: docs.ErrorSerializer,
        },
    )
    @method_decorator(condition(etag_func=_unit_etag))
    def retrieve(self, request, pk=None):
        unit = getattr(request, "_portal_unit", None)
        if unit is None:
            raise NotFound(_("No unit with id %(id)s.") % {"id": pk})
        day = as_of_or_400(request, unit.region)
        require_structure_on(unit.region, day)
        return Response(unit_detail(unit, day))


class AffairViewSet(PublicAPI):
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    @extend_schema(responses=docs.AffairSerializer(many=True))
    def list(self, request):
        rows = Affair.objects.order_by("code").values(
            "code", "name", "group", "parent__code", "legal_basis"
        )
        return Response([{**row, "parent": row.pop("parent__code")} for row in rows])

    @extend_schema(
        parameters=[docs.AS_OF],
        responses={
            200: CoordinatorsOnDaySerializer,
            400: docs.ErrorSerializer,
            404: docs.ErrorSerializer,
        },
    )
    @action(detail=True)
    def coordinators(self, request, code=None):
        affair = Affair.objects.filter(code=code_or_400(code)).first()
        if affair is None:
            raise NotFound(_("No urusan with code %(code)s.") % {"code": code})
        return Response(affairs_read.coordinators(affair, as_of_or_400(request, None)))
