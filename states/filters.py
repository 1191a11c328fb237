"""The request list's and the activity list's filters. Every choice a filter offers is scoped
to what the viewer may see: a focal point's state filter offers its own state only."""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connections
from django.db.models import Exists, Expression, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from commitments.filters import ANY, CheckboxFilter, DateInput, search_mandates, visible_resolutions
from commitments.models import Mandate
from commitments.workplan import Commitment
from core import roles
from core.filters import IdChoiceField, IdChoiceFilter
from states.models import Activity, AssistanceRequest, MemberState

# A <datalist> suggests at most this many values; the input still accepts any text.
DATALIST_LIMIT = 50


# A search reads this many words at most (as the mandate search does).
MAX_SEARCH_WORDS = 12
# The letters and digits of a word, as the full-text index splits it ("MEX-2024-0012": three
# pieces); nothing the user types is read as query syntax.
WORD_PIECE = re.compile(r"[^\W_]+")


class RequestWords(Expression):
    """A request's reference, title and description as one text-search document of their
    letters and digits (``WORD_PIECE``'s pieces: "REQ-2025-0012" is "req 2025 0012", where the
    parser would read "-2025" as a signed number): the expression of the PostgreSQL-only GIN
    index of migration states 0011, character for character, or the planner does not use it."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        joined = " || ' ' || ".join(f"{table}.{column}" for column in ("reference", "title", "description"))
        return f"to_tsvector('simple'::regconfig, regexp_replace({joined}, '[^[:alnum:]]+', ' ', 'g'))", []


def search_requests(queryset: QuerySet, text: str) -> QuerySet:
    """Requests whose reference, title or description holds every word of ``text`` (the
    request list's text filter, and the site search on SQLite).

    On PostgreSQL through the full-text index of the three (``RequestWords``): each word as a
    word or the start of one ("port" finds "ports"), case ignored, all the words in one index
    lookup, where a substring match read all 250,000 requests (1.8 s). Elsewhere a substring
    match of each word."""
    words = text.split()[:MAX_SEARCH_WORDS]
    if connections[queryset.db].vendor == "postgresql":
        pieces = [piece for word in words for piece in WORD_PIECE.findall(word.lower())]
        if not pieces:
            return queryset if not words else queryset.none()
        # The words' starts, and the words themselves (which the starts include): PostgreSQL
        # knows how common a word is from the index's statistics, not a word's start, and
        # without that walks the index for "maritime ports" (57,000 matches) instead of the
        # newest requests until it has a page.
        whole = SearchQuery(" & ".join(pieces), config="simple", search_type="raw")
        starts = SearchQuery(" & ".join(f"{piece}:*" for piece in pieces), config="simple", search_type="raw")
        matches = Q(_request_words=whole) | Q(_request_words=starts)
        return queryset.alias(_request_words=RequestWords()).filter(matches)
    for word in words:
        queryset = queryset.filter(
            Q(reference__icontains=word) | Q(title__icontains=word) | Q(description__icontains=word)
        )
    return queryset


def search_activities(queryset: QuerySet, text: str) -> QuerySet:
    """Activities whose title or place holds every word of ``text``."""
    for word in text.split():
        queryset = queryset.filter(Q(title__icontains=word) | Q(place__icontains=word))
    return queryset


class DatalistInput(forms.TextInput):
    """A text input with browser suggestions (<datalist>, no JavaScript); the filter form
    template draws the list from ``datalist_options``."""

    def __init__(self, list_id: str):
        super().__init__(attrs={"list": list_id, "autocomplete": "off"})
        self.datalist_options = ()


class StaffChoiceField(IdChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class StaffChoiceFilter(IdChoiceFilter):
    field_class = StaffChoiceField


def staff_users():
    user_model = get_user_model()
    return (
        user_model.objects.filter(Q(groups__name=roles.STAFF_GROUP) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _state_filter() -> IdChoiceFilter:
    return IdChoiceFilter(
        field_name="state",
        lookup_expr="exact",
        empty_label=ANY,
        label=_("Member state"),
        queryset=MemberState.objects.none(),
    )


def _date_filter(field_name: str, lookup_expr: str, label) -> django_filters.DateFilter:
    return django_filters.DateFilter(field_name=field_name, lookup_expr=lookup_expr, label=label, widget=DateInput())


def _commitment_filter() -> IdChoiceFilter:
    """The Work Plan commitment delivered: the work-plan page's figures open lists through it."""
    return IdChoiceFilter(
        field_name="commitment",
        lookup_expr="exact",
        empty_label=ANY,
        label=_("Work Plan commitment"),
        queryset=Commitment.objects.none(),
    )


def _scope_commitment_filter(filterset: django_filters.FilterSet, user) -> None:
    # The Work Plan is the Secretariat's (commitments.workplan): nobody else gets the filter.
    if roles.is_secretariat(user):
        filterset.filters["commitment"].queryset = Commitment.objects.visible_to(user)
    else:
        del filterset.filters["commitment"]


class AssistanceRequestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Reference, title or description"), method="filter_text")
    state = _state_filter()
    status = django_filters.ChoiceFilter(
        field_name="status",
        lookup_expr="exact",
        empty_label=ANY,
        label=_("Status"),
        choices=AssistanceRequest.Status.choices,
    )
    request_type = django_filters.ChoiceFilter(
        field_name="request_type",
        lookup_expr="exact",
        empty_label=ANY,
        label=_("Type"),
        choices=AssistanceRequest.Type.choices,
    )
    assigned_to = StaffChoiceFilter(
        field_name="assigned_to", lookup_expr="exact", empty_label=ANY, label=_("Assigned to"), queryset=staff_users()
    )
    # Mandates run to thousands: a search box (with resolution symbols suggested), not a dropdown.
    mandate = django_filters.CharFilter(
        label=_("Mandate"),
        method="filter_mandate",
        widget=DatalistInput("id_mandate_options"),
        help_text=_("A resolution symbol, a paragraph number or words of the text."),
    )
    received_after = _date_filter("received_on", "gte", _("Received from"))
    received_before = _date_filter("received_on", "lte", _("Received until"))
    delivered = CheckboxFilter(
        label=_("Only delivered (including those closed since)"),
        narrow=lambda requests: requests.filter(delivered_on__isnull=False),
    )
    commitment = _commitment_filter()
    delivered_from = _date_filter("delivered_on", "gte", _("Delivered from"))
    delivered_until = _date_filter("delivered_on", "lte", _("Delivered until"))

    class Meta:
        model = AssistanceRequest
        fields = []  # every filter is declared above, with its lookup

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.user = user
        self.filters["state"].queryset = MemberState.objects.visible_to(user)
        if not roles.is_secretariat(user):
            # Who in the Secretariat handles what is the Secretariat's business.
            del self.filters["assigned_to"]
        _scope_commitment_filter(self, user)
        symbols = visible_resolutions(user).order_by("-adopted_on", "symbol").values_list("symbol", flat=True)
        self.filters["mandate"].extra["widget"].datalist_options = symbols[:DATALIST_LIMIT]

    def filter_text(self, queryset, name, value):
        return search_requests(queryset, value)

    def filter_mandate(self, queryset, name, value):
        mandates = search_mandates(Mandate.objects.visible_to(self.user), value).filter(requests=OuterRef("pk"))
        return queryset.filter(Exists(mandates))


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Title or place"), method="filter_text")
    activity_type = django_filters.ChoiceFilter(
        field_name="activity_type", lookup_expr="exact", empty_label=ANY, label=_("Type"), choices=Activity.Type.choices
    )
    state = _state_filter()
    # An activity belongs to the range when any of its days falls in it.
    date_from = _date_filter("end_date", "gte", _("Held from"))
    date_to = _date_filter("start_date", "lte", _("Held until"))
    funding_source = django_filters.CharFilter(
        field_name="funding_source",
        lookup_expr="icontains",
        label=_("Funding source"),
        widget=DatalistInput("id_funding_source_options"),
    )
    funding_unrecorded = CheckboxFilter(
        label=_("Only those with no funding source recorded"),
        narrow=lambda activities: activities.filter(funding_source=""),
    )
    commitment = _commitment_filter()
    # Delivered when it ends: the work-plan page counts an activity in the period of its end date.
    ended_from = _date_filter("end_date", "gte", _("Ended from"))
    ended_until = _date_filter("end_date", "lte", _("Ended until"))

    class Meta:
        model = Activity
        fields = []  # every filter is declared above, with its lookup

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["state"].queryset = MemberState.objects.visible_to(user)
        _scope_commitment_filter(self, user)
        sources = (
            Activity.objects.visible_to(user)
            .exclude(funding_source="")
            .values_list("funding_source", flat=True)
            .distinct()
            .order_by("funding_source")
        )
        self.filters["funding_source"].extra["widget"].datalist_options = sources[:DATALIST_LIMIT]

    def filter_text(self, queryset, name, value):
        return search_activities(queryset, value)
