"""The authorization matrix: every URL pattern of the project, the admin included, asked by every
persona, with the answer each must get.

The patterns are found by walking the URL resolver, so a new pattern without an entry here fails
``test_every_url_pattern_has_an_entry_in_the_matrix``. Pattern arguments are real objects: a
Mexican request with an update, a document and an activity, a mandate, a resolution, a snapshot.
Chile's focal point asks for all of Mexico's and must get 404 each time.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from axes.models import AccessFailureLog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.models import ExternalIdentity
from api.tokens import issue_token
from commitments.models import ResolutionImport, ResolutionText
from commitments.models_imports import PendingImport
from commitments.overlap import refresh_term_frequencies
from commitments.services import add_mandate_update, confirm_mandate_link, review_mandate_pair
from commitments.workplan import ProgressReport
from reporting.forms import TODAY
from reporting.models import DashboardFigures
from reporting.snapshots import take_snapshot
from tests import factories
from tests.commitments.workplan_helpers import make_commitment, make_indicator
from tests.reporting.test_report_files import ready_report_file
from tests.states.fixtures import build_mexican_request, use_private_storage
from tests.states.implementation_fixtures import addressed_mandate, pdf_report, use_report_storage

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "administrator", "staff", "viewer", "focal_mx", "focal_cl")

LOGIN = "→login"  # 302 to settings.LOGIN_URL
ADMIN_LOGIN = "→admin login"  # 302 to the admin's login page
REDIRECT = "→elsewhere"  # 302 somewhere else (after a POST, a language switch…)


@dataclass(frozen=True)
class Expect:
    """What each persona gets from one URL (``method`` with an empty form for POST actions)."""

    anonymous: int | str
    administrator: int | str
    staff: int | str
    viewer: int | str
    focal_mx: int | str
    focal_cl: int | str
    method: str = "get"


def secretariat_page(method="get", staff=200, viewer=200) -> Expect:
    """Read by the Secretariat only; a focal point is refused (403: the page is no object)."""
    return Expect(LOGIN, staff if staff != 403 else 200, staff, viewer, 403, 403, method)


def staff_page(method="get", ok=200) -> Expect:
    """Used by the staff who work requests and mandates; viewers and focal points are refused."""
    return Expect(LOGIN, ok, ok, 403, 403, 403, method)


def signed_in_page(method="get") -> Expect:
    return Expect(LOGIN, 200, 200, 200, 200, 200, method)


def mexican_object(mx=200, secretariat=200, viewer=None, method="get") -> Expect:
    """A page about one of Mexico's objects: Chile's focal point gets 404, never a hint."""
    return Expect(LOGIN, secretariat, secretariat, secretariat if viewer is None else viewer, mx, 404, method)


def api_page(ok=200, cl=None, method="get") -> Expect:
    return Expect(401, ok, ok, ok, ok, ok if cl is None else cl, method)


API_READ_FOR_ALL = ["api:schema", "api:docs", "api:resolution-list", "api:resolution-detail", "api:mandate-list",
                    "api:mandate-detail", "api:memberstate-list", "api:request-list", "api:activity-list"]  # fmt: skip
# Mexico's state, request (and what hangs from it) and activity: Chile's token gets 404.
API_MEXICAN = ["api:memberstate-detail", "api:request-detail", "api:request-updates", "api:request-attachments",
               "api:activity-detail"]  # fmt: skip

# Every named pattern outside the admin. Adding a URL means adding its line here.
MATRIX: dict[str, Expect] = {
    "home": Expect(LOGIN, 200, 200, 200, REDIRECT, REDIRECT),  # focal points land on their state's page
    # The dashboard's refresh button: the Secretariat (viewers too: it only counts again) and back
    # to the dashboard; focal points have no dashboard (403).
    "dashboard_refresh": Expect(LOGIN, REDIRECT, REDIRECT, REDIRECT, 403, 403, "post"),
    "login": Expect(200, 200, 200, 200, 200, 200),
    "healthz": Expect(200, 200, 200, 200, 200, 200),  # for load balancers: says only ok or failing
    "logout": Expect(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, "post"),
    "set_language": Expect(REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, "post"),
    # The site search: every signed-in user, over what each may see (tests/reporting/test_search.py).
    "search": signed_in_page(),
    # Mandates: every signed-in user reads them (anonymous visitors only with PUBLIC_MANDATES).
    "commitments:mandate_list": signed_in_page(),
    "commitments:mandate_export": signed_in_page(),
    "commitments:mandate_detail": signed_in_page(),
    "commitments:resolution_detail": signed_in_page(),
    "commitments:mandate_update": staff_page("post"),  # the form again, with its errors
    "commitments:import_upload": staff_page(),
    "commitments:import_preview": staff_page(ok=REDIRECT),  # nothing uploaded yet: back to the upload
    "commitments:import_confirm": staff_page("post", ok=400),  # nothing pending: "expired"
    "commitments:import_result": staff_page(),
    # Overlap hints: the Secretariat reads the pairs; staff mark them (an empty form: 400).
    "commitments:overlap_review": secretariat_page(),
    "commitments:overlap_mark": staff_page("post", ok=400),
    # Lineage: staff remove a wrong link (an empty form: 400) and choose another predecessor.
    "commitments:link_remove": staff_page("post", ok=400),
    "commitments:predecessor_choice": staff_page(),
    # Reports, snapshots: the Secretariat's.
    "report_index": secretariat_page(),
    "report_view": secretariat_page(),
    "report_download": secretariat_page(),
    # Report files built in the background: each lists its own; a file goes to its requester and
    # the Secretariat (the Secretariat's version to the Secretariat only); 404 to anyone else.
    "report_files": signed_in_page(),
    "report_file_download": Expect(LOGIN, 200, 200, 200, 404, 404),
    "snapshot_list": secretariat_page(),
    "snapshot_detail": secretariat_page(),
    "snapshot_compare": secretariat_page(),
    "snapshot_create": staff_page("post", ok=400),
    # The Work Plan's follow-up: the Secretariat's; staff file progress reports (an empty form: 400).
    "workplan": secretariat_page(),
    "workplan_detail": secretariat_page(),
    "progress_report_file": staff_page("post", ok=400),
    # A member state's page and lists: a focal point sees its own state only.
    "states:state_detail": mexican_object(),
    "states:request_list": signed_in_page(),
    "states:request_export": signed_in_page(),
    "states:activity_list": signed_in_page(),
    "states:activity_export": signed_in_page(),
    "states:request_create": Expect(LOGIN, 200, 200, 403, 200, 200),
    # One Mexican request and what hangs from it.
    "states:request_detail": mexican_object(),
    "states:update_detail": mexican_object(mx=REDIRECT, secretariat=REDIRECT),  # to its place on the page
    "states:activity_detail": mexican_object(),
    "states:attachment_download": mexican_object(),
    "states:request_edit": mexican_object(mx=403, viewer=403),
    "states:activity_create": mexican_object(mx=403, viewer=403),
    "states:request_status": mexican_object(mx=403, secretariat=400, viewer=403, method="post"),
    "states:request_assign": mexican_object(mx=403, secretariat=400, viewer=403, method="post"),
    "states:request_withdraw": mexican_object(mx=400, secretariat=403, method="post"),
    "states:request_add_update": mexican_object(mx=400, secretariat=400, viewer=403, method="post"),
    "states:request_add_attachment": mexican_object(mx=400, secretariat=400, viewer=403, method="post"),
    # Mexico's national implementation reports: its focal points and the Secretariat read them,
    # its focal points and staff add to them; the matrix and the reminder round are the Secretariat's.
    "states:implementation_state": mexican_object(),
    "states:implementation_add": mexican_object(viewer=403),
    "states:implementation_history": mexican_object(),
    "states:implementation_document": mexican_object(),
    "states:implementation_matrix": secretariat_page(),
    "states:implementation_matrix_export": secretariat_page(),
    "states:implementation_reminders": staff_page(),
    # A user's own API tokens: the token asked for is the staff member's.
    "api:token_list": signed_in_page(),
    "api:token_create": Expect(LOGIN, 400, 400, 400, 400, 400, "post"),  # an empty form: "give it a name"
    "api:token_revoke": Expect(LOGIN, 404, REDIRECT, 404, 404, 404, "post"),
    # The API answers 401 to a caller with no credentials (a script cannot follow a login page),
    # and an empty form POSTed to its JSON endpoints is refused as 415 before anything is read.
    **{name: api_page() for name in API_READ_FOR_ALL},
    **{name: api_page(cl=404) for name in API_MEXICAN},
    "api:request-status": api_page(ok=415, cl=404, method="post"),
    # A user's own account and second factors (MFA_REQUIRED is off here: see tests/accounts for on).
    "accounts:account": signed_in_page(),
    "accounts:password_change": signed_in_page(),
    "accounts:security": signed_in_page(),
    "accounts:totp_setup": signed_in_page(),
    # The device asked for is another user's: nobody removes it.
    "accounts:totp_remove": Expect(LOGIN, 404, 404, 404, 404, 404, "post"),
    "accounts:passkey_remove": Expect(LOGIN, 404, 404, 404, 404, 404, "post"),
    # Nobody here has a second factor yet: recovery codes would stand in for none.
    "accounts:recovery_codes": Expect(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, "post"),
    "accounts:verify": Expect(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),  # nothing to verify
    # Password reset: open to anyone; a made-up link answers "this link no longer works".
    "accounts:password_reset": Expect(200, 200, 200, 200, 200, 200),
    "accounts:password_reset_done": Expect(200, 200, 200, 200, 200, 200),
    "accounts:password_reset_confirm": Expect(200, 200, 200, 200, 200, 200),
    "accounts:password_reset_complete": Expect(200, 200, 200, 200, 200, 200),
    # Single sign-on is off unless OIDC_ISSUER is set.
    "accounts:oidc_login": Expect(404, 404, 404, 404, 404, 404),
    "accounts:oidc_callback": Expect(404, 404, 404, 404, 404, 404),
    # django-otp-webauthn's ceremonies (JSON for its script); passkeys are a second factor only.
    "otp_webauthn:credential-registration-begin": Expect(LOGIN, 200, 200, 200, 200, 200, "post"),
    "otp_webauthn:credential-registration-complete": Expect(LOGIN, 422, 422, 422, 422, 422, "post"),  # not begun
    "otp_webauthn:credential-authentication-begin": Expect(LOGIN, 200, 200, 200, 200, 200, "post"),
    "otp_webauthn:credential-authentication-complete": Expect(LOGIN, 422, 422, 422, 422, 422, "post"),
    "otp_webauthn:js-i18n-catalog": Expect(LOGIN, 200, 200, 200, 200, 200),
}


# Models whose rows are history or machinery: nobody adds or deletes them in the admin, not
# even the administrator (the services write them).
APPEND_ONLY = {
    "commitments_mandatelink",
    "states_requestupdate",
    "states_attachment",
    "states_outgoingemail",
    "states_requestcounter",
    "states_nationalimplementationreport",
    "commitments_mandateupdate",
    "commitments_progressreport",
    "commitments_reportingperiod",  # made by commitments.workplan.schedule; only targets are typed
    "reporting_snapshot",
    "reporting_reportfile",  # built by the report worker
    "reporting_dashboardfigures",  # counted by reporting.precomputed's task
    "commitments_mandatepairreview",  # written by commitments.services.review_mandate_pair
    "commitments_mandateterm",  # counted by commitments.overlap.refresh_term_frequencies
    "commitments_resolutionimport",
    "api_apitoken",
    "commitments_pendingimport",
    "django_tasks_database_dbtaskresult",
    "accounts_signinevent",
}
# The login log: written by django-axes; the administrator deletes a lockout to lift it.
LOGIN_LOG = {"axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}
# Users, roles and the login log are the administrator's alone.
# Second factors and the sign-in audit trail too.
SECOND_FACTORS = {"otp_totp_totpdevice", "otp_static_staticdevice", "django_otp_webauthn_webauthncredential"}
ADMINISTRATOR_ONLY = {"auth_user", "auth_group", "api_apitoken", *LOGIN_LOG, *SECOND_FACTORS}
ADMINISTRATOR_ONLY |= {"accounts_signinevent", "accounts_externalidentity", "commitments_pendingimport"}
# Staff may not create these either (a focal point is a user's role: the administrator's call).
STAFF_CANNOT_ADD = {"states_focalpoint"}
ADMIN_ACTIONS = ("changelist", "add", "change", "history", "delete", "export", "import", "process_import")


def admin_expectation(name: str | None, route: str) -> Expect:
    """The admin, by rule. Only accounts flagged ``is_staff`` get past its login page (never a
    focal point, a viewer or a visitor); the administrator reaches every page but cannot add or
    delete history; Secretariat staff read and edit the tracker's data, never delete, never
    import, and never touch users, roles or the login log."""
    out = ADMIN_LOGIN
    if name == "admin:login":
        return Expect(200, REDIRECT, REDIRECT, 200, 200, 200)
    if name == "admin:logout":
        return Expect(REDIRECT, LOGIN, LOGIN, REDIRECT, REDIRECT, REDIRECT, "post")
    if name is None:
        if route.endswith("(?P<url>.*)$"):  # the catch-all: no such admin page
            return Expect(out, 404, 404, out, out, out)
        return Expect(out, REDIRECT, REDIRECT, out, out, out)  # "<object id>/" → its change page
    if name == "admin:view_on_site":
        return Expect(out, REDIRECT, REDIRECT, out, out, out)
    if name in ("admin:otp_totp_totpdevice_config", "admin:otp_totp_totpdevice_qrcode"):  # its secret
        return Expect(out, 200, 403, out, out, out)
    if name == "admin:autocomplete":  # asked without a field to complete
        return Expect(out, 403, 403, out, out, out)
    model, action = admin_model_and_action(name)
    if model is None:  # index, app list, password change, jsi18n
        return Expect(out, 200, 200, out, out, out)
    return Expect(out, administrator_admin(model, action), staff_admin(model, action), out, out, out)


def admin_model_and_action(name: str) -> tuple[str | None, str | None]:
    if name == "admin:auth_user_password_change":
        return "auth_user", "change"
    for action in sorted(ADMIN_ACTIONS, key=len, reverse=True):
        if name.endswith(f"_{action}"):
            model = name.removeprefix("admin:").removesuffix(f"_{action}")
            return model, action
    return None, None


def administrator_admin(model: str, action: str) -> int | str:
    if action == "process_import":
        return 405  # only ever POSTed from the import page
    if action in ("add", "delete") and model in APPEND_ONLY:
        return 403
    if action == "add" and model in LOGIN_LOG:
        return 403
    return 200


def staff_admin(model: str, action: str) -> int | str:
    if model in ADMINISTRATOR_ONLY or action in ("delete", "import"):
        return 403
    if action == "add" and (model in APPEND_ONLY or model in STAFF_CANNOT_ADD):
        return 403
    return administrator_admin(model, action)


# ---------------------------------------------------------------------------------------------


def url_patterns() -> list[tuple[str | None, str, object]]:
    """(namespaced name, route, pattern) for every pattern of the project."""
    found = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}{pattern.name}" if pattern.name else None
                found.append((name, prefix + str(pattern.pattern), pattern))

    walk(get_resolver().url_patterns, "", "")
    return found


def expectation(name: str | None, route: str) -> Expect | None:
    if route.startswith("admin/"):
        return admin_expectation(name, route)
    return MATRIX.get(name)


def test_every_url_pattern_has_an_entry_in_the_matrix():
    missing = sorted(
        f"{name or '(unnamed)'}  {route}" for name, route, _p in url_patterns() if expectation(name, route) is None
    )

    assert missing == [], "Add these URL patterns to the authorization matrix:\n" + "\n".join(missing)


def test_the_matrix_names_no_url_that_no_longer_exists():
    existing = {name for name, _route, _p in url_patterns()}

    assert sorted(set(MATRIX) - existing) == []


@dataclass
class World:
    """The objects whose URLs are asked for, and one signed-in client per persona."""

    objects: dict
    clients: dict
    users: dict

    def client_for(self, persona: str, name: str | None) -> Client:
        """The persona's client; a fresh one for logging out, so the others stay signed in."""
        if name not in ("logout", "admin:logout"):
            return self.clients[persona]
        client = Client()
        if persona in self.users:
            client.force_login(self.users[persona])
        return client


