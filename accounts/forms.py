"""The account pages' forms."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from accounts import services
from core.choices import Language


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form (it finds the active users with that address and a usable password,
    and says the same whether or not there is one); the email goes through the outbox."""

    def save(self, *args, request=None, **kwargs):
        self._request = request
        return super().save(*args, request=request, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        services.queue_password_reset(
            user=context["user"],
            to=to_email,
            subject_template=subject_template_name,
            body_template=email_template_name,
            context=context,
            request=getattr(self, "_request", None),
        )


class AccountForm(forms.Form):
    email = forms.EmailField(
        label=_("Email for notifications"),
        help_text=_("Where the tracker writes to you: requests, reminders, password reset links."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("The site's default")), *Language.choices],
        required=False,
        help_text=_("For these pages and for every email the tracker sends you."),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )
