"""Regions (Kota/Kabupaten) and the regulations their heads issue."""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regulations.nip import normalise_nip, validate_nip
from regulations.validity import ValidityPeriod, period_constraint, valid_at


class Region(models.Model):
    """A Kota or Kabupaten, identified by its Kemendagri code (e.g. ``13.75``)."""

    class Kind(models.TextChoices):
        KOTA = "kota", _("Kota")
        KABUPATEN = "kabupaten", _("Kabupaten")

    class HeadTitle(models.TextChoices):
        WALIKOTA = "Walikota", "Walikota"
        WALI_KOTA = "Wali Kota", "Wali Kota"
        BUPATI = "Bupati", "Bupati"

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
        WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
        WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")

    code = models.CharField(
        _("Kemendagri code"),
        max_length=5,
        unique=True,
        validators=[
            RegexValidator(
                r"^\d{2}\.\d{2}$",
                _("A Kemendagri region code has the form 13.75 (province.region)."),
            )
        ],
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("Without Kota/Kabupaten."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    province = models.CharField(_("province"), max_length=120)
    head_title = models.CharField(
        _("title of the head"),
        max_length=10,
        choices=HeadTitle.choices,
        help_text=_("As the region's own regulations spell it."),
    )
    seat = models.CharField(_("seat"), max_length=120, help_text=_("Where the government sits."))
    timezone = models.CharField(
        _("time zone"), max_length=20, choices=TimeZone.choices, default=TimeZone.WIB
    )
    structure_version = models.PositiveIntegerField(
        _("structure version"),
        default=0,
        editable=False,
        help_text=_("Bumped by every change to the region's structure; the API's ETag."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="kabupaten") | Q(head_title="Bupati"),
                name="region_kabupaten_headed_by_bupati",
                violation_error_message=_("A Kabupaten is headed by a Bupati."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="kota") | Q(head_title__in=["Walikota", "Wali Kota"]),
                name="region_kota_headed_by_walikota",
                violation_error_message=_("A Kota is headed by a Walikota (or Wali Kota)."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.get_kind_display()} {self.name}"

    @property
    def deputy_title(self) -> str:
        return f"Wakil {self.head_title}"

    @property
    def owning_region_id(self) -> int:
        return self.pk

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The region's own time zone: every time it is shown or sent is read in it."""
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def zone_abbr(self) -> str:
        """WIB, WITA or WIT (Indonesia has kept no daylight saving time since 1964)."""
        return datetime.datetime.now(self.zone).tzname() or self.timezone

    def local(self, value: datetime.datetime) -> datetime.datetime:
        """An aware time as the region's clocks show it."""
        return value.astimezone(self.zone)

    def today(self, now: datetime.datetime | None = None) -> datetime.date:
        """Today's date in the region (not the server's): day zero of its deadlines."""
        from django.utils import timezone

        return (now or timezone.now()).astimezone(self.zone).date()

    def regulation_in_force(self, day: datetime.date) -> Regulation | None:
        return Regulation.objects.filter(region=self).in_force(day).first()


class RegulationQuerySet(models.QuerySet):
    def in_force(self, day: datetime.date) -> RegulationQuerySet:
        """Regulations in force on ``day``, newest first; a revoked one answers for its period."""
        return (
            self.exclude(status=Regulation.Status.DRAFT)
            .filter(valid_at(day), year__lte=day.year)
            .order_by("-valid_from", "-year")
        )

    def visible_to(self, user) -> RegulationQuerySet:
        return self.all()  # Published law is public.


class Regulation(ValidityPeriod):
    """A regulation as enacted and promulgated; its text lives in Provision rows."""

    class Kind(models.TextChoices):
        PERATURAN_KEPALA_DAERAH = "peraturan_kepala_daerah", _("Peraturan Walikota/Bupati")
        KEPUTUSAN_KEPALA_DAERAH = "keputusan_kepala_daerah", _("Keputusan Walikota/Bupati")
        PERATURAN_DAERAH = "peraturan_daerah", _("Peraturan Daerah")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_FORCE = "in_force", _("in force")
        REVOKED = "revoked", _("revoked")

    class Acting(models.TextChoices):
        NONE = "", _("(definitive)")
        PLT = "Plt.", "Plt."
        PLH = "Plh.", "Plh."
        PJ = "Pj.", "Pj."

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="regulations", verbose_name=_("region")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.TextField(_("title"), help_text=_("Verbatim, as published."))
    enacting_formula = models.TextField(
        _("enacting formula"),
        blank=True,
        help_text=_("The words after “Menetapkan :”, verbatim: “PERATURAN WALIKOTA TENTANG …”."),
    )
    enacted_line = models.CharField(
        _("enactment as printed"),
        max_length=200,
        blank=True,
        help_text=_("“Ditetapkan di … pada tanggal …”, verbatim."),
    )
    enacted_place = models.CharField(_("place of enactment"), max_length=120, blank=True)
    enacted_on = models.DateField(_("date of enactment"), null=True, blank=True)
    promulgated_line = models.CharField(
        _("promulgation as printed"),
        max_length=200,
        blank=True,
        help_text=_("“Diundangkan di … pada tanggal …”, verbatim."),
    )
    promulgated_place = models.CharField(_("place of promulgation"), max_length=120, blank=True)
    promulgated_on = models.DateField(_("date of promulgation"), null=True, blank=True)
    gazette_year = models.PositiveSmallIntegerField(_("gazette year"), null=True, blank=True)
    gazette_number = models.CharField(
        _("gazette number"), max_length=20, blank=True, help_text=_("Berita Daerah number.")
    )
    signer_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signer_title = models.CharField(
        _("signer's title"),
        max_length=200,
        blank=True,
        help_text=_("e.g. BUPATI KUTAI KARTANEGARA"),
    )
    signer_acting = models.CharField(
        _("acting prefix"), max_length=4, choices=Acting.choices, blank=True, default=""
    )
    promulgator_name = models.CharField(_("promulgated by"), max_length=200, blank=True)
    promulgator_title = models.CharField(_("promulgator's title"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IN_FORCE
    )
    closing = models.TextField(
        _("closing formula"), blank=True, help_text=_("“Agar setiap orang mengetahuinya, …”")
    )

    objects = RegulationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "-year", "number"]
        verbose_name = _("regulation")
        verbose_name_plural = _("regulations")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kind", "number", "year"], name="regulation_unique_number"
            ),
            period_constraint("regulation_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.short_citation

    @property
    def owning_region_id(self) -> int:
        return self.region_id

    @property
    def kind_name(self) -> str:
        """ "Peraturan Wali Kota Banjar", spelled with the region's own head title."""
        head = self.region.head_title
        names = {
            self.Kind.PERATURAN_KEPALA_DAERAH: f"Peraturan {head}",
            self.Kind.KEPUTUSAN_KEPALA_DAERAH: f"Keputusan {head}",
            self.Kind.PERATURAN_DAERAH: "Peraturan Daerah",
        }
        return f"{names[self.kind]} {self.region.name}"

    @property
    def abbreviation(self) -> str:
        head = "Perwal" if self.region.kind == Region.Kind.KOTA else "Perbup"
        return {
            self.Kind.PERATURAN_KEPALA_DAERAH: head,
            self.Kind.KEPUTUSAN_KEPALA_DAERAH: "Kep" + head[3:],
            self.Kind.PERATURAN_DAERAH: "Perda",
        }[self.kind]

    @property
    def short_citation(self) -> str:
        """ "Perbup Kutai Kartanegara 4/2018"."""
        return f"{self.abbreviation} {self.region.name} {self.number}/{self.year}"

    @property
    def full_title(self) -> str:
        return f"{self.kind_name} Nomor {self.number} Tahun {self.year} tentang {self.title}"

    @property
    def signer_display(self) -> str:
        """The signature title with its acting prefix: "Plt. BUPATI KUTAI KARTANEGARA"."""
        return " ".join(part for part in (self.signer_acting, self.signer_title) if part)

    def cite(self, citation: str) -> str:
        """A provision's full citation: "Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (5)"."""
        return f"{self.short_citation} {citation}".strip()

    def in_force_on(self, day: datetime.date) -> bool:
        """The row rule of ``RegulationQuerySet.in_force``: published, valid on ``day``, and
        made by then (a regulation of unknown start counts from the first day of its year)."""
        return self.status != self.Status.DRAFT and self.is_valid_on(day) and self.year <= day.year

    def known_dates(self) -> dict[str, dict]:
        """Its four dates, each ``{"date", "source"}``: ``date`` None where no text the portal
        holds gives it (shown "unknown"); ``source`` the provision of another regulation that
        gives it, "" for its own text. A regulation the portal knows only from the one that
        revokes it (no signature block of its own) has its dates from the revoking provision;
        its last day in force comes from there whatever it holds. Uses ``revoked_by`` as
        prefetched."""
        revocation = next(iter(self.revoked_by.all()), None)
        by_revocation = revocation.revoking.cite(revocation.citation) if revocation else ""
        dates = {}
        for name in ("enacted_on", "promulgated_on", "valid_from", "valid_until"):
            value = getattr(self, name)
            from_revocation = name == "valid_until" or not self.signer_name
            source = by_revocation if value is not None and from_revocation else ""
            dates[name] = {"date": value, "source": source}
        return dates

    def clean(self) -> None:
        errors = {}
        if self.enacted_on and self.promulgated_on and self.promulgated_on < self.enacted_on:
            errors["promulgated_on"] = _("A regulation cannot be promulgated before it is enacted.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end of validity cannot precede its start.")
        if self.status == self.Status.REVOKED and not self.valid_until:
            errors["valid_until"] = _("A revoked regulation needs the last day it was in force.")
        if errors:
            raise ValidationError(errors)


class Revocation(models.Model):
    """One regulation revoking another, as a provision of the revoking one says."""

    revoking = models.ForeignKey(
        Regulation,
        on_delete=models.CASCADE,
        related_name="revocations",
        verbose_name=_("revoking regulation"),
    )
    revoked = models.ForeignKey(
        Regulation,
        on_delete=models.PROTECT,
        related_name="revoked_by",
        verbose_name=_("revoked regulation"),
    )
    citation = models.CharField(
        _("provision"), max_length=120, help_text=_("e.g. Pasal 17 of the revoking regulation.")
    )
    effective_on = models.DateField(_("effective on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("revocation")
        verbose_name_plural = _("revocations")
        constraints = [
            models.UniqueConstraint(fields=["revoking", "revoked"], name="revocation_unique"),
            models.CheckConstraint(
                condition=~Q(revoking=models.F("revoked")),
                name="revocation_not_self",
                violation_error_message=_("A regulation cannot revoke itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.revoking} {self.citation} → {self.revoked}"

    @property
    def owning_region_id(self) -> int:
        return self.revoking.region_id


class Certifier(models.Model):
    """A certification of a copy of the regulation ("Salinan sesuai dengan aslinya") as printed,
    where it is printed: one row per block, so an official who certifies the regulation and its
    Lampiran has two."""

    CLOSING = "penutup"

    regulation = models.ForeignKey(
        Regulation,
        on_delete=models.CASCADE,
        related_name="certifiers",
        verbose_name=_("regulation"),
    )
    title = models.CharField(_("title"), max_length=200)
    name = models.CharField(_("name"), max_length=200)
    nip = models.CharField(
        _("NIP"),
        max_length=24,
        blank=True,
        validators=[validate_nip],
        help_text=_("Personal data."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    citation = models.CharField(
        _("printed at"),
        max_length=120,
        default=CLOSING,
        help_text=_("“penutup” (after the closing) or the Lampiran it is printed under."),
    )
    wording = models.TextField(
        _("wording"),
        blank=True,
        help_text=_(
            "The lines printed above the name, verbatim, one a line: “Salinan sesuai dengan "
            "aslinya,”, the office, the title."
        ),
    )
    nip_printed = models.CharField(
        _("NIP as printed"),
        max_length=32,
        blank=True,
        validators=[validate_nip],
        help_text=_("Personal data. Spaced as printed; the NIP field holds its digits."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["regulation", "position"]
        verbose_name = _("certifier")
        verbose_name_plural = _("certifiers")

    def __str__(self) -> str:
        return f"{self.title} {self.name}"

    def save(self, *args, **kwargs) -> None:
        self.nip = normalise_nip(self.nip_printed or self.nip)
        super().save(*args, **kwargs)

    @property
    def owning_region_id(self) -> int:
        return self.regulation.region_id

    def clean(self) -> None:
        errors = {}
        printed = normalise_nip(self.nip_printed)
        if printed and self.nip and normalise_nip(self.nip) != printed:
            errors["nip_printed"] = _("The NIP as printed and the NIP have different digits.")
        if self.wording and self.title.casefold() not in self.wording.casefold():
            errors["wording"] = _("The wording as printed does not contain the title.")
        if errors:
            raise ValidationError(errors)
