"""The signed-in user's own access: API tokens (create, list, revoke) and "log out everywhere"."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from orgchart.models import ApiToken
from orgchart.sessions import end_all_sessions

TEMPLATE = "registration/api_tokens.html"


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. the script or system that uses it."),
    )
    days = forms.IntegerField(label=gettext_lazy("Valid for (days)"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        most = settings.PORTAL_API_TOKEN_MAX_DAYS
        days = self.fields["days"]
        days.initial = settings.PORTAL_API_TOKEN_DAYS
        days.validators += [MinValueValidator(1), MaxValueValidator(most)]
        days.widget.attrs.update({"min": 1, "max": most})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The user's tokens with when each was created, expires and was last used; POST makes
    one and shows its key once (never stored, so never shown again)."""
    form = TokenForm(request.POST if request.method == "POST" else None)
    new_key, status = None, 200
    if form.is_bound and form.is_valid():
        _token, new_key = ApiToken.objects.issue(
            user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        form = TokenForm()
    elif form.is_bound:
        status = 400
    now = timezone.now()
    tokens = list(ApiToken.objects.for_user(request.user))
    for token in tokens:
        token.status = token.status_at(now)
    context = {"form": form, "new_key": new_key, "tokens": tokens}
    return render(request, TEMPLATE, context, status=status)


@login_required
@require_POST
def revoke_api_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=pk)
    token.revoke()
    messages.success(request, _("The token %(prefix)s… is revoked.") % {"prefix": token.prefix})
    return redirect("api-tokens")


@login_required
@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of the user, on every device, this one included."""
    end_all_sessions(user=request.user)
    logout(request)
    messages.success(request, _("You are logged out on every device."))
    return redirect(settings.LOGIN_URL)
