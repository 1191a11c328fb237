"""The Work Plan's side of the tracker, in the Secretariat's words: the **commitments** it makes
under a program area, the **indicators** that measure each, the **reporting periods** each
indicator is reported on (with their targets and due dates) and the **progress reports** filed
for them (append-only).

Imported at the end of ``commitments.models`` so that Django registers these models with the
app. Computed indicators read activities and requests, which live upstairs in ``states``: the
computation and the filing service are in ``states.indicators`` (this floor never imports
``states``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from commitments.models import Mandate, ProgramArea, WorkPlan
from core import roles
from core.choices import check_in_choices

# A report is due this many days after its period ends: time to gather the figures.
DUE_AFTER_DAYS = 30


class SecretariatOnlyQuerySet(models.QuerySet):
    def visible_to(self, user) -> SecretariatOnlyQuerySet:
        """The Work Plan's follow-up is the Secretariat's working record: staff and viewers read
        it; focal points and visitors see none of it (what was delivered to their own state is
        on their state's page)."""
        return self if roles.is_secretariat(user) else self.none()


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class Commitment(models.Model):
    """What the Secretariat commits to deliver under a program area of a work plan, implementing
    one or more mandates."""

    Status = CommitmentStatus

    # The work plan is stored as well as the program area so that the database can keep codes
    # unique per work plan (the spreadsheet's key); ``clean`` keeps the two in agreement.
    work_plan = models.ForeignKey(
        WorkPlan, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("work plan")
    )
    program_area = models.ForeignKey(
        ProgramArea, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("program area")
    )
    code = models.CharField(_("code"), max_length=30, help_text=_("Unique in the work plan, e.g. CYB-1."))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    mandates = models.ManyToManyField(Mandate, related_name="commitments", verbose_name=_("mandates"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("responsible"),
        help_text=_("The staff member who answers for it and files its progress reports."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SecretariatOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["work_plan", "program_area__name_en", "code"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["work_plan", "code"], name="commitments_commitment_unique_code"),
            check_in_choices("status", CommitmentStatus, "commitments_commitment_status_valid"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="commitments_commitment_end_after_start"
            ),
        ]
        indexes = [
            # The work-plan page: a plan's commitments by program area.
            models.Index(fields=["program_area", "code"], name="commitments_commitment_area"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def clean(self):
        errors = {}
        if self.program_area_id and self.work_plan_id and self.program_area.work_plan_id != self.work_plan_id:
            errors["program_area"] = ValidationError(
                _("The program area belongs to another work plan."), code="program_area_of_another_plan"
            )
        if self.work_plan_id and self.starts_on and self.ends_on:
            plan = self.work_plan
            if self.starts_on.year < plan.start_year or self.ends_on.year > plan.end_year:
                errors["ends_on"] = ValidationError(
                    _("The period must lie within the work plan's years (%(start)s–%(end)s).")
                    % {"start": plan.start_year, "end": plan.end_year},
                    code="outside_work_plan",
                )
        if errors:
            raise ValidationError(errors)


class IndicatorUnit(models.TextChoices):
    COUNT = "count", _("Count")
    MEMBER_STATES = "member_states", _("Member states reached")
    PARTICIPANTS = "participants", _("Participants")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes / no")


class IndicatorMeasurement(models.TextChoices):
    """How the value is obtained: computed from what the tracker knows, or reported by hand."""

    REPORTED = "reported", _("Reported by hand")
    ACTIVITY_COUNT = "activity_count", _("Computed: activities delivered")
    PARTICIPANTS = "participants", _("Computed: participants (by gender)")
    STATES_REACHED = "states_reached", _("Computed: distinct member states reached")
    REQUESTS_DELIVERED = "requests_delivered", _("Computed: requests delivered")


class IndicatorFrequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


# The unit each computed measurement yields.
COMPUTED_UNITS = {
    IndicatorMeasurement.ACTIVITY_COUNT: IndicatorUnit.COUNT,
    IndicatorMeasurement.REQUESTS_DELIVERED: IndicatorUnit.COUNT,
    IndicatorMeasurement.PARTICIPANTS: IndicatorUnit.PARTICIPANTS,
    IndicatorMeasurement.STATES_REACHED: IndicatorUnit.MEMBER_STATES,
}


class Indicator(models.Model):
    """A measure of a commitment with a baseline, an overall target, per-period targets (on its
    reporting periods) and a reporting frequency."""

    Unit = IndicatorUnit
    Measurement = IndicatorMeasurement
    Frequency = IndicatorFrequency

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("commitment")
    )
    code = models.CharField(_("code"), max_length=30, help_text=_("Unique in the commitment, e.g. CYB-1.a."))
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    measurement = models.CharField(
        _("measurement"), max_length=30, choices=Measurement.choices, default=Measurement.REPORTED
    )
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices, default=Frequency.YEARLY)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=Decimal(0))
    target = models.DecimalField(_("target (overall)"), max_digits=12, decimal_places=2)
    by_gender = models.BooleanField(
        _("disaggregated by gender"), default=False, help_text=_("Women, men, other: for indicators counting people.")
    )

    objects = SecretariatOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "code"], name="commitments_indicator_unique_code"),
            check_in_choices("unit", IndicatorUnit, "commitments_indicator_unit_valid"),
            check_in_choices("measurement", IndicatorMeasurement, "commitments_indicator_measurement_valid"),
            check_in_choices("frequency", IndicatorFrequency, "commitments_indicator_frequency_valid"),
            # A computed measurement yields one unit: a count of states is not a percentage.
            models.CheckConstraint(
                # Any other measurement (reported, or unknown: refused by the constraint above).
                condition=~Q(measurement__in=list(COMPUTED_UNITS))
                | Q(
                    measurement__in=[IndicatorMeasurement.ACTIVITY_COUNT, IndicatorMeasurement.REQUESTS_DELIVERED],
                    unit=IndicatorUnit.COUNT,
                )
                | Q(measurement=IndicatorMeasurement.PARTICIPANTS, unit=IndicatorUnit.PARTICIPANTS)
                | Q(measurement=IndicatorMeasurement.STATES_REACHED, unit=IndicatorUnit.MEMBER_STATES),
                name="commitments_indicator_measurement_fits_unit",
            ),
            models.CheckConstraint(
                condition=Q(by_gender=False) | Q(unit=IndicatorUnit.PARTICIPANTS),
                name="commitments_indicator_gender_only_for_people",
            ),
            models.CheckConstraint(
                condition=Q(target__gte=0) & Q(baseline__gte=0), name="commitments_indicator_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(unit=IndicatorUnit.PERCENTAGE) | (Q(target__lte=100) & Q(baseline__lte=100)),
                name="commitments_indicator_percentage_at_most_100",
            ),
            models.CheckConstraint(
                condition=~Q(unit=IndicatorUnit.YES_NO) | (Q(target__lte=1) & Q(baseline__lte=1)),
                name="commitments_indicator_yes_no_is_0_or_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @property
    def is_computed(self) -> bool:
        return self.measurement != IndicatorMeasurement.REPORTED

    def clean(self):
        expected = COMPUTED_UNITS.get(self.measurement)
        if expected is not None and self.unit != expected:
            raise ValidationError(
                {
                    "unit": ValidationError(
                        _("“%(measurement)s” is measured in “%(unit)s”.")
                        % {"measurement": self.get_measurement_display(), "unit": IndicatorUnit(expected).label},
                        code="unit_of_measurement",
                    )
                }
            )
        if self.by_gender and self.unit != IndicatorUnit.PARTICIPANTS:
            raise ValidationError(
                {"by_gender": ValidationError(_("Only people are counted by gender."), code="gender_for_people")}
            )


# --- Reporting periods ------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One reporting period of a frequency: "2023-Q3", "2023-H2" or "2023"."""

    code: str
    starts_on: datetime.date
    ends_on: datetime.date

    @property
    def due_on(self) -> datetime.date:
        return self.ends_on + datetime.timedelta(days=DUE_AFTER_DAYS)


_MONTHS = {IndicatorFrequency.QUARTERLY: 3, IndicatorFrequency.HALF_YEARLY: 6, IndicatorFrequency.YEARLY: 12}


def _period_of(day: datetime.date, frequency: str) -> Period:
    months = _MONTHS[frequency]
    index = (day.month - 1) // months
    start = datetime.date(day.year, index * months + 1, 1)
    year, month = divmod(start.month - 1 + months, 12)
    end = datetime.date(start.year + year, month + 1, 1) - datetime.timedelta(days=1)
    suffix = {3: f"-Q{index + 1}", 6: f"-H{index + 1}", 12: ""}[months]
    return Period(f"{start.year}{suffix}", start, end)


def periods_between(starts_on: datetime.date, ends_on: datetime.date, frequency: str) -> list[Period]:
    """The calendar periods of ``frequency`` that overlap ``starts_on``–``ends_on``, in order."""
    periods, day = [], starts_on
    while day <= ends_on:
        period = _period_of(day, frequency)
        periods.append(period)
        day = period.ends_on + datetime.timedelta(days=1)
    return periods


class ReportingPeriodQuerySet(SecretariatOnlyQuerySet):
    def filed(self) -> ReportingPeriodQuerySet:
        return self.filter(Exists(ProgressReport.objects.filter(period=OuterRef("pk"))))

    def overdue(self, today: datetime.date) -> ReportingPeriodQuerySet:
        """Periods whose report was due before ``today`` and has not been filed, of commitments
        still to deliver (a cancelled or postponed commitment owes no report)."""
        return (
            self.filter(due_on__lt=today)
            .exclude(Exists(ProgressReport.objects.filter(period=OuterRef("pk"))))
            .exclude(indicator__commitment__status__in=[CommitmentStatus.CANCELLED, CommitmentStatus.POSTPONED])
        )


class ReportingPeriod(models.Model):
    """One period an indicator is reported on, with its target and the date its report is due.
    Made from the commitment's dates and the indicator's frequency by ``schedule``."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="periods", verbose_name=_("indicator")
    )
    code = models.CharField(_("period"), max_length=10)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    due_on = models.DateField(_("report due on"))
    target = models.DecimalField(_("target for the period"), max_digits=12, decimal_places=2, null=True, blank=True)

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "starts_on"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "code"], name="commitments_reportingperiod_unique_code"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")) & Q(due_on__gte=F("ends_on")),
                name="commitments_reportingperiod_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=0), name="commitments_reportingperiod_target_valid"
            ),
        ]
        indexes = [
            # ``overdue(today)``: the dashboard's count and the reminder digest.
            models.Index(fields=["due_on"], name="commitments_period_due"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.code}"


@transaction.atomic
def schedule(*, indicator: Indicator) -> list[ReportingPeriod]:
    """Give ``indicator`` the reporting periods its commitment's dates and its frequency call
    for: missing ones are added, ones no longer called for are removed unless a report was
    filed for them (history stays), and targets already set are kept. Called after an
    indicator or its commitment is saved (admin, import, demo)."""
    commitment = indicator.commitment
    wanted = {p.code: p for p in periods_between(commitment.starts_on, commitment.ends_on, indicator.frequency)}
    existing = {period.code: period for period in indicator.periods.all()}
    stale = [period.pk for code, period in existing.items() if code not in wanted]
    indicator.periods.filter(pk__in=stale).exclude(
        Exists(ProgressReport.objects.filter(period=OuterRef("pk")))
    ).delete()
    ReportingPeriod.objects.bulk_create(
        ReportingPeriod(indicator=indicator, code=p.code, starts_on=p.starts_on, ends_on=p.ends_on, due_on=p.due_on)
        for code, p in wanted.items()
        if code not in existing
    )
    return list(indicator.periods.all())


def schedule_commitment(*, commitment: Commitment) -> None:
    for indicator in commitment.indicators.all():
        schedule(indicator=indicator)


# --- Progress reports -------------------------------------------------------------------------


class ProgressRating(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")


class ProgressReportQuerySet(SecretariatOnlyQuerySet):
    def current(self) -> ProgressReportQuerySet:
        """The report that stands for each period: the original, or its latest correction."""
        return self.filter(correction__isnull=True)


class ProgressReport(models.Model):
    """What was achieved on an indicator in a period, filed by ``states.indicators.file_progress_report``.

    Append-only: a computed value is frozen here when filed, so later activities never rewrite
    what was reported. A mistake is put right by a new report that ``corrects`` the current one
    (one original per period, each report corrected at most once: a chain, never a fork)."""

    Rating = ProgressRating

    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="reports", verbose_name=_("period")
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    value_women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    value_men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    value_other = models.PositiveIntegerField(_("other or undisclosed"), null=True, blank=True)
    # Which way the value was obtained when filed (the indicator's measurement may change later).
    measurement = models.CharField(_("measurement"), max_length=30, choices=IndicatorMeasurement.choices)
    narrative = models.TextField(_("narrative"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices)
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name=_("corrects"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("filed"), auto_now_add=True, db_index=True)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            check_in_choices("rating", ProgressRating, "commitments_progressreport_rating_valid"),
            check_in_choices("measurement", IndicatorMeasurement, "commitments_progressreport_measurement_valid"),
            # One original report per period; later ones are corrections.
            models.UniqueConstraint(
                fields=["period"], condition=Q(corrects__isnull=True), name="commitments_progressreport_one_per_period"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="commitments_progressreport_value_not_negative"),
        ]

    def __str__(self) -> str:
        return gettext("%(period)s: %(value)s") % {"period": self.period, "value": self.value}
