"""Carry rest_framework.authtoken's clear-text keys over to hashed, expiring ApiTokens, valid
PORTAL_API_TOKEN_DAYS from the migration, and delete the clear-text rows."""

import datetime
import hashlib

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def carry_over(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    ApiToken = apps.get_model("orgchart", "ApiToken")
    now = timezone.now()
    expires = now + datetime.timedelta(days=getattr(settings, "PORTAL_API_TOKEN_DAYS", 90))
    for legacy in Token.objects.all():
        ApiToken.objects.create(
            user_id=legacy.user_id,
            name="",
            key_hash=hashlib.sha256(legacy.key.encode()).hexdigest(),
            prefix=legacy.key[:8],
            created=min(legacy.created, now),
            expires=expires,
        )
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("authtoken", "0004_alter_tokenproxy_options"),
        ("orgchart", "0002_api_tokens_and_session_epochs"),
    ]

    # Backwards, the hashed keys cannot become clear-text ones again: the tokens stay.
    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
