"""A small, plausible data set for the dashboard and report tests and screenshots: two
resolutions with titled sections, mandates in every status, requests from a dozen member
states at every stage, and activities over two years with participants by gender.

Statuses move through the services, so the history (and snapshots) stay consistent.
"""

from __future__ import annotations

import datetime
import itertools

from commitments import services as mandate_services
from commitments.models import Mandate, Owner, ProgramArea, WorkPlan
from core.choices import Audience
from states import services as request_services
from states.models import Activity, AssistanceRequest, MemberState
from tests import factories

MS = Mandate.Status
RS = AssistanceRequest.Status

SECTIONS = [
    (
        "Comprehensive approach to terrorism and violent extremism",
        ["CICTE Secretariat"],
        ["policy-coordination", "violent-extremism"],
        [MS.IN_PROGRESS, MS.ONGOING, MS.COMPLETED, MS.IN_PROGRESS, MS.NO_ACTION_REQUIRED, MS.NOT_STARTED],
    ),
    (
        "Promotion of cybersecurity",
        ["Secretariat for Multidimensional Security", "CICTE Secretariat"],
        ["cybersecurity"],
        [MS.COMPLETED, MS.IN_PROGRESS, MS.IN_PROGRESS, MS.ONGOING, MS.NOT_STARTED],
    ),
    (
        "Confidence-building measures in cyberspace",
        ["Member States"],
        ["cybersecurity"],
        [MS.IN_PROGRESS, MS.NOT_STARTED, MS.COMPLETED, MS.ONGOING],
    ),
    (
        "Border management and travel document security",
        ["CICTE Secretariat"],
        ["border-management"],
        [MS.COMPLETED, MS.IN_PROGRESS, MS.SUPERSEDED, MS.NOT_STARTED],
    ),
    (
        "Inter-American Convention against Terrorism",
        ["Member States", "Permanent Council"],
        ["terrorism-financing"],
        [MS.NOT_STARTED, MS.IN_PROGRESS, MS.COMPLETED],
    ),
]

TEXTS = [
    "To request the CICTE Secretariat to continue supporting member states that so request in strengthening "
    "their national coordination mechanisms to prevent and combat terrorism and violent extremism.",
    "To promote the exchange of information, lessons learned and good practices among member states, "
    "subject to the availability of financial and human resources.",
    "To convene, in 2024, a hemispheric meeting of high-level officials responsible for digital security "
    "to reflect on the current landscape of cyber threats.",
    "To encourage member states to develop national cyber incident severity schemas and share related information.",
    "To continue providing technical and legislative assistance on countering the financing of terrorism "
    "and the proliferation of weapons of mass destruction.",
    "To strengthen the capacity of member states to detect fraudulent travel documents at ports of entry.",
]

REQUESTS = [
    # (state, title, type, received, final status, days to deliver)
    (
        "MEX",
        "National workshop on preventing violent extremism online",
        "capacity_building",
        (2024, 2, 12),
        RS.DELIVERED,
        95,
    ),
    ("CHL", "Review of the national cybersecurity strategy", "technical", (2024, 3, 5), RS.CLOSED, 140),
    (
        "COL",
        "Training on counter-terrorism financing investigations",
        "capacity_building",
        (2024, 4, 2),
        RS.DELIVERED,
        60,
    ),
    ("PER", "Legislative review of the anti-terrorism law", "legislative", (2024, 5, 20), RS.IN_PROGRESS, None),
    ("ARG", "CSIRT capacity assessment", "technical", (2024, 6, 3), RS.DELIVERED, 120),
    ("BRA", "Security of major sporting events", "technical", (2024, 7, 15), RS.ACCEPTED, None),
    ("CRI", "Document examination laboratory equipment", "equipment", (2024, 8, 1), RS.ON_HOLD, None),
    ("JAM", "Cyber incident response exercise", "capacity_building", (2024, 9, 9), RS.DELIVERED, 45),
    ("TTO", "Maritime port security assessment", "technical", (2024, 10, 14), RS.UNDER_REVIEW, None),
    ("GTM", "Border management training for immigration officers", "capacity_building", (2024, 11, 4), RS.CLOSED, 75),
    (
        "PAN",
        "Exchange on the financing of terrorism typologies",
        "information_exchange",
        (2025, 1, 13),
        RS.RECEIVED,
        None,
    ),
    ("MEX", "National cybersecurity strategy implementation plan", "technical", (2025, 2, 3), RS.IN_PROGRESS, None),
    ("DOM", "Critical infrastructure protection workshop", "capacity_building", (2025, 3, 10), RS.DELIVERED, 30),
    ("CHL", "Women in cybersecurity mentoring programme", "capacity_building", (2025, 4, 7), RS.ACCEPTED, None),
    ("URY", "Legislative drafting on cybercrime", "legislative", (2025, 5, 12), RS.DECLINED, None),
    ("COL", "Tabletop exercise on terrorist use of the internet", "capacity_building", (2025, 6, 2), RS.DELIVERED, 88),
    ("ECU", "Aviation security assessment", "technical", (2025, 7, 21), RS.RECEIVED, None),
    ("PRY", "Counter-terrorism financing risk assessment", "technical", (2025, 8, 18), RS.WITHDRAWN, None),
]

