"""The public, read-only regulations API: each regulation with its text as a provision tree."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from apitools.params import region_or_400, text_or_400
from apitools.renderers import ORJSONRenderer
from apitools.schema import ApiError
from regulations import citations, reader
from regulations.models import (
    AmbiguousCitation,
    Annex,
    AnnexEntry,
    Provision,
    ProvisionNotFound,
    Regulation,
)


class RegulationDoc(serializers.Serializer):
    """Documents the shape of a regulation for OpenAPI; never used to serialize."""

    id = serializers.IntegerField()
    region = serializers.CharField()
    citation = serializers.CharField(help_text="e.g. Perbup Kutai Kartanegara 4/2018")
    title = serializers.CharField()
    number = serializers.CharField()
    year = serializers.IntegerField()
    status = serializers.CharField()
    valid_from = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    dates = serializers.DictField(
        child=serializers.DictField(),
        help_text=(
            "enacted_on, promulgated_on, valid_from, valid_until: each {date, source}; date "
            "null where no text the portal holds gives it, source the provision of another "
            'regulation that gives it ("" for the regulation\'s own text).'
        ),
    )
    revokes = serializers.ListField(child=serializers.DictField())
    revoked_by = serializers.ListField(child=serializers.DictField())
    provisions = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="Detail only: the text, nested."
    )
    annexes = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        help_text=(
            "Detail only: the Lampiran; a table's rows as published (number, and per column "
            "staf_ahli, asisten, units, bagian, other: the texts verbatim with the unit key)."
        ),
    )


def summary(regulation: Regulation) -> dict:
    return {
        "id": regulation.pk,
        "region": regulation.region.code,
        "kind": regulation.kind,
        "kind_name": regulation.kind_name,
        "citation": regulation.short_citation,
        "number": regulation.number,
        "year": regulation.year,
        "title": regulation.title,
        "status": regulation.status,
        "valid_from": regulation.valid_from,
        "valid_until": regulation.valid_until,
        "enacted_place": regulation.enacted_place,
        "enacted_on": regulation.enacted_on,
        "promulgated_on": regulation.promulgated_on,
        "gazette": {"year": regulation.gazette_year, "number": regulation.gazette_number},
        # Each date with the provision that gives it; null where no text held gives it.
        "dates": regulation.known_dates(),
        "signer": {"title": regulation.signer_display, "name": regulation.signer_name},
        "revokes": [
            {"id": r.revoked_id, "citation": r.revoked.short_citation, "by": r.citation}
            for r in regulation.revocations.all()
        ],
        "revoked_by": [
            {"id": r.revoking_id, "citation": r.revoking.short_citation, "by": r.citation}
            for r in regulation.revoked_by.all()
        ],
    }


def annex_data(annex: Annex) -> dict:
    """A Lampiran; a table's rows as published, each cell's texts verbatim in their order,
    with the key of the structure unit each names ("" where none)."""
    data = {
        "citation": annex.citation,
        "number": annex.number,
        "title": annex.title,
        "kind": annex.kind,
        "attached_by": annex.attached_by,
        "legend": annex.legend,
    }
    if annex.kind == Annex.Kind.TABLE:
        rows: dict[int, dict] = {}
        for entry in annex.entries.all():  # prefetched, by row, column and position
            row = rows.setdefault(
                entry.row, {"number": entry.row, **{c: [] for c in AnnexEntry.Column.values}}
            )
            row[entry.column].append({"text": entry.text, "unit": entry.unit_key})
        data["rows"] = [rows[number] for number in sorted(rows)]
    return data


def detail(regulation: Regulation) -> dict:
    return {
        **summary(regulation),
        "menimbang": [
            {"label": r.label, "text": r.text}
            for r in regulation.recitals.all()
            if r.kind == "menimbang"
        ],
        "mengingat": [
            {"label": r.label, "text": r.text}
            for r in regulation.recitals.all()
            if r.kind == "mengingat"
        ],
        "provisions": reader.provision_tree(regulation),
        "closing": regulation.closing,
        "annexes": [annex_data(annex) for annex in regulation.annexes.all()],
        "rules": [
            {
                "kind": rule.kind,
                "value": rule.value,
                "citation": rule.citation,
                "source": rule.source,
                "summary": rule.summary,
            }
            for rule in regulation.rules.order_by("pk")
        ],
        # Certifiers by title and name only: a NIP holds a birth date and stays private.
        # Each certification where it is printed: "penutup" or the Lampiran it sits under.
        "certifiers": [
            {"title": c.title, "name": c.name, "printed_at": c.citation}
            for c in regulation.certifiers.all()
        ],
    }


class RegulationViewSet(viewsets.ViewSet):
    lookup_value_regex = "[0-9]+"
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [ORJSONRenderer]

    def _queryset(self):
        return (
            Regulation.objects.exclude(status=Regulation.Status.DRAFT)
            .select_related("region")
            .prefetch_related("revocations__revoked__region", "revoked_by__revoking__region")
        )

    @extend_schema(
        parameters=[OpenApiParameter("region", str, description="Kemendagri code, e.g. 13.75")],
        responses={200: RegulationDoc(many=True), 400: ApiError},
    )
    def list(self, request):
        queryset = self._queryset().order_by("region__code", "-year", "number")
        code = request.query_params.get("region")
        if code:
            queryset = queryset.filter(region=region_or_400(code))
        return Response([summary(regulation) for regulation in queryset])

    @extend_schema(
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH),
            OpenApiParameter("cite", str, description="e.g. Pasal 9 huruf f: one provision."),
        ],
        responses={200: RegulationDoc, 400: ApiError, 404: ApiError},
    )
    def retrieve(self, request, pk=None):
        annexes = Annex.objects.order_by("position").prefetch_related(
            Prefetch("entries", AnnexEntry.objects.order_by("row", "column", "position"))
        )
        queryset = self._queryset().prefetch_related(Prefetch("annexes", annexes))
        regulation = queryset.filter(pk=pk).first() if str(pk).isdigit() else None
        if regulation is None:
            raise NotFound(_("No regulation with id %(id)s.") % {"id": pk})
        cite = text_or_400(request.query_params.get("cite"), "cite")
        if cite:
            return Response(self._cited(regulation, cite))
        return Response(detail(regulation))

    @staticmethod
    def _cited(regulation: Regulation, cite: str) -> dict:
        try:
            provision = Provision.objects.resolve(regulation, cite)
        except citations.CitationSyntaxError as exc:
            raise ParseError(str(exc)) from exc
        except AmbiguousCitation as exc:
            raise ParseError(str(exc)) from exc
        except ProvisionNotFound as exc:
            raise NotFound(str(exc)) from exc
        node = reader.find(reader.provision_tree(regulation), provision.pk)
        return {
            "regulation": {"id": regulation.pk, "citation": regulation.short_citation},
            "citation": provision.citation,
            "source": provision.full_citation(),
            "provision": node,
        }
