from django.http import HttpResponse


def request_list(request):  # placeholder until the lists land (issue 5)
    return HttpResponse("Not built yet", status=501)


def activity_list(request):  # placeholder until the lists land (issue 5)
    return HttpResponse("Not built yet", status=501)
