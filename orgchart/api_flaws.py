"""GET /api/v1/regions/{code}/flaws/: the flaws the portal finds in the regulation in force."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apitools.params import as_of_or_400, code_or_400, region_or_400
from apitools.refusals import AsOfErrorSerializer
from apitools.renderers import ORJSONRenderer
from orgchart.api import regulation_ref
from orgchart.api_docs import AS_OF, RegulationRefSerializer
from orgchart.packs.flaws import FlawClass, Severity, find_flaws
from orgchart.packs.flaws.publish import flaw_data
from orgchart.read.held import require_structure_on
from regulations.reader import anchor


class LinkedCitationSerializer(serializers.Serializer):
    citation = serializers.CharField()
    url = serializers.URLField(help_text="The provision in the portal's reader.")


class ExplanationSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Bahasa Indonesia.")
    en = serializers.CharField(help_text="English.")


class FlawSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The check that found it, e.g. numbered-twice.")
    # "class" is a Python keyword: the field is declared under another name and renamed.
    class_ = serializers.ChoiceField(FlawClass.choices, help_text="The class of flaw.")
    class_label = serializers.CharField()
    severity = serializers.ChoiceField([s.name.lower() for s in Severity])
    severity_rank = serializers.IntegerField(help_text="3 changes who is responsible; 1 is form.")
    severity_label = serializers.CharField()
    citation = serializers.CharField(help_text="The exact provision, e.g. Pasal 22 ayat (1).")
    full_citation = serializers.CharField()
    url = serializers.URLField(allow_null=True)
    related = LinkedCitationSerializer(many=True, help_text="Other provisions involved.")
    units = serializers.ListField(
        child=serializers.CharField(), help_text="Keys of the units whose name it affects."
    )
    reading = serializers.CharField(
        allow_null=True, help_text="A typo's normal reading (the text itself is unchanged)."
    )
    facts = serializers.DictField(
        child=serializers.CharField(), help_text="The quoted words the explanation is made of."
    )
    explanation = ExplanationSerializer()

    def get_fields(self):
        fields = super().get_fields()
        fields["class"] = fields.pop("class_")
        return fields


class FlawListSerializer(serializers.Serializer):
    region = serializers.CharField()
    as_of = serializers.DateField()
    regulation = RegulationRefSerializer()
    count = serializers.IntegerField()
    flaws = FlawSerializer(many=True)


class RegionFlaws(APIView):
    """The flaws of the published text in force, each with its class, severity and provision.

    The portal keeps the text as published; these are what it flags in it. Filter with
    ``class`` (one of the classes) and ``severity`` (``responsibility``, ``meaning``, ``form``).
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [ORJSONRenderer]

    @extend_schema(
        operation_id="regions_flaws_list",
        parameters=[
            AS_OF,
            OpenApiParameter("class", str, enum=FlawClass.values, description="One class."),
            OpenApiParameter(
                "severity", str, enum=[s.name.lower() for s in Severity], description="One level."
            ),
        ],
        responses={200: FlawListSerializer, 400: AsOfErrorSerializer},
    )
    def get(self, request, code: str) -> Response:
        region = region_or_400(code)
        day = as_of_or_400(request, region)
        klass = _choice_or_400(request, "class", FlawClass.values)
        severity = _choice_or_400(request, "severity", [s.name.lower() for s in Severity])
        regulation = require_structure_on(region, day)
        reader = reverse("regulation-reader", args=[regulation.pk])

        def link(citation: str) -> str:
            return request.build_absolute_uri(reader) + f"#{anchor(citation)}"

        flaws = [
            flaw
            for flaw in find_flaws(regulation)
            if (klass is None or flaw.klass == klass)
            and (severity is None or flaw.severity.name.lower() == severity)
        ]
        return Response(
            {
                "region": region.code,
                "as_of": day,
                "regulation": regulation_ref(regulation),
                "count": len(flaws),
                "flaws": [flaw_data(flaw, regulation, link) for flaw in flaws],
            }
        )


def _choice_or_400(request, name: str, choices: list[str]) -> str | None:
    value = code_or_400(request.query_params.get(name), name)
    if value and value not in choices:
        raise ParseError(
            _("%(name)s must be one of %(choices)s, not “%(value)s”.")
            % {"name": name, "choices": ", ".join(choices), "value": value}
        )
    return value or None
