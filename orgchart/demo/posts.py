"""The posts a demo roster gives each kind of unit, titled as offices title them ("Kepala Dinas
Kesehatan", "Sekretaris Dinas Kesehatan", "Kepala Subbagian Perundang-undangan"), with the level
below the head (Position.level, 1 for the head) and the usual echelon."""

from __future__ import annotations

import re
from dataclasses import dataclass

from orgchart.demo.topics import bidang_of, subbagian_of
from orgchart.models import Position, Unit
from orgchart.vocabulary import UnitKind
from regulations.models import Region

E = Position.Echelon

# Kinds of unit that get a roster; vertical offices, BUMD, forums and the DPRD have officials
# of their own and are left out.
ROSTER_KINDS = frozenset(
    {
        UnitKind.KEPALA_DAERAH,
        UnitKind.WAKIL,
        UnitKind.SETDA,
        UnitKind.ASISTEN,
        UnitKind.STAF_AHLI,
        UnitKind.BAGIAN,
        UnitKind.SETWAN,
        UnitKind.INSPEKTORAT,
        UnitKind.DINAS,
        UnitKind.BADAN,
        UnitKind.KANTOR,
        UnitKind.SATUAN,
        UnitKind.KECAMATAN,
        UnitKind.KELURAHAN,
        UnitKind.RSUD,
    }
)
ELECTED_KINDS = frozenset({UnitKind.KEPALA_DAERAH, UnitKind.WAKIL})
AGENCY_LIKE = frozenset({UnitKind.DINAS, UnitKind.BADAN, UnitKind.KANTOR, UnitKind.SATUAN})

# Small words stay lower case inside a title; the rest of the spelling is the unit's own, bar
# a few slips of the published texts that no office would print on a name plate.
SMALL_WORDS = frozenset({"dan", "di", "ke", "dari", "pada", "serta", "untuk", "yang"})
SLIPS = {
    "dinassosial": "dinas sosial",
    "dinaskomunikasi": "dinas komunikasi",
    "kepegawaiandan": "kepegawaian dan",
    "bagiann": "bagian",
    "penanggulanggan": "penanggulangan",
    "assisten": "asisten",
    "adm": "administrasi",
    "rsud.": "RSUD",
}


@dataclass(frozen=True)
class Post:
    level: int
    title: str
    echelon: str = E.NONE
    extra: bool = False  # only in units that get a fuller roster


def title_case(name: str) -> str:
    """ "dinas pemuda dan olahraga" → "Dinas Pemuda dan Olahraga"; acronyms kept."""
    words = []
    for index, raw in enumerate(name.split()):
        word = SLIPS.get(raw.lower(), raw)
        if word.isupper() and len(word) > 1:
            words.append(word)
        elif index and word.lower() in SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append(word[:1].upper() + word[1:])
    return re.sub(r"\s+", " ", " ".join(words)).replace(" ,", ",")


def posts_for(unit: Unit, region: Region) -> list[Post]:
    """Every post of the unit's roster, head first; ``extra`` posts only in fuller rosters."""
    name = title_case(unit.name)
    head = region.head_title
    builder = _BUILDERS.get(unit.kind)
    if builder is not None:
        return builder(name, head, region)
    if unit.kind in AGENCY_LIKE:
        return _agency(unit.kind, name)
    return []


def _agency(kind: str, name: str) -> list[Post]:
    bidang = bidang_of(name)
    if kind == UnitKind.KANTOR:
        return [
            Post(1, f"Kepala {name}", E.III_A),
            Post(2, f"Kepala Subbagian Tata Usaha {name}", E.IV_A),
            Post(2, f"Kepala Seksi {bidang[0]}", E.IV_A, extra=True),
        ]
    return [
        Post(1, f"Kepala {name}", E.II_B),
        Post(2, f"Sekretaris {name}", E.III_A),
        *(Post(2, f"Kepala Bidang {b}", E.III_B, extra=True) for b in bidang[:2]),
        Post(3, "Kepala Subbagian Umum dan Kepegawaian", E.IV_A, extra=True),
    ]


def _bagian(name: str, head: str, region: Region) -> list[Post]:
    sub = subbagian_of(name)
    return [
        Post(1, f"Kepala {name}", E.III_A),
        Post(2, f"Kepala Subbagian {sub[0]}", E.IV_A),
        *(Post(2, f"Kepala Subbagian {s}", E.IV_A, extra=True) for s in sub[1:2]),
    ]


def _staf_ahli(name: str, head: str, region: Region) -> list[Post]:
    if "bidang" not in name.lower():
        name = f"Staf Ahli {head} Bidang Pemerintahan, Hukum dan Politik"
    return [Post(1, name, E.II_B)]


def _place(name: str, kind_word: str) -> str:
    """The place a Kecamatan or Kelurahan unit names, if any ("Kecamatan Tenggarong")."""
    rest = re.sub(rf"^{kind_word}\b", "", name, flags=re.IGNORECASE).strip()
    return f" {rest}" if rest else ""


def _kecamatan(name: str, head: str, region: Region) -> list[Post]:
    place = _place(name, "kecamatan")
    return [
        Post(1, f"Camat{place}", E.III_A),
        Post(2, f"Sekretaris Kecamatan{place}", E.III_B),
        Post(3, "Kepala Seksi Pemerintahan", E.IV_A, extra=True),
    ]


def _kelurahan(name: str, head: str, region: Region) -> list[Post]:
    place = _place(name, "kelurahan")
    return [Post(1, f"Lurah{place}", E.III_B), Post(2, f"Sekretaris Kelurahan{place}", E.IV_A)]


def _inspektorat(name: str, head: str, region: Region) -> list[Post]:
    daerah = " Daerah" if "daerah" in name.lower() else ""
    return [
        Post(1, f"Inspektur{daerah}", E.II_B),
        Post(2, f"Sekretaris Inspektorat{daerah}", E.III_A),
        Post(2, "Inspektur Pembantu Wilayah I", E.III_B, extra=True),
    ]


def _setwan(name: str, head: str, region: Region) -> list[Post]:
    return [
        Post(1, "Sekretaris DPRD", E.II_B),
        Post(2, "Kepala Bagian Umum dan Keuangan", E.III_A),
        Post(2, "Kepala Bagian Persidangan dan Perundang-undangan", E.III_A, extra=True),
    ]


def _rsud(name: str, head: str, region: Region) -> list[Post]:
    return [
        Post(1, f"Direktur {name}", E.II_B),
        Post(2, "Wakil Direktur Pelayanan", E.III_A),
        Post(2, "Wakil Direktur Umum dan Keuangan", E.III_A, extra=True),
    ]


_BUILDERS = {
    UnitKind.KEPALA_DAERAH: lambda name, head, region: [Post(1, f"{head} {region.name}")],
    UnitKind.WAKIL: lambda name, head, region: [Post(1, f"Wakil {head} {region.name}")],
    UnitKind.SETDA: lambda name, head, region: [Post(1, "Sekretaris Daerah", E.II_A)],
    UnitKind.ASISTEN: lambda name, head, region: [Post(1, name, E.II_B)],
    UnitKind.STAF_AHLI: _staf_ahli,
    UnitKind.BAGIAN: _bagian,
    UnitKind.KECAMATAN: _kecamatan,
    UnitKind.KELURAHAN: _kelurahan,
    UnitKind.INSPEKTORAT: _inspektorat,
    UnitKind.SETWAN: _setwan,
    UnitKind.RSUD: _rsud,
}

# The post a secretariat clerk holds: staff, below the Kepala Subbagian.
ANALYST = Post(3, "Analis Kebijakan", E.NONE)
