"""The annexed charts (Lampiran) of a region's regulation, computed in Python as SVG and PDF."""
