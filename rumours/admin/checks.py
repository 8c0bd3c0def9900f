"""Names a reporter added, flagged for an editor's check (#14).

A reporter may add a player, a club or a source so a draft does not stall
(from the proposals page or these admin pages); the row is flagged "needs
an editor's check" and listed on the editors' dashboard until an editor
unticks the flag. Only those who may publish see the flag as a field.
"""

from ..models import roles


class NeedsCheckAdminMixin:
    def save_model(self, request, obj, form, change):
        if not change and not roles.can_publish(request.user):
            obj.needs_check = True
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not roles.can_publish(request.user):
            readonly.append("needs_check")
        return readonly

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "needs_check"]
