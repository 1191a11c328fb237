from django.http import HttpResponse


def import_upload(request):  # placeholder until the importer lands (issue 3)
    return HttpResponse("Not built yet", status=501)
