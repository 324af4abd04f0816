"""OpenAPI descriptions of the public structure API's responses.

The views build plain dicts from ``.values()`` rows and render them with orjson; these
serializers only document the shapes for drf-spectacular and are never used to serialize.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers

AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="The date to answer for (YYYY-MM-DD); default today in the region's time zone.",
)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class RegulationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    number = serializers.CharField()
    year = serializers.IntegerField()
    citation = serializers.CharField(help_text="e.g. Perwal Bukittinggi 4/2017")


class RegionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Kemendagri code, e.g. 13.75")
    name = serializers.CharField()
    full_name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["kota", "kabupaten"])
    province = serializers.CharField()
    head_title = serializers.CharField()
    seat = serializers.CharField()
    timezone = serializers.CharField()
    regulation = RegulationRefSerializer(allow_null=True, help_text="The one in force today.")


class NodeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    name = serializers.CharField(help_text="Verbatim, as published.")
    kind = serializers.CharField()
    line = serializers.ChoiceField(choices=["komando", "koordinasi"], allow_null=True)
    category = serializers.CharField(allow_null=True)
    children = serializers.ListField(child=serializers.DictField(), help_text="Nodes, nested.")


TreeSerializer = inline_serializer(
    "Tree",
    {"region": serializers.CharField(), "as_of": serializers.DateField(), "root": NodeSerializer()},
)


class PortfolioUnitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    category = serializers.CharField(allow_null=True)
    vertical = serializers.BooleanField(help_text="An instansi vertikal.")
    source = serializers.CharField(
        help_text="e.g. Perwal Bukittinggi 4/2017 Pasal 12 huruf a angka 4"
    )
    citation = serializers.CharField()


class AssistantSerializer(PortfolioUnitSerializer):
    affairs = serializers.ListField(child=serializers.CharField(), help_text="Urusan codes.")
    affairs_source = serializers.ChoiceField(
        choices=["portfolio", "units"],
        help_text="portfolio: the text's bidang list; units: the affairs its units carry out.",
    )
    affair_wordings = serializers.ListField(child=serializers.DictField())
    staf_ahli = serializers.ListField(child=serializers.CharField())
    units = PortfolioUnitSerializer(many=True)


PortfoliosSerializer = inline_serializer(
    "Portfolios",
    {
        "region": serializers.CharField(),
        "as_of": serializers.DateField(),
        "assistants": AssistantSerializer(many=True),
    },
)


class UnitRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    name = serializers.CharField()
    acronym = serializers.CharField(allow_null=True)
    kind = serializers.CharField()
    line = serializers.CharField(allow_null=True)
    category = serializers.CharField(allow_null=True)
    parent = serializers.IntegerField(allow_null=True)
    source = serializers.CharField()


UnitListSerializer = UnitRowSerializer(many=True)


class HeadSerializer(serializers.Serializer):
    name = serializers.CharField()
    position = serializers.CharField()
    title = serializers.CharField(help_text="With Plt./Plh./Pj. when acting.")
    kind = serializers.ChoiceField(choices=["definitif", "plt", "plh", "pj"])
    acting = serializers.BooleanField()
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)


class UnitDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    region = serializers.CharField()
    ancestors = serializers.ListField(child=serializers.DictField())
    children = serializers.ListField(child=serializers.DictField())
    coordinators = serializers.ListField(child=serializers.DictField())
    head = HeadSerializer(allow_null=True)
    affairs = serializers.ListField(child=serializers.DictField())
    links = serializers.ListField(child=serializers.DictField())
    source = serializers.DictField(allow_null=True)


class AffairSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    group = serializers.CharField()
    parent = serializers.CharField(allow_null=True)
    legal_basis = serializers.CharField()


PopoloSerializer = inline_serializer(
    "Popolo",
    {
        "region": serializers.CharField(),
        "as_of": serializers.DateField(),
        "organizations": serializers.ListField(child=serializers.DictField()),
        "posts": serializers.ListField(child=serializers.DictField()),
        "persons": serializers.ListField(child=serializers.DictField()),
        "memberships": serializers.ListField(child=serializers.DictField()),
    },
)


CoordinatorsSerializer = inline_serializer(
    "AffairCoordinators",
    {
        "affair": serializers.DictField(),
        "as_of": serializers.DateField(),
        "regions": serializers.ListField(
            child=serializers.DictField(),
            help_text="Per region: assistants, each with the bidang wording that names the affair "
            "and the portfolio units that carry it out.",
        ),
    },
)
