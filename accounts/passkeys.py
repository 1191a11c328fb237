"""django-otp-webauthn's views, under the names its script asks for, with the audit trail."""

from __future__ import annotations

from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views

from accounts.audit import Kind, record
from accounts.mfa import remember_second_factor


# ``dispatch``, not ``post``: a refused passkey raises inside ``post``, and the library's
# ``dispatch`` turns that into its JSON 4xx, so only here is every outcome seen.
class CompleteRegistration(views.CompleteCredentialRegistrationView):
    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200:
            record(Kind.DEVICE_ADDED, request=request, user=request.user, detail="passkey")
            remember_second_factor(request)
        return response


class CompleteAuthentication(views.CompleteCredentialAuthenticationView):
    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        kind = Kind.SECOND_FACTOR_PASSED if response.status_code == 200 else Kind.SECOND_FACTOR_FAILED
        record(kind, request=request, user=request.user, detail="passkey")
        return response


app_name = "otp_webauthn"
urlpatterns = [
    path(
        "registration/begin/",
        views.BeginCredentialRegistrationView.as_view(),
        name="credential-registration-begin",
    ),
    path("registration/complete/", CompleteRegistration.as_view(), name="credential-registration-complete"),
    path(
        "authentication/begin/",
        views.BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path("authentication/complete/", CompleteAuthentication.as_view(), name="credential-authentication-complete"),
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]
