import pytest

from rumours.models import Article

from .factories import ArticleFactory, TransferClaimFactory

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_reviews_and_scheduled_stories():
    live = ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(review=True)
    ArticleFactory(scheduled=True)

    published = list(Article.objects.published())

    assert published == [live]


def test_claim_reads_as_player_route_and_stage():
    claim = TransferClaimFactory(
        player__name="Radu Dragusin",
        player__current_club__short_name="Tottenham",
        to_club__short_name="AC Milan",
    )

    assert str(claim) == "Radu Dragusin: Tottenham → AC Milan (Enquiry)"
