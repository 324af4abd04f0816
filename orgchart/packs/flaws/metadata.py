"""Dates and signatures: dates that contradict each other or the text, a regulation in force
before it is promulgated, enactment and promulgation lines that print another date or place, an
enacting formula ("Menetapkan :") that names the regulation otherwise than its title, and
certifiers' NIPs written or spaced two ways or impossible (the NIP layout is
regulations/nip.py's)."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from orgchart.packs.flaws.base import Flaw, FlawClass, Severity, Source, explains
from regulations.models import Provision
from regulations.nip import MINIMUM_AGE_AT_APPOINTMENT, normalise_nip, parse_nip
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
NIP_TWO_WAYS = explains(
    "nip-written-two-ways",
    _("%(citation)s prints a NIP for %(name)s (%(title)s) other than the one %(other)s prints."),
)
# Same digits, other spaces: described by its groups of digits, never quoted.
NIP_SPACED_TWO_WAYS = explains(
    "nip-spaced-two-ways",
    _(
        "%(citation)s prints the NIP of %(name)s (%(title)s) in groups of %(groups)s digits, "
        "%(other)s in groups of %(other_groups)s."
    ),
)
# What is wrong in a NIP, by regulations.nip's error codes and two of this module's. The
# explanations never quote the NIP: it holds its bearer's birth date.
NIP_CODES = {
    "nip_characters": explains(
        "nip-malformed",
        _("%(citation)s prints a NIP for %(name)s (%(title)s) that does not have 18 digits."),
    ),
    "nip_birth_date": explains(
        "nip-birth-date-impossible",
        _("%(citation)s prints a NIP for %(name)s (%(title)s) whose first 8 digits are no date."),
    ),
    "nip_not_a_month": explains(
        "nip-appointment-not-a-month",
        _(
            "%(citation)s prints a NIP for %(name)s (%(title)s) whose digits 13–14, the month "
            "of appointment, are no month."
        ),
    ),
    "nip_appointment": explains(
        "nip-appointed-under-age",
        _(
            "%(citation)s prints a NIP for %(name)s (%(title)s) that dates the appointment before "
            "the age of %(age)s."
        ),
    ),
    "nip_after": explains(
        "nip-appointed-after-regulation",
        _(
            "%(citation)s prints a NIP for %(name)s (%(title)s) that dates the appointment after "
            "%(date)s, when the copy was certified."
        ),
    ),
    "nip_sex": explains(
        "nip-sex-digit-impossible",
        _("%(citation)s prints a NIP for %(name)s (%(title)s) whose digit 15 is neither 1 nor 2."),
    ),
    "nip_sequence": explains(
        "nip-sequence-impossible",
        _("%(citation)s prints a NIP for %(name)s (%(title)s) whose last three digits are 000."),
    ),
}
NIP_CODES["nip_length"] = NIP_CODES["nip_characters"]

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


def certifiers_nips(source: Source) -> list[Flaw]:
    """A certifier printed with two NIPs or with one NIP spaced two ways, each pair of places
    cited; a NIP whose dates cannot be, once, at the first place that prints it."""
    flaws = []
    for copies in _by_person(source.certifiers).values():
        first = copies[0]
        for other in copies[1:]:
            if normalise_nip(other.nip) != normalise_nip(first.nip):
                flaws.append(_nip_flaw(NIP_TWO_WAYS, first, other, other=other.citation))
            elif first.nip_printed and other.nip_printed not in ("", first.nip_printed):
                flaws.append(_spacing_flaw(first, other))
        for digits in dict.fromkeys(normalise_nip(copy.nip) for copy in copies):
            printing = [copy for copy in copies if normalise_nip(copy.nip) == digits]
            flaws += _nip_problems(source.regulation, digits, printing)
    return flaws


def _by_person(certifiers: list) -> dict[str, list]:
    """The certifications that print a NIP, by the certifier's name, in document order."""
    people: dict[str, list] = {}
    for certifier in certifiers:
        if normalise_nip(certifier.nip):
            people.setdefault(certifier.name.casefold(), []).append(certifier)
    return people


def _spacing_flaw(first, other) -> Flaw:
    def groups(printed: str) -> str:
        return "-".join(str(len(group)) for group in printed.split())

    return _nip_flaw(
        NIP_SPACED_TWO_WAYS,
        first,
        other,
        groups=groups(first.nip_printed),
        other=other.citation,
        other_groups=groups(other.nip_printed),
    )


def _nip_problems(regulation, digits: str, printing: list) -> list[Flaw]:
    """What is impossible in one NIP, at the first of the places that print it."""
    certified = regulation.promulgated_on or regulation.enacted_on
    first, *others = printing
    problem = nip_problem(digits, certified)
    if problem is None:
        return []
    facts = {
        "nip_appointment": {"age": MINIMUM_AGE_AT_APPOINTMENT},
        "nip_after": {"date": certified},
    }.get(problem, {})
    return [_nip_flaw(NIP_CODES[problem], first, *others, **facts)]


def nip_problem(digits: str, certified: datetime.date | None) -> str | None:
    """What is impossible in a NIP (a key of NIP_CODES), or None. ``certified``: the day its
    holder certified the regulation, by when he was appointed."""
    try:
        nip = parse_nip(digits, today=datetime.date.max)  # the layout alone
    except ValidationError as exc:
        if exc.code == "nip_appointment" and not 1 <= int(digits[12:14]) <= 12:
            return "nip_not_a_month"
        return exc.code
    if certified and nip.appointed > (certified.year, certified.month):
        return "nip_after"
    return None


def _in_force_provision(source: Source) -> str:
    for provision in source.provisions:
        if provision.kind == Provision.Kind.PASAL and _IN_FORCE.search(provision.text):
            return provision.citation
    return ""


def _flaw(
    code: str, citation: str, severity: Severity = Severity.MEANING, related=(), **facts
) -> Flaw:
    return Flaw.of(code, FlawClass.METADATA, severity, citation, related=related, **facts)


def _nip_flaw(code: str, certifier, *elsewhere, **facts) -> Flaw:
    """A flaw of the NIP ``certifier`` prints, related to the other places that print it."""
    return Flaw.of(
        code,
        FlawClass.METADATA,
        Severity.FORM,
        certifier.citation,
        related=[copy.citation for copy in elsewhere],
        name=certifier.name,
        title=certifier.title,
        **facts,
    )


CHECKS = [
    dates_out_of_order,
    in_force_against_the_text,
    printed_dates_against_the_record,
    printed_places_against_the_record,
    enacting_formula_against_the_title,
    years_against_the_dates,
    certifiers_nips,
]
