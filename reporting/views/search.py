"""The site search: one box in the header, results grouped by kind."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reporting.search import MAX_LENGTH, search_everything


@require_GET
@login_required
def search(request):
    # Whatever arrives is only words to look for: an empty or odd query is a page, never an error
    # (a NUL never gets here: the site answers 400 to it before any view).
    text = request.GET.get("q", "")[:MAX_LENGTH]
    groups = search_everything(user=request.user, text=text)
    return render(request, "search/results.html", {"q": text.strip(), "groups": groups})
