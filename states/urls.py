from django.urls import path

import core.converters  # noqa: F401  registers <id:>, <iso3:> and <reference:>
from states import views
from states.views import actions
from states.views import implementation as nir
from states.views.requests import request_edit

app_name = "states"

urlpatterns = [
    path("states/<iso3:iso3>/", views.state_detail, name="state_detail"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/export/<slug:fmt>/", views.request_export, name="request_export"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<reference:reference>/", views.request_detail, name="request_detail"),
    path("requests/<reference:reference>/edit/", request_edit, name="request_edit"),
    path("requests/<reference:reference>/status/", actions.request_status, name="request_status"),
    path("requests/<reference:reference>/withdraw/", actions.request_withdraw, name="request_withdraw"),
    path("requests/<reference:reference>/assign/", actions.request_assign, name="request_assign"),
    path("requests/<reference:reference>/updates/", actions.request_add_update, name="request_add_update"),
    path("requests/<reference:reference>/documents/", actions.request_add_attachment, name="request_add_attachment"),
    path("requests/<reference:reference>/activities/new/", actions.activity_create, name="activity_create"),
    path("updates/<id:pk>/", actions.update_detail, name="update_detail"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/export/<slug:fmt>/", views.activity_export, name="activity_export"),
    path("activities/<id:pk>/", views.activity_detail, name="activity_detail"),
    path("attachments/<id:pk>/", views.attachment_download, name="attachment_download"),
    path("states/<iso3:iso3>/implementation/", nir.implementation_state, name="implementation_state"),
    path("states/<iso3:iso3>/implementation/new/", nir.implementation_add, name="implementation_add"),
    path("states/<iso3:iso3>/implementation/<id:pk>/", nir.implementation_history, name="implementation_history"),
    path("implementation/documents/<id:pk>/", nir.implementation_document, name="implementation_document"),
    path("implementation/matrix/", nir.implementation_matrix, name="implementation_matrix"),
    path(
        "implementation/matrix/export/<slug:fmt>/",
        nir.implementation_matrix_export,
        name="implementation_matrix_export",
    ),
    path("implementation/reminders/", nir.implementation_reminders, name="implementation_reminders"),
]
