"""One log line per request: method, path, status, duration, user and region, nothing secret."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger("portal.requests")


def request_fields(request: HttpRequest, response: HttpResponseBase, duration_ms: float) -> dict:
    """The request line's fields; the path without its query string (tokens travel there)."""
    user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    # RegionTimeMiddleware has already looked the user's role up: no extra query here.
    assignment = getattr(user, "role_assignment", None) if authenticated else None
    region = getattr(assignment, "region", None)
    return {
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "duration_ms": round(duration_ms, 1),
        "user_id": user.pk if authenticated else None,
        "region": region.code if region is not None else None,
    }


class RequestLogMiddleware:
    """Logs each request on ``portal.requests`` when ``PORTAL_REQUEST_LOG`` is on (production)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.enabled = settings.PORTAL_REQUEST_LOG

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not self.enabled:
            return self.get_response(request)
        start = time.perf_counter()
        response = self.get_response(request)
        fields = request_fields(request, response, (time.perf_counter() - start) * 1000)
        if response.status_code >= 500:
            level = logging.ERROR
        elif response.status_code >= 400:
            level = logging.WARNING
        else:
            level = logging.INFO
        logger.log(
            level, "%s %s %s", fields["method"], fields["path"], fields["status"], extra=fields
        )
        return response
