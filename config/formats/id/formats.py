"""Bahasa Indonesia as the secretariat writes it: 3 Juni 2026, 09.00 (PUEBI), 1.234,5."""

from django.conf.locale.id.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = "j F Y H.i"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H.i"
LONG_DATE_FORMAT = "l, j F Y"
