"""Admin for the coordination workflows. Regional days off are kept here by the secretariat;
meetings, follow-ups, urgent decisions, take-overs and reminders (with their outcome:
delivered, to a fallback, undelivered) are read-only here, because every change to them goes
through each workflow's services (coordination.<workflow>.services: rules, citations,
audit) on the portal's own pages and API."""

from __future__ import annotations

import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coordination.core.models import RegionalDayOff
from coordination.core.workdays import region_today
from coordination.follow_ups.models import FollowUp, ReminderLog
from coordination.meetings.models import Meeting
from coordination.oversight.models import Takeover, UrgentDecision
from coordination.reports.models import Report, ReportingObligation, ReportingPeriod, ReportReminder
from coordination.reports.obligations import ensure_periods, period_bounds
from orgchart.admin import RegionScopedAdmin


@admin.register(RegionalDayOff)
class RegionalDayOffAdmin(RegionScopedAdmin):
    list_display = ("date", "name", "region", "decree")
    list_filter = ("region",)
    date_hierarchy = "date"
    search_fields = ("name", "decree")


class ReadOnlyAdmin(RegionScopedAdmin):
    """Shown for reference and history; changed only through the workflows."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("title", "region", "starts_at", "convener", "status")
    list_filter = ("region", "status", "form", "mode")
    search_fields = ("title",)
    date_hierarchy = "starts_at"
    list_select_related = ("region", "convener")


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ("unit", "action", "due_date", "due_source", "status", "region")
    list_filter = ("region", "status")
    search_fields = ("action", "unit__name")
    list_select_related = ("region", "unit")


@admin.register(UrgentDecision)
class UrgentDecisionAdmin(ReadOnlyAdmin):
    list_display = ("subject", "unit", "decided_on", "reported_at", "received_at", "region")
    list_filter = ("region",)
    list_select_related = ("region", "unit")


@admin.register(Takeover)
class TakeoverAdmin(ReadOnlyAdmin):
    list_display = ("unit", "taken_by", "start", "end", "cancelled_at", "region")
    list_filter = ("region",)
    list_select_related = ("region", "unit", "taken_by")


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    """Every follow-up notice and what became of it: undelivered ones first to look at."""

    region_lookup = "follow_up__region"
    list_display = (
        "follow_up",
        "kind",
        "outcome",
        "route",
        "failure",
        "claimed_at",
        "attempts",
        "sent_at",
        "recipients",
    )
    list_filter = ("outcome", "kind", "route", "failure")
    list_select_related = ("follow_up__unit",)


@admin.register(ReportReminder)
class ReportReminderAdmin(ReadOnlyAdmin):
    """Every written-report reminder and what became of it."""

    region_lookup = "unit__region"
    list_display = (
        "unit",
        "period",
        "kind",
        "outcome",
        "route",
        "failure",
        "claimed_at",
        "attempts",
        "sent_at",
        "recipients",
    )
    list_filter = ("outcome", "kind", "route", "failure")
    list_select_related = ("unit", "period")


@admin.register(ReportingObligation)
class ReportingObligationAdmin(ReadOnlyAdmin):
    """Obligations are derived from the region's rules; the secretariat creates their periods
    ahead from here when beat has not yet (idempotent: existing periods are kept)."""

    list_display = ("name", "source", "cadence", "recipient", "active", "region")
    list_filter = ("region", "active", "cadence")
    list_select_related = ("region",)
    actions = ["create_periods"]

    @admin.action(description=_("Create the periods of this year and the next one"))
    def create_periods(self, request, queryset) -> None:
        if not all(
            request.user.has_perm("coordination.add_reportingperiod", ReportingPeriod(obligation=o))
            for o in queryset
        ):
            raise PermissionDenied
        created = 0
        for obligation in queryset.select_related("region"):
            today = region_today(obligation.region)
            last = period_bounds(obligation.cadence, datetime.date(today.year + 1, 1, 1))[1]
            created += len(ensure_periods(obligation, datetime.date(today.year, 1, 1), last))
        self.message_user(
            request,
            ngettext("%(count)d period created.", "%(count)d periods created.", created)
            % {"count": created},
            messages.SUCCESS,
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("coordination.add_reportingperiod"):
            actions.pop("create_periods", None)
        return actions


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    region_lookup = "obligation__region"
    list_display = ("label", "obligation", "start", "end", "due_date")
    list_filter = ("obligation__region",)
    list_select_related = ("obligation",)


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("unit", "period", "version", "status", "submitted_at", "region")
    list_filter = ("region", "status")
    list_select_related = ("unit", "period", "region")
