"""Computed Work Plan indicators, and filing progress reports.

The one place that says what a computed indicator counts, from the activities and requests
linked to its commitment (``Activity.commitment``, ``AssistanceRequest.commitment``):

- *activities delivered*: activities that ended in the period (and by today);
- *participants*: their participants, women, men and other;
- *member states reached*: distinct beneficiary states of those activities (regional activities
  with no state reach none in particular);
- *requests delivered*: requests whose delivery date falls in the period (and by today).

An activity counts in the period its end date falls in, so that each counts once, and the
lists linked from the work-plan page (``ended_from``/``ended_until``, ``delivered_from``/
``delivered_until``) show exactly those rows. Filing lives here too, because filing freezes the
computed value and ``commitments`` may not read ``states``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.workplan import Indicator, IndicatorMeasurement, IndicatorUnit, ProgressReport, ReportingPeriod
from core import roles
from states.models import Activity, AssistanceRequest


@dataclass(frozen=True)
class Measure:
    """A value with, for people, its split by gender (None where it does not apply)."""

    value: Decimal
    women: int | None = None
    men: int | None = None
    other: int | None = None


def _month(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


@dataclass
class _Bucket:
    activities: int = 0
    women: int = 0
    men: int = 0
    other: int = 0
    requests: int = 0

    def __post_init__(self):
        self.states: set[int] = set()


class DeliveredWork:
    """What was delivered under some commitments, by month, read in two grouped queries
    whatever the number of activities and requests behind them; ``measure`` then answers for
    any indicator and any range of whole months without another query."""

    def __init__(
        self,
        *,
        commitment_ids,
        today: datetime.date,
        activities: QuerySet | None = None,
        requests: QuerySet | None = None,
    ):
        self.today = today
        activities = Activity.objects.all() if activities is None else activities
        requests = AssistanceRequest.objects.all() if requests is None else requests
        self.buckets: dict[int, dict[datetime.date, _Bucket]] = defaultdict(lambda: defaultdict(_Bucket))
        activity_rows = (
            activities.filter(commitment_id__in=commitment_ids, end_date__lte=today)
            .annotate(month=TruncMonth("end_date"))
            .values("commitment_id", "month", "state_id")
            .annotate(
                n=Count("id"), w=Sum("participants_women"), m=Sum("participants_men"), o=Sum("participants_other")
            )
            .order_by()
        )
        for row in activity_rows:
            bucket = self.buckets[row["commitment_id"]][_month(row["month"])]
            bucket.activities += row["n"]
            bucket.women += row["w"] or 0
            bucket.men += row["m"] or 0
            bucket.other += row["o"] or 0
            if row["state_id"] is not None:
                bucket.states.add(row["state_id"])
        request_rows = (
            requests.filter(commitment_id__in=commitment_ids, delivered_on__isnull=False, delivered_on__lte=today)
            .annotate(month=TruncMonth("delivered_on"))
            .values("commitment_id", "month")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in request_rows:
            self.buckets[row["commitment_id"]][_month(row["month"])].requests += row["n"]

    def measure(self, indicator: Indicator, starts_on: datetime.date, ends_on: datetime.date) -> Measure:
        """The computed value of ``indicator`` over the months from ``starts_on`` to ``ends_on``."""
        months = [
            bucket
            for month, bucket in self.buckets.get(indicator.commitment_id, {}).items()
            if starts_on.replace(day=1) <= month <= ends_on
        ]
        kind = indicator.measurement
        if kind == IndicatorMeasurement.ACTIVITY_COUNT:
            return Measure(Decimal(sum(b.activities for b in months)))
        if kind == IndicatorMeasurement.REQUESTS_DELIVERED:
            return Measure(Decimal(sum(b.requests for b in months)))
        if kind == IndicatorMeasurement.STATES_REACHED:
            return Measure(Decimal(len(set().union(*(b.states for b in months)))))
        if kind == IndicatorMeasurement.PARTICIPANTS:
            women, men, other = (sum(getattr(b, name) for b in months) for name in ("women", "men", "other"))
            return Measure(Decimal(women + men + other), women, men, other)
        raise ValueError(f"{indicator} is reported, not computed")


def measure(indicator: Indicator, starts_on: datetime.date, ends_on: datetime.date, *, today: datetime.date) -> Measure:
    """One computed indicator over one range (what a progress report freezes)."""
    return DeliveredWork(commitment_ids=[indicator.commitment_id], today=today).measure(indicator, starts_on, ends_on)


# --- Filing -----------------------------------------------------------------------------------


def _field_error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _check_reported_value(indicator: Indicator, value, women, men, other) -> Measure:
    if value is None:
        raise _field_error("value", _("Give the value achieved in the period."), "value_required")
    value = Decimal(value)
    if value < 0:
        raise _field_error("value", _("A value cannot be negative."), "value_negative")
    if indicator.unit == IndicatorUnit.PERCENTAGE and value > 100:
        raise _field_error("value", _("A percentage is at most 100."), "percentage_over_100")
    if indicator.unit == IndicatorUnit.YES_NO and value not in (0, 1):
        raise _field_error("value", _("Yes / no is 1 or 0."), "yes_no")
    if not indicator.by_gender:
        return Measure(value)
    split = [women, men, other]
    if all(part is None for part in split):
        return Measure(value)
    if any(part is None or part < 0 for part in split) or sum(split) != value:
        raise _field_error(
            "value", _("Women, men and other must each be given and add up to the value."), "gender_split"
        )
    return Measure(value, women, men, other)


@transaction.atomic
def file_progress_report(
    *,
    period: ReportingPeriod,
    by,
    rating: str,
    narrative: str = "",
    evidence_url: str = "",
    value: Decimal | int | None = None,
    value_women: int | None = None,
    value_men: int | None = None,
    value_other: int | None = None,
    corrects: ProgressReport | None = None,
    today: datetime.date | None = None,
) -> ProgressReport:
    """File the progress report of ``period`` (Secretariat staff only).

    A computed indicator's value is measured now and frozen in the report (``value`` is not
    taken); a reported one's is ``value``. A period has one report: a second is refused, and
    the first kept; a mistake is put right by a new report with ``corrects`` = the current one,
    which then stands for the period (the corrected one stays in the history)."""
    if not roles.is_secretariat_staff(by):
        raise PermissionDenied
    today = today or timezone.localdate()
    # The period row is locked so that two staff filing at once cannot both pass the checks.
    period = ReportingPeriod.objects.select_for_update().select_related("indicator").get(pk=period.pk)
    indicator = period.indicator
    if period.starts_on > today:
        raise ValidationError(_("The period %(period)s has not started yet.") % {"period": period.code}, code="future")
    if rating not in ProgressReport.Rating.values:
        raise _field_error("rating", _("Choose a rating."), "invalid_rating")
    current = period.reports.current().first()
    if corrects is None and current is not None:
        raise ValidationError(
            _("A progress report for %(period)s was already filed on %(date)s; file a correction instead.")
            % {"period": period.code, "date": timezone.localdate(current.created_at).isoformat()},
            code="already_filed",
        )
    if corrects is not None and (current is None or corrects.pk != current.pk):
        raise ValidationError(
            _("Only the report that currently stands for the period can be corrected."), code="not_current"
        )
    if indicator.is_computed:
        result = measure(indicator, period.starts_on, min(period.ends_on, today), today=today)
    else:
        result = _check_reported_value(indicator, value, value_women, value_men, value_other)
    report = ProgressReport(
        period=period,
        value=result.value,
        value_women=result.women,
        value_men=result.men,
        value_other=result.other,
        measurement=indicator.measurement,
        narrative=narrative.strip(),
        evidence_url=evidence_url.strip(),
        rating=rating,
        corrects=corrects,
        author=by,
    )
    report.full_clean(exclude=["period", "corrects", "author"])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # filed by someone else in between (the constraints say so)
        raise ValidationError(
            _("A progress report for %(period)s was just filed by someone else.") % {"period": period.code},
            code="already_filed",
        ) from None
    return report
