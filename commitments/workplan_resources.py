"""A work plan drafted in a spreadsheet: commitments and indicators, keyed on work plan + code
(django-import-export, the shared rules of ``commitments.resources.TrackerResource``).

- commitments: ``work_plan`` (its title), ``code``, ``program_area`` (its code in that plan),
  ``mandates`` (mandate keys, ``|``-separated, at least one), ``responsible`` (a username)…
- indicators: ``work_plan``, ``commitment`` (its code), ``code``…, and ``period_targets``
  written ``2023-H2=5|2024-H1=10``.

After a row is saved its indicators get the reporting periods their dates and frequency call
for (``commitments.workplan.schedule``). An export re-imported unchanged changes nothing.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from import_export import fields

from commitments.models import ProgramArea, WorkPlan
from commitments.resources import SEPARATOR, LookupWidget, MandateKeysWidget, TrackerResource
from commitments.workplan import Commitment, Indicator, schedule, schedule_commitment


class _InRowPlanWidget(LookupWidget):
    """A row looked up by its code inside the row's work plan (named by title)."""

    plan_path = "work_plan__title"

    def get_queryset(self, value, row, *args, **kwargs):
        return self.model.objects.filter(**{self.plan_path: (row or {}).get("work_plan", "")})


class ProgramAreaWidget(_InRowPlanWidget):
    def __init__(self, **kwargs):
        super().__init__(ProgramArea, field="code", **kwargs)


class CommitmentWidget(_InRowPlanWidget):
    def __init__(self, **kwargs):
        super().__init__(Commitment, field="code", **kwargs)


def _will_write(resource: TrackerResource, kwargs) -> bool:
    """False on a dry run that is not rolled back by a transaction (nothing may be written)."""
    return not (resource._is_dry_run(kwargs) and not resource._is_using_transactions(kwargs))


class CommitmentResource(TrackerResource):
    work_plan = fields.Field("work_plan", "work_plan", widget=LookupWidget(WorkPlan, "title"))
    program_area = fields.Field("program_area", "program_area", widget=ProgramAreaWidget())
    mandates = fields.Field("mandates", "mandates", widget=MandateKeysWidget())
    responsible = fields.Field(
        "responsible", "responsible", widget=LookupWidget(get_user_model(), get_user_model().USERNAME_FIELD)
    )

    class Meta(TrackerResource.Meta):
        model = Commitment
        import_id_fields = ["work_plan", "code"]
        fields = [
            "work_plan",
            "code",
            "program_area",
            "title",
            "description",
            "mandates",
            "responsible",
            "starts_on",
            "ends_on",
            "status",
        ]

    def get_queryset(self):
        return Commitment.objects.select_related("work_plan", "program_area", "responsible").prefetch_related(
            "mandates__resolution", "mandates__section", "mandates__parent"
        )

    def check_row(self, instance, row) -> dict[str, list[str]]:
        if "mandates" in row and not str(row["mandates"] or "").strip():
            return {"mandates": [_("A commitment implements at least one mandate.")]}
        return {}

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if _will_write(self, kwargs):
            schedule_commitment(commitment=instance)


def parse_period_targets(value) -> dict[str, Decimal]:
    """``2023-H2=5|2024-H1=10`` → {"2023-H2": 5, "2024-H1": 10}; ValueError naming a bad part."""
    targets = {}
    for part in filter(None, (part.strip() for part in str(value or "").split(SEPARATOR))):
        code, _equals, number = part.partition("=")
        try:
            target = Decimal(number.strip())
        except InvalidOperation:
            target = None
        if not code.strip() or target is None or target < 0:
            raise ValueError(
                _("“%(part)s” is not a period target: write period=number, e.g. 2024-H1=10.") % {"part": part}
            )
        targets[code.strip()] = target
    return targets


class IndicatorResource(TrackerResource):
    work_plan = fields.Field(attribute=None, column_name="work_plan")
    commitment = fields.Field("commitment", "commitment", widget=CommitmentWidget())
    period_targets = fields.Field(attribute=None, column_name="period_targets")

    class Meta(TrackerResource.Meta):
        model = Indicator
        import_id_fields = ["commitment", "code"]
        fields = [
            "work_plan",
            "commitment",
            "code",
            "name",
            "unit",
            "measurement",
            "frequency",
            "baseline",
            "target",
            "by_gender",
            "period_targets",
        ]

    def get_queryset(self):
        return Indicator.objects.select_related("commitment__work_plan").prefetch_related("periods")

    def dehydrate_work_plan(self, indicator: Indicator) -> str:
        return indicator.commitment.work_plan.title if indicator.commitment_id else ""

    def dehydrate_period_targets(self, indicator: Indicator) -> str:
        if indicator.pk is None:
            return ""
        return SEPARATOR.join(
            f"{period.code}={period.target.normalize():f}"
            for period in indicator.periods.all()
            if period.target is not None
        )

    def check_row(self, instance, row) -> dict[str, list[str]]:
        if "period_targets" not in row:
            return {}
        try:
            parse_period_targets(row["period_targets"])
        except ValueError as error:
            return {"period_targets": [str(error)]}
        return {}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if "period_targets" in row and instance.pk is not None:
            current = {period.code: period.target for period in instance.periods.all() if period.target is not None}
            if parse_period_targets(row["period_targets"]) != current:
                return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if not _will_write(self, kwargs):
            return
        periods = {period.code: period for period in schedule(indicator=instance)}
        if "period_targets" not in row:
            return
        wanted = parse_period_targets(row["period_targets"])
        unknown = sorted(set(wanted) - set(periods))
        if unknown:
            # The periods exist only once the indicator is scheduled: checked here, and the
            # error rolls the file back like any row error.
            raise ValueError(
                _("No reporting period %(periods)s for this indicator (its periods: %(known)s).")
                % {"periods": ", ".join(unknown), "known": ", ".join(periods) or "—"}
            )
        for code, period in periods.items():
            if period.target != wanted.get(code):
                period.target = wanted.get(code)
                period.save(update_fields=["target"])
