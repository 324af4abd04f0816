"""Dates and signatures: dates that contradict each other or the text, a regulation in force
before it is promulgated, enactment and promulgation lines that print another date or place, an
enacting formula ("Menetapkan :") that names the regulation otherwise than its title (the
certifiers' NIPs are nips.py's)."""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from regulations.models import Provision
from regulations.readings import Reader, held_reader, reading_of
from regulations.search import normalise_name

CLOSING = "penutup"  # where the dates and signatures are printed

ENACTED_AFTER_PROMULGATION = explains(
    "enacted-after-promulgation",
    _("%(citation)s: enacted on %(enacted)s but promulgated on %(promulgated)s, before it."),
)
IN_FORCE_BEFORE_PROMULGATION = explains(
    "in-force-before-promulgation",
    _("%(citation)s: in force from %(valid_from)s, before its promulgation on %(promulgated)s."),
)
IN_FORCE_DIFFERS = explains(
    "in-force-date-differs",
    _(
        "%(citation)s says “%(words)s”, that is %(expected)s; the portal holds it in force from "
        "%(valid_from)s."
    ),
)
PRINTED_DATE_DIFFERS = {
    "ditetapkan": explains(
        "printed-enactment-date-differs",
        _("%(citation)s prints “%(words)s”; the regulation was enacted on %(held)s."),
    ),
    "diundangkan": explains(
        "printed-promulgation-date-differs",
        _("%(citation)s prints “%(words)s”; the regulation was promulgated on %(held)s."),
    ),
}
NUMBER_YEAR_DIFFERS = explains(
    "number-year-differs",
    _("%(citation)s: numbered “%(number)s” but enacted on %(enacted)s."),
)
GAZETTE_YEAR_DIFFERS = explains(
    "gazette-year-differs",
    _("%(citation)s: in the Berita Daerah of %(year)s but promulgated on %(promulgated)s."),
)
PRINTED_PLACE_DIFFERS = {
    "ditetapkan": explains(
        "printed-enactment-place-differs",
        _("%(citation)s prints “%(words)s”; the regulation was enacted in %(held)s."),
    ),
    "diundangkan": explains(
        "printed-promulgation-place-differs",
        _("%(citation)s prints “%(words)s”; the regulation was promulgated in %(held)s."),
    ),
}
FORMULA_TITLE_DIFFERS = explains(
    "enacting-formula-title-differs",
    _("%(citation)s names the regulation “%(words)s”; its title is “%(title)s”."),
)
FORMULA_KIND_DIFFERS = explains(
    "enacting-formula-kind-differs",
    _("%(citation)s enacts a “%(words)s”; the regulation is a %(kind)s."),
)
_MONTH_NAMES = ["januari", "februari", "maret", "april", "mei", "juni", "juli"]
_MONTH_NAMES += ["agustus", "september", "oktober", "november", "desember"]
MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_DATE = r"(?P<day>\d{1,2})\s*(?P<month>[A-Za-z]+)\s*(?P<year>\d{4})"
_SIGNED = re.compile(
    rf"\b(?P<what>ditetapkan|diundangkan)\b[^.;]{{0,80}}?\bpada\s+tanggal\s+{_DATE}", re.I
)
_PRINTED_PLACE = re.compile(
    r"^\s*(?P<words>(?P<what>ditetapkan|diundangkan)\s+di\s+(?P<place>.+?))\s+pada\s+tanggal\b",
    re.I,
)
_TENTANG = re.compile(r"\s+TENTANG\s+", re.I)
_IN_FORCE = re.compile(
    rf"\bmulai\s+berlaku\s+pada\s+tanggal\s+(?:(?P<event>diundangkan|ditetapkan)|{_DATE})", re.I
)


def parse_date(day: str, month: str, year: str) -> datetime.date | None:
    """ "26", "Maret", "2018" → 2018-03-26; None if it is no date."""
    try:
        return datetime.date(int(year), MONTHS[month.casefold()], int(day))
    except (KeyError, ValueError):
        return None


def dates_out_of_order(source: Source) -> list[Flaw]:
    regulation = source.regulation
    enacted, promulgated, valid_from = (
        regulation.enacted_on,
        regulation.promulgated_on,
        regulation.valid_from,
    )
    flaws = []
    if enacted and promulgated and promulgated < enacted:
        flaws.append(
            _flaw(ENACTED_AFTER_PROMULGATION, CLOSING, enacted=enacted, promulgated=promulgated)
        )
    if promulgated and valid_from and valid_from < promulgated:
        flaws.append(
            _flaw(
                IN_FORCE_BEFORE_PROMULGATION,
                _in_force_provision(source) or CLOSING,
                valid_from=valid_from,
                promulgated=promulgated,
            )
        )
    return flaws


