"""Uploaded images re-encoded before storing: decoded and saved again in their own format, so
that whatever rides along (HTML or a script appended after the image data, EXIF with the place
a photograph was taken) does not survive. The EXIF orientation is applied to the pixels first,
so that a photograph taken on its side still shows upright."""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 60_000_000
_FORMATS = {"PNG", "JPEG"}


def reencode_image(data: bytes, image_format: str) -> bytes:
    """``data`` (a PNG or JPEG) decoded and saved again as ``image_format``, without its
    metadata. ValidationError if it does not decode or is too large in pixels (a
    decompression bomb is refused before its pixels are decoded)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                _check_size(image, image_format)
                image.load()
                return _save(image, image_format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_large() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(gettext("The file is not a readable image."), code="corrupt") from exc


def _check_size(image: Image.Image, image_format: str) -> None:
    if image.format not in _FORMATS or image.format != image_format:
        raise ValidationError(gettext("The file is not a readable image."), code="corrupt")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _too_large()


def _too_large() -> ValidationError:
    return ValidationError(
        gettext("The image is too large in pixels (at most %(count)d million).")
        % {"count": MAX_PIXELS // 1_000_000},
        code="pixels",
    )


def _save(image: Image.Image, image_format: str) -> bytes:
    upright = ImageOps.exif_transpose(image)
    options: dict = {}
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]  # colours, not metadata
    if image_format == "JPEG":
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        options.update(quality=92, optimize=True)
    elif "transparency" in image.info and upright.mode in ("P", "L", "RGB", "1"):
        options["transparency"] = image.info["transparency"]
    out = io.BytesIO()
    upright.save(out, image_format, **options)
    return out.getvalue()
