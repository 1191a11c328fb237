from django.urls import path

import core.converters  # noqa: F401  registers <id:>
from commitments import views
from commitments.views import lineage, overlap

app_name = "commitments"

urlpatterns = [
    path("mandates/", views.mandate_list, name="mandate_list"),
    path("mandates/export/<slug:fmt>/", views.mandate_export, name="mandate_export"),
    path("mandates/<id:pk>/", views.mandate_detail, name="mandate_detail"),
    path("mandates/<id:pk>/update/", views.mandate_update, name="mandate_update"),
    path("mandates/<id:pk>/links/remove/", lineage.link_remove, name="link_remove"),
    path("mandates/<id:pk>/predecessor/", lineage.predecessor_choice, name="predecessor_choice"),
    path("mandates/overlap/", overlap.overlap_review, name="overlap_review"),
    path("mandates/overlap/mark/", overlap.overlap_mark, name="overlap_mark"),
    path("resolutions/<id:pk>/", views.resolution_detail, name="resolution_detail"),
    path("resolutions/import/", views.import_upload, name="import_upload"),
    path("resolutions/import/preview/", views.import_preview, name="import_preview"),
    path("resolutions/import/confirm/", views.import_confirm, name="import_confirm"),
    path("resolutions/import/<id:pk>/", views.import_result, name="import_result"),
]
