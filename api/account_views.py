"""A user's own API tokens: list, make (the key is shown once), revoke."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from api import tokens
from api.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100, help_text=gettext_lazy("What it is for."))


def _page(request, *, form=None, key=None, status=200):
    context = {
        "tokens": ApiToken.objects.filter(user=request.user),
        "form": form or TokenForm(),
        "new_key": key,
    }
    return render(request, "api/tokens.html", context, status=status)


@require_GET
def token_list(request):
    return _page(request)


@never_cache
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        token, key = tokens.issue_token(user=request.user, name=form.cleaned_data["name"])
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, form=form, status=400)
    # Shown in this response only, never stored: the page is not cached and not redirected to.
    return _page(request, key=key, status=201)


@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken.objects.visible_to(request.user).filter(user=request.user), pk=pk)
    tokens.revoke_token(token=token, by=request.user)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api:token_list")
