"""The peer's transfer stories: an index page and rich-text story pages."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

LISTED_STORIES = 20
RELATED_STORIES = 5


class StoryIndexPage(Page):
    intro = RichTextField(blank=True)

    subpage_types = ["news.StoryPage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = StoryPage.objects.child_of(self).live().order_by("-date")
        context["stories"] = stories[:LISTED_STORIES]
        return context


class StoryPage(Page):
    date = models.DateField("Post date")
    intro = models.CharField(max_length=250)
    source = models.CharField(max_length=120, blank=True)
    body = RichTextField(blank=True)

    parent_page_types = ["news.StoryIndexPage"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("source"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("date"),
        APIField("intro"),
        APIField("source"),
        APIField("body"),
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        siblings = StoryPage.objects.live().sibling_of(self, inclusive=False)
        context["related"] = siblings.order_by("-date")[:RELATED_STORIES]
        return context
