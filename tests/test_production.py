"""Production settings, static files, the gunicorn config and /healthz (#6, R1)."""

import json
import os
import re
import runpy

import pytest

from newsroom.cache import ReusingRedisCache

from .support.production import BASE_DIR, PRODUCTION_ENV, manage, production_settings

pytestmark = pytest.mark.django_db

BROKEN_REDIS = "redis://127.0.0.1:1/0"


@pytest.mark.slow
def test_r1_deploy_check_reports_nothing_under_production_settings(
    reliability_report,
):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    output = result.stdout + result.stderr
    issues = re.search(r"identified (\d+) issues?", output)
    count = int(issues.group(1)) if issues else None
    if "no issues" in output:
        count = 0
    reliability_report(f"R1 deploy-check: {count} issues")
    assert result.returncode == 0, output
    assert count == 0, output


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}

    result = manage("check", env={**env, "SECRET_KEY": ""})

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.slow
def test_collectstatic_fingerprints_and_compresses_in_production(tmp_path):
    result = manage(
        "collectstatic",
        "--noinput",
        env={**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)},
    )

    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    fingerprinted = manifest["paths"]["css/site.css"]
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", fingerprinted)
    assert (tmp_path / f"{fingerprinted}.gz").is_file()


def test_production_keeps_sessions_in_the_shared_cache_when_redis_is_set():
    values = production_settings(REDIS_URL="redis://redis.internal:6379/0")

    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert values["CACHES"]["default"]["BACKEND"].endswith("RedisCache")


def test_production_redirects_to_https_and_sends_hsts_for_a_year():
    values = production_settings()

    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is True


def test_the_redirect_to_https_can_be_left_to_the_load_balancer():
    values = production_settings(
        SECURE_SSL_REDIRECT="false", SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO"
    )

    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_gunicorn_config_runs_one_sync_worker_a_core_without_control_socket(
    monkeypatch,
):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9123")

    config = runpy.run_path(str(BASE_DIR / "newsroom" / "gunicorn.conf.py"))

    import multiprocessing

    assert config["worker_class"] == "sync"
    assert config["workers"] == multiprocessing.cpu_count()
    assert config["control_socket_disable"] is True
    assert config["bind"] == ["127.0.0.1:9123"]
    assert "%(p)s" in config["access_log_format"]


def test_healthz_answers_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }


def test_healthz_is_never_cached(client):
    response = client.get("/healthz")

    assert "no-store" in response["Cache-Control"]


def test_healthz_reports_a_dead_cache_but_stays_ready(client, settings):
    # Readiness never hangs on Redis: every server would fail at once (#18).
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ReusingRedisCache",
            "LOCATION": BROKEN_REDIS,
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"].startswith("failed: ")


def test_liveness_asks_nothing_but_the_process(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_healthz_answers_plain_http_when_pages_redirect_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = production_settings()["SECURE_REDIRECT_EXEMPT"]

    page = client.get("/")
    health = client.get("/healthz")

    assert page.status_code == 301
    assert page["Location"].startswith("https://")
    assert health.status_code == 200


def test_deploy_doc_lists_every_environment_variable_the_settings_read():
    settings_source = (BASE_DIR / "newsroom" / "settings.py").read_text()
    gunicorn_source = (BASE_DIR / "newsroom" / "gunicorn.conf.py").read_text()
    doc = (BASE_DIR / "docs" / "deploy.md").read_text()

    read = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', settings_source))
    read |= set(re.findall(r'environ\.get\(\s*"([A-Z_]+)"', gunicorn_source))

    assert len(read) > 20
    assert sorted(name for name in read if f"`{name}`" not in doc) == []


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
def test_the_redis_cache_keeps_one_client_per_connection_pool():
    """Django builds a redis.Redis per operation; ours reuses it (#6 bench)."""
    cache = ReusingRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "reuse-test"})

    cache.set("greeting", "ciao", 5)

    assert cache.get("greeting") == "ciao"
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


def test_production_app_servers_keep_their_database_connection_a_minute():
    database = production_settings()["DATABASES"]["default"]

    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
