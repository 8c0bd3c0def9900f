"""A URLconf serving the reader site under /news/, for the link tests."""

from django.urls import include, path

urlpatterns = [path("news/", include("rumours.reader.urls"))]
