"""Who is calling: the login backend (which grants no permissions of its own), the API's
token and HTTP Basic authentication, and the lockout refusal they share with the login page."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.authentication import BasicScheme
from rest_framework import exceptions, status
from rest_framework.authentication import BasicAuthentication, TokenAuthentication
from rest_framework.authtoken.models import Token as LegacyToken

from orgchart.lockout import cool_off_minutes, lockout_message
from orgchart.models import ApiToken, assignment_of
from orgchart.models.accounts import hash_key

# The keys rest_framework.authtoken made: 40 hexadecimal characters.
LEGACY_KEY = re.compile(r"[0-9a-f]{40}")


class LoginOnlyBackend(ModelBackend):
    """Password login as Django's ModelBackend does it. Permissions come only from the
    predicates registered with ``rules`` (deny by default), never from Django's
    user/group permission tables, so nobody gains a right by a stray admin checkbox."""

    def get_user(self, user_id):
        # The user's session epoch comes in the same query (orgchart.sessions compares it
        # with the session's), so ending all sessions costs no query per request.
        user = (
            get_user_model()
            ._default_manager.annotate(portal_session_epoch=F("session_epoch_row__value"))
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        return set()

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return False

    def has_module_perms(self, user_obj, app_label) -> bool:
        return False


class LockedOut(exceptions.APIException):
    """Too many failed logins for the user or the address: 429, with when to try again."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self) -> None:
        super().__init__(lockout_message())
        self.wait = cool_off_minutes() * 60  # DRF's handler sends it as Retry-After


class LockoutBasicAuthentication(BasicAuthentication):
    """HTTP Basic through django-axes: DRF passes its request to ``authenticate``, so the
    failure is counted like one on the login page; a locked caller gets 429, not 401."""

    def authenticate_credentials(self, userid, password, request=None):
        if "\x00" in userid or "\x00" in password:
            # PostgreSQL refuses a NUL in a query: refuse it before axes or the backend ask.
            raise exceptions.AuthenticationFailed(_("Invalid username/password."))
        try:
            return super().authenticate_credentials(userid, password, request)
        except exceptions.AuthenticationFailed:
            if request is not None and getattr(request, "axes_locked_out", False):
                raise LockedOut() from None
            raise


class LockoutBasicScheme(BasicScheme):
    """The OpenAPI schema's basicAuth for it (drf-spectacular matches Basic by exact class)."""

    target_class = "orgchart.auth.LockoutBasicAuthentication"


def carry_over_legacy(key: str) -> ApiToken | None:
    """A key made by rest_framework.authtoken (before tokens expired) becomes an ApiToken on
    first use, valid PORTAL_API_TOKEN_DAYS from then, and the clear-text row is deleted."""
    if not LEGACY_KEY.fullmatch(key):
        return None
    legacy = LegacyToken.objects.select_related("user").filter(key=key).first()
    if legacy is None:
        return None
    try:
        with transaction.atomic():
            token, _key = ApiToken.objects.issue(
                user=legacy.user, name="", days=settings.PORTAL_API_TOKEN_DAYS, key=key
            )
            legacy.delete()
    except IntegrityError:  # a concurrent request carried it over first
        return ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
    return token


def expiry_in_owner_zone(token: ApiToken) -> str:
    """ISO 8601 in the owner's region's zone (WIB/WITA/WIT), e.g. 2026-12-03T17:00+08:00."""
    assignment = assignment_of(token.user)
    region = assignment.region if assignment and assignment.region_id else None
    shown = region.local(token.expires) if region else timezone.localtime(token.expires)
    return shown.isoformat(timespec="minutes")


def refusal(token: ApiToken | None, now: datetime.datetime) -> str | None:
    """Why ``token`` may not be used now, or None."""
    if token is None:
        return _("Invalid token.")
    status = token.status_at(now)
    if status == ApiToken.REVOKED:
        return _("This token was revoked.")
    if status == ApiToken.EXPIRED:
        return _("This token expired on %(date)s.") % {"date": expiry_in_owner_zone(token)}
    if not token.user.is_active:
        return _("User inactive or deleted.")
    return None


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>`` against the hashed, expiring, revocable ApiToken; each
    use is stamped at most once a minute."""

    def authenticate_credentials(self, key: str):
        now = timezone.now()
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None:
            token = carry_over_legacy(key)
        reason = refusal(token, now)
        if reason is not None:
            raise exceptions.AuthenticationFailed(reason)
        token.mark_used(now)
        return (token.user, token)
