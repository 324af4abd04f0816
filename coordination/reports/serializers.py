"""The written-report API's shapes: obligations, periods, reports with their lines, files and
steps as they are read, and the bodies that start, draft, move and attach to a report."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from coordination.core.fields import (
    StoredFileRead,
    UnitField,
    UnitRef,
    _username,
    choice_text,
    unit_outside,
)
from coordination.core.times import RegionalTimes
from coordination.follow_ups.lateness import Clock, clocks
from coordination.reports.access import next_step
from coordination.reports.models import (
    Cadence,
    Report,
    ReportAttachment,
    ReportingObligation,
    ReportingPeriod,
    ReportLine,
    ReportStep,
)
from coordination.reports.obligations import cadence_display, due_display
from coordination.reports.services import LineInput, ReportInput
from orgchart.labels import kinds_label, role_label

MAX_SPAN = datetime.timedelta(days=5 * 366)
TEXT = {"allow_blank": True, "default": "", "max_length": 20000}
PERCENT_ERRORS = {
    "max_value": _("A percentage runs from 0 to 100."),
    "min_value": _("A percentage runs from 0 to 100."),
    "invalid": _("Give the percentage as a number, e.g. 75.5."),
    "max_decimal_places": _("Give the percentage with at most 2 decimals."),
    "max_digits": _("A percentage runs from 0 to 100."),
    "max_whole_digits": _("A percentage runs from 0 to 100."),
}


OBLIGATION_ERRORS = {
    "does_not_exist": _("No reporting obligation with id {pk_value}."),
    "incorrect_type": _("Give the reporting obligation's id as a number."),
}
PERIOD_ERRORS = {
    "does_not_exist": _("No reporting period with id {pk_value}."),
    "incorrect_type": _("Give the reporting period's id as a number."),
}


# --- Input ------------------------------------------------------------------------------------


class ReportingPeriodsWrite(serializers.Serializer):
    """Periods to create: every period of the obligation that touches [from, to]."""

    obligation = serializers.PrimaryKeyRelatedField(
        queryset=ReportingObligation.objects.all(), error_messages=OBLIGATION_ERRORS
    )
    to = serializers.DateField(help_text="The last day the periods must cover.")

    def get_fields(self) -> dict:
        # "from" is a Python keyword: the field is added here, in the body's order.
        fields = super().get_fields()
        start = serializers.DateField(help_text="The first day the periods must cover.")
        return {"obligation": fields["obligation"], "from": start, "to": fields["to"]}

    def validate(self, attrs: dict) -> dict:
        obligation, start, end = attrs["obligation"], attrs["from"], attrs["to"]
        if end < start:
            raise serializers.ValidationError({"to": _("“to” is before “from”.")})
        if end - start > MAX_SPAN:
            raise serializers.ValidationError(
                {"to": _("Create at most five years of periods at a time.")}
            )
        if not obligation.active:
            raise serializers.ValidationError(
                {
                    "obligation": _("%(source)s is no longer in force; it gets no new periods.")
                    % {"source": obligation.source}
                }
            )
        return attrs


class WrittenReportStart(serializers.Serializer):
    """The draft to open: a unit's report under an obligation for a period (null: incidental)."""

    obligation = serializers.PrimaryKeyRelatedField(
        queryset=ReportingObligation.objects.select_related("region"),
        error_messages=OBLIGATION_ERRORS,
    )
    period = serializers.PrimaryKeyRelatedField(
        queryset=ReportingPeriod.objects.all(),
        error_messages=PERIOD_ERRORS,
        allow_null=True,
        required=False,
        default=None,
        help_text="Null for an incidental report, where the obligation allows them.",
    )
    unit = UnitField(required=False, help_text="Default: the caller's own unit.")

    def validate(self, attrs: dict) -> dict:
        obligation = attrs["obligation"]
        unit = attrs.get("unit") or self.context.get("unit")
        if unit is None:
            raise serializers.ValidationError({"unit": _("Name the unit by its id.")})
        if unit.region_id != obligation.region_id:
            raise serializers.ValidationError({"unit": unit_outside(unit, obligation.region)})
        period = attrs["period"]
        if period is not None and period.obligation_id != obligation.pk:
            raise serializers.ValidationError(
                {"period": _("This period belongs to another obligation.")}
            )
        attrs["unit"] = unit
        return attrs