@pytest.fixture
def world(tmp_path, monkeypatch) -> World:
    use_private_storage(monkeypatch, tmp_path / "private")
    users = {
        "administrator": factories.make_admin(),
        "staff": factories.make_staff("staff"),
        "viewer": factories.make_viewer("viewer"),
        "focal_mx": factories.make_focal_point("MEX", "focal-mx"),
        "focal_cl": factories.make_focal_point("CHL", "focal-cl"),
    }
    mexican = build_mexican_request(staff=users["staff"], focal_mx=users["focal_mx"])
    mandate = factories.make_mandate()
    use_report_storage(monkeypatch, tmp_path / "reports")
    addressed = addressed_mandate()
    objects = {
        "addressed_mandate": addressed,
        "implementation_report": pdf_report("MEX", addressed, by=users["focal_mx"]),
        "request": mexican.request,
        "update": mexican.state_update,
        "attachment": mexican.state_document,
        "activity": mexican.activity,
        "mandate": mandate,
        "resolution": mandate.resolution,
    }
    objects["indicator"] = make_indicator(make_commitment(mandates=[mandate]))
    objects["work_plan"] = objects["indicator"].commitment.work_plan
    # One progress report, so that its admin pages name a real one.
    ProgressReport.objects.create(
        period=objects["indicator"].periods.first(), value=1, measurement="activity_count", rating="on_track"
    )
    objects["snapshot"] = take_snapshot(name="End of 2025", taken_on=datetime.date(2025, 12, 31), by=users["staff"])
    objects["token"], _key = issue_token(user=users["staff"], name="staff script")
    objects["report_file"] = ready_report_file(users["staff"], tmp_path / "report-files", monkeypatch)
    factories.make_delivery_task()  # a task result, for the admin's task pages
    PendingImport.objects.start(user=users["staff"], source_name="resolution.txt", payload={})
    # Another user's second factors, so that their pages name real ones.
    someone = factories.make_user("someone-else")
    objects["totp_device"] = TOTPDevice.objects.create(user=someone, name="app", confirmed=True)
    objects["passkey"] = WebAuthnCredential.objects.create(
        user=someone, name="key", confirmed=True, credential_id=b"credential", public_key=b"key", sign_count=0
    )
    StaticDevice.objects.create(user=someone, name="recovery codes", confirmed=True)
    ExternalIdentity.objects.create(user=someone, issuer="https://sso.example.org", subject="someone")
    objects["import"] = ResolutionImport.objects.create(resolution=mandate.resolution, language="en", mode="created")
    # One row of every model the admin shows, so that each change page names a real object.
    ResolutionText.objects.create(resolution=mandate.resolution, language="en", text="Text.")
    add_mandate_update(mandate=mandate, by=users["staff"], note="Under way.")
    link = confirm_mandate_link(newer=factories.make_mandate(), older=mandate, kind="renews", by=users["staff"])
    review_mandate_pair(one=link.from_mandate, other=link.to_mandate, verdict="related", by=users["staff"])
    refresh_term_frequencies()
    DashboardFigures.objects.create(key="secretariat", computed_at=timezone.now())
    Client().post(reverse("login"), {"username": "focal-cl", "password": "wrong password"})  # a login failure
    AccessFailureLog.objects.create(username="focal-cl", ip_address="127.0.0.1", user_agent="test", path_info="/")
    clients = {"anonymous": Client()}
    for persona, user in users.items():
        clients[persona] = Client()
        clients[persona].force_login(user)
    return World(objects, clients, users)


