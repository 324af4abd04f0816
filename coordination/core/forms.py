"""What every page's forms share: date and time widgets, the region picker, and putting a
service's refusals (with the provision they cite) beside the field they concern."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from regulations.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def add_service_errors(form: forms.Form, exc: ValidationError, renames=None) -> None:
    """Show a service's ValidationError on the form: each message beside its field (renamed
    where the form calls it otherwise), the rest at the top of the form."""
    renames = renames or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.error_dict.items():
        target = renames.get(name, name)
        form.add_error(target if target in form.fields else None, errors)


class RegionForm(forms.Form):
    """The superadmin's choice of region, on pages bound to one region."""

    region = forms.ModelChoiceField(
        queryset=Region.objects.order_by("code"), to_field_name="code", label=_("Region")
    )
