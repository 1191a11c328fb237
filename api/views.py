"""The API's endpoints. Each reads through its model's ``visible_to`` and filters through the
list page's own FilterSet; each write calls the same service as the pages."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api import serializers as s
from commitments.filters import MandateFilter
from commitments.models import Mandate, Resolution
from states import services
from states.filters import ActivityFilter, AssistanceRequestFilter
from states.models import Activity, AssistanceRequest, Attachment, MemberState, RequestUpdate


class FilteredMixin:
    """Narrows the visible rows with the list page's FilterSet; a bad filter value is a 400."""

    filterset_class = None

    def filter_queryset(self, queryset):
        if self.filterset_class is None or self.action != "list":
            return queryset
        filterset = self.filterset_class(self.request.query_params, queryset, user=self.request.user)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return filterset.qs


class ResolutionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ResolutionSerializer

    def get_queryset(self):
        # Resolutions are read wherever their mandates may be.
        visible = Mandate.objects.visible_to(self.request.user).values("resolution_id")
        return Resolution.objects.filter(pk__in=visible).prefetch_related("texts").order_by("-adopted_on", "symbol")


class MandateViewSet(FilteredMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.MandateSerializer
    filterset_class = MandateFilter

    def get_queryset(self):
        return (
            Mandate.objects.visible_to(self.request.user)
            .select_related("resolution", "section", "parent")
            .prefetch_related("owners")
            .order_by("resolution_id", "section__position", "tree_position")
        )


class MemberStateViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.MemberStateSerializer
    lookup_field = "iso3"
    lookup_value_regex = "[A-Z]{3}"

    def get_queryset(self):
        return MemberState.objects.visible_to(self.request.user).order_by("name_en")


class RequestViewSet(FilteredMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = AssistanceRequestFilter
    lookup_field = "reference"
    lookup_value_regex = "REQ-[0-9]{4}-[0-9]{4,8}"

    def get_serializer_class(self):
        return {"create": s.RequestCreateSerializer, "updates": s.RequestUpdateSerializer}.get(
            self.action, s.RequestSerializer
        )

    def get_queryset(self):
        return (
            AssistanceRequest.objects.visible_to(self.request.user)
            .select_related("state", "assigned_to")
            .prefetch_related(Prefetch("mandates", queryset=Mandate.objects.only("pk")))
            .order_by("-received_on", "-pk")
        )

    @extend_schema(request=s.RequestCreateSerializer, responses={201: s.RequestSerializer})
    def create(self, request, *args, **kwargs):
        form = s.RequestCreateSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        filed = services.submit_request(
            state=data["state"],
            by=request.user,
            title=data["title"],
            description=data["description"],
            request_type=data["request_type"],
            mandates=data.get("mandates", ()),
            channel=AssistanceRequest.Channel.PORTAL,
            submission_token=data.get("submission_token"),
        )
        body = s.RequestSerializer(filed, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=s.RequestUpdateCreateSerializer,
        responses={200: s.RequestUpdateSerializer(many=True), 201: s.RequestUpdateSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def updates(self, request, reference=None):
        """The request's history as the reader may see it; POST adds a note."""
        target = self.get_object()
        if request.method == "GET":
            rows = RequestUpdate.objects.visible_to(request.user).filter(request=target).select_related("author")
            page = self.paginate_queryset(rows.order_by("-created_at", "-pk"))
            return self.get_paginated_response(s.RequestUpdateSerializer(page, many=True).data)
        form = s.RequestUpdateCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        update = services.add_request_update(
            request=target, by=request.user, note=form.validated_data["note"], audience=form.validated_data["audience"]
        )
        return Response(s.RequestUpdateSerializer(update).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.StatusChangeSerializer, responses={201: s.RequestUpdateSerializer})
    @action(detail=True, methods=["post"])
    def status(self, request, reference=None):
        """Move the request through its workflow, as the status form does."""
        target = self.get_object()
        form = s.StatusChangeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        update = services.change_request_status(
            request=target,
            new_status=data["status"],
            by=request.user,
            note=data["note"],
            audience=data["audience"],
            expected_version=data["expected_version"],
        )
        return Response(s.RequestUpdateSerializer(update).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.AttachmentSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def attachments(self, request, reference=None):
        target = self.get_object()
        rows = Attachment.objects.visible_to(request.user).filter(request=target).order_by("-uploaded_at", "-pk")
        page = self.paginate_queryset(rows)
        context = self.get_serializer_context()
        return self.get_paginated_response(s.AttachmentSerializer(page, many=True, context=context).data)


class ActivityViewSet(FilteredMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ActivitySerializer
    filterset_class = ActivityFilter

    def get_queryset(self):
        return (
            Activity.objects.visible_to(self.request.user)
            .select_related("request", "state")
            .order_by("-start_date", "-pk")
        )
