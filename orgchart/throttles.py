"""The API's request rates (DRF throttles, counted in the default cache): per address for
anonymous clients, per token (or per user on a session or Basic) for the others."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from orgchart.models import ApiToken


class AnonymousRate(AnonRateThrottle):
    """PORTAL_API_ANON_RATE, read per request (so that a test can change it)."""

    def get_rate(self) -> str | None:
        return settings.PORTAL_API_ANON_RATE


class CallerRate(UserRateThrottle):
    """PORTAL_API_USER_RATE per token, so that one busy script does not use up its owner's
    other tokens and pages; per user otherwise."""

    def get_rate(self) -> str | None:
        return settings.PORTAL_API_USER_RATE

    def get_cache_key(self, request, view) -> str | None:
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": f"token-{request.auth.pk}"}
        return super().get_cache_key(request, view)
