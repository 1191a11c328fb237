from django.shortcuts import redirect

from cicte import roles


def home(request):
    """Staff land on the dashboard, focal points on their state's page."""
    state_id = roles.focal_state_id(request.user)
    if state_id is not None and not roles.is_secretariat(request.user):
        return redirect("states:state_detail", iso3=request.user.focal_point.state.iso3)
    from django.shortcuts import render

    return render(request, "home.html")


def report_index(request):  # placeholder until reports land (issue 5)
    from django.http import HttpResponse

    return HttpResponse("Not built yet", status=501)
