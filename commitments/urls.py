from django.urls import path

from commitments import views

app_name = "commitments"

urlpatterns = [
    path("resolutions/<int:pk>/", views.resolution_detail, name="resolution_detail"),
    path("mandates/<int:pk>/", views.mandate_detail, name="mandate_detail"),
]