def in_force_against_the_text(source: Source) -> list[Flaw]:
    """ "mulai berlaku pada tanggal diundangkan" and the day the portal holds it in force."""
    regulation = source.regulation
    flaws = []
    for provision in source.provisions:
        for match in _IN_FORCE.finditer(provision.text):
            event = (match["event"] or "").casefold()
            expected = {
                "diundangkan": regulation.promulgated_on,
                "ditetapkan": regulation.enacted_on,
            }.get(event) or parse_date(match["day"] or "", match["month"] or "", match["year"])
            if expected and regulation.valid_from and expected != regulation.valid_from:
                flaws.append(
                    _flaw(
                        IN_FORCE_DIFFERS,
                        provision.citation,
                        words=match.group(),
                        expected=expected,
                        valid_from=regulation.valid_from,
                    )
                )
    return flaws


def printed_dates_against_the_record(source: Source) -> list[Flaw]:
    """ "Ditetapkan di … pada tanggal …" and "Diundangkan …" wherever the text prints them."""
    regulation = source.regulation
    held = {"ditetapkan": regulation.enacted_on, "diundangkan": regulation.promulgated_on}
    flaws = []
    for citation, _unit, text in source.passages:
        for match in _SIGNED.finditer(text):
            what = match["what"].casefold()
            printed = parse_date(match["day"], match["month"], match["year"])
            if printed and held[what] and printed != held[what]:
                # The promulgation date is the day of force ("mulai berlaku … diundangkan").
                severity = Severity.MEANING if what == "diundangkan" else Severity.FORM
                code = PRINTED_DATE_DIFFERS[what]
                flaws.append(_flaw(code, citation, severity, words=match.group(), held=held[what]))
    return flaws


def printed_places_against_the_record(source: Source) -> list[Flaw]:
    """ "Ditetapkan di Tenggarong pada tanggal …" as printed, and the place the portal holds."""
    regulation = source.regulation
    held = {"ditetapkan": regulation.enacted_place, "diundangkan": regulation.promulgated_place}
    flaws = []
    for line in (regulation.enacted_line, regulation.promulgated_line):
        match = _PRINTED_PLACE.match(line)
        if not match:
            continue
        what = match["what"].casefold()
        if held[what] and normalise_name(match["place"]) != normalise_name(held[what]):
            code = PRINTED_PLACE_DIFFERS[what]
            flaws.append(_flaw(code, CLOSING, Severity.FORM, words=match["words"], held=held[what]))
    return flaws


def enacting_formula_against_the_title(source: Source) -> list[Flaw]:
    """ "Menetapkan : PERATURAN BUPATI TENTANG …" names the regulation as its title and kind do
    (a typo in either is the typo check's, so both are compared as they read)."""
    regulation = source.regulation
    parts = _TENTANG.split(regulation.enacting_formula.strip(), maxsplit=1)
    if len(parts) != 2:
        return []
    kind, title = parts[0].strip(), parts[1].strip().rstrip(".").strip()
    reader = held_reader()
    flaws = []
    if _as_read(title, reader) != _as_read(regulation.title, reader):
        flaws.append(
            _flaw(
                FORMULA_TITLE_DIFFERS,
                "Menetapkan",
                Severity.FORM,
                related=["judul"],
                words=title,
                title=regulation.title,
            )
        )
    if not _as_read(regulation.kind_name, reader).startswith(_as_read(kind, reader)):
        flaws.append(
            _flaw(FORMULA_KIND_DIFFERS, "Menetapkan", words=kind, kind=regulation.kind_name)
        )
    return flaws


def _as_read(text: str, reader: Reader) -> str:
    """Case, spacing and punctuation aside, and each typo read as its normal reading."""
    return normalise_name(reading_of(text, reader.typos(text)))


def years_against_the_dates(source: Source) -> list[Flaw]:
    """ "NOMOR 4 TAHUN 2018" enacted in 2018; Berita Daerah "TAHUN 2018" of a 2018 promulgation."""
    regulation = source.regulation
    enacted, promulgated = regulation.enacted_on, regulation.promulgated_on
    flaws = []
    if enacted and enacted.year != regulation.year:
        number = f"Nomor {regulation.number} Tahun {regulation.year}"
        flaws.append(
            _flaw(NUMBER_YEAR_DIFFERS, CLOSING, Severity.FORM, number=number, enacted=enacted)
        )
    if regulation.gazette_year and promulgated and promulgated.year != regulation.gazette_year:
        flaws.append(
            _flaw(
                GAZETTE_YEAR_DIFFERS,
                CLOSING,
                Severity.FORM,
                year=regulation.gazette_year,
                promulgated=promulgated,
            )
        )
    return flaws


def _in_force_provision(source: Source) -> str:
    for provision in source.provisions:
        if provision.kind == Provision.Kind.PASAL and _IN_FORCE.search(provision.text):
            return provision.citation
    return ""


def _flaw(
    code: str, citation: str, severity: Severity = Severity.MEANING, related=(), **facts
) -> Flaw:
    return Flaw.of(code, FlawClass.METADATA, severity, citation, related=related, **facts)


CHECKS = [
    dates_out_of_order,
    in_force_against_the_text,
    printed_dates_against_the_record,
    printed_places_against_the_record,
    enacting_formula_against_the_title,
    years_against_the_dates,
]
