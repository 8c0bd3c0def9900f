"""The stock site's URLs behind Wagtail's API v2 (Django REST framework)."""

from django.urls import path
from peersite.urls import urlpatterns as site_urlpatterns
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls), *site_urlpatterns]
