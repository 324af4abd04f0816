"""Reporting compliance: which units filed each period's written report on time, late or not
at all; its table, chart and CSV/XLSX exports."""