# Which object a pattern's ``pk`` names.
PK_OBJECT = {
    "states:activity_detail": "activity",
    "states:attachment_download": "attachment",
    "states:update_detail": "update",
    "commitments:mandate_detail": "mandate",
    "commitments:mandate_update": "mandate",
    "commitments:link_remove": "mandate",
    "commitments:predecessor_choice": "mandate",
    "commitments:resolution_detail": "resolution",
    "snapshot_detail": "snapshot",
    "report_file_download": "report_file",
    "workplan_detail": "work_plan",
    "progress_report_file": "indicator",
    "commitments:import_result": "import",
    "states:implementation_history": "addressed_mandate",
    "states:implementation_document": "implementation_report",
    "api:token_revoke": "token",
    "accounts:totp_remove": "totp_device",
    "accounts:passkey_remove": "passkey",
    "admin:otp_totp_totpdevice_config": "totp_device",
    "admin:otp_totp_totpdevice_qrcode": "totp_device",
    "api:mandate-detail": "mandate",
    "api:resolution-detail": "resolution",
    "api:activity-detail": "activity",
}


def url_for(name: str | None, route: str, pattern, world: World) -> str:
    if name is None:
        # Unnamed admin routes: "<model>/<object id>/" redirects, and the catch-all.
        return "/" + route.replace("<path:object_id>/", f"{world.objects['request'].pk}/").replace(
            "(?P<url>.*)$", "no-such-page/"
        )
    kwargs = {}
    for key in pattern.pattern.regex.groupindex:
        kwargs[key] = argument(name, key, world)
    return reverse(name, kwargs=kwargs) + QUERY.get(name, lambda objects: "")(world.objects)


