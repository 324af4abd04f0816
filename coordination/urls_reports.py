"""URLs of the written-report pages, under /koordinasi/laporan/ (filled in by the reports pages)."""

urlpatterns: list = []
