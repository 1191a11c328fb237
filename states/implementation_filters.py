"""The filters of the Secretariat's matrix of national implementation reports."""

from __future__ import annotations

import django_filters
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from commitments.filters import ANY, DateInput, visible_resolutions
from commitments.models import Mandate
from core.filters import IdChoiceFilter
from states.implementation import reporting_states


class ImplementationMatrixFilter(django_filters.FilterSet):
    since = django_filters.DateFilter(
        method="filter_since",
        label=_("Some state has not reported since"),
        help_text=_("Only mandates on which at least one member state has recorded nothing since this date."),
        widget=DateInput(),
    )
    resolution = IdChoiceFilter(
        field_name="resolution", lookup_expr="exact", empty_label=ANY, label=_("Resolution"), queryset=None
    )

    class Meta:
        model = Mandate
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        # Only resolutions that hold a mandate of the matrix, never every resolution.
        addressed = visible_resolutions(user).filter(pk__in=queryset.values("resolution_id"))
        self.filters["resolution"].queryset = addressed.order_by("-adopted_on", "symbol")

    def filter_since(self, queryset, name, value):
        states = reporting_states()
        recent = Count(
            "implementation_reports__state",
            filter=Q(implementation_reports__reported_on__gte=value, implementation_reports__state__in=states),
            distinct=True,
        )
        return queryset.annotate(states_reported_since=recent).filter(states_reported_since__lt=states.count())
