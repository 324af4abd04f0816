"""GET /api/v1/regions/{code}/lampiran/{n}.pdf|.svg: a Lampiran for a region as of a date.

``table`` is the table annex as published where its rows are stored, flaw notes under it;
``table-reading`` is the portal's reading of it, rebuilt from the structure and headed as such.
"""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ParseError
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from apitools.params import as_of_or_400, region_or_400, structure_etag
from apitools.refusals import AsOfErrorSerializer
from apitools.renderers import ORJSONRenderer
from orgchart.api_docs import AS_OF
from orgchart.lampiran import document as documents
from orgchart.lampiran.files import rendered
from orgchart.lampiran.params import chart_or_400, page_or_400, paper_or_400
from orgchart.read.held import require_structure_on

TYPES = {"pdf": "application/pdf", "svg": "image/svg+xml"}


class LampiranFile(APIView):
    """Lampiran I, II, III, the table annex as published or the portal's reading of it, as PDF
    (A4 or F4, landscape) or as SVG."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [ORJSONRenderer]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "name",
                str,
                OpenApiParameter.PATH,
                description="I.pdf, II.svg, table.pdf (as published), table-reading.pdf …",
            ),
            AS_OF,
            OpenApiParameter("paper", str, enum=["a4", "f4"], description="Default a4."),
            OpenApiParameter("page", int, description="SVG only: which page of a split chart."),
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "image/svg+xml"): OpenApiResponse(OpenApiTypes.STR),
            304: None,
            400: AsOfErrorSerializer,
        },
    )
    def get(self, request, code: str, name: str) -> HttpResponse:
        region = region_or_400(code)
        stem, _dot, fmt = name.rpartition(".")
        if fmt not in TYPES:
            raise ParseError(_("Ask for a .pdf or an .svg, not “%(name)s”.") % {"name": name})
        chart = chart_or_400(stem)
        day = as_of_or_400(request, region)
        paper = paper_or_400(request.query_params.get("paper"))
        require_structure_on(region, day)
        etag = structure_etag(region, request, day)
        if etag in request.headers.get("If-None-Match", ""):
            return HttpResponseNotModified(headers={"ETag": etag})
        try:
            data = self._render(region, chart, day, paper, fmt, request.query_params.get("page"))
        except documents.NoStructure as exc:
            raise ParseError(str(exc)) from exc
        response = HttpResponse(data, content_type=TYPES[fmt])
        filename = f"Lampiran-{chart}-{region.code}-{day.isoformat()}-{paper}.{fmt}"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["ETag"] = etag
        return response

    @staticmethod
    def _render(region, chart, day, paper, fmt, page) -> bytes:
        if fmt == "svg" and page not in (None, "", "1"):
            doc = documents.build(region, chart, day, paper)
            return documents.svg(doc, page_or_400(page, len(doc.layout.pages))).encode()
        return rendered(region, chart, day, paper, fmt).read_bytes()
