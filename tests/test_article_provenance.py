"""A story written from another's report credits it (#13).

The original outlet or journalist, the report's address and its publication
time show on the story page, in its JSON-LD (``isBasedOn``), in the JSON
Feed (``external_url``) and in the newsroom file; the byline stays the
desk's writer.
"""

import datetime as dt
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils.html import strip_tags

from rumours.models import Article, Source
from rumours.services.interchange import (
    NewsroomImportError,
    dump_newsroom,
    export_newsroom,
    import_newsroom,
)

from .factories import ArticleFactory, SourceFactory
from .support.admin_forms import admin_url, assert_saved, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
ORIGINAL_TIME = dt.datetime(2026, 3, 2, 7, 15, tzinfo=dt.UTC)


def aggregated(kind=Source.Kind.OUTLET, **values):
    outlet = SourceFactory(name="Il Foglio Sportivo", slug="il-foglio", kind=kind)
    return ArticleFactory(original_source=outlet, **values)


def page_text(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return " ".join(strip_tags(html).split())


def json_ld(client, article):
    [raw] = JSON_LD.findall(client.get(article.get_absolute_url()).content.decode())
    return json.loads(raw)


# The story page


def test_an_aggregated_story_names_the_original_and_links_its_page(client):
    article = aggregated()

    html = client.get(article.get_absolute_url()).content.decode()

    assert (
        f'Based on a report by <a href="{article.original_source.get_absolute_url()}">'
        "Il Foglio Sportivo</a>" in html
    )


def test_the_original_time_and_address_show_when_given(client):
    article = aggregated(
        original_url="https://foglio.example/dragusin",
        original_published_at=ORIGINAL_TIME,
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "first published" in html
    assert '<time datetime="2026-03-02T07:15:00+00:00">' in html
    assert (
        '<a href="https://foglio.example/dragusin" '
        'rel="external nofollow noopener noreferrer">read the original</a>'
    ) in html


def test_the_byline_stays_the_desks_writer(client):
    article = aggregated(author=None)

    assert "By Transfer Desk" in page_text(client, article)


def test_the_desks_own_story_credits_no_original(client):
    article = ArticleFactory()

    assert "Based on a report" not in page_text(client, article)


# JSON-LD


def test_json_ld_names_the_outlet_as_the_originals_publisher(client):
    article = aggregated(
        original_url="https://foglio.example/dragusin",
        original_published_at=ORIGINAL_TIME,
    )

    assert json_ld(client, article)["isBasedOn"] == {
        "@type": "NewsArticle",
        "publisher": {"@type": "Organization", "name": "Il Foglio Sportivo"},
        "url": "https://foglio.example/dragusin",
        "datePublished": "2026-03-02T07:15:00+00:00",
    }


def test_json_ld_names_a_journalist_as_the_originals_author(client):
    article = aggregated(kind=Source.Kind.JOURNALIST)

    assert json_ld(client, article)["isBasedOn"] == {
        "@type": "NewsArticle",
        "author": {"@type": "Person", "name": "Il Foglio Sportivo"},
    }


def test_json_ld_of_the_desks_own_story_is_based_on_nothing(client):
    assert "isBasedOn" not in json_ld(client, ArticleFactory())


# JSON Feed


def test_the_json_feed_gives_the_originals_address_as_external_url(client):
    aggregated(original_url="https://foglio.example/dragusin")
    ArticleFactory(published_at=ORIGINAL_TIME)

    items = client.get("/feeds/latest.json").json()["items"]

    assert [item.get("external_url") for item in items] == [
        "https://foglio.example/dragusin",
        None,
    ]


# The rules


def test_the_desk_cannot_be_the_original():
    desk = SourceFactory(kind=Source.Kind.DESK)
    article = ArticleFactory.build(original_source=desk)

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "original_source" in error.value.message_dict


def test_a_source_credited_as_an_original_cannot_be_deleted():
    article = aggregated()

    with pytest.raises(ProtectedError):
        article.original_source.delete()


# The admin


def test_an_editor_credits_the_original_from_the_story_form(admin_client):
    article = ArticleFactory()
    outlet = SourceFactory(kind=Source.Kind.OUTLET)
    url = admin_url(Article, "change", article.pk)
    data = form_data(admin_client.get(url), "article_form")
    data.update(
        original_source=str(outlet.pk),
        original_url="https://foglio.example/dragusin",
        original_published_at_0="2026-03-02",
        original_published_at_1="07:15:00",
    )

    assert_saved(admin_client.post(url, data))

    article.refresh_from_db()
    assert (article.original_source, article.original_url) == (
        outlet,
        "https://foglio.example/dragusin",
    )


def test_the_story_form_refuses_an_address_without_the_original(admin_client):
    article = ArticleFactory()
    url = admin_url(Article, "change", article.pk)
    data = form_data(admin_client.get(url), "article_form")
    data.update(original_url="https://foglio.example/dragusin")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Name the original outlet or journalist" in response.content.decode()
    article.refresh_from_db()
    assert article.original_url == ""


# The newsroom file


def imported_aggregated_story(**original):
    source = SourceFactory(slug="il-foglio", kind=Source.Kind.OUTLET)
    document = {
        "format": "transfer-desk-newsroom",
        "version": 2,
        "articles": [
            {
                "headline": "Milan ask about a centre-back",
                "slug": "milan-ask",
                "body": "Milan have asked.",
                "original": {"source": "il-foglio", **original},
            }
        ],
    }
    import_newsroom(document)
    return source


def test_the_original_imports_from_the_file():
    source = imported_aggregated_story(
        url="https://foglio.example/dragusin", published_at="2026-03-02T07:15:00Z"
    )

    article = Article.objects.get(slug="milan-ask")
    assert (
        article.original_source,
        article.original_url,
        article.original_published_at,
    ) == (source, "https://foglio.example/dragusin", ORIGINAL_TIME)


def test_the_original_exports_and_round_trips():
    imported_aggregated_story(url="https://foglio.example/dragusin")
    first = dump_newsroom(export_newsroom())

    import_newsroom(json.loads(first))

    assert json.loads(first)["articles"][0]["original"] == {
        "source": "il-foglio",
        "url": "https://foglio.example/dragusin",
        "published_at": None,
    }
    assert dump_newsroom(export_newsroom()) == first


def test_the_desks_own_story_exports_original_null():
    ArticleFactory()

    assert export_newsroom()["articles"][0]["original"] is None


@pytest.mark.parametrize(
    ("original", "kind", "message"),
    [
        (
            {"source": "il-foglio", "url": "javascript:alert(1)"},
            Source.Kind.OUTLET,
            "articles[0].original.url: Enter a valid URL.",
        ),
        (
            {"url": "https://foglio.example/dragusin"},
            Source.Kind.OUTLET,
            "articles[0].original.source: missing",
        ),
        (
            {"source": "il-foglio"},
            Source.Kind.DESK,
            "articles[0].original.source: 'il-foglio' is a source of kind desk; "
            "a story is based on a report by an outlet or a journalist",
        ),
        (
            {"source": "il-foglio", "page": 3},
            Source.Kind.OUTLET,
            "articles[0].original.page:",
        ),
    ],
    ids=["script address", "no source", "the desk", "unknown key"],
)
def test_a_bad_original_is_refused_by_path_and_nothing_is_stored(
    original, kind, message
):
    SourceFactory(slug="il-foglio", kind=kind)
    document = {
        "format": "transfer-desk-newsroom",
        "version": 2,
        "articles": [
            {
                "headline": "Milan ask",
                "slug": "milan-ask",
                "body": "Milan have asked.",
                "original": original,
            }
        ],
    }

    with pytest.raises(NewsroomImportError) as error:
        import_newsroom(document)

    assert message in str(error.value)
    assert not Article.objects.exists()
