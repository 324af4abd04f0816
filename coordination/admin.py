"""Admin for the coordination workflows. Regional days off are kept here by the secretariat;
meetings, follow-ups, urgent decisions, take-overs and reminders are read-only here, because
every change to them goes through coordination.services (rules, citations, audit) on the
portal's own pages and API."""

from __future__ import annotations

from django.contrib import admin

from coordination.models import (
    FollowUp,
    Meeting,
    RegionalDayOff,
    ReminderLog,
    Takeover,
    UrgentDecision,
)
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
    region_lookup = "follow_up__region"
    list_display = ("follow_up", "kind", "claimed_at", "attempts", "sent_at", "recipients")
    list_filter = ("kind",)
    list_select_related = ("follow_up__unit",)
