"""One row of every model the admin shows, for the page and import tests."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ExternalIdentity, SignInEvent
from api.tokens import issue_token
from commitments import services as mandate_services
from commitments.models import Owner, OwnerAlias, ProgramArea, ResolutionImport, ResolutionText, WorkPlan
from commitments.models_imports import PendingImport
from commitments.overlap import MandateTerm
from commitments.workplan import ProgressReport
from core import roles
from reporting.models import DashboardFigures, ReportFile, Snapshot
from states import services as request_services
from states.implementation_services import record_implementation_report
from states.models import Attachment, FocalPoint, OutgoingEmail, RequestCounter
from tests import factories
from tests.commitments.workplan_helpers import make_commitment, make_indicator


@pytest.fixture
def populated(administrator, staff, focal_mx):
    """{model: one instance}, every row written the way the tracker writes it."""
    owner = Owner.objects.get(name_en="CICTE Secretariat")
    work_plan = WorkPlan.objects.create(title="Work Plan 2031-2032", start_year=2031, end_year=2032)
    area = ProgramArea.objects.create(work_plan=work_plan, code="cyber-test", name_en="Cybersecurity (test)")
    section = factories.make_section(factories.make_resolution("CICTE/doc.7/31"), title="Cybersecurity")
    mandate = factories.make_mandate(section, number="4", owners=[owner.name_en])
    mandate.program_areas.add(area)
    child = factories.make_mandate(section, parent=mandate, number="a")
    link = mandate_services.confirm_mandate_link(
        newer=factories.make_mandate(factories.make_section(factories.make_resolution("CICTE/doc.7/32")), number="4"),
        older=factories.make_mandate(factories.make_section(factories.make_resolution("CICTE/doc.7/30")), number="4"),
        kind="renews",
        by=staff,
    )
    pair_review = mandate_services.review_mandate_pair(
        one=link.from_mandate, other=link.to_mandate, verdict="related", by=staff
    )
    mandate_update = mandate_services.change_mandate_status(
        mandate=mandate, new_status="in_progress", by=staff, note="Workshop planned."
    )
    request = factories.make_request("MEX", by=staff, mandates=[mandate])
    request_update = request_services.change_request_status(
        request=request, new_status="under_review", by=staff, note="Looking into it."
    )
    activity = factories.make_activity(request, mandate=mandate)
    attachment = Attachment.objects.create(
        request=request,
        file="attachments/none",
        original_name="note-verbale.pdf",
        content_type="application/pdf",
        size=10,
    )
    rows = [
        owner,
        OwnerAlias.objects.filter(owner=owner).first(),
        work_plan,
        area,
        section.resolution,
        ResolutionText.objects.create(resolution=section.resolution, language="es", title="Resolución"),
        ResolutionImport.objects.create(resolution=section.resolution, language="es", mode="created", summary={}),
        section,
        mandate,
        mandate_update,
        link,
        request.state,
        FocalPoint.objects.get(user=focal_mx),
        request,
        request_update,
        activity,
        attachment,
        OutgoingEmail.objects.create(to="focal@example.org", subject="[CICTE] test", body="Hello"),
        RequestCounter.objects.get(year=request.received_on.year),
        Snapshot.objects.create(name="CICTE 2031", taken_on=datetime.date(2031, 3, 1), created_by=staff),
        ReportFile.objects.create(
            requested_by=staff, params={}, audience="secretariat", language="en", fmt="pdf", title="CICTE 2031"
        ),
        DashboardFigures.objects.create(key="secretariat", computed_at=timezone.now()),
        pair_review,
        MandateTerm.objects.create(term="ransomware", documents=2),
        administrator,
        Group.objects.get(name=roles.STAFF_GROUP),
        issue_token(user=staff, name="reporting script")[0],
        PendingImport.objects.start(user=staff, source_name="cicte-doc-7-31.en.txt", payload={}),
        factories.make_delivery_task(),
        SignInEvent.objects.create(kind=SignInEvent.Kind.SIGN_IN_FAILED, username="ghost"),
        ExternalIdentity.objects.create(user=staff, issuer="https://sso.example.org", subject="staff"),
        # Someone else's second factors: the signed-in personas' own would ask them for a code.
        TOTPDevice.objects.create(user=factories.make_user("has-devices"), name="authenticator", confirmed=True),
        StaticDevice.objects.create(user=factories.make_user("has-codes"), name="recovery codes", confirmed=True),
    ]
    indicator = make_indicator(make_commitment(mandates=[mandate], responsible=staff))
    first_period = indicator.periods.first()
    rows += [indicator.commitment, indicator, first_period]
    rows.append(
        ProgressReport.objects.create(period=first_period, value=1, measurement="activity_count", rating="on_track")
    )
    addressed = factories.make_mandate(section, number="5", owners=["Member States"])
    rows.append(
        record_implementation_report(
            state=request.state, mandate=addressed, by=focal_mx, status="in_progress", narrative="Strategy drafted."
        )
    )
    populated = {type(row): row for row in rows}
    populated["child"] = child
    return populated
