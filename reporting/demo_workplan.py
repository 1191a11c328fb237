"""Demo data: the CICTE Work Plan 2023-2024 followed up. Commitments in the five program areas
of 2023 tied to the seed resolution's mandates, indicators of every kind, activities and
requests delivered under them, progress reports over several periods, and a few left unfiled
so that the page and the dashboard show overdue reports.

Keyed on codes and titles: running it twice changes nothing. The commitments are illustrative
(the real Work Plan 2023-2024 could not be found, see shared/docs/oas-cicte-facts.md §9).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from commitments.models import Mandate, ProgramArea, Resolution, WorkPlan
from commitments.workplan import Commitment, Indicator, ReportingPeriod, schedule
from states import services
from states.indicators import file_progress_report
from states.models import Activity, AssistanceRequest, MemberState

START, END = datetime.date(2023, 7, 1), datetime.date(2024, 12, 31)

# (code, program area, title, mandates as "section.number" or "section.parent.number",
#  [(indicator code suffix, name, measurement, unit, frequency, baseline, target, by_gender)])
COMMITMENTS = [
    (
        "CYB-1",
        "cybersecurity",
        "National cybersecurity strategies developed or reviewed",
        ["2.3"],
        [
            ("a", "Technical missions on national strategies", "activity_count", "count", "half_yearly", 0, 6, False),
            (
                "b",
                "Member states supported with their strategy",
                "states_reached",
                "member_states",
                "yearly",
                17,
                6,
                False,
            ),
        ],
    ),
    (
        "CYB-2",
        "cybersecurity",
        "CSIRTAmericas network and national incident response strengthened",
        ["1.4.c"],
        [
            ("a", "Incident responders trained", "participants", "participants", "quarterly", 0, 300, True),
        ],
    ),
    (
        "CYB-3",
        "cybersecurity",
        "Hemispheric meeting of senior digital security officials convened in 2024",
        ["2.4"],
        [
            ("a", "Meeting held and regional agenda adopted", "reported", "yes_no", "yearly", 0, 1, False),
        ],
    ),
    (
        "CYB-4",
        "cybersecurity",
        "Cyber confidence-building measures implemented and reported",
        ["3.1", "3.1.iii"],
        [
            ("a", "States reporting on the 11 UN norms", "reported", "percentage", "yearly", 20, 60, False),
            ("b", "Workshops on cyber CBMs", "activity_count", "count", "half_yearly", 0, 4, False),
        ],
    ),
    (
        "CYB-5",
        "cybersecurity",
        "Women in cyber decision-making promoted",
        ["3.1.i"],
        [
            ("a", "Women trained in cyber policy", "participants", "participants", "half_yearly", 0, 150, True),
        ],
    ),
    (
        "CYB-6",
        "cybersecurity",
        "International law in cyberspace: capacity building",
        ["3.1.ii"],
        [
            (
                "a",
                "Officials trained in international law in cyberspace",
                "participants",
                "participants",
                "half_yearly",
                0,
                120,
                True,
            ),
        ],
    ),
    (
        "CYB-7",
        "cybersecurity",
        "National cyber-incident severity schemes",
        ["3.1.v"],
        [
            ("a", "Severity schemes drafted with member states", "reported", "count", "yearly", 0, 5, False),
        ],
    ),
    (
        "BRD-1",
        "border-management",
        "Security of major sporting events",
        ["1.4.b"],
        [
            ("a", "Major-event security assessments", "activity_count", "count", "half_yearly", 0, 4, False),
        ],
    ),
    (
        "BRD-2",
        "border-management",
        "Maritime and port security assessments",
        ["1.3"],
        [
            ("a", "Ports assessed", "reported", "count", "half_yearly", 0, 8, False),
            (
                "b",
                "Requests for port security assistance delivered",
                "requests_delivered",
                "count",
                "yearly",
                0,
                3,
                False,
            ),
        ],
    ),
    (
        "BRD-3",
        "border-management",
        "Aviation security training",
        ["1.3"],
        [
            ("a", "Aviation security officers trained", "participants", "participants", "quarterly", 0, 200, True),
        ],
    ),
    (
        "BRD-4",
        "border-management",
        "Supply-chain and container security",
        ["1.3"],
        [
            ("a", "Member states reached", "states_reached", "member_states", "yearly", 0, 8, False),
        ],
    ),
    (
        "BRD-5",
        "border-management",
        "Tourism security and resilience",
        ["1.4.b"],
        [
            ("a", "Tourism security workshops", "activity_count", "count", "yearly", 0, 3, False),
        ],
    ),
    (
        "CBRN-1",
        "cbrn",
        "UNSCR 1540 national action plans",
        ["1.3"],
        [
            ("a", "National action plans adopted with OAS support", "reported", "count", "yearly", 9, 4, False),
        ],
    ),
    (
        "CBRN-2",
        "cbrn",
        "CBRN detection at borders: exercises",
        ["1.3"],
        [
            ("a", "Exercises held", "activity_count", "count", "half_yearly", 0, 4, False),
        ],
    ),
    (
        "CBRN-3",
        "cbrn",
        "Implementation of the Inter-American Convention against Terrorism",
        ["4.–"],
        [
            ("a", "Final declaration of the states parties circulated", "reported", "yes_no", "yearly", 0, 1, False),
        ],
    ),
    (
        "TF-1",
        "terrorism-financing",
        "Legislative assistance on countering the financing of terrorism",
        ["1.4", "1.3"],
        [
            (
                "a",
                "Legislative assistance requests delivered",
                "requests_delivered",
                "count",
                "half_yearly",
                0,
                4,
                False,
            ),
        ],
    ),
    (
        "TF-2",
        "terrorism-financing",
        "Financial intelligence units trained",
        ["1.3"],
        [
            ("a", "Analysts trained", "participants", "participants", "half_yearly", 0, 160, True),
        ],
    ),
    (
        "TF-3",
        "terrorism-financing",
        "Follow-up with the states parties of the Convention",
        ["4.–"],
        [
            ("a", "Share of recommendations with a follow-up plan", "reported", "percentage", "yearly", 0, 50, False),
        ],
    ),
    (
        "PVE-1",
        "violent-extremism",
        "Prevention of online violent extremism",
        ["1.4.a"],
        [
            (
                "a",
                "National workshops on online violent extremism",
                "activity_count",
                "count",
                "half_yearly",
                0,
                5,
                False,
            ),
            ("b", "Member states reached", "states_reached", "member_states", "yearly", 0, 6, False),
        ],
    ),
    (
        "PVE-2",
        "violent-extremism",
        "Sport as an agent of change against violent extremism",
        ["1.4.b"],
        [
            (
                "a",
                "Young people reached by sport programmes",
                "participants",
                "participants",
                "half_yearly",
                0,
                400,
                True,
            ),
        ],
    ),
    (
        "PVE-3",
        "violent-extremism",
        "National coordination mechanisms against terrorism",
        ["1.3", "1.2"],
        [
            ("a", "Requests for coordination support delivered", "requests_delivered", "count", "yearly", 0, 3, False),
        ],
    ),
    (
        "PVE-4",
        "violent-extremism",
        "Gender and inclusion in preventing violent extremism",
        ["1.2"],
        [
            ("a", "Share of women among participants", "reported", "percentage", "half_yearly", 30, 45, False),
        ],
    ),
]

STATES = ["MEX", "CHL", "COL", "PER", "BRA", "ARG", "DOM", "JAM", "TTO", "PAN", "CRI", "GTM"]

# Requests delivered under commitments: (commitment, state, title, type, received, delivered).
DELIVERED_REQUESTS = [
    ("BRD-2", "JAM", "Port facility security assessment, Kingston", "technical", (2023, 8, 2), (2023, 11, 24)),
    ("BRD-2", "PAN", "Port security training for the Canal ports", "capacity_building", (2024, 2, 5), (2024, 6, 14)),
    ("TF-1", "DOM", "Review of the draft law on terrorism financing", "legislative", (2023, 9, 12), (2023, 12, 8)),
    (
        "TF-1",
        "GTM",
        "Legislative assistance on targeted financial sanctions",
        "legislative",
        (2024, 1, 15),
        (2024, 5, 3),
    ),
    ("TF-1", "PER", "Risk assessment of non-profit organisations", "technical", (2024, 6, 3), (2024, 10, 18)),
    ("PVE-3", "COL", "National counter-terrorism coordination mechanism", "technical", (2023, 10, 2), (2024, 3, 22)),
]

# Reports left unfiled (shown as overdue): (commitment code, indicator suffix, period).
UNFILED = {("CYB-2", "a", "2024-Q4"), ("BRD-2", "a", "2024-H2"), ("TF-2", "a", "2024-H2"), ("PVE-4", "a", "2024-H2")}


def _mandate(resolution: Resolution, key: str) -> Mandate:
    section, *path = key.split(".")
    mandates = Mandate.objects.filter(resolution=resolution, section__position=int(section))
    number = "" if path[-1] == "–" else path[-1]
    if len(path) == 2:
        return mandates.get(parent__number=path[0], number=number)
    return mandates.get(parent=None, number=number)


def _activities(commitment: Commitment, index: int, staff) -> None:
    """Two to four activities per commitment, spread over the plan's quarters and states."""
    mandate = commitment.mandates.first()
    for n in range(2 + index % 3):
        month = (index * 5 + n * 4) % 18  # months after July 2023
        start = datetime.date(2023 + (6 + month) // 12, (6 + month) % 12 + 1, 10)
        state = MemberState.objects.get(iso3=STATES[(index + n * 3) % len(STATES)])
        Activity.objects.get_or_create(
            commitment=commitment,
            title=f"{commitment.title} — {state.name_en} ({start:%B %Y})",
            defaults={
                "mandate": mandate,
                "state": state,
                "activity_type": [Activity.Type.TRAINING, Activity.Type.WORKSHOP, Activity.Type.TECHNICAL_MISSION][
                    n % 3
                ],
                "start_date": start,
                "end_date": start + datetime.timedelta(days=2),
                "place": state.name_en,
                "participants_women": 8 + (index * 7 + n * 3) % 17,
                "participants_men": 10 + (index * 5 + n * 11) % 19,
                "participants_other": n % 2,
                "funding_source": ["Canada", "United States", "Spain", "Regular fund"][(index + n) % 4],
                "created_by": staff,
            },
        )


def _delivered_requests(staff) -> None:
    plan = WorkPlan.objects.get(start_year=2023, end_year=2024)
    for code, iso3, title, request_type, received, delivered in DELIVERED_REQUESTS:
        state = MemberState.objects.get(iso3=iso3)
        if AssistanceRequest.objects.filter(state=state, title=title).exists():
            continue
        request = services.submit_request(
            state=state,
            by=staff,
            title=title,
            description=f"{state.name_en} asks for: {title.lower()}.",
            request_type=request_type,
            channel=AssistanceRequest.Channel.NOTE_VERBALE,
            received_on=datetime.date(*received),
            assigned_to=staff,
        )
        for status in ("accepted", "in_progress", "delivered"):
            services.change_request_status(request=request, new_status=status, by=staff, note="Demo.")
        # The service dates a delivery today; the demo plays it back in the plan's years.
        AssistanceRequest.objects.filter(pk=request.pk).update(
            delivered_on=datetime.date(*delivered), commitment=Commitment.objects.get(work_plan=plan, code=code)
        )


def _period_target(indicator: Indicator, periods: int) -> Decimal:
    """A level (a share, yes or no, states reached) is the overall target in every period; a
    count is shared out among the periods."""
    if indicator.unit not in (Indicator.Unit.COUNT, Indicator.Unit.PARTICIPANTS):
        return Decimal(indicator.target)
    return (Decimal(indicator.target) / periods).quantize(Decimal("0.1")).normalize()


def _reported_value(indicator: Indicator, position: int) -> Decimal:
    if indicator.unit == Indicator.Unit.YES_NO:
        return Decimal(1 if position else 0)
    if indicator.unit == Indicator.Unit.PERCENTAGE:
        return min(indicator.baseline + 10 * (position + 1), Decimal(100))
    return Decimal(1 + position % 3)


def _reports(indicator: Indicator, suffix: str, staff) -> None:
    ratings = ["on_track", "on_track", "at_risk", "on_track", "off_track"]
    for position, period in enumerate(indicator.periods.order_by("starts_on")):
        if period.reports.exists() or (indicator.commitment.code, suffix, period.code) in UNFILED:
            continue
        file_progress_report(
            period=period,
            by=staff,
            rating=ratings[(position + len(indicator.code)) % len(ratings)],
            narrative=f"{indicator.name}: progress in {period.code} as planned with the national focal points.",
            value=None if indicator.is_computed else _reported_value(indicator, position),
            # Filed when due: a computed value is frozen as it stood then.
            today=period.ends_on + datetime.timedelta(days=20),
        )


@transaction.atomic
def load_work_plan(users: dict, resolution: Resolution) -> str:
    staff = users["staff"]
    plan = WorkPlan.objects.get(start_year=2023, end_year=2024)
    if not plan.symbol:
        WorkPlan.objects.filter(pk=plan.pk).update(symbol="CICTE/doc.5/23")
    for index, (code, area, title, mandate_keys, indicators) in enumerate(COMMITMENTS):
        commitment, _created = Commitment.objects.get_or_create(
            work_plan=plan,
            code=code,
            defaults={
                "program_area": ProgramArea.objects.get(work_plan=plan, code=area),
                "title": title,
                "responsible": staff,
                "starts_on": START,
                "ends_on": END,
                "status": Commitment.Status.DELIVERED if index % 7 == 3 else Commitment.Status.IN_PROGRESS,
            },
        )
        commitment.mandates.set([_mandate(resolution, key) for key in mandate_keys])
        if code not in ("CYB-3", "CYB-7", "CBRN-1", "CBRN-3", "TF-3", "PVE-4"):  # reported only
            _activities(commitment, index, staff)
        for suffix, name, measurement, unit, frequency, baseline, target, by_gender in indicators:
            indicator, _created = Indicator.objects.get_or_create(
                commitment=commitment,
                code=f"{code}.{suffix}",
                defaults={
                    "name": name,
                    "measurement": measurement,
                    "unit": unit,
                    "frequency": frequency,
                    "baseline": baseline,
                    "target": target,
                    "by_gender": by_gender,
                },
            )
            periods = schedule(indicator=indicator)
            ReportingPeriod.objects.filter(indicator=indicator, target__isnull=True).update(
                target=_period_target(indicator, len(periods))
            )
    _delivered_requests(staff)
    # The demo requests are delivered under their commitments (see reporting.demo.DEMO_REQUESTS).
    for title, code in (
        ("Workshop on preventing violent extremism online", "PVE-1"),
        ("Review of the national cybersecurity strategy", "CYB-1"),
    ):
        commitment = Commitment.objects.get(work_plan=plan, code=code)
        AssistanceRequest.objects.filter(title=title, commitment__isnull=True).update(commitment=commitment)
        Activity.objects.filter(request__title=title, commitment__isnull=True).update(commitment=commitment)
    # Last, so that the values they freeze count everything delivered above.
    for indicator in Indicator.objects.filter(commitment__work_plan=plan).select_related("commitment"):
        _reports(indicator, indicator.code.rsplit(".", 1)[-1], staff)
    overdue = ReportingPeriod.objects.overdue(datetime.date.today()).count()
    return f"{plan.title}: {plan.commitments.count()} commitments, {overdue} progress reports overdue."
