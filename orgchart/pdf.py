"""PDF rendering: the only module that imports WeasyPrint."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def write_pdf(html: str) -> bytes:
    """Render ``html`` to PDF; fonts and images resolve against the static folder."""
    import weasyprint  # imported here: page views and the API never pay its import time

    base = Path(settings.BASE_DIR) / "static"
    return weasyprint.HTML(string=html, base_url=f"{base.as_uri()}/").write_pdf()
