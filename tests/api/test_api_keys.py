"""Partner keys (#4, R9): only a valid key in the header opens the API."""

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_api_key.models import APIKey

from rumours.api.auth import (
    KEY_CACHE,
    MESSAGE_EXPIRED,
    MESSAGE_INVALID,
    MESSAGE_MALFORMED,
    MESSAGE_MISSING,
    MESSAGE_REVOKED,
    key_entry,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/competitions/"


def get(authorization=None, url=URL):
    client = APIClient()
    if authorization is not None:
        client.credentials(HTTP_AUTHORIZATION=authorization)
    return client.get(url)


def revoked_key():
    api_key, key = APIKey.objects.create_key(name="Former partner")
    api_key.revoked = True
    api_key.save()
    return key


def wrong_secret_key():
    """Return a real key's prefix with its secret's last character changed."""
    _, key = APIKey.objects.create_key(name="Real")
    return key[:-1] + ("y" if key.endswith("x") else "x")


def expired_key():
    _, key = APIKey.objects.create_key(
        name="Trial partner", expiry_date=timezone.now() - dt.timedelta(days=1)
    )
    return key


def test_valid_key_is_accepted():
    _, key = APIKey.objects.create_key(name="Calcio Daily")

    response = get(f"Api-Key {key}")

    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")


def test_missing_key_is_401_with_a_reason():
    response = get()

    assert response.status_code == 401
    assert response.json() == {"detail": MESSAGE_MISSING}
    assert response["WWW-Authenticate"] == "Api-Key"


@pytest.mark.parametrize(
    ("make_header", "status", "message"),
    [
        (lambda: "Bearer abc.def", 401, MESSAGE_MALFORMED),
        (lambda: "Api-Key nodot", 401, MESSAGE_MALFORMED),
        (lambda: "Api-Key abcdefgh.wrongsecret", 401, MESSAGE_INVALID),
        (lambda: f"Api-Key {wrong_secret_key()}", 401, MESSAGE_INVALID),
        (lambda: f"Api-Key {revoked_key()}", 403, MESSAGE_REVOKED),
        (lambda: f"Api-Key {expired_key()}", 403, MESSAGE_EXPIRED),
    ],
    ids=["other-scheme", "malformed", "unknown", "wrong-secret", "revoked", "expired"],
)
def test_bad_keys_get_401_or_403_with_a_reason(make_header, status, message):
    response = get(make_header())

    assert response.status_code == status
    assert response.json() == {"detail": message}


def test_key_in_query_string_is_ignored():
    _, key = APIKey.objects.create_key(name="Calcio Daily")

    response = APIClient().get(URL, {"api_key": key, "key": key})

    assert response.status_code == 401


def test_editor_session_does_not_open_the_api(admin_client):
    response = admin_client.get(URL)

    assert response.status_code == 401


def test_create_partner_prints_the_key_once_and_stores_only_its_hash():
    out = io.StringIO()

    call_command("create_partner", "Calcio Daily", stdout=out)

    key = out.getvalue().strip().splitlines()[-1]
    api_key = APIKey.objects.get()
    assert api_key.name == "Calcio Daily"
    assert key not in api_key.hashed_key + api_key.id
    assert get(f"Api-Key {key}").status_code == 200


def key_queries(authorization):
    """Return the response and how many queries read the key table."""
    with CaptureQueriesContext(connection) as context:
        response = get(authorization)
    table = APIKey._meta.db_table
    return response, sum(table in query["sql"] for query in context.captured_queries)


def test_a_key_is_read_from_the_shared_cache_after_its_first_request():
    _, key = APIKey.objects.create_key(name="Calcio Daily")

    first, first_queries = key_queries(f"Api-Key {key}")
    second, second_queries = key_queries(f"Api-Key {key}")

    assert (first.status_code, second.status_code) == (200, 200)
    assert (first_queries, second_queries) == (1, 0)


def test_the_cached_key_row_holds_the_hash_not_the_key():
    api_key, key = APIKey.objects.create_key(name="Calcio Daily")
    get(f"Api-Key {key}")

    entry = cache.get(KEY_CACHE.format(prefix=api_key.prefix))

    assert entry["hashed_key"] == api_key.hashed_key
    assert key not in repr(entry)


def test_a_key_revoked_right_after_a_success_is_refused_on_the_next_request():
    api_key, key = APIKey.objects.create_key(name="Former partner")
    before = get(f"Api-Key {key}")

    api_key.revoked = True
    api_key.save()
    after = get(f"Api-Key {key}")

    assert before.status_code == 200
    assert after.status_code == 403
    assert after.json() == {"detail": MESSAGE_REVOKED}


def test_a_key_expired_right_after_a_success_is_refused_on_the_next_request():
    api_key, key = APIKey.objects.create_key(name="Trial partner")
    get(f"Api-Key {key}")

    api_key.expiry_date = timezone.now() - dt.timedelta(seconds=1)
    api_key.save()
    response = get(f"Api-Key {key}")

    assert response.status_code == 403
    assert response.json() == {"detail": MESSAGE_EXPIRED}


def test_a_key_deleted_right_after_a_success_is_refused_on_the_next_request():
    api_key, key = APIKey.objects.create_key(name="Former partner")
    get(f"Api-Key {key}")

    api_key.delete()
    response = get(f"Api-Key {key}")

    assert response.status_code == 401
    assert response.json() == {"detail": MESSAGE_INVALID}


def test_a_row_cached_while_a_revocation_commits_is_replaced_at_commit(
    django_capture_on_commit_callbacks,
):
    api_key, key = APIKey.objects.create_key(name="Former partner")
    valid_row = key_entry(api_key)

    with django_capture_on_commit_callbacks(execute=True):
        api_key.revoked = True
        api_key.save()
        # Another server's request read the row before the commit and
        # caches it now, after the revocation's own delete.
        cache.add(KEY_CACHE.format(prefix=api_key.prefix), valid_row, 60)
    response = get(f"Api-Key {key}")

    assert response.status_code == 403
    assert response.json() == {"detail": MESSAGE_REVOKED}


def test_a_prefix_no_key_can_have_is_refused_without_a_query():
    response, queries = key_queries("Api-Key not/a:prefix.secret")

    assert response.status_code == 401
    assert response.json() == {"detail": MESSAGE_INVALID}
    assert queries == 0


def test_r9_api_keys(reliability_report):
    _, good = APIKey.objects.create_key(name="Calcio Daily")
    bad = {
        "missing": None,
        "other-scheme": f"Bearer {good}",
        "bare": good,
        "malformed": "Api-Key nodot",
        "wrong": f"Api-Key {good[:-2]}zz",
        "revoked": f"Api-Key {revoked_key()}",
        "expired": f"Api-Key {expired_key()}",
    }
    query_string = APIClient().get(URL, {"api_key": good}).status_code

    codes = {name: get(header).status_code for name, header in bad.items()}

    wrongly_accepted = [name for name, code in codes.items() if code not in (401, 403)]
    if query_string not in (401, 403):
        wrongly_accepted.append("query-string")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, prefix, hashed_key, name FROM rest_framework_api_key_apikey"
        )
        stored = " ".join(" ".join(map(str, row)) for row in cursor.fetchall())
    raw_keys_stored = sum(
        key in stored
        for key in [good, *(h.split()[-1] for h in bad.values() if h)]
        if "." in key and len(key) > 20
    )
    reliability_report(
        f"R9 api-keys: {len(bad) + 1} bad keys, {len(wrongly_accepted)} wrongly "
        f"accepted, {raw_keys_stored} raw keys stored"
    )
    assert (wrongly_accepted, raw_keys_stored) == ([], 0)


def test_the_key_signals_are_connected_when_the_app_starts():
    """Connected in AppConfig.ready(): a process that never imports the API
    (a shell, a command) still replaces the cached row of a key it revokes."""
    from django.db.models.signals import post_delete, post_save

    from rumours.api.auth import key_changed

    for signal in (post_save, post_delete):
        sync_receivers, _ = signal._live_receivers(APIKey)
        assert key_changed in sync_receivers
