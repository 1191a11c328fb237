"""Import and export of member states, assistance requests and activities, keyed on natural
keys (ISO3, request reference). The shared rules are in ``commitments.resources``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from import_export import fields

from commitments.models import ProgramArea
from commitments.resources import LookupWidget, MandateKeysWidget, MandateKeyWidget, TrackerResource
from states import services
from states.models import Activity, AssistanceRequest, MemberState
from states.workflow import request_transition_allowed


class MemberStateResource(TrackerResource):
    class Meta:
        model = MemberState
        import_id_fields = ["iso3"]
        fields = [
            "iso3",
            "iso2",
            "name_en",
            "name_es",
            "name_fr",
            "name_pt",
            "membership",
            "membership_ended_on",
            "notes",
        ]


def _state_field() -> fields.Field:
    return fields.Field("state", "state", widget=LookupWidget(MemberState, "iso3"))


class AssistanceRequestResource(TrackerResource):
    """Requests keyed on their reference. A row without one is a new request, filed through
    ``submit_request`` (which gives the reference and refuses a state that may not file);
    corrections, assignment and status go through their services, so the history records them."""

    reference = fields.Field("reference", "reference")
    state = _state_field()
    mandates = fields.Field("mandates", "mandates", widget=MandateKeysWidget())
    program_area = fields.Field("program_area", "program_area", widget=LookupWidget(ProgramArea, "code"))
    assigned_to = fields.Field(
        "assigned_to", "assigned_to", widget=LookupWidget(get_user_model(), get_user_model().USERNAME_FIELD)
    )
    status = fields.Field("status", "status", readonly=True)
    delivered_on = fields.Field("delivered_on", "delivered_on", readonly=True)
    closed_on = fields.Field("closed_on", "closed_on", readonly=True)
    transition_allowed = staticmethod(request_transition_allowed)

    class Meta:
        model = AssistanceRequest
        import_id_fields = ["reference"]
        fields = [
            "reference",
            "state",
            "title",
            "description",
            "mandates",
            "program_area",
            "request_type",
            "channel",
            "received_on",
            "priority",
            "assigned_to",
            "status",
            "delivered_on",
            "closed_on",
        ]

    def get_queryset(self):
        return AssistanceRequest.objects.select_related("state", "program_area", "assigned_to").prefetch_related(
            "mandates__resolution", "mandates__section", "mandates__parent"
        )

    def get_instance(self, instance_loader, row):
        if not str(row.get("reference") or "").strip():
            return None
        return super().get_instance(instance_loader, row)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # The reference is given by the service, never by the file; mandates are saved by it too.
        if field.attribute == "reference" or is_m2m:
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def check_row(self, instance, row) -> dict[str, list[str]]:
        reference = str(row.get("reference") or "").strip()
        if reference and instance.pk is None:
            return {"reference": [_("No request with reference “%(reference)s”.") % {"reference": reference}]}
        if instance.pk is not None and "state" in row:
            stored = AssistanceRequest.objects.filter(pk=instance.pk).values_list("state__iso3", flat=True).get()
            if str(row["state"]).strip() != stored:
                return {"state": [_("The state of a request never changes (it is %(iso3)s).") % {"iso3": stored}]}
        return {}

    def clean_exclude(self, instance) -> set[str]:
        # A new request has no reference until the service gives it one.
        return {"reference"} if instance.pk is None else set()

    def save_instance(self, instance, is_create, row, **kwargs):
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        mandates = self.fields["mandates"].clean(row) if "mandates" in row else None
        if is_create:
            created = services.submit_request(
                state=instance.state,
                by=self.user,
                title=instance.title,
                description=instance.description,
                request_type=instance.request_type,
                mandates=mandates or [],
                channel=instance.channel,
                received_on=instance.received_on,
                priority=instance.priority,
                assigned_to=instance.assigned_to,
            )
            if instance.program_area_id:
                AssistanceRequest.objects.filter(pk=created.pk).update(program_area=instance.program_area_id)
            for name in ("id", "reference", "status", "version", "submitted_by_id", "created_at", "updated_at"):
                setattr(instance, name, getattr(created, name))
            instance._state.adding = False
        else:
            expected = AssistanceRequest.objects.values_list("version", flat=True).get(pk=instance.pk)
            instance.version = expected
            values = {name: getattr(instance, name) for name in services.EDITABLE_FIELDS}
            services.update_request(
                request=instance, by=self.user, expected_version=expected, values=values, mandates=mandates
            )
            services.assign_request(request=instance, by=self.user, assignee=instance.assigned_to)
        self.after_save_instance(instance, row, **kwargs)

    def status_service(self, instance, *, new_status: str, by, note: str) -> None:
        services.change_request_status(request=instance, new_status=new_status, by=by, note=note)


# What an activity was, apart from what it hangs under (also the admin's inline fields).
ACTIVITY_DETAILS = [
    "activity_type",
    "title",
    "start_date",
    "end_date",
    "place",
    "online",
    "participants_women",
    "participants_men",
    "participants_other",
    "institutions",
    "funding_source",
]


class ActivityResource(TrackerResource):
    """Activities keyed on their id (blank for a new one)."""

    request = fields.Field("request", "request", widget=LookupWidget(AssistanceRequest, "reference"))
    mandate = fields.Field("mandate", "mandate", widget=MandateKeyWidget())
    state = _state_field()

    class Meta:
        model = Activity
        import_id_fields = ["id"]
        fields = ["id", "request", "mandate", "state", *ACTIVITY_DETAILS]

    def get_queryset(self):
        return Activity.objects.select_related(
            "request", "state", "mandate__resolution", "mandate__section", "mandate__parent"
        )

    def check_row(self, activity: Activity, row) -> dict[str, list[str]]:
        # The database refuses these too; here the row says why in words staff understand.
        errors: dict[str, list[str]] = {}
        for name in ("participants_women", "participants_men", "participants_other"):
            if isinstance(getattr(activity, name), int) and getattr(activity, name) < 0:
                errors[name] = [_("A number of participants cannot be negative.")]
        if activity.start_date and activity.end_date and activity.end_date < activity.start_date:
            errors["end_date"] = [_("The end date is before the start date.")]
        if not str(row.get("request") or "").strip() and not str(row.get("mandate") or "").strip():
            errors["request"] = [_("An activity belongs to a request, a mandate, or both.")]
        return errors

    def before_save_instance(self, activity: Activity, row, **kwargs):
        # The state of an activity under a request is that request's: Activity.clean (run on
        # every row, clean_model_instances) filled it in or refused the row.
        if activity.pk is None:
            activity.created_by = self.user
