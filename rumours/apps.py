"""The app's configuration, and the admin site's (wiring only)."""

from django.apps import AppConfig
from django.contrib import admin
from django.contrib.admin import apps as admin_apps


class RumoursConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rumours"
    verbose_name = "Transfer rumours"

    def ready(self):
        # Any change of a newsroom model makes the public cache stale (#6).
        from .api import auth as api_auth
        from .cache import signals as cache_signals
        from .models import market_standings, source_records
        from .search import signals as search_signals
        from .webhooks import signals as webhook_signals

        cache_signals.connect_signals()
        # Keep the stored search documents current (#6).
        search_signals.connect_signals()
        # A partner key saved or deleted anywhere (admin, shell, command)
        # replaces its cached row at once (#6).
        api_auth.connect_signals()
        # The market board's standings follow the notes and players (#16).
        market_standings.connect_signals()
        # Each source's record follows its claims and their stories (#19).
        source_records.connect_signals()
        # Partners' webhooks hear of published, changed and withdrawn claims.
        webhook_signals.connect_signals()


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """The stock admin, with the desk dashboard as its index page (#5)."""

    default = False  # rumours.apps names the rumours app, not this one.
    default_site = "rumours.apps.NewsroomAdminSite"


class NewsroomAdminSite(admin.AdminSite):
    """Django's admin site, with the desk dashboard as its index page (#5).

    It lives here, not in ``rumours.admin``: Django builds the default site
    when the first app registers a model, and importing the ``rumours.admin``
    package then would register the newsroom's models on a site that is
    about to be replaced.
    """

    site_header = "Transfer Desk"
    site_title = "Transfer Desk admin"
    index_title = "Newsroom"

    def index(self, request, extra_context=None):
        from .admin.dashboard import desk_summary  # the admin face, loaded by now

        context = {"desk": desk_summary(request.user), **(extra_context or {})}
        return super().index(request, extra_context=context)
