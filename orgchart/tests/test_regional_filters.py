"""The regional template filters show a time on the region's clock, in the reader's format."""

from __future__ import annotations

import datetime

from django.template import Context, Template
from django.utils import translation

from orgchart.templatetags.regional import local, local_date, local_time, num

NINE_WITA = datetime.datetime(2026, 6, 3, 1, 0, tzinfo=datetime.UTC)  # 09.00 in Tenggarong


def test_a_time_is_read_on_the_regions_clock_with_its_zone():
    with translation.override("id"):
        assert local(NINE_WITA, "Asia/Makassar") == "3 Juni 2026 09.00 WITA"
        assert local_time(NINE_WITA, "Asia/Jakarta") == "08.00 WIB"
        assert local_time(NINE_WITA, "Asia/Jayapura") == "10.00 WIT"
    with translation.override("en"):
        assert local(NINE_WITA, "Asia/Makassar") == "3 June 2026 09:00 WITA"


def test_the_day_is_the_regions_day_not_the_servers():
    late_evening_utc = datetime.datetime(2026, 6, 2, 16, 30, tzinfo=datetime.UTC)
    with translation.override("id"):
        assert local_date(late_evening_utc, "Asia/Makassar") == "3 Juni 2026"
        assert local_date(late_evening_utc, "Asia/Jakarta") == "2 Juni 2026"


def test_counts_use_the_languages_separators():
    with translation.override("id"):
        assert num(1234567) == "1.234.567"
    with translation.override("en"):
        assert num(1234567) == "1,234,567"


def test_the_filters_take_a_region_in_templates(region):
    region.timezone = "Asia/Makassar"
    template = Template("{% load regional %}{{ when|local_time:region }}")
    with translation.override("id"):
        assert template.render(Context({"when": NINE_WITA, "region": region})) == "09.00 WITA"
