"""Production logs: one JSON object a line, with passwords, tokens and NIPs redacted.

Settings and the Celery app both ask :func:`json_logs_wanted`, so that the web process and the
workers agree on the format without reading Django's settings at import time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from pythonjsonlogger.json import JsonFormatter

REDACTED = "[REDACTED]"

# Attribute names every LogRecord has: anything else on a record came from ``extra``.
_RECORD_FIELDS = frozenset(
    vars(logging.LogRecord("x", logging.INFO, "x", 0, "", None, None)).keys()
) | {"message", "asctime", "taskName"}

# A key is secret if it contains one of these words...
_SECRET_WORDS = ("password", "passwd", "secret", "token", "authorization", "cookie", "api_key")
# ...or is one of these short words on its own (``nip`` but not ``snippet``).
_SECRET_KEY_PARTS = re.compile(r"(?:^|[_\-.])(nip|otp|csrf|session|apikey)(?:$|[_\-.])")

# ``password=...``, ``token: ...``, ``Authorization: Token ...`` inside a message.
_SECRET_IN_TEXT = re.compile(
    r"(?i)\b(password|passwd|secret|token|authorization|api[_-]?key|nip|csrfmiddlewaretoken)"
    r"(\"?'?\s*[:=]\s*\"?'?)((?:token|bearer|basic)\s+)?[^\s\"'&,;]+"
)
# An 18-digit NIP, with or without the spaces between its parts (yyyymmdd yyyymm s nnn).
_NIP_IN_TEXT = re.compile(r"(?<!\d)\d{8}\s?\d{6}\s?\d\s?\d{3}(?!\d)")


def json_logs_wanted(environ: Mapping[str, str]) -> bool:
    """JSON lines in production (``DJANGO_DEBUG=0``) or whenever ``LOG_FORMAT=json``."""
    log_format = environ.get("LOG_FORMAT", "").strip().lower()
    if log_format:
        return log_format == "json"
    return environ.get("DJANGO_DEBUG", "1").strip().lower() in {"0", "false", "no", "off"}


def is_secret_key(key: str) -> bool:
    lowered = key.lower()
    return any(word in lowered for word in _SECRET_WORDS) or bool(_SECRET_KEY_PARTS.search(lowered))


def redact_text(text: str) -> str:
    """The text with secrets after their keyword, and NIPs, replaced by ``[REDACTED]``."""
    text = _SECRET_IN_TEXT.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
    return _NIP_IN_TEXT.sub(REDACTED, text)


def redact_value(key: str, value: Any) -> Any:
    """``value`` as it may be logged under ``key``."""
    if is_secret_key(key):
        return REDACTED
    if isinstance(value, Mapping):
        return {k: redact_value(str(k), v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_value(key, item) for item in value]
    if isinstance(value, str):
        return redact_text(value)
    if hasattr(value, "method") and hasattr(value, "path") and hasattr(value, "META"):
        # A request (django.request puts one on every error): its method and path, never its
        # query string, headers or body.
        return f"{value.method} {value.path}"
    return value


class RedactSecrets(logging.Filter):
    """Rewrite each record so that no handler ever sees a password, token or NIP."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = redact_text(message)
        record.args = None
        for key, value in list(vars(record).items()):
            if key not in _RECORD_FIELDS:
                setattr(record, key, redact_value(key, value))
        return True


class PortalJsonFormatter(JsonFormatter):
    """python-json-logger's formatter with the portal's field names (``time``, ``level``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"levelname": "level"})
        # An ISO 8601 time in UTC, whatever the server's or the region's zone.
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)


def logging_config(*, json_lines: bool, level: str) -> dict:
    """The ``LOGGING`` setting: JSON lines or plain text, always through the redaction filter."""
    handler: dict[str, Any] = {
        "class": "logging.StreamHandler",
        "filters": ["redact"],
    }
    if json_lines:
        handler["formatter"] = "json"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": "config.logging.RedactSecrets"}},
        "formatters": {"json": {"()": "config.logging.PortalJsonFormatter"}},
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }
