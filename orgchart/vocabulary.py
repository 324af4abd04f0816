"""The vocabulary of the org structure: kinds of unit, kinds of line, portfolio categories."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    KEPALA_DAERAH = "kepala_daerah", _("Kepala Daerah (Walikota/Bupati)")
    WAKIL = "wakil", _("Wakil Kepala Daerah")
    DPRD = "dprd", _("DPRD")
    SETDA = "setda", _("Sekretariat Daerah (Sekda)")
    ASISTEN = "asisten", _("Asisten Sekretaris Daerah")
    STAF_AHLI = "staf_ahli", _("Staf Ahli")
    BAGIAN = "bagian", _("Bagian (Setda)")
    SETWAN = "setwan", _("Sekretariat DPRD")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    KANTOR = "kantor", _("Kantor")
    SATUAN = "satuan", _("Satuan (Satpol PP)")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    NAGARI = "nagari", _("Nagari")
    DESA = "desa", _("Desa")
    UPT = "upt", _("UPT/UPTD")
    RSUD = "rsud", _("RSUD")
    INSTANSI_VERTIKAL = "instansi_vertikal", _("Instansi Vertikal")
    BUMD = "bumd", _("BUMD")
    UNSUR_PELAYANAN_LAINNYA = "unsur_pelayanan_lainnya", _("Unsur Pelayanan Lainnya")
    PERGURUAN_TINGGI = "perguruan_tinggi", _("Perguruan Tinggi")
    FORUM = "forum", _("Forum (Forkopimda …)")
    LAINNYA = "lainnya", _("Other unit")


# Units headed by a Kepala who answers for an agency: they hold meetings seats, follow-ups and
# written reports (Pasal 16 ayat (2) of Bukittinggi and Pasaman Barat).
AGENCY_KINDS = frozenset(
    {
        UnitKind.SETWAN,
        UnitKind.INSPEKTORAT,
        UnitKind.DINAS,
        UnitKind.BADAN,
        UnitKind.KANTOR,
        UnitKind.SATUAN,
        UnitKind.BAGIAN,
        UnitKind.KECAMATAN,
        UnitKind.KELURAHAN,
        UnitKind.NAGARI,
        UnitKind.DESA,
        UnitKind.UPT,
        UnitKind.RSUD,
        UnitKind.INSTANSI_VERTIKAL,
        UnitKind.BUMD,
        UnitKind.UNSUR_PELAYANAN_LAINNYA,
        UnitKind.PERGURUAN_TINGGI,
        UnitKind.LAINNYA,
    }
)

# "Perangkat Daerah" in the texts: the agencies of the regional government. The Setda receives
# the reports and its Bagian report through it, so neither files one of its own.
PERANGKAT_DAERAH = frozenset(
    {
        UnitKind.SETWAN,
        UnitKind.INSPEKTORAT,
        UnitKind.DINAS,
        UnitKind.BADAN,
        UnitKind.KANTOR,
        UnitKind.SATUAN,
        UnitKind.KECAMATAN,
        UnitKind.RSUD,
    }
)


# Outside the regional government: coordinated, never commanded.
EXTERNAL_KINDS = frozenset(
    {
        UnitKind.INSTANSI_VERTIKAL,
        UnitKind.UNSUR_PELAYANAN_LAINNYA,
        UnitKind.PERGURUAN_TINGGI,
        UnitKind.DPRD,
    }
)


class LineKind(models.TextChoices):
    KOMANDO = "komando", _("garis komando (solid)")
    KOORDINASI = "koordinasi", _("garis koordinasi (dashed)")


class Category(models.TextChoices):
    """Portfolio categories of Perbup Kutai Kartanegara 4/2018 Pasal 10-12."""

    ADMINISTRASI = "administrasi", _("Koordinator Pelayanan Administrasi")
    OPERASIONAL = "operasional", _("Koordinator Pelayanan Operasional")
    TEKNIS = "teknis", _("Koordinator Pelayanan Teknis")
    DEKONSENTRASI = "dekonsentrasi", _("Koordinator Pelayanan Dekonsentrasi")
    UNSUR_PELAYANAN_LAINNYA = "unsur_pelayanan_lainnya", _("Koordinasi Unsur Pelayanan Lainnya")