# Query strings that make a page answer in full rather than with its form's errors.
QUERY = {
    "report_view": lambda objects: f"?resolution={objects['resolution'].pk}&language=en",
    "report_download": lambda objects: f"?resolution={objects['resolution'].pk}&language=en",
    "snapshot_compare": lambda objects: f"?before={objects['snapshot'].pk}&after={TODAY}",
}


def argument(name: str, key: str, world: World):
    objects = world.objects
    if key == "reference":
        return objects["request"].reference
    if key == "iso3":
        return "MEX"
    if key == "uidb64":
        return "MA"
    if key == "token":
        return "not-a-reset-token"
    if key == "fmt":
        return "xlsx" if name == "report_download" else "csv"
    if key == "pk":
        return objects[PK_OBJECT[name]].pk
    if key == "app_label":
        return "states"
    if key == "content_type_id":
        return ContentType.objects.get_for_model(objects["request"]).pk
    if key == "object_id" and name == "admin:view_on_site":
        return objects["request"].pk
    if key in ("object_id", "id"):
        model = admin_model(name)
        instance = model.objects.order_by("pk").first() if model else None
        return instance.pk if instance else 0
    raise AssertionError(f"Tell the matrix what to pass as {key!r} to {name}")


def admin_model(name: str):
    """The model behind an admin URL name such as ``admin:states_activity_change``."""
    from django.contrib import admin

    for model in admin.site._registry:
        if name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