# The workflow's path to each final status.
PATHS = {
    RS.RECEIVED: [],
    RS.UNDER_REVIEW: [RS.UNDER_REVIEW],
    RS.ACCEPTED: [RS.ACCEPTED],
    RS.IN_PROGRESS: [RS.ACCEPTED, RS.IN_PROGRESS],
    RS.DELIVERED: [RS.ACCEPTED, RS.IN_PROGRESS, RS.DELIVERED],
    RS.CLOSED: [RS.ACCEPTED, RS.IN_PROGRESS, RS.DELIVERED, RS.CLOSED],
    RS.ON_HOLD: [RS.ACCEPTED, RS.ON_HOLD],
    RS.DECLINED: [RS.UNDER_REVIEW, RS.DECLINED],
    RS.WITHDRAWN: [RS.WITHDRAWN],
}

FUNDING = ["Canada", "United States", "United States", "Spain", "", "Canada", "OAS Regular Fund", "Mexico"]


def _mandates(staff) -> list[Mandate]:
    plan = WorkPlan.objects.get(start_year=2023)
    areas = {area.code: area for area in ProgramArea.objects.filter(work_plan=plan)}
    texts = itertools.cycle(TEXTS)
    mandates = []
    for symbol, adopted, sections in (
        ("CICTE/RES. 1/23", datetime.date(2023, 5, 18), SECTIONS[:3]),
        ("CICTE/RES. 1/24", datetime.date(2024, 6, 6), SECTIONS[2:]),
    ):
        resolution = factories.make_resolution(
            symbol,
            title="Comprehensive resolution on multidimensional security: CICTE",
            adopted_on=adopted,
            session=int(symbol[-2:]),
            place="Mexico City" if adopted.year == 2023 else "Washington, D.C.",
            work_plan=plan,
        )
        for title, owners, area_codes, statuses in sections:
            section = factories.make_section(resolution, title=title)
            for index, status in enumerate(statuses):
                deadline = adopted + datetime.timedelta(days=200 + 120 * index)
                mandate = factories.make_mandate(
                    section,
                    owners=owners,
                    text=next(texts),
                    deadline=deadline if index % 2 == 0 else None,
                    kind=Mandate.Kind.DECLARATORY if status == MS.NO_ACTION_REQUIRED else Mandate.Kind.ACTION,
                )
                mandate.program_areas.set([areas[code] for code in area_codes if code in areas])
                if status == MS.SUPERSEDED:
                    mandate_services.change_mandate_status(mandate=mandate, new_status=MS.IN_PROGRESS, by=staff)
                if status != MS.NOT_STARTED:
                    mandate_services.change_mandate_status(
                        mandate=mandate,
                        new_status=status,
                        by=staff,
                        note="Reported to the regular session; see the activities below.",
                        audience=Audience.PUBLIC,
                    )
                mandates.append(mandate)
    return mandates


def build(staff) -> dict:
    """Create the sample rows; returns the mandates and requests made."""
    Owner.objects.get_or_create(name_en="Permanent Council")
    mandates = _mandates(staff)
    action = [m for m in mandates if m.kind == Mandate.Kind.ACTION]
    requests = []
    funding = itertools.cycle(FUNDING)
    for index, (iso3, title, kind, received, final, days) in enumerate(REQUESTS):
        received_on = datetime.date(*received)
        request = factories.make_request(
            iso3,
            by=staff,
            mandates=[action[index % len(action)]],
            title=title,
            description=f"{MemberState.objects.get(iso3=iso3).name_en} asks: {title.lower()}.",
            request_type=kind,
            received_on=received_on,
            assigned_to=staff,
        )
        for status in PATHS[final]:
            request_services.change_request_status(
                request=request, new_status=status, by=staff, note="Recorded by the Secretariat."
            )
        if days is not None:
            delivered_on = received_on + datetime.timedelta(days=days)
            AssistanceRequest.objects.filter(pk=request.pk).update(delivered_on=delivered_on)
            for n in range(1 + index % 2):
                start = delivered_on - datetime.timedelta(days=20 * n + 3)
                factories.make_activity(
                    request,
                    mandate=request.mandates.first(),
                    activity_type=Activity.Type.WORKSHOP if n == 0 else Activity.Type.TRAINING,
                    title=f"{title} ({'workshop' if n == 0 else 'follow-up training'})",
                    start_date=start,
                    end_date=start + datetime.timedelta(days=2),
                    place=request.state.name_en,
                    participants_women=8 + (index * 3) % 11,
                    participants_men=10 + (index * 5) % 9,
                    participants_other=index % 3,
                    funding_source=next(funding),
                )
        requests.append(request)
    # Regional activities under a mandate alone, with no single beneficiary state.
    for quarter, month in enumerate((1, 4, 7, 10, 1, 4)):
        start = datetime.date(2024 + quarter // 4, month, 20)
        factories.make_activity(
            None,
            mandate=action[quarter],
            activity_type=Activity.Type.CONFERENCE,
            title="Hemispheric meeting of CSIRTAmericas" if quarter % 2 else "Regional course on counter-terrorism",
            start_date=start,
            end_date=start + datetime.timedelta(days=1),
            place="Online" if quarter % 2 else "Washington, D.C.",
            online=bool(quarter % 2),
            participants_women=20 + quarter * 4,
            participants_men=24 + quarter * 2,
            funding_source=next(funding),
        )
    return {"mandates": mandates, "requests": requests}
