"""Working days: weekends, national holidays and cuti bersama, and the region's own days off."""

import datetime

import pytest

from coordination.core.models import RegionalDayOff
from coordination.core.workdays import Calendar, national_days_off
from coordination.follow_ups.services import due_after

D = datetime.date


def test_nyepi_idul_fitri_and_cuti_bersama_2026_push_two_working_days_to_26_march():
    # Wed 18 March 2026 is itself cuti bersama of Nyepi (Thu 19); Idul Fitri falls on 21-22
    # with cuti bersama on Fri 20, Mon 23 and Tue 24. Working days resume on Wed 25.
    calendar = Calendar({})
    days_off = national_days_off(2026)
    assert D(2026, 3, 18) in days_off  # cuti bersama Nyepi
    assert D(2026, 3, 19) in days_off  # Hari Suci Nyepi
    assert D(2026, 3, 21) in days_off and D(2026, 3, 22) in days_off  # Idul Fitri
    assert D(2026, 3, 20) in days_off and D(2026, 3, 23) in days_off  # cuti bersama
    assert D(2026, 3, 24) in days_off  # cuti bersama
    assert not calendar.is_working_day(D(2026, 3, 18))
    assert calendar.add_working_days(D(2026, 3, 18), 1) == D(2026, 3, 25)
    assert calendar.add_working_days(D(2026, 3, 18), 2) == D(2026, 3, 26)


def test_plain_weeks_count_monday_to_friday():
    calendar = Calendar({})
    assert calendar.add_working_days(D(2026, 6, 3), 2) == D(2026, 6, 5)  # Wed → Fri
    assert calendar.add_working_days(D(2026, 6, 4), 2) == D(2026, 6, 8)  # Thu → Mon
    assert calendar.working_days_between(D(2026, 6, 4), D(2026, 6, 8)) == 2
    assert calendar.previous_working_day(D(2026, 6, 8)) == D(2026, 6, 5)


def test_year_boundary_skips_new_year():
    calendar = Calendar({})
    assert D(2027, 1, 1) in national_days_off(2027)
    # Wed 30 Dec 2026 → Thu 31 Dec (1) → Fri 1 Jan off → Mon 4 Jan (2).
    assert calendar.add_working_days(D(2026, 12, 30), 2) == D(2027, 1, 4)


def test_a_regional_day_off_moves_the_deadline(five_regions, db):
    kukar = five_regions["64.02"].region
    plain = due_after(kukar, D(2026, 6, 3))
    assert plain.date == D(2026, 6, 5)
    RegionalDayOff.objects.create(region=kukar, date=D(2026, 6, 4), name="Hari jadi (uji)")
    moved = due_after(kukar, D(2026, 6, 3))
    assert moved.date == D(2026, 6, 8)
    assert Calendar.for_region(kukar).day_off(D(2026, 6, 4)) == "Hari jadi (uji)"
    # Another region's calendar is untouched.
    assert due_after(five_regions["13.75"].region, D(2026, 6, 3)).working_days == 5


def test_kutai_deadline_cites_pasal_13_ayat_5_and_others_say_no_legal_deadline(five_regions, db):
    kukar = due_after(five_regions["64.02"].region, D(2026, 3, 18))
    assert (kukar.date, kukar.working_days) == (D(2026, 3, 26), 2)
    assert kukar.source == "Perbup Kutai Kartanegara 4/2018 Pasal 13 ayat (5)"
    assert kukar.display() == kukar.source
    bukittinggi = due_after(five_regions["13.75"].region, D(2026, 3, 18))
    assert bukittinggi.source == ""
    assert bukittinggi.working_days == 5
    assert bukittinggi.display().startswith("no legal deadline")


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        Calendar({}).add_working_days(D(2026, 1, 5), -1)
