"""What every coordination endpoint shares: error mapping, scoping, paging, parameters."""

from __future__ import annotations

import datetime

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound, ParseError, PermissionDenied, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from apitools.params import date_or_400, find_region, id_or_400, region_or_400, text_or_400
from apitools.schema import FIELD_ERRORS
from coordination.core.uploads import ALLOWED, REFUSAL_CODES
from orgchart.auth import ApiTokenAuthentication, LockoutBasicAuthentication
from orgchart.models import assignment_of
from regulations.models import Region

ERROR = inline_serializer("CoordinationError", {"detail": serializers.CharField()})
DENIED = {401: ERROR, 403: ERROR, 404: ERROR}
WRITE_ERRORS = {400: FIELD_ERRORS, **DENIED}
PDF = {(200, "application/pdf"): OpenApiTypes.BINARY, **DENIED}
# A stored upload, served with the type its content was checked to be.
FILE = {**{(200, kind.content_type): OpenApiTypes.BINARY for kind in ALLOWED}, **DENIED}


def api_error(exc: Exception) -> Exception:
    """The services' Django exceptions as DRF's, keeping their messages (and citations)."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            key = api_settings.NON_FIELD_ERRORS_KEY
            return ValidationError(
                {
                    (key if name == NON_FIELD_ERRORS else name): v
                    for name, v in exc.message_dict.items()
                }
            )
        if getattr(exc, "code", None) in REFUSAL_CODES:
            return ValidationError({"file": exc.messages})  # an upload refused for its content
        return ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})
    if isinstance(exc, DjangoPermissionDenied):
        return PermissionDenied(str(exc) or None)
    return exc


class MayViewKind(BasePermission):
    """The kind's view permission, asked without an object: nobody without a coordination
    role passes (deny by default)."""

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm(view.view_permission)


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class FirstRenderer(BaseContentNegotiation):
    """For file downloads: the file answers whatever the client accepts, errors in JSON."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class CoordinationAPI(viewsets.GenericViewSet):
    # Token first: an anonymous caller gets 401 with "WWW-Authenticate: Token".
    authentication_classes = [
        ApiTokenAuthentication,
        LockoutBasicAuthentication,
        SessionAuthentication,
    ]
    permission_classes = [IsAuthenticated, MayViewKind]
    parser_classes = [JSONParser]
    filter_backends: list = []
    pagination_class = Pages
    lookup_value_regex = "[0-9]+"
    view_permission = ""
    noun = gettext_lazy("object")

    def handle_exception(self, exc):
        return super().handle_exception(api_error(exc))

    def get_object(self):
        row = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if row is None:
            raise NotFound(
                _("No %(noun)s with id %(id)s among those you may see.")
                % {"noun": self.noun, "id": self.kwargs["pk"]}
            )
        return row

    def require(self, perm: str, obj=None) -> None:
        if not self.request.user.has_perm(perm, obj):
            raise PermissionDenied(_("You may not do this."))

    def checked(self, serializer_class, data=None, **context):
        serializer = serializer_class(
            data=self.request.data if data is None else data,
            context={"request": self.request, **context},
        )
        serializer.is_valid(raise_exception=True)
        return serializer

    def out(self, serializer_class, row, code: int = status.HTTP_200_OK) -> Response:
        return Response(serializer_class(row, context={"request": self.request}).data, code)

    def page(self, rows, serializer_class) -> Response:
        page = self.paginate_queryset(rows)
        data = serializer_class(page, many=True, context={"request": self.request}).data
        return self.get_paginated_response(data)

    def own_region(self) -> Region | None:
        assignment = assignment_of(self.request.user)
        return assignment.region if assignment and assignment.region_id else None

    def region_in_body(self) -> Region | None:
        """The body's ``region`` (a code) or the caller's own; a 400 if unknown."""
        code = self.request.data.get("region") if isinstance(self.request.data, dict) else None
        if code is None:
            return self.own_region()
        if not isinstance(code, str):
            raise ValidationError({"region": [_("Give the region's code as text, e.g. 13.75.")]})
        region = find_region(code)
        if region is None:
            raise ValidationError(
                {"region": [_("Unknown region code “%(code)s”.") % {"code": code}]}
            )
        return region


# --- Query parameters -------------------------------------------------------------------------


def param_region(request) -> Region | None:
    code = request.query_params.get("region")
    return region_or_400(code) if code else None


def param_choice(request, name: str, choices) -> str | None:
    value = text_or_400(request.query_params.get(name), name)
    if value and value not in choices.values:
        raise ParseError(
            _("%(name)s must be one of %(choices)s; got “%(value)s”.")
            % {"name": name, "choices": ", ".join(choices.values), "value": value}
        )
    return value or None


def param_bool(request, name: str) -> bool | None:
    value = text_or_400(request.query_params.get(name), name)
    if not value:
        return None
    if value.lower() in {"true", "1", "yes"}:
        return True
    if value.lower() in {"false", "0", "no"}:
        return False
    raise ParseError(
        _("%(name)s must be true or false; got “%(value)s”.") % {"name": name, "value": value}
    )


def param_id(request, name: str, rows, noun: str):
    """A row named by id among ``rows`` (those the caller may see), or a 400."""
    value = id_or_400(request.query_params.get(name), name)
    if value is None:
        return None
    row = rows.filter(pk=value).first()
    if row is None:
        raise ParseError(
            _("No %(noun)s with id %(value)s among those you may see.")
            % {"noun": noun, "value": value}
        )
    return row


def param_date(request, name: str) -> datetime.date | None:
    return date_or_400(request.query_params.get(name), name)


REGION = OpenApiParameter("region", str, description="Region code, e.g. 13.75.")
UNIT = OpenApiParameter("unit", int, description="Unit id.")
