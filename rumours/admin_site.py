"""The admin site: Django's, with the desk dashboard as its index page (#5)."""

from django.contrib import admin

from .dashboard import desk_summary


class NewsroomAdminSite(admin.AdminSite):
    site_header = "Transfer Desk"
    site_title = "Transfer Desk admin"
    index_title = "Newsroom"

    def index(self, request, extra_context=None):
        context = {"desk": desk_summary(request.user), **(extra_context or {})}
        return super().index(request, extra_context=context)
