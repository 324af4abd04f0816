"""Log-in lockout after repeated failures (django-axes): the message, the page, the log line,
and the client's address behind a trusted proxy."""

from __future__ import annotations

import logging

from axes.signals import user_locked_out
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

log = logging.getLogger("orgchart.lockout")

LOCKOUT_TEMPLATE = "registration/locked_out.html"


def cool_off_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_message() -> str:
    minutes = cool_off_minutes()
    return ngettext(
        "Too many failed log-in attempts for this account or from this address. "
        "Logging in is locked for %(minutes)d minute; try again after that, or ask the "
        "portal administrator to unlock it.",
        "Too many failed log-in attempts for this account or from this address. "
        "Logging in is locked for %(minutes)d minutes; try again after that, or ask the "
        "portal administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the login page (the portal's and the admin's) answers 429 with
    the portal's own page, a JSON client 429 with ``detail``."""
    status = settings.AXES_HTTP_RESPONSE_CODE
    if wants_json(request):
        return JsonResponse({"detail": lockout_message(), "code": "locked_out"}, status=status)
    context = {"message": lockout_message(), "minutes": cool_off_minutes()}
    return render(request, LOCKOUT_TEMPLATE, context, status=status)


def client_address(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: REMOTE_ADDR, or behind PORTAL_TRUSTED_PROXIES proxies the
    address the outermost one saw (each proxy appends to X-Forwarded-For, so the client can
    forge only the entries left of it). Without this, every client behind the proxy would
    share one address and one lockout."""
    proxies = settings.PORTAL_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR")
    if proxies <= 0:
        return remote
    chain = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [hop for hop in chain if hop]
    return chain[-proxies] if len(chain) >= proxies else remote


def log_lockout(sender, request, username: str | None, ip_address: str | None, **kwargs) -> None:
    log.warning(
        "Log-in locked after repeated failures: user %r from %s on %s",
        username,
        ip_address,
        request.path,
        extra={"username": username, "ip_address": ip_address, "path": request.path},
    )


def connect() -> None:
    user_locked_out.connect(log_lockout, dispatch_uid="orgchart.lockout.log_lockout")
