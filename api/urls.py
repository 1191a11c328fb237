from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import account_views, views

# JSON only (see REST_FRAMEWORK in settings): no ".json" suffix routes, no browsable root.
router = SimpleRouter()
router.register("resolutions", views.ResolutionViewSet, basename="resolution")
router.register("mandates", views.MandateViewSet, basename="mandate")
router.register("member-states", views.MemberStateViewSet, basename="memberstate")
router.register("requests", views.RequestViewSet, basename="request")
router.register("activities", views.ActivityViewSet, basename="activity")

app_name = "api"
urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up code as a file of its own: no inline script,
    # so the documentation runs under the site's strict Content Security Policy.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("account/tokens/", account_views.token_list, name="token_list"),
    path("account/tokens/new/", account_views.token_create, name="token_create"),
    path("account/tokens/<int:pk>/revoke/", account_views.token_revoke, name="token_revoke"),
]
