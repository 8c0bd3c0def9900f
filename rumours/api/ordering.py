"""The partner API's ``ordering`` parameter (#4)."""

from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

MESSAGE_ORDERING = "“{value}” is not a way to order this list; use one of: {allowed}."


class StrictOrderingFilter(OrderingFilter):
    """DRF's ordering, but an unknown field is a 400, and ties break on ``id``.

    The cursor pagination orders by what this returns, so the order a
    partner asks for is the one pages are cut in. A view's
    ``ordering_columns`` maps a public name to the column that sorts it: a
    cursor cannot be cut at a NULL, so a nullable field sorts by a non-null
    annotation of the view's queryset.
    """

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params is None:
            return self.get_default_ordering(view)
        options = self.get_options(view)
        if params not in options:
            raise ValidationError(
                {
                    self.ordering_param: [
                        MESSAGE_ORDERING.format(
                            value=params, allowed=", ".join(options)
                        )
                    ]
                }
            )
        descending = params.startswith("-")
        name = params.removeprefix("-")
        column = getattr(view, "ordering_columns", {}).get(name, name)
        return (f"-{column}" if descending else column, "-id" if descending else "id")

    def get_options(self, view):
        """Return the values ``ordering`` accepts: each field, then reversed."""
        fields = getattr(view, "ordering_fields", [])
        return [option for name in fields for option in (name, f"-{name}")]

    def get_default_ordering(self, view):
        return tuple(view.ordering)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Order of the list; a leading “-” reverses it.",
                "schema": {"type": "string", "enum": self.get_options(view)},
            }
        ]
