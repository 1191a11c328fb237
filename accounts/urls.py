from django.urls import include, path

import core.converters  # noqa: F401  (registers <id:…>)
from accounts import views

app_name = "accounts"
urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/password/", views.password_change, name="password_change"),
    path("account/security/", views.security, name="security"),
    path("account/security/authenticator/", views.totp_setup, name="totp_setup"),
    path("account/security/authenticator/<id:pk>/remove/", views.totp_remove, name="totp_remove"),
    path("account/security/passkeys/<id:pk>/remove/", views.passkey_remove, name="passkey_remove"),
    path("account/security/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("accounts/verify/", views.verify, name="verify"),
    path("accounts/password-reset/", views.password_reset, name="password_reset"),
    path("accounts/password-reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("accounts/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("accounts/sso/", views.oidc_login, name="oidc_login"),
    path("accounts/sso/callback/", views.oidc_callback, name="oidc_callback"),
]

# The passkey ceremonies (JSON, called by django-otp-webauthn's script), in their own namespace.
passkey_urls = [path("account/passkeys/", include("accounts.passkeys"))]