def answer(client: Client, url: str, method: str) -> int | str:
    response = client.post(url, {"language": "es"} if "setlang" in url else {}) if method == "post" else client.get(url)
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith(reverse("admin:login")):
        return ADMIN_LOGIN
    if location.startswith(reverse(settings.LOGIN_URL)):
        return LOGIN
    return REDIRECT if location != "" else 302


def observed(world: World, persona: str) -> dict:
    table = {}
    for name, route, pattern in url_patterns():
        expected = expectation(name, route)
        if expected is None:
            continue
        url = url_for(name, route, pattern, world)
        got = answer(world.client_for(persona, name), url, expected.method)
        table[(name, route)] = (url, got, getattr(expected, persona))
    return table


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_answers_each_persona_as_the_matrix_says(world, persona):
    wrong = [
        f"{name or route}  {url}: got {got}, expected {want}"
        for (name, route), (url, got, want) in observed(world, persona).items()
        if got != want
    ]

    assert wrong == [], f"{persona}:\n" + "\n".join(wrong)


def test_chiles_focal_point_gets_404_for_everything_of_mexico(world):
    chile = world.clients["focal_cl"]
    objects = world.objects
    request = objects["request"]
    mexican = [
        ("get", request.get_absolute_url()),
        ("get", reverse("states:request_edit", args=[request.reference])),
        ("get", reverse("states:activity_create", args=[request.reference])),
        ("get", reverse("states:state_detail", args=["MEX"])),
        ("get", objects["activity"].get_absolute_url()),
        ("get", objects["attachment"].get_absolute_url()),
        ("get", reverse("states:update_detail", args=[objects["update"].pk])),
        *[("get", reverse("states:update_detail", args=[update.pk])) for update in request.updates.all()],
        *[("get", attachment.get_absolute_url()) for attachment in request.attachments.all()],
        *[
            ("post", reverse(f"states:{action}", args=[request.reference]))
            for action in (
                "request_status",
                "request_withdraw",
                "request_assign",
                "request_add_update",
                "request_add_attachment",
                "activity_create",
            )
        ],
    ]

    answers = {url: getattr(chile, method)(url).status_code for method, url in mexican}

    assert set(answers.values()) == {404}, answers
    assert request.updates.count() >= 3 and request.attachments.count() == 2  # both audiences were asked for


