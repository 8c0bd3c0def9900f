"""R19: editors saving the same story or claim from stale forms lose nothing.

k editors open the same change form, then save in turn: the first save goes
through, every later one is refused with a message naming who changed which
fields meanwhile, and nothing anyone saved is silently overwritten. On
PostgreSQL the same holds when the k saves race in k threads: the database
decides (``SELECT ... FOR UPDATE`` and ``UPDATE ... WHERE version = n``).
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from rumours.models import Article, TransferClaim

from .factories import ArticleFactory, TransferClaimFactory, UserFactory
from .support.admin_forms import admin_url
from .support.editorial import change_form, editor, logged_in, save_change

pytestmark = pytest.mark.django_db

STALE = "saved this {thing} while you were editing it"


class Target:
    """What the k editors edit: a story, a claim, or a claim inline in its story."""

    def __init__(self, kind):
        self.kind = kind
        claim = TransferClaimFactory(article=ArticleFactory(author=UserFactory()))
        self.article, self.claim = claim.article, claim

    @property
    def form_obj(self):
        return self.claim if self.kind == "claim" else self.article

    @property
    def thing(self):
        return "transfer claim" if self.kind == "claim" else "article"

    def edit(self, data, index):
        if self.kind == "article":
            data["headline"] = f"Edit number {index}"
        elif self.kind == "claim":
            data["quote"] = f"Edit number {index}"
        else:
            data["claims-0-quote"] = f"Edit number {index}"
        return f"Edit number {index}"

    def stored(self):
        if self.kind == "article":
            return Article.objects.get(pk=self.article.pk).headline
        return TransferClaim.objects.get(pk=self.claim.pk).quote


def stale_saves(k, kind):
    """Have ``k`` editors load one form, then save in turn; return the tallies."""
    target = Target(kind)
    editors = [logged_in(Client(), editor()) for _ in range(k)]
    forms = [change_form(client, target.form_obj) for client in editors]
    committed, conflicts, messages = [], 0, []
    for index, (client, data) in enumerate(zip(editors, forms, strict=True)):
        value = target.edit(data, index)
        response = save_change(client, target.form_obj, data)
        if response.status_code == 302:
            committed.append(value)
        elif STALE.format(thing=target.thing) in response.content.decode():
            conflicts += 1
            messages.append(response.content.decode())
    lost = sum(value != target.stored() for value in committed)
    return len(committed), conflicts, lost, messages


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["article", "claim", "inline claim"])
@pytest.mark.parametrize("k", [3, 10])
def test_r19_stale_saves_commit_once_and_refuse_the_rest(k, kind, reliability_report):
    committed, conflicts, lost, _ = stale_saves(k, kind)

    reliability_report(
        f"R19 concurrency: k={k}, committed {committed}, "
        f"conflicts {conflicts}, lost {lost} ({kind}, stale forms saved in turn)"
    )
    assert (committed, conflicts, lost) == (1, k - 1, 0)


def test_the_refusal_names_who_changed_which_fields():
    first = editor(first_name="Ann", last_name="Editor")
    target = Target("article")
    ann, bob = logged_in(Client(), first), logged_in(Client(), editor())
    ann_form, bob_form = (
        change_form(ann, target.article),
        change_form(bob, target.article),
    )
    ann_form.update(headline="Ann's headline", standfirst="Ann's standfirst")
    save_change(ann, target.article, ann_form)
    bob_form["body"] = "Bob's body"

    response = save_change(bob, target.article, bob_form)

    assert response.status_code == 200
    assert (
        "Not saved: Ann Editor saved this article while you were editing it "
        "(changed: headline, standfirst). Reload the page to see their version, "
        "then make your changes again; both versions are kept in its history."
    ) in [str(error) for errors in response.context["errors"] for error in errors]


def test_a_stale_form_saving_nothing_new_is_refused_too():
    target = Target("article")
    ann, bob = logged_in(Client(), editor()), logged_in(Client(), editor())
    ann_form, bob_form = (
        change_form(ann, target.article),
        change_form(bob, target.article),
    )
    ann_form["headline"] = "Ann's headline"
    save_change(ann, target.article, ann_form)

    response = save_change(bob, target.article, bob_form)

    assert response.status_code in (200, 302)
    assert Article.objects.get(pk=target.article.pk).headline == "Ann's headline"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["article", "claim"])
@pytest.mark.parametrize("k", [3, 10])
def test_r19_racing_saves_commit_once_on_postgresql(k, kind, reliability_report):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL")
    target = Target(kind)
    editors = [logged_in(Client(), editor()) for _ in range(k)]
    forms = [change_form(client, target.form_obj) for client in editors]
    url = admin_url(type(target.form_obj), "change", target.form_obj.pk)
    start, results = threading.Barrier(k), [None] * k

    def save(index):
        value = target.edit(forms[index], index)
        start.wait()
        try:
            response = editors[index].post(url, forms[index])
            stale = STALE.format(thing=target.thing) in response.content.decode()
            results[index] = (response.status_code, stale, value)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(k)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    committed = [value for code, _, value in results if code == 302]
    conflicts = sum(stale for code, stale, _ in results if code == 200)
    lost = sum(value != target.stored() for value in committed)
    reliability_report(
        f"R19 concurrency: k={k}, committed {len(committed)}, "
        f"conflicts {conflicts}, lost {lost} ({kind}, {k} racing threads on "
        "PostgreSQL)"
    )
    assert (len(committed), conflicts, lost) == (1, k - 1, 0)
