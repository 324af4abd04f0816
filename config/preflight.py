"""``python -m config.preflight``: are the system libraries the portal needs there? (make run)

WeasyPrint (the Lampiran and letter PDFs) loads Pango through ctypes when it is first used; a
missing library would otherwise surface as an obscure OSError in the middle of a request. Only
``orgchart/pdf.py`` imports WeasyPrint, so this asks the dynamic loader for the libraries
WeasyPrint opens instead.
"""

from __future__ import annotations

import ctypes.util
import sys

# The shared library WeasyPrint opens, and the Debian package that holds it.
LIBRARIES = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "gobject-2.0": "libglib2.0-0",
    "harfbuzz": "libharfbuzz0b",
    "fontconfig": "libfontconfig1",
}


def missing_packages(find=ctypes.util.find_library) -> list[str]:
    """The Debian packages whose library the loader cannot find, in a stable order."""
    return [package for library, package in LIBRARIES.items() if find(library) is None]


def explanation(packages: list[str]) -> str:
    """What is missing, in Bahasa Indonesia first and then English, with the command to fix it."""
    names = " ".join(packages)
    return (
        f"Pustaka sistem untuk membuat PDF (WeasyPrint/Pango) belum terpasang: {names}.\n"
        "Tanpa pustaka ini portal tidak dapat membuat PDF Lampiran, undangan, notulen\n"
        "dan laporan.\n"
        f"System libraries for making PDFs (WeasyPrint/Pango) are missing: {names}.\n"
        "Without them the portal cannot render the Lampiran, invitation, minutes and\n"
        "report PDFs.\n"
        "\n"
        "Pasang dengan / install with (Debian, Ubuntu):\n"
        f"    sudo apt-get install {names}\n"
    )


def main() -> int:
    packages = missing_packages()
    if packages:
        print(explanation(packages), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
