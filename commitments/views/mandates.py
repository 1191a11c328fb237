from django.shortcuts import get_object_or_404, render

from commitments.models import Mandate, Resolution


def resolution_detail(request, pk):
    resolution = get_object_or_404(Resolution, pk=pk)
    mandates = Mandate.objects.visible_to(request.user).filter(resolution=resolution).in_document_order()
    return render(request, "commitments/resolution_detail.html", {"resolution": resolution, "mandates": mandates})


def mandate_detail(request, pk):
    mandate = get_object_or_404(Mandate.objects.visible_to(request.user).select_related("resolution", "section"), pk=pk)
    return render(request, "commitments/mandate_detail.html", {"mandate": mandate})


def mandate_list(request):  # placeholder until the lists land (issue 5)
    from django.http import HttpResponse

    return HttpResponse("Not built yet", status=501)