@pytest.mark.parametrize("name", ["states:request_export", "states:activity_export"])
def test_chiles_exports_hold_no_row_of_mexico(world, name):
    response = world.clients["focal_cl"].get(reverse(name, args=["csv"]))

    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert world.objects["request"].reference.encode() not in content
    assert world.objects["activity"].title.encode() not in content


def test_chiles_lists_hold_no_request_or_activity_of_mexico(world):
    chile = world.clients["focal_cl"]

    requests_page = chile.get(reverse("states:request_list")).content.decode()
    activities_page = chile.get(reverse("states:activity_list")).content.decode()

    assert world.objects["request"].reference not in requests_page
    assert world.objects["activity"].title not in activities_page


@pytest.mark.parametrize("name", ["commitments:mandate_list", "commitments:mandate_detail"])
def test_anonymous_visitors_read_mandates_only_when_public_mandates_is_on(world, name):
    url = url_for(name, "", next(p for n, _r, p in url_patterns() if n == name), world)
    anonymous = world.clients["anonymous"]

    assert answer(anonymous, url, "get") == LOGIN
    with override_settings(PUBLIC_MANDATES=True):
        assert answer(anonymous, url, "get") == 200


@override_settings(PUBLIC_MANDATES=True)
def test_public_mandates_open_no_request_page_to_anonymous_visitors(world):
    anonymous = world.clients["anonymous"]

    for name in ("states:request_list", "states:request_detail", "states:attachment_download", "home"):
        url = url_for(name, "", next(p for n, _r, p in url_patterns() if n == name), world)
        assert answer(anonymous, url, "get") == LOGIN, name
