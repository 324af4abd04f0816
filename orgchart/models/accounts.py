"""A user's API tokens (hashed, expiring, revocable) and the counter that ends all sessions."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# last_used is written at most this often per token, so that a busy client does not cost a
# write on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
# The key's first characters, stored in clear so that the owner can tell tokens apart.
PREFIX_LENGTH = 8


def hash_key(key: str) -> str:
    """The stored form of a key: a key has 256 random bits, so one SHA-256 is enough."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def for_user(self, user) -> ApiTokenQuerySet:
        return self.filter(user=user)

    def issue(self, *, user, name: str, days: int, key: str | None = None) -> tuple[ApiToken, str]:
        """A new token for ``user`` valid ``days`` days, and its key (shown once, never stored)."""
        key = key or secrets.token_urlsafe(32)
        now = timezone.now()
        token = self.create(
            user=user,
            name=name,
            key_hash=hash_key(key),
            prefix=key[:PREFIX_LENGTH],
            created=now,
            expires=now + datetime.timedelta(days=days),
        )
        return token, key


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key prefix"), max_length=PREFIX_LENGTH, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now)
    expires = models.DateTimeField(_("expires"), db_index=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires__gt=F("created")),
                name="apitoken_expires_after_created",
                violation_error_message=_("A token cannot expire before it is made."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    REVOKED, EXPIRED, ACTIVE = "revoked", "expired", "active"

    def status_at(self, now: datetime.datetime) -> str:
        """revoked, expired or active: the one rule the API's refusal and the token page use."""
        if self.revoked is not None:
            return self.REVOKED
        return self.EXPIRED if self.expires <= now else self.ACTIVE

    def revoke(self, now: datetime.datetime | None = None) -> None:
        """Revoked for good; revoking twice keeps the first time."""
        if self.revoked is None:
            self.revoked = now or timezone.now()
            ApiToken.objects.filter(pk=self.pk, revoked__isnull=True).update(revoked=self.revoked)

    def mark_used(self, now: datetime.datetime) -> None:
        """Stamp the use, at most once per LAST_USED_RESOLUTION (a conditional update, so two
        concurrent requests write once)."""
        if self.last_used is not None and now - self.last_used < LAST_USED_RESOLUTION:
            return
        stale = Q(last_used__isnull=True) | Q(last_used__lte=now - LAST_USED_RESOLUTION)
        ApiToken.objects.filter(stale, pk=self.pk).update(last_used=now)
        self.last_used = now


class SessionEpoch(models.Model):
    """How many times the user has ended all their sessions. A session remembers the value
    it was opened under; one opened under an older value is over."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="session_epoch_row",
        verbose_name=_("user"),
    )
    value = models.PositiveIntegerField(_("session epoch"), default=0)

    class Meta:
        verbose_name = _("session epoch")
        verbose_name_plural = _("session epochs")

    def __str__(self) -> str:
        return f"{self.user}: {self.value}"
