"""django-otp-webauthn's views, under the names its script asks for, with the audit trail."""

from __future__ import annotations

from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views

from accounts.audit import Kind, record
from accounts.mfa import remember_second_factor


class CompleteRegistration(views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            record(Kind.DEVICE_ADDED, request=self.request, user=self.request.user, detail="passkey")
            remember_second_factor(self.request)
        return response


class CompleteAuthentication(views.CompleteCredentialAuthenticationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        kind = Kind.SECOND_FACTOR_PASSED if response.status_code == 200 else Kind.SECOND_FACTOR_FAILED
        record(kind, request=self.request, user=self.request.user, detail="passkey")
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