class ReportLineWrite(serializers.Serializer):
    program = serializers.CharField(max_length=300)
    activity = serializers.CharField(max_length=300, allow_blank=True, default="")
    target_realisation = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        error_messages=PERCENT_ERRORS,
        help_text="Physical target realised, in % (0 to 100).",
    )
    budget_absorption = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        error_messages=PERCENT_ERRORS,
        help_text="Budget absorbed, in % (0 to 100).",
    )


class WrittenReportDraft(serializers.Serializer):
    """A draft's content; ``lines`` only for reports to the Bappeda."""

    title = serializers.CharField(
        max_length=300,
        allow_blank=True,
        default="",
        help_text="Required for an incidental report.",
    )
    summary = serializers.CharField(**TEXT)
    achievements = serializers.CharField(**TEXT)
    problems = serializers.CharField(**TEXT, help_text="Problems met (kendala).")
    plans = serializers.CharField(**TEXT)
    lines = ReportLineWrite(
        many=True,
        required=False,
        default=list,
        max_length=200,
        help_text="Target realisation and budget absorption per program or activity.",
    )

    def to_input(self) -> ReportInput:
        data = dict(self.validated_data)
        data["lines"] = [LineInput(**line) for line in data.get("lines", [])]
        return ReportInput(**data)


class ReportNoteWrite(serializers.Serializer):
    note = serializers.CharField(max_length=4000, allow_blank=True, default="")


