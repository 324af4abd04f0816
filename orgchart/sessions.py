"""Log out everywhere: each session remembers the user's session epoch it was opened under;
ending all sessions raises the epoch, and a session from an older one is over on its next
request, whatever the session backend."""

from __future__ import annotations

from django.contrib.auth import logout, user_logged_in
from django.db import transaction
from django.db.models import F

from orgchart.models import SessionEpoch

SESSION_KEY = "_portal_session_epoch"


def current_epoch(user) -> int:
    if hasattr(user, "portal_session_epoch"):
        return user.portal_session_epoch or 0
    # A user loaded by another path than LoginOnlyBackend.get_user: one query.
    row = SessionEpoch.objects.filter(user_id=user.pk).values_list("value", flat=True).first()
    return row or 0


def stamp_session(sender, request, user, **kwargs) -> None:
    """On login, the session takes the user's current epoch."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_KEY] = current_epoch(user)


@transaction.atomic
def end_all_sessions(*, user) -> int:
    """End every session of ``user`` on every device; returns the new epoch."""
    SessionEpoch.objects.get_or_create(user=user)
    SessionEpoch.objects.filter(user=user).update(value=F("value") + 1)
    return SessionEpoch.objects.get(user=user).value


class SessionEpochMiddleware:
    """After AuthenticationMiddleware: a session opened before the user's last "log out
    everywhere" is flushed, and the request goes on anonymous."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        stale = (
            user is not None
            and user.is_authenticated
            and request.session.get(SESSION_KEY, 0) != current_epoch(user)
        )
        if stale:
            logout(request)
        return self.get_response(request)


def connect() -> None:
    user_logged_in.connect(stamp_session, dispatch_uid="orgchart.sessions.stamp_session")
