from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_the_production_manifest_storage(tmp_path):
    """`make run` collects static files with whitenoise's manifest storage, which refuses broken references."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/htmx/htmx.min.*.js"))


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    """`ronghe check --deploy` with the settings of an HTTPS deployment behind a proxy reports nothing."""
    import os
    import subprocess
    import sys

    env = dict(
        os.environ,
        RONGHE_SECURE_COOKIES="1",
        RONGHE_BEHIND_TLS_PROXY="1",
        RONGHE_ALLOWED_HOSTS="erp.example.cn",
        RONGHE_DEBUG="0",
        RONGHE_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="ronghe.config.settings",
    )
    for test_only in (
        "PYTEST_XDIST_WORKER",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):  # set by the browser tests' process
        env.pop(test_only, None)
    r = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout
