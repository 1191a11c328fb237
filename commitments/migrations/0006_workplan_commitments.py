# The Work Plan: commitments, indicators, their reporting periods and progress reports.

from decimal import Decimal

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0005_pending_import"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Commitment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "code",
                    models.CharField(
                        help_text="Unique in the work plan, e.g. CYB-1.", max_length=30, verbose_name="code"
                    ),
                ),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("starts_on", models.DateField(verbose_name="starts on")),
                ("ends_on", models.DateField(verbose_name="ends on")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("planned", "Planned"),
                            ("in_progress", "In progress"),
                            ("delivered", "Delivered"),
                            ("postponed", "Postponed"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="planned",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "mandates",
                    models.ManyToManyField(
                        related_name="commitments", to="commitments.mandate", verbose_name="mandates"
                    ),
                ),
                (
                    "program_area",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitments",
                        to="commitments.programarea",
                        verbose_name="program area",
                    ),
                ),
                (
                    "responsible",
                    models.ForeignKey(
                        blank=True,
                        help_text="The staff member who answers for it and files its progress reports.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="commitments",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="responsible",
                    ),
                ),
                (
                    "work_plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="commitments",
                        to="commitments.workplan",
                        verbose_name="work plan",
                    ),
                ),
            ],
            options={
                "verbose_name": "commitment",
                "verbose_name_plural": "commitments",
                "ordering": ["work_plan", "program_area__name_en", "code"],
            },
        ),
        migrations.CreateModel(
            name="Indicator",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "code",
                    models.CharField(
                        help_text="Unique in the commitment, e.g. CYB-1.a.", max_length=30, verbose_name="code"
                    ),
                ),
                ("name", models.CharField(max_length=300, verbose_name="name")),
                (
                    "unit",
                    models.CharField(
                        choices=[
                            ("count", "Count"),
                            ("member_states", "Member states reached"),
                            ("participants", "Participants"),
                            ("percentage", "Percentage"),
                            ("yes_no", "Yes / no"),
                        ],
                        max_length=20,
                        verbose_name="unit",
                    ),
                ),
                (
                    "measurement",
                    models.CharField(
                        choices=[
                            ("reported", "Reported by hand"),
                            ("activity_count", "Computed: activities delivered"),
                            ("participants", "Computed: participants (by gender)"),
                            ("states_reached", "Computed: distinct member states reached"),
                            ("requests_delivered", "Computed: requests delivered"),
                        ],
                        default="reported",
                        max_length=30,
                        verbose_name="measurement",
                    ),
                ),
                (
                    "frequency",
                    models.CharField(
                        choices=[("quarterly", "Quarterly"), ("half_yearly", "Half-yearly"), ("yearly", "Yearly")],
                        default="yearly",
                        max_length=20,
                        verbose_name="frequency",
                    ),
                ),
                (
                    "baseline",
                    models.DecimalField(decimal_places=2, default=Decimal("0"), max_digits=12, verbose_name="baseline"),
                ),
                ("target", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="target (overall)")),
                (
                    "by_gender",
                    models.BooleanField(
                        default=False,
                        help_text="Women, men, other: for indicators counting people.",
                        verbose_name="disaggregated by gender",
                    ),
                ),
                (
                    "commitment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="indicators",
                        to="commitments.commitment",
                        verbose_name="commitment",
                    ),
                ),
            ],
            options={
                "verbose_name": "indicator",
                "verbose_name_plural": "indicators",
                "ordering": ["commitment", "code"],
            },
        ),
        migrations.CreateModel(
            name="ReportingPeriod",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=10, verbose_name="period")),
                ("starts_on", models.DateField(verbose_name="starts on")),
                ("ends_on", models.DateField(verbose_name="ends on")),
                ("due_on", models.DateField(verbose_name="report due on")),
                (
                    "target",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=12, null=True, verbose_name="target for the period"
                    ),
                ),
                (
                    "indicator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="periods",
                        to="commitments.indicator",
                        verbose_name="indicator",
                    ),
                ),
            ],
            options={
                "verbose_name": "reporting period",
                "verbose_name_plural": "reporting periods",
                "ordering": ["indicator", "starts_on"],
            },
        ),
        migrations.CreateModel(
            name="ProgressReport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="value")),
                ("value_women", models.PositiveIntegerField(blank=True, null=True, verbose_name="women")),
                ("value_men", models.PositiveIntegerField(blank=True, null=True, verbose_name="men")),
                (
                    "value_other",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="other or undisclosed"),
                ),
                (
                    "measurement",
                    models.CharField(
                        choices=[
                            ("reported", "Reported by hand"),
                            ("activity_count", "Computed: activities delivered"),
                            ("participants", "Computed: participants (by gender)"),
                            ("states_reached", "Computed: distinct member states reached"),
                            ("requests_delivered", "Computed: requests delivered"),
                        ],
                        max_length=30,
                        verbose_name="measurement",
                    ),
                ),
                ("narrative", models.TextField(blank=True, verbose_name="narrative")),
                ("evidence_url", models.URLField(blank=True, verbose_name="evidence link")),
                (
                    "rating",
                    models.CharField(
                        choices=[("on_track", "On track"), ("at_risk", "At risk"), ("off_track", "Off track")],
                        max_length=20,
                        verbose_name="rating",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="filed")),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "corrects",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="correction",
                        to="commitments.progressreport",
                        verbose_name="corrects",
                    ),
                ),
                (
                    "period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reports",
                        to="commitments.reportingperiod",
                        verbose_name="period",
                    ),
                ),
            ],
            options={
                "verbose_name": "progress report",
                "verbose_name_plural": "progress reports",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(fields=["program_area", "code"], name="commitments_commitment_area"),
        ),
        migrations.AddConstraint(
            model_name="commitment",
            constraint=models.UniqueConstraint(fields=("work_plan", "code"), name="commitments_commitment_unique_code"),
        ),
        migrations.AddConstraint(
            model_name="commitment",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["planned", "in_progress", "delivered", "postponed", "cancelled"])),
                name="commitments_commitment_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="commitment",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                name="commitments_commitment_end_after_start",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.UniqueConstraint(fields=("commitment", "code"), name="commitments_indicator_unique_code"),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(("unit__in", ["count", "member_states", "participants", "percentage", "yes_no"])),
                name="commitments_indicator_unit_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "measurement__in",
                        ["reported", "activity_count", "participants", "states_reached", "requests_delivered"],
                    )
                ),
                name="commitments_indicator_measurement_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(("frequency__in", ["quarterly", "half_yearly", "yearly"])),
                name="commitments_indicator_frequency_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("measurement__in", ["activity_count", "requests_delivered", "participants", "states_reached"]),
                        _negated=True,
                    ),
                    models.Q(("measurement__in", ["activity_count", "requests_delivered"]), ("unit", "count")),
                    models.Q(("measurement", "participants"), ("unit", "participants")),
                    models.Q(("measurement", "states_reached"), ("unit", "member_states")),
                    _connector="OR",
                ),
                name="commitments_indicator_measurement_fits_unit",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(("by_gender", False), ("unit", "participants"), _connector="OR"),
                name="commitments_indicator_gender_only_for_people",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(("target__gte", 0), ("baseline__gte", 0)), name="commitments_indicator_not_negative"
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("unit", "percentage"), _negated=True),
                    models.Q(("target__lte", 100), ("baseline__lte", 100)),
                    _connector="OR",
                ),
                name="commitments_indicator_percentage_at_most_100",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("unit", "yes_no"), _negated=True),
                    models.Q(("target__lte", 1), ("baseline__lte", 1)),
                    _connector="OR",
                ),
                name="commitments_indicator_yes_no_is_0_or_1",
            ),
        ),
        migrations.AddIndex(
            model_name="reportingperiod",
            index=models.Index(fields=["due_on"], name="commitments_period_due"),
        ),
        migrations.AddConstraint(
            model_name="reportingperiod",
            constraint=models.UniqueConstraint(
                fields=("indicator", "code"), name="commitments_reportingperiod_unique_code"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportingperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__gte", models.F("starts_on")), ("due_on__gte", models.F("ends_on"))),
                name="commitments_reportingperiod_dates_in_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportingperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(("target__isnull", True), ("target__gte", 0), _connector="OR"),
                name="commitments_reportingperiod_target_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="progressreport",
            constraint=models.CheckConstraint(
                condition=models.Q(("rating__in", ["on_track", "at_risk", "off_track"])),
                name="commitments_progressreport_rating_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="progressreport",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "measurement__in",
                        ["reported", "activity_count", "participants", "states_reached", "requests_delivered"],
                    )
                ),
                name="commitments_progressreport_measurement_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="progressreport",
            constraint=models.UniqueConstraint(
                condition=models.Q(("corrects__isnull", True)),
                fields=("period",),
                name="commitments_progressreport_one_per_period",
            ),
        ),
        migrations.AddConstraint(
            model_name="progressreport",
            constraint=models.CheckConstraint(
                condition=models.Q(("value__gte", 0)), name="commitments_progressreport_value_not_negative"
            ),
        ),
    ]
