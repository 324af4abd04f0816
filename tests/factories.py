"""factory_boy factories. Units are created through orgchart.services, as in production."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model

from orgchart import services
from orgchart.models import Appointment, Official, Position, RoleAssignment, Unit
from regulations.models import Provision, Region, Regulation


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{90 + n // 100:02d}.{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Contoh {n}")
    kind = Region.Kind.KOTA
    province = "Sumatera Barat"
    head_title = Region.HeadTitle.WALIKOTA
    seat = factory.SelfAttribute("name")


class RegulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regulation

    region = factory.SubFactory(RegionFactory)
    kind = Regulation.Kind.PERATURAN_KEPALA_DAERAH
    number = factory.Sequence(lambda n: str(n + 1))
    year = 2017
    title = "Mekanisme Koordinasi Kerja"
    enacted_on = datetime.date(2017, 2, 28)
    promulgated_on = datetime.date(2017, 2, 28)
    valid_from = datetime.date(2017, 2, 28)
    status = Regulation.Status.IN_FORCE


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provision

    regulation = factory.SubFactory(RegulationFactory)
    kind = Provision.Kind.PASAL
    label = factory.Sequence(lambda n: str(n + 1))
    position = factory.Sequence(lambda n: n + 1)
    text = "…"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    kind = Unit.Kind.DINAS
    line = Unit.Line.KOORDINASI

    @classmethod
    def _create(cls, model_class, *args, parent=None, position="last-child", **kwargs):
        region = kwargs.pop("region")
        if parent is None:
            kwargs.update(kind=Unit.Kind.KEPALA_DAERAH, line="")
        return services.create_unit(region=region, target=parent, position=position, **kwargs)


def valid_nip(sequence: int = 1, sex: int = 1) -> str:
    return f"19780605200212{sex}{sequence:03d}"


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"PEJABAT {n}")
    nip = factory.Sequence(lambda n: valid_nip(n % 999 + 1))


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    unit = None
    title = factory.LazyAttribute(lambda o: f"Kepala {o.unit.name}")
    level = 1


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    official = None
    position = None
    kind = Appointment.Kind.DEFINITIF
    start = datetime.date(2020, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("rahasia-demo-123")


def user_with_role(username: str, role: str, unit: Unit | None) -> object:
    user = UserFactory(username=username, is_staff=role in {"superadmin", "secretariat_staff"})
    if role == "superadmin":
        user.is_superuser = True
        user.save()
    RoleAssignment.objects.create(
        user=user, role=role, region=unit.region if unit else None, unit=unit
    )
    return user
