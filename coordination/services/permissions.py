"""The services' one permission check: deny unless the ``rules`` predicate allows."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(gettext("You may not do this."))
