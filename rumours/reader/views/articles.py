"""The home page (latest stories) and the story page."""

from django.http import Http404, QueryDict
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from ...filters import ArticleFilter
from ...images.renditions import picture_for
from ...models import Article, Club, Competition
from ...models.article_queries import published_story, related_stories
from ...models.claim_queries import clubs_named_by
from ...models.source_records import attach_records
from .pagination import UncountedPaginator

PUBLISHER = "Transfer Desk"


class ArticleListView(ListView):
    """Latest published stories, ten a page, optionally about one club or league.

    The filters are the partner API's (``rumours.filters.ArticleFilter``),
    of which the page offers two. An unknown ``club`` or ``competition`` slug
    answers 404, like an unknown page number: a filter that names nothing is
    a broken link, not an empty result. An empty one is no filter.
    """

    template_name = "rumours/article_list.html"
    context_object_name = "articles"
    paginate_by = 10
    paginator_class = UncountedPaginator
    offered_filters = ("club", "competition")

    def get(self, request, *args, **kwargs):
        chosen = QueryDict(mutable=True)
        for name in self.offered_filters:
            if request.GET.get(name):
                chosen[name] = request.GET[name]
        self.stories = Article.objects.published().for_cards(with_clubs=True)
        self.club = self.competition = None
        # Without a filter chosen there is nothing to validate: building the
        # filter set's form was a tenth of the home page's time (#19).
        if chosen:
            filters = ArticleFilter(chosen, queryset=self.stories)
            if not filters.is_valid():
                raise Http404("No such club or competition.")
            self.stories = filters.qs
            self.club = filters.form.cleaned_data.get("club")
            self.competition = filters.form.cleaned_data.get("competition")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.stories

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = {}
        if self.club is not None:
            filters["club"] = self.club.slug
        if self.competition is not None:
            filters["competition"] = self.competition.slug
        context.update(
            club=self.club,
            competition=self.competition,
            club_choices=self.club_choices(),
            competitions=list(Competition.objects.only("name", "slug")),
            filter_query="&".join(f"{key}={value}" for key, value in filters.items()),
        )
        return context

    def club_choices(self):
        """Return the clubs the club filter offers: one competition's.

        Listing every club would make the page grow with the newsroom (400
        options on every request); a competition's clubs are a couple of
        dozen. Readers pick the competition first; the filtered club stays
        offered even when it plays in no competition.
        """
        scope = self.competition or (self.club and self.club.competition)
        if scope is None:
            return [self.club] if self.club is not None else []
        clubs = Club.objects.filter(competition=scope)
        return list(clubs.only("name", "short_name", "slug"))


class ArticleDetailView(DetailView):
    """One published story; anything else is a 404."""

    template_name = "rumours/article_detail.html"
    context_object_name = "article"

    def get_object(self, queryset=None):
        story = published_story(self.kwargs[self.slug_url_kwarg])
        if story is None:
            raise Http404("No story here.")
        return story

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        picture = picture_for(
            article.hero_image, article.hero_width, article.hero_height
        )
        absolute = self.request.build_absolute_uri
        image_url = absolute(picture.largest_jpeg) if picture else ""
        claims = article.public_claims
        attach_records(claims)
        context.update(
            claims=claims,
            settled=[claim for claim in claims if claim.is_settled],
            clubs=clubs_named_by(claims),
            related_articles=related_stories(article),
            picture=picture,
            canonical_url=absolute(article.get_absolute_url()),
            image_url=image_url,
            json_ld=news_article_json_ld(article, absolute, image_url),
            corrections=article.correction_list,
        )
        return context


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Any story, draft or scheduled, exactly as readers will see it (#5).

    Staff who may view stories only; everyone else gets a 404, as for a
    story that does not exist. Marked as a preview, ``noindex``, and never
    cached by a browser or a proxy.
    """

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_staff and user.has_perm("rumours.view_article")):
            raise Http404("No story here.")
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return DetailView.get_object(self, Article.objects.for_preview())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "preview": True}


def news_article_json_ld(article, absolute, image_url):
    """Return the schema.org ``NewsArticle`` of ``article`` as a dict."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "mainEntityOfPage": absolute(article.get_absolute_url()),
        # A previewed draft has no publication time yet.
        "datePublished": (article.published_at or article.updated_at).isoformat(),
        "dateModified": article.modified_at.isoformat(),
        "author": [{"@type": "Person", "name": article.byline}],
        "publisher": {
            "@type": "Organization",
            "name": PUBLISHER,
            "logo": {"@type": "ImageObject", "url": absolute(static("logo.png"))},
        },
    }
    if article.is_aggregated:
        data["isBasedOn"] = original_report_json_ld(article)
    if image_url:
        data["image"] = [image_url]
    return data


def original_report_json_ld(article):
    """Return the report an aggregated story is based on, as schema.org."""
    source = article.original_source
    report = {"@type": "NewsArticle"}
    if source.kind == source.Kind.JOURNALIST:
        report["author"] = {"@type": "Person", "name": source.name}
    else:
        report["publisher"] = {"@type": "Organization", "name": source.name}
    if article.original_url:
        report["url"] = article.original_url
    if article.original_published_at:
        report["datePublished"] = article.original_published_at.isoformat()
    return report
