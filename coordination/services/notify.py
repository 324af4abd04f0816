"""E-mail to the people behind units and roles, in the portal's language (Bahasa Indonesia by
default). The console backend prints them unless EMAIL_BACKEND says otherwise."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from orgchart.models import Role


def users_of_units(unit_ids: Iterable[int], roles: Iterable[str]) -> list:
    User = get_user_model()
    return list(
        User.objects.filter(
            is_active=True,
            role_assignment__unit_id__in=list(unit_ids),
            role_assignment__role__in=list(roles),
        ).order_by("username")
    )


def users_with_role(region_id: int, role: str) -> list:
    User = get_user_model()
    return list(
        User.objects.filter(
            is_active=True, role_assignment__region_id=region_id, role_assignment__role=role
        ).order_by("username")
    )


def unit_heads(unit_id: int) -> list:
    return users_of_units([unit_id], [Role.AGENCY_HEAD])


def coordinator_users(unit_ids: Iterable[int]) -> list:
    """The people who coordinate through these units: an Asisten, or a Kepala Daerah, Wakil
    or Sekda who took the coordination over."""
    return users_of_units(unit_ids, [Role.ASISTEN, Role.KEPALA_DAERAH, Role.WAKIL, Role.SEKDA])


def describe(users: Iterable) -> str:
    return ", ".join(
        f"{user.get_full_name() or user.username} <{user.email}>"
        if user.email
        else f"{user.get_full_name() or user.username}"
        for user in users
    )


def send(
    users: Iterable,
    template: str,
    context: dict,
    *,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> int:
    """Send ``coordination/email/<template>.txt`` (first line: the subject) to every user with
    an address. Returns how many messages went out. Errors propagate: a reminder that could
    not be sent is not marked sent."""
    recipients = sorted({user.email for user in users if user.email})
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(f"coordination/email/{template}.txt", context)
    subject, _, body = text.strip().partition("\n")
    message = EmailMessage(
        subject=subject.strip(),
        body=body.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message.send(fail_silently=False)
