"""Users' roles: each user is bound to a region and a unit with one role."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from orgchart.models.units import Unit
from orgchart.vocabulary import AGENCY_KINDS, UnitKind
from regulations.models import Region


class Role(models.TextChoices):
    SUPERADMIN = "superadmin", _("superadmin")
    KEPALA_DAERAH = "kepala_daerah", _("Kepala Daerah")
    WAKIL = "wakil", _("Wakil Kepala Daerah")
    SEKDA = "sekda", _("Sekretaris Daerah")
    ASISTEN = "asisten", _("Asisten")
    STAF_AHLI = "staf_ahli", _("Staf Ahli")
    SECRETARIAT_STAFF = "secretariat_staff", _("secretariat staff (Setda)")
    AGENCY_HEAD = "agency_head", _("agency head")
    AGENCY_STAFF = "agency_staff", _("agency staff")


# The kinds of unit a role may be bound to.
ROLE_UNIT_KINDS: dict[str, frozenset[str]] = {
    Role.KEPALA_DAERAH: frozenset({UnitKind.KEPALA_DAERAH}),
    Role.WAKIL: frozenset({UnitKind.WAKIL}),
    Role.SEKDA: frozenset({UnitKind.SETDA}),
    Role.ASISTEN: frozenset({UnitKind.ASISTEN}),
    Role.STAF_AHLI: frozenset({UnitKind.STAF_AHLI}),
    Role.SECRETARIAT_STAFF: frozenset({UnitKind.SETDA, UnitKind.BAGIAN, UnitKind.ASISTEN}),
    Role.AGENCY_HEAD: AGENCY_KINDS,
    Role.AGENCY_STAFF: AGENCY_KINDS,
}


class RoleAssignmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> RoleAssignmentQuerySet:
        scope = region_scope(user)
        if scope is None:
            return self.none()
        if scope == "all":
            return self.all()
        own = Q(user=user)
        if role_of(user) in {Role.SECRETARIAT_STAFF, Role.SEKDA}:
            return self.filter(own | Q(region_id=scope))
        return self.filter(own)


class RoleAssignment(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignment",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("region"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("unit"),
    )
    official = models.ForeignKey(
        # By name: orgchart.models.people imports this module for region_scope.
        "orgchart.Official",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user_roles",
        verbose_name=_("official"),
    )

    objects = RoleAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="superadmin") | (Q(region__isnull=False) & Q(unit__isnull=False)),
                name="roleassignment_bound_to_region_and_unit",
                violation_error_message=_(
                    "Every role but the portal administrator's belongs to a region and a unit."
                ),
            )
        ]

    def __str__(self) -> str:
        where = f" — {self.unit}" if self.unit_id else ""
        return f"{self.user} ({self.get_role_display()}{where})"

    @property
    def owning_region_id(self) -> int | None:
        return self.region_id

    def clean(self) -> None:
        if self.role == Role.SUPERADMIN:
            return
        errors: dict[str, str] = {}
        if not self.region_id:
            errors["region"] = gettext("Every role but superadmin is bound to a region.")
        if not self.unit_id:
            errors["unit"] = gettext("Every role but superadmin is bound to a unit.")
        elif self.region_id and self.unit.region_id != self.region_id:
            errors["unit"] = gettext("The unit must be in the user's region.")
        elif self.unit.kind not in ROLE_UNIT_KINDS[self.role]:
            errors["unit"] = gettext("A %(role)s cannot be bound to a %(kind)s.") % {
                "role": self.get_role_display(),
                "kind": self.unit.get_kind_display(),
            }
        if self.official_id and self.region_id and self.official.region_id != self.region_id:
            errors["official"] = gettext("The official must be in the user's region.")
        if errors:
            raise ValidationError(errors)


def assignment_of(user) -> RoleAssignment | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        return user.role_assignment
    except RoleAssignment.DoesNotExist:
        return None


def role_of(user) -> str | None:
    if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
        return Role.SUPERADMIN
    assignment = assignment_of(user)
    return assignment.role if assignment else None


def region_scope(user) -> int | str | None:
    """ "all" for a superadmin, the user's region id, or None for nobody (deny by default)."""
    role = role_of(user)
    if role == Role.SUPERADMIN:
        return "all"
    if role is None:
        return None
    return assignment_of(user).region_id
