"""A URLconf for the error-page tests: the site's routes plus one that fails."""

from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

SECRET_IN_EXCEPTION = "password=hunter2 SELECT * FROM auth_user"


def failing_view(request):
    raise RuntimeError(SECRET_IN_EXCEPTION)


urlpatterns = [path("boom/", failing_view), *site_urlpatterns]
