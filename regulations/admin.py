"""Admin for regions, regulations, their text and their rules."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from rules.contrib.admin import ObjectPermissionsModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from regulations.models import (
    Annex,
    AnnexEntry,
    Certifier,
    Provision,
    Recital,
    Region,
    Regulation,
    Revocation,
    Rule,
)


class PortalAdmin(ObjectPermissionsModelAdminMixin, SimpleHistoryAdmin):
    """Permissions from the ``rules`` predicates, history from django-simple-history."""


@admin.register(Region)
class RegionAdmin(PortalAdmin):
    list_display = ("code", "full_name", "province", "head_title", "seat", "timezone")
    search_fields = ("code", "name", "province")


class RecitalInline(admin.TabularInline):
    model = Recital
    extra = 0


class AnnexInline(admin.TabularInline):
    model = Annex
    extra = 0


class RuleInline(admin.TabularInline):
    model = Rule
    extra = 0
    fields = ("kind", "value", "citation", "valid_from", "valid_until")


class RevocationInline(admin.TabularInline):
    model = Revocation
    fk_name = "revoking"
    extra = 0
    autocomplete_fields = ["revoked"]


@admin.register(Regulation)
class RegulationAdmin(PortalAdmin):
    list_select_related = ("region",)
    list_display = ("short_citation", "title", "status", "valid_from", "valid_until")
    list_filter = ("region", "status", "kind")
    search_fields = ("title", "number", "region__name")
    inlines = [RecitalInline, AnnexInline, RuleInline, RevocationInline]
    fieldsets = (
        (None, {"fields": ("region", "kind", "number", "year", "title", "status")}),
        (
            "Penetapan / Enactment",
            {"fields": ("enacting_formula", "enacted_line", "enacted_place", "enacted_on")},
        ),
        (
            "Pengundangan / Promulgation",
            {
                "fields": (
                    "promulgated_line",
                    "promulgated_place",
                    "promulgated_on",
                    "gazette_year",
                    "gazette_number",
                )
            },
        ),
        (
            "Penandatangan / Signatures",
            {
                "fields": (
                    "signer_acting",
                    "signer_title",
                    "signer_name",
                    "promulgator_title",
                    "promulgator_name",
                )
            },
        ),
        ("Masa berlaku / Validity", {"fields": ("valid_from", "valid_until")}),
        ("Penutup / Closing", {"fields": ("closing",)}),
    )


@admin.register(Provision)
class ProvisionAdmin(PortalAdmin):
    list_select_related = ("regulation__region",)
    list_display = ("__str__", "kind", "heading", "position")
    list_filter = ("regulation", "kind")
    search_fields = ("text", "heading")
    raw_id_fields = ("parent",)
    readonly_fields = ("key",)


@admin.register(Rule)
class RuleAdmin(PortalAdmin):
    list_select_related = ("regulation__region",)
    list_display = ("kind", "regulation", "cited_provisions", "value")
    list_filter = ("kind", "regulation__region")

    @admin.display(description=_("provisions"), ordering="citation")
    def cited_provisions(self, rule: Rule) -> str:
        return rule.cited


@admin.register(Revocation)
class RevocationAdmin(PortalAdmin):
    list_select_related = ("revoking__region", "revoked__region")
    list_display = ("revoking", "citation", "revoked", "effective_on")
    autocomplete_fields = ["revoking", "revoked"]


@admin.register(Recital)
class RecitalAdmin(PortalAdmin):
    list_select_related = ("regulation__region",)
    list_display = ("regulation", "kind", "label", "text")
    list_filter = ("kind", "regulation__region")
    search_fields = ("text",)


@admin.register(Annex)
class AnnexAdmin(PortalAdmin):
    list_select_related = ("regulation__region",)
    list_display = ("regulation", "citation", "title", "kind", "attached_by")
    list_filter = ("kind", "regulation__region")


class AnnexEntryInline(admin.TabularInline):
    model = AnnexEntry
    extra = 0


@admin.register(AnnexEntry)
class AnnexEntryAdmin(PortalAdmin):
    list_select_related = ("annex__regulation__region",)
    list_display = ("annex", "row", "column", "position", "text", "unit_key")
    list_filter = ("column", "annex__regulation__region")
    search_fields = ("text", "unit_key")


@admin.register(Certifier)
class CertifierAdmin(PortalAdmin):
    list_select_related = ("regulation__region",)
    list_display = ("regulation", "citation", "title", "name")
    list_filter = ("regulation__region",)
    fields = (
        "regulation",
        "position",
        "citation",
        "wording",
        "title",
        "name",
        "nip_printed",
        "nip",
    )
    readonly_fields = ("nip",)  # the digits of the NIP as printed (Certifier.save)
