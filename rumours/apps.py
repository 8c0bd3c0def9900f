from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class RumoursConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rumours"
    verbose_name = "Transfer rumours"

    def ready(self):
        # Any change of a newsroom model makes the public cache stale (#6).
        from . import search
        from .api import auth as api_auth
        from .public_cache import connect_signals

        connect_signals()
        # Keep the stored search documents current (#6).
        search.connect_signals()
        # A partner key saved or deleted anywhere (admin, shell, command)
        # replaces its cached row at once (#6).
        api_auth.connect_signals()


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """The stock admin, with the desk dashboard as its index page (#5)."""

    default = False  # rumours.apps names the rumours app, not this one.
    default_site = "rumours.admin_site.NewsroomAdminSite"
