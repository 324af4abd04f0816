"""Pages of the org structure."""

from orgchart.views.lampiran import lampiran_preview, lampiran_start, lampiran_status
from orgchart.views.pages import home, region_page, unit_page

__all__ = [
    "home",
    "lampiran_preview",
    "lampiran_start",
    "lampiran_status",
    "region_page",
    "unit_page",
]
