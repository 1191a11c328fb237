from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from cicte import roles
from states.models import Activity, AssistanceRequest, Attachment, MemberState, RequestUpdate


def state_detail(request, iso3):
    state = get_object_or_404(MemberState, iso3=iso3.upper())
    if not roles.is_secretariat(request.user) and roles.focal_state_id(request.user) != state.pk:
        raise Http404
    requests = AssistanceRequest.objects.visible_to(request.user).filter(state=state)
    return render(request, "states/state_detail.html", {"state": state, "requests": requests})


def request_detail(request, reference):
    assistance_request = get_object_or_404(AssistanceRequest.objects.visible_to(request.user), reference=reference)
    updates = RequestUpdate.objects.visible_to(request.user).filter(request=assistance_request)
    return render(request, "states/request_detail.html", {"request_obj": assistance_request, "updates": updates})


def activity_detail(request, pk):
    activity = get_object_or_404(Activity.objects.visible_to(request.user), pk=pk)
    return render(request, "states/activity_detail.html", {"activity": activity})


def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


def request_create(request):  # placeholder until the portal lands (issue 4)
    from django.http import HttpResponse

    return HttpResponse("Not built yet", status=501)
