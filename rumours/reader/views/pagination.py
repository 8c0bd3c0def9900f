"""Newer and older pages without counting the archive.

Django's ``Paginator`` runs ``COUNT(*)`` over every published story on every
page, to print "page 3 of 2,000": a cost that grows with the archive, for a
number readers do not need. These pages read one story more than they show,
to know whether an older page exists: one query a page, whatever the size.
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

# The largest OFFSET the databases take (a signed 64-bit integer).
LARGEST_OFFSET = 2**63 - 1


class UncountedPaginator(Paginator):
    """A ``Paginator`` that never counts: a page knows only its neighbours."""

    @property
    def num_pages(self):
        """Not known; ``ListView`` answers ``?page=last`` with a 404."""
        return None

    def validate_number(self, number):
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number * self.per_page + 1 > LARGEST_OFFSET:
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        has_next = len(rows) > self.per_page
        return UncountedPage(rows[: self.per_page], number, self, has_next=has_next)


class UncountedPage(Page):
    def __init__(self, object_list, number, paginator, *, has_next):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self):
        return self._has_next
