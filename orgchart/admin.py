"""Admin for the org structure. The unit tree admin routes every write through
orgchart.services, so that drag-and-drop, edits and deletes hold the region's lock."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from mptt.admin import DraggableMPTTAdmin
from rest_framework.authtoken.models import TokenProxy
from rules.contrib.admin import ObjectPermissionsModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from orgchart import services
from orgchart.models import (
    Affair,
    ApiToken,
    Appointment,
    KindRelation,
    Official,
    Position,
    RoleAssignment,
    SessionEpoch,
    Unit,
    UnitAffair,
    UnitLink,
    region_scope,
)
from regulations.models import Region


class RegionScopedAdmin(ObjectPermissionsModelAdminMixin, SimpleHistoryAdmin):
    """Secretariat staff see and pick only their own region's rows."""

    region_lookup = "region"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = region_scope(request.user)
        if scope == "all":
            return queryset
        if scope is None:
            return queryset.none()
        return queryset.filter(**{self.region_lookup: scope})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = region_scope(request.user)
        if scope != "all":
            model = db_field.related_model
            if model is Region:
                kwargs["queryset"] = Region.objects.filter(pk=scope)
            elif model is Unit:
                kwargs["queryset"] = Unit.objects.filter(region_id=scope)
            elif model is Official:
                kwargs["queryset"] = Official.objects.filter(region_id=scope)
            elif model is Position:
                kwargs["queryset"] = Position.objects.filter(unit__region_id=scope)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        # The form let the user pick a region; the object's own region decides the right.
        if not request.user.has_perm(self._perm("change"), obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def _perm(self, action: str) -> str:
        return f"{self.opts.app_label}.{action}_{self.opts.model_name}"


class UnitLinkInline(admin.TabularInline):
    model = UnitLink
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]


@admin.register(Unit)
class UnitAdmin(RegionScopedAdmin, DraggableMPTTAdmin):
    list_select_related = ("region",)
    list_display = ("tree_actions", "indented_title", "kind", "line", "category", "region")
    list_display_links = ("indented_title",)
    list_filter = ("region", "kind", "category")
    search_fields = ("name", "acronym")
    fields = (
        "region",
        "parent",
        "name",
        "key",
        "acronym",
        "kind",
        "line",
        "category",
        "source_regulation",
        "source_citation",
        "valid_from",
        "valid_until",
    )
    inlines = [UnitLinkInline]

    def save_model(self, request, obj, form, change) -> None:
        if not request.user.has_perm("orgchart.change_unit", obj):
            raise PermissionDenied
        fields = {name: getattr(obj, name) for name in services.EDITABLE_FIELDS}
        try:
            if not change:
                created = services.create_unit(region=obj.region, target=obj.parent, **fields)
                obj.pk = created.pk
            else:
                if "parent" in form.changed_data:
                    services.move_unit(unit=obj, target=obj.parent)
                services.update_unit(unit=obj, **fields)
        except ValidationError as exc:
            self.message_user(request, "; ".join(exc.messages), level=messages.ERROR)
            raise
        obj.refresh_from_db()

    def delete_model(self, request, obj) -> None:
        services.delete_unit(unit=obj)

    def delete_queryset(self, request, queryset) -> None:
        for unit in queryset.order_by("-level"):
            if Unit.objects.filter(pk=unit.pk).exists():
                services.delete_unit(unit=unit)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            # mptt's replacement deletes outside the service; Django's calls delete_queryset.
            actions["delete_selected"] = (
                delete_selected,
                "delete_selected",
                _("Delete selected %(verbose_name_plural)s"),
            )
        return actions

    def _move_node(self, request) -> HttpResponse:
        """Drag-and-drop from mptt's changelist, performed by orgchart.services.move_unit."""
        position = request.POST.get("position")
        if position not in ("last-child", "left", "right"):
            return HttpResponse("FAIL, unknown instruction.")
        queryset = self.get_queryset(request)
        try:
            unit = queryset.get(pk=request.POST.get("cut_item"))
            target = queryset.get(pk=request.POST.get("pasted_on"))
        except (Unit.DoesNotExist, TypeError, ValueError):
            self.message_user(request, _("Objects have disappeared, try again."), messages.ERROR)
            return HttpResponse("FAIL, invalid objects.")
        if not self.has_change_permission(request, unit):
            self.message_user(request, _("No permission"), messages.ERROR)
            return HttpResponse("FAIL, no permission.")
        try:
            services.move_unit(unit=unit, target=target, position=position)
        except ValidationError as exc:
            self.message_user(request, "; ".join(exc.messages), messages.ERROR)
            return HttpResponse("FAIL, invalid move.")
        self.log_change(request, unit, [{"changed": {"fields": ["parent"]}}])
        self.message_user(request, _("%s has been moved.") % unit)
        return HttpResponse("OK, moved.")


