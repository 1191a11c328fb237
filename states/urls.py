from django.urls import path

from states import views

app_name = "states"

urlpatterns = [
    path("states/<str:iso3>/", views.state_detail, name="state_detail"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<str:reference>/", views.request_detail, name="request_detail"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
]
