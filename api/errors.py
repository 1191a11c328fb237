"""The services speak Django (``ValidationError``, ``PermissionDenied``); the API answers
in HTTP: a refused rule is a 400 with its code, a stale version a 409."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from commitments.services import StaleObjectError as StaleMandate
from states.services import StaleObjectError as StaleRequest


def api_exception_handler(exc, context):
    if isinstance(exc, StaleMandate | StaleRequest):
        body = {"detail": " ".join(exc.messages), "code": "stale_version", "changes": getattr(exc, "changes", [])}
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        codes = sorted({error.code for error in exc.error_list if error.code}) if hasattr(exc, "error_list") else []
        return Response({"detail": " ".join(exc.messages), "codes": codes}, status=status.HTTP_400_BAD_REQUEST)
    return exception_handler(exc, context)
