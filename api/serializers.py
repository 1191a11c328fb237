"""What the API shows of each row: explicit fields, stored values for choices (``"in_progress"``)
with their label beside them, in the reader's language."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from commitments.models import Mandate, Owner, Resolution
from core import roles
from core.choices import Audience
from states.models import Activity, AssistanceRequest, Attachment, MemberState, RequestUpdate
from states.services import seen_version


@extend_schema_field(
    {"type": "object", "properties": {"value": {"type": "string"}, "label": {"type": "string"}}, "nullable": True}
)
class ChoiceField(serializers.ChoiceField):
    """``{"value": "in_progress", "label": "In progress"}`` out; the bare value in."""

    def to_representation(self, value):
        return {"value": value, "label": str(self.choices.get(value, value))} if value else None


class OwnerSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()

    class Meta:
        model = Owner
        fields = ["id", "name", "name_en", "abbreviation", "is_member_states"]

    def get_name(self, owner: Owner) -> str:
        return owner.localized_name()


class ResolutionSerializer(serializers.ModelSerializer):
    languages = serializers.SerializerMethodField()

    class Meta:
        model = Resolution
        fields = [
            "id",
            "symbol",
            "series",
            "body",
            "session",
            "place",
            "adopted_on",
            "original_language",
            "languages",
            "title",
        ]

    def get_languages(self, resolution: Resolution) -> list[str]:
        """The language versions of the text held."""
        return sorted(text.language for text in resolution.texts.all())


class MandateSerializer(serializers.ModelSerializer):
    resolution = serializers.SlugRelatedField(slug_field="symbol", read_only=True)
    section = serializers.SerializerMethodField()
    display_number = serializers.CharField(read_only=True)
    parent = serializers.PrimaryKeyRelatedField(read_only=True)
    texts = serializers.SerializerMethodField()
    owners = OwnerSerializer(many=True, read_only=True)
    kind = ChoiceField(choices=Mandate.Kind.choices, read_only=True)
    status = ChoiceField(choices=Mandate.Status.choices, read_only=True)

    class Meta:
        model = Mandate
        fields = [
            "id",
            "resolution",
            "section",
            "display_number",
            "number",
            "parent",
            "language",
            "text",
            "texts",
            "kind",
            "status",
            "owners",
            "deadline",
            "deadline_text",
            "conditions",
            "version",
            "updated_at",
        ]

    def get_section(self, mandate: Mandate) -> dict:
        return {"position": mandate.section.position, "title": mandate.section.title_in()}

    def get_texts(self, mandate: Mandate) -> dict[str, str]:
        """Every language version held, by language code; ``text`` is the original."""
        return {mandate.language: mandate.text, **{k: v for k, v in mandate.translations.items() if v}}


class MemberStateSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    membership = ChoiceField(choices=MemberState.Membership.choices, read_only=True)

    class Meta:
        model = MemberState
        fields = [
            "iso3",
            "iso2",
            "name",
            "name_en",
            "name_es",
            "name_fr",
            "name_pt",
            "membership",
            "membership_ended_on",
        ]

    def get_name(self, state: MemberState) -> str:
        return state.localized_name()


def _person(user) -> str | None:
    return (user.get_full_name() or user.get_username()) if user else None


class RequestSerializer(serializers.ModelSerializer):
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    mandates = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    request_type = ChoiceField(choices=AssistanceRequest.Type.choices, read_only=True)
    channel = ChoiceField(choices=AssistanceRequest.Channel.choices, read_only=True)
    priority = ChoiceField(choices=AssistanceRequest.Priority.choices, read_only=True)
    status = ChoiceField(choices=AssistanceRequest.Status.choices, read_only=True)
    assigned_to = serializers.SerializerMethodField()
    # The version to send back as ``expected_version``: for a state, one that moves only with
    # what the state may read (``states.services.seen_version``).
    version = serializers.SerializerMethodField()

    class Meta:
        model = AssistanceRequest
        fields = [
            "reference",
            "state",
            "title",
            "description",
            "mandates",
            "request_type",
            "channel",
            "priority",
            "received_on",
            "status",
            "assigned_to",
            "delivered_on",
            "closed_on",
            "version",
            "updated_at",
        ]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and not roles.is_secretariat(request.user):
            # Who in the Secretariat handles what is the Secretariat's business (as on the pages),
            # and the row's write time moves with internal work too: a state reads `version`.
            del fields["assigned_to"]
            del fields["updated_at"]
        return fields

    def get_assigned_to(self, request: AssistanceRequest) -> str | None:
        return _person(request.assigned_to)

    def get_version(self, request: AssistanceRequest) -> int:
        reader = self.context.get("request")
        return seen_version(request, reader.user) if reader is not None else request.version


class RequestCreateSerializer(serializers.Serializer):
    """What filing a request takes; ``states.services.submit_request`` decides the rest."""

    state = serializers.SlugRelatedField(slug_field="iso3", queryset=MemberState.objects.none())
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=20_000)
    request_type = serializers.ChoiceField(choices=AssistanceRequest.Type.choices)
    mandates = serializers.PrimaryKeyRelatedField(many=True, queryset=Mandate.objects.none(), required=False)
    submission_token = serializers.UUIDField(
        required=False, help_text="Send the same UUID again to retry safely: the first request is returned."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "request" not in self.context:
            return  # the schema generator describes the fields; it files nothing
        user = self.context["request"].user
        self.fields["state"].queryset = MemberState.objects.visible_to(user)
        self.fields["mandates"].child_relation.queryset = Mandate.objects.visible_to(user)


class RequestUpdateSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    old_status = ChoiceField(choices=AssistanceRequest.Status.choices, read_only=True)
    new_status = ChoiceField(choices=AssistanceRequest.Status.choices, read_only=True)
    audience = ChoiceField(choices=Audience.choices, read_only=True)

    class Meta:
        model = RequestUpdate
        fields = ["id", "created_at", "author", "old_status", "new_status", "note", "audience"]

    def get_author(self, update: RequestUpdate) -> str | None:
        return _person(update.author)


class RequestUpdateCreateSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=20_000)
    audience = serializers.ChoiceField(
        choices=RequestUpdate.AUDIENCES, help_text="Secretariat staff only; a focal point always writes to its state."
    )


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AssistanceRequest.Status.choices)
    note = serializers.CharField(max_length=20_000, required=False, default="", allow_blank=True)
    audience = serializers.ChoiceField(choices=RequestUpdate.AUDIENCES, default=Audience.STATE)
    expected_version = serializers.IntegerField(
        min_value=1,
        max_value=2_147_483_647,
        help_text="The request's `version` you read: a stale one is refused (409).",
    )


class ActivitySerializer(serializers.ModelSerializer):
    request = serializers.SlugRelatedField(slug_field="reference", read_only=True)
    state = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    activity_type = ChoiceField(choices=Activity.Type.choices, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "request",
            "mandate",
            "state",
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


class AttachmentSerializer(serializers.ModelSerializer):
    """Metadata only: the file itself is downloaded from its page, through the same checks."""

    audience = ChoiceField(choices=Audience.choices, read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "original_name",
            "content_type",
            "size",
            "audience",
            "description",
            "uploaded_at",
            "download_url",
        ]

    def get_download_url(self, attachment: Attachment) -> str:
        return self.context["request"].build_absolute_uri(attachment.get_absolute_url())
