"""Static analysis (R26) and known vulnerabilities (R27).

bandit comes with the test tools (requirements-dev.txt); semgrep and
pip-audit live in ``.venv-security`` (requirements-security.txt; `make test`
installs it) because semgrep pins versions of click and jsonschema that the
test tools need newer. semgrep runs only the local rules in
semgrep/rules.yml, never its registry (it hangs without the internet).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path

import django
import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parent.parent
RULES = BASE_DIR / "semgrep" / "rules.yml"
SCANNED = ["newsroom", "rumours", "templates"]
SECURITY_BIN = BASE_DIR / ".venv-security" / "bin"
PROBE_TIMEOUT = 3

# A suppression names what it suppresses and says why: after a second "#"
# for bandit (which reads every word up to it as a test id), after " - " for
# semgrep.
JUSTIFIED = {
    "nosec": re.compile(r"# nosec( B\d+)+ # \S"),
    "nosemgrep": re.compile(r"nosemgrep: [\w-]+(, [\w-]+)* - \S"),
}


def tool(name):
    """Return the path of ``name``, or skip (fail on CI) when it is missing."""
    for candidate in (Path(sys.executable).parent / name, SECURITY_BIN / name):
        if candidate.exists():
            return str(candidate)
    if found := shutil.which(name):
        return found
    message = f"{name} is not installed: run `make install-security`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def run(command, timeout=300):
    return subprocess.run(
        command,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0"},
    )


def semgrep(*paths):
    """Return semgrep's findings over ``paths`` as (rule, path, line) triples."""
    result = run(
        [
            tool("semgrep"),
            "scan",
            "--config",
            str(RULES),
            "--metrics=off",
            "--disable-version-check",
            "--quiet",
            "--json",
            *map(str, paths),
        ]
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["errors"] == []
    return {
        (item["check_id"].rsplit(".", 1)[-1], item["path"], item["start"]["line"])
        for item in report["results"]
    }


def bandit(tmp_path):
    """Return bandit's medium- and high-severity findings over our code."""
    output = tmp_path / "bandit.json"
    command = [tool("bandit"), "-r", "newsroom", "rumours", "-ll", "-q"]
    result = run([*command, "-f", "json", "-o", str(output)])
    assert result.returncode in (0, 1), result.stderr[-3000:]
    report = json.loads(output.read_text())
    assert report["errors"] == []
    return [
        f"{item['filename']}:{item['line_number']} {item['test_id']} "
        f"{item['issue_text']}"
        for item in report["results"]
    ]


@pytest.mark.slow
def test_r26_bandit_and_semgrep_find_nothing(tmp_path, reliability_report):
    bandit_findings = bandit(tmp_path)
    semgrep_findings = semgrep(*SCANNED)

    reliability_report(
        f"R26 static analysis: bandit {len(bandit_findings)} findings, "
        f"semgrep {len(semgrep_findings)} findings"
    )
    assert bandit_findings == []
    assert sorted(semgrep_findings) == []


def test_every_suppression_says_what_and_why():
    unjustified = []
    for folder in SCANNED:
        for path in sorted((BASE_DIR / folder).rglob("*")):
            if path.suffix not in (".py", ".html", ".txt", ".xml"):
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                for word, pattern in JUSTIFIED.items():
                    if word in line and not pattern.search(line):
                        unjustified.append(f"{path.relative_to(BASE_DIR)}:{number}")

    assert unjustified == []


SAMPLE_PY = """
from django.db.models.expressions import RawSQL
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_page
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.vary import vary_on_cookie


def trusted(text):
    return mark_safe(text)


def extra(queryset):
    return queryset.extra(where=["1 = 1"])


def raw(queryset, value):
    return queryset.annotate(v=RawSQL("SELECT %s", [value]))


def formatted(cursor, name):
    cursor.execute(f"SELECT * FROM t WHERE name = '{name}'")


@csrf_exempt
def unprotected(request):
    return None


class Form:
    class Meta:
        fields = "__all__"


@cache_page(60)
def shared(request):
    return None


@cache_page(60)
@vary_on_cookie
def per_cookie(request):
    return None


def parameters(cursor, name):
    cursor.execute("SELECT * FROM t WHERE name = %s", [name])
"""

SAMPLE_HTML = """<p>{{ body|safe }}</p>
{% autoescape off %}{{ body }}{% endautoescape %}
<p>{{ body }}</p>
"""

SAMPLE_JINJA = """<p>{{ body|safe }}</p>
{% autoescape false %}{{ body }}{% endautoescape %}
<p>{{ body }}</p>
"""


@pytest.mark.slow
def test_each_semgrep_rule_catches_what_it_is_for(tmp_path):
    (tmp_path / "views.py").write_text(SAMPLE_PY)
    (tmp_path / "page.html").write_text(SAMPLE_HTML)
    (tmp_path / "body.jinja").write_text(SAMPLE_JINJA)
    rules = {rule["id"] for rule in yaml.safe_load(RULES.read_text())["rules"]}

    findings = semgrep(tmp_path)

    assert {rule for rule, _, _ in findings} == rules
    assert {
        (rule, line) for rule, path, line in findings if path.endswith(".jinja")
    } == {
        ("td-template-safe-filter", 1),
        ("td-template-autoescape-off", 2),
    }
    flagged_lines = {line for _, path, line in findings if path.endswith(".py")}
    safe_lines = [
        number
        for number, line in enumerate(SAMPLE_PY.splitlines(), 1)
        if "def per_cookie" in line or '= %s", [name]' in line
    ]
    assert not flagged_lines & set(safe_lines)


def vulnerability_service():
    """Return the pip-audit service that answers here ("pypi", "osv"), or None.

    One request each, with a short timeout, for what pip-audit itself asks:
    the vulnerabilities of one installed release (Django's). A mirror that
    serves PyPI's project pages but not its release pages does not count.
    """
    version = django.get_version()
    probes = {
        "pypi": urllib.request.Request(f"https://pypi.org/pypi/Django/{version}/json"),
        "osv": urllib.request.Request(
            "https://api.osv.dev/v1/query",
            data=json.dumps(
                {"package": {"name": "django", "ecosystem": "PyPI"}, "version": version}
            ).encode(),
            headers={"Content-Type": "application/json"},
        ),
    }
    answers = {"pypi": "vulnerabilities", "osv": "vulns"}
    for service, request in probes.items():
        try:
            with urllib.request.urlopen(request, timeout=PROBE_TIMEOUT) as response:
                body = json.load(response)
        except (OSError, ValueError):
            continue
        if isinstance(body, dict) and (answers[service] in body or service == "osv"):
            return service
    return None


@pytest.mark.slow
def test_r27_pip_audit_finds_no_known_vulnerability(reliability_report):
    service = vulnerability_service()
    if service is None:
        reliability_report("R27 pip-audit: SKIPPED (no vulnerability service)")
        pytest.skip("R27 pip-audit: no vulnerability service answers here")
    site_packages = sysconfig.get_paths()["purelib"]

    result = run(
        [
            tool("pip-audit"),
            "--strict",
            "--vulnerability-service",
            service,
            "--path",
            site_packages,
            "--progress-spinner",
            "off",
            "--format",
            "json",
        ],
        timeout=600,
    )

    report = json.loads(result.stdout or "{}")
    vulnerable = [
        f"{dependency['name']} {dependency['version']}: "
        + ", ".join(v["id"] for v in dependency.get("vulns", []))
        for dependency in report.get("dependencies", [])
        if dependency.get("vulns")
    ]
    reliability_report(
        f"R27 pip-audit: {len(report.get('dependencies', []))} packages "
        f"({service}), {len(vulnerable)} with known vulnerabilities"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert vulnerable == []
