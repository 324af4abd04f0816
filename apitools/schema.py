"""The OpenAPI schema's answers that every endpoint may give whatever its own declarations say:
a JSON 404 where the path names something (an id or a code that is not there, or not in the
path's shape) or a page of a list, and a JSON 429 when a client is throttled. The REST framework's
DEFAULT_SCHEMA_CLASS."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

# FIELD_ERRORS: what a refused write returns, each field's name with its messages (a nested
# field's errors nest the same way), non_field_errors for the whole, detail for a body that is
# not JSON.
FIELD_ERRORS = {
    "type": "object",
    "description": "Each field's name with its messages; non_field_errors for the whole.",
    "properties": {
        "detail": {"type": "string"},
        "non_field_errors": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {}},
            {"type": "object"},
            {"type": "string"},
        ]
    },
}


class ApiError(serializers.Serializer):
    """An error that is not about one field: ``{"detail": "…"}``."""

    detail = serializers.CharField()


class PortalSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        # A paginated list answers 404 for a page past its last ("Invalid page").
        named = "{" in self.path or (self._is_list_view() and self._get_paginator() is not None)
        wanted = ["429"] + (["404"] if named else [])
        for code in wanted:
            if code not in responses:
                responses[code] = self._get_response_for_code(ApiError, code, None, direction)
        return responses