class ReportAttachmentWrite(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, DOCX or XLSX, checked from its content.")


# --- Output -----------------------------------------------------------------------------------


class ReportingObligationRead(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    provision = serializers.CharField(source="source", read_only=True)
    reporter_kinds = serializers.ListField(child=serializers.CharField(), read_only=True)
    reporters = serializers.SerializerMethodField()
    recipient = choice_text(ReportingObligation.Recipient)
    recipient_display = serializers.SerializerMethodField()
    through = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text='e.g. ["asisten", "sekda"]'
    )
    through_display = serializers.SerializerMethodField()
    cadence = choice_text(Cadence)
    cadence_display = serializers.SerializerMethodField()
    due_display = serializers.SerializerMethodField()
    form = choice_text(ReportingObligation.Form)
    name = serializers.CharField(
        source="display_name", read_only=True, help_text="In the caller's language."
    )

    class Meta:
        model = ReportingObligation
        fields = [
            "id",
            "region",
            "name",
            "provision",
            "reporter_kinds",
            "reporters",
            "recipient",
            "recipient_display",
            "through",
            "through_display",
            "cadence",
            "cadence_source",
            "cadence_display",
            "due_working_days",
            "due_source",
            "due_display",
            "form",
            "incidental",
            "active",
        ]

    def get_reporters(self, row: ReportingObligation) -> str:
        return kinds_label(list(row.reporter_kinds))

    def get_recipient_display(self, row: ReportingObligation) -> str:
        return role_label(row.region, row.recipient)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_through_display(self, row: ReportingObligation) -> list[str]:
        return [role_label(row.region, role) for role in row.through]

    def get_cadence_display(self, row: ReportingObligation) -> str:
        return cadence_display(row)

    def get_due_display(self, row: ReportingObligation) -> str:
        return due_display(row)


class ReportingPeriodRead(serializers.ModelSerializer):
    region = serializers.SerializerMethodField()

    class Meta:
        model = ReportingPeriod
        fields = ["id", "region", "obligation", "label", "start", "end", "due_date"]

    def get_region(self, row: ReportingPeriod) -> str:
        return row.obligation.region.code


class ReportingPeriodBrief(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "label", "start", "end", "due_date"]


class ReportLineRead(serializers.ModelSerializer):
    class Meta:
        model = ReportLine
        fields = ["position", "program", "activity", "target_realisation", "budget_absorption"]


class ReportAttachmentRead(StoredFileRead):
    region_path = "report.region"
    route = "report-download-attachment"
    owner = "report_id"

    class Meta(StoredFileRead.Meta):
        model = ReportAttachment


class ReportStepRead(RegionalTimes, serializers.ModelSerializer):
    region_path = "report.region"
    actor = _username()
    from_status = serializers.CharField(read_only=True)
    to_status = serializers.CharField(read_only=True)

    class Meta:
        model = ReportStep
        fields = ["actor", "from_status", "to_status", "at", "note"]


class LatenessListSerializer(serializers.ListSerializer):
    """A page of reports: the clocks of their regions (days off, zone, today) in one query,
    for every row's ``late_working_days``."""

    def to_representation(self, data) -> list:
        rows = list(data.all() if hasattr(data, "all") else data)
        regions = {row.region_id: row.region for row in rows}
        self.context.setdefault("clocks", {}).update(clocks(regions.values()))
        return super().to_representation(rows)


class WrittenReportRead(RegionalTimes, serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    obligation = serializers.SerializerMethodField()
    period = ReportingPeriodBrief(allow_null=True, read_only=True)
    unit = UnitRef()
    status = choice_text(Report.Status)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    newer = serializers.IntegerField(
        source="newer_id", read_only=True, allow_null=True, help_text="The next version's id."
    )
    next_step = serializers.SerializerMethodField()
    late_working_days = serializers.SerializerMethodField(
        help_text="Working days after the period's due date: to the first submission (a "
        "revision does not reset it), or, not yet submitted, to the region's today. Null when "
        "on time, not yet due, or incidental."
    )
    created_by = _username()

    class Meta:
        list_serializer_class = LatenessListSerializer
        model = Report
        fields = [
            "id",
            "region",
            "obligation",
            "period",
            "unit",
            "version",
            "previous",
            "newer",
            "status",
            "status_display",
            "next_step",
            "title",
            "created_by",
            "created_at",
            "submitted_at",
            "first_submitted_at",
            "late_working_days",
        ]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_obligation(self, row: Report) -> dict:
        return {
            "id": row.obligation_id,
            "name": row.obligation.display_name,
            "provision": row.obligation.source,
        }

    @extend_schema_field(
        serializers.ChoiceField(choices=["review", "receive", "accept"], allow_null=True)
    )
    def get_next_step(self, row: Report) -> str | None:
        return next_step(row)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_late_working_days(self, row: Report) -> int | None:
        known = self.context.setdefault("clocks", {})
        if row.region_id not in known:  # one report: its region's clock, one query
            known[row.region_id] = Clock.of(row.region)
        late = known[row.region_id].report(row)
        return late.working_days if late else None


class WrittenReportDetail(WrittenReportRead):
    """A report with its content, program lines, files, routing steps and versions, and what
    the caller may do with it."""

    lines = ReportLineRead(many=True, read_only=True)
    attachments = ReportAttachmentRead(many=True, read_only=True)
    steps = ReportStepRead(many=True, read_only=True)
    versions = serializers.SerializerMethodField()
    may_act = serializers.SerializerMethodField()
    may_file = serializers.SerializerMethodField()

    class Meta(WrittenReportRead.Meta):
        fields = [
            *WrittenReportRead.Meta.fields,
            "summary",
            "achievements",
            "problems",
            "plans",
            "lines",
            "attachments",
            "steps",
            "versions",
            "may_act",
            "may_file",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_versions(self, row: Report) -> list[dict]:
        return [
            {"id": each.pk, "version": each.version, "status": each.status}
            for each in self.context.get("versions", [row])
        ]

    def get_may_act(self, row: Report) -> bool:
        """Whether the caller takes the step the report waits for (or returns it)."""
        return self.context["request"].user.has_perm("coordination.act_report", row)

    def get_may_file(self, row: Report) -> bool:
        """Whether the caller files this unit's reports: edits, attaches to and submits a
        draft, revises a returned version."""
        return self.context["request"].user.has_perm("coordination.file_report", row)