@admin.register(UnitLink)
class UnitLinkAdmin(RegionScopedAdmin):
    list_select_related = ("source", "target", "regulation__region")
    region_lookup = "source__region"
    list_display = ("source", "kind", "target", "regulation", "citation")
    list_filter = ("kind", "source__region")
    autocomplete_fields = ["source", "target"]


@admin.register(KindRelation)
class KindRelationAdmin(ObjectPermissionsModelAdminMixin, SimpleHistoryAdmin):
    list_select_related = ("regulation__region",)
    list_display = ("regulation", "from_kind", "to_kind", "nature", "citation")
    list_filter = ("regulation__region", "nature")


@admin.register(Position)
class PositionAdmin(RegionScopedAdmin):
    list_select_related = ("unit",)
    region_lookup = "unit__region"
    list_display = ("title", "unit", "level", "echelon")
    list_filter = ("unit__region", "level")
    search_fields = ("title", "unit__name")
    autocomplete_fields = ["unit"]


@admin.register(Official)
class OfficialAdmin(RegionScopedAdmin):
    list_select_related = ("region",)
    list_display = ("name", "nip_display", "region")
    list_filter = ("region",)
    search_fields = ("name", "nip")


@admin.register(Appointment)
class AppointmentAdmin(RegionScopedAdmin):
    list_select_related = ("position", "official")
    region_lookup = "position__unit__region"
    list_display = ("position", "official", "kind", "start", "end")
    list_filter = ("kind", "position__unit__region")
    autocomplete_fields = ["official", "position"]


@admin.register(Affair)
class AffairAdmin(ObjectPermissionsModelAdminMixin, SimpleHistoryAdmin):
    list_select_related = ("parent",)
    list_display = ("code", "name", "group", "parent")
    list_filter = ("group",)
    search_fields = ("code", "name")


@admin.register(UnitAffair)
class UnitAffairAdmin(RegionScopedAdmin):
    list_select_related = ("unit", "affair", "regulation__region")
    region_lookup = "unit__region"
    list_display = ("unit", "role", "affair", "regulation", "citation")
    list_filter = ("role", "unit__region")
    autocomplete_fields = ["unit", "affair"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(RegionScopedAdmin):
    list_select_related = ("user", "region", "unit")
    list_display = ("user", "role", "region", "unit")
    list_filter = ("role", "region")
    autocomplete_fields = ["unit", "official"]


class RoleAssignmentInline(admin.StackedInline):
    model = RoleAssignment
    can_delete = False
    autocomplete_fields = ["unit", "official"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]


# rest_framework.authtoken keeps keys in clear text and never expires them: new tokens are made
# by their owners on the token page (orgchart.ApiToken), so its admin is withdrawn.
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Superadmin only (orgchart/permissions.py). Keys are made by their
    owners and shown once; here a token can only be seen and revoked."""

    list_display = ("prefix", "user", "name", "created", "expires", "last_used", "revoked")
    list_select_related = ("user",)
    list_filter = (("revoked", admin.EmptyFieldListFilter),)
    search_fields = ("user__username", "name", "prefix")
    readonly_fields = ("user", "name", "prefix", "created", "expires", "last_used", "revoked")
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset) -> None:
        for token in queryset.filter(revoked__isnull=True):
            token.revoke()


@admin.register(SessionEpoch)
class SessionEpochAdmin(admin.ModelAdmin):
    list_display = ("user", "value")
    readonly_fields = ("user", "value")

    def has_add_permission(self, request) -> bool:
        return False
